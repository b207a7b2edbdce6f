"""The compiled route-search loops against plain references: scipy's Dijkstra and connected
components, and what a corridor and the walk through it must be (a chain of neighbouring
triangles from the start's triangle to the goal's; a walk inside it bending at its corners)."""

from __future__ import annotations

import random

import numpy as np
import pytest
import shapely

from app.geometry import kernels
from app.geometry.routes import Router
from app.geometry.shapes import piece_shapes
from app.geometry.walkable import walkable_space
from app.model import Door, Layout, Piece, Room

KINDS = ["student-desk", "activity-table", "round-table", "bookshelf", "kidney-table", "trapezoid-table"]


def room(seed: int, count: int = 24) -> Layout:
    rng = random.Random(seed)
    pieces = [Piece(id=f"p{k}", kind=rng.choice(KINDS), x=rng.uniform(40, 560), y=rng.uniform(40, 440),
                    rotation=rng.choice([0, 90, rng.uniform(0, 360)])) for k in range(count)]
    return Layout(id="r", name="room", pieces=pieces,
                  room=Room(outline=[(0, 0), (600, 0), (600, 480), (0, 480)], doors=[Door(id="d", wall=0, position=60)]))


def router(seed: int, points: int = 8) -> Router:
    layout = room(seed)
    geoms, solid = piece_shapes(layout)
    mesh = walkable_space(layout, 36.0, geoms[solid]).mesh
    rng = np.random.default_rng(seed)
    tris = rng.choice(len(mesh.tris), points, replace=False)
    return Router(mesh, [tuple(mesh.verts[mesh.tris[t]].mean(axis=0)) for t in tris])


def corridors(r: Router):
    """(a, b, corridor) for every two of the router's points joined by the graph."""
    for a in range(len(r.points)):
        tree = r.tree([a], [q for q in range(len(r.points)) if q != a])
        for b in range(len(r.points)):
            if a != b and np.isfinite(tree.dist[r.node(b)]):
                yield a, b, r._corridor(kernels.chase(tree.pred, r.node(b)))


@pytest.mark.parametrize("seed", range(4))
def test_corridors_are_chains_of_neighbours_and_the_walk_through_them_is_taut(seed):
    # (the funnel itself is held to the Python one in test_navmesh_equivalence.py)
    r = router(seed)
    g, mesh = r.graph, r.mesh
    tried = 0
    for a, b, way in corridors(r):
        assert way is not None
        assert way[0] == g.point_tri[a] and way[-1] == g.point_tri[b]
        assert len(set(way.tolist())) == len(way)  # no triangle twice
        assert all(way[j + 1] in mesh.nb[way[j]] for j in range(len(way) - 1))
        start, goal = np.array(r.points[a]), np.array(r.points[b])
        path, bends = kernels.taut(start, goal, way, mesh.verts, mesh.tris, mesh.nb)
        ends = kernels.portals(way, mesh.tris, mesh.nb)
        assert path[0].tolist() == start.tolist() and path[-1].tolist() == goal.tolist()
        assert path[1:-1].tolist() == mesh.verts[bends].tolist()  # it bends at corners of the corridor
        assert set(bends.tolist()) <= set(ends.ravel().tolist())
        sleeve = shapely.union_all(shapely.polygons(mesh.verts[mesh.tris[way]])).buffer(1e-6)
        assert sleeve.covers(shapely.LineString(path))
        tried += 1
    assert tried > 20


@pytest.mark.parametrize("seed", range(3))
def test_dijkstra_equals_scipy_and_a_bounded_one_is_exact_within_its_reach(seed):
    from scipy.sparse.csgraph import dijkstra

    r = router(seed)
    m = r.graph.matrix
    sources = np.array([r.node(0), r.node(1)], dtype=np.int64)
    want, _ = dijkstra(m, directed=True, indices=sources, return_predecessors=True, min_only=True)[:2]
    dist, pred = kernels.dijkstra(m.indptr, m.indices, m.data, sources, np.empty(0, dtype=np.int64), 0.0, -1.0)
    assert dist == pytest.approx(want, rel=1e-12)
    reached = np.isfinite(dist) & (pred >= 0)
    assert (dist[reached] >= dist[pred[reached]]).all()  # each node after its predecessor
    target = r.node(2)
    near, _ = kernels.dijkstra(m.indptr, m.indices, m.data, sources, np.array([target]), 0.0, 1.2)
    reach = 1.2 * want[target]
    within = want <= reach
    assert near[within] == pytest.approx(want[within], rel=1e-12)
    assert (near[~within] >= want[~within] - 1e-9).all()  # never shorter than the truth
    assert np.isinf(near).any()  # and it stopped early


def test_components_number_the_parts_as_scipy_does():
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    layout = room(5, count=60)
    geoms, solid = piece_shapes(layout)
    mesh = walkable_space(layout, 36.0, geoms[solid]).mesh
    t, k = np.nonzero(mesh.nb >= 0)
    n = len(mesh.tris)
    count, want = connected_components(coo_matrix((np.ones(len(t)), (t, mesh.nb[t, k])), shape=(n, n)), directed=False)
    got = kernels.components(mesh.nb)
    assert count > 1  # the test means something: a closed-in pocket or two
    assert got.tolist() == want.tolist()


def test_warm_compiles_every_kernel_a_check_uses():
    # make compiles the kernels once (warm()); a type warm() missed would compile in the middle
    # of a teacher's first edit, for seconds
    import numba

    from app.geometry import check_layout
    from bench.bench_checks import edit_chain
    from bench.generate import make_layout

    dispatchers = [f for f in vars(kernels).values() if isinstance(f, numba.core.registry.CPUDispatcher)]
    kernels.warm()
    before = {f.__name__: set(f.signatures) for f in dispatchers}
    layout = make_layout(100)
    check_layout(layout)
    for edited in edit_chain(layout, 6):
        check_layout(edited)
    after = {f.__name__: set(f.signatures) for f in dispatchers}
    assert {name: after[name] - before[name] for name in after if after[name] - before[name]} == {}


def reference_turned(tris: list, nb: list, corridor: list[int], corner: int) -> list[int] | None:
    """MeshGraph.other_way_round as it was in Python (before kernels.turned)."""
    on = [corner in tris[t] for t in corridor]
    if True not in on:
        return None
    i = on.index(True)
    j = i
    while j + 1 < len(corridor) and on[j + 1]:
        j += 1
    start, goal = corridor[i], corridor[j]
    ways = []
    for first in (0, 1):
        prev, cur, way = -1, start, []
        for _ in range(64):
            k = tris[cur].index(corner)
            options = [nb[cur][(k + 1) % 3], nb[cur][(k + 2) % 3]]
            nxt = options[first] if prev < 0 else (options[1] if options[0] == prev else options[0])
            if nxt < 0:
                break
            way.append(nxt)
            if nxt == goal:
                ways.append(way)
                break
            prev, cur = cur, nxt
    others = [w for w in ways if w != corridor[i + 1:j + 1]]
    if start == goal or not others:
        return None
    return kernels.without_loops(np.array(corridor[:i + 1] + others[0] + corridor[j + 1:]), len(tris)).tolist()


@pytest.mark.parametrize("seed", [1, 2, 7])
def test_turning_round_a_corner_the_other_way_matches_the_python_one(seed):
    # corners with a way round both sides are where four tiles meet: rooms whose walks pass them
    r = router(seed, points=12)
    mesh = r.mesh
    tris, nb = mesh.tris.tolist(), mesh.nb.tolist()
    turned = 0
    for _, _, way in corridors(r):
        for corner in sorted({v for t in way.tolist() for v in tris[t]}):
            got = kernels.turned(way, corner, mesh.tris, mesh.nb)
            want = reference_turned(tris, nb, way.tolist(), corner)
            assert (got.tolist() or None) == want
            turned += want is not None
    assert turned > 3  # some corridors pass such a corner
