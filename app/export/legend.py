"""The map's legend: each zone kind used, with its tint and hatch, and the map's symbols."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line
from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, Table
from shapely.geometry import box

from app.export.hatching import hatch_group
from app.export.mapdrawing import (
    HATCH_SPACING, MARKER_R, PIECE_FILL, PIECE_INK, RUG_FILL, RUG_INK, TALL_FILL, ZONE_TINT_OPACITY, kind_color,
)
from app.export.mapframe import arc, darker, polygon, polyline, text
from app.export.mapnotes import BLOCKED_INK, ROUTE_INK, arrowhead
from app.export.mapwalls import FEATURE_INK, FEATURE_NAME, WALL, WALL_INK
from app.export.styles import Styles, drawing, table_style
from app.export.text import escape
from app.model import ZONE_KINDS, Layout

SW, SH = 26.0, 13.0  # swatch size in points
_PER_ROW = 4


def legend(layout: Layout, legs: list, st: Styles, width: float) -> Flowable:
    entries: list[tuple[Drawing, str]] = []
    for kind in sorted({z.kind for z in layout.zones}):
        entries.append((_zone_swatch(kind), ZONE_KINDS[kind].label))
    if layout.stations():
        entries.append((_marker("1", True), "Station number"))
    if any(z.station is None for z in layout.zones):
        entries.append((_marker("A", False), "Section letter"))
    if any(p.solid and not p.item.blocks_sight for p in layout.pieces):
        entries.append((_box(PIECE_FILL, PIECE_INK), "Furniture"))
    if any(p.solid and p.item.blocks_sight for p in layout.pieces):
        entries.append((_box(TALL_FILL, PIECE_INK), "Tall furniture (blocks sight)"))
    if any(not p.solid for p in layout.pieces):
        entries.append((_box(RUG_FILL, RUG_INK, dashed=True), "Rug / floor seating"))
    if layout.room.doors:
        entries.append((_door(), "Door and its swing"))
    if layout.room.windows:
        entries.append((_window(), "Window"))
    for kind in sorted({f.kind for f in layout.room.features}):
        entries.append((_feature(kind), FEATURE_NAME.get(kind, kind)))
    if any(path for _, path, _, _ in legs):
        entries.append((_route(ROUTE_INK), "Rotation route, leg number"))
    if any(not path for _, path, _, _ in legs):
        entries.append((_route(BLOCKED_INK, dashed=True), "Rotation leg with no open path"))
    if not entries:
        return Spacer(1, 1)
    rows, row = [], []
    for swatch, label in entries:
        row += [swatch, Paragraph(escape(label), st.small)]
        if len(row) == 2 * _PER_ROW:
            rows.append(row)
            row = []
    if row:
        rows.append(row + [""] * (2 * _PER_ROW - len(row)))
    label_w = width / _PER_ROW - SW - 6
    table = Table(rows, colWidths=[SW + 6, label_w] * _PER_ROW)
    table.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return table


def _zone_swatch(kind) -> Drawing:
    d = drawing(SW, SH)
    color = kind_color(kind)
    pts = [(0.5, 0.5), (SW - 0.5, 0.5), (SW - 0.5, SH - 0.5), (0.5, SH - 0.5)]
    d.add(polygon(pts, color, None, 0, fillOpacity=ZONE_TINT_OPACITY))
    d.add(hatch_group(box(0.5, 0.5, SW - 0.5, SH - 0.5), ZONE_KINDS[kind].pattern, HATCH_SPACING,
                      darker(color, 0.25), 0.45))
    d.add(polygon(pts, None, darker(color, 0.35), 1.1, strokeDashArray=[4, 2]))
    return d


def _box(fill, ink, dashed: bool = False) -> Drawing:
    d = drawing(SW, SH)
    kw = {"strokeDashArray": [2, 1.5]} if dashed else {}
    d.add(polygon([(3, 2), (SW - 3, 2), (SW - 3, SH - 2), (3, SH - 2)], fill, ink, 0.6, **kw))
    return d


def _marker(mark: str, station: bool) -> Drawing:
    d = drawing(SW, SH)
    d.add(Circle(SW / 2, SH / 2, MARKER_R, fillColor=colors.black if station else colors.white,
                 strokeColor=colors.black, strokeWidth=0.8))
    d.add(text(SW / 2, SH / 2 - 2.3, mark, 6.5, bold=True, anchor="middle",
               color=colors.white if station else colors.black))
    return d


def _door() -> Drawing:
    d = drawing(SW, SH)
    d.add(Line(0, 1, 5, 1, strokeColor=WALL_INK, strokeWidth=WALL))
    d.add(Line(SW - 5, 1, SW, 1, strokeColor=WALL_INK, strokeWidth=WALL))
    d.add(Line(5, 1, 5, 12, strokeColor=WALL_INK, strokeWidth=1.0))
    d.add(polyline(arc(5, 1, 11, 1.5708, 0.0), WALL_INK, 0.5, strokeDashArray=[1.5, 1.5]))
    return d


def _window() -> Drawing:
    d = drawing(SW, SH)
    y = SH / 2
    d.add(Line(0, y, 5, y, strokeColor=WALL_INK, strokeWidth=WALL))
    d.add(Line(SW - 5, y, SW, y, strokeColor=WALL_INK, strokeWidth=WALL))
    for k in (-WALL / 2, WALL / 2):
        d.add(Line(5, y + k, SW - 5, y + k, strokeColor=WALL_INK, strokeWidth=0.6))
    d.add(Line(5, y, SW - 5, y, strokeColor=WALL_INK, strokeWidth=0.3))
    return d


def _feature(kind: str) -> Drawing:
    d = drawing(SW, SH)
    d.add(Line(0, SH - 2, SW, SH - 2, strokeColor=WALL_INK, strokeWidth=WALL))
    d.add(Line(3, SH - 6, SW - 3, SH - 6, strokeColor=FEATURE_INK.get(kind, WALL_INK), strokeWidth=2.6))
    return d


def _route(ink, dashed: bool = False) -> Drawing:
    d = drawing(SW, SH)
    if dashed:
        d.add(Line(1, SH / 2, SW - 1, SH / 2, strokeColor=ink, strokeWidth=1.0, strokeDashArray=[3, 2]))
    else:
        d.add(Line(1, SH / 2, SW - 2, SH / 2, strokeColor=ink, strokeWidth=1.3))
        d.add(arrowhead((1, SH / 2), (SW - 1, SH / 2), ink))
    d.add(Circle(9, SH / 2, 4.6, fillColor=colors.white, strokeColor=ink, strokeWidth=0.9))
    d.add(text(9, SH / 2 - 2.1, "1", 6, bold=True, anchor="middle", color=ink))
    return d
