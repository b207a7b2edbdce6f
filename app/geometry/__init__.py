"""What we can say about a layout: overlaps, blocked doors, walkable floor and walking routes.

Pure shapely and numpy, no Qt: the editor, the CLI and the PDF all call in. docs/checks.md says
what each check means.
"""

from app.geometry.analysis import Analysis, Route, analyze, check_layout, check_light
from app.geometry.findings import AREA_EPS
from app.geometry.session import CheckSession

__all__ = ["AREA_EPS", "Analysis", "CheckSession", "Route", "analyze", "check_layout", "check_light"]
