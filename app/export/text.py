"""The one door teacher text goes through on its way into a ReportLab Paragraph.

`Paragraph` parses its text as markup: "Desk <A>" raises, "R&D" prints wrong, and an
`<img src=...>` in a teacher's description would make ReportLab fetch a URL. So every string
that did not come from this package is escaped here, and only here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# C0 controls other than tab / newline, DEL and C1 controls: the PDF parser has no use for them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def escape(text: object) -> str:
    """Any value as Paragraph-safe markup that prints exactly as written; newlines kept as <br/>."""
    plain = "" if text is None else str(text)
    plain = plain.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    plain = _CONTROL.sub("", plain)
    return "<br/>".join(line.translate(_XML) for line in plain.split("\n"))


def plain(text: object) -> str:
    """A value for a vector-drawing String (not parsed as markup): one line, no control chars."""
    value = "" if text is None else str(text)
    return _CONTROL.sub("", " ".join(value.split()))


def shorten(text: str, limit: int) -> str:
    """Cut a label that would crowd the map; the station table keeps the full name."""
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def counted(names: Iterable[str]) -> str:
    """'6 x Student desk, 1 x Bookshelf (low)', most common first, then by name."""
    counts = Counter(names)
    return ", ".join(f"{n} x {name}" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def join_words(items: list[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]
