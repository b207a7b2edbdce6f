"""The domain model: the single source of truth. No Qt here (tests/test_architecture.py)."""

from app.model.catalog import Catalog, CatalogItem, catalog, catalog_item
from app.model.findings import Finding, Severity
from app.model.kinds import ZONE_KINDS, KindStyle, ZoneKind
from app.model.project import (
    DEFAULT_CLEAR_WIDTH,
    SCHEMA_VERSION,
    Door,
    Layout,
    Piece,
    Project,
    Room,
    Signal,
    Tracing,
    TransitionPlan,
    WallFeature,
    Window,
    Zone,
)

__all__ = [
    "Catalog", "CatalogItem", "catalog", "catalog_item", "Finding", "Severity", "ZONE_KINDS", "KindStyle",
    "ZoneKind", "DEFAULT_CLEAR_WIDTH", "SCHEMA_VERSION", "Door", "Layout", "Piece", "Project", "Room",
    "Signal", "Tracing", "TransitionPlan", "WallFeature", "Window", "Zone",
]
