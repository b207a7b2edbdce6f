"""What the map says beyond the room: the rotation route as numbered arrows, the room's overall
dimensions, and a scale bar in the teacher's units (exports "not to scale" were a complaint)."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect
from reportlab.lib import colors

from app.export.labels import LabelPlacer
from app.export.mapframe import PlanToPage, polygon, polyline, rotated, text
from app.export.text import text_width
from app.units import DisplayUnits, format_length

ROUTE_INK = colors.HexColor("#1d3f8f")
BLOCKED_INK = colors.HexColor("#b3261e")
DIM_INK = colors.HexColor("#444444")


def draw_rotation(d: Group, legs: list[tuple[int, list[tuple[float, float]] | None, tuple, tuple]],
                  t: PlanToPage, placer: LabelPlacer) -> None:
    """legs: (number, walking path in plan inches or None when blocked, start, end centre)."""
    for number, path, start, end in legs:
        if path and len(path) >= 2:
            pts = _trim(t.points(path), 7.0, 9.0)
            if len(pts) < 2:
                continue
            d.add(polyline(pts, ROUTE_INK, 1.3, strokeLineJoin=1, strokeLineCap=1))
            d.add(arrowhead(pts[-2], pts[-1], ROUTE_INK))
            anchor = _midpoint(pts)
            ink = ROUTE_INK
        else:  # no open path: say so on the map with a dashed straight line
            a, b = t(*start), t(*end)
            d.add(Line(*a, *b, strokeColor=BLOCKED_INK, strokeWidth=1.0, strokeDashArray=[3, 2]))
            anchor = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            ink = BLOCKED_INK
        label = str(number)
        r = max(4.6, text_width(label, 6, bold=True) / 2 + 1.6)
        spot = placer.place(anchor, 2 * r, 2 * r, reach=5 * r).box
        cx, cy = (spot[0] + spot[2]) / 2, (spot[1] + spot[3]) / 2
        d.add(Circle(cx, cy, r, fillColor=colors.white, strokeColor=ink, strokeWidth=0.9))
        d.add(text(cx, cy - 2.1, label, 6, bold=True, anchor="middle", color=ink))


def _trim(pts: list[tuple[float, float]], head: float, tail: float) -> list[tuple[float, float]]:
    """Shorten a polyline at both ends so arrows stop short of the station markers."""
    total = sum(math.dist(a, b) for a, b in zip(pts, pts[1:]))
    if total <= head + tail + 4:
        return pts
    return _cut(list(reversed(_cut(pts, head))), tail)[::-1]


def _cut(pts: list[tuple[float, float]], amount: float) -> list[tuple[float, float]]:
    while len(pts) >= 2:
        seg = math.dist(pts[0], pts[1])
        if seg > amount:
            f = amount / seg
            return [(pts[0][0] + (pts[1][0] - pts[0][0]) * f, pts[0][1] + (pts[1][1] - pts[0][1]) * f), *pts[1:]]
        amount -= seg
        pts = pts[1:]
    return pts


def _midpoint(pts: list[tuple[float, float]]) -> tuple[float, float]:
    half = sum(math.dist(a, b) for a, b in zip(pts, pts[1:])) / 2
    for a, b in zip(pts, pts[1:]):
        seg = math.dist(a, b)
        if seg >= half and seg > 0:
            f = half / seg
            return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f
        half -= seg
    return pts[-1]


def arrowhead(a: tuple[float, float], b: tuple[float, float], ink) -> object:
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    size, spread = 6.0, math.radians(24)
    left = (b[0] - size * math.cos(ang - spread), b[1] - size * math.sin(ang - spread))
    right = (b[0] - size * math.cos(ang + spread), b[1] - size * math.sin(ang + spread))
    return polygon([b, left, right], ink, ink, 0.5)


def draw_dimensions(d: Drawing, bounds: tuple[float, float, float, float], t: PlanToPage,
                    units: DisplayUnits) -> None:
    """Overall width above the room and depth to its left, architect style with end ticks."""
    x0, y0, x1, y1 = bounds
    (px0, ptop), (px1, pbottom) = t(x0, y0), t(x1, y1)
    y = ptop + 9
    d.add(Line(px0, y, px1, y, strokeColor=DIM_INK, strokeWidth=0.5))
    for x in (px0, px1):
        d.add(Line(x, y - 3, x, y + 3, strokeColor=DIM_INK, strokeWidth=0.5))
    d.add(text((px0 + px1) / 2, y + 2.5, format_length(x1 - x0, units), 7.5, anchor="middle", color=DIM_INK))
    x = px0 - 9
    d.add(Line(x, pbottom, x, ptop, strokeColor=DIM_INK, strokeWidth=0.5))
    for yy in (pbottom, ptop):
        d.add(Line(x - 3, yy, x + 3, yy, strokeColor=DIM_INK, strokeWidth=0.5))
    label = Group(text(x - 2.5, (pbottom + ptop) / 2, format_length(y1 - y0, units), 7.5, anchor="middle",
                       color=DIM_INK))
    d.add(rotated(label, x - 2.5, (pbottom + ptop) / 2, 90))


def nice_scale_length(points_per_inch: float, units: DisplayUnits, target: float = 90.0) -> float:
    """A round length (inches) whose bar is close to `target` points on paper."""
    if units == "metric":
        choices = [m / 0.0254 for m in (0.25, 0.5, 1, 2, 3, 5, 10, 20, 50)]
    else:
        choices = [12.0 * f for f in (1, 2, 4, 5, 10, 20, 25, 50, 100)]
    return min(choices, key=lambda length: abs(length * points_per_inch - target))


def draw_scale_bar(d: Drawing, x: float, y: float, t: PlanToPage, units: DisplayUnits) -> float:
    """A four-part bar starting at (x, y); returns its right end."""
    length = nice_scale_length(t.s, units)
    width = length * t.s
    part = width / 4
    for i in range(4):
        fill = colors.black if i % 2 == 0 else colors.white
        d.add(Rect(x + i * part, y, part, 4, fillColor=fill, strokeColor=colors.black, strokeWidth=0.5))
    d.add(text(x, y + 6.5, "0", 7, anchor="middle"))
    d.add(text(x + width, y + 6.5, format_length(length, units), 7, anchor="middle"))
    d.add(text(x + width / 2, y + 6.5, format_length(length / 2, units), 7, anchor="middle"))
    return x + width
