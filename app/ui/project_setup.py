"""How the project is set up, each through its own dialog: its details (File > Project
details…), its layouts and their names (the top of the Layout menu), the room's size (Layout >
Room size…), and the teacher's preferences (Edit > Preferences…, View > Snap) whose units follow
the project's. Each change to the project is one undo step; the `ask_*` methods are the dialogs
tests replace.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QInputDialog

from app.canvas import walls
from app.ui import commands as cmd
from app.ui.dialogs import PreferencesDialog, ProjectDetailsDialog, RoomSizeDialog
from app.ui.document import EditError
from app.ui.grid_prefs import apply_grid
from app.ui.menus import add_action
from app.ui.settings import Preferences, save_preferences


class ProjectSetup(QObject):
    """A child of the window, so the document's signal it follows goes when the window goes."""

    def __init__(self, window, prefs: Preferences) -> None:
        super().__init__(window)
        self.window = window
        self.prefs = prefs
        self.doc, self.scene, self.view, self.edits = window.doc, window.scene, window.view, window.edits

    # --- menu entries ----------------------------------------------------------------------------
    def add_details_entry(self, menu) -> None:
        """File > Project details…"""
        self.details_action = add_action(self.window, menu, "Project &details…", self.project_details, tip=(
            "Title, teacher, school, course or grade, class size and units: the evidence PDF's title block"))

    def add_preferences_entry(self, menu) -> None:
        """Edit > Preferences…"""
        add_action(self.window, menu, "Pre&ferences…", self.edit_preferences)

    def add_snap_entry(self, menu) -> None:
        """View > Snap to grid and edges."""
        self.snap_action = add_action(self.window, menu, "&Snap to grid and edges", self.toggle_snapping,
                                      checkable=True)

    def add_layout_entries(self, menu) -> None:
        """Layout > New layout … Delete layout, then Room size…."""
        window, layouts = self.window, self.window.layouts
        add_action(window, menu, "&New layout", layouts.add)
        add_action(window, menu, "&Duplicate layout", layouts.duplicate)
        add_action(window, menu, "&Rename layout…", self.rename_layout)
        add_action(window, menu, "Move layout &up", lambda: layouts.move(-1))
        add_action(window, menu, "Move layout do&wn", lambda: layouts.move(1))
        add_action(window, menu, "De&lete layout", layouts.delete)
        menu.addSeparator()
        self.room_size_action = add_action(window, menu, "Room &size…", self.room_size,
                                           tip="Make the room a rectangle of a given width and depth")

    # --- dialogs (tests replace these) ---------------------------------------------------------
    def ask_text(self, title: str, label: str, value: str) -> str | None:
        text, ok = QInputDialog.getText(self.window, title, label, text=value)
        return text if ok else None

    def ask_room_size(self) -> tuple[float, float] | None:
        """Width and depth in inches, or None (tests replace this)."""
        x0, y0, x1, y1 = self.doc.layout.room.bounds()
        dialog = RoomSizeDialog(self.prefs.units, x1 - x0, y1 - y0, self.window)
        return dialog.size_in_inches() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_project_details(self) -> dict | None:
        """The fields of File > Project details…, or None (tests replace this)."""
        dialog = ProjectDetailsDialog(self.doc.project, self.window)
        return dialog.fields() if dialog.exec() == QDialog.DialogCode.Accepted else None

    # --- the project, its layouts and its room ------------------------------------------------------
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
            self.window.show_error(str(problem))
            return False
        return True

    def rename_layout(self) -> None:
        name = self.ask_text("Rename layout", "Name of this layout:", self.doc.layout.name)
        if name:
            self.window.layouts.rename(name)

    def room_size(self) -> bool:
        """Layout > Room size…: the room becomes a W x D rectangle; doors and windows keep their walls."""
        size = self.ask_room_size()
        if size is None:
            return False
        try:
            room = walls.rectangle(self.doc.layout.room, *size)
        except walls.WallEditError as problem:
            self.window.show_error(str(problem))
            return False
        ok = self.scene.done(self.edits.set_room(room, f"Room size {self.scene.length(size[0])} x "
                                                       f"{self.scene.length(size[1])}"))
        if ok:
            self.view.fit_room()
        return ok

    # --- the teacher's preferences ------------------------------------------------------------------
    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.prefs, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_preferences(dialog.preferences(), save=True)

    def apply_preferences(self, prefs: Preferences, save: bool = False) -> None:
        """Units, grid and snapping to the plan, the palette and the details panel; `save` keeps them."""
        self.prefs = prefs
        apply_grid(self.scene, prefs)
        self.window.inspector.set_units(prefs.units)
        self.window.palette.fill(prefs.units)
        self.snap_action.setChecked(prefs.snapping)
        self.view.viewport().update()
        if save:
            save_preferences(prefs)

    def toggle_snapping(self, on: bool) -> None:
        self.prefs.snapping = bool(on)
        self.apply_preferences(self.prefs, save=True)

    def follow_project_units(self) -> None:
        """The project's display units drive the plan, the palette and the inspector too."""
        units = self.doc.project.display_units
        if units != self.prefs.units:
            self.apply_preferences(Preferences(units, self.prefs.grid, self.prefs.snapping))
