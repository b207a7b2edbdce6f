"""A length field in the teacher's display units that takes a length typed in any unit."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit

from app.units import format_length, parse_length

TIP = "A length in any unit: 6' 3\", 72 in, 1.8 m, 180 cm"


class LengthField(QLineEdit):
    """A length in the display units (6'-0", 1.07 m) that takes one typed in any unit (6' 3",
    72 in, 180 cm). `value()` is in inches; a committed entry emits `entered` or `refused`."""

    entered = Signal(float)
    refused = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.units = "ft-in"
        self._value = 0.0
        self._shown = ""
        self.editingFinished.connect(self._commit)

    def value(self) -> float:
        return self._value

    def setValue(self, inches: float) -> None:
        self._value = float(inches)
        self._shown = format_length(self._value, self.units)
        self.setText(self._shown)

    def _commit(self) -> None:
        # an untouched field commits the exact value it holds, never its rounded text (100.4 in shows 8'-4")
        if self.text() != self._shown:
            try:
                self._value = parse_length(self.text(), self.units)
            except ValueError as problem:
                self.setText(self._shown)
                self.refused.emit(str(problem))
                return
        self.entered.emit(self._value)
