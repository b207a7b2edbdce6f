"""Open floor in a zone is kept by the zone's outline and the tile pieces under it: after an edit
it must be what a cold run finds, and an edit under the zone must not read the old answer."""

from __future__ import annotations

import shapely

from app.geometry import walkable
from app.geometry.analysis import forget
from app.geometry.shapes import piece_shapes, zone_shapes
from app.geometry.walkable import walkable_space
from bench.generate import make_layout


def _space(layout):
    geoms, solid = piece_shapes(layout)
    return walkable_space(layout, layout.clear_width, geoms[solid])


def _floor(space, zones):
    return [[(k, shapely.to_wkb(p)) for k, p in space.open_floor(z)] for z in zones]


def _moved(layout, k, dx):
    pieces = list(layout.pieces)
    pieces[k] = pieces[k].model_copy(update={"x": pieces[k].x + dx})
    return layout.model_copy(update={"pieces": pieces})


def test_open_floor_after_edits_equals_a_cold_run():
    layout = make_layout(100)
    zones = list(zone_shapes(layout))
    _floor(_space(layout), zones)  # warm
    for k, dx in ((3, 12.0), (40, -20.0), (77, 30.0)):
        layout = _moved(layout, k, dx)
        warm = _floor(_space(layout), zones)
        kept = len(walkable._open)
        forget()
        cold = _floor(_space(layout), zones)
        assert warm == cold
        assert kept > 0  # the warm run did keep (and so could read) open floor


def test_a_piece_moved_into_a_zone_changes_its_open_floor():
    layout = make_layout(100)
    zones = zone_shapes(layout)
    zone = zones[0]
    before = _space(layout).open_floor(zone)
    # park a piece in the middle of the zone: less open floor there now
    c = zone.centroid
    pieces = list(layout.pieces)
    k = next(i for i, p in enumerate(pieces) if p.solid)
    pieces[k] = pieces[k].model_copy(update={"x": c.x, "y": c.y, "rotation": 0.0})
    moved = layout.model_copy(update={"pieces": pieces})
    after = _space(moved).open_floor(zone)
    area = lambda found: sum(p.area for _, p in found)  # noqa: E731
    assert area(after) < area(before) - 1.0
    forget()
    assert area(_space(moved).open_floor(zone)) == area(after)
