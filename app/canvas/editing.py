"""What the plan asks of the window when the teacher edits on it. The canvas sits below the window
and never imports it: the window hands the scene an object with these methods (app.ui.plan_edits),
each one undo step, each returning None when done or the one line saying why the model refused."""

from __future__ import annotations

from typing import Protocol

from app.model import Piece, Room, Tracing, Zone

Point = tuple[float, float]


class PlanEdits(Protocol):
    def add_piece(self, piece: Piece) -> str | None: ...

    def add_zone(self, zone: Zone) -> str | None: ...

    def move(self, pieces: dict[str, tuple[Point, Point]], zones: dict[str, list[Point]], text: str,
             nudge: bool = False) -> str | None:
        """pieces: id -> (old, new) centre; zones: id -> new polygon; one step for all of them."""
        ...

    def set_piece(self, piece_id: str, text: str, **fields: object) -> str | None: ...

    def set_zone(self, zone_id: str, text: str, **fields: object) -> str | None: ...

    def set_room(self, room: Room, text: str) -> str | None: ...

    def set_tracing(self, tracing: Tracing | None, text: str) -> str | None:
        """The floor plan under the plan (None: take it away)."""
        ...
