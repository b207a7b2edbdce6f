"""Every walk within 1 % of the exact shortest walk (tests/geometry/exact.py, a visibility
graph over the floor's corners): the check's own routes on generated rooms, walks between
random points at 30 / 100 / 400 pieces, and rooms whose answer is known by hand."""

from __future__ import annotations

import math
import random

import pytest
import shapely

from app.geometry import analyze
from app.geometry.floor import walkable_floor
from app.geometry.paths import shortest_walk
from app.geometry.session import NoSession
from app.geometry.shapes import plan_of
from app.model import Layout, Piece, Room, TransitionPlan
from bench.generate import make_layout
from tests.geometry.exact import exact_length

#: walks measured against the exact one, over all the tests below
COUNTED: list[float] = []


def _assert_exact(floor, path, length, cap=1.01):
    assert shapely.covers(shapely.buffer(floor.space, 1e-6), shapely.LineString(path)), "the walk leaves the floor"
    exact = exact_length(floor.space, path[0], path[-1], length * cap + 1e-6)
    assert exact is not None and length <= exact * 1.01 + 1e-9, (path[0], path[-1], length, exact)
    COUNTED.append(length / exact - 1 if exact else 0.0)


@pytest.mark.parametrize("pieces, seeds", [(30, range(8)), (100, range(4))])
def test_the_checks_routes_are_exact(pieces, seeds):
    for seed in seeds:
        layout = make_layout(pieces, seed)
        floor = walkable_floor(layout, plan_of(layout), layout.clear_width, NoSession())
        for route in analyze(layout).routes:
            if route.path is not None and len(route.path) > 1:
                _assert_exact(floor, route.path, route.length)


@pytest.mark.parametrize("pieces, count, reach", [(30, 150, None), (100, 60, None), (400, 40, 300.0)])
def test_walks_between_random_points_are_exact(pieces, count, reach):
    layout = make_layout(pieces, 11)
    floor = walkable_floor(layout, plan_of(layout), layout.clear_width, NoSession())
    rng = random.Random(pieces)
    part = max(floor.parts, key=lambda p: p.area)
    x0, y0, x1, y1 = part.bounds
    done = 0
    while done < count:
        a = (rng.uniform(x0, x1), rng.uniform(y0, y1))
        b = (rng.uniform(x0, x1), rng.uniform(y0, y1)) if reach is None else \
            (a[0] + rng.uniform(-reach, reach), a[1] + rng.uniform(-reach, reach))
        if not (part.contains(shapely.Point(a)) and part.contains(shapely.Point(b))):
            continue
        walk = shortest_walk(floor.mesh, [a], [b], b)
        assert walk is not None
        _assert_exact(floor, walk.path, walk.length)
        done += 1


def _room(outline, pieces=(), width=36.0) -> Layout:
    return Layout(id="t", name="t", room=Room(outline=outline, doors=[]), pieces=list(pieces), zones=[],
                  transitions=TransitionPlan(), clear_width=width)


def _walk(layout, a, b):
    floor = walkable_floor(layout, plan_of(layout), layout.clear_width, NoSession())
    walk = shortest_walk(floor.mesh, [a], [b], b)
    _assert_exact(floor, walk.path, walk.length)
    return walk


def test_round_the_inner_corner_of_an_l_shaped_room():
    l_room = _room([(0, 0), (240, 0), (240, 240), (480, 240), (480, 480), (0, 480)])
    a, b, c, r = (120, 60), (420, 360), (240, 240), 17.99
    walk = _walk(l_room, a, b)
    # the walker's centre keeps 17.99 in from the inner corner: two tangents and the arc between
    da, db = math.dist(a, c), math.dist(b, c)
    between = math.acos(((a[0] - c[0]) * (b[0] - c[0]) + (a[1] - c[1]) * (b[1] - c[1])) / (da * db))
    arc = r * (2 * math.pi - between - math.acos(r / da) - math.acos(r / db))  # round the far side of c
    assert walk.length == pytest.approx(math.sqrt(da * da - r * r) + math.sqrt(db * db - r * r) + arc, rel=0.001)


def test_round_a_column():
    column = Piece(id="c", kind="bookshelf", x=240, y=240, width=24, depth=24, fixed=True)
    walk = _walk(_room([(0, 0), (480, 0), (480, 480), (0, 480)], [column]), (60, 240), (420, 240))
    # the straight line is blocked: round the grown column (12 + 17.99 in from its middle)
    assert walk.length > 360 and walk.length < 360 + 2 * 30


def test_along_a_wall_of_shelves():
    shelves = [Piece(id=f"s{k}", kind="bookshelf", x=60 + 36 * k, y=200, width=36, depth=12) for k in range(10)]
    walk = _walk(_room([(0, 0), (480, 0), (480, 480), (0, 480)], shelves), (120, 120), (300, 300))
    assert walk.length > math.dist((120, 120), (300, 300))


def test_round_a_round_table():
    table = Piece(id="t", kind="round-table-large", x=240, y=240)
    walk = _walk(_room([(0, 0), (480, 0), (480, 480), (0, 480)], [table]), (100, 240), (380, 240))
    # the walk hugs a circle of 24 + 17.99 in round the middle: two tangents and an arc
    r, d = 24 + 17.99, 140.0
    tangent = math.sqrt(d * d - r * r)
    arc = r * (math.pi - 2 * math.acos(r / d))
    assert walk.length == pytest.approx(2 * tangent + arc, rel=0.002)  # the 48-gon and 32 arc steps, inside


def test_at_least_300_walks_were_measured():
    # pytest runs this file's tests in order: the counts above add up here
    assert len(COUNTED) >= 300 and max(COUNTED) <= 0.01
