"""Export never writes over what it reads: the project file itself, by any path to it, is refused
with exit 2 and one line, and the project is left byte for byte."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.cli import main


@pytest.fixture
def project(samples_dir, tmp_path) -> Path:
    path = tmp_path / "room" / "F.classroom.json"
    path.parent.mkdir()
    shutil.copy(samples_dir / "station-rotation.classroom.json", path)
    return path


def _ways_to_name(project: Path) -> dict[str, str]:
    (project.parent / "sub").mkdir()
    os.symlink(project, project.parent / "link.pdf")
    os.link(project, project.parent / "hard.pdf")
    return {
        "the same path": str(project),
        "through ..": str(project.parent / "sub" / ".." / project.name),
        "relative": os.path.relpath(project),
        "a symbolic link": str(project.parent / "link.pdf"),
        "a hard link": str(project.parent / "hard.pdf"),
    }


@pytest.mark.parametrize("way", ["the same path", "through ..", "relative", "a symbolic link", "a hard link"])
def test_export_over_its_own_input_is_refused(project: Path, way: str, capsys) -> None:
    before = project.read_bytes()
    target = _ways_to_name(project)[way]
    assert main(["export", str(project), "-o", target]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err == f"{target}: is the project file being exported; give the PDF another name with -o\n"
    assert project.read_bytes() == before


def test_export_beside_the_project_is_fine(project: Path, capsys) -> None:
    assert main(["export", str(project), "-o", str(project.with_name("F.pdf"))]) == 0
    assert project.with_name("F.pdf").read_bytes().startswith(b"%PDF")


def test_export_where_nothing_can_be_written_is_one_line(project: Path, capsys) -> None:
    before = project.read_bytes()
    assert main(["export", str(project), "-o", "/proc/self/evidence.pdf"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("/proc/self/evidence.pdf: cannot be saved: ")
    assert project.read_bytes() == before


def test_a_full_disk_leaves_the_previous_pdf_and_no_temporary(project: Path, monkeypatch, capsys) -> None:
    import errno

    pdf = project.with_name("F.pdf")
    pdf.write_bytes(b"%PDF the previous export")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("app.storage.writing.os.replace", full)
    assert main(["export", str(project), "-o", str(pdf)]) == 2
    out, err = capsys.readouterr()
    assert err == f"{pdf}: cannot be saved: the disk is full; the previous file is unchanged\n"
    assert pdf.read_bytes() == b"%PDF the previous export"
    assert sorted(p.name for p in project.parent.iterdir()) == ["F.classroom.json", "F.pdf"]


def test_a_file_name_with_a_nul_byte_is_one_line(project: Path, capsys) -> None:
    assert main(["export", str(project), "-o", str(project.parent / "a\x00b.pdf")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"{project.parent}/a\\0b.pdf: is not a valid file name (it holds a NUL character)\n"
