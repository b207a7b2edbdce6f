"""Where a dragged selection lands: other pieces' edges first, then the grid (both can be off).

Pure arithmetic on axis-aligned boxes (x0, y0, x1, y1) in inches, so it is cheap on every step.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]


@dataclass
class EdgeIndex:
    """The x and y edges (and centres) of the pieces that stay still during a drag, sorted."""

    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, boxes: list[Box]) -> EdgeIndex:
        xs = sorted(v for x0, _, x1, _ in boxes for v in (x0, x1))
        ys = sorted(v for _, y0, _, y1 in boxes for v in (y0, y1))
        return cls(xs, ys)

    @staticmethod
    def nearest(values: list[float], v: float) -> float | None:
        i = bisect.bisect_left(values, v)
        best = None
        for j in (i - 1, i):
            if 0 <= j < len(values) and (best is None or abs(values[j] - v) < abs(best - v)):
                best = values[j]
        return best


def _snap_axis(lo: float, hi: float, d: float, edges: list[float], grid: float, tol: float) -> tuple[float, float | None]:
    """The adjusted offset along one axis and the edge it lined up with (None for grid/free)."""
    best: tuple[float, float] | None = None  # (distance, correction)
    guide = None
    for v in (lo + d, hi + d):
        e = EdgeIndex.nearest(edges, v)
        if e is not None and abs(e - v) <= tol and (best is None or abs(e - v) < best[0]):
            best, guide = (abs(e - v), e - v), e
    if best is not None:
        return d + best[1], guide
    if grid > 0:
        return round((lo + d) / grid) * grid - lo, None
    return d, None


def snap_offset(box: Box, dx: float, dy: float, edges: EdgeIndex | None, grid: float, tol: float) -> tuple[float, float, tuple[float | None, float | None]]:
    """Snap the offset of a dragged box; returns (dx, dy, (guide_x, guide_y))."""
    x0, y0, x1, y1 = box
    sx, gx = _snap_axis(x0, x1, dx, edges.xs if edges else [], grid, tol)
    sy, gy = _snap_axis(y0, y1, dy, edges.ys if edges else [], grid, tol)
    return sx, sy, (gx, gy)


def snap_angle(degrees: float, step: float = 15.0) -> float:
    return (round(degrees / step) * step) % 360.0
