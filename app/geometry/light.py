"""The fast checks run on every drag step: overlaps, collisions, outside the room, blocked doors.

A drag step moves one piece, so the collisions among the others are kept from the last call and
only the moved pieces (or those just dropped or pasted) are tested again (style.md: compute the static part once). Everything the
checks remember is keyed by the values that decide it, never by the Piece objects, so a moved
or resized piece can't leave a stale finding. From scratch (a new or pasted-over plan) one STRtree
is queried in bulk; the predicate is done in numpy on the bounding boxes (exact for axis-aligned
rectangles, most classroom furniture) and with shapely only for the rest.
"""

from __future__ import annotations

import operator
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import shapely

from app.geometry.findings import AREA_EPS, finding
from app.geometry.shapes import (
    Change,
    Footprints,
    is_box,
    capitalized,
    door_clear_area,
    door_name,
    footprints,
    polygon,
    remember,
    room_shape,
    zone_name,
)
from app.model import Finding, Layout, Severity, Zone
from app.units import format_area

Pairs = tuple[np.ndarray, np.ndarray, np.ndarray]  # (i, j, overlap area), i < j, sorted


def check_light(layout: Layout) -> list[Finding]:
    """zone-overlap, piece-collision, outside-room and door-blocked (unsorted)."""
    pieces = footprints(layout.pieces)
    zones, zone_pairs = _zones(layout.zones)
    out: list[Finding] = []
    out += _zone_overlaps(layout, zones, zone_pairs)
    out += _collisions(layout, pieces, _collision_pairs(pieces))
    out += _outside_room(layout, pieces.geoms, zones)
    out += _doors_blocked(layout, pieces)
    return out


def overlapping_pairs(geoms: np.ndarray, tree: shapely.STRtree | None = None) -> Pairs:
    """(i, j, area) for every pair i < j whose overlap is more than AREA_EPS; touching is not overlap."""
    if len(geoms) < 2:
        return _NO_PAIRS
    i, j = (tree or shapely.STRtree(geoms)).query(geoms)
    keep = i < j
    bounds = shapely.bounds(geoms)
    return _sorted(*_overlaps(geoms, bounds, is_box(geoms, bounds), i[keep], j[keep]))


_NO_PAIRS: Pairs = (np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp), np.empty(0))


def _overlaps(geoms: np.ndarray, b: np.ndarray, boxy: np.ndarray, i: np.ndarray, j: np.ndarray) -> Pairs:
    """The candidate pairs (i < j) that overlap by more than AREA_EPS, with the area."""
    w = np.minimum(b[i, 2], b[j, 2]) - np.maximum(b[i, 0], b[j, 0])
    h = np.minimum(b[i, 3], b[j, 3]) - np.maximum(b[i, 1], b[j, 1])
    box_overlap = np.clip(w, 0, None) * np.clip(h, 0, None)
    keep = box_overlap > AREA_EPS  # boxes overlapping less cannot hide a larger overlap
    i, j, area = i[keep], j[keep], box_overlap[keep]
    if len(i):
        rest = ~(boxy[i] & boxy[j])
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


def _sorted(i: np.ndarray, j: np.ndarray, area: np.ndarray) -> Pairs:
    order = np.lexsort((j, i))  # the same pairs in the same order, however they were found
    return i[order], j[order], area[order]


# --- collisions, kept between drag steps ------------------------------------------------------


@dataclass(frozen=True)
class _Seen:
    """The pieces of the last call and their collisions (indices into the piece list)."""

    pieces: Footprints
    pairs: Pairs


_seen: _Seen | None = None


def _collision_pairs(pieces: Footprints) -> Pairs:
    global _seen
    seen = _seen  # read once: a worker thread may replace it meanwhile
    change = pieces.changed_since(seen.pieces) if seen is not None else None
    if change is None:
        pairs = _all_collisions(pieces)
    elif not len(change.fresh) and len(pieces.keys) == len(seen.pieces.keys):
        pairs = seen.pairs
    else:
        pairs = _collisions_after(pieces, seen.pairs, change)
    _seen = _Seen(pieces, pairs)
    return pairs


def _all_collisions(pieces: Footprints) -> Pairs:
    index = np.flatnonzero(pieces.solid)  # rugs and cushions are floor: they never collide or block
    if len(index) < 2:
        return _NO_PAIRS
    solid = pieces.geoms[index]
    i, j = shapely.STRtree(solid).query(solid)
    keep = i < j
    return _sorted(*_overlaps(pieces.geoms, pieces.bounds, pieces.boxy, index[i[keep]], index[j[keep]]))


def _collisions_after(pieces: Footprints, before: Pairs, change: Change) -> Pairs:
    """The collisions among the pieces that stayed, kept, and those of the fresh ones, found again."""
    i, j = change.now_at[before[0]], change.now_at[before[1]]  # the order of the pieces is kept: i < j
    keep = (i >= 0) & (j >= 0)
    n = len(pieces.keys)
    fresh = np.zeros(n, dtype=bool)
    fresh[change.fresh] = True
    c = change.fresh[pieces.solid[change.fresh]]
    b = pieces.bounds
    # every solid piece whose box meets a fresh piece's box; a pair of two fresh pieces once
    near = ((b[None, :, 0] <= b[c, None, 2]) & (b[None, :, 2] >= b[c, None, 0])
            & (b[None, :, 1] <= b[c, None, 3]) & (b[None, :, 3] >= b[c, None, 1]) & pieces.solid[None, :])
    near &= ~(fresh[None, :] & (np.arange(n)[None, :] <= c[:, None]))
    row, other = np.nonzero(near)
    mine = c[row]
    ni, nj, na = _overlaps(pieces.geoms, b, pieces.boxy, np.minimum(mine, other), np.maximum(mine, other))
    return _sorted(np.concatenate([i[keep], ni]), np.concatenate([j[keep], nj]),
                   np.concatenate([before[2][keep], na]))


def _collisions(layout: Layout, pieces: Footprints, pairs: Pairs) -> list[Finding]:
    out = []
    i, j, area = pairs
    for a, b, sq in zip(i.tolist(), j.tolist(), area.tolist()):
        pa, pb = layout.pieces[a], layout.pieces[b]
        overlap = _memo(shapely.intersection, pieces.geoms[a], pieces.geoms[b])
        out.append(finding(Severity.ERROR, "piece-collision",
                           f"{pa.display_name} overlaps {pb.display_name} by {format_area(sq)}",
                           [pa.id, pb.id], overlap))
    return out


# --- zones, kept while only furniture moves ---------------------------------------------------

_POLYGON = operator.attrgetter("polygon")
_zones_seen: tuple[list[tuple], np.ndarray, Pairs] | None = None


def _zones(zones: list[Zone]) -> tuple[np.ndarray, Pairs]:
    """The zones' shapes and overlapping pairs, looked up again only when a zone changed."""
    global _zones_seen
    keys = list(map(tuple, map(_POLYGON, zones)))  # tuples of point tuples: a copy that can't change
    seen = _zones_seen
    if seen is not None and seen[0] == keys:
        return seen[1], seen[2]
    shapes = np.empty(len(keys), dtype=object)
    shapes[:] = [polygon(k) for k in keys]
    pairs = overlapping_pairs(shapes)
    _zones_seen = (keys, shapes, pairs)
    return shapes, pairs


def _zone_overlaps(layout: Layout, zones: np.ndarray, pairs: Pairs) -> list[Finding]:
    out = []
    i, j, area = pairs
    for a, b, sq in zip(i.tolist(), j.tolist(), area.tolist()):
        za, zb = layout.zones[a], layout.zones[b]
        overlap = _memo(shapely.intersection, zones[a], zones[b])
        out.append(finding(Severity.ERROR, "zone-overlap",
                           f"{capitalized(zone_name(za))} overlaps {zone_name(zb)} by {format_area(sq)}",
                           [za.id, zb.id], overlap))
    return out


# --- the room and its doors -------------------------------------------------------------------


def _outside_room(layout: Layout, geoms: np.ndarray, zones: np.ndarray) -> list[Finding]:
    room = room_shape(layout.room)
    shapely.prepare(room)  # the cached room stays prepared across calls
    out = []
    for things, shapes, what in ((layout.pieces, geoms, "piece"), (layout.zones, zones, "zone")):
        if not len(shapes):
            continue
        for k in np.flatnonzero(~shapely.covers(room, shapes)).tolist():
            # pieces flush with a wall often fail covers by round-off: remember their (empty) part
            outside = _memo(shapely.difference, shapes[k], room)
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


def _doors_blocked(layout: Layout, pieces: Footprints) -> list[Finding]:
    doors = layout.room.doors
    if not doors or not pieces.solid.any():
        return []
    areas = [door_clear_area(layout.room, d) for d in doors]
    a, b = shapely.bounds(areas).reshape(-1, 4), pieces.bounds
    # the solid pieces whose box meets a door's clear area's box (an empty area meets nothing)
    near = ((b[None, :, 0] <= a[:, None, 2]) & (b[None, :, 2] >= a[:, None, 0])
            & (b[None, :, 1] <= a[:, None, 3]) & (b[None, :, 3] >= a[:, None, 1]) & pieces.solid[None, :])
    out = []
    for d, p in zip(*(k.tolist() for k in np.nonzero(near))):
        inside = _memo(shapely.intersection, areas[d], pieces.geoms[p])
        if inside.area <= AREA_EPS:
            continue
        door, piece = doors[d], layout.pieces[p]
        if door.swing == "in":
            need = "the door's swing and 60\" in front of it (18\" beyond the latch) clear (ADA 404.2.4.1)"
        else:
            need = "48\" in front of the door clear (ADA 404.2.4.1)"
        out.append(finding(Severity.ERROR, "door-blocked",
                           f"{piece.display_name} blocks {door_name(layout, door)}: keep {need}",
                           [door.id, piece.id], inside))
    return out


# --- shapely results of two cached shapes -----------------------------------------------------

_results: OrderedDict[tuple, tuple] = OrderedDict()


def _memo(operation, a: shapely.Geometry, b: shapely.Geometry) -> shapely.Geometry:
    """operation(a, b), remembered while a and b live; the entry holds them, so their ids stay theirs."""
    key = (operation, id(a), id(b))
    hit = _results.get(key)
    if hit is None or hit[0] is not a or hit[1] is not b:
        hit = (a, b, operation(a, b))
        remember(_results, key, hit)
    return hit[2]
