"""The fast checks run on every drag step: overlaps, collisions, outside the room, blocked doors.

One STRtree per check, queried in bulk; the predicate is done in numpy on the bounding boxes
(exact for axis-aligned rectangles, most classroom furniture) and with shapely only for the
rest: the tree's own 'intersects' predicate alone costs ~3 ms at 2,000 pieces.
"""

from __future__ import annotations

import numpy as np
import shapely

from app.geometry.findings import AREA_EPS, finding
from app.geometry.shapes import (
    capitalized,
    door_clear_area,
    door_name,
    piece_shapes,
    room_shape,
    zone_name,
    zone_shapes,
)
from app.model import Finding, Layout, Severity
from app.units import format_area


def check_light(layout: Layout) -> list[Finding]:
    """zone-overlap, piece-collision, outside-room and door-blocked (unsorted)."""
    geoms, solid = piece_shapes(layout)
    zones = zone_shapes(layout)
    index = np.flatnonzero(solid)  # rugs and cushions are floor: they never collide or block
    tree = shapely.STRtree(geoms[index])  # one tree of the solid pieces serves both checks below
    out: list[Finding] = []
    out += _zone_overlaps(layout, zones)
    out += _collisions(layout, geoms, index, tree)
    out += _outside_room(layout, geoms, zones)
    out += _doors_blocked(layout, geoms, index, tree)
    return out


def overlapping_pairs(geoms: np.ndarray, tree: shapely.STRtree | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, area) for every pair i < j whose overlap is more than AREA_EPS; touching is not overlap."""
    if len(geoms) < 2:
        empty = np.empty(0, dtype=np.intp)
        return empty, empty, np.empty(0)
    i, j = (tree or shapely.STRtree(geoms)).query(geoms)
    keep = i < j
    i, j = i[keep], j[keep]
    b = shapely.bounds(geoms)
    w = np.minimum(b[i, 2], b[j, 2]) - np.maximum(b[i, 0], b[j, 0])
    h = np.minimum(b[i, 3], b[j, 3]) - np.maximum(b[i, 1], b[j, 1])
    box_overlap = np.clip(w, 0, None) * np.clip(h, 0, None)
    keep = box_overlap > AREA_EPS  # boxes overlapping less cannot hide a larger overlap
    i, j, area = i[keep], j[keep], box_overlap[keep]
    if len(i):
        boxy = _is_box(geoms, b)
        exact = boxy[i] & boxy[j]
        rest = ~exact
        if rest.any():
            area = area.copy()
            ri, rj = i[rest], j[rest]
            meet = shapely.intersects(geoms[ri], geoms[rj])  # cheaper than intersection; most don't
            exact_area = np.zeros(len(ri))
            exact_area[meet] = shapely.area(shapely.intersection(geoms[ri[meet]], geoms[rj[meet]]))
            area[rest] = exact_area
        keep = area > AREA_EPS
        i, j, area = i[keep], j[keep], area[keep]
    return i, j, area


def _is_box(geoms: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Axis-aligned rectangles: their overlap is the overlap of their bounding boxes."""
    box_area = (bounds[:, 2] - bounds[:, 0]) * (bounds[:, 3] - bounds[:, 1])
    return (shapely.get_num_coordinates(geoms) == 5) & np.isclose(shapely.area(geoms), box_area, rtol=1e-9)


def _zone_overlaps(layout: Layout, zones: np.ndarray) -> list[Finding]:
    out = []
    i, j, area = overlapping_pairs(zones)
    for a, b, sq in zip(i.tolist(), j.tolist(), area.tolist()):
        za, zb = layout.zones[a], layout.zones[b]
        overlap = shapely.intersection(zones[a], zones[b])
        out.append(finding(Severity.ERROR, "zone-overlap",
                           f"{capitalized(zone_name(za))} overlaps {zone_name(zb)} by {format_area(sq)}",
                           [za.id, zb.id], overlap))
    return out


def _collisions(layout: Layout, geoms: np.ndarray, index: np.ndarray, tree: shapely.STRtree) -> list[Finding]:
    out = []
    i, j, area = overlapping_pairs(geoms[index], tree)
    for a, b, sq in zip(index[i].tolist(), index[j].tolist(), area.tolist()):
        pa, pb = layout.pieces[a], layout.pieces[b]
        overlap = shapely.intersection(geoms[a], geoms[b])
        out.append(finding(Severity.ERROR, "piece-collision",
                           f"{pa.display_name} overlaps {pb.display_name} by {format_area(sq)}",
                           [pa.id, pb.id], overlap))
    return out


def _outside_room(layout: Layout, geoms: np.ndarray, zones: np.ndarray) -> list[Finding]:
    room = room_shape(layout.room)
    shapely.prepare(room)  # the cached room stays prepared across calls
    out = []
    for things, shapes, what in ((layout.pieces, geoms, "piece"), (layout.zones, zones, "zone")):
        if not len(shapes):
            continue
        for k in np.flatnonzero(~shapely.covers(room, shapes)).tolist():
            outside = shapely.difference(shapes[k], room)
            sq = outside.area
            if sq <= AREA_EPS:
                continue
            thing = things[k]
            name = thing.display_name if what == "piece" else capitalized(zone_name(thing))
            if sq >= shapes[k].area - AREA_EPS:
                text = f"{name} is outside the room"
            else:
                text = f"{name} sticks out of the room by {format_area(sq)}"
            out.append(finding(Severity.ERROR, "outside-room", text, [thing.id], outside))
    return out


def _doors_blocked(layout: Layout, geoms: np.ndarray, index: np.ndarray, tree: shapely.STRtree) -> list[Finding]:
    doors = layout.room.doors
    if not doors or not len(index):
        return []
    areas = np.array([door_clear_area(layout.room, d) for d in doors], dtype=object)
    d_idx, p_idx = tree.query(areas)
    if not len(d_idx):
        return []
    inside = shapely.intersection(areas[d_idx], geoms[index[p_idx]])
    out = []
    for d, p, geom, sq in zip(d_idx.tolist(), index[p_idx].tolist(), inside, shapely.area(inside).tolist()):
        if sq <= AREA_EPS:
            continue
        door, piece = doors[d], layout.pieces[p]
        if door.swing == "in":
            need = "the door's swing and 60\" in front of it (18\" beyond the latch) clear (ADA 404.2.4.1)"
        else:
            need = "48\" in front of the door clear (ADA 404.2.4.1)"
        out.append(finding(Severity.ERROR, "door-blocked",
                           f"{piece.display_name} blocks {door_name(layout, door)}: keep {need}",
                           [door.id, piece.id], geom))
    return out
