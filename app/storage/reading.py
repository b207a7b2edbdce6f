"""Reading a project file: every way a file can be wrong becomes one line naming where."""

from __future__ import annotations

import json
import math
import os
import re
import stat
from typing import Any

from pydantic import ValidationError

from app.model import SCHEMA_VERSION, Project
from app.model.errors import describe, json_value
from app.storage.errors import FileProblem, ProjectFileError
from app.storage.migrations import file_version, migrate, v1_names
from app.units import INCHES_PER

FORMAT = "classroom-layout"
#: a real classroom is a few hundred KB; refuse more before reading it all into memory
MAX_FILE_BYTES = 20 * 1024 * 1024
#: integers longer than this are a typo or a hostile file (Python refuses 4,300+ digits anyway)
MAX_INT_DIGITS = 18

#: a real project is nested about 7 levels deep (layouts[0].room.outline[0][1]); pydantic's JSON
#: parser gives up at 200, so say so in our words first
MAX_DEPTH = 64

#: O_NONBLOCK is POSIX; Windows has no named pipes in the file system to block on
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)

_SURROGATE = re.compile("[\ud800-\udfff]")

_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

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
        raw = _read_bounded(source)
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
    except ValueError:  # stat() and open() refuse a name with a NUL byte in it
        raise ProjectFileError(source, "is not a valid file name") from None
    try:
        return raw.decode("utf-8-sig")  # tolerate the byte-order mark some Windows editors write
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ProjectFileError(source, f"is not UTF-8 text (byte 0x{raw[e.start]:02x} on line {line})") from None


def _read_bounded(source: str) -> bytes:
    """The file's bytes, refusing anything but a regular file of at most MAX_FILE_BYTES."""
    # stat before open: opening a named pipe blocks until a writer comes, and a device never ends
    status = os.stat(source)
    _refuse_unless_regular(status)
    if status.st_size > MAX_FILE_BYTES:
        raise FileProblem(f"is {_mb(status.st_size)}; project files may be at most {_mb(MAX_FILE_BYTES)}")
    # O_NONBLOCK: if a pipe replaced the file since the stat, open() still returns at once
    fd = os.open(source, os.O_RDONLY | _NONBLOCK | _BINARY)
    with os.fdopen(fd, "rb") as f:
        _refuse_unless_regular(os.fstat(f.fileno()))
        raw = f.read(MAX_FILE_BYTES + 1)  # one byte past the limit: the file may have grown
    if len(raw) > MAX_FILE_BYTES:
        raise FileProblem(f"is larger than {_mb(MAX_FILE_BYTES)}, the most a project file may be")
    return raw


def _refuse_unless_regular(status: os.stat_result) -> None:
    mode = status.st_mode
    if stat.S_ISREG(mode):
        return
    for test, what in _NOT_FILES:
        if test(mode):
            raise FileProblem(f"is {what}, not a project file")
    raise FileProblem("is not a regular file, so it cannot be a project file")


def _parse(text: str) -> Project:
    if len(text) > MAX_FILE_BYTES:
        raise FileProblem(f"is larger than {_mb(MAX_FILE_BYTES)}, the most a project file may be")
    data = _parse_json(text)
    if not isinstance(data, dict):
        raise FileProblem(f"must hold a JSON object {{...}} at the top, not {_json_type(data)}")
    unusable = _first_unusable(data)  # before migrating: the path is the file's own
    if unusable is not None:
        raise FileProblem(unusable)
    if "format" in data or "version" not in data:
        if "format" not in data:
            raise FileProblem(f'is not a classroom layout file (it has no "format": "{FORMAT}")')
        if data["format"] != FORMAT:
            raise FileProblem(f'format: expected "{FORMAT}", got {json_value(data["format"])} '
                              "(this is not a classroom layout file)")
    version = file_version(data)
    data = migrate(data, SCHEMA_VERSION)
    data = dict(data)
    data.pop("format", None)
    unit = data.pop("length_unit", "in")
    if not isinstance(unit, str) or unit not in INCHES_PER:
        name = "units" if version == 1 else "length_unit"
        choices = ", ".join(repr(u) for u in INCHES_PER)
        if isinstance(unit, str):
            raise FileProblem(f"{name}: {_short(unit)} is not one of {choices}")
        raise FileProblem(f"{name}: expected one of {choices}, got {json_value(unit)}")
    factor = INCHES_PER[unit]
    if data.get("layouts") == []:
        raise FileProblem("layouts: is empty; a project needs at least one layout")
    try:
        # JSON mode, strict: a JSON array is a point, but "72" is not a number nor 1 a true
        # (issue #10); the migrated dict goes back to JSON text for that
        return Project.model_validate_json(json.dumps(data), strict=True, context={"inches_per_unit": factor})
    except ValidationError as e:
        line = describe(e)
        raise FileProblem(v1_names(line) if version == 1 else line) from None


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float,
                          parse_int=_sane_int, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as e:
        # Python's advice for this one ("decode using utf-8-sig") is meant for programmers
        msg = e.msg
        if msg.startswith("Unexpected UTF-8 BOM"):
            msg = "a byte-order mark (U+FEFF) where the JSON should begin"
        raise FileProblem(f"is not valid JSON: line {e.lineno}, column {e.colno}: {msg}") from None
    except _BadNumber as e:
        raise FileProblem(f"{_where(text, e.literal)}: {e.problem}") from None
    except _DuplicateKey as e:
        raise FileProblem(_duplicate_key(text, e.key)) from None
    except RecursionError:
        raise FileProblem("is nested too deeply to be a project file") from None


def _first_unusable(data: Any) -> str | None:
    """'path: problem' for the first value JSON allows but a project cannot hold, or None.

    Too deep a nesting (pydantic's JSON parser stops at 200 levels, with a message about our
    re-serialized text), or a lone UTF-16 surrogate ("\\ud800": Python's json takes it, UTF-8
    cannot hold it).
    """
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"{_cut(path)}: is nested more than {MAX_DEPTH} levels deep; a project file needs about 7"
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return f"{_cut(path)}: holds a lone UTF-16 surrogate (a \\ud800-\\udfff escape), which is not text"
        elif isinstance(value, dict):
            for key in value:
                if _SURROGATE.search(key):
                    return f"{_cut(path) or 'the top level'}: a key holds a lone UTF-16 surrogate, which is not text"
            stack.extend((v, f"{path}.{k}" if path else str(k), depth + 1) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in reversed(list(enumerate(value))))
    return None


def _cut(path: str) -> str:
    return path if len(path) <= 60 else path[:57] + "..."


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


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


def _duplicate_key(text: str, key: str) -> str:
    """'line L, column C: path: the key "k" appears twice' for the first key given twice.

    json.loads only says which key; a second pass over the tokens, keeping the path to where
    it is, finds the place (the file parsed up to there, so its tokens are well formed).
    """
    # each open container: [keys seen, the key being read] for an object, [None, index] for a list
    stack: list[list[Any]] = []
    expecting_key = False
    for token in _JSON_TOKEN.finditer(text):
        t = token.group()
        if t == "{":
            stack.append([set(), None])
            expecting_key = True
        elif t == "[":
            stack.append([None, 0])
            expecting_key = False
        elif t in "}]":
            stack.pop()
            expecting_key = False
        elif t == ",":
            if stack and stack[-1][0] is None:
                stack[-1][1] += 1
            else:
                expecting_key = True
        elif t == ":":
            expecting_key = False
        elif expecting_key and t.startswith('"'):
            name = json.loads(t)
            seen = stack[-1][0]
            if name in seen:
                where = _line_column(text, token.start())
                path = _path_of(stack[:-1])
                place = f"{path}: the key" if path else "the key"
                return f"{where}: {place} {_quoted(name)} appears twice"
            seen.add(name)
            stack[-1][1] = name
    return f"the key {_quoted(key)} appears twice in one object"


def _path_of(frames: list[list[Any]]) -> str:
    out = ""
    for keys, at in frames:
        if keys is None:
            out += f"[{at}]"
        else:
            out += f".{at}" if out else str(at)
    return out


def _quoted(key: str) -> str:
    text = json.dumps(key, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + '..."'


def _line_column(text: str, start: int) -> str:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return f"line {line}, column {column}"


def _where(text: str, literal: str) -> str:
    """'line L, column C' of the first `literal` outside a JSON string."""
    for match in re.finditer(_TOKEN.format(re.escape(literal)), text):
        if match.group(1):
            return _line_column(text, match.start(1))
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
