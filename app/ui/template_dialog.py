"""File > New from template…: the templates (name, one line, a small preview laid out to the
size asked), the room's width and depth in the display units, OK / Cancel. The dialog only
asks: the window lays the template out (app.templates.lay_out) and replaces the project."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from app.canvas.style import piece_fill, piece_path, polygon, zone_color
from app.model import Layout, Project
from app.templates import TemplateDoesNotFit, arrange, description
from app.ui.dialogs import NewRoomDialog

PREVIEW = QSize(96, 96)


def preview(layout: Layout | None, size: QSize = PREVIEW) -> QPixmap:
    """The laid-out plan drawn small: zones tinted, pieces filled, the door as a gap in the wall."""
    pixmap = QPixmap(size)
    pixmap.fill(QColor("white"))
    if layout is None:
        return pixmap
    x0, y0, x1, y1 = layout.room.bounds()
    scale = min((size.width() - 6) / (x1 - x0), (size.height() - 6) / (y1 - y0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate((size.width() - (x1 - x0) * scale) / 2, (size.height() - (y1 - y0) * scale) / 2)
    painter.scale(scale, scale)
    painter.translate(-x0, -y0)
    painter.setPen(Qt.PenStyle.NoPen)
    for zone in layout.zones:
        painter.setBrush(zone_color(zone.kind, 70))
        painter.drawPolygon(polygon(zone.polygon))
    painter.setPen(QPen(QColor("#5a4f3f"), 0.8 / scale))
    for piece in layout.pieces:  # each drawn in its own frame, placed and turned as on the plan
        painter.save()
        painter.translate(piece.x, piece.y)
        painter.rotate(piece.rotation)
        painter.setBrush(piece_fill(piece))
        painter.drawPath(piece_path(piece))
        painter.restore()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor("#333333"), 2 / scale))
    painter.drawPolygon(polygon(layout.room.outline))
    painter.setPen(QPen(QColor("white"), 4 / scale))
    for door in layout.room.doors:
        a, b = layout.room.opening_span(door)
        painter.drawLine(QPointF(*a), QPointF(*b))
    painter.end()
    return pixmap


class TemplateDialog(NewRoomDialog):
    """Choose a template and the room's size; `problem` says in one line when it does not fit."""

    def __init__(self, templates: list[Project], units: str = "ft-in", parent=None):
        super().__init__(units, parent)
        self.setWindowTitle("New from template")
        self.units = units
        self.templates = templates
        self.list = QListWidget()
        self.list.setIconSize(PREVIEW)
        self.list.setMinimumSize(560, 3 * (PREVIEW.height() + 8))  # three previews in sight
        self.list.setWordWrap(True)  # a long description wraps under its name, never cut
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for template in templates:
            layout = template.layouts[0]
            item = QListWidgetItem(f"{layout.name}\n{description(template)}")
            item.setToolTip(description(template))
            self.list.addItem(item)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        box: QVBoxLayout = self.layout()
        box.insertWidget(0, self.list)
        box.insertWidget(2, self.problem)
        self.buttons = self.findChild(QDialogButtonBox)
        self.list.currentRowChanged.connect(self.refresh)
        self.width_box.valueChanged.connect(self.refresh)
        self.depth_box.valueChanged.connect(self.refresh)
        self.list.setCurrentRow(0)
        self.refresh()

    def chosen(self) -> Project | None:
        row = self.list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def refresh(self) -> None:
        """Redraw every preview at the size asked; say why the chosen one does not fit, if it doesn't."""
        width, depth = self.size_in_inches()
        problem = ""
        for row, template in enumerate(self.templates):
            try:
                layout = arrange(template, width, depth, units=self.units)
            except TemplateDoesNotFit as error:
                layout = None
                if row == self.list.currentRow():
                    problem = str(error)
            self.list.item(row).setIcon(QIcon(preview(layout)))
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem and self.chosen() is not None)

    def choice(self) -> tuple[Project, float, float] | None:
        template = self.chosen()
        return None if template is None else (template, *self.size_in_inches())

