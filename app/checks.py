"""Every check on one layout, in the order a teacher should fix things. No Qt here."""

from __future__ import annotations

from app.model import Finding, Layout, Project, Severity

#: errors first (the plan does not work), then warnings, then notes
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def run_checks(project: Project, layout: Layout, geometry: list[Finding] | None = None) -> list[Finding]:
    """The room's geometry (collisions, paths, reach) and the evidence's readiness, sorted
    stably; geometry: the layout's check_layout findings when the caller has them already."""
    from app.evidence import evidence_findings  # local: `import app.checks` stays light
    from app.geometry import check_layout

    found = check_layout(layout) if geometry is None else geometry
    return sort_findings(list(found) + list(evidence_findings(project, layout)))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: _ORDER.get(f.severity, len(_ORDER)))


def count_by_severity(findings: list[Finding]) -> dict[Severity, int]:
    counts = {severity: 0 for severity in _ORDER}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts
