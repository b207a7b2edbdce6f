"""`classroom-layout`: open the editor, or check, export and inspect project files without a screen.

Exit codes: 0 done (no errors in the plan), 1 the plan has errors (check), 2 the input or the
output cannot be used (one line on stderr), 3 an internal error (one line; details with
CLASSROOM_LAYOUT_DEBUG=1). Nothing here imports Qt until the editor is really opened.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from app import __version__
from app.model import Finding, Layout, Project, Severity
from app.overwrite import same_file

COMMANDS = ("edit", "run", "check", "export", "schema", "kinds")
SUFFIX = ".classroom.json"


class CommandFailed(Exception):
    """The command cannot go on; str(e) is the one line the user reads."""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerate_any_console()
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        argv = ["edit", *argv]  # `classroom-layout` and `classroom-layout FILE` open the editor
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse has printed the usage and the problem
        return int(e.code or 0)
    try:
        return args.handler(args)
    except CommandFailed as e:
        return _fail(str(e))
    except Exception as e:  # noqa: BLE001 - the one place every surprise becomes one line
        from app.storage import ProjectFileError

        if isinstance(e, ProjectFileError):
            return _fail(str(e))
        if isinstance(e, BrokenPipeError):  # `classroom-layout kinds | head`
            _silence_stdout()
            return 141
        if os.environ.get("CLASSROOM_LAYOUT_DEBUG"):
            raise
        return _fail(f"internal error: {type(e).__name__}: {_one_line(str(e))} "
                     "(run with CLASSROOM_LAYOUT_DEBUG=1 for details)", code=3)
    except KeyboardInterrupt:
        return _fail("interrupted", code=130)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (its usage block is several), exit 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="classroom-layout",
        description="Plan a classroom, check it, and export Preparation and Planning evidence.",
    )
    parser.add_argument("--version", action="version", version=f"classroom-layout {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    edit = sub.add_parser("edit", help="open the editor (the default: `classroom-layout [FILE]`)")
    edit.add_argument("file", nargs="?", metavar="FILE")
    edit.set_defaults(handler=_cmd_edit)

    run = sub.add_parser("run", help="open FILE in the editor; without a screen, check it and write the PDF")
    run.add_argument("file", metavar="FILE")
    run.add_argument("--out-dir", default="out", help="where the PDF goes without a screen (default: ./out)")
    run.set_defaults(handler=_cmd_run)

    check = sub.add_parser("check", help="check the layouts in FILE (exit 1 when there are errors)")
    check.add_argument("file", metavar="FILE")
    check.add_argument("--layout", metavar="NAME", help="only this layout (its name or id)")
    check.add_argument("--json", action="store_true", help="print the findings as a JSON array")
    check.set_defaults(handler=_cmd_check)

    export = sub.add_parser("export", help="write the evidence PDF")
    export.add_argument("file", metavar="FILE")
    export.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    export.add_argument("--layout", action="append", metavar="NAME", help="a layout to include (repeat for more)")
    export.add_argument("--paper", choices=("letter", "a4"), default="letter")
    export.add_argument("--draft", action="store_true",
                        help="the draft with the readiness checklist, instead of the submission")
    export.set_defaults(handler=_cmd_export)

    schema = sub.add_parser("schema", help="print the JSON Schema of project files")
    schema.set_defaults(handler=_cmd_schema)

    kinds = sub.add_parser("kinds", help="list furniture kinds and zone kinds")
    kinds.set_defaults(handler=_cmd_kinds)
    return parser


# --- commands -------------------------------------------------------------------------------


def _cmd_edit(args: argparse.Namespace) -> int:
    if not _has_screen() and not os.environ.get("QT_QPA_PLATFORM"):
        # without this Qt aborts the process ("could not connect to display") and dumps core
        return _fail("there is no screen to open the editor on (DISPLAY is not set); "
                     "`classroom-layout check FILE` and `export` work without one")
    return int(_editor()(args.file) or 0)


def _cmd_run(args: argparse.Namespace) -> int:
    if _has_screen():
        return int(_editor()(args.file) or 0)
    project = _load(args.file)
    print(f"No screen here: checking {args.file} and writing its evidence PDF instead of opening the editor.")
    from app.checks import check_project

    report = check_project(project, list(project.layouts))
    _print_report(report.findings)
    print()
    _print_readiness(report.readiness)
    export_pdf = _exporter()
    out_dir = Path(args.out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CommandFailed(f"{out_dir}: cannot create the output folder: {e.strerror or e}") from None
    _write_pdf(export_pdf, project, out_dir / f"{_stem(args.file)}.pdf", None, "letter", not report.readiness.ready)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from app.checks import check_project

    project = _load(args.file)
    report = check_project(project, _choose(project, args.file, [args.layout] if args.layout else None))
    if args.json:
        rows = [{**f.model_dump(mode="json"), "layout": layout.id} for layout, found in report.findings for f in found]
        print(json.dumps({"findings": rows, "readiness": report.readiness.as_json()}, indent=2, ensure_ascii=False))
    else:
        _print_report(report.findings)
        print()
        _print_readiness(report.readiness)
    return report.exit_code


def _cmd_export(args: argparse.Namespace) -> int:
    project = _load(args.file)
    keys = [layout.id for layout in _choose(project, args.file, args.layout)] if args.layout else None
    if "\x00" in args.output:
        shown = args.output.replace("\x00", "\\0")
        raise CommandFailed(f"{shown}: is not a valid file name (it holds a NUL character)")
    out = Path(args.output)
    if same_file(out, args.file):
        raise CommandFailed(f"{out}: is the project file being exported; give the PDF another name with -o")
    if out.is_dir():
        raise CommandFailed(f"{out}: is a folder; give the PDF's file name with -o")
    if not out.parent.is_dir():
        raise CommandFailed(f"{out}: cannot write the PDF: the folder {out.parent} does not exist")
    _write_pdf(_exporter(), project, out, keys, args.paper, args.draft)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from app.storage import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def _cmd_kinds(args: argparse.Namespace) -> int:
    from app.model import ZONE_KINDS, catalog
    from app.units import format_length

    items = catalog().items
    print("Furniture kinds (id, name, width x depth):")
    for item in items:
        size = f"{format_length(item.width)} x {format_length(item.depth)}"
        floor = "  (floor: walkable)" if item.walkable else ""
        print(f"  {item.id:<20} {item.name:<26} {size}{floor}")
    print("\nZone kinds (id, name):")
    for kind, style in ZONE_KINDS.items():
        print(f"  {kind.value:<20} {style.label}")
    return 0


# --- shared steps ---------------------------------------------------------------------------


def _load(path: str) -> Project:
    """The project in `path`; a file that cannot be used is CommandFailed (exit 2, its one line)."""
    from app.storage import ProjectFileError, load_project

    try:
        return load_project(path)
    except ProjectFileError as e:
        raise CommandFailed(str(e)) from None


def _choose(project: Project, source: str, keys: list[str] | None) -> list[Layout]:
    """The layouts named by id or name, in the order asked; all of them when none is named."""
    if not keys:
        return list(project.layouts)
    chosen = []
    for key in keys:
        layout = project.layout(key)
        if layout is None:
            names = ", ".join(f"{lay.name!r} (id {lay.id})" for lay in project.layouts)
            raise CommandFailed(f"{source}: no layout named {key!r}; the layouts are: {names}")
        if layout not in chosen:
            chosen.append(layout)
    return chosen


def _print_report(results: list[tuple[Layout, list[Finding]]]) -> None:
    for n, (layout, findings) in enumerate(results):
        if n:
            print()
        print(f"{layout.name or layout.id} (layout {layout.id})")
        for f in findings:
            print(f"  {f.severity.value:<8} {f.code:<28} {f.message}")
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        if not findings:
            print("  no problems found")
        else:
            print("  " + ", ".join(_plural(counts[s], s.value) for s in Severity))


def _print_readiness(verdict) -> None:
    """The verdict, then each item not met under its layout, with the one thing to do."""
    print(f"Ready to submit? {verdict.verdict()}")
    shown = None
    for item in verdict.open_items:
        layout = item.target.layout_id
        if layout != shown and layout is not None and len(verdict.layout_names) > 1:
            print(f"  {verdict.layout_names.get(layout, layout)}:")
        shown = layout
        print(f"  {item.status.value:<13} {item.requirement}: {item.detail}")


def _write_pdf(export_pdf: Any, project: Project, out: Path, keys: list[str] | None, paper: str, draft: bool) -> None:
    try:
        result = export_pdf(project, str(out), layout_keys=keys, paper=paper, draft=draft)
    except OSError as e:
        reason = e.strerror or str(e) or type(e).__name__
        raise CommandFailed(f"{out}: cannot write the PDF: {reason}") from None
    except ValueError as e:  # export_pdf's one-line refusals (a layout or paper it does not know)
        raise CommandFailed(f"{out}: {e}") from None
    kind = "draft with its checklist" if draft else "submission"
    print(f"Wrote {result.path} (the {kind}, {_plural(result.pages, 'page')})")
    print(f"Ready to submit? {result.readiness.verdict()}")
    if not result.readiness.ready:
        print("  every page says DRAFT until then; `classroom-layout check` lists what to do")


def _editor() -> Any:
    """app.ui.main_window.run_editor, imported only when a window opens: the headless commands
    never load Qt."""
    from app.ui.main_window import run_editor

    return run_editor


def _exporter() -> Any:
    """app.export.export_pdf, imported only by the commands that write a PDF (ReportLab)."""
    from app.export import export_pdf

    return export_pdf


def _has_screen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return False
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _stem(path: str) -> str:
    name = Path(path).name
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) and len(name) > len(SUFFIX) else Path(path).stem or "layout"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _fail(message: str, code: int = 2) -> int:
    print(_one_line(message), file=sys.stderr)
    return code


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _tolerate_any_console() -> None:
    # a Windows console in cp1252 cannot print a student's name in Vietnamese: replace, never crash
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
