"""The inspector: the fields of the one selected piece or zone. Each committed edit (Enter, focus
leaving the field, a new choice) is one undoable command; the model refuses bad values.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QStackedWidget, QWidget,
)

from app.model import ZONE_KINDS, ZoneKind, catalog
from app.words import with_kind
from app.ui import commands as cmd
from app.ui.document import Document, EditError
from app.ui.length_field import TIP as LENGTH_TIP
from app.ui.length_field import LengthField
from app.ui.opening_form import OpeningForm


class CommitText(QPlainTextEdit):
    """A multi-line field that commits when focus leaves it (one command per committed edit)."""

    committed = Signal()

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        self.committed.emit()


class Inspector(QStackedWidget):
    error = Signal(str)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.units = "ft-in"
        self.piece_id: str | None = None
        self.zone_id: str | None = None
        self._loading = False
        self.empty = QLabel("Select one piece, zone, door or window to see and change its details. "
                            "Drag a room corner to reshape the room; double-click a wall to add a corner.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.addWidget(self.empty)
        self.addWidget(self._piece_form())
        self.addWidget(self._zone_form())
        self.opening_form = OpeningForm(doc)  # doors, windows and wall features
        self.opening_form.error.connect(self.error)
        self.addWidget(self.opening_form)
        doc.room_changed.connect(self._room_changed)
        for signal in (doc.piece_changed, doc.zone_changed):
            signal.connect(self._model_changed)
        doc.piece_removed.connect(lambda i: self.show_ids([]) if i == self.piece_id else None)
        doc.zone_removed.connect(lambda i: self.show_ids([]) if i == self.zone_id else None)
        doc.layout_changed.connect(lambda: self.show_ids([]))

    # --- forms ----------------------------------------------------------------------------
    def _length_box(self) -> LengthField:
        box = LengthField()
        box.setToolTip(LENGTH_TIP)
        box.refused.connect(self.error)
        return box

    def _piece_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.p_label = QLineEdit()
        self.p_label.setPlaceholderText("(the kind's name)")
        self.p_kind = QComboBox()
        for item in catalog().items:
            self.p_kind.addItem(item.name, item.id)
        self.p_x, self.p_y, self.p_width, self.p_depth = (self._length_box() for _ in range(4))
        self.p_rotation = QDoubleSpinBox()
        self.p_rotation.setRange(-360, 360)
        self.p_rotation.setDecimals(1)
        self.p_rotation.setSuffix("°")
        self.p_rotation.setKeyboardTracking(False)
        form.addRow("Label", self.p_label)
        form.addRow("Kind", self.p_kind)
        form.addRow("Centre x", self.p_x)
        form.addRow("Centre y", self.p_y)
        form.addRow("Width", self.p_width)
        form.addRow("Depth", self.p_depth)
        form.addRow("Rotation", self.p_rotation)
        self.p_label.editingFinished.connect(lambda: self._piece_edit(label=self.p_label.text()))
        self.p_kind.activated.connect(lambda _i: self._piece_edit(kind=self.p_kind.currentData()))
        for field, box in (("x", self.p_x), ("y", self.p_y), ("width", self.p_width), ("depth", self.p_depth)):
            box.entered.connect(lambda inches, f=field: self._piece_edit(**{f: inches}))
        self.p_rotation.editingFinished.connect(lambda: self._piece_edit(rotation=self.p_rotation.value()))
        return page

    def _zone_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.z_name = QLineEdit()
        self.z_kind = QComboBox()
        for kind, s in ZONE_KINDS.items():
            self.z_kind.addItem(s.label, kind.value)
        self.z_station = QSpinBox()
        self.z_station.setRange(0, 99)
        self.z_station.setSpecialValueText("not a station")
        self.z_capacity = QSpinBox()
        self.z_capacity.setRange(-1, 500)
        self.z_capacity.setSpecialValueText("not set")
        self.z_used = CommitText()
        self.z_env = CommitText()
        for box in (self.z_used, self.z_env):
            box.setMinimumHeight(60)
            box.setTabChangesFocus(True)
        form.addRow("Name", self.z_name)
        form.addRow("Kind", self.z_kind)
        form.addRow("Station number", self.z_station)
        form.addRow("Students at once", self.z_capacity)
        form.addRow(QLabel("How students use it"))
        form.addRow(self.z_used)
        form.addRow(QLabel("How it supports a positive environment"))
        form.addRow(self.z_env)
        self.z_name.editingFinished.connect(lambda: self._zone_edit(name=self.z_name.text()))
        self.z_kind.activated.connect(lambda _i: self._zone_edit(
            **with_kind(self.doc.zone(self.zone_id), ZoneKind(self.z_kind.currentData()))) if self.zone_id else None)
        self.z_station.editingFinished.connect(lambda: self._zone_edit(station=self.z_station.value() or None))
        self.z_capacity.editingFinished.connect(
            lambda: self._zone_edit(capacity=None if self.z_capacity.value() < 0 else self.z_capacity.value()))
        self.z_used.committed.connect(lambda: self._zone_edit(how_used=self.z_used.toPlainText()))
        self.z_env.committed.connect(lambda: self._zone_edit(positive_environment=self.z_env.toPlainText()))
        return page

    # --- showing --------------------------------------------------------------------------
    def set_units(self, units: str) -> None:
        self.units = units
        self.opening_form.units = units
        self._load()

    def _room_changed(self) -> None:
        if self.opening_form.opening_id and not self.opening_form.load():
            self.show_ids([])

    def show_ids(self, ids: list[str]) -> None:
        layout = self.doc.layout
        self.piece_id = self.zone_id = None
        opening = None
        if len(ids) == 1:
            if layout.piece(ids[0]) is not None:
                self.piece_id = ids[0]
            elif layout.zone(ids[0]) is not None:
                self.zone_id = ids[0]
            else:
                opening = ids[0]
        if self.opening_form.show_opening(opening):
            self.setCurrentIndex(3)
            return
        self._load()

    def _model_changed(self, item_id: str) -> None:
        if item_id in (self.piece_id, self.zone_id):
            self._load()

    def _load(self) -> None:
        self._loading = True
        try:
            if self.piece_id:
                p = self.doc.piece(self.piece_id)
                self.p_label.setText(p.label)
                self.p_kind.setCurrentIndex(max(0, self.p_kind.findData(p.kind)))
                for box, v in ((self.p_x, p.x), (self.p_y, p.y), (self.p_width, p.width), (self.p_depth, p.depth)):
                    box.units = self.units
                    box.setValue(v)
                self.p_rotation.setValue(p.rotation)
                for w in (self.p_x, self.p_y, self.p_rotation, self.p_kind):
                    w.setEnabled(not p.fixed)
                self.setCurrentIndex(1)
            elif self.zone_id:
                z = self.doc.zone(self.zone_id)
                self.z_name.setText(z.name)
                self.z_name.setPlaceholderText(ZONE_KINDS[z.kind].label)
                self.z_kind.setCurrentIndex(max(0, self.z_kind.findData(z.kind.value)))
                self.z_station.setValue(z.station or 0)
                self.z_capacity.setValue(-1 if z.capacity is None else z.capacity)
                if self.z_used.toPlainText() != z.how_used:
                    self.z_used.setPlainText(z.how_used)
                if self.z_env.toPlainText() != z.positive_environment:
                    self.z_env.setPlainText(z.positive_environment)
                example = ZONE_KINDS[z.kind]
                self.z_used.setPlaceholderText(f"In your own words, for example: {example.default_use}")
                self.z_env.setPlaceholderText(f"In your own words, for example: {example.default_environment}")
                self.setCurrentIndex(2)
            elif self.opening_form.opening_id:
                self.opening_form.load()
                self.setCurrentIndex(3)
            else:
                self.setCurrentIndex(0)
        finally:
            self._loading = False

    def focus_field(self, name: str) -> None:
        """Put the cursor in a zone's field (a readiness item was clicked)."""
        box = {"name": self.z_name, "how_used": self.z_used, "positive_environment": self.z_env}.get(name)
        if box is not None and self.zone_id:
            box.setFocus()

    # --- committing ------------------------------------------------------------------------
    def _piece_edit(self, **fields) -> None:
        if self._loading or not self.piece_id:
            return
        piece = self.doc.piece(self.piece_id)
        changed = {k: v for k, v in fields.items() if getattr(piece, k) != v and not _same(getattr(piece, k), v)}
        if changed:
            name = ", ".join(changed)
            self._push(cmd.SetPieceFields(self.doc, self.piece_id, text=f"Change {name} of {piece.display_name}", **changed))

    def _zone_edit(self, **fields) -> None:
        if self._loading or not self.zone_id:
            return
        zone = self.doc.zone(self.zone_id)
        changed = {k: v for k, v in fields.items() if getattr(zone, k) != v}
        if changed:
            name = ", ".join(k.replace("_", " ") for k in changed)
            self._push(cmd.SetZoneFields(self.doc, self.zone_id, text=f"Change {name} of {zone.display_name}", **changed))

    def _push(self, command) -> None:
        try:
            cmd.push(self.doc, command)
        except EditError as problem:
            self.error.emit(str(problem))
            self._load()


def _same(a, b) -> bool:
    return isinstance(a, float) and isinstance(b, float) and abs(a - b) < 0.05
