"""The export is core code: it must run without Qt (style.md: model and core never import PySide6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from app.export import export_pdf
from app.storage import load_project
project = load_project(sys.argv[1])
result = export_pdf(project, sys.argv[2])
assert result.pages >= 1, result
leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))
print('LEAKED' if leaked else 'CLEAN', leaked)
"""


def test_exporting_never_imports_qt(tmp_path: Path) -> None:
    sample = REPO / "app" / "assets" / "samples" / "station-rotation.classroom.json"
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(sample), str(tmp_path / "e.pdf")], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("CLEAN"), done.stdout
