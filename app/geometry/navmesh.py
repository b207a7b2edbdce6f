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
    def fans(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The triangles round each vertex in turn: (start, triangles, position of corner k of
        triangle t in its vertex's fan (T, 3), gap after each position (a wall), gaps so far).
        Triangles round a vertex sorted by the direction of their centres are in turn; a fan
        cut by a wall starts just after the cut."""
        if self._fans is None:
            n_t, n_v = len(self.tris), len(self.verts)
            n = n_t * 3
            v = self.tris.ravel()
            p = np.take(self.verts, self.tris, axis=0)
            centre = (p[:, 0] + p[:, 1] + p[:, 2]) / 3
            d = (centre[:, None, :] - p).reshape(-1, 2)
            order = _by_vertex_then_angle(v, np.arctan2(d[:, 1], d[:, 0]))
            vs, ts = v[order], order // 3
            start = np.zeros(n_v + 1, dtype=np.int64)
            np.cumsum(np.bincount(v, minlength=n_v), out=start[1:])
            first = start[vs]
            size = np.maximum(np.diff(start), 1)[vs]
            rank = np.arange(n) - first
            after = ts[first + (rank + 1) % size]
            nb = np.take(self.nb, ts, axis=0)
            joined = (nb[:, 0] == after) | (nb[:, 1] == after) | (nb[:, 2] == after)
            # rotate each fan to start after its first gap (fans with none are whole circles)
            gap_rank = np.where(joined, n, rank)
            first_gap = np.full(n_v, n)
            np.minimum.at(first_gap, vs, gap_rank)
            first_gap = first_gap[vs]
            shift = np.where(first_gap < n, first_gap + 1, 0)
            new_rank = (rank - shift) % size
            at = first + new_rank
            fan = np.empty(n, dtype=np.int64)
            fan[at] = ts
            gap = np.zeros(n, dtype=bool)
            gap[at] = ~joined
            pos = np.empty(n, dtype=np.int64)
            pos[order] = new_rank
            gaps = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(gap, out=gaps[1:])
            self._fans = (start, fan, pos.reshape(n_t, 3), gap, gaps)
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
            pa, pb = np.take(self.verts, a, axis=0), np.take(self.verts, b, axis=0)
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

    The simple stupid funnel (Mononen) to the bit, without walking portals twice: after a bend it
    starts again at the portal after the bend (~2.75 steps a portal on real corridors). Here each
    side keeps the corners it passed outside its edge (a corner the next portal repeats only
    renews its portal); at a bend the new edge is the one that second walk would end on (the last
    of them no wider than the one before, seen from the bend), and the walk goes on where it was.
    That relies on the corners lying along a corridor; the goal may lie off it (a point off the
    mesh is routed from the nearest triangle), so the last gate is walked the simple stupid way.

    cross(o, a, b) > 0 when b lies left of the ray o -> a; written out inline for speed.
    """
    path = [start]
    bends: list[int] = []
    ax, ay = lx, ly = rx, ry = start
    ai = li = ri = 0  # the apex and the two edge ends, by gate (0 the start, g + 1 portal g)
    ldx = ldy = rdx = rdy = 0.0  # the edges, apex -> left and apex -> right
    ltail: list[list] = []  # [x, y, gate] of the corners passed outside the left edge
    rtail: list[list] = []
    last_l = last_r = None  # the ends of the portal before (None after a bend)
    apart = False  # known: the left edge lies strictly left of the right one
    i = 0
    for pl, pr in portals:
        i += 1
        if pr == last_r and (rtail or apart or (ax == rx and ay == ry) or ldx * rdy - ldy * rdx < 0):
            if rtail:
                rtail[-1][2] = i
            else:
                ri = i
        else:
            qx, qy = last_r = pr
            # the right side moves in when the new right point is left of apex->right
            if rdx * (qy - ay) - rdy * (qx - ax) >= 0:
                if ax == rx and ay == ry:
                    apart = False
                elif ldx * (qy - ay) - ldy * (qx - ax) < 0:
                    apart = True
                else:  # it crossed the left side: the left corner is on the path
                    last_l = None
                    while True:
                        path.append((lx, ly))
                        bends.append(2 * (li - 1))
                        ax, ay, ai = lx, ly, li
                        ldx = ldy = 0.0
                        apart = False
                        if not ltail:
                            break
                        edge = ltail[0]
                        for corner in ltail:
                            cx, cy, _ = corner
                            if ldx * (cy - ay) - ldy * (cx - ax) <= 0:
                                edge = corner
                                ldx, ldy = cx - ax, cy - ay
                        lx, ly, li = edge
                        del ltail[:ltail.index(edge) + 1]
                        if ldx * (qy - ay) - ldy * (qx - ax) < 0:
                            apart = True
                            break
                rx, ry, ri = qx, qy, i
                rdx, rdy = qx - ax, qy - ay
                rtail = []
            else:
                rtail.append([qx, qy, i])
        if pl == last_l and (ltail or apart or (ax == lx and ay == ly) or rdx * ldy - rdy * ldx > 0):
            if ltail:
                ltail[-1][2] = i
            else:
                li = i
            continue
        px, py = last_l = pl
        if ldx * (py - ay) - ldy * (px - ax) <= 0:
            if ax == lx and ay == ly:
                apart = False
            elif rdx * (py - ay) - rdy * (px - ax) > 0:
                apart = True
            else:
                last_r = None
                while True:
                    path.append((rx, ry))
                    bends.append(2 * (ri - 1) + 1)
                    ax, ay, ai = rx, ry, ri
                    rdx = rdy = 0.0
                    apart = False
                    if ai == i or not rtail:
                        break
                    edge = rtail[0]
                    for corner in rtail:
                        cx, cy, _ = corner
                        if rdx * (cy - ay) - rdy * (cx - ax) >= 0:
                            edge = corner
                            rdx, rdy = cx - ax, cy - ay
                    rx, ry, ri = edge
                    del rtail[:rtail.index(edge) + 1]
                    if ai + 1 == i:  # the walk from the bend starts at this portal: no left edge yet
                        break
                    if rdx * (py - ay) - rdy * (px - ax) > 0:
                        apart = True
                        break
                if ai == i:  # the bend is this portal's own right end: the next portal starts afresh
                    lx, ly, li = ax, ay, ai
                    ldx = ldy = 0.0
                    ltail = []
                    last_l = None
                    continue
            lx, ly, li = px, py, i
            ldx, ldy = px - ax, py - ay
            ltail = []
        else:
            ltail.append([px, py, i])
    return _simple_stupid([(start, start), *portals, (goal, goal)], i + 1, path, bends,
                          (ax, ay, ai, lx, ly, li, rx, ry, ri))


def _simple_stupid(gates: list, i: int, path: list[Point], bends: list[int],
                   state: tuple) -> tuple[list[Point], list[int]]:
    """The simple stupid funnel from gate i on, from state (apex, left end, right end: x, y, gate)."""
    ax, ay, apex_i, lx, ly, left_i, rx, ry, right_i = state
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
    goal = gates[-1][0]
    if path[-1] != goal:
        path.append(goal)
    return path, bends


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


def _by_vertex_then_angle(v: np.ndarray, angle: np.ndarray) -> np.ndarray:
    """np.lexsort((angle, v)) (ties by position), a third of its time: a float sort, then one of
    integer keys, stable only when two corners of one vertex share an angle."""
    n = len(v)
    by_angle = np.argsort(angle)
    s = angle[by_angle]
    angle_rank = np.empty(n, dtype=np.int64)
    angle_rank[by_angle] = np.concatenate(([0], np.cumsum(s[1:] != s[:-1])))
    key = v * n + angle_rank
    order = np.argsort(key)
    k = key[order]
    if (k[1:] == k[:-1]).any():
        order = np.argsort(key, kind="stable")
    return order


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
