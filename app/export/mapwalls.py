"""The room's shell on the map: thick walls, doors as gaps with their swing, windows as a
double line, and wall features (whiteboard, bulletin board...) labelled, since other tools'
exports "lose doors and windows" (teachers' complaint, shared/domain.md)."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Group, Line
from reportlab.lib import colors

from app.export.labels import LabelPlacer
from app.export.mapframe import PlanToPage, arc, polygon, polyline, text
from app.export.text import plain, shorten, text_width
from app.model import Room

WALL = 3.2  # points: walls read as walls next to 0.6 pt furniture
WALL_INK = colors.HexColor("#111111")
FEATURE_INK = {
    "whiteboard": colors.HexColor("#1f5fa8"),
    "bulletin-board": colors.HexColor("#8a5a2b"),
    "screen": colors.HexColor("#444444"),
    "display": colors.HexColor("#6b4fa0"),
}
FEATURE_NAME = {"whiteboard": "Whiteboard", "bulletin-board": "Bulletin board", "screen": "Screen",
                "display": "Display"}
LABEL_SIZE = 6.5


def draw_walls(d: Drawing, room: Room, t: PlanToPage) -> None:
    d.add(polygon(t.points(room.outline), None, WALL_INK, WALL, strokeLineJoin=0))
    # openings are cut out of the wall by painting them white a little wider than the wall
    for opening in [*room.doors, *room.windows]:
        a, b = (t(*p) for p in room.opening_span(opening))
        d.add(Line(*a, *b, strokeColor=colors.white, strokeWidth=WALL + 1.2, strokeLineCap=0))
    for door in room.doors:
        _door(d, room, door, t)
    for window in room.windows:
        _window(d, room, window, t)


def _door(d: Drawing, room: Room, door, t: PlanToPage) -> None:
    a, b = room.opening_span(door)
    hinge, latch = (a, b) if door.hinge == "start" else (b, a)
    ph, pl = t(*hinge), t(*latch)
    if door.swing == "none":
        d.add(Line(*ph, *pl, strokeColor=WALL_INK, strokeWidth=0.4, strokeDashArray=[2, 2]))
        return
    nx, ny = room.inward_normal(door.wall)
    if door.swing == "out":
        nx, ny = -nx, -ny
    tip = t(hinge[0] + nx * door.width, hinge[1] + ny * door.width)
    r = math.dist(ph, pl)
    a0 = math.atan2(pl[1] - ph[1], pl[0] - ph[0])
    a1 = math.atan2(tip[1] - ph[1], tip[0] - ph[0])
    delta = (a1 - a0 + math.pi) % (2 * math.pi) - math.pi  # the quarter turn, whichever way it goes
    d.add(Line(*ph, *tip, strokeColor=WALL_INK, strokeWidth=1.0))
    d.add(polyline(arc(ph[0], ph[1], r, a0, a0 + delta), WALL_INK, 0.5, strokeDashArray=[1.5, 1.5]))


def _window(d: Drawing, room: Room, window, t: PlanToPage) -> None:
    a, b = (t(*p) for p in room.opening_span(window))
    length = math.dist(a, b) or 1.0
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    vx, vy = -uy, ux
    half = WALL / 2
    for k in (-half, half):
        d.add(Line(a[0] + vx * k, a[1] + vy * k, b[0] + vx * k, b[1] + vy * k, strokeColor=WALL_INK,
                   strokeWidth=0.6))
    d.add(Line(*a, *b, strokeColor=WALL_INK, strokeWidth=0.3))
    for p in (a, b):
        d.add(Line(p[0] - vx * half, p[1] - vy * half, p[0] + vx * half, p[1] + vy * half,
                   strokeColor=WALL_INK, strokeWidth=0.6))


def draw_features(d: Group, room: Room, t: PlanToPage, placer: LabelPlacer) -> None:
    """Whiteboards and boards as a coloured bar just inside their wall, each with its name."""
    for feature in room.features:
        a, b = room.opening_span(feature)
        nx, ny = room.inward_normal(feature.wall)
        inset = (WALL / 2 + 1.6) / t.s  # inches: clear of the wall line on paper
        pa = t(a[0] + nx * inset, a[1] + ny * inset)
        pb = t(b[0] + nx * inset, b[1] + ny * inset)
        ink = FEATURE_INK.get(feature.kind, WALL_INK)
        d.add(Line(*pa, *pb, strokeColor=ink, strokeWidth=2.6, strokeLineCap=0))
        name = shorten(plain(feature.label) or FEATURE_NAME.get(feature.kind, feature.kind), 28)
        w, h = text_width(name, LABEL_SIZE) + 3, LABEL_SIZE + 2.5
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        gap = (WALL / 2 + 4 + h / 2) / t.s
        anchor = t(mid[0] + nx * gap, mid[1] + ny * gap)
        spot = placer.place(anchor, w, h, reach=4 * h).box
        d.add(polygon([(spot[0], spot[1]), (spot[2], spot[1]), (spot[2], spot[3]), (spot[0], spot[3])],
                      colors.white, None, 0, fillOpacity=0.85))
        d.add(text((spot[0] + spot[2]) / 2, spot[1] + 1.8, name, LABEL_SIZE, anchor="middle", color=ink))
