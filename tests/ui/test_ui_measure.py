"""The measure tool (M) and the gaps drawn round a dragged piece, read off the plan's dimension
lines in the display units."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTransform

from app.canvas.overlays import DimensionLines
from app.canvas.tools import MeasureTool


def _exact_view(gui, centre) -> None:
    """4 px per inch with whole-pixel scrolling: whole inches on the plan land on whole pixels."""
    view = gui.w.view
    view.zoom_by(2.0)  # the view stops keeping the room fitted
    view.setTransform(QTransform.fromScale(4, 4))
    view.centerOn(*centre)


def _shown(scene) -> list[str]:
    return [t for item in scene.items() if isinstance(item, DimensionLines) and item.isVisible() for t in item.texts]


def test_m_arms_the_measure_tool_and_a_drag_shows_its_length(gui):
    w = gui.w
    _exact_view(gui, (60, 96))
    gui.key(Qt.Key.Key_M)
    assert isinstance(w.scene.tool, MeasureTool)
    assert w.statusBar().currentMessage() == "Drag to measure · Esc to stop"
    gui.drag((60, 60), (60, 132))
    assert w.scene.tool.length == 72.0 and _shown(w.scene) == ["6'-0\""]
    assert isinstance(w.scene.tool, MeasureTool)  # it stays armed for the next measure
    gui.key(Qt.Key.Key_Escape)
    assert type(w.scene.tool).__name__ == "SelectTool" and _shown(w.scene) == []


def test_metric_measures_in_centimetres_and_a_new_measure_replaces_the_line(gui):
    w = gui.w
    gui.set_units("metric")
    _exact_view(gui, (60, 96))
    gui.key(Qt.Key.Key_M)
    gui.drag((60, 60), (60, 132))
    assert _shown(w.scene) == ["1.83 m"]  # 182.9 cm: format_length writes metres from 1 m up
    gui.drag((60, 60), (90, 60))
    assert w.scene.tool.length == 30.0 and _shown(w.scene) == ["76 cm"]


def test_the_ends_catch_on_a_room_corner_when_snapping(gui):
    w = gui.w
    _exact_view(gui, (40, 40))
    w.setup.toggle_snapping(True)
    gui.key(Qt.Key.Key_M)
    gui.drag((1, 1), (1, 49))  # 1 in from the corner, within 8 px; the other end catches on the wall
    assert w.scene.tool.length == 49.0 and _shown(w.scene) == ["4'-1\""]


def test_switching_tools_takes_the_line_away(gui):
    w = gui.w
    _exact_view(gui, (60, 96))
    gui.key(Qt.Key.Key_M)
    gui.drag((60, 60), (60, 132))
    w.editing.arm_tool("rect:collaboration")
    assert _shown(w.scene) == []


def test_dragging_a_desk_shows_the_gaps_to_its_neighbour_and_the_walls(gui):
    w, qtbot = gui.w, gui.qtbot
    gui.drop("piece:student-desk", 120, 120)  # 24 x 18 in, lands at x 108..132, y 108..126
    gui.drop("piece:student-desk", 200, 120)  # x 192..216
    assert [(p.x, p.y) for p in w.doc.layout.pieces] == [(120.0, 117.0), (204.0, 117.0)]
    _exact_view(gui, (150, 120))
    w.setup.toggle_snapping(True)
    gui.click(120, 117)
    viewport = w.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, gui.vp(120, 117))
    for x in (130, 140, 150, 156):
        qtbot.mouseMove(viewport, gui.vp(x, 117))
    # now at x 144..168: 2 ft to the other desk, 12 ft to the left wall, 9 ft up, 21'-6" down (384 - 126)
    assert sorted(_shown(w.scene)) == sorted(["12'-0\"", "2'-0\"", "9'-0\"", "21'-6\""])
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, gui.vp(156, 117))
    assert w.doc.layout.pieces[0].x == 156.0 and _shown(w.scene) == []


def test_the_gap_to_a_neighbour_follows_the_display_units(gui):
    w, qtbot = gui.w, gui.qtbot
    gui.set_units("metric")
    w.setup.toggle_snapping(False)
    gui.drop("piece:student-desk", 120, 120)
    gui.drop("piece:student-desk", 200, 120)
    a, b = w.doc.layout.pieces
    _exact_view(gui, (150, 120))
    gui.click(a.x, a.y)
    viewport = w.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, gui.vp(a.x, a.y))
    qtbot.mouseMove(viewport, gui.vp(a.x + 20, a.y))
    gap = (b.x - b.width / 2) - (a.x + 20 + a.width / 2)
    assert f"{gap * 2.54:.0f} cm" in _shown(w.scene)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, gui.vp(a.x + 20, a.y))
