"""What the plan shows: the room, pieces of furniture and zones. Items only draw and report:
they never write the model (a drag or a handle asks the scene to push a command on release).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from app.canvas import style
from app.canvas.kind_icons import kind_path
from app.model import Piece, Room, Zone
from app.model.numbering import piece_name



class PathShaped:
    """An item whose shape is one painter path (`_path`) with a drawing margin (`_bounds`)."""

    _path: QPainterPath
    _bounds: QRectF

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._path

    def footprint_rect(self) -> QRectF:
        """The outline's box on the plan (no drawing margin): what snapping lines up."""
        return self.mapToScene(self._path.boundingRect()).boundingRect()

class RoomItem(QGraphicsItem):
    """Floor, thick walls, doors with their swing, windows and wall features (whiteboards...)."""

    def __init__(self, room: Room):
        super().__init__()
        self.setZValue(-10)
        self.room = room
        self.floor = style.FLOOR  # clear over a shown floor plan (app.canvas.tracing.floor_color)
        self._rebuild()

    def set_floor(self, color) -> None:
        if color != self.floor:
            self.floor = color
            self.update()

    def set_room(self, room: Room) -> None:
        if room.outline == self.room.outline:
            # only doors, windows or boards changed (a door sliding along its wall): repaint just
            # their old and new places, not the floor under 400 pieces
            old, new = self._opening_areas(self.room), self._opening_areas(room)
            self.room = room
            for key in set(old) | set(new):
                if old.get(key) != new.get(key):
                    for rect in (old.get(key), new.get(key)):
                        if rect is not None:
                            self.update(rect)
            return
        self.prepareGeometryChange()
        self.room = room
        self._rebuild()
        self.update()

    @staticmethod
    def _opening_areas(room: Room) -> dict[tuple, QRectF]:
        """Where each opening paints: its span, the door's leaf and swing, a board's label."""
        areas = {}
        for group in (room.doors, room.windows, room.features):
            for opening in group:
                (ax, ay), (bx, by) = room.opening_span(opening)
                reach = opening.width if hasattr(opening, "swing") else 0.0
                pad = reach + style.WALL_THICKNESS + 12
                rect = QRectF(QPointF(min(ax, bx), min(ay, by)), QPointF(max(ax, bx), max(ay, by)))
                areas[(type(opening).__name__, opening.id, opening.model_dump_json())] = rect.adjusted(-pad, -pad, pad, pad)
        return areas

    def _rebuild(self) -> None:
        self._outline = QPainterPath()
        self._outline.addPolygon(style.polygon(self.room.outline))
        self._outline.closeSubpath()
        pad = 60.0  # door swings and wall thickness reach outside the outline
        self._bounds = self._outline.boundingRect().adjusted(-pad, -pad, pad, pad)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._outline

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(self._outline, self.floor)
        painter.setPen(QPen(style.WALL, style.WALL_THICKNESS, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap,
                            Qt.PenJoinStyle.MiterJoin))
        painter.drawPath(self._outline)
        room = self.room
        for window in room.windows:
            a, b = room.opening_span(window)
            line = QLineF(QPointF(*a), QPointF(*b))
            painter.setPen(QPen(style.FLOOR, style.WALL_THICKNESS - 1.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(line)
            painter.setPen(QPen(QColor("#4a90c2"), 1.2))
            painter.drawLine(line)
            nx, ny = room.inward_normal(window.wall)
            for off in (-2.0, 2.0):
                painter.drawLine(line.translated(nx * off, ny * off))
        for feature in room.features:
            line, (nx, ny), text = _feature_line(room, feature)
            color = QColor("#3c8d5a") if feature.kind == "whiteboard" else QColor("#a0522d")
            painter.setPen(QPen(color, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(line)
            self._wall_label(painter, line, text, nx, ny)
        for door in room.doors:
            self._paint_door(painter, door)

    def _paint_door(self, painter: QPainter, door) -> None:
        room = self.room
        a, b = room.opening_span(door)
        painter.setPen(QPen(style.FLOOR, style.WALL_THICKNESS + 1, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawLine(QPointF(*a), QPointF(*b))
        if door.swing == "none":
            return
        hinge, latch = (a, b) if door.hinge == "start" else (b, a)
        nx, ny = room.inward_normal(door.wall)
        if door.swing == "out":
            nx, ny = -nx, -ny
        width = door.width
        leaf_end = QPointF(hinge[0] + nx * width, hinge[1] + ny * width)
        painter.setPen(QPen(style.WALL, 1.5))
        painter.drawLine(QPointF(*hinge), leaf_end)
        # the swing: a quarter circle from the open leaf to the latch side
        start = math.degrees(math.atan2(-(latch[1] - hinge[1]), latch[0] - hinge[0]))
        end = math.degrees(math.atan2(-ny, nx))
        span = (end - start + 540) % 360 - 180
        rect = QRectF(hinge[0] - width, hinge[1] - width, 2 * width, 2 * width)
        painter.setPen(QPen(QColor("#777777"), 0.8, Qt.PenStyle.DashLine))
        painter.drawArc(rect, int(start * 16), int(span * 16))

    @staticmethod
    def _wall_label(painter: QPainter, line: QLineF, text: str, nx: float, ny: float) -> None:
        painter.save()
        mid = line.center()
        painter.translate(mid.x() + nx * 6, mid.y() + ny * 6)
        painter.rotate(_upright(line))
        painter.setFont(_wall_font())
        painter.setPen(QColor("#333333"))
        painter.drawText(QRectF(-line.length() / 2, -4, line.length(), 8), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def label_rects(self) -> list[QRectF]:
        """Where the wall features' names are written on the plan (zone titles keep clear of them)."""
        metrics = QFontMetricsF(_wall_font())
        rects = []
        for feature in self.room.features:
            line, (nx, ny), text = _feature_line(self.room, feature)
            half = min(line.length(), metrics.horizontalAdvance(text) + 2) / 2
            mid = line.center() + QPointF(nx * 6, ny * 6)
            a = math.radians(_upright(line))
            ux, uy, vx, vy = math.cos(a), math.sin(a), -math.sin(a), math.cos(a)
            xs = [mid.x() + ux * du + vx * dv for du in (-half, half) for dv in (-4, 4)]
            ys = [mid.y() + uy * du + vy * dv for du in (-half, half) for dv in (-4, 4)]
            rects.append(QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
        return rects


def _feature_line(room: Room, feature) -> tuple[QLineF, tuple[float, float], str]:
    """A wall feature's line, just inside its wall; the wall's inward normal; the name it shows."""
    a, b = room.opening_span(feature)
    nx, ny = room.inward_normal(feature.wall)
    shift = style.WALL_THICKNESS / 2 + 2
    line = QLineF(QPointF(a[0] + nx * shift, a[1] + ny * shift), QPointF(b[0] + nx * shift, b[1] + ny * shift))
    return line, (nx, ny), feature.label or feature.kind.replace("-", " ").capitalize()


def _upright(line: QLineF) -> float:
    """The turn (degrees clockwise) that writes text along the line, never upside down."""
    angle = -line.angle()
    return angle + 180 if 90 < (angle % 360) < 270 else angle


def _wall_font() -> QFont:
    font = QFont()
    font.setPixelSize(6)
    return font


class PieceItem(PathShaped, QGraphicsObject):
    """A piece of furniture by its footprint, with its label upright."""

    def __init__(self, piece: Piece):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(False)
        self.piece_id = piece.id
        self.problem = False
        self.number: int | None = None  # among the unlabelled pieces of its kind (app.model.numbering)
        self.sync(piece)

    @property
    def name(self) -> str:
        return piece_name(self.piece, self.number)

    def set_number(self, number: int | None) -> None:
        if number != self.number:
            self.number = number
            self.setToolTip(f"{self.name}: {self.piece.width:g} x {self.piece.depth:g} in")
            self.update()

    def sync(self, piece: Piece) -> None:
        self.prepareGeometryChange()
        self.piece = piece
        self._path = style.piece_path(piece)
        self._bounds = self._path.boundingRect().adjusted(-2, -2, 2, 2)
        self.setPos(piece.x, piece.y)
        self.setRotation(piece.rotation)
        self.setZValue(style.Z_PIECE if piece.solid else style.Z_RUG)
        self.setToolTip(f"{self.name}: {piece.width:g} x {piece.depth:g} in")
        self.update()


    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        piece = self.piece
        painter.fillPath(self._path, style.piece_fill(piece))
        edge = style.SELECTED if self.isSelected() else style.PROBLEM if self.problem else style.FURNITURE_EDGE
        pen = QPen(edge, 2.0 if self.isSelected() or self.problem else 0.8)
        if not piece.solid:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPath(self._path)
        if piece.item.blocks_sight:  # tall pieces: a cross, as architects mark full-height storage
            r = self._path.boundingRect()
            painter.setPen(QPen(edge, 0.5))
            painter.drawLine(r.topLeft(), r.bottomRight())
            painter.drawLine(r.topRight(), r.bottomLeft())
        self._paint_label(painter)

    def _paint_label(self, painter: QPainter) -> None:
        piece = self.piece
        lod = QStyleOptionScale.of(painter)
        if min(piece.width, piece.depth) * lod < 14:  # too small on screen to read: the tooltip has it
            return
        painter.save()
        rot = piece.rotation % 360
        w, d = piece.width, piece.depth
        if 45 < rot < 135 or 225 < rot < 315:
            painter.rotate(-90 if rot < 180 else 90)
            w, d = d, w
        elif 135 <= rot <= 225:
            painter.rotate(180)
        if d > w * 1.4:  # a long narrow piece on screen: its label runs along it
            painter.rotate(-90)
            w, d = d, w
        font = QFont()
        # about 10 px on screen, never taller than the piece: zoomed in, more of the name fits
        font.setPixelSize(max(1, int(min(6.0, d * 0.4, max(2.5, 10.0 / lod)))))
        painter.setFont(font)
        painter.setPen(QColor("#333333"))
        rect = QRectF(-w / 2 + 1, -d / 2, w - 2, d)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                         self.label_text(painter.fontMetrics(), rect.width(), rect.height()))
        painter.restore()

    def label_text(self, metrics, width: float, height: float = 0.0) -> str:
        """The whole name where it fits, else the short one that reads ("Desk 14", "Laptop cart"),
        else either on two lines where the piece is deep enough ("Computer / table A"), else the
        short one cut, if enough of it is left to read, else nothing; the tooltip always has the
        whole name."""
        short = self.piece.label or " ".join(filter(None, (self.piece.item.short or self.piece.item.name,
                                                           str(self.number) if self.number else "")))
        for text in (self.name, short):
            if metrics.horizontalAdvance(text) <= width:
                return text
        if height >= 2 * metrics.height():
            for text in (self.name, short):
                lines = _two_lines(text, metrics, width)
                if lines:
                    return lines
        cut = metrics.elidedText(short, Qt.TextElideMode.ElideRight, int(width))
        return cut if len(cut.rstrip("…")) >= 4 else ""

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update()
        return super().itemChange(change, value)


def _two_lines(text: str, metrics, width: float) -> str | None:
    """The text broken at a space into two lines that both fit, the first as long as it can be."""
    words = text.split(" ")
    for k in range(len(words) - 1, 0, -1):
        first, second = " ".join(words[:k]), " ".join(words[k:])
        if metrics.horizontalAdvance(first) <= width and metrics.horizontalAdvance(second) <= width:
            return f"{first}\n{second}"
    return None


class QStyleOptionScale:
    """The on-screen size of one scene inch, read from the painter."""

    @staticmethod
    def of(painter: QPainter) -> float:
        t = painter.worldTransform()
        return math.hypot(t.m11(), t.m12()) or 1.0


class ZoneItem(PathShaped, QGraphicsObject):
    """A zone/station: tinted and hatched in its kind's colour, with number, icon and name."""

    def __init__(self, zone: Zone):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(style.Z_ZONE)
        self.zone_id = zone.id
        self.problem = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.label = ZoneLabel()
        self.sync(zone)

    def sync(self, zone: Zone) -> None:
        self.prepareGeometryChange()
        self.zone = zone
        self.setPos(0, 0)
        self._path = QPainterPath()
        self._path.addPolygon(style.polygon(zone.polygon))
        self._path.closeSubpath()
        self._bounds = self._path.boundingRect().adjusted(-3, -3, 3, 3)
        self.setToolTip(zone.display_name)
        self.label.show_zone(zone)
        self.update()


    def outline_shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self._path)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        kind = self.zone.kind
        painter.fillPath(self._path, style.zone_color(kind, 45))
        painter.fillPath(self._path, style.zone_hatch(kind))
        edge = style.SELECTED if self.isSelected() else style.PROBLEM if self.problem else style.zone_color(kind)
        pen = QPen(edge, 2.5 if self.isSelected() else 1.5, Qt.PenStyle.DashLine if not self.isSelected() else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.drawPath(self._path)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update()
        elif change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.label.setPos(self.label.anchor + self.pos())
        return super().itemChange(change, value)


class ZoneLabel(QGraphicsItem):
    """A zone's kind symbol, number and name in its top-left corner, above the furniture, so the
    label never hides under a piece and never sits on one's middle (domain.md complaint). The
    title shrinks to fit the zone's width, then wraps to two lines, then is cut short with the
    whole name in its tooltip."""

    SIZES = (9.0, 8.0, 7.0)  # px, on the plan's inch scale
    ICON = 9.0

    def __init__(self):
        super().__init__()
        self.setZValue(style.Z_OVERLAY - 2)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.anchor = QPointF()
        self.lines: list[str] = []
        self.title = ""
        self.icon = True  # the kind's symbol before the name (left out where the zone is narrow)
        self._kind = None
        self._rect, self._color = QRectF(), QColor()
        self._font = QFont()
        self._font.setBold(True)

    def show_zone(self, zone: Zone) -> None:
        self.prepareGeometryChange()
        xs = [p[0] for p in zone.polygon]
        ys = [p[1] for p in zone.polygon]
        number = f"{zone.station}. " if zone.station is not None else ""
        self.title = f"{number}{zone.display_name}"
        room = max(24.0, max(xs) - min(xs) - 4)
        self.lines, size, cut = _fitted(self.title, room - self.ICON - 8, self._font)
        self.icon = True
        if len(self.lines) > 1 or cut:  # a narrow zone: the kind's symbol gives its room to the name
            lines, small, shorter = _fitted(self.title, room - 4, self._font)
            if (shorter, len(lines)) < (cut, len(self.lines)):
                self.lines, size, cut, self.icon = lines, small, shorter, False
        self._font.setPixelSize(int(size))
        metrics = QFontMetricsF(self._font)
        width = max(metrics.horizontalAdvance(line) for line in self.lines) + self._text_left() + (4 if self.icon else 2)
        self._rect = QRectF(0, 0, min(width, room), metrics.height() * len(self.lines) + 3)
        self.setToolTip(self.title if cut else "")
        self._kind = zone.kind
        self._color = style.zone_color(zone.kind).darker(170)
        self._box = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        self.anchor = QPointF(min(xs) + 2, min(ys) + 2)
        self.setPos(self.anchor)
        self.update()

    def place(self, taken: list[QRectF]) -> None:
        """Move to the first inner corner of the zone (top left, top right, bottom left, bottom
        right) where the title covers none of the `taken` rectangles (the names written on the
        pieces and the walls); else to the first spot down its left or right side that covers
        none; else where it covers the least of them."""
        w, h, box = self._rect.width(), self._rect.height(), self._box
        top, bottom, left, right = box.top() + 2, box.bottom() - 2 - h, box.left() + 2, box.right() - 2 - w
        spots = [QPointF(left, top), QPointF(right, top), QPointF(left, bottom), QPointF(right, bottom)]
        steps = max(0, int((bottom - top) // 6))
        spots += [QPointF(x, top + 6 * k) for k in range(1, steps + 1) for x in (left, right)]

        def covered(spot: QPointF) -> float:  # how much of the taken rectangles the title would hide
            title = QRectF(spot.x(), spot.y(), w, h)
            return sum(r.width() * r.height() for r in (title.intersected(t) for t in taken) if not r.isEmpty())

        spot = min(spots, key=lambda s: (covered(s), spots.index(s)))
        if spot != self.anchor:
            self.anchor = spot
            self.setPos(spot)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.drawRoundedRect(self._rect, 3, 3)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._color, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.icon:
            painter.drawPath(kind_path(self._kind, QRectF(2.5, 2.0, self.ICON - 1, self.ICON - 1)))
        painter.setFont(self._font)
        line_h = QFontMetricsF(self._font).height()
        left = self._text_left()
        for n, line in enumerate(self.lines):
            painter.drawText(QRectF(left, 1.5 + n * line_h, self._rect.width() - left - 1, line_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, line)

    def _text_left(self) -> float:
        return self.ICON + 4 if self.icon else 2.0


def _fitted(title: str, width: float, font: QFont) -> tuple[list[str], float, bool]:
    """The title's lines, its size and whether it had to be cut: one line at the largest size
    that fits, else two lines, else two lines with the second cut short."""
    probe = QFont(font)
    for size in ZoneLabel.SIZES:
        probe.setPixelSize(int(size))
        if QFontMetricsF(probe).horizontalAdvance(title) <= width:
            return [title], size, False
    size = ZoneLabel.SIZES[-1]
    probe.setPixelSize(int(size))
    metrics = QFontMetricsF(probe)
    words = title.split(" ")
    if len(words) > 1 and words[0].rstrip(".").isdigit():  # "3." stays with the name it numbers
        words = [f"{words[0]} {words[1]}", *words[2:]]
    first = words[0]
    for k in range(1, len(words)):
        candidate = " ".join(words[: k + 1])
        if metrics.horizontalAdvance(candidate) > width:
            break
        first = candidate
    rest = title[len(first):].strip()
    if not rest:  # one long word: cut it
        return [metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(width))], size, True
    second = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, int(width))
    cut = second != rest or metrics.horizontalAdvance(first) > width
    return [metrics.elidedText(first, Qt.TextElideMode.ElideRight, int(width)), second], size, cut


class Handle(QGraphicsItem):
    """A grip for rotating or resizing the one selected item; the select tool drives it.

    Drawn at a fixed size on screen (ItemIgnoresTransformations) so it stays easy to hit.
    """

    RADIUS = 5.0

    def __init__(self, role: str, index: int = 0, parent: QGraphicsItem | None = None):
        super().__init__(parent)
        self.role, self.index = role, index  # role: "rotate" | "corner" | "vertex"
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(style.Z_HANDLE)
        self.setCursor(Qt.CursorShape.CrossCursor if role == "rotate" else Qt.CursorShape.SizeAllCursor)

    def boundingRect(self) -> QRectF:
        r = self.RADIUS + 1
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(style.SELECTED, 1.5))
        painter.setBrush(QColor("white"))
        r = self.RADIUS
        if self.role == "rotate":
            painter.drawEllipse(QRectF(-r, -r, 2 * r, 2 * r))
        else:
            painter.drawRect(QRectF(-r + 1, -r + 1, 2 * r - 2, 2 * r - 2))
