"""The cases of "Ready means ready" (issue 9), each a project: the complete one, and each way
the evidence is not met yet or is contradicted by the plan."""

from __future__ import annotations

from app.model import ZONE_KINDS, Project, ZoneKind
from app.words import with_kind

from .export.conftest import station_layout  # noqa: TID252


def project_of(layout=None, **changes) -> Project:
    data = dict(title="Room 12", teacher="Nguyễn Thị Ánh", school="José Peña Elementary", course="Grade 5",
                class_size=24, layouts=[layout or station_layout()])
    data.update(changes)
    return Project(**data)


def zone_changed(layout, zone_id: str, **changes):
    return layout.model_copy(update={"zones": [z.model_copy(update=changes) if z.id == zone_id else z
                                               for z in layout.zones]})


def _kind_changed():
    layout = zone_changed(station_layout(), "groups", **{"how_used": ZONE_KINDS[ZoneKind.COLLABORATION].default_use})
    zone = layout.zone("groups")
    return zone_changed(layout, "groups", **with_kind(zone, ZoneKind.MINI_LESSON))


def _backwards():
    layout = station_layout()
    return layout.model_copy(update={"transitions": layout.transitions.model_copy(update={"direction": "counterclockwise"})})


SAME = "Students work in pairs on the task card of the day and check each other's answers."
#: name -> (project, the item keys not met, without the layout)
CASES = {
    "complete": (lambda: project_of(), set()),
    "tbd": (lambda: project_of(zone_changed(station_layout(), "guided", how_used="TBD")), {"use/guided"}),
    "x": (lambda: project_of(zone_changed(station_layout(), "online", positive_environment="x")), {"environment/online"}),
    "default": (lambda: project_of(zone_changed(station_layout(), "groups",
                                         how_used=ZONE_KINDS[ZoneKind.COLLABORATION].default_use)),
                {"use/groups", "collaboration"}),  # the only collaborative station, so criterion 2 too
    "duplicate": (lambda: project_of(zone_changed(zone_changed(station_layout(), "groups", how_used=SAME), "online", how_used=SAME)),
                  {"use/online"}),
    "kind changed": (lambda: project_of(_kind_changed()), {"use/groups", "collaboration"}),
    "reversed rotation": (lambda: project_of(_backwards()), {"direction"}),
    "too few seats": (lambda: project_of(class_size=28),  # groups of 7
                      {"group-seats/online", "group-seats/guided", "group-seats/groups"}),
    "no teacher": (lambda: project_of(teacher=""), {"teacher"}),
    "no school": (lambda: project_of(school=""), {"school"}),
}
