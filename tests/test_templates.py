"""Templates (File > New from template…): each laid out to fit a room passes the checks, puts its
pieces where its pattern says, and names the size it needs when the room is too small."""

from __future__ import annotations

import importlib.util
import math
import random
from pathlib import Path

import pytest
import shapely

from app.geometry import check_layout
from app.geometry.shapes import door_clear_area, piece_outlines
from app.model import Severity
from app.storage import load_project, project_to_json
from app.templates import (AISLE, DESK_GAP, PERIMETER, TEMPLATES, TemplateDoesNotFit, arrange, lay_out,
                           minimum_size, templates)

ROOT = Path(__file__).resolve().parent.parent
IDS = ["rows", "pods-of-four", "horseshoe", "station-rotation", "discussion-circle"]
SIZES = [(30, 32), (24, 28)]


def template(key: str):
    return next(t for t in templates() if t.layouts[0].id == key)


def test_every_template_is_there_in_menu_order():
    assert [t.layouts[0].id for t in templates()] == IDS
    for path in TEMPLATES.glob("*.classroom.json"):
        project = load_project(path)
        assert path.name == f"{project.layouts[0].id}.classroom.json"
        assert project.layouts[0].notes.strip()  # the one-line description


@pytest.mark.parametrize("key", IDS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}ft")
def test_laid_out_it_passes_the_checks(key, size):
    width, depth = size[0] * 12.0, size[1] * 12.0
    layout = lay_out(template(key), width, depth)
    assert layout.room.bounds() == (0, 0, width, depth)
    assert [f.message for f in check_layout(layout) if f.severity == Severity.ERROR] == []
    room = shapely.box(0, 0, width, depth)
    shapes = piece_outlines(layout.pieces)
    assert all(room.buffer(1e-6).covers(s) for s in shapes)
    assert all(room.buffer(1e-6).covers(shapely.Polygon(z.polygon)) for z in layout.zones)
    solid = [s for s, p in zip(shapes, layout.pieces) if p.solid]
    for i, a in enumerate(solid):
        for b in solid[i + 1:]:
            assert a.intersection(b).area <= 1.0
    door = door_clear_area(layout.room, layout.room.doors[0])
    assert all(door.intersection(s).area <= 1.0 for s in solid)
    assert len(layout.pieces) >= 10


def _desks(layout):
    return [p for p in layout.pieces if p.kind == "student-desk"]


def test_rows_are_straight_with_the_aisles():
    layout = lay_out(template("rows"), 360, 384)
    desks = _desks(layout)
    xs = sorted({round(p.x, 3) for p in desks})
    ys = sorted({round(p.y, 3) for p in desks})
    assert len(xs) == 6 and len(ys) == 4
    width = desks[0].width
    gaps = [round(b - a - width, 3) for a, b in zip(xs, xs[1:])]
    assert gaps == [DESK_GAP, AISLE, DESK_GAP, AISLE, DESK_GAP]
    assert xs[0] - width / 2 >= PERIMETER and 360 - (xs[-1] + width / 2) >= PERIMETER
    assert all(p.rotation == 0 for p in desks)
    # every desk has its chair right behind it
    chairs = {(round(p.x, 3), round(p.y - p.depth / 2, 3)) for p in layout.pieces if p.kind == "chair"}
    assert all((round(d.x, 3), round(d.y + d.depth / 2, 3)) in chairs for d in desks)
    assert len(desks) == 24


def test_pods_are_four_desks_with_36_in_between():
    layout = lay_out(template("pods-of-four"), 360, 384)
    pods = [z for z in layout.zones if z.kind == "collaboration"]
    assert len(pods) >= 4 and [z.name for z in pods] == [f"Pod {n}" for n in range(1, len(pods) + 1)]
    boxes = [shapely.Polygon(z.polygon) for z in pods]
    for box in boxes:
        assert sum(box.contains(shapely.Point(p.x, p.y)) for p in _desks(layout)) == 4
    furniture = [shapely.box(*shapely.union_all([s for s, p in zip(piece_outlines(layout.pieces), layout.pieces)
                                                 if box.contains(shapely.Point(p.x, p.y))]).bounds) for box in boxes]
    for i, a in enumerate(furniture):
        for b in furniture[i + 1:]:
            assert a.distance(b) >= AISLE - 1e-6


def test_stations_take_the_corners_and_rotate_clockwise():
    layout = lay_out(template("station-rotation"), 360, 384)
    stations = layout.stations()
    assert [z.station for z in stations] == [1, 2, 3, 4]
    corners = [(0, 0), (360, 0), (360, 384), (0, 384)]
    for zone, corner in zip(stations, corners):
        nearest = min(corners, key=lambda c: math.dist(c, zone.centroid()))
        assert nearest == corner
    assert layout.transitions.rotation == [z.id for z in stations]
    assert layout.transitions.direction == "clockwise"


def test_the_circle_is_centred_and_scaled_to_the_room():
    for width, depth in ((360, 384), (288, 336)):
        layout = lay_out(template("discussion-circle"), width, depth)
        chairs = [p for p in layout.pieces if p.kind == "chair"]
        cx = sum(p.x for p in chairs) / len(chairs)
        cy = sum(p.y for p in chairs) / len(chairs)
        assert abs(cx - width / 2) < 3 and abs(cy - depth / 2) < 3
        assert max(p.y for p in chairs) - min(p.y for p in chairs) > depth - 2 * PERIMETER - 40
    assert len([p for p in lay_out(template("discussion-circle"), 360, 384).pieces if p.kind == "chair"]) >= 20


@pytest.mark.parametrize("key", IDS)
def test_a_room_too_small_says_what_it_needs(key):
    need_w, need_d = minimum_size(template(key))
    with pytest.raises(TemplateDoesNotFit) as error:
        lay_out(template(key), need_w - 1, need_d)
    text = str(error.value)
    assert "\n" not in text and "is too small for" in text
    feet = f"{math.ceil(need_w / 12 - 1e-9)} x {math.ceil(need_d / 12 - 1e-9)} ft"
    assert text.endswith(f"it needs at least {feet}")
    # the size it names is enough
    lay_out(template(key), math.ceil(need_w / 12 - 1e-9) * 12, math.ceil(need_d / 12 - 1e-9) * 12)


def test_the_pods_message_reads_as_a_teacher_would():
    with pytest.raises(TemplateDoesNotFit, match=r"^a 16 x 18 ft room is too small for pods of four: "
                                                 r"it needs at least \d+ x \d+ ft$"):
        lay_out(template("pods-of-four"), 16 * 12, 18 * 12)
    with pytest.raises(TemplateDoesNotFit, match=r"^a 4\.9 x 5\.5 m room is too small for pods of four"):
        lay_out(template("pods-of-four"), 16 * 12, 18 * 12, units="metric")


@pytest.mark.parametrize("key", IDS)
def test_any_room_at_least_the_minimum_passes(key):
    rng = random.Random(key)
    need_w, need_d = minimum_size(template(key))
    for _ in range(12):
        width, depth = rng.uniform(need_w, 50 * 12), rng.uniform(need_d, 50 * 12)
        lay_out(template(key), width, depth)  # raises if any error is left


def test_the_files_are_what_the_script_writes():
    spec = importlib.util.spec_from_file_location("make_templates", ROOT / "tools" / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.templates()
    assert sorted(written) == sorted(p.name for p in TEMPLATES.glob("*.classroom.json"))
    for name, project in written.items():
        assert (TEMPLATES / name).read_text(encoding="utf-8") == project_to_json(project), name


def test_a_template_file_laid_out_to_its_own_room_is_itself():
    for project in templates():
        x0, y0, x1, y1 = project.layouts[0].room.bounds()
        assert arrange(project, x1 - x0, y1 - y0) == project.layouts[0]


def test_each_pod_of_four_is_a_group_that_moves_as_one():
    layout = lay_out(load_project(Path(__file__).resolve().parents[1] / "app" / "assets" / "templates"
                                  / "pods-of-four.classroom.json"), 360, 384)
    groups: dict[str, list] = {}
    for piece in layout.pieces:
        if piece.group is not None:
            groups.setdefault(piece.group, []).append(piece.kind)
    assert len(groups) >= 4
    assert all(sorted(kinds) == ["chair"] * 4 + ["student-desk"] * 4 for kinds in groups.values()), groups
