"""Numbers for pieces without a label: 'Student desk 14' names one desk of 28 on the plan, in
the PDF and in a finding alike."""

from __future__ import annotations

from collections import Counter

from app.model.project import Piece


def piece_numbers(pieces: list[Piece]) -> list[int | None]:
    """For each piece, its number among the unlabelled pieces of its kind (1, 2, ... in plan
    order), or None when it has a label or is the only one of its kind."""
    unlabelled = [p.kind for p in pieces if not p.label]
    many = {kind for kind, n in Counter(unlabelled).items() if n > 1}
    seen: Counter[str] = Counter()
    out: list[int | None] = []
    for piece in pieces:
        if piece.label or piece.kind not in many:
            out.append(None)
            continue
        seen[piece.kind] += 1
        out.append(seen[piece.kind])
    return out


def piece_names(pieces: list[Piece]) -> list[str]:
    """What the plan, the PDF and the checks call each piece: its label, or its kind with its
    number where the layout has several ('Student desk 14')."""
    return [piece_name(p, n) for p, n in zip(pieces, piece_numbers(pieces))]


def piece_name(piece: Piece, number: int | None) -> str:
    return piece.label or (f"{piece.item.name} {number}" if number else piece.item.name)
