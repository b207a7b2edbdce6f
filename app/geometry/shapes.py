"""Shapely footprints of what is on the plan, cached by value, and the names of walls and doors.

Building 2,000 polygons costs ~30 ms, far over the 3 ms a drag step may take, so each footprint
is cached under the values that define it (a moved piece simply gets a new entry).
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
import shapely

from app.model import Door, Layout, Piece, Room, Zone

Point = tuple[float, float]

_CACHE_SIZE = 20_000
_pieces: OrderedDict[tuple, tuple[shapely.Polygon, bool]] = OrderedDict()
_polygons: OrderedDict[tuple, shapely.Polygon] = OrderedDict()


def _remember(cache: OrderedDict, key: tuple, value: object) -> None:
    cache[key] = value
    if len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)


def piece_shape(piece: Piece) -> tuple[shapely.Polygon, bool]:
    """(footprint, solid) of one piece."""
    key = (piece.kind, piece.x, piece.y, piece.rotation, piece.width, piece.depth)
    hit = _pieces.get(key)
    if hit is None:
        hit = (shapely.Polygon(piece.outline()), piece.solid)
        _remember(_pieces, key, hit)
    return hit


def piece_shapes(layout: Layout) -> tuple[np.ndarray, np.ndarray]:
    """Footprints of every piece (array of polygons) and which of them are solid (bool array)."""
    get = _pieces.get
    pairs = [get((p.kind, p.x, p.y, p.rotation, p.width, p.depth)) or piece_shape(p) for p in layout.pieces]
    geoms = np.empty(len(pairs), dtype=object)
    geoms[:] = [g for g, _ in pairs]
    return geoms, np.fromiter((s for _, s in pairs), dtype=bool, count=len(pairs))


def polygon(points: list[Point]) -> shapely.Polygon:
    key = tuple(points)
    hit = _polygons.get(key)
    if hit is None:
        hit = shapely.Polygon(points)
        if not hit.is_valid:  # the model rejects crossings; this guards rounding slivers
            hit = shapely.make_valid(hit).buffer(0)
        _remember(_polygons, key, hit)
    return hit


def room_shape(room: Room) -> shapely.Polygon:
    return polygon(room.outline)


def zone_shapes(layout: Layout) -> np.ndarray:
    geoms = np.empty(len(layout.zones), dtype=object)
    geoms[:] = [polygon(z.polygon) for z in layout.zones]
    return geoms


# --- doors ----------------------------------------------------------------------------------


def door_frame(room: Room, door: Door) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(hinge end, latch end, unit vector hinge -> latch, unit inward normal) of a door."""
    a, b = (np.asarray(p, dtype=float) for p in room.opening_span(door))
    hinge, latch = (a, b) if door.hinge == "start" else (b, a)
    along = latch - hinge
    along /= np.linalg.norm(along) or 1.0
    return hinge, latch, along, np.asarray(room.inward_normal(door.wall), dtype=float)


_doors: OrderedDict[tuple, shapely.Geometry] = OrderedDict()


def door_clear_area(room: Room, door: Door) -> shapely.Geometry:
    """The floor in front of a door that must stay free of furniture, inside the room."""
    key = (tuple(room.outline), door.wall, door.position, door.width, door.hinge, door.swing)
    hit = _doors.get(key)
    if hit is None:
        hit = _door_clear_area(room, door)
        _remember(_doors, key, hit)
    return hit


def _door_clear_area(room: Room, door: Door) -> shapely.Geometry:
    hinge, latch, along, inward = door_frame(room, door)
    width = door.width
    if door.swing == "in":
        # ADA 404.2.4.1 front approach, pull side: 60 in deep, 18 in beyond the latch side
        depth, beyond = 60.0, 18.0
    else:
        # ADA 404.2.4.1 front approach, push side: 48 in deep, the door's width
        depth, beyond = 48.0, 0.0
    far = latch + along * beyond
    area = shapely.Polygon([tuple(hinge), tuple(far), tuple(far + inward * depth), tuple(hinge + inward * depth)])
    if door.swing == "in":
        # the leaf sweeps a quarter circle of radius = its width, from closed to open 90 degrees
        steps = 12
        arc = [tuple(hinge + width * (math.cos(t) * along + math.sin(t) * inward))
               for t in np.linspace(0.0, math.pi / 2, steps + 1)]
        area = area.union(shapely.Polygon([tuple(hinge), *arc]))
    return area.intersection(room_shape(room))


def door_entry(room: Room, door: Door, reach: float) -> Point:
    """The point a person stands on just inside the door: the middle of the opening moved in."""
    a, b = (np.asarray(p, dtype=float) for p in room.opening_span(door))
    mid = (a + b) / 2 + np.asarray(room.inward_normal(door.wall)) * reach
    return float(mid[0]), float(mid[1])


# --- names a teacher reads --------------------------------------------------------------------

_COMPASS = ["west", "northwest", "north", "northeast", "east", "southeast", "south", "southwest"]


def wall_name(room: Room, wall: int) -> str:
    """'the north wall': the plan's top is north, so a wall whose inside faces down is north."""
    nx, ny = room.inward_normal(wall)
    # y runs down on the plan: a normal pointing +y means the wall is at the top (north)
    angle = math.degrees(math.atan2(ny, nx)) % 360  # 0 = faces east (west wall), 90 = faces south (north wall)
    return f"the {_COMPASS[int(((angle + 22.5) % 360) // 45)]} wall"


def door_name(layout: Layout, door: Door) -> str:
    if door.label:
        return f"Door '{door.label}'"
    return f"the door on {wall_name(layout.room, door.wall)}"


def zone_name(zone: Zone) -> str:
    if zone.station is not None:
        return f"Station {zone.station} '{zone.display_name}'"
    return f"the {zone.display_name} zone"


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
