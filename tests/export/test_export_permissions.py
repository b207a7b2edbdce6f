"""A written file gets the mode a saved project gets (0666 less the umask), not mkstemp's 0600."""

from __future__ import annotations

import os
import stat
import tempfile

import pytest

from app.export.permissions import give_saved_file_mode, saved_file_mode
from app.model import Layout, Project, Room
from app.storage import save_project

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@pytest.fixture
def umask():
    """Set the umask for one test and put the old one back."""
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _temp_file(folder) -> str:
    fd, path = tempfile.mkstemp(dir=folder, suffix=".pdf")
    os.close(fd)
    return path


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600), (0o027, 0o640)])
def test_a_mkstemp_file_gets_what_the_umask_allows(tmp_path, umask, mask, expected):
    umask(mask)
    path = _temp_file(tmp_path)
    assert _mode(path) == 0o600  # what mkstemp gives, whatever the umask
    give_saved_file_mode(path)
    assert _mode(path) == expected
    assert saved_file_mode() == expected


def test_the_umask_is_left_as_it_was(tmp_path, umask):
    umask(0o027)
    give_saved_file_mode(_temp_file(tmp_path))
    assert os.umask(0o027) == 0o027


def test_the_same_mode_as_a_newly_saved_project(tmp_path, umask):
    umask(0o022)
    project_file = tmp_path / "room.classroom.json"
    room = Room(outline=[(0, 0), (240, 0), (240, 240), (0, 240)])
    save_project(Project(layouts=[Layout(id="a", name="A", room=room)]), project_file)
    pdf = _temp_file(tmp_path)
    give_saved_file_mode(pdf)
    assert _mode(pdf) == _mode(project_file) == 0o644
