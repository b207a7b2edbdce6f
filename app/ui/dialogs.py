"""Small dialogs: a new blank room of a given size, and preferences."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QVBoxLayout,
)

from app.ui.settings import Preferences



def _form_with_ok_cancel(dialog: QDialog, form: QFormLayout) -> None:
    """Lay a dialog out as its form above OK / Cancel (in the platform's order)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    box = QVBoxLayout(dialog)
    box.addLayout(form)
    box.addWidget(buttons)

class NewRoomDialog(QDialog):
    """Width and depth in feet (or metres) of a rectangular room with one door."""

    def __init__(self, units: str = "ft-in", parent=None):
        super().__init__(parent)
        self.setWindowTitle("New classroom")
        self.metric = units == "metric"
        form = QFormLayout()
        self.width_box, self.depth_box = QDoubleSpinBox(), QDoubleSpinBox()
        for box, default in ((self.width_box, 30), (self.depth_box, 32)):
            box.setDecimals(1)
            if self.metric:
                box.setRange(2, 60)
                box.setSuffix(" m")
                box.setValue(round(default * 0.3048, 1))
            else:
                box.setRange(6, 200)
                box.setSuffix(" ft")
                box.setValue(default)
        form.addRow("Room width", self.width_box)
        form.addRow("Room depth", self.depth_box)
        _form_with_ok_cancel(self, form)

    def size_in_inches(self) -> tuple[float, float]:
        factor = 39.37 if self.metric else 12.0
        return self.width_box.value() * factor, self.depth_box.value() * factor


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        form = QFormLayout()
        self.units = QComboBox()
        self.units.addItem("Feet and inches", "ft-in")
        self.units.addItem("Metric (cm, m)", "metric")
        self.units.setCurrentIndex(0 if prefs.units == "ft-in" else 1)
        self.grid = QDoubleSpinBox()
        self.grid.setRange(1, 120)
        self.grid.setSuffix(" in")
        self.grid.setValue(prefs.grid)
        self.snapping = QCheckBox("Snap to the grid and to other pieces' edges")
        self.snapping.setChecked(prefs.snapping)
        form.addRow("Units", self.units)
        form.addRow("Grid step", self.grid)
        form.addRow(self.snapping)
        _form_with_ok_cancel(self, form)

    def preferences(self) -> Preferences:
        return Preferences(self.units.currentData(), self.grid.value(), self.snapping.isChecked())


class RoomSizeDialog(NewRoomDialog):
    """Layout > Room size…: the room as a width x depth rectangle, in the display unit."""

    def __init__(self, units: str, width_in: float, depth_in: float, parent=None):
        super().__init__(units, parent)
        self.setWindowTitle("Room size")
        factor = 39.37 if self.metric else 12.0
        self.width_box.setValue(width_in / factor)
        self.depth_box.setValue(depth_in / factor)


class ProjectDetailsDialog(QDialog):
    """File > Project details…: what the title block of the evidence PDF says."""

    def __init__(self, project, parent=None):
        from PySide6.QtWidgets import QLineEdit, QSpinBox

        super().__init__(parent)
        self.setWindowTitle("Project details")
        form = QFormLayout()
        self.title = QLineEdit(project.title)
        self.title.setPlaceholderText("e.g. Ms. Anderson's personalized learning classroom")
        self.teacher = QLineEdit(project.teacher)
        self.school = QLineEdit(project.school)
        self.course = QLineEdit(project.course)
        self.course.setPlaceholderText("e.g. Grade 5, or Biology 1")
        for box in (self.title, self.teacher, self.school, self.course):
            box.setMaxLength(120)
        self.class_size = QSpinBox()
        self.class_size.setRange(0, 500)
        self.class_size.setSpecialValueText("not set")
        self.class_size.setValue(project.class_size or 0)
        self.units = QComboBox()
        self.units.addItem("Feet and inches", "ft-in")
        self.units.addItem("Metric (cm, m)", "metric")
        self.units.setCurrentIndex(0 if project.display_units == "ft-in" else 1)
        form.addRow("Title", self.title)
        form.addRow("Teacher", self.teacher)
        form.addRow("School", self.school)
        form.addRow("Course or grade", self.course)
        form.addRow("Class size", self.class_size)
        form.addRow("Units", self.units)
        _form_with_ok_cancel(self, form)
        self.setMinimumWidth(420)

    def fields(self) -> dict:
        return {"title": self.title.text().strip(), "teacher": self.teacher.text().strip(),
                "school": self.school.text().strip(), "course": self.course.text().strip(),
                "class_size": self.class_size.value() or None, "display_units": self.units.currentData()}
