"""What a CheckSession reuses between edits changes no answer: over random sequences of edits,
a check with the session gives what a fresh check gives, finding for finding and walk for walk."""

from __future__ import annotations

import random

import pytest

from app.geometry import CheckSession, analyze, check_light
from app.geometry.floor import walkable_floor
from app.geometry.mesh import triangulated
from app.geometry.session import NoSession
from app.geometry.shapes import plan_of
from app.model import Piece
from bench.generate import make_layout


def _edit(layout, rng: random.Random):
    """One edit a teacher makes: move, turn, resize, add or remove a piece, or move a zone."""
    pieces, zones = list(layout.pieces), list(layout.zones)
    what = rng.choice(["move", "move", "move", "turn", "resize", "add", "remove", "zone"])
    k = rng.randrange(len(pieces))
    p = pieces[k]
    if what == "move":
        pieces[k] = p.model_copy(update={"x": p.x + rng.uniform(-30, 30), "y": p.y + rng.uniform(-30, 30)})
    elif what == "turn":
        pieces[k] = p.model_copy(update={"rotation": (p.rotation + rng.choice([15, 45, 90])) % 360})
    elif what == "resize":
        pieces[k] = p.model_copy(update={"width": p.width * rng.uniform(0.7, 1.3)})
    elif what == "add":
        pieces.insert(k, Piece(id=f"new{rng.randrange(10**9)}", kind=rng.choice(["student-desk", "round-table", "rug-small"]),
                               x=p.x + rng.uniform(-60, 60), y=p.y + rng.uniform(-60, 60)))
    elif what == "remove":
        del pieces[k]
    else:
        z = rng.randrange(len(zones))
        dx, dy = rng.uniform(-24, 24), rng.uniform(-24, 24)
        zones[z] = zones[z].model_copy(update={"polygon": [(x + dx, y + dy) for x, y in zones[z].polygon]})
    return layout.model_copy(update={"pieces": pieces, "zones": zones})


def _answers(analysis):
    routes = sorted((r.kind, r.start_id, r.end_id, None if r.length is None else round(r.length, 6))
                    for r in analysis.routes)
    return [(f.severity, f.code, f.message, f.ids) for f in analysis.findings], routes


# seed 0 at 100 pieces: one cluster of grown pieces spans most of the room (united square by
# square) and a station's middle is open floor (its walk is kept by the middle's key)
@pytest.mark.parametrize("pieces, edits, seed", [(30, 30, 1), (100, 20, 2), (100, 30, 0)])
def test_a_session_answers_as_a_fresh_check_does(pieces, edits, seed):
    rng = random.Random(seed)
    layout = make_layout(pieces, seed)
    session, light = CheckSession(), CheckSession()
    for _ in range(edits):
        layout = _edit(layout, rng)
        assert _answers(analyze(layout, session)) == _answers(analyze(layout))
        assert check_light(layout, light) == check_light(layout)
    assert session.hits > 0  # it did reuse work


def test_a_session_keeps_only_the_last_plan():
    layout = make_layout(30, 3)
    session = CheckSession()
    analyze(layout, session)
    kept = len(session)
    analyze(make_layout(30, 4), session)
    analyze(layout, session)
    assert len(session) == kept  # nothing of the other plan stays


def test_a_mesh_of_kept_tiles_is_the_mesh_built_fresh():
    """The tiles a session keeps carry nothing of their neighbours: joined again after each edit,
    they give the very triangles, links and bends a fresh build does."""
    rng = random.Random(5)
    layout = make_layout(100, 1)
    session = CheckSession()
    for _ in range(12):
        layout = _edit(layout, rng)
        space = walkable_floor(layout, plan_of(layout), layout.clear_width, NoSession()).space
        kept, fresh = triangulated(space, session), triangulated(space, NoSession())
        session.end_check()
        assert (kept.edges, kept.across, kept.dead_end, kept.bends) == \
               (fresh.edges, fresh.across, fresh.dead_end, fresh.bends)
    assert session.hits > 0


def test_a_walk_into_a_zone_whose_floor_changed_is_kept_only_as_a_fresh_check_would_find_it(monkeypatch):
    """The bench's edits at 100 pieces reshape a zone's floor round its far side: the walk there
    is kept (its spot is still a spot, no new spot is nearer) and answers as a fresh check does."""
    from app.geometry import walks
    kept = []
    none_nearer = walks._none_nearer
    monkeypatch.setattr(walks, "_none_nearer", lambda *a: kept.append(none_nearer(*a)) or kept[-1])
    layout = make_layout(100, 0)
    session = CheckSession()
    analyze(layout, session)
    for k in range(1, 11):
        pieces = list(layout.pieces)
        i = (k * 7919) % len(pieces)
        pieces[i] = pieces[i].model_copy(update={"x": pieces[i].x + 0.5 * (k % 21 + 1)})
        layout = layout.model_copy(update={"pieces": pieces})
        assert _answers(analyze(layout, session)) == _answers(analyze(layout))
    assert any(kept)
