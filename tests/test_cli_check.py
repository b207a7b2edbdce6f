"""`classroom-layout check`: exit 0 / 1 / 2, the readable list and the JSON array."""

from __future__ import annotations

import json
import sys
import types

import pytest

import app.checks
from app.checks import run_checks, sort_findings
from app.cli import main
from app.model import Finding, Severity
from app.storage import load_project


def _finding(severity: str, code: str, ids=()) -> Finding:
    return Finding(severity=Severity(severity), code=code, message=f"Something about {code}.", ids=list(ids))


@pytest.fixture
def sample(samples_dir):
    return samples_dir / "personalized-learning.classroom.json"


@pytest.fixture
def fake_checks(monkeypatch):
    """Replace the checks: fill .found[layout_id]; .calls lists the layouts checked."""
    fake = types.SimpleNamespace(found={}, calls=[])

    def run(project, layout, geometry=None):
        fake.calls.append(layout.id)
        return list(fake.found.get(layout.id, []))

    monkeypatch.setattr(app.checks, "run_checks", run)
    return fake


@pytest.fixture
def ready(monkeypatch):
    """The verdict of a complete project, whatever the sample says."""
    from app.readiness import Readiness

    monkeypatch.setattr("app.readiness.readiness", lambda project, layouts=None, analyses=None: Readiness(()))


def test_warnings_and_notes_do_not_fail_the_check(sample, fake_checks, ready, capsys):
    fake_checks.found["work-time"] = [_finding("warning", "narrow-path"), _finding("info", "route-length")]
    assert main(["check", str(sample)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "Period 1 - Personalized work time (layout work-time)" in out
    assert "Period 2 - Discussion then work time (layout discussion)" in out
    assert "0 errors, 1 warning, 1 info" in out
    assert "no problems found" in out  # the second layout


def test_an_error_in_any_layout_fails_the_check(sample, fake_checks, capsys):
    fake_checks.found["discussion"] = [_finding("error", "piece-collision", ["t1", "t2"])]
    assert main(["check", str(sample)]) == 1
    out, _ = capsys.readouterr()
    assert "error    piece-collision" in out
    assert fake_checks.calls == ["work-time", "discussion"]


def test_layout_chooses_one_layout_by_name_or_id(sample, fake_checks, ready, capsys):
    fake_checks.found["discussion"] = [_finding("error", "piece-collision")]
    assert main(["check", str(sample), "--layout", "period 1 - personalized WORK time"]) == 0
    assert main(["check", str(sample), "--layout", "discussion"]) == 1
    out, _ = capsys.readouterr()
    assert fake_checks.calls == ["work-time", "discussion"]
    assert out.count("(layout ") == 2
    assert out.count("Ready to submit? Ready to submit") == 2


def test_an_unknown_layout_lists_the_ones_there_are(sample, fake_checks, capsys):
    assert main(["check", str(sample), "--layout", "Period 9"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err == (f"{sample}: no layout named 'Period 9'; the layouts are: "
                   "'Period 1 - Personalized work time' (id work-time), "
                   "'Period 2 - Discussion then work time' (id discussion)\n")
    assert fake_checks.calls == []


def test_json_output_is_the_findings_with_their_layout_and_the_verdict(sample, fake_checks, capsys):
    fake_checks.found["work-time"] = [_finding("warning", "narrow-path", ["d1"])]
    fake_checks.found["discussion"] = [_finding("error", "outside-room", ["d9"])]
    assert main(["check", str(sample), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"findings", "readiness"}
    assert set(out["readiness"]) == {"ready", "verdict", "items"}
    rows = out["findings"]
    assert [(r["layout"], r["severity"], r["code"], r["ids"]) for r in rows] == [
        ("work-time", "warning", "narrow-path", ["d1"]), ("discussion", "error", "outside-room", ["d9"])]
    assert set(rows[0]) == {"severity", "code", "message", "ids", "point", "polygon", "path", "layout"}


def test_json_output_with_nothing_found_and_all_met_exits_0(sample, fake_checks, ready, capsys):
    assert main(["check", str(sample), "--json", "--layout", "work-time"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["findings"] == [] and out["readiness"]["ready"] is True


def test_anything_not_met_fails_the_check_even_with_no_problem(sample, fake_checks, monkeypatch, capsys):
    from app.readiness import Item, Readiness, Status, Target

    todo = Item("school", "The school's name is on the evidence", None, Status.NOT_YET,
                "Add your school's name in File > Project details…", Target("school"))
    monkeypatch.setattr("app.readiness.readiness", lambda project, layouts=None, analyses=None: Readiness((todo,)))
    assert main(["check", str(sample)]) == 1
    out = capsys.readouterr().out
    assert "Ready to submit? Not ready yet: 1 of 1 items to do." in out
    assert "  not yet       The school's name is on the evidence: Add your school's name in File > Project details…" in out


def test_run_checks_joins_geometry_and_contradictions_errors_first(monkeypatch, samples_dir):
    geometry = types.ModuleType("app.geometry")
    geometry.check_layout = lambda layout: [_finding("info", "g-info"), _finding("error", "g-error")]
    monkeypatch.setitem(sys.modules, "app.geometry", geometry)
    monkeypatch.setattr("app.readiness.contradictions", lambda project, layout: [_finding("warning", "contradiction")])
    project = load_project(samples_dir / "station-rotation.classroom.json")
    codes = [f.code for f in run_checks(project, project.layouts[0])]
    assert codes == ["g-error", "contradiction", "g-info"]


def test_sorting_is_stable_within_a_severity():
    found = [_finding("info", "a"), _finding("warning", "b"), _finding("error", "c"),
             _finding("warning", "d"), _finding("error", "e")]
    assert [f.code for f in sort_findings(found)] == ["c", "e", "b", "d", "a"]


# --- the real checks, on the bundled samples ------------------------------------------------


def test_the_real_checks_find_the_broken_rooms_errors(samples_dir, capsys):
    assert main(["check", str(samples_dir / "broken-room.classroom.json"), "--json"]) == 1
    rows = json.loads(capsys.readouterr().out)["findings"]
    assert any(r["severity"] == "error" for r in rows)
    severities = [r["severity"] for r in rows]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


@pytest.mark.parametrize("name", ["personalized-learning", "station-rotation", "fourth-grade-rotation"])
def test_the_real_checks_pass_the_good_samples(name, samples_dir, capsys):
    code = main(["check", str(samples_dir / f"{name}.classroom.json")])
    out, err = capsys.readouterr()
    assert err == ""
    assert code == 0, out


def test_check_needs_no_writable_home_or_cache(samples_dir, tmp_path):
    """A locked-down school account: nothing to write to, not even bytecode; the first check of
    a fresh process answers as any other."""
    import os
    import subprocess
    from pathlib import Path

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(locked), "XDG_CACHE_HOME": str(locked),
           "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-m", "app", "check", str(samples_dir / "broken-room.classroom.json")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "unreachable-zone" in done.stdout and "narrowest point is 30\"" in done.stdout
    assert done.stderr == ""
