"""Routes are continuous in the plan: nudging any piece of any sample 0.5 in changes no walk by
more than 1.5 in unless a passage opens or closes (docs/checks.md, "where a walk starts and
ends")."""

from __future__ import annotations

import pytest

from app.geometry import CheckSession, analyze
from app.storage import load_project

SAMPLES = ["personalized-learning", "station-rotation", "broken-room"]


def _lengths(analysis) -> dict[tuple[str, str, str], float | None]:
    return {(r.kind, r.start_id, r.end_id): r.length for r in analysis.routes}


@pytest.mark.parametrize("name", SAMPLES)
def test_a_half_inch_nudge_moves_no_route_more_than_an_inch_and_a_half(samples_dir, name):
    project = load_project(samples_dir / f"{name}.classroom.json")
    session = CheckSession()
    moved = 0
    for layout in project.layouts:
        before = _lengths(analyze(layout))
        for k, piece in enumerate(layout.pieces):
            for dx, dy in ((0.5, 0.0), (0.0, -0.5)):
                pieces = list(layout.pieces)
                pieces[k] = piece.model_copy(update={"x": piece.x + dx, "y": piece.y + dy})
                after = _lengths(analyze(layout.model_copy(update={"pieces": pieces}), session))
                assert after.keys() == before.keys()
                for key, length in before.items():
                    if length is None or after[key] is None:
                        continue  # a passage opened or closed
                    assert abs(after[key] - length) <= 1.5, (layout.id, piece.id, (dx, dy), key, length, after[key])
                    moved += 1
    assert moved > 40
