"""The toolbar stays put: icons with the command on hover, Undo and Redo of one width whatever
the step is called, every command in reach at 1366 px."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton

from app.ui import commands as cmd
from app.model import Piece


def buttons(window) -> dict[str, QToolButton]:
    bar = window.toolbar
    return {a.text().replace("&", ""): bar.widgetForAction(a) for a in bar.actions() if not a.isSeparator()}


def test_every_command_is_in_reach_at_1366_px_and_has_an_icon(gui):
    w = gui.w
    assert w.width() == 1366
    shown = buttons(w)
    assert len(shown) >= 11
    for name, button in shown.items():
        assert button is not None and button.isVisible(), name  # none fell into the overflow
        assert not button.defaultAction().icon().isNull(), name
    extension = [b for b in w.toolbar.findChildren(QToolButton) if b.objectName() == "qt_toolbar_ext_button"]
    assert all(not b.isVisible() for b in extension)


def test_undo_keeps_its_width_and_names_the_step_on_hover(gui):
    w = gui.w
    before = {name: b.width() for name, b in buttons(w).items()}
    piece = Piece(id="quiet-1", kind="student-desk", x=120, y=120)
    cmd.push(w.doc, cmd.AddPiece(w.doc, piece))
    cmd.push(w.doc, cmd.SetPieceFields(w.doc, "quiet-1", text="Change positive environment of Quiet desks "
                                       "by the east window", label="Quiet desks by the east window"))
    gui.qtbot.waitUntil(lambda: "Quiet desks by the east window" in w.editing.undo_action.toolTip())
    assert w.editing.undo_action.toolTip().startswith("Undo Change positive environment of Quiet desks")
    after = {name.split(" ")[0] if name.startswith(("Undo", "Redo")) else name: b.width()
             for name, b in buttons(w).items()}
    assert after["Undo"] == before["Undo"] and all(b.isVisible() for b in buttons(w).values())


def test_help_getting_started_is_a_short_illustrated_page(gui, monkeypatch):
    from app.ui.getting_started import STEPS, GettingStarted, page_html

    html = page_html()
    assert html.count("<img") == len(STEPS) + 10  # a picture per step and per kind of zone
    assert "Ready to submit?" in html and "Export evidence PDF" in html
    shown = []
    monkeypatch.setattr(GettingStarted, "exec", lambda self: shown.append(self.page.toPlainText()) or 0)
    [action] = [a for a in gui.w.menuBar().actions() if a.text() == "&Help"][0].menu().actions()[:1]
    assert action.text() == "&Getting started"
    action.trigger()
    assert shown and "1. Your room" in shown[0]


def test_each_tool_says_how_to_use_it_for_as_long_as_it_is_armed(gui):
    from PySide6.QtCore import Qt

    w = gui.w
    w.editing.arm_tool("poly:collaboration")
    assert w.statusBar().currentMessage() == "Click to add corners · double-click or Enter to finish · Esc to cancel"
    gui.qtbot.wait(50)
    gui.key(Qt.Key.Key_Escape)
    assert w.statusBar().currentMessage() == ""
    w.editing.measure_action.trigger()
    assert w.statusBar().currentMessage() == "Drag to measure · Esc to stop"


def test_help_keyboard_and_mouse_lists_the_menus_own_shortcuts(gui, monkeypatch):
    from PySide6.QtGui import QKeySequence

    from app.ui.getting_started import GettingStarted

    shown = []
    monkeypatch.setattr(GettingStarted, "exec", lambda self: shown.append(self.page.toPlainText()) or 0)
    help_menu = [a for a in gui.w.menuBar().actions() if a.text() == "&Help"][0].menu()
    next(a for a in help_menu.actions() if a.text() == "&Keyboard and mouse").trigger()
    [page] = shown
    menus = [a.menu() for a in gui.w.menuBar().actions() if a.menu()]
    wanted = {"&Duplicate", "&Copy", "&Paste", "&Group", "&Undo", "&Redo", "&Fit to room"}
    actions = {}
    for menu in menus:
        for action in menu.actions():
            for sub in [action, *(action.menu().actions() if action.menu() else [])]:
                key = sub.text().split(" ")[0] if sub.text().split(" ")[0] in ("&Undo", "&Redo") else sub.text()
                if key in wanted and not sub.shortcut().isEmpty():
                    actions[key] = sub.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
    assert set(actions) == wanted, actions
    for name, keys in actions.items():
        assert keys in page, (name, keys)
