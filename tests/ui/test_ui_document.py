"""Tier 2: Document + commands on a bare QUndoStack (no widgets)."""

from __future__ import annotations

import pytest

from app.model import Piece, Zone, ZoneKind
from app.storage import load_project, save_project
from app.ui import commands as cmd
from app.ui.document import Document, EditError, blank_project


@pytest.fixture
def doc(qapp):
    return Document(blank_project())


def desk(i: int, x: float = 60, y: float = 60) -> Piece:
    return Piece(id=f"desk-{i}", kind="student-desk", x=x, y=y)


def test_add_undo_redo_round_trip(doc):
    doc.undo_stack.push(cmd.AddPiece(doc, desk(1)))
    assert [p.id for p in doc.layout.pieces] == ["desk-1"]
    assert doc.undo_stack.undoText() == "Add Student desk"
    doc.undo_stack.undo()
    assert doc.layout.pieces == []
    doc.undo_stack.redo()
    assert doc.layout.pieces[0].x == 60


def test_move_is_one_step_with_old_and_new(doc):
    for i in range(3):
        doc.add_piece(desk(i, x=30 + 40 * i))
    old = {p.id: (p.x, p.y) for p in doc.layout.pieces}
    new = {pid: (x + 10, y + 5) for pid, (x, y) in old.items()}
    doc.undo_stack.push(cmd.MovePieces(doc, old, new))
    assert doc.undo_stack.undoText() == "Move 3 pieces"
    assert [(p.x, p.y) for p in doc.layout.pieces] == [(40, 65), (80, 65), (120, 65)]
    doc.undo_stack.undo()
    assert {p.id: (p.x, p.y) for p in doc.layout.pieces} == old


def test_nudges_merge_but_drags_do_not(doc):
    doc.add_piece(desk(1))
    for step in range(1, 4):
        doc.undo_stack.push(cmd.MovePieces(doc, {"desk-1": (60 + step - 1, 60)}, {"desk-1": (60 + step, 60)}, nudge=True))
    assert doc.undo_stack.count() == 1
    doc.undo_stack.push(cmd.MovePieces(doc, {"desk-1": (63, 60)}, {"desk-1": (100, 60)}))
    doc.undo_stack.push(cmd.MovePieces(doc, {"desk-1": (100, 60)}, {"desk-1": (120, 60)}))
    assert doc.undo_stack.count() == 3
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.layout.pieces[0].x == 63
    doc.undo_stack.undo()
    assert doc.layout.pieces[0].x == 60


def test_remove_restores_index(doc):
    for i in range(4):
        doc.add_piece(desk(i, x=30 + 30 * i))
    doc.undo_stack.push(cmd.RemovePiece(doc, "desk-2"))
    assert [p.id for p in doc.layout.pieces] == ["desk-0", "desk-1", "desk-3"]
    doc.undo_stack.undo()
    assert [p.id for p in doc.layout.pieces] == ["desk-0", "desk-1", "desk-2", "desk-3"]


def test_remove_zone_restores_its_place_in_the_rotation(doc):
    for i in range(3):
        doc.add_zone(Zone(id=f"z{i}", kind=ZoneKind.QUIET, polygon=[(0, 0), (50, 0), (50, 50)]))
    plan = doc.layout.transitions.model_copy(update={"rotation": ["z0", "z1", "z2"]})
    doc.set_transitions(plan)
    doc.undo_stack.push(cmd.RemoveZone(doc, "z1"))
    assert doc.layout.transitions.rotation == ["z0", "z2"]
    doc.undo_stack.undo()
    assert [z.id for z in doc.layout.zones] == ["z0", "z1", "z2"]
    assert doc.layout.transitions.rotation == ["z0", "z1", "z2"]


def test_invalid_edit_is_refused_in_one_line(doc):
    doc.add_piece(desk(1))
    with pytest.raises(EditError) as info:
        doc.set_piece_fields("desk-1", width=-3)
    assert "width" in str(info.value) and "\n" not in str(info.value)
    assert doc.layout.pieces[0].width == 24
    with pytest.raises(EditError):
        doc.add_piece(desk(1))  # same id twice


def test_clean_after_save_and_dirty_after_edit(doc, tmp_path):
    doc.undo_stack.push(cmd.AddPiece(doc, desk(1)))
    assert not doc.undo_stack.isClean()
    path = tmp_path / "room.classroom.json"
    save_project(doc.project, path)
    doc.undo_stack.setClean()
    assert doc.undo_stack.isClean()
    doc.undo_stack.push(cmd.SetPieceFields(doc, "desk-1", text="Rotate Student desk", rotation=90))
    assert not doc.undo_stack.isClean()
    doc.undo_stack.undo()
    assert doc.undo_stack.isClean()
    assert load_project(path) == doc.project


def test_undo_in_another_layout_switches_to_it_first(doc):
    doc.undo_stack.push(cmd.AddPiece(doc, desk(1)))
    first = doc.layout_id
    doc.undo_stack.push(cmd.AddLayout(doc, doc.copy_of_layout(first, "Discussion")))
    second = doc.layout_id
    assert second != first and doc.layout.name == "Discussion"
    doc.undo_stack.push(cmd.MovePieces(doc, {"desk-1": (60, 60)}, {"desk-1": (200, 60)}))
    assert doc.project.layout(first).pieces[0].x == 60  # the original is untouched
    doc.set_current_layout(first)
    doc.undo_stack.undo()  # the move belongs to the copy
    assert doc.layout_id == second
    assert doc.layout.pieces[0].x == 60


def test_layout_rename_reorder_delete_undo(doc):
    first = doc.layout_id
    doc.undo_stack.push(cmd.AddLayout(doc, doc.copy_of_layout(first, "B")))
    b = doc.layout_id
    doc.undo_stack.push(cmd.RenameLayout(doc, b, "Stations"))
    doc.undo_stack.push(cmd.MoveLayout(doc, b, 0))
    assert [lay.name for lay in doc.project.layouts] == ["Stations", "Main layout"]
    doc.undo_stack.push(cmd.RemoveLayout(doc, b))
    assert [lay.id for lay in doc.project.layouts] == [first]
    doc.undo_stack.undo()
    assert [lay.name for lay in doc.project.layouts] == ["Stations", "Main layout"]
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert [lay.name for lay in doc.project.layouts] == ["Main layout", "B"]
    with pytest.raises(EditError):
        doc.remove_layout(first) if len(doc.project.layouts) == 1 else doc.rename_layout(first, "  ")


def test_delete_selection_is_one_macro(doc):
    for i in range(3):
        doc.add_piece(desk(i, x=30 + 30 * i))
    doc.add_zone(Zone(id="z", kind=ZoneKind.QUIET, polygon=[(0, 0), (50, 0), (50, 50)]))
    cmd.delete_items(doc, ["desk-0", "desk-2"], ["z"])
    assert doc.undo_stack.undoText() == "Delete 3 items"
    assert [p.id for p in doc.layout.pieces] == ["desk-1"] and doc.layout.zones == []
    doc.undo_stack.undo()
    assert [p.id for p in doc.layout.pieces] == ["desk-0", "desk-1", "desk-2"] and doc.layout.zones[0].id == "z"


def test_refused_command_is_not_recorded(doc):
    doc.add_piece(desk(1))
    with pytest.raises(EditError) as info:
        cmd.push(doc, cmd.SetPieceFields(doc, "desk-1", width=0))
    assert "width" in str(info.value)
    assert doc.undo_stack.count() == 0
    assert doc.layout.pieces[0].width == 24


def test_room_edit_reaches_every_layout_of_the_same_room_in_one_step(doc):
    first = doc.layout_id
    doc.undo_stack.push(cmd.AddLayout(doc, doc.copy_of_layout(first, "Discussion")))
    second = doc.project.layouts[1].id
    # a third layout in another room (say the library) is left alone
    other = doc.copy_of_layout(first, "Library")
    other.room = other.room.model_copy(update={"outline": [(0, 0), (480, 0), (480, 480), (0, 480)], "doors": []})
    doc.undo_stack.push(cmd.AddLayout(doc, other))
    library = doc.project.layouts[2].id
    doc.set_current_layout(first)

    wider = doc.layout.room.model_copy(update={"outline": [(0, 0), (420, 0), (420, 384), (0, 384)]})
    doc.undo_stack.push(cmd.SetRoom(doc, wider))
    rooms = {lay.id: lay.room.bounds() for lay in doc.project.layouts}
    assert rooms[first] == rooms[second] == (0, 0, 420, 384)
    assert rooms[library] == (0, 0, 480, 480)

    doc.set_current_layout(second)
    doc.undo_stack.undo()
    rooms = {lay.id: lay.room.bounds() for lay in doc.project.layouts}
    assert rooms[first] == rooms[second] == (0, 0, 360, 384)
    assert doc.layout_id == first  # the undo belongs to the layout it was made in
