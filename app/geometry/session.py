"""What the live checks reuse from one edit to the next, in one object its owner holds.

A check is a function of the layout alone; a CheckSession only spares it work. Every entry is
keyed by the values that decide it (a piece's kind, place and size; the exact outline a tile
of floor was cut to), never by the objects, so a reused entry is the very value a fresh run
computes: tests/geometry/test_geometry_session.py holds a session's answers equal to fresh runs
over random edits. After each check the session keeps only what that check used, so it holds
one plan's worth. A session belongs to one thread: the editor's drag step and its check worker
each have their own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class CheckSession:
    """Footprints, grown footprints, the unions of touching ones, and tile triangulations."""

    def __init__(self) -> None:
        self._kept: dict[str, dict[Hashable, Any]] = {}
        self._used: dict[str, dict[Hashable, Any]] = {}
        self.hits = 0  # values found kept from the last check

    def get(self, kind: str, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value under key, made by make() the first time."""
        used = self._used.setdefault(kind, {})
        if key in used:
            return used[key]
        kept = self._kept.get(kind)
        if kept is not None and key in kept:
            value = kept[key]
            self.hits += 1
        else:
            value = make()
        used[key] = value
        return value

    def put(self, kind: str, key: Hashable, value: Any) -> None:
        """Store value under key for the next check."""
        self._used.setdefault(kind, {})[key] = value

    def kept(self, kind: str, key: Hashable) -> Any:
        """What the last check stored under key, None if nothing."""
        kept = self._kept.get(kind)
        return kept.get(key) if kept is not None else None

    def __len__(self) -> int:
        """How many values it keeps for the next check."""
        return sum(len(entries) for entries in self._kept.values())

    def end_check(self) -> None:
        """Keep what this check used, drop the rest; a kind this check did not use at all (the
        floor's triangles, when every walk was kept) stays as it was."""
        self._kept = {**{kind: v for kind, v in self._kept.items() if kind not in self._used}, **self._used}
        self._used = {}


class NoSession(CheckSession):
    """A fresh run: nothing is kept."""

    def get(self, kind: str, key: Hashable, make: Callable[[], Any]) -> Any:
        return make()

    def put(self, kind: str, key: Hashable, value: Any) -> None:
        pass

    def kept(self, kind: str, key: Hashable) -> Any:
        return None

    def end_check(self) -> None:
        pass
