"""Paper, margins, type sizes and colours shared by every part of the evidence PDF."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import TableStyle

from app.export.fonts import BOLD, REGULAR, register_fonts

PAPERS = {"letter": LETTER, "a4": A4}
MARGIN = 0.6 * inch

INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
RULE = colors.HexColor("#999999")
HEAD_FILL = colors.HexColor("#e8e8e8")
MET = colors.HexColor("#1b7f3b")
UNMET = colors.HexColor("#b3261e")
WARN_FILL = colors.HexColor("#fff4e5")
WARN_EDGE = colors.HexColor("#c77700")

MICROCREDENTIAL = ("Classroom Environment for Personalized Learning, USBE microcredential 2680 "
                   "— Preparation and Planning evidence")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    bullet: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    register_fonts()

    def style(name: str, size: float, lead: float, font: str = REGULAR, **kw: object) -> ParagraphStyle:
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=lead, **kw)

    return Styles(
        title=style("title", 18, 22, BOLD, spaceAfter=4),
        subtitle=style("subtitle", 9.5, 12, textColor=MUTED, spaceAfter=8),
        h1=style("h1", 14, 18, BOLD, spaceBefore=4, spaceAfter=6, keepWithNext=1),
        h2=style("h2", 11, 14, BOLD, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        body=style("body", 9.5, 12.5, spaceAfter=5),
        small=style("small", 8, 10),
        cell=style("cell", 8, 10),
        cell_head=style("cell_head", 8, 10, BOLD),
        bullet=style("bullet", 9.5, 12.5, leftIndent=14, bulletIndent=4, spaceAfter=2, bulletFontName=REGULAR),
    )


def table_style(commands: list[tuple]) -> TableStyle:
    """A TableStyle whose cells default to our font (ReportLab's default is Latin-1 Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def drawing(width: float, height: float) -> Drawing:
    """A Drawing whose text state starts in our font rather than Helvetica."""
    return Drawing(width, height, initialFontName=REGULAR)
