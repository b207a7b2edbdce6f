"""The routes and geometry findings the PDF reports, from app.geometry, read defensively.

A teacher's export must never fail because a route could not be computed: if the analysis
raises, the PDF still comes out and says that the routes could not be checked.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from app.model import Finding, Layout, Severity

log = logging.getLogger(__name__)

#: geometry finding codes that mean "someone cannot get there" (app.geometry.analysis)
ROUTE_CODES = frozenset({"unreachable-zone", "rotation-route-blocked", "door-blocked"})


@dataclass
class LayoutAnalysis:
    routes: list[Any] = field(default_factory=list)  # app.geometry Route: kind, start_id, end_id, path, length
    findings: list[Finding] = field(default_factory=list)
    problem: str | None = None  # why routes are missing, in one sentence

    def rotation_routes(self, layout: Layout) -> list[Any]:
        """Rotation legs in the order the groups walk them."""
        order = {zone_id: i for i, zone_id in enumerate(layout.transitions.rotation)}
        legs = [r for r in self.routes if r.kind == "rotation"]
        return sorted(legs, key=lambda r: (order.get(r.start_id, len(order)), order.get(r.end_id, len(order))))

    def entrance_routes(self) -> list[Any]:
        return [r for r in self.routes if r.kind == "entrance"]

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def route_problems(self) -> list[Finding]:
        return [f for f in self.errors() if f.code in ROUTE_CODES]


def analyze_layout(layout: Layout) -> LayoutAnalysis:
    try:
        from app.geometry import analyze

        result = analyze(layout)
    except Exception as error:  # noqa: BLE001 - the PDF goes out anyway and says why
        log.warning("route analysis failed for layout %r: %s", layout.id, error, exc_info=True)
        return LayoutAnalysis(problem=f"the walking routes could not be checked ({type(error).__name__})")
    return as_layout_analysis(result)


def as_layout_analysis(result: Any) -> LayoutAnalysis:
    """Accept app.geometry's Analysis (or an already adapted one)."""
    if isinstance(result, LayoutAnalysis):
        return result
    return LayoutAnalysis(routes=list(getattr(result, "routes", []) or []),
                          findings=list(getattr(result, "findings", []) or []))
