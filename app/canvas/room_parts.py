"""The parts of the room a teacher edits with the mouse: doors, windows and wall features (slide
along a wall, or onto another) and the outline's corners (drag one, double-click a wall to add
one, Delete removes one). The RoomItem draws them; these items are what the pointer grabs.

Each gesture is ONE SetRoom command on release; the rules live in app/canvas/walls.py.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from app.canvas import style, walls
from app.canvas.items import PathShaped
from app.model import Room

BAND_OUT, BAND_IN = 9.0, 5.0  # in: what the pointer can grab of an opening, outside / inside the wall


class OpeningItem(PathShaped, QGraphicsObject):
    """The grabbable band over one door, window or wall feature; drawn only when selected or flagged."""

    def __init__(self, room: Room, opening):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(style.Z_OVERLAY - 1)
        self.opening_id = opening.id
        self.problem = False
        self.sync(room, opening)

    def sync(self, room: Room, opening) -> None:
        self.prepareGeometryChange()
        self.opening = opening
        (ax, ay), (bx, by) = room.opening_span(opening)
        nx, ny = room.inward_normal(opening.wall)
        self._path = QPainterPath()
        self._path.addPolygon(style.polygon([(ax - nx * BAND_OUT, ay - ny * BAND_OUT), (bx - nx * BAND_OUT, by - ny * BAND_OUT),
                                             (bx + nx * BAND_IN, by + ny * BAND_IN), (ax + nx * BAND_IN, ay + ny * BAND_IN)]))
        self._path.closeSubpath()
        self._bounds = self._path.boundingRect().adjusted(-2, -2, 2, 2)
        self.setToolTip(f"{walls.opening_name(opening)}: {opening.width:g} in wide. Drag along the walls to move it.")
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not (self.isSelected() or self.problem):
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = style.SELECTED if self.isSelected() else style.PROBLEM
        painter.setPen(QPen(color, 0, Qt.PenStyle.SolidLine))
        fill = QColor(color)
        fill.setAlpha(50)
        painter.setBrush(fill)
        painter.drawPath(self._path)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update()
        return super().itemChange(change, value)


class CornerItem(QGraphicsItem):
    """A square grip on one corner of the room outline, the same size on screen at any zoom."""

    SIZE = 7.0

    def __init__(self, index: int, at: tuple[float, float]):
        super().__init__()
        self.index = index
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(style.Z_HANDLE - 1)
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setToolTip("Room corner: drag to move it, Delete removes it; double-click a wall to add one")
        self.setPos(*at)

    def boundingRect(self) -> QRectF:
        r = self.SIZE / 2 + 1
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = self.SIZE / 2
        painter.setPen(QPen(style.SELECTED if self.isSelected() else style.WALL, 1.5))
        painter.setBrush(style.SELECTED if self.isSelected() else QColor("white"))
        painter.drawRect(QRectF(-r, -r, 2 * r, 2 * r))

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update()
        return super().itemChange(change, value)


class RoomParts:
    """Keeps one OpeningItem per door/window/feature and one CornerItem per corner in the scene."""

    def __init__(self, scene):
        self.scene = scene
        self.openings: dict[str, OpeningItem] = {}
        self.corners: list[CornerItem] = []

    @property
    def room(self) -> Room:
        return self.scene.document.layout.room

    def clear(self) -> None:
        self.openings.clear()
        self.corners = []

    def sync(self, room: Room | None = None) -> None:
        """Mirror the room: items kept by id (so a selection survives an edit), corners rebuilt."""
        room = room or self.room
        scene = self.scene
        present = {}
        for group in walls.GROUPS:
            for opening in getattr(room, group):
                present[opening.id] = opening
        for opening_id in [i for i in self.openings if i not in present]:
            item = self.openings.pop(opening_id)
            item.setSelected(False)
            scene.removeItem(item)
        for opening_id, opening in present.items():
            item = self.openings.get(opening_id)
            if item is None:
                item = self.openings[opening_id] = OpeningItem(room, opening)
                item.problem = opening_id in scene._flagged
                scene.addItem(item)
            else:
                item.sync(room, opening)
        selected = {c.index for c in self.corners if c.isSelected()} if len(self.corners) == len(room.outline) else set()
        for corner in self.corners:
            if corner.scene() is scene:
                scene.removeItem(corner)
        self.corners = [CornerItem(i, p) for i, p in enumerate(room.outline)]
        for corner in self.corners:
            scene.addItem(corner)
            corner.setSelected(corner.index in selected)

    def set_visible(self, on: bool) -> None:
        """Grips are for editing: hidden while the plan is rendered to paper or an image."""
        for corner in self.corners:
            corner.setVisible(on)

    def selected_opening_ids(self) -> list[str]:
        return [i for i, item in self.openings.items() if item.isSelected()]

    def selected_corner(self) -> int | None:
        return next((c.index for c in self.corners if c.isSelected()), None)

    # --- edits ----------------------------------------------------------------------------------
    def push_room(self, room_or_error, text: str) -> bool:
        if isinstance(room_or_error, Exception):
            self.scene.error.emit(str(room_or_error))
            self.sync()
            return False
        ok = self.scene.done(self.scene.edits.set_room(room_or_error, text))
        if not ok:
            self.sync()
        return ok

    def insert_opening(self, kind: str, pos: QPointF) -> str | None:
        """A palette drop: the door (window, board...) lands on the wall nearest the drop point."""
        doc = self.scene.document
        prefix = kind if kind in ("door", "window") else "feature"
        try:
            opening = walls.new_opening(kind, doc.new_id(prefix), self.room.outline, (pos.x(), pos.y()), self.step())
            room = walls.with_opening(self.room, opening)
        except walls.WallEditError as problem:
            self.scene.error.emit(str(problem))
            return None
        if self.push_room(room, f"Add {walls.opening_name(opening).lower()}"):
            self.scene.select_ids([opening.id])
            return opening.id
        return None

    def step(self, snap: bool = True) -> float:
        """The grid step openings slide by (0 when snapping is off)."""
        return self.scene.grid.minor if snap and self.scene.snapping else 0.0

    def add_corner_at(self, pos: QPointF, tolerance: float) -> bool:
        """Double-click on a wall: a new corner there (an L-shaped room in a few clicks)."""
        wall, _t, distance = walls.nearest_wall(self.room.outline, (pos.x(), pos.y()))
        if distance > tolerance:
            return False
        x, y = self.scene.snap_point(pos)
        at = (x, y) if walls.nearest_wall(self.room.outline, (x, y))[0] == wall else (pos.x(), pos.y())
        index = wall + 1
        if self.push_room(_attempt(walls.added_corner, self.room, wall, at), "Add a room corner"):
            self.scene.clearSelection()
            self.corners[index].setSelected(True)
        return True

    def remove_corner(self, index: int) -> bool:
        return self.push_room(_attempt(walls.removed_corner, self.room, index), "Remove a room corner")

    def remove_openings(self, ids: list[str]) -> bool:
        return self.push_room(_attempt(walls.without_openings, self.room, set(ids)),
                              f"Delete {len(ids)} wall item{'s' if len(ids) != 1 else ''}" if len(ids) != 1 else
                              f"Delete {walls.opening_name(walls.find_opening(self.room, ids[0])[2]).lower()}")

    def begin_drag(self, target, pos: QPointF):
        return (OpeningDrag if isinstance(target, OpeningItem) else CornerDrag)(self, target, pos)


def _attempt(fn, *args):
    """The new room, or the WallEditError explaining why there is none."""
    try:
        return fn(*args)
    except walls.WallEditError as problem:
        return problem


class _RoomDrag:
    """A drag that previews a changed room and pushes ONE SetRoom on release (same protocol as MoveSession)."""

    text = "Change room"

    def __init__(self, parts: RoomParts, target, pos: QPointF):
        self.parts, self.target, self.start = parts, target, pos
        self.original = parts.room
        self.result = None
        self.moved = False

    def step(self, pos: QPointF, snap: bool = True) -> None:
        if not self.moved and abs(pos.x() - self.start.x()) + abs(pos.y() - self.start.y()) < 0.5:
            return
        self.moved = True
        self.result = self.preview(pos, snap)
        room = self.result if isinstance(self.result, Room) else self.fallback(pos, snap)
        if room is not None:
            self.parts.scene.room_item.set_room(room)
            self.show(room)
        if isinstance(self.result, Room):
            self.parts.scene.room_step.emit(self.result)  # door-blocked and outside-room, live

    def finish(self) -> None:
        if not self.moved or self.result is None:
            return
        self.parts.scene.room_item.set_room(self.original)
        self.parts.push_room(self.result, self.text)

    def cancel(self) -> None:
        self.parts.scene.room_item.set_room(self.original)
        self.parts.sync(self.original)
        self.parts.scene.room_step.emit(self.original)

    def preview(self, pos: QPointF, snap: bool):
        raise NotImplementedError

    def fallback(self, pos: QPointF, snap: bool) -> Room | None:
        return None

    def show(self, room: Room) -> None:
        pass


class OpeningDrag(_RoomDrag):
    def __init__(self, parts, target, pos):
        super().__init__(parts, target, pos)
        self.text = f"Move {walls.opening_name(target.opening).lower()}"
        cx, cy = walls.point_on_wall(self.original.outline, target.opening.wall, target.opening.position)
        self.grab = (pos.x() - cx, pos.y() - cy)  # where on the door the pointer took hold

    def preview(self, pos, snap):
        at = (pos.x() - self.grab[0], pos.y() - self.grab[1])
        return _attempt(walls.moved_opening, self.original, self.target.opening_id, at, self.parts.step(snap))

    def show(self, room):
        found = walls.find_opening(room, self.target.opening_id)
        if found is not None:
            self.target.sync(room, found[2])
            self.parts.scene.status(f"{walls.opening_name(found[2])}: "
                                    f"{self.parts.scene.length(found[2].position - found[2].width / 2)} from the corner")


class CornerDrag(_RoomDrag):
    text = "Move a room corner"

    def _point(self, pos, snap):
        return self.parts.scene.snap_point(pos) if snap else (round(pos.x(), 2), round(pos.y(), 2))

    def preview(self, pos, snap):
        return _attempt(walls.moved_corner, self.original, self.target.index, self._point(pos, snap))

    def fallback(self, pos, snap):
        outline = list(self.original.outline)
        outline[self.target.index] = self._point(pos, snap)
        self.parts.scene.status(str(self.result))
        return Room.model_construct(outline=outline, doors=[], windows=[], features=[])

    def show(self, room):
        self.target.setPos(*room.outline[self.target.index])
        for group in walls.GROUPS:
            for opening in getattr(room, group):
                if opening.id in self.parts.openings:
                    self.parts.openings[opening.id].sync(room, opening)
