"""Shared fixtures. Qt tests use pytest-qt's qtbot/qapp; everything else runs without a QApplication."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "app" / "assets" / "samples"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES
