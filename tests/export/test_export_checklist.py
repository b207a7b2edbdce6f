"""The reviewer's checklist: each requirement and criterion met or not, for the right reason."""

from __future__ import annotations

from app.export import checklist
from app.export.checklist import CHOICE, COLLABORATION, TRANSITIONS
from app.model import Piece, Project, TransitionPlan

from .conftest import station_layout  # noqa: TID252


def items_of(layout) -> dict[str, object]:
    project = Project(title="t", layouts=[layout])
    return {item.criterion or item.requirement: item for item in checklist(project, layout)}


def test_a_complete_station_rotation_meets_every_criterion() -> None:
    layout = station_layout()
    layout = layout.model_copy(update={"zones": [z for z in layout.zones if z.station is not None]})
    items = items_of(layout)
    assert all(item.met for item in items.values()), [i.why for i in items.values() if not i.met]
    assert "Collaboration" in items[CHOICE].why
    assert "Station 2 'Team tables' seats" in items[COLLABORATION].why
    assert "4 stations on 4 open routes" in items[TRANSITIONS].why


def test_choice_needs_three_kinds_and_places_alone_and_together() -> None:
    layout = station_layout()
    two_kinds = [z.model_copy(update={"kind": "collaboration" if i % 2 else "mini-lesson"})
                 for i, z in enumerate(layout.zones)]
    item = items_of(layout.model_copy(update={"zones": two_kinds}))[CHOICE]
    assert not item.met
    assert "only 2 kinds of space" in item.why
    assert "no place to work alone" in item.why


def test_collaboration_needs_seats_inside_a_collaborative_zone() -> None:
    layout = station_layout()
    no_team_furniture = [p for p in layout.pieces if p.id not in ("t1", "c1", "c2")]
    item = items_of(layout.model_copy(update={"pieces": no_team_furniture}))[COLLABORATION]
    assert not item.met
    assert "'Team tables' has no seats for a group" in item.why


def test_collaboration_needs_a_collaborative_kind() -> None:
    layout = station_layout()
    zones = [z.model_copy(update={"kind": "independent"}) for z in layout.zones]
    item = items_of(layout.model_copy(update={"zones": zones}))[COLLABORATION]
    assert not item.met and "No collaboration" in item.why


def test_a_wall_of_shelves_blocks_the_rotation_and_the_checklist_says_so() -> None:
    layout = station_layout()
    # tall shelves right across the room at y = 150 cut the top stations off from the door
    shelves = [Piece(id=f"wall{i}", kind="bookshelf-tall", x=18 + 36 * i, y=150) for i in range(10)]
    item = items_of(layout.model_copy(update={"pieces": layout.pieces + shelves}))[TRANSITIONS]
    assert not item.met
    assert "blocked" in item.why


def test_smooth_transitions_need_signals() -> None:
    layout = station_layout()
    plan = layout.transitions.model_copy(update={"signals": []})
    item = items_of(layout.model_copy(update={"transitions": plan}))[TRANSITIONS]
    assert not item.met and "no signal is described" in item.why.lower()


def test_a_free_choice_room_needs_an_entrance_routine_instead_of_a_rotation() -> None:
    layout = station_layout()
    free = layout.transitions.model_copy(update={"rotation": []})
    assert items_of(layout.model_copy(update={"transitions": free}))[TRANSITIONS].met
    bare = free.model_copy(update={"entrance_routine": ""})
    item = items_of(layout.model_copy(update={"transitions": bare}))[TRANSITIONS]
    assert not item.met and "no rotation order is set" in item.why.lower()


def test_missing_station_texts_name_the_station() -> None:
    layout = station_layout()
    zones = [z.model_copy(update={"positive_environment": ""}) if z.id == "online" else z for z in layout.zones]
    items = items_of(layout.model_copy(update={"zones": zones}))
    env = items["Each station says how it supports a positive classroom environment"]
    assert not env.met and "Station 3 'Laptop bar'" in env.why
    assert items["Each station says how students use it"].met is False  # the unnamed-text section


def test_no_transition_description_at_all() -> None:
    layout = station_layout(transitions=TransitionPlan())
    item = items_of(layout)["A description of how transitions are facilitated"]
    assert not item.met


def test_checklist_accepts_an_analysis_computed_once() -> None:
    from app.geometry import analyze

    layout = station_layout()
    project = Project(title="t", layouts=[layout])
    assert [i.met for i in checklist(project, layout, analyze(layout))] == [i.met for i in checklist(project, layout)]
