"""The TrueType font every word of the PDF is set in (embedded, subset by ReportLab).

The standard 14 PDF fonts are Latin-1 only; teachers' and students' names are not
("Nguyễn Thị Ánh"). DejaVu Sans covers Latin, Vietnamese, Greek and Cyrillic; its license
travels beside it in assets/fonts/LICENSE-DejaVu.txt.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces once per process; returns their names."""
    for name, filename in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        path = FONT_DIR / filename
        if not path.is_file():
            raise FileNotFoundError(f"the PDF font {path} is missing: reinstall the program")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> inside a Paragraph picks the bold face; there is no italic face, so italic stays upright
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD


def text_width(text: str, size: float, bold: bool = False) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, BOLD if bold else REGULAR, size)
