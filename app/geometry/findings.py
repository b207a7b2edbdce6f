"""Small helpers to turn shapely results into Findings: where to point, what to outline, the order."""

from __future__ import annotations

import shapely

from app.model import Finding, Severity

#: overlaps smaller than this (sq in) are touching edges or round-off, not conflicts
AREA_EPS = 1.0

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


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
