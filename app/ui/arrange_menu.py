"""The Arrange menu: align and distribute the selection, group and ungroup pieces. Each is one
undo step; the geometry is app/arrange.py. `build_arrange_menu` makes the menu and its actions."""

from __future__ import annotations

import itertools

from PySide6.QtGui import QAction, QKeySequence

from app import arrange
from app.ui import commands as cmd

_ALIGN = (  # edge, menu text, what it does
    ("left", "Align &left", "Line up the left edges of the selection"),
    ("right", "Align &right", "Line up the right edges of the selection"),
    ("top", "Align &top", "Line up the top edges of the selection"),
    ("bottom", "Align &bottom", "Line up the bottom edges of the selection"),
    ("centre", "Align &centres", "Put the selection's centres one above the other (the same x)"),
    ("middle", "Align &middles", "Put the selection's centres side by side (the same y)"),
)


def build_arrange_menu(window, menubar):
    """The Arrange menu on the window's menu bar; its actions are kept in window.arrange_actions."""
    menu = menubar.addMenu("&Arrange")
    actions: dict[str, QAction] = {}

    def add(key: str, text: str, slot, tip: str, shortcut: str | None = None) -> None:
        action = QAction(text, window)
        action.setStatusTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        actions[key] = action

    for edge, text, tip in _ALIGN:
        add(f"align-{edge}", text, lambda edge=edge: align(window, edge), tip)
    menu.addSeparator()
    add("distribute-horizontal", "Distribute &horizontally", lambda: distribute(window, "horizontal"),
        "Equal gaps from left to right; the outer two stay")
    add("distribute-vertical", "Distribute &vertically", lambda: distribute(window, "vertical"),
        "Equal gaps from top to bottom; the outer two stay")
    menu.addSeparator()
    add("group", "&Group", lambda: group(window), "Make the selected pieces one pod that moves and turns as one",
        "Ctrl+G")
    add("ungroup", "&Ungroup", lambda: ungroup(window), "Let the pieces of the selected groups move on their own",
        "Ctrl+Shift+G")
    menu.addSeparator()
    hint = QAction("Shift+drag a zone: its furniture comes with it", window)
    hint.setEnabled(False)  # how to move a zone with its furniture, said where the teacher looks
    menu.addAction(hint)
    window.arrange_actions = actions
    return menu


def _selection(window) -> list[arrange.Unit]:
    doc, scene = window.doc, window.scene
    return arrange.units_of([doc.piece(p) for p in scene.selected_piece_ids()],
                            [doc.zone(z) for z in scene.selected_zone_ids()])


def align(window, edge: arrange.Edge) -> None:
    units = _selection(window)
    if len(units) < 2:
        window.statusBar().showMessage("Select two or more pieces or zones to align", 4000)
        return
    _move(window, units, arrange.align([u.box for u in units], edge), f"Align {edge}")


def distribute(window, axis: arrange.Axis) -> None:
    units = _selection(window)
    if len(units) < 3:
        window.statusBar().showMessage("Select three or more pieces or zones to distribute", 4000)
        return
    _move(window, units, arrange.distribute([u.box for u in units], axis), f"Distribute {axis}ly")


def _move(window, units: list[arrange.Unit], centres: list[arrange.Point], text: str) -> None:
    pieces, zones = arrange.moves_to(units, centres)
    if not (pieces or zones):
        window.statusBar().showMessage(f"{text}: nothing needs to move", 3000)
        return
    stack = window.doc.undo_stack
    stack.beginMacro(text)  # one step named for what the teacher chose, pieces and zones together
    refused = window.edits.move(pieces, zones, text)
    stack.endMacro()
    window.scene.done(refused)


def group(window) -> None:
    doc = window.doc
    ids = window.scene.selected_piece_ids()
    if len(ids) < 2:
        window.statusBar().showMessage("Select two or more pieces to group", 4000)
        return
    used = {p.group for p in doc.layout.pieces if p.group}
    name = next(f"group-{n}" for n in itertools.count(len(used) + 1) if f"group-{n}" not in used)
    window.scene.done(window.edits.push(cmd.SetGroups(doc, {p: name for p in ids}, f"Group {len(ids)} pieces")))


def ungroup(window) -> None:
    doc = window.doc
    ids = [p for p in window.scene.selected_piece_ids() if doc.piece(p).group is not None]
    if not ids:
        window.statusBar().showMessage("No group is selected", 4000)
        return
    window.scene.done(window.edits.push(cmd.SetGroups(doc, {p: None for p in ids}, f"Ungroup {len(ids)} pieces")))
