"""AppTest: hand-intensive tasks in the New assessment form, scored by the Revised Strain Index."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessments.fields import field_spec
from tests.assessments.test_hand_exertion import HAZARDOUS, NTP_1125
from tests.ui.test_new_assessment import PAGE, errors, example, fill, submit, texts
from views import form, state

SECTION = "hand_exertion"


def _form_with_tasks(*tasks: dict) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    doc = example("maintenance-vibration") | {SECTION: {"tasks": list(tasks)}}
    return fill(at, doc)


def test_item_13_4_task_table_has_help_on_how_to_measure_each_input():
    assert "Borg CR-10" in field_spec(f"{SECTION}.task", "intensity").help
    assert "goniometer" in field_spec(f"{SECTION}.task", "wrist_angle_deg").help
    assert f"{SECTION}.tasks" in form.LISTS
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert "Hand-intensive tasks" in texts(at) + " ".join(t.label for t in at.tabs)


def test_item_13_4_two_tasks_in_the_form_score_the_cusi_on_results():
    at = submit(_form_with_tasks(NTP_1125, HAZARDOUS))
    result = at.session_state[state.RESULT]
    f = result.factor(SECTION)
    assert f.band_name == "high" and f.headline.key == "rsi_cusi"
    assert "CUSI over 2 tasks" in texts(at)


def test_item_13_4_exertions_longer_than_the_minute_are_refused_naming_the_fields():
    at = submit(_form_with_tasks({**NTP_1125, "efforts_per_min": 30.0}))
    assert at.session_state[state.RESULT] is None
    shown = " ".join(errors(at))
    assert "Task in row 1, Efforts per minute [1/min] × Duration per exertion is 90" in shown
    assert "must be ≤ 60 [s]" in shown


def test_item_13_4_intensity_above_maximum_strength_is_refused_with_label_and_range():
    at = submit(_form_with_tasks({**NTP_1125, "intensity": 1.5}))
    assert at.session_state[state.RESULT] is None
    shown = " ".join(errors(at))
    assert "Intensity of exertion [fraction]: 1.5 is outside the allowed range, 0–1" in shown


def test_subtasks_entered_as_part_of_one_task_show_their_task_and_cosi_on_results():
    """NTP 1169 typed into the task table as five rows of two named tasks (CUSI 9.041)."""
    from tests.assessments.test_hand_exertion_groups import ntp_1169_tasks
    from tests.ui.test_results import PAGE as RESULTS
    from tests.ui.test_results import frames
    from tests.ui.test_results import texts as results_texts

    at = submit(_form_with_tasks(*ntp_1169_tasks()))
    f = at.session_state[state.RESULT].factor(SECTION)
    assert abs(f.headline.value - 9.041) < 0.001 and f.band_name == "low"  # NTP 1169 CUSI
    page = AppTest.from_file(str(RESULTS), default_timeout=30)
    for key in (state.ASSESSMENT, state.RESULT, state.UNIT_SYSTEM):
        page.session_state[key] = at.session_state[key]
    page.run()
    assert not page.exception
    shown = results_texts(page)
    assert "CUSI over 2 tasks (5 subtasks) 9.0" in shown
    assert "Subtasks scored" in shown
    cosi = next(df for df in frames(page) if "COSI" in df.columns)
    assert cosi.to_dict("list") == {
        "task": ["Task A", "Task B"],
        "subtask rows": ["1, 2, 3", "4, 5"],
        "h/day": ["4.0", "4.0"],
        "HM": ["0.77", "0.77"],
        "COSI": ["7.5", "5.1"],
    }
    rows = next(df for df in frames(page) if "part of task" in df.columns)
    assert list(rows["part of task"]) == ["Task A"] * 3 + ["Task B"] * 2
    assert list(rows["row"]) == ["Row 1", "Row 2", "Row 3", "Row 4", "Row 5"]  # the form's rows


def test_subtasks_of_one_task_with_other_hours_are_refused_naming_label_rows_and_values():
    from tests.assessments.test_hand_exertion_groups import ntp_1169_tasks

    at = submit(_form_with_tasks(*ntp_1169_tasks(hours=(4.0, 4.0, 6.0, 4.0, 4.0))))
    assert at.session_state[state.RESULT] is None
    shown = " ".join(errors(at))
    assert "Task in row 3, Duration of task per day [h/day] must be the same" in shown
    assert "row 1 gives 4, row 2 gives 4, row 3 gives 6 [h/day]" in shown
