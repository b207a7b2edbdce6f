"""What stands in the plan, edited: Edit > Undo / Redo, Copy, Paste, Duplicate, Delete, Select
all, Rotate 90°, and the plan's tools (Layout > Draw zone as rectangle / polygon, Measure; a
palette entry armed). Each edit is one undo step; the selection shows in the details panel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from shiboken6 import isValid

from app import arrange
from app.canvas.tools import InsertTool, MeasureTool, ZonePolygonTool, ZoneRectTool
from app.model import ZoneKind
from app.ui import commands as cmd
from app.ui.clipboard import copy_selection, paste_items
from app.ui.menus import add_action


class Editing:
    """The window's editing: needs its document, its scene and view, its edit layer, the palette
    (which zone kind to draw) and the details panel (what is selected)."""

    def __init__(self, window) -> None:
        self.window = window
        self.doc, self.scene, self.view, self.edits = window.doc, window.scene, window.view, window.edits

    # --- menu entries ----------------------------------------------------------------------------
    def add_edit_entries(self, menu) -> None:
        """Edit > Undo … Rotate 90°."""
        window, stack = self.window, self.doc.undo_stack
        self.undo_action = stack.createUndoAction(window, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(window, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # the stack's own actions keep their texts ("Undo Move desk"); a refused step is said
        for action, step in ((self.undo_action, cmd.undo), (self.redo_action, cmd.redo)):
            action.triggered.disconnect()
            action.triggered.connect(lambda _checked=False, step=step: self._step(step))
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        self._plan_only = [  # while typing in the details panel these keys edit the text, not the plan
            add_action(window, menu, "&Copy", self.copy, QKeySequence.StandardKey.Copy),
            add_action(window, menu, "&Paste", self.paste, QKeySequence.StandardKey.Paste),
            add_action(window, menu, "&Duplicate", self.duplicate, "Ctrl+D"),
            add_action(window, menu, "De&lete", self.delete_selection,
                       [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")]),
            add_action(window, menu, "Select &all", self.scene.select_all, QKeySequence.StandardKey.SelectAll),
        ]
        self.rotate_action = add_action(window, menu, "&Rotate 90°", lambda: self.rotate_selection(90), "R",
                                        "Turn the selected furniture a quarter turn clockwise")

    def add_tool_entries(self, menu) -> None:
        """Layout > Draw zone as rectangle / polygon, Measure; after add_edit_entries, whose plan keys
        these join."""
        window = self.window
        self.rect_zone_action = add_action(window, menu, "Draw zone as &rectangle",
                                           lambda: self.arm_tool(f"rect:{self._zone_kind()}"), "Z")
        self.poly_zone_action = add_action(window, menu, "Draw zone as &polygon",
                                           lambda: self.arm_tool(f"poly:{self._zone_kind()}"), "Shift+Z")
        self.measure_action = add_action(window, menu, "&Measure", lambda: self.scene.set_tool(MeasureTool(self.scene)),
                                         "M", tip="Drag on the plan to measure a distance")
        for action in (self.rotate_action, self.rect_zone_action, self.poly_zone_action, self.measure_action,
                       *self._plan_only):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)  # single keys act only when the plan has focus, not while typing

    def _step(self, step) -> None:
        problem = step(self.doc)
        if problem:
            self.window.statusBar().showMessage(
                f"Could not {'undo' if step is cmd.undo else 'redo'} that step: {problem}", 8000)

    # --- selection and tools ---------------------------------------------------------------
    def selection_changed(self) -> None:
        if not isValid(self.window):  # the window is being deleted: its scene, emptied after it, still signals
            return
        ids = self.scene.selected_piece_ids() + self.scene.selected_zone_ids() + self.scene.selected_opening_ids()
        self.window.inspector.show_ids(ids)
        corner = self.scene.parts.selected_corner()
        if ids:
            self.window.docks["inspector"].raise_()  # its Details, even when the Transitions tab was in front
            self.window.statusBar().showMessage(f"{len(ids)} selected", 2000)
        elif corner is not None:
            self.window.statusBar().showMessage(f"Room corner {corner + 1}: drag to move it, Delete removes it",
                                                4000)

    def _zone_kind(self) -> str:
        palette = self.window.palette
        text = palette.entry_text(palette.currentItem()) or ""
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
