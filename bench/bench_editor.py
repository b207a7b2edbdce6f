"""The editor's speed: one drag step at 400 pieces, the full re-check after release at 100
pieces (in the worker), the time from the command to the window on screen, and from the
window on screen to the sample's first findings.

`python -m bench editor` (offscreen). Targets: drag step (a piece, or a door along its wall;
over a traced floor plan too) <= 8 ms, re-check <= 30 ms, window <= 1.5 s, first findings <= 1 s after the window.
Medians, and each figure's ratio to its target, measured in the same run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            print("shown", time.perf_counter(), flush=True)
            app.removeEventFilter(self)
            def checked():
                print("findings", time.perf_counter(), len(obj.live.findings), flush=True)
                QTimer.singleShot(0, app.quit)
            obj.live.checked.connect(checked)
        return False
watcher = FirstPaint()
app.installEventFilter(watcher)
from app.ui.main_window import run_editor
sys.exit(run_editor(sys.argv[1]))
"""
SAMPLE = ROOT / "app" / "assets" / "samples" / "personalized-learning.classroom.json"


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _floor_plan(room):
    """A 3000 x 2400 px photo of a floor plan (lines on grey noise, JPEG) placed over the room."""
    import io
    import random

    from PIL import Image, ImageDraw

    from app.tracing import placed_over

    rnd = random.Random(0)
    image = Image.effect_noise((3000, 2400), 24).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(400):
        x, y = rnd.randrange(3000), rnd.randrange(2400)
        draw.line((x, y, x + rnd.randrange(-400, 400), y + rnd.randrange(-400, 400)), fill="black", width=6)
    data = io.BytesIO()
    image.save(data, "JPEG", quality=85)
    return placed_over(room, data.getvalue(), image.size, "photo.jpg")


def _window(n_pieces: int, traced: bool = False):
    from PySide6.QtWidgets import QApplication

    from app.model import Project
    from app.ui.document import Document
    from app.ui.main_window import MainWindow
    from bench.generate import make_layout

    app = QApplication.instance() or QApplication([])
    layout = make_layout(n_pieces, seed=1)
    tracing = _floor_plan(layout.room) if traced else None
    window = MainWindow(Document(Project(layouts=[layout], tracing=tracing)))
    window.show_error = lambda text: None
    window.resize(1366, 768)
    window.show()
    window.view.fit_room()
    app.processEvents()
    return app, window


def drag_step(n_pieces: int = 400, steps: int = 300, traced: bool = False) -> dict[str, float]:
    """Median ms for: the item moves alone, the light checks alone, and the whole step
    (move + light checks + findings panel + repaint of what changed); traced: over a floor plan."""
    from PySide6.QtCore import QPointF

    from app.ui.live_checks import with_moved

    app, window = _window(n_pieces, traced)
    scene = window.scene
    item = next(i for i in scene.pieces.values() if i.piece.solid)
    scene.clearSelection()
    item.setSelected(True)
    start = item.pos()
    app.processEvents()
    drag = scene.begin_drag(start, item)
    from app.geometry import CheckSession, check_light
    session = CheckSession()  # the drag step's own, as LiveChecks holds one
    moves, checks, steps_t = [], [], []
    for i in range(steps):
        pos = QPointF(start.x() + (i % 50) * 1.7, start.y() + (i % 30) * 1.3)
        t0 = time.perf_counter()
        item.setPos(pos)
        moves.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        check_light(with_moved(scene.document.layout, {item.piece_id: (pos.x(), pos.y())}), session)
        checks.append(time.perf_counter() - t0)
    for i in range(steps):
        pos = QPointF(start.x() + (i % 50) * 1.7, start.y() + (i % 30) * 1.3)
        t0 = time.perf_counter()
        drag.step(pos, snap=True)
        app.processEvents()  # the view repaints the dirty area (MinimalViewportUpdate)
        steps_t.append(time.perf_counter() - t0)
    drag.finish()
    window.doc.undo_stack.setClean()
    window.close()
    return {"move": _median_ms(moves), "light": _median_ms(checks), "step": _median_ms(steps_t)}


def door_drag_step(n_pieces: int = 400, steps: int = 200) -> float:
    """Median ms for one step of sliding a door along its wall (preview room, grips, light checks
    with the previewed room, repaint) in a room of n pieces."""
    from PySide6.QtCore import QPointF

    from app.canvas.walls import point_on_wall

    app, window = _window(n_pieces)
    scene = window.scene
    room = scene.document.layout.room
    door = room.doors[0]
    item = scene.parts.openings[door.id]
    scene.clearSelection()
    item.setSelected(True)
    cx, cy = point_on_wall(room.outline, door.wall, door.position)
    drag = scene.parts.begin_drag(item, QPointF(cx, cy))
    (ax, ay), (bx, by) = room.walls()[door.wall]
    length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
    times = []
    for i in range(steps):
        t = max(door.width, min(length - door.width, door.position + ((i % 40) - 20) * 3.0))
        pos = QPointF(*point_on_wall(room.outline, door.wall, t))
        t0 = time.perf_counter()
        drag.step(pos, snap=True)
        app.processEvents()
        times.append(time.perf_counter() - t0)
    drag.cancel()
    window.doc.undo_stack.setClean()
    window.close()
    return _median_ms(times)


def _checked(app, window) -> float:
    """Seconds from asking the worker for a full check to its findings in the panel."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    window.live.checked.connect(loop.quit)
    t0 = time.perf_counter()
    window.live.check_now()
    loop.exec()
    window.live.checked.disconnect(loop.quit)
    return time.perf_counter() - t0


def full_recheck(n_pieces: int = 100, repeat: int = 30) -> tuple[float, float]:
    """Median ms of every check after a drag is released (one piece moved by a command, as the
    mouse release pushes it), from the worker to the panel, and of the same with nothing changed."""
    from app.ui import commands as cmd

    app, window = _window(n_pieces)
    doc = window.doc
    _checked(app, window)
    solid = [p for p in doc.layout.pieces if p.solid]
    after_move, unchanged = [], []
    for k in range(repeat):
        piece = solid[(k * 7) % len(solid)]
        old = {piece.id: (piece.x, piece.y)}
        new = {piece.id: (piece.x + 3.0 * (1 if k % 2 else -1), piece.y + 2.0)}
        cmd.push(doc, cmd.MovePieces(doc, old, new))
        after_move.append(_checked(app, window))
        unchanged.append(_checked(app, window))
    doc.undo_stack.setClean()
    window.live.stop()
    window.close()
    return _median_ms(after_move), _median_ms(unchanged)


def window_shown(repeat: int = 5) -> tuple[float, float, float]:
    """Seconds from starting the process to the main window's first paint (on the sample), from
    that paint to the sample's first findings, and for a bare `import PySide6.QtWidgets`
    process (the floor no editor can beat)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    shown, findings, floor = [], [], []
    with tempfile.TemporaryDirectory() as home:
        env.update(HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)  # no recovery prompt, no recent files
        for _ in range(repeat):
            t0 = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-c", CHILD, str(SAMPLE)], cwd=ROOT, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            painted = None
            for line in proc.stdout:
                word, *rest = line.split()
                if word == "shown":
                    shown.append(time.perf_counter() - t0)
                    painted = float(rest[0])
                elif word == "findings" and painted is not None:
                    findings.append(float(rest[0]) - painted)
                    break
            proc.wait(timeout=30)
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import PySide6.QtWidgets"], env=env, check=True)
            floor.append(time.perf_counter() - t0)
    return statistics.median(shown), statistics.median(findings), statistics.median(floor)


def main() -> None:
    drag = drag_step()
    traced = drag_step(traced=True)
    door = door_drag_step()
    recheck, recheck_same = full_recheck()
    shown, first_findings, floor = window_shown()
    print(f"{'measure':<52}{'median':>10}{'target':>10}{'ratio':>8}")
    rows = [
        ("drag step, 400 pieces (move+light checks+repaint)", drag["step"], 8.0, "ms"),
        ("  of which: item move", drag["move"], 8.0, "ms"),
        ("  of which: check_light", drag["light"], 8.0, "ms"),
        ("drag step, 400 pieces over a traced 3000 px floor plan", traced["step"], 8.0, "ms"),
        ("door drag step along its wall, 400 pieces", door, 8.0, "ms"),
        ("full re-check after release, 100 pieces (worker)", recheck, 30.0, "ms"),
        ("  the same with nothing changed (cached)", recheck_same, 30.0, "ms"),
        ("command to window shown", shown * 1000, 1500.0, "ms"),
        ("window shown to the sample's first findings", first_findings * 1000, 1000.0, "ms"),
        ("  floor: python -c 'import PySide6.QtWidgets'", floor * 1000, 1500.0, "ms"),
    ]
    for name, value, target, unit in rows:
        verdict = "met" if value <= target else "MISSED"
        print(f"{name:<52}{value:>8.2f}{unit}{target:>8.0f}{unit}{value / target:>7.2f}x  {verdict}")
    print(f"window shown / bare Qt import: {shown / floor:.1f}x")


if __name__ == "__main__":
    main()
