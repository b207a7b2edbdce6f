"""Problems and paths drawn over the plan: overlap areas in red, narrow spots, flagged stations,
and (a View toggle) the walkable space with the rotation routes as arrows.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

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
    """Red areas, dashed paths and ringed points for the current findings."""

    def __init__(self):
        super().__init__()
        self.setZValue(style.Z_OVERLAY)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._areas: list[tuple[QPainterPath, QColor]] = []
        self._paths: list[tuple[QPainterPath, QColor]] = []
        self._points: list[tuple[QPointF, QColor]] = []
        self._bounds = QRectF()

    def set_findings(self, findings: list[Finding]) -> None:
        self.prepareGeometryChange()
        self._areas, self._paths, self._points = [], [], []
        bounds = QRectF()
        for f in findings:
            if f.severity == "info":
                continue
            color = style.PROBLEM if f.severity == "error" else QColor(230, 140, 0)
            if f.polygon and len(f.polygon) >= 3:
                path = _path_of(f.polygon, True)
                self._areas.append((path, color))
                bounds = bounds.united(path.boundingRect())
            elif f.path and len(f.path) >= 2:
                path = _path_of(f.path, False)
                self._paths.append((path, color))
                bounds = bounds.united(path.boundingRect())
            if f.point is not None and not f.polygon:
                p = QPointF(*f.point)
                self._points.append((p, color))
                bounds = bounds.united(QRectF(p.x() - 20, p.y() - 20, 40, 40))
        self._bounds = bounds.adjusted(-4, -4, 4, 4)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for path, color in self._areas:
            fill = QColor(color)
            fill.setAlpha(90)
            painter.fillPath(path, fill)
            painter.setPen(QPen(color, 1.5))
            painter.drawPath(path)
        for path, color in self._paths:
            painter.setPen(QPen(color, 3, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
            painter.drawPath(path)
        for point, color in self._points:
            painter.setPen(QPen(color, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(point, 12, 12)
            painter.drawLine(point + QPointF(-5, -5), point + QPointF(5, 5))
            painter.drawLine(point + QPointF(-5, 5), point + QPointF(5, -5))


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
        self._routes: list[list[tuple[float, float]]] = []
        self._bounds = QRectF()
        self.update()

    def set_analysis(self, walkable, routes) -> None:
        self.prepareGeometryChange()
        self._area = shapely_path(walkable)
        self._routes = [list(r.path) for r in routes if getattr(r, "path", None) and len(r.path) >= 2]
        bounds = self._area.boundingRect()
        for route in self._routes:
            bounds = bounds.united(_path_of(route, False).boundingRect())
        self._bounds = bounds.adjusted(-10, -10, 10, 10)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(self._area, QColor(60, 170, 90, 55))
        pen = QPen(QColor(30, 90, 200), 2.5)
        for route in self._routes:
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(_path_of(route, False))
            (x0, y0), (x1, y1) = route[-2], route[-1]
            angle = math.atan2(y1 - y0, x1 - x0)
            head = QPolygonF([QPointF(x1, y1)] + [
                QPointF(x1 - 10 * math.cos(angle + s), y1 - 10 * math.sin(angle + s)) for s in (0.45, -0.45)])
            painter.setBrush(QColor(30, 90, 200))
            painter.drawPolygon(head)
