"""Why PySide6 is pinned below 6.12 (pyproject.toml).

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a C++ function that
returns void (QGraphicsItem.setPos, QApplication.processEvents, ...). None's count runs down and
the interpreter aborts with "Fatal Python error: none_dealloc" after about 5,000 such calls: an
editor dragging a piece makes that many in a minute. This test makes 20,000 and watches None.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

CALLS = 20_000
#: other objects come and go during the loop; the bug would show as a fall of about 2 x CALLS
NOISE = 500


def test_void_calls_keep_their_reference_to_none(qapp):
    scene = QGraphicsScene()
    desk = QGraphicsRectItem(0, 0, 24, 18)
    scene.addItem(desk)
    gc.collect()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        desk.setPos(i % 360, i % 240)  # returns void
        qapp.processEvents()  # returns void
    gc.collect()
    after = sys.getrefcount(None)
    assert after >= before - NOISE, (
        f"None lost {before - after} references over {CALLS * 2} void calls: this PySide6 "
        "build has the none_dealloc bug (6.12.0); keep PySide6 below 6.12")
    assert desk.pos().x() == (CALLS - 1) % 360  # the calls really ran
