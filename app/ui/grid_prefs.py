"""Preferences applied to the plan: units on screen, grid step and snapping."""

from __future__ import annotations

from app.canvas.grid import GridSpec


def apply_grid(scene, prefs) -> None:
    scene.units = prefs.units
    scene.snapping = prefs.snapping
    # a metric teacher keeps the 10 cm grid unless they chose a step; 12 in is the ft-in default
    minor = None if (prefs.units == "metric" and prefs.grid == 12.0) else prefs.grid
    scene.grid = GridSpec.for_units(prefs.units, minor)
    scene.update()
