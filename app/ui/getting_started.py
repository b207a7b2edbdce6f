"""Help > Getting started: one short illustrated page, from an empty room to the PDF, with the
toolbar's own icons and the zone kinds' own symbols beside the steps."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.canvas import style
from app.canvas.kind_icons import kind_path
from app.model import ZONE_KINDS
from app.ui import icons

STEPS = [
    ("new", "Your room", "File &gt; New room… asks the width and depth. Drag a room corner to move it; "
                         "double-click a wall to add a corner (an L-shaped room takes three moves)."),
    ("trace", "Trace the real room", "Have a floor plan of the school, scanned or photographed? File &gt; Trace a "
                                     "floor plan… shows it under the plan. <i>Set the scale…</i>: click the two ends of "
                                     "a wall and type its length; <i>Square to a wall…</i> turns a crooked photo "
                                     "straight. Then drag the room's corners onto the drawn walls."),
    ("open", "Doors and windows", "Drag a door, window or board from the <i>Room</i> group onto a wall; it slides "
                                  "along the walls. Select it to set its width, hinge and swing."),
    ("rotate", "Furniture", "Drag pieces from the palette. Drag to move, R turns, the handles rotate and resize, "
                            "arrow keys nudge. While you drag, the gaps to the nearest piece or wall are shown."),
    ("zone-rect", "Learning zones", "Z draws a zone, Shift+Z a polygon (double-click or Enter to finish). "
                                    "Name each one and describe, in your own words, how students use it and how it "
                                    "supports a positive environment (the Details panel)."),
    ("walkable", "The checks", "The Checks list says at once what overlaps, what is too narrow and what nobody can "
                               "reach; click one to see it. View &gt; Show walkable space and routes draws the paths."),
    ("export", "Ready to submit?", "The panel lists every point of the reviewer's checklist that is still open; click "
                                   "one to go to it. Then File &gt; Export evidence PDF (or the draft with its "
                                   "checklist first)."),
]


#: Help > Keyboard and mouse: what each key and drag does, in groups a teacher looks for
KEYS = [
    ("Furniture and zones", [
        ("Drag from the palette", "place a piece, a zone, a door or a window"),
        ("Drag", "move (Alt: no snapping); the gaps to the neighbours show as you go"),
        ("Shift+drag a zone", "move it with the furniture standing in it"),
        ("Arrow keys", "nudge 1 in (Shift: 1 ft)"),
        ("R", "turn a quarter turn"), ("Round handle", "rotate in 15° steps (Shift: free)"),
        ("Square handles", "resize"), ("Ctrl+G / Ctrl+Shift+G", "group a pod / ungroup"),
        ("Ctrl+D, Ctrl+C, Ctrl+V", "duplicate, copy, paste"), ("Delete", "remove"),
    ]),
    ("Drawing", [
        ("Z", "draw a zone rectangle"),
        ("Shift+Z", "draw a polygon zone: click the corners, double-click or Enter to finish"),
        ("M", "measure: drag a dimension line"), ("Esc", "end the tool"),
    ]),
    ("The room", [
        ("Drag a corner", "reshape the room"), ("Double-click a wall", "add a corner"),
        ("Delete on a corner", "remove it"), ("Drag a door or window", "slide it along the walls"),
    ]),
    ("Looking around", [
        ("Wheel, Ctrl+ / Ctrl-", "zoom"), ("Middle button or Space+drag", "pan"), ("Ctrl+0", "fit the room"),
        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo: every edit, a drag is one step"),
    ]),
]


def keys_html() -> str:
    groups = "".join(
        f"<h3>{title}</h3><table cellspacing='3'>"
        + "".join(f"<tr><td width='200'><b>{key}</b></td><td>{what}</td></tr>" for key, what in rows)
        + "</table>"
        for title, rows in KEYS)
    return f"<h2>Keyboard and mouse</h2>{groups}"


class GettingStarted(QDialog):
    """A short page of help inside the app: Getting started, or the keyboard and mouse."""

    def __init__(self, parent: QWidget | None = None, title: str = "Getting started", html: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(620, 640)
        box = QVBoxLayout(self)
        self.page = QTextBrowser()
        self.page.setOpenExternalLinks(False)
        self.page.setHtml(html if html is not None else page_html())
        box.addWidget(self.page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        box.addWidget(buttons)


def page_html() -> str:
    rows = "".join(f'<tr><td valign="top" width="44">{_img(icons.icon(name))}</td>'
                   f"<td><b>{n}. {title}</b><br/>{text}</td></tr>"
                   for n, (name, title, text) in enumerate(STEPS, 1))
    kinds = " &nbsp; ".join(f"{_img(_kind_icon(kind), 18)} {style_.label}" for kind, style_ in ZONE_KINDS.items())
    return (f"<h2>From an empty room to the evidence PDF</h2><table cellspacing='8'>{rows}</table>"
            f"<h3>The kinds of zone</h3><p>{kinds}</p>"
            "<p>Every edit can be undone (Ctrl+Z). Each open plan autosaves every minute; after a crash the next "
            "start offers it back.</p>")


def _kind_icon(kind) -> QIcon:
    pixmap = QPixmap(36, 36)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(style.zone_color(kind)).darker(160), 2.4))
    painter.drawPath(kind_path(kind, QRectF(4, 4, 28, 28)))
    painter.end()
    return QIcon(pixmap)


def _img(icon: QIcon, size: int = 32) -> str:
    """An icon as an inline PNG, for the page's HTML."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    icon.pixmap(size * 2, size * 2).save(buffer, "PNG")
    buffer.close()
    encoded = bytes(data.toBase64()).decode("ascii")
    return f'<img src="data:image/png;base64,{encoded}" width="{size}" height="{size}"/>'
