"""The drawing grid in the teacher's unit: 1 ft with a heavier line every 5 ft, or 10 cm / 1 m."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF
from PySide6.QtGui import QColor, QPen

CM = 1 / 2.54


@dataclass
class GridSpec:
    minor: float = 12.0  # inches between thin lines (and the snap step)
    major: float = 60.0  # inches between heavy lines

    @classmethod
    def for_units(cls, units: str, minor: float | None = None) -> GridSpec:
        if units == "metric":
            step = minor or 10 * CM
            return cls(step, 100 * CM)
        return cls(minor or 12.0, 60.0)


def paint_grid(painter, rect, grid: GridSpec, scale: float) -> None:
    """Thin and heavy lines over the exposed rect; thin ones vanish when closer than 5 px."""
    for step, color in ((grid.minor, QColor(0, 0, 0, 22)), (grid.major, QColor(0, 0, 0, 50))):
        if step <= 0 or step * scale < 5:
            continue
        painter.setPen(QPen(color, 0))
        x = math.floor(rect.left() / step) * step
        lines = []
        while x <= rect.right():
            lines.append(QLineF(x, rect.top(), x, rect.bottom()))
            x += step
        y = math.floor(rect.top() / step) * step
        while y <= rect.bottom():
            lines.append(QLineF(rect.left(), y, rect.right(), y))
            y += step
        painter.drawLines(lines)
