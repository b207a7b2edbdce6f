"""PlanScene: a mirror of the Document (orange-canvas-core `canvas/scene.py`).

`set_document()` connects the document's signals, fills the scene from what exists and keeps
an id -> item map. 1 scene unit = 1 inch, y down: the model's own coordinates.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from app.canvas.grid import GridSpec, paint_grid
from app.canvas.items import Handle, PieceItem, RoomItem, ZoneItem
from app.canvas.overlays import FindingsOverlay, WalkableOverlay
from app.canvas.room_parts import CornerItem, OpeningItem, RoomParts
from app.canvas.moving import MoveSession
from app.canvas.tools import SelectTool, Tool
from app.canvas.tracing import TracingItem, floor_color
from app.model import Finding, Piece, Zone, ZoneKind, catalog_item
from app.model.numbering import piece_numbers
from app.canvas.editing import PlanEdits
from app.units import format_length


#: inches across the band through a piece's middle where its name is written: two lines of the
#: largest label font (app.canvas.items.PieceItem), which zone titles keep clear of
NAME_BAND = 14.0


class PlanScene(QGraphicsScene):
    drag_step = Signal(dict)  # {piece_id: (x, y)} while dragging: light checks
    room_step = Signal(object)  # the Room as a door or corner drag would leave it: light checks
    message = Signal(str)  # a line for the status bar
    error = Signal(str)  # an edit the model refused
    tool_changed = Signal(str)  # the armed tool's hint for the status bar ('' for selecting)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.document = None  # the window's Document (app.ui.document): its layout and signals
        self.edits: PlanEdits | None = None
        self.room_item: RoomItem | None = None
        self.pieces: dict[str, PieceItem] = {}
        self.zones: dict[str, ZoneItem] = {}
        self.parts = RoomParts(self)  # doors, windows, wall features and the outline's corners
        self.grid = GridSpec()
        self.snapping = True
        self.units = "ft-in"
        self.findings_overlay = FindingsOverlay()
        self.walkable_overlay = WalkableOverlay()
        self.tracing_item = TracingItem()  # the floor plan traced, under the room
        self._tool: Tool = SelectTool(self)
        self._flagged: set[str] = set()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._placing = False  # the zone titles' placement is due
        self._grouping = False  # selecting the rest of a group: its own selection changes are not looked at
        self.selectionChanged.connect(self._select_whole_groups)
        self.selectionChanged.connect(self._update_handles)

    # --- mirroring ----------------------------------------------------------------------
    def set_document(self, doc, edits: PlanEdits) -> None:
        """doc: the window's Document, seen through its fields and signals; edits: how the plan's
        edits reach it (one undo step each)."""
        self.edits = edits
        if self.document is not None:
            for signal, slot in self._links():
                signal.disconnect(slot)
        self.document = doc
        for signal, slot in self._links():
            signal.connect(slot)
        self.rebuild()

    def _links(self):
        d = self.document
        return [(d.piece_added, self._piece_added), (d.piece_changed, self._piece_changed),
                (d.piece_removed, self._piece_removed), (d.zone_added, self._zone_added),
                (d.zone_changed, self._zone_changed), (d.zone_removed, self._zone_removed),
                (d.room_changed, self._room_changed), (d.layout_changed, self.rebuild),
                (d.tracing_changed, self._tracing_changed)]

    def rebuild(self) -> None:
        self.set_tool(None)
        self.clearSelection()
        for item in list(self.items()):
            if item.parentItem() is None and item not in (self.findings_overlay, self.walkable_overlay,
                                                          self.tracing_item):
                self.removeItem(item)
        for extra in (self.findings_overlay, self.walkable_overlay, self.tracing_item):
            if extra.scene() is None:
                self.addItem(extra)
        self.findings_overlay.set_findings([])
        self._flagged = set()
        self.walkable_overlay.clear()
        self.pieces.clear()
        self.zones.clear()
        self.parts.clear()
        layout = self.document.layout
        self.room_item = RoomItem(layout.room)
        self.addItem(self.room_item)
        self._tracing_changed()
        self.parts.sync(layout.room)
        for zone in layout.zones:
            self._zone_added(zone.id)
        for piece in layout.pieces:
            self._piece_added(piece.id)
        self._fit_scene_rect()

    def _fit_scene_rect(self) -> None:
        x0, y0, x1, y1 = self.document.layout.room.bounds()
        margin = max(x1 - x0, y1 - y0) * 0.6 + 120
        rect = QRectF(x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin)
        if self.tracing_item.shown:  # the whole floor plan can be scrolled to
            rect = rect.united(self.tracing_item.boundingRect().adjusted(-120, -120, 120, 120))
        self.setSceneRect(rect)

    @contextmanager
    def as_printed(self):
        """The plan as it goes on paper (a PNG, an SVG, the printer): no selection, no corner or
        door grips, and the traced floor plan only where the teacher asked for it in the PDF."""
        selected = self.selectedItems()
        self.clearSelection()
        self.parts.set_visible(False)
        tracing = self.document.project.tracing
        left_out = tracing is not None and tracing.visible and not tracing.in_pdf
        if tracing is not None and not left_out:
            self.tracing_item.wait_decoded()
        if left_out:
            self.tracing_item.setVisible(False)
            self.room_item.set_floor(floor_color(None))
        try:
            yield
        finally:
            if left_out:
                self.tracing_item.setVisible(True)
                self.room_item.set_floor(floor_color(tracing))
            self.parts.set_visible(True)
            for item in selected:
                item.setSelected(True)

    def _tracing_changed(self) -> None:
        tracing = self.document.project.tracing
        self.tracing_item.set_tracing(tracing)
        if self.room_item is not None:
            self.room_item.set_floor(floor_color(tracing))
        self._fit_scene_rect()

    def _piece_added(self, piece_id: str) -> None:
        item = PieceItem(self.document.piece(piece_id))
        item.problem = piece_id in self._flagged
        self.pieces[piece_id] = item
        self.addItem(item)
        self._renumber()

    def _piece_changed(self, piece_id: str) -> None:
        item = self.pieces.get(piece_id)
        if item is not None:
            item.sync(self.document.piece(piece_id))
            if item.isSelected():
                self._update_handles()
        self._renumber()  # a new kind or label renumbers the others of its kind

    def _piece_removed(self, piece_id: str) -> None:
        item = self.pieces.pop(piece_id, None)
        if item is not None:
            item.setSelected(False)
            self.removeItem(item)
        self._renumber()

    def _renumber(self) -> None:
        """'Student desk 14' on the plan is the desk a finding or the PDF calls so."""
        pieces = self.document.layout.pieces
        for piece, number in zip(pieces, piece_numbers(pieces)):
            item = self.pieces.get(piece.id)
            if item is not None:
                item.set_number(number)
        self._place_zone_labels()

    def _place_zone_labels(self) -> None:
        """Soon (once for a burst of changes, such as a macro moving 50 pieces): each zone's title
        in a corner of the zone clear of the names written on its pieces."""
        if not self._placing:
            self._placing = True
            QTimer.singleShot(0, self._place_zone_labels_now)

    def _place_zone_labels_now(self) -> None:
        self._placing = False
        # the names of the whiteboards and boards on the walls, and the band through a piece's
        # middle where its name is written (along a long narrow one)
        names = self.room_item.label_rects() if self.room_item is not None else []
        for item in self.pieces.values():
            r = item.sceneBoundingRect()
            if r.height() > r.width() * 1.4:
                band = min(r.width(), NAME_BAND)
                names.append(QRectF(r.center().x() - band / 2, r.top(), band, r.height()))
            else:
                band = min(r.height(), NAME_BAND)
                names.append(QRectF(r.left(), r.center().y() - band / 2, r.width(), band))
        for zone in self.zones.values():
            box = zone.sceneBoundingRect()
            zone.label.place([n for n in names if box.intersects(n)])

    def _zone_added(self, zone_id: str) -> None:
        item = ZoneItem(self.document.zone(zone_id))
        item.problem = zone_id in self._flagged
        self.zones[zone_id] = item
        self.addItem(item)
        self.addItem(item.label)

    def _zone_changed(self, zone_id: str) -> None:
        item = self.zones.get(zone_id)
        if item is not None:
            item.sync(self.document.zone(zone_id))
            if item.isSelected():
                self._update_handles()
            self._place_zone_labels()

    def _zone_removed(self, zone_id: str) -> None:
        item = self.zones.pop(zone_id, None)
        if item is not None:
            item.setSelected(False)
            self.removeItem(item)
            self.removeItem(item.label)

    def _room_changed(self) -> None:
        self.room_item.set_room(self.document.layout.room)
        self.parts.sync()
        self._fit_scene_rect()
        self._place_zone_labels()

    def resync(self, item) -> None:
        """Put an item back where the model says (a cancelled or refused edit)."""
        if isinstance(item, PieceItem) and item.piece_id in self.pieces:
            item.sync(self.document.piece(item.piece_id))
        elif isinstance(item, ZoneItem) and item.zone_id in self.zones:
            item.sync(self.document.zone(item.zone_id))

    # --- selection ----------------------------------------------------------------------
    def selected_piece_ids(self) -> list[str]:
        return [pid for pid, item in self.pieces.items() if item.isSelected()]

    def selected_zone_ids(self) -> list[str]:
        return [zid for zid, item in self.zones.items() if item.isSelected()]

    def selected_opening_ids(self) -> list[str]:
        return self.parts.selected_opening_ids()

    def select_ids(self, ids) -> list:
        self.clearSelection()
        chosen = []
        for i in ids:
            item = self.pieces.get(i) or self.zones.get(i) or self.parts.openings.get(i)
            if item is not None:
                item.setSelected(True)
                chosen.append(item)
        return chosen

    def group_items(self, item) -> list:
        """The item with the rest of its group (a pod of desks is selected, moved and turned as one)."""
        if not isinstance(item, PieceItem) or item.piece.group is None:
            return [item]
        return [i for i in self.pieces.values() if i.piece.group == item.piece.group]

    def set_selected_with_group(self, item, selected: bool) -> None:
        """Select or deselect an item and the rest of its group together (Ctrl+click)."""
        self._grouping = True
        try:
            for member in self.group_items(item):
                member.setSelected(selected)
        finally:
            self._grouping = False

    def _select_whole_groups(self) -> None:
        """One piece of a group selected (click, rubber band, a finding) selects the whole group."""
        if self._grouping:
            return
        groups = {i.piece.group for i in self.selectedItems() if isinstance(i, PieceItem) and i.piece.group}
        if not groups:
            return
        self._grouping = True
        try:
            for item in self.pieces.values():
                if item.piece.group in groups and not item.isSelected():
                    item.setSelected(True)
        finally:
            self._grouping = False

    def select_all(self) -> None:
        for item in (*self.pieces.values(), *self.zones.values()):
            item.setSelected(True)

    def target_at(self, pos: QPointF):
        """The handle, room corner, door/window, piece or zone under the pointer (a piece wins over
        the zone it stands in; a grip or an opening on the wall wins over both)."""
        zone_hit = None
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder):
            if isinstance(item, (Handle, CornerItem, OpeningItem, PieceItem)):
                return item
            if isinstance(item, ZoneItem) and zone_hit is None:
                zone_hit = item
        return zone_hit

    def _update_handles(self) -> None:
        for item in (*self.pieces.values(), *self.zones.values()):
            for child in item.childItems():
                if isinstance(child, Handle):
                    self.removeItem(child)
        selected = [i for i in self.selectedItems() if isinstance(i, (PieceItem, ZoneItem))]
        if len(selected) != 1:
            return
        item = selected[0]
        if isinstance(item, PieceItem):
            piece = item.piece
            if piece.fixed:
                return
            Handle("rotate", 0, item).setPos(0, -piece.depth / 2 - 14)
            for i, (sx, sy) in enumerate(((-1, -1), (1, -1), (1, 1), (-1, 1))):
                Handle("corner", i, item).setPos(sx * piece.width / 2, sy * piece.depth / 2)
        else:
            for i, (x, y) in enumerate(item.zone.polygon):
                Handle("vertex", i, item).setPos(x, y)

    # --- tools --------------------------------------------------------------------------
    @property
    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, tool: Tool | None) -> None:
        if getattr(self, "_tool", None) is not None:
            self._tool.cancel()
        self._tool = tool or SelectTool(self)
        for view in self.views():
            view.viewport().setCursor(self._tool.cursor)
        self.tool_changed.emit(self._tool.HINT)

    def mousePressEvent(self, event):
        if self._tool.press(event):
            event.accept()  # else the view starts a rubber band and clears the selection just made
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        if not self._tool.move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if not self._tool.release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event):
        if not self._tool.double_click(event):
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event):
        if self._tool.key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- edits (every one is a command) --------------------------------------------------
    def done(self, refused: str | None) -> bool:
        """An edit's outcome (app.canvas.editing): one the model refused becomes one line, not a traceback."""
        if refused:
            self.error.emit(refused)
            return False
        return True

    def insert_piece(self, kind: str, pos: QPointF) -> str | None:
        piece_id = self.document.new_id(kind)
        item = catalog_item(kind)
        if item is None:
            self.error.emit(f"unknown furniture kind {kind!r}")
            return None
        # the top-left corner lands on the grid, as a later drag would put it
        left, top = self.snap_point(QPointF(pos.x() - item.width / 2, pos.y() - item.depth / 2))
        x, y = left + item.width / 2, top + item.depth / 2
        try:
            piece = Piece(id=piece_id, kind=kind, x=x, y=y)
        except ValueError as problem:
            self.error.emit(str(problem).splitlines()[0])
            return None
        if self.done(self.edits.add_piece(piece)):
            self.select_ids([piece_id])
            return piece_id
        return None

    def insert_zone(self, kind: ZoneKind, polygon, station: int | None = None) -> str | None:
        kind = ZoneKind(kind)
        layout = self.document.layout
        if station is None:
            used = {z.station for z in layout.zones if z.station is not None}
            station = next(n for n in range(1, 100) if n not in used) if len(used) < 99 else None
        try:
            # the texts start empty: the kind's example is a prompt in the Details panel, not words that count
            zone = Zone(id=self.document.new_id("zone"), kind=kind, polygon=[tuple(p) for p in polygon], station=station)
        except ValueError as problem:
            self.error.emit(f"zone: {str(problem).splitlines()[-1].strip()}")
            return None
        if self.done(self.edits.add_zone(zone)):
            self.select_ids([zone.id])
            return zone.id
        return None

    def insert_zone_at(self, kind: ZoneKind, pos: QPointF, size: float = 72.0) -> str | None:
        x, y = self.snap_point(pos)
        h = size / 2
        return self.insert_zone(kind, [(x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h)])

    def nudge(self, dx: float, dy: float) -> bool:
        piece_ids = [p for p in self.selected_piece_ids() if not self.document.piece(p).fixed]
        if not piece_ids:
            return False
        old = {p: (self.document.piece(p).x, self.document.piece(p).y) for p in piece_ids}
        moves = {p: ((x, y), (x + dx, y + dy)) for p, (x, y) in old.items()}
        self.done(self.edits.move(moves, {}, f"Nudge {len(moves)} pieces", nudge=True))
        return True

    # --- dragging the selection (app/canvas/moving.py) --------------------------------------
    def begin_drag(self, pos: QPointF, target, carry: bool = False) -> MoveSession:
        """carry: a dragged zone takes the furniture standing in it along (Shift)."""
        return MoveSession(self, pos, target, carry)

    # --- helpers --------------------------------------------------------------------------
    def view_scale(self) -> float:
        views = self.views()
        return views[0].transform().m11() if views else 1.0

    def snap_point(self, pos: QPointF) -> tuple[float, float]:
        """The grid point nearest `pos`, with snapping on; over a shown floor plan, which hides the
        grid, the point itself: a corner traced on the image stays on the image's line."""
        x, y = pos.x(), pos.y()
        if self.snapping and self.grid.minor > 0 and not self.tracing_item.covers(x, y):
            g = self.grid.minor
            return round(x / g) * g, round(y / g) * g
        return round(x, 2), round(y, 2)

    def length(self, inches: float) -> str:
        return format_length(inches, self.units)

    def status(self, text: str) -> None:
        self.message.emit(text)

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings_overlay.set_findings(findings)
        flagged = {i for f in findings if f.severity != "info" for i in f.ids}
        for item_id in flagged ^ self._flagged:  # only the items whose state changes
            item = self.pieces.get(item_id) or self.zones.get(item_id) or self.parts.openings.get(item_id)
            if item is not None:
                item.problem = item_id in flagged
                item.update()
        self._flagged = flagged

    def drawBackground(self, painter, rect):
        painter.fillRect(rect, QColor("#eef0f2"))
        paint_grid(painter, rect, self.grid, self.view_scale())
