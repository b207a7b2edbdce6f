"""The Floor plan panel: trace the real room. A scanned or photographed floor plan (PNG, JPEG or a
PDF page) is shown under the plan; two clicks and a typed distance set its true scale, two clicks
along a wall square it to the plan; it can be moved, turned, faded, locked, hidden or removed.
Every change is one undo step; the image is kept in the project file.
"""

from __future__ import annotations

import math
import threading
from html import escape
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QEventLoop, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app import tracing as tr
from app.canvas.tracing import MoveTracingTool, PickPointsTool
from app.model import Tracing
from app.model.errors import describe
from app.units import format_length, parse_length
from app.ui import commands as cmd
from app.ui.document import Document, EditError

FILTER = "Floor plans (*.png *.jpg *.jpeg *.pdf);;All files (*)"
INTRO = ("Trace the real room: show a scanned or photographed floor plan (PNG, JPEG or PDF) under the "
         "plan, set its scale from one known length, and draw the walls and doors over it.")


class FloorPlanPanel(QWidget):
    error = Signal(str)  # a file that cannot be traced, or an edit the model refused
    message = Signal(str)  # a line for the status bar
    shown = Signal()  # a floor plan was just traced: the window brings this panel forward

    def __init__(self, doc: Document, scene, parent=None):
        super().__init__(parent)
        self.doc, self.scene = doc, scene
        self.trace_action = QAction("&Trace a floor plan…", self)
        self.trace_action.setStatusTip("Show a scanned or photographed floor plan under the plan, to draw the room over it")
        self.trace_action.triggered.connect(self.trace)

        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        box.addWidget(self.intro)
        self.name = QLabel()
        self.name.setWordWrap(True)
        box.addWidget(self.name)
        self.size = QLabel()
        box.addWidget(self.size)

        self.buttons: dict[str, QPushButton] = {}
        for row_keys in (("trace", "scale"), ("square", "move"), ("replace", "remove")):
            row = QHBoxLayout()
            for key in row_keys:
                button = QPushButton()
                row.addWidget(button)
                self.buttons[key] = button
            box.addLayout(row)
        for key, text, tip, slot in (
            ("trace", "Trace a floor plan…", "Choose a PNG, JPEG or PDF of the room's floor plan", self.trace),
            ("scale", "Set the scale…", "Click two points a known distance apart, then type that distance", self.start_scale),
            ("square", "Square to a wall…", "Click two points along one wall of the floor plan: it turns to run straight",
             self.start_square),
            ("move", "Move", "Drag the floor plan under the room (Esc to stop)", self.start_move),
            ("replace", "Replace…", "Another image in its place, as wide on the plan: a better scan keeps its scale",
             self.replace),
            ("remove", "Remove", "Take the floor plan away (undo brings it back)", self.remove),
        ):
            self.buttons[key].setText(text)
            self.buttons[key].setToolTip(tip)
            self.buttons[key].clicked.connect(slot)
        self.buttons["move"].setCheckable(True)

        self.form = form = QFormLayout()
        self.turn = QDoubleSpinBox()
        self.turn.setRange(-180.0, 180.0)
        self.turn.setDecimals(1)
        self.turn.setSingleStep(0.5)
        self.turn.setSuffix("°")
        self.turn.setKeyboardTracking(False)
        self.turn.setToolTip("Degrees clockwise; Square to a wall sets it from two clicks")
        self.turn.valueChanged.connect(self._turned)
        form.addRow("Turned", self.turn)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(5, 100)
        self.opacity.setToolTip("How strongly the floor plan shows under the room")
        self.opacity.sliderReleased.connect(self._faded)
        self.opacity.valueChanged.connect(lambda _v: None if self.opacity.isSliderDown() else self._faded())
        form.addRow("Strength", self.opacity)
        box.addLayout(form)
        self.checks: dict[str, QCheckBox] = {}
        for key, text, tip in (
            ("locked", "Lock in place", "Nothing moves, turns or rescales it until unlocked"),
            ("visible", "Show", "Hide it to see the plan alone; it stays in the project"),
            ("in_pdf", "Show in the evidence PDF", "Left out unless ticked: the map shows the plan you drew"),
        ):
            check = QCheckBox(text)
            check.setToolTip(tip)
            check.toggled.connect(lambda on, key=key: self._set_flag(key, on))
            box.addWidget(check)
            self.checks[key] = check
        box.addStretch(1)
        self._filling = False
        self.damaged = False  # the image kept in the file cannot be decoded
        scene.tracing_item.readable.connect(self._readable)
        doc.tracing_changed.connect(self.refresh)
        scene.tool_changed.connect(self._tool_changed)
        self.refresh()

    # --- seams for dialogs (tests answer them) --------------------------------------------
    def ask_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.window(), "Trace a floor plan", self._start_folder(), FILTER)
        return path or None

    def _start_folder(self) -> str:
        """The plan's own folder, else Pictures (where scans and photos land), else home."""
        if self.doc.path is not None:
            return str(self.doc.path.parent)
        pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        return pictures if pictures and Path(pictures).is_dir() else str(Path.home())

    def ask_page(self, pages: int) -> int | None:
        page, ok = QInputDialog.getInt(self.window(), "Trace a floor plan",
                                       f"The PDF has {pages} pages. Trace page:", 1, 1, pages)
        return page if ok else None

    def ask_distance(self, measured: str) -> str | None:
        text, ok = QInputDialog.getText(
            self.window(), "Set the scale",
            f"The two points are {measured} apart on the plan now.\n"
            "How far apart are they in the real room? (for example 30', 28' 6\" or 9.1 m)")
        return text if ok else None

    # --- showing --------------------------------------------------------------------------
    @property
    def tracing(self) -> Tracing | None:
        return self.doc.project.tracing

    def refresh(self) -> None:
        t = self.tracing
        self._filling = True
        try:
            self.intro.setVisible(t is None)
            for widget in (self.name, self.size, self.turn, self.opacity, *self.checks.values()):
                widget.setVisible(t is not None)
            for key in ("scale", "square", "move", "replace", "remove"):
                self.buttons[key].setVisible(t is not None)
            self.buttons["trace"].setVisible(t is None)
            for field in (self.turn, self.opacity):
                self.form.labelForField(field).setVisible(t is not None)
            if t is None:
                return
            units = self.scene.units
            self.name.setText(f"<b>{escape(t.name or 'Floor plan')}</b>")
            self.size.setText(f"{format_length(t.width, units)} × {format_length(t.depth, units)} on the plan")
            if self.damaged:
                self.size.setText('<span style="color:#b00020">This image is damaged and cannot be shown: '
                                  "Replace… or Remove it.</span>")
            self.turn.setValue(t.rotation - 360.0 if t.rotation > 180.0 else t.rotation)
            self.opacity.setValue(round(t.opacity * 100))
            for key, check in self.checks.items():
                check.setChecked(getattr(t, key))
            for key in ("scale", "square", "move"):
                self.buttons[key].setEnabled(not t.locked and t.visible)
            self.turn.setEnabled(not t.locked and t.visible)
        finally:
            self._filling = False

    def _readable(self, ok: bool) -> None:
        self.damaged = not ok
        self.refresh()
        if not ok:
            self.error.emit("The floor plan image kept in this file is damaged and cannot be shown: replace or "
                            "remove it in the Floor plan panel")

    def _tool_changed(self, _hint: str) -> None:
        self.buttons["move"].setChecked(isinstance(self.scene.tool, MoveTracingTool))

    # --- edits ----------------------------------------------------------------------------
    def _push(self, tracing: Tracing | None, text: str) -> bool:
        try:
            cmd.push(self.doc, cmd.SetTracing(self.doc, tracing, text))
        except EditError as problem:
            self.error.emit(str(problem))
            return False
        return True

    def _read(self) -> tuple[bytes, tuple[int, int], str] | None:
        path = self.ask_path()
        if not path:
            return None
        page = 1
        try:
            if Path(path).suffix.lower() == ".pdf":
                pages = tr.pdf_page_count(path)
                if pages > 1:
                    page = self.ask_page(pages)
                    if page is None:
                        return None
            data, pixels = self._off_the_gui_thread(f"Reading {Path(path).name}…",
                                                    lambda: tr.read_floor_plan(path, page))
        except tr.TracingProblem as problem:
            self.error.emit(str(problem))
            return None
        name = Path(path).name if page == 1 else f"{Path(path).name}, page {page}"
        return data, pixels, name

    def _off_the_gui_thread(self, text: str, work):
        """work() in a thread (Pillow and PDFium let go of the interpreter while they decode and
        render: up to a second for a large scan), the window live and a busy dialog after 0.4 s;
        its result, or what it raised."""
        outcome: dict = {}

        def run() -> None:
            try:
                outcome["value"] = work()
            except Exception as problem:  # noqa: BLE001 - handed back to the GUI thread, raised there
                outcome["problem"] = problem

        worker = threading.Thread(target=run, name="floor-plan", daemon=True)
        busy = QProgressDialog(text, "", 0, 0, self.window())
        busy.setCancelButton(None)
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(400)
        worker.start()
        while worker.is_alive():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 30)
            worker.join(0.01)
        busy.close()
        if "problem" in outcome:
            raise outcome["problem"]
        return outcome["value"]

    def trace(self) -> bool:
        """Ask for a file and show it under the room, as large as the room: a first guess to calibrate."""
        read = self._read()
        if read is None:
            return False
        data, pixels, name = read
        tracing = tr.placed_over(self.doc.layout.room, data, pixels, name)
        if not self._push(tracing, f"Trace {name}"):
            return False
        self.shown.emit()
        self.message.emit("Now set its scale: Set the scale…, then click two points a known distance apart")
        return True

    def replace(self) -> bool:
        old = self.tracing
        read = self._read()
        if read is None or old is None:
            return False
        data, pixels, name = read
        # the new image keeps the old one's centre and width on the plan (a better scan of the same
        # drawing keeps its scale); it comes in straight, to be squared again if it needs it
        fresh = tr.placed_over(self.doc.layout.room, data, pixels, name)
        factor = old.width / fresh.width
        try:
            new = tr.changed(fresh, {"x": old.x, "y": old.y, "width": fresh.width * factor,
                                     "depth": fresh.depth * factor, "opacity": old.opacity, "in_pdf": old.in_pdf})
        except ValueError as problem:  # a far taller image than the old one, at its width
            self.error.emit(_first_line(problem))
            return False
        return self._push(new, f"Replace the floor plan with {name}")

    def remove(self) -> bool:
        if self.tracing is None:
            return False
        self.scene.set_tool(None)
        return self._push(None, "Remove the floor plan")

    def start_scale(self) -> None:
        self.scene.set_tool(PickPointsTool(
            self.scene, "Click two points on the floor plan a known distance apart (the ends of a wall) · Esc to cancel",
            self.set_scale))

    def set_scale(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        t = self.tracing
        measured = math.dist(a, b)
        if t is None:
            return False
        if measured < 1.0:
            self.error.emit("The two points are the same point: click two points apart, such as the ends of a wall")
            return False
        while True:
            text = self.ask_distance(format_length(measured, self.scene.units))
            if text is None:
                return False
            try:
                real = parse_length(text, self.scene.units)
                new = tr.calibrated(t, a, b, real)
            except ValueError as problem:
                self.error.emit(f"{text!r}: {_first_line(problem)}")
                continue
            break
        if not self._push(new, "Set the floor plan's scale"):
            return False
        self.message.emit(f"Scale set: the two points are {format_length(real, self.scene.units)} apart")
        return True

    def start_square(self) -> None:
        self.scene.set_tool(PickPointsTool(
            self.scene, "Click two points along one wall of the floor plan · Esc to cancel", self.square))

    def square(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        t = self.tracing
        if t is None or math.dist(a, b) < 1.0:
            return False
        return self._push(tr.squared(t, a, b), "Square the floor plan")

    def start_move(self) -> None:
        if isinstance(self.scene.tool, MoveTracingTool):
            self.scene.set_tool(None)
            return
        self.scene.set_tool(MoveTracingTool(self.scene, self.move_by))

    def move_by(self, dx: float, dy: float) -> bool:
        t = self.tracing
        if t is None:
            return False
        try:
            new = tr.changed(t, {"x": t.x + dx, "y": t.y + dy})
        except ValueError as problem:
            self.error.emit(_first_line(problem))
            return False
        return self._push(new, "Move the floor plan")

    def _turned(self, degrees: float) -> None:
        t = self.tracing
        if self._filling or t is None:
            return
        self._push(tr.turned(t, degrees - t.rotation, (t.x, t.y)), "Turn the floor plan")

    def _faded(self) -> None:
        t = self.tracing
        if self._filling or t is None or round(t.opacity * 100) == self.opacity.value():
            return
        self._push(tr.changed(t, {"opacity": self.opacity.value() / 100}), "Change the floor plan's strength")

    def _set_flag(self, key: str, on: bool) -> None:
        t = self.tracing
        if self._filling or t is None or getattr(t, key) == on:
            return
        if key in ("locked", "visible") and on is not (key == "visible"):
            self.scene.set_tool(None)  # a locked or hidden plan is not being moved or scaled
        text = {("locked", True): "Lock the floor plan", ("locked", False): "Unlock the floor plan",
                ("visible", True): "Show the floor plan", ("visible", False): "Hide the floor plan",
                ("in_pdf", True): "Show the floor plan in the PDF",
                ("in_pdf", False): "Leave the floor plan out of the PDF"}[(key, on)]
        self._push(tr.changed(t, {key: on}), text)


def _first_line(problem: Exception) -> str:
    """One line: a field the model refused as 'tracing.width: …', else the problem's own words."""
    return describe(problem, prefix="tracing.") if isinstance(problem, ValidationError) else str(problem)
