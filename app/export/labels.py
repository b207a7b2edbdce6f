"""Where to put a label on the map so that no two labels overlap and few cover furniture.

Teachers complained of exports with "labels printed over furniture and over each other". The
search tries the zone's own centre first, then rings of offsets around it, and takes the first
spot of the best kind: inside the zone and clear of furniture, then clear of furniture
anywhere near, then over furniture (the label has a white ground), then anywhere free.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from shapely.geometry import Point, Polygon, box

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in page points

_PAD = 1.5  # points kept clear between two labels
_ANGLES = 16


@dataclass(frozen=True)
class Placement:
    box: Box
    moved: bool  # far from its anchor: draw a leader line back to it


class LabelPlacer:
    def __init__(self, bounds: Box, room: Polygon | None, obstacles: list[Polygon]) -> None:
        self.bounds = bounds
        self.room = room
        self._tree = shapely.STRtree(obstacles) if obstacles else None
        self._placed: list[Box] = []
        if room is not None:
            shapely.prepare(room)

    def reserve(self, b: Box) -> None:
        """Keep a spot free that something else (a scale bar, a wall label) already uses."""
        self._placed.append(b)

    def place(self, anchor: tuple[float, float], width: float, height: float, area: Polygon | None = None,
              reach: float | None = None) -> Placement:
        ax, ay = anchor
        step = max(height * 0.75, 4.0)
        reach = reach if reach is not None else max(width, height) * 4
        best: tuple[int, float, Box] | None = None
        for cx, cy in _candidates(ax, ay, step, reach):
            b = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if not self._inside_bounds(b) or self._hits_label(b):
                continue
            rank = self._rank(b, (cx, cy), area)
            dist = math.hypot(cx - ax, cy - ay)
            if best is None or (rank, dist) < (best[0], best[1]):
                best = (rank, dist, b)
                if rank == 0:
                    break  # candidates come nearest first: nothing later can beat this one
        if best is None:  # the page is full: stack it under its anchor anyway, readable on its white ground
            b = (ax - width / 2, ay - height / 2, ax + width / 2, ay + height / 2)
            self._placed.append(b)
            return Placement(b, False)
        _, dist, b = best
        self._placed.append(b)
        centre = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
        inside = area is not None and area.contains(Point(centre))
        return Placement(b, dist > height * 1.5 or (area is not None and not inside))

    def _rank(self, b: Box, centre: tuple[float, float], area: Polygon | None) -> int:
        rect = box(*b)
        in_room = self.room is None or self.room.contains(rect)
        clear = in_room and not self._hits_furniture(rect)
        in_zone = area is None or area.contains(Point(centre))
        if clear and in_zone:
            return 0
        if clear:
            return 1
        if in_zone:
            return 2
        return 3

    def _inside_bounds(self, b: Box) -> bool:
        x0, y0, x1, y1 = self.bounds
        return b[0] >= x0 and b[1] >= y0 and b[2] <= x1 and b[3] <= y1

    def _hits_label(self, b: Box) -> bool:
        return any(b[0] < p[2] + _PAD and p[0] < b[2] + _PAD and b[1] < p[3] + _PAD and p[1] < b[3] + _PAD
                   for p in self._placed)

    def _hits_furniture(self, rect: Polygon) -> bool:
        if self._tree is None:
            return False
        return len(self._tree.query(rect.buffer(-0.5), predicate="intersects")) > 0


def _candidates(ax: float, ay: float, step: float, reach: float):
    yield ax, ay
    ring = 1
    while ring * step <= reach:
        r = ring * step
        count = _ANGLES * min(ring, 3)
        for i in range(count):
            t = 2 * math.pi * i / count
            yield ax + r * math.cos(t), ay + r * math.sin(t)
        ring += 1
