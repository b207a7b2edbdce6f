"""Checks while the teacher edits: light ones on every drag step, the full set throttled after
release (a single-shot timer, ~150 ms) so typing and dragging never wait for route finding.
"""

from __future__ import annotations

import threading
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


def snapshot(project: Project, layout: Layout) -> tuple[Project, Layout]:
    """Copies a worker thread can read while the teacher keeps editing.

    The Document replaces pieces, zones and rooms rather than changing them, so copying the
    lists (and the rotation list, which it edits in place) is enough: no deep copy.
    """
    transitions = layout.transitions.model_copy(update={"rotation": list(layout.transitions.rotation)})
    copy = layout.model_copy(update={"pieces": list(layout.pieces), "zones": list(layout.zones),
                                     "transitions": transitions})
    layouts = [copy if lay is layout else lay for lay in project.layouts]
    return project.model_copy(update={"layouts": layouts}), copy


class LiveChecks(QObject):
    findings_changed = Signal(list)  # list[Finding]
    analysis_ready = Signal(object, list)  # walkable geometry, routes
    problem = Signal(str)  # a check that failed: one line for the status bar
    _finished = Signal(int, object)  # from the worker thread: (generation, result or error text)

    def __init__(self, delay_ms: int = 150, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = None  # the Document whose current layout is checked
        self.want_analysis = False
        self.last_ms = 0.0
        self.findings: list[Finding] = []
        self._generation = 0  # bumped by every edit: late results of older runs are dropped
        self._busy = False
        self._worker: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_in_background)
        self._finished.connect(self._deliver)

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
        self._generation += 1
        self._timer.start()

    def drag_step(self, positions: dict) -> None:
        """Light checks on the layout as it would be with the dragged pieces where they are now."""
        if self.layout is not None:
            self._light_on(with_moved(self.layout, positions))

    def room_step(self, room) -> None:
        """Light checks with the room as a door, window or corner drag would leave it."""
        if self.layout is not None:
            self._light_on(self.layout.model_copy(update={"room": room}))

    def _light_on(self, layout: Layout) -> None:
        check = _light()
        if check is None:
            return
        try:
            findings = list(check(layout))
        except Exception as error:  # noqa: BLE001 - a failing check must not stop the drag
            self.problem.emit(f"check failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}")
            return
        if findings != self.findings:  # most steps change nothing: no panel rebuild, no overlay repaint
            self.findings = findings
            self.findings_changed.emit(findings)

    def _compute(self, project: Project, layout: Layout) -> tuple[list[Finding], object, float]:
        start = time.perf_counter()
        run = _full()
        findings = list(run(project, layout)) if run else []
        analysis = None
        if self.want_analysis and (analyze := _analyze()) is not None:
            analysis = analyze(layout)
        return findings, analysis, (time.perf_counter() - start) * 1000

    def run_now(self) -> list[Finding]:
        """Every check, here and now (tests, the walkable toggle, the benchmark)."""
        self._timer.stop()
        if self.layout is None:
            return []
        self._generation += 1
        try:
            result = self._compute(self.project, self.layout)
        except Exception as error:  # noqa: BLE001
            self.problem.emit(_one_line(error))
            return self.findings
        self._deliver(self._generation, result)
        return self.findings

    def run_in_background(self) -> None:
        """Every check on a snapshot in a worker thread: route finding never freezes the window."""
        if self.layout is None:
            return
        if self._busy:  # one run at a time; the newest edit gets its own run when this one ends
            self._timer.start()
            return
        self._busy = True
        generation = self._generation
        project, layout = snapshot(self.project, self.layout)

        def work() -> None:
            try:
                outcome = self._compute(project, layout)
            except Exception as error:  # noqa: BLE001
                outcome = _one_line(error)
            try:
                self._finished.emit(generation, outcome)
            except RuntimeError:  # the window closed while checking: nobody to tell
                pass

        self._worker = threading.Thread(target=work, name="live-checks", daemon=True)
        self._worker.start()

    def stop(self, timeout: float = 5.0) -> None:
        """No more runs, and wait for the one under way: a worker that outlives the window
        (or the QApplication) would signal into deleted objects."""
        self._timer.stop()
        self._generation += 1  # whatever it finds is stale now
        worker, self._worker = self._worker, None
        if worker is not None and worker is not threading.current_thread():
            worker.join(timeout)

    def _deliver(self, generation: int, outcome) -> None:
        self._busy = False
        if generation != self._generation:
            return  # the plan changed while checking: a newer run is on its way
        if isinstance(outcome, str):
            self.problem.emit(outcome)
            return
        findings, analysis, ms = outcome
        self.last_ms = ms
        if analysis is not None:
            self.analysis_ready.emit(analysis.walkable, list(analysis.routes))
        self.findings = findings
        self.findings_changed.emit(findings)


def _one_line(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"check failed: {text}"
