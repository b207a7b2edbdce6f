"""The Transitions panel on real widgets: every committed edit is one undoable command."""

from __future__ import annotations

from PySide6.QtCore import Qt


def zones(gui, n: int) -> list[str]:
    ids = []
    for i in range(n):
        x = 24 + 84 * i
        ids.append(gui.w.scene.insert_zone("collaboration", [(x, 24), (x + 72, 24), (x + 72, 96), (x, 96)]))
    return ids


def plan(gui):
    return gui.w.doc.layout.transitions


def test_tick_zones_into_the_rotation_and_reorder_them(gui):
    a, b, c = zones(gui, 3)
    panel = gui.w.transitions
    assert panel.rotation.count() == 3
    for row in (0, 1, 2):
        panel.rotation.item(row).setCheckState(Qt.CheckState.Checked)
    assert plan(gui).rotation == [a, b, c]
    assert gui.w.doc.undo_stack.undoText().startswith("Add") and "rotation" in gui.w.doc.undo_stack.undoText()
    panel.rotation.setCurrentRow(2)
    panel.down.click()  # already last: nothing happens
    assert plan(gui).rotation == [a, b, c]
    panel.up.click()
    assert plan(gui).rotation == [a, c, b]
    assert panel.rotation.currentItem().data(Qt.ItemDataRole.UserRole) == c  # the selection follows
    panel.rotation.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert plan(gui).rotation == [c, b]
    gui.w.doc.undo_stack.undo()
    gui.w.doc.undo_stack.undo()
    assert plan(gui).rotation == [a, b, c] and panel.rotation.item(2).checkState() == Qt.CheckState.Checked


def test_direction_minutes_and_routines(gui):
    panel = gui.w.transitions
    panel.direction.setCurrentIndex(panel.direction.findData("counterclockwise"))
    panel.direction.activated.emit(panel.direction.currentIndex())
    panel.minutes.setValue(15)
    panel.minutes.editingFinished.emit()
    text = panel.texts["entrance_routine"]
    text.setFocus()
    gui.qtbot.keyClicks(text, "Students check the chart by the door.")
    text.committed.emit()
    panel.texts["rearrangement"].setPlainText("Tables go to the walls.")
    panel.texts["rearrangement"].committed.emit()
    p = plan(gui)
    assert (p.direction, p.minutes_per_station) == ("counterclockwise", 15)
    assert p.entrance_routine == "Students check the chart by the door." and p.rearrangement == "Tables go to the walls."
    count = gui.w.doc.undo_stack.count()
    text.committed.emit()  # focus leaving again without a change records nothing
    assert gui.w.doc.undo_stack.count() == count
    gui.w.doc.undo_stack.undo()
    assert plan(gui).rearrangement == "" and panel.texts["rearrangement"].toPlainText() == ""


def test_signals_table_usual_add_edit_remove(gui):
    panel = gui.w.transitions
    gui.checked()
    assert "transitions" in gui.todo()
    panel.usual.click()
    assert [(s.cue, s.meaning) for s in plan(gui).signals] == [
        ("Chime", "5 minutes left"), ("Music", "Move now"), ("Lights flicked twice", "Pause and look at the teacher")]
    gui.checked()
    assert "transitions" not in gui.todo()
    panel.usual.click()  # no duplicates
    assert len(plan(gui).signals) == 3
    panel.add_signal.click()
    assert panel.signals.rowCount() == 4 and len(plan(gui).signals) == 3  # a blank row is not a signal yet
    panel.signals.item(3, 1).setText("line up at the door")
    assert len(plan(gui).signals) == 3
    panel.signals.item(3, 0).setText("Bell")
    assert plan(gui).signals[-1].cue == "Bell" and plan(gui).signals[-1].meaning == "line up at the door"
    panel.signals.item(0, 1).setText("3 minutes left")
    assert plan(gui).signals[0].meaning == "3 minutes left"
    panel.signals.setCurrentCell(1, 0)
    panel.remove_signal.click()
    assert [s.cue for s in plan(gui).signals] == ["Chime", "Lights flicked twice", "Bell"]
    gui.w.doc.undo_stack.undo()
    assert [s.cue for s in plan(gui).signals] == ["Chime", "Music", "Lights flicked twice", "Bell"]
    assert panel.signals.item(1, 0).text() == "Music"


def test_deleting_a_zone_leaves_the_rotation_in_the_same_step(gui):
    a, b = zones(gui, 2)
    panel = gui.w.transitions
    for row in (0, 1):
        panel.rotation.item(row).setCheckState(Qt.CheckState.Checked)
    gui.w.scene.select_ids([a])
    count = gui.w.doc.undo_stack.count()
    gui.key(Qt.Key.Key_Delete)
    assert plan(gui).rotation == [b] and panel.rotation.count() == 1
    assert gui.w.doc.undo_stack.count() == count + 1
    gui.w.doc.undo_stack.undo()
    assert plan(gui).rotation == [a, b] and panel.rotation.count() == 2


def test_panel_follows_the_current_layout(gui):
    gui.w.transitions.usual.click()
    gui.w.layouts.add()  # a new, empty layout: its own plan
    assert gui.w.transitions.signals.rowCount() == 0
    gui.w.layouts.list.setCurrentRow(0)
    assert gui.w.transitions.signals.rowCount() == 3
