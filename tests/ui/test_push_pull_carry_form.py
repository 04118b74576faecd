"""AppTest: push, pull and carry tasks in the New assessment form, scored on Results."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessments.fields import field_spec
from tests.assessments.test_push_pull_carry import CARRY, HEAVY_PUSH
from tests.ui.test_new_assessment import PAGE, errors, example, fill, submit, texts
from views import form, state

SECTION = "push_pull_carry"


def _form_with_tasks(*tasks: dict) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    doc = example("warehouse-lifting") | {SECTION: {"tasks": list(tasks)}}
    return fill(at, doc)


def test_item_13_6_task_table_has_help_on_how_to_measure_each_input():
    assert "force gauge" in field_spec(f"{SECTION}.task", "initial_force_n").help
    assert "per minute" in field_spec(f"{SECTION}.task", "frequency_per_min").help
    assert f"{SECTION}.tasks" in form.LISTS
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert "Push, pull and carry tasks" in texts(at) + " ".join(t.label for t in at.tabs)


def test_item_13_6_two_tasks_in_the_form_score_the_worst_ratio_on_results():
    at = submit(_form_with_tasks(CARRY, HEAVY_PUSH))
    f = at.session_state[state.RESULT].factor(SECTION)
    assert f.band_name == "very high" and f.headline.key == "ppc_ratio"
    assert "task 2's sustained force" in texts(at)


def test_item_13_6_a_half_filled_task_is_refused_naming_the_missing_input():
    half = {k: v for k, v in HEAVY_PUSH.items() if k != "distance_m"}
    at = submit(_form_with_tasks(CARRY, half))
    assert at.session_state[state.RESULT] is None
    shown = " ".join(errors(at))
    assert "row 2" in shown and "Distance per push, pull or carry" in shown


def test_item_13_6_hand_height_out_of_range_is_refused_with_label_and_range():
    at = submit(_form_with_tasks({**CARRY, "hand_height_cm": 300.0}))
    assert at.session_state[state.RESULT] is None
    assert "Hand height [cm]: 300 is outside the allowed range" in " ".join(errors(at))
