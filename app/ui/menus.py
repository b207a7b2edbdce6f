"""One menu entry: a QAction with its text, keys, status tip and what it does. Every part of
the window (files, exports, editing, setup) makes its entries with this one function."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

Keys = str | QKeySequence | QKeySequence.StandardKey | list[QKeySequence] | None


def add_action(owner: QObject, menu: QMenu | None, text: str, slot: Callable, shortcut: Keys = None,
               tip: str | None = None, checkable: bool = False) -> QAction:
    """The action, owned by `owner` (the window) and added to `menu` when there is one."""
    action = QAction(text, owner)
    if isinstance(shortcut, (list, QKeySequence.StandardKey)):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    if menu is not None:
        menu.addAction(action)
    return action
