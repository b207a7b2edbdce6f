"""Realistic layouts of any size for the benchmarks: `make_layout(n_pieces, seed)`.

Every size has the same density as a real classroom: 33 sq ft of room per piece (domain.md:
32-35 sq ft per student; a 30 x 32 ft room holds ~30 pieces). Storage stands along the walls
(shelves, cubbies, the sink, the teacher's desk), the rest sits in groups of three pieces at
catalog sizes on a grid whose pitch follows from the density, so aisles are as tight as they
are in a real room. Zones: one per six pieces (5 at 30), two grid cells each; the first few
are numbered stations in a rotation. Doors keep their ADA 404.2.4.1 clear area free; a room of
more than 49 occupants gets a second exit (IBC 1006.2.1).
"""

from __future__ import annotations

import math
import random

import shapely

from app.geometry.shapes import door_clear_area
from app.model import Door, Layout, Piece, Room, TransitionPlan, Zone

SQ_IN_PER_PIECE = 33 * 144
ASPECT = 32 / 30  # width over depth, like a 30 x 32 ft room
WALL_BAND = 30.0  # the depth of the storage along the walls
AISLE = 36.0  # between the wall storage and the groups (domain.md: 36-48 in round the perimeter)
ZONE_KINDS = ["independent", "collaboration", "mini-lesson", "hands-on", "creation", "online",
              "online-discussion", "whole-class", "quiet", "assessment"]

# (kind, dx, dy, rotation) relative to the cell centre; each group holds exactly three pieces
# and fits in about 84 x 84 in, so a cell pitch of ~100 in leaves a real (narrow) aisle
CELLS = [
    [("student-desk", -24, 0, 0), ("student-desk", 0, 0, 0), ("student-desk", 24, 0, 0)],
    [("activity-table", 0, 0, 0), ("chair", -15, -26, 0), ("chair", 15, 26, 0)],
    [("round-table", 0, 0, 0), ("stool", -30, 0, 0), ("stool", 30, 0, 0)],
    [("kidney-table", 0, 0, 0), ("chair", 0, -34, 0), ("bookshelf-tall", 0, 34, 0)],
    [("rug-small", 0, 0, 0), ("bean-bag", -30, 0, 0), ("floor-cushion", 30, 10, 0)],
    [("table-2", 0, -13, 0), ("table-2", 0, 13, 0), ("supply-cart", -44, 0, 90)],
    [("trapezoid-table", 0, -15, 0), ("trapezoid-table", 0, 15, 180), ("computer-table", 0, 44, 0)],
    [("student-desk", -14, -12, 30), ("student-desk", 14, 12, 30), ("filing-cabinet", -36, 24, 0)],
]
WALL_KINDS = ["bookshelf", "bookshelf-tall", "cubbies", "sink-counter", "charging-cart", "teacher-desk",
              "filing-cabinet", "computer-table"]
#: one piece of storage per this much wall (in), gaps between them
WALL_SLOT = 72.0


def _room(n_pieces: int, rng: random.Random) -> tuple[Room, float, float]:
    area = n_pieces * SQ_IN_PER_PIECE
    width = math.sqrt(area * ASPECT)
    height = area / width
    doors = []
    n_doors = 1 + n_pieces // 500 + (1 if n_pieces > 49 and n_pieces < 500 else 0)
    for i in range(n_doors):
        wall = (i * 2) % 4 if i < 2 else i % 4  # the second exit on the far wall
        length = width if wall % 2 == 0 else height
        doors.append(Door(id=f"door-{i}", wall=wall, position=rng.uniform(60, length - 60), width=36,
                          hinge=rng.choice(["start", "end"]), swing=rng.choice(["in", "out"]),
                          label="Main door" if i == 0 else f"Door {i + 1}"))
    room = Room(outline=[(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)], doors=doors)
    return room, width, height


def _wall_pieces(n: int, width: float, height: float, rng: random.Random, keep_clear) -> list[Piece]:
    """Storage against the walls, turned to face the room, spread evenly along the walls."""
    slots = []
    for wall, (length, at) in enumerate([(width, lambda s, d: (s, d / 2, 0)),
                                         (height, lambda s, d: (width - d / 2, s, 90)),
                                         (width, lambda s, d: (width - s, height - d / 2, 180)),
                                         (height, lambda s, d: (d / 2, height - s, 270))]):
        count = int((length - 2 * WALL_SLOT) // WALL_SLOT)
        slots += [(at, WALL_SLOT * (k + 1.5)) for k in range(count)]
    rng.shuffle(slots)
    out: list[Piece] = []
    for at, s in slots:
        if len(out) >= n:
            break
        kind = rng.choice(WALL_KINDS)
        probe = Piece(id="probe", kind=kind, x=0, y=0)
        x, y, rot = at(s, probe.depth)
        piece = Piece(id="probe", kind=kind, x=x, y=y, rotation=rot)
        if not shapely.Polygon(piece.outline()).intersects(keep_clear):
            out.append(piece)
    return out


def _group(cell, cx: float, cy: float, turn: float) -> tuple[list[Piece], list[shapely.Polygon]]:
    t = math.radians(turn)
    group = [Piece(id="probe", kind=kind, x=cx + dx * math.cos(t) - dy * math.sin(t),
                   y=cy + dx * math.sin(t) + dy * math.cos(t), rotation=rot + turn) for kind, dx, dy, rot in cell]
    return group, [shapely.Polygon(p.outline()) for p in group]


def make_layout(n_pieces: int, seed: int = 0) -> Layout:
    rng = random.Random(seed)
    room, width, height = _room(n_pieces, rng)
    keep_clear = shapely.union_all([door_clear_area(room, d) for d in room.doors])

    wall = _wall_pieces(round(n_pieces * 0.15), width, height, rng, keep_clear)
    inset = WALL_BAND + AISLE
    inner_w, inner_h = width - 2 * inset, height - 2 * inset
    cells_needed = math.ceil((n_pieces - len(wall)) / 3 * 1.15)  # spares replace groups kept out of doorways
    cols = max(2, round(math.sqrt(cells_needed * inner_w / inner_h)))
    cols += cols % 2  # zones take two cells side by side
    rows = max(1, math.ceil(cells_needed / cols))
    pitch_x, pitch_y = inner_w / cols, inner_h / rows

    pieces = [p.model_copy(update={"id": f"p{k}"}) for k, p in enumerate(wall)]
    placed = [shapely.Polygon(p.outline()) for p in pieces]
    centres = [(p.x, p.y) for p in pieces]
    for r in range(rows):
        for c in range(cols):
            if len(pieces) >= n_pieces:
                break
            cx, cy = inset + (c + 0.5) * pitch_x, inset + (r + 0.5) * pitch_y
            turn = rng.choice([0, 0, 90, 15, -10])
            jx, jy = rng.uniform(-4, 4), rng.uniform(-4, 4)
            cell = rng.choice(CELLS)
            for turn in (turn, 0, 90):  # a turned group that bumps into its neighbour goes straight
                group, shapes = _group(cell, cx + jx, cy + jy, turn)
                near = [placed[k] for k in range(len(placed)) if abs(centres[k][0] - cx) < 2 * pitch_x + 60
                        and abs(centres[k][1] - cy) < 2 * pitch_y + 60]
                if not any(s.intersection(o).area > 0 for s in shapes for o in near):
                    break
            else:
                continue  # no way fits: the cell stays an aisle
            if any(s.intersects(keep_clear) for s in shapes):
                continue  # teachers keep doorways clear
            for p, s in zip(group[: n_pieces - len(pieces)], shapes):
                pieces.append(p.model_copy(update={"id": f"p{len(pieces)}"}))
                placed.append(s)
                centres.append((p.x, p.y))

    zones: list[Zone] = []
    n_zones = max(5, n_pieces // 6)
    blocks = [(c, r) for r in range(rows) for c in range(0, cols, 2)]
    rng.shuffle(blocks)
    n_stations = min(n_zones, 4 + n_pieces // 400)
    for i, (c, r) in enumerate(blocks[:n_zones]):
        x0, y0 = inset + c * pitch_x + 6, inset + r * pitch_y + 6
        x1, y1 = inset + (c + 2) * pitch_x - 6, inset + (r + 1) * pitch_y - 6
        zones.append(Zone(id=f"z{i}", kind=ZONE_KINDS[i % len(ZONE_KINDS)],
                          polygon=[(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
                          station=i + 1 if i < n_stations else None))
    rotation = [z.id for z in zones[:n_stations]]
    return Layout(id=f"bench-{n_pieces}", name=f"{n_pieces} pieces", room=room, pieces=pieces, zones=zones,
                  transitions=TransitionPlan(rotation=rotation, minutes_per_station=15))
