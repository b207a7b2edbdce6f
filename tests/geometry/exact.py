"""The exact shortest walk, slowly: a visibility graph over the walkable floor's corners.

The reference the route search is held to. A shortest walk among polygons bends only at their
corners, so Dijkstra over the straight segments between corners (and the two ends) that stay
on the floor is exact. Only corners inside the ellipse of walks no longer than `within` are
used (a walk that long cannot leave it), and only segments tangent at both ends (a walk bends
round a corner, never into it).
"""

from __future__ import annotations

import heapq
import math

import numpy as np
import shapely


def exact_length(space: shapely.Geometry, a: tuple[float, float], b: tuple[float, float],
                 within: float) -> float | None:
    """The length of the shortest walk from a to b on space, if it is at most `within`."""
    found = exact_walk(space, a, b, within)
    return found[0] if found else None


def exact_walk(space: shapely.Geometry, a: tuple[float, float], b: tuple[float, float],
               within: float) -> tuple[float, list[tuple[float, float]]] | None:
    """(length, path) of the shortest walk from a to b on space, if it is at most `within`."""
    corners, before, after = _corners(space)
    # a walk's ends may lie on the floor's edge, a last bit outside: see within a micro-inch
    space = shapely.buffer(space, 1e-6, quad_segs=1)
    shapely.prepare(space)
    ax, bx = np.asarray(a), np.asarray(b)
    reach = np.hypot(*(corners - ax).T) + np.hypot(*(corners - bx).T)
    keep = reach <= within + 1e-6
    corners, before, after = corners[keep], before[keep], after[keep]
    pts = np.vstack([ax, bx, corners])
    n = len(pts)
    i, j = np.triu_indices(n, k=1)
    # tangent at both ends: the corner's neighbours on one side of the segment
    ok = np.ones(len(i), dtype=bool)
    for end, other in ((i, j), (j, i)):
        at = end >= 2
        c = end[at] - 2
        d = pts[other[at]] - pts[end[at]]
        s1 = d[:, 0] * (before[c, 1] - pts[end[at], 1]) - d[:, 1] * (before[c, 0] - pts[end[at], 0])
        s2 = d[:, 0] * (after[c, 1] - pts[end[at], 1]) - d[:, 1] * (after[c, 0] - pts[end[at], 0])
        ok[at] &= s1 * s2 >= -1e-9
    i, j = i[ok], j[ok]
    # only segments that could lie on a walk no longer than within
    length = np.hypot(*(pts[i] - pts[j]).T)
    short = (np.minimum(np.hypot(*(pts[i] - ax).T) + length + np.hypot(*(pts[j] - bx).T),
                        np.hypot(*(pts[j] - ax).T) + length + np.hypot(*(pts[i] - bx).T)) <= within + 1e-6)
    i, j, length = i[short], j[short], length[short]
    lines = shapely.linestrings(np.stack([pts[i], pts[j]], axis=1))
    seen = shapely.covers(space, lines)
    graph: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for u, v, w in zip(i[seen].tolist(), j[seen].tolist(), length[seen].tolist()):
        graph[u].append((v, w))
        graph[v].append((u, w))
    dist = [math.inf] * n
    before = [-1] * n
    dist[0] = 0.0
    heap = [(0.0, 0)]
    while heap:
        d, u = heapq.heappop(heap)
        if u == 1:
            path = [1]
            while path[-1] != 0:
                path.append(before[path[-1]])
            return d, [tuple(pts[k]) for k in path[::-1]]
        if d > dist[u]:
            continue
        for v, w in graph[u]:
            if d + w < dist[v]:
                dist[v] = d + w
                before[v] = u
                heapq.heappush(heap, (d + w, v))
    return None


def _corners(space: shapely.Geometry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pts, before, after = [], [], []
    for poly in shapely.get_parts(space):
        for ring in [poly.exterior, *poly.interiors]:
            xy = np.asarray(ring.coords)[:-1]
            pts.append(xy)
            before.append(np.roll(xy, 1, axis=0))
            after.append(np.roll(xy, -1, axis=0))
    if not pts:
        return np.empty((0, 2)), np.empty((0, 2)), np.empty((0, 2))
    return np.vstack(pts), np.vstack(before), np.vstack(after)
