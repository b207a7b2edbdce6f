"""The Transitions panel: how the class moves. The rotation order (zones ticked in or out, moved
up and down), its direction and minutes, the signals (cue -> meaning) and the routines.

Every committed edit is one SetTransitions command (Document.set_transitions validates it); a
zone that is deleted leaves the rotation in the same command (Document.remove_zone).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QScrollArea, QSpinBox, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget,
)

from app.model import Signal as CueSignal
from app.model import TransitionPlan
from app.ui import commands as cmd
from app.ui.document import Document, EditError
from app.ui.inspector import CommitText

#: domain.md, from the microcredential's scenarios: the signals these classrooms use
USUAL_SIGNALS = (("Chime", "5 minutes left"), ("Music", "Move now"),
                 ("Lights flicked twice", "Pause and look at the teacher"))
DIRECTIONS = (("Clockwise", "clockwise"), ("Counterclockwise", "counterclockwise"), ("Custom order", "custom"))
ROUTINES = (("entrance_routine", "Entrance routine", "How students come in and find their space"),
            ("materials_routine", "Materials routine", "e.g. a basket at each station, back before the group leaves"),
            ("rearrangement", "What moves between layouts", "Which furniture moves, who moves it, how long it takes"),
            ("notes", "Other notes", "Anything else about transitions"))
ID_ROLE = Qt.ItemDataRole.UserRole


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class TransitionsPanel(QScrollArea):
    error = Signal(str)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self._loading = False
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setMinimumWidth(220)
        box = QVBoxLayout(body)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(_wrapped("<b>Rotation</b>: tick the zones groups move through, in order"))
        self.rotation = QListWidget()
        self.rotation.setMinimumHeight(90)
        self.rotation.setMaximumHeight(150)
        self.rotation.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)  # drag to reorder too
        box.addWidget(self.rotation)
        row = QHBoxLayout()
        self.up, self.down = QToolButton(), QToolButton()
        for button, text, tip, step in ((self.up, "▲ Earlier", "Move the selected station earlier", -1),
                                        (self.down, "▼ Later", "Move the selected station later", 1)):
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, s=step: self.move_selected(s))
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.direction = QComboBox()
        for text, value in DIRECTIONS:
            self.direction.addItem(text, value)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 240)
        self.minutes.setSuffix(" min")
        self.minutes.setSpecialValueText("not set")
        self.minutes.setKeyboardTracking(False)
        form.addRow("Direction", self.direction)
        form.addRow("Minutes per station", self.minutes)
        box.addLayout(form)
        box.addWidget(_wrapped("<b>Signals</b>: what each cue means"))
        self.signals = QTableWidget(0, 2)
        self.signals.setHorizontalHeaderLabels(["Cue", "Meaning"])
        self.signals.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.signals.setWordWrap(True)  # long meanings wrap instead of being cut off
        self.signals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.signals.verticalHeader().hide()
        self.signals.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.signals.horizontalHeader().sectionResized.connect(lambda *_a: self._fit_table())
        box.addWidget(self.signals)
        row = QHBoxLayout()
        self.add_signal, self.remove_signal, self.usual = QPushButton("Add"), QPushButton("Remove"), \
            QPushButton("Add the usual signals")
        self.usual.setToolTip("Chime = 5 minutes left, music = move now, lights flicked twice = pause and look")
        for button in (self.add_signal, self.remove_signal):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.usual)  # its own line: the dock is narrow at 1366 x 768
        self.texts: dict[str, CommitText] = {}
        for field, title, hint in ROUTINES:
            box.addWidget(_wrapped(f"<b>{title}</b>"))
            text = CommitText()
            text.setPlaceholderText(hint)
            text.setTabChangesFocus(True)
            text.setMinimumHeight(54)
            text.setMaximumHeight(90)
            text.committed.connect(lambda f=field, t=text: self.commit(f"Change {f.replace('_', ' ')}",
                                                                       **{f: t.toPlainText()}))
            self.texts[field] = text
            box.addWidget(text)
        box.addStretch(1)
        self.setWidget(body)
        self.rotation.itemChanged.connect(self._ticked)
        self.rotation.model().rowsMoved.connect(self._dragged)
        self.direction.activated.connect(lambda _i: self.commit("Change rotation direction",
                                                                direction=self.direction.currentData()))
        self.minutes.editingFinished.connect(lambda: self.commit("Change minutes per station",
                                                                 minutes_per_station=self.minutes.value() or None))
        self.signals.itemChanged.connect(self._signal_edited)
        self.add_signal.clicked.connect(self.add_blank_signal)
        self.remove_signal.clicked.connect(self.remove_selected_signal)
        self.usual.clicked.connect(self.add_usual_signals)
        for sig in (doc.transitions_changed, doc.layout_changed, doc.zone_added, doc.zone_removed, doc.zone_changed):
            sig.connect(self.refresh)
        self.refresh()

    # --- showing the plan ----------------------------------------------------------------------
    @property
    def plan(self) -> TransitionPlan:
        return self.doc.layout.transitions

    def refresh(self, *_args) -> None:
        self._loading = True
        try:
            layout, plan = self.doc.layout, self.plan
            current = self.rotation.currentItem().data(ID_ROLE) if self.rotation.currentItem() else None
            self.rotation.clear()
            by_id = {z.id: z for z in layout.zones}
            order = [z for z in plan.rotation if z in by_id] + [z.id for z in layout.zones if z.id not in plan.rotation]
            for zone_id in order:
                zone = by_id[zone_id]
                number = f"{zone.station}. " if zone.station is not None else ""
                item = QListWidgetItem(f"{number}{zone.display_name}")
                item.setData(ID_ROLE, zone_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
                item.setCheckState(Qt.CheckState.Checked if zone_id in plan.rotation else Qt.CheckState.Unchecked)
                self.rotation.addItem(item)
                if zone_id == current:
                    self.rotation.setCurrentItem(item)
            self.direction.setCurrentIndex(max(0, self.direction.findData(plan.direction)))
            self.minutes.setValue(plan.minutes_per_station or 0)
            pending = self._pending_rows()
            self.signals.setRowCount(0)
            for signal in plan.signals:
                self._append_row(signal.cue, signal.meaning)
            for cue, meaning in pending:  # a row being typed is kept until it has a cue
                self._append_row(cue, meaning)
            self._fit_table()
            for field, text in self.texts.items():
                value = getattr(plan, field)
                if text.toPlainText() != value:
                    text.setPlainText(value)
        finally:
            self._loading = False

    def _fit_table(self) -> None:
        """Rows as tall as their wrapped text and the table as tall as its rows: the panel scrolls,
        not the table, so no signal is ever hidden or cut off."""
        self.signals.resizeRowsToContents()
        rows = sum(self.signals.rowHeight(r) for r in range(self.signals.rowCount()))
        self.signals.setFixedHeight(self.signals.horizontalHeader().height() + max(rows, 48) + 4)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_table)  # after the columns took their new widths

    def _append_row(self, cue: str, meaning: str) -> None:
        row = self.signals.rowCount()
        self.signals.insertRow(row)
        self.signals.setItem(row, 0, QTableWidgetItem(cue))
        self.signals.setItem(row, 1, QTableWidgetItem(meaning))
        self._fit_table()

    def _rows(self) -> list[tuple[str, str]]:
        rows = []
        for row in range(self.signals.rowCount()):
            cells = [self.signals.item(row, c) for c in (0, 1)]
            rows.append(tuple(cell.text().strip() if cell else "" for cell in cells))
        return rows

    def _pending_rows(self) -> list[tuple[str, str]]:
        return [r for r in self._rows() if not r[0]]

    # --- committing ----------------------------------------------------------------------------
    def commit(self, text: str, **fields) -> bool:
        """One SetTransitions command for the changed fields (nothing when nothing changed)."""
        if self._loading:
            return False
        plan = self.plan
        changed = {k: v for k, v in fields.items() if getattr(plan, k) != v}
        if not changed:
            return False
        try:
            cmd.push(self.doc, cmd.SetTransitions(self.doc, plan.model_copy(update=changed), text=text))
        except EditError as problem:
            self.error.emit(str(problem))
            self.refresh()
            return False
        return True

    def _checked_order(self) -> list[str]:
        return [self.rotation.item(i).data(ID_ROLE) for i in range(self.rotation.count())
                if self.rotation.item(i).checkState() == Qt.CheckState.Checked]

    def _ticked(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        zone_id = item.data(ID_ROLE)
        rotation = [z for z in self.plan.rotation if z != zone_id]
        if item.checkState() == Qt.CheckState.Checked:
            rotation.append(zone_id)  # joins at the end of the rotation
        verb = "Add" if zone_id in rotation else "Remove"
        self.commit(f"{verb} {item.text()} {'to' if verb == 'Add' else 'from'} the rotation", rotation=rotation)

    def _dragged(self, *_args) -> None:
        if not self._loading:
            self.commit("Reorder the rotation", rotation=self._checked_order())

    def move_selected(self, step: int) -> bool:
        """Move the selected station one place earlier (-1) or later (+1) in the rotation."""
        item = self.rotation.currentItem()
        if item is None:
            return False
        zone_id = item.data(ID_ROLE)
        rotation = list(self.plan.rotation)
        if zone_id not in rotation:
            return False
        i = rotation.index(zone_id)
        j = i + step
        if not 0 <= j < len(rotation):
            return False
        rotation[i], rotation[j] = rotation[j], rotation[i]
        return self.commit(f"Move {item.text()} {'earlier' if step < 0 else 'later'}", rotation=rotation)

    def _signal_edited(self, _item) -> None:
        if self._loading:
            return
        rows = [r for r in self._rows() if r[0]]
        signals = [CueSignal(cue=cue[:120], meaning=meaning[:120]) for cue, meaning in rows]
        self.commit("Change signals", signals=signals)

    def add_blank_signal(self) -> None:
        """A new row to type in; it joins the plan once it has a cue."""
        self._loading = True
        self._append_row("", "")
        self._loading = False
        row = self.signals.rowCount() - 1
        self.signals.setCurrentCell(row, 0)
        self.signals.editItem(self.signals.item(row, 0))

    def remove_selected_signal(self) -> None:
        row = self.signals.currentRow()
        if row < 0:
            return
        cue = self.signals.item(row, 0).text().strip() if self.signals.item(row, 0) else ""
        if not cue:  # a row not in the plan yet
            self.signals.removeRow(row)
            return
        signals = [s for i, s in enumerate(self.plan.signals) if i != row]
        self.commit(f"Remove signal {cue}", signals=signals)

    def add_usual_signals(self) -> None:
        have = {s.cue.casefold() for s in self.plan.signals}
        extra = [CueSignal(cue=c, meaning=m) for c, m in USUAL_SIGNALS if c.casefold() not in have]
        if extra:
            self.commit("Add the usual signals", signals=[*self.plan.signals, *extra])
