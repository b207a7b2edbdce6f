"""Shortest walks through free space: constrained Delaunay triangles and the funnel.

The mesh is stitched from the triangles of the floor's tiles (app.geometry.tiles), or built
from a polygon here (cut into tiles too: GEOS joins holes to the shell before triangulating,
which grows faster than linearly with the hole count). The triangle corridor comes from the
Steiner-point graph in app.geometry.waygraph; the simple stupid funnel algorithm (Mononen)
pulls the walk taut through it, exact within it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely

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
    _fans: tuple | None = field(default=None, repr=False)
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
        area2 = _signed2(verts, tris)
        scale = max(1.0, float(np.abs(verts).max(initial=1.0)))
        keep = np.abs(area2) > 1e-12 * scale  # drop degenerate slivers
        kept = np.flatnonzero(keep)
        tris, area2 = tris[keep], area2[keep]
        flip = area2 < 0
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
        n_v = np.cumsum([0] + [len(m.verts) for m in parts])
        n_t = np.cumsum([0] + [len(m.tris) for m in parts])
        verts = np.concatenate([m.verts for m in parts])
        tris = np.concatenate([m.tris + o for m, o in zip(parts, n_v[:-1])])
        nb = np.concatenate([np.where(m.nb >= 0, m.nb + o, -1) for m, o in zip(parts, n_t[:-1])])
        seam = np.flatnonzero(on_seam(verts))
        ids = np.arange(len(verts))
        if len(seam):
            _, group = _shared_corners(verts[seam])
            first = np.empty(group.max() + 1, dtype=np.int64)
            first[group[::-1]] = seam[::-1]  # numpy keeps the last write: each group's first corner
            ids[seam] = first[group]
        used, ids = np.unique(ids, return_inverse=True)
        verts, tris = verts[used], ids.ravel()[tris]
        if ((tris[:, 0] == tris[:, 1]) | (tris[:, 1] == tris[:, 2]) | (tris[:, 0] == tris[:, 2])).any():
            return None
        # wall edges along a seam, found twice (once from each side), are inner edges
        t, k = np.nonzero(nb < 0)
        a, b = tris[t, (k + 1) % 3], tris[t, (k + 2) % 3]
        keys = np.minimum(a, b) * (len(verts) + 1) + np.maximum(a, b)
        order = np.argsort(keys)
        same = np.flatnonzero(keys[order][1:] == keys[order][:-1])
        e1, e2 = order[same], order[same + 1]
        nb[t[e1], k[e1]] = t[e2]
        nb[t[e2], k[e2]] = t[e1]
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
    def fans(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The triangles round each vertex in turn: (start, triangles, position of corner k of
        triangle t in its vertex's fan (T, 3), gap after each position (a wall), gaps so far).
        Triangles round a vertex sorted by the direction of their centres are in turn; a fan
        cut by a wall starts just after the cut."""
        if self._fans is None:
            n_t, n_v = len(self.tris), len(self.verts)
            v = self.tris.ravel()
            t = np.repeat(np.arange(n_t), 3)
            centre = self.verts[self.tris].mean(axis=1)
            d = centre[t] - self.verts[v]
            order = np.lexsort((np.arctan2(d[:, 1], d[:, 0]), v))
            vs, ts = v[order], t[order]
            start = np.searchsorted(vs, np.arange(n_v + 1))
            size = np.diff(start)[vs]
            rank = np.arange(len(vs)) - start[vs]
            nxt = start[vs] + (rank + 1) % np.maximum(size, 1)
            joined = (self.nb[ts] == ts[nxt][:, None]).any(axis=1)
            # rotate each fan to start after its first gap (fans with none are whole circles)
            gap_rank = np.where(joined, n_t * 3, rank)
            first_gap = np.full(n_v, n_t * 3)
            np.minimum.at(first_gap, vs, gap_rank)
            shift = np.where(first_gap[vs] < n_t * 3, first_gap[vs] + 1, 0)
            new_rank = (rank - shift) % np.maximum(size, 1)
            at = start[vs] + new_rank
            fan = np.empty(len(vs), dtype=np.int64)
            fan[at] = ts
            gap = np.zeros(len(vs), dtype=bool)
            gap[at] = ~joined
            pos = np.empty(n_t * 3, dtype=np.int64)
            pos[order] = new_rank
            self._fans = (start, fan, pos.reshape(n_t, 3), gap, np.concatenate([[0], np.cumsum(gap)]))
        return self._fans

    @property
    def rings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(ring of each vertex, start of each ring in the list, vertices listed ring by ring,
        whether each ring goes round an obstacle): vertices joined by wall edges belong to one
        outline (an obstacle, or the outside of a part of the free space)."""
        if self._rings is None:
            from scipy.sparse import coo_matrix
            from scipy.sparse.csgraph import connected_components

            t, k = np.nonzero(self.nb < 0)
            a, b = self.tris[t, (k + 1) % 3], self.tris[t, (k + 2) % 3]
            n = len(self.verts)
            _, ring = connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)
            order = np.argsort(ring, kind="stable")
            start = np.searchsorted(ring[order], np.arange(ring.max(initial=-1) + 2))
            # the free space lies left of every wall edge, so an outline runs counter-clockwise
            # round a part's outside and clockwise round an obstacle: only these have a far side
            pa, pb = self.verts[a], self.verts[b]
            area = np.bincount(ring[a], pa[:, 0] * pb[:, 1] - pb[:, 0] * pa[:, 1], minlength=len(start) - 1)
            self._rings = (ring, start, order, area < 0)
        return self._rings

    @property
    def loose(self) -> np.ndarray:
        """Vertices on no wall: where tiles meet inside the free space."""
        if self._loose is None:
            ring, start, _, _ = self.rings
            self._loose = np.diff(start)[ring] == 1
        return self._loose

    def locate_all(self, points: list[Point]) -> np.ndarray:
        """The triangle containing each point (or the nearest one), -1 if the mesh is empty."""
        pts = np.asarray(points, dtype=float).reshape(-1, 2)
        if not len(self.tris) or not len(pts):
            return np.full(len(pts), -1, dtype=np.int64)
        p = self.verts[self.tris]  # (T, 3, 2)
        x, y = pts[:, 0, None], pts[:, 1, None]  # (P, 1)
        inside = np.ones((len(pts), len(p)), dtype=bool)
        for k in range(3):
            (x0, y0), (x1, y1) = p[:, k].T, p[:, (k + 1) % 3].T
            inside &= (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) >= -1e-9
        found = inside.argmax(axis=1)
        out = np.where(inside[np.arange(len(pts)), found], found, -1)
        if (out < 0).any():
            c = p.mean(axis=1)
            for q in np.flatnonzero(out < 0):
                out[q] = int(np.argmin((c[:, 0] - pts[q, 0]) ** 2 + (c[:, 1] - pts[q, 1]) ** 2))
        return out

    def locate(self, point: Point) -> int:
        return int(self.locate_all([point])[0])

    def portals(self, corridor: list[int]) -> list[tuple[Point, Point]]:
        """(left, right) ends of each edge crossed, seen by someone walking along the corridor."""
        return [(tuple(left), tuple(right)) for left, right in self._portals(corridor)[0]]

    def _portals(self, corridor: list[int]) -> tuple[list[list[list[float]]], np.ndarray]:
        """The portals as [[left x, y], [right x, y]] lists (the funnel reads them as they are),
        and the vertex ids of their ends: (P, 2), left then right."""
        if len(corridor) < 2:
            return [], np.empty((0, 2), dtype=np.int64)
        c = np.asarray(corridor)
        t = c[:-1]
        k = np.argmax(self.nb[t] == c[1:, None], axis=1)
        v = self.tris[t]
        rows = np.arange(len(t))
        # t runs counter-clockwise, so its inside is left of a->b: leaving it, b is on the left
        ends = np.column_stack([v[rows, (k + 2) % 3], v[rows, (k + 1) % 3]])
        return self.verts[ends].tolist(), ends

    def taut(self, start: Point, goal: Point, corridor: list[int]) -> tuple[list[Point], np.ndarray]:
        """The shortest walk through the corridor, and the vertex at each of its bends."""
        portals, ends = self._portals(corridor)
        path, bends = _funnel(start, goal, portals)
        b = np.asarray(bends, dtype=np.int64)
        b = b[(b >= 0) & (b < 2 * len(portals))]  # a "bend" at the goal is the goal
        return path, ends.ravel()[b]

    def route(self, start: Point, goal: Point) -> list[Point] | None:
        """The shortest walk from start to goal, or None when no corridor joins them."""
        from app.geometry.routes import Router

        return Router(self, [start, goal]).walk(0, 1)


def path_length(path: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(path, path[1:]))


def funnel(start: Point, goal: Point, portals: list[tuple[Point, Point]]) -> list[Point]:
    """Simple stupid funnel algorithm: the taut string from start to goal through the portals."""
    return _funnel(start, goal, portals)[0]


def _funnel(start: Point, goal: Point, portals: list) -> tuple[list[Point], list[int]]:
    """(the taut string, for each bend 2 g + side: the portal g it bends at, 0 left, 1 right).

    cross(o, a, b) > 0 when b lies left of the ray o -> a; written out inline for speed.
    """
    gates = [(start, start), *portals, (goal, goal)]
    path = [start]
    bends: list[int] = []
    ax, ay = start
    lx, ly = rx, ry = start
    apex_i = left_i = right_i = 0
    i = 1
    count = len(gates)
    while i < count:
        (nlx, nly), (nrx, nry) = gates[i]
        # the right side moves in when the new right point is left of apex->right
        if (rx - ax) * (nry - ay) - (ry - ay) * (nrx - ax) >= 0:
            if (ax == rx and ay == ry) or (lx - ax) * (nry - ay) - (ly - ay) * (nrx - ax) < 0:
                rx, ry, right_i = nrx, nry, i
            else:  # it crossed the left side: the left corner is on the path
                path.append((lx, ly))
                bends.append(2 * (left_i - 1))
                ax, ay, apex_i = lx, ly, left_i
                rx, ry = lx, ly
                right_i = left_i = apex_i
                i = apex_i + 1
                continue
        if (lx - ax) * (nly - ay) - (ly - ay) * (nlx - ax) <= 0:
            if (ax == lx and ay == ly) or (rx - ax) * (nly - ay) - (ry - ay) * (nlx - ax) > 0:
                lx, ly, left_i = nlx, nly, i
            else:
                path.append((rx, ry))
                bends.append(2 * (right_i - 1) + 1)
                ax, ay, apex_i = rx, ry, right_i
                lx, ly = rx, ry
                left_i = right_i = apex_i
                i = apex_i + 1
                continue
        i += 1
    if path[-1] != goal:
        path.append(goal)
    return path, bends


def _shared_corners(flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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


def _signed2(verts: np.ndarray, tris: np.ndarray) -> np.ndarray:
    p = verts[tris]
    return (p[:, 1, 0] - p[:, 0, 0]) * (p[:, 2, 1] - p[:, 0, 1]) - (p[:, 1, 1] - p[:, 0, 1]) * (p[:, 2, 0] - p[:, 0, 0])


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
