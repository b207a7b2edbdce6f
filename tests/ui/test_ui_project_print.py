"""File > Project details, Print and Export evidence PDF through the real window (dialogs replaced)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

DETAILS = {"title": "Room 12 <personalized> & more", "teacher": "Ms. Núñez", "school": "Example Middle School",
           "course": "Grade 7 English", "class_size": 28, "display_units": "ft-in"}


def test_project_details_are_one_undoable_step(gui):
    gui.w.setup.ask_project_details = lambda: dict(DETAILS)
    assert gui.w.setup.project_details()
    project = gui.w.doc.project
    assert (project.title, project.teacher, project.class_size) == (DETAILS["title"], "Ms. Núñez", 28)
    assert gui.w.doc.undo_stack.undoText() == "Change project details" and gui.w.isWindowModified()
    assert not gui.w.setup.project_details()  # the same values again: nothing recorded
    gui.w.doc.undo_stack.undo()
    assert (gui.w.doc.project.title, gui.w.doc.project.class_size) == ("", None)


def test_refused_class_size_is_one_line(gui):
    gui.w.setup.ask_project_details = lambda: {**DETAILS, "class_size": 9999}
    assert not gui.w.setup.project_details()
    kind, text = gui.w.messages[-1]
    assert kind == "error" and "class_size" in text and "\n" not in text and gui.w.doc.project.title == ""


def test_metric_units_follow_the_project(gui):
    gui.w.setup.ask_project_details = lambda: {**DETAILS, "display_units": "metric"}
    gui.w.setup.project_details()
    assert gui.w.scene.units == "metric" and gui.w.inspector.units == "metric"
    gui.w.doc.undo_stack.undo()
    assert gui.w.scene.units == "ft-in"


def test_evidence_pdf_title_block_uses_the_details_and_lists_what_is_missing(gui, tmp_path, monkeypatch):
    import app.export

    gui.w.setup.ask_project_details = lambda: dict(DETAILS)
    gui.w.setup.project_details()
    out = tmp_path / "evidence.pdf"
    gui.w.exports.ask_save_path = lambda *a, **k: str(out)
    calls = []
    real = app.export.export_pdf
    monkeypatch.setattr(app.export, "export_pdf", lambda *a, **k: calls.append(a) or real(*a, **k))
    gui.w.exports.export_evidence()
    assert calls and calls[0][0] is gui.w.doc.project  # the real export, on the open project
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    for value in ("Room 12 <personalized> & more", "Ms. Núñez", "Example Middle School", "Grade 7 English"):
        assert value in text
    kind, message = gui.w.messages[-1]
    assert kind == "info" and "marked DRAFT on every page: Not ready yet" in message
    assert "Add your school's name" not in message and "At least 4 different sections" in message  # what is left


def test_the_draft_is_its_own_menu_entry_and_holds_the_checklist(gui, tmp_path):
    out = tmp_path / "draft.pdf"
    asked = []
    gui.w.exports.ask_save_path = lambda title, *a, **k: asked.append((title, a[-1] if a else None)) or str(out)
    gui.w.exports.export_draft_action.trigger()
    assert asked[0][0] == "Export draft with checklist" and asked[0][1].endswith(" draft.pdf")
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Readiness checklist" in text and "DRAFT · not ready to submit" in text


def test_export_failure_is_one_line(gui, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    gui.w.exports.ask_save_path = lambda *a, **k: str(blocker / "evidence.pdf")
    gui.w.exports.export_evidence()
    kind, text = gui.w.messages[-1]
    assert kind == "error" and "\n" not in text


@pytest.mark.parametrize("accept", [True, False])
def test_print_to_a_pdf_file(gui, tmp_path, accept):
    from PySide6.QtPrintSupport import QPrinter

    gui.drop("piece:teacher-desk", 120, 120)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    asked = []
    gui.w.exports.ask_print = lambda p: asked.append(p) or accept
    assert gui.w.exports.print_plan(printer) is accept
    assert asked == [printer]
    if accept:
        data = out.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 2000
        assert gui.w.doc.layout.name in " ".join(PdfReader(out).pages[0].extract_text().split())
    else:
        assert not out.exists()
    assert gui.w.exports.print_action.shortcut().toString() == "Ctrl+P"
