"""Copy, paste and duplicate: the selection as JSON on the system clipboard, pasted with new ids."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from app.model import Piece, Zone
from app.ui import commands as cmd
from app.ui.document import Document, EditError

MIME = "application/x-classroom-items"


def copy_selection(doc: Document, piece_ids: list[str], zone_ids: list[str]) -> bool:
    if not piece_ids and not zone_ids:
        return False
    data = {"pieces": [doc.piece(p).model_dump(mode="json") for p in piece_ids],
            "zones": [doc.zone(z).model_dump(mode="json") for z in zone_ids]}
    mime = QMimeData()
    text = json.dumps(data)
    mime.setData(MIME, text.encode("utf-8"))
    mime.setText(", ".join([doc.piece(p).display_name for p in piece_ids] + [doc.zone(z).display_name for z in zone_ids]))
    QGuiApplication.clipboard().setMimeData(mime)
    return True


def paste_items(doc: Document, offset: float = 12.0) -> list[str]:
    """Add the clipboard's pieces and zones, shifted by `offset` and with fresh ids; one undo step."""
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None or not mime.hasFormat(MIME):
        return []
    try:
        data = json.loads(bytes(mime.data(MIME)).decode("utf-8"))
        taken: set[str] = set()
        numbers = {z.station for z in doc.layout.zones if z.station is not None}
        pieces, zones = [], []
        groups: dict[str, str] = {}  # a pasted pod is a new pod: its own group, not the original's
        taken |= {p.group for p in doc.layout.pieces if p.group}
        for raw in data.get("pieces", []):
            new_id = doc.new_id(raw["kind"], taken=taken)
            taken.add(new_id)
            group = raw.get("group")
            if group is not None:
                if group not in groups:
                    groups[group] = doc.new_id("group", taken=taken)
                    taken.add(groups[group])
                group = groups[group]
            pieces.append(Piece.model_validate({**raw, "id": new_id, "group": group, "x": raw["x"] + offset,
                                                "y": raw["y"] + offset}))
        for raw in data.get("zones", []):
            new_id = doc.new_id("zone", taken=taken)
            taken.add(new_id)
            polygon = [(x + offset, y + offset) for x, y in raw["polygon"]]
            station = None
            if raw.get("station") is not None:  # a station pasted is a new station: the next free number
                station = next((n for n in range(1, 100) if n not in numbers), None)
                numbers.add(station)
            zones.append(Zone.model_validate({**raw, "id": new_id, "polygon": polygon, "station": station}))
    except (ValueError, KeyError, TypeError):
        return []  # not ours, or from a newer version: nothing to paste
    n = len(pieces) + len(zones)
    try:
        cmd.add_items(doc, pieces, zones, f"Paste {n} item{'s' if n != 1 else ''}")
    except EditError:
        return []
    return [p.id for p in pieces] + [z.id for z in zones]


def release_clipboard() -> None:
    """Before the app quits, take back mime data we put on the clipboard: Qt deletes it in its
    exit handlers, after Python is gone, and the Python wrapper's teardown then segfaults.
    Only our own copy is lost (it is only meaningful to this program)."""
    board = QGuiApplication.clipboard()
    data = board.mimeData()
    if data is not None and data.hasFormat(MIME):
        board.clear()
