"""The inspector page for one door, window or wall feature. Each committed edit is one SetRoom
command; the model (and app/canvas/walls.py) refuses an opening that would not fit its wall.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.canvas import walls
from app.geometry.shapes import corner_name, wall_name
from app.model import Door, WallFeature
from app.ui import commands as cmd
from app.ui.document import Document, EditError
from app.ui.length_field import TIP, LengthField
from app.units import format_length

#: ADA 2010 404.2.3: a door's clear opening is at least 32 in
MIN_DOOR_CLEAR = 32.0


class OpeningForm(QWidget):
    error = Signal(str)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.opening_id: str | None = None
        self.units = "ft-in"
        self._loading = False
        form = QFormLayout(self)
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.label = QLineEdit()
        self.width_box = self._length_box()
        self.position = self._length_box()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #c62828;")
        self.hinge = QComboBox()
        self.hinge.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.hinge.setMinimumContentsLength(16)
        self.hinge.addItem("At the wall's first end", "start")
        self.hinge.addItem("At the wall's second end", "end")
        self.swing = QComboBox()
        for text, value in (("Into the room", "in"), ("Out of the room", "out"), ("No leaf (sliding or open)", "none")):
            self.swing.addItem(text, value)
        self.kind = QComboBox()
        for value, text in walls.FEATURE_KINDS.items():
            self.kind.addItem(text, value)
        form.addRow(self.what)
        form.addRow("Label", self.label)
        self.width_label = QLabel("Width")
        form.addRow(self.width_label, self.width_box)
        form.addRow(self.warning)
        form.addRow("From the corner", self.position)
        self.hinge_label, self.swing_label, self.kind_label = QLabel("Hinge"), QLabel("Swing"), QLabel("Kind")
        form.addRow(self.hinge_label, self.hinge)
        form.addRow(self.swing_label, self.swing)
        form.addRow(self.kind_label, self.kind)
        self.label.editingFinished.connect(lambda: self._edit(label=self.label.text()))
        self.width_box.entered.connect(lambda inches: self._edit(width=inches))
        self.position.entered.connect(lambda inches: self._edit(position=inches + self._opening().width / 2))
        self.hinge.activated.connect(lambda _i: self._edit(hinge=self.hinge.currentData()))
        self.swing.activated.connect(lambda _i: self._edit(swing=self.swing.currentData()))
        self.kind.activated.connect(lambda _i: self._edit(kind=self.kind.currentData()))

    def _length_box(self) -> LengthField:
        box = LengthField()
        box.setToolTip(TIP)
        box.refused.connect(self.error)
        return box

    def _opening(self):
        found = walls.find_opening(self.doc.layout.room, self.opening_id) if self.opening_id else None
        return found[2] if found else None

    def show_opening(self, opening_id: str | None) -> bool:
        """Show this opening (True), or nothing when the room has no such id (False)."""
        self.opening_id = opening_id
        return self.load()

    def load(self) -> bool:
        opening = self._opening()
        if opening is None:
            self.opening_id = None
            return False
        self._loading = True
        try:
            door, feature = isinstance(opening, Door), isinstance(opening, WallFeature)
            name = "Door" if door else "Wall feature" if feature else "Window"
            room = self.doc.layout.room
            start = corner_name(room, opening.wall)  # a wall runs from its own corner to the next one
            end = corner_name(room, opening.wall + 1)
            # the names wrap in the label above and fill combo boxes of a set width: the panel
            # never grows under a drag (the plan beside it would shift)
            self.what.setText(f"<b>{name}</b> on {escape(wall_name(room, opening.wall))}, measured from "
                              f"{escape(start)} (drag it along the walls to move it)")
            self.hinge.setItemText(0, f"By {start}")
            self.hinge.setItemText(1, f"By {end}")
            self.label.setText(opening.label)
            self.label.setPlaceholderText(walls.opening_name(opening))
            for box in (self.width_box, self.position):
                box.units = self.units
            self.width_box.setValue(opening.width)
            self.position.setValue(opening.position - opening.width / 2)
            self.width_label.setText("Clear width" if door else "Width")
            narrow = door and opening.width < MIN_DOOR_CLEAR
            need = format_length(MIN_DOOR_CLEAR, self.units)
            self.warning.setText(f"Narrower than {need}: an accessible door needs at least {need} clear "
                                 "(ADA 404.2.3)." if narrow else "")
            self.warning.setVisible(narrow)
            for widget in (self.hinge, self.hinge_label, self.swing, self.swing_label):
                widget.setVisible(door)
            for widget in (self.kind, self.kind_label):
                widget.setVisible(feature)
            if door:
                self.hinge.setCurrentIndex(max(0, self.hinge.findData(opening.hinge)))
                self.swing.setCurrentIndex(max(0, self.swing.findData(opening.swing)))
            if feature:
                self.kind.setCurrentIndex(max(0, self.kind.findData(opening.kind)))
        finally:
            self._loading = False
        return True

    def _edit(self, **fields) -> None:
        opening = None if self._loading else self._opening()
        if opening is None:
            return
        changed = {k: v for k, v in fields.items()
                   if not (isinstance(v, float) and abs(getattr(opening, k) - v) < 0.05) and getattr(opening, k) != v}
        if not changed:
            return
        if "width" in changed and "position" not in changed:  # keep it centred where it was, inside its wall
            room = self.doc.layout.room
            a, b = room.walls()[opening.wall]
            changed["position"] = walls.clamp_position(walls.wall_length(a, b), changed["width"], opening.position)
        try:
            room = walls.with_opening(self.doc.layout.room, opening.model_copy(update=changed))
            cmd.push(self.doc, cmd.SetRoom(self.doc, room,
                                           text=f"Change {', '.join(changed)} of {walls.opening_name(opening).lower()}"))
        except (walls.WallEditError, EditError) as problem:
            self.error.emit(str(problem))
        self.load()
