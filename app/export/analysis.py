"""The routes and geometry findings the PDF reports, from app.geometry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.model import Finding, Layout, Severity

#: geometry finding codes that mean "someone cannot get there" (app.geometry.analysis)
ROUTE_CODES = frozenset({"unreachable-zone", "rotation-route-blocked", "door-blocked"})


@dataclass
class LayoutAnalysis:
    routes: list[Any] = field(default_factory=list)  # app.geometry Route: kind, start_id, end_id, path, length
    findings: list[Finding] = field(default_factory=list)

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


def as_layout_analysis(result: Any) -> LayoutAnalysis:
    """Accept app.geometry's Analysis (or an already adapted one)."""
    if isinstance(result, LayoutAnalysis):
        return result
    return LayoutAnalysis(routes=list(getattr(result, "routes", []) or []),
                          findings=list(getattr(result, "findings", []) or []))
