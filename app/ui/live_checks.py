"""Checks while the teacher edits: light ones on every drag step, the full set throttled after
release (a single-shot timer, ~150 ms) so typing and dragging never wait for route finding.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal

from app.checks import run_checks
from app.geometry import Analysis, CheckSession, analyze, check_light
from app.model import Finding, Layout, Project
from app.readiness import readiness


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
    """Runs the checks for the editor. The drag step (GUI thread) and the worker each reuse
    work between edits through a CheckSession of their own: they share no mutable state."""

    findings_changed = Signal(list)  # list[Finding]
    checked = Signal()  # a full check (and the overlay, when wanted) was delivered
    checking = Signal(bool)  # a full check is under way in the worker
    analysis_ready = Signal(object, list)  # walkable geometry, routes
    readiness_changed = Signal(object)  # app.readiness.Readiness of the whole project
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
        self._drag_session = CheckSession()  # the GUI thread's
        self._worker_session = CheckSession()  # the worker's: one run at a time
        #: the worker's: the other layouts' analyses, each with the layout it is of (an equal
        #: layout has the same analysis), for the project's verdict
        self._others: dict[str, tuple[Layout, Analysis]] = {}
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
        try:
            findings = check_light(layout, self._drag_session)
        except Exception as error:  # noqa: BLE001 - a failing check must not stop the drag
            self.problem.emit(f"check failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}")
            return
        if findings != self.findings:  # most steps change nothing: no panel rebuild, no overlay repaint
            self.findings = findings
            self.findings_changed.emit(findings)

    def _compute(self, project: Project, layout: Layout) -> tuple[list[Finding], object, float, object]:
        """In the worker: the findings, the walkable floor and routes when the overlay is on, and
        the project's verdict (the other layouts' analyses reused while they do not change)."""
        start = time.perf_counter()
        analysis = analyze(layout, self._worker_session)
        findings = run_checks(project, layout, analysis.findings)
        others = {}
        for other in project.layouts:
            if other.id == layout.id:
                continue
            kept = self._others.get(other.id)
            others[other.id] = kept if kept is not None and kept[0] == other else (other, analyze(other))
        self._others = others
        verdict = readiness(project, None, {layout.id: analysis, **{k: a for k, (_, a) in others.items()}})
        return findings, analysis if self.want_analysis else None, (time.perf_counter() - start) * 1000, verdict

    def check_now(self) -> None:
        """A full check in the worker without waiting for the edit pause (the walkable overlay
        was turned on); `checked` says when it is in."""
        self._generation += 1
        self._timer.stop()
        self.run_in_background()

    def run_in_background(self) -> None:
        """Every check on a snapshot in a worker thread: route finding never freezes the window."""
        if self.layout is None:
            return
        if self._busy:  # one run at a time; the newest edit gets its own run when this one ends
            self._timer.start()
            return
        self._busy = True
        self.checking.emit(True)
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
        self.checking.emit(False)
        if isinstance(outcome, str):
            self.problem.emit(outcome)
            return
        findings, analysis, ms, verdict = outcome
        self.last_ms = ms
        self.readiness_changed.emit(verdict)
        if analysis is not None:
            self.analysis_ready.emit(analysis.walkable, list(analysis.routes))
        self.findings = findings
        self.findings_changed.emit(findings)
        self.checked.emit()


def _one_line(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"check failed: {text}"
