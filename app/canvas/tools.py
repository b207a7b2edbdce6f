"""Mouse tools: small state objects; the scene hands each event to the active one (Sweet Home 3D
ControllerState, orange `interactions.py`). Escape cancels. Tools push commands; they never write
the model themselves.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from app.canvas import style
from app.canvas.items import Handle, PieceItem, ZoneItem
from app.canvas.overlays import DimensionLines
from app.canvas.room_parts import CornerItem, OpeningItem
from app.canvas.snapping import snap_angle
from app.model import ZoneKind


class Tool:
    cursor = Qt.CursorShape.ArrowCursor
    HINT = ""  # what the status bar says for as long as the tool is armed

    def __init__(self, scene):
        self.scene = scene

    def press(self, event) -> bool:
        return False

    def move(self, event) -> bool:
        return False

    def release(self, event) -> bool:
        return False

    def double_click(self, event) -> bool:
        return False

    def key(self, event) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            self.scene.set_tool(None)
            return True
        return False

    def cancel(self) -> None:
        pass


class SelectTool(Tool):
    """Click, Ctrl+click, drag to move (one command on release; Shift: a zone takes its furniture
    along), handles to rotate and resize."""

    def __init__(self, scene):
        super().__init__(scene)
        self.drag = None  # the state of a move in progress
        self.grip = None  # the state of a handle drag in progress

    # --- pressing -----------------------------------------------------------------------
    def press(self, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.scenePos()
        target = self.scene.target_at(pos)
        if isinstance(target, Handle):
            self.grip = {"handle": target, "item": target.parentItem(), "start": pos}
            return True
        if target is None:
            return False  # empty floor: the view starts a rubber band
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.scene.set_selected_with_group(target, not target.isSelected())
            return True
        if not target.isSelected() or isinstance(target, (CornerItem, OpeningItem)):
            self.scene.clearSelection()
            target.setSelected(True)
        if isinstance(target, (CornerItem, OpeningItem)):
            self.drag = self.scene.parts.begin_drag(target, pos)  # one SetRoom on release
        else:
            carry = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.drag = self.scene.begin_drag(pos, target, carry)
        return True

    def double_click(self, event) -> bool:
        """Double-click on a wall (not on a piece or a door): a new room corner there."""
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.scenePos()
        target = self.scene.target_at(pos)
        if target is not None and not isinstance(target, ZoneItem):
            return False
        tolerance = 8.0 / max(self.scene.view_scale(), 1e-6)  # 8 px on screen
        return self.scene.parts.add_corner_at(pos, tolerance)

    def move(self, event) -> bool:
        pos = event.scenePos()
        if self.grip is not None:
            self._move_grip(pos, event.modifiers())
            return True
        if self.drag is None:
            return False
        free = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self.drag.step(pos, snap=not free)
        return True

    def release(self, event) -> bool:
        if self.grip is not None:
            self._finish_grip()
            return True
        if self.drag is None:
            return False
        drag, self.drag = self.drag, None
        drag.finish()
        return True

    def key(self, event) -> bool:
        step = 12.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1.0
        arrows = {Qt.Key.Key_Left: (-step, 0), Qt.Key.Key_Right: (step, 0), Qt.Key.Key_Up: (0, -step),
                  Qt.Key.Key_Down: (0, step)}
        if event.key() in arrows and self.drag is None:
            return self.scene.nudge(*arrows[event.key()])
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return False

    def cancel(self) -> None:
        if self.drag is not None:
            self.drag.cancel()
            self.drag = None
        if self.grip is not None:
            self.scene.resync(self.grip["item"])
            self.grip = None

    # --- handles ------------------------------------------------------------------------
    def _move_grip(self, pos: QPointF, mods) -> None:
        grip, item = self.grip, self.grip["item"]
        handle = grip["handle"]
        if handle.role == "rotate":
            c = item.pos()
            angle = math.degrees(math.atan2(pos.y() - c.y(), pos.x() - c.x())) + 90.0
            angle = angle % 360 if mods & Qt.KeyboardModifier.ShiftModifier else snap_angle(angle)
            grip["fields"] = {"rotation": round(angle, 1)}
            item.setRotation(angle)
            self.scene.status(f"Rotation {angle:.0f}°")
        elif handle.role == "corner":
            piece = item.piece
            sx = -1 if handle.index in (0, 3) else 1
            sy = -1 if handle.index in (0, 1) else 1
            opposite = QPointF(-sx * piece.width / 2, -sy * piece.depth / 2)
            local = item.mapFromScene(pos)
            width = max(6.0, round(abs(local.x() - opposite.x())))
            depth = max(6.0, round(abs(local.y() - opposite.y())))
            centre_local = QPointF(opposite.x() + sx * width / 2, opposite.y() + sy * depth / 2)
            centre = item.mapToScene(centre_local)
            grip["fields"] = {"x": round(centre.x(), 2), "y": round(centre.y(), 2), "width": width, "depth": depth}
            grip.setdefault("original", piece)
            item.sync(grip["original"].model_copy(update=grip["fields"]))
            self.scene.status(f"{self.scene.length(width)} x {self.scene.length(depth)}")
        elif handle.role == "vertex":
            zone = grip.setdefault("original", item.zone)
            x, y = self.scene.snap_point(pos)
            grip["fields"] = {"polygon": _moved_vertex(zone.polygon, handle.index, x, y)}
            item.sync(zone.model_copy(update=grip["fields"]))

    def _finish_grip(self) -> None:
        grip, self.grip = self.grip, None
        item, fields = grip["item"], grip.get("fields")
        if not fields:
            return
        edits = self.scene.edits
        if isinstance(item, PieceItem):
            verb = "Rotate" if "rotation" in fields else "Resize"
            ok = self.scene.done(edits.set_piece(item.piece_id, f"{verb} {item.piece.display_name}", **fields))
        else:
            ok = self.scene.done(edits.set_zone(item.zone_id, f"Reshape zone {item.zone.display_name}", **fields))
        if not ok:
            self.scene.resync(item)


def _moved_vertex(points, index: int, x: float, y: float) -> list[tuple[float, float]]:
    """Move one corner; an axis-aligned rectangle stays a rectangle (its neighbours follow)."""
    pts = [tuple(p) for p in points]
    n = len(pts)
    if n == 4 and _is_axis_rect(pts):
        prev, nxt = (index - 1) % n, (index + 1) % n
        px, py = pts[prev]
        qx, qy = pts[nxt]
        ox, oy = pts[index]
        pts[prev] = (x, py) if px == ox else (px, y)
        pts[nxt] = (x, qy) if qx == ox else (qx, y)
    pts[index] = (x, y)
    return pts


def _is_axis_rect(pts) -> bool:
    return all(pts[i][0] == pts[(i + 1) % 4][0] or pts[i][1] == pts[(i + 1) % 4][1] for i in range(4))


class InsertTool(Tool):
    """Click on the plan to place one piece of the chosen kind (palette item, then click)."""

    cursor = Qt.CursorShape.CrossCursor
    HINT = "Click on the plan to place it · Esc to cancel"

    def __init__(self, scene, kind: str, opening: bool = False):
        super().__init__(scene)
        self.kind, self.opening = kind, opening  # opening: a door/window/board onto the nearest wall

    def press(self, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        if self.opening:
            self.scene.parts.insert_opening(self.kind, event.scenePos())
        else:
            self.scene.insert_piece(self.kind, event.scenePos())
        self.scene.set_tool(None)
        return True


class _PreviewTool(Tool):
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, scene, kind: ZoneKind):
        super().__init__(scene)
        self.kind = ZoneKind(kind)
        self.preview = QGraphicsPathItem()
        self.preview.setPen(QPen(style.zone_color(self.kind), 0, Qt.PenStyle.DashLine))
        self.preview.setBrush(style.zone_color(self.kind, 60))
        self.preview.setZValue(style.Z_OVERLAY)
        scene.addItem(self.preview)

    def cancel(self) -> None:
        if self.preview.scene() is not None:
            self.scene.removeItem(self.preview)


class ZoneRectTool(_PreviewTool):
    """Press, drag and release to draw a rectangular zone."""

    HINT = "Drag a rectangle on the plan · Esc to cancel"

    def __init__(self, scene, kind: ZoneKind):
        super().__init__(scene, kind)
        self.start = None

    def press(self, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self.start = self.scene.snap_point(event.scenePos())
        return True

    def move(self, event) -> bool:
        if self.start is None:
            return True
        x, y = self.scene.snap_point(event.scenePos())
        path = QPainterPath()
        path.addRect(QRectF(QPointF(*self.start), QPointF(x, y)).normalized())
        self.preview.setPath(path)
        self.scene.status(f"{self.scene.length(abs(x - self.start[0]))} x {self.scene.length(abs(y - self.start[1]))}")
        return True

    def release(self, event) -> bool:
        if self.start is None:
            return True
        (x0, y0), (x1, y1) = self.start, self.scene.snap_point(event.scenePos())
        self.start = None
        self.cancel()
        if abs(x1 - x0) >= 6 and abs(y1 - y0) >= 6:
            x0, x1 = sorted((x0, x1))
            y0, y1 = sorted((y0, y1))
            self.scene.insert_zone(self.kind, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
        self.scene.set_tool(None)
        return True


class ZonePolygonTool(_PreviewTool):
    """Click the corners; double-click or Enter finishes, Backspace takes one back, Esc cancels."""

    HINT = "Click to add corners · double-click or Enter to finish · Esc to cancel"

    def __init__(self, scene, kind: ZoneKind):
        super().__init__(scene, kind)
        self.points: list[tuple[float, float]] = []

    def press(self, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        p = self.scene.snap_point(event.scenePos())
        if not self.points or self.points[-1] != p:
            self.points.append(p)
        self._draw(p)
        return True

    def move(self, event) -> bool:
        if self.points:
            self._draw(self.scene.snap_point(event.scenePos()))
        return True

    def release(self, event) -> bool:
        return True

    def double_click(self, event) -> bool:
        self.finish()
        return True

    def key(self, event) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
            return True
        if event.key() == Qt.Key.Key_Backspace and self.points:
            self.points.pop()
            self._draw(None)
            return True
        return super().key(event)

    def finish(self) -> None:
        points = self.points
        self.points = []
        self.cancel()
        if len(points) >= 3:
            self.scene.insert_zone(self.kind, points)
        else:
            self.scene.status("A zone needs at least 3 corners")
        self.scene.set_tool(None)

    def _draw(self, cursor) -> None:
        pts = self.points + ([cursor] if cursor else [])
        path = QPainterPath()
        if pts:
            path.moveTo(*pts[0])
            for p in pts[1:]:
                path.lineTo(*p)
            if len(pts) >= 3:
                path.closeSubpath()
        self.preview.setPath(path)
        self.preview.setPen(QPen(QColor(style.zone_color(self.kind)), 0, Qt.PenStyle.DashLine))


class MeasureTool(Tool):
    """Press, drag and release to measure: a dimension line with its length in the display units,
    shown until the next measure; Esc ends the tool. With snapping on, the ends catch on the
    corners of the room and of the furniture, then on the walls."""

    cursor = Qt.CursorShape.CrossCursor
    HINT = "Drag to measure · Esc to stop"

    def __init__(self, scene):
        super().__init__(scene)
        self.line = DimensionLines()
        scene.addItem(self.line)
        self.start: tuple[float, float] | None = None
        self.length: float | None = None  # inches, of the line on the plan
        self._corners = np.empty((0, 2))
        self._walls: list[tuple[tuple[float, float], tuple[float, float]]] = []

    def press(self, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        scene = self.scene
        outline = [tuple(p) for p in scene.document.layout.room.outline]
        corners = list(outline)
        for item in scene.pieces.values():
            for polygon in item.mapToScene(item.shape()).toSubpathPolygons():
                corners.extend((p.x(), p.y()) for p in polygon)
        self._corners = np.asarray(corners, dtype=float).reshape(-1, 2)
        self._walls = list(zip(outline, [*outline[1:], outline[0]]))
        self.start = self._snap(event.scenePos())
        self._draw(self.start)
        return True

    def move(self, event) -> bool:
        if self.start is not None:
            self._draw(self._snap(event.scenePos()))
        return True

    def release(self, event) -> bool:
        if self.start is not None:
            self._draw(self._snap(event.scenePos()))
            self.start = None
        return True

    def cancel(self) -> None:
        self.start = None
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)

    def _draw(self, end: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = self.start, end
        self.length = math.hypot(x1 - x0, y1 - y0)
        text = self.scene.length(self.length)
        self.line.set_lines([(x0, y0, x1, y1, text)], self.scene.view_scale())
        self.scene.status(f"{text} · {self.HINT}")

    def _snap(self, pos: QPointF) -> tuple[float, float]:
        """A corner within 8 px on screen, else the nearest point of a wall within 8 px, else the pointer."""
        x, y = pos.x(), pos.y()
        if not self.scene.snapping:
            return round(x, 2), round(y, 2)
        tol = 8.0 / max(self.scene.view_scale(), 1e-6)
        if len(self._corners):
            d = np.hypot(self._corners[:, 0] - x, self._corners[:, 1] - y)
            i = int(np.argmin(d))
            if d[i] <= tol:
                return float(self._corners[i, 0]), float(self._corners[i, 1])
        best = None
        for (ax, ay), (bx, by) in self._walls:
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy or 1.0)))
            px, py = ax + t * dx, ay + t * dy
            d = math.hypot(px - x, py - y)
            if d <= tol and (best is None or d < best[0]):
                best = (d, (px, py))
        return best[1] if best else (round(x, 2), round(y, 2))
