"""Align, distribute and turn (app/arrange.py): plain geometry on known boxes, no Qt."""

from __future__ import annotations

import pytest

from app import arrange
from app.arrange import Box
from app.model import Piece, Zone

# three boxes: 20 x 10 at (0, 0), 40 x 20 at (100, 50), 10 x 30 at (60, 200)


def flat(points):
    """[(x, y), ...] as [x, y, ...]: pytest.approx compares flat lists."""
    return [v for p in points for v in p]


BOXES = [Box(0, 0, 20, 10), Box(100, 50, 140, 70), Box(60, 200, 70, 230)]


@pytest.mark.parametrize("edge, expected", [
    ("left", [(10, 5), (20, 60), (5, 215)]),
    ("right", [(130, 5), (120, 60), (135, 215)]),
    ("top", [(10, 5), (120, 10), (65, 15)]),
    ("bottom", [(10, 225), (120, 220), (65, 215)]),
    ("centre", [(70, 5), (70, 60), (70, 215)]),
    ("middle", [(10, 115), (120, 115), (65, 115)]),
])
def test_each_alignment_puts_every_box_on_the_selections_extreme(edge, expected):
    assert flat(arrange.align(BOXES, edge)) == pytest.approx(flat(expected))


def test_an_unknown_alignment_is_refused_in_one_line():
    with pytest.raises(ValueError, match="no alignment called 'diagonal'"):
        arrange.align(BOXES, "diagonal")


def test_distribute_horizontally_gives_equal_gaps_and_keeps_the_outer_two():
    boxes = [Box(0, 0, 10, 10), Box(12, 40, 32, 50), Box(100, 5, 110, 15), Box(50, 0, 60, 10)]
    centres = arrange.distribute(boxes, "horizontal")
    assert centres[0] == (5, 5) and centres[2] == (105, 10)  # the outer two stay
    # 90 in between the outer two, 30 in of boxes in it: three gaps of 20 in
    assert flat(centres) == pytest.approx(flat([(5, 5), (40, 45), (105, 10), (75, 5)]))


def test_distribute_vertically_gives_equal_gaps():
    boxes = [Box(0, 0, 10, 10), Box(0, 90, 10, 100), Box(30, 20, 40, 40)]
    assert flat(arrange.distribute(boxes, "vertical")) == pytest.approx(flat([(5, 5), (5, 95), (35, 50)]))


def test_distribute_needs_three_and_leaves_two_alone():
    assert arrange.distribute(BOXES[:2], "horizontal") == [b.centre for b in BOXES[:2]]


def test_a_fixed_box_stays_and_still_counts_for_the_extreme():
    boxes = [Box(30, 0, 50, 10), Box(0, 40, 20, 50, fixed=True)]
    assert arrange.align(boxes, "left") == [(10, 5), (10, 45)]


def test_a_fixed_box_in_a_row_stays_and_splits_it_into_runs():
    boxes = [Box(0, 0, 10, 10), Box(15, 0, 25, 10), Box(40, 0, 50, 10, fixed=True),
             Box(51, 0, 61, 10), Box(110, 0, 120, 10)]
    centres = arrange.distribute(boxes, "horizontal")
    assert centres[2] == (45, 5)  # fixed
    assert centres[1] == pytest.approx((25, 5))  # 10 | 10 | 10 | 10 | 10 between 0..10 and 40..50
    assert centres[3] == pytest.approx((80, 5))  # 25 | 10 | 25 between 40..50 and 110..120


def test_a_turned_piece_counts_by_its_turned_footprint():
    desk = Piece(id="d", kind="student-desk", x=100, y=100, rotation=90)  # 24 x 18, turned: 18 wide
    box = arrange.piece_box(desk)
    assert (box.x0, box.y0, box.x1, box.y1) == pytest.approx((91, 88, 109, 112))
    upright = Piece(id="u", kind="student-desk", x=200, y=300)
    units = arrange.units_of([desk, upright], [])
    pieces, zones = arrange.moves_to(units, arrange.align([u.box for u in units], "left"))
    assert pieces == {"u": ((200, 300), (103, 300))} and zones == {}  # 24 wide: its left edge on 91


def test_fixed_pieces_do_not_move():
    sink = Piece(id="sink", kind="sink-counter", x=300, y=40, fixed=True)
    desk = Piece(id="d", kind="student-desk", x=100, y=100)
    units = arrange.units_of([sink, desk], [])
    pieces, _ = arrange.moves_to(units, arrange.align([u.box for u in units], "top"))
    assert pieces == {"d": ((100, 100), (100, 37))}  # the sink's top edge is at 28; the desk is 18 deep


def test_a_group_aligns_as_one_and_stays_whole():
    pod = [Piece(id="a", kind="student-desk", x=112, y=9, group="pod"),
           Piece(id="b", kind="student-desk", x=136, y=9, group="pod")]
    lone = Piece(id="c", kind="student-desk", x=12, y=100)
    units = arrange.units_of([*pod, lone], [])
    assert len(units) == 2
    pieces, _ = arrange.moves_to(units, arrange.align([u.box for u in units], "left"))
    assert pieces == {"a": ((112, 9), (12, 9)), "b": ((136, 9), (36, 9))}


def test_a_zone_moves_by_its_bounding_box():
    zone = Zone(id="z", kind="quiet", polygon=[(50, 50), (110, 50), (80, 90)])
    desk = Piece(id="d", kind="student-desk", x=12, y=200)
    units = arrange.units_of([desk], [zone])
    pieces, zones = arrange.moves_to(units, arrange.align([u.box for u in units], "left"))
    assert pieces == {}  # the desk's left edge, at 0, is the extreme
    assert zones == {"z": [(0, 50), (60, 50), (30, 90)]}


def test_turn_about_a_quarter_turn_clockwise_on_the_plan():
    # y down: a quarter turn clockwise takes the point to the right of the centre to below it
    assert arrange.turn_about([(110, 100), (100, 90)], (100, 100), 90) == [(100, 110), (110, 100)]
