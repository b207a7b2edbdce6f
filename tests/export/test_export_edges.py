"""Projects at the edges of what validates still export: never refuse, never a traceback."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from app.export import export_pdf
from app.model import Door, Layout, Piece, Project, Room, Zone

from .conftest import rect, station_layout  # noqa: TID252


def text_of(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def test_an_empty_room_exports_with_everything_unmet(tmp_path: Path) -> None:
    project = Project(layouts=[Layout(id="empty", name="Empty", room=Room(outline=rect(0, 0, 240, 240)))])
    result = export_pdf(project, tmp_path / "e.pdf")
    assert result.pages >= 1
    assert len(result.unmet) >= 5
    text = text_of(result.path)
    assert "Classroom layout plan" in text  # a title even when the teacher gave none
    assert "This layout has no stations or sections yet." in text


def test_texts_at_their_longest_break_across_pages(tmp_path: Path) -> None:
    long = ("Students rotate and read and write about what they learned today. " * 80)[:5000]
    layout = station_layout()
    zones = [z.model_copy(update={"how_used": long, "positive_environment": long, "name": "N" * 120})
             for z in layout.zones]
    plan = layout.transitions.model_copy(update={"notes": long, "entrance_routine": long})
    project = Project(title="T" * 120, teacher="x" * 120,
                      layouts=[layout.model_copy(update={"zones": zones, "transitions": plan, "notes": long})])
    result = export_pdf(project, tmp_path / "e.pdf", draft=True)
    assert result.pages > 5
    assert "Readiness checklist" in text_of(result.path)


def test_a_piece_outside_the_room_and_a_tiny_zone_are_still_drawn(tmp_path: Path) -> None:
    layout = Layout(
        id="odd", name="Odd", room=Room(outline=rect(0, 0, 300, 200), doors=[Door(id="d", wall=0, position=50)]),
        pieces=[Piece(id="far", kind="student-desk", x=400, y=100)],
        zones=[Zone(id=f"z{i}", kind="independent", name=f"Spot {i}", station=i + 1,
                    polygon=rect(100 + i, 100, 101 + i, 101)) for i in range(6)],
    )
    result = export_pdf(Project(layouts=[layout]), tmp_path / "e.pdf")
    text = text_of(result.path)
    for i in range(6):
        assert f"Spot {i}" in text


def test_a_project_with_many_layouts_compares_with_a_few_and_names_the_rest(tmp_path: Path) -> None:
    layouts = [station_layout(f"l{i}", f"Period {i}") for i in range(6)]
    result = export_pdf(Project(layouts=layouts), tmp_path / "e.pdf", layout_keys=["Period 0", "Period 1", "Period 2",
                                                                                 "Period 3", "Period 4", "Period 5"])
    text = text_of(result.path)
    assert "From 'Period 0' to 'Period 1' nothing moves" in text
    assert "The project also has 'Period 4' and 'Period 5'." in text
    alone = text_of(export_pdf(Project(layouts=layouts), tmp_path / "one.pdf", layout_keys=["Period 0"]).path)
    assert "Period 1" not in alone  # a one-layout export never refers to a layout it leaves out
