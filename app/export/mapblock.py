"""The map and its legend as one flowable that grows to fill the space left on the page.

A map "in a corner of the page" was a complaint about other tools: the map takes what the
page has left (down to a floor, below which it moves to the next page and fills that).
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable

from app.export.mapdrawing import map_drawing
from app.model import Layout
from app.units import DisplayUnits

_GAP = 4.0


class MapBlock(Flowable):
    def __init__(self, layout: Layout, legs: list, units: DisplayUnits, legend: Flowable, frame_h: float,
                 floor: float = 0.42, cap: float = 0.7, fixed: bool = False, shared: float = 0.52,
                 tracing: Tracing | None = None) -> None:
        """fixed: always the height `shared` (of the frame), so that the layouts of one room
        print at one scale whatever is above them; low enough to fit under the title block.
        tracing: the floor plan to lay under the room, when the teacher asked for it."""
        super().__init__()
        self.layout, self.legs, self.units, self.legend, self.tracing = layout, legs, units, legend, tracing
        self.floor_h, self.cap_h = frame_h * floor, frame_h * cap
        self.fixed, self.shared_h = fixed, frame_h * shared
        self.drawing: Drawing | None = None
        self._legend_h = 0.0

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        _, self._legend_h = self.legend.wrap(avail_w, avail_h)
        room = avail_h - self._legend_h - _GAP
        if self.fixed:
            target = self.shared_h
        else:
            target = self.cap_h if room < self.floor_h else min(room, self.cap_h)
        self.drawing = map_drawing(self.layout, self.legs, self.units, avail_w, target, self.tracing)
        self.width = avail_w
        self.height = self.drawing.height + _GAP + self._legend_h
        return self.width, self.height

    def draw(self) -> None:
        assert self.drawing is not None
        self.drawing.drawOn(self.canv, 0, self._legend_h + _GAP)
        self.legend.drawOn(self.canv, 0, 0)
