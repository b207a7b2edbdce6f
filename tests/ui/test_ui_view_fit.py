"""The room is fitted in the view when the window first appears and while it is resized,
until the teacher zooms or pans."""

from __future__ import annotations

from PySide6.QtCore import QRectF


def room_on_screen(window) -> bool:
    x0, y0, x1, y1 = window.doc.layout.room.bounds()
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    return shown.contains(QRectF(x0, y0, x1 - x0, y1 - y0))


def test_room_fits_after_show_and_resize_until_zoomed(qtbot, samples_dir):
    from app.storage import load_project
    from app.ui.document import Document
    from app.ui.main_window import MainWindow

    path = samples_dir / "personalized-learning.classroom.json"
    window = MainWindow(Document(load_project(path), str(path)))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert room_on_screen(window)

    window.resize(900, 600)
    qtbot.wait(20)
    assert room_on_screen(window)

    window.view.zoom_by(3.0)  # the teacher zooms in: resizing no longer refits
    window.resize(1000, 700)
    qtbot.wait(20)
    assert not room_on_screen(window)
    window.view.fit_room()
    assert room_on_screen(window)
    window.doc.undo_stack.setClean()
