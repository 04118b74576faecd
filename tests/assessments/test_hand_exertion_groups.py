"""Subtasks of one hand-intensive task entered as rows with the same "Part of task".

Worked inputs: INSST NTP 1169 as transcribed in tests/scoring/test_revised_strain_index.py
(task A: three subtasks, task B: two, 4 h/day each): COSI 7.501 (A) and 5.146 (B), CUSI
9.041 (Garg, Moore & Kapellusch 2017b; the printed results were not seen, the values are
hand-computed from the equations).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from pydantic import ValidationError

from assessments import model as m
from assessments.batch import score_frame
from assessments.evaluate import inputs_from_assessments, score_assessment
from assessments.io import assessments_to_frame, csv_columns, load_json, validate_frame
from scoring.engine import score
from tests.assessments.test_hand_exertion import HAZARDOUS, NTP_1125, SECTION, _job
from views import form

ROOT = Path(__file__).resolve().parents[2]
# (part of task, I, efforts/min, s/exertion, wrist °): NTP 1169, every task 4 h/day.
NTP_1169_ROWS = (
    ("Task A", 0.7, 1.0, 1.0, 0.0),
    ("Task A", 0.4, 2.6, 1.2, 0.0),
    ("Task A", 0.2, 5.0, 3.0, 0.0),
    ("Task B", 0.1, 0.5, 1.0, -15.0),
    ("Task B", 0.5, 2.0, 3.0, -15.0),
)


def ntp_1169_tasks(hours=(4.0,) * 5) -> list[dict]:
    return [
        {
            "name": f"Subtask {k + 1}",
            "part_of_task": group,
            "intensity": i,
            "efforts_per_min": e,
            "exertion_s": d,
            "wrist_angle_deg": w,
            "hours_per_day": h,
        }
        for k, ((group, i, e, d, w), h) in enumerate(zip(NTP_1169_ROWS, hours, strict=True))
    ]


def test_ntp_1169_entered_as_grouped_rows_gives_the_published_cosi_and_cusi():
    a = _job(*ntp_1169_tasks())
    inputs = inputs_from_assessments([a])
    res = score(inputs.by_factor, inputs.applicable, 1).results[SECTION]
    assert list(res.task[0]) == [0, 0, 0, 3, 3]
    assert res.cosi[0, 0] == pytest.approx(7.501, abs=0.001)
    assert res.cosi[0, 3] == pytest.approx(5.146, abs=0.001)
    assert res.cusi[0] == pytest.approx(9.041, abs=0.001)
    assert res.n_tasks[0] == 2 and res.n_subtasks[0] == 5
    f = score_assessment(a).factor(SECTION)
    assert f.headline.value == pytest.approx(9.041, abs=0.001)
    assert f.band_name == "low"


def test_grouped_rows_show_their_task_and_each_task_cosi_and_the_why_counts_both():
    f = score_assessment(_job(*ntp_1169_tasks())).factor(SECTION)
    subtasks, cosi = f.tables
    assert subtasks.columns[:2] == ("row", "part of task")
    assert [r[:2] for r in subtasks.rows] == [
        ("Row 1", "Task A"),
        ("Row 2", "Task A"),
        ("Row 3", "Task A"),
        ("Row 4", "Task B"),
        ("Row 5", "Task B"),
    ]
    assert cosi.columns == ("task", "subtask rows", "h/day", "HM", "COSI")
    assert cosi.rows == (
        ("Task A", "1, 2, 3", "4.0", "0.77", "7.5"),
        ("Task B", "4, 5", "4.0", "0.77", "5.1"),
    )
    assert "CUSI over 2 tasks (5 subtasks) 9.0" in f.why
    assert {x.key: x.value for x in f.metrics}["rsi_subtasks"] == 5
    assert f.drivers[0] == "Row 5: intensity (IM) 6.70"  # the line the table calls Row 5


def test_one_task_of_three_subtasks_is_its_cosi_and_a_row_alone_is_a_task_of_its_own():
    f = score_assessment(_job(*ntp_1169_tasks()[:3])).factor(SECTION)
    assert f.headline.value == pytest.approx(7.501, abs=0.001)
    assert "COSI of 1 task (3 subtasks) 7.5" in f.why
    mixed = score_assessment(_job(*ntp_1169_tasks()[:3], NTP_1125)).factor(SECTION)
    assert mixed.tables[0].rows[3][:2] == ("Row 4", "Task 4")  # a task of its own
    assert mixed.tables[1].rows[1][:2] == ("Task 4", "4")
    assert "CUSI over 2 tasks (4 subtasks)" in mixed.why


def test_rows_without_a_task_name_are_scored_and_shown_exactly_as_before():
    plain = _job(NTP_1125, HAZARDOUS)
    blank = _job({**NTP_1125, "part_of_task": " "}, {**HAZARDOUS, "part_of_task": ""})
    assert score_assessment(blank) == score_assessment(plain)
    f = score_assessment(plain).factor(SECTION)
    assert len(f.tables) == 1 and f.tables[0].columns[1] == "I"
    assert "subtask" not in f.why


def test_old_files_without_the_field_open_and_score_identically():
    doc = json.loads((ROOT / "examples" / "maintenance-vibration.json").read_text("utf-8"))
    doc[SECTION] = {"tasks": [NTP_1125, HAZARDOUS]}
    for version in ("1.2", "1.3"):
        items, problems = load_json(json.dumps({"schema_version": version, "assessments": [doc]}))
        assert not problems
        assert [t.part_of_task for t in items[0].hand_exertion.tasks] == ["", ""]
        assert score_assessment(items[0]) == score_assessment(_job(NTP_1125, HAZARDOUS))


MISMATCH = (
    "hours_per_day must be the same in every subtask of part_of_task 'Task A' (it is the "
    "task's duration per day): row 1 gives 4, row 2 gives 4, row 3 gives 6 [h/day]."
)


def test_subtasks_of_one_task_with_different_hours_are_refused_naming_rows_and_values():
    with pytest.raises(ValidationError) as err:
        _job(*ntp_1169_tasks(hours=(4.0, 4.0, 6.0, 4.0, 4.0)))
    (e,) = err.value.errors(include_url=False)
    assert e["loc"] == (SECTION, "tasks", 2, "hours_per_day") and e["input"] == 6.0
    assert str(e["ctx"]["error"]) == MISMATCH


def test_the_form_names_the_hours_by_their_label_and_the_rows_as_the_table_numbers_them():
    doc = json.loads((ROOT / "examples" / "maintenance-vibration.json").read_text("utf-8"))
    doc[SECTION] = {"tasks": ntp_1169_tasks(hours=(4.0, 4.0, 6.0, 4.0, 4.0))}
    values, rows = form.state_from_dict(doc, "metric")
    frame = rows[f"{SECTION}.tasks"]
    # A row added and left blank before the third is skipped, and the rows keep their numbers.
    blank = pd.DataFrame([dict.fromkeys(frame.columns)])
    rows[f"{SECTION}.tasks"] = pd.concat([frame.iloc[:2], blank, frame.iloc[2:]], ignore_index=True)
    a, problems = form.validate(values, rows, "metric")
    assert a is None
    (shown,) = problems[form.list_key(f"{SECTION}.tasks")]
    assert shown == (
        "Task in row 4, Duration of task per day [h/day] must be the same in every subtask "
        "of Part of task 'Task A' (it is the task's duration per day): row 1 gives 4, row 2 "
        "gives 4, row 4 gives 6 [h/day]."
    )


def test_the_template_has_the_column_and_a_csv_of_grouped_rows_scores_the_cusi():
    cols = csv_columns()
    for k in (1, 2, 3):
        assert f"{SECTION}.task{k}.part_of_task" in cols
    frame = assessments_to_frame([_job(*ntp_1169_tasks()), _job(NTP_1125, HAZARDOUS)])
    assert list(frame[f"{SECTION}.task4.part_of_task"].fillna("")) == ["Task B", ""]
    out, problems = score_frame(frame)
    assert not problems
    assert out.loc[0, f"{SECTION}.native"] == pytest.approx(9.041, abs=0.001)
    assert [int(v) for v in out[f"{SECTION}.n_tasks"]] == [2, 2]
    assert [int(v) for v in out[f"{SECTION}.n_subtasks"]] == [5, 2]
    # The ungrouped row scores as it does alone (batch results keep four decimals).
    alone = score_assessment(_job(NTP_1125, HAZARDOUS)).factor(SECTION).headline.value
    assert out.loc[1, f"{SECTION}.native"] == pytest.approx(alone, abs=1e-4)


def test_a_csv_row_whose_subtasks_give_different_hours_names_the_slots_and_values():
    frame = assessments_to_frame([_job(*ntp_1169_tasks()), _job(*ntp_1169_tasks())])
    frame.loc[1, f"{SECTION}.task5.hours_per_day"] = 2.5
    expected = (
        "hours_per_day must be the same in every subtask of part_of_task 'Task B' (it is the "
        "task's duration per day): task4 gives 4, task5 gives 2.5 [h/day]."
    )
    for problems in (validate_frame(frame), score_frame(frame)[1]):
        assert [(p.row, p.field, p.value, p.message) for p in problems] == [
            (2, f"{SECTION}.task5.hours_per_day", 2.5, expected)
        ]


def test_cutting_the_hours_of_a_grouped_task_changes_every_subtask_and_stays_valid():
    hazardous = [{**HAZARDOUS, "part_of_task": "Trim"}, {**HAZARDOUS, "part_of_task": "Trim"}]
    a = _job(*hazardous)
    result = score_assessment(a)
    (rec,) = [r for r in result.recommendations if r.id == "RSI-HOURS"]
    assert {(c[1], c[2]) for c in rec.changes} == {(0, "hours_per_day"), (1, "hours_per_day")}
    changed = a.model_copy(deep=True)
    for _, pos, name, value in rec.changes:
        setattr(changed.hand_exertion.tasks[pos], name, value)
    again = m.Assessment.model_validate(changed.model_dump())
    assert score_assessment(again).factor(SECTION).headline.value == pytest.approx(
        rec.native_after, abs=1e-9
    )
    assert rec.native_after < rec.native_before


def test_pdf_lists_each_row_task_and_each_task_cosi():
    from reports.pdf import assessment_pdf
    from tests.reports.conftest import REPORT_DATE, flat, pages_text

    a = _job(*ntp_1169_tasks())
    text = flat(" ".join(pages_text(assessment_pdf(a, score_assessment(a), generated=REPORT_DATE))))
    assert "Revised Strain Index per subtask" in text
    assert "Composite Strain Index (COSI) per task" in text
    assert "Row 4 Task B" in text and "Task B 4, 5 4.0 0.77 5.1" in text
    assert "CUSI over 2 tasks (5 subtasks) 9.0" in text
