"""Undoable edits: each command calls one Document method to do, and its inverse to undo.

Qt Undo Framework pattern: a mouse drag is ONE command on release; arrow-key nudges of the same
selection merge through `mergeWith` with a fixed id(); removals restore the list index.
Every command remembers its layout, so undoing it shows that layout first.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from app.model import Layout, Piece, Room, Tracing, TransitionPlan, Zone
from app.ui.document import Document, EditError

NUDGE_ID = 1001  # arrow-key nudges of one selection merge into one undo step


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s" if not word.endswith("y") else f"{n} {word[:-1]}ies"


class _Command(QUndoCommand):
    """redo/undo that never let an exception escape into Qt. A refused edit being pushed makes
    the command obsolete (QUndoStack then drops it) and `push` raises it as one line; a refused
    undo or redo holds the command still for one step, so `undo` and `redo` below can put the
    stack back where it was."""

    _hold = False  # the next redo (or undo) does nothing: it only moves the stack back

    def redo(self):
        if self._hold:
            self._hold = False
            return
        try:
            self.do()
        except EditError as problem:
            self.doc.refused = str(problem)
            if self.doc.pushing:
                self.setObsolete(True)
            else:
                self._hold = True

    def undo(self):
        if self._hold:
            self._hold = False
            return
        try:
            self.undo_it()
        except EditError as problem:
            self.doc.refused = str(problem)
            self._hold = True


class _LayoutCommand(_Command):
    def __init__(self, doc: Document, text: str, layout_id: str | None = None):
        super().__init__(text)
        self.doc = doc
        self.layout_id = layout_id or doc.layout_id


def push(doc: Document, command: QUndoCommand) -> None:
    """Push a command; raise EditError (one line) if the model refused it (nothing is recorded)."""
    doc.refused = None
    doc.pushing = True
    try:
        doc.undo_stack.push(command)
    finally:
        doc.pushing = False
    if doc.refused:
        problem, doc.refused = doc.refused, None
        raise EditError(problem)


def undo(doc: Document) -> str | None:
    """Undo one step; if the model refuses, the stack and the model stay as they were and the
    one line saying why is returned."""
    return _step(doc, doc.undo_stack.undo, doc.undo_stack.redo)


def redo(doc: Document) -> str | None:
    """Redo one step, the same way."""
    return _step(doc, doc.undo_stack.redo, doc.undo_stack.undo)


def _step(doc: Document, forward, back) -> str | None:
    doc.refused = None
    forward()
    if not doc.refused:
        return None
    problem, doc.refused = doc.refused, None
    back()  # over the held command, which does nothing this once: the index is back
    return problem


class AddPiece(_LayoutCommand):
    def __init__(self, doc: Document, piece: Piece, index: int | None = None, layout_id: str | None = None):
        super().__init__(doc, f"Add {piece.display_name}", layout_id)
        self.piece, self.index = piece, index

    def do(self):
        self.index = self.doc.add_piece(self.piece, self.index, self.layout_id)

    def undo_it(self):
        self.doc.remove_piece(self.piece.id, self.layout_id)


class RemovePiece(_LayoutCommand):
    def __init__(self, doc: Document, piece_id: str, layout_id: str | None = None):
        piece = doc.piece(piece_id, layout_id)
        super().__init__(doc, f"Delete {piece.display_name}", layout_id)
        self.piece_id, self.piece, self.index = piece_id, piece, None

    def do(self):
        self.piece, self.index = self.doc.remove_piece(self.piece_id, self.layout_id)

    def undo_it(self):
        self.doc.add_piece(self.piece, self.index, self.layout_id)


class MovePieces(_LayoutCommand):
    """Pieces moved by a drag (one command on release) or by arrow keys (merged)."""

    def __init__(self, doc: Document, old: dict[str, tuple[float, float]], new: dict[str, tuple[float, float]],
                 nudge: bool = False, layout_id: str | None = None):
        name = doc.piece(next(iter(new)), layout_id).display_name if len(new) == 1 else _plural(len(new), "piece")
        super().__init__(doc, f"Move {name}", layout_id)
        self.old, self.new, self.nudge = dict(old), dict(new), nudge

    def id(self) -> int:
        return NUDGE_ID if self.nudge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, MovePieces) and other.nudge and self.nudge and other.layout_id == self.layout_id
                and set(other.new) == set(self.new)):
            return False
        self.new = dict(other.new)
        return True

    def do(self):
        self.doc.move_pieces(self.new, self.layout_id)

    def undo_it(self):
        self.doc.move_pieces(self.old, self.layout_id)


class SetPieceFields(_LayoutCommand):
    """One committed inspector edit, a rotation or a resize."""

    def __init__(self, doc: Document, piece_id: str, text: str | None = None, layout_id: str | None = None, **fields):
        piece = doc.piece(piece_id, layout_id)
        super().__init__(doc, text or f"Change {piece.display_name}", layout_id)
        self.piece_id, self.new = piece_id, fields
        self.old = {k: getattr(piece, k) for k in fields}

    def do(self):
        self.doc.set_piece_fields(self.piece_id, self.layout_id, **self.new)

    def undo_it(self):
        self.doc.set_piece_fields(self.piece_id, self.layout_id, **self.old)


class SetGroups(_LayoutCommand):
    """Group or ungroup: each piece's group before and after, in one step."""

    def __init__(self, doc: Document, groups: dict[str, str | None], text: str, layout_id: str | None = None):
        super().__init__(doc, text, layout_id)
        self.new = dict(groups)
        self.old = {p: doc.piece(p, layout_id).group for p in groups}

    def do(self):
        self.doc.set_groups(self.new, self.layout_id)

    def undo_it(self):
        self.doc.set_groups(self.old, self.layout_id)


class AddZone(_LayoutCommand):
    def __init__(self, doc: Document, zone: Zone, index: int | None = None, layout_id: str | None = None):
        super().__init__(doc, f"Add zone {zone.display_name}", layout_id)
        self.zone, self.index = zone, index

    def do(self):
        self.index = self.doc.add_zone(self.zone, self.index, self.layout_id)

    def undo_it(self):
        self.doc.remove_zone(self.zone.id, self.layout_id)


class RemoveZone(_LayoutCommand):
    def __init__(self, doc: Document, zone_id: str, layout_id: str | None = None):
        zone = doc.zone(zone_id, layout_id)
        super().__init__(doc, f"Delete zone {zone.display_name}", layout_id)
        self.zone_id, self.zone, self.index, self.rotation_index = zone_id, zone, None, None

    def do(self):
        self.zone, self.index, self.rotation_index = self.doc.remove_zone(self.zone_id, self.layout_id)

    def undo_it(self):
        self.doc.add_zone(self.zone, self.index, self.layout_id, self.rotation_index)


class SetZoneFields(_LayoutCommand):
    def __init__(self, doc: Document, zone_id: str, text: str | None = None, layout_id: str | None = None, **fields):
        zone = doc.zone(zone_id, layout_id)
        super().__init__(doc, text or f"Change zone {zone.display_name}", layout_id)
        self.zone_id, self.new = zone_id, fields
        self.old = {k: getattr(zone, k) for k in fields}

    def do(self):
        self.doc.set_zone_fields(self.zone_id, self.layout_id, **self.new)

    def undo_it(self):
        self.doc.set_zone_fields(self.zone_id, self.layout_id, **self.old)


class SetRoom(_LayoutCommand):
    """A room edit reaches every layout of the same room: the layouts are arrangements of one
    classroom, so a door moved in period 1 is moved in period 2 too (in one undo step)."""

    def __init__(self, doc: Document, room: Room, text: str = "Change room", layout_id: str | None = None):
        super().__init__(doc, text, layout_id)
        self.new, self.old = room, doc._layout(layout_id).room
        self.siblings = tuple(lay.id for lay in doc.project.layouts
                              if lay.id != self.layout_id and lay.room == self.old)

    def do(self):
        self.old = self.doc.set_room(self.new, self.layout_id, self.siblings)

    def undo_it(self):
        self.doc.set_room(self.old, self.layout_id, self.siblings)


class SetTransitions(_LayoutCommand):
    def __init__(self, doc: Document, plan: TransitionPlan, text: str = "Change transitions", layout_id: str | None = None):
        super().__init__(doc, text, layout_id)
        self.new, self.old = plan, doc._layout(layout_id).transitions

    def do(self):
        self.old = self.doc.set_transitions(self.new, self.layout_id)

    def undo_it(self):
        self.doc.set_transitions(self.old, self.layout_id)


# --- layouts (these belong to the project, not to one layout) ----------------------------


class SetProjectFields(_Command):
    """Title, teacher, school, course, class size, display units: one step for the whole dialog."""

    def __init__(self, doc: Document, text: str = "Change project details", **fields):
        super().__init__(text)
        self.doc, self.new = doc, fields
        self.old = {k: getattr(doc.project, k) for k in fields}

    def do(self):
        self.doc.set_project_fields(**self.new)

    def undo_it(self):
        self.doc.set_project_fields(**self.old)


class SetTracing(_Command):
    """The floor plan under the plan: traced, moved, turned, scaled, faded, locked, hidden or removed."""

    def __init__(self, doc: Document, tracing: Tracing | None, text: str):
        super().__init__(text)
        self.doc, self.new, self.old = doc, tracing, doc.project.tracing

    def do(self):
        self.doc.set_tracing(self.new)

    def undo_it(self):
        self.doc.set_tracing(self.old)


class AddLayout(_Command):
    def __init__(self, doc: Document, layout: Layout, index: int | None = None, text: str | None = None):
        super().__init__(text or f"Add layout {layout.name}")
        self.doc, self.layout, self.index, self.previous = doc, layout, index, doc.layout_id

    def do(self):
        self.index = self.doc.add_layout(self.layout, self.index)

    def undo_it(self):
        self.doc.remove_layout(self.layout.id)
        if any(lay.id == self.previous for lay in self.doc.project.layouts):
            self.doc.set_current_layout(self.previous)


class RemoveLayout(_Command):
    def __init__(self, doc: Document, layout_id: str):
        layout = doc._layout(layout_id)
        super().__init__(f"Delete layout {layout.name}")
        self.doc, self.layout_id, self.layout, self.index = doc, layout_id, layout, None

    def do(self):
        self.layout, self.index = self.doc.remove_layout(self.layout_id)

    def undo_it(self):
        self.doc.add_layout(self.layout, self.index)


class RenameLayout(_Command):
    def __init__(self, doc: Document, layout_id: str, name: str):
        super().__init__(f"Rename layout to {name.strip()}")
        self.doc, self.layout_id, self.new, self.old = doc, layout_id, name, doc._layout(layout_id).name

    def do(self):
        self.old = self.doc.rename_layout(self.layout_id, self.new)

    def undo_it(self):
        self.doc.rename_layout(self.layout_id, self.old)


class MoveLayout(_Command):
    def __init__(self, doc: Document, layout_id: str, index: int):
        super().__init__(f"Reorder layout {doc._layout(layout_id).name}")
        self.doc, self.layout_id, self.new, self.old = doc, layout_id, index, None

    def do(self):
        self.old = self.doc.move_layout(self.layout_id, self.new)

    def undo_it(self):
        self.doc.move_layout(self.layout_id, self.old)


def delete_items(doc: Document, piece_ids: list[str], zone_ids: list[str]) -> None:
    """Delete a selection as one undo step."""
    n = len(piece_ids) + len(zone_ids)
    if n == 0:
        return
    stack = doc.undo_stack
    if n == 1:
        push(doc, RemovePiece(doc, piece_ids[0]) if piece_ids else RemoveZone(doc, zone_ids[0]))
        return
    stack.beginMacro(f"Delete {_plural(n, 'item')}")
    for pid in piece_ids:
        stack.push(RemovePiece(doc, pid))
    for zid in zone_ids:
        stack.push(RemoveZone(doc, zid))
    stack.endMacro()


def add_items(doc: Document, pieces: list[Piece], zones: list[Zone], text: str) -> None:
    """Add pasted or duplicated items as one undo step."""
    stack = doc.undo_stack
    stack.beginMacro(text)
    for piece in pieces:
        stack.push(AddPiece(doc, piece))
    for zone in zones:
        stack.push(AddZone(doc, zone))
    stack.endMacro()
