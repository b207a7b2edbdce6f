"""Project files: save/load round trips, units, the v1 migration, newer versions refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from app.model import SCHEMA_VERSION
from app.storage import ProjectFileError, json_schema, load_project, loads_project, project_to_json, save_project
from app.storage.migrations import MIGRATIONS, v1_to_v2

DATA = Path(__file__).resolve().parent / "data"
V1 = DATA / "storage-v1-draft.classroom.json"


def _room_file(unit: str, size: float, desk_x: float, **piece: object) -> str:
    """A square room `size` on a side with one student desk, written in `unit`."""
    desk = {"id": "d1", "kind": "student-desk", "x": desk_x, "y": desk_x, **piece}
    return json.dumps({
        "format": "classroom-layout", "schema_version": 2, "length_unit": unit,
        "layouts": [{"id": "a", "name": "A", "clear_width": size / 10,
                     "room": {"outline": [[0, 0], [size, 0], [size, size], [0, size]],
                              "doors": [{"id": "door", "wall": 0, "position": size / 2, "width": size / 10}]},
                     "pieces": [desk]}],
    })


@pytest.mark.parametrize("sample", ["personalized-learning", "station-rotation", "broken-room"])
def test_save_then_load_gives_an_equal_project(sample, samples_dir, tmp_path):
    project = load_project(samples_dir / f"{sample}.classroom.json")
    path = tmp_path / "copy.classroom.json"
    save_project(project, path)
    assert load_project(path) == project
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.classroom.json"]  # no temp file left


def test_the_file_starts_with_its_envelope_in_inches(samples_dir):
    project = load_project(samples_dir / "station-rotation.classroom.json")
    data = json.loads(project_to_json(project))
    assert list(data)[:3] == ["format", "schema_version", "length_unit"]
    assert (data["format"], data["schema_version"], data["length_unit"]) == ("classroom-layout", SCHEMA_VERSION, "in")
    assert data["layouts"][0]["room"]["outline"][1] == [384.0, 0.0]


def test_points_are_written_one_per_line_without_touching_text():
    text = _room_file("in", 360, 60).replace('"name": "A"', '"name": "A [1,\\n 2]"')
    project = loads_project(text)
    written = project_to_json(project)
    assert "[360.0, 0.0]" in written
    assert loads_project(written) == project
    assert loads_project(written).layouts[0].name == "A [1,\n 2]"


@pytest.mark.parametrize(("unit", "size", "desk_x"), [
    ("in", 360, 60), ("ft", 30, 5), ("mm", 9144, 1524), ("cm", 914.4, 152.4), ("m", 9.144, 1.524),
])
def test_every_length_unit_loads_scaled_to_inches(unit, size, desk_x):
    project = loads_project(_room_file(unit, size, desk_x, width=desk_x / 2.5, depth=desk_x / 2.5))
    layout = project.layouts[0]
    assert layout.room.bounds() == pytest.approx((0, 0, 360, 360))
    assert (layout.pieces[0].x, layout.pieces[0].width) == pytest.approx((60, 24))
    assert layout.room.doors[0].width == pytest.approx(36)
    assert layout.clear_width == pytest.approx(36)


@pytest.mark.parametrize(("unit", "size", "desk_x"), [("ft", 30, 5), ("mm", 9144, 1524)])
def test_a_piece_without_a_size_gets_the_catalog_size_in_any_unit(unit, size, desk_x):
    piece = loads_project(_room_file(unit, size, desk_x)).layouts[0].pieces[0]
    assert (piece.width, piece.depth) == pytest.approx((24, 18))  # the catalog's student desk, in inches


def test_a_metric_file_is_saved_back_in_inches(tmp_path):
    project = loads_project(_room_file("mm", 9144, 1524))
    path = tmp_path / "r.classroom.json"
    save_project(project, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["length_unit"] == "in"
    assert data["layouts"][0]["room"]["outline"][2] == pytest.approx([360, 360])


def test_the_v1_draft_migrates_to_the_current_model():
    project = load_project(V1)
    assert [layout.id for layout in project.layouts] == ["layout-1", "layout-2"]
    rotation = project.layouts[0]
    table = rotation.piece("t2")
    assert (table.x, table.y, table.width, table.depth, table.rotation) == pytest.approx((288, 72, 60, 30, 90))
    assert rotation.piece("rug").width == pytest.approx(108)  # no size in the file: the catalog's
    zone = rotation.zone("z1")
    assert zone.station == 1
    assert zone.how_used == "Groups build models together."
    assert zone.positive_environment == "Students share ideas."
    assert rotation.transitions.rotation == ["z1", "z2", "z3", "z4"]
    assert rotation.room.bounds() == pytest.approx((0, 0, 360, 360))


def test_the_migration_is_a_pure_function():
    data = json.loads(V1.read_text(encoding="utf-8"))
    before = copy.deepcopy(data)
    migrated = v1_to_v2(data)
    assert data == before
    assert migrated["schema_version"] == 2 and "version" not in migrated and "units" not in migrated
    assert "furniture" not in migrated["layouts"][0] and migrated["layouts"][0]["pieces"][0]["x"] == 6
    assert set(MIGRATIONS) == set(range(1, SCHEMA_VERSION))  # every old version has a step to the next


def test_v1_layout_ids_never_collide_with_ids_the_draft_gave():
    data = json.loads(V1.read_text(encoding="utf-8"))
    data["layouts"][1]["id"] = "layout-1"
    project = loads_project(json.dumps(data))
    assert [layout.id for layout in project.layouts] == ["layout-2", "layout-1"]


def test_an_error_in_a_v1_file_names_the_v1_field():
    data = json.loads(V1.read_text(encoding="utf-8"))
    data["layouts"][0]["furniture"][1]["size"] = [-5, 2]
    with pytest.raises(ProjectFileError, match=r"^old\.json: layouts\[0\]\.furniture\[1\]\.size: "):
        loads_project(json.dumps(data), "old.json")


def test_a_file_from_a_newer_program_is_refused_in_one_line():
    text = json.dumps({"format": "classroom-layout", "schema_version": SCHEMA_VERSION + 1, "layouts": "?"})
    with pytest.raises(ProjectFileError) as caught:
        loads_project(text, "new.classroom.json")
    message = str(caught.value)
    assert message.startswith("new.classroom.json: ")
    assert "newer version" in message and "\n" not in message


def test_the_schema_describes_the_envelope_and_the_project():
    schema = json_schema()
    assert schema["properties"]["format"] == {"type": "string", "const": "classroom-layout",
                                              "description": schema["properties"]["format"]["description"]}
    assert schema["properties"]["length_unit"]["enum"] == ["in", "ft", "mm", "cm", "m"]
    assert {"format", "schema_version", "layouts"} <= set(schema["required"])
    assert "Piece" in schema["$defs"] and "Zone" in schema["$defs"]
    json.dumps(schema)  # printable as it is

