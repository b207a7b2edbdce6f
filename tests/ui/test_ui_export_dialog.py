"""File > Export evidence PDF… proposes `<project name>.pdf` beside the project file (never the
project file itself), or the plan's title in the documents folder when it was never saved."""

from __future__ import annotations

from pathlib import Path

import pytest

import app.ui.exporting as exporting
import app.ui.files as files
from app.ui.exporting import documents_folder, evidence_pdf_start, safe_file_name


@pytest.fixture
def dialog(monkeypatch):
    """The save dialog replaced: records (title, start folder/name, filter) and answers `answer`."""

    class Dialog:
        calls: list[tuple[str, str, str]] = []
        answer = ""

    def get_save_file_name(_parent, title, start, filter_):
        Dialog.calls.append((title, start, filter_))
        return Dialog.answer, filter_

    monkeypatch.setattr(files.QFileDialog, "getSaveFileName", get_save_file_name)
    return Dialog


def _save(editor, path: Path) -> None:
    editor.files.ask_save_path = lambda *a, **k: str(path)
    assert editor.files.save_as()
    del editor.files.ask_save_path  # the real dialog (with QFileDialog replaced) again


def test_a_saved_plan_proposes_its_name_as_a_pdf_beside_it(editor, dialog, tmp_path):
    project_file = tmp_path / "room 12" / "myroom.classroom.json"
    project_file.parent.mkdir()
    _save(editor, project_file)
    editor.exports.export_evidence()  # the teacher cancels
    title, start, filter_ = dialog.calls[-1]
    assert title == "Export evidence PDF" and filter_ == "PDF (*.pdf)"
    assert Path(start) == tmp_path / "room 12" / "myroom.pdf"
    assert editor.messages == [] and not Path(start).exists()  # cancelled: nothing written, nothing said


def test_the_proposed_pdf_is_written_where_proposed_and_the_plan_is_untouched(editor, dialog, tmp_path):
    project_file = tmp_path / "myroom.classroom.json"
    _save(editor, project_file)
    saved = project_file.read_bytes()
    dialog.answer = str(tmp_path / "myroom")  # typed without the extension: .pdf is added
    editor.exports.export_evidence()
    assert Path(dialog.calls[-1][1]) == tmp_path / "myroom.pdf"
    assert (tmp_path / "myroom.pdf").read_bytes().startswith(b"%PDF")
    assert project_file.read_bytes() == saved
    assert editor.messages[-1][0] == "info"


def test_a_plan_never_saved_is_named_after_its_title_in_the_documents_folder(editor, dialog, tmp_path,
                                                                             monkeypatch, samples_dir):
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(exporting, "documents_folder", lambda: documents)
    editor.files.open_sample(samples_dir / "station-rotation.classroom.json")
    assert editor.doc.path is None  # a sample is never the file the PDF goes beside
    editor.exports.export_evidence()
    assert Path(dialog.calls[-1][1]) == documents / f"{safe_file_name(editor.doc.project.title)}.pdf"
    assert Path(dialog.calls[-1][1]).name == "Station rotation classroom.pdf"


def test_an_untitled_plan_never_saved_gets_a_plain_name(editor, dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(exporting, "documents_folder", lambda: tmp_path)
    assert editor.doc.path is None and editor.doc.project.title == ""
    editor.exports.export_evidence()
    assert Path(dialog.calls[-1][1]) == tmp_path / "Classroom layout plan.pdf"


def test_the_documents_folder_is_a_folder_that_exists():
    folder = documents_folder()
    assert folder.is_dir() and folder.is_absolute()


def test_saving_the_plan_still_proposes_the_plan_file(editor, dialog, tmp_path):
    project_file = tmp_path / "myroom.classroom.json"
    _save(editor, project_file)
    editor.files.ask_save_path()
    assert Path(dialog.calls[-1][1]) == project_file


@pytest.mark.parametrize(("title", "name"), [
    ("Ms. Anderson's room: Period 1/2", "Ms. Anderson's room Period 1 2"),
    ("Nguyễn Thị Ánh — Grade 5 <math>", "Nguyễn Thị Ánh — Grade 5 math"),
    ("../../etc/passwd", "etc passwd"),
    ("  .hidden plan.  ", "hidden plan"),
    ('a\\b|c?d*e"f\tg\nh', "a b c d e f g h"),
    ("CON", "CON plan"),
    ("???", "Classroom layout plan"),
    ("", "Classroom layout plan"),
])
def test_a_title_becomes_a_file_name_every_system_accepts(title, name):
    assert safe_file_name(title) == name


def test_a_long_title_stays_a_short_file_name():
    name = safe_file_name("Phòng học " * 40)
    assert len(name) <= 60 and len((name + ".pdf").encode("utf-8")) < 255 and not name.endswith(" ")


@pytest.mark.parametrize(("project", "pdf"), [
    ("/plans/myroom.classroom.json", "/plans/myroom.pdf"),
    ("/plans/old-format.json", "/plans/old-format.pdf"),
    ("/plans/room: 12.classroom.json", "/plans/room 12.pdf"),
])
def test_the_pdf_sits_beside_the_project_file(project, pdf):
    assert evidence_pdf_start(project, "Ignored title", Path("/home/t/Documents")) == Path(pdf)


def test_the_editor_will_not_write_the_pdf_over_the_open_project(gui, tmp_path, samples_dir):
    import shutil

    path = tmp_path / "myroom.classroom.json"
    shutil.copy(samples_dir / "station-rotation.classroom.json", path)
    assert gui.w.files.open_path(str(path))
    before = path.read_bytes()
    gui.w.exports.ask_save_path = lambda *a, **k: str(tmp_path / "sub" / ".." / "myroom.classroom.json")
    gui.w.exports.export_evidence()
    kind, message = gui.w.messages[-1]
    assert kind == "error" and "is this project's own file" in message and "\n" not in message
    assert path.read_bytes() == before


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_map_picture_is_not_written_over_the_open_project(gui, tmp_path, samples_dir, fmt):
    import shutil

    path = tmp_path / "myroom.classroom.json"
    shutil.copy(samples_dir / "station-rotation.classroom.json", path)
    assert gui.w.files.open_path(str(path))
    before = path.read_bytes()
    assert gui.w.exports.export_image(fmt, str(path)) is False
    kind, message = gui.w.messages[-1]
    assert kind == "error" and "is this project's own file" in message
    assert path.read_bytes() == before
