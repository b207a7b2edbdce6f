"""Project files (*.classroom.json): versioned JSON, atomic saves, one-line errors. No Qt here."""

from app.storage.errors import ProjectFileError
from app.storage.reading import FORMAT, MAX_FILE_BYTES, load_project, loads_project
from app.storage.schema import json_schema
from app.storage.writing import project_to_json, save_project

__all__ = [
    "FORMAT", "MAX_FILE_BYTES", "ProjectFileError", "json_schema", "load_project", "loads_project",
    "project_to_json", "save_project",
]
