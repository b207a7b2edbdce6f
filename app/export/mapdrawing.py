"""The labelled vector map of one layout: a ReportLab Drawing, to scale, filling the frame.

Layers bottom to top: rugs, zone tints with their hatch, zone outlines, furniture, walls and
openings, wall features, the rotation route, station labels. Zones carry a hatch as well as a
colour so the map reads on a black-and-white printer.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line
from reportlab.lib import colors
from shapely.geometry import Polygon
from shapely.ops import polylabel

from app.export.hatching import hatch_group
from app.export.labels import LabelPlacer
from app.export.mapframe import PlanToPage, darker, lighter, polygon, text
from app.export.mapnotes import draw_dimensions, draw_rotation, draw_scale_bar
from app.export.mapwalls import draw_features, draw_walls
from app.export.styles import drawing
from app.export.text import plain, shorten, text_width
from app.export.zones import markers, ordered_zones
from app.model import ZONE_KINDS, Layout
from app.model.numbering import piece_numbers
from app.units import DisplayUnits, format_area, format_length

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
ZONE_TINT_OPACITY = 0.3


def kind_color(kind) -> colors.Color:
    return colors.HexColor(ZONE_KINDS[kind].color)


def map_drawing(layout: Layout, legs: list, units: DisplayUnits, width: float, max_height: float) -> Drawing:
    """legs: the rotation legs (number, path or None, start centre, end centre) in plan inches."""
    room = layout.room
    x0, y0, x1, y1 = _extent(layout)
    avail_w, avail_h = width - _LEFT - _RIGHT, max_height - _TOP - _BOTTOM
    s = min(avail_w / max(x1 - x0, 1.0), avail_h / max(y1 - y0, 1.0))
    map_w, map_h = (x1 - x0) * s, (y1 - y0) * s
    left = _LEFT + (avail_w - map_w) / 2
    t = PlanToPage(s=s, min_x=x0, max_y=y1, left=left, bottom=_BOTTOM)
    d = drawing(width, map_h + _TOP + _BOTTOM)

    room_page = Polygon(t.points(room.outline)).buffer(0)
    solids = [Polygon(t.points(p.outline())).buffer(0) for p in layout.pieces if p.solid]
    placer = LabelPlacer((1.0, _BOTTOM - 2, width - 1.0, d.height - _TOP + 12), room_page, solids)
    (px0, ptop), (px1, pbottom) = t(*room.bounds()[:2]), t(*room.bounds()[2:])
    placer.reserve((px0 - 4, ptop + 5, px1 + 4, ptop + 20))  # the width dimension line and its text
    placer.reserve((px0 - 22, pbottom - 4, px0 - 5, ptop + 4))  # the depth dimension line and its text

    _draw_floor(d, layout, t)
    _draw_zones(d, layout, t)
    _draw_furniture(d, layout, t)
    draw_walls(d, room, t)
    # labels claim their spots first, but are painted last so route lines pass under them
    labels, routes = Group(), Group()
    _draw_zone_labels(labels, layout, t, placer)
    draw_features(labels, room, t, placer)
    draw_rotation(routes, legs, t, placer)
    d.add(routes)
    d.add(labels)
    draw_dimensions(d, room.bounds(), t, units)
    bar_end = draw_scale_bar(d, left, 8, t, units)
    rw, rd = room.bounds()[2] - room.bounds()[0], room.bounds()[3] - room.bounds()[1]
    note = (f"Room {format_length(rw, units)} x {format_length(rd, units)}, {format_area(room.area, units)}"
            f"  ·  scale 1:{72 / s:.0f} on this page")
    d.add(text(max(bar_end + 16, width - _RIGHT - text_width(note, 7)), 9, note, 7, color=colors.HexColor("#444444")))
    return d


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
    for piece, number in zip(layout.pieces, piece_numbers(layout.pieces)):
        if piece.solid:
            fill = TALL_FILL if piece.item.blocks_sight else PIECE_FILL
            pts = t.points(piece.outline())
            d.add(polygon(pts, fill, PIECE_INK, 0.6))
            if number is not None:  # 'Student desk 14' in a finding is the desk marked 14 here
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                size = min(5.0, (max(xs) - min(xs)) * 0.45, (max(ys) - min(ys)) * 0.7)
                if size >= 3.0:
                    cx, cy = t.points([(piece.x, piece.y)])[0]
                    d.add(text(cx, cy - size * 0.36, str(number), size, anchor="middle", color=PIECE_INK))


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
