"""Every script a teacher types reaches the PDF drawn (a glyph of the font it is set in, Arabic
joined, right-to-left text right to left) and reads back as typed (pdftotext, pypdf)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import String
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from app.export import export_pdf
from app.export.fonts import ARABIC, CJK, EMOJI, HEBREW, LATIN, covers
from app.export.mapdrawing import map_drawing
from app.export.styles import styles
from app.export.text import escape, isolate, runs, text_width
from app.model import Project

from .conftest import station_layout  # noqa: TID252 - helpers beside the tests

NAMES = {
    "guided": "老师的桌子 Teacher",        # Chinese
    "groups": "ركن التعاون",              # Arabic
    "online": "פינת מחשבים 💻",            # Hebrew and an emoji
    "reading": "Góc đọc sách 📚 독서 코너",  # Vietnamese, emoji, Korean
}
USES = {
    "guided": "先生は四人の生徒と分数の短い授業をします。",
    "groups": "يعمل الطلاب معا",
    "online": "התלמידים צופים בסרטון",
    "reading": "Học sinh đọc sách 😀 yên lặng.",
}
TEACHER = "Nguyễn Thị Ánh \u2066محمد\u2069 김민준"  # an isolate, as a name pasted from a web page has
SCHOOL = "José Peña 小学校"


def script_project(title: str) -> Project:
    layout = station_layout()
    zones = [zone.model_copy(update={"name": NAMES.get(zone.id, zone.name), "how_used": USES.get(zone.id, zone.how_used)})
             for zone in layout.zones]
    return Project(title=title, teacher=TEACHER, school=SCHOOL, course="Grade 5", class_size=24,
                   layouts=[layout.model_copy(update={"zones": zones})])


def typed_words() -> list[str]:
    """Every word typed above, as it should read back (no invisible characters)."""
    words = []
    for value in [*NAMES.values(), *USES.values(), TEACHER, SCHOOL]:
        words += visible(value).split()
    return words


def squeezed(text: str) -> str:
    """Without any whitespace: a line of Chinese or Japanese wraps between any two characters."""
    return "".join(visible(text).split())


def visible(text: str) -> str:
    """Text as a reader copies it: compatibility forms folded, format characters (bidi marks) gone."""
    folded = unicodedata.normalize("NFKC", text)
    return " ".join("".join(c for c in folded if unicodedata.category(c) != "Cf").split())


@pytest.fixture
def missing_glyphs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(font, character) for every character drawn in a TrueType font that has no glyph for it."""
    found: list[tuple[str, str]] = []
    split = ttfonts.TTFont.splitString

    def checked(self, text, doc, encoding="utf-16"):
        found.extend((self.fontName, c) for c in text if ord(c) not in self.face.charToGlyph)
        return split(self, text, doc, encoding)

    monkeypatch.setattr(ttfonts.TTFont, "splitString", checked)
    return found


def test_every_character_drawn_has_a_glyph_in_its_font(tmp_path: Path, missing_glyphs) -> None:
    export_pdf(script_project("Room 12 stations"), tmp_path / "e.pdf")
    assert missing_glyphs == []


def test_the_title_in_every_script_has_its_glyphs_in_the_header_and_footer(tmp_path: Path, missing_glyphs) -> None:
    export_pdf(script_project("教室 12 – ركن القراءة – כיתה 😀 Lớp học"), tmp_path / "e.pdf")
    assert missing_glyphs == []


def test_pypdf_reads_back_every_word_typed(tmp_path: Path) -> None:
    title = "教室 12 – ركن القراءة – כיתה 😀 Lớp học"
    path = export_pdf(script_project(title), tmp_path / "e.pdf").path
    text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    tokens = {"".join(sorted(token)) for token in visible(text).split()}
    for word in typed_words() + visible(title).split():
        if any(unicodedata.bidirectional(c) in ("R", "AL") for c in word):
            # pypdf 7 gives each right-to-left word in logical order but the two letters of a
            # lam-alef as drawn (pdftotext below gives them as typed): the letters are all there
            assert "".join(sorted(word)) in tokens
        else:
            assert word in squeezed(text)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdftotext_reads_back_what_was_typed_in_logical_order(tmp_path: Path) -> None:
    title = "教室 12 – ركن القراءة – כיתה 😀 Lớp học"
    path = export_pdf(script_project(title), tmp_path / "e.pdf").path
    text = visible(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)
    assert "\x00" not in text and "\ufffd" not in text
    for phrase in ["ركن التعاون", "פינת מחשבים", "ركن القراءة", "Góc đọc sách", "독서 코너", SCHOOL, "Lớp học"]:
        assert phrase in text  # one direction each, so the words come back in the order typed
    for word in typed_words() + visible(title).split():
        assert word in squeezed(text)


def test_arabic_is_joined_and_both_right_to_left_scripts_run_right_to_left() -> None:
    [arabic] = runs("ركن")
    assert (arabic.font, arabic.text) == (ARABIC.regular, "\ufee6\ufedb\ufead")  # final noon, medial kaf, reh
    [hebrew] = runs("שלום")
    assert (hebrew.font, hebrew.text) == (HEBREW.regular, "םולש")
    assert [r.text for r in runs("ركن (القراءة)")][:1] == ["("]  # the bracket that closes it, mirrored
    [pointed] = runs("שָׁלוֹם")
    assert unicodedata.category(pointed.text[-1]) == "Lo"  # marks after their letter: shin last, drawn at the left


def test_a_right_to_left_name_inside_our_sentence_keeps_the_numbers_after_it() -> None:
    line = "".join(r.text for r in runs(f"Station 2 ({isolate('ركن التعاون')}): 13 ft from the door"))
    assert line.startswith("Station 2 (") and line.endswith("): 13 ft from the door")


def test_bidi_controls_and_variation_selectors_are_not_drawn() -> None:
    drawn = "".join(r.text for r in runs("A\u2066B\u2069 \u2067C\u2069 \u200fD\u200e ❤\ufe0f \u00ad"))
    assert drawn == "AB C D ❤ "


def test_each_run_of_characters_gets_the_face_that_has_them() -> None:
    fonts = [r.font for r in runs("Lớp ركن 教室 שלום 한국 です 📚")]
    assert fonts == [LATIN.regular, ARABIC.regular, LATIN.regular, CJK.regular, LATIN.regular, HEBREW.regular,
                     LATIN.regular, CJK.regular, LATIN.regular, CJK.regular, LATIN.regular, EMOJI.regular]
    assert [r.font for r in runs("ركن", bold=True)] == [ARABIC.bold]


def test_escaped_markup_names_the_fallback_faces_and_reads_back() -> None:
    assert escape("Desk <A> & Zoë") == "Desk &lt;A&gt; &amp; Zoë"  # Latin needs no font tag
    markup = escape("Room <1> 教室 ركن 📚", bold=True)
    assert f'<font name="{CJK.bold}">教室</font>' in markup and f'<font name="{ARABIC.bold}">' in markup
    para = Paragraph(markup, styles().body)
    para.wrap(400, 100)
    assert para.getPlainText().startswith("Room <1> 教室 ")


def test_the_map_sets_every_label_in_fonts_that_have_its_characters() -> None:
    layout = script_project("t").layouts[0]
    drawing = map_drawing(layout, [], "ft-in", 500, 500)

    def strings(node):
        for child in getattr(node, "contents", []):
            if isinstance(child, String):
                yield child
            yield from strings(child)

    drawn = list(strings(drawing))
    assert all(covers(s.fontName, c) for s in drawn for c in s.text)
    assert {ARABIC.regular, HEBREW.regular, CJK.regular, EMOJI.regular} <= {s.fontName for s in drawn}


def test_a_line_is_as_wide_as_the_runs_it_is_drawn_in() -> None:
    line = "Góc 📚 ركن 教室"
    assert text_width(line, 10) == pytest.approx(sum(stringWidth(r.text, r.font, 10) for r in runs(line)))
    assert text_width(line, 10) > text_width("Góc", 10)


def test_draw_text_sets_a_canvas_line_in_every_script(tmp_path: Path, missing_glyphs) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from app.export.fonts import register_fonts
    from app.export.text import draw_text

    register_fonts()
    canvas = Canvas(str(tmp_path / "line.pdf"))
    draw_text(canvas, 300, 700, "教室 12 – ركن القراءة – כיתה 😀 Lớp học", 9, anchor="middle")
    canvas.save()
    assert missing_glyphs == []
    text = " ".join(page.extract_text() for page in PdfReader(str(tmp_path / "line.pdf")).pages)
    assert "教室" in text and "😀" in text and "Lớp học" in text


@pytest.mark.parametrize("first, filler, last", [("بداية", "مدرسة", "نهاية"), ("התחלה", "כיתה", "סוף")])
def test_a_right_to_left_paragraph_over_several_lines_reads_top_to_bottom(tmp_path: Path, first: str, filler: str,
                                                                       last: str) -> None:
    """Reordered before it was wrapped, a long Arabic or Hebrew description printed its last line first."""
    notes = " ".join([first] + [filler] * 60 + [last])
    project = script_project("Room 12")
    project = project.model_copy(update={"layouts": [project.layouts[0].model_copy(update={"notes": notes})]})
    path = export_pdf(project, tmp_path / "e.pdf").path
    lines = [line for page in PdfReader(str(path)).pages for line in page.extract_text().splitlines()]
    top = next(n for n, line in enumerate(lines) if first in line)
    bottom = next(n for n, line in enumerate(lines) if last in line)
    assert top < bottom and sum(filler in line for line in lines[top:bottom + 1]) >= 3  # several lines, in order
