"""Older file versions, brought up to date one step at a time (docs/file-format.md).

Each step is a pure function dict -> dict that never changes its input, so a newer program
reads every older file: v1 -> v2 -> v3, and so on.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from app.model.errors import json_value
from app.storage.errors import FileProblem

Data = dict[str, Any]


def _expect_list(value: object, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise FileProblem(f"{where}: expected a list [...], got {json_value(value)}")
    return value


def _expect_object(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise FileProblem(f"{where}: expected an object {{...}}, got {json_value(value)}")
    return value


def _pair(value: object, where: str, what: str) -> tuple[object, object]:
    if not isinstance(value, list) or len(value) != 2:
        raise FileProblem(f"{where}: expected {what}, got {json_value(value)}")
    return value[0], value[1]


def _rename(item: dict, old: str, new: str) -> None:
    if old in item:
        item[new] = item.pop(old)


def _v1_piece(piece: object, where: str) -> dict:
    piece = dict(_expect_object(piece, where))
    if "pos" in piece:
        piece["x"], piece["y"] = _pair(piece.pop("pos"), f"{where}.pos", "[x, y]")
    if "size" in piece:
        piece["width"], piece["depth"] = _pair(piece.pop("size"), f"{where}.size", "[width, depth]")
    _rename(piece, "angle", "rotation")
    return piece


def _v1_zone(zone: object, where: str) -> dict:
    zone = dict(_expect_object(zone, where))
    _rename(zone, "number", "station")
    _rename(zone, "description", "how_used")
    _rename(zone, "why", "positive_environment")
    return zone


def v1_to_v2(data: Data) -> Data:
    """The pre-release draft: "version": 1, "units", layouts without ids, "furniture" with pos/size/angle."""
    out = copy.deepcopy(data)
    out.pop("version", None)
    out["format"] = "classroom-layout"
    out["schema_version"] = 2
    out["length_unit"] = out.pop("units", "in")
    layouts = _expect_list(out.get("layouts"), "layouts")
    # only string ids can collide; a wrong-typed one is refused when the model reads it
    taken = {lay.get("id") for lay in layouts if isinstance(lay, dict) and isinstance(lay.get("id"), str)}
    new_layouts = []
    for i, layout in enumerate(layouts):
        where = f"layouts[{i}]"
        layout = dict(_expect_object(layout, where))
        if "id" not in layout:
            n = i + 1
            while f"layout-{n}" in taken:  # never collide with an id the draft did give
                n += 1
            layout["id"] = f"layout-{n}"
            taken.add(layout["id"])
        if "furniture" in layout:
            furniture = _expect_list(layout.pop("furniture"), f"{where}.furniture")
            layout["pieces"] = [_v1_piece(p, f"{where}.furniture[{j}]") for j, p in enumerate(furniture)]
        if "zones" in layout:
            zones = _expect_list(layout["zones"], f"{where}.zones")
            layout["zones"] = [_v1_zone(z, f"{where}.zones[{j}]") for j, z in enumerate(zones)]
        if "transitions" in layout:
            transitions = dict(_expect_object(layout["transitions"], f"{where}.transitions"))
            _rename(transitions, "order", "rotation")
            layout["transitions"] = transitions
        new_layouts.append(layout)
    out["layouts"] = new_layouts
    return out


def v2_to_v3(data: Data) -> Data:
    """Version 3 added the optional traced floor plan (`tracing`); a v2 file has none."""
    out = copy.deepcopy(data)
    out["schema_version"] = 3
    return out


#: MIGRATIONS[n] turns a version-n file into a version n+1 file
MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: v1_to_v2, 2: v2_to_v3}


def file_version(data: Data) -> int:
    """The file's version: "schema_version" from v2 on, "version" in the v1 draft."""
    key = "schema_version" if "schema_version" in data else "version"
    if key not in data:
        raise FileProblem('has no "schema_version": it is not a classroom layout file')
    value = data[key]
    # bool is an int in Python; true/false is not a version
    if not isinstance(value, int) or isinstance(value, bool):
        raise FileProblem(f"{key}: expected a whole number, got {json_value(value)}")
    return value


def migrate(data: Data, current: int) -> Data:
    """Bring a file of any older version up to `current`, one step at a time."""
    version = file_version(data)
    if version > current:
        raise FileProblem(
            f"was made by a newer version of Classroom Layout Designer (file format {version}; "
            f"this program reads formats 1 to {current}): update the program to open it"
        )
    if version < 1:
        raise FileProblem(f"schema_version {version} is not a version this program knows (1 to {current})")
    while version < current:
        data = MIGRATIONS[version](data)
        version += 1
    return data


# v2 field -> the v1 draft's name for it, so an error in an old file names what is really in it
_V1_NAMES = [
    (re.compile(r"\.pieces\[(\d+)\]\.(x|y)\b"), r".furniture[\1].pos"),
    (re.compile(r"\.pieces\[(\d+)\]\.(width|depth)\b"), r".furniture[\1].size"),
    (re.compile(r"\.pieces\[(\d+)\]\.rotation\b"), r".furniture[\1].angle"),
    (re.compile(r"\.pieces\b"), ".furniture"),
    (re.compile(r"(\.zones\[\d+\])\.station\b"), r"\1.number"),
    (re.compile(r"(\.zones\[\d+\])\.how_used\b"), r"\1.description"),
    (re.compile(r"(\.zones\[\d+\])\.positive_environment\b"), r"\1.why"),
    (re.compile(r"\.transitions\.rotation\b"), ".transitions.order"),
]


def v1_names(line: str) -> str:
    """'layouts[0].pieces[2].width: ...' -> 'layouts[0].furniture[2].size: ...' (the path part only)."""
    path, sep, rest = line.partition(": ")
    for pattern, replacement in _V1_NAMES:
        path = pattern.sub(replacement, path)
    return path + sep + rest
