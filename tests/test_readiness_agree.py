"""The one verdict, the same in the core, `classroom-layout check --json` and the PDF, on each
case of the issue and on every sample (the editor's panel: tests/ui/test_ui_ready.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.export import export_pdf
from app.readiness import readiness
from app.storage import load_project, save_project

from .readiness_cases import CASES  # noqa: TID252

SAMPLES = ["personalized-learning", "station-rotation", "fourth-grade-rotation", "broken-room"]


def text_of(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def open_keys(verdict) -> set[str]:
    return {i.key.split("/", 1)[-1] for i in verdict.open_items}


def agree(project, tmp_path: Path, capsys) -> None:
    verdict = readiness(project)
    path = tmp_path / "p.classroom.json"
    save_project(project, path)
    code = main(["check", str(path), "--json"])
    out = json.loads(capsys.readouterr().out)["readiness"]
    assert out["ready"] is verdict.ready and out["verdict"] == verdict.verdict()
    assert [(i["key"], i["status"], i["detail"]) for i in out["items"]] == [
        (i.key, i.status.value, i.detail) for i in verdict.items]
    assert code == (1 if not verdict.ready or any(
        f["severity"] == "error" for f in json.loads(_check_json(path, capsys))["findings"]) else 0)
    draft = text_of(export_pdf(project, tmp_path / "d.pdf", draft=True).path)
    assert verdict.verdict() in draft
    for item in verdict.open_items:
        assert " ".join(item.detail.split())[:60] in draft, item.key
    submission = text_of(export_pdf(project, tmp_path / "s.pdf").path)
    assert ("DRAFT · not ready to submit" in submission) is not verdict.ready


def _check_json(path: Path, capsys) -> str:
    main(["check", str(path), "--json"])
    return capsys.readouterr().out


@pytest.mark.parametrize("case", list(CASES))
def test_each_case_has_one_verdict_everywhere(case: str, tmp_path: Path, capsys) -> None:
    make, expected = CASES[case]
    project = make()
    verdict = readiness(project)
    assert open_keys(verdict) == expected
    agree(project, tmp_path, capsys)


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_has_one_verdict_everywhere(name: str, samples_dir: Path, tmp_path: Path, capsys) -> None:
    agree(load_project(samples_dir / f"{name}.classroom.json"), tmp_path, capsys)
