"""The walkable floor as triangles that know their neighbours, for the route search.

The floor is cut into TILE x TILE squares anchored at the plan's origin and each square is
triangulated on its own (shapely.constrained_delaunay_triangles: GEOS joins a polygon's holes to
its shell first, which grows faster than linearly with the number of holes). Both sides of a cut
get the very same corners from clip_by_rect, so the triangles of all tiles join into one mesh by
their corners; a square whose floor did not change keeps its triangles (CheckSession).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from app.geometry.session import CheckSession

#: the side of a tile (in): 20 ft, a few groups of desks
TILE = 240.0
#: corners on a cut closer than this (in) along it are one
SEAM_SNAP = 1e-7


@dataclass(frozen=True)
class Mesh:
    verts: list[tuple[float, float]]
    tris: list[tuple[int, int, int]]  # counter-clockwise; edge k runs from corner k to corner k + 1
    nb: list[tuple[int, int, int]]  # the triangle across edge k, -1 at a wall
    nb_edge: list[tuple[int, int, int]]  # which edge of that triangle it is
    corner: list[bool]  # the vertex is on a wall: a walk may bend there
    tree: shapely.STRtree  # of the triangles, for finding the ones under a point

    def triangles_at(self, points: list[tuple[float, float]]) -> list[list[int]]:
        """For each point, every triangle whose closure holds it (several on an edge or corner)."""
        if not points:
            return []
        where, tri = self.tree.query(shapely.points(points), predicate="dwithin", distance=1e-7)
        out: list[list[int]] = [[] for _ in points]
        for p, t in zip(where.tolist(), tri.tolist()):
            out[p].append(t)
        return out


def triangulated(space: shapely.Geometry, session: CheckSession) -> Mesh:
    """The mesh of a walkable space (a polygon or multipolygon)."""
    parts = []
    if not space.is_empty:
        x0, y0, x1, y1 = space.bounds
        for i in range(math.floor(x0 / TILE), math.floor(x1 / TILE) + 1):
            for j in range(math.floor(y0 / TILE), math.floor(y1 / TILE) + 1):
                cut = shapely.clip_by_rect(space, i * TILE, j * TILE, (i + 1) * TILE, (j + 1) * TILE)
                if cut.is_empty:
                    continue
                parts.append(session.get("tile", shapely.to_wkb(cut), lambda cut=cut: _triangles(cut)))
    corners = np.concatenate(parts) if parts else np.empty((0, 3, 2))
    return _mesh(corners)


def _triangles(floor: shapely.Geometry) -> np.ndarray:
    """(T, 3, 2) counter-clockwise triangle corners covering floor's polygons."""
    polys = [g for g in shapely.get_parts(floor) if isinstance(g, shapely.Polygon) and g.area > 1e-9]
    if not polys:
        return np.empty((0, 3, 2))
    tris = shapely.get_parts(shapely.constrained_delaunay_triangles(np.array(polys, dtype=object)))
    xy = shapely.get_coordinates(tris).reshape(-1, 4, 2)[:, :3]
    a, b, c = xy[:, 0], xy[:, 1], xy[:, 2]
    area = (b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - a[:, 0])
    xy = xy[np.abs(area) > 1e-12]
    flip = ((xy[:, 1, 0] - xy[:, 0, 0]) * (xy[:, 2, 1] - xy[:, 0, 1])
            - (xy[:, 1, 1] - xy[:, 0, 1]) * (xy[:, 2, 0] - xy[:, 0, 0])) < 0
    xy[flip] = xy[flip][:, ::-1]
    return xy


def _mesh(corners: np.ndarray) -> Mesh:
    n = len(corners)
    flat = corners.reshape(-1, 2)
    # corners are one where their coordinates are equal to the bit, so two corners a hair
    # apart inside a tile stay two; on a cut, clip_by_rect may give the two sides coordinates
    # a last bit apart along it: there they are one within SEAM_SNAP
    keys = flat.copy()
    on_x, on_y = np.fmod(flat[:, 0], TILE) == 0, np.fmod(flat[:, 1], TILE) == 0
    keys[on_x, 1] = np.round(flat[on_x, 1] / SEAM_SNAP) * SEAM_SNAP
    keys[on_y, 0] = np.round(flat[on_y, 0] / SEAM_SNAP) * SEAM_SNAP
    _, first, vid = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    vid = vid.reshape(-1, 3)
    verts = flat[first]
    # every edge (a, b) as a key; the triangle across is the one holding (b, a)
    a, b = vid, np.roll(vid, -1, axis=1)  # edge k: corner k -> corner k + 1
    nv = len(verts)
    lo, hi = np.minimum(a, b).ravel(), np.maximum(a, b).ravel()
    key = lo * nv + hi
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order][1:] == key[order][:-1])
    nb = np.full(3 * n, -1, dtype=np.int64)
    e1, e2 = order[same], order[same + 1]
    nb[e1], nb[e2] = e2 // 3, e1 // 3
    nb_edge = np.full(3 * n, -1, dtype=np.int64)
    nb_edge[e1], nb_edge[e2] = e2 % 3, e1 % 3
    corner = np.zeros(nv, dtype=bool)
    wall = np.flatnonzero(nb < 0)
    corner[a.ravel()[wall]] = True
    corner[b.ravel()[wall]] = True
    polys = shapely.polygons(corners) if n else np.empty(0, dtype=object)
    return Mesh(verts=[tuple(v) for v in verts.tolist()], tris=[tuple(t) for t in vid.tolist()],
                nb=[tuple(t) for t in nb.reshape(-1, 3).tolist()],
                nb_edge=[tuple(t) for t in nb_edge.reshape(-1, 3).tolist()],
                corner=corner.tolist(), tree=shapely.STRtree(polys))
