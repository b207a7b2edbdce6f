"""The toolbar's icons, drawn by the program: no icon font, no system emoji, nothing to license,
the same on every computer. Each is a few strokes on a transparent square, in one ink."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

SIZE = 48  # drawn at twice the toolbar's 24 px, for high-density screens
INK = QColor("#2f3b4a")
ACCENT = QColor("#1f6fb2")


def icon(name: str) -> QIcon:
    """The icon called name (one of NAMES)."""
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(INK, 3.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    _DRAW[name](painter)
    painter.end()
    return QIcon(pixmap)


def _page(p: QPainter) -> QPainterPath:
    path = QPainterPath()
    path.moveTo(12, 5)
    path.lineTo(30, 5)
    path.lineTo(38, 13)
    path.lineTo(38, 43)
    path.lineTo(12, 43)
    path.closeSubpath()
    p.drawPath(path)
    p.drawPolyline(QPolygonF([QPointF(30, 5), QPointF(30, 13), QPointF(38, 13)]))
    return path


def _new(p: QPainter) -> None:
    _page(p)
    p.setPen(QPen(ACCENT, 3.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(25, 22), QPointF(25, 36))
    p.drawLine(QPointF(18, 29), QPointF(32, 29))


def _open(p: QPainter) -> None:
    p.drawPolyline(QPolygonF([QPointF(5, 38), QPointF(5, 10), QPointF(17, 10), QPointF(21, 15), QPointF(38, 15),
                              QPointF(38, 21)]))
    p.setPen(QPen(ACCENT, 3.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.drawPolygon(QPolygonF([QPointF(5, 38), QPointF(12, 21), QPointF(44, 21), QPointF(37, 38)]))


def _save(p: QPainter) -> None:
    p.drawPolygon(QPolygonF([QPointF(7, 7), QPointF(35, 7), QPointF(41, 13), QPointF(41, 41), QPointF(7, 41)]))
    p.drawRect(QRectF(14, 7, 17, 10))
    p.setPen(QPen(ACCENT, 3.2))
    p.drawRect(QRectF(14, 26, 20, 15))


def _arrow(p: QPainter, back: bool) -> None:
    sign = -1 if back else 1
    cx = 24
    path = QPainterPath()
    path.moveTo(cx - sign * 14, 20)
    path.cubicTo(cx - sign * 4, 8, cx + sign * 14, 12, cx + sign * 14, 26)
    path.cubicTo(cx + sign * 14, 36, cx + sign * 4, 41, cx - sign * 6, 40)
    p.drawPath(path)
    tip = QPointF(cx - sign * 14, 20)
    p.drawLine(tip, QPointF(cx - sign * 14, 9))
    p.drawLine(tip, QPointF(cx - sign * 3, 22))


def _undo(p: QPainter) -> None:
    _arrow(p, back=False)  # the arrow's head points left: back


def _redo(p: QPainter) -> None:
    _arrow(p, back=True)


def _rotate(p: QPainter) -> None:
    p.drawArc(QRectF(9, 9, 30, 30), 90 * 16, 270 * 16)
    p.drawLine(QPointF(24, 9), QPointF(31, 3))
    p.drawLine(QPointF(24, 9), QPointF(31, 15))
    p.setPen(QPen(ACCENT, 3.2))
    p.drawRect(QRectF(19, 19, 10, 10))


def _dashed(p: QPainter) -> None:
    p.setPen(QPen(ACCENT, 3.2, Qt.PenStyle.DashLine, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.MiterJoin))


def _zone_rect(p: QPainter) -> None:
    _dashed(p)
    p.drawRect(QRectF(7, 11, 34, 26))


def _zone_polygon(p: QPainter) -> None:
    _dashed(p)
    p.drawPolygon(QPolygonF([QPointF(7, 14), QPointF(26, 7), QPointF(41, 20), QPointF(33, 41), QPointF(11, 37)]))


def _fit(p: QPainter) -> None:
    for x, y, dx, dy in ((6, 6, 1, 1), (42, 6, -1, 1), (6, 42, 1, -1), (42, 42, -1, -1)):
        p.drawPolyline(QPolygonF([QPointF(x, y + dy * 10), QPointF(x, y), QPointF(x + dx * 10, y)]))
    p.setPen(QPen(ACCENT, 3.2))
    p.drawRect(QRectF(16, 16, 16, 16))


def _walkable(p: QPainter) -> None:
    p.setPen(QPen(ACCENT, 3.2, Qt.PenStyle.DotLine, Qt.PenCapStyle.RoundCap))
    path = QPainterPath()
    path.moveTo(6, 40)
    path.cubicTo(18, 40, 14, 10, 40, 9)
    p.drawPath(path)
    p.setPen(QPen(INK, 3.2))
    p.setBrush(INK)
    p.drawEllipse(QPointF(6, 40), 3.5, 3.5)
    p.drawPolygon(QPolygonF([QPointF(42, 9), QPointF(34, 4), QPointF(35, 14)]))


def _export(p: QPainter) -> None:
    _page(p)
    p.setPen(QPen(ACCENT, 3.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.drawLine(QPointF(25, 19), QPointF(25, 36))
    p.drawPolyline(QPolygonF([QPointF(19, 30), QPointF(25, 36), QPointF(31, 30)]))


def _measure(p: QPainter) -> None:
    p.save()
    p.translate(24, 24)
    p.rotate(-35)
    p.drawRect(QRectF(-20, -6, 40, 12))
    for k in range(-15, 20, 5):
        p.drawLine(QPointF(k, -6), QPointF(k, -6 + (5 if k % 10 else 8)))
    p.restore()


def _trace(p: QPainter) -> None:
    """A sheet with a floor plan on it, and the room drawn over it."""
    p.setPen(QPen(INK, 2.4, Qt.PenStyle.DashLine, Qt.PenCapStyle.FlatCap))
    p.drawRect(QRectF(5, 8, 38, 32))
    p.setPen(QPen(ACCENT, 3.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap, Qt.PenJoinStyle.MiterJoin))
    p.drawPolygon(QPolygonF([QPointF(11, 14), QPointF(37, 14), QPointF(37, 34), QPointF(24, 34), QPointF(24, 26),
                             QPointF(11, 26)]))


_DRAW: dict[str, Callable[[QPainter], None]] = {
    "new": _new, "open": _open, "save": _save, "undo": _undo, "redo": _redo, "rotate": _rotate,
    "zone-rect": _zone_rect, "zone-polygon": _zone_polygon, "fit": _fit, "walkable": _walkable,
    "export": _export, "measure": _measure, "trace": _trace,
}
NAMES = tuple(_DRAW)
