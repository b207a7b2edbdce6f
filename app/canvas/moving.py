"""Moving the selection with the mouse: items follow the pointer (snapped), light checks run
on every step, and ONE command (a macro when zones move too) is pushed on release.

During the drag the static part (edges of the pieces that stay, the walls) is computed once.
"""

from __future__ import annotations

import shapely
from PySide6.QtCore import QPointF, QRectF

from app.canvas.items import PieceItem, ZoneItem
from app.canvas.snapping import EdgeIndex, snap_offset
from app.ui import commands as cmd
from app.units import format_length


class MoveSession:
    def __init__(self, scene, pos: QPointF, target):
        self.scene = scene
        moving = [i for i in scene.selectedItems() if isinstance(i, (PieceItem, ZoneItem))]
        self.items = [i for i in moving if not (isinstance(i, PieceItem) and i.piece.fixed)]
        still = [i.footprint_rect() for i in scene.pieces.values() if not i.isSelected() and i.piece.solid]
        box = target.footprint_rect() if target in self.items else QRectF()
        self.start = pos
        self.origins = {i: i.pos() for i in self.items}
        self.moved = False
        self.edges = EdgeIndex.of([(r.left(), r.top(), r.right(), r.bottom()) for r in still])
        self.box = (box.left(), box.top(), box.right(), box.bottom())
        self.primary = target
        self.walls = shapely.LinearRing(scene.document.layout.room.outline)
        self.offset = (0.0, 0.0)

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
        self._show_wall_distance()
        scene.drag_step.emit(positions)

    def _show_wall_distance(self) -> None:
        primary = self.primary
        if not isinstance(primary, PieceItem):
            self.scene.show_dimension(None)
            return
        outline = [(p.x(), p.y()) for p in primary.mapToScene(primary.shape()).toFillPolygon()]
        gap = shapely.distance(shapely.Polygon(outline), self.walls) if len(outline) >= 4 else 0.0
        r = primary.sceneBoundingRect()
        self.scene.show_dimension(f"{format_length(gap, self.scene.units)} to wall", QPointF(r.right() + 4, r.bottom() + 4))

    def finish(self) -> None:
        scene = self.scene
        scene.show_dimension(None)
        if not self.moved:
            return
        dx, dy = self.offset
        pieces = [i for i in self.items if isinstance(i, PieceItem)]
        zones = [i for i in self.items if isinstance(i, ZoneItem)]
        doc = scene.document
        old = {i.piece_id: (i.piece.x, i.piece.y) for i in pieces}
        new = {pid: (x + dx, y + dy) for pid, (x, y) in old.items()}
        macro = len(pieces) + len(zones) > 1 and bool(zones)
        if macro:
            doc.undo_stack.beginMacro(f"Move {len(pieces) + len(zones)} items")
        ok = scene.push(cmd.MovePieces(doc, old, new)) if pieces else True
        for item in zones:
            polygon = [(x + dx, y + dy) for x, y in item.zone.polygon]
            ok = scene.push(cmd.SetZoneFields(doc, item.zone_id, text=f"Move zone {item.zone.display_name}",
                                              polygon=polygon)) and ok
        if macro:
            doc.undo_stack.endMacro()
        if not ok:
            for item in self.items:
                scene.resync(item)

    def cancel(self) -> None:
        self.scene.show_dimension(None)
        for item in self.items:
            self.scene.resync(item)
        self.scene.drag_step.emit({})
