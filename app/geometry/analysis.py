"""The whole check: walkable floor, the walks from the doors and along the rotation, and why a
way is blocked, in sentences that name what to move (docs/checks.md says what each one means)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import shapely

from app.geometry.findings import finding, inches, ordered, with_article
from app.geometry.floor import walkable_floor
from app.geometry.gaps import Gap, Obstacles, gaps_near, gaps_on_route
from app.geometry.light import check_light as light_findings
from app.geometry.session import CheckSession, NoSession
from app.geometry.walks import Walks
from app.geometry.shapes import Plan, capitalized, door_name, piece_key, piece_names, piece_outlines, plan_of, zone_name
from app.model import Finding, Layout, Severity
from app.units import format_length

#: a person turning sideways: where even this can't pass, a zone is closed in
NARROW_WIDTH = 18.0
#: obstacles named in "closed in by ..." at most
NAMED_AT_MOST = 4

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
    findings: list[Finding]  # the same as check_layout
    walkable: shapely.Geometry  # where the CENTRE of a clear_width-wide person can be
    routes: list[Route] = field(default_factory=list)


def plan_for(layout: Layout, session: CheckSession) -> Plan:
    """The layout's plan, its footprints taken from the session where a piece did not change."""
    keys = [piece_key(p) for p in layout.pieces]
    pieces = np.empty(len(keys), dtype=object)
    pieces[:] = [session.kept("footprint", key) for key in keys]
    missing = [k for k, geom in enumerate(pieces) if geom is None]
    if missing:
        pieces[missing] = piece_outlines([layout.pieces[k] for k in missing])
    for key, geom in zip(keys, pieces):
        session.put("footprint", key, geom)
    return plan_of(layout, pieces)


def check_light(layout: Layout, session: CheckSession | None = None) -> list[Finding]:
    """The fast checks of every drag step: zone-overlap, piece-collision, outside-room and
    door-blocked, sorted."""
    session = NoSession() if session is None else session
    out = ordered(light_findings(layout, plan_for(layout, session), piece_names(layout)))
    session.end_check()
    return out


def check_layout(layout: Layout, session: CheckSession | None = None) -> list[Finding]:
    """check_light + the walks: unreachable-zone, rotation-route-blocked, narrow-passage,
    door-blocked, and route-length notes."""
    return analyze(layout, session).findings


def analyze(layout: Layout, session: CheckSession | None = None) -> Analysis:
    """Everything the Checks panel, the overlay and the PDF need, computed once."""
    session = NoSession() if session is None else session
    plan = plan_for(layout, session)
    names = piece_names(layout)
    findings = light_findings(layout, plan, names)
    walks = Walks(layout, plan, walkable_floor(layout, plan, layout.clear_width, session), session)
    why = _Why(layout, plan, names, session, findings)
    routes: list[Route] = []
    doors = layout.room.doors
    blocked_zones = []
    for z, zone in enumerate(layout.zones):
        if z in walks.entrance:
            door, path = walks.entrance[z]
            routes.append(Route("entrance", doors[door].id, zone.id, path, _length(path)))
        elif z not in walks.open:
            blocked_zones.append(z)
            routes.append(Route("entrance", _nearest_door(layout, plan.zones[z]), zone.id, None, None))
    blocked_legs = [leg for leg in walks.legs if walks.legs[leg] is None]
    blocked_doors = [d for d, spot in enumerate(walks.doors) if spot is None]
    if blocked_zones or blocked_legs or blocked_doors:
        why.explain(blocked_zones, blocked_legs)
    findings += [why.unreachable(z) for z in blocked_zones]
    for (a, b), path in walks.legs.items():
        za, zb = layout.zones[a], layout.zones[b]
        routes.append(Route("rotation", za.id, zb.id, path, _length(path) if path else None))
        if path is None:
            findings.append(why.leg_blocked(a, b))
    findings += why.door_findings(blocked_doors)
    findings += why.gap_findings()
    # route lengths read as a teacher walks them: entrances by station number, then the legs
    number = {z.id: (z.station is None, z.station or 0, k) for k, z in enumerate(layout.zones)}
    entrances = sorted((r for r in routes if r.kind == "entrance"), key=lambda r: number[r.end_id])
    infos = [_route_info(layout, r) for r in entrances + [r for r in routes if r.kind == "rotation"]
             if r.path is not None]
    session.end_check()
    return Analysis(ordered(findings) + infos, walks.floor.space, routes)


class _Why:
    """Why a connection is blocked: the way a sideways person would take and its narrow gaps,
    or what closes a zone in."""

    def __init__(self, layout: Layout, plan: Plan, names: list[str], session: CheckSession,
                 light: list[Finding]) -> None:
        self.layout, self.plan, self.names, self.session, self.light = layout, plan, names, session, light
        self.width = layout.clear_width
        self.gap_limit = self.width - 0.05  # a gap of the clear width itself is open
        self.zone_gaps: dict[int, list[Gap] | None] = {}  # None: not even a sideways path
        self.leg_gaps: dict[tuple[int, int], list[Gap] | None] = {}
        self.gaps: dict[tuple[int, int], tuple[Gap, set[str]]] = {}
        self.narrow: Walks | None = None

    @functools.cached_property
    def obstacles(self) -> Obstacles:
        """The solid pieces and the walls, named: built only when something is blocked."""
        return Obstacles.of(self.layout, self.plan.pieces, self.plan.solid, self.names)

    def explain(self, zones: list[int], legs: list[tuple[int, int]]) -> None:
        width = min(NARROW_WIDTH, self.width)
        floor = walkable_floor(self.layout, self.plan, width, self.session)
        self.narrow = Walks(self.layout, self.plan, floor, self.session,
                            sorted({*zones, *(z for leg in legs for z in leg)}), legs)
        for z in zones:
            if z not in self.narrow.entrance:
                self.zone_gaps[z] = None
                continue
            gaps = gaps_on_route(self.obstacles, self.narrow.entrance[z][1], self.gap_limit)
            self.zone_gaps[z] = gaps
            self._remember(gaps, self.layout.zones[z].id)
        for leg in legs:
            path = self.narrow.legs.get(leg)
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

    def _gap_ids(self, gap: Gap) -> list[str]:
        return [i for i in (self.obstacles.ids[gap.first], self.obstacles.ids[gap.second]) if i]

    def _describe(self, gap: Gap) -> str:
        names = self.obstacles.names
        return f"{inches(gap.width)} between {names[gap.first]} and {names[gap.second]}"

    def _closed_in(self, z: int) -> tuple[str, list[str]]:
        """'closed in by Table 3, Shelf 2 and the north wall': what stands round the zone's floor."""
        zone = self.plan.zones[z]
        narrow = self.narrow.floor if self.narrow else None
        radius = narrow.radius if narrow else NARROW_WIDTH / 2
        around = shapely.buffer(zone, radius)
        if narrow is not None and len(narrow.parts):
            # the pocket of floor the zone is in, whole: what stands round it closes it in
            pockets = narrow.parts[shapely.intersects(narrow.parts, around)]
            if len(pockets):
                around = shapely.multipolygons(pockets)
        near = self.obstacles.tree.query(around, predicate="dwithin", distance=radius + 1.0)
        near = sorted(near.tolist(), key=lambda k: shapely.distance(self.obstacles.geoms[k], zone.centroid))
        named = [self.obstacles.names[k] for k in near]
        ids = [i for i in (self.obstacles.ids[k] for k in near) if i]
        if not named:
            return f"it is closed in (not even {with_article(inches(NARROW_WIDTH))} sideways path gets there)", []
        if len(named) > NAMED_AT_MOST:
            listed = ", ".join(named[:NAMED_AT_MOST]) + f" and {len(named) - NAMED_AT_MOST} more"
        else:
            listed = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
        return f"it is closed in by {listed} (not even {with_article(inches(NARROW_WIDTH))} sideways path gets there)", ids

    def _reason(self, gaps: list[Gap] | None) -> tuple[str, shapely.Geometry | None, list[str]]:
        if not gaps:
            return f"the way there is narrower than {inches(self.width)}", None, []
        narrowest = min(gaps, key=lambda g: g.width)
        return f"the narrowest point is {self._describe(narrowest)}", narrowest.polygon(), self._gap_ids(narrowest)

    def unreachable(self, z: int) -> Finding:
        zone = self.layout.zones[z]
        geom, ids = None, []
        if not self.layout.room.doors:
            text = "the room has no door yet: add one on a wall"
        elif self.zone_gaps.get(z) is None:
            text, ids = self._closed_in(z)
        else:
            text, geom, ids = self._reason(self.zone_gaps[z])
        c = self.plan.zones[z].centroid
        return finding(Severity.ERROR, "unreachable-zone",
                       f"{capitalized(zone_name(zone))} can't be reached with {with_article(inches(self.width))} "
                       f"clear path: {text}", [zone.id, *ids], geom, point=(round(c.x, 2), round(c.y, 2)))

    def leg_blocked(self, a: int, b: int) -> Finding:
        za, zb = self.layout.zones[a], self.layout.zones[b]
        gaps = self.leg_gaps.get((a, b))
        if gaps is None:
            text = f"there is no way through, not even {inches(NARROW_WIDTH)} wide sideways"
            geom, ids = None, []
        else:
            text, geom, ids = self._reason(gaps)
        c = self.plan.zones[a].centroid
        return finding(Severity.ERROR, "rotation-route-blocked",
                       f"Groups can't walk from {zone_name(za)} to {zone_name(zb)} with "
                       f"{with_article(inches(self.width))} clear path: {text}",
                       [za.id, zb.id, *ids], geom, point=(round(c.x, 2), round(c.y, 2)))

    def door_findings(self, doors: list[int]) -> list[Finding]:
        out = []
        already = {f.ids[0] for f in self.light if f.code == "door-blocked"}
        room = self.layout.room
        for d in doors:
            door = room.doors[d]
            if door.id in already:
                continue  # a piece in its clear area is the reason, and is reported
            a, b = (np.asarray(p) for p in room.opening_span(door))
            spot = tuple(((a + b) / 2 + np.asarray(room.inward_normal(door.wall)) * self.width / 2).tolist())
            gaps = gaps_near(self.obstacles, spot, self.gap_limit)
            if gaps:
                self._remember([gaps[0]], door.id)
                continue
            out.append(finding(Severity.ERROR, "door-blocked",
                               f"Nothing {inches(self.width)} wide can get in through {door_name(self.layout, door)}",
                               [door.id], point=spot))
        return out

    def gap_findings(self) -> list[Finding]:
        out = []
        for gap, about in self.gaps.values():
            out.append(finding(Severity.WARNING, "narrow-passage",
                               f"The {inches(gap.width)} gap between {self.obstacles.names[gap.first]} and "
                               f"{self.obstacles.names[gap.second]} is narrower than the "
                               f"{inches(self.width)} clear path",
                               self._gap_ids(gap) + sorted(about), gap.polygon(),
                               point=tuple(round(v, 2) for v in gap.middle)))
        return out


def _length(path: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(path, path[1:]))


def _nearest_door(layout: Layout, zone_geom: shapely.Geometry) -> str:
    doors = layout.room.doors
    if not doors:
        return ""
    c = zone_geom.centroid

    def distance(door) -> float:
        (ax, ay), (bx, by) = layout.room.opening_span(door)
        return math.dist(((ax + bx) / 2, (ay + by) / 2), (c.x, c.y))

    return min(doors, key=distance).id


def _route_info(layout: Layout, route: Route) -> Finding:
    if route.kind == "entrance":
        door = next(d for d in layout.room.doors if d.id == route.start_id)
        start = capitalized(door_name(layout, door))
    else:
        start = capitalized(zone_name(layout.zone(route.start_id)))
    end = zone_name(layout.zone(route.end_id))
    text = f"{start} -> {end}: {format_length(route.length)}"
    path = [(round(x, 2), round(y, 2)) for x, y in route.path]
    return finding(Severity.INFO, "route-length", text, [route.start_id, route.end_id],
                   point=path[len(path) // 2], path=path)
