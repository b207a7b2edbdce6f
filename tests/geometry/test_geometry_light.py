"""The fast checks on hand-made rooms: overlaps, collisions, outside the room, blocked doors."""

from __future__ import annotations

import pytest

from app.geometry import check_layout, check_light
from app.model import Door, Layout, Piece, Room, Zone

SQUARE = [(0, 0), (240, 0), (240, 240), (0, 240)]


def layout(outline=SQUARE, pieces=(), zones=(), doors=(), **kw) -> Layout:
    return Layout(id="t", name="test", room=Room(outline=list(outline), doors=list(doors)),
                  pieces=list(pieces), zones=list(zones), **kw)


def piece(pid, kind, x, y, rotation=0.0, **size) -> Piece:
    return Piece(id=pid, kind=kind, x=x, y=y, rotation=rotation, **size)


def zone(zid, x0, y0, x1, y1, kind="independent", **kw) -> Zone:
    return Zone(id=zid, kind=kind, polygon=[(x0, y0), (x1, y0), (x1, y1), (x0, y1)], **kw)


def codes(findings, code):
    return [f for f in findings if f.code == code]


def test_touching_zones_are_not_an_overlap():
    found = check_light(layout(zones=[zone("a", 10, 10, 100, 100), zone("b", 100, 10, 200, 100)]))
    assert codes(found, "zone-overlap") == []


def test_overlapping_zones_report_the_overlap_area():
    # 30 x 48 in overlap = 10.0 sq ft
    found = check_light(layout(zones=[zone("a", 10, 10, 100, 58, name="Reading"),
                                      zone("b", 70, 10, 200, 58, kind="mini-lesson")]))
    [overlap] = codes(found, "zone-overlap")
    assert overlap.ids == ["a", "b"]
    assert "10.0 sq ft" in overlap.message
    assert "Reading" in overlap.message and "Mini-lesson" in overlap.message
    xs = [p[0] for p in overlap.polygon]
    assert min(xs) == pytest.approx(70) and max(xs) == pytest.approx(100)


def test_zones_over_furniture_are_fine():
    found = check_light(layout(pieces=[piece("t", "activity-table", 60, 60)], zones=[zone("a", 10, 10, 120, 120)]))
    assert found == []


def test_rug_under_a_table_is_not_a_collision():
    found = check_light(layout(pieces=[piece("rug", "rug-small", 120, 120), piece("t", "activity-table", 120, 120),
                                       piece("c", "floor-cushion", 120, 130)]))
    assert codes(found, "piece-collision") == []


def test_solid_pieces_that_overlap_collide_with_the_area():
    # two 24 x 18 desks, 6 in apart in x: 18 x 18 in overlap = 2.25 sq ft
    found = check_light(layout(pieces=[piece("d1", "student-desk", 60, 60), piece("d2", "student-desk", 66, 60)]))
    [hit] = codes(found, "piece-collision")
    assert hit.ids == ["d1", "d2"] and "2.2 sq ft" in hit.message


def test_rotated_and_round_pieces_collide_exactly():
    # a round table of radius 21 and a desk 20 in away (centre to near edge): clear; 10 in: overlap
    apart = check_light(layout(pieces=[piece("r", "round-table", 100, 100), piece("d", "student-desk", 100 + 21 + 12 + 1, 100)]))
    close = check_light(layout(pieces=[piece("r", "round-table", 100, 100), piece("d", "student-desk", 100 + 21 + 12 - 5, 100, 45)]))
    assert codes(apart, "piece-collision") == []
    assert [f.ids for f in codes(close, "piece-collision")] == [["r", "d"]]


def test_desks_side_by_side_touching_do_not_collide():
    found = check_light(layout(pieces=[piece(f"d{i}", "student-desk", 60 + 24 * i, 60) for i in range(4)]))
    assert found == []


def test_piece_across_a_wall_is_outside_the_room():
    found = check_light(layout(pieces=[piece("b", "bookshelf", 230, 100)]))  # 36 wide: 212..248
    [out] = codes(found, "outside-room")
    assert out.ids == ["b"] and "sticks out" in out.message
    assert "0.7 sq ft" in out.message  # 8 x 12 in
    assert min(p[0] for p in out.polygon) == pytest.approx(240)


def test_zone_outside_the_room_is_reported():
    found = check_light(layout(zones=[zone("z", 200, 10, 300, 100)]))
    assert [f.ids for f in codes(found, "outside-room")] == [["z"]]


def test_piece_in_the_notch_of_an_l_shaped_room_is_outside():
    # an L: 240 x 240 without its top-right 120 x 120 quarter
    l_room = [(0, 0), (120, 0), (120, 120), (240, 120), (240, 240), (0, 240)]
    inside = check_light(layout(outline=l_room, pieces=[piece("in", "student-desk", 180, 180)]))
    notch = check_light(layout(outline=l_room, pieces=[piece("out", "student-desk", 180, 60)]))
    assert inside == []
    [out] = codes(notch, "outside-room")
    assert out.ids == ["out"] and "outside the room" in out.message


def main_door(**kw) -> Door:
    # north wall, opening 102..138, hinge at x = 102, latch at x = 138
    return Door(**{"id": "door", "wall": 0, "position": 120, "width": 36, "hinge": "start", "swing": "in",
                   "label": "Main door", **kw})


@pytest.mark.parametrize(("x", "y", "blocked"), [
    (120, 50, True),  # in the 60 in deep pull-side clearance
    (120, 58, True),  # 49..67: past the push side's 48 in, inside the pull side's 60
    (120, 70, False),  # just beyond it: 61..79
    (165, 30, True),  # within 18 in beyond the latch (153..177 reaches 156)
    (169, 30, False),  # just beyond the latch clearance (157..181)
    (110, 20, True),  # in the swing
])
def test_desk_in_a_pull_side_door_clearance_blocks_it(x, y, blocked):
    found = check_light(layout(pieces=[piece("d", "student-desk", x, y)], doors=[main_door()]))
    assert bool(codes(found, "door-blocked")) is blocked
    if blocked:
        [f] = codes(found, "door-blocked")
        assert f.ids == ["door", "d"] and "Main door" in f.message and "404.2.4.1" in f.message


@pytest.mark.parametrize(("y", "blocked"), [(50, True), (60, False)])
def test_push_side_door_needs_48_in(y, blocked):
    found = check_light(layout(pieces=[piece("d", "student-desk", 120, y)], doors=[main_door(swing="out")]))
    assert bool(codes(found, "door-blocked")) is blocked


def test_hinge_side_decides_where_the_latch_clearance_goes():
    # hinge at the end: the latch is at x = 102, and the 18 in run to x = 84
    desk_left = [piece("d", "student-desk", 80, 30)]  # 68..92
    assert codes(check_light(layout(pieces=desk_left, doors=[main_door(hinge="end")])), "door-blocked")
    assert not codes(check_light(layout(pieces=desk_left, doors=[main_door(hinge="start")])), "door-blocked")


def test_a_rug_in_front_of_the_door_does_not_block_it():
    found = check_light(layout(pieces=[piece("r", "rug-small", 120, 50)], doors=[main_door()]))
    assert codes(found, "door-blocked") == []


def test_door_at_a_corner_is_checked_inside_the_room_and_can_be_walked_through():
    # the opening runs from the corner (0, 0) to x = 36; the latch (and its 18 in) is at the corner side
    door = Door(id="door", wall=0, position=18, width=36, hinge="end", swing="in")
    plan = layout(doors=[door], zones=[zone("z", 140, 140, 220, 220, station=1)])
    found = check_layout(plan)
    assert [f.code for f in found if f.severity != "info"] == []
    assert [f.code for f in found] == ["route-length"]
    desk = piece("d", "student-desk", 20, 40)
    assert [f.ids for f in codes(check_light(plan.model_copy(update={"pieces": [desk]})), "door-blocked")] == [["door", "d"]]


def test_findings_come_in_a_stable_order():
    plan = layout(pieces=[piece("d2", "student-desk", 66, 60), piece("d1", "student-desk", 60, 60),
                          piece("s", "bookshelf", 230, 100)], zones=[zone("a", 10, 10, 100, 58), zone("b", 70, 10, 200, 58)])
    found = check_light(plan)
    assert [f.code for f in found] == ["outside-room", "piece-collision", "zone-overlap"]
    assert check_light(plan) == found
