"""Turn a pydantic ValidationError into one line a teacher can act on."""

from __future__ import annotations

from pydantic import ValidationError


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


def _plain(err: dict) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a field this program knows (a typo?)"
    if kind == "finite_number":
        return f"must be a finite number (got {value!r})"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return f"must be a number (got {_short(value)})"
    if kind == "literal_error" or kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{_short(value)} is not one of {expected}"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    msg = msg[0].lower() + msg[1:] if msg else msg
    if kind in ("string_too_long", "too_long", "too_short", "greater_than", "greater_than_equal",
                "less_than", "less_than_equal", "string_pattern_mismatch"):
        msg += f" (got {_short(value)})"
    return msg


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
