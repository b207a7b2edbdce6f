"""A scanned or photographed floor plan to trace over: reading it, placing it, calibrating it.

Plain functions of the model (no Qt): the editor calls them and records the result as one
undoable edit. A PDF page is rendered to PNG once, on the way in (PDFium, through pypdfium2),
so the project keeps a plain image and opens on any computer.
"""

from __future__ import annotations

import base64
import io
import math
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from app.model import Room, Tracing
from app.model.fields import MAX_IMAGE_BYTES, MAX_PIXELS, image_kind

#: a PDF is rendered so that its longer side has this many pixels at most
PDF_LONG_SIDE = 4000
MAX_PDF_BYTES = 50 * 1024 * 1024
SUFFIXES = (".png", ".jpg", ".jpeg", ".pdf")


class TracingProblem(Exception):
    """Why a file cannot be traced, in one line that names the file."""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_floor_plan(path: str | Path, page: int = 1) -> tuple[bytes, tuple[int, int]]:
    """The PNG or JPEG bytes of the image or PDF page at `path`, and its size in pixels."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.suffix.lower() == ".pdf":
            if size > MAX_PDF_BYTES:
                raise TracingProblem(f"{path.name} is {_mb(size)}; a PDF to trace may be at most {_mb(MAX_PDF_BYTES)}")
            return _render_pdf_page(path, page)
        if size > MAX_IMAGE_BYTES:
            raise TracingProblem(
                f"{path.name} is {_mb(size)}; a floor plan image may be at most {_mb(MAX_IMAGE_BYTES)} "
                "(save it smaller: 150 dpi is plenty to trace)")
        data = path.read_bytes()
    except OSError as e:
        raise TracingProblem(f"{path.name} cannot be read: {e.strerror or e}") from None
    kind = image_kind(data)
    if kind is None:
        raise TracingProblem(f"{path.name} is not a PNG, JPEG or PDF file")
    return _checked(data, path.name)


def _checked(data: bytes, name: str) -> tuple[bytes, tuple[int, int]]:
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise TracingProblem(
                    f"{name} is {width:,} x {height:,} pixels; a floor plan image may have at most "
                    f"{MAX_PIXELS // 1_000_000} million (save it smaller: 150 dpi is plenty to trace)")
            image.load()  # a truncated or damaged file fails here, not later on the plan
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise TracingProblem(f"{name} is damaged or not an image Pillow can read ({e})") from None
    return data, (width, height)


def pdf_page_count(path: str | Path) -> int:
    import pypdfium2

    path = Path(path)
    try:
        with _opened_pdf(path) as pdf:
            return len(pdf)
    except pypdfium2.PdfiumError as e:
        raise TracingProblem(f"{path.name} is not a PDF this program can read ({e})") from None


def _opened_pdf(path: Path):
    import pypdfium2

    return pypdfium2.PdfDocument(str(path))


def _render_pdf_page(path: Path, page: int) -> tuple[bytes, tuple[int, int]]:
    import pypdfium2

    try:
        with _opened_pdf(path) as pdf:
            if not 1 <= page <= len(pdf):
                raise TracingProblem(f"{path.name} has {len(pdf)} page(s); there is no page {page}")
            sheet = pdf[page - 1]
            width_pt, height_pt = sheet.get_size()
            # 200 dpi at most, and no more than PDF_LONG_SIDE pixels along the longer side
            scale = min(200 / 72, PDF_LONG_SIDE / max(width_pt, height_pt, 1.0))
            image = sheet.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
    except pypdfium2.PdfiumError as e:
        raise TracingProblem(f"{path.name} is not a PDF this program can read ({e})") from None
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    data = out.getvalue()
    if len(data) > MAX_IMAGE_BYTES:  # a photograph on a page: JPEG holds it in far less
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85)
        data = out.getvalue()
    if len(data) > MAX_IMAGE_BYTES:
        raise TracingProblem(f"page {page} of {path.name} is still {_mb(len(data))} as an image; "
                             f"the most is {_mb(MAX_IMAGE_BYTES)}")
    return data, image.size


def placed_over(room: Room, data: bytes, pixels: tuple[int, int], name: str) -> Tracing:
    """A new tracing centred on the room and as large as the room: a first guess to calibrate."""
    x0, y0, x1, y1 = room.bounds()
    w_px, h_px = pixels
    per_pixel = max((x1 - x0) / w_px, (y1 - y0) / h_px)
    return Tracing(name=name[:120], image=base64.b64encode(data).decode("ascii"), x=(x0 + x1) / 2,
                   y=(y0 + y1) / 2, width=w_px * per_pixel, depth=h_px * per_pixel)


Point = tuple[float, float]


def calibrated(tracing: Tracing, a: Point, b: Point, real: float) -> Tracing:
    """The tracing scaled about `a` so that the plan points `a` and `b`, clicked on it, lie
    `real` inches apart."""
    measured = math.dist(a, b)
    if measured < 1e-6:
        raise ValueError("the two points are the same point")
    if real <= 0:
        raise ValueError("the real distance must be more than zero")
    f = real / measured
    return changed(tracing, {
        "x": a[0] + (tracing.x - a[0]) * f, "y": a[1] + (tracing.y - a[1]) * f,
        "width": tracing.width * f, "depth": tracing.depth * f,
    })


def squared(tracing: Tracing, a: Point, b: Point) -> Tracing:
    """The tracing turned about the middle of `a`-`b` so that the line a wall drawn on it makes
    from `a` to `b` runs straight across or straight down the plan, whichever is nearer."""
    if math.dist(a, b) < 1e-6:
        raise ValueError("the two points are the same point")
    angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
    turn = -(angle - 90 * round(angle / 90))  # to the nearest multiple of 90 degrees
    return turned(tracing, turn, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))


def turned(tracing: Tracing, degrees: float, about: Point) -> Tracing:
    """The tracing turned `degrees` clockwise about a plan point."""
    t = math.radians(degrees)
    dx, dy = tracing.x - about[0], tracing.y - about[1]
    return changed(tracing, {
        "x": about[0] + dx * math.cos(t) - dy * math.sin(t),
        "y": about[1] + dx * math.sin(t) + dy * math.cos(t),
        "rotation": (tracing.rotation + degrees) % 360.0,
    })


def changed(tracing: Tracing, update: dict) -> Tracing:
    """A copy with `update`, each field checked as in a file: a calibration to a silly distance
    that puts the image beyond 1,000 ft is refused (pydantic's ValidationError, a ValueError).
    The image itself, unchanged, is not decoded again (that took 44 ms for a 10 MB one)."""
    out = tracing.model_copy()
    for name, value in update.items():
        setattr(out, name, value)
    return out


def corners(tracing: Tracing) -> list[Point]:
    """The image's top-left, top-right, bottom-right and bottom-left corners on the plan."""
    t = math.radians(tracing.rotation)
    c, s = math.cos(t), math.sin(t)
    out = []
    for u, v in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        dx, dy = u * tracing.width / 2, v * tracing.depth / 2
        out.append((tracing.x + dx * c - dy * s, tracing.y + dx * s + dy * c))
    return out


def plan_raster(tracing: Tracing, box: tuple[float, float, float, float], per_inch: float) -> Image.Image:
    """The part of the floor plan under the plan box (x0, y0, x1, y1), upright, faded towards
    white as on the plan, at `per_inch` pixels per plan inch: what the evidence map lays under
    the room (ReportLab then needs no rotation and no clipping)."""
    x0, y0, x1, y1 = box
    size = (max(1, round((x1 - x0) * per_inch)), max(1, round((y1 - y0) * per_inch)))
    try:
        with Image.open(io.BytesIO(tracing.image_bytes())) as source:
            image = source.convert("RGB")
    except (OSError, SyntaxError, ValueError) as e:
        raise ValueError(f"the floor plan image kept in this project is damaged ({e}): replace or remove it in the "
                         "Floor plan panel, or untick Show in the evidence PDF") from None
    w_px, h_px = image.size
    # output pixel (i, j) -> plan point -> the image's own frame -> its pixel: one affine map
    t = math.radians(tracing.rotation)
    c, s = math.cos(t), math.sin(t)
    kx, ky = w_px / tracing.width, h_px / tracing.depth
    # plan (x, y) -> local (u, v) = R(-t) (x - cx, y - cy); pixel = (u + w/2) kx, (v + d/2) ky
    ox, oy = x0 - tracing.x, y0 - tracing.y
    step = 1 / per_inch
    matrix = (
        c * step * kx, s * step * kx, (c * ox + s * oy + tracing.width / 2) * kx + (c + s) * step * kx / 2,
        -s * step * ky, c * step * ky, (-s * ox + c * oy + tracing.depth / 2) * ky + (c - s) * step * ky / 2,
    )
    upright = image.transform(size, Image.Transform.AFFINE, matrix, resample=Image.Resampling.BILINEAR,
                              fillcolor=(255, 255, 255))
    return Image.blend(Image.new("RGB", size, (255, 255, 255)), upright, tracing.opacity)
