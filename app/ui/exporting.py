"""The plan on paper and in pictures: File > Export evidence PDF…, the draft with its checklist,
the map as PNG / SVG, Print…. The save and print dialogs go through `ask_*` methods that tests
replace; every failure is one line, and a failed export leaves the old file as it was."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QDialog

from app.overwrite import same_file
from app.storage import ProjectFileError
from app.storage.writing import write_atomically
from app.ui.files import ask_where_to_save
from app.ui.menus import add_action


class Exports:
    """The window's exports: needs its document, its scene (drawn on paper) and its messages."""

    def __init__(self, window) -> None:
        self.window = window
        self.doc, self.scene = window.doc, window.scene

    def add_entries(self, menu) -> None:
        """File > Export evidence PDF… to Print…."""
        window = self.window
        self.export_pdf_action = add_action(window, menu, "&Export evidence PDF…", self.export_evidence, "Ctrl+E",
                                            "The submission: the map, stations, transitions and how the plan "
                                            "meets the review criteria")
        self.export_draft_action = add_action(window, menu, "Export &draft with checklist…",
                                              lambda: self.export_evidence(draft=True), "Ctrl+Shift+E",
                                              "The same with the readiness checklist at the end, for you")
        add_action(window, menu, "Export map as &PNG…", lambda: self.export_image("png"))
        add_action(window, menu, "Export map as S&VG…", lambda: self.export_image("svg"))
        self.print_action = add_action(window, menu, "&Print…", self.print_plan, QKeySequence.StandardKey.Print,
                                       "Print the map of this layout to scale on one page")

    # --- dialogs (tests replace these) ---------------------------------------------------------
    def ask_save_path(self, title: str, filter_: str, suffix: str, start: str | None = None) -> str | None:
        start = start or (str(self.doc.path) if self.doc.path else f"classroom{suffix}")
        return ask_where_to_save(self.window, title, start, filter_, suffix)

    def ask_print(self, printer) -> bool:
        """The system print dialog on `printer`; True to print (tests replace this)."""
        from PySide6.QtPrintSupport import QPrintDialog

        return QPrintDialog(printer, self.window).exec() == QDialog.DialogCode.Accepted

    # --- the evidence PDF ----------------------------------------------------------------------
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
            self.window.show_error(f"The PDF was not written: {path} is this project's own file; choose another "
                                   "name.")
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = export_pdf(self.doc.project, path, draft=draft)
        except Exception as error:  # noqa: BLE001 - one line, never a traceback
            QGuiApplication.restoreOverrideCursor()
            self.window.show_error("The PDF was not written: "
                                   f"{str(error).splitlines()[0] if str(error) else type(error).__name__}")
            return
        QGuiApplication.restoreOverrideCursor()
        verdict = result.readiness
        if verdict.ready:
            self.window.show_info(f"PDF written: {path}. {verdict.verdict()}")
        else:
            listed = result.unmet
            more = f"\n… and {len(listed) - 8} more in the Ready to submit? panel." if len(listed) > 8 else ""
            self.window.show_info(f"PDF written, marked DRAFT on every page: {verdict.verdict()}\n• "
                                  + "\n• ".join(listed[:8]) + more)

    # --- the map ---------------------------------------------------------------------------------
    def _plan_rect(self) -> QRectF:
        x0, y0, x1, y1 = self.doc.layout.room.bounds()
        return QRectF(x0 - 40, y0 - 40, x1 - x0 + 80, y1 - y0 + 80)

    def _render(self, painter: QPainter, target: QRectF) -> None:
        with self.scene.as_printed():  # no selection colour or handles on paper
            self.scene.render(painter, target, self._plan_rect(), Qt.AspectRatioMode.KeepAspectRatio)

    def export_image(self, fmt: str, path: str | None = None) -> bool:
        path = path or self.ask_save_path(f"Export map as {fmt.upper()}", f"{fmt.upper()} (*.{fmt})", f".{fmt}")
        if not path:
            return False
        if self.doc.path is not None and same_file(path, self.doc.path):
            self.window.show_error(f"The map was not written: {path} is this project's own file; choose another "
                                   "name.")
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
            self.window.show_error(f"{path}: the map could not be drawn")
            return False
        try:
            write_atomically(path, bytes(buffer.data()))
        except ProjectFileError as problem:
            self.window.show_error(f"The map was not written: {problem}")
            return False
        self.window.statusBar().showMessage(f"Map written to {path}", 4000)
        return True

    def print_plan(self, printer=None) -> bool:
        """File > Print…: the map of this layout, as large as the page allows, with the layout's name."""
        from PySide6.QtPrintSupport import QPrinter

        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.doc.layout.name)
        if not self.ask_print(printer):
            return False
        painter = QPainter()
        if not painter.begin(printer):
            self.window.show_error("The printer could not be opened; check that it is connected and try again.")
            return False
        page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        page.moveTo(0, 0)
        painter.drawText(QRectF(0, 0, page.width(), page.height() * 0.05), Qt.AlignmentFlag.AlignLeft,
                         f"{self.doc.project.title or 'Classroom layout'} — {self.doc.layout.name}")
        self._render(painter, page.adjusted(0, page.height() * 0.06, 0, 0))
        painter.end()
        self.window.statusBar().showMessage("Sent to the printer", 3000)
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
