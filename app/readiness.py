"""Ready to submit? One verdict on the Preparation and Planning evidence, computed here once and
shown the same in the editor's panel, `classroom-layout check` and the PDF.

Every line of the reviewer's checklist and every review criterion (USBE microcredential 2680,
shared/domain.md) is an Item: met, not yet, or contradicted by the plan. A met item says what
shows it, quoting the teacher's own words and citing the plan's facts; any other item says the
one thing to do, naming the station or the field. Only the teacher's own words count
(app.words): no placeholder, no example text left as it was, no text copied from another station.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.model import ZONE_KINDS, Finding, Layout, Project, Severity, Zone, ZoneKind
from app.stations import pieces_by_zone, rotation_sense, seats
from app.units import format_length
from app.words import Problem, first_of, own_words, problem, quoted, sentence_with

#: "At least 4 different sections or stations, labeled" (microcredential 2680, evidence item 1)
MIN_LABELED_STATIONS = 4
CHOICE = "Criterion 1: learner choice and flexibility"
COLLABORATION = "Criterion 2: collaboration among learners"
TRANSITIONS = "Criterion 3: smooth transitions between activities"
#: where a learner can work on their own (the "independent desks at the back" of the scenario)
ALONE = frozenset({ZoneKind.INDEPENDENT, ZoneKind.QUIET, ZoneKind.ONLINE})
MIN_KINDS = 3
GROUP_SEATS = 2
#: the words of a teacher saying that students choose
_CHOOSING = re.compile(r"\b(choos\w*|choice\w*|chose\w*|pick\w*|select\w*|decid\w*|flexib\w*|prefer\w*|"
                       r"option\w*|own pace|voice)", re.IGNORECASE)
#: geometry findings that mean someone cannot get somewhere (app.geometry.analysis)
ROUTE_CODES = frozenset({"unreachable-zone", "rotation-route-blocked", "door-blocked"})


class Status(StrEnum):
    MET = "met"
    NOT_YET = "not yet"
    CONTRADICTED = "contradicted"


@dataclass(frozen=True)
class Target:
    """Where the teacher fixes an item: a field of the project, of a layout, or of one zone."""

    field: str  # "teacher", "school", "class_size", "notes", "name", "how_used", "positive_environment",
    #             "transitions", "rotation", "direction", "signals", "entrance_routine", "furniture", "plan"
    layout_id: str | None = None
    zone_id: str | None = None
    ids: tuple[str, ...] = ()  # what to select on the plan


@dataclass(frozen=True)
class Item:
    key: str  # stable: "teacher", "<layout id>/stations", "<layout id>/use/<zone id>", ...
    requirement: str
    criterion: str | None  # None: a line of the evidence itself; else the review criterion it serves
    status: Status
    detail: str  # met: what shows it; otherwise the one thing to do
    target: Target

    @property
    def met(self) -> bool:
        return self.status is Status.MET


@dataclass(frozen=True)
class Readiness:
    items: tuple[Item, ...]
    layout_names: dict[str, str] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        return all(i.met for i in self.items)

    @property
    def open_items(self) -> list[Item]:
        return [i for i in self.items if not i.met]

    def verdict(self) -> str:
        """One line: ready or not, and how far from it."""
        total, open_ = len(self.items), self.open_items
        if not open_:
            return "Ready to submit: the one item is met." if total == 1 else f"Ready to submit: all {total} items are met."
        against = sum(i.status is Status.CONTRADICTED for i in open_)
        tail = f", {against} contradicted by the plan" if against else ""
        return f"Not ready yet: {len(open_)} of {total} items to do{tail}."

    def as_json(self) -> dict[str, Any]:
        return {"ready": self.ready, "verdict": self.verdict(), "items": [
            {"key": i.key, "layout": i.target.layout_id, "requirement": i.requirement, "criterion": i.criterion,
             "status": i.status.value, "detail": i.detail,
             "target": {"field": i.target.field, "zone": i.target.zone_id, "ids": list(i.target.ids)}}
            for i in self.items]}


def readiness(project: Project, layouts: list[Layout] | None = None, analyses: dict[str, Any] | None = None) -> Readiness:
    """The verdict on the evidence for these layouts (all of the project's by default).

    analyses: layout id -> app.geometry Analysis where the caller has one; the others are
    computed here."""
    from app.geometry import analyze  # local: the model and the words load without shapely's routes

    layouts = list(project.layouts) if layouts is None else layouts
    analyses = dict(analyses or {})
    items = _project_items(project, layouts)
    for layout in layouts:
        analysis = analyses.get(layout.id)
        items += _Layout(project, layout, analysis if analysis is not None else analyze(layout)).items()
    return Readiness(tuple(items), {layout.id: layout.name for layout in layouts})


def contradictions(project: Project, layout: Layout) -> list[Finding]:
    """What the plan contradicts in the teacher's plan, as findings for the Checks list (the
    same items the verdict counts as contradicted)."""
    out = []
    for item in _Layout(project, layout, None).contradictions():
        if item.status is Status.CONTRADICTED:
            zone = layout.zone(item.target.zone_id) if item.target.zone_id else None
            out.append(Finding(severity=Severity.WARNING, code="contradiction", message=item.detail,
                               ids=list(item.target.ids), point=zone.centroid() if zone else None))
    return out


def zone_title(zone: Zone) -> str:
    """"Station 2 'Reading nook'", "'Library'", or "the unnamed Collaboration zone"."""
    if not zone.name.strip():
        label = ZONE_KINDS[zone.kind].label
        return f"Station {zone.station} (unnamed {label})" if zone.station is not None else f"the unnamed {label} zone"
    return f"Station {zone.station} '{zone.name}'" if zone.station is not None else f"'{zone.name}'"


def _project_items(project: Project, layouts: list[Layout]) -> list[Item]:
    out = []
    for field_name, label in (("teacher", "your name"), ("school", "your school's name")):
        value = getattr(project, field_name).strip()
        out.append(Item(field_name, f"The {field_name}'s name is on the evidence", None,
                        Status.MET if value else Status.NOT_YET,
                        f"{value}." if value else f"Add {label} in File > Project details…", Target(field_name)))
    needs_size = any(len(lay.rotation_zones()) >= 2 or any(z.kind == ZoneKind.WHOLE_CLASS for z in lay.zones)
                     for lay in layouts)
    if needs_size:
        size = project.class_size
        out.append(Item("class_size", "The class size is set, so seats can be checked", None,
                        Status.MET if size else Status.NOT_YET,
                        f"A class of {size}." if size else
                        "Set the class size in File > Project details… so the seats at each station can be "
                        "checked against the groups.", Target("class_size")))
    return out


class _Layout:
    """The items of one layout."""

    def __init__(self, project: Project, layout: Layout, analysis: Any) -> None:
        self.project, self.layout, self.analysis = project, layout, analysis
        self.id = layout.id
        self.units = project.display_units
        self.held = pieces_by_zone(layout)
        self.labeled = [z for z in layout.zones if z.name.strip()]

    def item(self, key: str, requirement: str, criterion: str | None, status: Status | bool, detail: str,
             target_field: str, zone: Zone | None = None, ids: tuple[str, ...] = ()) -> Item:
        if isinstance(status, bool):
            status = Status.MET if status else Status.NOT_YET
        target = Target(target_field, self.id, zone.id if zone else None, ids or ((zone.id,) if zone else ()))
        return Item(f"{self.id}/{key}", requirement, criterion, status, detail, target)

    def items(self) -> list[Item]:
        return [self._map(), self._description(), self._stations(), self._labels(), *self._texts(),
                self._transitions(), self._choice(), self._collaboration(), self._smooth(),
                *self.contradictions(), self._plan()]

    # --- the evidence ---------------------------------------------------------------------------

    def _map(self) -> Item:
        room, layout = self.layout.room, self.layout
        x0, y0, x1, y1 = room.bounds()
        size = f"{format_length(x1 - x0, self.units)} by {format_length(y1 - y0, self.units)}"
        if not room.doors:
            return self.item("map", "A map of the classroom", None, False,
                             "Add the classroom door to the room outline (select a wall, then Add door).", "plan")
        return self.item("map", "A map of the classroom", None, True,
                         f"The map shows the {size} room to scale with {_n(len(room.doors), 'door')}, "
                         f"{_n(len(room.windows), 'window')}, {_n(len(layout.pieces), 'piece')} of furniture "
                         f"and {_n(len(layout.zones), 'zone')}.", "plan")

    def _description(self) -> Item:
        layout, plan = self.layout, self.layout.transitions
        parts = []
        if own_words(layout.notes):
            parts.append("layout notes")
        described = sum(own_words(z.how_used) for z in layout.zones)
        if described:
            parts.append(_n(described, "station description"))
        if any(own_words(t) for t in (plan.entrance_routine, plan.materials_routine, plan.notes)):
            parts.append("the transition routines")
        requirement = "A detailed description of the layout, its transitions or its stations"
        if parts:
            return self.item("description", requirement, None, True,
                             f"In the teacher's words: {_join(parts)}.", "notes")
        return self.item("description", requirement, None, False,
                         "Describe the layout in your own words in the layout's notes (Layouts panel).", "notes")

    def _stations(self) -> Item:
        names = {z.name.strip().casefold() for z in self.labeled}
        requirement = f"At least {MIN_LABELED_STATIONS} different sections or stations, labeled"
        if len(names) >= MIN_LABELED_STATIONS:
            kinds = {z.kind for z in self.labeled}
            return self.item("stations", requirement, None, True,
                             f"{_n(len(names), 'labeled section')} of {_n(len(kinds), 'kind')}, numbered on the map "
                             "and in the station table.", "name")
        more = MIN_LABELED_STATIONS - len(names)
        unnamed = [z for z in self.layout.zones if not z.name.strip()]
        if len(self.labeled) > len(names):
            todo = "Give each section its own name: two have the same one."
        elif unnamed:
            todo = (f"Name {_join([zone_title(z) for z in unnamed[:more]])}: "
                    f"{_n(len(names), 'section is', 'sections are')} labeled, {MIN_LABELED_STATIONS} are needed.")
        else:
            todo = f"Draw {_n(more, 'more section')} or station and name {'it' if more == 1 else 'them'}."
        first = unnamed[0] if unnamed else None
        return self.item("stations", requirement, None, False, todo, "name", first)

    def _labels(self) -> Item:
        unnamed = [z for z in self.layout.zones if not z.name.strip()]
        requirement = "Every section on the map is labeled"
        if not unnamed:
            return self.item("labels", requirement, None, True,
                             f"All {_n(len(self.layout.zones), 'section')} have a name.", "name")
        return self.item("labels", requirement, None, False,
                         f"Name {zone_title(unnamed[0])}"
                         + (f" (and {_n(len(unnamed) - 1, 'more zone')})" if len(unnamed) > 1 else "") + ".",
                         "name", unnamed[0])

    def _texts(self) -> list[Item]:
        out = []
        zones, by_id = self.layout.zones, {z.id: z for z in self.layout.zones}
        for field_name, short, asked, what in (
                ("how_used", "use", "how students use it", "how students use {}"),
                ("positive_environment", "environment", "how it supports a positive classroom environment",
                 "how {} supports a positive classroom environment")):
            texts = {z.id: getattr(z, field_name) for z in zones}
            copied = first_of(texts)
            for zone in zones:
                text, title = texts[zone.id], zone_title(zone)
                wrong = problem(text) or (Problem.DUPLICATE if zone.id in copied else None)
                detail = quoted(text) if wrong is None else _todo(wrong, what.format(title), text,
                                                                   by_id.get(copied.get(zone.id, "")))
                out.append(self.item(f"{short}/{zone.id}", f"{_capital(title)}: {asked}", None, wrong is None,
                                     detail, field_name, zone))
        return out

    def _transitions(self) -> Item:
        plan = self.layout.transitions
        shown = [f"{label}: {quoted(text, 120)}" for label, text in (
            ("entrance routine", plan.entrance_routine), ("materials routine", plan.materials_routine),
            ("notes", plan.notes)) if own_words(text)]
        if plan.signals:
            shown.insert(0, _signals(plan.signals))
        requirement = "A brief description of how transitions are facilitated"
        if shown:
            return self.item("transitions", requirement, None, True, "; ".join(shown) + ".", "transitions")
        return self.item("transitions", requirement, None, False,
                         "Write how students move between activities: a signal, the entrance routine or the "
                         "materials routine (Transitions tab).", "transitions")

    # --- the criteria ---------------------------------------------------------------------------

    def _choice(self) -> Item:
        layout = self.layout
        kinds = {z.kind for z in layout.zones}
        requirement = f"Several kinds of space to choose from (at least {MIN_KINDS}), for working alone and in groups"
        if len(kinds) < MIN_KINDS:
            return self.item("choice", requirement, CHOICE, False,
                             f"Add {_n(MIN_KINDS - len(kinds), 'more kind')} of space: the layout has "
                             f"{_n(len(kinds), 'kind')}.", "plan")
        if not kinds & ALONE:
            return self.item("choice", requirement, CHOICE, False,
                             "Add a place to work alone: an Independent work, Quiet or Online zone.", "plan")
        if not any(ZONE_KINDS[k].collaborative or k == ZoneKind.MINI_LESSON for k in kinds):
            return self.item("choice", requirement, CHOICE, False,
                             "Add a place for group work: a Collaboration, Hands-on or Mini-lesson zone.", "plan")
        plan = layout.transitions
        words = None
        for text in (layout.notes, plan.entrance_routine, plan.notes, *(z.how_used for z in layout.zones)):
            if own_words(text):
                words = sentence_with(text, _CHOOSING)
                if words:
                    break
        if words is None:
            return self.item("choice", requirement, CHOICE, False,
                             "Say in your own words how students choose where or how they work (the layout notes "
                             "or the entrance routine).", "notes")
        labels = ", ".join(ZONE_KINDS[k].label.lower() for k in sorted(kinds))
        return self.item("choice", requirement, CHOICE, True,
                         f"{_n(len(kinds), 'kind')} of space ({labels}). In the teacher's words: {quoted(words)}",
                         "notes")

    def _collaboration(self) -> Item:
        requirement = f"A collaborative space with seats for a group ({GROUP_SEATS} or more), described"
        together = [z for z in self.layout.zones if ZONE_KINDS[z.kind].collaborative]
        if not together:
            return self.item("collaboration", requirement, COLLABORATION, False,
                             "Add a space where students work together: a Collaboration, Hands-on, Creation, "
                             "Online discussion or Whole-class zone, with seats for a group.", "plan")
        seated = [z for z in together if seats(self.held[z.id]) >= GROUP_SEATS]
        if not seated:
            zone = together[0]
            return self.item("collaboration", requirement, COLLABORATION, False,
                             f"Put tables with chairs, or a rug, in {zone_title(zone)}: it has no seats for a group.",
                             "furniture", zone)
        described = [z for z in seated if own_words(z.how_used)]
        if not described:
            zone = seated[0]
            return self.item("collaboration", requirement, COLLABORATION, False,
                             f"Describe in your own words how students work together at {zone_title(zone)}.",
                             "how_used", zone)
        shown = "; ".join(f"{zone_title(z)} seats {seats(self.held[z.id])}: {quoted(z.how_used, 120)}"
                          for z in described[:3])
        return self.item("collaboration", requirement, COLLABORATION, True, shown, "how_used", described[0])

    def _smooth(self) -> Item:
        requirement = "Open walking routes, a rotation order or entrance routine, and a signal"
        plan, analysis = self.layout.transitions, self.analysis
        blocked = [f for f in analysis.findings if f.severity is Severity.ERROR and f.code in ROUTE_CODES]
        if blocked:
            return self.item("smooth", requirement, TRANSITIONS, False,
                             f"Open the way: {blocked[0].message}", "plan", ids=tuple(blocked[0].ids))
        rotation = self.layout.rotation_zones()
        if len(rotation) < 2 and not own_words(plan.entrance_routine):
            return self.item("smooth", requirement, TRANSITIONS, False,
                             "Set the rotation order, or write how students get to the space they choose "
                             "(the entrance routine), on the Transitions tab.", "rotation")
        if not plan.signals:
            return self.item("smooth", requirement, TRANSITIONS, False,
                             "Add a signal that tells students when to move, for example a chime for "
                             "'5 minutes left' (Transitions tab).", "signals")
        legs = [r for r in analysis.routes if r.kind == "rotation" and r.length is not None]
        doors = [r for r in analysis.routes if r.kind == "entrance" and r.length is not None]
        cue = _signals(plan.signals)
        if len(rotation) >= 2:
            way = {"clockwise": "clockwise", "counterclockwise": "counterclockwise", "custom": "in a set order"}
            longest = f" (the longest {format_length(max(r.length for r in legs), self.units)})" if legs else ""
            minutes = f", {plan.minutes_per_station} minutes at each" if plan.minutes_per_station else ""
            detail = (f"Groups rotate {way[plan.direction]} through {_n(len(rotation), 'station')}{minutes}, on "
                      f"{_n(len(legs), 'open route')}{longest}. {cue}.")
        else:
            longest = f" (the longest {format_length(max(r.length for r in doors), self.units)})" if doors else ""
            detail = (f"Students walk from the door on open routes{longest}; the entrance routine: "
                      f"{quoted(plan.entrance_routine, 120)}. {cue}.")
        return self.item("smooth", requirement, TRANSITIONS, True, detail, "transitions")

    # --- what the plan contradicts -----------------------------------------------------------

    def contradictions(self) -> list[Item]:
        out = []
        layout, plan = self.layout, self.layout.transitions
        runs = rotation_sense(layout)
        if runs and plan.direction in ("clockwise", "counterclockwise"):
            order = " → ".join(str(z.station if z.station is not None else z.display_name)
                               for z in layout.rotation_zones())
            requirement = "The rotation's direction matches the map"
            if runs == plan.direction:
                out.append(self.item("direction", requirement, TRANSITIONS, True,
                                     f"Stations {order} run {runs} on the map, as the plan says.", "direction"))
            else:
                out.append(self.item("direction", requirement, TRANSITIONS, Status.CONTRADICTED,
                                     f"The rotation is set to go {plan.direction}, but stations {order} run {runs} "
                                     f"on the map: set the direction to {runs}, or change the order "
                                     "(Transitions tab).", "direction"))
        size = self.project.class_size
        if not size:
            return out
        rotation = layout.rotation_zones()
        if len(rotation) >= 2:
            group = math.ceil(size / len(rotation))
            short = [(z, seats(self.held[z.id])) for z in rotation if seats(self.held[z.id]) < group]
            requirement = "Each station seats its rotation group"
            groups = f"{size} students in {len(rotation)} groups"
            for zone, n in short:
                out.append(self.item(f"group-seats/{zone.id}", requirement, TRANSITIONS, Status.CONTRADICTED,
                                     f"{_capital(zone_title(zone))} seats {n}, but each "
                                     f"group has {group} students ({groups}): add {group - n} "
                                     f"seat{'s' if group - n != 1 else ''} there, or plan more stations.",
                                     "furniture", zone))
            if not short:
                out.append(self.item("group-seats", requirement, TRANSITIONS, True,
                                     f"Every station seats a group of {group} ({groups}).", "furniture"))
        for zone in (z for z in layout.zones if z.kind == ZoneKind.WHOLE_CLASS):
            n = seats(self.held[zone.id])
            requirement = f"{_capital(zone_title(zone))} seats the whole class"
            if n >= size:
                out.append(self.item(f"class-seats/{zone.id}", requirement, COLLABORATION, True,
                                     f"{_capital(zone_title(zone))} seats {n}, for a class of {size}.", "furniture",
                                     zone))
            else:
                out.append(self.item(f"class-seats/{zone.id}", requirement, COLLABORATION, Status.CONTRADICTED,
                                     f"{_capital(zone_title(zone))} seats {n}, but the class has {size}: add "
                                     f"{size - n} seats or a larger rug there.", "furniture", zone))
        return out

    def _plan(self) -> Item:
        errors = [f for f in self.analysis.findings if f.severity is Severity.ERROR]
        requirement = "The plan has no problems left (overlaps, blocked ways)"
        if not errors:
            return self.item("plan", requirement, None, True, "The checks find no problem in the plan.", "plan")
        return self.item("plan", requirement, None, False,
                         f"Fix {_n(len(errors), 'problem')} in the Checks list, first: {errors[0].message}", "plan",
                         ids=tuple(errors[0].ids))


def _todo(wrong: Problem | None, what: str, text: str, other: Zone | None) -> str:
    if wrong is None:
        return ""
    if wrong is Problem.EMPTY:
        return f"Describe in your own words {what}."
    if wrong is Problem.PLACEHOLDER:
        return f"Replace {quoted(text, 40)} with your own words on {what}."
    if wrong is Problem.EXAMPLE:
        return f"Rewrite the example text in your own words: {what}, with your students."
    if wrong is Problem.FEW:
        return f"Say more about {what}: {quoted(text, 60)} is only a few words."
    return f"Write this one in its own words: it is the same as {zone_title(other) if other else 'another station'}'s."


def _signals(signals) -> str:
    listed = "; ".join(f"{s.cue} means {s.meaning}" for s in signals[:3])
    return f"Signals: {listed}" if len(signals) > 1 else f"Signal: {listed}"


def _n(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
