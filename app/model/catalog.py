"""The furniture catalog (assets/catalog.json): kinds of piece with real default sizes."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ASSETS = Path(__file__).resolve().parent.parent / "assets"
CATALOG_PATH = ASSETS / "catalog.json"

Shape = Literal["rect", "round", "trapezoid", "kidney", "L"]
HeightClass = Literal["low", "table", "tall"]


class CatalogItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    short: str = ""  # what the plan writes on a piece too small for its name ("Desk", "Laptop cart")
    category: Literal["desks", "teacher", "tables", "seating", "floor", "storage", "tech", "fixed"]
    shape: Shape
    width: float = Field(gt=0)
    depth: float = Field(gt=0)
    arm: float | None = Field(default=None, gt=0)  # L shape: the arms' width
    height: HeightClass
    walkable: bool  # a rug or a cushion is floor: people walk over it, nothing collides with it
    seats: int = Field(ge=0)

    @property
    def blocks_sight(self) -> bool:
        return self.height == "tall"


class Catalog(BaseModel):
    about: str = ""
    items: list[CatalogItem]

    def get(self, kind: str) -> CatalogItem | None:
        return self._by_id().get(kind)

    def _by_id(self) -> dict[str, CatalogItem]:
        return {item.id: item for item in self.items}


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return Catalog.model_validate(json.loads(CATALOG_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=None)
def catalog_item(kind: str) -> CatalogItem | None:
    return catalog().get(kind)
