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

from heapq import heappop, heappush
import itertools
import math
from math import hypot
from dataclasses import dataclass, field

import numpy as np

from app.geometry.mesh import Mesh

Point = tuple[float, float]

#: orientation tests below this (sq in) count as on the line
EPS = 1e-9
#: a triangle fan round one corner has at most this many triangles (guards a loop)
MOST_AROUND = 256
#: what a queued node that is a target carries where others carry their root's key
_TARGET = "target"


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


#: a walk so far as a chain of bends, newest first: (point, the trail before it, or None)
_Trail = tuple


def _points(trail: _Trail) -> list[Point]:
    out = []
    while trail is not None:
        point, trail = trail
        out.append(point)
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
        self.edges, self.across, self.dead_end = mesh.edges, mesh.across, mesh.dead_end
        self.heap: list[tuple] = []
        self.tick = itertools.count().__next__
        self.best_g: dict[complex, float] = {}  # the least walk found to each corner (by its key)
        self.reached = bytearray(len(mesh.dead_end))  # 1: the triangle was expanded, or passed over as a dead end
        self.in_tri: dict[int, list[int]] = {}
        for k, tris in enumerate(mesh.triangles_at(targets)):
            for t in tris:
                self.in_tri.setdefault(t, []).append(k)

    def run(self, starts: list[Point]) -> Walk | None:
        edges = self.mesh.edges
        for start, tris in zip(starts, self.mesh.triangles_at(starts)):
            trail = (start, None)
            for t in tris:
                self.reached[t] = 1
                self._targets_seen_from(t, start, 0.0, trail)
                for h in range(3 * t, 3 * t + 3):
                    ax, ay, bx, by = edges[h][:4]
                    if abs(_orient(ax, ay, bx, by, start[0], start[1])) <= EPS:
                        continue  # the start lies on this edge: the triangle beyond holds it too
                    self._push_across(h, 0.0, 1.0, start, None, 0.0, trail)
        heap, best_g, expand = self.heap, self.best_g, self._expand
        while heap:
            node = heappop(heap)
            if node[2] is _TARGET:
                _, _, _, target, cost, trail = node
                path = _points(trail)
                reached = np.flatnonzero(np.frombuffer(self.reached, dtype=np.uint8)).tolist()
                return Walk(target, path, _length(path), cost, self.mesh, frozenset(reached))
            _, _, root_id, g, root, trail, h, ta, tb = node
            if root_id is not None and g > best_g.get(root_id, math.inf) + 1e-9:
                continue  # the corner was reached by a shorter walk since
            expand(g, root, root_id, trail, h, ta, tb)
        return None

    # --- pushing nodes ------------------------------------------------------------------------

    def _push_target(self, target: int, cost: float, trail: _Trail) -> None:
        total = cost + self.extra[target]
        heappush(self.heap, (total, self.tick(), _TARGET, target, total, (self.targets[target], trail)))

    def _targets_seen_from(self, t: int, point: Point, g: float, trail: _Trail) -> None:
        """Targets in triangle t, seen whole from point (a start in it or one of its corners)."""
        for k in self.in_tri.get(t, ()):
            self._push_target(k, g + math.dist(point, self.targets[k]), trail)

    def _push_across(self, h: int, ta: float, tb: float, root: Point, root_id: complex | None, g: float,
                     trail: _Trail) -> None:
        """Queue the part [ta, tb] of directed edge h (from its A towards its B) as the triangle
        beyond sees it: it runs the shared edge the other way round."""
        beyond = self.across[h]
        if beyond >= 0 and tb - ta > 1e-12:
            t = beyond // 3
            if self.dead_end[t] and t not in self.in_tri:  # Polyanya's dead-end pruning
                self.reached[t] = 1
            else:
                self._push(beyond, 1.0 - tb, 1.0 - ta, root, root_id, g, trail)

    def _push(self, h: int, ta: float, tb: float, root: Point, root_id: complex | None, g: float,
              trail: _Trail) -> None:
        """Queue the node for the part [ta, tb] of directed edge h, seen from root outside its
        triangle; its h is the straight walk from the root through the part to the goal, the
        goal reflected across the edge when it lies on the root's side."""
        ax, ay, bx, by, _, _, _, _, _, _ = self.edges[h]
        gx, gy = self.goal
        rx, ry = root
        dx, dy = bx - ax, by - ay
        side = dx * (gy - ay) - dy * (gx - ax)
        if side < 0:  # the goal is on the root's side of the edge: reflect it
            f = 2 * side / (dx * dx + dy * dy)
            gx, gy = gx + f * dy, gy - f * dx
        jx, jy = ax + tb * dx, ay + tb * dy  # the B-side end
        if (jx - rx) * (gy - ry) - (jy - ry) * (gx - rx) < 0:
            rest = hypot(jx - rx, jy - ry) + hypot(gx - jx, gy - jy)
        else:
            ix, iy = ax + ta * dx, ay + ta * dy  # the A-side end
            if (ix - rx) * (gy - ry) - (iy - ry) * (gx - rx) > 0:
                rest = hypot(ix - rx, iy - ry) + hypot(gx - ix, gy - iy)
            else:
                rest = hypot(gx - rx, gy - ry)
        heappush(self.heap, (g + rest, self.tick(), root_id, g, root, trail, h, ta, tb))

    # --- expanding one node -------------------------------------------------------------------

    def _expand(self, g: float, root: Point, root_id: complex | None, trail: _Trail, h: int, ta: float,
                tb: float) -> None:
        """Expand a node; while it has a single successor with the same root and nothing else
        happens in its triangle, go on with that successor at once (Polyanya's intermediate
        pruning) instead of queueing it."""
        edges, across, dead_end, bends = self.edges, self.across, self.dead_end, self.mesh.bends
        in_tri, reached = self.in_tri, self.reached
        rx, ry = root
        between = False  # ta and tb are out of date: the ends are where the rays cross edge A -> B
        while True:
            ax, ay, bx, by, cx, cy, ia, ib, d1, d2 = edges[h]
            t = h // 3
            reached[t] = 1
            ex, ey = cx - rx, cy - ry
            if not between:
                # the rays from the root through the interval's ends (a successor with the same
                # root lies between them); an end at a corner: its ray runs through the corner
                a_at, b_at = ta == 0.0, tb == 1.0
                uax, uay = (ax - rx, ay - ry) if a_at else (ax + ta * (bx - ax) - rx, ay + ta * (by - ay) - ry)
                ubx, uby = (bx - rx, by - ry) if b_at else (ax + tb * (bx - ax) - rx, ay + tb * (by - ay) - ry)
            if t not in in_tri:
                # where C lies from the two rays: when both pass it on one side, the triangle
                # leads on only through the far edge they cross, unless a ray through a corner
                # casts a shadow there or runs on along a wall to C (on_a, on_b below)
                o_c = ubx * ey - uby * ex
                p_c = uax * ey - uay * ex
                # the step to the own edge they cross: d1 to B -> C, d2 to C -> A, 0 for neither
                step = d1 if o_c > 0.0 and p_c > 0.0 else d2 if o_c < 0.0 and p_c < 0.0 else 0
                if (a_at or b_at) and step:
                    if b_at and (step == d2 and ib in bends or abs(o_c) <= 1e-9 * hypot(ubx, uby) * hypot(cx - bx, cy - by)):
                        step = 0
                    elif a_at and (step == d1 and ia in bends or abs(p_c) <= 1e-9 * hypot(uax, uay) * hypot(cx - ax, cy - ay)):
                        step = 0
                    else:  # a ray through B leaves B -> C at B, one through A leaves C -> A at A
                        a_at, b_at = a_at and step == d2, b_at and step == d1
                if step:
                    nxt = across[h + step]
                    if nxt < 0:
                        return
                    if dead_end[nxt // 3] and nxt // 3 not in in_tri:
                        reached[nxt // 3] = 1
                        return
                    h, between = nxt, True
                    continue
            if between:
                dx, dy = bx - ax, by - ay
                ta = 0.0 if a_at else (uax * (ay - ry) - uay * (ax - rx)) / (dx * uay - dy * uax)
                tb = 1.0 if b_at else (ubx * (ay - ry) - uby * (ax - rx)) / (dx * uby - dy * ubx)
                # inside the edge, off its corners, unless at them
                ta = ta if a_at else min(max(ta, 1e-300), 1.0 - 1e-16)
                tb = tb if b_at else max(min(tb, 1.0 - 1e-16), 1e-300)
                between = False
            # the interval's ends; exact at the triangle's corners
            pax, pay = (ax, ay) if ta == 0.0 else (ax + ta * (bx - ax), ay + ta * (by - ay))
            pbx, pby = (bx, by) if tb == 1.0 else (ax + tb * (bx - ax), ay + tb * (by - ay))
            d = (bx - rx) * (ay - ry) - (by - ry) * (ax - rx)  # > 0: the root sees B clockwise of A
            if d <= 0.0:
                return  # a sliver seen edge-on: nothing to see through it
            # where the rays root -> B-end and root -> A-end leave the triangle, along the far
            # side B -> C -> A as s in [0, 2] (0 at B, 1 at C, 2 at A)
            o_c = (pbx - rx) * ey - (pby - ry) * ex
            p_c = (pax - rx) * ey - (pay - ry) * ex
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
            turn_b = tb == 1.0 and s_b > 0.0 and ib in bends
            turn_a = ta == 0.0 and s_a < 2.0 and ia in bends
            here = in_tri.get(t)
            if here:
                for k in here:
                    tx, ty = self.targets[k]
                    if (pbx - rx) * (ty - ry) - (pby - ry) * (tx - rx) < -EPS:
                        if turn_b:
                            self._push_target(k, g + hypot(bx - rx, by - ry) + hypot(tx - bx, ty - by),
                                              ((bx, by), trail))
                    elif (pax - rx) * (ty - ry) - (pay - ry) * (tx - rx) > EPS:
                        if turn_a:
                            self._push_target(k, g + hypot(ax - rx, ay - ry) + hypot(tx - ax, ty - ay),
                                              ((ax, ay), trail))
                    else:
                        self._push_target(k, g + hypot(tx - rx, ty - ry), trail)
            # what the root sees: [s_b, s_a] on B -> C (h1 beyond) and C -> A (h2 beyond); the
            # triangle beyond runs a shared edge the other way round
            first = second = None
            own1, own2 = h + d1, h + d2
            h1 = across[own1] if s_b < 1.0 else -1
            if h1 >= 0:
                u1 = s_a if s_a < 1.0 else 1.0
                if u1 - s_b > 1e-12:
                    if dead_end[h1 // 3] and h1 // 3 not in in_tri:
                        reached[h1 // 3] = 1
                    else:
                        first = (h1, 1.0 - u1, 1.0 - s_b)
            h2 = across[own2] if s_a > 1.0 else -1
            if h2 >= 0:
                u0 = s_b - 1.0 if s_b > 1.0 else 0.0
                if s_a - 1.0 - u0 > 1e-12:
                    if dead_end[h2 // 3] and h2 // 3 not in in_tri:
                        reached[h2 // 3] = 1
                    else:
                        second = (h2, 2.0 - s_a, 1.0 - u0)
            if not turn_a and not turn_b and not here and (first is None) != (second is None):
                h, ta, tb = first or second
                continue
            if first is not None:
                self._push(first[0], first[1], first[2], root, root_id, g, trail)
            if second is not None:
                self._push(second[0], second[1], second[2], root, root_id, g, trail)
            # the shadows of the corners at the ends: the walk bends there; own edges 3t + k
            # of the triangle, B -> C next after A -> B, then C -> A
            if turn_b:
                gb = g + hypot(bx - rx, by - ry)
                if gb < self.best_g.get(ib, math.inf) - 1e-9:
                    self.best_g[ib] = gb
                    bend = ((bx, by), trail)
                    if on_b:  # the walk goes on along the wall: all of CA is seen from B
                        self._push_across(own2, 0.0, 1.0, (bx, by), ib, gb, bend)
                    elif s_b > 1.0:
                        self._push_across(own2, 0.0, s_b - 1.0, (bx, by), ib, gb, bend)
                    self._around(ib, (bx, by), t, own1, gb, bend)
            if turn_a:
                ga = g + hypot(ax - rx, ay - ry)
                if ga < self.best_g.get(ia, math.inf) - 1e-9:
                    self.best_g[ia] = ga
                    bend = ((ax, ay), trail)
                    if on_a:
                        self._push_across(own1, 0.0, 1.0, (ax, ay), ia, ga, bend)
                    elif s_a < 1.0:
                        self._push_across(own1, s_a, 1.0, (ax, ay), ia, ga, bend)
                    self._around(ia, (ax, ay), t, own2, ga, bend)
            return

    def _around(self, v: complex, point: Point, t: int, h: int, g: float, trail: _Trail) -> None:
        """From corner v (at point), the triangles round it beyond directed edge h of t (an
        edge at v), up to the wall: each is seen whole from v."""
        edges, across, in_tri, reached, push_across = self.edges, self.across, self.in_tri, self.reached, self._push_across
        first = t
        for _ in range(MOST_AROUND):
            h = across[h]
            q = h // 3
            if h < 0 or q == first:
                return
            reached[q] = 1
            if q in in_tri:
                self._targets_seen_from(q, point, g, trail)
            k = h - 3 * q
            if edges[h][6] == v:  # v at corner k: the far edge is k + 1, the next edge at v is k + 2
                far, nxt = 3 * q + (k + 1) % 3, 3 * q + (k + 2) % 3
            else:  # v at corner k + 1
                far, nxt = 3 * q + (k + 2) % 3, 3 * q + (k + 1) % 3
            push_across(far, 0.0, 1.0, point, v, g, trail)
            h = nxt


def _length(path: list[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(path, path[1:]))
