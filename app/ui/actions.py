"""Edit and Layout menu behaviour for the main window: selection, tools, delete, rotate, copy.
Mixed into MainWindow (needs self.doc, self.scene, self.view, self.inspector, self.palette...).
"""

from __future__ import annotations

from app import arrange
from app.canvas.tools import InsertTool, ZonePolygonTool, ZoneRectTool
from app.model import ZoneKind
from app.ui import commands as cmd
from app.ui.clipboard import copy_selection, paste_items


class EditActions:
    # --- selection and tools ---------------------------------------------------------------
    def _selection_changed(self) -> None:
        ids = self.scene.selected_piece_ids() + self.scene.selected_zone_ids() + self.scene.selected_opening_ids()
        self.inspector.show_ids(ids)
        corner = self.scene.parts.selected_corner()
        if ids:
            self.docks["inspector"].raise_()  # its Details, even when the Transitions tab was in front
            self.statusBar().showMessage(f"{len(ids)} selected", 2000)
        elif corner is not None:
            self.statusBar().showMessage(f"Room corner {corner + 1}: drag to move it, Delete removes it", 4000)

    def _zone_kind(self) -> str:
        text = self.palette.entry_text(self.palette.currentItem()) or ""
        return text.partition(":")[2] if text.startswith("zone:") else ZoneKind.COLLABORATION.value

    def arm_tool(self, text: str) -> None:
        """Palette double-click or menu: the next click (or drawing) on the plan uses it."""
        what, _, kind = text.partition(":")
        if what in ("piece", "opening"):
            self.scene.set_tool(InsertTool(self.scene, kind, opening=what == "opening"))
        elif what in ("zone", "rect"):
            self.scene.set_tool(ZoneRectTool(self.scene, ZoneKind(kind)))
        elif what == "poly":
            self.scene.set_tool(ZonePolygonTool(self.scene, ZoneKind(kind)))
        self.view.setFocus()

    # --- editing -------------------------------------------------------------------------------
    def delete_selection(self) -> None:
        """Delete what is selected as one undo step; a lone room corner is taken out of the outline."""
        pieces, zones = self.scene.selected_piece_ids(), self.scene.selected_zone_ids()
        openings = self.scene.selected_opening_ids()
        corner = self.scene.parts.selected_corner()
        if not (pieces or zones or openings):
            if corner is not None:
                self.scene.parts.remove_corner(corner)
            return
        if not openings:
            cmd.delete_items(self.doc, pieces, zones)
            return
        stack = self.doc.undo_stack
        many = bool(pieces or zones)
        if many:
            stack.beginMacro(f"Delete {len(pieces) + len(zones) + len(openings)} items")
        cmd.delete_items(self.doc, pieces, zones)
        self.scene.parts.remove_openings(openings)
        if many:
            stack.endMacro()

    def rotate_selection(self, degrees: float) -> None:
        """Turn each selected piece in place; a group turns as a whole about its centre."""
        ids = [p for p in self.scene.selected_piece_ids() if not self.doc.piece(p).fixed]
        if not ids:
            return
        turns = {}  # piece id -> its new fields
        groups: dict[str, list] = {}
        for pid in ids:
            piece = self.doc.piece(pid)
            if piece.group is None:
                turns[pid] = {"rotation": (piece.rotation + degrees) % 360}
            else:
                groups.setdefault(piece.group, []).append(piece)
        for members in groups.values():
            x0, y0, x1, y1 = arrange.bounds([arrange.piece_box(p) for p in members])
            centres = arrange.turn_about([(p.x, p.y) for p in members], ((x0 + x1) / 2, (y0 + y1) / 2), degrees)
            for piece, (x, y) in zip(members, centres):
                turns[piece.id] = {"x": round(x, 4), "y": round(y, 4), "rotation": (piece.rotation + degrees) % 360}
        stack = self.doc.undo_stack
        if len(ids) > 1:
            stack.beginMacro(f"Rotate {len(ids)} pieces")
        for pid, fields in turns.items():
            piece = self.doc.piece(pid)
            self.scene.done(self.edits.set_piece(pid, f"Rotate {piece.display_name}", **fields))
        if len(ids) > 1:
            stack.endMacro()

    def copy(self) -> None:
        copy_selection(self.doc, self.scene.selected_piece_ids(), self.scene.selected_zone_ids())

    def paste(self) -> None:
        ids = paste_items(self.doc, offset=12.0)
        if ids:
            self.scene.select_ids(ids)

    def duplicate(self) -> None:
        self.copy()
        self.paste()
