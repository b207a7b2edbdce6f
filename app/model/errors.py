"""Turn a pydantic ValidationError into one line a teacher can act on."""

from __future__ import annotations

import json
from enum import Enum

from pydantic import ValidationError

# pydantic's error type -> the JSON type the field wanted, as the file-format document says it
_EXPECTED = {
    "float_type": "a number", "float_parsing": "a number",
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "string_type": "a string",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "list_type": "a list [...]", "tuple_type": "a list [...]",
    "model_type": "an object {...}", "dict_type": "an object {...}", "model_attributes_type": "an object {...}",
}


def field_path(loc: tuple[int | str, ...]) -> str:
    """('layouts', 1, 'zones', 3, 'polygon') -> 'layouts[1].zones[3].polygon'"""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).startswith(("function-", "tagged-union")):
            continue  # pydantic's internal steps, not a field in the file
        else:
            out += f".{part}" if out else str(part)
    return out


def describe(error: ValidationError, prefix: str = "") -> str:
    """The first problem as 'path: what is wrong', plus how many more there are."""
    errors = error.errors(include_url=False)
    first = errors[0]
    path = field_path(tuple(first["loc"]))
    message = first["msg"]
    if first["type"] == "located":
        ctx = first.get("ctx", {})
        sub = str(ctx.get("path", ""))
        path = f"{path}.{sub}" if path else sub
        message = str(ctx.get("msg", message))
    else:
        message = _plain(first)
    full = f"{prefix}{path}" if path else prefix.rstrip(".")
    line = f"{full}: {message}" if full else message
    if len(errors) > 1:
        line += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return line


def json_value(value: object) -> str:
    """A value as the file shows it: 'the string "72"', 'true', 'null', 'the number 7', 'a list'."""
    if isinstance(value, Enum):
        value = value.value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {_shorten(repr(value))}"
    if isinstance(value, str):
        return f"the string {_shorten(json.dumps(value, ensure_ascii=False))}"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        return "an object {...}"
    return _short(value)


def _plain(err: dict) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a field this program knows (a typo?)"
    if kind == "finite_number":
        return f"must be a finite number (got {value!r})"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {json_value(value)}"
    if kind == "literal_error" or kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        if not isinstance(value, str):  # every choice the file may give is a string
            return f"expected one of {expected}, got {json_value(value)}"
        return f"{_short(value)} is not one of {expected}"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    msg = msg[0].lower() + msg[1:] if msg else msg
    if kind in ("string_too_long", "too_long", "too_short", "greater_than", "greater_than_equal",
                "less_than", "less_than_equal", "string_pattern_mismatch") and not isinstance(value, (list, dict)):
        msg += f" (got {_short(value)})"  # a list's message already says how many items it has
    return msg


def _short(value: object) -> str:
    return _shorten(repr(value))


def _shorten(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
