"""Load and save through app.storage (atomic, migrating); a thin fallback until it is importable.

Every failure is a ProjectIOError whose str() is one line naming the file and the problem.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from app.model import Project
from app.model.errors import describe


class ProjectIOError(Exception):
    """A file that could not be read or written; str() is one line."""


def _storage():
    try:
        import app.storage as storage  # another helper writes it; use it once it exists

        if hasattr(storage, "load_project") and hasattr(storage, "save_project"):
            return storage
    except Exception:  # noqa: BLE001 - a half-written module must not stop the editor
        return None
    return None


def load_project(path: str | Path) -> Project:
    storage = _storage()
    if storage is not None:
        try:
            return storage.load_project(path)
        except Exception as error:  # ProjectFileError and anything else: one line
            raise ProjectIOError(_one_line(error, path)) from None
    try:
        text = Path(path).read_text(encoding="utf-8")
        return Project.model_validate_json(text)
    except ValidationError as error:
        raise ProjectIOError(f"{path}: {describe(error)}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ProjectIOError(_one_line(error, path)) from None


def save_project(project: Project, path: str | Path) -> None:
    storage = _storage()
    if storage is not None:
        try:
            storage.save_project(project, path)
            return
        except Exception as error:  # noqa: BLE001
            raise ProjectIOError(_one_line(error, path)) from None
    write_atomically(Path(path), project.model_dump_json(indent=2))


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename: a failed save never destroys the old file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as error:
        raise ProjectIOError(_one_line(error, path)) from None


def _one_line(error: BaseException, path: str | Path) -> str:
    if isinstance(error, OSError):
        text = f"{path}: {error.strerror or error}"
    else:
        text = str(error) or type(error).__name__
        if str(path) not in text:
            text = f"{path}: {text}"
    return text.splitlines()[0] if text else str(path)
