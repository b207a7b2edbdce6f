"""Exact lower bounds for keeping a walk after an edit (app.geometry.reuse): the shortest
straight way through the freed floor, and whether a walk comes near what was added."""

from __future__ import annotations

import numpy as np
from numba import njit

from app.geometry.kernels.options import JIT

@njit(**JIT)
def shortest_through(a: np.ndarray, b: np.ndarray, p: np.ndarray, q: np.ndarray) -> float:
    """The least |ax| + |xb| over the points x of the shapes whose outlines are the segments
    p[i] -> q[i] (rings of disjoint polygons): a lower bound on any walk from a to b through
    them. |ab| when the straight line meets them."""
    ax, ay, bx, by = a[0], a[1], b[0], b[1]
    straight = np.hypot(bx - ax, by - ay)
    inside_a = inside_b = False
    best = np.inf
    for i in range(len(p)):
        px, py, qx, qy = p[i, 0], p[i, 1], q[i, 0], q[i, 1]
        if (py > ay) != (qy > ay) and ax < px + (ay - py) * (qx - px) / (qy - py):
            inside_a = not inside_a  # even-odd: holes and several parts alike
        if (py > by) != (qy > by) and bx < px + (by - py) * (qx - px) / (qy - py):
            inside_b = not inside_b
        if _crosses(ax, ay, bx, by, px, py, qx, qy):
            return straight
        best = min(best, _least_through(ax, ay, bx, by, px, py, qx, qy))
    if inside_a or inside_b:
        return straight
    return best


@njit(**JIT)
def _crosses(ax, ay, bx, by, px, py, qx, qy) -> bool:
    """Whether the segments ab and pq meet (touching counts)."""
    d1 = (qx - px) * (ay - py) - (qy - py) * (ax - px)
    d2 = (qx - px) * (by - py) - (qy - py) * (bx - px)
    d3 = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
    d4 = (bx - ax) * (qy - ay) - (by - ay) * (qx - ax)
    if ((d1 > 0 and d2 < 0) or (d1 < 0 and d2 > 0)) and ((d3 > 0 and d4 < 0) or (d3 < 0 and d4 > 0)):
        return True
    return ((d1 == 0 and _on(px, py, qx, qy, ax, ay)) or (d2 == 0 and _on(px, py, qx, qy, bx, by))
            or (d3 == 0 and _on(ax, ay, bx, by, px, py)) or (d4 == 0 and _on(ax, ay, bx, by, qx, qy)))


@njit(**JIT)
def _on(px, py, qx, qy, x, y) -> bool:
    """Whether x, y (on the line pq) lies within the segment's box."""
    return min(px, qx) <= x <= max(px, qx) and min(py, qy) <= y <= max(py, qy)


@njit(**JIT)
def _least_through(ax, ay, bx, by, px, py, qx, qy) -> float:
    """The least |ax| + |xb| over x on the segment pq (a and b off it): where the line from a
    to b, or to b mirrored in pq's line when both lie on one side, meets pq; clamped; and the
    feet of a and b and the ends, to be safe at round-off."""
    dx, dy = qx - px, qy - py
    dd = max(dx * dx + dy * dy, 1e-18)
    nx, ny = -dy, dx
    side_a = (ax - px) * nx + (ay - py) * ny
    side_b = (bx - px) * nx + (by - py) * ny
    b2x, b2y = bx, by
    if side_a * side_b > 0:
        b2x, b2y = bx - 2 * side_b / dd * nx, by - 2 * side_b / dd * ny
    ex, ey = b2x - ax, b2y - ay
    den = ex * dy - ey * dx
    t_cross = 0.0 if abs(den) < 1e-12 else (ex * (ay - py) - ey * (ax - px)) / den
    best = np.inf
    for t in (t_cross, ((ax - px) * dx + (ay - py) * dy) / dd, ((bx - px) * dx + (by - py) * dy) / dd, 0.0, 1.0):
        t = min(max(t, 0.0), 1.0)
        x, y = px + t * dx, py + t * dy
        best = min(best, np.hypot(x - ax, y - ay) + np.hypot(x - bx, y - by))
    return best


@njit(**JIT)
def near_box(path: np.ndarray, box: np.ndarray) -> bool:
    """Whether any segment of the path reaches into the box (x0, y0, x1, y1) by its own box."""
    for j in range(len(path) - 1):
        x0, x1 = min(path[j, 0], path[j + 1, 0]), max(path[j, 0], path[j + 1, 0])
        y0, y1 = min(path[j, 1], path[j + 1, 1]), max(path[j, 1], path[j + 1, 1])
        if x0 <= box[2] and x1 >= box[0] and y0 <= box[3] and y1 >= box[1]:
            return True
    return len(path) == 1 and box[0] <= path[0, 0] <= box[2] and box[1] <= path[0, 1] <= box[3]
