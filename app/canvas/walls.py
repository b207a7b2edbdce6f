"""Doors, windows and wall features on the room outline, and the outline's corners: pure math.

No Qt here, so the rules are tested without a window. Every function returns a new, validated
`Room` or raises `WallEditError` with one line a teacher can act on; the model is never invalid.
"""

from __future__ import annotations

import math

from pydantic import ValidationError

from app.model import Door, Room, WallFeature, Window
from app.model.errors import describe

Point = tuple[float, float]

#: the lists of Room that hold things on walls, and what each kind of palette entry makes
GROUPS = ("doors", "windows", "features")
FEATURE_KINDS = {"whiteboard": "Whiteboard", "bulletin-board": "Bulletin board", "screen": "Screen",
                 "display": "Display"}
#: default widths (in): ADA 404.2.3 asks a 32 in clear door; 36 in is the usual classroom door
DEFAULT_WIDTH = {"door": 36.0, "window": 48.0, "whiteboard": 96.0, "bulletin-board": 48.0, "screen": 72.0,
                 "display": 48.0}
#: what a palette "opening:<kind>" entry is called
OPENING_NAMES = {"door": "Door", "window": "Window", **FEATURE_KINDS}


class WallEditError(ValueError):
    """A wall edit that would make the room invalid; str() is one line."""


def wall_length(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def project_on_wall(a: Point, b: Point, p: Point) -> tuple[float, float]:
    """(distance along the wall from a, distance from the wall) of the point nearest p."""
    length = wall_length(a, b)
    if length == 0:
        return 0.0, math.hypot(p[0] - a[0], p[1] - a[1])
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    t = max(0.0, min(length, (p[0] - a[0]) * ux + (p[1] - a[1]) * uy))
    return t, math.hypot(p[0] - (a[0] + ux * t), p[1] - (a[1] + uy * t))


def nearest_wall(outline: list[Point], p: Point) -> tuple[int, float, float]:
    """(wall index, distance along it, distance from it) of the wall nearest p."""
    n = len(outline)
    best = (0, 0.0, math.inf)
    for i in range(n):
        t, d = project_on_wall(outline[i], outline[(i + 1) % n], p)
        if d < best[2]:
            best = (i, t, d)
    return best


def clamp_position(length: float, width: float, position: float) -> float:
    """The centre position nearest `position` that keeps an opening inside its wall."""
    if width > length:
        return length / 2
    return max(width / 2, min(length - width / 2, position))


def point_on_wall(outline: list[Point], wall: int, position: float) -> Point:
    a, b = outline[wall], outline[(wall + 1) % len(outline)]
    length = wall_length(a, b) or 1.0
    return a[0] + (b[0] - a[0]) * position / length, a[1] + (b[1] - a[1]) * position / length


# --- finding and changing openings ------------------------------------------------------------


def find_opening(room: Room, opening_id: str):
    """(group, index, opening) of the door, window or feature with this id, or None."""
    for group in GROUPS:
        for i, opening in enumerate(getattr(room, group)):
            if opening.id == opening_id:
                return group, i, opening
    return None


def opening_name(opening) -> str:
    if isinstance(opening, Door):
        return opening.label or "Door"
    if isinstance(opening, WallFeature):
        return opening.label or FEATURE_KINDS.get(opening.kind, "Wall feature")
    return opening.label or "Window"


def _snap(t: float, step: float) -> float:
    return round(t / step) * step if step > 0 else t


def new_opening(kind: str, opening_id: str, outline: list[Point], at: Point, step: float = 0.0):
    """A door, window or wall feature on the wall nearest `at`, as wide as fits (its default at most);
    its centre on a multiple of `step` along the wall (0: where dropped)."""
    if kind not in OPENING_NAMES:
        raise WallEditError(f"cannot place {kind!r} on a wall (doors, windows, whiteboards, boards, screens)")
    wall, t, _ = nearest_wall(outline, at)
    length = wall_length(outline[wall], outline[(wall + 1) % len(outline)])
    width = min(DEFAULT_WIDTH[kind], max(1.0, length - 1.0))
    position = clamp_position(length, width, _snap(t, step))
    if kind == "door":
        return Door(id=opening_id, wall=wall, position=position, width=width)
    if kind == "window":
        return Window(id=opening_id, wall=wall, position=position, width=width)
    return WallFeature(id=opening_id, wall=wall, position=position, width=width, kind=kind)


def with_opening(room: Room, opening) -> Room:
    """The room with this opening added, or replacing the one with its id."""
    group = "doors" if isinstance(opening, Door) else "features" if isinstance(opening, WallFeature) else "windows"
    items = list(getattr(room, group))
    found = find_opening(room, opening.id)
    if found is not None and found[0] == group:
        items[found[1]] = opening
    else:
        items.append(opening)
    return _validated(room, {group: items})


def without_openings(room: Room, ids: set[str]) -> Room:
    return _validated(room, {g: [o for o in getattr(room, g) if o.id not in ids] for g in GROUPS})


def moved_opening(room: Room, opening_id: str, at: Point, step: float = 0.0) -> Room:
    """The opening slid to the point of the outline nearest `at` (onto another wall if nearer)."""
    _group, _i, opening = find_opening(room, opening_id)
    wall, t, _ = nearest_wall(room.outline, at)
    length = wall_length(room.outline[wall], room.outline[(wall + 1) % len(room.outline)])
    if opening.width > length:
        raise WallEditError(f"a {opening.width:.0f} in {opening_name(opening).lower()} does not fit on a "
                            f"{length:.0f} in wall")
    position = clamp_position(length, opening.width, _snap(t, step))
    return with_opening(room, opening.model_copy(update={"wall": wall, "position": position}))


# --- the outline's corners ---------------------------------------------------------------------


def moved_corner(room: Room, index: int, to: Point) -> Room:
    """One corner moved; every opening stays on its wall, slid back inside it when the wall shrank."""
    outline = list(room.outline)
    outline[index] = (float(to[0]), float(to[1]))
    return _rehomed(room, outline, keep_walls=True)


def added_corner(room: Room, wall: int, at: Point) -> Room:
    """A new corner on a wall (splitting it in two); openings stay where they are on the plan."""
    a, b = room.outline[wall], room.outline[(wall + 1) % len(room.outline)]
    t, _ = project_on_wall(a, b, at)
    if t < 1.0 or t > wall_length(a, b) - 1.0:
        raise WallEditError("a new corner needs some wall on both sides; double-click nearer the middle of the wall")
    outline = list(room.outline)
    outline.insert(wall + 1, point_on_wall(room.outline, wall, t))
    return _rehomed(room, outline, keep_walls=False)


def removed_corner(room: Room, index: int) -> Room:
    """A corner taken out (its two walls become one); a room keeps at least 3 corners."""
    if len(room.outline) <= 3:
        raise WallEditError("a room needs at least 3 corners")
    outline = [p for i, p in enumerate(room.outline) if i != index]
    return _rehomed(room, outline, keep_walls=False)


def rectangle(room: Room, width: float, depth: float) -> Room:
    """The room as a width x depth rectangle from its top-left; openings keep their walls when
    there are still four, otherwise they go to the wall nearest where they were."""
    if width <= 0 or depth <= 0:
        raise WallEditError("a room needs a width and a depth above zero")
    x0, y0, _x1, _y1 = room.bounds()
    outline = [(x0, y0), (x0 + width, y0), (x0 + width, y0 + depth), (x0, y0 + depth)]
    return _rehomed(room, outline, keep_walls=len(room.outline) == 4)


def _rehomed(room: Room, outline: list[Point], keep_walls: bool) -> Room:
    groups = {}
    for group in GROUPS:
        moved = []
        for opening in getattr(room, group):
            if keep_walls:
                wall = opening.wall
                a, b = outline[wall], outline[(wall + 1) % len(outline)]
                t = opening.position
            else:  # the wall that now holds its centre
                centre = point_on_wall(room.outline, opening.wall, opening.position)
                wall, t, _ = nearest_wall(outline, centre)
                a, b = outline[wall], outline[(wall + 1) % len(outline)]
            length = wall_length(a, b)
            if opening.width > length + 0.5:
                raise WallEditError(f"{opening_name(opening)} ({opening.width:.0f} in) would not fit on its "
                                    f"{length:.0f} in wall; make the wall longer or the opening narrower first")
            moved.append(opening.model_copy(update={"wall": wall, "position": clamp_position(length, opening.width, t)}))
        groups[group] = moved
    return _validated(room, {"outline": outline, **groups})


def _validated(room: Room, changes: dict) -> Room:
    data = room.model_dump()
    data.update({k: [o.model_dump() if hasattr(o, "model_dump") else o for o in v] for k, v in changes.items()})
    try:
        return Room.model_validate(data)
    except ValidationError as error:
        raise WallEditError(describe(error, prefix="room.")) from None
