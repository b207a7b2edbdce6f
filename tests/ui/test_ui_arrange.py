"""The Arrange menu and groups, driven through the real editor: each edit is one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.model import ZoneKind
from app.storage import load_project, save_project


def desk_at(gui, x: float, y: float) -> str:
    """Drop a 24 x 18 in desk whose top-left corner lands on the 1 ft grid near (x, y); its id."""
    gui.drop("piece:student-desk", x, y)
    return gui.w.doc.layout.pieces[-1].id


def centre(gui, piece_id: str) -> tuple[float, float]:
    piece = gui.w.doc.piece(piece_id)
    return piece.x, piece.y


def test_align_left_lines_up_left_edges_and_undoes_as_one_step(gui):
    ids = [desk_at(gui, 120, 120), desk_at(gui, 204, 168), desk_at(gui, 264, 240)]
    before = [centre(gui, i) for i in ids]
    assert before[0] == (120, 117)  # left edge at 108
    gui.w.scene.select_ids(ids)
    stack = gui.w.doc.undo_stack
    count = stack.count()
    gui.w.arrange_actions["align-left"].trigger()
    assert [centre(gui, i) for i in ids] == [(120, 117), (120, before[1][1]), (120, before[2][1])]
    assert stack.count() == count + 1 and stack.undoText() == "Align left"
    stack.undo()
    assert [centre(gui, i) for i in ids] == before


def test_distribute_horizontally_gives_equal_gaps_and_undoes_as_one_step(gui):
    ids = [desk_at(gui, 60, 60), desk_at(gui, 96, 180), desk_at(gui, 300, 120)]
    before = [centre(gui, i) for i in ids]
    gui.w.scene.select_ids(ids)
    stack = gui.w.doc.undo_stack
    count = stack.count()
    gui.w.arrange_actions["distribute-horizontal"].trigger()
    after = [centre(gui, i) for i in ids]
    assert after[0] == before[0] and after[2] == before[2]  # the outer two stay
    assert after[1] == ((before[0][0] + before[2][0]) / 2, before[1][1])  # equal desks: the middle one half way
    assert stack.count() == count + 1
    stack.undo()
    assert [centre(gui, i) for i in ids] == before


def test_align_leaves_a_fixed_piece_where_it_is(gui):
    desk = desk_at(gui, 200, 120)
    gui.drop("piece:sink-counter", 300, 300)
    sink = gui.w.doc.layout.pieces[-1]
    gui.w.scene.select_ids([desk, sink.id])
    gui.w.arrange_actions["align-right"].trigger()
    assert centre(gui, sink.id) == (sink.x, sink.y)
    assert gui.w.doc.piece(desk).x + 12 == sink.x + 24  # the desk's right edge on the sink's


def _pod(gui) -> list[str]:
    ids = [desk_at(gui, 120, 120), desk_at(gui, 144, 120)]
    gui.w.scene.select_ids(ids)
    gui.key(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    return ids


def test_a_group_is_selected_moved_and_turned_as_one_each_one_step(gui):
    a, b = _pod(gui)
    doc, stack = gui.w.doc, gui.w.doc.undo_stack
    assert doc.piece(a).group is not None and doc.piece(a).group == doc.piece(b).group
    assert stack.undoText() == "Group 2 pieces"
    gui.w.scene.clearSelection()
    gui.click(*centre(gui, a))
    assert set(gui.w.scene.selected_piece_ids()) == {a, b}  # one click selects the pod
    (ax, ay), (bx, by) = centre(gui, a), centre(gui, b)
    count = stack.count()
    gui.drag((ax, ay), (ax + 48, ay + 36))
    assert (centre(gui, a), centre(gui, b)) == ((ax + 48, ay + 36), (bx + 48, by + 36))
    assert stack.count() == count + 1
    stack.undo()
    assert (centre(gui, a), centre(gui, b)) == ((ax, ay), (bx, by))
    gui.w.scene.select_ids([a])
    gui.key(Qt.Key.Key_R)
    # the pod (108..156 x 108..126) turns a quarter turn about its centre (132, 117)
    assert (centre(gui, a), centre(gui, b)) == ((132, 105), (132, 129))
    assert doc.piece(a).rotation == doc.piece(b).rotation == 90
    assert stack.count() == count + 1
    stack.undo()
    assert (centre(gui, a), centre(gui, b)) == ((ax, ay), (bx, by))
    assert doc.piece(a).rotation == doc.piece(b).rotation == 0


def test_ctrl_click_takes_the_whole_group_out_of_the_selection(gui):
    a, b = _pod(gui)
    lone = desk_at(gui, 240, 240)
    gui.w.scene.select_ids([a, lone])
    assert set(gui.w.scene.selected_piece_ids()) == {a, b, lone}
    gui.qtbot.mouseClick(gui.w.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                         gui.vp(*centre(gui, b)))
    assert gui.w.scene.selected_piece_ids() == [lone]


def test_ungroup_lets_the_pieces_go_and_undoes(gui):
    a, b = _pod(gui)
    gui.key(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert gui.w.doc.piece(a).group is None and gui.w.doc.piece(b).group is None
    gui.w.scene.select_ids([a])
    assert gui.w.scene.selected_piece_ids() == [a]
    gui.w.doc.undo_stack.undo()
    assert gui.w.doc.piece(a).group == gui.w.doc.piece(b).group is not None


def test_a_saved_and_reloaded_project_keeps_its_groups(gui, tmp_path):
    a, b = _pod(gui)
    desk_at(gui, 240, 240)
    path = tmp_path / "pods.classroom.json"
    save_project(gui.w.doc.project, path)
    loaded = load_project(path)
    assert loaded == gui.w.doc.project
    groups = {p.id: p.group for p in loaded.layouts[0].pieces}
    assert groups[a] == groups[b] == gui.w.doc.piece(a).group and list(groups.values())[-1] is None


def test_shift_drag_of_a_zone_takes_the_furniture_inside_it_in_one_step(gui):
    scene, stack = gui.w.scene, gui.w.doc.undo_stack
    zone_id = scene.insert_zone(ZoneKind.COLLABORATION, [(24, 24), (192, 24), (192, 168), (24, 168)])
    inside = [desk_at(gui, 60, 60), desk_at(gui, 132, 60), desk_at(gui, 60, 132)]
    outside = desk_at(gui, 276, 276)
    before = {i: centre(gui, i) for i in [*inside, outside]}
    polygon = gui.w.doc.zone(zone_id).polygon
    count = stack.count()
    viewport = gui.w.view.viewport()
    start, end = gui.vp(168, 156), gui.vp(168 + 48, 156 + 96)  # on the zone's floor, clear of the desks
    gui.qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, start)
    assert gui.w.statusBar().currentMessage() == "Moving the zone and the 3 pieces inside it"
    for i in range(1, 6):
        gui.qtbot.mouseMove(viewport, start + (end - start) * i / 5)
    gui.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, end)
    assert gui.w.doc.zone(zone_id).polygon == [(x + 48, y + 96) for x, y in polygon]
    assert all(centre(gui, i) == (before[i][0] + 48, before[i][1] + 96) for i in inside)
    assert centre(gui, outside) == before[outside]
    assert stack.count() == count + 1
    stack.undo()
    assert gui.w.doc.zone(zone_id).polygon == polygon
    assert {i: centre(gui, i) for i in before} == before


def test_a_plain_drag_of_a_zone_leaves_the_furniture(gui):
    zone_id = gui.w.scene.insert_zone(ZoneKind.QUIET, [(24, 24), (192, 24), (192, 168), (24, 168)])
    desk = desk_at(gui, 60, 60)
    before = centre(gui, desk)
    gui.drag((168, 156), (168 + 48, 156))
    assert gui.w.doc.zone(zone_id).polygon[0] == (72, 24)
    assert centre(gui, desk) == before


def test_a_duplicated_pod_is_a_pod_of_its_own(gui):
    a, b = _pod(gui)
    doc = gui.w.doc
    gui.w.scene.select_ids([a])
    gui.key(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    new = [p for p in doc.layout.pieces if p.id not in (a, b)]
    assert len(new) == 2 and new[0].group == new[1].group is not None
    assert new[0].group != doc.piece(a).group  # not joined to the original
