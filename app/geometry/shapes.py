"""Shapely footprints of what is on the plan, cached by value, and the names of walls and doors.

Building 2,000 polygons costs ~30 ms, far over the 3 ms a drag step may take, so each footprint
is cached under the values that define it (a moved piece simply gets a new entry), and the arrays
of the last list of pieces are kept, so a drag step compares values and looks up only what moved.
"""

from __future__ import annotations

import math
import operator
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import shapely

from app.model import Door, Layout, Piece, Room, Zone

Point = tuple[float, float]

_CACHE_SIZE = 20_000
_pieces: OrderedDict[tuple, tuple[shapely.Polygon, bool]] = OrderedDict()
_polygons: OrderedDict[tuple, shapely.Polygon] = OrderedDict()


def remember(cache: OrderedDict, key: tuple, value: object) -> None:
    """Store in a bounded cache; the oldest entry goes first."""
    cache[key] = value
    if len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)



def piece_shape(piece: Piece) -> tuple[shapely.Polygon, bool]:
    """(footprint, solid) of one piece."""
    key = (piece.kind, piece.x, piece.y, piece.rotation, piece.width, piece.depth)
    hit = _pieces.get(key)
    if hit is None:
        hit = (shapely.Polygon(piece.outline()), piece.solid)
        remember(_pieces, key, hit)
    return hit


def piece_shapes(layout: Layout) -> tuple[np.ndarray, np.ndarray]:
    """Footprints of every piece (array of polygons) and which of them are solid (bool array)."""
    found = footprints(layout.pieces)
    return found.geoms.copy(), found.solid.copy()  # callers may write into theirs; ours stay as they are


# read the fields from the instance dict: one C call a piece instead of six pydantic attribute reads
_FIELDS = operator.attrgetter("__dict__")
_KEY = operator.itemgetter("kind", "x", "y", "rotation", "width", "depth")
#: more pieces changed than this since the last call: build the arrays afresh
PATCH_AT_MOST = 64


@dataclass(frozen=True)
class Change:
    """How one list of pieces became another: where each old piece is now, and which are new."""

    now_at: np.ndarray  # for every old piece its index in the new list, or -1 if it changed or went
    fresh: np.ndarray  # indices in the new list of the pieces that changed or came


@dataclass(frozen=True, eq=False)
class Footprints:
    """The footprints of a list of pieces as arrays, with the values that made each one.

    `keys[k]` holds every value piece k's footprint depends on, so two Footprints whose keys
    are equal describe the same floor, whatever happened to the Piece objects in between.
    """

    keys: list[tuple]
    geoms: np.ndarray  # shapely polygons
    solid: np.ndarray  # bool: rugs and cushions are floor
    bounds: np.ndarray  # (n, 4) minx, miny, maxx, maxy
    boxy: np.ndarray  # bool: axis-aligned rectangles, whose overlap is their boxes' overlap
    #: the footprints these were patched from (weakly: no chain of old plans) and the change
    since: tuple[weakref.ref, Change] | None = field(default=None, repr=False)

    def changed_since(self, other: Footprints | None) -> Change | None:
        """What changed since other (None: too much, or nothing to compare with)."""
        if other is None:
            return None
        if self.since is not None and self.since[0]() is other:
            return self.since[1]
        return _change(other.keys, self.keys)


def _change(old: list[tuple], new: list[tuple]) -> Change | None:
    """Pieces edited in place, or a run of them added or removed (a drop, a paste, a delete)."""
    m, n = len(old), len(new)
    if old is new or old == new:
        return Change(np.arange(m), _NONE)
    short = min(m, n)
    differs = np.fromiter(map(operator.ne, old, new), dtype=bool, count=short)
    if m == n:
        fresh = np.flatnonzero(differs)
        now_at = np.arange(m)
        now_at[fresh] = -1
    else:
        # keep the longest equal start and end; what lies between was added or removed
        start = int(differs.argmax()) if differs.any() else short
        ends = np.fromiter(map(operator.ne, reversed(old), reversed(new)), dtype=bool, count=short - start)
        end = int(ends.argmax()) if ends.any() else short - start
        fresh = np.arange(start, n - end)
        now_at = np.full(m, -1)
        now_at[:start] = np.arange(start)
        now_at[m - end:] = np.arange(n - end, n)
    return Change(now_at, fresh) if len(fresh) <= PATCH_AT_MOST else None


_NONE = np.empty(0, dtype=np.intp)
_last: Footprints | None = None


def footprints(pieces: list[Piece]) -> Footprints:
    """The pieces' footprints; after a drag step only the moved pieces are looked up again."""
    global _last
    keys = list(map(_KEY, map(_FIELDS, pieces)))
    last = _last  # read once: a worker thread may replace it meanwhile
    change = _change(last.keys, keys) if last is not None else None
    if change is not None and not len(change.fresh) and len(keys) == len(last.keys):
        return last
    found = _patched(last, keys, pieces, change) if change is not None else _built(keys, pieces)
    _last = found
    return found


def _built(keys: list[tuple], pieces: list[Piece]) -> Footprints:
    get = _pieces.get
    pairs = [get(key) or piece_shape(p) for key, p in zip(keys, pieces)]
    geoms = np.fromiter((g for g, _ in pairs), dtype=object, count=len(pairs))
    solid = np.fromiter((s for _, s in pairs), dtype=bool, count=len(pairs))
    bounds = shapely.bounds(geoms).reshape(-1, 4)
    return Footprints(keys, geoms, solid, bounds, is_box(geoms, bounds))


def _patched(last: Footprints, keys: list[tuple], pieces: list[Piece], change: Change) -> Footprints:
    n = len(keys)
    if n == len(last.keys):  # edited in place: the others keep their index
        geoms, solid, bounds, boxy = last.geoms.copy(), last.solid.copy(), last.bounds.copy(), last.boxy.copy()
    else:
        kept = np.flatnonzero(change.now_at >= 0)
        at = change.now_at[kept]
        geoms, solid, bounds, boxy = (np.empty(n, dtype=object), np.empty(n, dtype=bool),
                                      np.empty((n, 4)), np.empty(n, dtype=bool))
        geoms[at], solid[at], bounds[at], boxy[at] = (last.geoms[kept], last.solid[kept], last.bounds[kept],
                                                      last.boxy[kept])
    fresh = change.fresh
    for k in fresh.tolist():
        geoms[k], solid[k] = _pieces.get(keys[k]) or piece_shape(pieces[k])
    bounds[fresh] = shapely.bounds(geoms[fresh]).reshape(-1, 4)
    boxy[fresh] = is_box(geoms[fresh], bounds[fresh])
    return Footprints(keys, geoms, solid, bounds, boxy, (weakref.ref(last), change))


def is_box(geoms: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Axis-aligned rectangles: their overlap is the overlap of their bounding boxes."""
    box_area = (bounds[:, 2] - bounds[:, 0]) * (bounds[:, 3] - bounds[:, 1])
    return (shapely.get_num_coordinates(geoms) == 5) & np.isclose(shapely.area(geoms), box_area, rtol=1e-9)


def polygon(points: list[Point]) -> shapely.Polygon:
    key = tuple(points)
    hit = _polygons.get(key)
    if hit is None:
        hit = shapely.Polygon(points)
        if not hit.is_valid:  # the model rejects crossings; this guards rounding slivers
            hit = shapely.make_valid(hit).buffer(0)
        remember(_polygons, key, hit)
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
        remember(_doors, key, hit)
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
