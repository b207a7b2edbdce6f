"""The walks a check reports: from the doors to each station, and along the rotation.

A walk the last edit cannot have changed is kept from the last check (CheckSession). An edit
adds and removes grown pieces; a walk found before is still a shortest walk when
  - it does not cross any piece the edit added (it is still a walk), and
  - the floor the edit freed cannot give a shorter one. A shorter walk would enter the freed
    floor somewhere first, at a point p it reached on the old floor, so the old floor's walk to
    p plus the straight way on to the goal m is less than the walk's cost: p lies in the
    triangles the search reached (app.geometry.paths.Walk.reached; a search takes every node
    cheaper than the walk it returns). Freed floor that touches none of them, or whose least
    |sp| + |pm| is no less than the cost, changes nothing. Each edit kept this way keeps the
    reached triangles a true bound for the next.
A walk into a zone whose middle is covered ends at one of the points along the edge of the zone's
floor (Reach.spots); when an edit reshapes that floor, the walk is still the shortest if its end is
still such a point and every new point lies outside the triangles the search reached (its walk
plus its straight way on is then no less than the cost) or too far (|sp| + extra ≥ the cost).
All these tests are exact: a kept walk is as long as the walk a fresh search finds
(tests/geometry/test_geometry_session.py holds them equal over random edits).
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import shapely

from app.geometry.floor import SPOT_SPACING, Floor, Reach, door_spot, rings, reaches, zone_reach
from app.geometry.paths import Walk, shortest_walk
from app.geometry.session import CheckSession
from app.geometry.shapes import Plan
from app.model import Layout

Point = tuple[float, float]


def rotation_legs(layout: Layout) -> list[tuple[int, int]]:
    """The legs groups walk, as zone indices: each station to the next, and the last back to the first."""
    index = {z.id: k for k, z in enumerate(layout.zones)}
    order = [index[i] for i in layout.transitions.rotation if i in index]
    if len(order) < 2:
        return []
    return list(zip(order, order[1:] + order[:1]))


class Walks:
    """The doors' spots, each zone's reach, the walks from the doors to the stations and along
    the rotation, on one floor."""

    def __init__(self, layout: Layout, plan: Plan, floor: Floor, session: CheckSession,
                 wanted: list[int] | None = None, legs: list[tuple[int, int]] | None = None) -> None:
        self.floor = floor
        self.doors: list[Point | None] = [door_spot(layout, floor, d) for d in range(len(layout.room.doors))]
        starts = [s for s in self.doors if s is not None]
        door_parts = sorted({floor.part_at(s) for s in starts} - {-1})
        self.legs: dict[tuple[int, int], list[Point] | None] = {}
        legs = rotation_legs(layout) if legs is None else legs
        walked = {z for leg in legs for z in leg}
        if wanted is not None:
            walked |= set(wanted)
        else:
            walked |= {z for z, zone in enumerate(layout.zones) if zone.station is not None}
            wanted = list(range(len(layout.zones)))
        door_floor = shapely.multipolygons(floor.parts[door_parts]) if door_parts else shapely.Polygon()
        shapely.prepare(door_floor)
        # the zones walked to need where to end; the others only whether a walker gets there
        self.reach: dict[int, Reach | None] = {z: zone_reach(floor, plan.zones[z], door_floor)
                                                for z in sorted(walked & set(wanted))}
        self.open = {z for z, r in self.reach.items() if r is not None}
        self.open |= {z for z in wanted if z not in self.reach and reaches(floor, plan.zones[z], door_floor)}
        self.entrance: dict[int, tuple[int, list[Point]]] = {}
        spots: dict[int, Point] = {}
        for z in sorted(walked & self.open):
            walk = kept_walk(session, floor, starts, self.reach[z])
            if walk is None:  # round-off at the edge of the floor: the zone counts as closed
                self.open.discard(z)
                continue
            door = min(range(len(self.doors)), key=lambda d: math.inf if self.doors[d] is None
                       else math.dist(self.doors[d], walk.path[0]))
            self.entrance[z] = (door, walk.path)
            spots[z] = walk.path[-1]
        for a, b in legs:
            path = None
            if a in spots and b in spots:
                walk = kept_walk(session, floor, [spots[a]], spots[b])
                path = walk.path if walk is not None else None
            self.legs[(a, b)] = path


def kept_walk(session: CheckSession, floor: Floor, starts: list[Point], end: Point | Reach) -> Walk | None:
    """The shortest walk from any start to the point end, or into the zone of Reach end; or the
    same walk kept from the last check when the edit since provably left it the shortest."""
    if isinstance(end, Reach) and end.middle_open:
        end = end.middle  # the walk ends at the zone's middle: however the zone's floor changed
    if isinstance(end, Reach):
        return _walk_into(session, floor, starts, end)
    key = (floor.room, floor.radius, tuple(starts), end)
    before = session.kept("walk", key)
    if before is not None:
        walk, grown = before
        if (grown.keys() == floor.grown.keys()) if walk is None else _still_shortest(walk, grown, floor, starts, end):
            session.put("walk", key, (walk, floor.grown))  # still the shortest on this floor
            return walk
    walk = shortest_walk(floor.mesh, starts, [end], end)
    session.put("walk", key, (walk, floor.grown))
    return walk


def _walk_into(session: CheckSession, floor: Floor, starts: list[Point], reach: Reach) -> Walk | None:
    """kept_walk into a zone whose middle is covered, kept also when the zone's floor changed
    (the module's docstring says when)."""
    key = (floor.room, floor.radius, tuple(starts), reach.middle, "into")
    region = shapely.to_wkb(reach.region)
    before = session.kept("walk", key)
    spots = None
    if before is not None:
        settled, walk, grown, was, targets = before
        if was == region:
            keep = (grown.keys() == floor.grown.keys()) if walk is None else \
                _still_shortest(settled, grown, floor, starts, reach.middle)
        elif walk is not None:
            spots = reach.spots()
            new = [p for p in spots if p not in targets]
            keep = walk.path[-1] in set(spots) and _still_shortest(walk, grown, floor, starts, reach.middle) \
                and _none_nearer(walk, reach, new, starts)
            if keep:
                settled, targets = _settled(walk, reach, floor), frozenset(spots)
        else:
            keep = False
        if keep:
            session.put("walk", key, (settled, walk, floor.grown, region, targets))
            return settled
    spots = reach.spots() if spots is None else spots
    walk = shortest_walk(floor.mesh, starts, spots, reach.middle, reach.extra(spots))
    settled = _settled(walk, reach, floor) if walk is not None else None
    session.put("walk", key, (settled, walk, floor.grown, region, frozenset(spots)))
    return settled


def _none_nearer(walk: Walk, reach: Reach, spots: list[Point], starts: list[Point]) -> bool:
    """Whether none of the spots can end a walk cheaper than walk (on its floor, walk.mesh)."""
    for p, extra, tris in zip(spots, reach.extra(spots), walk.mesh.triangles_at(spots)):
        if not walk.reached.isdisjoint(tris) and any(math.dist(s, p) + extra < walk.cost - 1e-9 for s in starts):
            return False
    return True


#: how finely the end of a walk into a zone is settled between the spots (in)
SETTLE_STEP = 0.05


def _settled(walk: Walk, reach: Reach, floor: Floor) -> Walk:
    """The walk with its end moved along the edge of the zone's floor, within a spot's spacing
    either way, to where its last straight stretch plus the way on to the middle costs least:
    the end then moves with the plan instead of jumping from spot to spot."""
    path = walk.path
    if reach.middle_open or len(path) < 2:
        return walk  # it ends at the middle
    (rx, ry), end = path[-2], path[-1]
    before = walk.length - math.dist(path[-2], end)
    ring = min(rings(reach.region), key=lambda r: r.distance(shapely.Point(end)))
    at = ring.project(shapely.Point(end))
    steps = np.arange(-SPOT_SPACING, SPOT_SPACING + SETTLE_STEP / 2, SETTLE_STEP)
    xy = shapely.get_coordinates(shapely.line_interpolate_point(ring, np.mod(at + steps, ring.length)))
    cost = np.hypot(xy[:, 0] - rx, xy[:, 1] - ry) + np.asarray(reach.extra(xy.tolist()))
    best = int(np.argmin(cost))
    tx, ty = float(xy[best, 0]), float(xy[best, 1])
    if before + cost[best] >= walk.cost - 1e-9 or not _seen(floor, (rx, ry), (tx, ty)):
        return walk
    # its cost stays the search's: a later edit keeps the walk only if no walk is cheaper than
    # that, or a fresh search would find another
    return replace(walk, path=[*path[:-1], (tx, ty)], length=before + math.hypot(tx - rx, ty - ry))


def _seen(floor: Floor, a: Point, b: Point) -> bool:
    """Whether the straight way from a to b stays on the floor (its ends, on the floor's edge,
    pulled in a micro-inch)."""
    d = math.dist(a, b)
    if d <= 2e-6:
        return True
    ux, uy = (b[0] - a[0]) / d, (b[1] - a[1]) / d
    segment = shapely.LineString([(a[0] + ux * 1e-6, a[1] + uy * 1e-6), (b[0] - ux * 1e-6, b[1] - uy * 1e-6)])
    return bool(shapely.covers(floor.space, segment))


def _still_shortest(walk: Walk, grown: dict[tuple, shapely.Geometry], floor: Floor, starts: list[Point],
                    goal: Point) -> bool:
    """grown: the grown pieces (by their values) of the floor the walk was last known shortest
    on; the pieces an edit moved are the ones whose values changed."""
    added, freed, edges = floor.change_since(grown, outline_edges)
    if added is None and freed is None:
        return True
    if added is not None:
        line = shapely.LineString(walk.path) if len(walk.path) > 1 else shapely.Point(walk.path[0])
        if shapely.relate_pattern(line, added, "T********"):
            return False  # it now runs through a piece
    if freed is None:
        return True
    # the triangles the freed floor touches: the walks kept from one check share mesh and freed floor
    key = (id(grown), id(walk.mesh))
    if key not in floor.changes:
        floor.changes[key] = (walk.mesh, walk.mesh.tree.query(freed, predicate="intersects").tolist())
    if walk.reached.isdisjoint(floor.changes[key][1]):
        return True
    return all(_least_through(freed, edges, s, goal) >= walk.cost - 1e-9 for s in starts)


def outline_edges(region: shapely.Geometry) -> tuple[np.ndarray, np.ndarray]:
    """Every edge of a region's outline, as the arrays of their ends (a point where the region
    is only a point)."""
    lines = []
    for part in shapely.get_parts(region):
        if isinstance(part, shapely.Polygon):
            lines += [shapely.get_coordinates(r) for r in [part.exterior, *part.interiors]]
        elif not part.is_empty:
            xy = shapely.get_coordinates(part)
            lines.append(xy if len(xy) > 1 else np.vstack([xy, xy]))
    if not lines:
        return np.empty((0, 2)), np.empty((0, 2))
    return np.concatenate([r[:-1] for r in lines]), np.concatenate([r[1:] for r in lines])


def _least_through(region: shapely.Geometry, edges: tuple[np.ndarray, np.ndarray], a: Point, b: Point) -> float:
    """The least |ap| + |pb| over the points p of region (edges: its outline_edges)."""
    if shapely.intersects(region, shapely.LineString([a, b])):
        return math.dist(a, b)
    # on the outline then: for each edge, the least over its line by reflecting b where it lies
    # on a's side, held to the edge's ends
    u, v = edges
    if not len(u):
        return math.inf
    ax, ay = a
    d = v - u
    ll = np.maximum((d ** 2).sum(axis=1), 1e-18)
    side_a = d[:, 0] * (ay - u[:, 1]) - d[:, 1] * (ax - u[:, 0])
    side_b = d[:, 0] * (b[1] - u[:, 1]) - d[:, 1] * (b[0] - u[:, 0])
    flip = side_a * side_b > 0
    f = np.where(flip, 2 * side_b / ll, 0.0)
    bx, by = b[0] + f * d[:, 1], b[1] - f * d[:, 0]
    # where a -> b' crosses the edge's line, as a fraction along the edge
    den = d[:, 0] * (by - ay) - d[:, 1] * (bx - ax)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((ax - u[:, 0]) * (by - ay) - (ay - u[:, 1]) * (bx - ax)) / den
    t = np.clip(np.nan_to_num(t, nan=0.0), 0.0, 1.0)
    px, py = u[:, 0] + t * d[:, 0], u[:, 1] + t * d[:, 1]
    through = np.hypot(px - ax, py - ay) + np.hypot(b[0] - px, b[1] - py)
    ends = np.minimum(np.hypot(u[:, 0] - ax, u[:, 1] - ay) + np.hypot(b[0] - u[:, 0], b[1] - u[:, 1]),
                      np.hypot(v[:, 0] - ax, v[:, 1] - ay) + np.hypot(b[0] - v[:, 0], b[1] - v[:, 1]))
    return float(min(through.min(), ends.min()))
