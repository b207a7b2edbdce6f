"""Realistic layouts of any size for the benchmarks: `make_layout(n_pieces, seed)`.

The room grows with the count at constant density (about 33 sq ft per piece, domain.md: 32-35
sq ft per student), filled with cells of classroom furniture at catalog sizes, aisles between
cells, a few zones (the first four are a station rotation) and one door per 500 pieces.
"""

from __future__ import annotations

import math
import random

import shapely

from app.geometry.shapes import door_clear_area
from app.model import Door, Layout, Piece, Room, TransitionPlan, Zone

SQ_IN_PER_PIECE = 33 * 144
CELL_W, CELL_H = 114.0, 120.0  # 9.5 x 10 ft, three pieces each
MARGIN = 36.0  # the aisle around the perimeter (domain.md: 36-48 in)
ZONE_KINDS = ["independent", "collaboration", "mini-lesson", "hands-on", "creation", "online",
              "online-discussion", "whole-class", "quiet", "assessment"]

# (kind, dx, dy, rotation) relative to the cell centre; each cell holds exactly three pieces
CELLS = [
    [("student-desk", -26, 0, 0), ("student-desk", 0, 0, 0), ("student-desk", 26, 0, 0)],
    [("activity-table", 0, 0, 0), ("chair", -15, -26, 0), ("chair", 15, 26, 0)],
    [("round-table", 0, 0, 0), ("stool", -30, 0, 0), ("stool", 30, 0, 0)],
    [("kidney-table", 0, 6, 0), ("chair", 0, -30, 0), ("bookshelf-tall", 0, -52, 0)],
    [("rug-small", 0, 0, 0), ("bean-bag", -30, 0, 0), ("floor-cushion", 30, 10, 0)],
    [("table-2", 0, -20, 0), ("table-2", 0, 20, 0), ("supply-cart", -40, 0, 90)],
    [("trapezoid-table", 0, -15, 0), ("trapezoid-table", 0, 15, 180), ("computer-table", 0, 50, 0)],
    [("student-desk", -14, -12, 30), ("student-desk", 14, 12, 30), ("filing-cabinet", -40, 30, 0)],
]


def make_layout(n_pieces: int, seed: int = 0) -> Layout:
    rng = random.Random(seed)
    cells_needed = max(1, math.ceil(n_pieces / 3))
    side = math.sqrt(n_pieces * SQ_IN_PER_PIECE)
    cols = max(1, round((side - 2 * MARGIN) / CELL_W))
    rows = max(1, math.ceil(cells_needed * 1.05 / cols))  # spare cells replace pieces kept out of doorways
    width, height = cols * CELL_W + 2 * MARGIN, rows * CELL_H + 2 * MARGIN
    outline = [(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)]

    doors = []
    for i in range(1 + n_pieces // 500):
        wall = i % 4
        length = width if wall % 2 == 0 else height
        doors.append(Door(id=f"door-{i}", wall=wall, position=rng.uniform(40, length - 40), width=36,
                          hinge=rng.choice(["start", "end"]), swing=rng.choice(["in", "out"]),
                          label="Main door" if i == 0 else f"Door {i + 1}"))
    room = Room(outline=outline, doors=doors)

    keep_clear = shapely.union_all([door_clear_area(room, d) for d in doors])
    pieces: list[Piece] = []
    cells = [(c, r) for r in range(rows) for c in range(cols)]
    for c, r in cells:
        if len(pieces) >= n_pieces:
            break
        cx, cy = MARGIN + (c + 0.5) * CELL_W, MARGIN + (r + 0.5) * CELL_H
        turn = rng.choice([0, 0, 90, 15, -10])
        jx, jy = rng.uniform(-6, 6), rng.uniform(-6, 6)
        t = math.radians(turn)
        for kind, dx, dy, rot in rng.choice(CELLS):
            if len(pieces) >= n_pieces:
                break
            x = cx + jx + dx * math.cos(t) - dy * math.sin(t)
            y = cy + jy + dx * math.sin(t) + dy * math.cos(t)
            piece = Piece(id=f"p{len(pieces)}", kind=kind, x=x, y=y, rotation=rot + turn)
            if not shapely.Polygon(piece.outline()).intersects(keep_clear):  # teachers keep doorways clear
                pieces.append(piece)

    zones: list[Zone] = []
    n_zones = max(4, n_pieces // 50)
    blocks = [(c, r) for r in range(0, rows, 2) for c in range(0, cols, 2)]
    rng.shuffle(blocks)
    for i, (c, r) in enumerate(blocks[:n_zones]):
        x0, y0 = MARGIN + c * CELL_W + 12, MARGIN + r * CELL_H + 12
        x1, y1 = MARGIN + min(cols, c + 2) * CELL_W - 12, MARGIN + min(rows, r + 2) * CELL_H - 12
        zones.append(Zone(id=f"z{i}", kind=ZONE_KINDS[i % len(ZONE_KINDS)],
                          polygon=[(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
                          station=i + 1 if i < 4 else None))
    rotation = [z.id for z in zones[:4]]
    return Layout(id=f"bench-{n_pieces}", name=f"{n_pieces} pieces", room=room, pieces=pieces, zones=zones,
                  transitions=TransitionPlan(rotation=rotation, minutes_per_station=15))
