"""The shortest walk through the triangles of the floor: exact, not a grid or a graph.

Polyanya (Cui, Harabor and Grastien, "Compromise-free pathfinding on a navigation mesh", IJCAI
2017): a search node is a root (where the walk last bent: a start, or a corner of an obstacle)
and an interval of a triangle edge seen from it; expanding it projects the interval across the
next triangle. What the root sees keeps the root; what lies in the shadow of a corner at the
end of the interval gets that corner as its root. Nodes are taken in order of g + h, where h is
the straight walk from the root through the interval to the goal (reflected across the edge
when the goal lies behind it), a lower bound: the first target taken is the nearest, and its
walk is the shortest, to round-off. tests/geometry/test_geometry_exact.py holds it to a
visibility graph.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass, field

from app.geometry.mesh import Mesh

Point = tuple[float, float]

#: orientation tests below this (sq in) count as on the line
EPS = 1e-9
#: a triangle fan round one corner has at most this many triangles (guards a loop)
MOST_AROUND = 256


@dataclass(frozen=True)
class Walk:
    target: int  # which of the targets it reached
    path: list[Point]
    length: float  # of the path
    cost: float  # length plus the target's extra cost, as the search found it (before a walk settles)
    #: the mesh searched, and its triangles the search reached: every point p with a walk from
    #: the start through p to the goal shorter than cost lies in them (app.geometry.walks)
    mesh: Mesh = field(repr=False, compare=False)
    reached: frozenset[int] = field(repr=False, compare=False)


@dataclass(frozen=True)
class _Trail:
    """A walk so far as a chain of bends, newest first."""

    point: Point
    before: _Trail | None

    def points(self) -> list[Point]:
        out, trail = [], self
        while trail is not None:
            out.append(trail.point)
            trail = trail.before
        return out[::-1]


def _orient(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> float:
    """> 0 when c lies counter-clockwise of the ray a -> b."""
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)


def shortest_walk(mesh: Mesh, starts: list[Point], targets: list[Point], goal: Point,
                  extra: list[float] | None = None) -> Walk | None:
    """The walk of least length + extra[target] from any start to any target, or None.

    goal: a point every target's cost is measured towards (h is a lower bound of the walk to a
    target plus its extra only if |target - goal| <= extra[target], or when the targets are
    the goal itself)."""
    if not starts or not targets:
        return None
    extra = extra or [0.0] * len(targets)
    return _Search(mesh, targets, goal, extra).run(starts)


class _Search:
    def __init__(self, mesh: Mesh, targets: list[Point], goal: Point, extra: list[float]) -> None:
        self.mesh, self.targets, self.goal, self.extra = mesh, targets, goal, extra
        self.heap: list[tuple] = []
        self.count = itertools.count()
        self.best_g: dict[int, float] = {}  # the least walk found to each corner
        self.reached: set[int] = set()  # the triangles expanded, or passed over as dead ends
        self.in_tri: dict[int, list[int]] = {}
        for k, tris in enumerate(mesh.triangles_at(targets)):
            for t in tris:
                self.in_tri.setdefault(t, []).append(k)

    def run(self, starts: list[Point]) -> Walk | None:
        mesh = self.mesh
        for start, tris in zip(starts, mesh.triangles_at(starts)):
            trail = _Trail(start, None)
            for t in tris:
                self.reached.add(t)
                self._targets_seen_from(t, start, 0.0, trail)
                tri = mesh.tris[t]
                for k in range(3):
                    a, b = mesh.verts[tri[k]], mesh.verts[tri[(k + 1) % 3]]
                    if abs(_orient(a[0], a[1], b[0], b[1], start[0], start[1])) <= EPS:
                        continue  # the start lies on this edge: the triangle beyond holds it too
                    self._push_across(t, k, 0.0, 1.0, start, -1, 0.0, trail)
        heap = self.heap
        while heap:
            node = heapq.heappop(heap)
            if node[2] is None:  # a target
                _, _, _, target, cost, trail = node
                path = trail.points()
                return Walk(target, path, _length(path), cost, self.mesh, frozenset(self.reached))
            _, _, root_id, g, root, trail, tri, edge, ta, tb = node
            if root_id >= 0 and g > self.best_g.get(root_id, math.inf) + 1e-9:
                continue  # the corner was reached by a shorter walk since
            self._expand(g, root, root_id, trail, tri, edge, ta, tb)
        return None

    # --- pushing nodes ------------------------------------------------------------------------

    def _push_target(self, target: int, cost: float, trail: _Trail) -> None:
        total = cost + self.extra[target]
        heapq.heappush(self.heap, (total, next(self.count), None, target, total,
                                   _Trail(self.targets[target], trail)))

    def _targets_seen_from(self, t: int, point: Point, g: float, trail: _Trail) -> None:
        """Targets in triangle t, seen whole from point (a start in it or one of its corners)."""
        for k in self.in_tri.get(t, ()):
            self._push_target(k, g + math.dist(point, self.targets[k]), trail)

    def _across(self, t: int, k: int, ta: float, tb: float) -> tuple[int, int, float, float] | None:
        """The part [ta, tb] of edge k of triangle t (from corner k towards corner k + 1) as the
        triangle beyond sees it: (that triangle, its edge, the part), or None if it leads nowhere."""
        mesh = self.mesh
        nxt = mesh.nb[t][k]
        if nxt < 0 or tb - ta <= 1e-12:
            return None
        if mesh.dead_end[nxt] and nxt not in self.in_tri:
            self.reached.add(nxt)
            return None  # walls on both other sides: nowhere to go (Polyanya's dead-end pruning)
        # the neighbour runs the shared edge the other way round
        return nxt, mesh.nb_edge[t][k], 1.0 - tb, 1.0 - ta

    def _push_across(self, t: int, k: int, ta: float, tb: float, root: Point, root_id: int, g: float,
                     trail: _Trail) -> None:
        step = self._across(t, k, ta, tb)
        if step is not None:
            self._push(*step, root, root_id, g, trail)

    def _push(self, t: int, e: int, ta: float, tb: float, root: Point, root_id: int, g: float,
              trail: _Trail) -> None:
        """Queue the node for the part [ta, tb] of edge e of triangle t, seen from root outside
        it; its h is the straight walk from the root through the part to the goal, the goal
        reflected across the edge when it lies on the root's side."""
        xy = self.mesh.xy[t]
        ax, ay = xy[2 * e], xy[2 * e + 1]
        e1 = 2 * ((e + 1) % 3)
        bx, by = xy[e1], xy[e1 + 1]
        gx, gy = self.goal
        rx, ry = root
        dx, dy = bx - ax, by - ay
        side = dx * (gy - ay) - dy * (gx - ax)
        if side < 0:  # the goal is on the root's side of the edge: reflect it
            f = 2 * side / (dx * dx + dy * dy)
            gx, gy = gx + f * dy, gy - f * dx
        jx, jy = ax + tb * dx, ay + tb * dy  # the B-side end
        if (jx - rx) * (gy - ry) - (jy - ry) * (gx - rx) < 0:
            h = math.hypot(jx - rx, jy - ry) + math.hypot(gx - jx, gy - jy)
        else:
            ix, iy = ax + ta * dx, ay + ta * dy  # the A-side end
            if (ix - rx) * (gy - ry) - (iy - ry) * (gx - rx) > 0:
                h = math.hypot(ix - rx, iy - ry) + math.hypot(gx - ix, gy - iy)
            else:
                h = math.hypot(gx - rx, gy - ry)
        heapq.heappush(self.heap, (g + h, next(self.count), root_id, g, root, trail, t, e, ta, tb))

    # --- expanding one node -------------------------------------------------------------------

    def _expand(self, g: float, root: Point, root_id: int, trail: _Trail, t: int, e: int, ta: float,
                tb: float) -> None:
        """Expand a node; while it has a single successor with the same root and nothing else
        happens in its triangle, go on with that successor at once (Polyanya's intermediate
        pruning) instead of queueing it."""
        mesh = self.mesh
        tris, xys, nbs, nb_edges, corner, dead_end, in_tri = (mesh.tris, mesh.xy, mesh.nb, mesh.nb_edge, mesh.corner,
                                                              mesh.dead_end, self.in_tri)
        rx, ry = root
        hypot = math.hypot
        reached = self.reached
        while True:
            reached.add(t)
            tri = tris[t]
            e1, e2 = (e + 1) % 3, (e + 2) % 3
            ia, ib = tri[e], tri[e1]
            xy = xys[t]
            ax, ay, bx, by, cx, cy = xy[2 * e], xy[2 * e + 1], xy[2 * e1], xy[2 * e1 + 1], xy[2 * e2], xy[2 * e2 + 1]
            # the interval's ends; exact at the triangle's corners
            pax, pay = (ax, ay) if ta == 0.0 else (ax + ta * (bx - ax), ay + ta * (by - ay))
            pbx, pby = (bx, by) if tb == 1.0 else (ax + tb * (bx - ax), ay + tb * (by - ay))
            d = (bx - rx) * (ay - ry) - (by - ry) * (ax - rx)  # > 0: the root sees B clockwise of A
            if d <= 0.0:
                return  # a sliver seen edge-on: nothing to see through it
            # where the rays root -> B-end and root -> A-end leave the triangle, along the far
            # side B -> C -> A as s in [0, 2] (0 at B, 1 at C, 2 at A)
            o_c = (pbx - rx) * (cy - ry) - (pby - ry) * (cx - rx)
            p_c = (pax - rx) * (cy - ry) - (pay - ry) * (cx - rx)
            # a ray that runs on along the wall from a corner to the next one (a wall cut where
            # two tiles meet has a corner in a straight line): it reaches C exactly
            on_b = tb == 1.0 and abs(o_c) <= 1e-9 * hypot(bx - rx, by - ry) * hypot(cx - bx, cy - by)
            on_a = ta == 0.0 and abs(p_c) <= 1e-9 * hypot(ax - rx, ay - ry) * hypot(cx - ax, cy - ay)
            if on_b:
                s_b = 1.0
            elif o_c > 0:
                o_b = -d * (1.0 - tb)
                s_b = o_b / (o_b - o_c)
            else:
                s_b = 1.0 + o_c / (o_c - d * tb)
            if on_a:
                s_a = 1.0
            elif p_c < 0:
                s_a = 1.0 + p_c / (p_c - d * ta)
            else:
                p_b = -d * (1.0 - ta)
                s_a = p_b / (p_b - p_c)
            if s_b < 0.0:
                s_b = 0.0
            elif s_b > 2.0:
                s_b = 2.0
            if s_a > 2.0:
                s_a = 2.0
            if s_a < s_b:
                s_a = s_b
            turn_b = tb == 1.0 and s_b > 0.0 and corner[ib]
            turn_a = ta == 0.0 and s_a < 2.0 and corner[ia]
            here = in_tri.get(t)
            if here:
                for k in here:
                    tx, ty = self.targets[k]
                    if (pbx - rx) * (ty - ry) - (pby - ry) * (tx - rx) < -EPS:
                        if turn_b:
                            self._push_target(k, g + hypot(bx - rx, by - ry) + hypot(tx - bx, ty - by),
                                              _Trail((bx, by), trail))
                    elif (pax - rx) * (ty - ry) - (pay - ry) * (tx - rx) > EPS:
                        if turn_a:
                            self._push_target(k, g + hypot(ax - rx, ay - ry) + hypot(tx - ax, ty - ay),
                                              _Trail((ax, ay), trail))
                    else:
                        self._push_target(k, g + hypot(tx - rx, ty - ry), trail)
            # what the root sees: [s_b, s_a] on B -> C (edge e1) and C -> A (edge e2); the
            # neighbour runs a shared edge the other way round
            first = second = None
            if s_b < 1.0:
                u1 = s_a if s_a < 1.0 else 1.0
                nxt = nbs[t][e1]
                if nxt >= 0 and u1 - s_b > 1e-12:
                    if dead_end[nxt] and nxt not in in_tri:
                        reached.add(nxt)
                    else:
                        first = (nxt, nb_edges[t][e1], 1.0 - u1, 1.0 - s_b)
            if s_a > 1.0:
                u0 = s_b - 1.0 if s_b > 1.0 else 0.0
                nxt = nbs[t][e2]
                if nxt >= 0 and s_a - 1.0 - u0 > 1e-12:
                    if dead_end[nxt] and nxt not in in_tri:
                        reached.add(nxt)
                    else:
                        second = (nxt, nb_edges[t][e2], 2.0 - s_a, 1.0 - u0)
            if not turn_a and not turn_b and not here and (first is None) != (second is None):
                t, e, ta, tb = first or second
                continue
            if first is not None:
                self._push(*first, root, root_id, g, trail)
            if second is not None:
                self._push(*second, root, root_id, g, trail)
            # the shadows of the corners at the ends: the walk bends there
            if turn_b:
                gb = g + hypot(bx - rx, by - ry)
                if gb < self.best_g.get(ib, math.inf) - 1e-9:
                    self.best_g[ib] = gb
                    bend = _Trail((bx, by), trail)
                    if on_b:  # the walk goes on along the wall: all of CA is seen from B
                        self._push_across(t, e2, 0.0, 1.0, (bx, by), ib, gb, bend)
                    elif s_b > 1.0:
                        self._push_across(t, e2, 0.0, s_b - 1.0, (bx, by), ib, gb, bend)
                    self._around(ib, t, e1, gb, bend)
            if turn_a:
                ga = g + hypot(ax - rx, ay - ry)
                if ga < self.best_g.get(ia, math.inf) - 1e-9:
                    self.best_g[ia] = ga
                    bend = _Trail((ax, ay), trail)
                    if on_a:
                        self._push_across(t, e1, 0.0, 1.0, (ax, ay), ia, ga, bend)
                    elif s_a < 1.0:
                        self._push_across(t, e1, s_a, 1.0, (ax, ay), ia, ga, bend)
                    self._around(ia, t, e2, ga, bend)
            return

    def _around(self, v: int, t: int, k: int, g: float, trail: _Trail) -> None:
        """From corner v, the triangles round it beyond edge k of t (an edge at v), up to the
        wall: each is seen whole from v."""
        mesh = self.mesh
        point = tuple(mesh.verts[v])
        first = t
        for _ in range(MOST_AROUND):
            q = mesh.nb[t][k]
            if q < 0 or q == first:
                return
            kq = mesh.nb_edge[t][k]
            tri = mesh.tris[q]
            self.reached.add(q)
            self._targets_seen_from(q, point, g, trail)
            if tri[kq] == v:  # v at corner kq: the far edge is kq + 1, the next edge at v is kq + 2
                far, nxt = (kq + 1) % 3, (kq + 2) % 3
            else:  # v at corner kq + 1
                far, nxt = (kq + 2) % 3, (kq + 1) % 3
            self._push_across(q, far, 0.0, 1.0, point, v, g, trail)
            t, k = q, nxt


def _length(path: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(path, path[1:]))
