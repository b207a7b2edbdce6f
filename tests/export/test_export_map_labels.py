"""Every piece findable on the map: its name where it fits inside it, else its number or letter
with the key under the map; no station label over a door's swing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app.export import export_pdf
from app.export import mapdrawing
from app.export.mapdrawing import furniture_marks
from app.model import Door, Layout, Piece, Project, Room, Zone
from app.model.numbering import piece_names
from app.storage import load_project

SAMPLES = Path(__file__).resolve().parents[2] / "app" / "assets" / "samples"


def text_of(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


@pytest.mark.parametrize("name", ["fourth-grade-rotation", "personalized-learning", "station-rotation"])
def test_every_piece_is_named_on_the_map_or_in_its_key(name: str, tmp_path: Path, monkeypatch) -> None:
    project = load_project(SAMPLES / f"{name}.classroom.json")
    drawn = {}  # layout id -> the marks of its map as printed (the last scale tried)

    def marks_of(layout, s, units):
        drawn[layout.id] = furniture_marks(layout, s, units)
        return drawn[layout.id]

    monkeypatch.setattr(mapdrawing, "furniture_marks", marks_of)
    text = text_of(export_pdf(project, tmp_path / "e.pdf").path)
    assert set(drawn) == {layout.id for layout in project.layouts}
    for layout in project.layouts:
        for piece, mark, full in zip(layout.pieces, drawn[layout.id], piece_names(layout.pieces)):
            if mark.named:
                assert full in text
            elif mark.text.isdigit():
                assert f"{piece.item.name} " in text and "On the furniture:" in text
            else:
                assert f"{mark.text} {piece.label or piece.item.name}" in text


def test_a_teacher_desk_is_named_where_it_fits_and_numbered_where_it_does_not() -> None:
    layout = Layout(id="l", name="L", room=Room(outline=[(0, 0), (360, 0), (360, 300), (0, 300)]),
                    pieces=[Piece(id="t", kind="teacher-desk", x=100, y=100),
                            Piece(id="s1", kind="bookshelf", x=200, y=20), Piece(id="s2", kind="bookshelf", x=250, y=20)])
    big, small = furniture_marks(layout, 1.0), furniture_marks(layout, 0.25)
    assert big[0].named and big[0].text == "Teacher desk"
    assert not small[0].named and small[0].text == "a"
    assert [m.text for m in small[1:]] == ["1", "2"]
    assert furniture_marks(layout.model_copy(update={"pieces": [layout.pieces[0].model_copy(
        update={"rotation": 90})]}), 1.0)[0].angle == 90


def test_no_station_label_over_a_door_swing(monkeypatch, tmp_path: Path) -> None:
    door = Door(id="d", wall=0, position=60, width=36, swing="in")
    zone = Zone(id="z", kind="collaboration", name="A very long station name by the door", station=1,
                polygon=[(20, 0), (110, 0), (110, 50), (20, 50)])
    layout = Layout(id="l", name="L", room=Room(outline=[(0, 0), (360, 0), (360, 300), (0, 300)], doors=[door]),
                    zones=[zone])
    placed = []
    real = mapdrawing.LabelPlacer.place

    def place(self, *args, **kwargs):
        spot = real(self, *args, **kwargs)
        placed.append(spot.box)
        return spot

    monkeypatch.setattr(mapdrawing.LabelPlacer, "place", place)
    swings = []
    real_swings = mapdrawing.door_swings
    monkeypatch.setattr(mapdrawing, "door_swings", lambda room, t: swings.extend(real_swings(room, t)) or swings)
    export_pdf(Project(layouts=[layout]), tmp_path / "e.pdf")
    assert swings and placed
    for a in placed:
        for b in swings:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
