"""Lengths: inches in memory, feet-and-inches or metric on screen and paper."""

from __future__ import annotations

import math
import re
from typing import Literal

LengthUnit = Literal["in", "ft", "mm", "cm", "m"]
DisplayUnits = Literal["ft-in", "metric"]

#: inches per one of each unit a file may use
INCHES_PER: dict[str, float] = {"in": 1.0, "ft": 12.0, "mm": 1 / 25.4, "cm": 1 / 2.54, "m": 1 / 0.0254}

SQ_IN_PER_SQ_FT = 144.0
SQ_IN_PER_SQ_M = (1 / 0.0254) ** 2


def to_inches(value: float, unit: str) -> float:
    return value * INCHES_PER[unit]


def from_inches(value: float, unit: str) -> float:
    return value / INCHES_PER[unit]


def format_length(inches: float, units: DisplayUnits = "ft-in") -> str:
    """A length as a teacher reads it: 3'-6" or 1.07 m (whole inches, centimetres under 1 m)."""
    if not math.isfinite(inches):
        return "?"
    if units == "metric":
        metres = inches * 0.0254
        return f"{metres * 100:.0f} cm" if abs(metres) < 1 else f"{metres:.2f} m"
    sign = "-" if inches < 0 else ""
    total = round(abs(inches))
    feet, rest = divmod(total, 12)
    if feet == 0:
        return f'{sign}{rest}"'
    return f"{sign}{feet}'-{rest}\""


def format_area(sq_in: float, units: DisplayUnits = "ft-in") -> str:
    """An area: a tenth where it matters (an overlap of 0.7 sq ft), whole units for a room (952 sq ft)."""
    value, unit = (sq_in / SQ_IN_PER_SQ_M, "m²") if units == "metric" else (sq_in / SQ_IN_PER_SQ_FT, "sq ft")
    return f"{value:.0f} {unit}" if value >= (10 if units == "metric" else 100) else f"{value:.1f} {unit}"


_FEET_SIZE = re.compile(r"(\d+(?:\.\d+)?) x (\d+(?:\.\d+)?) ft\b")


def in_units(name: str, units: DisplayUnits = "ft-in") -> str:
    """A catalog name with a size in it ('Rug 8 x 10 ft') in the display units ('Rug 2.4 x 3.0 m')."""
    if units != "metric":
        return name
    return _FEET_SIZE.sub(lambda m: f"{float(m[1]) * 0.3048:.1f} x {float(m[2]) * 0.3048:.1f} m", name)
