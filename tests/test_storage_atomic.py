"""Saving never loses the old file: a failure at any step leaves it intact and no temp behind."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

import app.storage.writing as writing
from app.storage import ProjectFileError, load_project, save_project

NOBODY = 65534


@pytest.fixture
def project(samples_dir):
    return load_project(samples_dir / "station-rotation.classroom.json")


@pytest.fixture
def saved(tmp_path, project):
    """A folder holding one saved project: returns its path and its bytes."""
    path = tmp_path / "room.classroom.json"
    save_project(project, path)
    return path, path.read_bytes()


def _changed(project):
    return project.model_copy(update={"title": "A new title"})


def _only_the_file(path: Path) -> None:
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


@contextlib.contextmanager
def _as_an_ordinary_user():
    """Permissions mean nothing to root: drop to `nobody` for the block (and back)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def open_folder():
    """A folder an ordinary user can reach (pytest's tmp_path is private to its owner)."""
    base = Path(tempfile.mkdtemp(prefix="classroom-storage-"))
    base.chmod(0o755)
    yield base
    for p in [base, *base.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    shutil.rmtree(base)


def test_a_save_writes_the_new_text_and_keeps_permissions(saved, project):
    path, _ = saved
    path.chmod(0o640)
    save_project(_changed(project), path)
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "A new title"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    _only_the_file(path)


def test_a_new_file_gets_ordinary_permissions_not_the_temp_files(tmp_path, project):
    path = tmp_path / "new.classroom.json"
    old = os.umask(0o022)
    try:
        save_project(project, path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_when_the_rename_fails_the_old_file_is_intact(saved, project, monkeypatch):
    path, before = saved

    def refuse(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(writing.os, "replace", refuse)
    with pytest.raises(ProjectFileError) as caught:
        save_project(_changed(project), path)
    assert path.read_bytes() == before
    _only_the_file(path)
    assert str(caught.value) == f"{path}: cannot be saved: Input/output error; the previous file is unchanged"


def test_when_writing_the_text_fails_the_old_file_is_intact(saved, project, monkeypatch):
    path, before = saved

    def broken_dumps(*args, **kwargs):
        raise ValueError("Out of range float values are not JSON compliant")

    monkeypatch.setattr(writing.json, "dumps", broken_dumps)
    with pytest.raises(ProjectFileError, match="cannot be saved: Out of range float"):
        save_project(_changed(project), path)
    assert path.read_bytes() == before
    _only_the_file(path)


def test_a_full_disk_is_named_and_the_temp_removed(saved, project, monkeypatch):
    path, before = saved

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing.os, "fsync", no_space)
    with pytest.raises(ProjectFileError, match="the disk is full; the previous file is unchanged"):
        save_project(_changed(project), path)
    assert path.read_bytes() == before
    _only_the_file(path)


def test_a_read_only_folder_refuses_the_save_and_keeps_the_file(open_folder, project):
    folder = open_folder / "locked"
    folder.mkdir()
    path = folder / "room.classroom.json"
    save_project(project, path)
    before = path.read_bytes()
    folder.chmod(0o555)
    with _as_an_ordinary_user(), pytest.raises(ProjectFileError) as caught:
        save_project(_changed(project), path)
    assert str(caught.value) == f"{path}: cannot be saved: permission denied; the previous file is unchanged"
    assert path.read_bytes() == before
    _only_the_file(path)


def test_an_unreadable_file_is_named_in_one_line(open_folder, project):
    path = open_folder / "secret.classroom.json"
    save_project(project, path)
    path.chmod(0o000)
    with _as_an_ordinary_user(), pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert str(caught.value) == f"{path}: cannot be read: permission denied"


def test_saving_into_a_missing_folder_or_onto_a_folder_is_refused(tmp_path, project):
    with pytest.raises(ProjectFileError, match="does not exist"):
        save_project(project, tmp_path / "nowhere" / "room.classroom.json")
    with pytest.raises(ProjectFileError, match="is a folder"):
        save_project(project, tmp_path)


def test_a_name_no_file_can_have_is_refused(tmp_path, project):
    with pytest.raises(ProjectFileError, match="is not a valid file name"):
        save_project(project, str(tmp_path / "a\x00.classroom.json"))
    assert list(tmp_path.iterdir()) == []


def test_saving_through_a_link_keeps_the_link(saved, project):
    path, _ = saved
    link = path.parent / "link.classroom.json"
    link.symlink_to(path.name)
    save_project(_changed(project), link)
    assert link.is_symlink()
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "A new title"


# --- the one atomic writer every file of the editor goes through ---------------------------------
def test_a_failed_save_of_a_new_file_does_not_speak_of_a_previous_one(tmp_path, project, monkeypatch):
    path = tmp_path / "new.classroom.json"

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing.os, "fsync", no_space)
    with pytest.raises(ProjectFileError) as caught:
        save_project(project, path)
    assert str(caught.value) == f"{path}: cannot be saved: the disk is full; nothing was written"
    assert list(tmp_path.iterdir()) == []


def test_write_atomically_writes_bytes_keeping_the_old_mode_or_not(tmp_path):
    path = tmp_path / "map.png"
    writing.write_atomically(path, b"first")
    path.chmod(0o600)
    writing.write_atomically(path, b"second")
    assert path.read_bytes() == b"second" and stat.S_IMODE(path.stat().st_mode) == 0o600
    old = os.umask(0o022)
    try:
        writing.write_atomically(path, b"third", keep_mode=False)
    finally:
        os.umask(old)
    assert path.read_bytes() == b"third" and stat.S_IMODE(path.stat().st_mode) == 0o644
    _only_the_file(path)


def test_a_killed_saves_leftover_goes_with_the_next_save_and_a_young_one_stays(saved, project):
    path, _ = saved
    old = path.parent / f".{path.name}.tmpab12cd34"  # what mkstemp names it
    unhidden = path.parent / f"{path.name}.tmpzz99yy88"  # the name earlier versions used
    young = path.parent / f".{path.name}.tmpyoung123"  # another editor's save in progress
    notes = path.parent / f"{path.name}.tmp notes"  # not ours at all
    for leftover in (old, unhidden, young, notes):
        leftover.write_text("partial")
    long_ago = os.stat(path).st_mtime - writing.LEFTOVER_AGE_S - 60
    for leftover in (old, unhidden, notes):
        os.utime(leftover, (long_ago, long_ago))
    save_project(_changed(project), path)
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, young.name, notes.name])


def test_a_folder_that_cannot_be_synced_does_not_fail_a_save_that_happened(saved, project, monkeypatch):
    path, _ = saved
    real_open = writing.os.open

    def folder_refused(name, flags, *args, **kwargs):
        if os.path.isdir(name):
            raise OSError(errno.EACCES, "Permission denied")
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(writing.os, "open", folder_refused)
    save_project(_changed(project), path)  # the rename is done: saying "not saved" would be a lie
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "A new title"


def test_the_editor_writes_files_only_through_write_atomically():
    """No second writer in the face (issue #10): a rename, a temp file or a direct write there
    would skip the fsync, the permissions or the old file's safety."""
    import ast

    app = Path(__file__).resolve().parent.parent / "app"
    direct = {"mkstemp", "NamedTemporaryFile", "write_text", "write_bytes", "setFileName"}
    moves = {("os", "replace"), ("os", "rename"), ("shutil", "copyfile"), ("shutil", "copy"), ("shutil", "copy2"),
             ("shutil", "move")}
    offenders = []
    for source in sorted([*(app / "ui").rglob("*.py"), *(app / "canvas").rglob("*.py")]):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
            writes = name == "open" and any(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                            and set(a.value) & set("wax") for a in node.args[1:2])
            if name in direct or (owner, name) in moves or writes:
                offenders.append(f"{source.relative_to(app.parent)}:{node.lineno} calls {owner or '?'}.{name}")
    assert offenders == []
