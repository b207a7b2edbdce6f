"""The findings panel: what is wrong with this layout, worst first; click one to see it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.model import Finding

MARK = {"error": ("✖", QColor("#c62828")), "warning": ("▲", QColor("#b26a00")), "info": ("ℹ", QColor("#1565c0"))}
ORDER = {"error": 0, "warning": 1, "info": 2}


class FindingsPanel(QWidget):
    finding_activated = Signal(object)  # Finding

    def __init__(self, parent=None):
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel("Checking…")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        box.addWidget(self.summary)
        box.addWidget(self.list)
        self.findings: list[Finding] = []
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = sorted(findings, key=lambda f: ORDER.get(str(f.severity), 3))
        # reuse the rows: during a drag most steps change one number in one sentence
        while self.list.count() > len(self.findings):
            self.list.takeItem(self.list.count() - 1)
        for row, f in enumerate(self.findings):
            item = self.list.item(row)
            if item is None:
                item = QListWidgetItem()
                self.list.addItem(item)
            mark, color = MARK.get(str(f.severity), ("•", QColor("black")))
            text = f"{mark}  {f.message}"
            if item.text() != text:
                item.setText(text)
                item.setForeground(color if f.severity != "info" else QColor("#333333"))
                item.setToolTip(f"{f.severity}: {f.code}")
            item.setData(Qt.ItemDataRole.UserRole, f)
        errors = sum(f.severity == "error" for f in findings)
        warnings = sum(f.severity == "warning" for f in findings)
        if not errors and not warnings:
            self.summary.setText("✔ No problems found in this layout.")
        else:
            self.summary.setText(f"{errors} problem{'s' if errors != 1 else ''} to fix, "
                                 f"{warnings} warning{'s' if warnings != 1 else ''}. Click one to see it on the plan.")

    def set_checking(self, on: bool) -> None:
        """While the worker checks, say so; the findings that come say the rest."""
        if on:
            self.summary.setText("Checking…")

    def messages(self) -> list[str]:
        return [f.message for f in self.findings]

    def _clicked(self, item: QListWidgetItem) -> None:
        self.finding_activated.emit(item.data(Qt.ItemDataRole.UserRole))
