"""Shapely footprints of what is on the plan, and the names of walls and doors a teacher reads.

Every function here is a function of its arguments: nothing is remembered between calls (what
the live checks reuse between edits lives in app.geometry.session.CheckSession).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from app.model import Door, Layout, Piece, Room, Zone
from app.model.footprint import local_outline
from app.model.numbering import piece_names as numbered_names

Point = tuple[float, float]


def piece_key(piece: Piece) -> tuple:
    """Every value a piece's footprint depends on."""
    return (piece.kind, piece.x, piece.y, piece.rotation, piece.width, piece.depth)


def piece_outlines(pieces: list[Piece]) -> np.ndarray:
    """The footprints of the pieces as an array of shapely polygons, built in bulk: the pieces
    that share a local outline (same shape and size) are turned and moved together in numpy."""
    out = np.empty(len(pieces), dtype=object)
    groups: dict[tuple, list[int]] = {}
    for k, piece in enumerate(pieces):
        item = piece.item
        arm = item.arm * min(piece.width / item.width, piece.depth / item.depth) if item.arm else None
        groups.setdefault((item.shape, piece.width, piece.depth, arm), []).append(k)
    for (shape, width, depth, arm), index in groups.items():
        local = np.asarray(local_outline(shape, width, depth, arm))  # (n, 2)
        sel = [pieces[k] for k in index]
        x = np.array([p.x for p in sel])[:, None]
        y = np.array([p.y for p in sel])[:, None]
        r = np.radians([p.rotation for p in sel])[:, None]
        c, s = np.cos(r), np.sin(r)
        # clockwise on the plan (y down), as app.model.footprint.place
        xs = x + local[None, :, 0] * c - local[None, :, 1] * s
        ys = y + local[None, :, 0] * s + local[None, :, 1] * c
        out[index] = shapely.polygons(np.stack([xs, ys], axis=-1))
    return out


@dataclass(frozen=True)
class Plan:
    """The layout as shapely geometry: the room, the pieces (and which are solid), the zones."""

    room: shapely.Polygon
    pieces: np.ndarray  # polygons, one per layout.pieces
    solid: np.ndarray  # bool: rugs and cushions are floor, never obstacles
    zones: np.ndarray  # polygons, one per layout.zones


def plan_of(layout: Layout, pieces: np.ndarray | None = None) -> Plan:
    """The plan of a layout; pieces: its footprints when the caller has them already."""
    geoms = piece_outlines(layout.pieces) if pieces is None else pieces
    solid = np.fromiter((p.solid for p in layout.pieces), dtype=bool, count=len(layout.pieces))
    zones = np.empty(len(layout.zones), dtype=object)
    zones[:] = [polygon(z.polygon) for z in layout.zones]
    return Plan(polygon(layout.room.outline), geoms, solid, zones)


def polygon(points: list[Point]) -> shapely.Polygon:
    shape = shapely.Polygon(points)
    if not shape.is_valid:  # the model rejects crossings; this guards rounding slivers
        shape = shapely.make_valid(shape).buffer(0)
    return shape


def room_shape(room: Room) -> shapely.Polygon:
    return polygon(room.outline)


# --- doors ----------------------------------------------------------------------------------


def door_frame(room: Room, door: Door) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(hinge end, latch end, unit vector hinge -> latch, unit inward normal) of a door."""
    a, b = (np.asarray(p, dtype=float) for p in room.opening_span(door))
    hinge, latch = (a, b) if door.hinge == "start" else (b, a)
    along = latch - hinge
    along /= np.linalg.norm(along) or 1.0
    return hinge, latch, along, np.asarray(room.inward_normal(door.wall), dtype=float)


def door_clear_area(room: Room, door: Door) -> shapely.Geometry:
    """The floor in front of a door that must stay free of furniture, inside the room."""
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
        arc = [tuple(hinge + width * (math.cos(t) * along + math.sin(t) * inward))
               for t in np.linspace(0.0, math.pi / 2, 13)]
        area = area.union(shapely.Polygon([tuple(hinge), *arc]))
    return area.intersection(room_shape(room))


def door_entry(room: Room, door: Door, reach: float) -> Point:
    """The point a person stands on just inside the door: the middle of the opening moved in."""
    a, b = (np.asarray(p, dtype=float) for p in room.opening_span(door))
    mid = (a + b) / 2 + np.asarray(room.inward_normal(door.wall)) * reach
    return float(mid[0]), float(mid[1])


# --- names a teacher reads --------------------------------------------------------------------

_COMPASS = ["west", "northwest", "north", "northeast", "east", "southeast", "south", "southwest"]


def facing(room: Room, wall: int) -> str:
    """Which side of the room a wall is on: the plan's top is north, so a wall whose inside
    faces down (+y, the plan's y runs down) is the north wall."""
    nx, ny = room.inward_normal(wall)
    angle = math.degrees(math.atan2(ny, nx)) % 360  # 0 = faces east (west wall), 90 = faces south
    return _COMPASS[int(((angle + 22.5) % 360) // 45)]


_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
#: where several walls face one way, they are counted from this end: (its name, the axis along it)
_COUNTED_FROM = {"north": ("west", 0), "south": ("west", 0)}
_COUNTED_FROM_ELSE = ("north", 1)


def wall_name(room: Room, wall: int) -> str:
    """'the north wall', or where an L-shaped room has two walls facing east, 'the east wall,
    second from the north' (counted by their middles)."""
    side = facing(room, wall)
    same = [w for w in range(len(room.outline)) if facing(room, w) == side]
    if len(same) < 2:
        return f"the {side} wall"
    end, axis = _COUNTED_FROM.get(side, _COUNTED_FROM_ELSE)
    walls = room.walls()
    order = sorted(same, key=lambda w: (walls[w][0][axis] + walls[w][1][axis]) / 2)
    rank = order.index(wall)
    ordinal = _ORDINALS[rank] if rank < len(_ORDINALS) else f"number {rank + 1}"
    return f"the {side} wall, {ordinal} from the {end}"


def corner_name(room: Room, corner: int) -> str:
    """'the north-west corner': where a corner of the outline lies from the room's middle."""
    xs, ys = [p[0] for p in room.outline], [p[1] for p in room.outline]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    x, y = room.outline[corner % len(room.outline)]
    dx, dy = (x - cx) / max(max(xs) - min(xs), 1e-9), (y - cy) / max(max(ys) - min(ys), 1e-9)
    north_south = "north" if dy < -1e-9 else "south" if dy > 1e-9 else ""  # the plan's y runs down
    east_west = "west" if dx < -1e-9 else "east" if dx > 1e-9 else ""
    return f"the {'-'.join(part for part in (north_south, east_west) if part) or 'middle'} corner"


def door_name(layout: Layout, door: Door) -> str:
    if door.label:
        return f"Door '{door.label}'"
    return f"the door on {wall_name(layout.room, door.wall)}"


def zone_name(zone: Zone) -> str:
    if zone.station is not None:
        return f"Station {zone.station} '{zone.display_name}'"
    return f"the {zone.display_name} zone"


def piece_names(layout: Layout) -> list[str]:
    """What a finding calls each piece: the name the plan and the PDF show ('Student desk 14')."""
    return numbered_names(layout.pieces)


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]
