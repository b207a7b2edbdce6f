"""The small parts of the export: escaping, hatches, label placement, layout comparison, seats."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph
from shapely.geometry import LineString, Point, Polygon, box

from app.export.hatching import hatch_lines
from app.export.labels import LabelPlacer
from app.export.narrative import compare_layouts
from app.export.styles import styles
from app.export.text import counted, escape
from app.export.zones import markers
from app.stations import pieces_by_zone, rotation_sense, seats
from app.model import Piece
from app.model.kinds import PATTERNS

from .conftest import station_layout  # noqa: TID252


@pytest.mark.parametrize("raw", ['Desk <A>', 'Tables < 5 & "R&D" <b>', '<img src="http://x/y.png"/>',
                                 "<para>", "&amp; already", "tab\there", "bell\x07char"])
def test_escaped_text_parses_and_reads_back_as_written(raw: str) -> None:
    para = Paragraph(escape(raw), styles().body)  # raises on markup it cannot parse
    para.wrap(400, 100)
    assert " ".join(para.getPlainText().split()) == " ".join(raw.replace("\x07", "").split())


def test_newlines_become_line_breaks() -> None:
    assert escape("one\ntwo\r\nthree") == "one<br/>two<br/>three"


def test_counted_lists_most_common_first() -> None:
    assert counted(["Chair", "Student desk", "Student desk", "Bookshelf"]) == "2 student desks, 1 bookshelf, 1 chair"
    assert counted(["Chair"] * 16 + ["Bookshelf (low)"] * 2 + ["Table for two"] * 3) == \
        "16 chairs, 3 tables for two, 2 bookshelves (low)"


def test_sizes_in_names_follow_the_display_units() -> None:
    from app.units import format_area, in_units

    assert in_units("Rug 8 x 10 ft", "metric") == "Rug 2.4 x 3.0 m" and in_units("Rug 8 x 10 ft") == "Rug 8 x 10 ft"
    assert format_area(960 * 144) == "960 sq ft" and format_area(0.7 * 144) == "0.7 sq ft"


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if p != "none"])
def test_every_hatch_fills_its_polygon_and_stays_inside(pattern: str) -> None:
    area = Polygon([(10, 10), (90, 10), (90, 60), (50, 90), (10, 60)])
    strokes, dots = hatch_lines(area, pattern, 6.0)
    assert strokes or dots
    grown = area.buffer(0.01)
    for line in strokes:
        assert grown.contains(LineString(line))
    for x, y in dots:
        assert area.contains(Point(x, y))


def test_patterns_differ_from_each_other() -> None:
    area = box(0, 0, 60, 60)
    shapes = {p: hatch_lines(area, p, 6.0) for p in PATTERNS if p != "none"}
    signatures = {p: (len(s), len(d), round(sum(LineString(x).length for x in s))) for p, (s, d) in shapes.items()}
    signatures.pop("vertical")  # the same ink as horizontal, turned: told apart by direction
    assert len(set(signatures.values())) == len(signatures)
    assert hatch_lines(area, "none", 6.0) == ([], [])


def test_labels_never_overlap_even_when_anchored_at_one_spot() -> None:
    placer = LabelPlacer((0, 0, 400, 300), box(0, 0, 400, 300), [box(180, 130, 220, 170)])
    boxes = [placer.place((200, 150), 80, 12).box for _ in range(12)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert box(*a).intersection(box(*b)).area == 0
    assert not box(*boxes[0]).intersects(box(181, 131, 219, 169))  # the first one also clears the furniture


def test_a_label_stays_on_its_anchor_when_there_is_room() -> None:
    zone = box(100, 100, 300, 200)
    spot = LabelPlacer((0, 0, 400, 300), box(0, 0, 400, 300), []).place((200, 150), 60, 12, zone)
    assert spot.box == (170, 144, 230, 156) and not spot.moved


def test_markers_number_stations_and_letter_sections() -> None:
    layout = station_layout()
    assert markers(layout) == {"guided": "1", "groups": "2", "online": "3", "reading": "4", "solo": "A"}


def test_pieces_belong_to_the_zone_holding_their_centre() -> None:
    held = pieces_by_zone(station_layout())
    assert {p.id for p in held["groups"]} == {"t1", "c1", "c2"}
    assert {p.id for p in held["reading"]} == {"rug", "bag"}
    assert seats(held["groups"]) == 6  # an activity table for 6 and 2 chairs: 6 people, not 8


def test_compare_layouts_by_piece_id() -> None:
    a = station_layout()
    b_pieces = [p.model_copy(update={"rotation": 90}) if p.id == "kidney" else p for p in a.pieces if p.id != "rug"]
    b = station_layout("b", "Other", pieces=b_pieces + [Piece(id="new", kind="easel", x=30, y=150)])
    text = compare_layouts(a, b)
    assert text == ("From 'Station rotation' to 'Other': 1 piece moves (1 kidney table); 1 piece is put away "
                    "(1 round rug); 1 piece is brought in (1 easel / mobile whiteboard); 11 pieces stay in place.")
    assert compare_layouts(a, a).endswith("nothing moves: the furniture stays where it is.")


def test_rotation_sense_on_a_plan_whose_y_points_down() -> None:
    layout = station_layout()  # guided top-left -> groups top-right -> online bottom-right -> reading bottom-left
    assert rotation_sense(layout) == "clockwise"
    backwards = layout.transitions.model_copy(update={"rotation": list(reversed(layout.transitions.rotation))})
    assert rotation_sense(layout.model_copy(update={"transitions": backwards})) == "counterclockwise"


def test_the_map_numbers_the_desks_a_finding_names() -> None:
    from reportlab.graphics.shapes import String

    from app.export.mapdrawing import map_drawing
    from app.geometry import check_layout
    from app.model import Layout, Room

    desks = [Piece(id=f"d{k}", kind="student-desk", x=60 + 30 * k, y=100) for k in range(3)]
    desks.append(Piece(id="t", kind="teacher-desk", x=200, y=250))
    layout = Layout(id="l", name="l", room=Room(outline=[(0, 0), (360, 0), (360, 300), (0, 300)]), pieces=desks)
    drawing = map_drawing(layout, [], "ft-in", 500, 500)

    def strings(node):
        for child in getattr(node, "contents", []):
            if isinstance(child, String):
                yield child.text
            yield from strings(child)

    assert {"1", "2", "3"} <= set(strings(drawing))
    moved = layout.model_copy(update={"pieces": [desks[0], desks[1].model_copy(update={"x": 80}), *desks[2:]]})
    [hit] = [f for f in check_layout(moved) if f.code == "piece-collision"]
    assert hit.message.startswith("Student desk 1 overlaps Student desk 2")
