"""Reading a project file: every way a file can be wrong becomes one line naming where."""

from __future__ import annotations

import json
import math
import os
import re
from typing import Any

from pydantic import ValidationError

from app.model import SCHEMA_VERSION, Project
from app.model.errors import describe
from app.storage.errors import FileProblem, ProjectFileError
from app.storage.migrations import file_version, migrate, v1_names
from app.units import INCHES_PER

FORMAT = "classroom-layout"
#: a real classroom is a few hundred KB; refuse more before reading it all into memory
MAX_FILE_BYTES = 20 * 1024 * 1024
#: integers longer than this are a typo or a hostile file (Python refuses 4,300+ digits anyway)
MAX_INT_DIGITS = 18

# a JSON string, or one of the tokens we look for; strings first so text inside them never matches
_TOKEN = r'"(?:[^"\\]|\\.)*"|(?<![\w.])({})(?![\w.])'


class _BadNumber(ValueError):
    def __init__(self, literal: str, problem: str) -> None:
        super().__init__(problem)
        self.literal = literal
        self.problem = problem


def load_project(path: str | os.PathLike) -> Project:
    """Read and validate a *.classroom.json file; raises ProjectFileError (one line)."""
    source = os.fspath(path)
    return loads_project(_read_text(source), source)


def loads_project(text: str, source: str = "<text>") -> Project:
    try:
        return _parse(text)
    except FileProblem as e:
        raise ProjectFileError(source, e.problem) from None


def _read_text(source: str) -> str:
    try:
        if os.path.isdir(source):
            raise FileProblem("is a folder, not a project file")
        with open(source, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise FileProblem(f"is {_mb(size)}; project files may be at most {_mb(MAX_FILE_BYTES)}")
            # read one byte past the limit: a pipe or device reports no size
            raw = f.read(MAX_FILE_BYTES + 1)
    except FileProblem as e:
        raise ProjectFileError(source, e.problem) from None
    except FileNotFoundError:
        raise ProjectFileError(source, "no such file") from None
    except PermissionError:
        raise ProjectFileError(source, "cannot be read: permission denied") from None
    except IsADirectoryError:
        raise ProjectFileError(source, "is a folder, not a project file") from None
    except OSError as e:
        raise ProjectFileError(source, f"cannot be read: {e.strerror or e}") from None
    except ValueError:  # open() refuses a name with a NUL byte in it
        raise ProjectFileError(source, "is not a valid file name") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ProjectFileError(source, f"is larger than {_mb(MAX_FILE_BYTES)}, the most a project file may be")
    try:
        return raw.decode("utf-8-sig")  # tolerate the byte-order mark some Windows editors write
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ProjectFileError(source, f"is not UTF-8 text (byte 0x{raw[e.start]:02x} on line {line})") from None


def _parse(text: str) -> Project:
    if len(text) > MAX_FILE_BYTES:
        raise FileProblem(f"is larger than {_mb(MAX_FILE_BYTES)}, the most a project file may be")
    data = _parse_json(text)
    if not isinstance(data, dict):
        raise FileProblem(f"must hold a JSON object {{...}} at the top, not {_json_type(data)}")
    if "format" in data or "version" not in data:
        fmt = data.get("format")
        if fmt != FORMAT:
            got = "has none" if fmt is None else f"has {_short(fmt)}"
            raise FileProblem(f'is not a classroom layout file ("format" must be "{FORMAT}"; this file {got})')
    version = file_version(data)
    data = migrate(data, SCHEMA_VERSION)
    data = dict(data)
    data.pop("format", None)
    unit = data.pop("length_unit", "in")
    if not isinstance(unit, str) or unit not in INCHES_PER:
        raise FileProblem(f"length_unit {_short(unit)} is not one of {', '.join(INCHES_PER)}")
    factor = INCHES_PER[unit]
    if data.get("layouts") == []:
        raise FileProblem("layouts: is empty; a project needs at least one layout")
    try:
        return Project.model_validate(data, context={"inches_per_unit": factor})
    except ValidationError as e:
        line = describe(e)
        raise FileProblem(v1_names(line) if version == 1 else line) from None
    except RecursionError:
        raise FileProblem("is nested too deeply to be a project file") from None


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float,
                          parse_int=_sane_int, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as e:
        raise FileProblem(f"is not valid JSON: line {e.lineno}, column {e.colno}: {e.msg}") from None
    except _BadNumber as e:
        raise FileProblem(f"{_where(text, e.literal)}: {e.problem}") from None
    except _DuplicateKey as e:
        raise FileProblem(f"the key {_short(e.key)} appears twice in one object") from None
    except RecursionError:
        raise FileProblem("is nested too deeply to be a project file") from None


def _refuse_constant(literal: str) -> float:
    # Python's json accepts NaN and Infinity; JSON (RFC 8259 section 6) does not, nor do we
    raise _BadNumber(literal, f"{literal} is not a number JSON allows")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _BadNumber(literal, f"the number {_short_text(literal)} is too large")
    return value


def _sane_int(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_INT_DIGITS:
        raise _BadNumber(literal, f"the number {_short_text(literal)} has too many digits")
    return int(literal)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Python keeps the last of two equal keys silently; a hand-edited file means one of them
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


def _where(text: str, literal: str) -> str:
    """'line L, column C' of the first `literal` outside a JSON string."""
    for match in re.finditer(_TOKEN.format(re.escape(literal)), text):
        if match.group(1):
            start = match.start(1)
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            return f"line {line}, column {column}"
    return "somewhere in the file"


def _json_type(value: object) -> str:
    return {list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(type(value), "a number")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _short_text(text: str) -> str:
    return text if len(text) <= 24 else text[:12] + "..." + text[-6:] + f" ({len(text)} characters)"
