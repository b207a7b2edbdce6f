"""The permissions a file we write gets: the same as a saved project (app/storage/writing.py).

`tempfile.mkstemp` creates its file 0600 so that nobody else can read it while it is written;
a file moved into place from it would stay 0600, which a teacher's shared folder or a second
account on the family laptop then cannot open.
"""

from __future__ import annotations

import os


def saved_file_mode() -> int:
    """What the user's umask allows a new file: 0644 under the usual umask 022."""
    umask = os.umask(0)  # the only portable way to read the umask is to set it and put it back
    os.umask(umask)
    return 0o666 & ~umask


def give_saved_file_mode(path: str | os.PathLike[str]) -> None:
    """Give the file at `path` the mode a newly saved project gets."""
    os.chmod(path, saved_file_mode())
