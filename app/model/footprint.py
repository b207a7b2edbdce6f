"""Footprint outlines of pieces, in plan coordinates (inches, x right, y down), pure math.

Shared by the checks (shapely), the editor (Qt) and the PDF map (ReportLab) so that all three
draw and test the very same shape.
"""

from __future__ import annotations

import math
from functools import lru_cache

Point = tuple[float, float]

#: corners on a round outline: the polygon lies inside the circle, at most r(1 - cos(pi/48)) =
#: 0.05 in inside at 48 in across (the checks may err on the open side only, by at most 0.1 in)
_ROUND_SEGMENTS = 48


@lru_cache(maxsize=4096)
def local_outline(shape: str, width: float, depth: float, arm: float | None = None) -> tuple[Point, ...]:
    """The outline centred on (0, 0), width along x, depth along y, before rotation."""
    w, d = width / 2, depth / 2
    if shape == "round":
        return tuple(
            (w * math.cos(2 * math.pi * i / _ROUND_SEGMENTS), d * math.sin(2 * math.pi * i / _ROUND_SEGMENTS))
            for i in range(_ROUND_SEGMENTS)
        )
    if shape == "trapezoid":
        # the long side faces +y; two of them, long sides together, make a hexagon
        return ((-w / 2, -d), (w / 2, -d), (w, d), (-w, d))
    if shape == "kidney":
        return _kidney(w, d)
    if shape == "L":
        t = min(arm or min(width, depth) / 2, width, depth)
        return ((-w, -d), (w, -d), (w, -d + t), (-w + t, -d + t), (-w + t, d), (-w, d))
    return ((-w, -d), (w, -d), (w, d), (-w, d))


def _kidney(a: float, b: float) -> tuple[Point, ...]:
    """An ellipse whose -y side (where the teacher sits) curves inward."""
    points = []
    for i in range(_ROUND_SEGMENTS * 2):
        t = 2 * math.pi * i / (_ROUND_SEGMENTS * 2)
        x, y = a * math.cos(t), b * math.sin(t)
        if y < 0:
            # pull the middle of the teacher side in by up to 45% of the half-depth
            y += 0.45 * b * math.cos(math.pi * x / (2 * a)) ** 2
        points.append((x, y))
    return tuple(points)


def place(outline: tuple[Point, ...], x: float, y: float, rotation: float) -> list[Point]:
    """Rotate an outline by `rotation` degrees clockwise on the plan (y down) and move it to (x, y)."""
    r = math.radians(rotation)
    c, s = math.cos(r), math.sin(r)
    return [(x + px * c - py * s, y + px * s + py * c) for px, py in outline]
