"""The route search's inner loops, compiled (numba): the funnel, a node path's triangle corridor,
the far sides of the obstacles a walk bends round; and the mesh they search, made of each
tile's triangles and stitched from the tiles.

Each runs once or more per walk and steps through ~160 triangles or portals one by one: as
Python loops they took ~0.2 ms a call each (0.5 ms per walk, 8 walks an edit); compiled, a few
microseconds. Compiled code is cached beside this file (`cache=True`): the first run on a
machine compiles for some seconds (`make` does it once, calling warm()),
later runs load it. `nogil`: the editor's live check runs in a worker thread, and the window
keeps the interpreter while the worker is in here.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_JIT = {"cache": True, "nogil": True}


@njit(**_JIT)
def funnel(start: np.ndarray, goal: np.ndarray, left: np.ndarray, right: np.ndarray):
    """Simple stupid funnel (Mononen): the taut string from start to goal through the portals
    (left[i], right[i]), as seen walking along them. Returns (path (K, 2), bends) where each bend
    is 2 g + side: the portal g it bends at, side 0 left, 1 right (g = -1: the start)."""
    n = left.shape[0] + 2
    lxs = np.empty(n)
    lys = np.empty(n)
    rxs = np.empty(n)
    rys = np.empty(n)
    lxs[0], lys[0], rxs[0], rys[0] = start[0], start[1], start[0], start[1]
    lxs[1:n - 1] = left[:, 0]
    lys[1:n - 1] = left[:, 1]
    rxs[1:n - 1] = right[:, 0]
    rys[1:n - 1] = right[:, 1]
    lxs[n - 1], lys[n - 1], rxs[n - 1], rys[n - 1] = goal[0], goal[1], goal[0], goal[1]
    path = np.empty((n + 1, 2))
    bends = np.empty(n, dtype=np.int64)
    k = 1
    nb = 0
    path[0, 0], path[0, 1] = start[0], start[1]
    ax, ay = start[0], start[1]
    lx, ly, rx, ry = ax, ay, ax, ay
    apex_i = left_i = right_i = 0
    i = 1
    while i < n:
        nlx, nly, nrx, nry = lxs[i], lys[i], rxs[i], rys[i]
        # the right side moves in when the new right point is left of apex -> right
        if (rx - ax) * (nry - ay) - (ry - ay) * (nrx - ax) >= 0:
            if (ax == rx and ay == ry) or (lx - ax) * (nry - ay) - (ly - ay) * (nrx - ax) < 0:
                rx, ry, right_i = nrx, nry, i
            else:  # it crossed the left side: the left corner is on the path
                path[k, 0], path[k, 1] = lx, ly
                k += 1
                bends[nb] = 2 * (left_i - 1)
                nb += 1
                ax, ay, apex_i = lx, ly, left_i
                rx, ry = lx, ly
                right_i = left_i = apex_i
                i = apex_i + 1
                continue
        if (lx - ax) * (nly - ay) - (ly - ay) * (nlx - ax) <= 0:
            if (ax == lx and ay == ly) or (rx - ax) * (nly - ay) - (ry - ay) * (nlx - ax) > 0:
                lx, ly, left_i = nlx, nly, i
            else:
                path[k, 0], path[k, 1] = rx, ry
                k += 1
                bends[nb] = 2 * (right_i - 1) + 1
                nb += 1
                ax, ay, apex_i = rx, ry, right_i
                lx, ly = rx, ry
                left_i = right_i = apex_i
                i = apex_i + 1
                continue
        i += 1
    if path[k - 1, 0] != goal[0] or path[k - 1, 1] != goal[1]:
        path[k, 0], path[k, 1] = goal[0], goal[1]
        k += 1
    return path[:k].copy(), bends[:nb].copy()


@njit(**_JIT)
def portals(corridor: np.ndarray, tris: np.ndarray, nb: np.ndarray) -> np.ndarray:
    """(P, 2) vertex ids of the left and right end of each edge the corridor crosses. Triangles
    run counter-clockwise, so leaving one across its edge k, corner k + 2 is on the left."""
    out = np.empty((max(len(corridor) - 1, 0), 2), dtype=np.int64)
    for j in range(len(corridor) - 1):
        t, u = corridor[j], corridor[j + 1]
        k = 0
        while k < 2 and nb[t, k] != u:
            k += 1
        out[j, 0] = tris[t, (k + 2) % 3]
        out[j, 1] = tris[t, (k + 1) % 3]
    return out


@njit(**_JIT)
def taut(start: np.ndarray, goal: np.ndarray, corridor: np.ndarray, verts: np.ndarray, tris: np.ndarray,
         nb: np.ndarray):
    """The shortest walk through the corridor, and the mesh vertex at each of its bends."""
    ends = portals(corridor, tris, nb)
    left = np.empty((len(ends), 2))
    right = np.empty((len(ends), 2))
    for j in range(len(ends)):
        left[j] = verts[ends[j, 0]]
        right[j] = verts[ends[j, 1]]
    path, bends = funnel(start, goal, left, right)
    out = np.empty(len(bends), dtype=np.int64)
    m = 0
    for b in bends:
        if 0 <= b < 2 * len(ends):  # a "bend" at the goal is the goal
            out[m] = ends[b // 2, b % 2]
            m += 1
    return path, out[:m].copy()


@njit(**_JIT)
def length(path: np.ndarray) -> float:
    total = 0.0
    for j in range(len(path) - 1):
        total += np.hypot(path[j + 1, 0] - path[j, 0], path[j + 1, 1] - path[j, 1])
    return total


@njit(**_JIT)
def chase(pred: np.ndarray, node: int) -> np.ndarray:
    """The node path from pred's source to node (pred from a Dijkstra; -9999 ends a chain)."""
    count = 1
    p = pred[node]
    while p >= 0:
        count += 1
        p = pred[p]
    out = np.empty(count, dtype=np.int64)
    p = node
    for j in range(count - 1, -1, -1):
        out[j] = p
        p = pred[p]
    return out


@njit(**_JIT)
def _round(tris: np.ndarray, nb: np.ndarray, t1: int, t2: int, corner: int, step: int, out: np.ndarray) -> int:
    """Walk round corner from t1 towards t2 (step 1: counter-clockwise, i.e. across the edge
    from the corner to the corner after it... ), writing the triangles strictly between into
    out; the count of them, or -1 where a wall comes first."""
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


@njit(**_JIT)
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


@njit(**_JIT)
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


@njit(**_JIT)
def _has(tris: np.ndarray, t: int, corner: int) -> bool:
    return tris[t, 0] == corner or tris[t, 1] == corner or tris[t, 2] == corner


@njit(**_JIT)
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


@njit(**_JIT)
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


@njit(**_JIT)
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


@njit(**_JIT)
def shortest_through(a: np.ndarray, b: np.ndarray, p: np.ndarray, q: np.ndarray) -> float:
    """The least |ax| + |xb| over the points x of the shapes whose outlines are the segments
    p[i] -> q[i] (rings of disjoint polygons): a lower bound on any walk from a to b through
    them. |ab| when the straight line meets them."""
    ax, ay, bx, by = a[0], a[1], b[0], b[1]
    straight = np.hypot(bx - ax, by - ay)
    inside_a = inside_b = False
    best = np.inf
    for i in range(len(p)):
        px, py, qx, qy = p[i, 0], p[i, 1], q[i, 0], q[i, 1]
        if (py > ay) != (qy > ay) and ax < px + (ay - py) * (qx - px) / (qy - py):
            inside_a = not inside_a  # even-odd: holes and several parts alike
        if (py > by) != (qy > by) and bx < px + (by - py) * (qx - px) / (qy - py):
            inside_b = not inside_b
        if _crosses(ax, ay, bx, by, px, py, qx, qy):
            return straight
        best = min(best, _least_through(ax, ay, bx, by, px, py, qx, qy))
    if inside_a or inside_b:
        return straight
    return best


@njit(**_JIT)
def _crosses(ax, ay, bx, by, px, py, qx, qy) -> bool:
    """Whether the segments ab and pq meet (touching counts)."""
    d1 = (qx - px) * (ay - py) - (qy - py) * (ax - px)
    d2 = (qx - px) * (by - py) - (qy - py) * (bx - px)
    d3 = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
    d4 = (bx - ax) * (qy - ay) - (by - ay) * (qx - ax)
    if ((d1 > 0 and d2 < 0) or (d1 < 0 and d2 > 0)) and ((d3 > 0 and d4 < 0) or (d3 < 0 and d4 > 0)):
        return True
    return ((d1 == 0 and _on(px, py, qx, qy, ax, ay)) or (d2 == 0 and _on(px, py, qx, qy, bx, by))
            or (d3 == 0 and _on(ax, ay, bx, by, px, py)) or (d4 == 0 and _on(ax, ay, bx, by, qx, qy)))


@njit(**_JIT)
def _on(px, py, qx, qy, x, y) -> bool:
    """Whether x, y (on the line pq) lies within the segment's box."""
    return min(px, qx) <= x <= max(px, qx) and min(py, qy) <= y <= max(py, qy)


@njit(**_JIT)
def _least_through(ax, ay, bx, by, px, py, qx, qy) -> float:
    """The least |ax| + |xb| over x on the segment pq (a and b off it): where the line from a
    to b, or to b mirrored in pq's line when both lie on one side, meets pq; clamped; and the
    feet of a and b and the ends, to be safe at round-off."""
    dx, dy = qx - px, qy - py
    dd = max(dx * dx + dy * dy, 1e-18)
    nx, ny = -dy, dx
    side_a = (ax - px) * nx + (ay - py) * ny
    side_b = (bx - px) * nx + (by - py) * ny
    b2x, b2y = bx, by
    if side_a * side_b > 0:
        b2x, b2y = bx - 2 * side_b / dd * nx, by - 2 * side_b / dd * ny
    ex, ey = b2x - ax, b2y - ay
    den = ex * dy - ey * dx
    t_cross = 0.0 if abs(den) < 1e-12 else (ex * (ay - py) - ey * (ax - px)) / den
    best = np.inf
    for t in (t_cross, ((ax - px) * dx + (ay - py) * dy) / dd, ((bx - px) * dx + (by - py) * dy) / dd, 0.0, 1.0):
        t = min(max(t, 0.0), 1.0)
        x, y = px + t * dx, py + t * dy
        best = min(best, np.hypot(x - ax, y - ay) + np.hypot(x - bx, y - by))
    return best


@njit(**_JIT)
def near_box(path: np.ndarray, box: np.ndarray) -> bool:
    """Whether any segment of the path reaches into the box (x0, y0, x1, y1) by its own box."""
    for j in range(len(path) - 1):
        x0, x1 = min(path[j, 0], path[j + 1, 0]), max(path[j, 0], path[j + 1, 0])
        y0, y1 = min(path[j, 1], path[j + 1, 1]), max(path[j, 1], path[j + 1, 1])
        if x0 <= box[2] and x1 >= box[0] and y0 <= box[3] and y1 >= box[1]:
            return True
    return len(path) == 1 and box[0] <= path[0, 0] <= box[2] and box[1] <= path[0, 1] <= box[3]


@njit(**_JIT)
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


@njit(**_JIT)
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


@njit(**_JIT)
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


@njit(**_JIT)
def components(nb: np.ndarray) -> np.ndarray:
    """The connected part of each triangle (neighbours across edges), numbered in order of
    each part's first triangle."""
    return _flood(np.arange(0, 3 * len(nb) + 1, 3), nb.ravel())


@njit(**_JIT)
def _flood(start: np.ndarray, other: np.ndarray) -> np.ndarray:
    """The connected part of each node of a graph (node i's neighbours: other[start[i]:start[i
    + 1]], negative for none), numbered in order of each part's lowest node."""
    n = len(start) - 1
    part = np.full(n, -1, dtype=np.int64)
    stack = np.empty(n, dtype=np.int64)
    count = 0
    for first in range(n):
        if part[first] >= 0:
            continue
        part[first] = count
        stack[0] = first
        size = 1
        while size:
            size -= 1
            v = stack[size]
            for q in range(start[v], start[v + 1]):
                u = other[q]
                if u >= 0 and part[u] < 0:
                    part[u] = count
                    stack[size] = u
                    size += 1
        count += 1
    return part


@njit(**_JIT)
def rings(verts: np.ndarray, tris: np.ndarray, nb: np.ndarray):
    """The outlines of the free space: vertices joined by wall edges (no triangle beyond) form
    one ring, round an obstacle or round the outside of a part. Returns (ring of each vertex,
    numbered in order of each ring's lowest vertex; start of each ring in the next; vertices
    ring by ring, ascending; whether each ring goes round an obstacle). The free space lies left
    of every wall edge, so a ring runs clockwise round an obstacle: negative area."""
    n = len(verts)
    degree = np.zeros(n + 1, dtype=np.int64)
    walls = 0
    for t in range(len(tris)):
        for k in range(3):
            if nb[t, k] < 0:
                degree[tris[t, (k + 1) % 3] + 1] += 1
                degree[tris[t, (k + 2) % 3] + 1] += 1
                walls += 1
    start = np.cumsum(degree)
    fill = start[:-1].copy()
    other = np.empty(2 * walls, dtype=np.int64)
    a_end = np.empty(walls, dtype=np.int64)
    b_end = np.empty(walls, dtype=np.int64)
    w = 0
    for t in range(len(tris)):
        for k in range(3):
            if nb[t, k] < 0:
                a, b = tris[t, (k + 1) % 3], tris[t, (k + 2) % 3]
                other[fill[a]] = b
                fill[a] += 1
                other[fill[b]] = a
                fill[b] += 1
                a_end[w], b_end[w] = a, b
                w += 1
    ring = _flood(start, other)
    count = ring.max() + 1 if n else 0
    sizes = np.zeros(count + 1, dtype=np.int64)
    for v in range(n):
        sizes[ring[v] + 1] += 1
    ring_start = np.cumsum(sizes)
    at = ring_start[:-1].copy()
    ring_verts = np.empty(n, dtype=np.int64)
    for v in range(n):
        ring_verts[at[ring[v]]] = v
        at[ring[v]] += 1
    area = np.zeros(count)
    for j in range(walls):
        a, b = a_end[j], b_end[j]
        area[ring[a]] += verts[a, 0] * verts[b, 1] - verts[b, 0] * verts[a, 1]
    return ring, ring_start, ring_verts, area < 0


# The mesh of a tile's triangles, and the tiles' meshes stitched: ~1.6 tiles and one stitch an
# edit. In numpy, mostly call overhead on a few hundred corners, they took ~0.65 ms an edit at
# 100 pieces (9 tiles); here ~0.25 ms, to the same bit (tests/geometry/test_navmesh_equivalence).


@njit(**_JIT)
def triangle_mesh(flat: np.ndarray, snap: float):
    """NavMesh.from_triangles on the (3 T, 2) corners flat: (verts, tris, nb, kept, paired).
    paired is False when an edge joins three triangles or more: then nb is all -1 and which of
    them are neighbours is left to numpy's sort, as it always was."""
    verts, ids = _corners(flat, snap)
    scale = 1.0
    for v in range(len(verts)):
        scale = max(scale, abs(verts[v, 0]), abs(verts[v, 1]))
    n = len(ids) // 3
    tris = np.empty((n, 3), dtype=np.int64)
    kept = np.empty(n, dtype=np.int64)
    m = 0
    for t in range(n):
        a, b, c = ids[3 * t], ids[3 * t + 1], ids[3 * t + 2]
        area2 = ((verts[b, 0] - verts[a, 0]) * (verts[c, 1] - verts[a, 1])
                 - (verts[b, 1] - verts[a, 1]) * (verts[c, 0] - verts[a, 0]))
        if abs(area2) > 1e-12 * scale:  # drop degenerate slivers
            if area2 < 0:  # GEOS hands its triangles over clockwise
                b, c = c, b
            tris[m, 0], tris[m, 1], tris[m, 2] = a, b, c
            kept[m] = t
            m += 1
    tris = tris[:m].copy()
    nb = np.full((m, 3), -1, dtype=np.int64)
    paired = _join_walls(tris, nb, len(verts))
    return verts, tris, nb, kept[:m].copy(), paired


@njit(**_JIT)
def stitch(verts: np.ndarray, tris: np.ndarray, nb: np.ndarray, n_verts: np.ndarray, n_tris: np.ndarray,
           seam: np.ndarray, snap: float):
    """NavMesh.stitched on its parts' arrays end to end (n_verts and n_tris of each part; seam:
    whether each corner lies on a seam): (verts, tris, nb, status). status 0: done; 1: joining
    corners flattened a triangle; 2: a seam's edge is a wall of three triangles or more (nb not
    joined there: numpy's sort pairs them, as it always did)."""
    n_v, n_t = len(verts), len(tris)
    at = np.flatnonzero(seam)
    ids = np.arange(n_v)
    rep = _snap_reps(verts[at], snap)
    low = np.full(len(at), -1, dtype=np.int64)
    for j in range(len(at)):
        if low[rep[j]] < 0:
            low[rep[j]] = j  # each group's first corner stands for it
        ids[at[j]] = at[low[rep[j]]]
    # a corner stands for itself or for an earlier one: number those that stand for themselves
    number = np.empty(n_v, dtype=np.int64)
    count = 0
    for v in range(n_v):
        if ids[v] == v:
            number[v] = count
            count += 1
    out_verts = np.empty((count, 2))
    for v in range(n_v):
        if ids[v] == v:
            out_verts[number[v], 0], out_verts[number[v], 1] = verts[v, 0], verts[v, 1]
    out_tris = np.empty((n_t, 3), dtype=np.int64)
    out_nb = np.empty((n_t, 3), dtype=np.int64)
    v0 = t0 = t = 0
    for part in range(len(n_tris)):
        for _ in range(n_tris[part]):
            for k in range(3):
                out_tris[t, k] = number[ids[tris[t, k] + v0]]
                out_nb[t, k] = nb[t, k] + t0 if nb[t, k] >= 0 else -1
            a, b, c = out_tris[t, 0], out_tris[t, 1], out_tris[t, 2]
            if a == b or b == c or a == c:
                return out_verts, out_tris, out_nb, 1
            t += 1
        v0 += n_verts[part]
        t0 += n_tris[part]
    # wall edges along a seam, found twice (once from each side), are inner edges
    if not _join_walls(out_tris, out_nb, count):
        return out_verts, out_tris, out_nb, 2
    return out_verts, out_tris, out_nb, 0


@njit(**_JIT)
def _join_walls(tris: np.ndarray, nb: np.ndarray, n_verts: int) -> bool:
    """Make the wall edges (nb -1) with the same two corners neighbours, in place; False, nb
    untouched, where three walls or more share their corners. Walls are counted out by their
    lower corner, each corner's few compared with each other."""
    lower = np.empty(3 * len(tris), dtype=np.int64)
    upper = np.empty(3 * len(tris), dtype=np.int64)
    side = np.empty(3 * len(tris), dtype=np.int64)
    n = 0
    for t in range(len(tris)):
        for k in range(3):
            a, b = tris[t, (k + 1) % 3], tris[t, (k + 2) % 3]
            lower[n], upper[n], side[n] = min(a, b), max(a, b), 3 * t + k
            n += nb[t, k] < 0  # written always, kept for walls: no branch to mispredict
    start = np.zeros(n_verts + 2, dtype=np.int64)
    for i in range(n):
        start[lower[i] + 2] += 1
    for v in range(2, n_verts + 2):
        start[v] += start[v - 1]
    wall = np.empty(n, dtype=np.int64)
    for i in range(n):
        wall[start[lower[i] + 1]] = i
        start[lower[i] + 1] += 1
    partner = np.full(n, -1, dtype=np.int64)
    for v in range(n_verts):
        for p in range(start[v], start[v + 1]):
            for q in range(p + 1, start[v + 1]):
                i, j = wall[p], wall[q]
                if upper[i] == upper[j]:
                    if partner[i] >= 0 or partner[j] >= 0:
                        return False
                    partner[i], partner[j] = j, i
    for i in range(n):
        if partner[i] >= 0:
            nb[side[i] // 3, side[i] % 3] = side[partner[i]] // 3
    return True


@njit(**_JIT)
def _corners(flat: np.ndarray, snap: float):
    """(vertices, id of each corner): corners closer than snap along x or y are one vertex,
    numbered in order of the places of their groups' first corners. In one sort when the
    corners two triangles share are the same to the bit (one tile's triangles, from GEOS) and no
    two others are within snap along x or y: then the groups are the equal corners."""
    n = len(flat)
    if n < 2:
        return flat.copy(), np.arange(n)
    order = _lex_order(flat, 0)
    group = np.empty(n, dtype=np.int64)
    head = np.empty(n, dtype=np.int64)
    g = -1
    for r in range(n):
        c = order[r]
        new = r == 0
        if not new:
            dx, dy = flat[c, 0] - flat[order[r - 1], 0], flat[c, 1] - flat[order[r - 1], 1]
            new = dx != 0 or dy != 0
            if new and dx == 0 and dy <= snap:
                return _snapped_corners(flat, snap)
        if new:
            g += 1
            head[g] = c
        group[c] = g
    uniq = np.empty((g + 1, 2))
    for q in range(g + 1):
        uniq[q, 0], uniq[q, 1] = flat[head[q], 0], flat[head[q], 1]
    by_y = _lex_order(uniq, 1)
    for r in range(1, g + 1):
        a, b = by_y[r - 1], by_y[r]
        if uniq[b, 1] - uniq[a, 1] == 0 and uniq[b, 0] - uniq[a, 0] <= snap:
            return _snapped_corners(flat, snap)
    vertex = np.full(g + 1, -1, dtype=np.int64)
    verts = np.empty((g + 1, 2))
    ids = np.empty(n, dtype=np.int64)
    count = 0
    for c in range(n):
        if vertex[group[c]] < 0:  # each group's first corner is its head (the sort is stable)
            vertex[group[c]] = count
            verts[count, 0], verts[count, 1] = flat[c, 0], flat[c, 1]
            count += 1
        ids[c] = vertex[group[c]]
    return verts, ids


@njit(**_JIT)
def _snapped_corners(flat: np.ndarray, snap: float):
    """(vertices, id of each corner) for corners joined by _snap_reps, numbered in the order of
    their representatives."""
    rep = _snap_reps(flat, snap)
    number = np.full(len(flat), -1, dtype=np.int64)
    for c in range(len(flat)):
        number[rep[c]] = 0
    count = 0
    for c in range(len(flat)):
        if number[c] == 0:
            number[c] = count
            count += 1
    verts = np.empty((count, 2))
    ids = np.empty(len(flat), dtype=np.int64)
    for c in range(len(flat)):
        ids[c] = number[rep[c]]
        verts[ids[c], 0], verts[ids[c], 1] = flat[rep[c], 0], flat[rep[c], 1]
    return verts, ids


@njit(**_JIT)
def _snap_reps(xy: np.ndarray, snap: float) -> np.ndarray:
    """The corner that stands for each corner: corners closer than snap along x or y are one.
    Tiles cut along x = c or y = c, so the corners two tiles share on a cut agree exactly in one
    coordinate and to round-off in the other; sorting by each axis in turn joins them, each run
    of corners stood for by its first in the sort."""
    n = len(xy)
    ids = np.arange(n)
    cur = xy.copy()
    for major in range(2):
        minor = 1 - major
        order = _lex_order(cur, major)
        rep = np.empty(n, dtype=np.int64)
        first = -1
        for r in range(n):
            c, p = order[r], order[max(r - 1, 0)]
            if r == 0 or cur[c, major] != cur[p, major] or cur[c, minor] - cur[p, minor] > snap:
                first = c
            rep[c] = first
        nxt = np.empty((n, 2))
        for c in range(n):
            nxt[c, 0], nxt[c, 1] = cur[rep[c], 0], cur[rep[c], 1]
        cur = nxt
        for c in range(n):
            ids[c] = rep[ids[c]]
    return ids


@njit(**_JIT)
def _lex_order(xy: np.ndarray, major: int) -> np.ndarray:
    """The places of the points xy ordered by coordinate major, then the other, equal points by
    place: numpy's stable sorts (lexsort, a stable argsort of complex numbers) to the bit, for
    finite coordinates. A merge sort of runs sorted by insertion, moving the coordinates with
    the places (~3x faster than looking them up through the places)."""
    n = len(xy)
    key = xy[:, major].copy()
    tie = xy[:, 1 - major].copy()
    order = np.arange(n)
    run = 8
    for lo in range(0, n, run):
        for i in range(lo + 1, min(lo + run, n)):
            k, t, o = key[i], tie[i], order[i]
            j = i
            while j > lo and (k < key[j - 1] or (k == key[j - 1] and t < tie[j - 1])):
                key[j], tie[j], order[j] = key[j - 1], tie[j - 1], order[j - 1]
                j -= 1
            key[j], tie[j], order[j] = k, t, o
    key2, tie2, order2 = np.empty(n), np.empty(n), np.empty(n, dtype=np.int64)
    width = run
    while width < n:
        for lo in range(0, n, 2 * width):
            mid, hi = min(lo + width, n), min(lo + 2 * width, n)
            i, j = lo, mid
            for out in range(lo, hi):
                if j < hi and (i == mid or key[j] < key[i] or (key[j] == key[i] and tie[j] < tie[i])):
                    key2[out], tie2[out], order2[out] = key[j], tie[j], order[j]
                    j += 1
                else:
                    key2[out], tie2[out], order2[out] = key[i], tie[i], order[i]
                    i += 1
        key, key2 = key2, key
        tie, tie2 = tie2, tie
        order, order2 = order2, order
        width *= 2
    return order


@njit(**_JIT)
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


@njit(**_JIT)
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


@njit(**_JIT)
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


def warm() -> None:
    """Compile (or load from the cache) every kernel for the types the checks pass: check the
    bundled samples, whose rooms take every path through the route search, before and after
    an edit."""
    from pathlib import Path

    from app.geometry.analysis import check_layout
    from app.storage import load_project

    samples = Path(__file__).resolve().parents[1] / "assets" / "samples"
    for path in sorted(samples.glob("*.classroom.json")):
        for layout in load_project(path).layouts:
            check_layout(layout)
            # and after an edit, when walks found before are tested against the floor it freed
            pieces = [p.model_copy(update={"x": p.x + 1.0}) for p in layout.pieces]
            check_layout(layout.model_copy(update={"pieces": pieces}))
