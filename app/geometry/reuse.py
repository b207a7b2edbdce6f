"""Walks kept from the last check while an edit cannot have changed them.

An edit adds and removes grown footprints. A walk found before is still the shortest when
  - it does not enter any footprint the edit added (it is still a walk), and
  - the floor the edit freed lies outside its ellipse: every new way passes through freed floor,
    and a way from a through a point p to b is at least |ap| + |pb| long.
Both are exact tests, so a kept walk is the walk a fresh search would find, to the search's own
accuracy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from app.geometry import kernels
from app.geometry.tiles import Floor, Footprint

Point = tuple[float, float]

#: an edit that changes more footprints than this re-does every walk (a paste, an undo of many)
MOST_CHANGED = 24


@dataclass
class Memory:
    key: tuple  # the room and the clear width
    footprints: dict[int, Footprint]  # by serial
    walks: dict[tuple, tuple[list[Point], float, np.ndarray]] = field(default_factory=dict)  # path, length, as array


_last: dict[str, Memory] = {}


class Reuse:
    """What the last check found, and which of its walks still hold after this edit."""

    def __init__(self, slot: str, floor: Floor) -> None:
        now = {f.serial: f for f in floor.footprints}
        before = _last.get(slot)
        self.walks: dict[tuple, tuple[list[Point], float, np.ndarray]] = {}
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
        self._added_box = None  # where the added pieces are, to pass over walks far from them
        if len(self.added):
            boxes = shapely.bounds(self.added)
            self._added_box = np.concatenate([boxes.min(axis=0)[:2], boxes.max(axis=0)[2:]])
        self.memory = Memory(floor.key, now)
        _last[slot] = self.memory

    def get(self, key: tuple, starts: list[Point], goal: Point) -> list[Point] | None:
        """The walk kept under key if it still holds; starts are every point it could start from."""
        hit = self.walks.get(key)
        if hit is None:
            return None
        path, length, xy = hit
        if self._added_box is not None and kernels.near_box(xy, self._added_box):
            line = shapely.LineString(xy) if len(xy) > 1 else shapely.Point(xy[0])
            if shapely.relate_pattern(line, self.added, "T********").any():
                return None  # it now runs through a piece
        if self._freed_edges is not None:
            p, q = self._freed_edges
            b = np.asarray(goal, dtype=float)
            for start in starts:
                if kernels.shortest_through(np.asarray(start, dtype=float), b, p, q) < length - 1e-6:
                    return None  # freed floor might give a shorter way
        self.memory.walks[key] = hit
        return path

    def length(self, key: tuple) -> float | None:
        """The length of the walk kept under key, whether or not it still holds."""
        hit = self.walks.get(key)
        return hit[1] if hit is not None else None

    def keep(self, key: tuple, path: list[Point], length: float) -> None:
        self.memory.walks[key] = (path, length, np.asarray(path, dtype=float).reshape(-1, 2))


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
