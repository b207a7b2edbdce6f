"""The rest of the CLI: version, schema, kinds, opening the editor, and internal errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import app.cli as cli
from app import __version__
from app.cli import main
from app.model import ZONE_KINDS, catalog
from app.storage import json_schema

REPO = Path(__file__).resolve().parent.parent


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"classroom-layout {__version__}\n"


def test_schema_prints_the_file_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_kinds_lists_every_furniture_and_zone_kind_with_sizes(capsys):
    assert main(["kinds"]) == 0
    out = capsys.readouterr().out
    for item in catalog().items:
        assert f"  {item.id} " in out
    for kind in ZONE_KINDS:
        assert f"  {kind.value} " in out
    assert "Student desk" in out and "2'-0\" x 1'-6\"" in out


@pytest.mark.parametrize("argv", [[], ["room.classroom.json"], ["edit", "room.classroom.json"]])
def test_no_command_or_a_file_opens_the_editor(argv, monkeypatch):
    monkeypatch.setenv("DISPLAY", ":0")
    opened = []
    monkeypatch.setattr(cli, "_editor", lambda: lambda path: opened.append(path) or 0)
    assert main(argv) == 0
    assert opened == [argv[-1] if argv else None]


def test_without_a_screen_the_editor_is_not_tried(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "linux")  # Windows and macOS always have a screen
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli, "_editor", lambda: pytest.fail("Qt would abort without a display"))
    assert main(["room.classroom.json"]) == 2
    assert capsys.readouterr().err.startswith("there is no screen to open the editor on")


def test_an_unexpected_failure_is_one_line_and_exit_3(monkeypatch, samples_dir, capsys):
    def broken(project, layout, geometry=None):
        raise KeyError("zone-17")

    monkeypatch.setattr("app.checks.run_checks", broken)
    monkeypatch.delenv("CLASSROOM_LAYOUT_DEBUG", raising=False)
    assert main(["check", str(samples_dir / "station-rotation.classroom.json")]) == 3
    err = capsys.readouterr().err
    assert err.startswith("internal error: KeyError: 'zone-17'") and err.count("\n") == 1


def test_the_debug_variable_shows_the_real_exception(monkeypatch, samples_dir):
    def broken(project, layout, geometry=None):
        raise KeyError("zone-17")

    monkeypatch.setattr("app.checks.run_checks", broken)
    monkeypatch.setenv("CLASSROOM_LAYOUT_DEBUG", "1")
    with pytest.raises(KeyError, match="zone-17"):
        main(["check", str(samples_dir / "station-rotation.classroom.json")])


def test_a_usage_mistake_is_exit_2_without_a_traceback(capsys):
    assert main(["export", "x.classroom.json"]) == 2  # -o is required
    err = capsys.readouterr().err
    assert "the following arguments are required: -o/--output" in err and "Traceback" not in err


def test_the_module_runs_as_a_program():
    done = subprocess.run([sys.executable, "-m", "app", "--version"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, f"classroom-layout {__version__}\n")


@pytest.mark.parametrize(("argv", "says"), [
    (["schema", "extra"], "classroom-layout: unrecognized arguments: extra (see classroom-layout --help)"),
    (["check"], "classroom-layout check: the following arguments are required: FILE"),
    (["export", "x.classroom.json", "--paper", "legal"], "argument --paper: invalid choice: 'legal'"),
])
def test_a_usage_mistake_is_one_line(argv, says, capsys):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and says in err
