"""Playwright: an officer types two push/pull/carry tasks into the form, at 1280 and 390 px.

Issue 13 items 5-6: a carry typed in full and a push typed half-way; checking names the
push's missing inputs and scores nothing; once its hand height, distance and frequency are
typed, Results shows the factor with the worst ratio of actual to acceptable (Liberty
Mutual equations, Potvin et al. 2021). The grid is typed through tests/e2e/grid.py.
"""

from __future__ import annotations

from assessments import model as m
from assessments.evaluate import score_assessment
from tests.e2e import grid
from tests.e2e.runs import check_and_score, idle
from views.components import factor_summary

TASKS = "form.push_pull_carry.tasks"
# Columns: name, kind, initial N, sustained N, weight kg, hand height, distance, frequency.
NAME, KIND, INITIAL, WEIGHT, HEIGHT, DISTANCE, FREQUENCY = 0, 1, 2, 4, 5, 6, 7
CARRY = {"name": "Tote", "kind": "carry", "carry_weight_kg": 12.0}
CARRY |= {"hand_height_cm": 80.0, "distance_m": 5.0, "frequency_per_min": 2.0}
PUSH = {"name": "Cage", "kind": "push", "initial_force_n": 250.0}
PUSH_REST = {"hand_height_cm": 95.0, "distance_m": 10.0, "frequency_per_min": 1.0}
COLUMN = {
    "name": NAME,
    "kind": KIND,
    "initial_force_n": INITIAL,
    "carry_weight_kg": WEIGHT,
    "hand_height_cm": HEIGHT,
    "distance_m": DISTANCE,
    "frequency_per_min": FREQUENCY,
}


def _expected_summary() -> str:
    """Return the Results line the same two tasks give through the model."""
    a = m.Assessment(push_pull_carry={"tasks": [CARRY, PUSH | PUSH_REST]})
    f = score_assessment(a).factor("push_pull_carry")
    return f"{f.title} — {factor_summary(f)}"


def test_item_13_6_a_half_filled_task_is_named_then_both_tasks_are_scored(form_page):
    page = form_page
    page.get_by_role("tab", name="Push, pull and carry").first.click()
    idle(page)
    grid.add_row(page, TASKS)
    grid.type_row(page, TASKS, 0, CARRY, COLUMN)
    grid.add_row(page, TASKS)
    grid.type_row(page, TASKS, 1, PUSH, COLUMN)  # no hand height, distance or frequency yet
    check_and_score(page)
    shown = "\n".join(page.get_by_test_id("stAlert").all_text_contents())
    assert "nothing was scored" in shown, shown
    assert "Task in row 2, Hand height [cm]: missing" in shown, shown
    assert "Task in row 2, Frequency [1/min]: missing" in shown, shown
    assert not page.get_by_role("heading", name="Results").is_visible()

    for name, value in PUSH_REST.items():
        grid.type_cell(page, TASKS, 1, COLUMN[name], f"{value:g}")
    check_and_score(page)
    page.get_by_role("heading", name="Results").wait_for()
    page.get_by_text(_expected_summary(), exact=True).wait_for()
