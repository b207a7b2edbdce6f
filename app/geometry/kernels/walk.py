"""The walk through a corridor: its portals, the funnel that pulls the walk taut through them
(Mononen's simple stupid funnel), its length, and a node path read back from a Dijkstra tree."""

from __future__ import annotations

import numpy as np
from numba import njit

from app.geometry.kernels.options import JIT

@njit(**JIT)
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


@njit(**JIT)
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


@njit(**JIT)
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


@njit(**JIT)
def length(path: np.ndarray) -> float:
    total = 0.0
    for j in range(len(path) - 1):
        total += np.hypot(path[j + 1, 0] - path[j, 0], path[j + 1, 1] - path[j, 1])
    return total


@njit(**JIT)
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
