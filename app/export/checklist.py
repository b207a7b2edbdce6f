"""The reviewer's checklist for one layout: each evidence requirement and each review
criterion of USBE microcredential 2680 (Preparation and Planning), met or not, and why."""

from __future__ import annotations

from dataclasses import dataclass

from app.evidence import MIN_LABELED_STATIONS, evidence_findings, labeled_zones
from app.export.analysis import LayoutAnalysis, analyze_layout, as_layout_analysis
from app.export.text import join_words, plural
from app.export.zones import pieces_by_zone, seats
from app.model import ZONE_KINDS, Layout, Project, Zone, ZoneKind

CHOICE = "Criterion 1: learner choice and flexibility"
COLLABORATION = "Criterion 2: collaboration among learners"
TRANSITIONS = "Criterion 3: smooth transitions between activities"

#: where a learner can work on their own (the "independent desks at the back" of the scenario)
_ALONE = {ZoneKind.INDEPENDENT, ZoneKind.QUIET, ZoneKind.ONLINE}
_MIN_KINDS = 3
_GROUP_SEATS = 2


@dataclass(frozen=True)
class ChecklistItem:
    requirement: str
    criterion: str | None  # None: an item of the evidence itself; else the review criterion it serves
    met: bool
    why: str


def checklist(project: Project, layout: Layout, analysis: object = None) -> list[ChecklistItem]:
    result = analyze_layout(layout) if analysis is None else as_layout_analysis(analysis)
    codes = {f.code: f for f in evidence_findings(project, layout)}
    labeled = labeled_zones(layout)
    return [
        _map(layout),
        _description(layout),
        _enough_stations(layout, labeled, codes.get("evidence-too-few-stations")),
        _texts(labeled, "how_used", "Each station says how students use it", "how students use it"),
        _texts(labeled, "positive_environment", "Each station says how it supports a positive classroom environment",
               "how it supports a positive environment"),
        _transitions_described(layout),
        _choice(layout),
        _collaboration(layout),
        _smooth(layout, result),
    ]


def _name(zone: Zone) -> str:
    return f"Station {zone.station} '{zone.display_name}'" if zone.station is not None else f"'{zone.display_name}'"


def _map(layout: Layout) -> ChecklistItem:
    room = layout.room
    why = (f"The map shows the room to scale with {plural(len(room.doors), 'door')}, "
           f"{plural(len(room.windows), 'window')}, {plural(len(layout.pieces), 'piece')} of furniture "
           f"and {plural(len(layout.zones), 'labeled zone')}.")
    return ChecklistItem("A map of the classroom", None, True, why)


def _description(layout: Layout) -> ChecklistItem:
    described = [z for z in layout.zones if z.how_used.strip()]
    parts = []
    if layout.notes.strip():
        parts.append("a description of the layout")
    if described:
        parts.append(f"a description of {plural(len(described), 'station')}")
    if layout.transitions.described:
        parts.append("the transition features")
    met = bool(parts)
    why = (f"The PDF gives {join_words(parts)}." if met else
           "Nothing describes the layout yet: write layout notes or describe the stations.")
    return ChecklistItem("A detailed description of the layout, transitions or stations", None, met, why)


def _enough_stations(layout: Layout, labeled: list[Zone], finding) -> ChecklistItem:
    requirement = f"At least {MIN_LABELED_STATIONS} different sections or stations, labeled"
    if finding is not None:
        return ChecklistItem(requirement, None, False, finding.message)
    kinds = {z.kind for z in labeled}
    return ChecklistItem(requirement, None, True,
                         f"{plural(len(labeled), 'labeled section')} of {plural(len(kinds), 'kind')}, "
                         "numbered on the map and in the station table.")


def _texts(labeled: list[Zone], field: str, requirement: str, what: str) -> ChecklistItem:
    missing = [z for z in labeled if not getattr(z, field).strip()]
    if not labeled:
        return ChecklistItem(requirement, None, False, "There are no labeled stations yet.")
    if missing:
        names = join_words([_name(z) for z in missing[:6]]) + (" and others" if len(missing) > 6 else "")
        return ChecklistItem(requirement, None, False, f"Not yet written for {names}: add {what}.")
    return ChecklistItem(requirement, None, True, f"Written for all {plural(len(labeled), 'labeled section')}.")


def _transitions_described(layout: Layout) -> ChecklistItem:
    plan = layout.transitions
    parts = []
    if plan.rotation:
        parts.append(f"a rotation through {plural(len(plan.rotation), 'station')}")
    if plan.minutes_per_station:
        parts.append(f"{plan.minutes_per_station} minutes per station")
    if plan.signals:
        parts.append(plural(len(plan.signals), "signal"))
    if plan.entrance_routine.strip():
        parts.append("the entrance routine")
    if plan.materials_routine.strip():
        parts.append("the materials routine")
    if plan.notes.strip():
        parts.append("transition notes")
    requirement = "A description of how transitions are facilitated"
    if plan.described:
        return ChecklistItem(requirement, None, True, f"The transitions section gives {join_words(parts)}.")
    return ChecklistItem(requirement, None, False,
                         "Add the signals, the rotation order and minutes, or the entrance and materials routines.")


def _choice(layout: Layout) -> ChecklistItem:
    kinds = {z.kind for z in layout.zones}
    alone = kinds & _ALONE
    group = {k for k in kinds if ZONE_KINDS[k].collaborative or k is ZoneKind.MINI_LESSON}
    labels = [ZONE_KINDS[k].label for k in sorted(kinds)]
    gaps = []
    if len(kinds) < _MIN_KINDS:
        gaps.append(f"only {plural(len(kinds), 'kind')} of space (offer at least {_MIN_KINDS} to choose from)")
    if not alone:
        gaps.append("no place to work alone (independent, quiet or online)")
    if not group:
        gaps.append("no place for group work")
    requirement = f"Several kinds of space to choose from (at least {_MIN_KINDS}), for working alone and in groups"
    if gaps:
        return ChecklistItem(requirement, CHOICE, False, "The layout has " + join_words(gaps) + ".")
    return ChecklistItem(requirement, CHOICE, True,
                         f"Learners choose among {plural(len(kinds), 'kind')} of space: {', '.join(labels)}.")


def _collaboration(layout: Layout) -> ChecklistItem:
    requirement = f"At least one collaborative space with seats for a group ({_GROUP_SEATS} or more)"
    together = [z for z in layout.zones if ZONE_KINDS[z.kind].collaborative]
    if not together:
        return ChecklistItem(requirement, COLLABORATION, False,
                             "No collaboration, hands-on, creation, discussion or whole-class zone yet.")
    held = pieces_by_zone(layout)
    seated = [(z, seats(held[z.id])) for z in together]
    good = [(z, n) for z, n in seated if n >= _GROUP_SEATS]
    if not good:
        return ChecklistItem(requirement, COLLABORATION, False,
                             f"{join_words([_name(z) for z in together[:4]])} "
                             f"{'has' if len(together) == 1 else 'have'} no seats for a group: "
                             "put tables with chairs, or a rug, inside.")
    listed = join_words([f"{_name(z)} seats {n}" for z, n in good[:4]])
    return ChecklistItem(requirement, COLLABORATION, True, f"{listed}.")


def _smooth(layout: Layout, analysis: LayoutAnalysis) -> ChecklistItem:
    requirement = "Open walking routes, a rotation order or entry routine, and signals described"
    plan = layout.transitions
    gaps = []
    blocked = [r for r in analysis.routes if getattr(r, "path", None) is None]
    if blocked:
        gaps.append(f"{plural(len(blocked), 'walking route')} {'is' if len(blocked) == 1 else 'are'} blocked")
    problems = analysis.route_problems()
    if problems and not blocked:
        gaps.append(problems[0].message.rstrip("."))
    # a free-choice room (the scenario's "students choose a space") has no rotation: its
    # entrance routine says how students get to their space instead
    if len(plan.rotation) < 2 and not plan.entrance_routine.strip():
        gaps.append("no rotation order is set and no entrance routine says how students get to the space "
                    "they choose")
    if not plan.signals:
        gaps.append("no signal is described (e.g. a chime for '5 minutes left')")
    if gaps:
        return ChecklistItem(requirement, TRANSITIONS, False, _sentence(join_words(gaps, "and")))
    legs = analysis.rotation_routes(layout)
    cue = f"cued by {plural(len(plan.signals), 'signal')}"
    if len(plan.rotation) < 2:
        return ChecklistItem(requirement, TRANSITIONS, True,
                             f"Students walk from the door to the space they choose on open routes, {cue}.")
    return ChecklistItem(requirement, TRANSITIONS, True,
                         f"Groups rotate through {plural(len(plan.rotation), 'station')} on "
                         f"{plural(len(legs), 'open route')}, {cue}.")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
