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

#: the side of a tile (in): 10 ft, a group or two of desks; an edit re-triangulates the tiles it
#: touches, and the triangulation of one grows faster than linearly with its holes
TILE = 120.0
#: corners on a cut closer than this (in) along it are one
SEAM_SNAP = 1e-7


@dataclass(frozen=True)
class Mesh:
    """Triangle t has the directed edges 3t, 3t + 1, 3t + 2, counter-clockwise: edge 3t + k runs
    from its corner k (A) to corner k + 1 (B); C is the corner across."""

    #: per directed edge h: (ax, ay, bx, by, cx, cy, t, a, b, h1, h2, c1, c2): the corners, the
    #: triangle, A's and B's vertex ids, the directed edges beyond B -> C and C -> A (as the
    #: triangles there run them; -1 at a wall) and whether A and B are corners a walk may bend
    #: round (on a wall, the floor bending round them), all in one tuple for the search
    edges: list[tuple]
    across: list[int]  # the directed edge beyond each directed edge, -1 at a wall
    dead_end: list[bool]  # the triangle has one way in and out (two walls)
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
        for j in range(math.floor(y0 / TILE), math.floor(y1 / TILE) + 1):
            # a row of tiles first: each tile is then cut out of its row, not out of the whole floor
            row = shapely.clip_by_rect(space, x0 - 1.0, j * TILE, x1 + 1.0, (j + 1) * TILE)
            for i in range(math.floor(x0 / TILE), math.floor(x1 / TILE) + 1):
                cut = shapely.clip_by_rect(row, i * TILE, j * TILE, (i + 1) * TILE, (j + 1) * TILE)
                if cut.is_empty:
                    continue
                parts.append(session.get("tile", shapely.to_wkb(cut), lambda cut=cut: _triangles(cut)))
    if not parts:
        return _mesh(np.empty((0, 3, 2)), np.empty(0, dtype=object))
    return _mesh(np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))


def _triangles(floor: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
    """(T, 3, 2) counter-clockwise triangle corners covering floor's polygons, and the triangles."""
    # corners a hair apart along an outline (where two grown pieces' outlines cross) would make
    # slivers; a triangle dropped for being thin would leave a false wall
    floor = shapely.remove_repeated_points(floor, 1e-6)
    polys = [g for g in shapely.get_parts(floor) if isinstance(g, shapely.Polygon) and g.area > 1e-9]
    if not polys:
        return np.empty((0, 3, 2)), np.empty(0, dtype=object)
    tris = shapely.get_parts(shapely.constrained_delaunay_triangles(np.array(polys, dtype=object)))
    xy = shapely.get_coordinates(tris).reshape(-1, 4, 2)[:, :3]
    a, b, c = xy[:, 0], xy[:, 1], xy[:, 2]
    area = (b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - a[:, 0])
    keep = area != 0.0
    xy, tris, area = xy[keep], tris[keep], area[keep]
    flip = area < 0
    xy[flip] = xy[flip][:, ::-1]
    return xy, tris


def _mesh(corners: np.ndarray, polys: np.ndarray) -> Mesh:
    n = len(corners)
    flat = corners.reshape(-1, 2)
    # corners are one where their coordinates are equal to the bit, so two corners a hair
    # apart inside a tile stay two; on a cut, clip_by_rect may give the two sides coordinates
    # a last bit apart along it: there they are one within SEAM_SNAP
    kx, ky = flat[:, 0].copy(), flat[:, 1].copy()
    on_x, on_y = np.fmod(kx, TILE) == 0, np.fmod(ky, TILE) == 0
    ky[on_x] = np.round(ky[on_x] / SEAM_SNAP) * SEAM_SNAP
    kx[on_y] = np.round(kx[on_y] / SEAM_SNAP) * SEAM_SNAP
    _, first, vid = np.unique(kx + 1j * ky, return_index=True, return_inverse=True)
    vid = vid.reshape(-1, 3)
    verts = flat[first]
    nv = len(verts)
    # every edge (a, b) as a key; the triangle across is the one holding (b, a)
    a, b = vid.ravel(), np.roll(vid, -1, axis=1).ravel()  # edge k: corner k -> corner k + 1
    key = np.minimum(a, b) * nv + np.maximum(a, b)
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order][1:] == key[order][:-1])
    # directed edge 3t + k is entry k of these: the one across is the other of its pair
    across = np.full(3 * n, -1, dtype=np.int64)
    e1, e2 = order[same], order[same + 1]
    across[e1], across[e2] = e2, e1
    wall = np.flatnonzero(across < 0)
    dead_end = (across.reshape(-1, 3) < 0).sum(axis=1) >= 2
    corner = _bends(verts, a[wall], b[wall])
    across = across.reshape(-1, 3)
    xy = [corners, np.roll(corners, -1, axis=1), np.roll(corners, -2, axis=1)]  # A, B, C
    ia, ib = vid, np.roll(vid, -1, axis=1)
    columns = [xy[k][:, :, j].ravel() for k in range(3) for j in range(2)]
    columns += [np.repeat(np.arange(n), 3), ia.ravel(), ib.ravel(), np.roll(across, -1, axis=1).ravel(),
                np.roll(across, -2, axis=1).ravel(), corner[ia].ravel(), corner[ib].ravel()]
    return Mesh(edges=list(zip(*(c.tolist() for c in columns))), across=across.ravel().tolist(),
                dead_end=dead_end.tolist(), tree=shapely.STRtree(polys))


def _bends(verts: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The corners a shortest walk may bend round: on a wall, where the floor's angle is over
    180 degrees (the corner of a piece, not of the room, nor a wall cut straight by a tile)."""
    out = np.zeros(len(verts), dtype=bool)
    # each wall edge runs a -> b with the floor on its left
    count = np.bincount(a, minlength=len(verts)) + np.bincount(b, minlength=len(verts))
    after = np.full(len(verts), -1)
    after[a] = b
    before = np.full(len(verts), -1)
    before[b] = a
    v = np.flatnonzero((count == 2) & (after >= 0) & (before >= 0))
    u, w = before[v], after[v]
    turn = ((verts[v, 0] - verts[u, 0]) * (verts[w, 1] - verts[v, 1])
            - (verts[v, 1] - verts[u, 1]) * (verts[w, 0] - verts[v, 0]))
    scale = np.hypot(*(verts[v] - verts[u]).T) * np.hypot(*(verts[w] - verts[v]).T)
    out[v[turn < -1e-9 * scale]] = True  # a right turn with the floor on the left: the floor bends round
    out[count > 2] = True  # two walls meet in one corner: either way may bend there
    return out
