"""The labelled vector map of one layout: a ReportLab Drawing, to scale, filling the frame.

Layers bottom to top: rugs, zone tints with their hatch, zone outlines, furniture, walls and
openings, wall features, the rotation route, station labels. Zones carry a hatch as well as a
colour so the map reads on a black-and-white printer.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Image, Line
from reportlab.lib import colors
from shapely.geometry import Polygon
from shapely.ops import polylabel

from app.export.hatching import hatch_group
from app.export.labels import LabelPlacer
from app.export.mapframe import PlanToPage, darker, lighter, polygon, rotated, text
from app.export.mapnotes import draw_dimensions, draw_rotation, draw_scale_bar
from app.export.mapwalls import draw_features, draw_walls
from app.export.styles import drawing
from app.export.text import plain, shorten, text_width
from app.export.zones import markers, ordered_zones
from app.model import ZONE_KINDS, Layout, Tracing
from app.model.numbering import piece_names, piece_numbers
from app.tracing import plan_raster
from app.units import DisplayUnits, format_area, format_length, in_units

# room for the dimension lines (top, left) and the scale bar (bottom), in points
_TOP, _BOTTOM, _LEFT, _RIGHT = 24.0, 30.0, 26.0, 6.0
HATCH_SPACING = 5.5  # points on paper, whatever the scale
PIECE_FILL = colors.HexColor("#dcdcdc")
TALL_FILL = colors.HexColor("#9a9a9a")
PIECE_INK = colors.HexColor("#3a3a3a")
RUG_FILL = colors.HexColor("#f4efe4")
RUG_INK = colors.HexColor("#a89f8c")
LABEL_SIZE = 7.5
MARKER_R = 5.6
KEY_SIZE = 6.5
KEY_LEAD = 8.5
ZONE_TINT_OPACITY = 0.3


def kind_color(kind) -> colors.Color:
    return colors.HexColor(ZONE_KINDS[kind].color)


def map_drawing(layout: Layout, legs: list, units: DisplayUnits, width: float, max_height: float,
                tracing: Tracing | None = None) -> Drawing:
    """legs: the rotation legs (number, path or None, start centre, end centre) in plan inches.
    Every piece is findable: its name where it fits inside it, else its number (or a letter)
    with the key under the map. tracing: a floor plan to lay under it all (faded, as on screen)."""
    room = layout.room
    x0, y0, x1, y1 = _extent(layout)
    avail_w = width - _LEFT - _RIGHT
    key_h = 0.0
    for _ in range(2):  # the key takes height from the map, and a smaller map may need a longer key
        avail_h = max_height - _TOP - _BOTTOM - key_h
        s = min(avail_w / max(x1 - x0, 1.0), avail_h / max(y1 - y0, 1.0))
        marks = furniture_marks(layout, s, units)
        key = _key_lines(layout, marks, width - 2, units)
        if len(key) * KEY_LEAD <= key_h:
            break
        key_h = len(key) * KEY_LEAD
    key_h = len(key) * KEY_LEAD
    map_w, map_h = (x1 - x0) * s, (y1 - y0) * s
    left = _LEFT + (avail_w - map_w) / 2
    bottom = _BOTTOM + key_h
    t = PlanToPage(s=s, min_x=x0, max_y=y1, left=left, bottom=bottom)
    d = drawing(width, map_h + _TOP + bottom)

    room_page = Polygon(t.points(room.outline)).buffer(0)
    solids = [Polygon(t.points(p.outline())).buffer(0) for p in layout.pieces if p.solid]
    placer = LabelPlacer((1.0, bottom - 2, width - 1.0, d.height - _TOP + 12), room_page, solids)
    (px0, ptop), (px1, pbottom) = t(*room.bounds()[:2]), t(*room.bounds()[2:])
    placer.reserve((px0 - 4, ptop + 5, px1 + 4, ptop + 20))  # the width dimension line and its text
    placer.reserve((px0 - 22, pbottom - 4, px0 - 5, ptop + 4))  # the depth dimension line and its text
    for swing in door_swings(room, t):  # no label over a door's swing
        placer.reserve(swing)

    if tracing is not None:
        # 150 dots per inch of paper: sharp enough to read, a few hundred kB at most
        raster = plan_raster(tracing, (x0, y0, x1, y1), min(s * 150 / 72, 8.0))
        d.add(Image(left, bottom, map_w, map_h, raster))
    _draw_floor(d, layout, t)
    _draw_zones(d, layout, t)
    _draw_furniture(d, layout, t)
    draw_walls(d, room, t)
    # labels claim their spots first, but are painted last so route lines pass under them
    labels, routes = Group(), Group()
    _draw_piece_marks(d, layout, marks, t)
    _draw_zone_labels(labels, layout, t, placer)
    draw_features(labels, room, t, placer)
    draw_rotation(routes, legs, t, placer)
    d.add(routes)
    d.add(labels)
    draw_dimensions(d, room.bounds(), t, units)
    bar_end = draw_scale_bar(d, left, 8 + key_h, t, units)
    rw, rd = room.bounds()[2] - room.bounds()[0], room.bounds()[3] - room.bounds()[1]
    note = (f"Room {format_length(rw, units)} x {format_length(rd, units)}, {format_area(room.area, units)}"
            f"  ·  scale 1:{72 / s:.0f} on this page")
    d.add(text(max(bar_end + 16, width - _RIGHT - text_width(note, 7)), 9 + key_h, note, 7,
               color=colors.HexColor("#444444")))
    for n, line in enumerate(key):
        d.add(text(1, key_h - (n + 1) * KEY_LEAD + 2, line, KEY_SIZE, color=PIECE_INK))
    return d


@dataclass(frozen=True)
class Mark:
    """What a piece carries on the map: its name, or a number or letter the key explains."""

    text: str
    named: bool  # the piece's whole name fits inside it
    size: float
    angle: float  # degrees counterclockwise on the page, along the piece's long side


def furniture_marks(layout: Layout, s: float, units: DisplayUnits = "ft-in") -> list[Mark | None]:
    """For each piece at s points per inch: its name where it fits inside it, else its number
    among its kind ('Student desk 14' is the desk marked 14), else a letter; None for a piece
    too small to carry even that (the key still lists it)."""
    names = piece_names(layout.pieces)
    letters = iter("abcdefghijkmnpqrstuvwxyz")
    out: list[Mark | None] = []
    for piece, name, number in zip(layout.pieces, names, piece_numbers(layout.pieces)):
        name = in_units(name, units)
        long_w, short_w = sorted((piece.width * s, piece.depth * s), reverse=True)
        along = piece.rotation if piece.width >= piece.depth else piece.rotation + 90
        angle = -along % 180  # plan y points down; never upside down
        angle = angle - 180 if angle > 90 else angle
        size = min(6.0, short_w * 0.6)
        if size >= 3.6 and text_width(plain(name), size) <= long_w - 2:
            out.append(Mark(plain(name), True, size, angle))
            continue
        code = str(number) if number is not None else next(letters, "?")
        size = min(5.0, long_w * 0.45, short_w * 0.7)
        out.append(Mark(code, False, size, 0.0) if size >= 2.5 else Mark(code, False, 0.0, 0.0))
    return out


def _key_lines(layout: Layout, marks: list[Mark | None], width: float, units: DisplayUnits) -> list[str]:
    """The key of the numbers and letters on the furniture, wrapped to width."""
    numbers: dict[str, list[int]] = {}
    entries: list[str] = []
    for piece, mark in zip(layout.pieces, marks):
        if mark is None or mark.named:
            continue
        if mark.text.isdigit():
            numbers.setdefault(in_units(piece.item.name, units), []).append(int(mark.text))
        else:
            entries.append(f"{mark.text} {piece.label or in_units(piece.item.name, units)}")
    for name, got in numbers.items():
        got.sort()
        entries.insert(0, f"{name} {got[0]}–{got[-1]}" if got == list(range(got[0], got[-1] + 1)) and len(got) > 1
                       else f"{name} " + ", ".join(map(str, got)))
    if not entries:
        return []
    lines, line = [], "On the furniture: "
    for n, entry in enumerate(entries):
        piece = entry + (" · " if n < len(entries) - 1 else "")
        if text_width(line + piece, KEY_SIZE) > width and line.strip():
            lines.append(line.rstrip(" ·"))
            line = ""
        line += piece
    lines.append(line)
    return lines


def door_swings(room, t: PlanToPage) -> list[tuple[float, float, float, float]]:
    """The page box of each door's swing (a door's width square on its swing side)."""
    out = []
    for door in room.doors:
        if door.swing == "none":
            continue
        a, b = room.opening_span(door)
        nx, ny = room.inward_normal(door.wall)
        if door.swing == "out":
            nx, ny = -nx, -ny
        pts = [t(*a), t(*b), t(a[0] + nx * door.width, a[1] + ny * door.width),
               t(b[0] + nx * door.width, b[1] + ny * door.width)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def _extent(layout: Layout) -> tuple[float, float, float, float]:
    """The room's box, grown to take in anything drawn outside it (a piece left in the hall)."""
    x0, y0, x1, y1 = layout.room.bounds()
    for shape in [p.outline() for p in layout.pieces] + [z.polygon for z in layout.zones]:
        xs, ys = [q[0] for q in shape], [q[1] for q in shape]
        x0, y0, x1, y1 = min(x0, *xs), min(y0, *ys), max(x1, *xs), max(y1, *ys)
    return x0, y0, x1, y1


def _draw_floor(d: Drawing, layout: Layout, t: PlanToPage) -> None:
    for piece in layout.pieces:
        if not piece.solid:
            d.add(polygon(t.points(piece.outline()), RUG_FILL, RUG_INK, 0.5, strokeDashArray=[2, 1.5]))


def _draw_zones(d: Drawing, layout: Layout, t: PlanToPage) -> None:
    for zone in layout.zones:
        style = ZONE_KINDS[zone.kind]
        color = kind_color(zone.kind)
        pts = t.points(zone.polygon)
        d.add(polygon(pts, color, None, 0, fillOpacity=ZONE_TINT_OPACITY))
        area = Polygon(pts).buffer(0)
        d.add(hatch_group(area, style.pattern, HATCH_SPACING, darker(color, 0.25), 0.45))
        d.add(polygon(pts, None, darker(color, 0.35), 1.1, strokeDashArray=[4, 2]))


def _draw_furniture(d: Drawing, layout: Layout, t: PlanToPage) -> None:
    for piece in layout.pieces:
        if piece.solid:
            fill = TALL_FILL if piece.item.blocks_sight else PIECE_FILL
            d.add(polygon(t.points(piece.outline()), fill, PIECE_INK, 0.6))


def _draw_piece_marks(d: Drawing, layout: Layout, marks: list[Mark | None], t: PlanToPage) -> None:
    for piece, mark in zip(layout.pieces, marks):
        if mark is None or mark.size <= 0:
            continue
        cx, cy = t(piece.x, piece.y)
        line = text(cx, cy - mark.size * 0.36, mark.text, mark.size, anchor="middle", color=PIECE_INK)
        d.add(rotated(line, cx, cy, mark.angle) if mark.angle else line)


def _draw_zone_labels(d: Group, layout: Layout, t: PlanToPage, placer: LabelPlacer) -> None:
    """A numbered marker and the name of every zone, placed so no two overlap."""
    marks = markers(layout)
    for zone in ordered_zones(layout):
        area = Polygon(t.points(zone.polygon)).buffer(0)
        anchor_pt = polylabel(area, tolerance=1.0) if area.area > 0 else area.representative_point()
        anchor = (anchor_pt.x, anchor_pt.y)
        name = shorten(plain(zone.display_name), 30)
        height = 2 * MARKER_R + 2
        width = 2 * MARKER_R + 4 + text_width(name, LABEL_SIZE) + 4
        spot = placer.place(anchor, width, height, area)
        bx0, by0, bx1, by1 = spot.box
        ink = darker(kind_color(zone.kind), 0.45)
        if spot.moved:
            near = (min(max(anchor[0], bx0), bx1), min(max(anchor[1], by0), by1))
            d.add(Line(*anchor, *near, strokeColor=ink, strokeWidth=0.7))
            d.add(Circle(*anchor, 1.6, fillColor=ink, strokeColor=None))
        d.add(polygon([(bx0, by0), (bx1, by0), (bx1, by1), (bx0, by1)], lighter(colors.white, 0), ink, 0.7,
                      fillOpacity=0.9))
        cx, cy = bx0 + 1 + MARKER_R, (by0 + by1) / 2
        station = zone.station is not None
        d.add(Circle(cx, cy, MARKER_R, fillColor=colors.black if station else colors.white,
                     strokeColor=colors.black, strokeWidth=0.8))
        mark = marks[zone.id]
        size = 6.5 if len(mark) < 3 else 5.0
        d.add(text(cx, cy - size * 0.36, mark, size, bold=True, anchor="middle",
                   color=colors.white if station else colors.black))
        d.add(text(cx + MARKER_R + 3, cy - LABEL_SIZE * 0.36, name, LABEL_SIZE, color=colors.black))
