"""How the PDF points at each zone: its marker on the map and in the station table."""

from __future__ import annotations

import string

from app.model import Layout, Zone


def markers(layout: Layout) -> dict[str, str]:
    """Zone id -> the mark printed on the map and in the table: the station number, or a
    letter for a section without one (so map and table point at each other)."""
    out: dict[str, str] = {}
    letters = iter(_letters())
    for zone in ordered_zones(layout):
        out[zone.id] = str(zone.station) if zone.station is not None else next(letters)
    return out


def ordered_zones(layout: Layout) -> list[Zone]:
    """Stations in number order, then the other sections in the order the teacher made them."""
    return layout.stations() + [z for z in layout.zones if z.station is None]


def _letters():
    for a in ("",) + tuple(string.ascii_uppercase):
        for b in string.ascii_uppercase:
            yield a + b
