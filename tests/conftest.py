"""Shared fixtures. Qt tests use pytest-qt's qtbot/qapp; everything else runs without a QApplication."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "app" / "assets" / "samples"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(autouse=True)
def _collect_qt_cycles():
    """Let background checks finish and collect reference cycles (undo command -> document ->
    stack -> command) after each test.

    Left to the interpreter, they are collected in pytest_unconfigure after the QApplication is
    gone, and deleting a QObject then segfaults.
    """
    yield
    import gc
    import threading

    # a live-checks worker, or a floor plan being decoded, still running would signal into the
    # test's deleted window
    for thread in threading.enumerate():
        if thread.name in ("live-checks", "floor-plan"):
            thread.join(10)
    # mime data our copy put on the clipboard is deleted by Qt's exit handlers after Python is
    # gone: a segfault at the very end of the run (Shiboken::Object::destroy, tstate=0)
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.clipboard().clear()
    gc.collect()
