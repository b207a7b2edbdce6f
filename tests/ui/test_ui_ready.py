"""The Ready to submit? panel: the core's verdict, live, item for item; a click goes to the
station; a kind's example is a prompt, and changing the kind empties text still an example."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model import ZONE_KINDS, ZoneKind
from app.readiness import readiness
from app.storage import save_project

from ..readiness_cases import CASES  # noqa: TID252


def open_case(gui, tmp_path: Path, project) -> None:
    path = tmp_path / "case.classroom.json"
    save_project(project, path)
    assert gui.w.files.open_path(str(path))
    gui.checked()
    gui.wait_for(lambda: gui.w.ready.readiness is not None
                 and gui.w.ready.readiness.verdict() == readiness(gui.w.doc.project).verdict())


@pytest.mark.parametrize("case", list(CASES))
def test_the_panel_says_what_the_core_says(gui, tmp_path, case):
    make, expected = CASES[case]
    open_case(gui, tmp_path, make())
    verdict = readiness(gui.w.doc.project)
    assert gui.todo() == expected
    assert gui.w.ready.verdict.text() == verdict.verdict()
    assert [(i.key, i.detail) for i in gui.w.ready.open_items()] == [(i.key, i.detail) for i in verdict.open_items]


def test_clicking_an_item_selects_its_station(gui, tmp_path):
    open_case(gui, tmp_path, CASES["tbd"][0]())
    item = gui.w.ready.open_items()[0]
    assert item.target.zone_id == "guided"
    gui.w.show_ready_item(item)
    assert gui.w.scene.selected_zone_ids() == ["guided"]
    assert gui.w.inspector.zone_id == "guided"


def test_changing_the_kind_empties_an_example_and_keeps_the_teachers_words(gui, tmp_path):
    example = ZONE_KINDS[ZoneKind.COLLABORATION]
    project = CASES["complete"][0]()
    layout = project.layouts[0]
    zones = [z.model_copy(update={"how_used": example.default_use}) if z.id == "groups" else z for z in layout.zones]
    project = project.model_copy(update={"layouts": [layout.model_copy(update={"zones": zones})]})
    open_case(gui, tmp_path, project)
    gui.w.scene.select_ids(["groups"])
    inspector = gui.w.inspector
    assert inspector.zone_id == "groups"
    mine = gui.w.doc.zone("groups").positive_environment
    inspector.z_kind.setCurrentIndex(inspector.z_kind.findData("mini-lesson"))
    inspector.z_kind.activated.emit(inspector.z_kind.currentIndex())
    zone = gui.w.doc.zone("groups")
    assert zone.kind == ZoneKind.MINI_LESSON and zone.how_used == "" and zone.positive_environment == mine
    assert ZONE_KINDS[ZoneKind.MINI_LESSON].default_use in inspector.z_used.placeholderText()
    gui.w.doc.undo_stack.undo()  # one step brings both back
    zone = gui.w.doc.zone("groups")
    assert zone.kind == ZoneKind.COLLABORATION and zone.how_used == example.default_use


def test_a_new_zone_starts_with_no_text_and_the_example_as_a_prompt(gui):
    w = gui.w
    w.editing.arm_tool("rect:hands-on")
    gui.drag((40, 40), (120, 100))
    zone = w.doc.layout.zones[-1]
    assert zone.how_used == "" and zone.positive_environment == ""
    assert ZONE_KINDS[ZoneKind.HANDS_ON].default_use in w.inspector.z_used.placeholderText()
    gui.checked()
    gui.wait_for(lambda: f"use/{zone.id}" in gui.todo())
