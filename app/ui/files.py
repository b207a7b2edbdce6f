"""The plan's file: File > New room…, New from template…, a sample, Open…, Open recent, Save,
Save as…, with autosave and crash recovery. Every dialog goes through a small `ask_*` method
that tests replace; every failure is one line, and a failed save never loses work.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app.storage import ProjectFileError, load_project, save_project
from app.ui.dialogs import NewRoomDialog
from app.ui.document import blank_project
from app.ui.menus import add_action
from app.ui.settings import RecoveryFile, orphaned_recoveries, recent_files, recovery_folder, remember_file

SAMPLES = Path(__file__).resolve().parent.parent / "assets" / "samples"
PROJECT_FILTER = "Classroom plans (*.classroom.json *.json)"
AUTOSAVE_MS = 60_000


class Files:
    """The window's file: needs its document, its view (fitted to a new room), its setup (the
    teacher's units for a new plan) and its prompts and messages."""

    def __init__(self, window, setup) -> None:
        self.window, self.setup = window, setup
        self.doc, self.view = window.doc, window.view
        self.autosave_timer = QTimer(window)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.recovery = RecoveryFile(recovery_folder())  # this document's own; locked from its first autosave
        self.recovered_windows = []  # more recovered plans than this window can hold open in their own

    def add_entries(self, menu) -> None:
        """File > New room… to Save as…."""
        window = self.window
        self.new_action = add_action(window, menu, "&New room…", self.new_file, QKeySequence.StandardKey.New)
        self.new_template_action = add_action(window, menu, "New from &template…", self.new_from_template)
        samples = menu.addMenu("New from &sample")
        for path in sorted(SAMPLES.glob("*.classroom.json")):
            add_action(window, samples, path.name.removesuffix(".classroom.json").replace("-", " ").capitalize(),
                       lambda _c=False, p=path: self.open_sample(p))
        self.open_action = add_action(window, menu, "&Open…", self.open_file, QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu("Open &recent")
        menu.addSeparator()
        self.save_action = add_action(window, menu, "&Save", self.save, QKeySequence.StandardKey.Save)
        add_action(window, menu, "Save &as…", self.save_as, QKeySequence("Ctrl+Shift+S"))
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for path in files:
            add_action(self.window, self.recent_menu, path,
                       lambda _c=False, p=path: self.open_path(p) if self.maybe_save() else None)
        self.recent_menu.setEnabled(bool(files))

    # --- dialogs (tests replace these) ---------------------------------------------------------
    def ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open a classroom plan", "", PROJECT_FILTER)
        return path or None

    def ask_save_path(self) -> str | None:
        start = str(self.doc.path) if self.doc.path else "classroom.classroom.json"
        return ask_where_to_save(self.window, "Save the classroom plan", start, PROJECT_FILTER, ".classroom.json")

    def ask_new_room(self) -> tuple[float, float] | None:
        dialog = NewRoomDialog(self.setup.prefs.units, self.window)
        return dialog.size_in_inches() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_recover(self, original: Path | None, saved_at: datetime) -> bool:
        """Recover the plan an editor left unsaved (`original` is where it was saved; None: never)?"""
        plan = f"changes to {original}" if original else "a plan that was never saved"
        when = saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return QMessageBox.question(self.window, "Recover unsaved work?",
                                    f"An editor closed without saving {plan} (last autosaved {when}). Recover it? "
                                    "No deletes the unsaved changes.") == QMessageBox.StandardButton.Yes

    def maybe_save(self) -> bool:
        if self.doc.undo_stack.isClean():
            return True
        answer = self.window.ask_save_changes()
        return answer == "discard" or (answer == "save" and self.save())

    # --- new / open / save ---------------------------------------------------------------------
    def new_file(self) -> None:
        if not self.maybe_save():
            return
        size = self.ask_new_room()
        if size is not None:
            project = blank_project(*size)
            project.display_units = self.setup.prefs.units  # a new plan speaks the teacher's units
            self.doc.replace_project(project)
            self.recovery.discard()  # the last plan's changes were saved or given up when asked
            self.view.fit_room()

    def ask_template(self):
        """(template, width, depth in inches) from File > New from template…, or None."""
        from app.templates import templates
        from app.ui.template_dialog import TemplateDialog

        dialog = TemplateDialog(templates(), self.setup.prefs.units, self.window)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def new_from_template(self) -> None:
        if not self.maybe_save():
            return
        choice = self.ask_template()
        if choice is None:
            return
        from app.model import Project
        from app.templates import TemplateDoesNotFit, lay_out

        try:
            layout = lay_out(*choice, units=self.setup.prefs.units)
        except TemplateDoesNotFit as problem:
            self.window.show_error(str(problem))
            return
        self.doc.replace_project(Project(display_units=self.setup.prefs.units, layouts=[layout]))
        self.recovery.discard()  # the last plan's changes were saved or given up when asked
        self.view.fit_room()

    def open_sample(self, path: Path) -> None:
        if self.maybe_save() and self.open_path(path):
            self.doc.set_path(None)  # a sample is a starting point: Save asks where to keep the copy

    def open_file(self) -> None:
        if self.maybe_save() and (path := self.ask_open_path()):
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        try:
            project = load_project(path)
        except ProjectFileError as problem:
            self.window.show_error(str(problem))
            return False
        self.doc.replace_project(project, path)
        self.recovery.discard()  # the last plan's changes were saved or given up when asked
        self.setup.apply_preferences(self.setup.prefs)
        remember_file(path)
        self._fill_recent()
        self.view.fit_room()
        return True

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._write(self.doc.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        return bool(path) and self._write(Path(path))

    def _write(self, path: Path) -> bool:
        try:
            save_project(self.doc.project, path)
        except ProjectFileError as problem:
            self.window.show_error(f"Not saved (your plan is still open): {problem}")
            return False
        if self.doc.path != path:
            self.doc.set_path(path)
        self.doc.undo_stack.setClean()
        remember_file(path)
        self._fill_recent()
        self.discard_recovery()
        self.window.statusBar().showMessage(f"Saved {path.name}", 3000)
        return True

    # --- autosave and recovery -------------------------------------------------------------------
    def autosave(self) -> Path | None:
        """Write this document's own recovery file; None when there is nothing unsaved or it failed."""
        if self.doc.undo_stack.isClean():
            self.recovery.discard()  # undone back to what is saved: nothing to recover
            return None
        try:
            self.recovery.write(self.doc.project, self.doc.path)
        except ProjectFileError as problem:
            self.window.statusBar().showMessage(f"Autosave failed: {problem}", 5000)
            return None
        return self.recovery.plan

    def discard_recovery(self) -> None:
        """This document's recovery file goes (it is saved); other editors' stay."""
        self.recovery.discard()

    def stop_autosave(self) -> None:
        self.autosave_timer.stop()
        self.recovery.remove()  # closing on purpose: nothing to recover next time

    def offer_recovery(self) -> list:
        """Offer every plan a dead editor left unsaved, one after another: accepted, it opens unsaved
        with its file remembered (here if this window holds nothing yet, else in a new window);
        declined, its recovery file goes. Returns the windows that opened one."""
        opened = []
        for found in orphaned_recoveries(recovery_folder()):
            original, saved_at = found.origin()
            if not self.ask_recover(original, saved_at):
                found.remove()
                continue
            try:
                project = load_project(found.plan)
            except ProjectFileError as problem:
                found.release()  # kept: offered again at the next start, never deleted unread
                self.window.show_error(f"The unsaved plan cannot be recovered (kept as {found.plan}): {problem}")
                continue
            window = self.window if not opened and self._holds_nothing() else self._new_window()
            window.files._take_recovered(found, project, original)
            opened.append(window)
        return opened

    def _holds_nothing(self) -> bool:
        return self.doc.path is None and self.doc.undo_stack.isClean() and self.doc.undo_stack.count() == 0

    def _new_window(self):
        window = type(self.window)()
        self.recovered_windows.append(window)
        window.show()
        return window

    def _take_recovered(self, found: RecoveryFile, project, original: Path | None) -> None:
        self.recovery.remove()
        self.recovery = found  # keeps autosaving to it, and holds its lock
        self.doc.replace_project(project, original)
        self.doc.undo_stack.resetClean()  # recovered work is not saved yet
        self.window.update_title()
        self.view.fit_room()


def ask_where_to_save(parent, title: str, start: str, filter_: str, suffix: str) -> str | None:
    """The system save dialog; a name typed without its extension gets `suffix` (a plan also
    keeps a plain .json)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, start, filter_)
    if path and not path.endswith(suffix) and not (suffix == ".classroom.json" and path.endswith(".json")):
        path += suffix
    return path or None
