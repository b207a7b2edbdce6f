"""What the room *is*: project, layouts, room, furniture pieces, zones and the transition plan.

Coordinates are inches on the plan, x to the right and y down (as on a screen), origin at the
room's top-left corner by convention. Rotation is degrees clockwise on the plan.
"""

from __future__ import annotations

import base64
import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from app.model.catalog import CatalogItem, catalog_item
from app.model.fields import Angle, Coord, Id, Name, Polygon, Size, Span, Text, TracingImage
from app.model.footprint import local_outline, place
from app.model.kinds import ZoneKind
from app.units import DisplayUnits

SCHEMA_VERSION = 3

#: ADA 2010 403.5.1: an accessible route is at least 36 in clear
DEFAULT_CLEAR_WIDTH = 36.0


def located(path: str, message: str) -> PydanticCustomError:
    """An error found by a whole-object check, reported at the field it is really about."""
    return PydanticCustomError("located", "{path}: {msg}", {"path": path, "msg": message})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False)


# --- the room -------------------------------------------------------------------------------


class WallOpening(_Model):
    """Something on a wall: `wall` i runs from outline[i] to outline[i+1]."""

    id: Id
    wall: int = Field(ge=0, le=10_000)
    position: Coord  # from the wall's first corner to the opening's centre
    width: Size
    label: Name = ""


class Door(WallOpening):
    width: Size = 36.0  # clear opening; ADA 404.2.3 asks at least 32 in
    hinge: Literal["start", "end"] = "start"  # the hinge is at the end of the opening nearer this corner
    swing: Literal["in", "out", "none"] = "in"  # into the room, out of it, or no leaf (sliding / open)


class Window(WallOpening):
    pass


class WallFeature(WallOpening):
    kind: Literal["whiteboard", "bulletin-board", "screen", "display"] = "whiteboard"


class Room(_Model):
    outline: Polygon
    doors: list[Door] = Field(default_factory=list, max_length=50)
    windows: list[Window] = Field(default_factory=list, max_length=200)
    features: list[WallFeature] = Field(default_factory=list, max_length=200)

    @model_validator(mode="after")
    def _openings_fit_their_walls(self) -> Room:
        walls = self.walls()
        for group in ("doors", "windows", "features"):
            for i, opening in enumerate(getattr(self, group)):
                if opening.wall >= len(walls):
                    raise located(
                        f"{group}[{i}].wall",
                        f"is {opening.wall} but the room has only {len(walls)} walls (0 to {len(walls) - 1})",
                    )
                length = _length(*walls[opening.wall])
                if opening.position - opening.width / 2 < -0.5 or opening.position + opening.width / 2 > length + 0.5:
                    raise located(
                        f"{group}[{i}].position",
                        f"a {opening.width:.0f} in opening centred {opening.position:.0f} in along wall "
                        f"{opening.wall} runs past its ends (the wall is {length:.0f} in long)",
                    )
        return self

    def walls(self) -> list[tuple[tuple[float, float], tuple[float, float]]]:
        n = len(self.outline)
        return [(self.outline[i], self.outline[(i + 1) % n]) for i in range(n)]

    def opening_span(self, opening: WallOpening) -> tuple[tuple[float, float], tuple[float, float]]:
        """The two ends of an opening on its wall, in the order the wall runs."""
        (x0, y0), (x1, y1) = self.walls()[opening.wall]
        length = _length((x0, y0), (x1, y1)) or 1.0
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        a = opening.position - opening.width / 2
        b = opening.position + opening.width / 2
        return (x0 + ux * a, y0 + uy * a), (x0 + ux * b, y0 + uy * b)

    def inward_normal(self, wall: int) -> tuple[float, float]:
        """The unit vector from a wall into the room."""
        (x0, y0), (x1, y1) = self.walls()[wall]
        length = _length((x0, y0), (x1, y1)) or 1.0
        nx, ny = -(y1 - y0) / length, (x1 - x0) / length
        # the signed area says which way the outline runs; flip so the normal points inside
        return (nx, ny) if _signed_area(self.outline) > 0 else (-nx, -ny)

    @property
    def area(self) -> float:
        return abs(_signed_area(self.outline))

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.outline]
        ys = [p[1] for p in self.outline]
        return min(xs), min(ys), max(xs), max(ys)


def _length(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def _signed_area(points: list[tuple[float, float]]) -> float:
    n = len(points)
    return 0.5 * sum(points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1] for i in range(n))


# --- what stands in it ----------------------------------------------------------------------


class Piece(_Model):
    """One piece of furniture (or a fixed feature such as a sink counter) on the floor."""

    id: Id
    kind: str = Field(max_length=64)
    label: Name = ""
    x: Coord  # centre
    y: Coord
    rotation: Angle = 0.0
    width: Size
    depth: Size
    fixed: bool = False  # built in (sink, column): the editor keeps it in place
    group: Id | None = None  # pieces sharing it move and turn as one (a pod of desks); absent in older files

    @model_validator(mode="before")
    @classmethod
    def _catalog_defaults(cls, data: object, info: ValidationInfo) -> object:
        if isinstance(data, dict) and isinstance(data.get("kind"), str):
            item = catalog_item(data["kind"])
            if item is None:
                raise located("kind", f"unknown furniture kind {data['kind']!r} (`classroom-layout kinds` lists them)")
            # sizes left out take the catalog's; the Size fields then scale them by the file's
            # unit, so state them in that unit
            if "width" not in data or "depth" not in data:
                factor = (info.context or {}).get("inches_per_unit", 1.0)
                data = dict(data)
                data.setdefault("width", item.width / factor)
                data.setdefault("depth", item.depth / factor)
        return data

    @property
    def item(self) -> CatalogItem:
        item = catalog_item(self.kind)
        assert item is not None  # validated on the way in
        return item

    @property
    def solid(self) -> bool:
        """Solid pieces collide and block the way; rugs and cushions are floor."""
        return not self.item.walkable

    def outline(self) -> list[tuple[float, float]]:
        item = self.item
        arm = item.arm * min(self.width / item.width, self.depth / item.depth) if item.arm else None
        return place(local_outline(item.shape, self.width, self.depth, arm), self.x, self.y, self.rotation)

    @property
    def display_name(self) -> str:
        return self.label or self.item.name


class Zone(_Model):
    """An area of the room for one kind of learning; with a number it is a station."""

    id: Id
    kind: ZoneKind
    name: Name = ""
    polygon: Polygon
    station: int | None = Field(default=None, ge=1, le=99)
    how_used: Text = ""  # how students use it
    positive_environment: Text = ""  # how it supports a positive classroom environment
    capacity: int | None = Field(default=None, ge=0, le=500)

    @property
    def display_name(self) -> str:
        from app.model.kinds import ZONE_KINDS

        return self.name or ZONE_KINDS[self.kind].label

    def centroid(self) -> tuple[float, float]:
        pts = self.polygon
        a = _signed_area(pts)
        n = len(pts)
        cx = sum((pts[i][0] + pts[(i + 1) % n][0]) * (pts[i][0] * pts[(i + 1) % n][1] - pts[(i + 1) % n][0] * pts[i][1]) for i in range(n))
        cy = sum((pts[i][1] + pts[(i + 1) % n][1]) * (pts[i][0] * pts[(i + 1) % n][1] - pts[(i + 1) % n][0] * pts[i][1]) for i in range(n))
        return cx / (6 * a), cy / (6 * a)


# --- how the class moves --------------------------------------------------------------------


class Signal(_Model):
    cue: Name  # "Chime", "Music", "Lights flicked twice"
    meaning: Name  # "5 minutes left", "move now", "pause and look at the teacher"


class TransitionPlan(_Model):
    rotation: list[Id] = Field(default_factory=list, max_length=99)  # zone ids, in the order groups move
    direction: Literal["clockwise", "counterclockwise", "custom"] = "clockwise"
    minutes_per_station: int | None = Field(default=None, ge=1, le=240)
    signals: list[Signal] = Field(default_factory=list, max_length=20)
    entrance_routine: Text = ""  # how students come in and find their space
    materials_routine: Text = ""  # e.g. a basket at each station, back before the group leaves
    rearrangement: Text = ""  # what moves between this layout and the others, and who moves it
    notes: Text = ""  # anything else the teacher wants said about transitions

    @property
    def described(self) -> bool:
        """Whether the plan says anything about how transitions happen."""
        return bool(self.signals or self.entrance_routine.strip() or self.materials_routine.strip()
                    or self.notes.strip() or (self.rotation and self.minutes_per_station))


class Layout(_Model):
    """One arrangement of the room, e.g. "Period 2 - Station rotation"."""

    id: Id
    name: Name
    notes: Text = ""
    room: Room
    pieces: list[Piece] = Field(default_factory=list, max_length=5_000)
    zones: list[Zone] = Field(default_factory=list, max_length=500)
    transitions: TransitionPlan = Field(default_factory=TransitionPlan)
    clear_width: Size = DEFAULT_CLEAR_WIDTH  # the walking path the checks insist on

    @model_validator(mode="after")
    def _ids_are_unique_and_known(self) -> Layout:
        seen: dict[str, str] = {}
        groups = [("room.doors", self.room.doors), ("room.windows", self.room.windows),
                  ("room.features", self.room.features), ("pieces", self.pieces), ("zones", self.zones)]
        for group, items in groups:
            for i, item in enumerate(items):
                here = f"{group}[{i}].id"
                if item.id in seen:
                    raise located(here, f"duplicate id {item.id!r} (also used by {seen[item.id]})")
                seen[item.id] = here.removesuffix(".id")
        zone_ids = {z.id for z in self.zones}
        for i, zone_id in enumerate(self.transitions.rotation):
            if zone_id not in zone_ids:
                raise located(f"transitions.rotation[{i}]", f"no zone has the id {zone_id!r}")
        if len(set(self.transitions.rotation)) != len(self.transitions.rotation):
            raise located("transitions.rotation", "names a zone more than once")
        return self

    def zone(self, zone_id: str) -> Zone | None:
        return next((z for z in self.zones if z.id == zone_id), None)

    def piece(self, piece_id: str) -> Piece | None:
        return next((p for p in self.pieces if p.id == piece_id), None)

    def stations(self) -> list[Zone]:
        """Zones with a station number, in number order."""
        return sorted((z for z in self.zones if z.station is not None), key=lambda z: (z.station, z.id))

    def rotation_zones(self) -> list[Zone]:
        by_id = {z.id: z for z in self.zones}
        return [by_id[i] for i in self.transitions.rotation if i in by_id]


# --- the floor plan it was traced from ---------------------------------------------------------


class Tracing(_Model):
    """A scanned or photographed floor plan shown under the plan at true scale, to draw over.

    The image is stretched over a `width` x `depth` rectangle centred at (`x`, `y`) and turned
    `rotation` degrees clockwise, like a piece; calibrating scales that rectangle. A field set on
    it is checked as a file's would be, so a changed copy needs no second look at the image.
    """

    model_config = ConfigDict(extra="forbid", validate_default=False, validate_assignment=True)

    name: Name = ""  # the file it came from, as the teacher knows it
    image: TracingImage  # PNG or JPEG bytes, base64: the file opens on any computer
    x: Coord
    y: Coord
    rotation: Angle = 0.0
    width: Span
    depth: Span
    opacity: float = Field(default=0.5, ge=0.05, le=1.0, allow_inf_nan=False)
    locked: bool = False  # locked: no tool moves, turns or calibrates it
    visible: bool = True
    in_pdf: bool = False  # the evidence map leaves it out unless the teacher asks

    def image_bytes(self) -> bytes:
        return base64.b64decode(self.image)


class Project(_Model):
    schema_version: Literal[3] = SCHEMA_VERSION
    title: Name = ""
    teacher: Name = ""
    school: Name = ""
    course: Name = ""  # course or grade, e.g. "Grade 5" or "Biology 1"
    class_size: int | None = Field(default=None, ge=1, le=500)
    display_units: DisplayUnits = "ft-in"
    layouts: list[Layout] = Field(min_length=1, max_length=50)
    tracing: Tracing | None = None  # the real room's floor plan, drawn under every layout; absent before v3

    @model_validator(mode="after")
    def _layout_ids_unique(self) -> Project:
        seen: dict[str, int] = {}
        for i, layout in enumerate(self.layouts):
            if layout.id in seen:
                raise located(f"layouts[{i}].id", f"duplicate layout id {layout.id!r} (also layouts[{seen[layout.id]}])")
            seen[layout.id] = i
        return self

    def layout(self, key: str) -> Layout | None:
        """A layout by id or by name (names compared without case)."""
        for layout in self.layouts:
            if layout.id == key:
                return layout
        matches = [lay for lay in self.layouts if lay.name.casefold() == key.casefold()]
        return matches[0] if len(matches) == 1 else None

