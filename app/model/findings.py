"""What a check says about a layout: one finding per problem, with where to look."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Severity(StrEnum):
    ERROR = "error"  # the plan does not work (or the evidence would be rejected)
    WARNING = "warning"  # it works, but a reviewer or a fire marshal would frown
    INFO = "info"  # worth knowing: route lengths, counts


class Finding(BaseModel):
    severity: Severity
    code: str  # stable: "zone-overlap", "piece-collision", "outside-room", ...
    message: str  # one sentence a teacher understands
    ids: list[str] = Field(default_factory=list)  # pieces, zones, doors involved
    point: tuple[float, float] | None = None  # where to centre the view
    polygon: list[tuple[float, float]] | None = None  # the area to highlight (overlap, gap)
    path: list[tuple[float, float]] | None = None  # a route, when the finding is about one

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
