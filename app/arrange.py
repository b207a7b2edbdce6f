"""Arrange: align, distribute and turn a selection, as pure geometry (no Qt).

A piece counts by the box of its footprint as it stands (turned), a zone by the box of its
polygon. Every function takes boxes and gives back where each box's centre goes; the caller turns
a centre's change into a piece's new (x, y) or a zone's shifted polygon. A fixed box never moves
(a sink counter, a column), but it does count for the extremes, so desks line up with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from app.model import Piece, Zone

Point = tuple[float, float]
Edge = Literal["left", "right", "top", "bottom", "centre", "middle"]
Axis = Literal["horizontal", "vertical"]

#: "centre": the centres one above the other (same x); "middle": side by side (same y)
EDGES: tuple[Edge, ...] = ("left", "right", "top", "bottom", "centre", "middle")


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    fixed: bool = False

    @property
    def centre(self) -> Point:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    def span(self, axis: Axis) -> tuple[float, float]:
        return (self.x0, self.x1) if axis == "horizontal" else (self.y0, self.y1)


def piece_box(piece: Piece) -> Box:
    """The box of the piece's footprint as it stands, turned by its rotation."""
    return _box_of(piece.outline(), piece.fixed)


def zone_box(zone: Zone) -> Box:
    return _box_of(zone.polygon, False)


def _box_of(points, fixed: bool) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys), fixed)


def align(boxes: list[Box], edge: Edge) -> list[Point]:
    """Each box's new centre: its `edge` on the selection's extreme (or centre line) on that side."""
    if edge not in EDGES:
        raise ValueError(f"no alignment called {edge!r} (one of {', '.join(EDGES)})")
    if not boxes:
        return []
    if edge == "left":
        line = min(b.x0 for b in boxes)
        return [_keep(b, (line + (b.x1 - b.x0) / 2, b.centre[1])) for b in boxes]
    if edge == "right":
        line = max(b.x1 for b in boxes)
        return [_keep(b, (line - (b.x1 - b.x0) / 2, b.centre[1])) for b in boxes]
    if edge == "top":
        line = min(b.y0 for b in boxes)
        return [_keep(b, (b.centre[0], line + (b.y1 - b.y0) / 2)) for b in boxes]
    if edge == "bottom":
        line = max(b.y1 for b in boxes)
        return [_keep(b, (b.centre[0], line - (b.y1 - b.y0) / 2)) for b in boxes]
    x0, y0, x1, y1 = bounds(boxes)
    if edge == "centre":
        return [_keep(b, ((x0 + x1) / 2, b.centre[1])) for b in boxes]
    return [_keep(b, (b.centre[0], (y0 + y1) / 2)) for b in boxes]


def distribute(boxes: list[Box], axis: Axis) -> list[Point]:
    """Each box's new centre: equal gaps between neighbours along `axis`, in the order of their
    centres. The outer two stay; so does a fixed box, which splits the row into runs that are
    spread out each between its own two ends."""
    if axis not in ("horizontal", "vertical"):
        raise ValueError(f"distribute along 'horizontal' or 'vertical', not {axis!r}")
    centres = [b.centre for b in boxes]
    if len(boxes) < 3:
        return centres
    along = 0 if axis == "horizontal" else 1
    order = sorted(range(len(boxes)), key=lambda i: (centres[i][along], i))
    anchors = [k for k, i in enumerate(order) if k in (0, len(order) - 1) or boxes[i].fixed]
    for a, b in zip(anchors, anchors[1:]):
        run = [boxes[i] for i in order[a + 1:b]]
        if not run:
            continue
        start = boxes[order[a]].span(axis)[1]
        end = boxes[order[b]].span(axis)[0]
        sizes = [hi - lo for lo, hi in (box.span(axis) for box in run)]
        gap = (end - start - sum(sizes)) / (len(run) + 1)
        cursor = start + gap
        for i, size in zip(order[a + 1:b], sizes):
            c = list(centres[i])
            c[along] = cursor + size / 2
            centres[i] = (c[0], c[1])
            cursor += size + gap
    return centres


def bounds(boxes: list[Box]) -> tuple[float, float, float, float]:
    return min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes)


def turn_about(points: list[Point], centre: Point, degrees: float) -> list[Point]:
    """Points turned `degrees` clockwise on the plan (y down) about `centre`, as a piece's rotation turns."""
    r = math.radians(degrees)
    c, s = round(math.cos(r), 12), round(math.sin(r), 12)  # a quarter turn lands on whole inches
    cx, cy = centre
    return [(cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c) for x, y in points]


# --- from the selection to the moves --------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """What moves as one: a piece, a whole group of pieces, or a zone."""

    box: Box
    pieces: tuple[Piece, ...] = ()
    zones: tuple[Zone, ...] = ()


def units_of(pieces: list[Piece], zones: list[Zone]) -> list[Unit]:
    """The selection as units: a group counts by the box of all its pieces, and stays whole (a
    group with a fixed piece stays where it is)."""
    units: list[Unit] = []
    groups: dict[str, list[Piece]] = {}
    for piece in pieces:
        if piece.group is None:
            units.append(Unit(piece_box(piece), pieces=(piece,)))
        else:
            groups.setdefault(piece.group, []).append(piece)
    for members in groups.values():
        x0, y0, x1, y1 = bounds([piece_box(p) for p in members])
        units.append(Unit(Box(x0, y0, x1, y1, any(p.fixed for p in members)), pieces=tuple(members)))
    units += [Unit(zone_box(z), zones=(z,)) for z in zones]
    return units


def moves_to(units: list[Unit], centres: list[Point]) -> tuple[dict[str, tuple[Point, Point]], dict[str, list[Point]]]:
    """Each unit's box centre to its new centre: piece id -> (old, new) centre and zone id -> new
    polygon (what the plan's `move` edit takes), leaving out what stays where it is."""
    pieces: dict[str, tuple[Point, Point]] = {}
    zones: dict[str, list[Point]] = {}
    for unit, (cx, cy) in zip(units, centres):
        ox, oy = unit.box.centre
        dx, dy = round(cx - ox, 3), round(cy - oy, 3)  # thousandths of an inch: no 47.99999 in the file
        if unit.box.fixed or (dx == 0 and dy == 0):
            continue
        for p in unit.pieces:
            pieces[p.id] = ((p.x, p.y), (round(p.x + dx, 3), round(p.y + dy, 3)))
        for z in unit.zones:
            zones[z.id] = [(round(x + dx, 3), round(y + dy, 3)) for x, y in z.polygon]
    return pieces, zones


def _keep(box: Box, centre: Point) -> Point:
    return box.centre if box.fixed else centre
