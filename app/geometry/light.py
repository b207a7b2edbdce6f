"""The fast checks run on every drag step: overlaps, collisions, outside the room, blocked doors.

One STRtree query in bulk per kind of thing; the overlap is measured in numpy on the bounding
boxes (exact for axis-aligned rectangles, most classroom furniture) and with shapely only for
the rest. Touching edges are not conflicts: an overlap counts above AREA_EPS.
"""

from __future__ import annotations

import numpy as np
import shapely

from app.geometry.findings import AREA_EPS, area_text, finding
from app.geometry.shapes import Plan, capitalized, door_clear_area, door_name, zone_name
from app.model import Finding, Layout, Severity

Pairs = tuple[np.ndarray, np.ndarray, np.ndarray]  # (i, j, overlap area), i < j, sorted


def check_light(layout: Layout, plan: Plan, names: list[str]) -> list[Finding]:
    """zone-overlap, piece-collision, outside-room and door-blocked (unsorted); names: what
    each piece is called (app.geometry.shapes.piece_names)."""
    out: list[Finding] = []
    out += _zone_overlaps(layout, plan.zones)
    out += _collisions(layout, plan, names)
    out += _outside_room(layout, plan, names)
    out += _doors_blocked(layout, plan, names)
    return out


def overlapping_pairs(geoms: np.ndarray) -> Pairs:
    """(i, j, area) for every pair i < j whose overlap is more than AREA_EPS; touching is not overlap."""
    if len(geoms) < 2:
        return _NO_PAIRS
    i, j = shapely.STRtree(geoms).query(geoms)
    keep = i < j
    i, j = i[keep], j[keep]
    b = shapely.bounds(geoms)
    w = np.minimum(b[i, 2], b[j, 2]) - np.maximum(b[i, 0], b[j, 0])
    h = np.minimum(b[i, 3], b[j, 3]) - np.maximum(b[i, 1], b[j, 1])
    area = np.clip(w, 0, None) * np.clip(h, 0, None)
    keep = area > AREA_EPS  # boxes overlapping less cannot hide a larger overlap
    i, j, area = i[keep], j[keep], area[keep]
    boxy = _is_box(geoms, b)
    rest = ~(boxy[i] & boxy[j])
    if rest.any():
        area[rest] = shapely.area(shapely.intersection(geoms[i[rest]], geoms[j[rest]]))
    keep = area > AREA_EPS
    i, j, area = i[keep], j[keep], area[keep]
    order = np.lexsort((j, i))  # the same pairs in the same order, however they were found
    return i[order], j[order], area[order]


_NO_PAIRS: Pairs = (np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp), np.empty(0))


def _is_box(geoms: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Axis-aligned rectangles: their overlap is the overlap of their bounding boxes."""
    box_area = (bounds[:, 2] - bounds[:, 0]) * (bounds[:, 3] - bounds[:, 1])
    return (shapely.get_num_coordinates(geoms) == 5) & np.isclose(shapely.area(geoms), box_area, rtol=1e-9)


def _collisions(layout: Layout, plan: Plan, names: list[str]) -> list[Finding]:
    index = np.flatnonzero(plan.solid)  # rugs and cushions are floor: they never collide
    i, j, area = overlapping_pairs(plan.pieces[index])
    out = []
    for a, b, sq in zip(index[i].tolist(), index[j].tolist(), area.tolist()):
        overlap = shapely.intersection(plan.pieces[a], plan.pieces[b])
        out.append(finding(Severity.ERROR, "piece-collision", f"{names[a]} overlaps {names[b]} by {area_text(sq)}",
                           [layout.pieces[a].id, layout.pieces[b].id], overlap))
    return out


def _zone_overlaps(layout: Layout, zones: np.ndarray) -> list[Finding]:
    out = []
    i, j, area = overlapping_pairs(zones)
    for a, b, sq in zip(i.tolist(), j.tolist(), area.tolist()):
        za, zb = layout.zones[a], layout.zones[b]
        out.append(finding(Severity.ERROR, "zone-overlap",
                           f"{capitalized(zone_name(za))} overlaps {zone_name(zb)} by {area_text(sq)}",
                           [za.id, zb.id], shapely.intersection(zones[a], zones[b])))
    return out


def _outside_room(layout: Layout, plan: Plan, names: list[str]) -> list[Finding]:
    room = plan.room
    shapely.prepare(room)
    out = []
    zone_names = [capitalized(zone_name(z)) for z in layout.zones]
    for things, shapes, named in ((layout.pieces, plan.pieces, names), (layout.zones, plan.zones, zone_names)):
        if not len(shapes):
            continue
        for k in np.flatnonzero(~shapely.covers(room, shapes)).tolist():
            outside = shapely.difference(shapes[k], room)
            sq = outside.area
            if sq <= AREA_EPS:  # flush with a wall, off by round-off
                continue
            if sq >= shapes[k].area - AREA_EPS:
                text = f"{named[k]} is outside the room"
            else:
                text = f"{named[k]} sticks out of the room by {area_text(sq)}"
            out.append(finding(Severity.ERROR, "outside-room", text, [things[k].id], outside))
    return out


def _doors_blocked(layout: Layout, plan: Plan, names: list[str]) -> list[Finding]:
    doors = layout.room.doors
    index = np.flatnonzero(plan.solid)
    if not doors or not len(index):
        return []
    areas = np.array([door_clear_area(layout.room, d) for d in doors], dtype=object)
    d_i, p_i = shapely.STRtree(plan.pieces[index]).query(areas, predicate="intersects")
    out = []
    for d, p in zip(d_i.tolist(), index[p_i].tolist()):
        inside = shapely.intersection(areas[d], plan.pieces[p])
        if inside.area <= AREA_EPS:
            continue
        door = doors[d]
        if door.swing == "in":
            need = "the door's swing and 60\" in front of it (18\" beyond the latch) clear (ADA 404.2.4.1)"
        else:
            need = "48\" in front of the door clear (ADA 404.2.4.1)"
        out.append(finding(Severity.ERROR, "door-blocked", f"{names[p]} blocks {door_name(layout, door)}: keep {need}",
                           [door.id, layout.pieces[p].id], inside))
    return out
