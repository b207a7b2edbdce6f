"""Route lengths against an exact oracle: Dijkstra over the visibility graph of the walkable
polygon's corners (a shortest path in a polygon bends only at its corners)."""

from __future__ import annotations

import heapq
import math
import random

import numpy as np
import pytest
import shapely

from app.geometry import kernels
from app.geometry.navmesh import NavMesh, path_length
from app.geometry.shapes import piece_shapes
from app.geometry.walkable import walkable_space
from app.model import Layout, Piece, Room

KINDS = ["student-desk", "activity-table", "round-table", "bookshelf", "kidney-table", "trapezoid-table", "teacher-desk-l"]


def oracle_length(space: shapely.Polygon, start, goal) -> float:
    """Exact shortest path length inside `space` (a polygon) from start to goal."""
    corners = reflex_corners(space)
    nodes = [tuple(start), tuple(goal), *corners]
    n = len(nodes)
    i, j = np.triu_indices(n, k=1)
    xy = np.array(nodes)
    lines = shapely.linestrings(np.stack([xy[i], xy[j]], axis=1))
    grown = space.buffer(1e-7)  # segments along the boundary count as inside
    shapely.prepare(grown)
    ok = shapely.covers(grown, lines)
    graph: dict[int, list[tuple[int, float]]] = {k: [] for k in range(n)}
    for a, b in zip(i[ok].tolist(), j[ok].tolist()):
        d = math.dist(nodes[a], nodes[b])
        graph[a].append((b, d))
        graph[b].append((a, d))
    best = {0: 0.0}
    heap = [(0.0, 0)]
    while heap:
        d, u = heapq.heappop(heap)
        if u == 1:
            return d
        if d > best.get(u, math.inf):
            continue
        for v, w in graph[u]:
            if d + w < best.get(v, math.inf):
                best[v] = d + w
                heapq.heappush(heap, (d + w, v))
    return math.inf


def reflex_corners(space: shapely.Polygon) -> list[tuple[float, float]]:
    """The corners where the free space turns more than half round: the only places a shortest
    path can bend (the others are skipped to keep the visibility graph small)."""
    space = shapely.geometry.polygon.orient(space, 1.0)  # free space on the left of every ring
    out = []
    for ring in [space.exterior, *space.interiors]:
        p = np.asarray(ring.coords[:-1])
        prev, nxt = np.roll(p, 1, axis=0), np.roll(p, -1, axis=0)
        turn = (p[:, 0] - prev[:, 0]) * (nxt[:, 1] - p[:, 1]) - (p[:, 1] - prev[:, 1]) * (nxt[:, 0] - p[:, 0])
        out += [tuple(c) for c in p[turn < 0].tolist()]
    return out


def random_field(seed: int, count: int) -> Layout:
    rng = random.Random(seed)
    pieces = [Piece(id=f"p{k}", kind=rng.choice(KINDS), x=rng.uniform(40, 440), y=rng.uniform(40, 320),
                    rotation=rng.choice([0, 90, rng.uniform(0, 360)])) for k in range(count)]
    return Layout(id="f", name="field", room=Room(outline=[(0, 0), (480, 0), (480, 360), (0, 360)]), pieces=pieces)


def far_apart_points(part: shapely.Polygon, rng: random.Random) -> tuple[tuple[float, float], tuple[float, float]]:
    x0, y0, x1, y1 = part.bounds
    points = []
    while len(points) < 40:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if shapely.contains_xy(part, x, y):
            points.append((x, y))
    pairs = [(a, b) for a in points for b in points]
    return max(pairs, key=lambda ab: math.dist(*ab))


def measure(seed: int, count: int, queries: int = 3) -> list[float]:
    """Our route length over the exact one, for a few far-apart pairs in one random field."""
    layout = random_field(seed, count)
    geoms, solid = piece_shapes(layout)
    space = walkable_space(layout, 36.0, geoms[solid])
    part = max(space.parts, key=lambda p: p.area)
    rng = random.Random(seed)
    mesh = space.mesh  # the tiles' triangles, stitched, as analyze() uses them
    ratios = []
    for _ in range(queries):
        start, goal = far_apart_points(part, rng)
        path = mesh.route(start, goal)
        assert path is not None
        assert space.geom.buffer(1e-6).covers(shapely.LineString(path))  # the walk stays in free space
        exact = oracle_length(part, start, goal)
        ours = path_length(path)
        assert ours >= exact - 1e-6  # so it is never shorter than the truth
        ratios.append(ours / exact)
    return ratios


@pytest.mark.parametrize("seed", range(1, 9))
def test_route_length_within_one_percent_of_the_exact_oracle(seed):
    assert max(measure(seed, count=9 + seed % 4)) <= 1.01


def test_every_one_of_300_routes_over_random_fields_is_within_two_percent():
    # 300 routes through fields of 8-12 random pieces (rotated L desks, kidney tables...): the
    # graph walk alone picked the wrong side of an obstacle in 6 of them (up to 6 % long);
    # with the far side of every obstacle the walk bends round also tried, none is
    ratios = np.array([r for seed in range(100) for r in measure(1000 + seed, count=8 + seed % 5)])
    assert len(ratios) == 300
    print(f"oracle: mean {100 * (ratios.mean() - 1):.4f} %, worst {100 * (ratios.max() - 1):.4f} %")
    assert ratios.max() <= 1.02
    assert np.mean(ratios) - 1 <= 0.001


def test_the_far_side_of_an_obstacle_is_tried():
    # seed 1095: the graph's walk went north of a table group, 3.2 % longer than south of it
    assert max(measure(1095, count=8)) <= 1.0 + 1e-6


def test_funnel_pulls_taut_round_a_corner():
    # an L-shaped corridor made of two triangles' worth of portals: the path bends at the inner corner
    space = shapely.box(0, 0, 100, 100).difference(shapely.box(30, 30, 101, 101))
    mesh = NavMesh.build(space)
    path = mesh.route((90, 15), (15, 90))
    assert path == [(90, 15), pytest.approx((30, 30)), (15, 90)]
    none = np.empty((0, 2))
    assert kernels.funnel(np.array([0.0, 0.0]), np.array([10.0, 0.0]), none, none)[0].tolist() == [[0, 0], [10, 0]]
