"""The whole check: walkable space, entrance routes and rotation legs, and why a way is blocked."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import shapely

from app.geometry.findings import finding, ordered
from app.geometry.gaps import Gap, Obstacles, gaps_near, gaps_on_route
from app.geometry.light import check_light
from app.geometry.navmesh import path_length
from app.geometry.shapes import capitalized, door_entry, door_name, piece_shapes, zone_name, zone_shapes
from app.geometry.reuse import Reuse
from app.geometry.walkable import TOLERANCE, walkable_space
from app.geometry.ways import reachable_zones, walks
from app.model import Finding, Layout, Severity
from app.units import format_length


def inches(value: float) -> str:
    """Clear widths and gaps read in whole inches, as teachers and ADA 403.5.1 state them: 36\"."""
    return f'{round(value)}"'

#: a person turning sideways: where even this can't pass, a zone is closed in
NARROW_WIDTH = 18.0

Point = tuple[float, float]


@dataclass
class Route:
    kind: Literal["entrance", "rotation"]  # door -> station, or station -> next station
    start_id: str  # a door id or a zone id
    end_id: str  # a zone id
    path: list[Point] | None  # the shortest walk (inches), None if blocked
    length: float | None  # inches, None if blocked


@dataclass
class Analysis:
    findings: list[Finding]  # same as check_layout
    walkable: shapely.Geometry  # where the CENTRE of a clear_width-wide person can be
    routes: list[Route] = field(default_factory=list)


def _rotation_legs(layout: Layout) -> list[tuple[int, int]]:
    index = {z.id: k for k, z in enumerate(layout.zones)}
    order = [index[i] for i in layout.transitions.rotation if i in index]
    if len(order) < 2:
        return []
    return list(zip(order, order[1:] + order[:1]))  # and from the last station back to the first


def analyze(layout: Layout) -> Analysis:
    """Everything the editor overlay and the PDF need, computed once."""
    findings = check_light(layout)
    geoms, solid = piece_shapes(layout)
    zones = zone_shapes(layout)
    width = layout.clear_width
    space = walkable_space(layout, width, geoms[solid])
    # the issue asks for walks from a door to each station and along the rotation; any other
    # zone only has to be reachable
    stations = [z for z, zone in enumerate(layout.zones) if zone.station is not None]
    others = [z for z, zone in enumerate(layout.zones) if zone.station is None]
    legs = _rotation_legs(layout)
    reuse = Reuse("full", space.floor)
    ways = walks(layout, space, zones, stations, legs, reuse)
    open_zones = set(ways.entrance) | reachable_zones(layout, space, zones, others)

    blocked_zones = [z for z in range(len(layout.zones)) if z not in open_zones]
    blocked_legs = [leg for leg in legs if ways.legs[leg] is None]
    blocked_doors = [d for d, e in enumerate(ways.entries) if e is None]
    why = _Why(layout, geoms, solid, zones, width, findings)
    if blocked_zones or blocked_legs or blocked_doors:
        why.explain(blocked_zones, blocked_legs, blocked_doors)

    doors = layout.room.doors
    routes: list[Route] = []
    for z, zone in enumerate(layout.zones):
        if z in ways.entrance:
            door, path = ways.entrance[z]
            routes.append(Route("entrance", doors[door].id, zone.id, path, path_length(path)))
        elif z not in open_zones:
            # a blocked zone keeps a route without a path: the PDF lists it as not reachable yet
            routes.append(Route("entrance", _nearest_door(layout, zones[z]), zone.id, None, None))
            findings.append(why.unreachable(z))
    for a, b in legs:
        path = ways.legs[(a, b)]
        za, zb = layout.zones[a], layout.zones[b]
        routes.append(Route("rotation", za.id, zb.id, path, path_length(path) if path else None))
        if path is None:
            findings.append(why.leg_blocked(a, b))
    findings += why.door_findings(blocked_doors)
    findings += why.gap_findings()
    # route lengths read as a teacher walks them: entrances by station number, then the legs
    # in rotation order
    number = {z.id: (z.station is None, z.station or 0, k) for k, z in enumerate(layout.zones)}
    entrances = sorted((r for r in routes if r.kind == "entrance"), key=lambda r: number[r.end_id])
    infos = [_route_info(layout, r) for r in entrances + [r for r in routes if r.kind == "rotation"]
             if r.path is not None]
    return Analysis(ordered(findings) + infos, space.geom, routes)


def forget() -> None:
    """Empty the caches the full check keeps between edits (tests compare warm and cold runs)."""
    from app.geometry import reuse, tiles, walkable

    tiles.forget()
    reuse.forget()
    walkable.forget()


def check_layout(layout: Layout) -> list[Finding]:
    """check_light + walkable analysis: unreachable-zone, rotation-route-blocked, narrow-passage,
    plus info findings with route lengths."""
    return analyze(layout).findings


def _nearest_door(layout: Layout, zone_geom: shapely.Geometry) -> str:
    doors = layout.room.doors
    if not doors:
        return ""
    c = zone_geom.centroid
    ends = [layout.room.opening_span(d) for d in doors]
    return min(zip(doors, ends), key=lambda de: math.dist(((de[1][0][0] + de[1][1][0]) / 2, (de[1][0][1] + de[1][1][1]) / 2), (c.x, c.y)))[0].id


def _route_info(layout: Layout, route: Route) -> Finding:
    if route.kind == "entrance":
        door = next(d for d in layout.room.doors if d.id == route.start_id)
        start = capitalized(door_name(layout, door))
    else:
        start = capitalized(zone_name(layout.zone(route.start_id)))
    end = zone_name(layout.zone(route.end_id))
    text = f"{start} -> {end}: {format_length(route.length)}"
    return finding(Severity.INFO, "route-length", text, [route.start_id, route.end_id],
                   point=route.path[len(route.path) // 2], path=[tuple(p) for p in np.round(route.path, 2).tolist()])


class _Why:
    """Why a connection is blocked: the route a sideways person would take, and its narrow gaps."""

    def __init__(self, layout: Layout, geoms: np.ndarray, solid: np.ndarray, zones: np.ndarray, width: float,
                 light: list[Finding]) -> None:
        self.layout, self.geoms, self.solid, self.zones, self.width = layout, geoms, solid, zones, width
        self.light = light
        self.gap_limit = width - 2 * TOLERANCE  # the same rule as the walkable space
        self.zone_gaps: dict[int, list[Gap] | None] = {}  # None: not even a sideways path
        self.leg_gaps: dict[tuple[int, int], list[Gap] | None] = {}
        self.gaps: dict[tuple[int, int], tuple[Gap, set[str]]] = {}
        self.obstacles: Obstacles | None = None

    def explain(self, zones: list[int], legs: list[tuple[int, int]], doors: list[int]) -> None:
        self.obstacles = Obstacles.of(self.layout, self.geoms, self.solid)
        narrow = min(NARROW_WIDTH, self.width)
        space = walkable_space(self.layout, narrow, self.geoms[self.solid])
        ways = walks(self.layout, space, self.zones, zones, legs)
        for z in zones:
            if z not in ways.entrance:
                self.zone_gaps[z] = None
                continue
            gaps = gaps_on_route(self.obstacles, ways.entrance[z][1], self.gap_limit)
            self.zone_gaps[z] = gaps
            self._remember(gaps, self.layout.zones[z].id)
        for leg in legs:
            path = ways.legs.get(leg)
            gaps = gaps_on_route(self.obstacles, path, self.gap_limit) if path else None
            self.leg_gaps[leg] = gaps
            for z in leg:
                self._remember(gaps or [], self.layout.zones[z].id)

    def _remember(self, gaps: list[Gap], about: str) -> None:
        for gap in gaps:
            key = (gap.first, gap.second)
            if key in self.gaps:
                self.gaps[key][1].add(about)
            else:
                self.gaps[key] = (gap, {about})

    def _describe(self, gap: Gap) -> str:
        names = self.obstacles.names
        return f"{inches(gap.width)} between {names[gap.first]} and {names[gap.second]}"

    def _reason(self, gaps: list[Gap] | None, closed: str) -> tuple[str, shapely.Geometry | None]:
        clear = inches(self.width)
        if gaps is None:
            return closed, None
        if not gaps:
            return f"the way there is narrower than {clear}", None
        narrowest = min(gaps, key=lambda g: g.width)
        return f"the narrowest point is {self._describe(narrowest)}", narrowest.polygon()

    def unreachable(self, z: int) -> Finding:
        zone = self.layout.zones[z]
        clear = inches(self.width)
        if not self.layout.room.doors:
            text, geom = "the room has no door yet: add one on a wall", None
        else:
            closed = f"it is closed in (not even a {inches(NARROW_WIDTH)} sideways path gets there)"
            text, geom = self._reason(self.zone_gaps.get(z), closed)
        c = self.zones[z].centroid
        return finding(Severity.ERROR, "unreachable-zone",
                       f"{capitalized(zone_name(zone))} can't be reached with a {clear} clear path: {text}",
                       [zone.id], geom, point=(round(c.x, 2), round(c.y, 2)))

    def leg_blocked(self, a: int, b: int) -> Finding:
        za, zb = self.layout.zones[a], self.layout.zones[b]
        closed = f"there is no way through, not even {inches(NARROW_WIDTH)} wide sideways"
        text, geom = self._reason(self.leg_gaps.get((a, b)), closed)
        c = self.zones[a].centroid
        return finding(Severity.ERROR, "rotation-route-blocked",
                       f"Groups can't walk from {zone_name(za)} to {zone_name(zb)} with a "
                       f"{inches(self.width)} clear path: {text}",
                       [za.id, zb.id], geom, point=(round(c.x, 2), round(c.y, 2)))

    def door_findings(self, doors: list[int]) -> list[Finding]:
        out = []
        already = {f.ids[0] for f in self.light if f.code == "door-blocked"}
        for d in doors:
            door = self.layout.room.doors[d]
            if door.id in already:
                continue  # a piece in its clear area is the reason, and is reported
            spot = door_entry(self.layout.room, door, self.width / 2)
            gaps = gaps_near(self.obstacles, spot, self.gap_limit)
            if gaps:
                gap = gaps[0]
                self._remember([gap], door.id)
                continue
            out.append(finding(Severity.ERROR, "door-blocked",
                               f"Nothing {inches(self.width)} wide can get in through {door_name(self.layout, door)}",
                               [door.id], point=spot))
        return out

    def gap_findings(self) -> list[Finding]:
        out = []
        for gap, about in self.gaps.values():
            ids = [i for i in (self.obstacles.ids[gap.first], self.obstacles.ids[gap.second]) if i]
            out.append(finding(Severity.WARNING, "narrow-passage",
                               f"The {inches(gap.width)} gap between {self.obstacles.names[gap.first]} and "
                               f"{self.obstacles.names[gap.second]} is narrower than the "
                               f"{inches(self.width)} clear path",
                               ids + sorted(about), gap.polygon(), point=tuple(round(v, 2) for v in gap.middle)))
        return out
