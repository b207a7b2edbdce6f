"""Never write over a file being read or edited: whether two paths name the same file."""

from __future__ import annotations

import os


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether a and b are one file, after '..', symbolic links and hard links; a path that does
    not exist yet is compared by where it resolves to."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
