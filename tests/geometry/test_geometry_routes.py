"""Walkable space and routes on hand-made rooms: gaps at and under the clear width, blocked
stations and rotation legs, and route lengths on a simple room."""

from __future__ import annotations

import math

import pytest

from app.geometry import analyze, check_layout
from app.model import Door, Layout, Piece, Room, TransitionPlan, Zone

WIDE = [(0, 0), (480, 0), (480, 240), (0, 240)]  # 40 x 20 ft


def zone(zid, x0, y0, x1, y1, station=None, name="") -> Zone:
    return Zone(id=zid, kind="independent", name=name, station=station,
                polygon=[(x0, y0), (x1, y0), (x1, y1), (x0, y1)])


def west_door(y=120.0) -> Door:
    # wall 3 runs from (0, 240) up to (0, 0): its position counts from the bottom
    return Door(id="west", wall=3, position=240 - y, width=36, label="Main door", swing="out")


def barrier(gap: float, centre: float = 120.0) -> list[Piece]:
    """Two 12 in deep shelves across the room at x = 240 with a gap of `gap` inches between them."""
    top = centre - gap / 2
    bottom = centre + gap / 2
    return [Piece(id="top", kind="student-desk", x=240, y=top / 2, width=12, depth=top),
            Piece(id="bottom", kind="student-desk", x=240, y=(bottom + 240) / 2, width=12, depth=240 - bottom)]


def plan(pieces=(), zones=(), doors=(), rotation=(), outline=WIDE) -> Layout:
    return Layout(id="t", name="t", room=Room(outline=list(outline), doors=list(doors)), pieces=list(pieces),
                  zones=list(zones), transitions=TransitionPlan(rotation=list(rotation)))


def of(findings, code):
    return [f for f in findings if f.code == code]


EAST_STATION = zone("east", 320, 60, 440, 180, station=2, name="Reading nook")


def test_a_gap_of_exactly_the_clear_width_is_passable():
    # the walkable space keeps 0.01 in of round-off slack on each side (app.geometry.floor.TOLERANCE)
    found = check_layout(plan(barrier(36.0), [EAST_STATION], [west_door()]))
    assert [f.code for f in found] == ["route-length"]


def test_a_gap_one_inch_too_narrow_blocks_and_is_located():
    found = check_layout(plan(barrier(35.0), [EAST_STATION], [west_door()]))
    [blocked] = of(found, "unreachable-zone")
    assert blocked.ids == ["east", "top", "bottom"]  # clicking it selects the gap's two sides
    assert blocked.message.startswith("Station 2 'Reading nook' can't be reached with a 36\" clear path")
    assert '35" between Student desk 1 and Student desk 2' in blocked.message
    [narrow] = of(found, "narrow-passage")
    assert narrow.severity == "warning"
    assert narrow.message == 'The 35" gap between Student desk 1 and Student desk 2 is narrower than the 36" clear path'
    assert set(narrow.ids) >= {"top", "bottom", "east"}
    x, y = narrow.point
    assert x == pytest.approx(240, abs=6.5) and y == pytest.approx(120, abs=1)
    ys = [p[1] for p in narrow.polygon]
    assert min(ys) == pytest.approx(102.5, abs=0.1) and max(ys) == pytest.approx(137.5, abs=0.1)


def test_unreachable_station_behind_a_30_in_gap_names_the_gap_and_a_wall():
    # a single shelf leaves 30 in to the south wall
    shelf = Piece(id="shelf", kind="bookshelf-tall", x=240, y=105, width=12, depth=210)
    found = check_layout(plan([shelf], [EAST_STATION], [west_door()]))
    [blocked] = of(found, "unreachable-zone")
    assert '30" between Bookshelf (tall) and the south wall' in blocked.message
    assert blocked.polygon is not None
    [narrow] = of(found, "narrow-passage")
    assert narrow.ids[0] == "shelf" and "the south wall" in narrow.message


def test_a_zone_closed_in_all_round_says_so():
    box = [Piece(id=f"s{i}", kind="bookshelf", x=x, y=y, width=w, depth=d)
           for i, (x, y, w, d) in enumerate([(380, 45, 132, 12), (380, 195, 132, 12), (320, 120, 12, 138), (440, 120, 12, 138)])]
    found = check_layout(plan(box, [zone("inside", 340, 70, 420, 170)], [west_door()]))
    [blocked] = of(found, "unreachable-zone")
    assert "closed in" in blocked.message


def test_rotation_between_two_sides_of_a_closed_wall_is_blocked_both_ways():
    wall = [Piece(id="wall", kind="bookshelf", x=240, y=120, width=12, depth=240)]
    doors = [west_door(), Door(id="east-door", wall=1, position=120, width=36)]
    zones = [zone("a", 40, 60, 160, 180, station=1), EAST_STATION]
    found = check_layout(plan(wall, zones, doors, rotation=["a", "east"]))
    assert of(found, "unreachable-zone") == []
    legs = of(found, "rotation-route-blocked")
    assert [f.ids for f in legs] == [["a", "east"], ["east", "a"]]
    assert "Groups can't walk from Station 1" in legs[0].message


def test_rotation_through_a_narrow_gap_is_blocked_and_the_gap_reported_once():
    doors = [west_door(), Door(id="east-door", wall=1, position=120, width=36)]
    zones = [zone("a", 40, 60, 160, 180, station=1), EAST_STATION]
    found = check_layout(plan(barrier(30.0), zones, doors, rotation=["a", "east"]))
    assert len(of(found, "rotation-route-blocked")) == 2
    assert len(of(found, "narrow-passage")) == 1


def test_straight_corridor_route_is_the_straight_line():
    zones = [zone("z1", 380, 80, 460, 160, station=1)]
    analysis = analyze(plan([], zones, [west_door()]))
    [route] = analysis.routes
    assert route.kind == "entrance" and route.start_id == "west" and route.end_id == "z1"
    entry_x = 36 / 2 - 0.01 + 0.5  # the entry point: just inside the opening by half the clear width
    assert route.length == pytest.approx(420 - entry_x, rel=0.01)
    assert route.path[0] == pytest.approx((entry_x, 120)) and route.path[-1] == pytest.approx((420, 120))
    [info] = of(analysis.findings, "route-length")
    assert info.message == "Door 'Main door' -> Station 1 'Independent work': 33'-6\""
    assert info.path == [pytest.approx(p) for p in [(entry_x, 120), (420, 120)]]


def test_routes_hold_entrance_routes_to_every_station_and_every_rotation_leg():
    # the issue asks for walks door -> station and station -> station; a zone that is not a
    # station only has to be reachable, so it gets no route (and no finding) when it is
    zones = [zone("z1", 40, 20, 120, 100, station=1), zone("z2", 360, 20, 440, 100, station=2),
             zone("z3", 360, 140, 440, 220, station=3), zone("free", 180, 140, 260, 220)]
    pieces = [Piece(id="t", kind="activity-table", x=240, y=60)]
    analysis = analyze(plan(pieces, zones, [west_door(), Door(id="north", wall=0, position=400, width=36)],
                            rotation=["z1", "z2", "z3"]))
    kinds = [(r.kind, r.start_id, r.end_id) for r in analysis.routes]
    assert kinds == [("entrance", "west", "z1"), ("entrance", "north", "z2"), ("entrance", "north", "z3"),
                     ("rotation", "z1", "z2"), ("rotation", "z2", "z3"), ("rotation", "z3", "z1")]
    for route in analysis.routes:
        straight = math.dist(route.path[0], route.path[-1])
        assert straight - 1e-6 <= route.length <= straight * 1.3
    z1_z2 = analysis.routes[3]
    assert 320 < z1_z2.length < 335  # centroid to centroid, bending round the table's clearance
    assert len(of(analysis.findings, "route-length")) == 6
    assert of(analysis.findings, "unreachable-zone") == []
    assert not analysis.walkable.is_empty


def test_a_closed_in_zone_that_is_not_a_station_is_reported_with_a_blocked_route():
    box = [Piece(id=f"s{i}", kind="bookshelf", x=x, y=y, width=w, depth=d)
           for i, (x, y, w, d) in enumerate([(380, 45, 132, 12), (380, 195, 132, 12), (320, 120, 12, 138), (440, 120, 12, 138)])]
    zones = [zone("inside", 340, 70, 420, 170), zone("open", 60, 60, 140, 140)]
    analysis = analyze(plan(box, zones, [west_door()]))
    [blocked] = of(analysis.findings, "unreachable-zone")
    assert blocked.ids == ["inside", "s2", "s3", "s0", "s1"]  # the zone, then what closes it in, nearest first
    assert [(r.end_id, r.path) for r in analysis.routes] == [("inside", None)]


def test_a_zone_is_reachable_when_only_its_edge_is_open_floor():
    # a table fills the middle of the zone; the floor round it joins the door
    table = Piece(id="t", kind="activity-table", x=400, y=120, width=60, depth=60)
    analysis = analyze(plan([table], [zone("around", 340, 60, 460, 180)], [west_door()]))
    assert of(analysis.findings, "unreachable-zone") == []
    assert analysis.routes == []


def test_a_room_without_doors_says_so_for_each_zone():
    found = check_layout(plan([], [EAST_STATION]))
    [blocked] = of(found, "unreachable-zone")
    assert "no door" in blocked.message


def test_a_door_whose_way_in_is_too_narrow_is_reported():
    # a 40 in clear path through a 36 in door: shelves flush beside its clear area pinch the way in to 38 in
    shelves = [Piece(id="top", kind="bookshelf", x=24, y=80.5, width=48, depth=41),
               Piece(id="bottom", kind="bookshelf", x=24, y=159.5, width=48, depth=41)]
    layout = plan(shelves, [EAST_STATION], [west_door()]).model_copy(update={"clear_width": 40.0})
    found = check_layout(layout)
    assert of(found, "door-blocked") == []
    [narrow] = of(found, "narrow-passage")
    assert narrow.message == 'The 38" gap between Bookshelf (low) 1 and Bookshelf (low) 2 is narrower than the 40" clear path'
    assert narrow.ids[:2] == ["top", "bottom"] and "west" in narrow.ids
    [blocked] = of(found, "unreachable-zone")
    assert '38" between Bookshelf (low) 1 and Bookshelf (low) 2' in blocked.message


def test_a_gap_between_facing_edges_is_located_where_the_route_crosses():
    # long shelves facing each other 30 in apart over 200 in: the gap is reported on the route
    shelves = [Piece(id="top", kind="bookshelf", x=240, y=53, width=12, depth=106),
               Piece(id="bottom", kind="bookshelf", x=240, y=188, width=12, depth=104)]
    found = check_layout(plan(shelves, [EAST_STATION], [west_door()]))
    [narrow] = of(found, "narrow-passage")
    assert narrow.point[0] == pytest.approx(240, abs=6.5)
    assert '30" gap' in narrow.message


def test_two_separate_narrow_gaps_on_one_route_are_each_reported_where_they_are():
    def wall_at(x: float, gap: float, tag: str) -> list[Piece]:
        top, bottom = 120 - gap / 2, 120 + gap / 2
        return [Piece(id=f"{tag}-top", kind="bookshelf", x=x, y=top / 2, width=12, depth=top),
                Piece(id=f"{tag}-bottom", kind="bookshelf", x=x, y=(bottom + 240) / 2, width=12, depth=240 - bottom)]

    found = check_layout(plan(wall_at(160, 34, "near") + wall_at(300, 33, "far"),
                              [zone("east", 360, 60, 440, 180, station=2, name="Reading nook")], [west_door()]))
    narrow = sorted(of(found, "narrow-passage"), key=lambda f: f.point[0])
    assert [f.point[0] for f in narrow] == [pytest.approx(160, abs=8), pytest.approx(300, abs=8)]
    assert narrow[0].message.startswith('The 34" gap') and narrow[1].message.startswith('The 33" gap')
    assert {"near-top", "near-bottom"} <= set(narrow[0].ids) and {"far-top", "far-bottom"} <= set(narrow[1].ids)
