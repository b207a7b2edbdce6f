"""The route graph (app.geometry.waygraph) as CSR arrays, the triangle under each point, and
Dijkstra over it (a 4-ary heap, stopping once the walks' ellipses are covered)."""

from __future__ import annotations

import numpy as np
from numba import njit

from app.geometry.kernels.options import JIT

@njit(**JIT)
def locate(verts: np.ndarray, tris: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The first triangle holding each point (to 1e-9), else the one whose centre is nearest;
    -1 for all when there are no triangles."""
    out = np.full(len(points), -1, dtype=np.int64)
    if not len(tris):
        return out
    for q in range(len(points)):
        x, y = points[q, 0], points[q, 1]
        for t in range(len(tris)):
            inside = True
            for k in range(3):
                x0, y0 = verts[tris[t, k], 0], verts[tris[t, k], 1]
                x1, y1 = verts[tris[t, (k + 1) % 3], 0], verts[tris[t, (k + 1) % 3], 1]
                if (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) < -1e-9:
                    inside = False
                    break
            if inside:
                out[q] = t
                break
        if out[q] < 0:
            best = np.inf
            for t in range(len(tris)):
                cx = (verts[tris[t, 0], 0] + verts[tris[t, 1], 0] + verts[tris[t, 2], 0]) / 3
                cy = (verts[tris[t, 0], 1] + verts[tris[t, 1], 1] + verts[tris[t, 2], 1]) / 3
                d = (cx - x) ** 2 + (cy - y) ** 2
                if d < best:
                    best, out[q] = d, t
    return out


@njit(**JIT)
def _sorted_sides(keys: np.ndarray, base: int) -> np.ndarray:
    """The places of keys (lower corner * base + upper corner) in ascending order, equal keys
    by place: counted out by lower corner, then each corner's few sorted by insertion (a
    general sort of a few thousand keys costs ~10x this)."""
    count = np.zeros(base + 1, dtype=np.int64)
    for key in keys:
        count[key // base + 1] += 1
    start = np.cumsum(count)
    fill = start[:-1].copy()
    order = np.empty(len(keys), dtype=np.int64)
    for i in range(len(keys)):
        lo = keys[i] // base
        at = fill[lo]
        while at > start[lo] and keys[order[at - 1]] > keys[i]:
            order[at] = order[at - 1]
            at -= 1
        order[at] = i
        fill[lo] += 1
    return order


@njit(**JIT)
def route_graph(verts: np.ndarray, tris: np.ndarray, nb: np.ndarray, points: np.ndarray, point_tri: np.ndarray,
                k: int, spacing: float):
    """The route graph of app.geometry.waygraph as CSR arrays: (node xy, corners and Steiner
    points counted (n_fixed), indptr, indices, weights, the triangle each stored edge crosses,
    each triangle's nodes). Nodes: the corners; k slots per edge between two triangles, one
    Steiner point per spacing of its length used (at least one), in the order of the edges'
    (lower corner, upper corner); then the points. Edges: each Steiner point to its side's far
    corner, to the points on the triangle's later sides; along each edge between triangles,
    corner - points - corner; each wall edge; each point to its triangle's nodes and to the
    points before it in that triangle. Each is stored in both its nodes' rows, in that order."""
    n_v, n_t = len(verts), len(tris)
    m = 3 * n_t
    keys = np.empty(m, dtype=np.int64)
    for t in range(n_t):
        for j in range(3):
            a, b = tris[t, (j + 1) % 3], tris[t, (j + 2) % 3]
            keys[3 * t + j] = min(a, b) * (n_v + 1) + max(a, b)
    order = _sorted_sides(keys, n_v + 1)
    edge = np.empty(m, dtype=np.int64)
    n_e = 0
    for r in range(m):
        if r == 0 or keys[order[r]] != keys[order[r - 1]]:
            n_e += 1
        edge[order[r]] = n_e - 1
    e_lo = np.empty(n_e, dtype=np.int64)
    e_hi = np.empty(n_e, dtype=np.int64)
    first_tri = np.full(n_e, -1, dtype=np.int64)
    inner = np.zeros(n_e, dtype=np.bool_)
    for r in range(m):
        side = order[r]
        e = edge[side]
        if first_tri[e] < 0:
            first_tri[e] = side // 3
            e_lo[e] = keys[side] // (n_v + 1)
            e_hi[e] = keys[side] % (n_v + 1)
        if nb[side // 3, side % 3] >= 0:
            inner[e] = True
    count = np.zeros(n_e, dtype=np.int64)
    first = np.zeros(n_e, dtype=np.int64)
    n_inner = 0
    for e in range(n_e):
        if inner[e]:
            first[e] = n_v + n_inner * k
            length = np.hypot(verts[e_hi[e], 0] - verts[e_lo[e], 0], verts[e_hi[e], 1] - verts[e_lo[e], 1])
            count[e] = min(max(np.ceil(length / spacing), 1.0), k)
            n_inner += 1
    n_fixed = n_v + n_inner * k
    n = n_fixed + len(points)
    xy = np.empty((n, 2))
    xy[:n_v] = verts
    for e in range(n_e):
        if inner[e]:
            for s in range(k):
                f = (s + 1) / (count[e] + 1)
                for c in range(2):
                    xy[first[e] + s, c] = verts[e_lo[e], c] + f * (verts[e_hi[e], c] - verts[e_lo[e], c])
    xy[n_fixed:] = points
    tri_nodes = np.full((n_t, 3 + 3 * k), -1, dtype=np.int64)
    for t in range(n_t):
        for j in range(3):
            tri_nodes[t, j] = tris[t, j]
            e = edge[3 * t + j]
            for s in range(count[e]):
                tri_nodes[t, 3 + j * k + s] = first[e] + s
    # the edges, u -> v crossing triangle et, in the order above
    cap = n_t * (3 * k + 3 * k * k) + n_e * (k + 2) + len(points) * (3 + 4 * k + len(points))
    u = np.empty(cap, dtype=np.int64)
    v = np.empty(cap, dtype=np.int64)
    et = np.empty(cap, dtype=np.int64)
    w = 0
    for t in range(n_t):
        for j in range(3):
            e = edge[3 * t + j]
            for s in range(count[e]):
                u[w], v[w], et[w] = tris[t, j], first[e] + s, t
                w += 1
    for t in range(n_t):
        for j in range(3):
            e = edge[3 * t + j]
            for s in range(count[e]):
                for j2 in range(j + 1, 3):
                    e2 = edge[3 * t + j2]
                    for s2 in range(count[e2]):
                        u[w], v[w], et[w] = first[e] + s, first[e2] + s2, t
                        w += 1
    for e in range(n_e):
        if inner[e]:
            u[w], v[w], et[w] = e_lo[e], first[e], first_tri[e]
            w += 1
    for e in range(n_e):
        if inner[e]:
            u[w], v[w], et[w] = first[e] + count[e] - 1, e_hi[e], first_tri[e]
            w += 1
    for e in range(n_e):
        if inner[e]:
            for s in range(count[e] - 1):
                u[w], v[w], et[w] = first[e] + s, first[e] + s + 1, first_tri[e]
                w += 1
    for e in range(n_e):
        if not inner[e]:
            u[w], v[w], et[w] = e_lo[e], e_hi[e], first_tri[e]
            w += 1
    for q in range(len(points)):
        t = point_tri[q]
        if t >= 0:
            for i in range(3 + 3 * k):
                if tri_nodes[t, i] >= 0:
                    u[w], v[w], et[w] = n_fixed + q, tri_nodes[t, i], t
                    w += 1
    for q in range(len(points)):
        t = point_tri[q]
        if t >= 0:
            for q2 in range(q):
                if point_tri[q2] == t:
                    u[w], v[w], et[w] = n_fixed + q, n_fixed + q2, t
                    w += 1
    # both ways round, row by row: each edge written into its two rows' places in turn (rows
    # in the order their edges were listed; nothing needs them sorted)
    indptr = np.zeros(n + 1, dtype=np.int32)
    for e in range(w):
        indptr[u[e] + 1] += 1
        indptr[v[e] + 1] += 1
    indptr = np.cumsum(indptr).astype(np.int32)
    fill = indptr[:-1].astype(np.int64)
    indices = np.empty(2 * w, dtype=np.int32)
    data = np.empty(2 * w)
    edge_tri = np.empty(2 * w, dtype=np.int64)
    for e in range(w):
        a, b = u[e], v[e]
        weight = np.hypot(xy[a, 0] - xy[b, 0], xy[a, 1] - xy[b, 1]) + 1e-9  # 0 would read as no edge
        at = fill[a]
        indices[at], data[at], edge_tri[at] = b, weight, et[e]
        fill[a] = at + 1
        at = fill[b]
        indices[at], data[at], edge_tri[at] = a, weight, et[e]
        fill[b] = at + 1
    return xy, n_fixed, indptr, indices, data, edge_tri, tri_nodes


@njit(**JIT)
def dijkstra(indptr: np.ndarray, indices: np.ndarray, weights: np.ndarray, sources: np.ndarray, targets: np.ndarray,
             floor: float, factor: float):
    """Shortest graph distances from the nearest of sources: (dist, pred), pred -9999 where
    none, as scipy.sparse.csgraph.dijkstra gives them. A 4-ary heap holding each node at most
    once (its key lowered in place): ~20 % under a binary heap of stale entries here.

    With factor > 0 it stops once every target is settled and the next node is farther than
    factor times the largest of floor and the targets' distances: every node within that is
    exact, every other holds at least its true distance (its tentative one, or inf). A walk's
    far sides only look at nodes within 1 + STRETCH of it, so its trees need go no farther.
    (Taking nodes in order of distance plus the straight line to the targets, A*, settled 10 %
    fewer nodes at 100 pieces and cost 60 % more.)"""
    n = len(indptr) - 1
    dist = np.full(n, np.inf)
    pred = np.full(n, -9999, dtype=np.int32)
    heap = np.empty(n, dtype=np.int64)
    key = np.empty(n)
    at = np.full(n, -1, dtype=np.int64)  # place in the heap; -1 never in it, -2 settled
    size = 0
    for s in sources:
        if dist[s] > 0.0:
            dist[s] = 0.0
            size = _lower(heap, key, at, size, s, 0.0)
    waiting = np.zeros(n, dtype=np.bool_)
    left = 0
    for t in targets:
        if not waiting[t]:
            waiting[t] = True
            left += 1
    stop = factor * floor if factor > 0 and left == 0 else np.inf
    farthest = floor
    while size:
        u, du = heap[0], key[0]
        if du > stop:
            break
        at[u] = -2
        size -= 1
        if size:
            _sift_down(heap, key, at, size, heap[size], key[size])
        if waiting[u]:
            left -= 1
            farthest = max(farthest, du)
            if factor > 0 and left == 0:
                stop = factor * farthest
        for q in range(indptr[u], indptr[u + 1]):
            v = indices[q]
            if at[v] == -2:
                continue
            alt = du + weights[q]
            if alt < dist[v]:
                dist[v] = alt
                pred[v] = u
                size = _lower(heap, key, at, size, v, alt)
    return dist, pred


@njit(**JIT)
def _lower(heap: np.ndarray, key: np.ndarray, at: np.ndarray, size: int, v: int, d: float) -> int:
    """Put v in the heap with key d, or lower its key to d: the heap's size after."""
    i = at[v]
    if i < 0:
        i = size
        size += 1
    while i > 0:
        parent = (i - 1) >> 2
        if key[parent] <= d:
            break
        heap[i], key[i] = heap[parent], key[parent]
        at[heap[i]] = i
        i = parent
    heap[i], key[i] = v, d
    at[v] = i
    return size


@njit(**JIT)
def _sift_down(heap: np.ndarray, key: np.ndarray, at: np.ndarray, size: int, v: int, d: float) -> None:
    """Put v (key d) at the root and let it sink to its place."""
    i = 0
    while True:
        c = 4 * i + 1
        if c >= size:
            break
        best, best_key = c, key[c]
        for other in range(c + 1, min(c + 4, size)):
            if key[other] < best_key:
                best, best_key = other, key[other]
        if best_key >= d:
            break
        heap[i], key[i] = heap[best], best_key
        at[heap[i]] = i
        i = best
    heap[i], key[i] = v, d
    at[v] = i
