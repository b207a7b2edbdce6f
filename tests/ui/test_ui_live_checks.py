"""Live checks: light checks per drag step, full checks on a snapshot in a worker thread."""

from __future__ import annotations

from app.model import Piece, Zone, ZoneKind
from app.ui import commands as cmd
from app.ui.document import Document, blank_project
from app.ui.live_checks import LiveChecks, snapshot, with_moved


def _doc_with_two_desks() -> Document:
    doc = Document(blank_project())
    doc.add_piece(Piece(id="a", kind="student-desk", x=100, y=100))
    doc.add_piece(Piece(id="b", kind="student-desk", x=200, y=100))
    return doc


def test_snapshot_is_not_touched_by_later_edits(qapp):
    doc = _doc_with_two_desks()
    doc.add_zone(Zone(id="z", kind=ZoneKind.QUIET, polygon=[(0, 0), (60, 0), (60, 60)]))
    doc.set_transitions(doc.layout.transitions.model_copy(update={"rotation": ["z"]}))
    project, layout = snapshot(doc.project, doc.layout)
    doc.move_pieces({"a": (150, 150)})
    doc.remove_zone("z")
    assert layout.piece("a").x == 100 and layout.zone("z") is not None
    assert layout.transitions.rotation == ["z"] and project.layouts[0] is layout


def test_with_moved_leaves_the_model_alone(qapp):
    doc = _doc_with_two_desks()
    moved = with_moved(doc.layout, {"a": (200, 100)})
    assert moved.piece("a").x == 200 and doc.layout.piece("a").x == 100


def test_drag_step_reports_a_collision_and_only_changes(qapp):
    doc = _doc_with_two_desks()
    live = LiveChecks()
    live.doc = doc
    seen = []
    live.findings_changed.connect(seen.append)
    live.drag_step({"a": (200, 100)})  # right on top of b
    assert any("a" in f.ids and "b" in f.ids for f in live.findings)
    live.drag_step({"a": (200, 100)})
    assert len(seen) == 1  # the same findings twice: the panel is not rebuilt


def test_background_run_delivers_and_stale_results_are_dropped(qtbot):
    doc = _doc_with_two_desks()
    live = LiveChecks(delay_ms=1)
    live.watch(doc)
    doc.undo_stack.push(cmd.MovePieces(doc, {"a": (100, 100)}, {"a": (200, 100)}))
    qtbot.waitUntil(lambda: any(set(f.ids) >= {"a", "b"} for f in live.findings), timeout=5000)
    before = list(live.findings)
    live._deliver(live._generation - 1, ([], None, 0.0))  # an older run finishing late
    assert live.findings == before
