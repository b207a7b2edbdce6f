"""The palette: furniture by category with a drawn icon and its real size, and the zone kinds
with their colour and glyph. Drag an entry onto the plan, or double-click it then click the plan.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from app.canvas import style
from app.canvas.kind_icons import kind_path
from app.canvas.walls import DEFAULT_WIDTH, OPENING_NAMES
from app.model import ZONE_KINDS, catalog
from app.model.footprint import local_outline
from app.units import format_length

CATEGORY_NAMES = {"desks": "Desks", "teacher": "Teacher", "tables": "Tables", "seating": "Seating",
                  "floor": "Rugs and floor", "storage": "Storage", "tech": "Technology", "fixed": "Built-in"}
ICON = 32
ROLE = Qt.ItemDataRole.UserRole
#: the "Room" group: things that sit on a wall (palette entry "opening:<kind>")
ROOM_ENTRIES = ("door", "window", "whiteboard", "bulletin-board", "screen")


def furniture_icon(item) -> QIcon:
    """The footprint, scaled to fit, drawn the way the plan draws it."""
    pix = QPixmap(ICON, ICON)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = (ICON - 4) / max(item.width, item.depth)
    painter.translate(ICON / 2, ICON / 2)
    painter.scale(scale, scale)
    path = QPainterPath()
    path.addPolygon(style.polygon(local_outline(item.shape, item.width, item.depth, item.arm)))
    path.closeSubpath()
    fill = style.RUG_FILL if item.walkable else style.FIXED_FILL if item.category == "fixed" else style.FURNITURE_FILL
    painter.fillPath(path, fill)
    painter.setPen(QPen(style.FURNITURE_EDGE, 1.2 / scale))
    painter.drawPath(path)
    painter.end()
    return QIcon(pix)


def opening_icon(kind: str) -> QIcon:
    """A short piece of wall with the door swing, the window panes or the board drawn on it."""
    pix = QPixmap(ICON, ICON)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(style.WALL, 4))
    painter.drawLine(2, 6, 30, 6)
    if kind == "door":
        painter.setPen(QPen(style.FLOOR, 6))
        painter.drawLine(8, 6, 26, 6)
        painter.setPen(QPen(style.WALL, 1.5))
        painter.drawLine(8, 6, 8, 24)
        painter.setPen(QPen(QColor("#777777"), 1, Qt.PenStyle.DashLine))
        painter.drawArc(QRectF(-10, -12, 36, 36), -90 * 16, 90 * 16)
    elif kind == "window":
        painter.setPen(QPen(style.FLOOR, 3))
        painter.drawLine(7, 6, 25, 6)
        painter.setPen(QPen(QColor("#4a90c2"), 1.2))
        for y in (4, 6, 8):
            painter.drawLine(7, y, 25, y)
    else:
        color = QColor("#3c8d5a") if kind == "whiteboard" else QColor("#a0522d") if kind == "bulletin-board" else QColor("#555555")
        painter.setPen(QPen(color, 4))
        painter.drawLine(6, 11, 26, 11)
    painter.end()
    return QIcon(pix)


def zone_icon(kind) -> QIcon:
    pix = QPixmap(ICON, ICON)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(2, 2, ICON - 4, ICON - 4)
    painter.setPen(QPen(style.zone_color(kind), 1.5))
    painter.setBrush(style.zone_color(kind, 90))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setBrush(style.zone_hatch(kind))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(QPen(QColor(style.zone_color(kind)).darker(180), 1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(kind_path(kind, rect.adjusted(5, 5, -5, -5)))  # drawn, never an emoji font's glyph
    painter.end()
    return QIcon(pix)


class Palette(QTreeWidget):
    activated_entry = Signal(str)  # "piece:<kind>" / "zone:<kind>": arm the insert/draw tool

    def __init__(self, units: str = "ft-in", parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setIconSize(QSize(ICON, ICON))
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.itemDoubleClicked.connect(self._double_clicked)
        self.fill(units)

    def fill(self, units: str) -> None:
        self.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for item in catalog().items:
            group = groups.get(item.category)
            if group is None:
                group = groups[item.category] = QTreeWidgetItem(self, [CATEGORY_NAMES.get(item.category, item.category)])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            size = f"{format_length(item.width, units)} x {format_length(item.depth, units)}"
            if units == "ft-in":
                size = f"{item.width:g} x {item.depth:g} in"
            entry = QTreeWidgetItem(group, [f"{item.name}\n{size}"])  # two lines: the size never gets cut off
            entry.setIcon(0, furniture_icon(item))
            entry.setData(0, ROLE, f"piece:{item.id}")
            entry.setToolTip(0, f"{item.name}: {size}. Drag onto the plan, or double-click then click the plan.")
        room = QTreeWidgetItem(["Room"])
        self.insertTopLevelItem(0, room)  # the room first: doors and windows before furniture
        room.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for kind in ROOM_ENTRIES:
            name = OPENING_NAMES[kind]
            size = format_length(DEFAULT_WIDTH[kind], units) + " wide"
            entry = QTreeWidgetItem(room, [f"{name}\n{size}"])
            entry.setIcon(0, opening_icon(kind))
            entry.setData(0, ROLE, f"opening:{kind}")
            entry.setToolTip(0, f"{name}: drag onto the plan; it lands on the nearest wall and slides along it.")
        zones = QTreeWidgetItem(self, ["Zones and stations"])
        zones.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for kind, kind_style in ZONE_KINDS.items():
            entry = QTreeWidgetItem(zones, [kind_style.label])
            entry.setIcon(0, zone_icon(kind))
            entry.setData(0, ROLE, f"zone:{kind.value}")
            entry.setToolTip(0, f"{kind_style.label}: drag onto the plan for a 6 ft square, "
                                "or double-click then draw a rectangle.")
        self.expandAll()

    def entry_text(self, item: QTreeWidgetItem) -> str | None:
        return item.data(0, ROLE) if item is not None else None

    def mime_for(self, text: str) -> QMimeData:
        mime = QMimeData()
        mime.setData(style.MIME_TYPE, QByteArray(text.encode("utf-8")))
        return mime

    def startDrag(self, supported_actions) -> None:
        text = self.entry_text(self.currentItem())
        if not text:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mime_for(text))
        drag.setPixmap(self.currentItem().icon(0).pixmap(ICON, ICON))
        drag.exec(Qt.DropAction.CopyAction)

    def _double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        text = self.entry_text(item)
        if text:
            self.activated_entry.emit(text)
