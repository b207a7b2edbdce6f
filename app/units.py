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


_NUMBER = r"\d+(?:\.\d*)?|\.\d+"
_UNIT = r"inches|inch|in|feet|foot|ft|mm|cm|m|'|′|\"|″"
_LENGTH = re.compile(rf"(?P<sign>[-+])?\s*(?P<a>{_NUMBER})\s*(?P<ua>{_UNIT})?"
                     rf"(?:\s*-?\s*(?P<b>{_NUMBER})\s*(?P<ub>{_UNIT})?)?", re.IGNORECASE)
_UNIT_OF = {"inches": "in", "inch": "in", "in": "in", '"': "in", "″": "in", "feet": "ft", "foot": "ft", "ft": "ft",
            "'": "ft", "′": "ft", "mm": "mm", "cm": "cm", "m": "m"}


def parse_length(text: str, units: DisplayUnits = "ft-in") -> float:
    """A length as a teacher types it, in inches: 6', 6' 3", 6'-3", 6 ft 3 in, 72 in, 72", 1.8 m,
    180 cm. A bare number is in the display units' base: inches for ft-in, centimetres for metric."""
    match = _LENGTH.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a length (try 6' 3\", 72 in, 1.8 m or 180 cm)")
    base = "cm" if units == "metric" else "in"
    first = _UNIT_OF[match["ua"].lower()] if match["ua"] else base
    inches = to_inches(float(match["a"]), first)
    if match["b"] is not None:
        second = _UNIT_OF[match["ub"].lower()] if match["ub"] else "in"
        if first != "ft" or second != "in":  # only feet then inches: 6' 3"; not 6 3, 1 m 20 or 6" 3
            raise ValueError(f"{text!r} is not a length (feet then inches, as 6' 3\", or one number and unit)")
        inches += float(match["b"])
    return -inches if match["sign"] == "-" else inches
