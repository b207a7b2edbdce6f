"""The TrueType fonts every word of the PDF is set in (embedded, subset by ReportLab), and which
of them draws each character.

The standard 14 PDF fonts are Latin-1 only; teachers' and students' names are not. DejaVu Sans
sets Latin, Vietnamese, Greek and Cyrillic; Noto Sans Arabic and Noto Sans Hebrew their scripts;
a subset of Droid Sans Fallback Chinese, Japanese and Korean; Noto Emoji (monochrome) emoji.
Sources, versions and the CJK subset are in assets/fonts/README.md, licences beside the fonts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@dataclass(frozen=True)
class Family:
    """A typeface in its two weights; a face with one weight gives the same file for both."""

    regular: str
    bold: str
    regular_file: str
    bold_file: str

    def font(self, bold: bool) -> str:
        return self.bold if bold else self.regular


LATIN = Family(REGULAR, BOLD, "DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
ARABIC = Family("NotoSansArabic", "NotoSansArabic-Bold", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")
HEBREW = Family("NotoSansHebrew", "NotoSansHebrew-Bold", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf")
CJK = Family("DroidSansFallback", "DroidSansFallback", "DroidSansFallback-Subset.ttf", "DroidSansFallback-Subset.ttf")
EMOJI = Family("NotoEmoji", "NotoEmoji", "NotoEmoji-Regular.ttf", "NotoEmoji-Regular.ttf")

#: the order a character that no script claims tries the families in
FAMILIES = (LATIN, ARABIC, HEBREW, CJK, EMOJI)

#: blocks whose characters go to their script's face first: DejaVu has Arabic, Hebrew and a few
#: emoji too, but neither the Noto letter forms nor all of the emoji
_CLAIMS = (
    (0x0590, 0x05FF, HEBREW), (0x0600, 0x06FF, ARABIC), (0x0750, 0x077F, ARABIC), (0x0870, 0x08FF, ARABIC),
    (0xFB1D, 0xFB4F, HEBREW), (0xFB50, 0xFDFF, ARABIC), (0xFE70, 0xFEFC, ARABIC), (0x1F000, 0x1FAFF, EMOJI),
)

#: the Arabic presentation forms the shaped text is drawn in
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
_TO_UNICODE_ENTRY = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{4,6})>$", re.MULTILINE)


class _EmbeddedFont(TTFont):
    """A TTFont whose ToUnicode map gives back what the teacher typed (copy, search, pdftotext).

    ReportLab 5.1 writes a character past U+FFFF as five hex digits instead of UTF-16, so 😀 read
    back as garbage; and the Arabic presentation forms the shaped text is drawn in should read
    back as the letters typed. Both are mapped to UTF-16BE strings, as PDF 32000 9.10.3 allows.
    Right-to-left text is drawn in visual order, and a reader reverses it, so a ligature's
    letters are given in visual order too (lam-alef as alef, lam): pdftotext and pypdf then
    give back the lam before the alef.
    """

    def addObjects(self, doc) -> None:  # noqa: N802 - ReportLab's name
        super().addObjects(doc)
        suffix = "+" + self.face.name.decode("latin-1")
        for key, obj in doc.idToObject.items():
            if isinstance(key, str) and key.startswith("toUnicodeCMap:") and key.endswith(suffix):
                obj.content = _TO_UNICODE_ENTRY.sub(_utf16_entry, obj.content)


def _utf16_entry(entry: re.Match) -> str:
    char = chr(int(entry[2], 16))
    typed = unicodedata.normalize("NFKC", char)[::-1] if _PRESENTATION_FORMS.fullmatch(char) else char
    return f"<{entry[1]}> <{typed.encode('utf-16-be').hex().upper()}>"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register every face once per process; returns the names of the body text's two weights."""
    for family in FAMILIES:
        for name, filename in ((family.regular, family.regular_file), (family.bold, family.bold_file)):
            path = FONT_DIR / filename
            if not path.is_file():
                raise FileNotFoundError(f"the PDF font {path} is missing: reinstall the program")
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(_EmbeddedFont(name, str(path)))
        # <b> inside a Paragraph picks the bold face; there is no italic face, so italic stays upright
        addMapping(family.regular, 0, 0, family.regular)
        addMapping(family.regular, 1, 0, family.bold)
        addMapping(family.regular, 0, 1, family.regular)
        addMapping(family.regular, 1, 1, family.bold)
    return REGULAR, BOLD


def covers(font: str, char: str) -> bool:
    """Whether the registered font has a glyph of its own for the character (not .notdef)."""
    return ord(char) in pdfmetrics.getFont(font).face.charToGlyph


def font_runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Text already in the order it is drawn, cut into (font name, characters) pieces, each
    character in the first face that has it: its script's own face, then FAMILIES in order.

    A character no bundled face has stays in DejaVu Sans, whose .notdef box shows that it is missing.
    """
    register_fonts()
    pieces: list[tuple[str, str]] = []
    for char in text:
        previous = pieces[-1][0] if pieces else None
        font = _font_for(char, bold, previous)
        if font == previous:
            pieces[-1] = (font, pieces[-1][1] + char)
        else:
            pieces.append((font, char))
    return pieces


def _font_for(char: str, bold: bool, previous: str | None) -> str:
    if previous is not None and unicodedata.category(char).startswith("M") and covers(previous, char):
        return previous  # a combining mark stays with the letter it sits on
    code = ord(char)
    claimed = [family for low, high, family in _CLAIMS if low <= code <= high]
    for font in [f.font(bold) for f in claimed + list(FAMILIES)] + [f.regular for f in FAMILIES]:
        if covers(font, char):
            return font
    return LATIN.font(bold)
