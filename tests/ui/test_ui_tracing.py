"""File > Trace a floor plan…: an image under the plan, calibrated by two clicks and a typed
distance, squared, moved, faded, locked, hidden and removed, each one undo step; kept in the file."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.canvas.scene import PlanScene
from app.canvas.tracing import MoveTracingTool, PickPointsTool
from app.model.fields import image_kind
from app.storage import load_project, save_project
from app.tracing import placed_over
from app.ui.document import Document, blank_project
from app.ui.plan_edits import DocumentEdits

DOTS = ((100, 500), (1100, 500))  # two marks on the drawing, 1000 px apart: the ends of a 30 ft wall


def plan_image(path, turn: float = 0.0):
    """A 1200 x 1000 px floor plan: a thick wall outline and two red dots, turned `turn` degrees."""
    image = Image.new("RGB", (1200, 1000), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 1100, 900), outline="black", width=14)
    for x, y in DOTS:
        draw.ellipse((x - 7, y - 7, x + 7, y + 7), fill="red")
    if turn:
        image = image.rotate(-turn, fillcolor="white")  # PIL turns counterclockwise
    image.save(path)
    return path


def turned_pixel(x: float, y: float, degrees: float) -> tuple[float, float]:
    """Where a pixel of the drawing went when plan_image turned it clockwise about its middle."""
    a = math.radians(degrees)
    dx, dy = x - 600, y - 500
    return 600 + dx * math.cos(a) - dy * math.sin(a), 500 + dx * math.sin(a) + dy * math.cos(a)


def on_plan(tracing, px: float, py: float, pixels=(1200, 1000)) -> tuple[float, float]:
    """Where a pixel of the image lies on the plan."""
    u = (px / pixels[0] - 0.5) * tracing.width
    v = (py / pixels[1] - 0.5) * tracing.depth
    a = math.radians(tracing.rotation)
    return tracing.x + u * math.cos(a) - v * math.sin(a), tracing.y + u * math.sin(a) + v * math.cos(a)


@pytest.fixture
def traced(gui, tmp_path):
    """The editor with plan.png traced through File > Trace a floor plan…"""
    w = gui.w
    path = plan_image(tmp_path / "plan.png")
    w.floor_plan.ask_path = lambda: str(path)
    trace = next(a for a in w.menuBar().actions()[0].menu().actions() if a.text() == "&Trace a floor plan…")
    trace.trigger()
    assert w.doc.project.tracing is not None
    return gui


def test_tracing_shows_the_image_under_the_room_and_undo_takes_it_away(traced):
    w = traced.w
    t = w.doc.project.tracing
    assert t.name == "plan.png" and t.visible and not t.in_pdf
    assert w.scene.tracing_item.isVisible()
    traced.qtbot.waitUntil(lambda: not w.scene.tracing_item.image.isNull())  # decoded off the GUI thread
    assert w.docks["floor-plan"].isVisible() and not w.floor_plan.visibleRegion().isEmpty()
    assert w.doc.undo_stack.undoText() == "Trace plan.png"
    assert "set its scale" in w.statusBar().currentMessage()
    w.editing.undo_action.trigger()
    assert w.doc.project.tracing is None and not w.scene.tracing_item.isVisible()
    assert w.floor_plan.intro.isVisible()


def test_two_clicked_points_and_a_typed_distance_set_the_scale_within_half_a_percent(traced):
    w, gui = traced.w, traced
    t = w.doc.project.tracing
    a, b = (on_plan(t, *DOTS[0]), on_plan(t, *DOTS[1]))
    asked = []
    w.floor_plan.ask_distance = lambda measured: asked.append(measured) or "30'"
    w.floor_plan.buttons["scale"].click()
    assert isinstance(w.scene.tool, PickPointsTool)
    assert w.statusBar().currentMessage().startswith("Click two points on the floor plan")
    gui.click(*a)
    gui.click(*b)
    assert len(asked) == 1 and type(w.scene.tool).__name__ == "SelectTool"
    scaled = w.doc.project.tracing
    true = math.dist(on_plan(scaled, *DOTS[0]), on_plan(scaled, *DOTS[1]))
    assert true == pytest.approx(360.0, rel=0.005)
    assert w.doc.undo_stack.undoText() == "Set the floor plan's scale"
    w.editing.undo_action.trigger()
    assert w.doc.project.tracing == t


def test_a_distance_that_is_not_a_length_is_said_and_asked_again(traced):
    w, gui = traced.w, traced
    t = w.doc.project.tracing
    answers = iter(["thirty feet", "9.144 m"])
    w.floor_plan.ask_distance = lambda measured: next(answers)
    w.floor_plan.start_scale()
    gui.click(*on_plan(t, *DOTS[0]))
    gui.click(*on_plan(t, *DOTS[1]))
    assert [kind for kind, _ in w.messages] == ["error"] and w.messages[0][1].startswith("'thirty feet': ")
    scaled = w.doc.project.tracing
    assert math.dist(on_plan(scaled, *DOTS[0]), on_plan(scaled, *DOTS[1])) == pytest.approx(360.0, rel=0.005)


def test_squaring_to_a_wall_turns_a_crooked_photo_straight(gui, tmp_path):
    w = gui.w
    w.floor_plan.ask_path = lambda: str(plan_image(tmp_path / "crooked.png", turn=3.0))
    w.floor_plan.trace()
    t = w.doc.project.tracing
    # the top wall of the drawing, 3 degrees off: click near both of its ends
    ends = [on_plan(t, *turned_pixel(x, 100, 3.0)) for x in (150, 1050)]
    w.floor_plan.buttons["square"].click()
    gui.click(*ends[0])
    gui.click(*ends[1])
    square = w.doc.project.tracing
    assert abs(((square.rotation + 180) % 360) - 180 + 3.0) < 0.3  # turned back by about 3 degrees
    assert w.doc.undo_stack.undoText() == "Square the floor plan"


def test_move_lock_fade_hide_and_the_pdf_flag_are_each_one_undo_step(traced):
    w, gui = traced.w, traced
    panel = w.floor_plan
    t = w.doc.project.tracing
    panel.buttons["move"].click()
    assert isinstance(w.scene.tool, MoveTracingTool) and panel.buttons["move"].isChecked()
    gui.drag((100, 100), (130, 80))
    moved = w.doc.project.tracing
    assert (moved.x - t.x, moved.y - t.y) == pytest.approx((30, -20), abs=1.0)
    assert w.doc.undo_stack.undoText() == "Move the floor plan"
    traced.key(Qt.Key.Key_Escape)
    assert not panel.buttons["move"].isChecked()

    panel.opacity.setValue(80)
    assert w.doc.project.tracing.opacity == 0.8
    panel.checks["locked"].click()
    assert w.doc.project.tracing.locked
    assert not any(panel.buttons[k].isEnabled() for k in ("scale", "square", "move")) and not panel.turn.isEnabled()
    panel.checks["visible"].click()
    assert not w.doc.project.tracing.visible and not w.scene.tracing_item.isVisible()
    panel.checks["in_pdf"].click()
    assert w.doc.project.tracing.in_pdf
    steps = [w.doc.undo_stack.text(i) for i in range(w.doc.undo_stack.count())]
    assert steps[-5:] == ["Move the floor plan", "Change the floor plan's strength", "Lock the floor plan",
                          "Hide the floor plan", "Show the floor plan in the PDF"]
    for _ in range(4):
        w.editing.undo_action.trigger()
    assert w.doc.project.tracing == moved and panel.opacity.value() == 50 and panel.buttons["scale"].isEnabled()


def test_turning_by_the_field_and_removing(traced):
    w = traced.w
    panel = w.floor_plan
    panel.turn.setValue(-2.5)
    assert w.doc.project.tracing.rotation == pytest.approx(357.5)
    panel.buttons["remove"].click()
    assert w.doc.project.tracing is None and w.doc.undo_stack.undoText() == "Remove the floor plan"
    w.editing.undo_action.trigger()
    assert w.doc.project.tracing.rotation == pytest.approx(357.5) and panel.turn.value() == pytest.approx(-2.5)


def test_an_image_too_large_is_refused_with_one_line_and_nothing_changes(gui, tmp_path):
    w = gui.w
    big = tmp_path / "scan.png"
    Image.new("1", (8000, 6000)).save(big)
    w.floor_plan.ask_path = lambda: str(big)
    assert not w.floor_plan.trace()
    assert w.messages == [("error", "scan.png is 8,000 x 6,000 pixels; a floor plan image may have at most 40 million "
                                    "(save it smaller: 150 dpi is plenty to trace)")]
    assert w.doc.project.tracing is None and w.doc.undo_stack.count() == 0


def test_the_floor_plan_is_saved_with_the_project_and_comes_back(traced, tmp_path):
    w = traced.w
    path = tmp_path / "room.classroom.json"
    w.files.ask_save_path = lambda *a, **k: str(path)
    assert w.files.save_as()
    again = load_project(path)
    assert again.tracing == w.doc.project.tracing
    assert w.files.open_path(path)
    assert w.scene.tracing_item.isVisible() and w.floor_plan.name.text() == "<b>plan.png</b>"


def test_over_a_shown_floor_plan_a_dragged_corner_lands_where_it_is_let_go_not_on_the_grid(traced):
    w, gui = traced.w, traced
    w.setup.toggle_snapping(True)
    gui.drag((360, 384), (353.3, 377.1))  # the south-east corner, onto a line drawn on the image
    x, y = w.doc.layout.room.outline[2]
    assert (x, y) != (348, 372) and (x, y) != (360, 384)
    assert (x, y) == pytest.approx((353.3, 377.1), abs=1.0)
    w.floor_plan.checks["visible"].click()  # hidden: the grid catches corners again
    gui.drag((x, y), (349.0, 373.0))
    assert w.doc.layout.room.outline[2] == (348.0, 372.0)


def test_a_pdf_page_asks_which_page_to_trace(gui, tmp_path):
    from reportlab.pdfgen import canvas

    w = gui.w
    pdf = tmp_path / "school.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(792, 612))
    for _ in range(3):
        c.rect(72, 72, 600, 400)
        c.showPage()
    c.save()
    asked = []
    w.floor_plan.ask_path = lambda: str(pdf)
    w.floor_plan.ask_page = lambda pages: asked.append(pages) or 2
    assert w.floor_plan.trace()
    assert asked == [3] and w.doc.project.tracing.name == "school.pdf, page 2"
    assert image_kind(w.doc.project.tracing.image_bytes()) == "PNG"


def test_the_map_as_png_leaves_the_floor_plan_out_unless_the_pdf_would_show_it(gui, tmp_path):
    w = gui.w
    red = tmp_path / "red.png"
    Image.new("RGB", (300, 300), (230, 20, 20)).save(red)
    w.floor_plan.ask_path = lambda: str(red)
    w.floor_plan.trace()
    w.floor_plan.opacity.setValue(100)

    def reds(name: str) -> int:
        assert w.exports.export_image("png", str(tmp_path / name))
        with Image.open(tmp_path / name) as image:
            rgb = np.asarray(image.convert("RGB")).astype(int)
        return int(((rgb[..., 0] > 200) & (rgb[..., 1] < 60) & (rgb[..., 2] < 60)).sum())

    assert reds("plain.png") == 0
    assert w.scene.tracing_item.isVisible()  # still shown on screen afterwards
    w.floor_plan.checks["in_pdf"].click()
    assert reds("traced.png") > 100_000


def test_opening_a_traced_plan_decodes_the_image_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    project = blank_project()
    data = plan_image(tmp_path / "plan.png").read_bytes()
    project.tracing = placed_over(project.layouts[0].room, data, (1200, 1000), "plan.png")
    threads = []
    original = QImage.fromData

    def decode(raw):
        threads.append(threading.current_thread().name)
        return original(raw)

    monkeypatch.setattr(QImage, "fromData", decode)
    doc = Document(project)
    scene = PlanScene()
    scene.set_document(doc, DocumentEdits(doc))
    item = scene.tracing_item
    assert item.image.isNull()  # the plan shows at once, the sheet blank for a moment
    qtbot.waitUntil(lambda: not item.image.isNull())
    assert threads == ["floor-plan"] and item.image.width() == 1200


def test_replacing_keeps_the_place_and_width_on_the_plan_and_is_one_step(traced, tmp_path):
    w = traced.w
    panel = w.floor_plan
    panel.turn.setValue(3.0)
    old = w.doc.project.tracing
    sharper = tmp_path / "sharper.png"
    Image.new("RGB", (2400, 2000), "white").save(sharper)  # the same drawing scanned at twice the dpi
    panel.ask_path = lambda: str(sharper)
    assert panel.replace()
    new = w.doc.project.tracing
    assert (new.name, new.x, new.y, new.width, new.rotation) == ("sharper.png", old.x, old.y, old.width, 0.0)
    assert new.depth == pytest.approx(old.depth) and new.opacity == old.opacity
    assert w.doc.undo_stack.undoText() == "Replace the floor plan with sharper.png"
    w.editing.undo_action.trigger()
    assert w.doc.project.tracing == old


def test_a_plan_whose_floor_plan_image_is_damaged_opens_and_says_so(gui, tmp_path):
    w = gui.w
    data = plan_image(tmp_path / "plan.png").read_bytes()
    project = blank_project()
    project.tracing = placed_over(project.layouts[0].room, data[: len(data) // 2], (1200, 1000), "plan.png")
    save_project(project, tmp_path / "room.classroom.json")
    assert w.files.open_path(tmp_path / "room.classroom.json")
    gui.qtbot.waitUntil(lambda: w.floor_plan.damaged)
    assert "damaged" in w.floor_plan.size.text() and w.floor_plan.buttons["replace"].isVisible()
    assert [kind for kind, _ in w.messages] == ["error"] and "damaged" in w.messages[0][1]


def test_a_new_floor_plan_is_read_off_the_gui_thread_with_the_window_live(gui, tmp_path, monkeypatch):
    import time

    from PySide6.QtCore import QTimer

    import app.tracing

    w = gui.w
    path = plan_image(tmp_path / "plan.png")
    read = app.tracing.read_floor_plan
    seen = []

    def slow_read(*args):
        seen.append(threading.current_thread().name)
        time.sleep(0.3)  # a large scan
        return read(*args)

    monkeypatch.setattr(app.tracing, "read_floor_plan", slow_read)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    w.floor_plan.ask_path = lambda: str(path)
    assert w.floor_plan.trace()
    timer.stop()
    assert seen == ["floor-plan"] and len(ticks) >= 5  # the window's own timers ran meanwhile
    assert w.doc.project.tracing.name == "plan.png"


def test_a_distance_that_would_make_the_plan_absurdly_large_is_refused_in_one_line(traced):
    w, gui = traced.w, traced
    t = w.doc.project.tracing
    answers = iter(["40000'", "30'"])
    w.floor_plan.ask_distance = lambda measured: next(answers)
    w.floor_plan.start_scale()
    gui.click(*on_plan(t, *DOTS[0]))
    gui.click(*on_plan(t, *DOTS[1]))
    [(kind, text)] = w.messages
    assert kind == "error" and text.startswith("\"40000'\": tracing.") and "000 ft" in text and "\n" not in text
    assert "[type=" not in text and "pydantic" not in text
    assert w.doc.undo_stack.undoText() == "Set the floor plan's scale"
