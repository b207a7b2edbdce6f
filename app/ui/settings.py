"""Preferences and recent files in QSettings; the autosave recovery file in AppDataLocation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

MAX_RECENT = 8


@dataclass
class Preferences:
    units: str = "ft-in"  # "ft-in" or "metric"
    grid: float = 12.0  # inches between grid lines (snap step)
    snapping: bool = True


def _settings() -> QSettings:
    return QSettings("ClassroomLayout", "Classroom Layout Designer")


def load_preferences() -> Preferences:
    s = _settings()
    units = s.value("units", "ft-in")
    try:
        grid = float(s.value("grid", 12.0))
    except (TypeError, ValueError):
        grid = 12.0
    snapping = str(s.value("snapping", "true")).lower() in ("true", "1")
    return Preferences(units if units in ("ft-in", "metric") else "ft-in", grid if 0.5 <= grid <= 120 else 12.0, snapping)


def save_preferences(prefs: Preferences) -> None:
    s = _settings()
    s.setValue("units", prefs.units)
    s.setValue("grid", prefs.grid)
    s.setValue("snapping", "true" if prefs.snapping else "false")


def recent_files() -> list[str]:
    value = _settings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v][:MAX_RECENT]


def remember_file(path: str | Path) -> list[str]:
    path = str(Path(path).resolve())
    files = [path] + [f for f in recent_files() if f != path]
    _settings().setValue("recent", files[:MAX_RECENT])
    return files[:MAX_RECENT]


def recovery_path() -> Path:
    """Where autosave writes; an existing file at start-up means the last session did not end well."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".classroom-layout") / "recovery.classroom.json"
