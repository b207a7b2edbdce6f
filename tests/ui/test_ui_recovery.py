"""Autosave and crash recovery, per document: each editor writes its own recovery file and holds
its lock; a clean save or close removes only its own; at start every orphaned file (its editor
is dead) is offered with where it was saved and when (issue #10)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from app.model import Piece
from app.storage import load_project, save_project
from app.ui import commands as cmd
from app.ui.document import blank_project
from app.ui.settings import RecoveryFile

REPO = Path(__file__).resolve().parents[2]


def add_bean_bag(window, piece_id: str = "bean-1") -> None:
    window.doc.undo_stack.push(cmd.AddPiece(window.doc, Piece(id=piece_id, kind="bean-bag", x=120, y=120)))


def folder_of(window) -> Path:
    return window.files.recovery.folder


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def another_editors_file(folder: Path, original: Path | None = None) -> RecoveryFile:
    """A recovery file a live editor holds (its lock taken by this process)."""
    other = RecoveryFile(folder)
    project = blank_project()
    project.layouts[0].pieces.append(Piece(id="other-1", kind="teacher-desk", x=60, y=60))
    other.write(project, original)
    return other


def orphan(folder: Path, original: Path | None, piece_id: str = "lost-1") -> RecoveryFile:
    """A recovery file whose editor is gone: written, then its lock let go."""
    found = RecoveryFile(folder)
    project = blank_project()
    project.layouts[0].pieces.append(Piece(id=piece_id, kind="bean-bag", x=90, y=90))
    found.write(project, original)
    found.release()
    return found


def recording(window, answer: bool) -> list:
    offered = []
    window.files.ask_recover = lambda original, saved_at: offered.append((original, saved_at)) or answer
    return offered


def test_autosave_writes_the_documents_own_file_and_its_note(qtbot, editor, tmp_path):
    plan = tmp_path / "room.classroom.json"
    save_project(editor.doc.project, plan)
    assert editor.files.open_path(plan)
    assert editor.files.autosave() is None and not editor.files.recovery.plan.exists()  # nothing unsaved, nothing written
    add_bean_bag(editor)
    written = editor.files.autosave()
    assert written == editor.files.recovery.plan and written.parent == folder_of(editor)
    assert written.name == f"{editor.files.recovery.key}.classroom.json" and len(editor.files.recovery.key) == 32
    assert load_project(written) == editor.doc.project
    about = json.loads(editor.files.recovery.about.read_text(encoding="utf-8"))
    assert about["original"] == str(plan)
    assert abs(datetime.fromisoformat(about["saved_at"]) - datetime.now(timezone.utc)) < timedelta(minutes=1)
    assert (folder_of(editor) / f"{editor.files.recovery.key}.lock").exists()  # held while the editor lives
    editor.doc.undo_stack.undo()
    assert editor.files.autosave() is None and not written.exists()  # undone back to the saved plan: nothing to recover


def test_two_editors_in_one_folder_write_two_files(qtbot, editor):
    add_bean_bag(editor)
    other = another_editors_file(folder_of(editor))
    editor.files.autosave()
    assert editor.files.recovery.plan != other.plan and editor.files.recovery.plan.exists() and other.plan.exists()
    assert load_project(other.plan).layouts[0].pieces[0].id == "other-1"
    assert load_project(editor.files.recovery.plan).layouts[0].pieces[-1].id == "bean-1"


def test_a_clean_save_removes_only_its_own_recovery_file(qtbot, editor, tmp_path):
    add_bean_bag(editor)
    editor.files.autosave()
    other = another_editors_file(folder_of(editor))
    mine = editor.files.recovery
    editor.files.ask_save_path = lambda *a, **k: str(tmp_path / "saved.classroom.json")
    assert editor.files.save()
    assert not mine.plan.exists() and not mine.about.exists()
    assert other.plan.exists() and other.about.exists()
    assert editor.files.autosave() is None  # saved: nothing to write


def test_a_clean_close_removes_only_its_own_and_lets_go_of_its_lock(qtbot, editor):
    add_bean_bag(editor)
    editor.files.autosave()
    other = another_editors_file(folder_of(editor))
    mine = editor.files.recovery
    editor.ask_save_changes = lambda: "discard"
    assert editor.close()
    assert names(folder_of(editor)) == {other.plan.name, other.about.name, f"{other.key}.lock"}
    assert not mine.plan.exists()


def test_a_killed_close_keeps_the_file_for_the_next_start(qtbot, editor):
    add_bean_bag(editor)
    editor.files.autosave()
    editor.files.recovery.release()  # what the death of the process does to the lock
    assert editor.files.recovery.plan.exists() and editor.files.recovery.about.exists()


def test_recovery_remembers_the_original_file_and_saves_to_it(qtbot, editor, tmp_path):
    original = tmp_path / "plan 1.classroom.json"
    save_project(blank_project(), original)
    lost = orphan(folder_of(editor), original)
    offered = recording(editor, True)
    editor.files.ask_save_path = lambda *a, **k: pytest.fail("Save asked where: the original file was forgotten")
    assert editor.files.offer_recovery() == [editor], editor.messages
    assert [o for o, _ in offered] == [original]
    assert editor.doc.path == original and [p.id for p in editor.doc.layout.pieces] == ["lost-1"]
    assert editor.windowTitle().startswith("plan 1.classroom.json") and editor.isWindowModified()
    assert editor.files.recovery.key == lost.key  # it keeps autosaving to the same file, and holds its lock
    assert editor.files.save()
    assert [p.id for p in load_project(original).layouts[0].pieces] == ["lost-1"]
    assert not lost.plan.exists() and not editor.isWindowModified()


def test_an_orphan_of_a_killed_process_is_offered_with_its_file_and_time(qtbot, editor, tmp_path):
    folder = folder_of(editor)
    original = tmp_path / "killed.classroom.json"
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        from app.model import Piece
        from app.ui.document import blank_project
        from app.ui.settings import RecoveryFile
        project = blank_project()
        project.layouts[0].pieces.append(Piece(id="killed-1", kind="bean-bag", x=90, y=90))
        recovery = RecoveryFile(Path({str(folder)!r}))
        recovery.write(project, Path({str(original)!r}))
        os.kill(os.getpid(), signal.SIGKILL)  # no destructor, no unlock: the lock file stays, stale
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert any(name.endswith(".lock") for name in names(folder))  # the dead editor's lock is still there
    offered = recording(editor, True)
    assert editor.files.offer_recovery() == [editor], editor.messages
    [(path, saved_at)] = offered
    assert path == original and abs(saved_at - datetime.now(timezone.utc)) < timedelta(minutes=1)
    assert [p.id for p in editor.doc.layout.pieces] == ["killed-1"]


def test_an_orphan_without_a_lock_file_is_offered(qtbot, editor):
    lost = orphan(folder_of(editor), None)
    assert not (folder_of(editor) / f"{lost.key}.lock").exists()
    offered = recording(editor, True)
    assert editor.files.offer_recovery() == [editor]
    assert offered[0][0] is None and editor.doc.path is None  # never saved: Save will ask where


def test_a_file_a_live_editor_holds_is_not_offered(qtbot, editor):
    add_bean_bag(editor)
    editor.files.autosave()  # this window's own
    live = another_editors_file(folder_of(editor))  # another window of this process
    held = orphan(folder_of(editor), None)
    lock = QLockFile(str(folder_of(editor) / f"{held.key}.lock"))  # held by hand, as another process would
    assert lock.tryLock(0)
    an_hour_ago = datetime.now().timestamp() - 3600
    for path in folder_of(editor).glob("*.lock"):  # Qt's default takes a lock older than 30 s as stale
        os.utime(path, (an_hour_ago, an_hour_ago))
    offered = recording(editor, True)
    assert editor.files.offer_recovery() == [] and offered == []
    assert editor.files.recovery.plan.exists() and live.plan.exists() and held.plan.exists()
    lock.unlock()


def test_a_declined_recovery_is_removed(qtbot, editor):
    lost = orphan(folder_of(editor), None)
    offered = recording(editor, False)
    assert editor.files.offer_recovery() == [] and len(offered) == 1
    assert names(folder_of(editor)) == set()
    assert [p.kind for p in editor.doc.layout.pieces] == []  # the window's plan is untouched
    assert not lost.plan.exists()


def test_several_orphans_are_offered_one_after_another(qtbot, editor, tmp_path):
    first, second = tmp_path / "first.classroom.json", tmp_path / "second.classroom.json"
    orphan(folder_of(editor), first, "one-1")
    os.utime(next(folder_of(editor).glob("*.classroom.json")), (1, 1))  # the older one is offered first
    orphan(folder_of(editor), second, "two-1")
    offered = recording(editor, True)
    windows = editor.files.offer_recovery()
    for window in windows[1:]:
        qtbot.addWidget(window)
        window.ask_save_changes = lambda: "discard"
    assert [o for o, _ in offered] == [first, second]
    assert windows[0] is editor and len(windows) == 2 and windows[1] is not editor  # the second in its own window
    assert [(w.doc.path, w.doc.layout.pieces[0].id) for w in windows] == [(first, "one-1"), (second, "two-1")]
    assert all(w.isWindowModified() for w in windows)


def test_a_recovery_that_cannot_be_read_is_kept(qtbot, editor):
    lost = orphan(folder_of(editor), None)
    lost.plan.write_text('{"format": "classroom-layout", "layouts": [', encoding="utf-8")
    recording(editor, True)
    assert editor.files.offer_recovery() == []
    kind, text = editor.messages[-1]
    assert kind == "error" and "\n" not in text and str(lost.plan) in text
    assert lost.plan.exists()  # never deleted unread
    assert RecoveryFile(lost.folder, lost.key).claim()  # and let go of: offered again next time


def test_opening_another_plan_drops_the_last_ones_recovery(qtbot, editor, tmp_path):
    add_bean_bag(editor)
    editor.files.autosave()
    plan = tmp_path / "next.classroom.json"
    save_project(blank_project(), plan)
    assert editor.files.open_path(plan)  # maybe_save asked first; the fixture answers "discard"
    assert not editor.files.recovery.plan.exists()


def test_a_failed_autosave_says_so_in_one_line(qtbot, editor, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    editor.files.recovery = RecoveryFile(blocker / "recovery")
    add_bean_bag(editor)
    assert editor.files.autosave() is None
    message = editor.statusBar().currentMessage()
    assert message.startswith("Autosave failed:") and "\n" not in message and "recovery" in message


# --- the map pictures are written atomically too -------------------------------------------------
def test_a_map_picture_is_drawn_in_memory_and_written_atomically(qtbot, editor, tmp_path, monkeypatch):
    import app.ui.exporting as exporting

    written = []
    monkeypatch.setattr(exporting, "write_atomically", lambda path, data, **kw: written.append((path, data)))
    assert editor.exports.export_image("png", str(tmp_path / "map.png"))
    assert editor.exports.export_image("svg", str(tmp_path / "map.svg"))
    [(png_path, png), (svg_path, svg)] = written
    assert png_path == str(tmp_path / "map.png") and png.startswith(b"\x89PNG") and len(png) > 1000
    assert svg_path == str(tmp_path / "map.svg") and b"<svg" in svg
    assert list(tmp_path.glob("map.*")) == []  # nothing written but through the atomic writer


def test_a_failed_map_export_keeps_the_old_picture(qtbot, editor, tmp_path, monkeypatch):
    import app.storage.writing as writing

    picture = tmp_path / "map.png"
    picture.write_bytes(b"the old picture")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing.os, "replace", refuse)
    assert not editor.exports.export_image("png", str(picture))
    kind, text = editor.messages[-1]
    assert kind == "error" and "\n" not in text
    assert text == f"The map was not written: {picture}: cannot be saved: the disk is full; the previous file is unchanged"
    assert picture.read_bytes() == b"the old picture" and [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_a_recovery_file_of_the_editor_before_per_document_recovery_is_offered(qtbot, editor, tmp_path):
    """Before this, one recovery.classroom.json (its file in recovery.classroom.path) sat beside
    the folder: an upgrade must not lose the work in it."""
    folder = folder_of(editor)
    folder.parent.mkdir(parents=True, exist_ok=True)
    project = blank_project()
    project.layouts[0].pieces.append(Piece(id="old-1", kind="bean-bag", x=90, y=90))
    save_project(project, folder.parent / "recovery.classroom.json")
    (folder.parent / "recovery.classroom.path").write_text(str(tmp_path / "plan.classroom.json"), encoding="utf-8")
    offered = recording(editor, True)
    assert editor.files.offer_recovery() == [editor]
    assert offered[0][0] == tmp_path / "plan.classroom.json"
    assert [p.id for p in editor.doc.layout.pieces] == ["old-1"]
    assert not (folder.parent / "recovery.classroom.json").exists()
    assert not (folder.parent / "recovery.classroom.path").exists()
