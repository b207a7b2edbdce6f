"""PlanView: zoom (wheel, Ctrl +/-, pinch), pan (middle button or Space+drag), Fit to room,
a scale bar, and drops from the palette.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QNativeGestureEvent, QPainter, QPen
from PySide6.QtWidgets import QGraphicsView

from app.canvas.scene import PlanScene
from app.canvas.style import MIME_TYPE
from app.model import ZoneKind
from app.units import format_length

MIN_SCALE, MAX_SCALE = 0.05, 40.0


class PlanView(QGraphicsView):
    zoomed = Signal(float)

    def __init__(self, scene: PlanScene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # the grid is static: draw it once per zoom
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._space = False
        self._pan_from: QPointF | None = None
        # until the teacher zooms or pans, the room stays fitted as the window is laid out/resized
        self._keep_fitted = True

    @property
    def plan(self) -> PlanScene:
        return self.scene()

    # --- zoom ---------------------------------------------------------------------------
    def scale_factor(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = max(MIN_SCALE, min(MAX_SCALE, self.scale_factor() * factor))
        factor = target / self.scale_factor()
        if abs(factor - 1) > 1e-9:
            self._keep_fitted = False
            self.scale(factor, factor)
            self.zoomed.emit(self.scale_factor())

    def fit_room(self) -> None:
        doc = self.plan.document
        if doc is None:
            return
        self._keep_fitted = True
        x0, y0, x1, y1 = doc.layout.room.bounds()
        margin = 24.0
        self.fitInView(QRectF(x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin),
                       Qt.AspectRatioMode.KeepAspectRatio)
        self.zoomed.emit(self.scale_factor())

    def centre_on_items(self, items, point=None) -> None:
        if point is not None:
            self.centerOn(QPointF(*point))
        elif items:
            rect = items[0].sceneBoundingRect()
            for item in items[1:]:
                rect = rect.united(item.sceneBoundingRect())
            self.centerOn(rect.center())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self._keep_fitted:
            self.fit_room()

    def wheelEvent(self, event):
        delta = event.angleDelta().y()
        if delta and not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.zoom_by(1.0015 ** delta)
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event):
        # trackpad pinch arrives as a native gesture on macOS and some Wayland compositors
        if event.type() == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent):
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom_by(1.0 + event.value())
                return True
        return super().viewportEvent(event)

    # --- pan ------------------------------------------------------------------------------
    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event):
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(self.plan.tool.cursor)
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.MiddleButton or (self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position()
            self._keep_fitted = False
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space else self.plan.tool.cursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # --- drops from the palette -------------------------------------------------------------
    def dragEnterEvent(self, event):
        if event.mimeData().hasFormat(MIME_TYPE):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event):
        if event.mimeData().hasFormat(MIME_TYPE):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event):
        if not event.mimeData().hasFormat(MIME_TYPE):
            super().dropEvent(event)
            return
        text = bytes(event.mimeData().data(MIME_TYPE)).decode("utf-8")
        self.drop_item(text, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
        self.setFocus()

    def drop_item(self, text: str, pos: QPointF) -> str | None:
        """Create what the palette entry names ("piece:<kind>", "zone:<kind>", "opening:<kind>") at a plan point."""
        what, _, kind = text.partition(":")
        if what == "piece":
            return self.plan.insert_piece(kind, pos)
        if what == "opening":
            return self.plan.parts.insert_opening(kind, pos)
        if what == "zone" and kind in {k.value for k in ZoneKind}:
            return self.plan.insert_zone_at(ZoneKind(kind), pos)
        self.plan.error.emit(f"cannot place {text!r} on the plan")
        return None

    # --- scale bar ----------------------------------------------------------------------------
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        scale = self.scale_factor()
        if scale <= 0:
            return
        units = self.plan.units
        steps = [6, 12, 24, 36, 60, 120, 240, 600] if units != "metric" else [x / 2.54 for x in (10, 20, 50, 100, 200, 500, 1000)]
        length = next((s for s in steps if s * scale >= 80), steps[-1])
        painter.save()
        painter.resetTransform()
        x, y = 16, self.viewport().height() - 20
        w = length * scale
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(QRectF(x - 6, y - 18, w + 12, 26), QColor(255, 255, 255, 210))
        painter.setPen(QPen(QColor("#222222"), 2))
        painter.drawLine(QPointF(x, y), QPointF(x + w, y))
        for tick in (x, x + w):
            painter.drawLine(QPointF(tick, y - 5), QPointF(tick, y + 3))
        font = QFont()
        font.setPixelSize(11)
        painter.setFont(font)
        painter.drawText(QRectF(x, y - 18, w, 13), Qt.AlignmentFlag.AlignCenter, format_length(length, units))
        painter.restore()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.viewport().update(0, max(0, self.viewport().height() - 50), 260, 50)  # keep the scale bar clean
