"""Walks kept from the last check while an edit cannot have changed them.

An edit adds and removes grown footprints. A walk found before is still the shortest when
  - it does not enter any footprint the edit added (it is still a walk), and
  - the floor the edit freed lies outside its ellipse: every new way passes through freed floor,
    and a way from a through a point p to b is at least |ap| + |pb| long.
Both are exact tests, so a kept walk is the walk a fresh search would find, to the search's own
accuracy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely

from app.geometry.tiles import Floor, Footprint

Point = tuple[float, float]

#: an edit that changes more footprints than this re-does every walk (a paste, an undo of many)
MOST_CHANGED = 24


@dataclass
class Memory:
    key: tuple  # the room and the clear width
    footprints: dict[int, Footprint]  # by serial
    walks: dict[tuple, tuple[list[Point], float]] = field(default_factory=dict)


_last: dict[str, Memory] = {}


class Reuse:
    """What the last check found, and which of its walks still hold after this edit."""

    def __init__(self, slot: str, floor: Floor) -> None:
        now = {f.serial: f for f in floor.footprints}
        before = _last.get(slot)
        self.walks: dict[tuple, tuple[list[Point], float]] = {}
        self.added: np.ndarray = np.empty(0, dtype=object)
        self.freed: np.ndarray = np.empty(0, dtype=object)
        if before is not None and before.key == floor.key:
            added = now.keys() - before.footprints.keys()
            removed = before.footprints.keys() - now.keys()
            if len(added) + len(removed) <= MOST_CHANGED:
                r = floor.radius
                self.walks = before.walks
                self.added = np.array([now[s].grown(r) for s in sorted(added)], dtype=object)
                # the floor freed: under the shapes removed and not under those added (a piece
                # nudged frees a sliver, not its whole footprint)
                gone = shapely.union_all([before.footprints[s].grown(r) for s in sorted(removed)])
                freed = shapely.difference(gone, shapely.union_all(self.added)) if len(self.added) else gone
                self.freed = np.array([g for g in shapely.get_parts(freed) if g.area > 1e-9], dtype=object)
        self._freed_edges = _edges(self.freed) if len(self.freed) else None  # once, not per walk and door
        self.memory = Memory(floor.key, now)
        _last[slot] = self.memory

    def get(self, key: tuple, starts: list[Point], goal: Point) -> list[Point] | None:
        """The walk kept under key if it still holds; starts are every point it could start from."""
        hit = self.walks.get(key)
        if hit is None:
            return None
        path, length = hit
        if len(self.added):
            line = shapely.LineString(path) if len(path) > 1 else shapely.Point(path[0])
            if shapely.relate_pattern(line, self.added, "T********").any():
                return None  # it now runs through a piece
        for start in starts:
            if len(self.freed) and _shortest_through(start, goal, self.freed, self._freed_edges) < length - 1e-6:
                return None  # freed floor might give a shorter way
        self.keep(key, path, length)
        return path

    def length(self, key: tuple) -> float | None:
        """The length of the walk kept under key, whether or not it still holds."""
        hit = self.walks.get(key)
        return hit[1] if hit is not None else None

    def keep(self, key: tuple, path: list[Point], length: float) -> None:
        self.memory.walks[key] = (path, length)


def forget() -> None:
    _last.clear()


def _edges(shapes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) of every edge of the shapes' outlines (polygons or lines): (N, 2) each."""
    rings = [np.asarray(ring.coords) for h in shapes if not h.is_empty
             for ring in ([h.exterior, *h.interiors] if isinstance(h, shapely.Polygon) else [h])]
    if not rings:
        return np.empty((0, 2)), np.empty((0, 2))
    p = np.concatenate([r[:-1] if len(r) > 1 else r for r in rings])
    q = np.concatenate([r[1:] if len(r) > 1 else r for r in rings])
    return p, q


def _shortest_through(a: Point, b: Point, shapes: np.ndarray,
                      edges: tuple[np.ndarray, np.ndarray] | None = None) -> float:
    """The least |ap| + |pb| over points p of the shapes (polygons or lines): straight lines,
    so a lower bound on any walk from a to b through them. edges: _edges(shapes), if known."""
    ab = shapely.LineString([a, b])
    if shapely.intersects(shapes, ab).any():
        return math.dist(a, b)
    # |ap| + |pb| is convex with its least on ab: away from ab, its least over a shape lies on
    # the shape's outline; along one edge it is where the line from a to b (or to b mirrored in
    # the edge's line, when a and b lie on one side of it) crosses the edge's line, clamped
    p, q = _edges(shapes) if edges is None else edges
    if not len(p):
        return math.inf
    return float(least_through_each(a, b, p, q).min())


def least_through_each(a: Point, b: Point, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """For each segment p[i] -> q[i], the least |ax| + |xb| over its points x: a walk from a to
    b that crosses the segment is at least this long."""
    a_, b_ = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    d = q - p
    dd = np.maximum((d * d).sum(1), 1e-18)
    n = np.column_stack([-d[:, 1], d[:, 0]])
    side_a = ((a_ - p) * n).sum(1)
    side_b = ((b_ - p) * n).sum(1)
    mirror = (side_a * side_b > 0)[:, None]
    b2 = np.where(mirror, b_ - 2 * (side_b / dd)[:, None] * n, b_)
    # a + s (b2 - a) meets p + t d: t from the cross products
    e = b2 - a_
    den = e[:, 0] * d[:, 1] - e[:, 1] * d[:, 0]
    num = e[:, 0] * (a_[1] - p[:, 1]) - e[:, 1] * (a_[0] - p[:, 0])
    flat = np.abs(den) < 1e-12
    t_cross = np.where(flat, 0.0, num / np.where(flat, 1.0, den))
    t_a = ((a_ - p) * d).sum(1) / dd  # for a line through a or b, their own feet as well
    t_b = ((b_ - p) * d).sum(1) / dd

    def cost(t: np.ndarray) -> np.ndarray:
        x = p + np.clip(t, 0.0, 1.0)[:, None] * d
        return np.hypot(*(x - a_).T) + np.hypot(*(x - b_).T)

    zero, one = np.zeros(len(p)), np.ones(len(p))
    return np.min([cost(t) for t in (t_cross, t_a, t_b, zero, one)], axis=0)
