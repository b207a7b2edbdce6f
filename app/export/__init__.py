"""The evidence PDF (ReportLab, no Qt): `export_pdf(project, out_path)`, the submission or the
draft with its checklist, for USBE microcredential 2680 Preparation and Planning; its verdict is
app.readiness's."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from app.model import Layout, Project
from app.readiness import Readiness

__all__ = ["ExportResult", "export_pdf"]


@dataclass
class ExportResult:
    path: Path
    pages: int
    readiness: Readiness
    draft: bool = False

    @property
    def unmet(self) -> list[str]:
        """The items not met, one line each, with the layout's name where there are several."""
        many = len(self.readiness.layout_names) > 1
        return [(f"{self.readiness.layout_names[i.target.layout_id]} — " if many and i.target.layout_id else "")
                + f"{i.requirement}: {i.detail}" for i in self.readiness.open_items]


def export_pdf(project: Project, out_path: str | os.PathLike[str], layout_keys: list[str] | None = None,
               paper: Literal["letter", "a4"] = "letter", draft: bool = False) -> ExportResult:
    """Write the evidence PDF for the chosen layouts (ids or names; None: all of them): the
    submission, or with draft the draft with its readiness checklist.

    Never refuses a project that validates: items not yet met are printed as not met and
    returned in `unmet`. Unknown layout keys or paper raise ValueError with one line; the file
    is written to a temporary name and moved into place, so a failed export leaves no half PDF.
    """
    from app.export.pdf import write_pdf  # local: `import app.export` stays light for the CLI

    if paper not in ("letter", "a4"):
        raise ValueError(f"paper must be 'letter' or 'a4' (got {paper!r})")
    layouts = _choose(project, layout_keys)
    out = Path(out_path)
    if out.is_dir():
        raise IsADirectoryError(21, "is a folder; give the PDF's file name", str(out))
    if not out.parent.is_dir():
        raise FileNotFoundError(2, f"the folder {out.parent} does not exist", str(out))
    pages, verdict = write_pdf(project, layouts, out, paper, draft)
    return ExportResult(path=out, pages=pages, readiness=verdict, draft=draft)


def _choose(project: Project, keys: list[str] | None) -> list[Layout]:
    if keys is None:
        return list(project.layouts)
    if isinstance(keys, str):
        keys = [keys]
    chosen: list[Layout] = []
    for key in keys:
        layout = project.layout(str(key))
        if layout is None:
            known = ", ".join(f"'{lay.name}'" for lay in project.layouts)
            raise ValueError(f"no layout {str(key)!r} in this project (it has {known})")
        if layout not in chosen:
            chosen.append(layout)
    if not chosen:
        raise ValueError("choose at least one layout to export")
    return chosen
