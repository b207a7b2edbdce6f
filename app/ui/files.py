"""File menu behaviour for the main window: new, open, save, recent files, autosave and crash
recovery, evidence PDF, map as PNG / SVG, print. Every dialog goes through a small `ask_*`
method that tests replace; every failure is one line, and a failed save never loses work.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from app.overwrite import same_file
from app.storage import ProjectFileError, load_project, save_project
from app.storage.writing import write_atomically
from app.ui.dialogs import NewRoomDialog, PreferencesDialog
from app.ui.document import blank_project
from app.ui.grid_prefs import apply_grid
from app.ui.settings import (Preferences, RecoveryFile, orphaned_recoveries, recent_files, recovery_folder,
                             remember_file, save_preferences)

SAMPLES = Path(__file__).resolve().parent.parent / "assets" / "samples"
PROJECT_FILTER = "Classroom plans (*.classroom.json *.json)"
AUTOSAVE_MS = 60_000


class FileActions:
    """Mixed into MainWindow (needs self.doc, self.scene, self.view, self.show_error...)."""

    # --- menu ------------------------------------------------------------------------------
    def build_file_menu(self, menu) -> None:
        a = self._action
        self.new_action = a(menu, "&New room…", self.new_file, QKeySequence.StandardKey.New)
        self.new_template_action = a(menu, "New from &template…", self.new_from_template)
        samples = menu.addMenu("New from &sample")
        for path in sorted(SAMPLES.glob("*.classroom.json")):
            a(samples, path.name.removesuffix(".classroom.json").replace("-", " ").capitalize(),
              lambda _c=False, p=path: self.open_sample(p))
        self.open_action = a(menu, "&Open…", self.open_file, QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu("Open &recent")
        menu.addSeparator()
        self.save_action = a(menu, "&Save", self.save, QKeySequence.StandardKey.Save)
        a(menu, "Save &as…", self.save_as, QKeySequence("Ctrl+Shift+S"))
        menu.addSeparator()
        self.details_action = a(menu, "Project &details…", self.project_details, tip=(
            "Title, teacher, school, course or grade, class size and units: the evidence PDF's title block"))
        menu.addSeparator()
        self.export_pdf_action = a(menu, "&Export evidence PDF…", self.export_evidence, "Ctrl+E",
                                   "The submission: the map, stations, transitions and how the plan meets the "
                                   "review criteria")
        self.export_draft_action = a(menu, "Export &draft with checklist…", lambda: self.export_evidence(draft=True),
                                     "Ctrl+Shift+E", "The same with the readiness checklist at the end, for you")
        a(menu, "Export map as &PNG…", lambda: self.export_image("png"))
        a(menu, "Export map as S&VG…", lambda: self.export_image("svg"))
        self.print_action = a(menu, "&Print…", self.print_plan, QKeySequence.StandardKey.Print,
                              "Print the map of this layout to scale on one page")
        menu.addSeparator()
        a(menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

    def setup_files(self) -> None:
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.recovery = RecoveryFile(recovery_folder())  # this document's own; locked from its first autosave
        self.recovered_windows = []  # more recovered plans than this window can hold open in their own
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for path in files:
            self._action(self.recent_menu, path, lambda _c=False, p=path: self.open_path(p) if self.maybe_save() else None)
        self.recent_menu.setEnabled(bool(files))

    # --- dialogs (tests replace these) ---------------------------------------------------------
    def ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a classroom plan", "", PROJECT_FILTER)
        return path or None

    def ask_save_path(self, title: str = "Save the classroom plan", filter_: str = PROJECT_FILTER,
                      suffix: str = ".classroom.json", start: str | None = None) -> str | None:
        start = start or (str(self.doc.path) if self.doc.path else f"classroom{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, title, start, filter_)
        if path and not path.endswith(suffix) and not (suffix == ".classroom.json" and path.endswith(".json")):
            path += suffix
        return path or None

    def ask_new_room(self) -> tuple[float, float] | None:
        dialog = NewRoomDialog(self.prefs.units, self)
        return dialog.size_in_inches() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_recover(self, original: Path | None, saved_at: datetime) -> bool:
        """Recover the plan an editor left unsaved (`original` is where it was saved; None: never)?"""
        plan = f"changes to {original}" if original else "a plan that was never saved"
        when = saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return QMessageBox.question(self, "Recover unsaved work?",
                                    f"An editor closed without saving {plan} (last autosaved {when}). Recover it? "
                                    "No deletes the unsaved changes.") == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, label: str, value: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=value)
        return text if ok else None

    def maybe_save(self) -> bool:
        if self.doc.undo_stack.isClean():
            return True
        answer = self.ask_save_changes()
        return answer == "discard" or (answer == "save" and self.save())

    # --- new / open / save ---------------------------------------------------------------------
    def new_file(self) -> None:
        if not self.maybe_save():
            return
        size = self.ask_new_room()
        if size is not None:
            project = blank_project(*size)
            project.display_units = self.prefs.units  # a new plan speaks the teacher's units
            self.doc.replace_project(project)
            self.recovery.discard()  # the last plan's changes were saved or given up when asked
            self.view.fit_room()

    def ask_template(self):
        """(template, width, depth in inches) from File > New from template…, or None."""
        from app.templates import templates
        from app.ui.template_dialog import TemplateDialog

        dialog = TemplateDialog(templates(), self.prefs.units, self)
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
            layout = lay_out(*choice, units=self.prefs.units)
        except TemplateDoesNotFit as problem:
            self.show_error(str(problem))
            return
        self.doc.replace_project(Project(display_units=self.prefs.units, layouts=[layout]))
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
            self.show_error(str(problem))
            return False
        self.doc.replace_project(project, path)
        self.recovery.discard()  # the last plan's changes were saved or given up when asked
        self.apply_preferences(self.prefs)
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
            self.show_error(f"Not saved (your plan is still open): {problem}")
            return False
        if self.doc.path != path:
            self.doc.set_path(path)
        self.doc.undo_stack.setClean()
        remember_file(path)
        self._fill_recent()
        self.discard_recovery()
        self.statusBar().showMessage(f"Saved {path.name}", 3000)
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
            self.statusBar().showMessage(f"Autosave failed: {problem}", 5000)
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
                self.show_error(f"The unsaved plan cannot be recovered (kept as {found.plan}): {problem}")
                continue
            window = self if not opened and self._holds_nothing() else self._new_window()
            window._take_recovered(found, project, original)
            opened.append(window)
        return opened

    def _holds_nothing(self) -> bool:
        return self.doc.path is None and self.doc.undo_stack.isClean() and self.doc.undo_stack.count() == 0

    def _new_window(self):
        window = type(self)()
        self.recovered_windows.append(window)
        window.show()
        return window

    def _take_recovered(self, found: RecoveryFile, project, original: Path | None) -> None:
        self.recovery.remove()
        self.recovery = found  # keeps autosaving to it, and holds its lock
        self.doc.replace_project(project, original)
        self.doc.undo_stack.resetClean()  # recovered work is not saved yet
        self._update_title()
        self.view.fit_room()

    # --- preferences -----------------------------------------------------------------------------
    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_preferences(dialog.preferences(), save=True)

    def apply_preferences(self, prefs: Preferences, save: bool = False) -> None:
        self.prefs = prefs
        apply_grid(self.scene, prefs)
        self.inspector.set_units(prefs.units)
        self.palette.fill(prefs.units)
        self.snap_action.setChecked(prefs.snapping)
        self.view.viewport().update()
        if save:
            save_preferences(prefs)

    # --- evidence and pictures -------------------------------------------------------------------
    def export_evidence(self, draft: bool = False) -> None:
        from app.export import export_pdf  # here, not at start-up: ReportLab loads only to export

        start = evidence_pdf_start(self.doc.path, self.doc.project.title, documents_folder())
        if draft:
            start = start.with_name(f"{start.stem} draft.pdf")
        path = self.ask_save_path("Export draft with checklist" if draft else "Export evidence PDF", "PDF (*.pdf)",
                                  ".pdf", str(start))
        if not path:
            return
        if self.doc.path is not None and same_file(path, self.doc.path):
            self.show_error(f"The PDF was not written: {path} is this project's own file; choose another name.")
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = export_pdf(self.doc.project, path, draft=draft)
        except Exception as error:  # noqa: BLE001 - one line, never a traceback
            QGuiApplication.restoreOverrideCursor()
            self.show_error(f"The PDF was not written: {str(error).splitlines()[0] if str(error) else type(error).__name__}")
            return
        QGuiApplication.restoreOverrideCursor()
        verdict = result.readiness
        if verdict.ready:
            self.show_info(f"PDF written: {path}. {verdict.verdict()}")
        else:
            listed = result.unmet
            more = f"\n… and {len(listed) - 8} more in the Ready to submit? panel." if len(listed) > 8 else ""
            self.show_info(f"PDF written, marked DRAFT on every page: {verdict.verdict()}\n• "
                           + "\n• ".join(listed[:8]) + more)

    def _plan_rect(self) -> QRectF:
        x0, y0, x1, y1 = self.doc.layout.room.bounds()
        return QRectF(x0 - 40, y0 - 40, x1 - x0 + 80, y1 - y0 + 80)

    def _render(self, painter: QPainter, target: QRectF) -> None:
        selected = self.scene.selectedItems()
        self.scene.clearSelection()  # no selection colour or handles on paper
        self.scene.parts.set_visible(False)
        self.scene.render(painter, target, self._plan_rect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.scene.parts.set_visible(True)
        for item in selected:
            item.setSelected(True)

    def export_image(self, fmt: str, path: str | None = None) -> bool:
        path = path or self.ask_save_path(f"Export map as {fmt.upper()}", f"{fmt.upper()} (*.{fmt})", f".{fmt}")
        if not path:
            return False
        if self.doc.path is not None and same_file(path, self.doc.path):
            self.show_error(f"The map was not written: {path} is this project's own file; choose another name.")
            return False
        rect = self._plan_rect()
        scale = 4.0  # px per inch: a 30 ft room is about 1,600 px wide
        size = QSize(int(rect.width() * scale), int(rect.height() * scale))
        buffer = QBuffer()  # drawn in memory, then written atomically: a failed export keeps the old picture
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if fmt == "svg":
            from PySide6.QtSvg import QSvgGenerator  # ships with PySide6-Essentials

            gen = QSvgGenerator()
            gen.setOutputDevice(buffer)
            gen.setSize(size)
            gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
            gen.setTitle(self.doc.layout.name)
            painter = QPainter(gen)
            self._render(painter, QRectF(0, 0, size.width(), size.height()))
            drawn = painter.end()
        else:
            image = QImage(size, QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._render(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
            drawn = image.save(buffer, "PNG")
        buffer.close()
        if not drawn or buffer.size() == 0:
            self.show_error(f"{path}: the map could not be drawn")
            return False
        try:
            write_atomically(path, bytes(buffer.data()))
        except ProjectFileError as problem:
            self.show_error(f"The map was not written: {problem}")
            return False
        self.statusBar().showMessage(f"Map written to {path}", 4000)
        return True

    def ask_print(self, printer) -> bool:
        """The system print dialog on `printer`; True to print (tests replace this)."""
        from PySide6.QtPrintSupport import QPrintDialog

        return QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted

    def print_plan(self, printer=None) -> bool:
        """File > Print…: the map of this layout, as large as the page allows, with the layout's name."""
        from PySide6.QtPrintSupport import QPrinter

        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.doc.layout.name)
        if not self.ask_print(printer):
            return False
        painter = QPainter()
        if not painter.begin(printer):
            self.show_error("The printer could not be opened; check that it is connected and try again.")
            return False
        page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        page.moveTo(0, 0)
        painter.drawText(QRectF(0, 0, page.width(), page.height() * 0.05), Qt.AlignmentFlag.AlignLeft,
                         f"{self.doc.project.title or 'Classroom layout'} — {self.doc.layout.name}")
        self._render(painter, page.adjusted(0, page.height() * 0.06, 0, 0))
        painter.end()
        self.statusBar().showMessage("Sent to the printer", 3000)
        return True


# --- where the evidence PDF is proposed ---------------------------------------------------------
PROJECT_SUFFIX = ".classroom.json"
# characters Windows, macOS or a USB stick's FAT refuse in a file name, and control characters
_UNSAFE_IN_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_MAX_NAME = 60  # 60 characters of 4 UTF-8 bytes and ".pdf" stay under the common 255-byte limit
_RESERVED_ON_WINDOWS = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                        *(f"LPT{i}" for i in range(1, 10))}


def evidence_pdf_start(project_path: str | Path | None, title: str, documents: Path) -> Path:
    """`<project name>.pdf` beside the project file; a plan never saved is named after its
    title and goes to the teacher's documents folder."""
    if project_path is not None:
        path = Path(project_path)
        name = path.name.removesuffix(PROJECT_SUFFIX) if path.name.endswith(PROJECT_SUFFIX) else path.stem
        return path.parent / f"{safe_file_name(name)}.pdf"
    return documents / f"{safe_file_name(title)}.pdf"


def safe_file_name(text: str) -> str:
    """`text` as a file name every system accepts: no separators or reserved characters, no
    leading dot (a hidden file), no trailing dot or space (Windows drops them)."""
    name = " ".join(_UNSAFE_IN_NAME.sub(" ", text).split())[:_MAX_NAME].strip(" .")
    if name.upper() in _RESERVED_ON_WINDOWS:
        name += " plan"
    return name or "Classroom layout plan"


def documents_folder() -> Path:
    """The teacher's Documents folder, or the home folder when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()
