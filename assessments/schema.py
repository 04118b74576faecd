"""The JSON Schema of an assessment, generated from the model (never written by hand).

The committed copy lives in ``schemas/assessment-<version>.schema.json``; a test
checks it is identical to what the model generates, so the two cannot drift.
"""

from __future__ import annotations

import json
from pathlib import Path

from assessments.model import SCHEMA_VERSION, Assessment

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_PATH = SCHEMA_DIR / f"assessment-{SCHEMA_VERSION}.schema.json"


def schema() -> dict:
    """Return the JSON Schema (draft 2020-12) of one assessment document."""
    doc = Assessment.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://ergo.example/schemas/assessment-{SCHEMA_VERSION}.schema.json",
        "version": SCHEMA_VERSION,
        **doc,
    }


def schema_json() -> str:
    """Return the schema as the text committed under schemas/."""
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
