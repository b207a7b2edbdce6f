"""Where a person of a given width can walk: the room eroded by w/2 minus the furniture grown by w/2.

The space holds the positions of a walker's CENTRE, so a path through it is a path for the
whole body. Connected parts say what can reach what.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from app.geometry.navmesh import NavMesh
from app.geometry.shapes import door_entry, room_shape
from app.model import Layout

#: a gap of exactly the clear width must stay open: grow by w/2 minus this so round-off can't close it
TOLERANCE = 0.05
#: arc points per quarter circle where a grown corner is rounded: the arc sags at most
#: r(1 - cos(15 deg)) = 0.6 in at r = 18 in (optimistic at corners only; straight sides are exact)
QUAD_SEGS = 3
#: outlines with many points (round and kidney tables) are simplified to this (in) and grown by it
SIMPLIFY = 0.5


@dataclass
class Space:
    width: float
    radius: float
    geom: shapely.Geometry
    parts: np.ndarray  # the connected parts, polygons
    _mesh: NavMesh | None = field(default=None, repr=False)

    @property
    def mesh(self) -> NavMesh:
        if self._mesh is None:
            self._mesh = NavMesh.build(self.geom)
        return self._mesh

    def part_at(self, point: tuple[float, float]) -> int:
        """Which connected part holds point (within a hair), -1 if none."""
        if not len(self.parts):
            return -1
        d = shapely.distance(self.parts, shapely.Point(point))
        k = int(np.argmin(d))
        return k if d[k] <= 1e-6 else -1


def grown_obstacles(solid_geoms: np.ndarray, radius: float) -> shapely.Geometry:
    """The solid pieces grown by radius, as one geometry (one buffer of the whole collection is
    ~3x faster than buffering each and uniting them)."""
    if not len(solid_geoms):
        return shapely.Polygon()
    geoms = solid_geoms.copy()
    many = shapely.get_num_coordinates(geoms) > 10
    if many.any():
        # a mitred grow by the simplify tolerance keeps the simplified outline around the true one
        geoms[many] = shapely.buffer(shapely.simplify(geoms[many], SIMPLIFY), SIMPLIFY, join_style="mitre")
    return shapely.buffer(shapely.geometrycollections(geoms), radius, quad_segs=QUAD_SEGS)


def walkable_space(layout: Layout, width: float, solid_geoms: np.ndarray) -> Space:
    radius = max(width / 2 - TOLERANCE, 0.01)
    room = room_shape(layout.room)
    inner = shapely.buffer(room, -radius, quad_segs=QUAD_SEGS)
    geom = shapely.difference(inner, grown_obstacles(solid_geoms, radius)) if len(solid_geoms) else inner
    parts = np.array([p for p in shapely.get_parts(geom) if p.area > 1e-3], dtype=object)
    return Space(width, radius, geom, parts)


def entry_point(layout: Layout, space: Space, door_index: int) -> tuple[int, tuple[float, float]] | None:
    """(part, point) where someone coming in through the door stands, None if they can't."""
    room, door = layout.room, layout.room.doors[door_index]
    ideal = door_entry(room, door, space.radius + 0.5)
    part = space.part_at(ideal)
    if part >= 0:
        return part, ideal
    # a door near a corner or a piece: any free spot just inside the opening will do
    a, b = (np.asarray(p) for p in room.opening_span(door))
    n = np.asarray(room.inward_normal(door.wall)) * (space.radius + 2.0)
    front = shapely.Polygon([tuple(a), tuple(b), tuple(b + n), tuple(a + n)])
    spot = shapely.intersection(front, space.geom)
    if spot.is_empty or spot.area < 1e-3:
        return None
    near = shapely.get_coordinates(shapely.shortest_line(shapely.Point(ideal), spot))[-1]
    point = (float(near[0]), float(near[1]))
    part = space.part_at(point)
    return (part, point) if part >= 0 else None


def zone_target(space: Space, zone_geom: shapely.Geometry, prefer: set[int]) -> tuple[int, tuple[float, float]] | None:
    """(part, point) to walk to in a zone: the point nearest the zone's centroid within the largest
    connected piece of (zone and walkable space), in a part reached from a door (prefer) when
    there is one. A small pocket between a wall and a table is not where a group gathers."""
    if not len(space.parts):
        return None
    hits = np.flatnonzero(shapely.intersects(space.parts, zone_geom))
    if not len(hits):
        return None
    x0, y0, x1, y1 = zone_geom.bounds
    options = []
    for k in hits.tolist():
        inter = shapely.intersection(shapely.clip_by_rect(space.parts[k], x0, y0, x1, y1), zone_geom)
        for piece in shapely.get_parts(inter):
            if isinstance(piece, shapely.Polygon) and piece.area > 1e-3:
                options.append((k not in prefer, -piece.area, k, piece))
    if not options:
        return None
    _, _, k, piece = min(options, key=lambda o: o[:3])
    c = zone_geom.centroid
    if shapely.contains_xy(piece, c.x, c.y):
        return k, (c.x, c.y)
    near = shapely.get_coordinates(shapely.shortest_line(c, piece))[-1]
    return k, (float(near[0]), float(near[1]))
