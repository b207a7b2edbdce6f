"""The Details panel's lengths: shown in the display units, typed in any unit, one undo step each;
a bad entry keeps the old value and says why in one line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


def _type(gui, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    gui.qtbot.keyClicks(box, text)
    gui.qtbot.keyClick(box, Qt.Key.Key_Return)


def test_lengths_show_in_feet_and_inches_and_6_feet_sets_72_inches(gui):
    w = gui.w
    gui.drop("piece:student-desk", 120, 120)
    desk = w.doc.layout.pieces[-1]
    box = w.inspector.p_width
    assert box.text() == "2'-0\"" and w.inspector.p_x.text() == "10'-0\""
    count = w.doc.undo_stack.count()
    _type(gui, box, "6'")
    assert w.doc.piece(desk.id).width == 72.0 and box.text() == "6'-0\""
    assert w.doc.undo_stack.count() == count + 1  # one undo step
    _type(gui, box, "6 ft 3 in")
    assert w.doc.piece(desk.id).width == 75.0 and box.text() == "6'-3\""
    w.doc.undo_stack.undo()
    assert w.doc.piece(desk.id).width == 72.0 and box.text() == "6'-0\""


def test_metric_shows_centimetres_and_1_8_m_is_taken(gui):
    w = gui.w
    gui.set_units("metric")
    gui.drop("piece:student-desk", 120, 120)
    desk = w.doc.layout.pieces[-1]
    assert w.inspector.p_width.text() == "61 cm" and w.inspector.p_depth.text() == "46 cm"
    _type(gui, w.inspector.p_width, "1.8 m")
    assert w.doc.piece(desk.id).width == pytest.approx(70.866, abs=1e-3)
    assert w.inspector.p_width.text() == "1.80 m"
    _type(gui, w.inspector.p_depth, "50")  # a bare number is centimetres in metric
    assert w.doc.piece(desk.id).depth == pytest.approx(50 / 2.54)


def test_a_bad_entry_keeps_the_old_value_and_says_why(gui):
    w = gui.w
    gui.drop("piece:student-desk", 120, 120)
    desk = w.doc.layout.pieces[-1]
    count = w.doc.undo_stack.count()
    _type(gui, w.inspector.p_width, "abc")
    assert w.doc.piece(desk.id).width == 24.0 and w.doc.undo_stack.count() == count
    assert w.inspector.p_width.text() == "2'-0\""
    kind, text = w.messages[-1]
    assert kind == "error" and "'abc' is not a length" in text and "\n" not in text


def test_leaving_an_untouched_field_never_rounds_the_piece(gui):
    w = gui.w
    gui.drop("piece:student-desk", 120, 120)
    desk = w.doc.layout.pieces[-1]
    from app.ui import commands as cmd

    cmd.push(w.doc, cmd.SetPieceFields(w.doc, desk.id, x=100.4))
    count = w.doc.undo_stack.count()
    box = w.inspector.p_x
    assert box.text() == "8'-4\""
    box.setFocus()
    w.inspector.p_label.setFocus()  # focus leaves the field: nothing typed, nothing changes
    box.editingFinished.emit()
    assert w.doc.piece(desk.id).x == 100.4 and w.doc.undo_stack.count() == count


def test_a_doors_width_and_place_are_in_the_display_units_too(gui):
    w = gui.w
    gui.set_units("metric")
    gui.click(312, 384)  # the blank room's door
    form = w.inspector.opening_form
    assert form.width_box.text() == "91 cm" and form.position.text() == "76 cm"
    _type(gui, form.width_box, "1 m")
    assert w.doc.layout.room.doors[0].width == pytest.approx(100 / 2.54)
    assert "ADA 404.2.3" not in form.warning.text()
    _type(gui, form.width_box, "30 in")
    assert not form.warning.isHidden() and form.warning.text().startswith("Narrower than 81 cm")
    _type(gui, form.position, "5'")  # the far end of the door 5 ft from its corner
    door = w.doc.layout.room.doors[0]
    assert door.position - door.width / 2 == pytest.approx(60.0)
