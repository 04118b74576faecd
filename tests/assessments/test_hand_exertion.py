"""The Revised Strain Index as the hand-intensive work factor: model, validation, batch, results.

Worked inputs: INSST NTP 1125 (I 0.2, 5 efforts/min of 3 s, 5° flexion, 4 h/day: RSI 3.96,
low) and a hazardous task computed from the equations of Garg, Moore & Kapellusch 2017
(I 0.5, 10/min of 1 s, neutral wrist, 8 h/day: RSI 6.70 × 2.60 × 0.76 × 1.00015 = 13.24);
the coefficients are unconfirmed from the paper (see tests/scoring/test_revised_strain_index.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from assessments import model as m
from assessments.batch import score_frame
from assessments.evaluate import inputs_from_assessments, score_assessment
from assessments.io import assessments_to_frame, csv_columns, load_json
from reports.pdf import assessment_pdf
from scoring import recommendations
from scoring.engine import score
from tests.reports.conftest import REPORT_DATE, flat, pages_text

ROOT = Path(__file__).resolve().parents[2]
SECTION = "hand_exertion"
NTP_1125 = {
    "name": "Assembly",
    "intensity": 0.2,
    "efforts_per_min": 5.0,
    "exertion_s": 3.0,
    "wrist_angle_deg": -5.0,
    "hours_per_day": 4.0,
}
HAZARDOUS = {
    "name": "Trimming",
    "intensity": 0.5,
    "efforts_per_min": 10.0,
    "exertion_s": 1.0,
    "wrist_angle_deg": 0.0,
    "hours_per_day": 8.0,
}


def _job(*tasks: dict) -> m.Assessment:
    doc = json.loads((ROOT / "examples" / "maintenance-vibration.json").read_text("utf-8"))
    doc[SECTION] = {"tasks": list(tasks)}
    return m.Assessment.model_validate(doc)


def test_item_13_4_ntp_1125_task_scores_rsi_3_96_in_the_assessment_and_the_batch():
    a = _job(NTP_1125)
    f = score_assessment(a).factor(SECTION)
    assert f.applicable and f.band_name == "low"
    assert f.headline.value == pytest.approx(3.959, abs=0.001)
    row = f.tables[0].rows[0]
    assert row[0] == "Task 1" and row[6:] == ("2.62", "1.35", "1.38", "1.06", "0.77", "4.0")
    out, problems = score_frame(assessments_to_frame([a]))
    assert not problems
    assert out.loc[0, f"{SECTION}.native"] == pytest.approx(f.headline.value, abs=1e-4)
    assert out.loc[0, f"{SECTION}.band"] == "low"
    assert int(out.loc[0, f"{SECTION}.n_tasks"]) == 1


def test_item_13_4_two_tasks_combine_into_the_cusi_and_a_hazardous_one_is_high():
    result = score_assessment(_job(NTP_1125, HAZARDOUS))
    f = result.factor(SECTION)
    assert f.band_name == "high"
    metrics = {x.key: x.value for x in f.metrics}
    assert metrics["rsi_worst_cosi"] == pytest.approx(6.7 * 2.6 * 0.76 * 1.00015, abs=1e-3)
    assert metrics["rsi_tasks"] == 2
    # CUSI >= its peak task (garg-2017-cosi: the highest COSI plus the others' additions).
    assert f.headline.value > metrics["rsi_worst_cosi"]
    assert "CUSI over 2 tasks" in f.why and "hazard threshold 10" in f.why


def test_item_13_4_recommendations_are_quantified_by_rescoring_the_worst_task():
    a = _job(HAZARDOUS)
    result = score_assessment(a)
    recs = {r.id: r for r in result.recommendations if r.factor == SECTION}
    assert set(recs) == {"RSI-FORCE", "RSI-EFFORTS", "RSI-HOURS"}
    for r in recs.values():
        # One task: the fix brings its RSI (= the CUSI) to the threshold 10.
        assert r.native_before == pytest.approx(13.24, abs=0.01)
        assert r.native_after == pytest.approx(10.0, abs=0.01)
        (list_id, pos, name, value), *_ = r.changes
        assert list_id == "hand_exertion.tasks" and pos == 0
        changed = a.model_copy(deep=True)
        setattr(changed.hand_exertion.tasks[0], name, value)
        again = score_assessment(changed).factor(SECTION)
        assert again.headline.value == pytest.approx(r.native_after, abs=1e-9)
    # IM must fall to 6.70 × 10 / 13.24 = 5.06; IM(0.40) = 36·0.064 − 33.3·0.16 + 24.77·0.4
    # − 1.86 = 5.02, so the intensity that gives RSI 10 rounds to 0.40.
    assert "intensity 0.50 → 0.40" in recs["RSI-FORCE"].officer_text


def test_item_13_4_the_columns_trigger_the_entries_the_single_path_gives():
    items = [_job(NTP_1125), _job(HAZARDOUS), _job(NTP_1125, HAZARDOUS)]
    inputs = inputs_from_assessments(items)
    engine = score(inputs.by_factor, inputs.applicable, inputs.n)
    fired = recommendations.triggered(engine, inputs.by_factor)
    for i, a in enumerate(items):
        single = {r.id for r in score_assessment(a).recommendations if r.id.startswith("RSI-")}
        columns = {e for e, rows in fired.items() if e.startswith("RSI-") and rows[i]}
        assert single == columns, i


def test_item_13_4_efforts_times_exertion_over_the_minute_is_refused_naming_both_fields():
    bad = {**NTP_1125, "efforts_per_min": 30.0, "exertion_s": 3.0}
    with pytest.raises(ValidationError, match=r"efforts_per_min × exertion_s == 90, must be <= 60"):
        _job(bad)
    frame = assessments_to_frame([_job(NTP_1125)])
    frame[f"{SECTION}.task1.efforts_per_min"] = 30.0
    _, problems = score_frame(frame)
    assert [(p.field, p.message) for p in problems] == [
        (
            f"{SECTION}.task1.efforts_per_min",
            "efforts_per_min × exertion_s == 90, must be <= 60 [s].",
        )
    ]


@pytest.mark.parametrize(
    ("name", "value", "bounds"),
    [
        ("intensity", 1.2, ">= 0 and <= 1 [fraction]"),
        ("wrist_angle_deg", -120.0, ">= -90 and <= 90 [°]"),
        ("hours_per_day", 25.0, ">= 0 and <= 24 [h/day]"),
    ],
)
def test_item_13_4_out_of_range_inputs_name_field_value_and_range(name, value, bounds):
    frame = assessments_to_frame([_job(NTP_1125)])
    frame[f"{SECTION}.task1.{name}"] = value
    _, problems = score_frame(frame)
    assert len(problems) == 1
    assert f"{name} == {value:g}, must be {bounds}" in problems[0].message


def test_item_13_4_a_task_row_missing_an_input_is_refused():
    doc = {k: v for k, v in NTP_1125.items() if k != "exertion_s"}
    with pytest.raises(ValidationError, match="exertion_s"):
        _job(doc)


def test_item_13_4_old_files_open_and_leave_the_factor_not_assessed():
    doc = json.loads((ROOT / "examples" / "office-desk.json").read_text(encoding="utf-8"))
    for version in ("1.0", "1.1"):
        items, problems = load_json(json.dumps({"schema_version": version, "assessments": [doc]}))
        assert not problems
        f = score_assessment(items[0]).factor(SECTION)
        assert f.not_assessed


def test_item_13_4_new_documents_are_version_1_2_and_the_template_has_task_columns():
    assert m.Assessment().schema_version == m.SCHEMA_VERSION and "1.2" in m.READABLE_VERSIONS
    cols = csv_columns()
    for k in (1, 2, 3):
        assert f"{SECTION}.task{k}.efforts_per_min" in cols
    schema = json.loads((ROOT / "schemas" / "assessment-1.2.schema.json").read_text("utf-8"))
    assert schema["version"] == "1.2"


def test_item_13_4_pdf_shows_the_rsi_table_and_says_the_coefficients_are_unconfirmed():
    a = _job(NTP_1125, HAZARDOUS)
    text = flat(" ".join(pages_text(assessment_pdf(a, score_assessment(a), generated=REPORT_DATE))))
    assert "Revised Strain Index per task" in text
    assert "Hand-intensive work" in text
    assert "Reduce the force of each exertion" in text
    assert "Revised Strain Index (RSI, COSI, CUSI)" in text
    assert "Not confirmed against the primary source" in text
    assert "the paper's text was not seen" in text


def test_item_13_4_unused_slots_in_a_batch_leave_the_other_tasks_scored():
    frame = assessments_to_frame([_job(NTP_1125), _job(NTP_1125, HAZARDOUS)])
    out, problems = score_frame(frame)
    assert not problems
    assert [int(v) for v in out[f"{SECTION}.n_tasks"]] == [1, 2]
    assert np.isclose(out.loc[0, f"{SECTION}.native"], 3.959, atol=1e-3)
