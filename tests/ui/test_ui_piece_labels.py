"""A piece's label reads: its whole name where it fits, else a short name that reads, with the
whole name on hover."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from app.canvas.items import PieceItem
from app.model import Piece


def metrics(px: int) -> QFontMetrics:
    font = QFont()
    font.setPixelSize(px)
    return QFontMetrics(font)


def test_a_name_that_fits_is_written_whole(qapp):
    item = PieceItem(Piece(id="t", kind="teacher-desk", x=0, y=0))
    assert item.label_text(metrics(6), 200) == "Teacher desk"


def test_a_name_too_long_becomes_a_short_one_that_reads(qapp):
    cart = PieceItem(Piece(id="c", kind="charging-cart", x=0, y=0))
    m = metrics(6)
    width = m.horizontalAdvance("Laptop cart") + 1
    assert m.horizontalAdvance("Charging cart") > width
    assert cart.label_text(m, width) == "Laptop cart"
    assert cart.toolTip().startswith("Charging cart:")
    desk = PieceItem(Piece(id="d", kind="student-desk", x=0, y=0))
    desk.set_number(14)
    assert desk.label_text(m, m.horizontalAdvance("Desk 14") + 1) == "Desk 14"
    assert desk.toolTip().startswith("Student desk 14:")


def test_a_teachers_own_label_is_kept_and_cut_only_when_nothing_fits(qapp):
    piece = PieceItem(Piece(id="k", kind="kidney-table", x=0, y=0, label="Guided reading"))
    m = metrics(6)
    assert piece.label_text(m, 500) == "Guided reading"
    width = m.horizontalAdvance("Guided r…") + 1
    assert piece.label_text(m, width) == "Guided r…"  # a flat piece: one line, cut
    assert piece.label_text(m, width, height=3 * m.height()) == "Guided\nreading"  # deep enough for two


def test_a_label_cut_to_a_stub_is_not_written_at_all(qapp):
    stool = PieceItem(Piece(id="s", kind="stool", x=0, y=0))
    m = metrics(6)
    assert stool.label_text(m, m.horizontalAdvance("St…") + 1) == ""  # "St…" reads as nothing
    assert stool.label_text(m, m.horizontalAdvance("Stool") + 1) == "Stool"
    assert stool.toolTip().startswith("Wobble stool")
