"""MeshGraph.build (kernels.route_graph) and kernels.corridor against copies of the numpy code
they replaced (commit 3ab51ae): the same graph (node numbering and coordinates, CSR arrays, each edge's triangle,
each triangle's nodes) and the same corridors on walks read from real Dijkstra trees, in
generated classrooms and in a part of one (as the walks searched after an edit use)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from app.geometry import kernels
from app.geometry.navmesh import NavMesh
from app.geometry.shapes import piece_shapes
from app.geometry.walkable import walkable_space
from app.geometry.waygraph import SPACING, STEINER, MeshGraph
from bench.generate import make_layout


def reference_build(mesh: NavMesh, points: list, k: int = STEINER, spacing: float = SPACING) -> dict:
    """MeshGraph.build as it was: COO lists filtered of -1, then csr_matrix carrying each
    edge's index as a float to find its triangle again."""
    verts, tris = mesh.verts, mesh.tris
    n_v, n_t = len(verts), len(tris)
    a = tris[:, [1, 2, 0]]
    b = tris[:, [2, 0, 1]]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keys, inverse = np.unique((lo * (n_v + 1) + hi).ravel(), return_inverse=True)
    edge = inverse.reshape(n_t, 3)
    inner = np.zeros(len(keys), dtype=bool)
    inner[edge[mesh.nb >= 0]] = True
    inner_id = np.full(len(keys), -1)
    inner_id[inner] = np.arange(int(inner.sum()))
    e_lo, e_hi = keys // (n_v + 1), keys % (n_v + 1)
    p0, p1 = verts[e_lo[inner]], verts[e_hi[inner]]
    count = np.clip(np.ceil(np.hypot(*(p1 - p0).T) / spacing), 1, k).astype(np.int64)
    slot = np.arange(k)
    frac = (slot[None, :] + 1) / (count[:, None] + 1)
    steiner_xy = (p0[:, None, :] + frac[:, :, None] * (p1 - p0)[:, None, :]).reshape(-1, 2)
    n_fixed = n_v + len(steiner_xy)
    used = np.zeros((len(keys), k), dtype=bool)
    used[inner] = slot[None, :] < count[:, None]
    node_of = n_v + inner_id[edge][:, :, None] * k + slot
    node_of[~used[edge]] = -1
    t_ids = np.arange(n_t)
    rows, cols, tri_of = [], [], []
    for i, j in ((0, 1), (1, 2), (0, 2)):
        u = np.broadcast_to(node_of[:, i, :, None], (n_t, k, k)).reshape(n_t, -1)
        v = np.broadcast_to(node_of[:, j, None, :], (n_t, k, k)).reshape(n_t, -1)
        rows.append(u.ravel())
        cols.append(v.ravel())
        tri_of.append(np.repeat(t_ids, k * k))
    rows.append(np.repeat(tris[:, :, None], k, axis=2).ravel())
    cols.append(node_of.ravel())
    tri_of.append(np.repeat(t_ids, 3 * k))
    first_tri = np.empty(len(keys), dtype=np.int64)
    first_tri[edge.ravel()[::-1]] = np.repeat(t_ids, 3)[::-1]
    chain = np.full((len(keys), k + 2), -1)
    chain[:, 0] = e_lo
    chain[inner, 1:-1] = np.where(used[inner], n_v + inner_id[inner][:, None] * k + slot, -1)
    chain[inner, count + 1] = e_hi[inner]
    walls = ~inner
    chain[walls, 1] = e_hi[walls]
    rows += [chain[inner, :-1].ravel(), e_lo[walls]]
    cols += [chain[inner, 1:].ravel(), e_hi[walls]]
    tri_of += [np.repeat(first_tri[inner], k + 1), first_tri[walls]]
    point_tri = reference_locate(mesh, points)
    tri_nodes = np.concatenate([tris, node_of.reshape(n_t, -1)], axis=1)
    by_tri: dict[int, list[int]] = {}
    for q, t in enumerate(point_tri.tolist()):
        if t < 0:
            continue
        nodes = tri_nodes[t]
        nodes = nodes[nodes >= 0]
        rows.append(np.full(len(nodes), n_fixed + q))
        cols.append(nodes)
        tri_of.append(np.full(len(nodes), t))
        others = by_tri.setdefault(t, [])
        rows.append(np.full(len(others), n_fixed + q))
        cols.append(np.asarray(others, dtype=np.int64) + n_fixed)
        tri_of.append(np.full(len(others), t))
        others.append(q)
    xy = np.vstack([verts, steiner_xy, np.asarray(points, dtype=float).reshape(-1, 2)])
    r, c, et = np.concatenate(rows), np.concatenate(cols), np.concatenate(tri_of)
    ok = (r >= 0) & (c >= 0)
    r, c, et = r[ok], c[ok], et[ok]
    w = np.hypot(*(xy[r] - xy[c]).T) + 1e-9
    n = len(xy)
    m = len(r)
    order = csr_matrix((np.arange(1, 2 * m + 1, dtype=np.float64), (np.concatenate([r, c]), np.concatenate([c, r]))),
                       shape=(n, n))
    pick = order.data.astype(np.int64) - 1
    order.data = np.concatenate([w, w])[pick]
    return {"n_fixed": n_fixed, "n_corners": n_v, "xy": xy, "point_tri": point_tri, "matrix": order,
            "edge_tri": np.concatenate([et, et])[pick], "tri_nodes": tri_nodes}


def reference_locate(mesh: NavMesh, points: list) -> np.ndarray:
    """NavMesh.locate_all as it was: the first triangle holding each point, else the nearest centre."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if not len(mesh.tris) or not len(pts):
        return np.full(len(pts), -1, dtype=np.int64)
    p = mesh.verts[mesh.tris]
    x, y = pts[:, 0, None], pts[:, 1, None]
    inside = np.ones((len(pts), len(p)), dtype=bool)
    for k in range(3):
        (x0, y0), (x1, y1) = p[:, k].T, p[:, (k + 1) % 3].T
        inside &= (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) >= -1e-9
    found = inside.argmax(axis=1)
    out = np.where(inside[np.arange(len(pts)), found], found, -1)
    c = p.mean(axis=1)
    for q in np.flatnonzero(out < 0):
        out[q] = int(np.argmin((c[:, 0] - pts[q, 0]) ** 2 + (c[:, 1] - pts[q, 1]) ** 2))
    return out


def reference_fans(mesh: NavMesh) -> tuple:
    """NavMesh.fans as it was: the triangles round each vertex in turn, a fan cut by a wall
    starting just after the cut."""
    n_t, n_v = len(mesh.tris), len(mesh.verts)
    v = mesh.tris.ravel()
    t = np.repeat(np.arange(n_t), 3)
    centre = mesh.verts[mesh.tris].mean(axis=1)
    d = centre[t] - mesh.verts[v]
    order = np.lexsort((np.arctan2(d[:, 1], d[:, 0]), v))
    vs, ts = v[order], t[order]
    start = np.searchsorted(vs, np.arange(n_v + 1))
    size = np.diff(start)[vs]
    rank = np.arange(len(vs)) - start[vs]
    nxt = start[vs] + (rank + 1) % np.maximum(size, 1)
    joined = (mesh.nb[ts] == ts[nxt][:, None]).any(axis=1)
    gap_rank = np.where(joined, n_t * 3, rank)
    first_gap = np.full(n_v, n_t * 3)
    np.minimum.at(first_gap, vs, gap_rank)
    shift = np.where(first_gap[vs] < n_t * 3, first_gap[vs] + 1, 0)
    new_rank = (rank - shift) % np.maximum(size, 1)
    at = start[vs] + new_rank
    fan = np.empty(len(vs), dtype=np.int64)
    fan[at] = ts
    gap = np.zeros(len(vs), dtype=bool)
    gap[at] = ~joined
    pos = np.empty(n_t * 3, dtype=np.int64)
    pos[order] = new_rank
    return start, fan, pos.reshape(n_t, 3), gap, np.concatenate([[0], np.cumsum(gap)])


def reference_way(g: MeshGraph, nodes: list[int]) -> tuple[list[int] | None, int]:
    """MeshGraph.corridor as it was, before its loops are cut out (each step's edge found by
    scanning its row), and how many triangles the steps crossed before the walks round corners."""
    if len(nodes) < 2:
        t = g.where(nodes[0])
        return ([t] if t >= 0 else None), 1
    u, v = np.asarray(nodes[:-1]), np.asarray(nodes[1:])
    indptr, indices = g.matrix.indptr, g.matrix.indices
    start, stop = indptr[u], indptr[u + 1]
    span = stop - start
    pos = np.repeat(start - np.cumsum(span) + span, span) + np.arange(int(span.sum()))
    steps = g.edge_tri[pos[indices[pos] == np.repeat(v, span)]]
    keep = np.ones(len(steps), dtype=bool)
    keep[1:] = steps[1:] != steps[:-1]
    idx = np.flatnonzero(keep)
    steps = steps[idx]
    if len(steps) == 1:
        return steps.tolist(), 1
    nb = g.mesh.nb
    apart = np.flatnonzero(~(nb[steps[:-1]] == steps[1:, None]).any(axis=1))
    if not len(apart):
        return steps.tolist(), len(steps)
    corners = np.asarray(nodes)[idx[apart + 1]]
    if (corners >= g.n_corners).any():
        return None, len(steps)
    way = reference_round_corners(g.mesh, steps, apart, corners)
    return (None if way is None else way.tolist()), len(steps)


def reference_round_corners(mesh: NavMesh, steps: np.ndarray, apart: np.ndarray,
                            corners: np.ndarray) -> np.ndarray | None:
    start, fan, pos, _, gaps_before = reference_fans(mesh)
    tris = mesh.tris
    t1, t2 = steps[apart], steps[apart + 1]
    on1, on2 = tris[t1] == corners[:, None], tris[t2] == corners[:, None]
    if not (on1.any(axis=1) & on2.any(axis=1)).all():
        return None
    p1, p2 = pos[t1, on1.argmax(axis=1)], pos[t2, on2.argmax(axis=1)]
    base = start[corners]
    n = start[corners + 1] - base
    whole = gaps_before[base + n] == gaps_before[base]
    forward = (p2 - p1) % n
    go_forward = np.where(whole, forward <= n - forward, p2 > p1)
    count = np.where(go_forward, forward, (p1 - p2) % n)
    lo, hi = np.minimum(p1, p2), np.maximum(p1, p2)
    if (~whole & (gaps_before[base + hi] != gaps_before[base + lo])).any():
        return None
    step = np.where(go_forward, 1, -1)
    extra = count - 1
    sizes = np.ones(len(steps), dtype=np.int64)
    sizes[apart] += extra
    offset = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    out = np.empty(int(sizes.sum()), dtype=np.int64)
    out[offset] = steps
    if extra.sum():
        j = np.repeat(np.arange(len(apart)), extra)
        r = np.arange(int(extra.sum())) - np.repeat(np.cumsum(extra) - extra, extra) + 1
        out[offset[apart][j] + r] = fan[base[j] + (p1[j] + step[j] * r) % n[j]]
    return out


def reference_without_loops(corridor: list[int]) -> list[int]:
    out: list[int] = []
    seen: dict[int, int] = {}
    for t in corridor:
        if t in seen:
            cut = seen[t]
            for dropped in out[cut + 1:]:
                seen.pop(dropped, None)
            del out[cut + 1:]
            continue
        seen[t] = len(out)
        out.append(t)
    return out


def chase(pred: np.ndarray, node: int) -> list[int]:
    nodes = [node]
    while pred[nodes[-1]] >= 0:
        nodes.append(int(pred[nodes[-1]]))
    return nodes[::-1]


def _floor(n_pieces: int, seed: int) -> NavMesh:
    layout = make_layout(n_pieces, seed)
    geoms, solid = piece_shapes(layout)
    return walkable_space(layout, layout.clear_width, geoms[solid]).mesh


def _part(mesh: NavMesh) -> NavMesh:
    """The triangles within a third of the floor's width of its middle, as a search region."""
    centre = mesh.verts[mesh.tris].mean(axis=1)
    middle = (mesh.verts.min(axis=0) + mesh.verts.max(axis=0)) / 2
    reach = (mesh.verts.max(axis=0) - mesh.verts.min(axis=0)).min() / 3
    return mesh.subset(np.flatnonzero(np.hypot(*(centre - middle).T) < reach))


def _points(mesh: NavMesh, seed: int) -> list[tuple[float, float]]:
    """Triangle centres, two points in one triangle, a point twice, a mesh corner, and a point
    off the floor (it joins the nearest triangle)."""
    rng = random.Random(seed)
    centre = mesh.verts[mesh.tris].mean(axis=1)
    picked = [tuple(map(float, centre[rng.randrange(len(centre))])) for _ in range(5)]
    t = rng.randrange(len(mesh.tris))
    a, b, c = mesh.verts[mesh.tris[t]]
    return picked + [tuple(map(float, (a + b + 4 * c) / 6)), tuple(map(float, (4 * a + b + c) / 6)), picked[0],
                     tuple(map(float, mesh.verts[mesh.tris[rng.randrange(len(mesh.tris)), 0]])),
                     tuple(map(float, mesh.verts.min(axis=0) - 40.0))]


ROOMS = {"30 pieces": (30, 1, False), "100 pieces": (100, 0, False), "100 pieces, a part": (100, 2, True)}


@pytest.fixture(scope="module", params=list(ROOMS))
def room(request) -> tuple[NavMesh, list]:
    n_pieces, seed, part = ROOMS[request.param]
    mesh = _floor(n_pieces, seed)
    if part:
        mesh = _part(mesh)
    return mesh, _points(mesh, seed)


def test_build_gives_the_same_graph(room):
    mesh, points = room
    new, old = MeshGraph.build(mesh, points), reference_build(mesh, points)
    assert (new.n_fixed, new.n_corners) == (old["n_fixed"], old["n_corners"])
    for name in ("xy", "point_tri", "tri_nodes"):
        assert getattr(new, name).dtype == old[name].dtype, name
        assert np.array_equal(getattr(new, name), old[name]), name
    # the same edges in every row, each with its length and triangle (a row's order is free)
    assert np.array_equal(new.indptr, old["matrix"].indptr)
    assert new.indices.dtype == old["matrix"].indices.dtype
    assert np.array_equal(_by_column(new.indptr, new.indices, new.weights, new.edge_tri),
                          _by_column(old["matrix"].indptr, old["matrix"].indices, old["matrix"].data, old["edge_tri"]))
    sources = [new.n_fixed + q for q in range(len(points))]
    assert np.array_equal(dijkstra(new.matrix, indices=sources), dijkstra(old["matrix"], indices=sources))


def _by_column(indptr, indices, weights, edge_tri) -> np.ndarray:
    """(row, column, length, triangle) of every stored edge, rows' columns ascending."""
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    order = np.lexsort((indices, rows))
    return np.column_stack([rows[order], indices[order], weights[order], edge_tri[order]])


def test_corridors_are_the_same_on_real_walks(room):
    mesh, points = room
    g = MeshGraph.build(mesh, points)
    sources = [g.n_fixed + q for q in range(len(points))]
    _, pred = dijkstra(g.matrix, indices=sources, return_predecessors=True)
    rng = random.Random(len(mesh.tris))
    walks = []
    for a in range(len(points)):
        ends = sources + rng.sample(range(g.n_fixed), 60)
        walks += [chase(pred[a], e) for e in ends if e == sources[a] or pred[a, e] >= 0]
        # a -> a far node -> b: the walks routes.Router funnels round an obstacle's far side
        b = (a + 1) % len(points)
        walks += [chase(pred[a], v)[:-1] + chase(pred[b], v)[::-1] for v in rng.sample(range(g.n_corners), 30)
                  if pred[a, v] >= 0 and pred[b, v] >= 0]
    rounded = looped = 0
    for nodes in walks:
        if len(nodes) < 2:
            continue  # a walk that stays put: routes.Router takes the point's own triangle
        way, steps = reference_way(g, nodes)
        got = kernels.corridor(np.asarray(nodes, dtype=np.int64), g.indptr, g.indices, g.edge_tri,
                               mesh.tris, mesh.nb, g.n_corners)
        assert (got.tolist() or None) == (None if way is None else reference_without_loops(way)), nodes
        if way is not None:
            rounded += len(way) > steps
            looped += len(set(way)) < len(way)
    # most walks go round corners and double back: both parts of the corridor are tested
    assert rounded > len(walks) // 2 and looped > len(walks) // 2, (len(walks), rounded, looped)


def test_loops_are_cut_as_before():
    rng = random.Random(5)
    for _ in range(20000):
        corridor = [rng.randrange(rng.randint(1, 12)) for _ in range(rng.randint(1, 40))]
        assert kernels.without_loops(np.array(corridor, dtype=np.int64), 12).tolist() == reference_without_loops(corridor)
