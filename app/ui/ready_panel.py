"""Ready to submit? The one verdict of app.readiness, live: what is still to do first, each with
the one thing to do; click one to go to the station or the field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.readiness import Item, Readiness, Status

MARK = {Status.MET: ("✔", QColor("#2e7d32")), Status.NOT_YET: ("✘", QColor("#c62828")),
        Status.CONTRADICTED: ("⚠", QColor("#c62828"))}


class ReadyPanel(QWidget):
    item_activated = Signal(object)  # app.readiness.Item

    def __init__(self, parent=None):
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        self.verdict = QLabel("Checking…")
        self.verdict.setWordWrap(True)
        font = QFont(self.verdict.font())
        font.setBold(True)
        self.verdict.setFont(font)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        box.addWidget(self.verdict)
        box.addWidget(self.list)
        self.readiness: Readiness | None = None
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)

    def set_readiness(self, verdict: Readiness) -> None:
        self.readiness = verdict
        self.verdict.setText(verdict.verdict())
        self.verdict.setStyleSheet(f"color: {'#2e7d32' if verdict.ready else '#c62828'}")
        self.list.clear()
        many = len(verdict.layout_names) > 1
        # what is left first, then what is met, each under its layout
        for wanted in (False, True):
            shown = object()
            for item in (i for i in verdict.items if i.met == wanted):
                layout = item.target.layout_id
                if many and layout != shown and layout is not None:
                    head = QListWidgetItem(verdict.layout_names.get(layout, layout))
                    head.setFlags(Qt.ItemFlag.NoItemFlags)
                    font = QFont(head.font())
                    font.setBold(True)
                    head.setFont(font)
                    self.list.addItem(head)
                shown = layout
                mark, color = MARK[item.status]
                text = f"{mark}  {item.requirement}" + ("" if item.met else f"\n     {item.detail}")
                row = QListWidgetItem(text)
                row.setForeground(color if not item.met else QColor("#555555"))
                row.setToolTip(item.detail)
                row.setData(Qt.ItemDataRole.UserRole, item)
                self.list.addItem(row)

    def set_checking(self, on: bool) -> None:
        if on and self.readiness is None:
            self.verdict.setText("Checking…")

    def open_items(self) -> list[Item]:
        """What the panel lists as still to do, in its order."""
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            if item is not None and not item.met:
                out.append(item)
        return out

    def _clicked(self, row: QListWidgetItem) -> None:
        item = row.data(Qt.ItemDataRole.UserRole)
        if item is not None:
            self.item_activated.emit(item)
