"""Writing a project file so that a crash, a full disk or a power cut never loses the old one."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
import time

from app.model import Project
from app.storage.errors import ProjectFileError
from app.storage.reading import FORMAT


def project_to_json(project: Project) -> str:
    """The file text: the envelope first, then the project; always inches."""
    body = project.model_dump(mode="json", exclude={"schema_version"})
    envelope = {"format": FORMAT, "schema_version": project.schema_version, "length_unit": "in", **body}
    text = json.dumps(envelope, indent=2, ensure_ascii=False, allow_nan=False)
    return _POINT.sub(r"[\1, \2]", text) + "\n"


# a point [x, y] on one line: a JSON string never holds a raw newline, so this never touches text
_POINT = re.compile(r"\[\n\s+(-?[0-9][0-9.eE+-]*),\n\s+(-?[0-9][0-9.eE+-]*)\n\s*\]")


def save_project(project: Project, path: str | os.PathLike) -> None:
    """The project as a file at `path`, written atomically (see write_atomically)."""
    source = os.fspath(path)
    try:
        data = project_to_json(project).encode("utf-8")
    except (ValueError, TypeError) as e:  # a NaN slipped into the model: refuse rather than write bad JSON
        raise ProjectFileError(source, f"cannot be saved: {e}") from None
    write_atomically(source, data)


def write_atomically(path: str | os.PathLike, data: bytes, *, keep_mode: bool = True) -> None:
    """Put `data` at `path` so that a crash, a full disk or a power cut leaves the old file or the new one.

    Temp file in the same folder, fsync, chmod, rename over the old file, fsync the folder. The file
    keeps the old file's permissions, or gets what the user's umask allows a new file (always, with
    keep_mode=False); through a symbolic link the link's target is written. Every failure is a
    one-line ProjectFileError and leaves the old file as it was and no temp file behind.
    """
    source = os.fspath(path)
    if "\x00" in source:
        raise ProjectFileError(source, "is not a valid file name")
    target = os.path.realpath(source) if os.path.islink(source) else source  # save through a link
    folder = os.path.dirname(os.path.abspath(target))
    name = os.path.basename(target)
    if os.path.isdir(target):
        raise ProjectFileError(source, "is a folder; choose a file name to save to")
    if not os.path.isdir(folder):
        raise ProjectFileError(source, f"cannot be saved: the folder {folder} does not exist")
    existed = os.path.exists(target)
    tmp = None
    try:
        # hidden, and a project's matches .gitignore's *.classroom.json.tmp*, so a leftover is never committed
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target) if keep_mode else _new_file_mode())
        os.replace(tmp, target)
        tmp = None
    except OSError as e:
        kept = "the previous file is unchanged" if existed else "nothing was written"
        raise ProjectFileError(source, f"cannot be saved: {_why(e)}; {kept}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _fsync_folder(folder)
    _remove_leftovers(folder, name)


# a temp file this old is a killed save's leftover, not a save in progress (even on a slow USB stick)
LEFTOVER_AGE_S = 600


def _remove_leftovers(folder: str, name: str) -> None:
    """Temp files of earlier saves of the same file that a killed process left behind."""
    pattern = re.compile(rf"\.?{re.escape(name)}\.tmp[a-z0-9_]{{8}}")  # mkstemp's names, and the old unhidden ones
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # a folder we may write but not list: the leftovers stay, the save is done
    for entry in entries:
        if pattern.fullmatch(entry.name):
            try:
                if now - entry.stat(follow_symlinks=False).st_mtime > LEFTOVER_AGE_S:
                    os.unlink(entry.path)
            except OSError:
                pass  # gone already, or another user's: not ours to fail the save over


def _mode_for(target: str) -> int:
    """Keep the old file's permissions; a new file gets what the user's umask allows."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return _new_file_mode()


def _new_file_mode() -> int:
    umask = os.umask(0)  # the only portable way to read the umask is to set it and put it back
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: str) -> None:
    # the rename itself is only durable once the folder entry is on disk (POSIX rename(2))
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a folder we may write but not read: the file is in place, only not yet durable
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) refuse fsync on a folder; the data is written
    finally:
        os.close(fd)


def _why(e: OSError) -> str:
    reasons = {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.ENAMETOOLONG: "the file name is too long",
    }
    return reasons.get(e.errno, e.strerror or str(e) or type(e).__name__)
