"""The wall rules without a window: where a dropped door lands, how openings follow corners."""

from __future__ import annotations

import pytest

from app.canvas import walls
from app.model import Door, Room, Window

RECT = [(0.0, 0.0), (360.0, 0.0), (360.0, 384.0), (0.0, 384.0)]


def room(**kw) -> Room:
    return Room(outline=RECT, **kw)


def test_new_door_lands_on_the_nearest_wall_centred_under_the_drop():
    door = walls.new_opening("door", "door-9", RECT, (60.0, 370.0))  # near the back wall, 60 in from the left
    assert (door.wall, door.position, door.width) == (2, 300.0, 36.0)  # wall 2 runs right to left
    board = walls.new_opening("whiteboard", "b", RECT, (5.0, 5.0))  # at a corner: slid inside its wall
    assert board.kind == "whiteboard" and board.position == board.width / 2


def test_moving_an_opening_follows_the_pointer_to_another_wall():
    r = room(doors=[Door(id="d", wall=2, position=48, width=36)])
    moved = walls.moved_opening(r, "d", (355.0, 100.0))
    assert (moved.doors[0].wall, moved.doors[0].position) == (1, 100.0)
    end = walls.moved_opening(r, "d", (400.0, -50.0))  # past the corner: clamped inside the wall
    assert end.doors[0].position in (18.0, 342.0)


def test_moved_corner_keeps_openings_on_their_walls_and_inside_them():
    r = room(windows=[Window(id="w", wall=1, position=300, width=72)])
    shorter = walls.moved_corner(r, 2, (360.0, 300.0))  # wall 1 is now 300 in long
    assert shorter.windows[0].wall == 1 and shorter.windows[0].position == 300 - 36
    with pytest.raises(walls.WallEditError) as problem:
        walls.moved_corner(r, 2, (360.0, 40.0))  # 40 in cannot hold a 72 in window
    assert "\n" not in str(problem.value) and "72 in" in str(problem.value)


def test_split_a_wall_then_make_an_l_and_remove_a_corner():
    r = room(doors=[Door(id="d", wall=2, position=300, width=36)], windows=[Window(id="w", wall=3, position=100, width=48)])
    split = walls.added_corner(r, 2, (180.0, 384.0))
    assert len(split.outline) == 5 and split.outline[3] == (180.0, 384.0)
    door = split.doors[0]
    assert (door.wall, door.position) == (3, 120.0)  # its centre (60, 384) is now on the new wall 3
    assert split.windows[0].wall == 4  # the walls after the split shift by one
    ell = walls.moved_corner(walls.added_corner(split, 1, (360.0, 200.0)), 2, (200.0, 200.0))
    assert len(ell.outline) == 6 and ell.area < 360 * 384
    back = walls.removed_corner(split, 3)
    assert back.outline == r.outline and back.doors[0] == r.doors[0] and back.windows[0] == r.windows[0]
    with pytest.raises(walls.WallEditError, match="at least 3 corners"):
        walls.removed_corner(Room(outline=[(0, 0), (100, 0), (0, 100)]), 0)


def test_crossing_outline_is_refused_in_one_line():
    with pytest.raises(walls.WallEditError) as problem:
        walls.moved_corner(room(), 0, (200.0, 500.0))
    assert "crosses itself" in str(problem.value) and "\n" not in str(problem.value)


def test_rectangle_keeps_walls_when_there_are_four():
    r = room(doors=[Door(id="d", wall=1, position=350, width=36)])
    smaller = walls.rectangle(r, 240.0, 300.0)
    assert smaller.bounds() == (0, 0, 240, 300) and smaller.doors[0].wall == 1
    assert smaller.doors[0].position == 300 - 18
