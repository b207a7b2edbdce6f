"""Route targets and the order of route-length findings, on the shipped sample."""

from __future__ import annotations

from pathlib import Path

from app.geometry import analyze
from app.storage import load_project

SAMPLE = Path(__file__).resolve().parents[2] / "app" / "assets" / "samples" / "personalized-learning.classroom.json"


def test_zone_target_is_in_the_zones_largest_open_piece_not_a_pocket_behind_a_table():
    # the zone's open side faces the main aisle: the walk in is ~19 ft, not 36 ft round the room
    layout = load_project(SAMPLE).layouts[0]
    routes = {r.end_id: r for r in analyze(layout).routes if r.kind == "entrance"}
    left = next(z for z in layout.zones if z.name == "Group tables (left)")
    assert routes[left.id].length is not None
    assert routes[left.id].length < 22 * 12


def test_route_lengths_read_by_station_number_then_rotation_order():
    layout = load_project(SAMPLE).layouts[0]
    infos = [f for f in analyze(layout).findings if f.code == "route-length"]
    stations = {z.id: z.station for z in layout.zones}
    entrance = [stations[f.ids[1]] for f in infos if f.message.startswith("Door")]
    assert entrance == sorted(entrance)
    assert infos[-1].severity == "info"
