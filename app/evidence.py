"""Is the layout ready to be submitted as Preparation and Planning evidence?

The reviewer's checklist (USBE microcredential 2680, shared/domain.md): a map; at least 4
labeled sections or stations, each with how it is used and how it contributes to a positive
classroom environment; how transitions are facilitated; scored on choice and flexibility,
collaboration and smooth transitions.
"""

from __future__ import annotations

from app.model import ZONE_KINDS, Finding, Layout, Project, Severity, Zone

#: "At least 4 different sections or stations, labeled" (microcredential 2680 evidence item 1)
MIN_LABELED_STATIONS = 4


def labeled_zones(layout: Layout) -> list[Zone]:
    """Zones a reviewer counts as sections or stations: the ones with a name."""
    return [z for z in layout.zones if z.name.strip()]


def evidence_findings(project: Project, layout: Layout) -> list[Finding]:
    findings: list[Finding] = []
    labeled = labeled_zones(layout)
    if len(labeled) < MIN_LABELED_STATIONS:
        unnamed = len(layout.zones) - len(labeled)
        hint = f" ({unnamed} more zone{'s' if unnamed != 1 else ''} need a name)" if unnamed else ""
        findings.append(Finding(
            severity=Severity.ERROR, code="evidence-too-few-stations",
            message=f"The evidence needs at least {MIN_LABELED_STATIONS} labeled sections or stations; "
                    f"'{layout.name}' has {len(labeled)}{hint}.",
            ids=[z.id for z in layout.zones if not z.name.strip()],
        ))
    for zone in labeled:
        missing = [what for what, text in (("how students use it", zone.how_used),
                                           ("how it supports a positive classroom environment",
                                            zone.positive_environment)) if not text.strip()]
        if missing:
            findings.append(Finding(
                severity=Severity.ERROR, code="evidence-station-text",
                message=f"{_zone_title(zone)} has no description of {' or of '.join(missing)}.",
                ids=[zone.id], point=zone.centroid(),
            ))
    if layout.zones and not any(ZONE_KINDS[z.kind].collaborative for z in layout.zones):
        findings.append(Finding(
            severity=Severity.WARNING, code="evidence-no-collaboration",
            message="No collaboration space: reviewers score opportunities for learners to work together; "
                    "add a collaboration, hands-on, creation or discussion zone.",
        ))
    if not layout.transitions.described:
        findings.append(Finding(
            severity=Severity.ERROR, code="evidence-no-transitions",
            message="The evidence must say how transitions are facilitated: add the signals, the rotation "
                    "order and minutes, or the entrance and materials routines.",
        ))
    return findings


def _zone_title(zone: Zone) -> str:
    prefix = f"Station {zone.station} " if zone.station is not None else ""
    return f"{prefix}'{zone.display_name}'"
