"""Hostile inputs through the installed command (issue #10): `check`, `export`, `run`, `schema`.

Each runs `python -m app` in a subprocess with a timeout, so an input that blocks (a named
pipe, a device that never ends) fails the test instead of hanging it. Bad input is exit 2 with
one line on stderr naming the file and where, nothing on stdout, nothing written, and the
input exactly as it was.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
V1 = REPO / "tests" / "data" / "storage-v1-draft.classroom.json"

GOOD = {
    "format": "classroom-layout", "schema_version": 2,
    "layouts": [{
        "id": "work", "name": "Work time",
        "room": {"outline": [[0, 0], [360, 0], [360, 360], [0, 360]],
                 "doors": [{"id": "door", "wall": 2, "position": 60, "width": 36}]},
        "pieces": [{"id": "d1", "kind": "student-desk", "x": 60, "y": 60}],
        "zones": [{"id": "z1", "kind": "quiet", "polygon": [[200, 200], [340, 200], [340, 340], [200, 340]]}],
    }],
}


def _json(**changes: object) -> str:
    """GOOD with `changes` applied: {"layouts.0.pieces.0.x": "72"} sets that field."""
    data = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value
    return json.dumps(data, indent=2)


BAD_FILES = {
    # name: (content, the one line after "FILE: ")
    "x-as-string": (_json(**{"layouts.0.pieces.0.x": "72"}), 'layouts[0].pieces[0].x: expected a number, got the string "72"'),
    "fixed-as-yes": (_json(**{"layouts.0.pieces.0.fixed": "yes"}),
                     'layouts[0].pieces[0].fixed: expected true or false, got the string "yes"'),
    "collinear-zone": (_json(**{"layouts.0.zones.0.polygon": [[0, 0], [72, 12], [144, 24]]}),
                       "layouts[0].zones[0].polygon: has no area (its points lie on one line)"),
    "duplicate-key": (_json().replace('"x": 60,', '"x": 60, "x": 61,'),
                      'line 40, column 20: layouts[0].pieces[0]: the key "x" appears twice'),
}


def _run(*args: str, stdin: int | None = subprocess.DEVNULL, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # `run` must not look for a screen
    env.pop("CLASSROOM_LAYOUT_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=cwd, env=env, stdin=stdin,
                          capture_output=True, text=True, timeout=60)


def _refused(done: subprocess.CompletedProcess, source: str | Path, problem: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr == f"{source}: {problem}\n"


def _args(command: str, source: Path | str, out: Path) -> list[str]:
    if command == "export":
        return ["export", str(source), "-o", str(out / "plan.pdf")]
    if command == "run":
        return ["run", str(source), "--out-dir", str(out / "pdfs")]
    return ["check", str(source)]


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a Unix socket's path is limited to about 100 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="cl-"))
    yield folder
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _nothing_written(out: Path) -> None:
    assert list(out.iterdir()) == []


# --- inputs that are not regular files: refused at once, before any open that could block -


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", ["check", "export", "run"])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(command, tmp_path, out):
    fifo = tmp_path / "pipe.classroom.json"
    os.mkfifo(fifo)
    done = _run(*_args(command, fifo, out))
    _refused(done, fifo, "is a named pipe (FIFO), not a project file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    _nothing_written(out)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_link_to_a_named_pipe_is_refused_too(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "room.classroom.json"
    link.symlink_to(fifo)
    _refused(_run("check", str(link)), link, "is a named pipe (FIFO), not a project file")


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="no /dev/stdin here")
def test_standard_input_that_is_a_pipe_is_refused():
    done = subprocess.run([sys.executable, "-m", "app", "check", "/dev/stdin"], cwd=REPO, input=json.dumps(GOOD),
                          capture_output=True, text=True, timeout=60)
    _refused(done, "/dev/stdin", "is a named pipe (FIFO), not a project file")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
@pytest.mark.parametrize(("command", "device"), [("check", "/dev/null"), ("check", "/dev/zero"), ("export", "/dev/zero"),
                                                 ("run", "/dev/urandom")])
def test_a_character_device_is_refused_instead_of_read_forever(command, device, out):
    _refused(_run(*_args(command, device, out)), device, "is a character device, not a project file")
    _nothing_written(out)


def test_a_block_device_is_refused():
    devices = [p for p in Path("/dev").iterdir() if not p.is_symlink() and p.exists() and stat.S_ISBLK(p.stat().st_mode)]
    if not devices:
        pytest.skip("no block device here")
    _refused(_run("check", str(devices[0])), devices[0], "is a block device, not a project file")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
def test_a_socket_is_refused(short_dir):
    path = short_dir / "s.classroom.json"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        server.listen(1)
        _refused(_run("check", str(path)), path, "is a socket, not a project file")
    finally:
        server.close()


@pytest.mark.parametrize("command", ["export", "run"])
def test_a_folder_is_refused(command, tmp_path, out):
    folder = tmp_path / "plans.classroom.json"
    folder.mkdir()
    _refused(_run(*_args(command, folder, out)), folder, "is a folder, not a project file")
    _nothing_written(out)


def test_a_link_that_points_at_itself(tmp_path):
    link = tmp_path / "loop.classroom.json"
    link.symlink_to(link)
    _refused(_run("check", str(link)), link, "cannot be read: Too many levels of symbolic links")


def test_a_link_to_nothing(tmp_path):
    link = tmp_path / "gone.classroom.json"
    link.symlink_to(tmp_path / "never-there.classroom.json")
    _refused(_run("check", str(link)), link, "no such file")


def test_a_huge_file_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.classroom.json"
    with open(path, "wb") as f:
        f.truncate(2 * 1024**3)  # sparse: 2 GB that cost no disk
    _refused(_run("check", str(path)), path, "is 2048.0 MB; project files may be at most 20.0 MB")


# --- bad content through every command that reads a file ----------------------------------


@pytest.mark.parametrize("name", list(BAD_FILES))
@pytest.mark.parametrize("command", ["check", "export", "run"])
def test_a_bad_file_is_named_by_every_command_and_nothing_is_written(command, name, tmp_path, out):
    content, problem = BAD_FILES[name]
    path = tmp_path / f"{name}.classroom.json"
    path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    _refused(_run(*_args(command, path, out)), path, problem)
    assert path.read_bytes() == before
    _nothing_written(out)


def test_export_over_its_own_bad_input_leaves_it_intact(tmp_path):
    content, problem = BAD_FILES["x-as-string"]
    path = tmp_path / "room.classroom.json"
    path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    _refused(_run("export", str(path), "-o", str(path)), path, problem)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["room.classroom.json"]


@pytest.mark.parametrize("options", [["--json"], ["--layout", "work"], ["--json", "--layout", "nowhere"]])
def test_check_with_options_still_stops_at_the_bad_file(options, tmp_path):
    content, problem = BAD_FILES["collinear-zone"]
    path = tmp_path / "room.classroom.json"
    path.write_text(content, encoding="utf-8")
    _refused(_run("check", str(path), *options), path, problem)


def test_a_v1_draft_with_a_bad_type_names_its_own_field(tmp_path):
    data = json.loads(V1.read_text(encoding="utf-8"))
    data["layouts"][0]["furniture"][2]["pos"] = [15, "22"]
    path = tmp_path / "old.classroom.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    _refused(_run("check", str(path)), path, 'layouts[0].furniture[2].pos: expected a number, got the string "22"')
    assert path.read_bytes() == before


def test_a_file_name_with_a_newline_still_gives_one_line(tmp_path):
    content, problem = BAD_FILES["fixed-as-yes"]
    path = tmp_path / "room\nB.classroom.json"
    path.write_text(content, encoding="utf-8")
    done = _run("check", str(path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"{tmp_path}/room B.classroom.json: {problem}\n"


def test_a_bom_then_a_wrong_type_is_still_named(tmp_path):
    path = tmp_path / "bom.classroom.json"
    path.write_bytes(b"\xef\xbb\xbf" + _json(class_size="24").encode())
    _refused(_run("check", str(path)), path, 'class_size: expected a whole number, got the string "24"')


# --- schema: it takes no file, and never opens one ----------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_schema_given_a_file_refuses_the_argument_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.classroom.json"
    os.mkfifo(fifo)
    done = _run("schema", str(fifo))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"classroom-layout: unrecognized arguments: {fifo} (see classroom-layout --help)\n"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_schema_with_an_unknown_option_is_exit_2():
    done = _run("schema", "--strict")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "classroom-layout: unrecognized arguments: --strict (see classroom-layout --help)\n"


def test_the_printed_schema_types_every_envelope_field():
    done = _run("schema")
    assert done.returncode == 0 and done.stderr == ""
    properties = json.loads(done.stdout)["properties"]
    assert {name: properties[name]["type"] for name in ("format", "schema_version", "length_unit")} == {
        "format": "string", "schema_version": "integer", "length_unit": "string"}
