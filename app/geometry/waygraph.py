"""Which way round the furniture: a near-any-angle graph over the navigation mesh.

Nodes are the mesh's corners, STEINER points on every edge between two triangles, and the
points we walk from and to; every two nodes on one triangle are joined by the straight walk
between them, and every graph edge remembers the triangle it crosses, so a node path gives its
triangle corridor without a search. scipy's compiled Dijkstra searches it (30-100x a Python
heap loop). The funnel through the corridor is exact within it (Demyen and Buro 2006); which
corridor to take is settled in app.geometry.routes (Lanthier, Maheshwari and Sack 2001 analyse
such Steiner graphs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

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
    matrix: object  # scipy csr_matrix, symmetric, weights = lengths
    edge_tri: np.ndarray  # the triangle crossed by each stored edge, aligned with matrix.indices
    tri_nodes: np.ndarray  # (T, 3 + 3 k) each triangle's nodes, -1 where an edge is a wall
    _lists: tuple | None = field(default=None, repr=False)

    @classmethod
    def build(cls, mesh: NavMesh, points: list[Point], k: int = STEINER, spacing: float = SPACING) -> MeshGraph:
        from scipy.sparse import csr_matrix  # local: scipy loads in ~0.1 s, only the full check needs it

        verts, tris = mesh.verts, mesh.tris
        n_v, n_t = len(verts), len(tris)
        a = tris[:, [1, 2, 0]]  # edge j of a triangle joins its corners j+1 and j+2
        b = tris[:, [2, 0, 1]]
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        keys, inverse = np.unique((lo * (n_v + 1) + hi).ravel(), return_inverse=True)
        edge = inverse.reshape(n_t, 3)
        inner = np.zeros(len(keys), dtype=bool)
        inner[edge[mesh.nb >= 0]] = True
        inner_id = np.full(len(keys), -1)
        inner_id[inner] = np.arange(int(inner.sum()))
        e_lo, e_hi = keys // (n_v + 1), keys % (n_v + 1)
        # m Steiner points at (j+1)/(m+1) along each inner edge, from its lower corner id up
        p0, p1 = verts[e_lo[inner]], verts[e_hi[inner]]
        count = np.clip(np.ceil(np.hypot(*(p1 - p0).T) / spacing), 1, k).astype(np.int64)
        slot = np.arange(k)
        frac = (slot[None, :] + 1) / (count[:, None] + 1)
        steiner_xy = (p0[:, None, :] + frac[:, :, None] * (p1 - p0)[:, None, :]).reshape(-1, 2)
        n_fixed = n_v + len(steiner_xy)
        used = np.zeros((len(keys), k), dtype=bool)
        used[inner] = slot[None, :] < count[:, None]
        node_of = n_v + inner_id[edge][:, :, None] * k + slot  # (T, 3, k)
        node_of[~used[edge]] = -1
        t_ids = np.arange(n_t)
        rows, cols, tri_of = [], [], []
        for i, j in ((0, 1), (1, 2), (0, 2)):  # Steiner point to Steiner point across the triangle
            u = np.broadcast_to(node_of[:, i, :, None], (n_t, k, k)).reshape(n_t, -1)
            v = np.broadcast_to(node_of[:, j, None, :], (n_t, k, k)).reshape(n_t, -1)
            rows.append(u.ravel())
            cols.append(v.ravel())
            tri_of.append(np.repeat(t_ids, k * k))
        rows.append(np.repeat(tris[:, :, None], k, axis=2).ravel())  # a corner to the far edge's points
        cols.append(node_of.ravel())
        tri_of.append(np.repeat(t_ids, 3 * k))
        # along each edge: corner, its Steiner points in order, the other corner (walls: corner to corner)
        first_tri = np.empty(len(keys), dtype=np.int64)
        first_tri[edge.ravel()[::-1]] = np.repeat(t_ids, 3)[::-1]  # numpy keeps the last write
        chain = np.full((len(keys), k + 2), -1)
        chain[:, 0] = e_lo
        chain[inner, 1:-1] = np.where(used[inner], n_v + inner_id[inner][:, None] * k + slot, -1)
        chain[inner, count + 1] = e_hi[inner]
        walls = ~inner
        chain[walls, 1] = e_hi[walls]
        rows += [chain[inner, :-1].ravel(), e_lo[walls]]
        cols += [chain[inner, 1:].ravel(), e_hi[walls]]
        tri_of += [np.repeat(first_tri[inner], k + 1), first_tri[walls]]
        # the points: joined to every node of their triangle, and to each other within one
        point_tri = mesh.locate_all(points)
        tri_nodes = np.concatenate([tris, node_of.reshape(n_t, -1)], axis=1)
        by_tri: dict[int, list[int]] = {}
        for q, t in enumerate(point_tri.tolist()):
            if t < 0:
                continue
            nodes = tri_nodes[t]
            nodes = nodes[nodes >= 0]
            rows.append(np.full(len(nodes), n_fixed + q))
            cols.append(nodes)
            tri_of.append(np.full(len(nodes), t))
            others = by_tri.setdefault(t, [])
            rows.append(np.full(len(others), n_fixed + q))
            cols.append(np.asarray(others, dtype=np.int64) + n_fixed)
            tri_of.append(np.full(len(others), t))
            others.append(q)
        xy = np.vstack([verts, steiner_xy, np.asarray(points, dtype=float).reshape(-1, 2)])
        r, c, et = np.concatenate(rows), np.concatenate(cols), np.concatenate(tri_of)
        ok = (r >= 0) & (c >= 0)
        r, c, et = r[ok], c[ok], et[ok]
        w = np.hypot(*(xy[r] - xy[c]).T) + 1e-9  # explicit zeros would read as "no edge"
        n = len(xy)
        # both directions; carry each edge's index through the CSR conversion to keep its triangle
        m = len(r)
        order = csr_matrix((np.arange(1, 2 * m + 1, dtype=np.float64), (np.concatenate([r, c]), np.concatenate([c, r]))),
                           shape=(n, n))
        pick = order.data.astype(np.int64) - 1
        order.data = np.concatenate([w, w])[pick]
        return cls(mesh, n_fixed, n_v, xy, point_tri, order, np.concatenate([et, et])[pick], tri_nodes)

    def distances(self, sources: list[int], min_only: bool = False) -> tuple[np.ndarray, ...]:
        """Dijkstra from nodes: (dist, pred) per source, or (dist, pred, source) from the nearest."""
        from scipy.sparse.csgraph import dijkstra

        return dijkstra(self.matrix, directed=True, indices=sources, return_predecessors=True, min_only=min_only)

    def chase(self, pred: np.ndarray, node: int) -> list[int]:
        """The node path from pred's source to a node it reached (pred from a Dijkstra)."""
        nodes = [node]
        p = int(pred[node])
        while p >= 0:
            nodes.append(p)
            p = int(pred[p])
        nodes.reverse()
        return nodes

    def step_triangles(self, nodes: list[int]) -> np.ndarray:
        """The triangle each step of a node path crosses (from the edges' records)."""
        u = np.asarray(nodes[:-1])
        v = np.asarray(nodes[1:])
        indptr, indices = self.matrix.indptr, self.matrix.indices
        start, stop = indptr[u], indptr[u + 1]
        span = stop - start
        pos = np.repeat(start - np.cumsum(span) + span, span) + np.arange(int(span.sum()))
        hit = indices[pos] == np.repeat(v, span)
        return self.edge_tri[pos[hit]]

    @property
    def lists(self) -> tuple[list[list[int]], list[list[int]]]:
        """(triangles, neighbours) as Python lists, for the few walks round a corner."""
        if self._lists is None:
            self._lists = (self.mesh.tris.tolist(), self.mesh.nb.tolist())
        return self._lists

    def corridor(self, nodes: list[int]) -> list[int] | None:
        """The triangles a node path crosses, in order, without back-and-forth."""
        if len(nodes) < 2:
            t = self.where(nodes[0])
            return [t] if t >= 0 else None
        steps = self.step_triangles(nodes)
        keep = np.ones(len(steps), dtype=bool)
        keep[1:] = steps[1:] != steps[:-1]
        idx = np.flatnonzero(keep)
        steps = steps[idx]
        if len(steps) == 1:
            return steps.tolist()
        nb = self.mesh.nb
        apart = np.flatnonzero(~(nb[steps[:-1]] == steps[1:, None]).any(axis=1))
        if not len(apart):
            return _without_loops(steps.tolist())
        corners = np.asarray(nodes)[idx[apart + 1]]  # the node where the two steps meet
        if (corners >= self.n_corners).any():
            return None  # not a corner: the two steps should share an edge
        way = self._round_corners(steps, apart, corners)
        if way is None:
            return None
        return _without_loops(way.tolist())

    def _round_corners(self, steps: np.ndarray, apart: np.ndarray, corners: np.ndarray) -> np.ndarray | None:
        """steps with, after each steps[j] (j in apart), the triangles crossed walking round
        corners[j] to steps[j + 1]: the only way round a wall corner, the shorter round a corner
        where tiles meet."""
        start, fan, pos, gap, gaps_before = self.mesh.fans
        tris = self.mesh.tris
        t1, t2 = steps[apart], steps[apart + 1]
        on1, on2 = tris[t1] == corners[:, None], tris[t2] == corners[:, None]
        if not (on1.any(axis=1) & on2.any(axis=1)).all():
            return None
        p1, p2 = pos[t1, on1.argmax(axis=1)], pos[t2, on2.argmax(axis=1)]
        base = start[corners]
        n = start[corners + 1] - base
        whole = gaps_before[base + n] == gaps_before[base]  # no wall: a whole circle
        forward = (p2 - p1) % n
        go_forward = np.where(whole, forward <= n - forward, p2 > p1)
        count = np.where(go_forward, forward, (p1 - p2) % n)
        lo, hi = np.minimum(p1, p2), np.maximum(p1, p2)
        if (~whole & (gaps_before[base + hi] != gaps_before[base + lo])).any():
            return None  # the two steps lie in fans on either side of a wall
        step = np.where(go_forward, 1, -1)
        extra = count - 1  # triangles strictly between the two steps
        sizes = np.ones(len(steps), dtype=np.int64)
        sizes[apart] += extra
        offset = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        out = np.empty(int(sizes.sum()), dtype=np.int64)
        out[offset] = steps
        if extra.sum():
            j = np.repeat(np.arange(len(apart)), extra)
            r = np.arange(int(extra.sum())) - np.repeat(np.cumsum(extra) - extra, extra) + 1
            out[offset[apart][j] + r] = fan[base[j] + (p1[j] + step[j] * r) % n[j]]
        return out

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
        return _without_loops(corridor[:i + 1] + others[0] + corridor[j + 1:])

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


def _without_loops(corridor: list[int]) -> list[int]:
    if len(set(corridor)) == len(corridor):
        return corridor  # most corridors: no triangle twice (one set in C, not a loop in Python)
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
