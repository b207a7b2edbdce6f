"""The evidence PDF read back with pypdf: what a reviewer sees is really on the page."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.export import ExportResult, export_pdf
from app.model import Project, Signal, TransitionPlan

from .conftest import STATIONS, station_layout  # noqa: TID252 - helpers beside the tests


def pdf_text(path: Path) -> str:
    """All the text of a PDF with runs of whitespace made single spaces (cells wrap lines)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_station_and_both_of_its_texts_are_printed(station_project: Project, tmp_path: Path) -> None:
    result = export_pdf(station_project, tmp_path / "evidence.pdf")
    text = pdf_text(result.path)
    for _, _, name, number, _, how_used, environment in STATIONS:
        assert name in text
        assert flat(how_used) in text
        assert flat(environment) in text
    assert "Zoë Ødegård's desks" in text  # a section without a number is listed too


def test_the_transition_narrative_is_written_from_the_layout(station_project: Project, tmp_path: Path) -> None:
    text = pdf_text(export_pdf(station_project, tmp_path / "e.pdf").path)
    assert "How transitions are facilitated" in text
    assert "Groups rotate clockwise around the room through 4 stations: 1 → 2 → 3 → 4, then back to 1." in text
    assert "15 minutes at each station, 60 minutes for the full rotation" in text
    for leg in range(1, 5):
        assert f"Leg {leg}: Station" in text
    assert "from Main door" in text  # nearest door with walking distance
    for cue, meaning in (("Chime", "5 minutes left"), ("Music", "move now"),
                         ("Lights flicked twice", "pause and look at the teacher")):
        assert f"{cue}: {meaning}" in text
    plan = station_project.layouts[0].transitions
    for verbatim in (plan.entrance_routine, plan.materials_routine, plan.notes, station_project.layouts[0].notes):
        assert flat(verbatim) in text


def test_the_drafts_checklist_lists_every_requirement_and_criterion_once(two_layout_project: Project,
                                                                         tmp_path: Path) -> None:
    text = pdf_text(export_pdf(two_layout_project, tmp_path / "e.pdf", draft=True).path)
    assert text.count("Readiness checklist") == 1  # once for the project, not per layout
    for phrase in ("A map of the classroom", "At least 4 different sections or stations, labeled",
                   "Station 1 'Teacher table': how students use it", "how transitions are facilitated",
                   "Criterion 1: learner choice and flexibility", "Criterion 2: collaboration among learners",
                   "Criterion 3: smooth transitions between activities"):
        assert phrase in text


def test_teacher_markup_prints_as_written_and_nothing_is_fetched(station_project: Project, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the export tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr("reportlab.lib.utils.rlUrlRead", no_network, raising=False)
    layout = station_project.layouts[0]
    zones = list(layout.zones)
    zones[0] = zones[0].model_copy(update={"name": "Desk <A>", "how_used": 'Tables < 5 & "R&D" <b>',
                                           "positive_environment": '<img src="http://x/y.png"/>'})
    plan = layout.transitions.model_copy(update={"notes": "Line one\nLine <two> & three"})
    project = station_project.model_copy(update={
        "title": "R&D <lab>", "teacher": "Desk <A>", "school": "R&D Academy", "course": "<b>Grade 5</b>",
        "layouts": [layout.model_copy(update={"zones": zones, "transitions": plan})]})
    text = pdf_text(export_pdf(project, tmp_path / "e.pdf").path)
    assert "Teacher Desk <A>" in text and "School R&D Academy" in text and "&D;" not in text  # the title block
    assert "<b>Grade 5</b>" in text
    assert 'Tables < 5 & "R&D" <b>' in text
    assert '<img src="http://x/y.png"/>' in text
    assert "Desk <A>" in text
    assert "R&D <lab>" in text
    assert "Line one Line <two> & three" in text


def test_names_in_any_latin_script_survive(station_project: Project, tmp_path: Path) -> None:
    text = pdf_text(export_pdf(station_project, tmp_path / "e.pdf").path)
    for name in ("Nguyễn Thị Ánh", "Zoë Ødegård", "José Peña"):
        assert name in text


def test_the_font_is_embedded(station_project: Project, tmp_path: Path) -> None:
    reader = PdfReader(str(export_pdf(station_project, tmp_path / "e.pdf").path))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
    assert any("DejaVuSans" in n for n in names)
    assert not any(n.endswith(("/Helvetica", "/Times-Roman")) for n in names)


@pytest.mark.parametrize(("paper", "size"), [("letter", (612, 792)), ("a4", (595, 842))])
def test_paper_size_and_a_sane_page_count(station_project: Project, tmp_path: Path, paper: str,
                                          size: tuple[int, int]) -> None:
    result = export_pdf(station_project, tmp_path / "e.pdf", paper=paper)
    reader = PdfReader(str(result.path))
    assert result.pages == len(reader.pages)
    assert 2 <= result.pages <= 5
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size
    assert f"Page 1 of {result.pages}" in pdf_text(result.path)


def test_unmet_items_are_printed_and_returned(tmp_path: Path) -> None:
    layout = station_layout()
    layout = layout.model_copy(update={"zones": layout.zones[:2], "transitions": TransitionPlan()})
    project = Project(title="Not ready", layouts=[layout])
    result = export_pdf(project, tmp_path / "e.pdf")
    assert isinstance(result, ExportResult)
    assert any("At least 4 different sections or stations" in item for item in result.unmet)
    assert any("how transitions are facilitated" in item for item in result.unmet)
    assert any("Set the rotation order" in item for item in result.unmet)
    assert any("The teacher's name" in item for item in result.unmet)
    text = pdf_text(result.path)
    assert result.readiness.verdict() in text
    assert "DRAFT · not ready to submit" in text and "Readiness checklist" not in text  # the submission
    draft = pdf_text(export_pdf(project, tmp_path / "d.pdf", draft=True).path)
    assert "✘ Not yet" in draft and "Readiness checklist" in draft
    assert "Draw 2 more sections" in draft


def test_a_ready_project_has_nothing_unmet(station_project: Project, tmp_path: Path) -> None:
    layout = station_project.layouts[0]
    ready = layout.model_copy(update={"zones": [z for z in layout.zones if z.station is not None]})
    project = station_project.model_copy(update={"layouts": [ready]})
    result = export_pdf(project, tmp_path / "e.pdf")
    assert result.unmet == []
    text = pdf_text(result.path)
    assert "DRAFT" not in text and "Ready to submit" not in text  # nothing addressed to the teacher
    assert "How this plan meets the review criteria" in text
    assert "Criterion 2: collaboration among learners" in text
    assert "Teams solve one shared problem with role cards." in text  # the evidence, quoted
    draft = pdf_text(export_pdf(project, tmp_path / "d.pdf", draft=True).path)
    assert f"Ready to submit: all {len(result.readiness.items)} items are met." in draft and "DRAFT" not in draft


def test_an_unknown_layout_key_raises_one_line(two_layout_project: Project, tmp_path: Path) -> None:
    with pytest.raises(ValueError) as caught:
        export_pdf(two_layout_project, tmp_path / "e.pdf", layout_keys=["Period 9"])
    message = str(caught.value)
    assert "\n" not in message
    assert "'Period 9'" in message and "'Discussion circle'" in message
    assert not (tmp_path / "e.pdf").exists()


def test_bad_paper_raises_one_line(station_project: Project, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="paper must be 'letter' or 'a4'"):
        export_pdf(station_project, tmp_path / "e.pdf", paper="legal")  # type: ignore[arg-type]


def test_layouts_chosen_by_name_or_id(two_layout_project: Project, tmp_path: Path) -> None:
    one = pdf_text(export_pdf(two_layout_project, tmp_path / "a.pdf", layout_keys=["discussion CIRCLE"]).path)
    assert "Layout: Discussion circle" in one
    assert "Layout: Station rotation" not in one
    both = pdf_text(export_pdf(two_layout_project, tmp_path / "b.pdf", layout_keys=["rotation", "circle"]).path)
    assert "Layout 1 of 2: Station rotation" in both and "Layout 2 of 2: Discussion circle" in both


def test_what_moves_between_layouts(two_layout_project: Project, tmp_path: Path) -> None:
    text = pdf_text(export_pdf(two_layout_project, tmp_path / "e.pdf").path)
    assert "Changing to the other layouts" in text
    assert ("From 'Station rotation' to 'Discussion circle': 1 piece moves (1 activity table); "
            "1 piece is put away (1 bean bag); 1 piece is brought in (1 chair); 11 pieces stay in place.") in text
    assert "José Peña and a helper slide the team tables to the wall" in text  # the teacher's own words
    assert "Bell: circle up" in text


def test_a_failed_export_leaves_the_old_file_and_no_temporary(station_project: Project, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "e.pdf"
    out.write_bytes(b"the previous export")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.export.pdf.SimpleDocTemplate.build", broken)
    with pytest.raises(OSError):
        export_pdf(station_project, out)
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["e.pdf"]


def test_a_missing_folder_is_one_clear_os_error(station_project: Project, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        export_pdf(station_project, tmp_path / "nowhere" / "e.pdf")


def test_a_bug_in_the_route_search_is_not_hidden_in_the_pdf(station_project: Project, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """No PDF that quietly leaves the walks out: the error reaches the CLI (one line, exit 3) and
    the editor (one line in a dialog) instead."""
    def crash(layout: object) -> None:
        raise RuntimeError("router bug")

    monkeypatch.setattr("app.export.pdf.analyze", crash)
    with pytest.raises(RuntimeError, match="router bug"):
        export_pdf(station_project, tmp_path / "e.pdf")
    assert not (tmp_path / "e.pdf").exists()


def test_a_signal_with_markup_in_both_fields(station_project: Project, tmp_path: Path) -> None:
    layout = station_project.layouts[0]
    plan = layout.transitions.model_copy(update={"signals": [Signal(cue="<chime>", meaning="& go")]})
    project = station_project.model_copy(update={"layouts": [layout.model_copy(update={"transitions": plan})]})
    assert "<chime>: & go" in pdf_text(export_pdf(project, tmp_path / "e.pdf").path)


def test_the_map_carries_labels_dimensions_scale_and_legend(station_project: Project, tmp_path: Path) -> None:
    reader = PdfReader(str(export_pdf(station_project, tmp_path / "e.pdf").path))
    first = " ".join(reader.pages[0].extract_text().split())
    for label in ("Teacher table", "Team tables", "Laptop bar", "Nguyễn Thị Ánh reading nook", "Whiteboard"):
        assert label in first
    assert "30'-0\"" in first and "25'-0\"" in first  # the room's overall width and depth
    assert "Room 30'-0\" x 25'-0\", 750 sq ft" in first
    for entry in ("Collaboration", "Quiet reading / calm corner", "Station number", "Section letter",
                  "Door and its swing", "Window", "Rotation route, leg number"):
        assert entry in first


def test_metric_projects_print_metric_lengths(station_project: Project, tmp_path: Path) -> None:
    project = station_project.model_copy(update={"display_units": "metric"})
    text = pdf_text(export_pdf(project, tmp_path / "e.pdf").path)
    assert "The room measures 9.14 m by 7.62 m" in text
    assert "30'-0\"" not in text


def test_the_pdf_gets_the_mode_a_saved_project_gets(station_project: Project, tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = export_pdf(station_project, tmp_path / "e.pdf").path
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_the_layouts_of_one_room_print_at_one_scale(tmp_path: Path) -> None:
    """The personalized-learning sample printed its two layouts at 1:85 and 1:63: the first map
    had less of its page left under the title block."""
    import re

    from app.storage import load_project

    sample = Path(__file__).resolve().parents[2] / "app" / "assets" / "samples" / "personalized-learning.classroom.json"
    project = load_project(sample)
    scales = re.findall(r"scale 1:\d+", pdf_text(export_pdf(project, tmp_path / "e.pdf").path))
    assert len(scales) == 2 and len(set(scales)) == 1, scales


def test_a_station_text_not_written_yet_says_so_in_the_table(station_project: Project, tmp_path: Path) -> None:
    layout = station_project.layouts[0]
    zones = [z.model_copy(update={"how_used": "  "}) if z.id == "online" else z for z in layout.zones]
    project = station_project.model_copy(update={"layouts": [layout.model_copy(update={"zones": zones})]})
    text = pdf_text(export_pdf(project, tmp_path / "e.pdf").path)
    assert "Laptop bar Online / video-guided Not written yet." in text
