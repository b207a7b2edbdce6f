"""What a layout's zones hold and how its rotation turns: facts the readiness verdict, the
editor and the PDF all state the same way. Shapely only, no Qt, no ReportLab."""

from __future__ import annotations

import shapely
from shapely.geometry import Polygon

from app.model import Layout, Piece


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


def rotation_sense(layout: Layout) -> str | None:
    """Which way the rotation order turns on the plan, from its stations' centres; None for
    fewer than three stations or when they lie on a line."""
    pts = [z.centroid() for z in layout.rotation_zones()]
    if len(pts) < 3:
        return None
    area = sum(pts[i][0] * pts[(i + 1) % len(pts)][1] - pts[(i + 1) % len(pts)][0] * pts[i][1]
               for i in range(len(pts)))
    if abs(area) < 1e-6:
        return None
    return "clockwise" if area > 0 else "counterclockwise"  # y points down on the plan
