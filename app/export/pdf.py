"""The evidence PDF: title block, then for each layout its map, station table, transitions
and the reviewer's checklist; a footer with page X of Y on every page."""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path

from reportlab.lib.units import inch
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
)

from app.export.analysis import LayoutAnalysis, analyze_layout
from app.export.checklist import ChecklistItem, checklist
from app.export.fonts import BOLD, REGULAR, register_fonts
from app.export.legend import legend
from app.export.mapblock import MapBlock
from app.export.narrative import (
    between_layouts, layout_description, rotation_sense, station_table, transitions_section,
)
from app.export.styles import (
    HEAD_FILL, MARGIN, MET, MICROCREDENTIAL, MUTED, PAPERS, RULE, UNMET, WARN_EDGE, WARN_FILL, Styles, styles,
    table_style,
)
from app.export.text import escape, plural
from app.model import Layout, Project

_MAX_LISTED_PROBLEMS = 12


def write_pdf(project: Project, layouts: list[Layout], out: Path, paper: str) -> tuple[int, list[str]]:
    """Build the PDF into a temporary file beside `out`, then move it into place atomically."""
    register_fonts()
    st = styles()
    page_w, page_h = PAPERS[paper]
    frame_w, frame_h = page_w - 2 * MARGIN, page_h - 2 * MARGIN
    story: list[Flowable] = []
    unmet: list[str] = []
    all_items: list[tuple[Layout, list[ChecklistItem]]] = []
    analyses = {layout.id: analyze_layout(layout) for layout in layouts}
    for layout in layouts:
        items = checklist(project, layout, analyses[layout.id])
        all_items.append((layout, items))
        unmet.extend(f"{layout.name} — {i.requirement}: {i.why}" for i in items if not i.met)

    story.extend(_title_block(project, layouts, all_items, list(analyses.values()), st, frame_w))
    for n, (layout, items) in enumerate(all_items, 1):
        if n > 1:
            story.append(PageBreak())
        story.extend(_layout_section(project, layout, analyses[layout.id], items, n, len(layouts), st,
                                     frame_w, frame_h))

    title = project.title or "Classroom layout plan"
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        doc = SimpleDocTemplate(tmp, pagesize=(page_w, page_h), leftMargin=MARGIN, rightMargin=MARGIN,
                                topMargin=MARGIN, bottomMargin=MARGIN, title=title, author=project.teacher,
                                subject=MICROCREDENTIAL, creator="Classroom Layout Designer",
                                initialFontName=REGULAR)
        canvasmaker = _numbered_canvas(title)
        doc.build(story, onFirstPage=_no_header, onLaterPages=_header(title), canvasmaker=canvasmaker)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return canvasmaker.pages, unmet


def _title_block(project: Project, layouts: list[Layout], all_items, analyses: list[LayoutAnalysis], st: Styles,
                 width: float) -> list[Flowable]:
    today = _dt.date.today()
    facts = [
        ("Teacher", project.teacher), ("School", project.school), ("Course / grade", project.course),
        ("Class size", str(project.class_size) if project.class_size else ""),
        ("Layout" if len(layouts) == 1 else "Layouts", "; ".join(lay.name for lay in layouts)),
        ("Date", f"{today:%B} {today.day}, {today.year}"),
    ]
    rows = [[Paragraph(f"<b>{label}</b>", st.cell), Paragraph(escape(value) or "—", st.cell)] for label, value in facts]
    table = Table(rows, colWidths=[1.2 * inch, width - 1.2 * inch])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    missing = sum(1 for _, items in all_items for i in items if not i.met)
    total = sum(len(items) for _, items in all_items)
    if missing:
        status = (f'<font color="{_hex(UNMET)}"><b>{plural(missing, "checklist item")} of {total} not yet met</b>'
                  "</font>: see the readiness checklist after each layout.")
    else:
        status = f'<font color="{_hex(MET)}"><b>All {total} checklist items are met.</b></font>'
    problems = sum(len(_plan_problems(a)) for a in analyses)
    if problems:
        status += (f' <font color="{_hex(WARN_EDGE)}"><b>{plural(problems, "problem")} in the plan</b></font> '
                   "(overlaps, blocked ways) are listed under the checklist.")
    return [
        Paragraph(escape(project.title or "Classroom layout plan"), st.title),
        Paragraph(escape(MICROCREDENTIAL), st.subtitle),
        table,
        Spacer(1, 5),
        Paragraph(status, st.body),
        Spacer(1, 4),
    ]


def _layout_section(project: Project, layout: Layout, analysis: LayoutAnalysis, items: list[ChecklistItem],
                    n: int, count: int, st: Styles, width: float, frame_h: float) -> list[Flowable]:
    units = project.display_units
    heading = f"Layout {n} of {count}: {layout.name}" if count > 1 else f"Layout: {layout.name}"
    legs = _map_legs(layout, analysis)
    out: list[Flowable] = [Paragraph(escape(heading), st.h1)]
    out.extend(layout_description(project, layout, st, units))
    out.append(MapBlock(layout, legs, units, legend(layout, legs, st, width), frame_h))
    out.append(Paragraph("Stations and sections", st.h2))
    out.extend(station_table(layout, st, width))
    out.append(Paragraph("How transitions are facilitated", st.h1))
    out.extend(transitions_section(project, layout, analysis, st, units))
    out.extend(between_layouts(project, layout, st))
    out.append(Paragraph("Readiness checklist", st.h1))
    out.append(_checklist_table(items, st, width))
    box = _warning_box(layout, analysis, st, width)
    if box is not None:
        out.extend([Spacer(1, 8), box])
    return out


def _map_legs(layout: Layout, analysis: LayoutAnalysis) -> list:
    by_id = {z.id: z for z in layout.zones}
    legs = []
    for number, route in enumerate(analysis.rotation_routes(layout), 1):
        a, b = by_id.get(route.start_id), by_id.get(route.end_id)
        if a is None or b is None:
            continue
        path = [tuple(p) for p in route.path] if route.path else None
        legs.append((number, path, a.centroid(), b.centroid()))
    return legs


def _checklist_table(items: list[ChecklistItem], st: Styles, width: float) -> Table:
    rows = [[Paragraph("Status", st.cell_head), Paragraph("Requirement", st.cell_head), Paragraph("Why", st.cell_head)]]
    for item in items:
        mark = (f'<font color="{_hex(MET)}"><b>✔ Met</b></font>' if item.met
                else f'<font color="{_hex(UNMET)}"><b>✘ Not met</b></font>')
        what = f"<b>{escape(item.requirement)}</b>"
        if item.criterion:
            what += f'<br/><font color="{_hex(MUTED)}">{escape(item.criterion)}</font>'
        else:
            what += f'<br/><font color="{_hex(MUTED)}">Evidence requirement</font>'
        rows.append([Paragraph(mark, st.cell), Paragraph(what, st.cell), Paragraph(escape(item.why), st.cell)])
    table = Table(rows, colWidths=[0.85 * inch, 0.4 * (width - 0.85 * inch), 0.6 * (width - 0.85 * inch)],
                  repeatRows=1)
    table.setStyle(table_style([("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL), ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _warning_box(layout: Layout, analysis: LayoutAnalysis, st: Styles, width: float) -> Table | None:
    notes: list[str] = []
    errors = _plan_problems(analysis)
    notes.extend(f.message for f in errors[:_MAX_LISTED_PROBLEMS])
    if len(errors) > _MAX_LISTED_PROBLEMS:
        notes.append(f"... and {len(errors) - _MAX_LISTED_PROBLEMS} more.")
    runs = rotation_sense(layout)
    declared = layout.transitions.direction
    if runs and declared in ("clockwise", "counterclockwise") and runs != declared:
        notes.append(f"The rotation is set to go {declared}, but its stations in order run {runs} on the map.")
    if not notes:
        return None
    cell: list[Flowable] = [Paragraph("<b>Still open in the plan</b> (fix these before submitting):", st.body)]
    cell.extend(Paragraph(escape(n), st.bullet, bulletText="•") for n in notes)
    box = Table([[cell]], colWidths=[width])
    box.setStyle(table_style([("BACKGROUND", (0, 0), (-1, -1), WARN_FILL), ("BOX", (0, 0), (-1, -1), 1, WARN_EDGE),
                             ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                             ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return box


def _plan_problems(analysis: LayoutAnalysis) -> list:
    """Geometry errors still open (the evidence items are in the checklist already)."""
    return [f for f in analysis.errors() if not f.code.startswith("evidence-")]


def _hex(color) -> str:
    return "#" + color.hexval()[2:]


def _no_header(canvas, doc) -> None:
    pass


def _header(title: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, doc.pagesize[1] - MARGIN + 12, _fit(title, 110))
        canvas.restoreState()
    return draw


def _fit(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _numbered_canvas(title: str):
    """A canvas that holds its pages until the end so each footer can say 'page X of Y'."""

    class NumberedCanvas(rl_canvas.Canvas):
        pages = 0

        def __init__(self, *args, **kwargs) -> None:
            kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR  # not Latin-1-only Helvetica
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            NumberedCanvas.pages = total
            for state in self._held:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width = self._pagesize[0]
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(MARGIN, MARGIN - 10, width - MARGIN, MARGIN - 10)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, MARGIN - 20, _fit(f"{title} · USBE microcredential 2680, Preparation and Planning",
                                                       100))
            self.setFont(BOLD, 7.5)
            self.drawRightString(width - MARGIN, MARGIN - 20, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas
