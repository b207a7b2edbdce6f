"""Quitting the editor after a copy ends the process cleanly (it used to segfault in Qt's exit
handlers, which deleted our clipboard data after Python had gone)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import app.ui.main_window as mw

    app = QApplication(["classroom-layout"])

    def copy_then_quit():
        window = next(w for w in app.topLevelWidgets() if isinstance(w, mw.MainWindow))
        from app.ui.clipboard import copy_selection
        copy_selection(window.doc, [window.doc.layout.pieces[0].id], [])
        QTimer.singleShot(100, app.quit)

    QTimer.singleShot(300, copy_then_quit)
    sys.exit(mw.run_editor(sys.argv[1]))
""")


def test_quit_after_copy_exits_cleanly(samples_dir, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(samples_dir / "station-rotation.classroom.json")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
