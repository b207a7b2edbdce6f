"""Which triangles a walk crosses: a route-graph node path read as a corridor (round corners,
without loops), the same corridor turned round a corner the other way, and the far sides of
the obstacles a walk bends round (where a shorter way round may hide)."""

from __future__ import annotations

import numpy as np
from numba import njit

from app.geometry.kernels.options import JIT

@njit(**JIT)
def _round(tris: np.ndarray, nb: np.ndarray, t1: int, t2: int, corner: int, step: int, out: np.ndarray) -> int:
    """Walk round corner from t1 towards t2, counter-clockwise (step 1: across the edge from the
    corner to the triangle's next-but-one corner) or clockwise, writing the triangles strictly
    between into out; the count of them, or -1 where a wall comes first."""
    cur = t1
    count = 0
    for _ in range(len(out) + 1):
        i = 0
        while i < 2 and tris[cur, i] != corner:
            i += 1
        nxt = nb[cur, (i + 1) % 3] if step == 1 else nb[cur, (i + 2) % 3]
        if nxt < 0:
            return -1
        if nxt == t2:
            return count
        if count == len(out):
            return -1
        out[count] = nxt
        count += 1
        cur = nxt
    return -1


@njit(**JIT)
def corridor(nodes: np.ndarray, indptr: np.ndarray, indices: np.ndarray, edge_tri: np.ndarray, tris: np.ndarray,
             nb: np.ndarray, n_corners: int) -> np.ndarray:
    """The triangles a node path of the route graph crosses, in order, without back-and-forth;
    length 0 when the path can't be read as a corridor (then walk the graph path itself).

    Each graph edge remembers the triangle it crosses. Two steps that meet at a corner without
    sharing an edge are joined by the triangles round that corner: the only way round at a
    wall, else the shorter way (counter-clockwise on a tie)."""
    none = np.empty(0, dtype=np.int64)
    m = len(nodes) - 1
    steps = np.empty(m, dtype=np.int64)
    start_node = np.empty(m, dtype=np.int64)
    s = 0
    for j in range(m):
        u, v = nodes[j], nodes[j + 1]
        t = -1
        for pos in range(indptr[u], indptr[u + 1]):
            if indices[pos] == v:
                t = edge_tri[pos]
                break
        if t < 0:
            return none
        if s == 0 or steps[s - 1] != t:
            steps[s] = t
            start_node[s] = u
            s += 1
    n_tris = len(tris)
    way = np.empty(n_tris * 4 + s, dtype=np.int64)
    between = np.empty(n_tris, dtype=np.int64)
    w = 0
    for j in range(s):
        if j > 0:
            a, b = steps[j - 1], steps[j]
            if nb[a, 0] != b and nb[a, 1] != b and nb[a, 2] != b:
                corner = start_node[j]  # the node where the two steps meet
                if corner >= n_corners:
                    return none  # not a corner: the two steps should have shared an edge
                on_a = tris[a, 0] == corner or tris[a, 1] == corner or tris[a, 2] == corner
                on_b = tris[b, 0] == corner or tris[b, 1] == corner or tris[b, 2] == corner
                if not (on_a and on_b):
                    return none
                ccw = _round(tris, nb, a, b, corner, 1, between)
                ccw_way = between[:max(ccw, 0)].copy()
                cw = _round(tris, nb, a, b, corner, -1, between)
                if ccw < 0 and cw < 0:
                    return none  # the two steps lie either side of a wall
                if ccw >= 0 and (cw < 0 or ccw <= cw):
                    for t in ccw_way:
                        way[w] = t
                        w += 1
                else:
                    for q in range(cw):
                        way[w] = between[q]
                        w += 1
        way[w] = steps[j]
        w += 1
    return without_loops(way[:w], n_tris)


@njit(**JIT)
def turned(corridor: np.ndarray, corner: int, tris: np.ndarray, nb: np.ndarray) -> np.ndarray:
    """The corridor going round a corner inside the free space the other way (where a taut
    walk bent at a corner with no wall, the corridor went round it the long way); length 0 when
    there is no other way round (a wall, or the corridor only touches the corner once)."""
    none = np.empty(0, dtype=np.int64)
    i = 0
    while i < len(corridor) and not _has(tris, corridor[i], corner):
        i += 1
    if i == len(corridor):
        return none
    j = i
    while j + 1 < len(corridor) and _has(tris, corridor[j + 1], corner):
        j += 1
    start, goal = corridor[i], corridor[j]
    if start == goal:
        return none
    way = np.empty(64, dtype=np.int64)
    for first in range(2):  # the first step across either edge through the corner
        prev, cur, n = -1, start, 0
        while n < 64:
            k = 0
            while tris[cur, k] != corner:
                k += 1
            a, b = nb[cur, (k + 1) % 3], nb[cur, (k + 2) % 3]
            nxt = (a if first == 0 else b) if prev < 0 else (b if a == prev else a)
            if nxt < 0:
                break
            way[n] = nxt
            n += 1
            if nxt == goal:
                break
            prev, cur = cur, nxt
        if n == 0 or way[n - 1] != goal:
            continue  # a wall first, or round and round
        same = n == j - i
        for q in range(n):
            if same and way[q] != corridor[i + 1 + q]:
                same = False
        if same:
            continue  # the way the corridor goes already
        out = np.concatenate((corridor[:i + 1], way[:n], corridor[j + 1:]))
        return without_loops(out, len(tris))
    return none


@njit(**JIT)
def _has(tris: np.ndarray, t: int, corner: int) -> bool:
    return tris[t, 0] == corner or tris[t, 1] == corner or tris[t, 2] == corner


@njit(**JIT)
def without_loops(way: np.ndarray, n_tris: int) -> np.ndarray:
    """The corridor with every stretch that comes back to a triangle cut out."""
    seen = np.full(n_tris, -1, dtype=np.int64)
    out = np.empty(len(way), dtype=np.int64)
    n = 0
    for t in way:
        at = seen[t]
        if at >= 0:
            for q in range(at + 1, n):
                seen[out[q]] = -1
            n = at + 1
            continue
        seen[t] = n
        out[n] = t
        n += 1
    return out[:n].copy()


@njit(**JIT)
def far_sides(path: np.ndarray, bends: np.ndarray, ring: np.ndarray, ring_start: np.ndarray,
              ring_verts: np.ndarray, obstacle: np.ndarray, verts: np.ndarray, f: np.ndarray, limit: float,
              samples: int) -> np.ndarray:
    """For each obstacle the walk bends round (by ring, in ring order), its corner farthest from
    the walk, where f (the graph's length of the way through it) is within limit."""
    rings = np.unique(ring[bends])
    out = np.empty(len(rings), dtype=np.int64)
    n = 0
    for rid in rings:
        if not obstacle[rid]:
            continue  # the room's walls: no way round the other side
        lo, hi = ring_start[rid], ring_start[rid + 1]
        if hi - lo < 3:
            continue
        step = max(1, (hi - lo) // samples)  # any corner over there will do
        best_d, best_v = -1.0, -1
        for q in range(lo, hi, step):
            v = ring_verts[q]
            d = _to_polyline(verts[v, 0], verts[v, 1], path, best_d)
            if d > best_d:
                best_d, best_v = d, v
        if f[best_v] <= limit:
            out[n] = best_v
            n += 1
    return out[:n].copy()


@njit(**JIT)
def _to_polyline(x: float, y: float, line: np.ndarray, beat: float) -> float:
    """The squared distance from (x, y) to the polyline, or any value at most beat once it is
    clear the distance is no more than beat (the caller wants the farthest point only)."""
    best = np.inf
    for j in range(len(line) - 1):
        ax, ay = line[j, 0], line[j, 1]
        dx, dy = line[j + 1, 0] - ax, line[j + 1, 1] - ay
        t = ((x - ax) * dx + (y - ay) * dy) / max(dx * dx + dy * dy, 1e-12)
        t = min(max(t, 0.0), 1.0)
        ex, ey = x - ax - t * dx, y - ay - t * dy
        best = min(best, ex * ex + ey * ey)
        if best <= beat:
            break
    return best
