"""The evidence PDF: title block, then for each layout its map, station table and transitions;
then, in the submission, "How this plan meets the review criteria" (the met items of the
readiness verdict, in the third person), or, in the draft, the readiness checklist once for the
project. DRAFT on every page while anything is not met; page X of Y in every footer."""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path

from reportlab.lib.units import inch
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
)

from app.export.analysis import LayoutAnalysis, as_layout_analysis
from app.export.fonts import BOLD, REGULAR, register_fonts
from app.export.legend import legend
from app.export.mapblock import MapBlock
from app.export.narrative import between_layouts, layout_description, station_table, transitions_section
from app.export.styles import (
    HEAD_FILL, MARGIN, MET, MICROCREDENTIAL, MUTED, PAPERS, RULE, UNMET, Styles, styles, table_style,
)
from app.export.text import draw_text, escape
from app.geometry import analyze
from app.model import Layout, Project
from app.readiness import CHOICE, COLLABORATION, TRANSITIONS, Item, Readiness, Status, readiness
from app.storage.writing import write_atomically

_MARK = {Status.MET: ("✔ Met", MET), Status.NOT_YET: ("✘ Not yet", UNMET), Status.CONTRADICTED: ("✘ Contradicted", UNMET)}


def write_pdf(project: Project, layouts: list[Layout], out: Path, paper: str, draft: bool) -> tuple[int, Readiness]:
    """Build the PDF in memory, then write it in one step (app.storage.writing)."""
    register_fonts()
    st = styles()
    page_w, page_h = PAPERS[paper]
    frame_w, frame_h = page_w - 2 * MARGIN, page_h - 2 * MARGIN
    story: list[Flowable] = []
    found = {layout.id: analyze(layout) for layout in layouts}
    verdict = readiness(project, layouts, found)
    analyses = {key: as_layout_analysis(a) for key, a in found.items()}

    story.extend(_title_block(project, layouts, verdict, draft, st, frame_w))
    for n, layout in enumerate(layouts, 1):
        if n > 1:
            story.append(PageBreak())
        shared = sum(other.room == layout.room for other in layouts) > 1  # one room, one scale
        story.extend(_layout_section(project, layouts, layout, analyses[layout.id], n, st, frame_w, frame_h, shared))
    story.append(PageBreak())
    if draft:
        story.extend(_checklist(verdict, st, frame_w))
    else:
        story.extend(_criteria(verdict, st))

    title = project.title or "Classroom layout plan"
    pdf = io.BytesIO()
    doc = SimpleDocTemplate(pdf, pagesize=(page_w, page_h), leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=title, author=project.teacher,
                            subject=MICROCREDENTIAL, creator="Classroom Layout Designer", initialFontName=REGULAR)
    canvasmaker = _numbered_canvas(title, not verdict.ready)
    doc.build(story, onFirstPage=_no_header, onLaterPages=_header(title), canvasmaker=canvasmaker)
    # the one writer of every file we write: the old PDF stays whole if this fails, and a new
    # one gets the mode a saved project gets
    write_atomically(out, pdf.getvalue(), keep_mode=False)
    return canvasmaker.pages, verdict


def _title_block(project: Project, layouts: list[Layout], verdict: Readiness, draft: bool, st: Styles,
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
    out: list[Flowable] = [
        Paragraph(escape(project.title or "Classroom layout plan", bold=True), st.title),
        Paragraph(escape(MICROCREDENTIAL), st.subtitle),
        table,
        Spacer(1, 5),
    ]
    if draft or not verdict.ready:
        color = MET if verdict.ready else UNMET
        out.append(Paragraph(f'<font color="{_hex(color)}"><b>{escape(verdict.verdict())}</b></font> '
                             + ("The readiness checklist is on the last pages." if draft else
                                "Export the draft with its checklist to see what is left."), st.body))
        out.append(Spacer(1, 4))
    return out


def _layout_section(project: Project, layouts: list[Layout], layout: Layout, analysis: LayoutAnalysis, n: int,
                    st: Styles, width: float, frame_h: float, shared_room: bool) -> list[Flowable]:
    units = project.display_units
    count = len(layouts)
    heading = f"Layout {n} of {count}: {layout.name}" if count > 1 else f"Layout: {layout.name}"
    legs = _map_legs(layout, analysis)
    out: list[Flowable] = [Paragraph(escape(heading, bold=True), st.h1)]
    out.extend(layout_description(project, layout, st, units))
    tracing = project.tracing if project.tracing is not None and project.tracing.in_pdf else None
    out.append(MapBlock(layout, legs, units, legend(layout, legs, st, width), frame_h, fixed=shared_room,
                        tracing=tracing))
    out.append(Paragraph("Stations and sections", st.h2))
    out.extend(station_table(layout, st, width, units))
    out.append(Paragraph("How transitions are facilitated", st.h1))
    out.extend(transitions_section(project, layout, analysis, st, units))
    out.extend(between_layouts(layouts, layout, st, units=units))
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


def _checklist(verdict: Readiness, st: Styles, width: float) -> list[Flowable]:
    """The draft's readiness checklist, once for the project, each item under its layout."""
    out: list[Flowable] = [Paragraph("Readiness checklist", st.h1),
                           Paragraph(escape(verdict.verdict()), st.body)]
    head = [Paragraph(h, st.cell_head) for h in ("Status", "Requirement", "What shows it, or what to do")]
    rows, shown = [head], None
    spans = []
    for item in verdict.items:
        layout = item.target.layout_id
        if layout != shown and layout is not None:
            spans.append(len(rows))
            rows.append([Paragraph(f"<b>{escape(verdict.layout_names.get(layout, layout), bold=True)}</b>", st.cell),
                         "", ""])
        shown = layout
        label, color = _MARK[item.status]
        what = f"<b>{escape(item.requirement, bold=True)}</b>"
        what += f'<br/><font color="{_hex(MUTED)}">{escape(item.criterion or "Evidence requirement")}</font>'
        rows.append([Paragraph(f'<font color="{_hex(color)}"><b>{label}</b></font>', st.cell), Paragraph(what, st.cell),
                     Paragraph(escape(item.detail), st.cell)])
    table = Table(rows, colWidths=[1.15 * inch, 0.4 * (width - 1.15 * inch), 0.6 * (width - 1.15 * inch)],
                  repeatRows=1, splitInRow=1)
    table.setStyle(table_style([("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL), ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]
                               + [("SPAN", (0, r), (-1, r)) for r in spans]
                               + [("BACKGROUND", (0, r), (-1, r), HEAD_FILL) for r in spans]))
    out.append(table)
    return out


def _criteria(verdict: Readiness, st: Styles) -> list[Flowable]:
    """The submission's closing section: for each review criterion, what in this plan meets it,
    quoting the teacher and citing the plan (only items that are met)."""
    out: list[Flowable] = [Paragraph("How this plan meets the review criteria", st.h1)]
    many = len(verdict.layout_names) > 1
    for criterion in (CHOICE, COLLABORATION, TRANSITIONS):
        met = [i for i in verdict.items if i.criterion == criterion and i.met]
        out.append(Paragraph(escape(criterion), st.h2))
        for item in met:
            where = f"{verdict.layout_names.get(item.target.layout_id, '')}: " if many else ""
            out.append(Paragraph(escape(f"{where}{_third_person(item)}"), st.bullet, bulletText="•"))
    evidence = [i for i in verdict.items if i.criterion is None and i.met and "/" in i.key
                and i.key.split("/", 1)[1] in ("map", "stations", "transitions")]
    out.append(Paragraph("The evidence asked for", st.h2))
    for item in evidence:
        where = f"{verdict.layout_names.get(item.target.layout_id, '')}: " if many else ""
        out.append(Paragraph(escape(f"{where}{_third_person(item)}"), st.bullet, bulletText="•"))
    return out


#: how the submission opens what a met item shows, by the item's key (after its layout)
_LEADS = {"choice": "The plan offers ", "collaboration": "Spaces where students work together, with seats for a "
          "group: ", "stations": "The plan has ", "transitions": "How students move: "}


def _third_person(item: Item) -> str:
    """A met item as the submission says it: what the plan shows, in the third person."""
    lead = _LEADS.get(item.key.split("/", 1)[-1].split("/", 1)[0], "")
    return lead + (item.detail[:1].lower() + item.detail[1:] if lead and not item.detail.startswith("Station")
                   else item.detail)


def _hex(color) -> str:
    return "#" + color.hexval()[2:]


def _no_header(canvas, doc) -> None:
    pass


def _header(title: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        draw_text(canvas, MARGIN, doc.pagesize[1] - MARGIN + 12, _fit(title, 110), 7.5)
        canvas.restoreState()
    return draw


def _fit(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _numbered_canvas(title: str, draft_mark: bool):
    """A canvas that holds its pages until the end so each footer can say 'page X of Y'; DRAFT
    across every page while the evidence is not ready."""

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
                if draft_mark:
                    self._draft()
                super().showPage()
            super().save()

        def _draft(self) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFillColor(UNMET)
            self.setFont(BOLD, 11)
            self.drawRightString(width - MARGIN, height - MARGIN + 10, "DRAFT · not ready to submit")
            self.restoreState()

        def _footer(self, total: int) -> None:
            width = self._pagesize[0]
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(MARGIN, MARGIN - 10, width - MARGIN, MARGIN - 10)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(MUTED)
            draw_text(self, MARGIN, MARGIN - 20,
                      _fit(f"{title} · USBE microcredential 2680, Preparation and Planning", 100), 7.5)
            self.setFont(BOLD, 7.5)
            self.drawRightString(width - MARGIN, MARGIN - 20, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas
