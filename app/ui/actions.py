"""Edit and Layout menu behaviour for the main window: selection, tools, delete, rotate, copy,
the room's size and corners, the project details. Mixed into MainWindow (needs self.doc,
self.scene, self.view, self.inspector, self.palette, self.layouts, self.ask_*...).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app import arrange
from app.canvas import walls
from app.canvas.tools import InsertTool, ZonePolygonTool, ZoneRectTool
from app.model import ZoneKind
from app.ui import commands as cmd
from app.ui.clipboard import copy_selection, paste_items
from app.ui.dialogs import ProjectDetailsDialog, RoomSizeDialog
from app.ui.document import EditError
from app.ui.settings import Preferences


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

    def rename_layout(self) -> None:
        name = self.ask_text("Rename layout", "Name of this layout:", self.doc.layout.name)
        if name:
            self.layouts.rename(name)

    # --- the room and the project ----------------------------------------------------------------
    def ask_room_size(self) -> tuple[float, float] | None:
        """Width and depth in inches, or None (tests replace this)."""
        x0, y0, x1, y1 = self.doc.layout.room.bounds()
        dialog = RoomSizeDialog(self.prefs.units, x1 - x0, y1 - y0, self)
        return dialog.size_in_inches() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def room_size(self) -> bool:
        """Layout > Room size…: the room becomes a W x D rectangle; doors and windows keep their walls."""
        size = self.ask_room_size()
        if size is None:
            return False
        try:
            room = walls.rectangle(self.doc.layout.room, *size)
        except walls.WallEditError as problem:
            self.show_error(str(problem))
            return False
        ok = self.scene.done(self.edits.set_room(room, f"Room size {self.scene.length(size[0])} x "
                                                       f"{self.scene.length(size[1])}"))
        if ok:
            self.view.fit_room()
        return ok

    def ask_project_details(self) -> dict | None:
        """The fields of File > Project details…, or None (tests replace this)."""
        dialog = ProjectDetailsDialog(self.doc.project, self)
        return dialog.fields() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def project_details(self) -> bool:
        fields = self.ask_project_details()
        if not fields:
            return False
        project = self.doc.project
        changed = {k: v for k, v in fields.items() if getattr(project, k) != v}
        if not changed:
            return False
        try:
            cmd.push(self.doc, cmd.SetProjectFields(self.doc, **changed))
        except EditError as problem:
            self.show_error(str(problem))
            return False
        return True

    def _project_units_changed(self) -> None:
        """The project's display units drive the plan, the palette and the inspector too."""
        units = self.doc.project.display_units
        if units != self.prefs.units:
            self.apply_preferences(Preferences(units, self.prefs.grid, self.prefs.snapping))

    # --- view ----------------------------------------------------------------------------------
    def toggle_snapping(self, on: bool) -> None:
        self.prefs.snapping = bool(on)
        self.apply_preferences(self.prefs, save=True)

    def toggle_walkable(self, on: bool) -> None:
        self.live.want_analysis = bool(on)
        self.scene.walkable_overlay.setVisible(bool(on))
        if on:
            self.live.check_now()  # in the worker: the overlay comes with its findings
