"""What we can say about a layout: overlaps, blocked doors, walkable space and walking routes.

Pure shapely and numpy: no Qt here (the editor and the PDF both call in).
"""

from app.geometry.analysis import Analysis, Route, analyze, check_layout
from app.geometry.findings import AREA_EPS
from app.geometry.light import check_light as _check_light_unsorted
from app.geometry.findings import ordered as _ordered
from app.model import Finding, Layout


def check_light(layout: Layout) -> list[Finding]:
    """Fast checks, run on every drag step in the editor: zone-overlap, piece-collision,
    outside-room (pieces and zones), door-blocked. Target <= 3 ms at 2000 pieces."""
    return _ordered(_check_light_unsorted(layout))


__all__ = ["AREA_EPS", "Analysis", "Route", "analyze", "check_layout", "check_light"]
