"""Hostile files through the reader (issue #10): strict JSON types, errors that name where.

Every case is a file on disk read by `load_project` and by `classroom-layout check`: one line
`FILE: where: what`, exit 2, and the file byte for byte as it was. The last test walks the
printed JSON schema and puts a wrong-typed value in every field it describes.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app.cli import main
from app.storage import MAX_FILE_BYTES, ProjectFileError, load_project, loads_project

V1 = Path(__file__).resolve().parent / "data" / "storage-v1-draft.classroom.json"
#: a 2 x 2 grey PNG
TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGM8wcDEwAAAA/oAzIAKlEUAAAAASUVORK5CYII="


def full_project() -> dict[str, Any]:
    """A valid project that gives every field the schema knows at least once."""
    return {
        "format": "classroom-layout", "schema_version": 3, "length_unit": "in",
        "title": "Room 12", "teacher": "Ms. Ortega", "school": "Lakeview Elementary", "course": "Grade 5",
        "class_size": 24, "display_units": "ft-in",
        "layouts": [{
            "id": "rotation", "name": "Station rotation", "notes": "Period 2", "clear_width": 36,
            "room": {
                "outline": [[0, 0], [360, 0], [360, 336], [0, 336]],
                "doors": [{"id": "door", "wall": 2, "position": 60, "width": 36, "label": "Hall",
                           "hinge": "end", "swing": "out"}],
                "windows": [{"id": "win", "wall": 1, "position": 100, "width": 48, "label": "East"}],
                "features": [{"id": "board", "wall": 0, "position": 180, "width": 96, "label": "Front",
                              "kind": "screen"}],
            },
            "pieces": [
                {"id": "t1", "kind": "activity-table", "label": "Build", "group": "pod-1", "x": 72, "y": 72,
                 "rotation": 90, "width": 60, "depth": 30, "fixed": False},
                {"id": "sink", "kind": "sink-counter", "x": 300.5, "y": 300, "fixed": True},
            ],
            "zones": [
                {"id": "build", "kind": "collaboration", "name": "Build it",
                 "polygon": [[12, 12], [132, 12], [132, 132], [12, 132]], "station": 1,
                 "how_used": "Groups build models together.", "positive_environment": "Ideas are shared.",
                 "capacity": 6},
                {"id": "calm", "kind": "quiet", "polygon": [[228, 12], [348, 12], [348, 132]], "station": 2},
            ],
            "transitions": {
                "rotation": ["build", "calm"], "direction": "custom", "minutes_per_station": 15,
                "signals": [{"cue": "Chime", "meaning": "5 minutes left"}],
                "entrance_routine": "Find your name card.", "materials_routine": "Baskets go back.",
                "rearrangement": "Nothing moves.", "notes": "Timer on the board.",
            },
        }],
        "tracing": {"name": "Room 12 plan.png", "image": TINY_PNG, "x": 180, "y": 168, "rotation": 1.5,
                    "width": 400, "depth": 380, "opacity": 0.4, "locked": True, "visible": True, "in_pdf": False},
    }


def _changed(*steps_and_value: Any) -> Callable[[dict], None]:
    """_changed("layouts", 0, "pieces", 0, "x", "72"): a change that sets that one field."""
    *steps, last, value = steps_and_value

    def change(data: dict) -> None:
        node = data
        for step in steps:
            node = node[step]
        node[last] = value
    return change


def _removed(*steps: Any) -> Callable[[dict], None]:
    *parents, last = steps

    def change(data: dict) -> None:
        node = data
        for step in parents:
            node = node[step]
        del node[last]
    return change


def _text(change: Callable[[dict], None], base: Callable[[], dict] = full_project) -> str:
    data = copy.deepcopy(base())
    change(data)
    return json.dumps(data, indent=2)


def _v1(change: Callable[[dict], None]) -> str:
    return _text(change, lambda: json.loads(V1.read_text(encoding="utf-8")))


L0 = ("layouts", 0)
PIECE = (*L0, "pieces", 0)
ROOM = (*L0, "room")
ZONE = (*L0, "zones", 0)

# the file as written by hand, so the line and column of a duplicate key are plain to see
HAND = """{
  "format": "classroom-layout",
  "schema_version": 2,
  "layouts": [
    {
      "id": "a", "name": "A",
      "room": {
        "outline": [[0, 0], [360, 0], [360, 360], [0, 360]],
        "doors": [{"id": "door", "wall": 2, "position": 60}]
      },
      "pieces": [
        {"id": "d1", "kind": "student-desk", "x": 60, "y": 60},
        {"id": "d2", "kind": "student-desk", "x": 120, "y": 60}
      ],
      "transitions": {"signals": [{"cue": "Chime", "meaning": "Move"}]}
    }
  ]
}
"""


def _bomb() -> str:
    """A 12 kB PNG of 10,000 x 10,000 pixels (100 million: 1.2 GB once decoded as colour), base64."""
    data = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(data, "PNG")
    return base64.b64encode(data.getvalue()).decode()


def _hand(old: str, new: str) -> str:
    assert HAND.count(old) == 1, old
    return HAND.replace(old, new)


CASES: dict[str, tuple[str | bytes, str]] = {
    # name: (the file's content, the one line after "FILE: ")
    # --- wrong JSON types: refused, never converted (the tester's list first) ---------------
    "x-as-string": (_text(_changed(*PIECE, "x", "72")), 'layouts[0].pieces[0].x: expected a number, got the string "72"'),
    "x-as-true": (_text(_changed(*PIECE, "x", True)), "layouts[0].pieces[0].x: expected a number, got true"),
    "point-of-strings": (_text(_changed(*ROOM, "outline", 1, ["360", "0"])),
                         'layouts[0].room.outline[1][0]: expected a number, got the string "360" (and 1 more problem)'),
    "wall-as-string": (_text(_changed(*ROOM, "doors", 0, "wall", "2")),
                       'layouts[0].room.doors[0].wall: expected a whole number, got the string "2"'),
    "wall-as-fraction": (_text(_changed(*ROOM, "windows", 0, "wall", 1.5)),
                         "layouts[0].room.windows[0].wall: expected a whole number, got the number 1.5"),
    "fixed-as-yes": (_text(_changed(*PIECE, "fixed", "yes")),
                     'layouts[0].pieces[0].fixed: expected true or false, got the string "yes"'),
    "fixed-as-one": (_text(_changed(*PIECE, "fixed", 1)), "layouts[0].pieces[0].fixed: expected true or false, got the number 1"),
    "class-size-as-string": (_text(_changed("class_size", "24")), 'class_size: expected a whole number, got the string "24"'),
    "class-size-as-true": (_text(_changed("class_size", True)), "class_size: expected a whole number, got true"),
    "name-as-number": (_text(_changed(*L0, "name", 5)), "layouts[0].name: expected a string, got the number 5"),
    "title-as-null": (_text(_changed("title", None)), "title: expected a string, got null"),
    "piece-id-as-number": (_text(_changed(*PIECE, "id", 7)), "layouts[0].pieces[0].id: expected a string, got the number 7"),
    "rotation-as-string": (_text(_changed(*PIECE, "rotation", "90")),
                           'layouts[0].pieces[0].rotation: expected a number, got the string "90"'),
    "clear-width-as-string": (_text(_changed(*L0, "clear_width", "36")),
                              'layouts[0].clear_width: expected a number, got the string "36"'),
    "window-position-as-false": (_text(_changed(*ROOM, "windows", 0, "position", False)),
                                 "layouts[0].room.windows[0].position: expected a number, got false"),
    "zone-kind-as-number": (_text(_changed(*ZONE, "kind", 3)), "layouts[0].zones[0].kind: expected one of 'independent', "
                            "'collaboration', 'mini-lesson', 'hands-on', 'creation', 'online', 'online-discussion', "
                            "'whole-class', 'quiet' or 'assessment', got the number 3"),
    "hinge-as-number": (_text(_changed(*ROOM, "doors", 0, "hinge", 1)),
                        "layouts[0].room.doors[0].hinge: expected one of 'start' or 'end', got the number 1"),
    "feature-kind-as-true": (_text(_changed(*ROOM, "features", 0, "kind", True)),
                             "layouts[0].room.features[0].kind: expected one of 'whiteboard', 'bulletin-board', "
                             "'screen' or 'display', got true"),
    "display-units-as-number": (_text(_changed("display_units", 1)),
                                "display_units: expected one of 'ft-in' or 'metric', got the number 1"),
    "station-as-string": (_text(_changed(*ZONE, "station", "1")),
                          'layouts[0].zones[0].station: expected a whole number, got the string "1"'),
    "capacity-as-fraction": (_text(_changed(*ZONE, "capacity", 2.5)),
                             "layouts[0].zones[0].capacity: expected a whole number, got the number 2.5"),
    "minutes-as-string": (_text(_changed(*L0, "transitions", "minutes_per_station", "15")),
                          'layouts[0].transitions.minutes_per_station: expected a whole number, got the string "15"'),
    "rotation-list-as-string": (_text(_changed(*L0, "transitions", "rotation", "build")),
                                'layouts[0].transitions.rotation: expected a list [...], got the string "build"'),
    "signal-cue-as-number": (_text(_changed(*L0, "transitions", "signals", 0, "cue", 1)),
                             "layouts[0].transitions.signals[0].cue: expected a string, got the number 1"),
    "pieces-as-object": (_text(_changed(*L0, "pieces", {})), "layouts[0].pieces: expected a list [...], got an object {...}"),
    "room-as-list": (_text(_changed(*L0, "room", [])), "layouts[0].room: expected an object {...}, got a list of 0 items"),
    "point-as-object": (_text(_changed(*ZONE, "polygon", 2, {"x": 1, "y": 2})),
                        "layouts[0].zones[0].polygon[2]: expected a list [...], got an object {...}"),
    "point-of-three": (_text(_changed(*ZONE, "polygon", 2, [1, 2, 3])),
                       "layouts[0].zones[0].polygon[2]: tuple should have at most 2 items after validation, not 3"),
    "format-as-number": (_text(_changed("format", 1)),
                         'format: expected "classroom-layout", got the number 1 (this is not a classroom layout file)'),
    "unit-as-number": (_text(_changed("length_unit", 12)),
                       "length_unit: expected one of 'in', 'ft', 'mm', 'cm', 'm', got the number 12"),
    "version-as-true": (_text(_changed("schema_version", True)), "schema_version: expected a whole number, got true"),
    "version-as-float": (_text(_changed("schema_version", 2.0)), "schema_version: expected a whole number, got the number 2.0"),
    "version-as-null": (_text(_changed("schema_version", None)), "schema_version: expected a whole number, got null"),
    # --- a key given twice, at several depths: the path and the line and column of the second --
    "duplicate-key-in-a-piece": (_hand('"x": 120', '"x": 120, "x": 12'),
                                 'line 13, column 56: layouts[0].pieces[1]: the key "x" appears twice'),
    "duplicate-key-in-a-door": (_hand('"position": 60}', '"position": 60, "wall": 3}'),
                                'line 9, column 61: layouts[0].room.doors[0]: the key "wall" appears twice'),
    "duplicate-key-in-a-signal": (_hand('"meaning": "Move"', '"meaning": "Move", "cue": "Bell"'),
                                  'line 15, column 71: layouts[0].transitions.signals[0]: the key "cue" appears twice'),
    "duplicate-key-in-a-room": (_hand('"room": {\n', '"room": {"doors": [],\n'),
                                'line 9, column 9: layouts[0].room: the key "doors" appears twice'),
    "duplicate-key-at-the-top": (_hand('"schema_version": 2,', '"schema_version": 2, "schema_version": 3,'),
                                 'line 3, column 24: the key "schema_version" appears twice'),
    "duplicate-key-spelled-with-an-escape": (_hand('"y": 60}\n', '"y": 60, "\\u0079": 61}\n'),
                                             'line 13, column 65: layouts[0].pieces[1]: the key "y" appears twice'),
    "the-first-duplicate-in-reading-order": (_hand('"id": "a", "name": "A",', '"id": "a", "id": "b", "name": "A",')
                                             .replace('"x": 120', '"x": 120, "x": 12'),
                                             'line 6, column 18: layouts[0]: the key "id" appears twice'),
    # --- polygons with no area are said so, not "crosses itself" -----------------------------
    "zone-on-one-line": (_text(_changed(*ZONE, "polygon", [[0, 0], [72, 12], [144, 24]])),
                         "layouts[0].zones[0].polygon: has no area (its points lie on one line)"),
    "zone-of-one-point": (_text(_changed(*L0, "zones", 1, "polygon", [[50, 50], [50, 50], [50, 50]])),
                          "layouts[0].zones[1].polygon: has no area (all its points are the same)"),
    "room-on-one-line": (_text(_changed(*ROOM, "outline", [[0, 0], [120, 0], [360, 0], [240, 0]])),
                         "layouts[0].room.outline: has no area (its points lie on one line)"),
    "closed-ring-on-one-line": (_text(_changed(*ZONE, "polygon", [[0, 0], [10, 0], [20, 0], [0, 0]])),
                                "layouts[0].zones[0].polygon: has no area (its points lie on one line)"),
    # --- numbers JSON allows but a plan cannot hold ------------------------------------------
    "infinity-in-a-point": (_hand("[360, 0],", "[Infinity, 0],"), "line 8, column 30: Infinity is not a number JSON allows"),
    "nan-as-a-size": (_hand('"position": 60}', '"position": 60, "width": NaN}'),
                      "line 9, column 70: NaN is not a number JSON allows"),
    "overflow-in-class-size": (_text(_changed("class_size", 1)).replace('"class_size": 1', '"class_size": 1e309'),
                               "line 9, column 17: the number 1e309 is too large"),
    "underflow-to-zero-width": (_text(_changed(*PIECE, "width", 1)).replace('"width": 1,', '"width": 1e-400,'),
                                "layouts[0].pieces[0].width: must be more than zero (got 0)"),
    "nineteen-digit-wall": (_text(_changed(*ROOM, "doors", 0, "wall", 1234567890123456789)),
                            "line 39, column 21: the number 1234567890123456789 has too many digits"),
    # --- structure ---------------------------------------------------------------------------
    "nested-75-levels-in-a-label": (_text(_changed(*PIECE, "label", json.loads("[" * 70 + "]" * 70))),
                                    "layouts[0].pieces[0].label[0][0][0][0][0][0][0][0][0][0][...: "
                                    "is nested more than 64 levels deep; a project file needs about 7"),
    "nested-300-levels": ('{"format": "classroom-layout", "schema_version": 2, "layouts": ' + "[" * 300 + "]" * 300 + "}",
                          "layouts[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0...: "
                          "is nested more than 64 levels deep; a project file needs about 7"),
    "lone-surrogate-in-a-name": (_text(_changed(*L0, "name", "A")).replace('"name": "A"', '"name": "A\\ud800"'),
                                 "layouts[0].name: holds a lone UTF-16 surrogate (a \\ud800-\\udfff escape), which is not text"),
    "unknown-field-in-a-zone": (_text(_changed(*ZONE, "colour", "red")),
                                "layouts[0].zones[0].colour: is not a field this program knows (a typo?)"),
    "unknown-field-at-the-top": (_text(_changed("author", "me")), "author: is not a field this program knows (a typo?)"),
    "a-key-with-a-newline": (_text(_changed(*PIECE, "la\nbel", "x")),
                             "layouts[0].pieces[0].la bel: is not a field this program knows (a typo?)"),
    "missing-x": (_text(_removed(*PIECE, "x")), "layouts[0].pieces[0].x: is required but missing"),
    "missing-outline": (_text(_removed(*ROOM, "outline")), "layouts[0].room.outline: is required but missing"),
    "missing-layouts": (_text(_removed("layouts")), "layouts: is required but missing"),
    "negative-door-width": (_text(_changed(*ROOM, "doors", 0, "width", -3)),
                            "layouts[0].room.doors[0].width: must be more than zero (got -3)"),
    "zero-depth": (_text(_changed(*PIECE, "depth", 0)), "layouts[0].pieces[0].depth: must be more than zero (got 0)"),
    "zone-kind-in-capitals": (_text(_changed(*ZONE, "kind", "Quiet")),
                              "layouts[0].zones[0].kind: 'Quiet' is not one of 'independent', 'collaboration', "
                              "'mini-lesson', 'hands-on', 'creation', 'online', 'online-discussion', 'whole-class', "
                              "'quiet' or 'assessment'"),
    "5001-pieces": (_text(_changed(*L0, "pieces", [{"id": f"c{i}", "kind": "chair", "x": 20, "y": 20}
                                                  for i in range(5001)])),
                    "layouts[0].pieces: list should have at most 5000 items after validation, not 5001"),
    "a-far-newer-version": (_text(_changed("schema_version", 99)),
                            "was made by a newer version of Classroom Layout Designer (file format 99; this program "
                            "reads formats 1 to 3): update the program to open it"),
    "tracing-not-base64": (_text(_changed("tracing", "image", "not an image!")),
                           "tracing.image: is not base64 text (A-Z a-z 0-9 + / =)"),
    "tracing-not-an-image": (_text(_changed("tracing", "image", "R0lGODlhAQABAAAAACw=")),
                             "tracing.image: is neither a PNG nor a JPEG image"),
    "tracing-garbage-after-the-png-mark": (_text(_changed("tracing", "image", base64.b64encode(
        b"\x89PNG\r\n\x1a\n" + b"garbage" * 20).decode())),
        "tracing.image: is damaged: its header cannot be read as a PNG or a JPEG"),
    "tracing-12-kb-that-says-100-million-pixels": (_text(_changed("tracing", "image", _bomb())),
                                                  "tracing.image: the image is 10,000 x 10,000 pixels; at most "
                                                  "40 million are allowed"),
    "tracing-too-big": (_text(_changed("tracing", "image", "A" * 14_000_000)),
                        "tracing.image: the image is larger than 10 MB"),
    "tracing-opacity-zero": (_text(_changed("tracing", "opacity", 0)),
                             "tracing.opacity: input should be greater than or equal to 0.05 (got 0)"),
    "top-level-null": ("null", "must hold a JSON object {...} at the top, not null"),
    "top-level-string": ('"classroom-layout"', "must hold a JSON object {...} at the top, not a string"),
    # --- bytes that are not a JSON text ------------------------------------------------------
    "whitespace-only": ("\n\n  \n", "is not valid JSON: line 4, column 1: Expecting value"),
    "truncated": (HAND[:HAND.index('"pieces"') + 12], "is not valid JSON: line 12, column 1: Expecting value"),
    "invalid-utf8-on-line-6": (HAND.encode().replace(b'"name": "A"', b'"name": "\xff"'),
                               "is not UTF-8 text (byte 0xff on line 6)"),
    "utf16": (HAND.encode("utf-16"), "is not UTF-8 text (byte 0xff on line 1)"),
    "two-byte-order-marks": (b"\xef\xbb\xbf\xef\xbb\xbf" + HAND.encode(),
                             "is not valid JSON: line 1, column 1: a byte-order mark (U+FEFF) where the JSON should begin"),
    # --- a version-1 draft: strict too, and named in its own words ---------------------------
    "v1-pos-of-strings": (_v1(_changed(*L0, "furniture", 0, "pos", ["6", "6"])),
                          'layouts[0].furniture[0].pos: expected a number, got the string "6" (and 1 more problem)'),
    "v1-size-as-true": (_v1(_changed(*L0, "furniture", 1, "size", True)),
                        "layouts[0].furniture[1].size: expected [width, depth], got true"),
    "v1-angle-as-string": (_v1(_changed(*L0, "furniture", 1, "angle", "90")),
                           'layouts[0].furniture[1].angle: expected a number, got the string "90"'),
    "v1-number-as-string": (_v1(_changed(*L0, "zones", 0, "number", "1")),
                            'layouts[0].zones[0].number: expected a whole number, got the string "1"'),
    "v1-units-as-number": (_v1(_changed("units", 12)), "units: expected one of 'in', 'ft', 'mm', 'cm', 'm', got the number 12"),
    "v1-furniture-item-as-string": (_v1(_changed(*L0, "furniture", 0, "desk")),
                                    'layouts[0].furniture[0]: expected an object {...}, got the string "desk"'),
    "v1-layouts-as-object": (_v1(_changed("layouts", {})), "layouts: expected a list [...], got an object {...}"),
    "v1-layout-id-as-list": (_v1(_changed(*L0, "id", [1])), "layouts[0].id: expected a string, got a list of 1 item"),
    "v1-duplicate-key": (V1.read_text(encoding="utf-8").replace('"pos": [24, 6],', '"pos": [24, 6], "pos": [1, 1],'),
                         'line 18, column 64: layouts[0].furniture[1]: the key "pos" appears twice'),
}


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / f"{name}.classroom.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_the_sample_and_the_hand_written_file_are_valid():
    loads_project(json.dumps(full_project()))
    loads_project(HAND)
    assert len(CASES) >= 45


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_file_is_refused_in_one_line_naming_where(name, tmp_path, capsys):
    content, expected = CASES[name]
    path = _write(tmp_path, name, content)
    before = path.read_bytes()
    with pytest.raises(ProjectFileError) as caught:
        load_project(path)
    assert str(caught.value) == f"{path}: {expected}"
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"{path}: {expected}\n")
    assert path.read_bytes() == before


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = _write(tmp_path, "bom", b"\xef\xbb\xbf" + HAND.encode())
    assert load_project(path).layouts[0].pieces[1].x == 120


def test_json_integers_are_numbers_and_arrays_are_points():
    """Strict is about JSON types: 72 is a number for x, and [0, 0] a point."""
    layout = loads_project(HAND).layouts[0]
    assert layout.room.outline[1] == (360.0, 0.0) and isinstance(layout.pieces[0].x, float)


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_not(tmp_path):
    text = HAND.rstrip("\n")
    path = _write(tmp_path, "limit", text + " " * (MAX_FILE_BYTES - len(text.encode())))
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_project(path).layouts[0].id == "a"
    with open(path, "ab") as f:
        f.write(b" ")
    with pytest.raises(ProjectFileError, match=r": is 20\.0 MB; project files may be at most 20\.0 MB$"):
        load_project(path)


def test_text_over_the_limit_is_refused_before_it_is_parsed():
    with pytest.raises(ProjectFileError, match=r"^big: is larger than 20\.0 MB, the most a project file may be$"):
        loads_project("[" * (MAX_FILE_BYTES + 1), "big")


# --- the printed schema and the reader agree ----------------------------------------------


def _printed_schema() -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["schema"]) == 0
    return json.loads(out.getvalue())


_JSON_TYPE = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object",
              type(None): "null"}

#: values of the wrong JSON type for a field of each type (a number is never a string, ...)
_WRONG = {
    "number": ["72", True, None, [72]],
    "integer": ["2", True, 2.5, None],
    "string": [5, True, None, ["text"]],
    "boolean": ["yes", 1, None],
    "array": [{}, "x", None],
    "object": [[], "x", None],
}


def _types(schema: dict[str, Any], defs: dict[str, Any]) -> set[str]:
    schema = _resolve(schema, defs)
    if "type" in schema:
        return {schema["type"]} if isinstance(schema["type"], str) else set(schema["type"])
    if "const" in schema:
        return {_JSON_TYPE[type(schema["const"])]}
    if "enum" in schema:
        return {_JSON_TYPE[type(v)] for v in schema["enum"]}
    return set().union(*(_types(s, defs) for s in schema.get("anyOf", [])))


def _resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = defs[schema["$ref"].removeprefix("#/$defs/")]
    return schema


def _fields(schema: dict[str, Any], defs: dict[str, Any], sample: Any, steps: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """(steps, schema) of every property of every object and every item of every list, with the
    sample's value there, following $refs and the non-null branch of anyOf."""
    schema = _resolve(schema, defs)
    for branch in schema.get("anyOf", []):
        if _resolve(branch, defs).get("type") != "null":
            yield from _fields(branch, defs, sample, steps)
    for name, prop in schema.get("properties", {}).items():
        assert name in sample, f"the sample has no {_path(steps + (name,))}: give it one so it is tested"
        yield steps + (name,), prop
        yield from _fields(prop, defs, sample[name], steps + (name,))
    for i, item in enumerate(schema.get("prefixItems", [])):
        yield steps + (i,), item
        yield from _fields(item, defs, sample[i], steps + (i,))
    if isinstance(schema.get("items"), dict):
        assert sample, f"the sample's {_path(steps)} is empty: give it an item so it is tested"
        yield steps + (0,), schema["items"]
        yield from _fields(schema["items"], defs, sample[0], steps + (0,))


def _path(steps: tuple) -> str:
    out = ""
    for step in steps:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def test_every_field_of_the_printed_schema_refuses_a_wrong_json_type():
    schema = _printed_schema()
    defs = schema.get("$defs", {})
    sample = full_project()
    loads_project(json.dumps(sample))
    tried, accepted, unnamed = 0, [], []
    seen_defs: set[str] = set()
    for steps, field in _fields(schema, defs, sample):
        seen_defs.update(branch["$ref"] for branch in [field, *field.get("anyOf", [])] if "$ref" in branch)
        allowed = _types(field, defs)
        assert allowed, f"{_path(steps)}: the schema gives it no type"
        for wrong in (v for t in sorted(allowed - {"null"}) for v in _WRONG[t]):
            if _JSON_TYPE[type(wrong)] in allowed or (_JSON_TYPE[type(wrong)] == "integer" and "number" in allowed):
                continue
            data = copy.deepcopy(sample)
            _changed(*steps, wrong)(data)
            tried += 1
            try:
                loads_project(json.dumps(data), "sample.json")
            except ProjectFileError as e:
                if not str(e).startswith(f"sample.json: {_path(steps)}: expected "):
                    unnamed.append(str(e))
            else:
                accepted.append(f"{_path(steps)} = {json.dumps(wrong)}")
    assert not accepted, f"the reader took wrong-typed values the schema refuses: {accepted}"
    assert not unnamed, f"refused without naming the field and what it expected: {unnamed}"
    assert seen_defs == {f"#/$defs/{name}" for name in defs}  # every object the schema knows was reached
    assert tried > 250
