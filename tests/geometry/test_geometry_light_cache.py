"""check_light remembers the last plan to redo only what moved: its findings must follow every edit."""

from __future__ import annotations

import random

import pytest
import shapely

from app.geometry import check_light, light, shapes
from app.model import Door, Layout, Piece, Room, Zone
from app.model.catalog import catalog

SQUARE = [(0, 0), (240, 0), (240, 240), (0, 240)]


def plan(pieces=(), zones=(), doors=(), outline=SQUARE) -> Layout:
    return Layout(id="t", name="test", room=Room(outline=list(outline), doors=list(doors)),
                  pieces=list(pieces), zones=list(zones))


def desk(pid, x, y, **kw) -> Piece:
    return Piece(id=pid, kind="student-desk", x=x, y=y, **kw)  # 24 x 18


def moved(layout: Layout, i: int, **update) -> Layout:
    """The layout with piece i replaced by an edited copy, the way the editor's Document does it."""
    pieces = list(layout.pieces)
    pieces[i] = pieces[i].model_copy(update=update)
    return layout.model_copy(update={"pieces": pieces})


def of(found, code):
    return [f.ids for f in found if f.code == code]


def cold(layout: Layout):
    """check_light with nothing remembered from earlier calls."""
    shapes._last = None
    light._seen = None
    light._zones_seen = None
    shapes._pieces.clear()
    shapes._polygons.clear()
    light._results.clear()
    return check_light(layout)


ROW = plan([desk(f"d{k}", 30 + 30 * k, 60) for k in range(6)])  # 6 in apart: no collisions


def test_a_moved_piece_takes_its_collision_along():
    assert check_light(ROW) == []
    onto = moved(ROW, 2, x=100.0)  # d2 now 88..112, over d3 at 108..132 by 4 x 18 in
    assert of(check_light(onto), "piece-collision") == [["d2", "d3"]]
    further = moved(onto, 2, x=144.0)  # 132..156: over d4 (138..162) by 18 x 18 in, touching d3
    [hit] = check_light(further)
    assert hit.ids == ["d2", "d4"] and "2.2 sq ft" in hit.message
    assert check_light(moved(further, 2, x=90.0)) == []  # back in its place


def test_a_resized_piece_collides_and_stops_colliding():
    wide = moved(ROW, 0, width=40.0)  # 10..50 reaches d1 at 48..72
    assert of(check_light(wide), "piece-collision") == [["d0", "d1"]]
    assert check_light(moved(wide, 0, width=24.0)) == []
    deep = moved(ROW, 0, depth=300.0)  # y -90..210: out through the north wall
    assert of(check_light(deep), "outside-room") == [["d0"]]


def test_a_piece_changed_in_place_is_still_seen():
    layout = plan([desk("a", 60, 60), desk("b", 100, 60)])
    assert check_light(layout) == []
    layout.pieces[1].x = 70.0  # not the Document's way, but the cache must not be fooled by it
    assert of(check_light(layout), "piece-collision") == [["a", "b"]]


def test_writing_into_piece_shapes_arrays_does_not_reach_the_checks():
    onto = moved(ROW, 2, x=100.0)
    geoms, solid = shapes.piece_shapes(onto)
    geoms[:] = shapely.Point(0, 0)
    solid[:] = False
    assert of(check_light(onto), "piece-collision") == [["d2", "d3"]]
    assert shapes.piece_shapes(onto)[1].all()


def test_a_desk_that_becomes_a_rug_stops_colliding():
    onto = moved(ROW, 2, x=100.0)
    assert of(check_light(onto), "piece-collision") == [["d2", "d3"]]
    assert of(check_light(moved(onto, 2, kind="rug-small")), "piece-collision") == []


def test_a_renamed_piece_is_named_in_the_finding():
    onto = moved(ROW, 2, x=100.0)
    check_light(onto)
    [hit] = check_light(moved(onto, 2, label="Reading desk"))
    assert hit.message.startswith("Reading desk overlaps")


def test_zones_doors_and_the_room_follow_their_edits():
    zones = [Zone(id="a", kind="independent", polygon=[(10, 10), (100, 10), (100, 100), (10, 100)]),
             Zone(id="b", kind="independent", polygon=[(110, 10), (200, 10), (200, 100), (110, 100)])]
    door = Door(id="door", wall=0, position=120, width=36, swing="out")  # 48 in clear: y 0..48, x 102..138
    layout = plan([desk("d", 120, 80)], zones, [door])
    assert check_light(layout) == []
    shifted = layout.model_copy(update={"zones": [zones[0], zones[1].model_copy(
        update={"polygon": [(x - 20, y) for x, y in zones[1].polygon]})]})
    assert of(check_light(shifted), "zone-overlap") == [["a", "b"]]
    assert of(check_light(moved(layout, 0, y=40.0)), "door-blocked") == [["door", "d"]]
    smaller = layout.model_copy(update={"room": Room(outline=[(0, 0), (240, 0), (240, 70), (0, 70)], doors=[door])})
    assert of(check_light(smaller), "outside-room") == [["a"], ["b"], ["d"]]
    assert check_light(layout) == []


def _naive_collisions(layout: Layout) -> list[list[str]]:
    """Every pair of solid pieces, in Python: what piece-collision must say."""
    solid = [p for p in layout.pieces if p.solid]
    hits = []
    for a in range(len(solid)):
        for b in range(a + 1, len(solid)):
            pa, pb = shapely.Polygon(solid[a].outline()), shapely.Polygon(solid[b].outline())
            if pa.intersection(pb).area > 1.0:
                hits.append(sorted([solid[a].id, solid[b].id]))
    return sorted(hits)


KINDS = [item.id for item in catalog().items]


def _random_piece(rng: random.Random, pid: str) -> Piece:
    size = {"width": rng.uniform(12, 60)} if rng.random() < 0.2 else {}
    return Piece(id=pid, kind=rng.choice(KINDS), x=rng.uniform(0, 240), y=rng.uniform(0, 240),
                 rotation=rng.choice([0.0, 90.0, 45.0, rng.uniform(0, 360)]), **size)


def _random_edit(rng: random.Random, layout: Layout) -> Layout:
    pieces = list(layout.pieces)
    roll = rng.random()
    if roll < 0.6:  # a drag of one piece, or of a selection
        for i in rng.sample(range(len(pieces)), k=min(len(pieces), rng.choice([1, 1, 2, 5]))):
            pieces[i] = pieces[i].model_copy(update={"x": pieces[i].x + rng.uniform(-30, 30),
                                                      "rotation": rng.choice([pieces[i].rotation, 30.0])})
    elif roll < 0.75:
        i = rng.randrange(len(pieces))
        pieces[i] = pieces[i].model_copy(update={"width": rng.uniform(12, 72), "kind": rng.choice(KINDS)})
    elif roll < 0.8:  # dropped from the palette, or pasted
        pieces += [_random_piece(rng, f"new{len(pieces)}-{k}") for k in range(rng.choice([1, 3]))]
    elif roll < 0.85:  # undo of a delete puts it back where it was
        pieces.insert(rng.randrange(len(pieces) + 1), _random_piece(rng, f"back{len(pieces)}"))
    else:
        del pieces[rng.randrange(len(pieces))]
    return layout.model_copy(update={"pieces": pieces})


@pytest.mark.parametrize("seed", range(6))
def test_after_any_edits_the_findings_are_those_of_a_fresh_check(seed):
    rng = random.Random(seed)
    layout = plan([_random_piece(rng, f"p{k}") for k in range(40)])
    for _ in range(25):
        layout = _random_edit(rng, layout)
        warm = check_light(layout)
        assert sorted(sorted(ids) for ids in of(warm, "piece-collision")) == _naive_collisions(layout)
        assert warm == cold(layout)
