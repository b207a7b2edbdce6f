"""Every check on one layout, in the order a teacher should fix things. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.model import Finding, Layout, Project, Severity

if TYPE_CHECKING:
    from app.readiness import Readiness

#: errors first (the plan does not work), then warnings, then notes
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def run_checks(project: Project, layout: Layout, geometry: list[Finding] | None = None) -> list[Finding]:
    """The room's geometry (collisions, paths, reach) and what the plan contradicts in the
    teacher's plan (app.readiness), sorted stably; geometry: the layout's check_layout findings
    when the caller has them already. Whether the evidence is complete is app.readiness's."""
    from app.geometry import check_layout  # local: `import app.checks` stays light
    from app.readiness import contradictions

    found = check_layout(layout) if geometry is None else geometry
    return sort_findings(list(found) + contradictions(project, layout))


@dataclass(frozen=True)
class Report:
    """What `classroom-layout check` says: each layout's findings, and the one verdict."""

    findings: list[tuple[Layout, list[Finding]]]
    readiness: Readiness

    @property
    def exit_code(self) -> int:
        """1 while the plan has an error or anything on the evidence is not met, else 0."""
        errors = any(f.severity is Severity.ERROR for _, found in self.findings for f in found)
        return 1 if errors or not self.readiness.ready else 0


def check_project(project: Project, layouts: list[Layout]) -> Report:
    """Every check on each layout, and the readiness of the evidence made of them; each layout's
    routes are searched once for both."""
    from app.geometry import analyze
    from app.readiness import readiness

    analyses = {layout.id: analyze(layout) for layout in layouts}
    found = [(layout, run_checks(project, layout, analyses[layout.id].findings)) for layout in layouts]
    return Report(found, readiness(project, layouts, analyses))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: _ORDER.get(f.severity, len(_ORDER)))


def count_by_severity(findings: list[Finding]) -> dict[Severity, int]:
    counts = {severity: 0 for severity in _ORDER}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts
