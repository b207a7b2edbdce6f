"""The shortest walk between two points: which way round the furniture, then the taut string.

The Steiner graph (app.geometry.waygraph) finds a walk; its corridor of triangles, funnelled,
gives the shortest walk going round every obstacle on the same side (exact within the
corridor). The graph's own walk may take the wrong side of an obstacle where its stretch (up to
~17 % in long thin triangles) hides a shorter way. So for every obstacle the funnelled walk
bends round, the graph walk through that obstacle's far corner (a -> corner -> b, read from
the two Dijkstra trees) is funnelled as well, when the graph says it is within STRETCH of the
best; the shortest is kept, and the search repeats from it while it improves. Against the
exact visibility-graph oracle (tests/geometry/test_geometry_oracle.py), on 900 random routes:
the graph walk alone 37 over 2 % (worst 10.7 %); with the far sides, worst 0.1 %, and exact
(to 1e-9) in all but one; 600 more: worst 0.28 %.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.geometry import kernels
from app.geometry.navmesh import NavMesh
from app.geometry.waygraph import MeshGraph

Point = tuple[float, float]

#: how much longer than the best a graph walk may be and still hide the shortest way round:
#: above the graph's worst stretch measured on 900 random routes (17.1 %)
STRETCH = 0.2
#: corners of one obstacle looked at for its far side (round tables have 32 each)
FAR_SAMPLES = 48
#: rounds of "the other side of each obstacle the walk bends round"
ROUNDS = 3


_NONE = np.empty(0, dtype=np.int64)


@dataclass
class Tree:
    """Distances and predecessors of one Dijkstra (from one point, or from the nearest of several)."""

    dist: np.ndarray
    pred: np.ndarray


class Router:
    """Shortest walks between the given points over one mesh."""

    def __init__(self, mesh: NavMesh, points: list[Point]) -> None:
        self.mesh, self.points = mesh, points
        self.graph = MeshGraph.build(mesh, points)
        self._csr = (self.graph.indptr, self.graph.indices, self.graph.weights)
        self._xy = np.asarray(points, dtype=float).reshape(-1, 2)

    def node(self, point: int) -> int:
        return self.graph.n_fixed + point

    def tree(self, sources: list[int], targets: list[int], floor: float = 0.0) -> Tree:
        """Distances from the nearest of the points sources, as far as the walks to the points
        targets (and one of length floor) need: within 1 + STRETCH of the longest."""
        nodes = np.array([self.node(p) for p in sources], dtype=np.int64)
        dist, pred = kernels.dijkstra(*self._csr, nodes, np.array([self.node(p) for p in targets], dtype=np.int64),
                                      floor, 1 + STRETCH)
        return Tree(dist, pred)

    def walk(self, a: int, b: int) -> list[Point] | None:
        return self.best(self.tree([a], [b]), self.tree([b], [a]), b)

    def best(self, from_a: Tree, from_b: Tree, b: int) -> list[Point] | None:
        """The shortest walk from from_a's source(s) to point b (from_b is the tree from b)."""
        g = self.graph
        goal = self.node(b)
        if not np.isfinite(from_a.dist[goal]):
            return None
        first = kernels.chase(from_a.pred, goal)
        best_path, corridor, bends = self._funnelled(first)
        best_len = kernels.length(best_path)
        if corridor is None or len(corridor) < 3:
            return _points(best_path)
        f = from_a.dist[:g.n_fixed] + from_b.dist[:g.n_fixed]
        tried: set[int] = set()
        for _ in range(ROUNDS):  # a better walk bends round other obstacles: look again from it
            vias = [v for v in self._far_sides(best_path, bends, f, best_len).tolist() if v not in tried]
            improved = False
            for v in sorted(vias, key=lambda v: f[v]):
                tried.add(v)
                nodes = np.concatenate([kernels.chase(from_a.pred, v)[:-1], kernels.chase(from_b.pred, v)[::-1]])
                path, way, way_bends = self._funnelled(nodes)
                length = kernels.length(path)
                if length < best_len - 1e-9 and way is not None:
                    best_path, best_len, corridor, bends, improved = path, length, way, way_bends, True
            if not improved:
                break
        return _points(best_path)

    def _funnelled(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
        """(walk (K, 2), its corridor, the vertex at each bend) for a node path."""
        g, mesh = self.graph, self.mesh
        a, b = self._xy[nodes[0] - g.n_fixed], self._xy[nodes[-1] - g.n_fixed]
        corridor = self._corridor(nodes)
        if corridor is None:
            return self._along_graph(nodes), None, _NONE
        path, bends = kernels.taut(a, b, corridor, mesh.verts, mesh.tris, mesh.nb)
        path, corridor, bends = self._untwisted(a, b, path, corridor, bends)
        # the funnel through the graph walk's corridor is never longer than that walk; if
        # round-off says otherwise, the graph walk itself is a true walk
        if kernels.length(path) <= kernels.length(g.xy[nodes]) + 1e-6:
            return path, corridor, bends
        return self._along_graph(nodes), corridor, _NONE

    def _corridor(self, nodes: np.ndarray) -> np.ndarray | None:
        g = self.graph
        if len(nodes) < 2:
            t = g.where(int(nodes[0]))
            return np.array([t]) if t >= 0 else None
        way = kernels.corridor(nodes, *self._csr[:2], g.edge_tri, self.mesh.tris, self.mesh.nb, g.n_corners)
        return way if len(way) else None

    def _along_graph(self, nodes: np.ndarray) -> np.ndarray:
        xy = self.graph.xy[nodes]
        keep = np.ones(len(xy), dtype=bool)
        keep[1:] = np.hypot(*np.diff(xy, axis=0).T) > 1e-9
        out = xy[keep]
        return out if len(out) > 1 else xy[[0, -1]]

    def _untwisted(self, a: np.ndarray, b: np.ndarray, path: np.ndarray, corridor: np.ndarray,
                   bends: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A taut walk bends only at walls; where it bends at a corner inside the free space
        (where four tiles meet) the corridor went round that corner the long way: turn it."""
        loose = self.mesh.loose
        mesh = self.mesh
        for _ in range(8):
            inside = bends[loose[bends]]
            if not len(inside):
                break
            turned = kernels.turned(corridor, int(inside[0]), mesh.tris, mesh.nb)
            if not len(turned):
                break
            again, again_bends = kernels.taut(a, b, turned, mesh.verts, mesh.tris, mesh.nb)
            if kernels.length(again) >= kernels.length(path) - 1e-9:
                break
            path, corridor, bends = again, turned, again_bends
        return path, corridor, bends

    def _far_sides(self, path: np.ndarray, bends: np.ndarray, f: np.ndarray, best_len: float) -> np.ndarray:
        """For each obstacle the walk bends round, its corner farthest from the walk: the way
        round its other side goes through there."""
        if len(path) < 3:
            return _NONE
        ring, ring_start, ring_verts, obstacle = self.mesh.rings
        return kernels.far_sides(path, bends, ring, ring_start, ring_verts, obstacle, self.mesh.verts, f,
                                 (1 + STRETCH) * best_len, FAR_SAMPLES)


def _points(path: np.ndarray) -> list[Point]:
    return [(float(x), float(y)) for x, y in path.tolist()]
