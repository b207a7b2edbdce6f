"""Behaviours a teacher relies on that once had no test: metric entry in the Details panel, a
fixed piece staying put when dragged, a pasted station getting its own number."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


def test_a_length_typed_in_centimetres_is_stored_in_inches(gui):
    w = gui.w
    gui.set_units("metric")
    gui.drop("piece:student-desk", 120, 120)
    box = w.inspector.p_x
    x = w.doc.layout.pieces[-1].x
    assert box.text() == f"{x * 0.0254:.2f} m" and box.value() == pytest.approx(x)  # value() is inches
    box.setFocus()
    box.selectAll()
    gui.qtbot.keyClicks(box, "254")
    gui.qtbot.keyClick(box, Qt.Key.Key_Return)
    assert w.doc.layout.pieces[-1].x == pytest.approx(100.0)  # 254 cm is 100 in, not 645


def test_a_fixed_piece_stays_put_when_dragged(gui):
    w = gui.w
    gui.drop("piece:student-desk", 120, 120)
    desk = w.doc.layout.pieces[-1]
    from app.ui import commands as cmd

    cmd.push(w.doc, cmd.SetPieceFields(w.doc, desk.id, fixed=True))
    gui.drag((120, 120), (200, 180))
    moved = w.doc.piece(desk.id)
    assert (moved.x, moved.y) == (desk.x, desk.y)


def test_a_pasted_station_gets_the_next_free_number(gui):
    w = gui.w
    w.editing.arm_tool("rect:collaboration")
    gui.drag((40, 40), (120, 100))
    first = w.doc.layout.zones[-1]
    assert first.station == 1
    w.scene.select_ids([first.id])
    gui.qtbot.keyClick(w.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # duplicate
    pasted = w.doc.layout.zones[-1]
    assert pasted.id != first.id and pasted.station == 2


def test_opening_a_named_pipe_is_refused_at_once(gui, tmp_path):
    import os

    fifo = tmp_path / "room.classroom.json"
    os.mkfifo(fifo)  # nothing ever writes to it: an open() that blocked would hang the window
    plan = gui.w.doc.project
    assert gui.w.files.open_path(str(fifo)) is False
    kind, message = gui.w.messages[-1]
    assert kind == "error" and message == f"{fifo}: is a named pipe (FIFO), not a project file"
    assert gui.w.doc.project is plan


def test_selecting_a_piece_with_the_transitions_tab_open_shows_its_details(gui):
    w = gui.w
    gui.drop("piece:student-desk", 120, 120)
    w.scene.clearSelection()
    w.docks["transitions"].raise_()
    def in_front(key: str) -> bool:  # a tabbed dock behind another is "visible" but shows nothing
        return not w.docks[key].visibleRegion().isEmpty()

    gui.qtbot.waitUntil(lambda: in_front("transitions") and not in_front("inspector"))
    w.scene.select_ids([w.doc.layout.pieces[-1].id])
    gui.qtbot.waitUntil(lambda: in_front("inspector"))
    assert w.inspector.piece_id == w.doc.layout.pieces[-1].id


def test_the_window_form_names_its_wall_and_corner_by_the_compass(gui):
    w = gui.w
    gui.drop("opening:window", 356, 147)  # the east wall of the blank 30 x 32 ft room
    form = w.inspector.opening_form
    assert "on the east wall, measured from the north-east corner" in form.what.text()
    assert [form.hinge.itemText(i) for i in range(2)] == ["By the north-east corner", "By the south-east corner"]


def test_corners_are_named_from_the_rooms_middle():
    from app.geometry.shapes import corner_name
    from app.model import Room

    room = Room(outline=[(0, 0), (360, 0), (360, 384), (0, 384)])
    assert [corner_name(room, k) for k in range(4)] == ["the north-west corner", "the north-east corner",
                                                       "the south-east corner", "the south-west corner"]
