"""Small helpers to turn shapely results into Findings: where to point, what to outline, the
order, and how lengths and areas read."""

from __future__ import annotations

import math

import shapely

from app.model import Finding, Severity
from app.units import SQ_IN_PER_SQ_FT, format_area

#: overlaps smaller than this (sq in) are touching edges or round-off, not conflicts
AREA_EPS = 1.0

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def inches(value: float) -> str:
    """A clear width or a gap as teachers and ADA 403.5.1 state them: 36", and 35.5" where the
    fraction matters; cut down to a tenth, never rounded up to the width a gap misses."""
    tenths = math.floor(value * 10 + 1e-6) / 10
    return f'{tenths:.1f}'.removesuffix(".0") + '"'


def with_article(text: str) -> str:
    """'an 18" path', 'a 36" path': the article as the number is read aloud."""
    digits = text.lstrip().split('"')[0].split(".")[0]
    # eight, eleven, eighteen, eighty...: the numbers read with a vowel sound
    an = digits.startswith("8") or (len(digits) in (2, 5) and digits.startswith(("11", "18")))
    return f"{'an' if an else 'a'} {text}"


def area_text(sq_in: float) -> str:
    """An overlap as a teacher reads it: in sq in under a tenth of a square foot, never '0.0 sq ft'."""
    if sq_in < 0.1 * SQ_IN_PER_SQ_FT:
        return f"{max(1, round(sq_in))} sq in"
    return format_area(sq_in)


def outline_of(geom: shapely.Geometry) -> list[tuple[float, float]] | None:
    """The outline of the largest polygon in geom (open ring), or None if it has no area."""
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, shapely.Polygon) and not g.is_empty]
    if not parts:
        return None
    biggest = max(parts, key=lambda g: g.area)
    return [(round(x, 2), round(y, 2)) for x, y in biggest.exterior.coords[:-1]]


def centre_of(geom: shapely.Geometry) -> tuple[float, float]:
    p = geom.point_on_surface() if not geom.is_empty else shapely.Point(0, 0)
    return (round(p.x, 2), round(p.y, 2))


def finding(severity: Severity, code: str, message: str, ids: list[str], geom: shapely.Geometry | None = None,
            point: tuple[float, float] | None = None, path: list[tuple[float, float]] | None = None) -> Finding:
    return Finding(severity=severity, code=code, message=message, ids=ids,
                   point=point if point is not None else (centre_of(geom) if geom is not None else None),
                   polygon=outline_of(geom) if geom is not None else None, path=path)


def ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by code, the ids involved and the sentence: the same plan, the same list."""
    return sorted(findings, key=lambda f: (_RANK[f.severity], f.code, f.ids, f.message))
