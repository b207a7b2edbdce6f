"""The full check caches grown footprints, floor tiles and the walks an edit cannot change:
after any edit it must say exactly what a cold run says."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from app.geometry import analyze
from app.geometry.analysis import forget
from app.storage import load_project

SAMPLES = Path(__file__).resolve().parents[2] / "app" / "assets" / "samples"


def summary(analysis):
    findings = [f.model_dump() for f in analysis.findings]
    for f in findings:
        f.pop("path")  # compared below, to round-off
    routes = [(r.kind, r.start_id, r.end_id, r.length) for r in analysis.routes]
    return findings, routes, analysis.walkable.area


def assert_same(warm, cold):
    wf, wr, wa = summary(warm)
    cf, cr, ca = summary(cold)
    assert wf == cf
    assert [r[:3] for r in wr] == [r[:3] for r in cr]
    assert [r[3] for r in wr] == pytest.approx([r[3] for r in cr], rel=1e-9, abs=1e-6)
    assert wa == pytest.approx(ca, rel=1e-9)
    for a, b in zip(warm.routes, cold.routes):
        assert (a.path is None) == (b.path is None)
        if a.path is not None:
            assert len(a.path) == len(b.path)
            assert [c for p in a.path for c in p] == pytest.approx([c for p in b.path for c in p], abs=1e-6)


@pytest.mark.parametrize("sample", ["personalized-learning", "station-rotation", "broken-room"])
def test_analysis_after_edits_equals_a_cold_run(sample):
    layout = load_project(SAMPLES / f"{sample}.classroom.json").layouts[0]
    rng = random.Random(sample)
    analyze(layout)  # warm the caches
    for step in range(6):
        pieces = list(layout.pieces)
        k = rng.randrange(len(pieces))
        if step == 3:
            pieces.insert(0, pieces.pop(k))  # the same pieces in another order
        else:
            dx, dy = rng.uniform(-30, 30), rng.uniform(-30, 30)
            pieces[k] = pieces[k].model_copy(update={"x": pieces[k].x + dx, "y": pieces[k].y + dy,
                                                     "rotation": pieces[k].rotation + rng.choice([0, 15])})
        layout = layout.model_copy(update={"pieces": pieces})
        warm = analyze(layout)
        forget()
        cold = analyze(layout)
        assert_same(warm, cold)
        analyze(layout.model_copy(update={"pieces": list(reversed(layout.pieces))}))  # other tiles cached meanwhile


def test_a_moved_piece_reopens_the_gap_it_closed():
    # the cache must not keep a blocked tile after the piece that blocked it moves away
    layout = load_project(SAMPLES / "personalized-learning.classroom.json").layouts[0]
    before = analyze(layout)
    zone = next(z for z in layout.zones if z.station is not None)
    cx, cy = zone.centroid()
    blocker = layout.pieces[0].model_copy(update={"id": "blocker", "kind": "bookshelf-tall", "x": cx, "y": cy,
                                                  "width": 400, "depth": 400, "rotation": 0})
    blocked = analyze(layout.model_copy(update={"pieces": [*layout.pieces, blocker]}))
    assert zone.id in {i for f in blocked.findings if f.code == "unreachable-zone" for i in f.ids}
    again = analyze(layout)
    assert summary(again) == summary(before)


def test_the_freed_floor_bound_never_overestimates():
    # a kept walk is only as safe as this lower bound on |ap| + |pb| over the freed floor
    import numpy as np
    import shapely

    from app.geometry import kernels
    from app.geometry.reuse import _edges

    rng = random.Random(7)
    for _ in range(400):
        a, b = (rng.uniform(0, 100), rng.uniform(0, 100)), (rng.uniform(0, 100), rng.uniform(0, 100))
        hull = shapely.convex_hull(shapely.MultiPoint([(rng.uniform(0, 100), rng.uniform(0, 100)) for _ in range(5)]))
        hull = hull if isinstance(hull, shapely.Polygon) else hull.buffer(0.01)
        if rng.random() < 0.5:  # freed floor need not be convex: a sliver, a ring
            hull = hull.difference(hull.buffer(-rng.uniform(0.5, 5)))
            if hull.is_empty or not isinstance(hull, shapely.Polygon):
                continue
        p, q = _edges(np.array([hull], dtype=object))
        bound = kernels.shortest_through(np.array(a), np.array(b), p, q)
        edge = np.concatenate([np.asarray(r.segmentize(0.05).coords) for r in [hull.exterior, *hull.interiors]])
        best = (np.hypot(*(edge - a).T) + np.hypot(*(edge - b).T)).min()
        if hull.intersects(shapely.LineString([a, b])):
            best = math.dist(a, b)  # a point of the freed floor on the straight line
        assert bound <= best + 1e-9
        assert bound >= best - 0.1  # and it is tight


def long_room(moved: float = 0.0):
    """A 200 x 40 ft hall with rows of tables, and four stations near its door."""
    from app.model import Door, Layout, Piece, Room, TransitionPlan, Zone

    pieces = [Piece(id=f"t{i}-{j}", kind="activity-table", x=120 + 150 * i + (moved if (i, j) == (3, 2) else 0),
                    y=90 + 110 * j, rotation=15 * ((i + j) % 3)) for i in range(15) for j in range(3)]
    zones = [Zone(id=f"s{k}", kind="collaboration", station=k + 1,
                  polygon=[(x, 380), (x + 120, 380), (x + 120, 460), (x, 460)])
             for k, x in enumerate([100, 350, 600, 850])]
    return Layout(id="hall", name="hall", room=Room(outline=[(0, 0), (2400, 0), (2400, 480), (0, 480)],
                                                   doors=[Door(id="d", wall=3, position=240, width=36)]),
                  pieces=pieces, zones=zones, transitions=TransitionPlan(rotation=[z.id for z in zones]))


def test_walks_searched_again_within_their_ellipse_equal_a_cold_run(monkeypatch):
    from app.geometry import ways

    sizes = []
    search = ways._search

    def spy(space, mesh, *rest):
        sizes.append((len(mesh.tris), len(space.mesh.tris)))
        return search(space, mesh, *rest)

    monkeypatch.setattr(ways, "_search", spy)
    forget()
    analyze(long_room())
    for moved in (4.0, 9.0, -6.0):
        sizes.clear()
        warm = analyze(long_room(moved))
        assert any(part < whole for part, whole in sizes)  # some walks were searched in their ellipse
        forget()
        assert_same(warm, analyze(long_room(moved)))
