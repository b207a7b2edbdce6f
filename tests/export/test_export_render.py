"""The map really is drawn: render page 1 with poppler's pdftoppm and count the ink."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.export import export_pdf
from app.model import Project

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    """A binary (P5) greyscale PGM: width, height and one byte per pixel (no Pillow needed)."""
    data = path.read_bytes()
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":  # a comment runs to the end of its line
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5" and int(fields[3]) == 255
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + width * height]
    assert len(pixels) == width * height
    return width, height, pixels


def ink(width: int, pixels: bytes, top: int, bottom: int) -> float:
    """Share of non-white pixels between two rows."""
    band = pixels[top * width:bottom * width]
    return sum(1 for p in band if p < 200) / max(1, len(band))


def test_the_map_area_of_page_one_is_not_blank(station_project: Project, tmp_path: Path) -> None:
    pdf = export_pdf(station_project, tmp_path / "e.pdf").path
    subprocess.run(["pdftoppm", "-gray", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=60)
    width, height, pixels = read_pgm(next(tmp_path.glob("page*.pgm")))
    assert (width, height) == (255, 330)  # Letter at 30 dpi
    # the map sits in the lower two thirds of page 1, under the title block
    map_band = ink(width, pixels, height * 40 // 100, height * 85 // 100)
    assert map_band > 0.08
    # and it fills the width: ink on both the left and the right half of the band
    rows = range(height * 40 // 100, height * 85 // 100)
    left = sum(1 for r in rows for c in range(width // 8, width // 2) if pixels[r * width + c] < 200)
    right = sum(1 for r in rows for c in range(width // 2, width * 7 // 8) if pixels[r * width + c] < 200)
    assert left > 200 and right > 200


def test_the_pgm_reader_reads_a_known_image(tmp_path: Path) -> None:
    path = tmp_path / "x.pgm"
    path.write_bytes(b"P5\n# made by hand\n3 2\n255\n" + bytes([0, 255, 255, 255, 255, 10]))
    width, height, pixels = read_pgm(path)
    assert (width, height) == (3, 2)
    assert ink(width, pixels, 0, 2) == pytest.approx(2 / 6)
