"""Which way round the furniture: a near-any-angle graph over the navigation mesh.

Nodes are the mesh's corners plus STEINER points on every edge between two triangles (and the
points we walk from and to); every two nodes on one triangle are joined by the straight walk
between them. scipy's compiled Dijkstra searches it (30-100x the Python heap loop). A graph
path is a real walk, so the funnel through the triangles it crosses, exact within them, is no
longer: the result is within the graph's stretch of the true shortest walk, measured against
an exact visibility-graph oracle in tests/geometry/test_geometry_oracle.py (Lanthier, Maheshwari
and Sack 2001 analyse such Steiner graphs; the corridor-then-funnel step is from Demyen and Buro
2006). This replaces a triangle-by-triangle search whose waypoints sometimes took the wrong side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from app.geometry.navmesh import NavMesh, funnel, path_length

Point = tuple[float, float]

#: Steiner points per edge between triangles at most (300 random routes: the graph's own stretch
#: averages 2.9 %, worst 11 %; after the funnel mean 0.07 %, worst 3.0 %, 2 routes over 2 %)
STEINER = 6
#: ...and one per this many inches of edge, up to STEINER: long thin triangles need them close
SPACING = 12.0


@dataclass
class MeshGraph:
    """The part of the graph that depends on the mesh alone: reused while the furniture stays put."""

    mesh: NavMesh
    k: int  # Steiner points per inner edge
    xy: np.ndarray  # (N, 2) corners, then Steiner points
    rows: np.ndarray  # edges, one direction each
    cols: np.ndarray
    weights: np.ndarray
    tri_nodes: np.ndarray  # (T, 3 + 3 STEINER) each triangle's nodes, -1 where an edge is a wall
    steiner_tris: list[list[int]]  # [inner edge] the two triangles either side of it
    tris: list[list[int]]  # the mesh's triangles as lists: the corridor walk is plain Python
    fan_start: list[int]  # triangles round corner v: fan_tris[fan_start[v]:fan_start[v + 1]]
    fan_tris: list[int]

    @classmethod
    def build(cls, mesh: NavMesh, k: int = STEINER, spacing: float = SPACING) -> MeshGraph:
        verts, tris = mesh.verts, mesh.tris
        n_v, n_t = len(verts), len(tris)
        a = tris[:, [1, 2, 0]]  # edge j of a triangle joins its corners j+1 and j+2
        b = tris[:, [2, 0, 1]]
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        keys, inverse = np.unique((lo * (n_v + 1) + hi).ravel(), return_inverse=True)
        edge = inverse.reshape(n_t, 3)
        inner = np.zeros(len(keys), dtype=bool)
        nb = np.asarray(mesh.neighbours).reshape(n_t, 3)
        inner[edge[nb >= 0]] = True
        inner_id = np.full(len(keys), -1)
        inner_id[inner] = np.arange(int(inner.sum()))
        e_lo, e_hi = keys // (n_v + 1), keys % (n_v + 1)
        # m Steiner points at (j+1)/(m+1) along each inner edge, from its lower corner id up, m
        # growing with the edge's length up to k: a long thin triangle needs them close together
        p0, p1 = verts[e_lo[inner]], verts[e_hi[inner]]
        count = np.clip(np.ceil(np.hypot(*(p1 - p0).T) / spacing), 1, k).astype(np.int64)
        slot = np.arange(k)
        frac = (slot[None, :] + 1) / (count[:, None] + 1)
        steiner_xy = (p0[:, None, :] + frac[:, :, None] * (p1 - p0)[:, None, :]).reshape(-1, 2)
        xy = np.vstack([verts, steiner_xy])
        used = np.zeros((len(keys), k), dtype=bool)
        used[inner] = slot[None, :] < count[:, None]
        node_of = n_v + inner_id[edge][:, :, None] * k + slot  # (T, 3, k)
        node_of[~used[edge]] = -1
        rows, cols = [], []
        for i, j in ((0, 1), (1, 2), (0, 2)):  # Steiner point to Steiner point across the triangle
            u = np.broadcast_to(node_of[:, i, :, None], (n_t, k, k)).reshape(n_t, -1)
            v = np.broadcast_to(node_of[:, j, None, :], (n_t, k, k)).reshape(n_t, -1)
            rows.append(u.ravel())
            cols.append(v.ravel())
        rows.append(np.repeat(tris[:, :, None], k, axis=2).ravel())  # a corner to the far edge's points
        cols.append(node_of.ravel())
        # along each edge: corner, its Steiner points in order, the other corner (walls: corner to corner)
        chain = np.full((len(keys), k + 2), -1)
        chain[:, 0] = e_lo
        chain[inner, 1:-1] = np.where(used[inner], n_v + inner_id[inner][:, None] * k + slot, -1)
        chain[inner, count + 1] = e_hi[inner]
        walls = ~inner
        chain[walls, 1] = e_hi[walls]
        rows += [chain[inner, :-1].ravel(), e_lo[walls]]
        cols += [chain[inner, 1:].ravel(), e_hi[walls]]
        r, c = np.concatenate(rows), np.concatenate(cols)
        ok = (r >= 0) & (c >= 0)
        r, c = r[ok], c[ok]
        w = np.hypot(*(xy[r] - xy[c]).T) + 1e-9  # explicit zeros would read as "no edge"
        tri_nodes = np.concatenate([tris, node_of.reshape(n_t, -1)], axis=1)
        two = np.full((int(inner.sum()), 2), -1)
        flat_inner = inner_id[edge].ravel()
        has = flat_inner >= 0
        ids, t_of = flat_inner[has], np.repeat(np.arange(n_t), 3)[has]
        two[ids[::-1], 0] = t_of[::-1]  # numpy keeps the last write: the first triangle with the edge
        two[ids, 1] = t_of  # and the last one
        order = np.argsort(tris.ravel(), kind="stable")
        start = np.searchsorted(tris.ravel()[order], np.arange(n_v + 1))
        return cls(mesh, k, xy, r, c, w, tri_nodes, two.tolist(), tris.tolist(), start.tolist(),
                   (order // 3).tolist())

    def triangles_of(self, node: int) -> tuple[int, ...] | None:
        """The triangles a Steiner point lies on (two), None for a corner (it has a whole fan)."""
        n_v = len(self.mesh.verts)
        if node < n_v:
            return None
        a, b = self.steiner_tris[(node - n_v) // self.k]
        return (a,) if a == b else (a, b)

    def fan(self, corner: int) -> list[int]:
        return self.fan_tris[self.fan_start[corner]:self.fan_start[corner + 1]]


class Search:
    """The graph with the points we walk between joined in, and shortest walks between them."""

    def __init__(self, graph: MeshGraph, points: list[Point]) -> None:
        from scipy.sparse import csr_matrix  # local: scipy loads in ~0.1 s, only the full check needs it

        self.graph, self.points = graph, points
        mesh = graph.mesh
        self.tri = [mesh.locate(p) for p in points]
        n_fixed = len(graph.xy)
        rows, cols = [graph.rows], [graph.cols]
        extra_r, extra_c = [], []
        by_tri: dict[int, list[int]] = {}
        for q, t in enumerate(self.tri):
            if t < 0:
                continue
            nodes = graph.tri_nodes[t]
            nodes = nodes[nodes >= 0]
            extra_r.append(np.full(len(nodes), n_fixed + q))
            extra_c.append(nodes)
            for other in by_tri.get(t, []):  # two points in one triangle: the straight walk
                extra_r.append(np.array([n_fixed + q]))
                extra_c.append(np.array([n_fixed + other]))
            by_tri.setdefault(t, []).append(q)
        xy = np.vstack([graph.xy, np.asarray(points, dtype=float).reshape(-1, 2)])
        if extra_r:
            er, ec = np.concatenate(extra_r), np.concatenate(extra_c)
            rows.append(er)
            cols.append(ec)
            w = np.concatenate([graph.weights, np.hypot(*(xy[er] - xy[ec]).T) + 1e-9])
        else:
            w = graph.weights
        r, c = np.concatenate(rows), np.concatenate(cols)
        n = len(xy)
        self.xy, self.n_fixed = xy, n_fixed
        self.matrix = csr_matrix((np.concatenate([w, w]), (np.concatenate([r, c]), np.concatenate([c, r]))), shape=(n, n))

    def from_each(self, sources: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """(distances, predecessors), one row per source point."""
        from scipy.sparse.csgraph import dijkstra

        idx = [self.n_fixed + s for s in sources]
        return dijkstra(self.matrix, directed=True, indices=idx, return_predecessors=True)

    def from_nearest(self, sources: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(distance, predecessor, which source) to every node from the nearest of sources."""
        from scipy.sparse.csgraph import dijkstra

        idx = [self.n_fixed + s for s in sources]
        dist, pred, src = dijkstra(self.matrix, directed=True, indices=idx, return_predecessors=True, min_only=True)
        return dist, pred, src - self.n_fixed

    def distance(self, dist: np.ndarray, goal: int) -> float:
        return float(dist[self.n_fixed + goal])

    def walk(self, pred: np.ndarray, start: int, goal: int) -> list[Point] | None:
        """The shortest walk from point start to point goal, given predecessors from start."""
        g = self.n_fixed + goal
        s = self.n_fixed + start
        nodes = [g]
        while nodes[-1] != s:
            p = int(pred[nodes[-1]])
            if p < 0:
                return None
            nodes.append(p)
        nodes.reverse()
        a, b = self.points[start], self.points[goal]
        along_graph = [tuple(map(float, self.xy[n])) for n in nodes]
        corridor = self._corridor(nodes)
        if corridor is None:
            return _dedupe(along_graph)
        path = funnel(a, b, self.graph.mesh.portals(corridor))
        # the funnel through the graph path's corridor is never longer than that path; if
        # round-off says otherwise, the graph path itself is a true walk
        return path if path_length(path) <= path_length(along_graph) + 1e-6 else _dedupe(along_graph)

    def _where(self, node: int) -> tuple[int, ...] | None:
        if node >= self.n_fixed:
            return (self.tri[node - self.n_fixed],)
        return self.graph.triangles_of(node)

    def _step_triangle(self, u: int, v: int) -> int:
        """A triangle holding both nodes of one graph step."""
        tris = self.graph.tris
        wu, wv = self._where(u), self._where(v)
        if wu is not None and wv is not None:
            common = [t for t in wu if t in wv]
            return common[0] if common else wu[0]
        if wu is None and wv is None:  # two corners: the step runs along a mesh edge
            fan = self.graph.fan(u)
            return next((t for t in fan if v in tris[t]), fan[0])
        corner, options = (u, wv) if wu is None else (v, wu)
        return next((t for t in options if corner in tris[t]), options[0])

    def _corridor(self, nodes: list[int]) -> list[int] | None:
        steps = [self._step_triangle(u, v) for u, v in zip(nodes, nodes[1:])]
        nb = self.graph.mesh.neighbours
        corridor = [steps[0]]
        for node, t in zip(nodes[1:], steps[1:]):
            here = corridor[-1]
            if t == here:
                continue
            if t in nb[3 * here: 3 * here + 3]:
                corridor.append(t)
                continue
            if node >= len(self.graph.mesh.verts):
                return None  # not a corner: the two steps should share an edge
            way = self._round_corner(here, t, node)
            if way is None:
                return None
            corridor += way
        return _without_loops(corridor)

    def _round_corner(self, start: int, goal: int, corner: int) -> list[int] | None:
        """Triangles crossed walking round a corner from start to goal, the shorter way round."""
        tris, nb = self.graph.tris, self.graph.mesh.neighbours
        ways = []
        for first in (0, 1):
            prev, cur, way = -1, start, []
            for _ in range(len(self.graph.fan(corner)) + 1):
                i = tris[cur].index(corner)
                edges = [(i + 1) % 3, (i + 2) % 3]  # the two edges through the corner
                options = [nb[3 * cur + e] for e in edges]
                nxt = options[first] if prev < 0 else (options[1] if options[0] == prev else options[0])
                if nxt < 0:
                    break
                way.append(nxt)
                if nxt == goal:
                    ways.append(way)
                    break
                prev, cur = cur, nxt
        return min(ways, key=len) if ways else None


def _without_loops(corridor: list[int]) -> list[int]:
    out: list[int] = []
    seen: dict[int, int] = {}
    for t in corridor:
        if t in seen:
            cut = seen[t]
            for dropped in out[cut + 1:]:
                seen.pop(dropped, None)
            del out[cut + 1:]
            continue
        seen[t] = len(out)
        out.append(t)
    return out


def _dedupe(points: list[Point]) -> list[Point]:
    out = [points[0]]
    for p in points[1:]:
        if math.dist(p, out[-1]) > 1e-9:
            out.append(p)
    if len(out) == 1:
        out.append(points[-1])
    return out
