"""Hatch patterns clipped to a polygon, so zone kinds read apart on a black-and-white print.

Works in page coordinates (points, y up) so the map and the legend swatches share one code
path and the same spacing on paper. Pattern names are `app.model.kinds.PATTERNS`.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from reportlab.graphics.shapes import Circle, Group, PolyLine
from reportlab.lib.colors import Color
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

Point = tuple[float, float]

# the direction each line family runs, in degrees counterclockwise on the page
_FAMILIES: dict[str, tuple[float, ...]] = {
    "diagonal": (45.0,),
    "back-diagonal": (135.0,),
    "cross": (45.0, 135.0),
    "horizontal": (0.0,),
    "vertical": (90.0,),
    "grid": (0.0, 90.0),
}


def hatch_lines(area: Polygon, pattern: str, spacing: float) -> tuple[list[list[Point]], list[Point]]:
    """The strokes (polylines) and dots that fill `area` with `pattern`, `spacing` points apart."""
    if area.is_empty or spacing <= 0 or pattern == "none":
        return [], []
    if pattern == "dots":
        return [], _dots(area, spacing)
    if pattern == "zigzag":
        return _clip(area, _zigzags(area.bounds, spacing)), []
    if pattern == "rings":
        return _clip(area, _rings(area, spacing)), []
    lines: list[LineString] = []
    for angle in _FAMILIES.get(pattern, ()):
        lines.extend(_parallel(area.bounds, angle, spacing))
    return _clip(area, lines), []


def hatch_group(area: Polygon, pattern: str, spacing: float, color: Color, width: float = 0.5) -> Group:
    """The pattern as ReportLab shapes, ready to add to a Drawing."""
    strokes, dots = hatch_lines(area, pattern, spacing)
    group = Group()
    for line in strokes:
        flat = [c for p in line for c in p]
        group.add(PolyLine(flat, strokeColor=color, strokeWidth=width, strokeLineCap=1))
    radius = max(0.45, spacing * 0.12)
    for x, y in dots:
        group.add(Circle(x, y, radius, fillColor=color, strokeColor=None))
    return group


def _parallel(bounds: tuple[float, float, float, float], angle: float, spacing: float) -> list[LineString]:
    """Lines at `angle` covering the box, on a grid anchored at the page origin so zones line up."""
    x0, y0, x1, y1 = bounds
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    nx, ny = -dy, dx
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    offsets = [x * nx + y * ny for x, y in corners]
    along = [x * dx + y * dy for x, y in corners]
    lo, hi = math.floor(min(offsets) / spacing), math.ceil(max(offsets) / spacing)
    a0, a1 = min(along) - 1, max(along) + 1
    lines = []
    for k in range(lo, hi + 1):
        p = k * spacing
        lines.append(LineString([(p * nx + a0 * dx, p * ny + a0 * dy), (p * nx + a1 * dx, p * ny + a1 * dy)]))
    return lines


def _zigzags(bounds: tuple[float, float, float, float], spacing: float) -> list[LineString]:
    x0, y0, x1, y1 = bounds
    step = spacing / 2
    start = math.floor(x0 / step) * step
    xs = np.arange(start, x1 + step, step)
    rows = []
    for k in range(math.floor(y0 / spacing) - 1, math.ceil(y1 / spacing) + 1):
        base = k * spacing
        ys = base + np.where(np.round(xs / step).astype(int) % 2 == 0, -spacing / 4, spacing / 4)
        if len(xs) >= 2:
            rows.append(LineString(np.column_stack([xs, ys])))
    return rows


def _rings(area: Polygon, spacing: float) -> list[LineString]:
    centre = area.representative_point()
    x0, y0, x1, y1 = area.bounds
    reach = math.hypot(max(abs(x0 - centre.x), abs(x1 - centre.x)), max(abs(y0 - centre.y), abs(y1 - centre.y)))
    return [centre.buffer(r, quad_segs=12).exterior for r in np.arange(spacing, reach + spacing, spacing)]


def _dots(area: Polygon, spacing: float) -> list[Point]:
    x0, y0, x1, y1 = area.bounds
    xs = np.arange(math.floor(x0 / spacing) * spacing, x1 + spacing, spacing)
    ys = np.arange(math.floor(y0 / spacing) * spacing, y1 + spacing, spacing)
    gx, gy = np.meshgrid(xs, ys)
    gx = gx + (np.arange(len(ys))[:, None] % 2) * spacing / 2  # every other row shifted: reads as dots, not grid
    gx, gy = gx.ravel(), gy.ravel()
    inside = shapely.contains_xy(area, gx, gy)
    return list(zip(gx[inside].tolist(), gy[inside].tolist(), strict=True))


def _clip(area: Polygon, lines: list[LineString]) -> list[list[Point]]:
    if not lines:
        return []
    # one line at a time: clipping a MultiLineString would split every line where two cross
    shapely.prepare(area)
    out: list[list[Point]] = []
    for clipped in shapely.intersection(np.asarray(lines, dtype=object), area):
        out.extend(list(part.coords) for part in _line_parts(clipped) if len(part.coords) >= 2)
    return out


def _line_parts(geom: BaseGeometry) -> list[LineString]:
    if geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    if hasattr(geom, "geoms"):
        out: list[LineString] = []
        for g in geom.geoms:
            out.extend(_line_parts(g))
        return out
    return []
