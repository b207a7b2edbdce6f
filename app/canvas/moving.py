"""Moving the selection with the mouse: items follow the pointer (snapped), light checks run
on every step, the gaps to the nearest piece or wall on each side are drawn, and ONE command
(a macro when zones move too) is pushed on release.

During the drag the static part (edges of the pieces that stay, the walls) is computed once.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPolygonF

from app.canvas.items import PieceItem, ZoneItem
from app.canvas.overlays import DimensionLines
from app.canvas.snapping import Box, EdgeIndex, snap_offset
from app.units import format_length

EPS = 0.01  # in: a neighbour that only touches the band's edge (a wall along the desk's side) is not ahead

#: each side seen as "to the right" of a turned plan: turn (x, y) -> (u, v) and back
_TURN = {"left": (lambda x, y: (-x, y), lambda u, v: (-u, v)), "right": (lambda x, y: (x, y), lambda u, v: (u, v)),
         "up": (lambda x, y: (-y, x), lambda u, v: (v, -u)), "down": (lambda x, y: (y, x), lambda u, v: (v, u))}


class NeighbourGaps:
    """The free distance from a box to the nearest still solid piece or wall on each side (left,
    right, up, down). The still pieces and walls are laid out once per drag; a step is a few
    numpy comparisons over the still boxes and a clip of each wall (a room has a handful)."""

    def __init__(self, boxes: list[Box], outline):
        x0, y0, x1, y1 = np.asarray(boxes, dtype=float).reshape(-1, 4).T
        # per side: the neighbours' near edges and the bands they span, in the turned plan
        self._pieces = {"left": (-x1, y0, y1), "right": (x0, y0, y1), "up": (-y1, x0, x1), "down": (y0, x0, x1)}
        walls = list(zip(outline, [*outline[1:], outline[0]]))
        self._walls = {side: [(turn(*a), turn(*b)) for a, b in walls] for side, (turn, _back) in _TURN.items()}

    def of(self, box: Box) -> list[tuple[float, float, float, float, float]]:
        """(x0, y0, x1, y1, gap) from the box's side to what it would hit first, for each side that hits."""
        bx0, by0, bx1, by1 = box
        fronts = {"left": (-bx0, by0, by1), "right": (bx1, by0, by1), "up": (-by0, bx0, bx1), "down": (by1, bx0, bx1)}
        lines = []
        for side, (front, lo, hi) in fronts.items():
            best = self._first_piece(side, front, lo, hi)
            for a, b in self._walls[side]:
                hit = _clip_nearest(a, b, front, lo + EPS, hi - EPS)
                if hit is not None and (best is None or hit[0] < best[0]):
                    best = hit
            if best is not None:
                u, v = best
                back = _TURN[side][1]
                lines.append((*back(front, v), *back(u, v), u - front))
        return lines

    def _first_piece(self, side: str, front: float, lo: float, hi: float) -> tuple[float, float] | None:
        near, band_lo, band_hi = self._pieces[side]
        if not len(near):
            return None
        ahead = (near >= front - EPS) & (band_lo < hi - EPS) & (band_hi > lo + EPS)
        if not ahead.any():
            return None
        i = int(np.argmin(np.where(ahead, near, np.inf)))
        return max(float(near[i]), front), (max(band_lo[i], lo) + min(band_hi[i], hi)) / 2


def _clip_nearest(a, b, front: float, lo: float, hi: float) -> tuple[float, float] | None:
    """The point of segment a-b in the half-strip u >= front, lo <= v <= hi with the least u (Liang-Barsky)."""
    (ua, va), (ub, vb) = a, b
    du, dv = ub - ua, vb - va
    t0, t1 = 0.0, 1.0
    for p, q in ((-du, ua - front), (-dv, va - lo), (dv, hi - va)):
        if p == 0:
            if q < 0:
                return None
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
    if t0 > t1:
        return None
    return min((ua + t0 * du, va + t0 * dv), (ua + t1 * du, va + t1 * dv))


def pieces_inside(scene, zones: list[ZoneItem]) -> list[PieceItem]:
    """The pieces that stand in the zones (their centre inside a polygon), with the rest of their
    groups (a pod is never split), fixed ones left out: what a zone dragged with Shift takes along."""
    shapes = [QPolygonF([QPointF(x, y) for x, y in z.zone.polygon]) for z in zones]
    inside = [i for i in scene.pieces.values()
              if any(s.containsPoint(QPointF(i.piece.x, i.piece.y), Qt.FillRule.OddEvenFill) for s in shapes)]
    found = {}
    for item in inside:
        for member in scene.group_items(item):
            if not member.piece.fixed:
                found[member.piece_id] = member
    return list(found.values())


class MoveSession:
    def __init__(self, scene, pos: QPointF, target, carry: bool = False):
        self.scene = scene
        moving = [i for i in scene.selectedItems() if isinstance(i, (PieceItem, ZoneItem))]
        self.items = [i for i in moving if not (isinstance(i, PieceItem) and i.piece.fixed)]
        zones = [i for i in self.items if isinstance(i, ZoneItem)]
        self.carried = [i for i in pieces_inside(scene, zones) if i not in self.items] if carry and zones else []
        self.items += self.carried
        if carry and zones:
            scene.status(_carry_text(len(zones), len(self.carried)))
        still = [i.footprint_rect() for i in scene.pieces.values() if i not in self.items and i.piece.solid]
        box = target.footprint_rect() if target in self.items else QRectF()
        self.start = pos
        self.origins = {i: i.pos() for i in self.items}
        self.moved = False
        self.edges = EdgeIndex.of([(r.left(), r.top(), r.right(), r.bottom()) for r in still])
        self.box = (box.left(), box.top(), box.right(), box.bottom())
        self.primary = target
        self.offset = (0.0, 0.0)
        self.gap_lines = DimensionLines()  # on the plan from the first step to the release
        self.gaps, self.selection_box = self._gaps_of(scene)

    def _gaps_of(self, scene) -> tuple[NeighbourGaps | None, Box | None]:
        """The still solid pieces (a selected fixed one stays still too) and the walls, and the
        moving pieces' bounding box: the gaps are measured from that box."""
        pieces = [i for i in self.items if isinstance(i, PieceItem)]
        if not pieces:
            return None, None
        outline = pieces[0].footprint_rect()
        for item in pieces[1:]:
            outline = outline.united(item.footprint_rect())
        moving = set(pieces)
        still = [i.footprint_rect() for i in scene.pieces.values() if i not in moving and i.piece.solid]
        gaps = NeighbourGaps([(r.left(), r.top(), r.right(), r.bottom()) for r in still],
                             scene.document.layout.room.outline)
        return gaps, (outline.left(), outline.top(), outline.right(), outline.bottom())

    def step(self, pos: QPointF, snap: bool = True) -> None:
        scene = self.scene
        dx, dy = pos.x() - self.start.x(), pos.y() - self.start.y()
        if not self.moved and abs(dx) + abs(dy) < 0.5:
            return
        if snap and scene.snapping and self.items:
            tol = 6.0 / max(scene.view_scale(), 1e-6)  # 6 px on screen
            dx, dy, _ = snap_offset(self.box, dx, dy, self.edges, scene.grid.minor, tol)
        self.moved, self.offset = True, (dx, dy)
        positions = {}
        for item in self.items:
            origin = self.origins[item]
            item.setPos(origin.x() + dx, origin.y() + dy)
            if isinstance(item, PieceItem):
                positions[item.piece_id] = (item.pos().x(), item.pos().y())
        self._show_gaps(dx, dy)
        scene.drag_step.emit(positions)

    def _show_gaps(self, dx: float, dy: float) -> None:
        if self.gaps is None:
            return
        if self.gap_lines.scene() is None:
            self.scene.addItem(self.gap_lines)
        x0, y0, x1, y1 = self.selection_box
        lines = self.gaps.of((x0 + dx, y0 + dy, x1 + dx, y1 + dy))
        units = self.scene.units
        self.gap_lines.set_lines([(*xy, format_length(gap, units)) for *xy, gap in lines], self.scene.view_scale())

    def _hide_gaps(self) -> None:
        if self.gap_lines.scene() is not None:
            self.scene.removeItem(self.gap_lines)

    def finish(self) -> None:
        scene = self.scene
        self._hide_gaps()
        if not self.moved:
            return
        dx, dy = self.offset
        pieces = [i for i in self.items if isinstance(i, PieceItem)]
        zones = [i for i in self.items if isinstance(i, ZoneItem)]
        moves = {i.piece_id: ((i.piece.x, i.piece.y), (i.piece.x + dx, i.piece.y + dy)) for i in pieces}
        shapes = {i.zone_id: [(x + dx, y + dy) for x, y in i.zone.polygon] for i in zones}
        text = f"Move {len(pieces) + len(zones)} items"
        if self.carried:
            name = zones[0].zone.display_name if len(zones) == 1 else f"{len(zones)} zones"
            text = f"Move zone {name} with {_plural(len(self.carried), 'piece')}"
        ok = scene.done(scene.edits.move(moves, shapes, text))
        if not ok:
            for item in self.items:
                scene.resync(item)

    def cancel(self) -> None:
        self._hide_gaps()
        for item in self.items:
            self.scene.resync(item)
        self.scene.drag_step.emit({})


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _carry_text(zones: int, pieces: int) -> str:
    """The status line when a Shift-drag of zones starts: "Moving the zone and the 6 pieces inside it"."""
    what, where = ("the zone", "it") if zones == 1 else (f"the {zones} zones", "them")
    if pieces == 0:
        return f"Moving {what} (no furniture stands inside {where})"
    return f"Moving {what} and the {'piece' if pieces == 1 else f'{pieces} pieces'} inside {where}"
