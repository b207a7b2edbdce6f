"""Preferences and recent files in QSettings; each open document's autosave recovery file in AppDataLocation."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings, QStandardPaths

from app.model import Project
from app.storage import ProjectFileError, save_project
from app.storage.writing import write_atomically

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


def recovery_folder() -> Path:
    """Where each open document autosaves; a file left here at start-up is work a dead editor did not save."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".classroom-layout") / "recovery"


PLAN_SUFFIX, ABOUT_SUFFIX, LOCK_SUFFIX = ".classroom.json", ".about.json", ".lock"
MAX_ABOUT_BYTES = 64 * 1024  # an original path and a time; anything longer is not ours
_KEY = re.compile(r"\.?([0-9a-f]{32})\..*")


class RecoveryFile:
    """One document's autosave: `<key>.classroom.json` (the plan, in the real file format, so Open
    reads it too), `<key>.about.json` (where the plan is saved and when this was written), and
    `<key>.lock`, held while its editor lives so that no other editor offers it.

    QLockFile writes its PID in the lock: when the process dies, even by kill -9, the lock is stale
    and the next editor to start may take it.
    """

    def __init__(self, folder: Path, key: str | None = None) -> None:
        self.key = key or uuid.uuid4().hex
        self.folder = folder
        self.plan = folder / f"{self.key}{PLAN_SUFFIX}"
        self.about = folder / f"{self.key}{ABOUT_SUFFIX}"
        self._lock = QLockFile(str(folder / f"{self.key}{LOCK_SUFFIX}"))
        self._lock.setStaleLockTime(0)  # stale only when its owner is dead: Qt's default 30 s takes a live one

    def claim(self) -> bool:
        """Hold the lock: False when a live editor holds it (or it cannot be made)."""
        return self._lock.isLocked() or self._lock.tryLock(0)

    def write(self, project: Project, original: Path | None) -> None:
        """Autosave `project` (whose file is `original`); a one-line ProjectFileError when it fails."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ProjectFileError(str(self.folder), f"cannot be created: {e.strerror or e}") from None
        if not self.claim():
            why = {QLockFile.LockError.LockFailedError: "another editor holds it",
                   QLockFile.LockError.PermissionError: "permission denied"}.get(self._lock.error(), "unknown error")
            raise ProjectFileError(str(self.plan), f"cannot be locked: {why}")
        about = {"original": str(original) if original else None,
                 "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        write_atomically(self.about, json.dumps(about).encode("utf-8"))  # first: a plan never lacks its origin
        save_project(project, self.plan)

    def origin(self) -> tuple[Path | None, datetime]:
        """Where the recovered plan was saved (None: never) and when it was autosaved."""
        try:
            about = json.loads(self.about.read_bytes()[:MAX_ABOUT_BYTES])
            original, saved_at = about["original"], datetime.fromisoformat(about["saved_at"])
        except (OSError, ValueError, KeyError, TypeError):  # an older or damaged note: the plan is still there
            return None, datetime.fromtimestamp(self.plan.stat().st_mtime, timezone.utc)
        return (Path(original) if isinstance(original, str) and original else None), saved_at

    def discard(self) -> None:
        """Remove the autosaved plan (it was saved, or given up on purpose); the lock stays held."""
        for path in (self.plan, self.about, *self.folder.glob(f".{self.key}.*.tmp*")):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass  # left behind, it is offered at the next start: nothing is lost, the close goes on

    def release(self) -> None:
        """Let go of the lock: another editor may take this file (and its lock file goes)."""
        self._lock.unlock()

    def remove(self) -> None:
        """Discard and let go of the lock: its editor is closing."""
        self.discard()
        self.release()


def orphaned_recoveries(folder: Path) -> list[RecoveryFile]:
    """Every recovery file no live editor holds, oldest first, each claimed by this process (the
    caller removes or keeps it). Leftovers without a plan (an editor killed while closing) go."""
    _adopt_single_recovery(folder)
    try:
        keys = sorted({m.group(1) for p in folder.iterdir() if (m := _KEY.fullmatch(p.name))})
    except OSError:  # no folder yet: no editor ever autosaved
        return []
    found = []
    for key in keys:
        recovery = RecoveryFile(folder, key)
        if not recovery.claim():
            continue  # a live editor's, in this process or another
        if recovery.plan.exists():
            found.append(recovery)
        else:
            recovery.remove()
    return sorted(found, key=lambda r: r.plan.stat().st_mtime)


def _adopt_single_recovery(folder: Path) -> None:
    """Editors before per-document recovery autosaved to one `recovery.classroom.json` beside the
    folder, its original path in `recovery.classroom.path`: such a file becomes an orphan in the
    folder like any other, so an upgrade loses no work."""
    old = folder.parent / f"recovery{PLAN_SUFFIX}"
    side = old.with_suffix(".path")
    if not old.is_file():
        return
    try:
        original = side.read_text(encoding="utf-8").strip()[:4096] if side.is_file() else ""
        saved_at = datetime.fromtimestamp(old.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
        folder.mkdir(parents=True, exist_ok=True)
        adopted = RecoveryFile(folder)
        write_atomically(adopted.about, json.dumps({"original": original or None, "saved_at": saved_at}).encode("utf-8"))
        write_atomically(adopted.plan, old.read_bytes())
        old.unlink()
        side.unlink(missing_ok=True)
    except (OSError, ProjectFileError):
        pass  # left where it is: it is tried again at the next start, nothing is lost
