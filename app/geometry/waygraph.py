"""Which way round the furniture: a near-any-angle graph over the navigation mesh.

Nodes are the mesh's corners, STEINER points on every edge between two triangles, and the
points we walk from and to; every two nodes on one triangle are joined by the straight walk
between them, and every graph edge remembers the triangle it crosses, so a node path gives its
triangle corridor without a search (app.geometry.kernels: Dijkstra, corridor). The funnel through the corridor is exact within it (Demyen and Buro 2006); which
corridor to take is settled in app.geometry.routes (Lanthier, Maheshwari and Sack 2001 analyse
such Steiner graphs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.geometry import kernels
from app.geometry.navmesh import NavMesh

Point = tuple[float, float]

#: Steiner points per edge between triangles at most, and one per SPACING inches of edge: long
#: thin triangles need them closer. 3 / 24 in: graph stretch mean 4.8 %, worst 17 % on 900
#: random routes (6 / 12 in: 2.9 %, 11 %, at twice the nodes and Dijkstra time; 2 / 36 in:
#: worst 22 %, and one route 3.8 % long in the end); the way round the stretch hides is found in
#: app.geometry.routes, so the coarser graph is enough
STEINER = 3
SPACING = 24.0


@dataclass
class MeshGraph:
    """The graph over one mesh with the walk's end points joined in."""

    mesh: NavMesh
    n_fixed: int  # corners and Steiner points; the points follow
    n_corners: int
    xy: np.ndarray  # (N, 2)
    point_tri: np.ndarray  # (P,) the triangle under each point, -1 if none
    indptr: np.ndarray  # CSR of the symmetric graph: each node's edges
    indices: np.ndarray
    weights: np.ndarray  # lengths
    edge_tri: np.ndarray  # the triangle crossed by each stored edge, aligned with indices
    tri_nodes: np.ndarray  # (T, 3 + 3 k) each triangle's nodes, -1 where an edge is a wall
    _lists: tuple | None = field(default=None, repr=False)

    @classmethod
    def build(cls, mesh: NavMesh, points: list[Point], k: int = STEINER, spacing: float = SPACING) -> MeshGraph:
        """The nodes and edges are listed in kernels.route_graph (compiled: a tenth of the numpy
        passes it replaced at 100 pieces)."""
        verts, tris, nb = (np.ascontiguousarray(a) for a in (mesh.verts, mesh.tris, mesh.nb))
        xy_points = np.asarray(points, dtype=float).reshape(-1, 2)
        point_tri = kernels.locate(verts, tris, xy_points)
        xy, n_fixed, indptr, indices, data, edge_tri, tri_nodes = kernels.route_graph(
            verts, tris, nb, xy_points, point_tri, k, spacing)
        return cls(mesh, int(n_fixed), len(verts), xy, point_tri, indptr, indices, data, edge_tri, tri_nodes)

    @property
    def matrix(self):
        """The graph as a scipy csr_matrix (for tests and tools: the search reads the arrays)."""
        from scipy.sparse import csr_matrix

        return csr_matrix((self.weights, self.indices, self.indptr), shape=(len(self.xy), len(self.xy)))

    @property
    def lists(self) -> tuple[list[list[int]], list[list[int]]]:
        """(triangles, neighbours) as Python lists, for the few walks round a corner."""
        if self._lists is None:
            self._lists = (self.mesh.tris.tolist(), self.mesh.nb.tolist())
        return self._lists

    def where(self, node: int) -> int:
        if node >= self.n_fixed:
            return int(self.point_tri[node - self.n_fixed])
        rows = np.flatnonzero((self.tri_nodes == node).any(axis=1))
        return int(rows[0]) if len(rows) else -1

    def other_way_round(self, corridor: list[int], corner: int) -> list[int] | None:
        """The corridor going round a corner inside the free space the other way."""
        tris, _ = self.lists
        on = [corner in tris[t] for t in corridor]
        if True not in on:
            return None
        i = on.index(True)
        j = i
        while j + 1 < len(corridor) and on[j + 1]:
            j += 1
        start, goal = corridor[i], corridor[j]
        ways = self._ways_round(start, goal, corner)
        now = corridor[i + 1:j + 1]
        others = [w for w in ways if w != now]
        if start == goal or not others:
            return None
        way = np.asarray(corridor[:i + 1] + others[0] + corridor[j + 1:], dtype=np.int64)
        return kernels.without_loops(way, len(tris)).tolist()

    def _ways_round(self, start: int, goal: int, corner: int) -> list[list[int]]:
        """The triangles after start up to goal, walking round corner each way it can."""
        tris, nb = self.lists
        ways = []
        for first in (0, 1):
            prev, cur, way = -1, start, []
            for _ in range(64):
                i = tris[cur].index(corner)
                options = [nb[cur][(i + 1) % 3], nb[cur][(i + 2) % 3]]  # across the two edges through it
                nxt = options[first] if prev < 0 else (options[1] if options[0] == prev else options[0])
                if nxt < 0:
                    break
                way.append(nxt)
                if nxt == goal:
                    ways.append(way)
                    break
                prev, cur = cur, nxt
        return ways


