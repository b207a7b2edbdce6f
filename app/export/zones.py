"""What the PDF says about each zone: its marker on the map and the furniture it holds."""

from __future__ import annotations

import string

import shapely
from shapely.geometry import Polygon

from app.model import Layout, Piece, Zone


def markers(layout: Layout) -> dict[str, str]:
    """Zone id -> the mark printed on the map and in the table: the station number, or a
    letter for a section without one (so map and table point at each other)."""
    out: dict[str, str] = {}
    letters = iter(_letters())
    for zone in ordered_zones(layout):
        out[zone.id] = str(zone.station) if zone.station is not None else next(letters)
    return out


def ordered_zones(layout: Layout) -> list[Zone]:
    """Stations in number order, then the other sections in the order the teacher made them."""
    return layout.stations() + [z for z in layout.zones if z.station is None]


def pieces_by_zone(layout: Layout) -> dict[str, list[Piece]]:
    """Zone id -> the pieces whose centre lies inside it (a piece on a border goes to the first)."""
    out: dict[str, list[Piece]] = {z.id: [] for z in layout.zones}
    if not layout.zones or not layout.pieces:
        return out
    polygons = [Polygon(z.polygon) for z in layout.zones]
    tree = shapely.STRtree(polygons)
    centres = shapely.points([(p.x, p.y) for p in layout.pieces])
    piece_idx, zone_idx = tree.query(centres, predicate="within")
    taken: set[int] = set()
    for pi, zi in sorted(zip(piece_idx.tolist(), zone_idx.tolist(), strict=True)):
        if pi in taken:
            continue
        taken.add(pi)
        out[layout.zones[zi].id].append(layout.pieces[pi])
    return out


def seats(pieces: list[Piece]) -> int:
    """How many can sit here: chairs, tables and rugs each count the same people, so take the
    largest of the three totals rather than their sum (6 chairs at a table for 6 seat 6)."""
    totals = {"seating": 0, "floor": 0, "surface": 0}
    for p in pieces:
        group = p.item.category if p.item.category in ("seating", "floor") else "surface"
        totals[group] += p.item.seats
    return max(totals.values())


def _letters():
    for a in ("",) + tuple(string.ascii_uppercase):
        for b in string.ascii_uppercase:
            yield a + b
