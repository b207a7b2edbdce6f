"""A small drawn symbol for each kind of zone, the same in the palette and on the plan: strokes
drawn by the program, never a glyph from whatever emoji font the computer has (Debian's stock
fonts have no ✋)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from app.model import ZoneKind


def kind_path(kind: ZoneKind, box: QRectF) -> QPainterPath:
    """The symbol of a zone kind, to be stroked, fitted into box."""
    path = QPainterPath()
    _SHAPES[ZoneKind(kind)](path)
    bounds = QRectF(0, 0, 10, 10)
    scale = min(box.width(), box.height()) / bounds.width()
    out = QPainterPath()
    for i in range(path.elementCount()):
        e = path.elementAt(i)
        point = QPointF(box.x() + e.x * scale, box.y() + e.y * scale)
        if e.isMoveTo():
            out.moveTo(point)
        else:
            out.lineTo(point)
    return out


def _circle(path: QPainterPath, cx: float, cy: float, r: float, steps: int = 12) -> None:
    path.moveTo(cx + r, cy)
    for k in range(1, steps + 1):
        t = 2 * math.pi * k / steps
        path.lineTo(cx + r * math.cos(t), cy + r * math.sin(t))


def _independent(path: QPainterPath) -> None:  # one person at a desk
    _circle(path, 5, 2.6, 1.6)
    path.moveTo(1, 8.5)
    path.lineTo(9, 8.5)
    path.moveTo(5, 4.6)
    path.lineTo(5, 8.5)


def _collaboration(path: QPainterPath) -> None:  # three people joined
    for cx, cy in ((5, 2), (2, 8), (8, 8)):
        _circle(path, cx, cy, 1.5, 8)
    path.moveTo(4.2, 3.3)
    path.lineTo(2.8, 6.7)
    path.moveTo(3.5, 8)
    path.lineTo(6.5, 8)
    path.moveTo(7.2, 6.7)
    path.lineTo(5.8, 3.3)


def _mini_lesson(path: QPainterPath) -> None:  # a star
    for k in range(11):
        r = 4.8 if k % 2 == 0 else 2.0
        t = -math.pi / 2 + math.pi * k / 5
        (path.moveTo if k == 0 else path.lineTo)(5 + r * math.cos(t), 5.3 + r * math.sin(t))


def _hands_on(path: QPainterPath) -> None:  # a block to build with
    path.moveTo(1.5, 3.5)
    for x, y in ((5, 1.5), (8.5, 3.5), (8.5, 7.5), (5, 9.5), (1.5, 7.5), (1.5, 3.5), (5, 5.5), (8.5, 3.5)):
        path.lineTo(x, y)
    path.moveTo(5, 5.5)
    path.lineTo(5, 9.5)


def _creation(path: QPainterPath) -> None:  # a hammer
    path.moveTo(2, 9)
    path.lineTo(6, 5)
    path.moveTo(4, 3)
    for x, y in ((6, 1), (9, 4), (7, 6), (4, 3)):
        path.lineTo(x, y)


def _online(path: QPainterPath) -> None:  # a screen with a play mark
    path.moveTo(1, 1.5)
    for x, y in ((9, 1.5), (9, 7.5), (1, 7.5), (1, 1.5)):
        path.lineTo(x, y)
    path.moveTo(4, 3)
    for x, y in ((6.5, 4.5), (4, 6), (4, 3)):
        path.lineTo(x, y)
    path.moveTo(3, 9.5)
    path.lineTo(7, 9.5)


def _online_discussion(path: QPainterPath) -> None:  # a speech bubble
    path.moveTo(1, 1.5)
    for x, y in ((9, 1.5), (9, 6.5), (5, 6.5), (2.5, 9), (3, 6.5), (1, 6.5), (1, 1.5)):
        path.lineTo(x, y)


def _whole_class(path: QPainterPath) -> None:  # a circle of people
    for k in range(8):
        t = 2 * math.pi * k / 8
        _circle(path, 5 + 3.6 * math.cos(t), 5 + 3.6 * math.sin(t), 0.9, 6)


def _quiet(path: QPainterPath) -> None:  # a crescent moon
    steps = 14
    for k in range(steps + 1):
        t = -math.pi / 2 + math.pi * 1.4 * k / steps - 0.2
        (path.moveTo if k == 0 else path.lineTo)(5 + 4 * math.cos(t + math.pi / 2.2), 5 + 4 * math.sin(t + math.pi / 2.2))
    for k in range(steps, -1, -1):
        t = -math.pi / 2 + math.pi * 1.4 * k / steps - 0.2
        path.lineTo(6.3 + 3 * math.cos(t + math.pi / 2.2), 4.2 + 3 * math.sin(t + math.pi / 2.2))


def _assessment(path: QPainterPath) -> None:  # a check mark
    path.moveTo(1.5, 5.5)
    path.lineTo(4, 8.5)
    path.lineTo(8.8, 1.8)


_SHAPES = {
    ZoneKind.INDEPENDENT: _independent, ZoneKind.COLLABORATION: _collaboration, ZoneKind.MINI_LESSON: _mini_lesson,
    ZoneKind.HANDS_ON: _hands_on, ZoneKind.CREATION: _creation, ZoneKind.ONLINE: _online,
    ZoneKind.ONLINE_DISCUSSION: _online_discussion, ZoneKind.WHOLE_CLASS: _whole_class, ZoneKind.QUIET: _quiet,
    ZoneKind.ASSESSMENT: _assessment,
}
