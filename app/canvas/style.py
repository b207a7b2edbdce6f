"""How things look on the plan: colours, hatch brushes, shapes. Shared by items and overlays."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPolygonF

from app.model import ZONE_KINDS, Piece, ZoneKind
from app.model.footprint import local_outline

MIME_TYPE = "application/x-classroom-item"  # "piece:<kind>" or "zone:<kind>" dragged from the palette

WALL_THICKNESS = 6.0  # in: drawn, not modelled
FLOOR = QColor("#ffffff")
WALL = QColor("#2b2b2b")
FURNITURE_FILL = QColor("#e8e2d6")
FURNITURE_EDGE = QColor("#5a4f3f")
FIXED_FILL = QColor("#c9c9c9")
RUG_FILL = QColor(214, 196, 160, 110)  # rugs lighter and under the furniture
SELECTED = QColor("#1f6feb")
PROBLEM = QColor(220, 30, 30)

#: hatch names (app.model.kinds.PATTERNS) -> Qt brush styles, so the map reads without colour
BRUSH_FOR_PATTERN = {
    "none": Qt.BrushStyle.NoBrush,
    "diagonal": Qt.BrushStyle.BDiagPattern,
    "back-diagonal": Qt.BrushStyle.FDiagPattern,
    "cross": Qt.BrushStyle.DiagCrossPattern,
    "horizontal": Qt.BrushStyle.HorPattern,
    "vertical": Qt.BrushStyle.VerPattern,
    "dots": Qt.BrushStyle.Dense6Pattern,
    "grid": Qt.BrushStyle.CrossPattern,
    "zigzag": Qt.BrushStyle.Dense5Pattern,
    "rings": Qt.BrushStyle.Dense7Pattern,
}

Z_ZONE, Z_RUG, Z_PIECE, Z_OVERLAY, Z_HANDLE = 0.0, 1.0, 2.0, 10.0, 20.0


def polygon(points) -> QPolygonF:
    return QPolygonF([QPointF(float(x), float(y)) for x, y in points])


def piece_path(piece: Piece) -> QPainterPath:
    """The footprint in the piece's own frame (centre at 0,0, unrotated): item pos/rotation place it."""
    item = piece.item
    arm = item.arm * min(piece.width / item.width, piece.depth / item.depth) if item.arm else None
    path = QPainterPath()
    path.addPolygon(polygon(local_outline(item.shape, piece.width, piece.depth, arm)))
    path.closeSubpath()
    return path


def zone_color(kind: ZoneKind, alpha: int = 255) -> QColor:
    color = QColor(ZONE_KINDS[kind].color)
    color.setAlpha(alpha)
    return color


def zone_hatch(kind: ZoneKind) -> QBrush:
    brush = QBrush(zone_color(kind, 150), BRUSH_FOR_PATTERN.get(ZONE_KINDS[kind].pattern, Qt.BrushStyle.NoBrush))
    return brush


def piece_fill(piece: Piece) -> QColor:
    if not piece.solid:
        return RUG_FILL
    if piece.fixed or piece.item.category == "fixed":
        return FIXED_FILL
    return FURNITURE_FILL
