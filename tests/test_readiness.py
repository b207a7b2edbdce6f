"""Ready to submit? Each line of the reviewer's checklist and each criterion: met, not yet or
contradicted, for the right reason, with the one thing to do; only the teacher's own words count."""

from __future__ import annotations

import pytest

from app.model import ZONE_KINDS, Piece, Project, Signal, TransitionPlan
from app.readiness import CHOICE, COLLABORATION, TRANSITIONS, Status, readiness
from app.words import word_count

from .export.conftest import station_layout  # noqa: TID252
from .readiness_cases import project_of, zone_changed  # noqa: TID252


def with_zone(layout, zone_id: str, **changes):
    return zone_changed(layout, zone_id, **changes)


def items(project: Project) -> dict[str, object]:
    return {i.key: i for i in readiness(project).items}


def test_a_complete_station_rotation_is_ready() -> None:
    verdict = readiness(project_of())
    assert verdict.ready, [(i.key, i.detail) for i in verdict.open_items]
    assert verdict.verdict() == f"Ready to submit: all {len(verdict.items)} items are met."
    by = items(project_of())
    assert "Team tables' seats" in by["rotation/collaboration"].detail
    assert "“Teams solve one shared problem with role cards.”" in by["rotation/collaboration"].detail
    assert "4 stations" in by["rotation/smooth"].detail and "Chime means 5 minutes left" in by["rotation/smooth"].detail


@pytest.mark.parametrize("text, says", [
    ("", "Describe in your own words how students use Station 1 'Teacher table'."),
    ("TBD", "Replace “TBD” with your own words on how students use Station 1 'Teacher table'."),
    ("x", "Replace “x” with your own words"),
    ("…", "Replace “…” with your own words"),
    ("Lorem ipsum dolor sit amet, consectetur", "Replace “Lorem ipsum"),
    ("n/a", "Replace “n/a”"),
    ("Small group work.", "Say more about how students use Station 1 'Teacher table'"),
])
def test_a_placeholder_or_a_handful_of_words_is_not_a_description(text: str, says: str) -> None:
    item = items(project_of(with_zone(station_layout(), "guided", how_used=text)))["rotation/use/guided"]
    assert item.status is Status.NOT_YET
    assert says in item.detail
    assert not readiness(project_of(with_zone(station_layout(), "guided", how_used=text))).ready


@pytest.mark.parametrize("kind", list(ZONE_KINDS))
def test_a_kinds_example_text_left_as_it_was_does_not_count(kind) -> None:
    example = ZONE_KINDS[kind]
    layout = with_zone(station_layout(), "groups", how_used=example.default_use,
                       positive_environment=" " + example.default_environment.upper() + " ")
    by = items(project_of(layout))
    for key in ("rotation/use/groups", "rotation/environment/groups"):
        assert by[key].status is Status.NOT_YET
        assert by[key].detail.startswith("Rewrite the example text in your own words")
        assert "Station 2 'Team tables'" in by[key].detail


def test_the_same_text_at_two_stations_counts_once() -> None:
    same = "Students work in pairs on the task card of the day and check each other's answers."
    layout = with_zone(with_zone(station_layout(), "groups", how_used=same), "online", how_used=same)
    by = items(project_of(layout))
    assert by["rotation/use/groups"].met
    assert by["rotation/use/online"].status is Status.NOT_YET
    assert "same as Station 2 'Team tables'" in by["rotation/use/online"].detail


def test_a_reversed_rotation_is_contradicted_by_the_map() -> None:
    layout = station_layout()
    backwards = layout.transitions.model_copy(update={"direction": "counterclockwise"})
    item = items(project_of(layout.model_copy(update={"transitions": backwards})))["rotation/direction"]
    assert item.status is Status.CONTRADICTED
    assert item.detail.startswith("The rotation is set to go counterclockwise, but stations 1 → 2 → 3 → 4 run "
                                  "clockwise on the map")
    assert items(project_of())["rotation/direction"].met


def test_a_station_seating_fewer_than_its_group_is_contradicted() -> None:
    by = items(project_of(class_size=28))  # 7 per group at 4 stations; the laptop bar seats 6
    item = by["rotation/group-seats/online"]
    assert item.status is Status.CONTRADICTED and item.criterion == TRANSITIONS
    assert item.detail.startswith("Station 3 'Laptop bar' seats 6, but each group has 7 students (28 students in "
                                  "4 groups): add 1 seat there")
    assert item.target.zone_id == "online"


def test_a_whole_class_circle_for_fewer_than_the_class_is_contradicted() -> None:
    layout = with_zone(station_layout(), "reading", kind="whole-class")
    item = items(project_of(layout))["rotation/class-seats/reading"]
    assert item.status is Status.CONTRADICTED and "but the class has 24" in item.detail


def test_without_a_class_size_the_seats_cannot_be_checked() -> None:
    item = items(project_of(class_size=None))["class_size"]
    assert item.status is Status.NOT_YET and "File > Project details" in item.detail


@pytest.mark.parametrize("field", ["teacher", "school"])
def test_a_missing_teacher_or_school_name_is_not_met(field: str) -> None:
    item = items(project_of(**{field: "  "}))[field]
    assert item.status is Status.NOT_YET and "File > Project details" in item.detail


def test_choice_is_met_only_in_the_teachers_words() -> None:
    layout = station_layout(notes="Four stations around an open centre.")
    layout = with_zone(layout, "reading", how_used="A quiet place to read a book or reset after a hard moment.")
    layout = with_zone(layout, "online", how_used="Students watch the lesson video and practise the steps on laptops.")
    layout = with_zone(layout, "solo", how_used="Two students who finish early do their extension task here.")
    item = items(project_of(layout))["rotation/choice"]
    assert item.status is Status.NOT_YET and item.criterion == CHOICE
    assert "Say in your own words how students choose" in item.detail
    chosen = layout.model_copy(update={"notes": "Students choose where they start: a desk, the rug or a stool."})
    item = items(project_of(chosen))["rotation/choice"]
    assert item.met and "“Students choose where they start: a desk, the rug or a stool.”" in item.detail


def test_choice_needs_three_kinds_and_places_alone_and_together() -> None:
    layout = station_layout()
    two_kinds = [z.model_copy(update={"kind": "collaboration" if i % 2 else "mini-lesson"})
                 for i, z in enumerate(layout.zones)]
    item = items(project_of(layout.model_copy(update={"zones": two_kinds})))["rotation/choice"]
    assert not item.met and "Add 1 more kind of space" in item.detail


def test_collaboration_needs_seats_inside_a_collaborative_zone() -> None:
    layout = station_layout()
    bare = layout.model_copy(update={"pieces": [p for p in layout.pieces if p.id not in ("t1", "c1", "c2")]})
    item = items(project_of(bare))["rotation/collaboration"]
    assert not item.met and item.criterion == COLLABORATION
    assert "Put tables with chairs, or a rug, in Station 2 'Team tables'" in item.detail


def test_a_wall_of_shelves_blocks_the_transitions() -> None:
    layout = station_layout()
    shelves = [Piece(id=f"wall{i}", kind="bookshelf-tall", x=18 + 36 * i, y=150) for i in range(10)]
    by = items(project_of(layout.model_copy(update={"pieces": layout.pieces + shelves})))
    assert not by["rotation/smooth"].met and by["rotation/smooth"].detail.startswith("Open the way:")
    assert not by["rotation/plan"].met


def test_smooth_transitions_need_a_signal_and_a_way_in() -> None:
    layout = station_layout()
    quiet = layout.transitions.model_copy(update={"signals": []})
    item = items(project_of(layout.model_copy(update={"transitions": quiet})))["rotation/smooth"]
    assert not item.met and "Add a signal" in item.detail
    free = layout.transitions.model_copy(update={"rotation": [], "entrance_routine": "TBD"})
    item = items(project_of(layout.model_copy(update={"transitions": free})))["rotation/smooth"]
    assert not item.met and "Set the rotation order, or write how students get to the space" in item.detail


def test_no_words_about_transitions_at_all() -> None:
    item = items(project_of(station_layout(transitions=TransitionPlan())))["rotation/transitions"]
    assert not item.met and "Transitions tab" in item.detail
    signalled = TransitionPlan(signals=[Signal(cue="Chime", meaning="5 minutes left")])
    assert items(project_of(station_layout(transitions=signalled)))["rotation/transitions"].met


def test_unnamed_zones_are_named_in_every_item_the_same_way() -> None:
    layout = station_layout()
    layout = layout.model_copy(update={"zones": [z.model_copy(update={"name": ""}) for z in layout.zones]})
    by = items(project_of(layout))
    assert not by["rotation/stations"].met and not by["rotation/labels"].met
    assert "Name Station 1 (unnamed Mini-lesson / teacher-led)" in by["rotation/stations"].detail
    assert by["rotation/labels"].detail.startswith("Name Station 1 (unnamed Mini-lesson / teacher-led) (and 4 more zones)")


def test_words_in_scripts_without_spaces_count_as_words() -> None:
    assert word_count("学生在这里安静地阅读自己选择的书") >= 5
    assert word_count("Students work alone.") == 3
