"""Lengths: inches in memory, feet-and-inches or metric on screen and paper."""

from __future__ import annotations

import math
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
    if units == "metric":
        return f"{sq_in / SQ_IN_PER_SQ_M:.1f} m²"
    return f"{sq_in / SQ_IN_PER_SQ_FT:.1f} sq ft"
