"""Writing a project file so that a crash, a full disk or a power cut never loses the old one."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile

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
    """Atomic save: temp file in the same folder, fsync, rename over the old file, fsync the folder."""
    source = os.fspath(path)
    if "\x00" in source:
        raise ProjectFileError(source, "is not a valid file name")
    try:
        data = project_to_json(project).encode("utf-8")
    except (ValueError, TypeError) as e:  # a NaN slipped into the model: refuse rather than write bad JSON
        raise ProjectFileError(source, f"cannot be saved: {e}") from None
    target = os.path.realpath(source) if os.path.islink(source) else source  # save through a link
    folder = os.path.dirname(os.path.abspath(target))
    if os.path.isdir(target):
        raise ProjectFileError(source, "is a folder; choose a file name to save to")
    if not os.path.isdir(folder):
        raise ProjectFileError(source, f"cannot be saved: the folder {folder} does not exist")
    tmp = None
    try:
        # the name matches .gitignore's *.classroom.json.tmp* so a leftover never gets committed
        fd, tmp = tempfile.mkstemp(prefix=os.path.basename(target) + ".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
        tmp = None
        _fsync_folder(folder)
    except OSError as e:
        raise ProjectFileError(source, f"cannot be saved: {_why(e)}; the previous file is unchanged") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _mode_for(target: str) -> int:
    """Keep the old file's permissions; a new file gets what the user's umask allows."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: str) -> None:
    # the rename itself is only durable once the folder entry is on disk (POSIX rename(2))
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
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
