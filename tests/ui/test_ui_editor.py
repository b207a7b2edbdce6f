"""Tier 3: drive the real editor with the mouse and keyboard; assert on the model."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.canvas.style import MIME_TYPE


def vp(editor, x: float, y: float) -> QPoint:
    """A plan point (inches) in viewport pixels."""
    return editor.view.mapFromScene(QPointF(x, y))


def drop(editor, text: str, x: float, y: float) -> None:
    """What a palette drag delivers: the palette's own mime data, a drag-enter, then the drop."""
    mime = editor.palette.mime_for(text)
    assert mime.hasFormat(MIME_TYPE)
    at = vp(editor, x, y)
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(editor.view.viewport(), enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(editor.view.viewport(), event)


def drag(qtbot, editor, start, end, steps: int = 5, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = editor.view.viewport()
    a, b = vp(editor, *start), vp(editor, *end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, a)
    for i in range(1, steps + 1):
        qtbot.mouseMove(viewport, a + (b - a) * i / steps)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, b)


def test_drop_desk_drag_undo_redo(qtbot, editor):
    drop(editor, "piece:student-desk", 120, 120)
    desk = editor.doc.layout.pieces[-1]
    assert desk.kind == "student-desk"
    assert (desk.x - 12, desk.y - 9) == (108, 108)  # 24 x 18 in: its top-left corner snapped to the 1 ft grid
    x0, y0 = desk.x, desk.y
    drag(qtbot, editor, (x0, y0), (x0 + 60, y0 + 84))
    moved = editor.doc.layout.piece(desk.id)
    assert (moved.x, moved.y) == (x0 + 60, y0 + 84)
    assert editor.doc.undo_stack.count() == 2  # the drop, then ONE command for the whole drag
    assert editor.editing.undo_action.text() == "&Undo Move Student desk"
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (editor.doc.layout.piece(desk.id).x, editor.doc.layout.piece(desk.id).y) == (x0, y0)
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.doc.layout.piece(desk.id).x == x0 + 60
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.doc.layout.piece(desk.id).x == x0 + 60
    assert editor.isWindowModified()


def test_r_rotates_and_arrows_nudge_into_one_step(qtbot, editor):
    drop(editor, "piece:table-2", 120, 120)
    piece_id = editor.doc.layout.pieces[-1].id
    qtbot.keyClick(editor.view, Qt.Key.Key_R)
    assert editor.doc.layout.piece(piece_id).rotation == 90
    assert editor.doc.undo_stack.undoText() == "Rotate Table for two"
    x0, y0 = editor.doc.layout.piece(piece_id).x, editor.doc.layout.piece(piece_id).y
    count = editor.doc.undo_stack.count()
    for _ in range(3):
        qtbot.keyClick(editor.view, Qt.Key.Key_Right)
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    piece = editor.doc.layout.piece(piece_id)
    assert (piece.x, piece.y) == (x0 + 3, y0 + 12)  # 1 in per arrow, 1 ft with Shift
    assert editor.doc.undo_stack.count() == count + 1  # the nudges merged
    editor.doc.undo_stack.undo()
    assert (editor.doc.layout.piece(piece_id).x, editor.doc.layout.piece(piece_id).y) == (x0, y0)


def test_snapping_can_be_turned_off(qtbot, editor):
    editor.setup.snap_action.trigger()
    assert not editor.scene.snapping
    drop(editor, "piece:chair", 100.5, 101.25)
    chair = editor.doc.layout.pieces[-1]
    assert abs(chair.x - 100.5) < 1 and abs(chair.y - 101.25) < 1


def test_rubber_band_select_all_delete_copy_paste(qtbot, editor):
    for x in (60, 120, 180):
        drop(editor, "piece:student-desk", x, 60)
    editor.scene.clearSelection()
    drag(qtbot, editor, (30, 30), (150, 90))  # from empty floor: a rubber band
    assert len(editor.scene.selected_piece_ids()) == 2
    qtbot.keyClick(editor.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(editor.doc.layout.pieces) == 5
    assert editor.doc.undo_stack.undoText() == "Paste 2 items"
    qtbot.keyClick(editor.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert editor.doc.layout.pieces == []
    editor.doc.undo_stack.undo()
    assert len(editor.doc.layout.pieces) == 5


def test_rotation_handle_snaps_to_15_degrees(qtbot, editor):
    drop(editor, "piece:activity-table", 120, 120)
    piece = editor.doc.layout.pieces[-1]
    handle_at = (piece.x, piece.y - piece.depth / 2 - 14)
    # pull the handle to the right and a bit up: about 80 degrees clockwise, snapped to 75 or 90
    drag(qtbot, editor, handle_at, (piece.x + 60, piece.y - 8))
    rotation = editor.doc.layout.piece(piece.id).rotation
    assert rotation % 15 == 0 and 60 <= rotation <= 90
    assert editor.doc.undo_stack.undoText().startswith("Rotate")


def test_resize_corner_handle(qtbot, editor):
    drop(editor, "piece:activity-table", 120, 120)
    piece = editor.doc.layout.pieces[-1]
    corner = (piece.x + piece.width / 2, piece.y + piece.depth / 2)
    drag(qtbot, editor, corner, (corner[0] + 12, corner[1] + 6))
    resized = editor.doc.layout.piece(piece.id)
    assert (resized.width, resized.depth) == (72, 36)
    assert (resized.x, resized.y) == (piece.x + 6, piece.y + 3)  # the opposite corner stayed put


def test_draw_zones_and_see_their_findings(qtbot, editor):
    editor.editing.arm_tool("rect:quiet")
    drag(qtbot, editor, (24, 24), (120, 120))
    editor.editing.arm_tool("rect:collaboration")
    drag(qtbot, editor, (72, 72), (180, 180))
    kinds = [z.kind.value for z in editor.doc.layout.zones]
    assert kinds == ["quiet", "collaboration"]
    assert editor.doc.layout.zones[0].polygon == [(24, 24), (120, 24), (120, 120), (24, 120)]
    with qtbot.waitSignal(editor.live.checked, timeout=10_000):
        pass  # the worker's check after the last edit
    assert any("overlap" in f.code for f in editor.findings.findings)
    assert editor.findings.list.count() >= 1
    # clicking a finding selects its culprits
    row = next(i for i, f in enumerate(editor.findings.findings) if "overlap" in f.code)
    editor.findings.list.setCurrentRow(row)
    editor.findings._clicked(editor.findings.list.item(row))
    assert set(editor.scene.selected_zone_ids()) == {z.id for z in editor.doc.layout.zones}


def test_draw_polygon_zone_finish_and_cancel(qtbot, editor):
    viewport = editor.view.viewport()
    editor.editing.arm_tool("poly:hands-on")
    for x, y in ((24, 200), (120, 200), (120, 300)):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=vp(editor, x, y))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=vp(editor, 24, 300))
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=vp(editor, 24, 300))
    zone = editor.doc.layout.zones[-1]
    assert zone.kind.value == "hands-on" and len(zone.polygon) == 4
    editor.editing.arm_tool("poly:quiet")
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=vp(editor, 200, 200))
    qtbot.keyClick(editor.view, Qt.Key.Key_Escape)
    assert len(editor.doc.layout.zones) == 1
    assert type(editor.scene.tool).__name__ == "SelectTool"


def test_inspector_edit_is_one_undoable_command(qtbot, editor):
    drop(editor, "piece:student-desk", 120, 120)
    piece_id = editor.doc.layout.pieces[-1].id
    inspector = editor.inspector
    assert inspector.currentIndex() == 1
    inspector.p_width.setValue(30)
    inspector.p_width.editingFinished.emit()
    assert editor.doc.layout.piece(piece_id).width == 30
    inspector.p_label.setText("Maya's desk")
    inspector.p_label.editingFinished.emit()
    assert editor.doc.layout.piece(piece_id).label == "Maya's desk"
    editor.doc.undo_stack.undo()
    editor.doc.undo_stack.undo()
    assert editor.doc.layout.piece(piece_id).width == 24 and inspector.p_width.value() == 24


def test_zone_texts_in_inspector(qtbot, editor):
    editor.scene.insert_zone("mini-lesson", [(24, 24), (120, 24), (120, 120)])
    zone_id = editor.doc.layout.zones[-1].id
    inspector = editor.inspector
    assert inspector.currentIndex() == 2
    inspector.z_used.setPlainText("Four students meet me for a reading group.")
    inspector.z_used.committed.emit()
    inspector.z_station.setValue(3)
    inspector.z_station.editingFinished.emit()
    zone = editor.doc.layout.zone(zone_id)
    assert zone.how_used.startswith("Four students") and zone.station == 3


def test_duplicate_layout_and_edit_without_touching_the_original(qtbot, editor):
    drop(editor, "piece:student-desk", 120, 120)
    first = editor.doc.layout_id
    editor.layouts.duplicate()
    assert editor.doc.layout_id != first and editor.layouts.list.count() == 2
    piece = editor.doc.layout.pieces[0]
    drag(qtbot, editor, (piece.x, piece.y), (piece.x + 120, piece.y))
    assert editor.doc.layout.piece(piece.id).x == piece.x + 120
    assert editor.doc.project.layout(first).piece(piece.id).x == piece.x
    editor.layouts.list.setCurrentRow(0)  # switch back: the plan shows the original
    assert editor.doc.layout_id == first
    assert editor.scene.pieces[piece.id].pos().x() == piece.x
    editor.doc.undo_stack.undo()  # the move belongs to the copy: it is shown first
    assert editor.doc.layout_id != first
    assert editor.doc.layout.piece(piece.id).x == piece.x


def test_save_reopen_compare(qtbot, editor, tmp_path):
    drop(editor, "piece:kidney-table", 120, 120)
    editor.scene.insert_zone("quiet", [(200, 200), (300, 200), (300, 300), (200, 300)])
    path = tmp_path / "room.classroom.json"
    editor.files.ask_save_path = lambda *a, **k: str(path)
    assert editor.files.save()
    assert editor.doc.undo_stack.isClean() and not editor.isWindowModified()
    assert "room.classroom.json" in editor.windowTitle()
    saved = editor.doc.project.model_copy(deep=True)
    editor.doc.replace_project(editor.doc.project.model_copy(update={"title": "other"}))
    assert editor.files.open_path(path)
    assert editor.doc.project == saved


def test_failed_save_keeps_the_work(qtbot, editor, tmp_path):
    drop(editor, "piece:chair", 120, 120)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    editor.files.ask_save_path = lambda *a, **k: str(blocker / "room.classroom.json")
    assert not editor.files.save()
    assert editor.messages and editor.messages[-1][0] == "error" and "\n" not in editor.messages[-1][1]
    assert not editor.doc.undo_stack.isClean() and len(editor.doc.layout.pieces) == 1


def test_bad_file_is_one_line(qtbot, editor, tmp_path):
    bad = tmp_path / "bad.classroom.json"
    bad.write_text('{"layouts": [')
    assert not editor.files.open_path(bad)
    kind, text = editor.messages[-1]
    assert kind == "error" and "\n" not in text and "bad.classroom.json" in text


def test_autosave_writes_recovery_and_it_is_offered(qtbot, editor):
    from app.ui.document import blank_project

    assert editor.files.autosave() is None  # nothing unsaved, nothing written
    drop(editor, "piece:bean-bag", 120, 120)
    target = editor.files.autosave()
    assert target is not None and target.exists() and target == editor.files.recovery.plan
    editor.files.recovery.release()  # as if its editor had died: the file is an orphan now
    editor.files.recovery = type(editor.files.recovery)(target.parent)
    editor.doc.replace_project(blank_project())
    editor.files.ask_recover = lambda original, saved_at: True
    assert editor.files.offer_recovery() == [editor], editor.messages
    assert [p.kind for p in editor.doc.layout.pieces] == ["bean-bag"]
    assert editor.isWindowModified()  # recovered work is not saved yet


def test_close_with_unsaved_changes_asks(qtbot, editor):
    drop(editor, "piece:chair", 120, 120)
    asked = []
    editor.ask_save_changes = lambda: asked.append(1) or "cancel"
    editor.close()
    assert asked and editor.isVisible()
    editor.ask_save_changes = lambda: "discard"
    editor.close()
    assert not editor.isVisible()


def test_export_png_and_svg(qtbot, editor, tmp_path):
    drop(editor, "piece:teacher-desk", 120, 120)
    assert editor.exports.export_image("png", str(tmp_path / "map.png"))
    assert editor.exports.export_image("svg", str(tmp_path / "map.svg"))
    assert (tmp_path / "map.png").stat().st_size > 1000
    assert "<svg" in (tmp_path / "map.svg").read_text()


def test_twenty_thousand_step_drag_does_not_crash(qtbot, editor):
    drop(editor, "piece:student-desk", 120, 120)
    piece_id = editor.doc.layout.pieces[-1].id
    viewport = editor.view.viewport()
    start = vp(editor, 120, 120)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for i in range(20_000):
        qtbot.mouseMove(viewport, start + QPoint(i % 97, (i // 97) % 61))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(40, 30))
    assert editor.doc.undo_stack.undoText() == "Move Student desk"
    assert editor.doc.layout.piece(piece_id).x != 120


def test_sample_walkable_overlay_and_evidence_pdf(qtbot, editor, samples_dir, tmp_path):
    sample = samples_dir / "station-rotation.classroom.json"
    editor.files.open_sample(sample)
    assert editor.doc.path is None and len(editor.scene.zones) == len(editor.doc.layout.zones) >= 4
    with qtbot.waitSignal(editor.live.checked, timeout=10_000):
        editor.walkable_action.trigger()  # the overlay comes from the worker, not the GUI thread
    overlay = editor.scene.walkable_overlay
    assert overlay.isVisible() and not overlay._area.isEmpty()
    assert any(kind == "rotation" for kind, _ in overlay._routes)
    out = tmp_path / "evidence.pdf"
    editor.exports.ask_save_path = lambda *a, **k: str(out)
    editor.exports.export_evidence()
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert editor.messages[-1][0] == "info"


def test_new_room_of_a_given_size_and_recent_files(qtbot, editor, tmp_path):
    import app.ui.settings as settings

    editor.files.ask_new_room = lambda: (240.0, 300.0)
    editor.files.new_file()
    assert editor.doc.layout.room.bounds() == (0, 0, 240, 300)
    assert len(editor.doc.layout.room.doors) == 1 and editor.doc.undo_stack.isClean()
    path = tmp_path / "small.classroom.json"
    editor.files.ask_save_path = lambda *a, **k: str(path)
    drop(editor, "piece:chair", 60, 60)
    assert editor.files.save()
    assert settings.recent_files()[0] == str(path.resolve())
    assert [a.text() for a in editor.files.recent_menu.actions()] == [str(path.resolve())]


def test_metric_preference_changes_grid_and_inspector(qtbot, editor):
    from app.ui.settings import Preferences, load_preferences

    editor.setup.apply_preferences(Preferences(units="metric", grid=12.0, snapping=True), save=True)
    assert abs(editor.scene.grid.minor - 10 / 2.54) < 1e-9 and load_preferences().units == "metric"
    drop(editor, "piece:student-desk", 100, 100)
    assert editor.inspector.p_width.text() == "61 cm" and editor.inspector.p_width.value() == 24.0  # inches inside


def test_zoom_wheel_keys_pinch_and_fit(qtbot, editor):
    from PySide6.QtCore import QPointF as P
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice, QWheelEvent

    view = editor.view
    fitted = view.scale_factor()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.scale_factor() > fitted * 1.2
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert abs(view.scale_factor() - fitted) < 1e-6
    centre = P(view.viewport().rect().center())
    wheel = QWheelEvent(centre, P(view.viewport().mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.scale_factor() > fitted
    before = view.scale_factor()
    pinch = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(), 2,
                                centre, centre, P(view.viewport().mapToGlobal(centre.toPoint())), 0.5, P(0, 0))
    view.viewportEvent(pinch)
    assert abs(view.scale_factor() - before * 1.5) < 1e-6


def test_space_drag_pans_without_moving_anything(qtbot, editor):
    drop(editor, "piece:chair", 120, 120)
    editor.view.zoom_by(4)
    chair = editor.doc.layout.pieces[-1]
    bar = editor.view.horizontalScrollBar()
    before = bar.value()
    qtbot.keyPress(editor.view, Qt.Key.Key_Space)
    centre = editor.view.viewport().rect().center()
    qtbot.mousePress(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(editor.view.viewport(), centre + QPoint(-80, 0))
    qtbot.mouseRelease(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=centre + QPoint(-80, 0))
    qtbot.keyRelease(editor.view, Qt.Key.Key_Space)
    assert bar.value() == before + 80
    assert editor.doc.layout.piece(chair.id) == chair


def test_typing_in_the_details_never_edits_the_plan(qtbot, editor):
    drop(editor, "piece:student-desk", 120, 120)
    piece_id = editor.doc.layout.pieces[-1].id
    field = editor.inspector.p_label
    field.setFocus()
    qtbot.keyClicks(field, "Ravi")
    for key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_R, Qt.Key.Key_Z):
        qtbot.keyClick(field, key)
    assert editor.doc.layout.piece(piece_id) is not None and editor.doc.layout.piece(piece_id).rotation == 0
    assert len(editor.doc.layout.zones) == 0 and type(editor.scene.tool).__name__ == "SelectTool"


def test_zone_corner_handle_keeps_a_rectangle(qtbot, editor):
    editor.scene.insert_zone("quiet", [(24, 24), (120, 24), (120, 120), (24, 120)])
    zone_id = editor.doc.layout.zones[-1].id
    drag(qtbot, editor, (120, 120), (168, 144))
    assert editor.doc.layout.zone(zone_id).polygon == [(24, 24), (168, 24), (168, 144), (24, 144)]
    assert editor.doc.undo_stack.undoText().startswith("Reshape zone")


def test_a_refused_value_is_one_line_and_not_recorded(qtbot, editor):
    drop(editor, "piece:student-desk", 120, 120)
    piece_id = editor.doc.layout.pieces[-1].id
    count = editor.doc.undo_stack.count()
    editor.inspector.p_width.setValue(0)
    editor.inspector.p_width.editingFinished.emit()
    assert editor.doc.layout.piece(piece_id).width == 24 and editor.doc.undo_stack.count() == count
    kind, text = editor.messages[-1]
    assert kind == "error" and "width" in text and "\n" not in text
    assert editor.inspector.p_width.value() == 24  # the field shows the model again


def test_the_plan_numbers_pieces_of_one_kind_as_the_findings_do(editor):
    for x in (60, 120, 180):
        editor.scene.insert_piece("student-desk", QPointF(x, 100))
    names = sorted(item.name for item in editor.scene.pieces.values())
    assert names == ["Student desk 1", "Student desk 2", "Student desk 3"]
    first = editor.doc.layout.pieces[0].id
    editor.scene.select_ids([first])
    editor.view.setFocus()
    QTest.keyClick(editor.view, Qt.Key.Key_Delete)
    assert sorted(item.name for item in editor.scene.pieces.values()) == ["Student desk 1", "Student desk 2"]
    editor.doc.undo_stack.undo()
    assert editor.scene.pieces[first].name == "Student desk 1"
