"""The open project and its undo history: the ONLY object that changes the model.

Every edit goes through one method here and says so with a signal; the scene and the panels
mirror what they hear (orange-canvas-core `scheme/` + Qt Undo Framework). Values are always
validated through the pydantic model, so the editor can never build an invalid plan.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.model import Door, Layout, Piece, Project, Room, Tracing, TransitionPlan, Zone
from app.model.errors import describe


class EditError(ValueError):
    """An edit the model refuses; str() is one line naming the field and the problem."""


def _validated(model_cls, data: dict, what: str):
    try:
        return model_cls.model_validate(data)
    except ValidationError as error:
        raise EditError(describe(error, prefix=f"{what}.")) from None


def blank_project(width_in: float = 360.0, depth_in: float = 384.0, name: str = "Main layout") -> Project:
    """A rectangular room (default 30 x 32 ft) with one door, ready to furnish."""
    room = Room(
        outline=[(0.0, 0.0), (width_in, 0.0), (width_in, depth_in), (0.0, depth_in)],
        doors=[Door(id="door-1", wall=2, position=min(48.0, width_in / 2), width=36.0)],
    )
    layout = Layout(id="layout-1", name=name, room=room)
    return Project(layouts=[layout])


class Document(QObject):
    piece_added = Signal(str)
    piece_changed = Signal(str)
    piece_removed = Signal(str)
    zone_added = Signal(str)
    zone_changed = Signal(str)
    zone_removed = Signal(str)
    room_changed = Signal()
    transitions_changed = Signal()
    layout_changed = Signal()  # the current layout is another one (switch, or it was replaced)
    layouts_changed = Signal()  # the list of layouts (add, remove, rename, reorder)
    project_changed = Signal()  # project-level fields (title, teacher, units)
    tracing_changed = Signal()  # the floor plan traced under the plan: added, changed or removed
    path_changed = Signal()
    edited = Signal()  # any change to the current layout's contents: re-run the checks

    def __init__(self, project: Project | None = None, path: str | Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.refused: str | None = None  # set by a command whose edit the model refused
        self.pushing = False  # a command is being pushed (not undone or redone)
        self._project = project if project is not None else blank_project()
        self._layout_id = self._project.layouts[0].id
        self._path = Path(path) if path else None
        for sig in (self.piece_added, self.piece_changed, self.piece_removed, self.zone_added, self.zone_changed,
                    self.zone_removed, self.room_changed, self.transitions_changed, self.layout_changed):
            sig.connect(self.edited)

    # --- what is open -------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self._project

    @property
    def path(self) -> Path | None:
        return self._path

    def set_path(self, path: str | Path | None) -> None:
        self._path = Path(path) if path else None
        self.path_changed.emit()

    @property
    def layout_id(self) -> str:
        return self._layout_id

    @property
    def layout(self) -> Layout:
        return self._layout(self._layout_id)

    def _layout(self, layout_id: str | None) -> Layout:
        key = layout_id or self._layout_id
        for layout in self._project.layouts:
            if layout.id == key:
                return layout
        raise EditError(f"no layout has the id {key!r}")

    def set_current_layout(self, layout_id: str) -> None:
        """Show another layout (not an edit: it is not on the undo stack)."""
        self._layout(layout_id)
        if layout_id != self._layout_id:
            self._layout_id = layout_id
            self.layout_changed.emit()

    def replace_project(self, project: Project, path: str | Path | None = None) -> None:
        """Open another project: a fresh history, clean."""
        self._project = project
        self._layout_id = project.layouts[0].id
        self._path = Path(path) if path else None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.layouts_changed.emit()
        self.layout_changed.emit()
        self.project_changed.emit()
        self.tracing_changed.emit()
        self.path_changed.emit()

    def new_id(self, prefix: str, layout_id: str | None = None, taken: set[str] | None = None) -> str:
        """An id no door, window, feature, piece or zone of the layout uses yet."""
        layout = self._layout(layout_id)
        used = {o.id for o in (*layout.room.doors, *layout.room.windows, *layout.room.features,
                               *layout.pieces, *layout.zones)} | (taken or set())
        for n in itertools.count(len(used) + 1):
            candidate = f"{prefix}-{n}"
            if candidate not in used:
                return candidate
        raise AssertionError("unreachable")

    def _guard_id(self, layout: Layout, new_id: str) -> None:
        used = {o.id for o in (*layout.room.doors, *layout.room.windows, *layout.room.features,
                               *layout.pieces, *layout.zones)}
        if new_id in used:
            raise EditError(f"id {new_id!r} is already used in layout {layout.name!r}")

    def _show(self, layout_id: str | None) -> Layout:
        """An undo that belongs to another layout switches to it first, so no edit goes unseen."""
        if layout_id and layout_id != self._layout_id:
            self.set_current_layout(layout_id)
        return self.layout

    # --- furniture ------------------------------------------------------------------------
    def piece(self, piece_id: str, layout_id: str | None = None) -> Piece:
        piece = self._layout(layout_id).piece(piece_id)
        if piece is None:
            raise EditError(f"no piece has the id {piece_id!r}")
        return piece

    def add_piece(self, piece: Piece, index: int | None = None, layout_id: str | None = None) -> int:
        layout = self._show(layout_id)
        piece = _validated(Piece, piece.model_dump(), "piece")
        self._guard_id(layout, piece.id)
        index = len(layout.pieces) if index is None else max(0, min(index, len(layout.pieces)))
        layout.pieces.insert(index, piece)
        self.piece_added.emit(piece.id)
        return index

    def remove_piece(self, piece_id: str, layout_id: str | None = None) -> tuple[Piece, int]:
        layout = self._show(layout_id)
        for i, piece in enumerate(layout.pieces):
            if piece.id == piece_id:
                del layout.pieces[i]
                self.piece_removed.emit(piece_id)
                return piece, i
        raise EditError(f"no piece has the id {piece_id!r}")

    def move_pieces(self, positions: dict[str, tuple[float, float]], layout_id: str | None = None) -> None:
        self._show(layout_id)
        for piece_id, (x, y) in positions.items():
            self.set_piece_fields(piece_id, x=x, y=y)

    def set_groups(self, groups: dict[str, str | None], layout_id: str | None = None) -> None:
        """Put pieces in groups (None: in none), each piece id -> its group; all or none."""
        layout = self._show(layout_id)
        new = {}
        for piece_id, group in groups.items():
            old = self.piece(piece_id)
            new[piece_id] = _validated(Piece, {**old.model_dump(), "group": group}, f"piece {old.display_name}")
        for piece_id, piece in new.items():
            layout.pieces[layout.pieces.index(self.piece(piece_id))] = piece
            self.piece_changed.emit(piece_id)

    def set_piece_fields(self, piece_id: str, layout_id: str | None = None, **fields) -> dict:
        """Change some fields of a piece; returns their old values (for undo)."""
        layout = self._show(layout_id)
        old = self.piece(piece_id)
        if "id" in fields and fields["id"] != piece_id:
            raise EditError("a piece's id cannot be changed")
        new = _validated(Piece, {**old.model_dump(), **fields}, f"piece {old.display_name}")
        index = layout.pieces.index(old)
        layout.pieces[index] = new
        self.piece_changed.emit(piece_id)
        return {k: getattr(old, k) for k in fields}

    # --- zones / stations -----------------------------------------------------------------
    def zone(self, zone_id: str, layout_id: str | None = None) -> Zone:
        zone = self._layout(layout_id).zone(zone_id)
        if zone is None:
            raise EditError(f"no zone has the id {zone_id!r}")
        return zone

    def add_zone(self, zone: Zone, index: int | None = None, layout_id: str | None = None,
                 rotation_index: int | None = None) -> int:
        layout = self._show(layout_id)
        zone = _validated(Zone, zone.model_dump(), "zone")
        self._guard_id(layout, zone.id)
        index = len(layout.zones) if index is None else max(0, min(index, len(layout.zones)))
        layout.zones.insert(index, zone)
        if rotation_index is not None:
            layout.transitions.rotation.insert(rotation_index, zone.id)
            self.transitions_changed.emit()
        self.zone_added.emit(zone.id)
        return index

    def remove_zone(self, zone_id: str, layout_id: str | None = None) -> tuple[Zone, int, int | None]:
        """Remove a zone (and its place in the rotation); returns what undo needs to put it back."""
        layout = self._show(layout_id)
        zone = self.zone(zone_id)
        index = layout.zones.index(zone)
        rotation_index = None
        if zone_id in layout.transitions.rotation:
            rotation_index = layout.transitions.rotation.index(zone_id)
            layout.transitions.rotation.remove(zone_id)
            self.transitions_changed.emit()
        del layout.zones[index]
        self.zone_removed.emit(zone_id)
        return zone, index, rotation_index

    def set_zone_fields(self, zone_id: str, layout_id: str | None = None, **fields) -> dict:
        layout = self._show(layout_id)
        old = self.zone(zone_id)
        if "id" in fields and fields["id"] != zone_id:
            raise EditError("a zone's id cannot be changed")
        new = _validated(Zone, {**old.model_dump(), **fields}, f"zone {old.display_name}")
        layout.zones[layout.zones.index(old)] = new
        self.zone_changed.emit(zone_id)
        return {k: getattr(old, k) for k in fields}

    def set_zone_polygon(self, zone_id: str, polygon: list[tuple[float, float]], layout_id: str | None = None) -> list:
        return self.set_zone_fields(zone_id, layout_id=layout_id, polygon=list(polygon))["polygon"]

    # --- the room and the transition plan -------------------------------------------------
    def set_room(self, room: Room, layout_id: str | None = None, siblings: tuple[str, ...] = ()) -> Room:
        """Give a layout a new room, and the same to `siblings` (other layouts of that room)."""
        layout = self._show(layout_id)
        room = _validated(Room, room.model_dump(), "room")
        targets = [layout, *(self._layout(i) for i in siblings)]
        for target in targets:
            kept = {o.id for o in (*target.pieces, *target.zones)}
            for opening in (*room.doors, *room.windows, *room.features):
                if opening.id in kept:
                    raise EditError(f"room: id {opening.id!r} is already used by a piece or zone in '{target.name}'")
        old = layout.room
        for target in targets:
            target.room = room
        self.room_changed.emit()
        return old

    def set_transitions(self, plan: TransitionPlan, layout_id: str | None = None) -> TransitionPlan:
        layout = self._show(layout_id)
        plan = _validated(TransitionPlan, plan.model_dump(), "transitions")
        unknown = [z for z in plan.rotation if layout.zone(z) is None]
        if unknown:
            raise EditError(f"transitions.rotation: no zone has the id {unknown[0]!r}")
        old, layout.transitions = layout.transitions, plan
        self.transitions_changed.emit()
        return old

    def set_project_fields(self, **fields) -> dict:
        data = {**self._project.model_dump(), **fields}
        new = _validated(Project, data, "project")
        old = {k: getattr(self._project, k) for k in fields}
        for k in fields:
            setattr(self._project, k, getattr(new, k))
        self.project_changed.emit()
        return old

    def set_tracing(self, tracing: Tracing | None) -> Tracing | None:
        """Show another floor plan under the plan (None: none); returns the one it replaced. A
        Tracing is checked field by field as it is made and changed (app.tracing.changed)."""
        old, self._project.tracing = self._project.tracing, tracing
        self.tracing_changed.emit()
        return old

    # --- layouts --------------------------------------------------------------------------
    def add_layout(self, layout: Layout, index: int | None = None, show: bool = True) -> int:
        if any(lay.id == layout.id for lay in self._project.layouts):
            raise EditError(f"a layout with the id {layout.id!r} already exists")
        if len(self._project.layouts) >= 50:
            raise EditError("a project holds at most 50 layouts")
        layouts = self._project.layouts
        index = len(layouts) if index is None else max(0, min(index, len(layouts)))
        layouts.insert(index, layout)
        self.layouts_changed.emit()
        if show:
            self.set_current_layout(layout.id)
        return index

    def remove_layout(self, layout_id: str) -> tuple[Layout, int]:
        layouts = self._project.layouts
        layout = self._layout(layout_id)
        if len(layouts) == 1:
            raise EditError("a project needs at least one layout")
        index = layouts.index(layout)
        del layouts[index]
        if self._layout_id == layout_id:
            self._layout_id = layouts[min(index, len(layouts) - 1)].id
            self.layout_changed.emit()
        self.layouts_changed.emit()
        return layout, index

    def rename_layout(self, layout_id: str, name: str) -> str:
        layout = self._layout(layout_id)
        name = name.strip()
        if not name:
            raise EditError("a layout needs a name")
        if len(name) > 120:
            raise EditError("a layout name is at most 120 characters")
        old, layout.name = layout.name, name
        self.layouts_changed.emit()
        return old

    def move_layout(self, layout_id: str, index: int) -> int:
        layouts = self._project.layouts
        layout = self._layout(layout_id)
        old = layouts.index(layout)
        layouts.remove(layout)
        layouts.insert(max(0, min(index, len(layouts))), layout)
        self.layouts_changed.emit()
        return old

    def copy_of_layout(self, layout_id: str, name: str | None = None) -> Layout:
        """A deep copy with a new id, ready for add_layout."""
        source = self._layout(layout_id)
        taken = {lay.id for lay in self._project.layouts}
        new_id = next(f"layout-{n}" for n in itertools.count(len(taken) + 1) if f"layout-{n}" not in taken)
        copy = source.model_copy(deep=True)
        copy.id = new_id
        copy.name = (name or f"{source.name} (copy)")[:120]
        return copy
