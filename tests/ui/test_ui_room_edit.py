"""Doors, windows, wall features and the room outline, edited with the mouse (tier 3)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def room(gui):
    return gui.w.doc.layout.room


def test_drop_a_door_on_the_back_wall_and_slide_it_onto_another_wall(gui):
    count = gui.w.doc.undo_stack.count()
    gui.drop("opening:door", 60, 376)  # a little inside the back wall
    door = room(gui).doors[-1]
    assert (door.wall, door.position, door.width) == (2, 300.0, 36.0)  # wall 2 runs right to left
    assert gui.w.doc.undo_stack.undoText() == "Add door" and gui.w.scene.selected_opening_ids() == [door.id]
    assert gui.w.inspector.currentIndex() == 3  # the door's page
    gui.drag((60, 384), (120, 384))
    assert room(gui).doors[-1].position == 240.0 and room(gui).doors[-1].wall == 2
    gui.drag((120, 384), (2, 100), steps=8)  # along the floor to the left wall
    moved = room(gui).doors[-1]
    assert (moved.wall, moved.position) == (3, 288.0)  # wall 3 runs bottom to top; 1 ft grid
    assert gui.w.doc.undo_stack.count() == count + 3  # drop + ONE command per drag
    assert gui.w.doc.undo_stack.undoText() == "Move door"
    gui.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (room(gui).doors[-1].wall, room(gui).doors[-1].position) == (2, 240.0)


def test_windows_and_boards_from_the_palette_room_group(gui):
    entries = []
    group = gui.w.palette.topLevelItem(0)
    assert group.text(0) == "Room"
    entries = [group.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(group.childCount())]
    assert entries == ["opening:door", "opening:window", "opening:whiteboard", "opening:bulletin-board", "opening:screen"]
    gui.drop("opening:window", 350, 147)  # not 150: half way between two grid lines, a pixel decides
    gui.drop("opening:whiteboard", 180, 10)
    gui.drop("opening:bulletin-board", 8, 200)
    gui.drop("opening:screen", 300, 6)
    r = room(gui)
    assert [(w.wall, w.position) for w in r.windows] == [(1, 144.0)]  # its centre on the 1 ft grid
    assert [(f.kind, f.wall) for f in r.features] == [("whiteboard", 0), ("bulletin-board", 3), ("screen", 0)]


def test_door_inspector_warns_below_32_inches_and_edits_are_undoable(gui):
    door_id = room(gui).doors[0].id
    gui.click(312, 384)  # the blank room's door, 48 in from the back-right corner
    assert gui.w.scene.selected_opening_ids() == [door_id]
    form = gui.w.inspector.opening_form
    assert gui.w.inspector.currentIndex() == 3 and form.warning.isHidden()
    assert form.width_box.text() == "3'-0\"" and form.position.text() == "2'-6\""  # in feet and inches
    form.width_box.setText("30 in")
    form.width_box.editingFinished.emit()
    assert room(gui).doors[0].width == 30 and room(gui).doors[0].position == 48  # still centred where it was
    assert not form.warning.isHidden() and "ADA 404.2.3" in form.warning.text()
    form.label.setFocus()
    gui.qtbot.keyClicks(form.label, "Hall door")
    gui.qtbot.keyClick(form.label, Qt.Key.Key_Return)
    form.swing.setCurrentIndex(form.swing.findData("out"))
    form.swing.activated.emit(form.swing.currentIndex())
    form.hinge.setCurrentIndex(form.hinge.findData("end"))
    form.hinge.activated.emit(form.hinge.currentIndex())
    door = room(gui).doors[0]
    assert (door.label, door.swing, door.hinge) == ("Hall door", "out", "end")
    form.width_box.setText("750'")  # wider than any wall: refused in one line, nothing recorded
    count = gui.w.doc.undo_stack.count()
    form.width_box.editingFinished.emit()
    assert gui.w.doc.undo_stack.count() == count and room(gui).doors[0].width == 30
    assert gui.w.messages[-1][0] == "error" and "\n" not in gui.w.messages[-1][1]
    for _ in range(4):
        gui.w.doc.undo_stack.undo()
    assert room(gui).doors[0].width == 36 and form.warning.isHidden()


def test_feature_kind_and_delete_with_undo(gui):
    gui.drop("opening:whiteboard", 180, 10)
    feature_id = room(gui).features[-1].id
    form = gui.w.inspector.opening_form
    form.kind.setCurrentIndex(form.kind.findData("display"))
    form.kind.activated.emit(form.kind.currentIndex())
    assert room(gui).features[-1].kind == "display"
    gui.key(Qt.Key.Key_Delete)
    assert room(gui).features == [] and gui.w.inspector.currentIndex() == 0
    gui.w.doc.undo_stack.undo()
    assert room(gui).features[-1].id == feature_id


def test_door_blocked_updates_live_when_the_door_moves(gui):
    gui.drop("piece:bookshelf", 312, 360)  # right in front of the blank room's door
    gui.wait_for(lambda: "door-blocked" in gui.codes())
    gui.w.scene.clearSelection()
    gui.drag((312, 384), (147, 384))  # not 150: half way between two grid lines, a pixel decides
    assert room(gui).doors[0].position == 216  # 162 in along, to the 1 ft grid
    gui.wait_for(lambda: "door-blocked" not in gui.codes())


def test_room_size_keeps_doors_on_their_walls(gui):
    gui.w.setup.ask_room_size = lambda: (240.0, 300.0)
    assert gui.w.setup.room_size()
    r = room(gui)
    assert r.bounds() == (0, 0, 240, 300) and r.doors[0].wall == 2 and r.doors[0].position == 48
    assert gui.w.doc.undo_stack.undoText().startswith("Room size")
    gui.w.doc.undo_stack.undo()
    assert room(gui).bounds() == (0, 0, 360, 384)


def test_drag_a_corner_then_make_an_l_shaped_room_and_remove_a_corner(gui):
    gui.drag((360, 384), (336, 360))  # the back-right corner, snapped to the 1 ft grid
    assert room(gui).outline[2] == (336, 360) and gui.w.doc.undo_stack.undoText() == "Move a room corner"
    gui.w.doc.undo_stack.undo()
    gui.double_click(360, 192)  # on the right wall: a new corner
    assert len(room(gui).outline) == 5 and room(gui).outline[2] == (360, 192)
    gui.double_click(240, 384)  # on the back wall
    assert len(room(gui).outline) == 6 and room(gui).outline[4] == (240, 384)
    gui.drag((360, 384), (240, 192))  # pull the old corner in: an L
    assert room(gui).outline == [(0, 0), (360, 0), (360, 192), (240, 192), (240, 384), (0, 384)]
    door = room(gui).doors[0]  # it stays on its wall (now the inner wall of the L), slid inside it
    assert door.wall == 3 and door.position == 48
    gui.w.scene.parts.corners[3].setSelected(True)
    gui.key(Qt.Key.Key_Delete)
    assert len(room(gui).outline) == 5 and gui.w.doc.undo_stack.undoText() == "Remove a room corner"
    gui.w.doc.undo_stack.undo()
    assert len(room(gui).outline) == 6


def test_a_crossing_corner_is_refused_with_one_line(gui):
    before = room(gui)
    count = gui.w.doc.undo_stack.count()
    gui.drag((0, 0), (200, 500))
    assert room(gui) == before and gui.w.doc.undo_stack.count() == count
    kind, text = gui.w.messages[-1]
    assert kind == "error" and "crosses itself" in text and "\n" not in text
    assert gui.w.scene.room_item.room == before  # the preview went back to the model


def test_triangle_keeps_three_corners(gui):
    gui.w.setup.ask_room_size = lambda: (240.0, 240.0)
    gui.w.setup.room_size()
    gui.w.scene.parts.corners[0].setSelected(True)
    gui.key(Qt.Key.Key_Delete)
    assert len(room(gui).outline) == 3
    gui.w.scene.parts.corners[0].setSelected(True)
    gui.key(Qt.Key.Key_Delete)
    assert len(room(gui).outline) == 3 and "at least 3 corners" in gui.w.messages[-1][1]


def test_door_blocked_shows_during_the_door_drag(gui):
    gui.drop("piece:bookshelf", 150, 372)  # against the back wall, away from the door
    gui.checked()
    assert "door-blocked" not in gui.codes()
    viewport = gui.w.view.viewport()
    gui.qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=gui.vp(312, 384))
    for x in (280, 220, 160):
        gui.qtbot.mouseMove(viewport, gui.vp(x, 384))
    assert "door-blocked" in {f.code for f in gui.w.live.findings}  # before the release: the light checks ran
    assert room(gui).doors[0].position == 48  # the model changes only on release
    gui.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=gui.vp(160, 384))
    assert room(gui).doors[0].position == 204
    gui.wait_for(lambda: "door-blocked" in gui.codes())


def test_delete_a_piece_and_a_door_together_is_one_step(gui):
    gui.drop("piece:chair", 300, 300)
    count = gui.w.doc.undo_stack.count()
    gui.w.scene.select_ids([gui.w.doc.layout.pieces[0].id, "door-1"])
    gui.key(Qt.Key.Key_Delete)
    assert gui.w.doc.layout.pieces == [] and room(gui).doors == []
    assert gui.w.doc.undo_stack.count() == count + 1
    gui.w.doc.undo_stack.undo()
    assert len(gui.w.doc.layout.pieces) == 1 and [d.id for d in room(gui).doors] == ["door-1"]


def test_palette_double_click_then_click_places_a_window(gui):
    group = gui.w.palette.topLevelItem(0)
    window_entry = group.child(1)
    gui.w.palette.itemDoubleClicked.emit(window_entry, 0)
    assert type(gui.w.scene.tool).__name__ == "InsertTool"
    gui.click(120, 20)
    assert [(w.wall, w.position) for w in room(gui).windows] == [(0, 120.0)]
    assert type(gui.w.scene.tool).__name__ == "SelectTool"
