"""ROSA as a factor of the office assessment: model, validation, batch, results, old files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from assessments import model as m
from assessments.batch import score_frame
from assessments.evaluate import score_assessment
from assessments.io import assessments_to_frame, csv_columns, load_json

ROOT = Path(__file__).resolve().parents[2]
# Sonne, Villalta & Andrews 2012, Table 3 and Fig. 2 (p. 100 and 103): the worked example,
# chair 7, screen and peripherals 4, ROSA final score 7.
TABLE_3 = {
    "seat_height_score": 2,
    "seat_height_non_adjustable": True,
    "seat_depth_score": 1,
    "armrest_score": 2,
    "armrest_non_adjustable": True,
    "back_support_score": 2,
    "back_work_surface_too_high": True,
    "back_support_non_adjustable": True,
    "chair_daily_h": 6.0,
    "monitor_score": 3,
    "monitor_no_document_holder": True,
    "monitor_daily_h": 6.0,
    "telephone_score": 1,
    "telephone_daily_h": 2.0,
    "mouse_score": 2,
    "mouse_palm_rest": True,
    "mouse_daily_h": 6.0,
    "keyboard_score": 1,
    "keyboard_daily_h": 6.0,
}


def _office(**rosa) -> m.Assessment:
    doc = json.loads((ROOT / "examples" / "office-desk.json").read_text(encoding="utf-8"))
    doc["office_workstation"] = rosa
    return m.Assessment.model_validate(doc)


def test_table_3_example_scores_7_in_the_assessment_and_the_batch():
    a = _office(**TABLE_3)
    f = score_assessment(a).factor("office_workstation")
    assert f.applicable and f.headline.value == 7 and f.band_name == "high"
    sections = {x.key: x.value for x in f.metrics}
    assert sections["rosa_chair"] == 7 and sections["rosa_peripherals"] == 4
    assert "action level 5" in f.why
    out, problems = score_frame(assessments_to_frame([a]))
    assert not problems
    assert out.loc[0, "office_workstation.native"] == 7
    assert out.loc[0, "office_workstation.band"] == "high"
    assert out.loc[0, "office_workstation.chair"] == 7


def test_recommendations_are_quantified_by_rescoring_the_section_neutral():
    result = score_assessment(_office(**TABLE_3))
    recs = {r.id: r for r in result.recommendations if r.factor == "office_workstation"}
    assert set(recs) == {"ROSA-CHAIR", "ROSA-SCREEN-PHONE", "ROSA-MOUSE-KEYBOARD"}
    chair = recs["ROSA-CHAIR"]
    assert chair.native_before == 7 and chair.native_after < 7
    assert chair.effect == f"ROSA 7 → {chair.native_after:.0f}"


def test_untouched_section_is_not_assessed_and_old_files_open():
    doc = json.loads((ROOT / "examples" / "office-desk.json").read_text(encoding="utf-8"))
    items, problems = load_json(json.dumps({"schema_version": "1.0", "assessments": [doc]}))
    assert not problems
    f = score_assessment(items[0]).factor("office_workstation")
    assert f.not_assessed


def test_a_score_that_is_not_a_whole_number_is_refused_with_field_value_and_range():
    bad = {**TABLE_3, "seat_height_score": 1.5}
    doc = json.loads((ROOT / "examples" / "office-desk.json").read_text(encoding="utf-8"))
    doc["office_workstation"] = bad
    _, problems = load_json(json.dumps(doc))
    assert any(
        "seat_height_score == 1.5, must be a whole number >= 1 and <= 3 [points]" in p.message
        for p in problems
    )
    frame = assessments_to_frame([_office(**TABLE_3)])
    frame["office_workstation.seat_height_score"] = 1.5
    _, problems = score_frame(frame)
    assert [p.message for p in problems] == [
        "seat_height_score == 1.5, must be a whole number >= 1 and <= 3 [points]."
    ]


def test_template_has_the_rosa_columns():
    cols = csv_columns()
    assert "office_workstation.seat_height_score" in cols
    assert "office_workstation.keyboard_continuous_min" in cols
    df = pd.read_csv(io.StringIO(",".join(cols) + "\n"))
    assert list(df.columns) == cols


def test_blank_rosa_cells_are_not_assessed_not_a_problem():
    frame = assessments_to_frame([_office(**TABLE_3)])
    rosa_cols = [c for c in frame.columns if c.startswith("office_workstation.")]
    frame[rosa_cols] = None
    out, problems = score_frame(frame)
    assert not problems
    assert out.loc[0, "office_workstation.band"] == "not assessed"
