"""The traced floor plan on the canvas: the image under the room, and the tools that square,
scale and move it. Each tool hands what was clicked to its owner, which records the edit."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsObject

from app.canvas import style
from app.canvas.tools import Tool
from app.model import Tracing
from app.tracing import corners

Point = tuple[float, float]

#: under the room, whose floor is left clear while the image is shown
Z_TRACING = -20.0


class TracingItem(QGraphicsObject):
    """The floor plan image on the plan; never selectable: the tools of the Floor plan panel
    move, turn and scale it. The image is decoded off the GUI thread (a 4000 px PNG takes half
    a second); until it arrives the plan shows the sheet blank."""

    decoded = Signal(str, QImage)  # the image text it was decoded from, and the image
    readable = Signal(bool)  # whether the image just decoded could be shown (a damaged one cannot)

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_TRACING)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.tracing: Tracing | None = None
        self.image = QImage()
        self._image_text: str | None = None  # what `image` was decoded from
        self._wanted: str | None = None  # what is being decoded
        self._decoding: threading.Thread | None = None
        self.offset = (0.0, 0.0)  # a move in progress, not yet recorded
        self.decoded.connect(self._take, Qt.ConnectionType.QueuedConnection)

    def set_tracing(self, tracing: Tracing | None) -> None:
        self.prepareGeometryChange()
        if tracing is not None and tracing.image not in (self._image_text, self._wanted):
            self._wanted = text = tracing.image
            data = tracing.image_bytes()
            # QImage releases the GIL while it decodes: the window stays live meanwhile
            self._decoding = threading.Thread(target=lambda: self.decoded.emit(text, QImage.fromData(data)),
                                              name="floor-plan", daemon=True)
            self._decoding.start()
        self.tracing = tracing
        self.offset = (0.0, 0.0)
        self.setVisible(tracing is not None and tracing.visible)
        self.update()

    def _take(self, text: str, image: QImage) -> None:
        if text == self._wanted:
            self.image, self._image_text, self._wanted = image, text, None
            self.update()
            self.readable.emit(not image.isNull())

    def wait_decoded(self) -> None:
        """Until the image being decoded is shown (before printing it)."""
        if self._decoding is not None:
            self._decoding.join()
        QCoreApplication.sendPostedEvents(self)

    def set_offset(self, dx: float, dy: float) -> None:
        self.prepareGeometryChange()
        self.offset = (dx, dy)
        self.update()

    @property
    def shown(self) -> bool:
        return self.tracing is not None and self.tracing.visible

    def boundingRect(self) -> QRectF:
        if self.tracing is None:
            return QRectF()
        xs, ys = zip(*corners(self.tracing))
        dx, dy = self.offset
        return QRectF(min(xs) + dx, min(ys) + dy, max(xs) - min(xs), max(ys) - min(ys))

    def covers(self, x: float, y: float) -> bool:
        """Whether the plan point lies on the shown image."""
        t = self.tracing
        if not self.shown:
            return False
        a = math.radians(-t.rotation)
        dx, dy = x - t.x - self.offset[0], y - t.y - self.offset[1]
        u, v = dx * math.cos(a) - dy * math.sin(a), dx * math.sin(a) + dy * math.cos(a)
        return abs(u) <= t.width / 2 and abs(v) <= t.depth / 2

    def paint(self, painter: QPainter, option, widget=None) -> None:
        t = self.tracing
        if t is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.translate(t.x + self.offset[0], t.y + self.offset[1])
        painter.rotate(t.rotation)
        rect = QRectF(-t.width / 2, -t.depth / 2, t.width, t.depth)
        painter.fillRect(rect, style.FLOOR)  # faded towards white, as on a light table
        if not self.image.isNull():
            painter.setOpacity(t.opacity)
            painter.drawImage(rect, self.image)
        painter.restore()


class PickPointsTool(Tool):
    """Two clicks on the plan, where they fall (no snapping: the points are on the image); a line
    follows the pointer from the first. The second click hands both to `picked`."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, scene, hint: str, picked: Callable[[Point, Point], None]) -> None:
        super().__init__(scene)
        self.HINT = hint
        self.picked = picked
        self.first: Point | None = None
        self.line = QGraphicsLineItem()
        pen = QPen(style.SELECTED, 2.0)
        pen.setCosmetic(True)
        self.line.setPen(pen)
        self.line.setZValue(style.Z_HANDLE)

    def press(self, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        p = event.scenePos()
        point = (p.x(), p.y())
        if self.first is None:
            self.first = point
            self.line.setLine(QLineF(p, p))
            self.scene.addItem(self.line)
            self.scene.status("Now click the second point · Esc to cancel")
            return True
        first = self.first
        self.scene.set_tool(None)  # cancels: the line goes
        self.picked(first, point)
        return True

    def move(self, event) -> bool:
        if self.first is not None:
            self.line.setLine(QLineF(QPointF(*self.first), event.scenePos()))
        return True

    def release(self, event) -> bool:
        return True

    def cancel(self) -> None:
        self.first = None
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)


class MoveTracingTool(Tool):
    """Drag anywhere to slide the floor plan under the room; each drag is one step. Esc ends."""

    cursor = Qt.CursorShape.SizeAllCursor
    HINT = "Drag to move the floor plan under the room · Esc to stop"

    def __init__(self, scene, moved: Callable[[float, float], None]) -> None:
        super().__init__(scene)
        self.moved = moved
        self.start: QPointF | None = None

    def press(self, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self.start = event.scenePos()
        return True

    def move(self, event) -> bool:
        if self.start is not None:
            d = event.scenePos() - self.start
            self.scene.tracing_item.set_offset(d.x(), d.y())
            self.scene.status(f"Floor plan moved {self.scene.length(math.hypot(d.x(), d.y()))}")
        return True

    def release(self, event) -> bool:
        if self.start is None:
            return True
        d = event.scenePos() - self.start
        self.start = None
        self.scene.tracing_item.set_offset(0.0, 0.0)
        if d.x() or d.y():
            self.moved(d.x(), d.y())
        return True

    def cancel(self) -> None:
        self.start = None
        self.scene.tracing_item.set_offset(0.0, 0.0)


def floor_color(tracing: Tracing | None) -> QColor:
    """The room's floor: white, or clear over a shown floor plan (which is faded on white)."""
    return QColor(style.FLOOR) if tracing is None or not tracing.visible else QColor(0, 0, 0, 0)
