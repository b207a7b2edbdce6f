"""Which way round the furniture: a near-any-angle graph over the navigation mesh.

Nodes are the mesh's corners, STEINER points on every edge between two triangles, and the
points we walk from and to; every two nodes on one triangle are joined by the straight walk
between them, and every graph edge remembers the triangle it crosses, so a node path gives its
triangle corridor without a search (app.geometry.kernels: Dijkstra, corridor). The funnel through the corridor is exact within it (Demyen and Buro 2006); which
corridor to take is settled in app.geometry.routes (Lanthier, Maheshwari and Sack 2001 analyse
such Steiner graphs).
"""

from __future__ import annotations

from dataclasses import dataclass

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

    def where(self, node: int) -> int:
        if node >= self.n_fixed:
            return int(self.point_tri[node - self.n_fixed])
        rows = np.flatnonzero((self.tri_nodes == node).any(axis=1))
        return int(rows[0]) if len(rows) else -1
