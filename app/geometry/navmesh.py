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
        """The mesh of (T, 3, 2) triangle corners (corners closer than SNAP along x or y are one
        vertex); with_kept: also the indices of the triangles kept (slivers of no area are
        dropped). Compiled (kernels.triangle_mesh): numpy spent ~0.2 ms a tile on call overhead."""
        flat = np.ascontiguousarray(tri_xy, dtype=np.float64).reshape(-1, 2)
        verts, tris, nb, kept, paired = kernels.triangle_mesh(flat, SNAP)
        if not paired:
            _join_walls(tris, nb, len(verts))
        mesh = cls(verts, tris, nb)
        return (mesh, kept) if with_kept else mesh

    @classmethod
    def stitched(cls, parts: list[NavMesh], on_seam) -> NavMesh | None:
        """One mesh of meshes that meet along seams (on_seam(verts) -> bool mask): their corners
        on a seam are joined (closer than SNAP), and their wall edges there become inner edges.
        None if joining corners would flatten a triangle (then build from the triangles)."""
        verts = np.concatenate([m.verts for m in parts])
        verts, tris, nb, status = kernels.stitch(
            verts, np.concatenate([m.tris for m in parts]), np.concatenate([m.nb for m in parts]),
            np.array([len(m.verts) for m in parts], dtype=np.int64),
            np.array([len(m.tris) for m in parts], dtype=np.int64), on_seam(verts), SNAP)
        if status == 1:
            return None
        if status == 2:
            _join_walls(tris, nb, len(verts))
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


def _join_walls(tris: np.ndarray, nb: np.ndarray, n_verts: int) -> None:
    """Make the wall edges (nb -1) with the same two corners neighbours, in place, paired as
    numpy's sort leaves them. Only where three walls or more share their corners (never in one
    tile's triangles from GEOS): which of them pair is up to the sort's order, so the kernels
    leave those to it as before."""
    flat_nb, flat_tris = nb.reshape(-1), tris.reshape(-1)
    wall = np.flatnonzero(flat_nb < 0)
    t, k = wall // 3, wall % 3
    a, b = flat_tris[wall - k + (k + 1) % 3], flat_tris[wall - k + (k + 2) % 3]
    keys = np.minimum(a, b) * (n_verts + 1) + np.maximum(a, b)
    order = np.argsort(keys)
    same = np.flatnonzero(keys[order][1:] == keys[order][:-1])
    e1, e2 = order[same], order[same + 1]
    flat_nb[wall[e1]] = t[e2]
    flat_nb[wall[e2]] = t[e1]


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
