"""Where a way is too narrow: the pairs of pieces or walls a route squeezes between.

A route that passes between two obstacles crosses the shortest segment joining them, so the
gaps on a route are the obstacle pairs closer than the clear width whose joining segment it
crosses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from app.geometry.shapes import wall_name
from app.model import Layout


@dataclass
class Obstacles:
    geoms: np.ndarray  # solid pieces, then the room's walls as lines
    names: list[str]
    ids: list[str | None]  # piece ids (walls have none)
    tree: shapely.STRtree

    @classmethod
    def of(cls, layout: Layout, geoms: np.ndarray, solid: np.ndarray, piece_names: list[str]) -> Obstacles:
        index = np.flatnonzero(solid)
        walls = [shapely.LineString([a, b]) for a, b in layout.room.walls()]
        all_geoms = np.array([*geoms[index], *walls], dtype=object)
        names = [piece_names[i] for i in index.tolist()]
        names += [wall_name(layout.room, w) for w in range(len(walls))]
        ids = [layout.pieces[i].id for i in index.tolist()] + [None] * len(walls)
        return cls(all_geoms, names, ids, shapely.STRtree(all_geoms))


@dataclass
class Gap:
    first: int  # obstacle indices, first < second
    second: int
    width: float
    ends: tuple[tuple[float, float], tuple[float, float]]

    @property
    def middle(self) -> tuple[float, float]:
        (ax, ay), (bx, by) = self.ends
        return ((ax + bx) / 2, (ay + by) / 2)

    def polygon(self, half: float = 3.0) -> shapely.Polygon:
        """The gap as a thin band across it, for the overlay."""
        line = shapely.LineString(self.ends)
        return line.buffer(half, cap_style="flat") if line.length > 1e-6 else shapely.Point(self.ends[0]).buffer(half)


def _pairs_closer_than(obstacles: Obstacles, cand: np.ndarray, width: float, near: shapely.Geometry) -> list[Gap]:
    """Obstacle pairs closer than width, each with its joining segment taken as close to `near`
    (the route) as it can be: facing edges have a whole band of shortest segments."""
    cand = np.unique(cand)
    if len(cand) < 2:
        return []
    i, j = np.triu_indices(len(cand), k=1)
    a, b = cand[i], cand[j]
    ga, gb = obstacles.geoms[a], obstacles.geoms[b]
    d = shapely.distance(ga, gb)
    keep = (d > 1e-6) & (d < width)
    a, b, d, ga, gb = a[keep], b[keep], d[keep], ga[keep], gb[keep]
    coords = shapely.get_coordinates(shapely.shortest_line(ga, gb)).reshape(-1, 2, 2)
    middles = shapely.points((coords[:, 0] + coords[:, 1]) / 2)
    if isinstance(near, shapely.LineString):
        q = shapely.line_interpolate_point(near, shapely.line_locate_point(near, middles))
    else:
        q = np.full(len(middles), near, dtype=object)
    ea = shapely.get_coordinates(shapely.shortest_line(ga, q)).reshape(-1, 2, 2)[:, 0]
    eb = shapely.get_coordinates(shapely.shortest_line(gb, q)).reshape(-1, 2, 2)[:, 0]
    across = np.hypot(*(ea - eb).T)
    better = across <= d + 0.25  # still (nearly) a shortest segment, and it passes by the route
    coords[better, 0], coords[better, 1] = ea[better], eb[better]
    return [Gap(int(x), int(y), float(w), (tuple(c[0]), tuple(c[1]))) for x, y, w, c in zip(a, b, d, coords)]


def gaps_on_route(obstacles: Obstacles, path: list[tuple[float, float]], width: float) -> list[Gap]:
    """The gaps narrower than width that the route squeezes through, narrowest first, one per spot."""
    line = shapely.LineString(path) if len(path) > 1 else shapely.Point(path[0])
    cand = obstacles.tree.query(line, predicate="dwithin", distance=width)
    gaps = _pairs_closer_than(obstacles, cand, width, line)
    if not gaps:
        return []
    crossing = shapely.intersects(np.array([shapely.LineString(g.ends) for g in gaps], dtype=object), line)
    return merge([g for g, c in zip(gaps, crossing) if c], width)


def gaps_near(obstacles: Obstacles, point: tuple[float, float], width: float) -> list[Gap]:
    """Gaps narrower than width whose joining segment passes within width of point."""
    here = shapely.Point(point)
    cand = obstacles.tree.query(here, predicate="dwithin", distance=width)
    gaps = _pairs_closer_than(obstacles, cand, width, here)
    if not gaps:
        return []
    d = shapely.distance(np.array([shapely.LineString(g.ends) for g in gaps], dtype=object), here)
    return merge([g for g, dist in zip(gaps, d) if dist <= width], width)


def merge(gaps: list[Gap], width: float) -> list[Gap]:
    """One gap per pair and per spot: of gaps whose middles lie within a quarter width, the narrowest."""
    kept: list[Gap] = []
    for gap in sorted(gaps, key=lambda g: (g.width, g.first, g.second)):
        if any((k.first, k.second) == (gap.first, gap.second)
               or np.hypot(k.middle[0] - gap.middle[0], k.middle[1] - gap.middle[1]) < width / 4 for k in kept):
            continue
        kept.append(gap)
    return kept
