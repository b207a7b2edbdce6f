"""The layers hold: the model, the core (geometry, checks, storage, export) and the CLI never load Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "app"

#: the layers that must work without a screen (style.md: model and core know nothing of Qt)
CORE = [APP / "model", APP / "geometry", APP / "export", APP / "storage", APP / "storage.py",
        APP / "checks.py", APP / "evidence.py", APP / "units.py"]
QT = ("PySide6", "shiboken6", "app.ui", "app.canvas")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, node.module)]
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _python_files(paths: list[Path]) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.rglob("*.py"))
        elif path.exists():
            files.append(path)
    return files


def _is_qt(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in QT)


def test_no_core_file_imports_qt():
    files = _python_files(CORE)
    assert len(files) >= 10, "the scan found too few files: have the folders moved?"
    offenders = [f"{f.relative_to(REPO)}:{line} imports {module}"
                 for f in files for line, module in _imports(f) if _is_qt(module)]
    assert offenders == []


def test_the_cli_reaches_qt_only_through_the_editor():
    offenders = [f"app/cli.py:{line} imports {module}" for line, module in _imports(APP / "cli.py")
                 if _is_qt(module) and not module.startswith("app.ui.main_window")]
    assert offenders == []


def test_the_headless_program_never_loads_pyside6(samples_dir, tmp_path):
    sample = samples_dir / "station-rotation.classroom.json"
    script = textwrap.dedent(f"""
        import contextlib, importlib, importlib.util, io, sys
        loaded = []
        for name in ["app.model", "app.storage", "app.checks", "app.cli", "app.geometry", "app.export",
                     "app.evidence"]:
            if importlib.util.find_spec(name) is not None:
                importlib.import_module(name)
                loaded.append(name)
        from app.cli import main
        from app.storage import load_project, save_project
        save_project(load_project({str(sample)!r}), {str(tmp_path / "copy.classroom.json")!r})
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            for argv in (["check", {str(sample)!r}, "--json"], ["schema"], ["kinds"]):
                main(argv)
        qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
        print(",".join(loaded))
        print(",".join(qt) or "none")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    loaded, qt = done.stdout.splitlines()
    assert {"app.model", "app.storage", "app.checks", "app.cli"} <= set(loaded.split(","))
    assert qt == "none"


GEOMETRY = APP / "geometry"


def test_the_check_engine_keeps_no_state_in_its_modules():
    """No module-level caches (style.md: what is reused lives in a CheckSession its owner holds)."""
    offenders = []
    for path in sorted(GEOMETRY.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            value = getattr(node, "value", None)
            mutable = isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp)) or (
                isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", ""))
                in {"dict", "list", "set", "OrderedDict", "defaultdict", "count"})
            # constant tables are named in capitals (and __all__); a cache would not be
            names = [ast.unparse(t) for t in targets]
            if mutable:
                offenders += [f"{path.name}:{node.lineno} {n}" for n in names
                              if not (n.lstrip("_").isupper() or n == "__all__")]
            if isinstance(node, ast.Global):
                offenders.append(f"{path.name}:{node.lineno} global")
        offenders += [f"{path.name}: global {n.names}" for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.Global)]
    assert offenders == []


def test_the_check_engine_has_no_import_circle_and_no_private_imports():
    graph: dict[str, set[str]] = {}
    private = []
    for path in sorted(GEOMETRY.glob("*.py")):
        name = path.stem
        graph[name] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app.geometry."):
                graph[name].add(node.module.split(".")[2])
                private += [f"{name} imports {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    assert private == []
    seen: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        if seen.get(module) == 1:
            raise AssertionError(" -> ".join(trail + [module]))
        if seen.get(module) == 2:
            return
        seen[module] = 1
        for other in sorted(graph.get(module, ())):
            visit(other, trail + [module])
        seen[module] = 2

    for module in graph:
        visit(module, [])


def test_nothing_compiles_at_run_time():
    """No JIT: a teacher's first check is as fast as the second (numba and llvmlite are gone)."""
    deps = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "numba" not in deps and "llvmlite" not in deps
    sources = "\n".join(p.read_text(encoding="utf-8") for p in APP.rglob("*.py"))
    assert "import numba" not in sources and "from numba" not in sources


def _canvas_reaching_up(files: list[Path]) -> list[str]:
    return sorted({f"{path}:{line} imports {module}" for path in files for line, module in _imports(path)
                   if module == "app.ui" or module.startswith("app.ui.")})


def test_the_canvas_sits_below_the_window(tmp_path):
    """app/canvas (scene, items, tools) imports the model and the core, never app/ui: the window
    hands the scene its edit layer (app.canvas.editing.PlanEdits)."""
    assert _canvas_reaching_up(_python_files([APP / "canvas"])) == []
    # and the check itself sees such an import, in every form
    stray = tmp_path / "stray.py"
    for source in ("from app.ui import commands as cmd", "import app.ui.document", "from app.ui.document import X"):
        stray.write_text(source + "\n", encoding="utf-8")
        assert _canvas_reaching_up([stray]), source


UI = APP / "ui"


def _classes(files: list[Path]) -> list[tuple[Path, ast.ClassDef]]:
    return [(path, node) for path in files
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
            if isinstance(node, ast.ClassDef)]


def _mixins(files: list[Path]) -> list[str]:
    """Classes of the window layer that take another class of it as one of several bases: a mixin,
    one class's methods spread over files instead of a part the window holds."""
    classes = _classes(files)
    own = {node.name for _, node in classes}
    return sorted(f"{path.name}:{node.lineno} {node.name} mixes in {', '.join(mixed)}" for path, node in classes
                  if len(node.bases) > 1 and (mixed := [ast.unparse(b) for b in node.bases if ast.unparse(b) in own]))


def _forwarders(window: ast.ClassDef) -> list[str]:
    """The window's methods that only pass a call on to one of its parts (`self.files.save()`)."""
    found = []
    for method in (n for n in window.body if isinstance(n, ast.FunctionDef)):
        body = [s for s in method.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        call = body[0].value if len(body) == 1 and isinstance(body[0], (ast.Expr, ast.Return)) else None
        func = call.func if isinstance(call, ast.Call) else None
        if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute)
                and isinstance(func.value.value, ast.Name) and func.value.value.id == "self"):
            found.append(f"{method.name} -> {ast.unparse(func)}")
    return found


def test_the_window_is_one_qt_class_made_of_parts():
    """MainWindow inherits QMainWindow alone; files, exports, editing and the project's setup are
    parts it holds (window.files, ...), and it forwards nothing to them."""
    path = UI / "main_window.py"
    [window] = [node for _, node in _classes([path]) if node.name == "MainWindow"]
    assert [ast.unparse(b) for b in window.bases] == ["QMainWindow"]
    assert "PySide6.QtWidgets.QMainWindow" in {module for _, module in _imports(path)}
    assert _forwarders(window) == []


def test_no_class_of_the_window_layer_is_a_mixin(tmp_path):
    files = _python_files([UI])
    assert len(files) >= 20, "the scan found too few files: has app/ui moved?"
    assert _mixins(files) == []
    # and the checks see the shapes they forbid
    stray = tmp_path / "stray.py"
    stray.write_text(textwrap.dedent("""
        from PySide6.QtWidgets import QMainWindow
        class FileActions:
            def save(self): ...
        class MainWindow(FileActions, QMainWindow):
            def save_now(self):
                return self.files.save()
    """), encoding="utf-8")
    assert _mixins([stray]) == ["stray.py:5 MainWindow mixes in FileActions"]
    [(_, window)] = [(p, n) for p, n in _classes([stray]) if n.name == "MainWindow"]
    assert _forwarders(window) == ["save_now -> self.files.save"]
