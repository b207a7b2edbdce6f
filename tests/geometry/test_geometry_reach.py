"""Where walks start and end, on rooms whose right answers are known by construction: a
station drawn over its own table is reachable, round tables 36 in apart leave the way open,
a walk ends on the near side of a table, and at a station's middle when that is open floor."""

from __future__ import annotations

import math

import pytest

from app.geometry import analyze, check_layout
from app.model import Door, Layout, Piece, Room, TransitionPlan, Zone

ROOM = [(0, 0), (480, 0), (480, 360), (0, 360)]  # 40 x 30 ft


def door(y=180.0) -> Door:
    # the west wall runs from (0, 360) up to (0, 0): the door's middle counts from the bottom
    return Door(id="door", wall=3, position=360 - y, width=36, label="Main door", swing="out")


def box(zid, x0, y0, x1, y1, station=1, name="Group table") -> Zone:
    return Zone(id=zid, kind="collaboration", name=name, station=station,
                polygon=[(x0, y0), (x1, y0), (x1, y1), (x0, y1)])


def layout(pieces=(), zones=(), doors=(door(),), rotation=(), outline=ROOM) -> Layout:
    return Layout(id="t", name="t", room=Room(outline=list(outline), doors=list(doors)), pieces=list(pieces),
                  zones=list(zones), transitions=TransitionPlan(rotation=list(rotation)))


def codes(found) -> list[str]:
    return sorted(f.code for f in found if f.code != "route-length")


def entrance(analysis, zone_id):
    [route] = [r for r in analysis.routes if r.kind == "entrance" and r.end_id == zone_id]
    return route


TABLE = Piece(id="table", kind="activity-table", x=300, y=180)  # 60 x 30, free in open floor


@pytest.mark.parametrize("margin", [0, 12])
def test_a_station_drawn_on_its_own_table_is_reachable(margin):
    x0, y0, x1, y1 = 270 - margin, 165 - margin, 330 + margin, 195 + margin
    analysis = analyze(layout([TABLE], [box("s", x0, y0, x1, y1)]))
    assert codes(analysis.findings) == []
    route = entrance(analysis, "s")
    # the walk ends where a walker (18 in to their centre) stands at the table, on the door's side
    assert route.path[-1] == pytest.approx((270 - 17.99, 180), abs=0.3)
    assert route.length == pytest.approx(270 - 17.99 - 18.49, abs=0.3)


def test_a_plain_zone_on_a_table_is_reachable_too():
    zone = Zone(id="z", kind="hands-on", polygon=[(270, 165), (330, 165), (330, 195), (270, 195)])
    assert codes(check_layout(layout([TABLE], [zone]))) == []


def _behind(first: Piece, second: Piece) -> Layout:
    """A station behind two pieces across the room, and shelves closing every other way."""
    wall = [Piece(id=f"w{k}", kind="bookshelf", x=240, y=y, width=12, depth=d)
            for k, (y, d) in enumerate([(60, 120), (300, 120)])]
    return layout([first, second, *wall], [box("s", 360, 120, 460, 240)])


def test_two_round_tables_exactly_36_in_apart_leave_the_way_open():
    # 42 in across, centres 78 in apart: 36 in between their edges
    tables = Piece(id="r1", kind="round-table", x=240, y=141), Piece(id="r2", kind="round-table", x=240, y=219)
    shelf_gap = layout([*tables, Piece(id="top", kind="bookshelf", x=240, y=60, width=12, depth=120),
                        Piece(id="bottom", kind="bookshelf", x=240, y=300, width=12, depth=120)],
                       [box("s", 360, 120, 460, 240)])
    assert codes(check_layout(shelf_gap)) == []


def test_two_rectangles_exactly_36_in_apart_leave_the_way_open():
    top = Piece(id="top", kind="bookshelf", x=240, y=81, width=12, depth=162)
    bottom = Piece(id="bottom", kind="bookshelf", x=240, y=279, width=12, depth=162)
    assert codes(check_layout(layout([top, bottom], [box("s", 360, 120, 460, 240)]))) == []


def test_round_tables_a_hair_under_36_in_apart_close_it():
    tables = Piece(id="r1", kind="round-table", x=240, y=141.3), Piece(id="r2", kind="round-table", x=240, y=218.7)
    closed = layout([*tables, Piece(id="top", kind="bookshelf", x=240, y=60, width=12, depth=120),
                     Piece(id="bottom", kind="bookshelf", x=240, y=300, width=12, depth=120)],
                    [box("s", 360, 120, 460, 240)])
    [blocked] = [f for f in check_layout(closed) if f.code == "unreachable-zone"]
    assert '35.4" between Round table 1 and Round table 2' in blocked.message
    assert set(blocked.ids) == {"s", "r1", "r2"}


def test_the_walk_ends_on_the_near_side_of_a_table():
    # a station drawn 24 in round a table in the middle of the room: the door is west of it
    analysis = analyze(layout([TABLE], [box("s", 246, 141, 354, 219)]))
    route = entrance(analysis, "s")
    end_x, end_y = route.path[-1]
    assert end_x == pytest.approx(270 - 17.99, abs=0.3)  # walked up to the table, never round its far side
    assert route.length == pytest.approx(270 - 17.99 - 18.49, abs=0.3)
    assert end_y == pytest.approx(180, abs=1.0)  # straight across from the door: no mirrored spot


def test_an_open_middle_is_where_the_walk_ends():
    analysis = analyze(layout([], [box("s", 300, 120, 420, 240)]))
    route = entrance(analysis, "s")
    assert route.path[-1] == pytest.approx((360, 180))
    assert route.length == pytest.approx(360 - 18.49, abs=0.01)


def test_the_rotation_walks_between_the_stations():
    zones = [box("a", 300, 20, 460, 120, station=1, name="A"), box("b", 300, 240, 460, 340, station=2, name="B")]
    analysis = analyze(layout([], zones, rotation=["a", "b"]))
    legs = [r for r in analysis.routes if r.kind == "rotation"]
    assert [(r.start_id, r.end_id) for r in legs] == [("a", "b"), ("b", "a")]
    assert all(r.length == pytest.approx(220, abs=0.01) for r in legs)  # middle to middle


def test_a_closed_in_station_names_what_closes_it_and_selects_them():
    ring = [Piece(id="n", kind="bookshelf", x=400, y=124, width=120, depth=12),
            Piece(id="s", kind="bookshelf", x=400, y=236, width=120, depth=12),
            Piece(id="w", kind="bookshelf", x=346, y=180, width=12, depth=100),
            Piece(id="e", kind="bookshelf", x=454, y=180, width=12, depth=100)]
    [blocked] = [f for f in check_layout(layout(ring, [box("z", 370, 150, 430, 210)])) if f.code == "unreachable-zone"]
    assert "closed in by Bookshelf (low) 3, Bookshelf (low) 4, Bookshelf (low) 1 and Bookshelf (low) 2" in blocked.message
    assert "not even an 18\" sideways path" in blocked.message
    assert set(blocked.ids) == {"z", "n", "s", "w", "e"}


def test_wording_half_inches_small_overlaps_and_articles():
    from app.geometry.findings import area_text, inches, with_article

    assert inches(35.5) == '35.5"' and inches(35.96) == '35.9"' and inches(36.0) == '36"'
    assert area_text(5.0) == "5 sq in" and area_text(0.4) == "1 sq in" and area_text(144 * 2.0) == "2.0 sq ft"
    assert with_article(inches(18)) == 'an 18"' and with_article(inches(36)) == 'a 36"'
    assert with_article(inches(8)) == 'an 8"' and with_article(inches(11)) == 'an 11"'
    overlap = [Piece(id="a", kind="student-desk", x=100, y=100), Piece(id="b", kind="student-desk", x=123.8, y=100)]
    [hit] = [f for f in check_layout(layout(overlap)) if f.code == "piece-collision"]
    assert hit.message == "Student desk 1 overlaps Student desk 2 by 4 sq in"


def test_walls_facing_one_way_are_told_apart():
    from app.geometry.shapes import wall_name

    l_room = Room(outline=[(0, 0), (240, 0), (240, 120), (480, 120), (480, 360), (0, 360)])
    names = [wall_name(l_room, w) for w in range(6)]
    assert names[0] == "the north wall, first from the west" and names[2] == "the north wall, second from the west"
    assert names[1] == "the east wall, first from the north" and names[3] == "the east wall, second from the north"
    assert names[4] == "the south wall" and names[5] == "the west wall"


def test_no_route_when_every_door_is_walled_off():
    shelf = Piece(id="x", kind="bookshelf", x=30, y=180, width=12, depth=360)
    found = check_layout(layout([shelf], [box("s", 300, 120, 420, 240)]))
    assert "unreachable-zone" in codes(found)
    assert math.isfinite(len(found))
