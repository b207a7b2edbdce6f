"""The bundled samples a teacher starts from are complete evidence: they pass every check and
every readiness rule, their texts are a teacher's own words, each station seats its group and
holds its own furniture. broken-room stays broken on purpose."""

from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path

import pytest
from shapely.geometry import Polygon

from app.checks import check_project
from app.cli import main
from app.model import ZONE_KINDS, Layout, Project, Severity, ZoneKind
from app.readiness import readiness
from app.stations import pieces_by_zone, rotation_sense, seats
from app.storage import load_project
from app.words import normalized, problem

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "app" / "assets" / "samples"
COMPLETE = ["personalized-learning", "station-rotation", "fourth-grade-rotation"]
BROKEN = "broken-room"
MIN_WORDS = 8
#: the words of a teacher saying that students choose where or how they work
CHOOSING = ("choose", "choice", "chose", "pick")
#: half an inch: a piece drawn flush with its zone's edge still lies in it
EDGE = 0.5


def sample(name: str) -> Project:
    return load_project(SAMPLES / f"{name}.classroom.json")


def layouts() -> list[tuple[str, Layout]]:
    return [(name, layout) for name in COMPLETE for layout in sample(name).layouts]


LAYOUTS = layouts()
IDS = [f"{name}/{layout.id}" for name, layout in LAYOUTS]
KIND_TEXTS = {normalized(t) for style in ZONE_KINDS.values() for t in (style.default_use, style.default_environment)}


def test_every_bundled_sample_is_tested_here():
    on_disk = sorted(p.name.removesuffix(".classroom.json") for p in SAMPLES.glob("*.classroom.json"))
    assert on_disk == sorted([*COMPLETE, BROKEN])


def test_the_files_are_what_the_generator_writes():
    spec = importlib.util.spec_from_file_location("make_samples", REPO / "tools" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = {"personalized-learning": module.sample_a(), "station-rotation": module.sample_b(),
            "fourth-grade-rotation": module.sample_d(), BROKEN: module.sample_c()}
    for name, project in made.items():
        assert sample(name).model_dump() == project.model_dump(), name


@pytest.mark.parametrize("name", COMPLETE)
def test_check_passes_with_nothing_to_fix(name, capsys):
    assert main(["check", str(SAMPLES / f"{name}.classroom.json")]) == 0
    assert not re.search(r"^\s+(error|warning)\s", capsys.readouterr().out, re.MULTILINE)
    project = sample(name)
    report = check_project(project, project.layouts)
    assert [(lay.id, f.code) for lay, found in report.findings for f in found if f.severity != Severity.INFO] == []
    assert report.readiness.ready, [i.detail for i in report.readiness.open_items]


def test_the_broken_room_stays_broken():
    project = sample(BROKEN)
    assert check_project(project, project.layouts).exit_code == 1
    assert not readiness(project).ready


@pytest.mark.parametrize("name", COMPLETE)
def test_the_title_block_is_filled_in(name):
    project = sample(name)
    assert all(value.strip() for value in (project.title, project.teacher, project.school, project.course))
    assert project.class_size and project.class_size >= 10


@pytest.mark.parametrize(("name", "layout"), LAYOUTS, ids=IDS)
def test_at_least_four_named_zones_and_the_stations_are_the_rotation_in_order(name, layout):
    names = [z.name.strip() for z in layout.zones]
    assert len(names) >= 4 and all(names) and len(set(names)) == len(names)
    numbered = layout.stations()
    assert [z.station for z in numbered] == list(range(1, len(numbered) + 1))
    if layout.transitions.rotation:
        assert [z.id for z in numbered] == layout.transitions.rotation  # every station rotates, by its number
    else:
        # a free-choice period: the numbers only name the spaces on the map (nobody rotates)
        assert layout.transitions.direction == "custom" and not layout.transitions.minutes_per_station


@pytest.mark.parametrize(("name", "layout"), LAYOUTS, ids=IDS)
def test_zone_texts_are_the_teachers_own_words(name, layout):
    texts = [text for zone in layout.zones for text in (zone.how_used, zone.positive_environment)]
    for zone in layout.zones:
        for text in (zone.how_used, zone.positive_environment):
            assert problem(text) is None, (zone.id, text)
            assert len(text.split()) >= MIN_WORDS, (zone.id, text)
            assert normalized(text) not in KIND_TEXTS, (zone.id, text)  # no kind's example, of any kind
    assert len({normalized(t) for t in texts}) == len(texts), "two zones share a text"


@pytest.mark.parametrize(("name", "layout"), LAYOUTS, ids=IDS)
def test_transitions_are_described_and_the_direction_is_the_maps(name, layout):
    plan = layout.transitions
    assert plan.signals
    for text in (plan.entrance_routine, plan.materials_routine):
        assert problem(text) is None and len(text.split()) >= MIN_WORDS, text
    if plan.rotation:
        assert len(plan.rotation) >= 3 and plan.minutes_per_station
        assert plan.direction in ("clockwise", "counterclockwise")
        assert rotation_sense(layout) == plan.direction


@pytest.mark.parametrize(("name", "layout"), LAYOUTS, ids=IDS)
def test_the_teacher_says_how_students_choose(name, layout):
    said = f"{layout.notes} {layout.transitions.entrance_routine}".casefold()
    assert any(word in said for word in CHOOSING)


@pytest.mark.parametrize(("name", "layout"), LAYOUTS, ids=IDS)
def test_every_station_seats_its_group_and_the_whole_class_fits(name, layout):
    size = sample(name).class_size
    held = pieces_by_zone(layout)
    rotation = layout.rotation_zones()
    if rotation:
        group = math.ceil(size / len(rotation))
        assert {z.id: seats(held[z.id]) for z in rotation if seats(held[z.id]) < group} == {}
    for zone in layout.zones:
        if zone.kind == ZoneKind.WHOLE_CLASS:
            assert seats(held[zone.id]) >= size, zone.id
        if zone.capacity is not None:
            assert zone.capacity <= seats(held[zone.id]), (zone.id, "capacity more than its seats")
    together = [z for z in layout.zones if ZONE_KINDS[z.kind].collaborative and seats(held[z.id]) >= 2]
    assert together


@pytest.mark.parametrize(("name", "layout"), LAYOUTS, ids=IDS)
def test_each_zones_furniture_lies_inside_it(name, layout):
    for zone_id, pieces in pieces_by_zone(layout).items():
        area = Polygon(layout.zone(zone_id).polygon).buffer(EDGE)
        outside = [p.id for p in pieces if p.item.category != "floor" and not area.contains(Polygon(p.outline()))]
        assert outside == [], zone_id


@pytest.mark.parametrize(("name", "layout"), LAYOUTS, ids=IDS)
def test_every_seat_a_student_uses_belongs_to_a_zone(name, layout):
    held = {p.id for pieces in pieces_by_zone(layout).values() for p in pieces}
    loose = [p.id for p in layout.pieces if p.item.seats and p.item.category != "teacher" and p.id not in held]
    assert loose == []


def test_the_discussion_periods_tables_and_desks_at_the_walls_are_in_their_sections():
    # the group tables and desks pushed to the walls used to sit outside every zone
    layout = sample("personalized-learning").layouts[1]
    held = pieces_by_zone(layout)
    where = {p.id: zone_id for zone_id, pieces in held.items() for p in pieces}
    tables = [p.id for p in layout.pieces if p.kind in ("activity-table", "round-table-large")]
    desks = [p.id for p in layout.pieces if p.kind == "student-desk"]
    assert len(tables) == 4 and len(desks) == 10
    assert {where.get(t) for t in tables} == {"zone-collab-walls-left", "zone-collab-walls-right"}
    assert {where.get(d) for d in desks} == {"zone-independent-walls"}
    assert where.get("kidney-table-1") == "zone-conference"


def test_the_fourth_grade_room_is_the_room_its_teacher_describes():
    project = sample("fourth-grade-rotation")
    layout = project.layouts[0]
    x0, y0, x1, y1 = layout.room.bounds()
    assert (x1 - x0, y1 - y0) == (28 * 12, 34 * 12)
    kinds = [p.kind for p in layout.pieces]
    assert kinds.count("student-desk") == 26 == project.class_size
    for kind in ("kidney-table", "rug-small", "bookshelf", "teacher-desk"):
        assert kind in kinds
    assert len(layout.stations()) == 6 and layout.transitions.direction == "clockwise"
