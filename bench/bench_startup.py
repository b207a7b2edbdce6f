"""What a teacher waits for before the first answer: `python -m bench startup`.

`classroom-layout check` on each sample in a new process (target <= 0.6 s wall), the first run
after a fresh install against the second (target: within 10 %; nothing compiles at run time, so
the first run only writes Python's own bytecode), and the installed size of the environment
(target <= 550 MB). Medians of runs in this one session.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "app" / "assets" / "samples").glob("*.classroom.json"))
TARGET_CHECK_S = 0.6
TARGET_FIRST_OVER_SECOND = 1.10
TARGET_SIZE_MB = 550


def _check_s(sample: Path, env: dict) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app", "check", str(sample)], cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def _fresh_copy(into: Path) -> Path:
    """The program's code as a fresh install has it: no bytecode written yet."""
    shutil.copytree(ROOT / "app", into / "app", ignore=shutil.ignore_patterns("__pycache__"))
    return into


def _size_mb(path: Path) -> float:
    total = 0
    for dirpath, _, files in os.walk(path):
        for name in files:
            full = os.path.join(dirpath, name)
            if not os.path.islink(full):
                total += os.path.getsize(full)
    return total / 1e6


def main() -> None:
    print(f"{'measure':<58}{'median':>9}{'target':>9}")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, PYTHONPATH=str(ROOT))
        for sample in SAMPLES:
            runs = [_check_s(sample, env) for _ in range(5)]
            value = statistics.median(runs)
            print(f"{'check ' + sample.name + ', new process':<58}{value:>8.2f}s{TARGET_CHECK_S:>8.1f}s  "
                  f"{'met' if value <= TARGET_CHECK_S else 'MISSED'}")
        firsts, seconds = [], []
        for _ in range(3):
            with tempfile.TemporaryDirectory() as fresh:
                code = _fresh_copy(Path(fresh))
                env_fresh = dict(env, PYTHONPATH=str(code))
                firsts.append(_check_s(SAMPLES[0], env_fresh))
                seconds.append(_check_s(SAMPLES[0], env_fresh))
        first, second = statistics.median(firsts), statistics.median(seconds)
        ratio = first / second
        print(f"{'fresh install: first check / second check':<58}{ratio:>8.2f}x{TARGET_FIRST_OVER_SECOND:>8.2f}x  "
              f"{'met' if ratio <= TARGET_FIRST_OVER_SECOND else 'MISSED'}  ({first:.2f} s / {second:.2f} s)")
    venv = Path(sys.prefix)
    size = _size_mb(venv)
    print(f"{'installed size of ' + str(venv.name) + ' (du of the environment)':<58}{size:>7.0f}MB{TARGET_SIZE_MB:>7.0f}MB  "
          f"{'met' if size <= TARGET_SIZE_MB else 'MISSED'}")


if __name__ == "__main__":
    main()
