"""Playwright: an officer types a hand-intensive job as subtask rows, at 1280 and 390 px.

Issue 13 item 4 (the Revised Strain Index, several tasks per job): task A of INSST NTP 1169
typed as three rows with the same "Part of task", the third one half-filled. Checking
names the third row's missing inputs and scores nothing; once they are typed, Results
shows the Composite Strain Index of task A (7.5; Garg, Moore & Kapellusch 2017, the
COSI equations, values hand-computed in tests/assessments/test_hand_exertion_groups.py)
and the rows as the form's table numbers them. A fourth row whose hours differ from its
task's is refused naming the rows and their values. The grid is typed through
tests/e2e/grid.py.
"""

from __future__ import annotations

from assessments import model as m
from assessments.evaluate import score_assessment
from tests.assessments.test_hand_exertion_groups import ntp_1169_tasks
from tests.e2e import grid
from tests.e2e.runs import check_and_score, idle
from tests.e2e.test_cards_journey import factor_text
from views.components import factor_summary

TASKS = "form.hand_exertion.tasks"
# Columns as the model declares them: name, I, efforts/min, s/exertion, wrist °, h/day, part.
COLUMN = {
    "name": 0,
    "intensity": 1,
    "efforts_per_min": 2,
    "exertion_s": 3,
    "wrist_angle_deg": 4,
    "hours_per_day": 5,
    "part_of_task": 6,
}
TASK_A = ntp_1169_tasks()[:3]
LATER = ("exertion_s", "wrist_angle_deg", "hours_per_day")  # what the third row lacks at first


def _type(page, row: int, task: dict, names) -> None:
    grid.type_row(page, TASKS, row, {n: task[n] for n in names}, COLUMN)


def _check(page) -> str:
    """Check and score; return what the alerts say."""
    check_and_score(page)
    return "\n".join(page.get_by_test_id("stAlert").all_text_contents())


def _expected_summary(tasks: list[dict]) -> str:
    """Return the Results line the same rows give through the model."""
    f = score_assessment(m.Assessment(hand_exertion={"tasks": tasks})).factor("hand_exertion")
    return f"{f.title} — {factor_summary(f)}"


def test_item_13_4_subtask_rows_typed_half_way_are_named_then_give_the_task_cosi(form_page):
    page = form_page
    page.get_by_role("tab", name="Hand exertion").first.click()
    idle(page)
    for row, task in enumerate(TASK_A):
        grid.add_row(page, TASKS)
        first = [n for n in COLUMN if n not in LATER] if row == 2 else list(COLUMN)
        _type(page, row, task, first)
    shown = _check(page)
    assert "nothing was scored" in shown, shown
    assert "Task in row 3, Duration per exertion [s]: missing" in shown, shown
    assert "Task in row 3, Duration of task per day [h/day]: missing" in shown, shown
    assert not page.get_by_role("heading", name="Results").is_visible()

    _type(page, 2, TASK_A[2], LATER)
    _check(page)
    page.get_by_text(_expected_summary(TASK_A), exact=True).wait_for()
    said = factor_text(page, "Hand-intensive work")
    assert "COSI of 1 task (3 subtasks) 7.5" in said, said


def test_item_13_4_a_subtask_with_other_hours_is_refused_naming_rows_and_values(form_page):
    page = form_page
    page.get_by_role("tab", name="Hand exertion").first.click()
    idle(page)
    rows = [*TASK_A[:2], TASK_A[2] | {"hours_per_day": 6.0}]
    for row, task in enumerate(rows):
        grid.add_row(page, TASKS)
        _type(page, row, task, list(COLUMN))
    shown = _check(page)
    assert "Task in row 3, Duration of task per day [h/day] must be the same" in shown, shown
    assert "row 1 gives 4, row 2 gives 4, row 3 gives 6 [h/day]" in shown, shown
    assert not page.get_by_role("heading", name="Results").is_visible()
