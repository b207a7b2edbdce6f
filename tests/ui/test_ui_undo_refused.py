"""A refused undo or redo says so in the status bar and leaves the stack and the plan as they were."""

from __future__ import annotations

from app.ui import commands as cmd
from app.ui.document import EditError


def _refuse(*args, **kwargs):
    """A Document method the model refuses, as it would a step it cannot take back."""
    raise EditError("the piece 'desk-9' is not in this layout")


def test_a_refused_undo_is_said_and_changes_nothing(gui, monkeypatch):
    doc = gui.w.doc
    gui.drop("piece:student-desk", 120, 120)
    pieces = list(doc.layout.pieces)
    index = doc.undo_stack.index()
    monkeypatch.setattr(doc, "remove_piece", _refuse)
    gui.w.editing.undo_action.trigger()
    assert "Could not undo that step: the piece 'desk-9' is not in this layout" in gui.w.statusBar().currentMessage()
    assert doc.undo_stack.index() == index and list(doc.layout.pieces) == pieces
    monkeypatch.undo()  # the model takes it again: the same step undoes now
    gui.w.editing.undo_action.trigger()
    assert doc.undo_stack.index() == index - 1 and len(doc.layout.pieces) == len(pieces) - 1


def test_a_refused_redo_is_said_and_changes_nothing(gui, monkeypatch):
    doc = gui.w.doc
    gui.drop("piece:student-desk", 120, 120)
    gui.w.editing.undo_action.trigger()
    pieces = list(doc.layout.pieces)
    index = doc.undo_stack.index()
    monkeypatch.setattr(doc, "add_piece", _refuse)
    gui.w.editing.redo_action.trigger()
    assert "Could not redo that step" in gui.w.statusBar().currentMessage()
    assert doc.undo_stack.index() == index and list(doc.layout.pieces) == pieces
    monkeypatch.undo()
    assert cmd.redo(doc) is None and len(doc.layout.pieces) == len(pieces) + 1
