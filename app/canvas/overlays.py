"""Problems and paths drawn over the plan: overlap areas in red, narrow spots, flagged stations,
(a View toggle) the walkable space with the rotation routes as arrows, and dimension lines.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem

from app.canvas import style
from app.model import Finding


def _path_of(points, closed: bool) -> QPainterPath:
    path = QPainterPath()
    if points:
        path.moveTo(*points[0])
        for p in points[1:]:
            path.lineTo(*p)
        if closed:
            path.closeSubpath()
    return path


def shapely_path(geometry) -> QPainterPath:
    """A shapely (multi)polygon as a painter path with its holes (odd-even fill)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    if geometry is None or geometry.is_empty:
        return path
    parts = getattr(geometry, "geoms", [geometry])
    for part in parts:
        if part.geom_type != "Polygon":
            continue
        for ring in (part.exterior, *part.interiors):
            path.addPolygon(style.polygon(ring.coords))
            path.closeSubpath()
    return path


class FindingsOverlay(QGraphicsItem):
    """Red areas, dashed paths and ringed points for the current findings.

    Its bounds are the whole plan and never change, so a drag step that changes one finding
    repaints only that finding's area, not every problem in the room.
    """

    def __init__(self):
        super().__init__()
        self.setZValue(style.Z_OVERLAY)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._marks: dict[tuple, tuple[str, QPainterPath | QPointF, QColor, QRectF]] = {}
        self._bounds = QRectF(-20_000, -20_000, 40_000, 40_000)

    def set_findings(self, findings: list[Finding]) -> None:
        marks = {}
        for f in findings:
            if f.severity == "info":
                continue
            color = style.PROBLEM if f.severity == "error" else QColor(230, 140, 0)
            if f.polygon and len(f.polygon) >= 3:
                path = _path_of(f.polygon, True)
                marks[("area", f.code, tuple(f.polygon))] = ("area", path, color, path.boundingRect())
            elif f.path and len(f.path) >= 2:
                path = _path_of(f.path, False)
                marks[("path", f.code, tuple(f.path))] = ("path", path, color, path.boundingRect())
            if f.point is not None and not f.polygon:
                p = QPointF(*f.point)
                marks[("point", f.code, f.point)] = ("point", p, color, QRectF(p.x() - 20, p.y() - 20, 40, 40))
        changed = set(marks) ^ set(self._marks)
        old = self._marks
        self._marks = marks
        for key in changed:
            rect = (marks.get(key) or old[key])[3]
            self.update(rect.adjusted(-4, -4, 4, 4))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        exposed = option.exposedRect
        for kind, shape, color, rect in self._marks.values():
            if not rect.adjusted(-4, -4, 4, 4).intersects(exposed):
                continue
            if kind == "area":
                fill = QColor(color)
                fill.setAlpha(90)
                painter.fillPath(shape, fill)
                painter.setPen(QPen(color, 1.5))
                painter.drawPath(shape)
            elif kind == "path":
                painter.setPen(QPen(color, 3, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
                painter.drawPath(shape)
            else:
                painter.setPen(QPen(color, 2.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(shape, 12, 12)
                painter.drawLine(shape + QPointF(-5, -5), shape + QPointF(5, 5))
                painter.drawLine(shape + QPointF(-5, 5), shape + QPointF(5, -5))


class WalkableOverlay(QGraphicsItem):
    """Where a person of the clear width can walk (green) and the rotation routes as arrows."""

    def __init__(self):
        super().__init__()
        self.setZValue(style.Z_OVERLAY - 1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.clear()

    def clear(self) -> None:
        self.prepareGeometryChange()
        self._area = QPainterPath()
        self._routes: list[tuple[str, list[tuple[float, float]]]] = []
        self._bounds = QRectF()
        self.update()

    def set_analysis(self, walkable, routes) -> None:
        self.prepareGeometryChange()
        self._area = shapely_path(walkable)
        self._routes = [(getattr(r, "kind", "rotation"), list(r.path)) for r in routes
                        if getattr(r, "path", None) and len(r.path) >= 2]
        bounds = self._area.boundingRect()
        for _kind, route in self._routes:
            bounds = bounds.united(_path_of(route, False).boundingRect())
        self._bounds = bounds.adjusted(-10, -10, 10, 10)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(self._area, QColor(60, 170, 90, 55))
        for kind, route in self._routes:
            # the rotation (station to station) in bold blue arrows; the walk in from the door thin grey
            color = QColor(30, 90, 200) if kind == "rotation" else QColor(110, 110, 110)
            painter.setPen(QPen(color, 2.5 if kind == "rotation" else 1.2,
                                Qt.PenStyle.SolidLine if kind == "rotation" else Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(_path_of(route, False))
            (x0, y0), (x1, y1) = route[-2], route[-1]
            angle = math.atan2(y1 - y0, x1 - x0)
            size = 10 if kind == "rotation" else 6
            head = QPolygonF([QPointF(x1, y1)] + [
                QPointF(x1 - size * math.cos(angle + s), y1 - size * math.sin(angle + s)) for s in (0.45, -0.45)])
            painter.setBrush(color)
            painter.drawPolygon(head)


class DimensionLines(QGraphicsItem):
    """Dimension lines with their lengths written beside them, at a fixed size on screen: the
    measure tool's line, the gaps round a dragged selection. Lines are (x0, y0, x1, y1, text)."""

    COLOR = QColor("#1f4fbf")
    TICK_PX = 5.0  # half the end tick, in screen pixels

    def __init__(self):
        super().__init__()
        self.setZValue(style.Z_HANDLE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._lines: list[QLineF] = []
        self._labels: list[QGraphicsSimpleTextItem] = []  # children, reused from one step to the next
        self._bounds = QRectF()
        self._font = QFont()
        self._font.setPixelSize(12)

    @property
    def texts(self) -> list[str]:
        return [label.text() for label in self._labels[:len(self._lines)]]

    def set_lines(self, lines, scale: float = 1.0) -> None:
        """Show these lines (an empty list hides them); scale is the view's pixels per inch."""
        self.prepareGeometryChange()
        self._lines = [QLineF(x0, y0, x1, y1) for x0, y0, x1, y1, _text in lines]
        while len(self._labels) < len(lines):
            label = QGraphicsSimpleTextItem(self)
            label.setFont(self._font)
            label.setBrush(self.COLOR)
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            self._labels.append(label)
        pad = 2 * self.TICK_PX / max(scale, 1e-6)
        bounds = QRectF()
        for label, line, (*_xy, text) in zip(self._labels, self._lines, lines):
            label.setText(text)
            size = label.boundingRect()
            mid = line.center()
            across = abs(line.dx()) >= abs(line.dy())  # a level line: the text above it; else to its right
            dx, dy = (-size.width() / 2, -size.height() - 2) if across else (4.0, -size.height() / 2)
            label.setTransform(QTransform.fromTranslate(dx, dy))
            label.setPos(mid)
            label.show()
            bounds = bounds.united(QRectF(line.p1(), line.p2()).normalized().adjusted(-pad, -pad, pad, pad))
        for label in self._labels[len(lines):]:
            label.hide()
        self._bounds = bounds
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        scale = max(painter.worldTransform().m11(), 1e-6)
        tick = self.TICK_PX / scale
        pen = QPen(self.COLOR, 1.5)
        pen.setCosmetic(True)
        painter.setPen(pen)
        for line in self._lines:
            painter.drawLine(line)
            if line.length() > 0:
                nx, ny = -line.dy() / line.length() * tick, line.dx() / line.length() * tick
                for end in (line.p1(), line.p2()):
                    painter.drawLine(QPointF(end.x() - nx, end.y() - ny), QPointF(end.x() + nx, end.y() + ny))
