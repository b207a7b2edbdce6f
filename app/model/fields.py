"""Field types with the limits every file is held to: finite, sane magnitudes, valid polygons.

Lengths are inches in memory. A file may store another unit: storage validates it with
context={"inches_per_unit": f}, and every Length here scales itself on the way in.
"""

from __future__ import annotations

import base64
import binascii
import io
import math
import warnings
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError

#: 1,000 ft: no classroom is larger, and anything beyond is a typo or a hostile file
MAX_COORD = 12_000.0
#: 100 ft: the largest single piece or opening we accept
MAX_SIZE = 1_200.0
MAX_POLYGON_POINTS = 2_000
#: a point nearer than this (inches) to the line through the others leaves the polygon with no area
FLAT_TOLERANCE = 1e-6


def problem(kind: str, text: str) -> PydanticCustomError:
    """A validation error with a finished sentence (pydantic templates know no format specs)."""
    return PydanticCustomError(kind, "{msg}", {"msg": text})


def _inches(value: float, info: ValidationInfo) -> float:
    factor = (info.context or {}).get("inches_per_unit", 1.0)
    return value * factor


def _coord(value: float, info: ValidationInfo) -> float:
    value = _inches(value, info)
    if abs(value) > MAX_COORD:
        raise problem("too_far", f"{value:.4g} in is beyond 1,000 ft from the origin")
    return value


def _size(value: float, info: ValidationInfo) -> float:
    value = _inches(value, info)
    if value <= 0:
        raise problem("not_positive", f"must be more than zero (got {value:g})")
    if value > MAX_SIZE:
        raise problem("too_big", f"{value:.4g} in is larger than 100 ft")
    return value


def _angle(value: float) -> float:
    return value % 360.0


def _span(value: float, info: ValidationInfo) -> float:
    value = _inches(value, info)
    if value <= 0:
        raise problem("not_positive", f"must be more than zero (got {value:g})")
    if value > 2 * MAX_COORD:
        raise problem("too_big", f"{value:.4g} in is larger than 2,000 ft")
    return value


#: a floor plan image may hold at most this many bytes (a 300 dpi scan of a letter page is ~2 MB)
MAX_IMAGE_BYTES = 10 * 1024 * 1024
#: and at most this many pixels, checked before anything decodes it (a 300 dpi scan of a tabloid
#: page is 15 Mpx); a small file may say it is a huge image
MAX_PIXELS = 40_000_000
_IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def image_kind(data: bytes) -> str | None:
    """"PNG" or "JPEG" by the file's first bytes, else None."""
    return next((kind for sig, kind in _IMAGE_SIGNATURES.items() if data.startswith(sig)), None)


def _tracing_image(value: str) -> str:
    if len(value) > (MAX_IMAGE_BYTES + 2) // 3 * 4:
        raise problem("too_big", f"the image is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    try:
        data = base64.b64decode(value, validate=True)
    except binascii.Error:
        raise problem("not_base64", "is not base64 text (A-Z a-z 0-9 + / =)") from None
    if image_kind(data) is None:
        raise problem("not_an_image", "is neither a PNG nor a JPEG image")
    width, height = image_size(data)
    if width * height > MAX_PIXELS:
        raise problem("too_big", f"the image is {width:,} x {height:,} pixels; at most {MAX_PIXELS // 1_000_000} "
                                 "million are allowed")
    return value


def image_size(data: bytes) -> tuple[int, int]:
    """The width and height a PNG or JPEG says it has, read from its header (nothing decoded);
    a header that cannot be read is refused as a problem."""
    from PIL import Image, UnidentifiedImageError  # only a file with a floor plan needs it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise problem("not_an_image", "is damaged: its header cannot be read as a PNG or a JPEG") from None


Coord = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_coord)]
Size = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_size)]
Angle = Annotated[float, Field(allow_inf_nan=False, ge=-36_000, le=36_000), AfterValidator(_angle)]
Span = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_span)]
TracingImage = Annotated[str, AfterValidator(_tracing_image)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Name = Annotated[str, StringConstraints(max_length=120)]
Text = Annotated[str, StringConstraints(max_length=5_000)]

Point = tuple[Coord, Coord]


def _check_polygon(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    if len(points) < 3:
        raise problem("polygon", f"needs at least 3 points (got {len(points)})")
    if len(points) > MAX_POLYGON_POINTS:
        raise problem("polygon", f"has {len(points)} points; at most {MAX_POLYGON_POINTS:,} are allowed")
    if len(points) > 3 and points[0] == points[-1]:
        points = points[:-1]  # a closed ring written out in full
    # before the crossing test: shapely calls a ring that folds back on one line self-crossing
    flat = _why_flat(points)
    if flat is not None:
        raise problem("polygon", f"has no area ({flat})")
    crossing = _first_self_crossing(points)
    if crossing is not None:
        raise problem("polygon", f"crosses itself near ({crossing[0]:.0f}, {crossing[1]:.0f})")
    if abs(_shoelace(points)) < 1e-6:
        raise problem("polygon", "has no area (it is too thin to hold anything)")
    return points


def _why_flat(points: list[tuple[float, float]]) -> str | None:
    """Why the points enclose nothing (all one point, or all on one line), or None."""
    x0, y0 = points[0]
    # the line through the first point and the one farthest from it: the best-conditioned axis
    far = max(points, key=lambda p: (p[0] - x0) ** 2 + (p[1] - y0) ** 2)
    dx, dy = far[0] - x0, far[1] - y0
    length = math.hypot(dx, dy)
    if length < FLAT_TOLERANCE:
        return "all its points are the same"
    if all(abs((x - x0) * dy - (y - y0) * dx) / length < FLAT_TOLERANCE for x, y in points):
        return "its points lie on one line"
    return None


def _shoelace(points: list[tuple[float, float]]) -> float:
    n = len(points)
    return 0.5 * sum(points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1] for i in range(n))


def _first_self_crossing(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Where the ring crosses or touches itself, or None for a simple polygon."""
    import shapely  # local: keep `import app.model` light

    ring = shapely.LinearRing(points)
    if ring.is_simple:
        return None
    reason = shapely.is_valid_reason(shapely.Polygon(points))
    # "Self-intersection[x y]" / "Ring Self-intersection[x y]"
    if "[" in reason:
        try:
            x, y = (float(v) for v in reason[reason.index("[") + 1 : reason.index("]")].split()[:2])
            if math.isfinite(x) and math.isfinite(y):
                return (x, y)
        except ValueError:
            pass
    return points[0]


Polygon = Annotated[list[Point], AfterValidator(_check_polygon)]
