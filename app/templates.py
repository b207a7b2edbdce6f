"""Starting layouts (File > New from template…): rows, pods of four, a horseshoe, station
rotation and a discussion circle, laid out again to fit any rectangular room. No Qt here.

A template is an ordinary project file (app/assets/templates/, written by tools/make_templates.py)
showing the arrangement in a 30 x 32 ft reference room. The file says *what* stands in the room:
the furniture kinds and sizes (the first piece of each role, a role being the id without its
number: "desk-7" is a "desk"), the zones' kinds, names and texts, the transition plan, the door's
wall, hinge and swing, and the wall features. The rule of *where* things repeat lives here, keyed
by the layout's id ("rows", "pods-of-four", ...): the file format forbids fields it does not know,
and a rule hidden in free text would be a second file format to parse and to validate. A teacher
who edits a template's desk size or zone texts sees the change in every room it is laid out to.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import shapely

from app.geometry import check_layout
from app.geometry.shapes import door_clear_area
from app.model import Layout, Piece, Project, Room, Severity, Zone
from app.storage import load_project
from app.units import DisplayUnits

TEMPLATES = Path(__file__).resolve().parent / "assets" / "templates"

PERIMETER = 36.0  # domain.md: teachers keep 36-48 in round the perimeter
AISLE = 36.0  # ADA 403.5.1: a walking path is 36 in clear
DESK_GAP = 24.0  # domain.md: 20-30 in between desks
ROW_GAP = 20.0  # a chair's back to the next desk: IBC ch. 10 asks 12 in past the 19 in chair line (domain.md)
TEACHER_DESK_AT = 20.0  # the teacher desk this far from the board wall, its chair behind it
TEACHER_AREA = 48.0  # domain.md: 48 in round the teacher area
CHAIR_GAP = 2.0  # a chair pulled up to a table leaves this much between them
ZONE_MARGIN = 12.0  # zones reach past their furniture: a chair pushed back stays in
DOOR_MARGIN = 6.0  # the door's clear floor (ADA 404.2.4.1) grown: nothing right at its edge
RING_MIN = 54.0  # the discussion ring's half-axes at least (eight chairs on a 30 in pitch)
RING_PITCH = 30.0  # chairs round the ring, centre to centre: 18 in chairs, 12 in between

Point = tuple[float, float]
_NUMBER = re.compile(r"\s*\d+$")


class TemplateDoesNotFit(ValueError):
    """One line: what did not fit and the room size that would ("a 16 x 18 ft room is too small
    for pods of four: it needs at least 17 x 27 ft")."""


def templates() -> list[Project]:
    """The bundled templates, in menu order."""
    found = {load_project(path).layouts[0].id: path for path in TEMPLATES.glob("*.classroom.json")}
    return [load_project(found[key]) for key in PATTERNS if key in found]


def template_id(template: Project) -> str:
    return template.layouts[0].id


def description(template: Project) -> str:
    """The one-line description a template carries in its layout's notes."""
    return template.layouts[0].notes.strip().splitlines()[0] if template.layouts[0].notes.strip() else ""


def lay_out(template: Project, width: float, depth: float, *, units: DisplayUnits = "ft-in") -> Layout:
    """The template's arrangement in a `width` x `depth` in room; raises TemplateDoesNotFit (one
    line) when the room is too small, or when the result would not pass the checks."""
    layout = arrange(template, width, depth, units=units)
    errors = [f for f in check_layout(layout) if f.severity == Severity.ERROR]
    if errors:
        raise TemplateDoesNotFit(f"{_name(template)} does not fit {_room_text(width, depth, units)}: "
                                 f"{errors[0].message}")
    return layout


def arrange(template: Project, width: float, depth: float, *, units: DisplayUnits = "ft-in") -> Layout:
    """lay_out without the final check: what the dialog's previews draw."""
    key = template_id(template)
    if key not in PATTERNS:
        raise TemplateDoesNotFit(f"{_name(template)} has no pattern (known: {', '.join(PATTERNS)})")
    pattern, minimum = PATTERNS[key]
    plan = _Plan(template, width, depth, units)
    need_w, need_d = minimum(plan)
    if width < need_w or depth < need_d:
        raise plan.too_small(need_w, need_d)
    pattern(plan)
    return plan.layout()


def minimum_size(template: Project) -> tuple[float, float]:
    """The smallest room (inches) the template's pattern fits, before the door is placed."""
    _, minimum = PATTERNS[template_id(template)]
    return minimum(_Plan(template, 1200.0, 1200.0, "ft-in"))


# --- the room and what is placed in it ---------------------------------------------------------


def rect(x0: float, y0: float, x1: float, y1: float) -> list[Point]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def role(item_id: str) -> str:
    """What a piece or zone is in its pattern: its id without the number ("desk-7" -> "desk")."""
    return re.sub(r"-\d+$", "", item_id)


class _Plan:
    """The laid-out room as it fills: pieces and zones numbered per role, the door kept free."""

    def __init__(self, template: Project, width: float, depth: float, units: DisplayUnits) -> None:
        self.template, self.units = template, units
        self.source = template.layouts[0]
        self.width, self.depth = width, depth
        self.room = _room(self.source.room, width, depth)
        pockets = [shapely.box(*door_clear_area(self.room, d).bounds).buffer(DOOR_MARGIN, join_style="mitre")
                   for d in self.room.doors]
        self.door_pocket = shapely.union_all(pockets) if pockets else shapely.Polygon()
        self.pieces: list[Piece] = []
        self.zones: list[Zone] = []
        self.counts: dict[str, int] = {}
        self.must_fit = False  # True: a unit in the door's way means the room is too small

    def proto(self, name: str) -> Piece:
        for piece in self.source.pieces:
            if role(piece.id) == name:
                return piece
        raise TemplateDoesNotFit(f"{_name(self.template)} has no piece with the role {name!r} (an id like '{name}-1')")

    def piece(self, name: str, x: float, y: float, rotation: float = 0.0) -> Piece:
        proto = self.proto(name)
        return proto.model_copy(update={"x": round(x, 3), "y": round(y, 3), "rotation": rotation % 360})

    def add(self, pieces: list[Piece], zone: tuple[str, list[Point]] | None = None, *,
            station: int | None = None, numbered: bool = False, slack: float = 0.0, grouped: bool = False) -> bool:
        """Place a unit (a desk and its chair, a pod, a station) whole, unless it stands in the
        door's clear floor: then it moves away from the door by up to `slack` (the room its
        aisles have beyond AISLE), or is left out (or, where it must fit, the room is too small)."""
        shapes = [shapely.Polygon(p.outline()) for p in pieces if p.solid]
        hit = [s for s in shapes if shapely.intersection(s, self.door_pocket).area > 1.0]
        if hit and slack > 0:
            nx, ny = self.room.inward_normal(self.room.doors[0].wall)
            far = max(max(np.dot(c, (-nx, -ny)) for c in s.exterior.coords) for s in hit)
            near = min(np.dot(c, (-nx, -ny)) for c in self.door_pocket.exterior.coords)
            if far - near <= slack:
                dx, dy = nx * (far - near), ny * (far - near)
                pieces = [p.model_copy(update={"x": round(p.x + dx, 3), "y": round(p.y + dy, 3)}) for p in pieces]
                zone = zone and (zone[0], [(x + dx, y + dy) for x, y in zone[1]])
                return self.add(pieces, zone, station=station, numbered=numbered, grouped=grouped)
        if hit:
            if self.must_fit:
                raise self.too_small(*PATTERNS[self.source.id][1](self))
            return False
        group = None
        if grouped:  # a pod moves and turns as one (Arrange > Group)
            group = f"group-{self.counts.setdefault('group', 0) + 1}"
            self.counts["group"] += 1
        for piece in pieces:
            n = self.counts[role(piece.id)] = self.counts.get(role(piece.id), 0) + 1
            self.pieces.append(piece.model_copy(update={"id": f"{role(piece.id)}-{n}", "group": group}))
        if zone is not None:
            self.zone(*zone, station=station, numbered=numbered)
        return True

    def zone(self, name: str, polygon: list[Point], *, station: int | None = None, numbered: bool = False) -> None:
        proto = next((z for z in self.source.zones if role(z.id) == name), None)
        if proto is None:
            raise TemplateDoesNotFit(f"{_name(self.template)} has no zone with the role {name!r} (an id like '{name}-1')")
        n = self.counts[f"zone:{name}"] = self.counts.get(f"zone:{name}", 0) + 1
        label = f"{_NUMBER.sub('', proto.name)} {n}" if numbered else proto.name
        clipped = shapely.Polygon(polygon).intersection(shapely.box(0, 0, self.width, self.depth))
        points = [(round(x, 3), round(y, 3)) for x, y in clipped.exterior.coords[:-1]]
        self.zones.append(proto.model_copy(update={"id": f"{name}-{n}", "name": label, "polygon": points,
                                                   "station": station if station is not None else proto.station}))

    def too_small(self, need_w: float, need_d: float) -> TemplateDoesNotFit:
        units = self.units
        return TemplateDoesNotFit(f"{_room_text(self.width, self.depth, units)} is too small for "
                                  f"{_name(self.template).lower()}: it needs at least {_size_text(need_w, need_d, units, up=True)}")

    def layout(self) -> Layout:
        zone_ids = {z.id for z in self.zones}
        rotation = [z for z in self.source.transitions.rotation if z in zone_ids]
        transitions = self.source.transitions.model_copy(update={"rotation": rotation})
        return Layout(id=self.source.id, name=self.source.name, notes=self.source.notes, room=self.room,
                      pieces=self.pieces, zones=self.zones, transitions=transitions,
                      clear_width=self.source.clear_width)

    # --- the front of the room: the teacher desk before the board ---------------------------
    def front(self) -> float:
        """The teacher desk in the front-left corner, its chair behind it, and the teaching
        zone; returns where student furniture may begin (48 in past the desk)."""
        desk, chair = self.proto("teacher-desk"), self.proto("teacher-chair")
        x = PERIMETER + desk.width / 2
        top = max(TEACHER_DESK_AT, chair.depth + CHAIR_GAP)
        self.must_fit = True
        self.add([self.piece("teacher-desk", x, top + desk.depth / 2),
                  self.piece("teacher-chair", x, top - CHAIR_GAP / 2 - chair.depth / 2, 180)])
        self.must_fit = False
        start = top + desk.depth + TEACHER_AREA
        self.zone("front", rect(0, 0, self.width, start - ZONE_MARGIN))
        return start

    def front_depth(self) -> float:
        return max(TEACHER_DESK_AT, self.proto("teacher-chair").depth + CHAIR_GAP) + self.proto("teacher-desk").depth + TEACHER_AREA


def _room(source: Room, width: float, depth: float) -> Room:
    """The template's rectangular room at the new size: doors keep their distance to the wall's
    nearer end (a door by a corner stays by it), features and windows keep their place in proportion."""
    x0, y0, x1, y1 = source.bounds()
    if source.outline != rect(x0, y0, x1, y1):
        raise TemplateDoesNotFit("a template's room must be a rectangle drawn from its top-left corner, clockwise")
    old = [x1 - x0, y1 - y0, x1 - x0, y1 - y0]
    new = [width, depth, width, depth]

    def moved(opening, keep_end: bool):
        length, was = new[opening.wall], old[opening.wall]
        size = min(opening.width, length - 2 * DOOR_MARGIN) if keep_end else min(opening.width, 0.6 * length)
        if keep_end and min(opening.position, was - opening.position) < was / 3:
            at = opening.position if opening.position < was / 2 else length - (was - opening.position)
        else:
            at = opening.position / was * length
        at = min(max(at, size / 2), length - size / 2)
        return opening.model_copy(update={"position": round(at, 3), "width": size})

    return Room(outline=rect(0, 0, width, depth), doors=[moved(d, True) for d in source.doors],
                windows=[moved(w, False) for w in source.windows], features=[moved(f, False) for f in source.features])


# --- the patterns ------------------------------------------------------------------------------


def _spread(low: float, high: float, size: float, gap: float) -> list[float]:
    """Left edges of as many `size` units as fit in [low, high] at least `gap` apart, the room
    left over shared out equally between the aisles and the two ends."""
    n = int((high - low + gap) // (size + gap))
    if n < 1:
        return []
    extra = (high - low - n * size - (n - 1) * gap) / (n + 1)
    return [low + extra + k * (size + gap + extra) for k in range(n)]


def _row_columns(low: float, high: float, size: float) -> list[float]:
    """Left edges of desk columns: pairs DESK_GAP apart, an AISLE after every pair, centred."""
    edges, x = [], low
    while x + size <= high + 1e-9:
        edges.append(x)
        x += size + (DESK_GAP if len(edges) % 2 else AISLE)
    shift = (high - (edges[-1] + size)) / 2 if edges else 0.0
    return [e + shift for e in edges]


def _rows(plan: _Plan) -> None:
    desk, chair = plan.proto("desk"), plan.proto("chair")
    top = plan.front()
    bottom = plan.depth - PERIMETER
    columns = _row_columns(PERIMETER, plan.width - PERIMETER, desk.width)
    unit = desk.depth + chair.depth
    rows = []
    y = top
    while y + unit <= bottom + 1e-9:
        rows.append(y)
        y += unit + ROW_GAP
    for y in rows:
        for x in columns:
            cx = x + desk.width / 2
            plan.add([plan.piece("desk", cx, y + desk.depth / 2), plan.piece("chair", cx, y + desk.depth + chair.depth / 2)])
    plan.zone("desks", rect(columns[0] - ZONE_MARGIN, top - ZONE_MARGIN,
                            columns[-1] + desk.width + ZONE_MARGIN, rows[-1] + unit + ZONE_MARGIN))


def _rows_minimum(plan: _Plan) -> tuple[float, float]:
    desk, chair = plan.proto("desk"), plan.proto("chair")
    return (2 * PERIMETER + 2 * desk.width + DESK_GAP,
            plan.front_depth() + 2 * (desk.depth + chair.depth) + ROW_GAP + PERIMETER)


def _pods(plan: _Plan) -> None:
    desk, chair = plan.proto("desk"), plan.proto("chair")
    pod_w, pod_d = 2 * desk.width, 2 * desk.depth + 2 * chair.depth
    top = plan.front()
    rows = _spread(top, plan.depth - PERIMETER, pod_d, AISLE)
    for y in rows:
        for x in _spread(PERIMETER, plan.width - PERIMETER, pod_w, AISLE):
            pieces = []
            for dx in (desk.width / 2, desk.width * 1.5):
                north, south = y + chair.depth + desk.depth / 2, y + chair.depth + desk.depth * 1.5
                pieces += [plan.piece("desk", x + dx, north, 180), plan.piece("chair", x + dx, y + chair.depth / 2, 180),
                           plan.piece("desk", x + dx, south), plan.piece("chair", x + dx, y + pod_d - chair.depth / 2)]
            m = ZONE_MARGIN / 2  # half: two pods' zones keep an aisle between them
            plan.add(pieces, ("pod", rect(x - m, y - m, x + pod_w + m, y + pod_d + m)), numbered=True,
                     slack=rows[0] - top, grouped=True)


def _pods_minimum(plan: _Plan) -> tuple[float, float]:
    desk, chair = plan.proto("desk"), plan.proto("chair")
    return (2 * PERIMETER + 4 * desk.width + AISLE,
            plan.front_depth() + 2 * (2 * desk.depth + 2 * chair.depth) + AISLE + PERIMETER)


def _horseshoe(plan: _Plan) -> None:
    """Desks touching in a U open to the front, chairs inside it; the door's corner stays open."""
    desk, chair = plan.proto("desk"), plan.proto("chair")
    top = plan.front()
    band = desk.depth + chair.depth  # a desk and its chair, across the arm
    left, right, back = PERIMETER, plan.width - PERIMETER, plan.depth - PERIMETER
    arm_end = back - band
    n_arm = int((arm_end - top) // desk.width)
    for k in range(n_arm):
        cy = arm_end - (k + 0.5) * desk.width
        plan.add([plan.piece("desk", left + desk.depth / 2, cy, 270),
                  plan.piece("chair", left + desk.depth + chair.depth / 2, cy, 270)])
        plan.add([plan.piece("desk", right - desk.depth / 2, cy, 90),
                  plan.piece("chair", right - desk.depth - chair.depth / 2, cy, 90)])
    n_back = int((right - left - 2 * band) // desk.width)
    start = (plan.width - n_back * desk.width) / 2
    for k in range(n_back):
        cx = start + (k + 0.5) * desk.width
        plan.add([plan.piece("desk", cx, back - desk.depth / 2, 180),
                  plan.piece("chair", cx, back - desk.depth - chair.depth / 2, 180)])
    plan.zone("horseshoe", rect(left - ZONE_MARGIN, top - ZONE_MARGIN, right + ZONE_MARGIN, back + ZONE_MARGIN))


def _horseshoe_minimum(plan: _Plan) -> tuple[float, float]:
    desk, chair = plan.proto("desk"), plan.proto("chair")
    band = desk.depth + chair.depth
    return 2 * (PERIMETER + band) + 3 * desk.width, plan.front_depth() + 2 * desk.width + band + PERIMETER


STATION_CORNERS = ((0, 0), (1, 0), (1, 1), (0, 1))  # clockwise from the front-left: the rotation's way
#: the zone role of each station, in number order
STATION_ZONES = ("guided", "group-work", "online", "discussion")


def _station_units(plan: _Plan) -> list[list[tuple[str, float, float, float]]]:
    """The four stations' furniture about each one's centre, from the template's sizes."""
    chair = plan.proto("chair")
    c = chair.depth / 2 + CHAIR_GAP
    kidney, activity = plan.proto("guided-table"), plan.proto("group-table")
    computer, talk = plan.proto("computer-table"), plan.proto("talk-table")
    guided = [("guided-table", 0, 0, 0), ("teacher-chair", 0, -kidney.depth / 2 - c, 180)]
    guided += [("chair", dx, kidney.depth / 2 + c, 0) for dx in (-1.5, -0.5, 0.5, 1.5) for dx in [dx * (chair.width + CHAIR_GAP)]]
    group = [("group-table", 0, 0, 0)]
    group += [("chair", dx * (chair.width + CHAIR_GAP), s * (activity.depth / 2 + c), 0 if s > 0 else 180)
              for dx in (-1, 0, 1) for s in (-1, 1)]
    online = [("computer-table", 0, s * computer.depth / 2, 0 if s > 0 else 180) for s in (-1, 1)]
    online += [("chair", dx * computer.width / 4, s * (computer.depth + c), 0 if s > 0 else 180)
               for dx in (-1, 1) for s in (-1, 1)]
    r = talk.width / 2 + c
    discussion = [("talk-table", 0, 0, 0)] + [("chair", r * math.sin(math.radians(a)), -r * math.cos(math.radians(a)), a + 180)
                                              for a in (0, 90, 180, 270)]
    return [guided, group, online, discussion]


def _extent(plan: _Plan, unit: list[tuple[str, float, float, float]]) -> tuple[float, float, float, float]:
    shapes = [shapely.Polygon(plan.piece(name, dx, dy, rot).outline()) for name, dx, dy, rot in unit]
    return shapely.union_all(shapes).bounds


def _stations(plan: _Plan) -> None:
    """Four stations, one in each corner, numbered clockwise from the front-left."""
    plan.must_fit = True
    for number, (unit, (right, back)) in enumerate(zip(_station_units(plan), STATION_CORNERS), start=1):
        x0, y0, x1, y1 = _extent(plan, unit)
        cx = plan.width - PERIMETER - x1 if right else PERIMETER - x0
        cy = plan.depth - PERIMETER - y1 if back else PERIMETER - y0
        pieces = [plan.piece(name, cx + dx, cy + dy, rot) for name, dx, dy, rot in unit]
        m = ZONE_MARGIN
        plan.add(pieces, (STATION_ZONES[number - 1], rect(cx + x0 - m, cy + y0 - m, cx + x1 + m, cy + y1 + m)),
                 station=number)


def _stations_minimum(plan: _Plan) -> tuple[float, float]:
    boxes = [_extent(plan, unit) for unit in _station_units(plan)]
    w = [b[2] - b[0] for b in boxes]
    d = [b[3] - b[1] for b in boxes]
    # the door mid-way down the east wall: the clusters by it stay clear of its clear floor
    a = b = 0.0
    if plan.room.doors:
        (_, ya), (_, yb) = plan.room.opening_span(plan.room.doors[0])
        _, top, _, bottom = plan.door_pocket.bounds
        a, b = (ya + yb) / 2 - top, bottom - (ya + yb) / 2
    return (2 * PERIMETER + 2 * ZONE_MARGIN + max(w[0] + w[1], w[3] + w[2]),
            max(2 * PERIMETER + d[0] + d[3] + 2 * ZONE_MARGIN, 2 * (PERIMETER + d[1] + a), 2 * (PERIMETER + d[2] + b)))


def _ring(plan: _Plan) -> tuple[float, float, float]:
    """The discussion ring's half-axes and the band the pushed-back tables take by each side wall."""
    table = plan.proto("table")
    band = CHAIR_GAP + table.depth + AISLE
    rx_with = plan.width / 2 - band
    ry = plan.depth / 2 - PERIMETER
    if rx_with >= RING_MIN:
        return rx_with, ry, band
    return plan.width / 2 - PERIMETER, ry, 0.0


def _circle(plan: _Plan) -> None:
    """Chairs on an oval scaled to the room, facing its middle; the tables pushed to the side walls."""
    chair, table = plan.proto("chair"), plan.proto("table")
    rx, ry, band = _ring(plan)
    cx, cy = plan.width / 2, plan.depth / 2
    inset = math.hypot(chair.width, chair.depth) / 2
    t = np.linspace(0, 2 * math.pi, 1441)
    xs, ys = (rx - inset) * np.sin(t), -(ry - inset) * np.cos(t)
    run = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(xs), np.diff(ys)))])
    count = int(run[-1] // RING_PITCH)
    for s in run[-1] * np.arange(count) / count:
        k = int(np.searchsorted(run, s))
        x, y = cx + xs[k], cy + ys[k]
        facing = math.degrees(math.atan2(cy - y, cx - x)) - 90  # the chair's front (-y) towards the middle
        plan.add([plan.piece("chair", x, y, facing + 180)])
    if band:
        n = int((plan.depth - 2 * PERIMETER + DESK_GAP / 2) // (table.width + DESK_GAP / 2))
        start = (plan.depth - n * table.width - (n - 1) * DESK_GAP / 2) / 2
        for k in range(n):
            y = start + table.width / 2 + k * (table.width + DESK_GAP / 2)
            for x in (CHAIR_GAP + table.depth / 2, plan.width - CHAIR_GAP - table.depth / 2):
                plan.add([plan.piece("table", x, y, 90)])
    rug = plan.proto("rug")
    if min(rx, ry) - 2 * inset - chair.depth >= rug.width / 2:
        plan.add([plan.piece("rug", cx, cy)])
    m = ZONE_MARGIN / 2
    oval = [(cx + (rx + m) * math.sin(a), cy - (ry + m) * math.cos(a)) for a in np.linspace(0, 2 * math.pi, 48, endpoint=False)]
    plan.zone("circle", oval)


def _circle_minimum(plan: _Plan) -> tuple[float, float]:
    return 2 * (RING_MIN + PERIMETER), 2 * (RING_MIN + PERIMETER)


PATTERNS: dict[str, tuple[Callable[[_Plan], None], Callable[[_Plan], tuple[float, float]]]] = {
    "rows": (_rows, _rows_minimum),
    "pods-of-four": (_pods, _pods_minimum),
    "horseshoe": (_horseshoe, _horseshoe_minimum),
    "station-rotation": (_stations, _stations_minimum),
    "discussion-circle": (_circle, _circle_minimum),
}


# --- words -------------------------------------------------------------------------------------

def _name(template: Project) -> str:
    return template.layouts[0].name or template_id(template)


def _size_text(width: float, depth: float, units: DisplayUnits, up: bool = False) -> str:
    """'16 x 18 ft' (whole feet) or '4.9 x 5.5 m'; up: rounded up, so the size named is enough."""
    if units == "metric":
        f = (lambda v: math.ceil(v * 0.254 - 1e-9) / 10) if up else (lambda v: round(v * 0.254) / 10)
        return f"{f(width):.1f} x {f(depth):.1f} m"
    f = (lambda v: math.ceil(v / 12 - 1e-9)) if up else (lambda v: round(v / 12, 1))
    return f"{f(width):g} x {f(depth):g} ft"


def _room_text(width: float, depth: float, units: DisplayUnits) -> str:
    return f"a {_size_text(width, depth, units)} room"
