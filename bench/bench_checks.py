"""Speed of the checks at real sizes: `python -m bench checks`.

Prints medians for check_light and check_layout on generated layouts (bench/generate.py) of
30 to 2,000 pieces, and a naive pairwise overlap check measured in the same run. Each full run
checks the layout after one more edit (one more piece moved a little, as after a drag): what
the editor does after every edit, so the caches it keeps between edits (footprints, floor tiles, walks the
edit cannot change: app.geometry.tiles, app.geometry.reuse) work as they do there. "cold ms"
empties those caches before every run (the first check of a freshly opened plan).
"""

from __future__ import annotations

import collections
import os
import statistics
import time
from contextlib import contextmanager

import shapely

from app.geometry import check_layout, check_light
from app.geometry.analysis import forget
from app.geometry.shapes import piece_shapes
from bench.generate import make_layout

SIZES = (30, 100, 400, 2000)
#: edits timed one after another (9 at 2,000 pieces): 41 keep the median steadier than 21 did
EDITS = 41
TARGETS_FULL = {100: 10.0, 400: 60.0, 2000: 600.0}
TARGET_LIGHT_2000 = 3.0


def _times_ms(run, repeats: int) -> list[float]:
    times = []
    for k in range(repeats):
        t = time.perf_counter()
        run(k)
        times.append((time.perf_counter() - t) * 1e3)
    return times


def _median_ms(run, repeats: int) -> float:
    return statistics.median(_times_ms(run, repeats))


def _naive_overlaps(layout) -> int:
    """The obvious way: every pair of solid pieces, intersects then area, in Python."""
    geoms, solid = piece_shapes(layout)
    shapes = [g for g, s in zip(geoms, solid) if s]
    hits = 0
    for i in range(len(shapes)):
        for j in range(i + 1, len(shapes)):
            if shapes[i].intersects(shapes[j]) and shapes[i].intersection(shapes[j]).area > 1.0:
                hits += 1
    return hits


def _nudged(layout, k: int):
    """The layout with one piece moved a little, as after a drag."""
    pieces = list(layout.pieces)
    i = (k * 7919) % len(pieces)
    pieces[i] = pieces[i].model_copy(update={"x": pieces[i].x + 0.5 * (k + 1)})
    return layout.model_copy(update={"pieces": pieces})


def edit_chain(layout, count: int) -> list:
    """count layouts, each the one before with one more piece nudged by 0.5 to 10.5 in: a
    teacher's edits one after another, each differing from the last in exactly one piece."""
    out = []
    for k in range(count):
        layout = _nudged(layout, k % 21)
        out.append(layout)
    return out


def main() -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"shapely {shapely.__version__}, load average {load:.2f} on {os.cpu_count()} cores")
    print(f"{'pieces':>6} | {'sq ft/pc':>8} | {'light ms':>8} | {'full ms':>8} | {'target':>6} | "
          f"{'worst ms':>8} | {'cold ms':>8} | {'cold/full':>9} | {'naive ms':>9} | {'naive/light':>11}")
    for n in SIZES:
        layout = make_layout(n)
        check_light(layout)  # footprints cached, as in the editor after the first paint
        check_layout(layout)  # the check when the plan is opened (and scipy is loaded)
        variants = edit_chain(layout, EDITS)
        for v in variants:
            piece_shapes(v)
        light = _median_ms(lambda k: check_light(variants[k]), 21)
        # one edit after another, each nudging another piece: the median edit, and the worst
        full_repeats = 9 if n >= 2000 else EDITS
        edits = _times_ms(lambda k: check_layout(variants[k]), full_repeats)
        full, worst = statistics.median(edits), max(edits)

        def cold(k: int) -> None:
            forget()
            check_layout(variants[k])

        cold_ms = _median_ms(cold, 3 if n >= 2000 else 9)
        naive = _median_ms(lambda k: _naive_overlaps(layout), 1 if n >= 400 else 3)
        target = TARGETS_FULL.get(n)
        print(f"{n:>6} | {layout.room.area / 144 / len(layout.pieces):>8.1f} | {light:>8.2f} | {full:>8.1f} | "
              f"{(f'{target:.0f}' if target else '-'):>6} | {worst:>8.1f} | {cold_ms:>8.1f} | {cold_ms / full:>9.1f} | "
              f"{naive:>9.1f} | {naive / light:>11.0f}")
    print(f"targets: full as listed; light at 2000 <= {TARGET_LIGHT_2000:.0f} ms")
    _phases(PHASE_SIZE)


#: the size whose edits are broken down by phase
PHASE_SIZE = 100


@contextmanager
def _timed(spots: list[tuple[object, str, str]], into: dict[str, float]):
    """Time every call of each (owner, attribute) under its label; put the originals back after."""
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in spots]

    def timer(fn, label):
        def run(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                into[label] += time.perf_counter() - t
        return run

    for (owner, name, label), (_, _, fn) in zip(spots, saved):
        setattr(owner, name, timer(fn, label))
    try:
        yield
    finally:
        for owner, name, fn in saved:
            setattr(owner, name, fn)


def _phases(n: int) -> None:
    """Where a one-piece edit's time goes (ms per edit; nested phases are inside their parent)."""
    from app.geometry import analysis, kernels, routes, waygraph, ways
    from app.geometry.reuse import Reuse

    spots = [(analysis, "walkable_space", "floor (tiles, mesh)"), (analysis, "walks", "walks"),
             (ways, "zone_target", "  zone targets"), (Reuse, "get", "  kept walks checked"),
             (ways, "_search", "  walks searched"), (waygraph.MeshGraph, "build", "    route graph"),
             (kernels, "dijkstra", "    Dijkstra"), (routes.Router, "best", "    best way round"),
             (kernels, "corridor", "      corridors"), (kernels, "taut", "      funnel"),
             (routes.Router, "_far_sides", "      far sides"), (analysis, "reachable_zones", "other zones"),
             (analysis, "check_light", "light checks")]
    layout = make_layout(n)
    check_layout(layout)
    variants = edit_chain(layout, 21)
    for v in variants:
        piece_shapes(v)
    spent: dict[str, float] = collections.defaultdict(float)
    with _timed(spots, spent):
        edits = _times_ms(lambda k: check_layout(variants[k]), len(variants))
    total = statistics.mean(edits)
    print(f"an edit at {n} pieces by phase (mean of {len(edits)}: {total:.1f} ms, with timers)")
    for _, _, label in spots:
        ms = spent[label] * 1e3 / len(edits)
        print(f"  {label:<24} {ms:>6.2f} ms {ms / total:>6.0%}")


if __name__ == "__main__":
    main()
