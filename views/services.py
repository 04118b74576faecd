"""What the pages call: parsing uploads and scoring them (no widgets here)."""

from __future__ import annotations

import io as _io

import pandas as pd

from assessments import io
from assessments.batch import engine_frame, score_frame
from assessments.evaluate import inputs_from_assessments
from scoring.engine import score


def template_csv() -> bytes:
    """Return the CSV template as bytes for a download button."""
    return io.csv_template().encode("utf-8")


def _problem_table(problems) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": [p.row for p in problems],
            "field": [p.field for p in problems],
            "problem": [p.message for p in problems],
        }
    )


def score_upload(name: str, data: bytes) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Return (results, None) or (None, problems) for an uploaded JSON or CSV file."""
    if name.lower().endswith(".json"):
        items, problems = io.load_json(data)
        if problems:
            return None, _problem_table(problems)
        inputs = inputs_from_assessments(items)
        engine = score(inputs.by_factor, inputs.applicable, inputs.n)
        out = engine_frame(engine, inputs.applicable)
        out.insert(0, "assessment_id", [a.header.assessment_id for a in items])
        return out, None
    df = pd.read_csv(
        _io.BytesIO(data),
        keep_default_na=False,
        na_values=[""],
        dtype={"worker_ref": "string", "assessment_id": "string"},
    )
    out, problems = score_frame(df)
    if problems:
        return None, _problem_table(problems)
    return out, None
