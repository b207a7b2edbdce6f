"""The issue's "done when": build sample a (personalized-learning) from a blank room with the mouse
alone, watching the checks say what is still wrong at each step, then save and reopen it.

Positions are sample a's (tools/make_samples.py) on the editor's 1 ft snapping grid.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.checks import run_checks

#: kind, centre after the drop (the top-left corner snaps to the 1 ft grid), quarter turns, label
FURNITURE = [
    ("teacher-desk", (306, 27), 0, "Teacher desk"),
    ("computer-table", (36, 24), 0, "Computer table A"),
    ("charging-cart", (30, 240), 1, "Laptop cart"),
    ("kidney-table", (180, 144), 0, "Mini-lesson table"),
    ("activity-table", (54, 123), 1, "Group table L1"),
    ("activity-table", (306, 123), 1, "Group table R1"),
    ("activity-table", (306, 219), 1, "Group table R2"),
    ("round-table", (69, 177), 0, "Group table L2"),
    ("bookshelf", (234, 6), 0, "Supply shelf"),
]
DESKS = [(x, y) for y in (297, 345) for x in (156, 192, 240, 288, 336)]
ZONES = [  # kind, corners, name, how students use it
    ("mini-lesson", (120, 96), (240, 216), "Mini-lesson table",
     "Students who want help join a 10-minute mini-lesson at the kidney table."),
    ("collaboration", (12, 84), (108, 216), "Group tables (left)", ""),
    ("collaboration", (264, 84), (348, 264), "Group tables (right)", ""),
    ("independent", (120, 276), (360, 372), "Independent desks", ""),
    ("online", (12, 0), (132, 60), "Online learning corner", ""),
]


def piece_at(gui, x, y):
    return next(p for p in gui.w.doc.layout.pieces if abs(p.x - x) < 0.01 and abs(p.y - y) < 0.01)


def type_into(gui, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    gui.qtbot.keyClicks(field, text)
    gui.qtbot.keyClick(field, Qt.Key.Key_Return)


def test_build_sample_a_from_a_blank_room(gui, tmp_path):
    w, doc = gui.w, gui.w.doc
    # --- a new 30 x 32 ft room ---------------------------------------------------------------
    w.files.ask_new_room = lambda: (360.0, 384.0)
    w.files.new_file()
    assert doc.layout.room.bounds() == (0, 0, 360, 384)
    gui.wait_for(lambda: {"stations", "transitions", "teacher", "school"} <= gui.todo())

    # --- the door on the back wall, windows, whiteboard and goal board -------------------------
    gui.click(312, 384)  # the blank room's door: not where this room's door is
    assert w.scene.selected_opening_ids() == ["door-1"]
    gui.key(Qt.Key.Key_Delete)
    assert doc.layout.room.doors == []
    gui.drop("opening:door", 60, 378)
    door = doc.layout.room.doors[0]
    assert (door.wall, door.position, door.width) == (2, 300, 36)  # 300 in from the back-right corner
    form = w.inspector.opening_form
    type_into(gui, form.label, "Main door")
    form.hinge.setCurrentIndex(form.hinge.findData("end"))
    form.hinge.activated.emit(form.hinge.currentIndex())
    assert (doc.layout.room.doors[0].label, doc.layout.room.doors[0].hinge) == ("Main door", "end")
    for text, x, y in (("opening:window", 354, 108), ("opening:window", 354, 252),
                       ("opening:whiteboard", 168, 6), ("opening:bulletin-board", 6, 168)):
        gui.drop(text, x, y)
    type_into(gui, form.label, "Goal board")
    room = doc.layout.room
    assert [(o.wall, o.position) for o in room.windows] == [(1, 108), (1, 252)]
    assert [(f.kind, f.wall, f.label) for f in room.features] == [("whiteboard", 0, ""), ("bulletin-board", 3, "Goal board")]

    # --- furniture from the palette -----------------------------------------------------------
    for kind, (x, y), turns, label in FURNITURE:
        gui.drop(f"piece:{kind}", x, y)
        for _ in range(turns):
            gui.key(Qt.Key.Key_R)
        piece = doc.layout.pieces[-1]
        assert (piece.kind, piece.x, piece.y, piece.rotation) == (kind, x, y, 90 * turns)
        type_into(gui, w.inspector.p_label, label)
        assert doc.layout.pieces[-1].label == label
    # the second computer table is dropped in the middle of the room, then dragged to the corner
    gui.drop("piece:computer-table", 180, 252)
    staged = doc.layout.pieces[-1]
    gui.drag((staged.x, staged.y), (staged.x - 84, staged.y - 228))
    moved = doc.layout.piece(staged.id)
    # snapping lined its left edge up with the right edge of Group table L1 below it (69 in)
    assert (moved.x - moved.width / 2, moved.y) == (69, 24) and doc.undo_stack.undoText() == "Move Computer table"

    # desks: the second lands on the first -> a collision, gone once it is dragged to its place
    gui.drop("piece:student-desk", *DESKS[0])
    gui.drop("piece:student-desk", *DESKS[0])
    gui.wait_for(lambda: "piece-collision" in gui.codes())
    assert any("collision" in f.code and w.findings.list.item(i).text() for i, f in enumerate(w.findings.findings))
    gui.drag(DESKS[0], DESKS[1])
    gui.wait_for(lambda: "piece-collision" not in gui.codes())
    for x, y in DESKS[2:]:
        gui.drop("piece:student-desk", x, y)
    desks = sorted((p.x, p.y) for p in doc.layout.pieces if p.kind == "student-desk")
    assert desks == sorted(DESKS)
    assert len(doc.layout.pieces) == len(FURNITURE) + 1 + len(DESKS)

    # --- five zones drawn with the rectangle tool, named and described in the inspector ---------
    for i, (kind, a, b, name, use) in enumerate(ZONES):
        w.editing.arm_tool(f"rect:{kind}")
        gui.drag(a, b)
        zone = doc.layout.zones[-1]
        assert zone.kind.value == kind and zone.polygon[0] == a and zone.polygon[2] == b and zone.station == i + 1
        if i == 0:  # an unnamed zone is not a labeled station yet
            gui.wait_for(lambda: "labels" in gui.todo()
                         and any("Name Station 1 (unnamed" in i.detail for i in w.ready.open_items()))
        type_into(gui, w.inspector.z_name, name)
        if use:
            w.inspector.z_used.setFocus()
            w.inspector.z_used.selectAll()
            gui.qtbot.keyClicks(w.inspector.z_used, use)
            w.view.setFocus()  # focus leaving the box commits it
            gui.qtbot.waitUntil(lambda: doc.layout.zones[0].how_used == use)
        if i == 3:
            gui.wait_for(lambda: "stations" not in gui.todo())
    # the online corner becomes station 5 by typing it (it was given 5 already: make it 6 then back)
    type_into(gui, w.inspector.z_station, "6")
    assert doc.layout.zones[-1].station == 6
    type_into(gui, w.inspector.z_station, "5")
    assert [z.name for z in doc.layout.zones] == [z[3] for z in ZONES]
    assert [z.station for z in doc.layout.zones] == [1, 2, 3, 4, 5]

    # --- transitions and project details --------------------------------------------------------
    panel = w.transitions
    assert "transitions" in gui.todo()
    panel.usual.click()
    entrance = panel.texts["entrance_routine"]
    entrance.setFocus()
    gui.qtbot.keyClicks(entrance, "Students enter through the back door and choose a space for today's goal.")
    w.view.setFocus()
    gui.wait_for(lambda: doc.layout.transitions.entrance_routine.startswith("Students enter"))
    panel.direction.setCurrentIndex(panel.direction.findData("custom"))
    panel.direction.activated.emit(panel.direction.currentIndex())
    gui.wait_for(lambda: "transitions" not in gui.todo())
    w.setup.ask_project_details = lambda: {"title": "Ms. Anderson's personalized learning classroom",
                                     "teacher": "Ms. Anderson", "school": "Example Middle School",
                                     "course": "Grade 7 English", "class_size": 28, "display_units": "ft-in"}
    assert w.setup.project_details()

    # --- `classroom-layout check`: no errors; the panel agrees -----------------------------------
    findings = run_checks(doc.project, doc.layout)
    assert [f.message for f in findings if f.is_error] == []
    gui.wait_for(lambda: not any(f.is_error for f in w.findings.findings))
    assert w.findings.summary.text().startswith(("✔", "0 problems"))

    # --- save as, reopen, equal ------------------------------------------------------------------
    path = tmp_path / "personalized-learning.classroom.json"
    w.files.ask_save_path = lambda *a, **k: str(path)
    assert w.files.save_as() and doc.undo_stack.isClean()
    built = doc.project.model_copy(deep=True)
    w.files.new_file()
    assert w.files.open_path(path)
    assert doc.project == built
