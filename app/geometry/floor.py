"""Where a person of a given width can walk, and where their walks start and end.

The walkable floor holds the positions of a walker's CENTRE: the room shrunk by half the width
minus the solid pieces grown by half the width (floor coverings are floor). Its connected parts
say what can reach what; its triangles carry the route search (app.geometry.paths).
"""

from __future__ import annotations

import math
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import shapely

from app.geometry.mesh import Mesh, triangulated
from app.geometry.session import CheckSession
from app.geometry.shapes import Plan, door_entry, piece_key
from app.model import Layout

Point = tuple[float, float]

#: a gap of exactly the clear width stays open: the pieces grow by half the width less this
TOLERANCE = 0.01
#: arc points per quarter circle round a grown corner: the arc lies inside the true circle by
#: at most r(1 - cos(pi/32)) = 0.087 in at r = 18 in; with TOLERANCE the floor errs on the open
#: side by less than 0.1 in (docs/checks.md)
QUAD_SEGS = 8
#: the walk to a zone whose middle is covered ends on the edge of the floor that reaches into
#: it, sampled this often (in)
SPOT_SPACING = 2.0
#: the side of the squares a cluster of grown pieces is united by first (in): 20 ft
BLOCK_SQUARE = 240.0
#: a spot's straight way on to the zone's middle counts this much over a step walked: of two
#: spots on one line to the middle, the walk ends at the nearer one (1.0 would make them tie)
STRAIGHT_ON = 1.05


@dataclass(frozen=True, eq=False)
class Floor:
    width: float
    radius: float
    space: shapely.Geometry  # where a walker's centre can be
    parts: np.ndarray  # its connected parts (polygons)
    room: bytes  # the room shrunk by the radius, as WKB: walks on two floors compare only in one room
    grown: dict[tuple, shapely.Geometry]  # each solid piece grown by the radius, by its values (piece_key)
    session: CheckSession = field(repr=False)
    #: change_since, by the grown pieces it was asked about (the walks kept from one check
    #: share theirs), and what the freed floor touches of their mesh: this check's own, nothing
    #: kept between checks
    changes: dict[int | tuple[int, int], tuple] = field(default_factory=dict, repr=False)

    @functools.cached_property
    def mesh(self) -> Mesh:
        """The floor's triangles, built the first time a walk is searched (an edit whose walks
        are all kept needs none)."""
        return triangulated(self.space, self.session)

    def change_since(self, grown: dict[tuple, shapely.Geometry], outline: Callable) -> tuple:
        """What changed since a floor of these grown pieces (by their values): the pieces added,
        united; the floor freed (the pieces gone, less the ones added); and outline(freed).
        None for nothing. Worked out once per check for the walks that share their floor."""
        if id(grown) not in self.changes:
            added = [g for k, g in self.grown.items() if k not in grown]
            removed = [g for k, g in grown.items() if k not in self.grown]
            added = shapely.union_all(added) if added else None
            freed = shapely.union_all(removed) if removed else None
            if freed is not None and added is not None:
                freed = shapely.difference(freed, added)
            if freed is not None and freed.is_empty:
                freed = None
            # holding grown keeps its id its own for this check
            self.changes[id(grown)] = (grown, added, freed, None if freed is None else outline(freed))
        return self.changes[id(grown)][1:]

    def part_at(self, point: Point) -> int:
        """Which part holds the point (within a hair), -1 if none."""
        hits = np.flatnonzero(shapely.dwithin(self.parts, shapely.Point(point), 1e-7)) if len(self.parts) else []
        return int(hits[0]) if len(hits) else -1


def walkable_floor(layout: Layout, plan: Plan, width: float, session: CheckSession) -> Floor:
    radius = max(width / 2 - TOLERANCE, 0.01)
    index = np.flatnonzero(plan.solid)
    keys = [piece_key(layout.pieces[k]) for k in index.tolist()]
    grown = np.empty(len(index), dtype=object)
    grown[:] = [session.get("grown", (key, radius),
                            lambda k=k: shapely.buffer(plan.pieces[k], radius, quad_segs=QUAD_SEGS))
                for key, k in zip(keys, index.tolist())]
    inside = session.get("room", (shapely.to_wkb(plan.room), radius),
                         lambda: shapely.buffer(plan.room, -radius, quad_segs=QUAD_SEGS))
    blocks = _blocks(grown, keys, radius, session)
    polys = [g for block in blocks.values() for g in shapely.get_parts(block) if isinstance(g, shapely.Polygon)]
    polys.sort(key=lambda g: g.bounds)
    space = shapely.difference(inside, shapely.multipolygons(polys)) if polys else inside
    parts = np.array([g for g in shapely.get_parts(space) if isinstance(g, shapely.Polygon) and g.area > 1e-9],
                     dtype=object)
    space = shapely.multipolygons(parts) if len(parts) else shapely.Polygon()
    return Floor(width, radius, space, parts, shapely.to_wkb(inside), dict(zip(keys, grown)), session)


def _blocks(grown: np.ndarray, keys: list[tuple], radius: float, session: CheckSession) -> dict[tuple, shapely.Geometry]:
    """The grown pieces united where they touch, one union per cluster, each in a fixed order
    so that a cluster no edit reached is the same union as before. A cluster is united square
    by square first (BLOCK_SQUARE), each square's union kept on its own: an edit to a cluster
    that fills the room redoes one square and the union of the squares, not every piece's."""
    if not len(grown):
        return {}
    i, j = _touching(grown, keys, radius, session)
    label = _components(len(grown), i, j)
    bounds = shapely.bounds(grown)
    square = np.floor((bounds[:, :2] + bounds[:, 2:]) / (2 * BLOCK_SQUARE)).astype(int).tolist()
    out = {}
    for members in _groups(label):
        members.sort(key=lambda k: keys[k])
        squares: dict[tuple, list[int]] = {}
        for k in members:
            squares.setdefault(tuple(square[k]), []).append(k)
        unions = [session.get("block", (radius, tuple(keys[k] for k in part)),
                              lambda part=part: shapely.union_all(grown[part]))
                  for _, part in sorted(squares.items())]
        key = (radius, tuple(keys[k] for k in members))
        out[key] = unions[0] if len(unions) == 1 else session.get("block", key, lambda u=unions: shapely.union_all(u))
    return out


def _touching(grown: np.ndarray, keys: list[tuple], radius: float, session: CheckSession) -> tuple[list, list]:
    """The pairs of grown pieces that intersect, as index lists: two pieces the last check had
    touch as they did (the session keeps each piece's touching ones by their values), and only
    the pieces it did not have are queried."""
    before = session.kept("touching", radius) or {}
    at: dict[tuple, list[int]] = {}
    for k, key in enumerate(keys):
        at.setdefault(key, []).append(k)
    new = [k for k, key in enumerate(keys) if key not in before]
    i, j = [], []
    for k, key in enumerate(keys):
        if key in before:
            for other in before[key]:
                for m in at.get(other, ()):
                    i.append(k)
                    j.append(m)
    if new:
        a, b = shapely.STRtree(grown).query(grown[new], predicate="intersects")
        a = [new[x] for x in a.tolist()]
        b = b.tolist()
        i += a + b
        j += b + a
    touching: dict[tuple, set[tuple]] = {key: set() for key in keys}
    for x, y in zip(i, j):
        touching[keys[x]].add(keys[y])
    session.put("touching", radius, touching)
    return i, j


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in zip(i, j):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.array([find(a) for a in range(n)])


def _groups(label: np.ndarray) -> list[list[int]]:
    order = np.argsort(label, kind="stable")
    cuts = np.flatnonzero(np.diff(label[order])) + 1
    return [g.tolist() for g in np.split(order, cuts)]


# --- where walks start and end ------------------------------------------------------------------


def door_spot(layout: Layout, floor: Floor, door_index: int) -> Point | None:
    """Where someone coming in through the door stands: just inside the middle of the opening,
    or the nearest free spot in front of the opening; None if nothing that wide gets in."""
    room, door = layout.room, layout.room.doors[door_index]
    ideal = door_entry(room, door, floor.radius + 0.5)
    if floor.part_at(ideal) >= 0:
        return ideal
    a, b = (np.asarray(p) for p in room.opening_span(door))
    n = np.asarray(room.inward_normal(door.wall)) * (floor.radius + 2.0)
    front = shapely.Polygon([tuple(a), tuple(b), tuple(b + n), tuple(a + n)])
    free = shapely.intersection(floor.space, front)
    if free.area <= 1e-6:
        return None
    near = shapely.get_coordinates(shapely.shortest_line(shapely.Point(ideal), free))[-1]
    return float(near[0]), float(near[1])


@dataclass(frozen=True)
class Reach:
    """Where a walker's centre may stand to use a zone: their body reaches into it."""

    middle: Point  # the zone's middle
    region: shapely.Geometry  # floor within a walker's half width of the zone
    middle_open: bool  # the middle itself is walkable floor

    def spots(self) -> list[Point]:
        """The points a walk to the zone may end at: the middle when it is open floor, else the
        edge of the region, each of its sides from its first corner at most SPOT_SPACING inches
        apart (an edit that reshapes one part of the edge leaves the points of the rest as they
        were, so a walk to one of them can be kept: app.geometry.walks)."""
        if self.middle_open:
            return [self.middle]
        out: list[Point] = []
        for ring in rings(self.region):
            xy = shapely.get_coordinates(ring)
            a, b = xy[:-1], xy[1:]
            count = np.maximum(1, np.ceil(np.hypot(*(b - a).T) / SPOT_SPACING)).astype(int)
            side = np.repeat(np.arange(len(a)), count)
            step = (np.arange(len(side)) - np.repeat(np.cumsum(count) - count, count)) / count[side]
            at = a[side] + step[:, None] * (b[side] - a[side])
            out += zip(at[:, 0].tolist(), at[:, 1].tolist())
        return out

    def extra(self, spots: list[Point]) -> list[float]:
        """What a spot away from the middle costs: the straight way on to the middle, a little
        more than walked (STRAIGHT_ON), so the walk ends on the near side of a table, walked up
        to it, not round its far side (docs/checks.md)."""
        mx, my = self.middle
        return [0.0 if self.middle_open else STRAIGHT_ON * math.hypot(x - mx, y - my) for x, y in spots]


def zone_reach(floor: Floor, zone: shapely.Geometry, door_floor: shapely.Geometry) -> Reach | None:
    """The floor (of door_floor: the parts reached from a door) from which a walker's body
    reaches into the zone, or None."""
    if door_floor.is_empty:
        return None
    near, key = _near(floor, zone)
    local = shapely.clip_by_rect(door_floor, *near.bounds)
    return floor.session.get("reach", (key, shapely.to_wkb(local)), lambda: _reach(zone, near, local))


def _reach(zone: shapely.Geometry, near: shapely.Geometry, local: shapely.Geometry) -> Reach | None:
    region = shapely.intersection(near, local)
    polys = [g for g in shapely.get_parts(region) if isinstance(g, shapely.Polygon) and g.area > 1e-6]
    if not polys:
        return None
    region = shapely.multipolygons(polys)
    c = zone.centroid
    middle = (c.x, c.y)
    return Reach(middle, region, bool(shapely.dwithin(region, c, 1e-9)))


def _near(floor: Floor, zone: shapely.Geometry, narrow: bool = False) -> tuple[shapely.Geometry, tuple]:
    """Where a walker's centre reaches into the zone from: the zone grown by the walker's whole
    half width (the floor stops TOLERANCE short of it round the pieces), or (narrow) by a hair
    less; and the key it is kept by."""
    key = (shapely.to_wkb(zone), floor.width)
    grown = floor.session.get("zone", key, lambda: (shapely.buffer(zone, floor.width / 2, quad_segs=QUAD_SEGS),
                                                    shapely.buffer(zone, floor.width / 2 - TOLERANCE / 2,
                                                                   quad_segs=QUAD_SEGS)))
    return grown[narrow], key


def reaches(floor: Floor, zone: shapely.Geometry, door_floor: shapely.Geometry) -> bool:
    """Whether a walker on door_floor (prepared) can reach into the zone: zone_reach is not None,
    without building the region."""
    return bool(shapely.intersects(door_floor, _near(floor, zone, narrow=True)[0]))


def rings(region: shapely.Geometry) -> list[shapely.LineString]:
    out = []
    for poly in shapely.get_parts(region):
        out.append(poly.exterior)
        out.extend(poly.interiors)
    return out
