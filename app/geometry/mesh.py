"""The walkable floor as triangles that know their neighbours, for the route search.

The floor is cut into TILE x TILE squares anchored at the plan's origin and each square is
triangulated on its own (shapely.constrained_delaunay_triangles: GEOS joins a polygon's holes to
its shell first, which grows faster than linearly with the number of holes). Both sides of a cut
get the very same corners from clip_by_rect, so the triangles of all tiles join into one mesh by
their corners; a square whose floor did not change keeps its triangles (CheckSession).
"""

from __future__ import annotations

import itertools
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

    #: per directed edge h: (ax, ay, bx, by, cx, cy, a, b, d1, d2): the corners, A's and B's
    #: vertex keys (complex, equal on both sides of a cut) and the steps from h to the
    #: triangle's own edges B -> C (h + d1) and C -> A (h + d2), all in one tuple for the search;
    #: nothing in it depends on the other tiles, so a tile that did not change keeps its tuples
    edges: list[tuple]
    across: list[int]  # the directed edge beyond each directed edge, -1 at a wall
    dead_end: list[bool]  # the triangle has one way in and out (two walls)
    bends: frozenset[complex]  # the vertices a walk may bend round (on a wall, the floor bending round them)
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


@dataclass(frozen=True)
class _Tile:
    """One square's triangles, joined among themselves: what a session keeps of it."""

    polys: np.ndarray  # the triangles
    edges: list[tuple]  # as Mesh.edges
    across: np.ndarray  # the directed edge beyond each directed edge inside the tile, -1 if none
    cuts: np.ndarray  # the directed edges along a cut, with none beyond inside the tile
    cut_ends: np.ndarray  # (len(cuts), 2): their A and B vertex keys
    cut_xy: np.ndarray  # (len(cuts), 2, 2): their A and B corners
    walls_ends: np.ndarray  # the walls with an end on a cut: their A and B vertex keys
    walls_xy: np.ndarray  # and corners
    bends: frozenset[complex]  # the bends off the cuts (all their walls are in the tile)


def triangulated(space: shapely.Geometry, session: CheckSession) -> Mesh:
    """The mesh of a walkable space (a polygon or multipolygon)."""
    cuts: dict[bytes, shapely.Geometry] = {}
    if not space.is_empty:
        x0, y0, x1, y1 = space.bounds
        for j in range(math.floor(y0 / TILE), math.floor(y1 / TILE) + 1):
            # a row of tiles first: each tile is then cut out of its row, not out of the whole floor
            row = shapely.clip_by_rect(space, x0 - 1.0, j * TILE, x1 + 1.0, (j + 1) * TILE)
            for i in range(math.floor(x0 / TILE), math.floor(x1 / TILE) + 1):
                cut = shapely.clip_by_rect(row, i * TILE, j * TILE, (i + 1) * TILE, (j + 1) * TILE)
                if not cut.is_empty:
                    cuts[shapely.to_wkb(cut)] = cut
    # the tiles the session does not keep are built together: numpy pays per call, not per tile
    new = [key for key in cuts if session.kept("tile", key) is None]
    made = dict(zip(new, _tiles([_triangles(cuts[key]) for key in new]))) if new else {}
    tiles = [session.get("tile", key, lambda key=key: made[key]) for key in cuts]
    return _joined([t for t in tiles if len(t.polys)])


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


def _keys(xy: np.ndarray) -> np.ndarray:
    """A key per corner: corners are one where their coordinates are equal to the bit, so two
    corners a hair apart inside a tile stay two; on a cut, clip_by_rect may give the two sides
    coordinates a last bit apart along it: there they are one within SEAM_SNAP."""
    kx, ky = xy[..., 0].copy(), xy[..., 1].copy()
    on_x, on_y = np.fmod(kx, TILE) == 0, np.fmod(ky, TILE) == 0
    ky[on_x] = np.round(ky[on_x] / SEAM_SNAP) * SEAM_SNAP
    kx[on_y] = np.round(kx[on_y] / SEAM_SNAP) * SEAM_SNAP
    return kx + 1j * ky


def _pairs(a: np.ndarray, b: np.ndarray, nv: int, group: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of edges a[i] -> b[i] (vertex ids below nv) that join the same two vertices
    (in the same group)."""
    key = np.minimum(a, b) * nv + np.maximum(a, b)
    if group is not None:
        key = key + group * (nv * nv)
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order][1:] == key[order][:-1])
    return order[same], order[same + 1]


def _tiles(made: list[tuple[np.ndarray, np.ndarray]]) -> list[_Tile]:
    """Each tile's triangles (as _triangles gives them) joined among themselves, for all the
    tiles at once."""
    count = np.array([len(c) for c, _ in made])
    corners = np.concatenate([c for c, _ in made])  # (n, 3, 2)
    n = len(corners)
    tile = np.repeat(np.arange(len(made)), 3 * count)  # of each directed edge
    key = _keys(corners)
    keys, at, vid = np.unique(key.ravel(), return_index=True, return_inverse=True)
    vid = vid.reshape(-1, 3)
    a, b = vid.ravel(), np.roll(vid, -1, axis=1).ravel()  # edge k: corner k -> corner k + 1
    across = np.full(3 * n, -1, dtype=np.int64)
    e1, e2 = _pairs(a, b, len(keys), tile)
    across[e1], across[e2] = e2, e1
    xy = [corners, np.roll(corners, -1, axis=1), np.roll(corners, -2, axis=1)]  # A, B, C
    step1, step2 = np.tile([1, 1, -2], n), np.tile([2, -1, -1], n)  # to B -> C and C -> A
    columns = [xy[k][:, :, j].ravel().tolist() for k in range(3) for j in range(2)]
    rows = list(zip(*columns, key.ravel().tolist(), np.roll(key, -1, axis=1).ravel().tolist(),
                    step1.tolist(), step2.tolist()))
    # an edge with nothing beyond in its tile is a wall, or runs along a cut to the next tile
    edge = np.flatnonzero(across < 0)
    ka, kb = keys[a[edge]], keys[b[edge]]
    cut = ((ka.real == kb.real) & (np.fmod(ka.real, TILE) == 0)) | ((ka.imag == kb.imag) & (np.fmod(ka.imag, TILE) == 0))
    near = ~cut & (_on_cut(ka) | _on_cut(kb))
    # the bends off the cuts, each in its tile: every wall at such a corner is in that tile
    inside = np.flatnonzero(_bends(corners.reshape(-1, 2)[at], a[edge[~cut]], b[edge[~cut]]) & ~_on_cut(keys))
    bend_tile = tile[at[inside]]
    bend_keys = keys[inside][np.argsort(bend_tile, kind="stable")].tolist()
    first = np.concatenate([[0], np.cumsum(3 * count)])
    # edge is in order, so each tile's open edges and bends are one run of them
    runs = [np.searchsorted(edge[mask], first) for mask in (cut, near)]
    bend_runs = np.searchsorted(np.sort(bend_tile), np.arange(len(made) + 1)).tolist()
    ends, ends_xy = np.stack([ka, kb], axis=1), np.stack([xy[0].reshape(-1, 2)[edge], xy[1].reshape(-1, 2)[edge]], axis=1)
    cut_edge, cut_ends, cut_xy, near_ends, near_xy = edge[cut], ends[cut], ends_xy[cut], ends[near], ends_xy[near]
    out = []
    for k, (_, polys) in enumerate(made):
        lo, hi = first[k], first[k + 1]
        (c0, c1), (n0, n1) = (r[k:k + 2] for r in runs)
        local = across[lo:hi]
        out.append(_Tile(polys, rows[lo:hi], np.where(local >= 0, local - lo, -1), cut_edge[c0:c1] - lo,
                         cut_ends[c0:c1], cut_xy[c0:c1], near_ends[n0:n1], near_xy[n0:n1],
                         frozenset(bend_keys[bend_runs[k]:bend_runs[k + 1]])))
    return out


def _on_cut(keys: np.ndarray) -> np.ndarray:
    """Whether each vertex key lies on a cut between tiles."""
    return (np.fmod(keys.real, TILE) == 0) | (np.fmod(keys.imag, TILE) == 0)


def _joined(tiles: list[_Tile]) -> Mesh:
    """The tiles' triangles as one mesh, joined across the cuts by their corners' keys."""
    if not tiles:
        return Mesh([], [], [], frozenset(), shapely.STRtree(np.empty(0, dtype=object)))
    first = np.cumsum([0] + [3 * len(t.polys) for t in tiles])  # each tile's first directed edge
    across = np.concatenate([np.where(t.across >= 0, t.across + f, -1) for t, f in zip(tiles, first)])
    cuts = np.concatenate([t.cuts + f for t, f in zip(tiles, first)])
    # the edges along the cuts, then the walls at them
    ends = np.concatenate([t.cut_ends for t in tiles] + [t.walls_ends for t in tiles])
    xy = np.concatenate([t.cut_xy for t in tiles] + [t.walls_xy for t in tiles])
    keys, at, vid = np.unique(ends.ravel(), return_index=True, return_inverse=True)
    a, b = vid.reshape(-1, 2).T
    e1, e2 = _pairs(a[:len(cuts)], b[:len(cuts)], len(keys))
    across[cuts[e1]], across[cuts[e2]] = cuts[e2], cuts[e1]
    wall = np.ones(len(ends), dtype=bool)  # an edge along a cut with nothing beyond is a wall
    wall[e1] = wall[e2] = False
    bend = _bends(xy.reshape(-1, 2)[at], a[wall], b[wall]) & _on_cut(keys)
    dead_end = (across.reshape(-1, 3) < 0).sum(axis=1) >= 2
    edges = list(itertools.chain.from_iterable(t.edges for t in tiles))
    return Mesh(edges, across.tolist(), dead_end.tolist(), frozenset(keys[bend].tolist()).union(*(t.bends for t in tiles)),
                shapely.STRtree(np.concatenate([t.polys for t in tiles])))


def _bends(verts: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The corners a shortest walk may bend round: on a wall, where the floor's angle is over
    180 degrees (the corner of a piece, not of the room, nor a wall cut straight by a tile).
    a, b: the vertex ids of each wall edge's ends, as rows of verts."""
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
