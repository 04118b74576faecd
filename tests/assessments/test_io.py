"""JSON and flat-CSV reading and writing, the template and the generated JSON Schema."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assessments import io, schema

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def _load(path):
    items, problems = io.load_json(path.read_text())
    assert problems == []
    return items[0]


def test_three_examples_exist_and_validate():
    assert {p.stem for p in EXAMPLE_FILES} >= {
        "office-desk",
        "warehouse-lifting",
        "maintenance-vibration",
    }
    for p in EXAMPLE_FILES:
        _load(p)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_json_round_trip_is_identical(path):
    a = _load(path)
    again, problems = io.load_json(io.dump_json(a))
    assert problems == [] and again[0] == a


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_flat_row_round_trip_is_identical(path):
    a = _load(path)
    df = io.assessments_to_frame([a])
    back, problems = io.frame_to_assessments(df)
    assert problems == []
    assert back[0] == a


def test_flat_csv_text_round_trip_keeps_leading_zeros_and_unicode(tmp_path):
    a = _load(EXAMPLES / "office-desk.json")
    a.header.worker_ref = "007"
    a.header.assessor = "Łukasz Żółć"
    f = tmp_path / "x.csv"
    io.assessments_to_frame([a, a]).to_csv(f, index=False)
    df = pd.read_csv(f, keep_default_na=False, na_values=[""], dtype={"worker_ref": "string"})
    back, problems = io.frame_to_assessments(df)
    assert problems == []
    assert back[0].header.worker_ref == "007"
    assert back[1].header.assessor == "Łukasz Żółć"


def test_list_document_and_schema_version():
    items = [_load(p) for p in EXAMPLE_FILES]
    back, problems = io.load_json(io.dump_json(items))
    assert problems == [] and back == items
    doc = json.loads(io.dump_json(items))
    doc["schema_version"] = "0.9"
    back, problems = io.load_json(json.dumps(doc))
    assert (
        back == []
        and problems[0].message
        == "schema_version == '0.9', must be one of: '1.0', '1.1', '1.2', '1.3'."
    )


def test_invalid_json_is_reported_not_raised():
    items, problems = io.load_json("{not json")
    assert items == [] and "not valid JSON" in problems[0].message


def test_template_columns_come_from_the_declarations():
    cols = io.csv_template().strip().split(",")
    assert cols[:3] == ["assessment_id", "organisation", "site"]
    assert "workstation.stature_cm" in cols
    assert "lifting.task3.load_kg" in cols and "lifting.task4.load_kg" not in cols
    assert cols.index("lifting.task1.load_kg") < cols.index("lifting.task2.name")
    assert (EXAMPLES / "assessments-template.csv").read_text() == io.csv_template()


def test_committed_json_schema_matches_the_model():
    assert schema.SCHEMA_PATH.read_text() == schema.schema_json()
    doc = schema.schema()
    h = doc["$defs"]["LiftingTask"]["properties"]["h_origin_cm"]
    assert h["minimum"] == 0 and h["maximum"] == 200 and h["unit"] == "cm"


def _bad_frame():
    names = ("office-desk", "warehouse-lifting", "maintenance-vibration")  # rows 1, 2, 3
    rows = [io.assessment_to_row(_load(EXAMPLES / f"{n}.json")) for n in names]
    df = pd.DataFrame(rows, columns=io.csv_columns()).astype(object)
    df.loc[1, "lifting.task1.h_origin_cm"] = -3
    df.loc[2, "vibration.tool2.trigger_time_h"] = "two"
    df.loc[0, "workstation.posture_mode"] = "lying"
    df.loc[0, "sitting.not_applicable"] = "maybe"
    df.loc[1, "lifting.task2.load_kg"] = np.nan  # slot used, required value missing
    df.loc[1, "awkward_posture.back_bent_45_h"] = 3  # > back_bent_30_h 2.5
    return df


def test_vectorised_validation_names_row_field_value_and_range():
    problems = io.validate_frame(_bad_frame())
    lines = [p.line() for p in problems]
    assert (
        "row 2: lifting.task1.h_origin_cm: h_origin_cm == -3, must be >= 0 and <= 200 [cm]."
        in lines
    )
    assert (
        "row 3: vibration.tool2.trigger_time_h: trigger_time_h == 'two' is not a number, must be >= 0 and <= 24 [h/day]."
        in lines
    )
    assert (
        "row 1: workstation.posture_mode: posture_mode == 'lying', must be one of: seated, standing, sit_stand."
        in lines
    )
    assert any(
        line.startswith("row 1: sitting.not_applicable: not_applicable == 'maybe'")
        for line in lines
    )
    assert (
        "row 2: lifting.task2.load_kg: load_kg is missing, must be given (> 0 and <= 200 [kg])."
        in lines
    )
    assert (
        "row 2: awkward_posture.back_bent_45_h: back_bent_45_h == 3, must be <= back_bent_30_h (2.5) [h/day]."
        in lines
    )


def test_vectorised_and_per_row_validation_agree_on_which_rows_are_bad():
    df = _bad_frame()
    vec_rows = {p.row for p in io.validate_frame(df)}
    _, row_problems = io.frame_to_assessments(df)
    assert vec_rows == {p.row for p in row_problems}


def test_unknown_columns_are_refused_not_ignored():
    df = io.assessments_to_frame([_load(EXAMPLES / "office-desk.json")])
    df["workstation.stature"] = 170
    problems = io.validate_frame(df)
    assert [p.field for p in problems] == ["workstation.stature"]
    _, problems = io.frame_to_assessments(df)
    assert "is not in the layout" in problems[0].message


def test_extra_list_slots_are_read():
    a = _load(EXAMPLES / "warehouse-lifting.json")
    tasks = [*a.lifting.tasks, a.lifting.tasks[0], a.lifting.tasks[1]]
    a.lifting.tasks = tasks
    df = io.assessments_to_frame([a])
    assert "lifting.task5.load_kg" in df.columns
    assert io.validate_frame(df) == []
    back, _ = io.frame_to_assessments(df)
    assert len(back[0].lifting.tasks) == 5
