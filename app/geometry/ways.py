"""Door entries, zone targets and the walks between them in one walkable space.

Walks the last edit cannot have changed are kept (app.geometry.reuse). The others are searched
on the part of the mesh that can hold them: the triangles within each walk's ellipse (foci its
ends, length a margin over the walk it replaces), which is exact when the walk found is short
enough for its whole search region (STRETCH over it) to lie inside; otherwise the whole mesh.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from app.geometry.navmesh import NavMesh, path_length
from app.geometry.reuse import Reuse
from app.geometry.routes import STRETCH, Router
from app.geometry.walkable import Space, entry_point, zone_target
from app.model import Layout

Point = tuple[float, float]

#: the ellipse a walk is searched in, over the length of the walk it replaces
MARGIN = 1.3
#: ...and only when that part is this much smaller than the whole (else it costs more than it saves)
SMALLER = 0.7


@dataclass
class Ways:
    """Door entries, zone targets and routes in one walkable space."""

    entries: list[tuple[int, Point] | None]
    targets: list[tuple[int, Point] | None]
    entrance: dict[int, tuple[int, list[Point]]]  # zone index -> (door index, path)
    legs: dict[tuple[int, int], list[Point] | None]


def walks(layout: Layout, space: Space, zones: np.ndarray, wanted_zones: list[int],
          wanted_legs: list[tuple[int, int]], reuse: Reuse | None = None) -> Ways:
    entries = [entry_point(layout, space, d) for d in range(len(layout.room.doors))]
    door_parts = {e[0] for e in entries if e is not None}
    targets: list[tuple[int, Point] | None] = [None] * len(layout.zones)
    for z in sorted(set(wanted_zones) | {k for leg in wanted_legs for k in leg}):
        targets[z] = zone_target(space, zones[z], door_parts)
    entrance: dict[int, tuple[int, list[Point]]] = {}
    legs: dict[tuple[int, int], list[Point] | None] = {leg: None for leg in wanted_legs}
    reachable = [z for z in wanted_zones if targets[z] is not None and targets[z][0] in door_parts]
    joined = [(a, b) for a, b in wanted_legs if targets[a] and targets[b] and targets[a][0] == targets[b][0]]
    doors = [d for d, e in enumerate(entries) if e is not None]
    starts = [entries[d][1] for d in doors]

    def door_of(path: list[Point]) -> int:
        return doors[min(range(len(doors)), key=lambda k: math.dist(starts[k], path[0]))]

    keys = {z: ("entrance", tuple(starts), targets[z][1]) for z in reachable}
    keys.update({(a, b): ("leg", targets[a][1], targets[b][1]) for a, b in joined})
    if reuse is not None:  # walks the last edit cannot have changed
        for z in reachable:
            path = reuse.get(keys[z], starts, targets[z][1])
            if path is not None:
                entrance[z] = (door_of(path), path)
        for a, b in joined:
            legs[(a, b)] = reuse.get(keys[(a, b)], [targets[a][1]], targets[b][1])
    reachable = [z for z in reachable if z not in entrance]
    joined = [leg for leg in joined if legs[leg] is None]
    if not reachable and not joined:
        return Ways(entries, targets, entrance, legs)
    # each walk searched again keeps to its ellipse when it has an earlier length to size it
    region: dict = {}
    if reuse is not None:
        for k in [*reachable, *joined]:
            before = reuse.length(keys[k])
            if before is None:
                region = {}
                break
            ends = [(s, targets[k][1]) for s in starts] if isinstance(k, int) else [(targets[k[0]][1], targets[k[1]][1])]
            region[k] = (ends, MARGIN * (1 + STRETCH) * before)
    found = None
    near = _within(space.mesh, list(region.values())) if region and _small(space, region.values()) else None
    if near is not None and len(near) < SMALLER * len(space.mesh.tris):
        found = _search(space, space.mesh.subset(near), starts, targets, reachable, joined, region)
    if found is None:
        found = _search(space, space.mesh, starts, targets, reachable, joined, None)
    for k, path in found.items():
        if path is None:
            continue
        if isinstance(k, int):
            entrance[k] = (door_of(path), path)
        else:
            legs[k] = path
        if reuse is not None:
            reuse.keep(keys[k], path, path_length(path))
    return Ways(entries, targets, entrance, legs)


def _search(space: Space, mesh: NavMesh, starts: list[Point], targets: list, reachable: list[int],
            joined: list[tuple[int, int]], region: dict | None) -> dict | None:
    """Walks door -> zone (reachable) and zone -> zone (joined) over mesh; with region (the
    ellipse each was searched in), None when a walk found could leave its ellipse."""
    # one graph holds every door and zone point; one search from all doors at once finds each
    # zone's nearest door, one search per zone the ways to and from it
    ends = sorted({*reachable, *(z for leg in joined for z in leg)})
    at = {z: len(starts) + k for k, z in enumerate(ends)}
    router = Router(mesh, starts + [targets[z][1] for z in ends])
    found: dict = {}
    doors = list(range(len(starts)))
    from_doors = router.tree(doors, [at[z] for z in reachable]) if reachable else None
    # each zone's tree reaches as far as its walks: from a door, and to and from its neighbours
    partners: dict[int, list[int]] = {z: [] for z in ends}
    for a, b in joined:
        partners[a].append(at[b])
        partners[b].append(at[a])
    trees = {}
    for z in ends:
        entrance = float(from_doors.dist[router.node(at[z])]) if z in reachable else 0.0
        trees[z] = router.tree([at[z]], partners[z], entrance if np.isfinite(entrance) else 0.0)
    for z in reachable:
        if region is not None and not (1 + STRETCH) * from_doors.dist[router.node(at[z])] <= region[z][1]:
            return None
        found[z] = router.best(from_doors, trees[z], at[z])
    for a, b in joined:
        if region is not None and not (1 + STRETCH) * trees[a].dist[router.node(at[b])] <= region[(a, b)][1]:
            return None
        found[(a, b)] = router.best(trees[a], trees[b], at[b])
    return found


def _small(space: Space, regions) -> bool:
    """Whether the ellipses together could be SMALLER than the floor: each counts the lesser of
    its area and its bounding box's overlap with the floor's."""
    x0, y0 = space.mesh.verts.min(axis=0).tolist()
    x1, y1 = space.mesh.verts.max(axis=0).tolist()
    area = 0.0
    for pairs, length in regions:
        for (ax, ay), (bx, by) in pairs:
            a = length / 2
            c = math.hypot(bx - ax, by - ay) / 2
            b = math.sqrt(max(a * a - c * c, 0.0))
            cos, sin = ((bx - ax) / (2 * c), (by - ay) / (2 * c)) if c > 0 else (1.0, 0.0)
            hx, hy = math.hypot(a * cos, b * sin), math.hypot(a * sin, b * cos)
            mx, my = (ax + bx) / 2, (ay + by) / 2
            box = max(0.0, min(x1, mx + hx) - max(x0, mx - hx)) * max(0.0, min(y1, my + hy) - max(y0, my - hy))
            area += min(math.pi * a * b, box)
    return area < SMALLER * (x1 - x0) * (y1 - y0)


def _within(mesh: NavMesh, regions: list[tuple[list[tuple[Point, Point]], float]]) -> np.ndarray:
    """The triangles that reach into any of the ellipses {p : |p f1| + |p f2| <= length}."""
    corners = mesh.verts[mesh.tris]  # (T, 3, 2)
    # every point of a triangle is within its longest side of a corner, which changes
    # |p f1| + |p f2| by at most twice that: a corner's value less that is a lower bound
    side = np.hypot(*(corners - np.roll(corners, 1, axis=1)).transpose(2, 0, 1)).max(axis=1)
    near = np.zeros(len(corners), dtype=bool)
    for pairs, length in regions:
        for f1, f2 in pairs:
            reach = (np.hypot(*(corners - f1).transpose(2, 0, 1)) + np.hypot(*(corners - f2).transpose(2, 0, 1))).min(axis=1)
            near |= reach - 2 * side <= length
    return np.flatnonzero(near)


def reachable_zones(layout: Layout, space: Space, zones: np.ndarray, which: list[int]) -> set[int]:
    """The zones (of which) with open floor in a part of the walkable space joined to a door:
    zones that are not stations need no route, only this."""
    entries = [entry_point(layout, space, d) for d in range(len(layout.room.doors))]
    door_parts = np.array(sorted({e[0] for e in entries if e is not None}), dtype=np.int64)
    if not len(door_parts) or not which:
        return set()
    z, k = space.tree.query(zones[which], predicate="intersects")
    near_door = np.isin(space.piece_part[k], door_parts)
    z, k = z[near_door], k[near_door]
    # open floor inside the zone: the two meet in more than their outlines (13x faster than
    # measuring the intersection's area)
    inside = ~shapely.touches(zones[which][z], space.pieces[k])
    return {which[i] for i in np.unique(z[inside]).tolist()}
