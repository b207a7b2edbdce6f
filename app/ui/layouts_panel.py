"""The layouts panel: one room, several arrangements (a period, an activity). Add, duplicate,
rename (double-click), reorder, delete: each an undoable command; selecting one shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QToolButton, QVBoxLayout, QWidget

from app.ui import commands as cmd
from app.ui.document import Document, EditError


class LayoutsPanel(QWidget):
    error = Signal(str)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self._filling = False
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        self.list = QListWidget()
        self.list.setToolTip("Double-click a name to rename it")
        box.addWidget(self.list)
        row = QHBoxLayout()
        self.buttons = {}
        for key, text, tip, slot in (
            ("add", "Add", "A new layout of the same room, empty", self.add),
            ("duplicate", "Duplicate", "A copy of this layout to rearrange", self.duplicate),
            ("up", "▲", "Move up", lambda: self.move(-1)),
            ("down", "▼", "Move down", lambda: self.move(1)),
            ("delete", "Delete", "Delete this layout (undo brings it back)", self.delete),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        box.addLayout(row)
        self.list.currentRowChanged.connect(self._switch)
        self.list.itemChanged.connect(self._renamed)
        doc.layouts_changed.connect(self.refresh)
        doc.layout_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self._filling = True
        try:
            self.list.clear()
            for layout in self.doc.project.layouts:
                item = QListWidgetItem(layout.name)
                item.setData(Qt.ItemDataRole.UserRole, layout.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.list.addItem(item)
                if layout.id == self.doc.layout_id:
                    self.list.setCurrentItem(item)
            self.buttons["delete"].setEnabled(len(self.doc.project.layouts) > 1)
        finally:
            self._filling = False

    def _switch(self, row: int) -> None:
        if self._filling or row < 0:
            return
        self.doc.set_current_layout(self.doc.project.layouts[row].id)

    def _renamed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        layout_id = item.data(Qt.ItemDataRole.UserRole)
        name = item.text().strip()
        if name and name != self.doc._layout(layout_id).name:
            self._push(cmd.RenameLayout(self.doc, layout_id, name))
        else:
            self.refresh()

    def _push(self, command) -> None:
        try:
            cmd.push(self.doc, command)
        except EditError as problem:
            self.error.emit(str(problem))
            self.refresh()

    def add(self) -> None:
        layout = self.doc.copy_of_layout(self.doc.layout_id, f"Layout {len(self.doc.project.layouts) + 1}")
        layout.pieces, layout.zones = [], []
        layout.transitions = type(layout.transitions)()
        self._push(cmd.AddLayout(self.doc, layout))

    def duplicate(self) -> None:
        self._push(cmd.AddLayout(self.doc, self.doc.copy_of_layout(self.doc.layout_id),
                                 text=f"Duplicate layout {self.doc.layout.name}"))

    def rename(self, name: str) -> None:
        self._push(cmd.RenameLayout(self.doc, self.doc.layout_id, name))

    def move(self, step: int) -> None:
        index = [lay.id for lay in self.doc.project.layouts].index(self.doc.layout_id)
        target = index + step
        if 0 <= target < len(self.doc.project.layouts):
            self._push(cmd.MoveLayout(self.doc, self.doc.layout_id, target))

    def delete(self) -> None:
        if len(self.doc.project.layouts) > 1:
            self._push(cmd.RemoveLayout(self.doc, self.doc.layout_id))
