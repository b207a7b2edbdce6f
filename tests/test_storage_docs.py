"""docs/file-format.md stays true: its example loads, in feet, to the sizes it means."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.storage import loads_project

DOC = Path(__file__).resolve().parent.parent / "docs" / "file-format.md"


def test_the_documented_example_loads_in_feet():
    example = DOC.read_text(encoding="utf-8").split("## An example", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    layout = loads_project(example, "docs/file-format.md").layouts[0]
    assert layout.room.bounds() == pytest.approx((0, 0, 360, 336))
    assert layout.room.doors[0].width == pytest.approx(36)
    assert [(p.width, p.depth) for p in layout.pieces] == [(60, 30), (72, 48), (108, 72)]  # catalog sizes
    assert layout.piece("t2").rotation == 180
    assert layout.zone("build").station == 1
