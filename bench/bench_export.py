"""Evidence PDF export speed: `python -m bench export`.

Targets: a project of 3 layouts x 40 pieces in <= 1 s median; one 400-piece layout in <= 2 s.
Also shows how much of each export is the route analysis (app.geometry.analyze) so a slow
export can be pinned on the router or on the PDF.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from app.export import export_pdf
from app.geometry import analyze
from app.model import Project, Signal, TransitionPlan
from bench.generate import make_layout

RUNS = 5


def _project(sizes: list[int]) -> Project:
    layouts = []
    for i, n in enumerate(sizes):
        layout = make_layout(n, seed=i)
        zones = [z.model_copy(update={"name": f"Station {k + 1} – área {k + 1}", "how_used": "Students work here.",
                                      "positive_environment": "It gives learners a choice."})
                 for k, z in enumerate(layout.zones)]
        plan = TransitionPlan(rotation=layout.transitions.rotation, minutes_per_station=15,
                              signals=[Signal(cue="Chime", meaning="5 minutes left")],
                              entrance_routine="Students check the chart and go to their station.")
        layouts.append(layout.model_copy(update={"id": f"layout-{i}", "name": f"Layout {i + 1} ({n} pieces)",
                                                 "zones": zones, "transitions": plan}))
    return Project(title="Benchmark", teacher="Nguyễn Thị Ánh", layouts=layouts)


def _median(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    cases = [("3 layouts x 40 pieces", [40, 40, 40], 1.0), ("1 layout x 400 pieces", [400], 2.0)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.pdf"
        export_pdf(_project([10]), out)  # warm up: font registration, imports
        rows = []
        for name, sizes, target in cases:
            project = _project(sizes)
            total = _median(lambda p=project: export_pdf(p, out))
            routes = _median(lambda p=project: [analyze(layout) for layout in p.layouts])
            pages = export_pdf(project, out).pages
            rows.append((name, total, routes, target, pages))
    print(f"{'case':<24} {'export s':>9} {'routes s':>9} {'pdf s':>7} {'target s':>9} {'ratio':>6} {'pages':>6}")
    for name, total, routes, target, pages in rows:
        print(f"{name:<24} {total:>9.3f} {routes:>9.3f} {total - routes:>7.3f} {target:>9.1f} "
              f"{total / target:>6.2f} {pages:>6}")
    print(f"(median of {RUNS} runs; ratio = export median / target, <= 1.00 meets the target)")


if __name__ == "__main__":
    main()
