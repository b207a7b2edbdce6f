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
    edge_keys: np.ndarray  # row << _bits(N) | column of each stored edge, ascending: found by bisection
    _lists: tuple | None = field(default=None, repr=False)

    @classmethod
    def build(cls, mesh: NavMesh, points: list[Point], k: int = STEINER, spacing: float = SPACING) -> MeshGraph:
        from scipy.sparse import csr_matrix  # local: scipy loads in ~0.1 s, only the full check needs it

        verts, tris = mesh.verts, mesh.tris
        n_v, n_t = len(verts), len(tris)
        a = tris[:, [1, 2, 0]]  # edge j of a triangle joins its corners j+1 and j+2
        b = tris[:, [2, 0, 1]]
        keys, edge, first_tri = _edges((np.minimum(a, b) * (n_v + 1) + np.maximum(a, b)).ravel(), (n_v + 1) ** 2)
        edge = edge.reshape(n_t, 3)
        inner = np.zeros(len(keys), dtype=bool)
        inner[edge[mesh.nb >= 0]] = True
        e_lo, e_hi = keys // (n_v + 1), keys % (n_v + 1)
        inner_at, walls = np.flatnonzero(inner), np.flatnonzero(~inner)
        lo, hi = e_lo[inner_at], e_hi[inner_at]
        # m Steiner points at (j+1)/(m+1) along each inner edge, from its lower corner id up
        p0 = verts[lo]
        d = verts[hi] - p0
        count = np.clip(np.ceil(np.hypot(d[:, 0], d[:, 1]) / spacing), 1, k).astype(np.int64)
        slot = np.arange(k)
        frac = (slot + 1) / (count[:, None] + 1)
        steiner_xy = (p0[:, None, :] + frac[:, :, None] * d[:, None, :]).reshape(-1, 2)
        n_fixed = n_v + len(steiner_xy)
        first = np.arange(n_v, n_fixed, k)  # each inner edge's first Steiner point
        edge_nodes = np.full((len(keys), k), -1)  # k slots an edge, -1 past its points (all on walls)
        edge_nodes[inner_at] = np.where(slot < count[:, None], first[:, None] + slot, -1)
        tri_nodes = np.concatenate([tris, edge_nodes[edge].reshape(n_t, -1)], axis=1)
        # each triangle's Steiner points listed edge by edge: each is joined to its edge's far
        # corner and to the points on the triangle's later edges, the rest of the triangle's run
        edge_count, edge_first = np.zeros(len(keys), dtype=np.int64), np.zeros(len(keys), dtype=np.int64)
        edge_count[inner_at], edge_first[inner_at] = count, first
        side_count, side_first = edge_count[edge].ravel(), edge_first[edge].ravel()
        side_end = np.cumsum(side_count)
        side = np.repeat(np.arange(3 * n_t), side_count)
        steiner = _ranges(side_first, side_count)
        tri = side // 3
        runs = side_end[2::3][tri] - side_end[side]
        # along each edge: corner, its Steiner points in order, the other corner (walls: corner to corner)
        e_at, s_at = np.nonzero(slot[:-1] < count[:, None] - 1)  # a point and the next on one edge
        between = first[e_at] + s_at
        inner_tri = first_tri[inner_at]
        u_parts = [tris.ravel()[side], np.repeat(steiner, runs), lo, first + count - 1, between, e_lo[walls]]
        v_parts = [steiner, steiner[_ranges(side_end[side], runs)], first, hi, between + 1, e_hi[walls]]
        t_parts = [tri, np.repeat(tri, runs), inner_tri, inner_tri, inner_tri[e_at], first_tri[walls]]
        # the points: joined to every node of their triangle, and to each other within one
        point_tri = mesh.locate_all(points)
        placed = np.flatnonzero(point_tri >= 0)
        around = tri_nodes[point_tri[placed]]
        q, i = np.nonzero(around >= 0)
        later, earlier = np.nonzero((point_tri[placed, None] == point_tri[placed]) & (placed[:, None] > placed))
        u_parts += [n_fixed + placed[q], n_fixed + placed[later]]
        v_parts += [around[q, i], n_fixed + placed[earlier]]
        t_parts += [point_tri[placed[q]], point_tri[placed[later]]]
        xy = np.vstack([verts, steiner_xy, np.asarray(points, dtype=float).reshape(-1, 2)])
        u, v, et = np.concatenate(u_parts), np.concatenate(v_parts), np.concatenate(t_parts)
        x, y = xy[:, 0], xy[:, 1]
        w = np.hypot(x[u] - x[v], y[u] - y[v])
        w += 1e-9  # explicit zeros would read as "no edge"
        # both directions, sorted into CSR order here: csr_matrix's conversion from COO, with each
        # edge's index carried through it as a float to find its triangle, took a fifth of build
        n = len(xy)
        shift = _bits(n)
        keys, of = _both_ways(u, v, shift)
        index = np.int32 if max(n, len(keys)) < 2 ** 31 else np.int64  # scipy's choice
        cols = np.empty(len(keys), dtype=index)
        np.bitwise_and(keys, (1 << shift) - 1, out=cols, casting="unsafe")
        indptr = np.zeros(n + 1, dtype=index)
        np.cumsum(np.bincount(u, minlength=n) + np.bincount(v, minlength=n), out=indptr[1:])
        matrix = csr_matrix((w[of], cols, indptr), shape=(n, n))
        return cls(mesh, n_fixed, n_v, xy, point_tri, matrix, et[of], tri_nodes, keys)

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
        """The triangle each step of a node path crosses (from the edges' records; every step
        an edge of the graph)."""
        path = np.asarray(nodes)
        return self.edge_tri[np.searchsorted(self.edge_keys, path[:-1] << _bits(len(self.xy)) | path[1:])]

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
        path = np.asarray(nodes)
        steps = self.step_triangles(path)
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
        corners = path[idx[apart + 1]]  # the node where the two steps meet
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
        start, fan, pos, _, gaps_before = self.mesh.fans
        pair = steps[apart + [[0], [1]]]  # (2, A): the triangles before and after each corner
        on = self.mesh.tris[pair] == corners[:, None]
        if not on.any(axis=2).all():
            return None
        p1, p2 = pos[pair, on.argmax(axis=2)]
        base = start[corners]
        n = start[corners + 1] - base
        whole = gaps_before[base + n] == gaps_before[base]  # no wall: a whole circle
        if ((gaps_before[base + p1] != gaps_before[base + p2]) & ~whole).any():
            return None  # the two steps lie in fans on either side of a wall
        forward = (p2 - p1) % n  # never 0: the steps are two triangles
        go_forward = np.where(whole, forward <= n - forward, p2 > p1)
        extra = np.where(go_forward, forward, n - forward) - 1  # triangles strictly between the two steps
        r = np.arange(1, int(extra.max()) + 1)
        inside = r <= extra[:, None]
        walk = (p1[:, None] + np.where(go_forward, 1, -1)[:, None] * r) % n[:, None] + base[:, None]
        between = fan[walk[inside]]
        sizes = np.ones(len(steps), dtype=np.int64)
        sizes[apart] += extra
        at = np.cumsum(sizes) - sizes
        out = np.empty(len(steps) + len(between), dtype=np.int64)
        out[at] = steps
        out[(at[apart, None] + r)[inside]] = between
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


def _edges(keys: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(the distinct keys (< bound) sorted, the index of each key among them, the first place
    of each divided by 3: the first triangle with that edge); np.unique without its extra passes."""
    ordered, order = _sort_carrying(keys, bound)
    new = np.ones(len(keys), dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    ids = np.empty(len(keys), dtype=np.int64)
    ids[order] = np.cumsum(new) - 1
    starts = np.flatnonzero(new)
    return ordered[starts], ids, order[starts] // 3


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """starts[i], starts[i] + 1, ... lengths[i] values each, one run after another."""
    ends = np.cumsum(lengths)
    return np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(starts - ends + lengths, lengths)


def _both_ways(u: np.ndarray, v: np.ndarray, shift: int) -> tuple[np.ndarray, np.ndarray]:
    """The edges u-v (distinct) both ways round in CSR order: row << shift | column of each,
    ascending, and the edge's place in u."""
    keys = np.empty((2, len(u)), dtype=np.int64)
    for half, row, col in ((keys[0], u, v), (keys[1], v, u)):
        np.left_shift(row, shift, out=half)
        half |= col
    return _sort_carrying(keys, 1 << 2 * shift)


def _bits(count: int) -> int:
    """The bits that hold the numbers below count."""
    return max(count - 1, 1).bit_length()


def _sort_carrying(keys: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """All keys (non-negative, below bound) sorted, each with its place along the last axis;
    equal keys by place. One sort of int64 keys carrying the place in their low bits: numpy
    sorts numbers ~2.5x faster than it argsorts them."""
    size = keys.shape[-1]
    bits = _bits(size)
    if bound << bits > 1 << 63:  # no room left in the keys (a graph of ~25,000 pieces)
        order = np.lexsort((np.broadcast_to(np.arange(size), keys.shape).ravel(), keys.ravel()))
        return keys.ravel()[order], order % size
    packed = keys << bits
    packed |= np.arange(size)
    packed = packed.ravel()
    packed.sort()
    return packed >> bits, packed & ((1 << bits) - 1)


def _without_loops(corridor: list[int]) -> list[int]:
    """The corridor with each loop cut out as walking along it closes one: from each triangle
    kept, on from just after its last visit (a dict built in C, then one Python step per
    triangle kept)."""
    last = {t: i for i, t in enumerate(corridor)}
    if len(last) == len(corridor):
        return corridor  # no triangle twice: nothing to cut
    out = []
    i = 0
    while i < len(corridor):
        t = corridor[i]
        out.append(t)
        i = last[t] + 1
    return out
