"""Every bad file through `classroom-layout check`: exit 2, one line on stderr naming where, no traceback."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from app.cli import main

REPO = Path(__file__).resolve().parent.parent


def _good() -> dict:
    return {
        "format": "classroom-layout", "schema_version": 2, "length_unit": "in", "title": "Room 4",
        "layouts": [{
            "id": "work", "name": "Work time",
            "room": {"outline": [[0, 0], [360, 0], [360, 360], [0, 360]],
                     "doors": [{"id": "door", "wall": 2, "position": 60, "width": 36}]},
            "pieces": [{"id": "d1", "kind": "student-desk", "x": 60, "y": 60},
                       {"id": "d2", "kind": "student-desk", "x": 120, "y": 60}],
            "zones": [{"id": "z1", "kind": "quiet", "name": "Calm corner",
                       "polygon": [[200, 200], [340, 200], [340, 340], [200, 340]]}],
        }],
    }


def _with(change) -> str:
    data = copy.deepcopy(_good())
    change(data)
    return json.dumps(data)


def _set(path: str, value):
    """_set("layouts.0.pieces.1.id", "d1") -> a change that sets that field."""
    def change(data):
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value
    return change


GOOD = json.dumps(_good())
CASES = {
    # name: (file text or bytes, what the one line must say)
    "not-utf8": (b'{"title": "Caf\xe9"}', "is not UTF-8 text (byte 0xe9 on line 1)"),
    "malformed": ('{"format": "classroom-layout",\n  "schema_version": 2\n  "layouts": []}',
                  "is not valid JSON: line 3, column 3: Expecting ',' delimiter"),
    "empty": ("", "is not valid JSON: line 1, column 1"),
    "top-level-list": ("[1, 2, 3]", "must hold a JSON object {...} at the top, not a list"),
    "wrong-format": (_with(_set("format", "sweet-home-3d")),
                     'format: expected "classroom-layout", got the string "sweet-home-3d" (this is not a classroom layout file)'),
    "no-format": (_with(lambda d: d.pop("format")), "is not a classroom layout file"),
    "newer-version": (_with(_set("schema_version", 4)), "was made by a newer version of Classroom Layout Designer"),
    "version-zero": (_with(_set("schema_version", 0)), "schema_version 0 is not a version this program knows"),
    "version-text": (_with(_set("schema_version", "2")), 'schema_version: expected a whole number, got the string "2"'),
    "unknown-unit": (_with(_set("length_unit", "yd")), "length_unit: 'yd' is not one of 'in', 'ft', 'mm', 'cm', 'm'"),
    "nan": (GOOD.replace('"x": 120', '"x": NaN'), "NaN is not a number JSON allows"),
    "infinity": (GOOD.replace('"y": 60}]', '"y": -Infinity}]'), "-Infinity is not a number JSON allows"),
    "absurd-magnitude": (_with(_set("layouts.0.pieces.1.x", 1e308)), "layouts[0].pieces[1].x: 1e+308 in is beyond 1,000 ft"),
    "overflowing-float": (GOOD.replace('"x": 120', '"x": 1e400'), "the number 1e400 is too large"),
    "huge-int": (GOOD.replace('"x": 120', '"x": ' + "9" * 5000), "has too many digits"),
    "int-too-big-for-field": (_with(_set("class_size", 10**15)), "class_size: input should be less than or equal to 500"),
    "deep-nesting": ('{"layouts": ' + "[" * 100_000 + "]" * 100_000 + "}", "is nested too deeply"),
    "duplicate-ids": (_with(_set("layouts.0.pieces.1.id", "d1")), "layouts[0].pieces[1].id: duplicate id 'd1'"),
    "duplicate-key": (GOOD.replace('"title": "Room 4"', '"title": "Room 4", "title": "Room 5"'),
                      'line 1, column 93: the key "title" appears twice'),
    "unknown-kind": (_with(_set("layouts.0.pieces.0.kind", "sofa")), "layouts[0].pieces[0].kind: unknown furniture kind 'sofa'"),
    "unknown-zone-kind": (_with(_set("layouts.0.zones.0.kind", "gym")), "layouts[0].zones[0].kind: 'gym' is not one of"),
    "self-intersecting": (_with(_set("layouts.0.zones.0.polygon", [[0, 0], [100, 100], [100, 0], [0, 100]])),
                          "layouts[0].zones[0].polygon: crosses itself near (50, 50)"),
    "self-intersecting-room": (_with(_set("layouts.0.room.outline", [[0, 0], [360, 360], [360, 0], [0, 360]])),
                               "layouts[0].room.outline: crosses itself"),
    "negative-size": (_with(_set("layouts.0.pieces.0.width", -24)), "layouts[0].pieces[0].width: must be more than zero"),
    "no-layouts": (_with(_set("layouts", [])), "layouts: is empty; a project needs at least one layout"),
    "door-off-wall": (_with(_set("layouts.0.room.doors.0.wall", 9)), "layouts[0].room.doors[0].wall: is 9 but the room has only 4 walls"),
    "rotation-unknown-zone": (_with(_set("layouts.0.transitions", {"rotation": ["z9"]})),
                              "layouts[0].transitions.rotation[0]: no zone has the id 'z9'"),
    "typo-field": (_with(_set("layouts.0.pieces.0.rotaton", 90)), "layouts[0].pieces[0].rotaton: is not a field"),
    "v1-bad-pos": (json.dumps({"version": 1, "layouts": [{"name": "A", "room": {"outline": [[0, 0], [9, 0], [9, 9]]},
                                                          "furniture": [{"id": "a", "kind": "chair", "pos": [1]}]}]}),
                   "layouts[0].furniture[0].pos: expected [x, y], got a list of 1 item"),
}


def _check_fails_in_one_line(capsys, path: Path, expected: str) -> str:
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err
    assert err.startswith(f"{path}: "), err
    assert expected in err, err
    return err


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_file_is_named_in_one_line(name, tmp_path, capsys):
    content, expected = CASES[name]
    path = tmp_path / f"{name}.classroom.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    _check_fails_in_one_line(capsys, path, expected)


def test_a_missing_file(tmp_path, capsys):
    _check_fails_in_one_line(capsys, tmp_path / "gone.classroom.json", "no such file")


def test_a_folder(tmp_path, capsys):
    _check_fails_in_one_line(capsys, tmp_path, "is a folder, not a project file")


def test_a_name_no_file_can_have(capsys):
    assert main(["check", "room\x00.classroom.json"]) == 2
    assert capsys.readouterr().err.endswith(": is not a valid file name\n")


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "huge.classroom.json"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: costs no disk, reads as 50 MB
    _check_fails_in_one_line(capsys, path, "is 50.0 MB; project files may be at most 20.0 MB")


@contextlib.contextmanager
def _as_nobody():
    if os.geteuid() != 0:  # permissions mean nothing to root
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def test_an_unreadable_file(capsys):
    folder = Path(tempfile.mkdtemp(prefix="classroom-cli-"))  # tmp_path is private to its owner
    try:
        folder.chmod(0o755)
        path = folder / "locked.classroom.json"
        path.write_text(GOOD, encoding="utf-8")
        path.chmod(0o000)
        with _as_nobody():
            _check_fails_in_one_line(capsys, path, "cannot be read: permission denied")
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("content", [GOOD.replace('"x": 120', '"x": NaN'), "[" * 100_000])
def test_the_installed_command_prints_no_traceback_either(content, tmp_path):
    path = tmp_path / "bad.classroom.json"
    path.write_text(content, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "app", "check", str(path)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{path}: ")
