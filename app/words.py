"""Whether a text is the teacher's own words: not empty, not a placeholder, not a handful of
words, not a kind's example text left as it was, not the same as another station's."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from app.model import ZONE_KINDS

#: fewer words than this is a label, not a description
MIN_WORDS = 5

#: what people type to fill a field for now
PLACEHOLDERS = frozenset({
    "tbd", "tba", "todo", "to do", "to be done", "to be decided", "x", "xx", "xxx", "n/a", "na", "none",
    "nothing", "-", "--", "...", "…", "?", "??", "test", "testing", "asdf", "blah", "description", "text",
    "write here", "coming soon", "later", "fill in", "fill in later", "placeholder", "same", "same as above",
    "see above", "etc",
})

_LOREM = re.compile(r"^\W*lorem\s+ipsum")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
#: ideographs, kana and hangul: a script written without spaces between words
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


class Problem(StrEnum):
    EMPTY = "empty"
    PLACEHOLDER = "placeholder"
    FEW = "few words"
    EXAMPLE = "example text"
    DUPLICATE = "duplicate"


def normalized(text: str) -> str:
    """The text as compared: case, spacing and the punctuation round it do not count."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return _EDGES.sub("", folded)


def word_count(text: str) -> int:
    """Words separated by spaces; in Chinese, Japanese or Korean every two characters count as one."""
    count = 0
    for token in text.split():
        dense = len(_NO_SPACES.findall(token))
        count += max(1, (dense + 1) // 2) if dense else 1
    return count


_EXAMPLES = frozenset(normalized(t) for style in ZONE_KINDS.values()
                      for t in (style.default_use, style.default_environment))


def is_example(text: str) -> bool:
    """Whether text is one of the kinds' example texts, as given."""
    return normalized(text) in _EXAMPLES


def problem(text: str) -> Problem | None:
    """What keeps text from counting as the teacher's own words, None if nothing does (a
    duplicate needs the other texts: see duplicates)."""
    key = normalized(text)
    if not key:
        return Problem.PLACEHOLDER if text.strip() else Problem.EMPTY
    if key in PLACEHOLDERS or _LOREM.match(key) or set(key) <= set("x?.-_ …"):
        return Problem.PLACEHOLDER
    if key in _EXAMPLES:
        return Problem.EXAMPLE
    if word_count(text) < MIN_WORDS:
        return Problem.FEW
    return None


def with_kind(zone, kind) -> dict[str, object]:
    """The fields a zone changes to when its kind changes: a text still a kind's example is
    emptied (the new kind's example is offered as a prompt); text the teacher wrote stays."""
    out: dict[str, object] = {"kind": kind}
    for name in ("how_used", "positive_environment"):
        if is_example(getattr(zone, name)):
            out[name] = ""
    return out


def own_words(text: str) -> bool:
    return problem(text) is None


def first_of(texts: dict[str, str]) -> dict[str, str]:
    """For each key whose text another key had first (in the dict's order): that other key."""
    seen: dict[str, str] = {}
    out: dict[str, str] = {}
    for key, text in texts.items():
        norm = normalized(text)
        if not norm:
            continue
        if norm in seen:
            out[key] = seen[norm]
        else:
            seen[norm] = key
    return out


def sentence_with(text: str, pattern: re.Pattern[str]) -> str | None:
    """The first sentence of text that pattern finds something in."""
    for part in re.split(r"(?<=[.!?。！？])\s+|\n+", text):
        if pattern.search(part):
            return part.strip()
    return None


def quoted(text: str, limit: int = 180) -> str:
    """“text”, cut at a word near limit characters."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"“{flat}”"
