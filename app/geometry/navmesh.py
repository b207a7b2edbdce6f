"""Shortest walks through free space: constrained Delaunay triangles and the funnel.

The mesh is stitched from the triangles of the floor's tiles (app.geometry.tiles), or built
from a polygon here (cut into tiles too: GEOS joins holes to the shell before triangulating,
which grows faster than linearly with the hole count). The triangle corridor comes from the
Steiner-point graph in app.geometry.waygraph; the simple stupid funnel algorithm (Mononen,
app.geometry.kernels) pulls the walk taut through it, exact within it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely

from app.geometry import kernels

Point = tuple[float, float]

#: corners of two tiles closer than this (in) along a cut are one
SNAP = 1e-6
#: coordinates per tile: small tiles triangulate ~2x faster than one 25,000-point polygon
_COORDS_PER_TILE = 150


@dataclass
class NavMesh:
    verts: np.ndarray  # (V, 2)
    tris: np.ndarray  # (T, 3) vertex ids, counter-clockwise (positive signed area)
    nb: np.ndarray  # (T, 3): [t, k] is the triangle across edge k (opposite vertex k), -1 at walls
    _rings: tuple | None = field(default=None, repr=False)
    _loose: np.ndarray | None = field(default=None, repr=False)

    @classmethod
    def build(cls, space: shapely.Geometry) -> NavMesh:
        return cls.from_triangles(_triangles(space))

    @classmethod
    def from_triangles(cls, tri_xy: np.ndarray, with_kept: bool = False):
        """The mesh of (T, 3, 2) triangle corners; with_kept: also the indices of the triangles
        kept (slivers of no area are dropped)."""
        verts, ids = _shared_corners(tri_xy.reshape(-1, 2))
        tris = ids.reshape(-1, 3)
        p = np.take(verts, tris, axis=0)  # take: a tenth of the time of verts[tris] at this size
        e1, e2 = p[:, 1] - p[:, 0], p[:, 2] - p[:, 0]
        area2 = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
        scale = max(1.0, float(np.abs(verts).max(initial=1.0)))
        keep = np.abs(area2) > 1e-12 * scale  # drop degenerate slivers
        if keep.all():
            kept = np.arange(len(tris))
        else:
            kept = np.flatnonzero(keep)
            tris, area2 = tris[keep], area2[keep]
        flip = area2 < 0
        if flip.all():  # GEOS hands its triangles over clockwise
            tris = np.take(tris, [0, 2, 1], axis=1)  # C order, as before (tris[:, [0, 2, 1]] is F)
        elif flip.any():
            tris[flip] = tris[flip][:, [0, 2, 1]]
        n = len(tris)
        # edge k joins vertices k+1 and k+2; a shared edge appears twice among the sorted keys
        a = tris[:, [1, 2, 0]].ravel()
        b = tris[:, [2, 0, 1]].ravel()
        keys = np.minimum(a, b) * (len(verts) + 1) + np.maximum(a, b)
        srt = np.argsort(keys)
        same = keys[srt[1:]] == keys[srt[:-1]]
        e1, e2 = srt[:-1][same], srt[1:][same]
        nb = np.full(n * 3, -1, dtype=np.int64)
        nb[e1] = e2 // 3
        nb[e2] = e1 // 3
        mesh = cls(verts, tris, nb.reshape(n, 3))
        return (mesh, kept) if with_kept else mesh

    @classmethod
    def stitched(cls, parts: list[NavMesh], on_seam) -> NavMesh | None:
        """One mesh of meshes that meet along seams (on_seam(verts) -> bool mask): their corners
        on a seam are joined (closer than SNAP), and their wall edges there become inner edges.
        None if joining corners would flatten a triangle (then build from the triangles)."""
        n_vs, n_ts = [len(m.verts) for m in parts], [len(m.tris) for m in parts]
        verts = np.concatenate([m.verts for m in parts])
        tris = np.concatenate([m.tris for m in parts]) + np.repeat(np.cumsum([0] + n_vs[:-1]), n_ts)[:, None]
        nb = np.concatenate([m.nb for m in parts])
        nb = np.where(nb >= 0, nb + np.repeat(np.cumsum([0] + n_ts[:-1]), n_ts)[:, None], -1)
        seam = np.flatnonzero(on_seam(verts))
        ids = np.arange(len(verts))
        if len(seam):
            _, group = _snapped_corners(verts[seam])
            first = np.empty(group.max() + 1, dtype=np.int64)
            first[group[::-1]] = seam[::-1]  # numpy keeps the last write: each group's first corner
            ids[seam] = first[group]
        # a corner stands for itself or for an earlier one: number those that stand for themselves
        own = ids == np.arange(len(verts))
        ids = (np.cumsum(own) - 1)[ids]
        verts, tris = np.take(verts, np.flatnonzero(own), axis=0), np.take(ids, tris)
        if ((tris[:, 0] == tris[:, 1]) | (tris[:, 1] == tris[:, 2]) | (tris[:, 0] == tris[:, 2])).any():
            return None
        # wall edges along a seam, found twice (once from each side), are inner edges
        wall = np.flatnonzero(nb.ravel() < 0)
        t, k = wall // 3, wall % 3
        a, b = np.take(tris, wall - k + (k + 1) % 3), np.take(tris, wall - k + (k + 2) % 3)
        keys = np.minimum(a, b) * (len(verts) + 1) + np.maximum(a, b)
        order = np.argsort(keys)
        same = np.flatnonzero(keys[order][1:] == keys[order][:-1])
        e1, e2 = order[same], order[same + 1]
        flat_nb = nb.ravel()
        flat_nb[wall[e1]] = t[e2]
        flat_nb[wall[e2]] = t[e1]
        return cls(verts, tris, nb)

    def subset(self, keep: np.ndarray) -> NavMesh:
        """The mesh of the triangles keep (indices); its edges to the others become walls."""
        used = np.unique(self.tris[keep])
        new_id = np.full(len(self.verts), -1)
        new_id[used] = np.arange(len(used))
        tri_id = np.full(len(self.tris) + 1, -1)  # [-1] reads a wall
        tri_id[keep] = np.arange(len(keep))
        return NavMesh(self.verts[used], new_id[self.tris[keep]], tri_id[self.nb[keep]])

    @property
    def rings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(ring of each vertex, start of each ring in the list, vertices listed ring by ring,
        whether each ring goes round an obstacle): vertices joined by wall edges belong to one
        outline (an obstacle, or the outside of a part of the free space; kernels.rings)."""
        if self._rings is None:
            self._rings = kernels.rings(self.verts, self.tris, self.nb)
        return self._rings

    @property
    def loose(self) -> np.ndarray:
        """Vertices on no wall: where tiles meet inside the free space."""
        if self._loose is None:
            ring, start, _, _ = self.rings
            self._loose = np.diff(start)[ring] == 1
        return self._loose

    def route(self, start: Point, goal: Point) -> list[Point] | None:
        """The shortest walk from start to goal, or None when no corridor joins them."""
        from app.geometry.routes import Router

        return Router(self, [start, goal]).walk(0, 1)


def path_length(path: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(path, path[1:]))


def _shared_corners(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(vertices, id of each corner) as _snapped_corners gives them, in one sort when the corners
    two triangles share are the same to the bit (one tile's triangles, from GEOS) and no two
    others are within SNAP along x or y: then the groups are the equal corners, each numbered
    by where it first appears."""
    if len(flat) < 2:
        return flat.copy(), np.arange(len(flat))
    xy = np.ascontiguousarray(flat, dtype=float).view(np.complex128).ravel()  # sorts by x, then y
    order = np.argsort(xy, kind="stable")
    s = xy[order]
    d = s[1:] - s[:-1]
    new = np.concatenate(([True], d != 0))
    if ((d.real == 0) & (d.imag <= SNAP) & new[1:]).any():
        return _snapped_corners(flat)
    u = s[new]
    by_y = u[np.lexsort((u.real, u.imag))]
    d = by_y[1:] - by_y[:-1]
    if ((d.imag == 0) & (d.real <= SNAP)).any():
        return _snapped_corners(flat)
    first = order[new]  # the stable sort puts each group's first corner first
    rank = np.argsort(first)
    vertex = np.empty(len(first), dtype=np.int64)
    vertex[rank] = np.arange(len(first))
    ids = np.empty(len(xy), dtype=np.int64)
    ids[order] = vertex[np.cumsum(new) - 1]
    return np.take(flat, first[rank], axis=0), ids


def _snapped_corners(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(vertices, id of each corner): corners closer than SNAP along x or y get one vertex.
    Tiles cut along x = c or y = c, so the corners two tiles share on a cut agree exactly in one
    coordinate and to round-off in the other; sorting by each axis in turn joins them."""
    ids = np.arange(len(flat))
    xy = flat.copy()
    for major, minor in ((0, 1), (1, 0)):
        order = np.lexsort((xy[:, minor], xy[:, major]))
        s = xy[order]
        new = np.ones(len(s), dtype=bool)
        new[1:] = (s[1:, major] != s[:-1, major]) | (s[1:, minor] - s[:-1, minor] > SNAP)
        group = np.cumsum(new) - 1
        first = order[np.flatnonzero(new)]  # each group's first corner stands for it
        rep = np.empty(len(xy), dtype=np.int64)
        rep[order] = first[group]
        xy = xy[rep]
        ids = rep[ids]
    uniq, ids = np.unique(ids, return_inverse=True)
    return flat[uniq], ids.ravel()


def _triangles(space: shapely.Geometry) -> np.ndarray:
    """(T, 3, 2) triangle corners covering space, triangulated tile by tile."""
    if space.is_empty:
        return np.empty((0, 3, 2))
    n = shapely.get_num_coordinates(space)
    k = max(1, min(16, round(math.sqrt(n / _COORDS_PER_TILE))))
    if k == 1:
        pieces = [space]
    else:
        x0, y0, x1, y1 = space.bounds
        xs, ys = np.linspace(x0, x1, k + 1), np.linspace(y0, y1, k + 1)
        xs[-1], ys[-1] = x1 + 1, y1 + 1  # the last tiles reach past the edge: nothing is cut off
        xs[0], ys[0] = x0 - 1, y0 - 1
        pieces = [shapely.clip_by_rect(space, xs[a], ys[b], xs[a + 1], ys[b + 1]) for a in range(k) for b in range(k)]
    pieces = [p for p in pieces if not p.is_empty]
    tris = shapely.get_parts(shapely.constrained_delaunay_triangles(np.array(pieces, dtype=object)))
    if not len(tris):
        return np.empty((0, 3, 2))
    return shapely.get_coordinates(tris).reshape(-1, 4, 2)[:, :3]
