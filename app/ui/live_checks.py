"""Checks while the teacher edits: light ones on every drag step, the full set throttled after
release (a single-shot timer, ~150 ms) so typing and dragging never wait for route finding.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from app.model import Finding, Layout, Project


def _light():
    """app.geometry.check_light, or None while the geometry package is not importable."""
    try:
        from app.geometry import check_light
        return check_light
    except Exception:  # noqa: BLE001 - written in parallel; the editor works without it
        try:
            from app.geometry.light import check_light
            return check_light
        except Exception:  # noqa: BLE001
            return None


def _full():
    try:
        from app.checks import run_checks
        import app.geometry  # noqa: F401 - run_checks needs check_layout from it

        if not hasattr(app.geometry, "check_layout"):
            raise ImportError
        return run_checks
    except Exception:  # noqa: BLE001
        light = _light()
        if light is None:
            return None
        try:
            from app.evidence import evidence_findings
        except Exception:  # noqa: BLE001
            return lambda project, layout: light(layout)
        return lambda project, layout: list(light(layout)) + list(evidence_findings(project, layout))


def _analyze():
    try:
        from app.geometry import analyze
        return analyze
    except Exception:  # noqa: BLE001
        return None


def with_moved(layout: Layout, positions: dict[str, tuple[float, float]]) -> Layout:
    """A shallow copy of the layout with some pieces at new places (the model is untouched)."""
    if not positions:
        return layout
    pieces = [p.model_copy(update={"x": positions[p.id][0], "y": positions[p.id][1]}) if p.id in positions else p
              for p in layout.pieces]
    return layout.model_copy(update={"pieces": pieces})


class LiveChecks(QObject):
    findings_changed = Signal(list)  # list[Finding]
    analysis_ready = Signal(object, list)  # walkable geometry, routes
    problem = Signal(str)  # a check that failed: one line for the status bar

    def __init__(self, delay_ms: int = 150, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = None  # the Document whose current layout is checked
        self.want_analysis = False
        self.last_ms = 0.0
        self.findings: list[Finding] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_now)

    def watch(self, doc) -> None:
        self.doc = doc
        doc.edited.connect(self.schedule)
        self.schedule()

    @property
    def project(self) -> Project | None:
        return self.doc.project if self.doc is not None else None

    @property
    def layout(self) -> Layout | None:
        return self.doc.layout if self.doc is not None else None

    def schedule(self) -> None:
        self._timer.start()

    def drag_step(self, positions: dict) -> None:
        """Light checks on the layout as it would be with the dragged pieces where they are now."""
        check = _light()
        if check is None or self.layout is None:
            return
        try:
            findings = list(check(with_moved(self.layout, positions)))
        except Exception as error:  # noqa: BLE001 - a failing check must not stop the drag
            self.problem.emit(f"check failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}")
            return
        if findings != self.findings:  # most steps change nothing: no panel rebuild, no overlay repaint
            self.findings = findings
            self.findings_changed.emit(findings)

    def run_now(self) -> list[Finding]:
        self._timer.stop()
        if self.layout is None:
            return []
        start = time.perf_counter()
        run = _full()
        try:
            findings = list(run(self.project, self.layout)) if run else []
            if self.want_analysis and (analyze := _analyze()) is not None:
                result = analyze(self.layout)
                self.analysis_ready.emit(result.walkable, list(result.routes))
        except Exception as error:  # noqa: BLE001
            self.problem.emit(f"check failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}")
            return self.findings
        self.last_ms = (time.perf_counter() - start) * 1000
        self.findings = findings
        self.findings_changed.emit(findings)
        return findings
