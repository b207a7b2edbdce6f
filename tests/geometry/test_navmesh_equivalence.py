"""The navigation mesh's fast paths against copies of the code they replaced (commit 3ab51ae),
to the bit: the compiled funnel (app.geometry.kernels) against the simple stupid funnel on
corridors through generated classrooms and through grid rooms full of collinear corners; a
tile's triangles joined in one sort against the two-axis snap (shuffled, near-equal corners,
many tiles at once, whole-inch rooms, edges of three triangles); the stitched mesh (with near
corners on the seams) and the outlines against their old numpy code. The mesh is built by
compiled kernels now (kernels.triangle_mesh, kernels.stitch)."""

from __future__ import annotations

import collections
import random

import numpy as np
import pytest
import shapely

from app.geometry import kernels
from app.geometry.navmesh import SNAP, NavMesh
from app.geometry.shapes import piece_shapes
from app.geometry.tiles import on_seam
from app.geometry.walkable import walkable_space
from bench.generate import make_layout


def reference_funnel(start, goal, portals):
    """The simple stupid funnel as it was: back to the apex's next portal after each bend."""
    gates = [(start, start), *portals, (goal, goal)]
    path = [start]
    bends = []
    ax, ay = start
    lx, ly = rx, ry = start
    apex_i = left_i = right_i = 0
    i = 1
    while i < len(gates):
        (nlx, nly), (nrx, nry) = gates[i]
        if (rx - ax) * (nry - ay) - (ry - ay) * (nrx - ax) >= 0:
            if (ax == rx and ay == ry) or (lx - ax) * (nry - ay) - (ly - ay) * (nrx - ax) < 0:
                rx, ry, right_i = nrx, nry, i
            else:
                path.append((lx, ly))
                bends.append(2 * (left_i - 1))
                ax, ay, apex_i = lx, ly, left_i
                rx, ry = lx, ly
                right_i = left_i = apex_i
                i = apex_i + 1
                continue
        if (lx - ax) * (nly - ay) - (ly - ay) * (nlx - ax) <= 0:
            if (ax == lx and ay == ly) or (rx - ax) * (nly - ay) - (ry - ay) * (nlx - ax) > 0:
                lx, ly, left_i = nlx, nly, i
            else:
                path.append((rx, ry))
                bends.append(2 * (right_i - 1) + 1)
                ax, ay, apex_i = rx, ry, right_i
                lx, ly = rx, ry
                left_i = right_i = apex_i
                i = apex_i + 1
                continue
        i += 1
    if path[-1] != goal:
        path.append(goal)
    return path, bends


def reference_corners(flat):
    ids = np.arange(len(flat))
    xy = flat.copy()
    for major, minor in ((0, 1), (1, 0)):
        order = np.lexsort((xy[:, minor], xy[:, major]))
        s = xy[order]
        new = np.ones(len(s), dtype=bool)
        new[1:] = (s[1:, major] != s[:-1, major]) | (s[1:, minor] - s[:-1, minor] > SNAP)
        group = np.cumsum(new) - 1
        first = order[np.flatnonzero(new)]
        rep = np.empty(len(xy), dtype=np.int64)
        rep[order] = first[group]
        xy = xy[rep]
        ids = rep[ids]
    uniq, ids = np.unique(ids, return_inverse=True)
    return flat[uniq], ids.ravel()


def reference_from_triangles(tri_xy):
    verts, ids = reference_corners(tri_xy.reshape(-1, 2))
    tris = ids.reshape(-1, 3)
    p = verts[tris]
    area2 = ((p[:, 1, 0] - p[:, 0, 0]) * (p[:, 2, 1] - p[:, 0, 1])
             - (p[:, 1, 1] - p[:, 0, 1]) * (p[:, 2, 0] - p[:, 0, 0]))
    scale = max(1.0, float(np.abs(verts).max(initial=1.0)))
    keep = np.abs(area2) > 1e-12 * scale
    kept = np.flatnonzero(keep)
    tris, area2 = tris[keep], area2[keep]
    flip = area2 < 0
    tris[flip] = tris[flip][:, [0, 2, 1]]
    n = len(tris)
    a = tris[:, [1, 2, 0]].ravel()
    b = tris[:, [2, 0, 1]].ravel()
    keys = np.minimum(a, b) * (len(verts) + 1) + np.maximum(a, b)
    srt = np.argsort(keys)
    same = keys[srt[1:]] == keys[srt[:-1]]
    e1, e2 = srt[:-1][same], srt[1:][same]
    nb = np.full(n * 3, -1, dtype=np.int64)
    nb[e1] = e2 // 3
    nb[e2] = e1 // 3
    return verts, tris, nb.reshape(n, 3), kept


def reference_stitched(parts):
    n_v = np.cumsum([0] + [len(m.verts) for m in parts])
    n_t = np.cumsum([0] + [len(m.tris) for m in parts])
    verts = np.concatenate([m.verts for m in parts])
    tris = np.concatenate([m.tris + o for m, o in zip(parts, n_v[:-1])])
    nb = np.concatenate([np.where(m.nb >= 0, m.nb + o, -1) for m, o in zip(parts, n_t[:-1])])
    seam = np.flatnonzero(on_seam(verts))
    ids = np.arange(len(verts))
    if len(seam):
        _, group = reference_corners(verts[seam])
        first = np.empty(group.max() + 1, dtype=np.int64)
        first[group[::-1]] = seam[::-1]
        ids[seam] = first[group]
    used, ids = np.unique(ids, return_inverse=True)
    verts, tris = verts[used], ids.ravel()[tris]
    if ((tris[:, 0] == tris[:, 1]) | (tris[:, 1] == tris[:, 2]) | (tris[:, 0] == tris[:, 2])).any():
        return None
    t, k = np.nonzero(nb < 0)
    a, b = tris[t, (k + 1) % 3], tris[t, (k + 2) % 3]
    keys = np.minimum(a, b) * (len(verts) + 1) + np.maximum(a, b)
    order = np.argsort(keys)
    same = np.flatnonzero(keys[order][1:] == keys[order][:-1])
    e1, e2 = order[same], order[same + 1]
    nb[t[e1], k[e1]] = t[e2]
    nb[t[e2], k[e2]] = t[e1]
    return verts, tris, nb


def reference_rings(mesh):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    t, k = np.nonzero(mesh.nb < 0)
    a, b = mesh.tris[t, (k + 1) % 3], mesh.tris[t, (k + 2) % 3]
    n = len(mesh.verts)
    _, ring = connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)
    order = np.argsort(ring, kind="stable")
    start = np.searchsorted(ring[order], np.arange(ring.max(initial=-1) + 2))
    pa, pb = mesh.verts[a], mesh.verts[b]
    area = np.bincount(ring[a], pa[:, 0] * pb[:, 1] - pb[:, 0] * pa[:, 1], minlength=len(start) - 1)
    return ring, start, order, area < 0


def assert_same_arrays(got, want):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape
        assert np.array_equal(g, w)
        assert g.flags["C_CONTIGUOUS"] == w.flags["C_CONTIGUOUS"]  # the compiled kernels take C order


def _space(n: int, seed: int):
    layout = make_layout(n, seed)
    geoms, solid = piece_shapes(layout)
    return walkable_space(layout, layout.clear_width, geoms[solid])


@pytest.fixture(scope="module")
def spaces():
    return [_space(30, 0), _space(100, 1), _space(100, 2)]


def grid_room(rng: random.Random) -> NavMesh:
    """A room on whole inches with square and polygonal holes, walls cut into equal pieces:
    collinear corners and exact ties everywhere."""
    w, h = rng.randint(8, 30), rng.randint(8, 30)
    holes = [shapely.box(x, y, x + rng.randint(1, 3), y + rng.randint(1, 3))
             for x, y in [(rng.randint(1, w - 4), rng.randint(1, h - 4)) for _ in range(rng.randint(1, 12))]]
    holes += [shapely.Point(rng.uniform(2, w - 2), rng.uniform(2, h - 2))
              .buffer(rng.uniform(0.3, 1.5), quad_segs=rng.choice([1, 2, 8])) for _ in range(rng.randint(0, 4))]
    space = shapely.box(0, 0, w, h).difference(shapely.union_all(holes))
    if rng.random() < 0.4:
        space = shapely.segmentize(space, rng.choice([0.5, 1.0, 2.0]))
    return NavMesh.build(space)


def corridor(mesh: NavMesh, t0: int, t1: int, rng: random.Random) -> list[int] | None:
    """Triangles from t0 to t1: fewest steps, or a random depth-first walk (winding corridors)."""
    nb = mesh.nb.tolist()
    prev = {t0: -1}
    todo = collections.deque([t0])
    winding = rng.random() < 0.4
    while todo:
        t = todo.pop() if winding else todo.popleft()
        if t == t1:
            break
        nbrs = [u for u in nb[t] if u >= 0 and u not in prev]
        rng.shuffle(nbrs)
        for u in nbrs:
            prev[u] = t
            todo.append(u)
    if t1 not in prev:
        return None
    out = [t1]
    while out[-1] != t0:
        out.append(prev[out[-1]])
    return out[::-1]


def point_in(mesh: NavMesh, t: int, rng: random.Random):
    """A centre, a corner, the middle of an edge, a point inside, or one off the triangle (the
    router takes a point off the mesh from its nearest triangle)."""
    p = mesh.verts[mesh.tris[t]]
    kind = rng.randrange(5)
    if kind == 0:
        q = p.mean(axis=0)
    elif kind == 1:
        q = p[rng.randrange(3)]
    elif kind == 2:
        k = rng.randrange(3)
        q = (p[k] + p[(k + 1) % 3]) / 2
    elif kind == 3:
        a, b = sorted((rng.random(), rng.random()))
        q = np.array([a, b - a, 1 - b]) @ p
    else:
        c = p.mean(axis=0)
        q = c + (p[rng.randrange(3)] - c) * rng.uniform(1.0, 3.0)
    return float(q[0]), float(q[1])


def check_funnels(mesh: NavMesh, rng: random.Random, count: int) -> int:
    done = 0
    for _ in range(count):
        t0, t1 = rng.randrange(len(mesh.tris)), rng.randrange(len(mesh.tris))
        way = corridor(mesh, t0, t1, rng)
        if way is None:
            continue
        start, goal = point_in(mesh, t0, rng), point_in(mesh, t1, rng)
        ends = kernels.portals(np.asarray(way, dtype=np.int64), mesh.tris, mesh.nb)
        assert compiled_funnel(start, goal, mesh.verts[ends[:, 0]], mesh.verts[ends[:, 1]]) == \
            reference_funnel(start, goal, mesh.verts[ends].tolist())
        done += 1
    return done


def test_funnel_matches_the_simple_stupid_funnel_in_classrooms(spaces):
    rng = random.Random(7)
    assert sum(check_funnels(space.mesh, rng, 150) for space in spaces) > 300


def test_funnel_matches_the_simple_stupid_funnel_among_collinear_corners():
    rng = random.Random(11)
    assert sum(check_funnels(grid_room(rng), rng, 25) for _ in range(40)) > 800


def compiled_funnel(start, goal, left: np.ndarray, right: np.ndarray) -> tuple[list, list]:
    path, bends = kernels.funnel(np.array(start, dtype=float), np.array(goal, dtype=float),
                                 np.asarray(left, dtype=float).reshape(-1, 2), np.asarray(right, dtype=float).reshape(-1, 2))
    return [tuple(p) for p in path.tolist()], bends.tolist()


def test_funnel_small_cases():
    assert compiled_funnel((0.0, 0.0), (10.0, 0.0), [], []) == ([(0.0, 0.0), (10.0, 0.0)], [])
    assert compiled_funnel((1.0, 1.0), (1.0, 1.0), [], []) == ([(1.0, 1.0)], [])
    # the goal is a portal's end and the start another's: bends at both, and a repeated corner
    portals = [[[2.0, 1.0], [2.0, -1.0]], [[2.0, 1.0], [4.0, -1.0]], [[4.0, 1.0], [4.0, -1.0]]]
    left, right = np.array(portals)[:, 0], np.array(portals)[:, 1]
    for start, goal in [((0.0, 0.0), (4.0, 1.0)), ((2.0, 1.0), (6.0, 3.0)), ((0.0, 5.0), (6.0, -5.0))]:
        assert compiled_funnel(start, goal, left, right) == reference_funnel(start, goal, portals)


def tile_triangles(space) -> list[np.ndarray]:
    """Each tile's triangles as GEOS hands them over (clockwise, a strided view), as tiles.py reads them."""
    out = []
    for tile in space.floor.tiles:
        flat = np.concatenate([shapely.get_parts(t) for t in shapely.constrained_delaunay_triangles(tile.pieces)])
        out.append(shapely.get_coordinates(flat).reshape(-1, 4, 2)[:, :3])
    return out


def test_from_triangles_matches_the_two_axis_snap(spaces):
    rng = np.random.default_rng(3)
    cases = []
    for space in spaces:
        tiles = tile_triangles(space)
        cases += tiles
        cases.append(np.concatenate(tiles))  # many tiles at once: corners on the cuts only near-equal
        for xy in tiles[:6]:
            cases.append(xy[rng.permutation(len(xy))])
            cases.append(np.roll(xy, 1, axis=1))
            cases.append(xy[:, ::-1])  # counter-clockwise
            for step in (SNAP / 2, -SNAP / 3, 2 * SNAP):
                near = xy.copy()
                flat = near.reshape(-1, 2)
                flat[rng.integers(len(flat), size=6), rng.integers(2)] += step
                cases.append(near)
    cases += [np.empty((0, 3, 2)), cases[0][:1], np.zeros((2, 3, 2))]
    for xy in cases:
        mesh, kept = NavMesh.from_triangles(xy, with_kept=True)
        assert_same_arrays((mesh.verts, mesh.tris, mesh.nb, kept), reference_from_triangles(xy))


def test_stitched_mesh_and_outlines_match_the_old_code(spaces):
    rng = np.random.default_rng(5)
    for space in spaces:
        parts = [tile.mesh for tile in space.floor.tiles]
        mesh = NavMesh.stitched(parts, on_seam)
        assert_same_arrays((mesh.verts, mesh.tris, mesh.nb), reference_stitched(parts))
        for m in (mesh, mesh.subset(np.flatnonzero(rng.random(len(mesh.tris)) < 0.7)), *parts):
            fresh = NavMesh(m.verts, m.tris, m.nb)
            got, want = fresh.rings, reference_rings(m)  # (kernels.rings numbers them in int64)
            assert len(got) == len(want) and all(np.array_equal(g, w) for g, w in zip(got, want))


def test_from_triangles_matches_on_collinear_corners_and_shared_edges():
    """Whole-inch rooms (ties in x and in y everywhere, for the sorts), and edges that three or
    four triangles share: which of those pair is numpy's sort's call, left to it."""
    rng = random.Random(13)
    cases = []
    for _ in range(12):
        w, h = rng.randint(8, 30), rng.randint(8, 30)
        holes = [shapely.box(x, y, x + rng.randint(1, 3), y + rng.randint(1, 3))
                 for x, y in [(rng.randint(1, w - 4), rng.randint(1, h - 4)) for _ in range(rng.randint(1, 12))]]
        space = shapely.segmentize(shapely.box(0, 0, w, h).difference(shapely.union_all(holes)), 1.0)
        xy = shapely.get_coordinates(shapely.get_parts(shapely.constrained_delaunay_triangles(space)))
        cases.append(xy.reshape(-1, 4, 2)[:, :3])
    fan = [[[0, 0], [4, 0], [2, y]] for y in (1, -1, 2, 3)] + [[[4, 0], [0, 0], [2, -2]], [[0, 0], [2, 1], [0, 3]]]
    cases += [np.array(fan[:3], dtype=float), np.array(fan, dtype=float), np.array(fan[::-1], dtype=float)]
    for xy in cases:
        mesh, kept = NavMesh.from_triangles(xy, with_kept=True)
        assert_same_arrays((mesh.verts, mesh.tris, mesh.nb, kept), reference_from_triangles(xy))


def test_stitched_matches_with_near_corners_on_the_seams_and_shared_walls(spaces):
    """Corners on the seams moved along them by less than SNAP (chains of near corners) or by
    more (apart); a triangle flattened by the join (None); walls on a seam that three or four
    tiles share (which of them pair is numpy's sort's call, left to it)."""
    rng = np.random.default_rng(17)
    checked = apart = 0
    for space in spaces:
        parts = [tile.mesh for tile in space.floor.tiles]
        joined = len(NavMesh.stitched(parts, on_seam).verts)
        for step in (SNAP / 3, -SNAP / 2, 2 * SNAP):
            for _ in range(4):
                moved = []
                for m in parts:
                    verts = m.verts.copy()
                    on = np.flatnonzero(on_seam(verts))
                    pick = on[rng.random(len(on)) < 0.3]
                    off = np.abs(verts[pick] / 240.0 - np.round(verts[pick] / 240.0)) * 240.0
                    verts[pick] += np.where((off < 1e-6)[:, ::-1], step, 0.0)  # along the seam it lies on
                    moved.append(NavMesh(verts, m.tris, m.nb))
                got = NavMesh.stitched(moved, on_seam)
                assert_same_arrays((got.verts, got.tris, got.nb), reference_stitched(moved))
                checked += 1
                apart += len(got.verts) > joined
    assert checked == 36 and apart >= 12  # every move by 2 SNAP parts some corners
    wall = [[230.0, 0.0], [240.0, 0.0], [240.0, 10.0]], [[250.0, 5.0], [240.0, 10.0], [240.0, 0.0]]
    shared = [NavMesh.from_triangles(np.array([tri])) for tri in (*wall, [[245.0, 20.0], [240.0, 10.0], [240.0, 0.0]],
                                                               [[235.0, -5.0], [240.0, 0.0], [240.0, 10.0]])]
    for parts in (shared[:3], shared, shared[::-1]):
        got = NavMesh.stitched(parts, on_seam)
        assert_same_arrays((got.verts, got.tris, got.nb), reference_stitched(parts))
    thin = NavMesh(np.array([[230.0, 0.0], [240.0, 0.0], [240.0, SNAP / 2]]), np.array([[0, 1, 2]]), np.full((1, 3), -1))
    assert NavMesh.stitched([thin, shared[1]], on_seam) is None and reference_stitched([thin, shared[1]]) is None
