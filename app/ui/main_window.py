"""The window a teacher lives in: the plan in the centre, palette / inspector / findings /
layouts in docks, menus and a toolbar. It is made of parts, one idea each, that build their own
menu entries: window.files (app/ui/files.py), window.exports (exporting.py), window.editing
(actions.py) and window.setup (project_setup.py). The window itself keeps the docks, the menus'
and the toolbar's order, the title, the close prompt and the status bar.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMessageBox
from shiboken6 import isValid

from app.canvas.scene import PlanScene
from app.canvas.view import PlanView
from app.ui import icons
from app.ui.actions import Editing
from app.ui.arrange_menu import build_arrange_menu
from app.ui.clipboard import release_clipboard
from app.ui.document import Document, blank_project
from app.ui.exporting import Exports
from app.ui.files import Files
from app.ui.findings_panel import FindingsPanel
from app.ui.floor_plan_panel import FloorPlanPanel
from app.ui.getting_started import GettingStarted, keys_html
from app.ui.inspector import Inspector
from app.ui.layouts_panel import LayoutsPanel
from app.ui.live_checks import LiveChecks
from app.ui.menus import add_action
from app.ui.palette import Palette
from app.ui.plan_edits import DocumentEdits
from app.ui.project_setup import ProjectSetup
from app.ui.ready_panel import ReadyPanel
from app.ui.settings import load_preferences
from app.ui.transitions_panel import TransitionsPanel

APP_NAME = "Classroom Layout Designer"


class MainWindow(QMainWindow):
    def __init__(self, doc: Document | None = None):
        super().__init__()
        self.doc = doc or Document(blank_project())
        prefs = load_preferences()
        self.scene = PlanScene(self)
        self.view = PlanView(self.scene)
        self.setCentralWidget(self.view)
        self.edits = DocumentEdits(self.doc)
        self.scene.set_document(self.doc, self.edits)
        self.palette = Palette(prefs.units)
        self.inspector = Inspector(self.doc)
        self.findings = FindingsPanel()
        self.ready = ReadyPanel()
        self.layouts = LayoutsPanel(self.doc)
        self.transitions = TransitionsPanel(self.doc)
        self.floor_plan = FloorPlanPanel(self.doc, self.scene)
        self.live = LiveChecks(parent=self)
        self.docks = {}
        for key, title, widget, area in (
            ("palette", "Palette", self.palette, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("layouts", "Layouts", self.layouts, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("floor-plan", "Floor plan", self.floor_plan, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("inspector", "Details", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea),
            ("transitions", "Transitions", self.transitions, Qt.DockWidgetArea.RightDockWidgetArea),
            ("findings", "Checks", self.findings, Qt.DockWidgetArea.RightDockWidgetArea),
            ("ready", "Ready to submit?", self.ready, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{key}")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            self.docks[key] = dock
        # at 1366 x 768 five docks do not fit stacked: Layouts and Floor plan share a tab with the
        # palette and Transitions with the Details, so every panel keeps its full height
        self.tabifyDockWidget(self.docks["palette"], self.docks["layouts"])
        self.tabifyDockWidget(self.docks["layouts"], self.docks["floor-plan"])
        self.tabifyDockWidget(self.docks["inspector"], self.docks["transitions"])
        # the verdict stays in sight: it cannot be closed, only moved
        self.docks["ready"].setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.docks["palette"].raise_()
        self.docks["inspector"].raise_()
        self.resizeDocks([self.docks["palette"], self.docks["inspector"]], [270, 320], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["inspector"], self.docks["findings"], self.docks["ready"]], [360, 170, 190],
                         Qt.Orientation.Vertical)
        self.coords = QLabel()
        self.statusBar().addPermanentWidget(self.coords)
        self.setup = ProjectSetup(self, prefs)
        self.files = Files(self, self.setup)
        self.exports = Exports(self)
        self.editing = Editing(self)
        self._connect()
        self._build_menus()
        self.setup.apply_preferences(self.setup.prefs)
        self.live.watch(self.doc)
        self.resize(1366, 768)
        self.update_title()

    # --- wiring ---------------------------------------------------------------------------
    def _connect(self) -> None:
        doc, scene = self.doc, self.scene
        scene.selectionChanged.connect(self.editing.selection_changed)
        scene.message.connect(lambda text: self.statusBar().showMessage(text, 3000))
        # an armed tool's hint stays until the tool ends
        scene.tool_changed.connect(lambda hint: self.statusBar().showMessage(hint) if hint
                                   else self.statusBar().clearMessage())
        scene.drag_step.connect(self.live.drag_step)
        scene.room_step.connect(self.live.room_step)
        scene.error.connect(self.show_error)
        self.inspector.error.connect(self.show_error)
        self.transitions.error.connect(self.show_error)
        doc.project_changed.connect(self.setup.follow_project_units)
        self.layouts.error.connect(self.show_error)
        self.floor_plan.error.connect(lambda text: self.show_error(text))  # looked up when said: tests replace it
        self.floor_plan.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.floor_plan.shown.connect(self.docks["floor-plan"].raise_)
        self.live.findings_changed.connect(self._findings_changed)
        self.live.checking.connect(self.findings.set_checking)
        self.live.analysis_ready.connect(scene.walkable_overlay.set_analysis)
        self.live.problem.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.findings.finding_activated.connect(self.show_finding)
        self.live.readiness_changed.connect(self.ready.set_readiness)
        self.live.checking.connect(self.ready.set_checking)
        self.ready.item_activated.connect(self.show_ready_item)
        self.palette.activated_entry.connect(self.editing.arm_tool)
        doc.undo_stack.cleanChanged.connect(self.update_title)
        doc.path_changed.connect(self.update_title)
        doc.layout_changed.connect(self.update_title)
        doc.layouts_changed.connect(self.update_title)

    def _build_menus(self) -> None:
        """Each menu in its order, from the parts' entries and the window's own."""
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.files.add_entries(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.floor_plan.trace_action)
        self.setup.add_details_entry(file_menu)
        file_menu.addSeparator()
        self.exports.add_entries(file_menu)
        file_menu.addSeparator()
        add_action(self, file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        self.editing.add_edit_entries(edit)
        edit.addSeparator()
        self.setup.add_preferences_entry(edit)
        view = bar.addMenu("&View")
        add_action(self, view, "Zoom &in", lambda: self.view.zoom_by(1.25), [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        add_action(self, view, "Zoom &out", lambda: self.view.zoom_by(0.8), "Ctrl+-")
        self.fit_action = add_action(self, view, "&Fit to room", self.view.fit_room, "Ctrl+0")
        view.addSeparator()
        self.setup.add_snap_entry(view)
        self.walkable_action = add_action(self, view, "Show &walkable space and routes", self.toggle_walkable,
                                          "Ctrl+Shift+W", checkable=True)
        view.addSeparator()
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        layout_menu = bar.addMenu("&Layout")
        self.setup.add_layout_entries(layout_menu)
        layout_menu.addSeparator()
        self.editing.add_tool_entries(layout_menu)
        build_arrange_menu(self, bar)
        help_menu = bar.addMenu("&Help")
        add_action(self, help_menu, "&Getting started", self.show_getting_started)
        add_action(self, help_menu, "&Keyboard and mouse", self.show_help, QKeySequence.StandardKey.HelpContents)
        add_action(self, help_menu, "&About", lambda: self.show_info(
            f"{APP_NAME}: plan a classroom, check it, and export evidence for the USBE microcredential 2680."))
        self._build_toolbar()

    def _build_toolbar(self) -> None:
        """Icons (app/ui/icons.py) with the command's name and shortcut on hover: the toolbar
        never changes width, so nothing falls into the overflow at 1366 px."""
        tools = self.addToolBar("Main")
        tools.setObjectName("toolbar-main")
        tools.setIconSize(QSize(24, 24))
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        files, editing = self.files, self.editing
        for entry in ((files.new_action, "new"), (files.open_action, "open"), (files.save_action, "save"), None,
                      (editing.undo_action, "undo"), (editing.redo_action, "redo"), None,
                      (editing.rotate_action, "rotate"), (editing.rect_zone_action, "zone-rect"),
                      (editing.poly_zone_action, "zone-polygon"), None, (self.fit_action, "fit"),
                      (self.walkable_action, "walkable"), None, (self.exports.export_pdf_action, "export")):
            if entry is None:
                tools.addSeparator()
                continue
            action, name = entry
            action.setIcon(icons.icon(name))
            tools.addAction(action)
            _hover_text(action)
        self.toolbar = tools
        for action in (editing.undo_action, editing.redo_action):  # their texts follow the stack: so do the tooltips
            action.changed.connect(lambda action=action: _hover_text(action))

    # --- title and closing ----------------------------------------------------------------
    def update_title(self, *_args) -> None:
        try:
            clean = self.doc.undo_stack.isClean()
        except RuntimeError:  # the stack is being destroyed with the window: nothing to show
            return
        name = self.doc.path.name if self.doc.path else "Untitled"
        self.setWindowTitle(f"{name}[*] — {self.doc.layout.name} — {APP_NAME}")
        self.setWindowModified(not clean)

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.stop_autosave()
        self.live.stop()
        event.accept()

    def ask_save_changes(self) -> str:
        """'save', 'discard' or 'cancel' for the unsaved changes (tests replace this method)."""
        box = QMessageBox.question(
            self, APP_NAME, "This plan has changes that are not saved. Save them?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(box, "cancel")

    def show_error(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)
        QMessageBox.warning(self, APP_NAME, text.splitlines()[0] if text else "Something went wrong")

    def show_info(self, text: str) -> None:
        QMessageBox.information(self, APP_NAME, text)

    def show_getting_started(self) -> None:
        GettingStarted(self).exec()

    def show_help(self) -> None:
        GettingStarted(self, "Keyboard and mouse", keys_html()).exec()

    def toggle_walkable(self, on: bool) -> None:
        self.live.want_analysis = bool(on)
        self.scene.walkable_overlay.setVisible(bool(on))
        if on:
            self.live.check_now()  # in the worker: the overlay comes with its findings

    def _findings_changed(self, findings) -> None:
        self.findings.set_findings(findings)
        self.scene.set_findings(findings)

    def show_ready_item(self, item) -> None:
        """Go to where a readiness item is fixed: its layout, its station on the plan, its field."""
        target = item.target
        if target.layout_id is not None and target.layout_id != self.doc.layout.id:
            self.doc.set_current_layout(target.layout_id)
        self.statusBar().showMessage(item.detail, 10000)
        if target.field in ("teacher", "school", "class_size"):
            self.setup.project_details()
            return
        if target.field in ("transitions", "rotation", "direction", "signals", "entrance_routine"):
            self.docks["transitions"].raise_()
        items = self.scene.select_ids(list(target.ids)) if target.ids else []
        if items:
            self.view.centre_on_items(items, None)
            if target.field in ("how_used", "positive_environment", "name"):
                self.docks["inspector"].raise_()
                self.inspector.focus_field(target.field)

    def show_finding(self, finding) -> None:
        items = self.scene.select_ids(finding.ids) if finding.ids else []
        self.view.centre_on_items(items, finding.point)
        self.statusBar().showMessage(finding.message, 8000)


def _hover_text(action: QAction) -> None:
    """The toolbar button's tooltip: the command's whole name ("Undo Move Student desk 3") and its key."""
    if not isValid(action):  # the window is closing: its actions go before the stack that signals them
        return
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    tip = action.text().replace("&", "") + (f" ({keys})" if keys else "")
    if action.toolTip() != tip:  # setting it again would signal `changed` again
        action.setToolTip(tip)


def run_editor(path: str | None = None) -> int:
    """Open the editor on a file (or a new 30 x 32 ft room with one door) and run until closed."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("ClassroomLayout")
    window = MainWindow()
    if path:
        window.files.open_path(path)
    window.show()
    window.view.fit_room()
    window.files.offer_recovery()
    app.aboutToQuit.connect(window.live.stop)  # never leave a check running into teardown
    app.aboutToQuit.connect(release_clipboard)
    return app.exec()
