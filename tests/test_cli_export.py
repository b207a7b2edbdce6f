"""`classroom-layout export` and `run`: where the PDF goes, what is still unmet, and exit codes."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

import app.cli as cli
from app.cli import main
from app.readiness import Item, Readiness, Status, Target

TODO = Item("work-time/use/z3", "Station 3 'Library': how students use it", None, Status.NOT_YET,
            "Describe in your own words how students use Station 3 'Library'.", Target("how_used", "work-time", "z3"))
DONE = Item("teacher", "The teacher's name is on the evidence", None, Status.MET, "Ms. Anderson.", Target("teacher"))


@pytest.fixture
def sample(samples_dir):
    return samples_dir / "personalized-learning.classroom.json"


@pytest.fixture
def fake_export(monkeypatch):
    """A stand-in for app.export.export_pdf that records its calls and writes a stub file."""
    calls = []
    result = types.SimpleNamespace(readiness=Readiness((DONE, TODO), {"work-time": "Period 1"}))

    def export_pdf(project, out_path, layout_keys=None, paper="letter", draft=False):
        calls.append({"title": project.title, "out": out_path, "layout_keys": layout_keys, "paper": paper,
                      "draft": draft})
        Path(out_path).write_bytes(b"%PDF-1.4 stub")
        return types.SimpleNamespace(path=Path(out_path), pages=3, readiness=result.readiness)

    monkeypatch.setattr(cli, "_exporter", lambda: export_pdf)
    return types.SimpleNamespace(calls=calls, result=result)


def test_export_says_where_how_many_pages_and_what_is_unmet(sample, fake_export, tmp_path, capsys):
    out = tmp_path / "evidence.pdf"
    assert main(["export", str(sample), "-o", str(out)]) == 0  # unmet items never fail the export
    stdout, err = capsys.readouterr()
    assert err == ""
    assert f"Wrote {out} (the submission, 3 pages)" in stdout
    assert "Ready to submit? Not ready yet: 1 of 2 items to do." in stdout
    assert "every page says DRAFT until then" in stdout
    assert fake_export.calls == [{"title": fake_export.calls[0]["title"], "out": str(out),
                                  "layout_keys": None, "paper": "letter", "draft": False}]


def test_export_draft_asks_for_the_draft(sample, fake_export, tmp_path, capsys):
    out = tmp_path / "draft.pdf"
    assert main(["export", str(sample), "-o", str(out), "--draft"]) == 0
    assert f"Wrote {out} (the draft with its checklist, 3 pages)" in capsys.readouterr().out
    assert fake_export.calls[0]["draft"] is True


def test_export_with_everything_met_says_so(sample, fake_export, tmp_path, capsys):
    fake_export.result.readiness = Readiness((DONE,), {})
    assert main(["export", str(sample), "-o", str(tmp_path / "e.pdf"), "--paper", "a4"]) == 0
    out = capsys.readouterr().out
    assert "Ready to submit? Ready to submit: the one item is met." in out and "DRAFT" not in out
    assert fake_export.calls[0]["paper"] == "a4"


def test_export_layouts_are_named_by_name_or_id_and_passed_as_ids(sample, fake_export, tmp_path):
    argv = ["export", str(sample), "-o", str(tmp_path / "e.pdf"),
            "--layout", "Period 2 - Discussion then work time", "--layout", "work-time"]
    assert main(argv) == 0
    assert fake_export.calls[0]["layout_keys"] == ["discussion", "work-time"]


@pytest.mark.parametrize(("extra", "expected"), [
    (["--layout", "Period 7"], "no layout named 'Period 7'"),
    (["-o", "{tmp}/missing/e.pdf"], "cannot write the PDF: the folder {tmp}/missing does not exist"),
    (["-o", "{tmp}"], "is a folder; give the PDF's file name with -o"),
])
def test_export_refuses_bad_arguments_in_one_line(sample, fake_export, tmp_path, capsys, extra, expected):
    extra = [e.format(tmp=tmp_path) for e in extra]
    argv = ["export", str(sample), "-o", str(tmp_path / "e.pdf"), *extra]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert expected.format(tmp=tmp_path) in err
    assert fake_export.calls == []


def test_an_unwritable_output_is_one_line(sample, monkeypatch, tmp_path, capsys):
    def export_pdf(project, out_path, layout_keys=None, paper="letter", draft=False):
        raise PermissionError(13, "Permission denied", out_path)

    monkeypatch.setattr(cli, "_exporter", lambda: export_pdf)
    out = tmp_path / "e.pdf"
    assert main(["export", str(sample), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"{out}: cannot write the PDF: Permission denied\n"


def test_export_of_an_unreadable_project_is_exit_2(tmp_path, fake_export, capsys):
    bad = tmp_path / "bad.classroom.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["export", str(bad), "-o", str(tmp_path / "e.pdf")]) == 2
    assert capsys.readouterr().err.startswith(f"{bad}: is not valid JSON")


# --- run: what `make run` calls --------------------------------------------------------------


@pytest.fixture
def no_screen(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")


def test_run_without_a_screen_checks_and_writes_the_pdf(sample, fake_export, no_screen, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr("app.checks.run_checks", lambda project, layout, geometry=None: [])
    monkeypatch.setattr(cli, "_editor", lambda: pytest.fail("no editor without a screen"))
    assert main(["run", str(sample), "--out-dir", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "No screen here" in out
    assert out.count("no problems found") == 2
    assert f"Wrote {tmp_path / 'out' / 'personalized-learning.pdf'} (the " in out and "3 pages)" in out
    assert (tmp_path / "out" / "personalized-learning.pdf").exists()


def test_run_with_a_screen_opens_the_editor(sample, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    opened = []
    monkeypatch.setattr(cli, "_editor", lambda: lambda path: opened.append(path) or 0)
    assert main(["run", str(sample)]) == 0
    assert opened == [str(sample)]


# --- the real export, on a bundled sample ----------------------------------------------------


def test_the_real_export_writes_a_pdf_with_the_layouts(sample, tmp_path, capsys):
    from pypdf import PdfReader

    out = tmp_path / "evidence.pdf"
    assert main(["export", str(sample), "-o", str(out)]) == 0
    stdout = capsys.readouterr().out
    reader = PdfReader(out)
    assert f"Wrote {out} (the submission, {len(reader.pages)} page" in stdout
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Period 1 - Personalized work time" in text
