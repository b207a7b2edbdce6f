"""The edits the plan asks for (app.canvas.editing.PlanEdits), as undo commands on the Document."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from app.model import Piece, Room, Tracing, Zone
from app.ui import commands as cmd
from app.ui.document import Document, EditError

Point = tuple[float, float]


class DocumentEdits:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def push(self, command: QUndoCommand) -> str | None:
        """Push one command: None when done, else the one line the model refused it with."""
        try:
            cmd.push(self.doc, command)
        except EditError as problem:
            return str(problem)
        return None

    def add_piece(self, piece: Piece) -> str | None:
        return self.push(cmd.AddPiece(self.doc, piece))

    def add_zone(self, zone: Zone) -> str | None:
        return self.push(cmd.AddZone(self.doc, zone))

    def move(self, pieces: dict[str, tuple[Point, Point]], zones: dict[str, list[Point]], text: str,
             nudge: bool = False) -> str | None:
        stack = self.doc.undo_stack
        macro = len(pieces) + len(zones) > 1 and bool(zones)
        if macro:
            stack.beginMacro(text)
        refused = None
        try:
            if pieces:
                old = {p: a for p, (a, _) in pieces.items()}
                new = {p: b for p, (_, b) in pieces.items()}
                refused = self.push(cmd.MovePieces(self.doc, old, new, nudge=nudge))
            for zone_id, polygon in zones.items():
                name = self.doc.zone(zone_id).display_name
                refused = self.push(cmd.SetZoneFields(self.doc, zone_id, text=f"Move zone {name}",
                                                      polygon=polygon)) or refused
        finally:
            if macro:
                stack.endMacro()
        return refused

    def set_piece(self, piece_id: str, text: str, **fields: object) -> str | None:
        return self.push(cmd.SetPieceFields(self.doc, piece_id, text=text, **fields))

    def set_zone(self, zone_id: str, text: str, **fields: object) -> str | None:
        return self.push(cmd.SetZoneFields(self.doc, zone_id, text=text, **fields))

    def set_room(self, room: Room, text: str) -> str | None:
        return self.push(cmd.SetRoom(self.doc, room, text=text))

    def set_tracing(self, tracing: Tracing | None, text: str) -> str | None:
        return self.push(cmd.SetTracing(self.doc, tracing, text))
