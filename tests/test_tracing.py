"""A traced floor plan, without the editor: reading PNG, JPEG and PDF pages, what is refused and
how, calibrating and squaring, keeping it in the file, and the PDF map that shows it only when asked."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from app import tracing as tr
from app.cli import main
from app.export import export_pdf
from app.model import Room
from app.model.fields import MAX_IMAGE_BYTES
from app.storage import load_project, loads_project, save_project
from app.ui.document import blank_project

ROOM = Room(outline=[(0, 0), (360, 0), (360, 384), (0, 384)])


def plan_png(path: Path, size=(1200, 1000), fmt: str = "PNG") -> Path:
    """A floor plan drawing: a thick rectangle for the walls and two dots 1000 px apart."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 1100, 900), outline="black", width=12)
    for x in (100, 1100):
        draw.ellipse((x - 6, 494, x + 6, 506), fill="red")
    image.save(path, fmt)
    return path


def test_a_png_and_a_jpeg_are_read_as_they_are(tmp_path):
    png = plan_png(tmp_path / "plan.png")
    data, pixels = tr.read_floor_plan(png)
    assert data == png.read_bytes() and pixels == (1200, 1000)
    jpg = plan_png(tmp_path / "photo.jpg", fmt="JPEG")
    data, pixels = tr.read_floor_plan(jpg)
    assert data[:3] == b"\xff\xd8\xff" and pixels == (1200, 1000)


def test_a_pdf_page_is_rendered_to_a_png_of_at_most_4000_pixels(tmp_path):
    pdf = tmp_path / "plans.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(17 * 72, 11 * 72))  # tabloid, landscape
    c.rect(72, 72, 15 * 72, 9 * 72, stroke=1, fill=0)
    c.showPage()
    c.rect(100, 100, 200, 200, stroke=1, fill=1)
    c.showPage()
    c.save()
    assert tr.pdf_page_count(pdf) == 2
    data, (w, h) = tr.read_floor_plan(pdf, page=2)
    assert data.startswith(b"\x89PNG") and max(w, h) <= tr.PDF_LONG_SIDE
    assert w / h == pytest.approx(17 / 11, rel=0.01)
    with Image.open(io.BytesIO(data)) as page:  # the filled square of page 2 is there, in black
        assert page.convert("L").getpixel((round(200 / 72 * w / 17), h - round(200 / 72 * w / 17))) < 50
    with pytest.raises(tr.TracingProblem, match=r"^plans\.pdf has 2 page\(s\); there is no page 3$"):
        tr.read_floor_plan(pdf, page=3)


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"GIF89a......"), r"^odd\.png is not a PNG, JPEG or PDF file$"),
    (lambda p: p.write_bytes(plan_png(p.with_suffix(".tmp.png")).read_bytes()[:400]),
     r"^odd\.png is damaged or not an image Pillow can read \("),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (MAX_IMAGE_BYTES + 1)),
     r"^odd\.png is 10\.0 MB; a floor plan image may be at most 10\.0 MB \(save it smaller: 150 dpi is plenty to trace\)$"),
    (lambda p: Image.new("1", (8000, 6000)).save(p, "PNG"),
     r"^odd\.png is 8,000 x 6,000 pixels; a floor plan image may have at most 40 million"),
    (lambda p: None, r"^odd\.png cannot be read: No such file or directory$"),
])
def test_what_cannot_be_traced_is_refused_in_one_line_naming_the_file(tmp_path, make, message):
    path = tmp_path / "odd.png"
    make(path)
    with pytest.raises(tr.TracingProblem, match=message):
        tr.read_floor_plan(path)


def test_a_new_tracing_covers_the_room_and_calibration_sets_the_true_scale(tmp_path):
    data, pixels = tr.read_floor_plan(plan_png(tmp_path / "plan.png"))
    t = tr.placed_over(ROOM, data, pixels, "plan.png")
    assert (t.x, t.y) == (180, 192) and t.width >= 360 and t.depth >= 384
    assert t.width / t.depth == pytest.approx(1.2)
    # the two dots, where they lie on the plan now: 1000 px apart; say they are 30 ft apart
    per_px = t.width / 1200
    a = (t.x - t.width / 2 + 100 * per_px, t.y - t.depth / 2 + 500 * per_px)
    b = (a[0] + 1000 * per_px, a[1])
    scaled = tr.calibrated(t, a, b, 360.0)
    assert scaled.width == pytest.approx(432.0)  # 1200 px at 0.36 in each
    # the first point stays where it was clicked: the image grows about it
    assert scaled.x - scaled.width / 2 + 100 * 0.36 == pytest.approx(a[0])
    with pytest.raises(ValueError, match="same point"):
        tr.calibrated(t, a, a, 360.0)
    with pytest.raises(ValueError):  # 100 km: beyond what a plan holds
        tr.calibrated(t, a, b, 4_000_000.0)


def test_squaring_turns_a_crooked_wall_straight_about_its_middle():
    data = io.BytesIO()
    Image.new("L", (100, 80), 255).save(data, "PNG")
    t = tr.placed_over(ROOM, data.getvalue(), (100, 80), "scan.png")
    a, b = (100.0, 100.0), (200.0, 100.0 + 100 * math.tan(math.radians(4)))  # 4 degrees off
    square = tr.squared(t, a, b)
    assert square.rotation == pytest.approx(356.0)
    near_vertical = tr.squared(t, (50, 50), (53, 150))  # nearer to straight down: made straight down
    assert near_vertical.rotation == pytest.approx(math.degrees(math.atan2(3, 100)))
    middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    back = tr.turned(square, 4.0, middle)
    assert (back.x, back.y, back.rotation % 360) == pytest.approx((t.x, t.y, 0.0))


def test_the_tracing_is_kept_in_the_file_and_a_version_2_file_has_none(tmp_path):
    data, pixels = tr.read_floor_plan(plan_png(tmp_path / "plan.png"))
    project = blank_project()
    project.tracing = tr.changed(tr.placed_over(ROOM, data, pixels, "plan.png"), {"opacity": 0.3, "locked": True})
    save_project(project, tmp_path / "room.classroom.json")
    again = load_project(tmp_path / "room.classroom.json")
    assert again.tracing == project.tracing and again.tracing.image_bytes() == data
    stored = json.loads((tmp_path / "room.classroom.json").read_text())
    assert stored["schema_version"] == 3
    stored["schema_version"] = 2
    del stored["tracing"]
    assert loads_project(json.dumps(stored)).tracing is None


def test_the_pdf_map_shows_the_floor_plan_only_when_asked(tmp_path):
    data, pixels = tr.read_floor_plan(plan_png(tmp_path / "plan.png"))
    project = blank_project()
    project.tracing = tr.placed_over(ROOM, data, pixels, "plan.png")
    left_out = export_pdf(project, tmp_path / "plain.pdf").path
    assert sum(len(page.images) for page in PdfReader(left_out).pages) == 0
    project.tracing = tr.changed(project.tracing, {"in_pdf": True})
    shown = export_pdf(project, tmp_path / "traced.pdf").path
    images = [image for page in PdfReader(shown).pages for image in page.images]
    assert len(images) == 1
    assert shown.stat().st_size < left_out.stat().st_size + 600_000  # laid in at 150 dpi, not the full scan


def test_the_upright_raster_puts_each_part_of_the_image_where_the_plan_shows_it():
    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).rectangle((0, 0, 99, 49), fill="black")  # the top-left corner block
    data = io.BytesIO()
    image.save(data, "PNG")
    t = tr.changed(tr.placed_over(Room(outline=[(0, 0), (400, 0), (400, 200), (0, 200)]), data.getvalue(),
                                  (400, 200), "block.png"), {"opacity": 1.0})
    turned = tr.turned(t, 90, (200, 100))  # a quarter turn clockwise: the block goes top-right
    raster = tr.plan_raster(turned, (0, -100, 400, 300), 1.0)
    assert raster.getpixel((275, 50)) == (0, 0, 0) and raster.getpixel((125, 150)) == (255, 255, 255)
    faded = tr.plan_raster(tr.changed(turned, {"opacity": 0.25}), (0, -100, 400, 300), 1.0)
    assert faded.getpixel((275, 50)) == pytest.approx((191, 191, 191), abs=2)


def test_the_checks_answer_the_same_with_or_without_a_floor_plan(tmp_path, capsys):
    data, pixels = tr.read_floor_plan(plan_png(tmp_path / "plan.png"))
    project = blank_project()
    save_project(project, tmp_path / "plain.classroom.json")
    project.tracing = tr.placed_over(ROOM, data, pixels, "plan.png")
    save_project(project, tmp_path / "traced.classroom.json")
    answers = []
    for name in ("plain", "traced"):
        code = main(["check", "--json", str(tmp_path / f"{name}.classroom.json")])
        answers.append((code, json.loads(capsys.readouterr().out)))
    assert answers[0] == answers[1]


def test_a_damaged_image_kept_in_a_file_stops_the_pdf_with_one_line_not_a_traceback(tmp_path, capsys):
    data, pixels = tr.read_floor_plan(plan_png(tmp_path / "plan.png"))
    project = blank_project()
    # a sound header, the picture cut off half way (a copy that did not finish)
    project.tracing = tr.changed(tr.placed_over(ROOM, data[: len(data) // 2], pixels, "plan.png"), {"in_pdf": True})
    save_project(project, tmp_path / "room.classroom.json")
    assert main(["check", str(tmp_path / "room.classroom.json")]) in (0, 1)  # the checks do not need it
    capsys.readouterr()
    code = main(["export", str(tmp_path / "room.classroom.json"), "-o", str(tmp_path / "room.pdf")])
    err = capsys.readouterr().err.strip()
    assert code != 0 and "\n" not in err and "Traceback" not in err
    assert "the floor plan image kept in this project is damaged" in err and "untick Show in the evidence PDF" in err
    assert not (tmp_path / "room.pdf").exists()
