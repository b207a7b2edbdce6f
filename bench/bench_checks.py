"""Speed of the checks at real sizes: `python -m bench checks`.

On generated layouts (bench/generate.py) of 30 to 2,000 pieces: the full check of a freshly
opened plan (nothing reused), the full check after a one-piece edit the way the editor runs it
(each edit nudges one more piece; the worker's CheckSession reuses what the edit cannot have
changed), the light checks of a drag step, and the exact reference (tests/geometry/exact.py, a
visibility graph) timed on the same rooms' walks. Medians, and ratios measured in this run.
"""

from __future__ import annotations

import os
import statistics
import time

import shapely

from app.geometry import CheckSession, analyze, check_light
from app.geometry.floor import walkable_floor
from app.geometry.session import NoSession
from app.geometry.shapes import plan_of
from bench.generate import make_layout
from tests.geometry.exact import exact_length

SIZES = (30, 100, 400, 2000)
TARGET_FRESH = {30: 40.0, 100: 80.0, 400: 300.0, 2000: 2000.0}
TARGET_EDIT = {100: 25.0, 400: 60.0, 2000: 400.0}
#: the exact reference must be at least this many times slower at 400 pieces
TARGET_EXACT_RATIO_400 = 5.0


def _times_ms(run, repeats: int) -> list[float]:
    out = []
    for k in range(repeats):
        t = time.perf_counter()
        run(k)
        out.append((time.perf_counter() - t) * 1e3)
    return out


def edit_chain(layout, count: int) -> list:
    """count layouts, each the one before with one more piece nudged 0.5 to 10.5 in: a teacher's
    edits one after another, each differing from the last in exactly one piece."""
    out = []
    for k in range(count):
        pieces = list(layout.pieces)
        i = (k * 7919) % len(pieces)
        pieces[i] = pieces[i].model_copy(update={"x": pieces[i].x + 0.5 * (k % 21 + 1)})
        layout = layout.model_copy(update={"pieces": pieces})
        out.append(layout)
    return out


def exact_reference_ms(layout) -> tuple[float, int]:
    """The same walks from the exact reference: the floor, then a visibility graph per walk."""
    analysis = analyze(layout)
    t = time.perf_counter()
    floor = walkable_floor(layout, plan_of(layout), layout.clear_width, NoSession())
    walks = [r for r in analysis.routes if r.path is not None and len(r.path) > 1]
    for r in walks:
        exact_length(floor.space, r.path[0], r.path[-1], r.length * 1.01 + 1e-6)
    return (time.perf_counter() - t) * 1e3, len(walks)


def _mark(value: float, target: float | None) -> str:
    if target is None:
        return "-"
    return f"{target:.0f} {'met' if value <= target else 'MISSED'}"


def main() -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"shapely {shapely.__version__}, load average {load:.2f} on {os.cpu_count()} cores")
    print(f"{'pieces':>6} | {'fresh ms':>8} | {'target':>10} | {'edit ms':>8} | {'target':>10} | "
          f"{'fresh/edit':>10} | {'light ms':>8} | {'exact ms':>9} | {'walks':>5} | {'exact/fresh':>11}")
    for n in SIZES:
        layout = make_layout(n)
        fresh = statistics.median(_times_ms(lambda k: analyze(layout), 1 if n >= 2000 else 5))
        edits = edit_chain(layout, 7 if n >= 2000 else 21)
        session = CheckSession()
        analyze(layout, session)  # the check when the plan is opened
        edit = statistics.median(_times_ms(lambda k: analyze(edits[k], session), len(edits)))
        drag = CheckSession()
        check_light(layout, drag)
        light = statistics.median(_times_ms(lambda k: check_light(edits[k], drag), len(edits)))
        if n <= 400:
            exact, walks = exact_reference_ms(layout)
            exact_cols = f"{exact:>9.0f} | {walks:>5} | {exact / fresh:>10.1f}x"
        else:
            exact_cols = f"{'-':>9} | {'-':>5} | {'-':>11}"
        print(f"{n:>6} | {fresh:>8.1f} | {_mark(fresh, TARGET_FRESH.get(n)):>10} | {edit:>8.1f} | "
              f"{_mark(edit, TARGET_EDIT.get(n)):>10} | {fresh / edit:>9.1f}x | {light:>8.2f} | {exact_cols}")
    print(f"targets: fresh and edit as listed (ms); exact reference >= {TARGET_EXACT_RATIO_400:.0f}x the fresh "
          f"check at 400 pieces")
    _spread(100, range(5))


def _spread(n: int, seeds) -> None:
    """The same at n pieces over other generated rooms: how much the room itself decides."""
    rows = []
    for seed in seeds:
        layout = make_layout(n, seed)
        fresh = statistics.median(_times_ms(lambda k: analyze(layout), 3))
        edits = edit_chain(layout, 21)
        session = CheckSession()
        analyze(layout, session)
        rows.append((seed, fresh, statistics.median(_times_ms(lambda k: analyze(edits[k], session), len(edits)))))
    print(f"at {n} pieces over rooms (seed: fresh / edit ms): "
          + ", ".join(f"{seed}: {fresh:.0f} / {edit:.0f}" for seed, fresh, edit in rows)
          + f"; medians {statistics.median(r[1] for r in rows):.0f} / {statistics.median(r[2] for r in rows):.0f}")


if __name__ == "__main__":
    main()
