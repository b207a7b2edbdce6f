"""Shared widget-test helpers: a shown editor whose dialogs never block, and mouse helpers that
drive the real viewport (drop from the palette, drag, click, double-click) in plan inches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.canvas.style import MIME_TYPE


class Gui:
    def __init__(self, qtbot, window):
        self.qtbot, self.w = qtbot, window

    def vp(self, x: float, y: float) -> QPoint:
        return self.w.view.mapFromScene(QPointF(x, y))

    def drop(self, text: str, x: float, y: float) -> None:
        mime = self.w.palette.mime_for(text)
        at = self.vp(x, y)
        enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(self.w.view.viewport(), enter)
        assert enter.isAccepted() and mime.hasFormat(MIME_TYPE)
        QApplication.sendEvent(self.w.view.viewport(), QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime,
                                                                  Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))

    def drag(self, start, end, steps: int = 5) -> None:
        viewport = self.w.view.viewport()
        a, b = self.vp(*start), self.vp(*end)
        self.qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
        for i in range(1, steps + 1):
            self.qtbot.mouseMove(viewport, a + (b - a) * i / steps)
        self.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)

    def click(self, x: float, y: float) -> None:
        self.qtbot.mouseClick(self.w.view.viewport(), Qt.MouseButton.LeftButton, pos=self.vp(x, y))

    def double_click(self, x: float, y: float) -> None:
        self.qtbot.mouseDClick(self.w.view.viewport(), Qt.MouseButton.LeftButton, pos=self.vp(x, y))

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.w.view.setFocus()
        self.qtbot.keyClick(self.w.view, key, modifier)

    def codes(self) -> set[str]:
        return {f.code for f in self.w.findings.findings}

    def todo(self) -> set[str]:
        """What the Ready to submit? panel lists as still to do, by item key without its layout."""
        return {item.key.split("/", 1)[-1] for item in self.w.ready.open_items()}

    def checked(self) -> list:
        """A full check of the current plan from the worker, as the Checks panel gets it."""
        with self.qtbot.waitSignal(self.w.live.checked, timeout=10_000):
            self.w.live.check_now()
        return self.w.live.findings

    def set_units(self, units: str) -> None:
        """The project's display units, set as File > Project details… sets them."""
        self.w.setup.ask_project_details = lambda: {"title": "", "teacher": "", "school": "", "course": "",
                                              "class_size": None, "display_units": units}
        self.w.setup.project_details()

    def wait_for(self, condition, timeout: int = 5000) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout)


@pytest.fixture
def editor(qtbot, tmp_path, monkeypatch):
    """A shown MainWindow (1366 x 768) on a blank 30 x 32 ft room; dialogs record instead of blocking."""
    import app.ui.files as files
    import app.ui.settings as settings
    from app.ui.main_window import MainWindow

    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(settings, "_settings", lambda: QSettings(ini, QSettings.Format.IniFormat))
    recovery = tmp_path / "appdata" / "recovery"
    monkeypatch.setattr(settings, "recovery_folder", lambda: recovery)
    monkeypatch.setattr(files, "recovery_folder", lambda: recovery)
    window = MainWindow()
    window.messages = []
    window.show_error = lambda text: window.messages.append(("error", text))
    window.show_info = lambda text: window.messages.append(("info", text))
    window.ask_save_changes = lambda: "discard"
    window.files.ask_recover = lambda original, saved_at: False
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.view.fit_room()
    window.view.setFocus()
    yield window
    window.doc.undo_stack.setClean()


@pytest.fixture
def gui(qtbot, editor):
    """The same editor with mouse helpers in plan inches."""
    return Gui(qtbot, editor)
