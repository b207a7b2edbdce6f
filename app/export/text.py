"""The one door teacher text goes through on its way into the PDF.

`Paragraph` parses its text as markup: "Desk <A>" raises, "R&D" prints wrong, and an
`<img src=...>` in a teacher's description would make ReportLab fetch a URL. So every string
that did not come from this package is escaped here, and only here: `escape` for a Paragraph,
`runs` (with `text_width` and `draw_text`) for a line drawn on the map or the page itself.

On the way each line is made drawable: Arabic joined into its contextual letter forms
(arabic_reshaper), right-to-left runs put in the order they are drawn (python-bidi, Unicode
Bidirectional Algorithm with mirrored brackets), invisible format characters (bidi controls,
joiners, variation selectors) dropped after they have done their work, and each run of
characters set in a bundled face that has them (fonts.font_runs).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_base_level, get_display
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from app.export.fonts import LATIN, font_runs

# C0 controls other than tab / newline, DEL and C1 controls: the PDF parser has no use for them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff]")
_RIGHT_TO_LEFT = frozenset({"R", "AL", "RLE", "RLO"})
# python-bidi's Python algorithm (the one that mirrors brackets and puts marks after their
# letter, UAX #9 rules L3 and L4; its Rust one does neither) predates the isolates of Unicode
# 6.3: so an isolate is laid out on its own and stands in the text around it for one neutral
# character, which is what an isolate is to its surroundings (UAX #9 BD8, X5a-X6a)
_ISOLATE_DIRECTION = {"\u2066": "L", "\u2067": "R", "\u2068": None}  # LRI, RLI, FSI (first strong)
_POP_ISOLATE = "\u2069"
_STAND_INS = [chr(c) for c in range(0x2400, 0x2440)]  # control pictures: neutral, never mirrored
# the teacher's harakat (vowel marks) are kept: the reshaper's default drops them
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False})


@dataclass(frozen=True)
class Run:
    """Characters drawn one after another in one font, already in drawing (visual) order."""

    font: str
    text: str


def escape(text: object, bold: bool = False) -> str:
    """Any value as Paragraph-safe markup that prints as written; newlines kept as <br/>.

    Characters the body face lacks are wrapped in <font name=...> of a face that has them; pass
    bold=True for text set in bold (a bold style, or inside <b>), since a <font> tag sets the
    weight of its own face.
    """
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    value = _CONTROL.sub("", value)
    return "<br/>".join(_markup(line, bold) for line in value.split("\n"))


def paragraph(text: object, style: ParagraphStyle, bold: bool = False) -> Flowable:
    """A Paragraph of the teacher's text. Text with right-to-left script is broken into lines
    here, in reading order, before each line is put in drawing order: reordered first and
    wrapped after, a three-line Arabic description would print its last line first."""
    value = "" if text is None else _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    if not any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in value):
        return Paragraph(escape(value, bold), style)
    return _ReadingOrder(value, style, bold)


class _ReadingOrder(Flowable):
    """Right-to-left text broken into lines at the width it is given, then laid out line by line."""

    def __init__(self, text: str, style: ParagraphStyle, bold: bool) -> None:
        super().__init__()
        self.text, self.style, self.bold = text, style, bold
        self._inner: Paragraph | None = None

    def _paragraph(self, width: float) -> Paragraph:
        room = width - self.style.leftIndent - self.style.rightIndent - 1.0
        lines = [line for logical in self.text.split("\n")
                 for line in _broken(logical, room, self.style.fontSize, self.bold)]
        style = self.style
        if get_base_level(self.text) == 1:  # a right-to-left paragraph reads from the right margin
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        return Paragraph("<br/>".join(_markup(line, self.bold) for line in lines), style)

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self._inner = self._paragraph(avail_w)
        self.width, self.height = self._inner.wrap(avail_w, avail_h)
        return self.width, self.height

    def split(self, avail_w: float, avail_h: float) -> list[Flowable]:
        return self._paragraph(avail_w).split(avail_w, avail_h)

    def draw(self) -> None:
        assert self._inner is not None
        self._inner.drawOn(self.canv, 0, 0)


def _broken(line: str, width: float, size: float, bold: bool) -> list[str]:
    """A line in reading order cut at spaces into lines no wider than width (a longer word alone)."""
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    out.append(current)
    return out


def _markup(line: str, bold: bool) -> str:
    return "".join(run.text.translate(_XML) if run.font == LATIN.font(bold)
                   else f'<font name="{run.font}">{run.text.translate(_XML)}</font>'
                   for run in runs(line, bold))


def isolate(text: str) -> str:
    """Teacher text set inside a sentence of ours, kept whole whatever its direction: a right-to-left
    name does not carry the words and numbers after it into its run (FSI ... PDI, UAX #9)."""
    return f"\u2068{text}\u2069"


def runs(line: str, bold: bool = False) -> list[Run]:
    """One line of text as it is drawn, left to right: shaped, reordered, font by font."""
    return [Run(font, text) for font, text in font_runs(_visual(line), bold)]


def text_width(line: str, size: float, bold: bool = False) -> float:
    """The width `draw_text` and the map's `text` give the line, in points."""
    return sum(stringWidth(run.text, run.font, size) for run in runs(line, bold))


def draw_text(canvas, x: float, y: float, line: str, size: float, bold: bool = False,
              anchor: str = "start") -> None:
    """canvas.drawString for any script: `anchor` start, middle or end says what x is."""
    pieces = runs(line, bold)
    widths = [stringWidth(run.text, run.font, size) for run in pieces]
    x -= {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor] * sum(widths)
    for run, width in zip(pieces, widths):
        canvas.setFont(run.font, size)
        canvas.drawString(x, y, run.text)
        x += width


def _visual(line: str) -> str:
    """A logical line as the characters to draw left to right, with nothing invisible left."""
    line = unicodedata.normalize("NFC", line)  # decomposed Vietnamese would stack loose accents
    if _ARABIC.search(line):
        line = _RESHAPER.reshape(line)
    return "".join(c for c in _reordered(line, None) if not _invisible(c))


def _reordered(line: str, direction: str | None) -> str:
    """The line in drawing order; direction "L", "R", or None to take its first strong character's."""
    outside: list[str] = []
    isolated: dict[str, str] = {}  # stand-in -> the isolate it stands for, laid out
    depth, start, opener = 0, 0, ""
    for at, char in enumerate(line):
        if char in _ISOLATE_DIRECTION:
            if depth == 0:
                start, opener = at, char
            depth += 1
        elif char == _POP_ISOLATE and depth:
            depth -= 1
            if depth == 0:
                outside.append(_stand_in(line, isolated, _reordered(line[start + 1:at], _ISOLATE_DIRECTION[opener])))
        elif depth == 0:
            outside.append(char)
    if depth:  # an isolate left open runs to the end of the line
        outside.append(_stand_in(line, isolated, _reordered(line[start + 1:], _ISOLATE_DIRECTION[opener])))
    text = "".join(outside)
    if direction is None and not any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in text):
        return "".join(isolated.get(c, c) for c in text)
    if direction is None:
        direction = "R" if get_base_level(text) == 1 else "L"
    return "".join(isolated.get(c, c) for c in get_display(text, base_dir=direction))


def _stand_in(line: str, isolated: dict[str, str], shown: str) -> str:
    free = [c for c in _STAND_INS if c not in line and c not in isolated]
    if not free:
        raise ValueError(f"a line with more than {len(_STAND_INS)} bidi isolates cannot be laid out")
    isolated[free[0]] = shown
    return free[0]


def _invisible(char: str) -> bool:
    """Format characters (bidi controls, joiners, soft hyphen) and variation selectors: no glyph."""
    code = ord(char)
    return unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


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
    """'2 student desks, 1 bookshelf (low), 1 chair': most common first, then by name."""
    counts = Counter(names)
    return ", ".join(f"{n} {plural_name(name) if n != 1 else _lower(name)}"
                     for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def plural_name(name: str) -> str:
    """'Bookshelf (low)' -> 'bookshelves (low)', 'Table for two' -> 'tables for two', 'Rug 6 x 9 ft'
    -> 'rugs 6 x 9 ft', 'Easel / mobile whiteboard' -> 'easels / mobile whiteboards'."""
    return " / ".join(_plural_head(part) for part in _lower(name).split(" / "))


_HEAD_END = re.compile(r" \(| for | \d")


def _plural_head(name: str) -> str:
    cut = _HEAD_END.search(name)
    head, tail = (name[: cut.start()], name[cut.start():]) if cut else (name, "")
    last = head.rsplit(" ", 1)[-1]
    if last.endswith("ies"):
        word = last  # already a plural ('cubbies')
    elif last.endswith(("sh", "ch", "s", "x", "z")):
        word = last + "es"
    elif last.endswith("f"):
        word = last[:-1] + "ves"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        word = last[:-1] + "ies"
    else:
        word = last + "s"
    return head[: len(head) - len(last)] + word + tail


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:] if name[1:2].islower() or len(name) == 1 else name


def join_words(items: list[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]
