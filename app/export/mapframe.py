"""From plan inches (y down) to page points (y up), and the pieces every map layer draws with."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Group, Polygon as RLPolygon, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.export.text import runs

PlanPoint = tuple[float, float]


@dataclass(frozen=True)
class PlanToPage:
    """Scale `s` points per inch; the plan's (min_x, max_y) lands on the page at (left, bottom)."""

    s: float
    min_x: float
    max_y: float
    left: float
    bottom: float

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return self.left + (x - self.min_x) * self.s, self.bottom + (self.max_y - y) * self.s

    def points(self, pts: list[PlanPoint]) -> list[tuple[float, float]]:
        return [self(x, y) for x, y in pts]

    def flat(self, pts: list[PlanPoint]) -> list[float]:
        return [c for p in self.points(pts) for c in p]


def lighter(color: Color, amount: float) -> Color:
    """Mix with white: amount 0 keeps the colour, 1 gives white."""
    return Color(color.red + (1 - color.red) * amount, color.green + (1 - color.green) * amount,
                 color.blue + (1 - color.blue) * amount)


def darker(color: Color, amount: float) -> Color:
    return Color(color.red * (1 - amount), color.green * (1 - amount), color.blue * (1 - amount))


def polygon(points: list[tuple[float, float]], fill: Color | None, stroke: Color | None, width: float = 0.5,
            **kw: object) -> RLPolygon:
    return RLPolygon([c for p in points for c in p], fillColor=fill, strokeColor=stroke, strokeWidth=width, **kw)


def polyline(points: list[tuple[float, float]], stroke: Color, width: float = 0.5, **kw: object) -> PolyLine:
    return PolyLine([c for p in points for c in p], strokeColor=stroke, strokeWidth=width, **kw)


def text(x: float, y: float, value: str, size: float, bold: bool = False, anchor: str = "start",
         color: Color = colors.black) -> Group:
    """One line in any script, a String per font it needs, as wide as text.text_width says;
    `anchor` start, middle or end says what x is."""
    pieces = runs(value, bold)
    widths = [stringWidth(run.text, run.font, size) for run in pieces]
    x -= {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor] * sum(widths)
    line = Group()
    for run, width in zip(pieces, widths):
        line.add(String(x, y, run.text, fontName=run.font, fontSize=size, fillColor=color))
        x += width
    return line


def arc(cx: float, cy: float, r: float, a0: float, a1: float, steps: int = 16) -> list[tuple[float, float]]:
    """Points on a circular arc from angle a0 to a1 (radians), in whatever plane cx, cy live in."""
    return [(cx + r * math.cos(a0 + (a1 - a0) * i / steps), cy + r * math.sin(a0 + (a1 - a0) * i / steps))
            for i in range(steps + 1)]


def rotated(group: Group, x: float, y: float, degrees: float) -> Group:
    """Wrap `group` so it is turned `degrees` counterclockwise about (x, y)."""
    t = math.radians(degrees)
    c, s = math.cos(t), math.sin(t)
    outer = Group(group)
    outer.transform = (c, s, -s, c, x - c * x + s * y, y - s * x - c * y)
    return outer
