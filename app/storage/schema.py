"""The JSON Schema of the file (`classroom-layout schema`): the project plus its envelope."""

from __future__ import annotations

from typing import Any

from app.model import SCHEMA_VERSION, Project
from app.storage.reading import FORMAT
from app.units import INCHES_PER


def json_schema() -> dict[str, Any]:
    schema = Project.model_json_schema(mode="validation")
    envelope = {
        "format": {
            "type": "string", "const": FORMAT,
            "description": "Marks the file as a Classroom Layout Designer project.",
        },
        "length_unit": {
            "type": "string", "enum": list(INCHES_PER), "default": "in",
            "description": "The unit of every length in the file; the program always saves inches.",
        },
    }
    schema["properties"] = {**envelope, **schema["properties"]}
    schema["properties"]["schema_version"] = {
        "type": "integer", "const": SCHEMA_VERSION,
        "description": "The file format version; older versions are migrated on load.",
    }
    schema["required"] = sorted({"format", "schema_version", *schema.get("required", [])})
    schema["title"] = "Classroom layout project"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        "A *.classroom.json file: lengths in length_unit (inches when saved), plan coordinates with "
        "x to the right and y down from the room's top-left corner, rotations in degrees clockwise."
    )
    return schema
