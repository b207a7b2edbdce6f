"""Shortest walks through free space: constrained Delaunay triangles and the funnel.

The triangle corridor comes from the Steiner-point graph in app.geometry.waygraph; the simple
stupid funnel algorithm (Mononen) then pulls the walk taut through it, exact within it. Large spaces are cut into tiles before triangulating:
GEOS joins holes to the shell first, which grows faster than linearly with the hole count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely

Point = tuple[float, float]

#: coordinates per tile: small tiles triangulate ~2x faster than one 25,000-point polygon
_COORDS_PER_TILE = 150


@dataclass
class NavMesh:
    verts: np.ndarray  # (V, 2)
    tris: np.ndarray  # (T, 3) vertex ids, counter-clockwise (positive signed area)
    neighbours: list[int]  # flat: [3 t + k] is the triangle across edge k (opposite vertex k), -1 at walls
    mid_x: list[float]  # flat: [3 t + k] is the midpoint of edge k
    mid_y: list[float]
    edge_ends: tuple[list[float], list[float], list[float], list[float]]  # flat: x0, y0, x1, y1 of edge 3 t + k
    _boxes: np.ndarray  # (T, 4) bounding boxes, to find the triangle under a point
    _graph: object = field(default=None, repr=False)

    @classmethod
    def build(cls, space: shapely.Geometry) -> NavMesh:
        return cls.from_triangles(_triangles(space))

    @classmethod
    def from_triangles(cls, tri_xy: np.ndarray) -> NavMesh:
        flat = tri_xy.reshape(-1, 2)
        # tiles meet along shared cut lines; round so their shared vertices get one id
        key = np.round(flat, 6)
        order = np.lexsort((key[:, 1], key[:, 0]))
        sk = key[order]
        new = np.ones(len(sk), dtype=bool)
        new[1:] = (sk[1:, 0] != sk[:-1, 0]) | (sk[1:, 1] != sk[:-1, 1])
        ids = np.empty(len(flat), dtype=np.int64)
        ids[order] = np.cumsum(new) - 1
        verts = sk[new]
        tris = ids.reshape(-1, 3)
        area2 = _signed2(verts, tris)
        scale = max(1.0, float(np.abs(verts).max(initial=1.0)))
        keep = np.abs(area2) > 1e-12 * scale  # drop degenerate slivers
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
        mid = (verts[a] + verts[b]) / 2
        q = verts[tris]
        boxes = np.column_stack([q[:, :, 0].min(1), q[:, :, 1].min(1), q[:, :, 0].max(1), q[:, :, 1].max(1)])
        ends = (verts[a, 0].tolist(), verts[a, 1].tolist(), verts[b, 0].tolist(), verts[b, 1].tolist())
        return cls(verts, tris, nb.tolist(), mid[:, 0].tolist(), mid[:, 1].tolist(), ends, boxes)

    def locate(self, point: Point) -> int:
        """The triangle containing point (or the nearest one), -1 if the mesh is empty."""
        if not len(self.tris):
            return -1
        x, y = point
        bx = self._boxes
        cand = np.flatnonzero((bx[:, 0] <= x + 1e-6) & (bx[:, 2] >= x - 1e-6) & (bx[:, 1] <= y + 1e-6) & (bx[:, 3] >= y - 1e-6))
        if len(cand):
            p = self.verts[self.tris[cand]]
            d = [(p[:, (k + 1) % 3, 0] - p[:, k, 0]) * (y - p[:, k, 1]) - (p[:, (k + 1) % 3, 1] - p[:, k, 1]) * (x - p[:, k, 0])
                 for k in range(3)]
            inside = np.flatnonzero((d[0] >= -1e-9) & (d[1] >= -1e-9) & (d[2] >= -1e-9))
            if len(inside):
                return int(cand[inside[0]])
        c = self.verts[self.tris].mean(axis=1)
        return int(np.argmin((c[:, 0] - x) ** 2 + (c[:, 1] - y) ** 2))

    def portals(self, corridor: list[int]) -> list[tuple[Point, Point]]:
        """(left, right) ends of each edge crossed, seen by someone walking along the corridor."""
        if len(corridor) < 2:
            return []
        nb = self.neighbours
        t = np.asarray(corridor[:-1])
        k = np.array([(nb[3 * a], nb[3 * a + 1], nb[3 * a + 2]).index(b) for a, b in zip(corridor, corridor[1:])])
        v = self.tris[t]
        a = self.verts[v[np.arange(len(t)), (k + 1) % 3]].tolist()
        b = self.verts[v[np.arange(len(t)), (k + 2) % 3]].tolist()
        # t runs counter-clockwise, so its inside is left of a->b: leaving it, b is on the left
        return [((bx, by), (ax, ay)) for (ax, ay), (bx, by) in zip(a, b)]

    def walk(self, start: Point, goal: Point, corridor: list[int]) -> list[Point]:
        return funnel(start, goal, self.portals(corridor))

    @property
    def graph(self):
        """The near-any-angle graph over this mesh (app.geometry.waygraph), built once."""
        if self._graph is None:
            from app.geometry.waygraph import MeshGraph

            self._graph = MeshGraph.build(self)
        return self._graph

    def route(self, start: Point, goal: Point) -> list[Point] | None:
        """The shortest walk from start to goal, or None when no corridor joins them."""
        from app.geometry.waygraph import Search

        search = Search(self.graph, [start, goal])
        _, pred = search.from_each([0])
        return search.walk(pred[0], 0, 1)


def path_length(path: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(path, path[1:]))


def funnel(start: Point, goal: Point, portals: list[tuple[Point, Point]]) -> list[Point]:
    """Simple stupid funnel algorithm: the taut string from start to goal through the portals.

    cross(o, a, b) > 0 when b lies left of the ray o -> a; written out inline for speed.
    """
    gates = [(start, start), *portals, (goal, goal)]
    path = [start]
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
                ax, ay, apex_i = rx, ry, right_i
                lx, ly = rx, ry
                left_i = right_i = apex_i
                i = apex_i + 1
                continue
        i += 1
    if path[-1] != goal:
        path.append(goal)
    return path


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
