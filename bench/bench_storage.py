"""Project files: how long opening and saving take, against plain json for the same text.

`python -m bench storage`. Medians of repeated runs, measured in the same process.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from app.model import Project
from app.storage import load_project, loads_project, project_to_json, save_project

SAMPLE = Path(__file__).resolve().parent.parent / "app" / "assets" / "samples" / "personalized-learning.classroom.json"


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _big_project(base: Project, pieces: int) -> Project:
    """The sample's first layout in a 100 x 100 ft hall with `pieces` student desks on a grid."""
    layout = base.layouts[0]
    side = 1200.0
    desks = [{"id": f"desk-{i}", "kind": "student-desk", "x": 20 + (i % 40) * 29.0, "y": 20 + (i // 40) * 9.5}
             for i in range(pieces)]
    data = layout.model_dump(mode="json")
    data["room"] = {"outline": [[0, 0], [side, 0], [side, side], [0, side]]}
    data["pieces"], data["zones"], data["transitions"] = desks, [], {}
    return Project.model_validate({**base.model_dump(mode="json", exclude={"layouts"}), "layouts": [data]})


def main() -> None:
    sample = load_project(SAMPLE)
    big = _big_project(sample, 5_000)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        count = sum(len(layout.pieces) for layout in sample.layouts)
        sample_name = f"sample ({len(sample.layouts)} layouts, {count} pieces)"
        for name, project, repeat in ((sample_name, sample, 50), ("5,000 desks", big, 7)):
            text = project_to_json(project)
            path = Path(folder) / "bench.classroom.json"
            raw = _median_ms(lambda: json.loads(text), repeat)
            load = _median_ms(lambda: loads_project(text), repeat)
            dump = _median_ms(lambda: project_to_json(project), repeat)
            save = _median_ms(lambda: save_project(project, path), repeat)
            rows.append((name, len(text) / 1024, raw, load, load / raw, dump, save))
    print(f"{'project':<32}{'KB':>8}{'json.loads':>12}{'load':>10}{'load/json':>11}{'to_json':>10}{'save':>10}")
    for name, kb, raw, load, ratio, dump, save in rows:
        print(f"{name:<32}{kb:>8.0f}{raw:>10.2f}ms{load:>8.2f}ms{ratio:>10.1f}x{dump:>8.2f}ms{save:>8.2f}ms")
    print("save = to_json + write + fsync + rename + fsync(folder); the fsyncs depend on the disk")


if __name__ == "__main__":
    main()
