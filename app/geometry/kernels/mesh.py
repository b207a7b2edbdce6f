"""The navigation mesh itself: a tile's triangles joined into a mesh, the tiles' meshes
stitched along their seams, the mesh's connected parts and the outlines of its free space."""

from __future__ import annotations

import numpy as np
from numba import njit

from app.geometry.kernels.options import JIT

@njit(**JIT)
def components(nb: np.ndarray) -> np.ndarray:
    """The connected part of each triangle (neighbours across edges), numbered in order of
    each part's first triangle."""
    return _flood(np.arange(0, 3 * len(nb) + 1, 3), nb.ravel())


@njit(**JIT)
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


@njit(**JIT)
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


# A tile's triangles, and the tiles' meshes stitched: ~1.6 tiles and one stitch an
# edit. In numpy, mostly call overhead on a few hundred corners, they took ~0.65 ms an edit at
# 100 pieces (9 tiles); here ~0.25 ms, to the same bit (tests/geometry/test_navmesh_equivalence).


@njit(**JIT)
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


@njit(**JIT)
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


@njit(**JIT)
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


@njit(**JIT)
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


@njit(**JIT)
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


@njit(**JIT)
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


@njit(**JIT)
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
