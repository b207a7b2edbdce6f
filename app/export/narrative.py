"""The words a reviewer reads: the station table and the transitions section, written from the
layout itself, with the teacher's own texts kept verbatim where they belong."""

from __future__ import annotations

import math

from reportlab.platypus import Flowable, Paragraph, Table

from app.export.analysis import LayoutAnalysis
from app.export.styles import HEAD_FILL, RULE, UNMET, Styles, table_style
from app.export.text import counted, escape, isolate, join_words, paragraph, plural
from app.export.zones import markers, ordered_zones
from app.model import ZONE_KINDS, Layout, Project
from app.stations import pieces_by_zone, rotation_sense, seats
from app.units import DisplayUnits, format_length, in_units

_NOT_WRITTEN = f'<font color="{UNMET.hexval().replace("0x", "#")}">Not written yet.</font>'
# relative widths of the station table's columns: #, name, kind, use, environment, seats, furniture
_COLUMNS = (0.045, 0.135, 0.13, 0.22, 0.22, 0.09, 0.16)


def station_table(layout: Layout, st: Styles, width: float, units: DisplayUnits = "ft-in") -> list[Flowable]:
    if not layout.zones:
        return [Paragraph("This layout has no stations or sections yet.", st.body)]
    marks = markers(layout)
    held = pieces_by_zone(layout)
    head = ["#", "Station / section", "Kind", "How students use it",
            "How it supports a positive classroom environment", "Capacity", "Furniture in it"]
    rows: list[list[Flowable]] = [[Paragraph(h, st.cell_head) for h in head]]
    for zone in ordered_zones(layout):
        pieces = held[zone.id]
        n_seats = seats(pieces)
        seat_text = "<br/>".join(part for part in (
            f"{zone.capacity} students" if zone.capacity is not None else "",
            plural(n_seats, "seat") if n_seats else "") if part)
        kind = escape(ZONE_KINDS[zone.kind].label) + ("" if zone.station is not None else "<br/>(section)")
        rows.append([
            Paragraph(f"<b>{escape(marks[zone.id])}</b>", st.cell),
            Paragraph(f"<b>{escape(zone.display_name, bold=True)}</b>", st.cell),
            Paragraph(kind, st.cell),
            paragraph(zone.how_used, st.cell) if zone.how_used.strip() else Paragraph(_NOT_WRITTEN, st.cell),
            paragraph(zone.positive_environment, st.cell) if zone.positive_environment.strip()
            else Paragraph(_NOT_WRITTEN, st.cell),
            Paragraph(seat_text or "—", st.cell),
            Paragraph(escape(counted(in_units(p.item.name, units) for p in pieces)) or "—", st.cell),
        ])
    # splitInRow: a 5,000-character description is taller than a page and must break inside its row
    table = Table(rows, colWidths=[c * width for c in _COLUMNS], repeatRows=1, splitInRow=1)
    table.setStyle(table_style([
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return [table]


def layout_description(project: Project, layout: Layout, st: Styles, units: DisplayUnits) -> list[Flowable]:
    room = layout.room
    x0, y0, x1, y1 = room.bounds()
    stations, sections = layout.stations(), [z for z in layout.zones if z.station is None]
    kinds = sorted({z.kind for z in layout.zones})
    text = (f"The room measures {format_length(x1 - x0, units)} by {format_length(y1 - y0, units)} "
            f"with {plural(len(room.doors), 'door')}. This layout has {plural(len(stations), 'numbered station')}"
            + (f" and {plural(len(sections), 'other section')}" if sections else "")
            + (f" of {plural(len(kinds), 'kind')}: " + ", ".join(ZONE_KINDS[k].label.lower() for k in kinds)
               if kinds else "") + ".")
    if project.class_size:
        text += f" It is planned for a class of {project.class_size}."
    out: list[Flowable] = [Paragraph(escape(text), st.body)]
    if layout.notes.strip():
        out.append(paragraph(layout.notes, st.body))
    return out


def transitions_section(project: Project, layout: Layout, analysis: LayoutAnalysis, st: Styles,
                        units: DisplayUnits) -> list[Flowable]:
    plan = layout.transitions
    marks = markers(layout)
    out: list[Flowable] = []

    out.append(Paragraph("Entering the room", st.h2))
    if plan.entrance_routine.strip():
        out.append(paragraph(plan.entrance_routine, st.body))
    out.extend(_entrance_routes(layout, analysis, marks, st, units))

    rotation = layout.rotation_zones()
    out.append(Paragraph("Station rotation", st.h2))
    if rotation:
        out.extend(_rotation(layout, analysis, marks, st, units))
    else:
        out.append(Paragraph("This layout has no rotation order.", st.body))

    out.append(Paragraph("Signals", st.h2))
    if plan.signals:
        out.extend(Paragraph(f"<b>{escape(s.cue, bold=True)}</b>: {escape(s.meaning)}", st.bullet, bulletText="•")
                   for s in plan.signals)
    else:
        out.append(Paragraph("No signals are described yet.", st.body))

    if plan.materials_routine.strip():
        out.append(Paragraph("Materials", st.h2))
        out.append(paragraph(plan.materials_routine, st.body))
    if plan.notes.strip():
        out.append(Paragraph("More about transitions", st.h2))
        out.append(paragraph(plan.notes, st.body))
    return out


def _zone_ref(zone, marks: dict[str, str]) -> str:
    prefix = f"Station {marks[zone.id]}" if zone.station is not None else f"Section {marks[zone.id]}"
    return f"{prefix} '{isolate(zone.display_name)}'"


def _door_name(layout: Layout, door_id: str) -> str:
    for i, door in enumerate(layout.room.doors):
        if door.id == door_id:
            return isolate(door.label) if door.label else (f"door {i + 1}" if len(layout.room.doors) > 1 else "the door")
    return door_id


def _entrance_routes(layout: Layout, analysis: LayoutAnalysis, marks: dict[str, str], st: Styles,
                     units: DisplayUnits) -> list[Flowable]:
    best: dict[str, object] = {}
    blocked: set[str] = set()
    for route in analysis.entrance_routes():
        if route.length is None or route.path is None:
            blocked.add(route.end_id)
            continue
        if route.end_id not in best or route.length < best[route.end_id].length:
            best[route.end_id] = route
    lines = []
    for zone in ordered_zones(layout):
        if zone.id in best:
            r = best[zone.id]
            lines.append(f"{_zone_ref(zone, marks)}: {format_length(r.length, units)} from "
                         f"{_door_name(layout, r.start_id)}")
        elif zone.id in blocked:
            lines.append(f"{_zone_ref(zone, marks)}: no open path from a door yet")
    if not lines:
        return []
    out: list[Flowable] = [Paragraph("Walking distance from the nearest door to each space, along a path at "
                                     f"least {format_length(layout.clear_width, units)} wide:", st.body)]
    out.extend(Paragraph(escape(line), st.bullet, bulletText="•") for line in lines)
    return out


def _rotation(layout: Layout, analysis: LayoutAnalysis, marks: dict[str, str], st: Styles,
              units: DisplayUnits) -> list[Flowable]:
    plan = layout.transitions
    zones = layout.rotation_zones()
    order = " → ".join(marks[z.id] for z in zones)
    way = {"clockwise": "clockwise around the room", "counterclockwise": "counterclockwise around the room",
           "custom": "in a set order"}[plan.direction]
    text = f"Groups rotate {way} through {plural(len(zones), 'station')}: {order}"
    text += f", then back to {marks[zones[0].id]}." if len(zones) > 2 else "."
    if plan.minutes_per_station:
        total = plan.minutes_per_station * len(zones)
        text += (f" Each group spends {plan.minutes_per_station} minutes at each station, "
                 f"{total} minutes for the full rotation.")
    out: list[Flowable] = [Paragraph(escape(text), st.body)]
    runs = rotation_sense(layout)
    if runs and plan.direction in ("clockwise", "counterclockwise") and runs != plan.direction:
        out.append(Paragraph(escape(f"On the map the stations in this order run {runs}."), st.body))
    legs = analysis.rotation_routes(layout)
    by_id = {z.id: z for z in layout.zones}
    lines = []
    for n, leg in enumerate(legs, 1):
        a, b = by_id.get(leg.start_id), by_id.get(leg.end_id)
        if a is None or b is None:
            continue
        walk = (f"{format_length(leg.length, units)} walk" if leg.length is not None and leg.path is not None
                else "no open path yet")
        lines.append(f"Leg {n}: {_zone_ref(a, marks)} to {_zone_ref(b, marks)}, {walk}")
    if lines:
        out.append(Paragraph("The route is drawn on the map as numbered arrows:", st.body))
        out.extend(Paragraph(escape(line), st.bullet, bulletText="•") for line in lines)
    return out


def between_layouts(layouts: list[Layout], layout: Layout, st: Styles, limit: int = 3,
                    units: DisplayUnits = "ft-in") -> list[Flowable]:
    """What moves when the room changes to another of the layouts in this PDF (never to one it
    leaves out)."""
    others = [other for other in layouts if other.id != layout.id]
    if not others:
        return []
    out: list[Flowable] = [Paragraph("Changing to the other layouts", st.h2)]
    if layout.transitions.rearrangement.strip():
        out.append(paragraph(layout.transitions.rearrangement, st.body))
    for other in others[:limit]:
        out.append(Paragraph(escape(compare_layouts(layout, other, units)), st.body))
    if len(others) > limit:
        rest = join_words([f"'{o.name}'" for o in others[limit:]])
        out.append(Paragraph(escape(f"The project also has {rest}."), st.body))
    return out


def compare_layouts(a: Layout, b: Layout, units: DisplayUnits = "ft-in") -> str:
    """'From A to B: 6 pieces move (...); 2 are only in A (...); ...' by piece id."""
    pb = {p.id: p for p in b.pieces}
    moved, only_a, stay = [], [], 0
    for p in a.pieces:
        q = pb.pop(p.id, None)
        if q is None:
            only_a.append(p)
        elif math.hypot(p.x - q.x, p.y - q.y) > 1.0 or abs((p.rotation - q.rotation + 180) % 360 - 180) > 1.0:
            moved.append(p)
        else:
            stay += 1
    only_b = list(pb.values())
    parts = []
    if moved:
        parts.append(f"{plural(len(moved), 'piece')} {'moves' if len(moved) == 1 else 'move'} "
                     f"({counted(in_units(p.item.name, units) for p in moved)})")
    if only_a:
        parts.append(f"{plural(len(only_a), 'piece')} {'is' if len(only_a) == 1 else 'are'} put away "
                     f"({counted(in_units(p.item.name, units) for p in only_a)})")
    if only_b:
        parts.append(f"{plural(len(only_b), 'piece')} {'is' if len(only_b) == 1 else 'are'} brought in "
                     f"({counted(in_units(p.item.name, units) for p in only_b)})")
    if not parts:
        return f"From '{a.name}' to '{b.name}' nothing moves: the furniture stays where it is."
    tail = f"; {plural(stay, 'piece')} stay{'s' if stay == 1 else ''} in place." if stay else "."
    return f"From '{a.name}' to '{b.name}': " + "; ".join(parts) + tail

