"""AppTest: lifting tasks, tools and vehicles entered one at a time on cards (issue 9 item 4).

AppTest drives the cards' widgets (the view switch, Add, each input, Done, Edit,
Remove) as a person would, by key; only the table path, which AppTest cannot
drive (``st.data_editor``), is given as the table the editor would hold, to
check that a card and a table row become the same model rows.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments.fields import fields_of
from views import cards, form, state

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "new_assessment.py"
TASKS, TOOLS, SOURCES = "lifting.tasks", "vibration.tools", "vibration.sources"

# Two lifting tasks in metric units; the second is left without its frequency first.
TASK_1 = {
    "name": "Tote to conveyor",
    "load_kg": 9.0,
    "h_origin_cm": 30.0,
    "v_origin_cm": 75.0,
    "h_dest_cm": 40.0,
    "v_dest_cm": 100.0,
    "lifts_per_min": 2.0,
}
TASK_2 = {
    "name": "Floor to bench",
    "load_kg": 12.0,
    "h_origin_cm": 25.0,
    "v_origin_cm": 30.0,
    "h_dest_cm": 35.0,
    "v_dest_cm": 80.0,
}
TOOL = {"name": "Grinder", "a_hv_m_s2": 6.0, "trigger_time_h": 2.0}
SOURCE = {
    "name": "Forklift",
    "a_wx_m_s2": 0.3,
    "a_wy_m_s2": 0.2,
    "a_wz_m_s2": 0.6,
    "exposure_h": 5.0,
}


def new_form() -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    return at


def one_at_a_time(at: AppTest, list_id: str) -> AppTest:
    at.radio(key=cards.view_key(list_id)).set_value(cards.CARDS).run()
    assert not at.exception
    return at


def add_card(at: AppTest, list_id: str, values: dict) -> AppTest:
    """Press "Add a ..." and type each value into the new card's inputs."""
    at.button(key=f"{form.list_key(list_id)}._add").click().run()
    pos = len(at.session_state[state.FORM_ROWS][list_id]) - 1
    return type_card(at, list_id, pos, values)


def type_card(at: AppTest, list_id: str, pos: int, values: dict) -> AppTest:
    for name, value in values.items():
        key = cards.card_key(list_id, pos, name)
        box = at.text_input(key=key) if isinstance(value, str) else at.number_input(key=key)
        box.set_value(value).run()
        assert not at.exception
    return at


def submit(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Check and score").click().run()
    assert not at.exception
    return at


def errors(at: AppTest) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]


def lifting_of(at: AppTest) -> list[dict]:
    return [t.model_dump() for t in at.session_state[state.ASSESSMENT].lifting.tasks]


# ------------------------------------------------------------------ item 4


def test_item_04_the_view_defaults_to_cards_on_a_phone_and_the_table_on_a_desk():
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148 Safari/604.1"
    desk = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
    assert cards.is_handheld({"User-Agent": iphone})
    assert cards.is_handheld({"Sec-CH-UA-Mobile": "?1", "User-Agent": desk})
    assert cards.is_handheld({"user-agent": "Mozilla/5.0 (Linux; Android 14; SM-X710)"})
    assert not cards.is_handheld({"User-Agent": desk, "Sec-CH-UA-Mobile": "?0"})
    assert not cards.is_handheld({})
    at = new_form()  # AppTest sends no browser headers: a desk
    for list_id in (TASKS, TOOLS, SOURCES):
        assert at.radio(key=cards.view_key(list_id)).value == cards.TABLE


def test_item_04_a_half_filled_card_is_named_as_incomplete_and_nothing_is_scored():
    at = one_at_a_time(new_form(), TASKS)
    add_card(at, TASKS, TASK_1)
    add_card(at, TASKS, TASK_2)
    warned = [w.value for w in at.warning]
    assert "Incomplete, nothing is scored until it is given: Frequency [lifts/min]." in warned
    assert at.tabs[form.SECTIONS.index("lifting") + 1].label == "Lifting · entered"
    submit(at)
    assert (
        "Task in row 2, Frequency [lifts/min]: missing, must be given (> 0 and ≤ 60 lifts/min)."
        in (errors(at))
    )
    assert at.session_state[state.RESULT] is None
    type_card(at, TASKS, 1, {"lifts_per_min": 1.0})
    assert not [w for w in at.warning if w.value.startswith("Incomplete")]
    submit(at)
    assert at.session_state[state.RESULT] is not None
    assert [t["name"] for t in lifting_of(at)] == ["Tote to conveyor", "Floor to bench"]


def test_item_04_cards_and_table_rows_become_the_same_model_rows():
    at = one_at_a_time(new_form(), TASKS)
    add_card(at, TASKS, TASK_1)
    add_card(at, TASKS, {**TASK_2, "lifts_per_min": 1.0})
    submit(at)
    by_cards = at.session_state[state.ASSESSMENT]
    # The same two tasks as the table editor holds them after typing (display units).
    table = form.rows_frame(TASKS, [TASK_1, {**TASK_2, "lifts_per_min": 1.0}], "metric")
    rows = {**at.session_state[state.FORM_ROWS], TASKS: table}
    values = {k: at.session_state[k] for k in form.state_keys() if k in at.session_state}
    by_table, problems = form.validate(values, rows, "metric")
    assert not problems
    assert by_table.lifting == by_cards.lifting


def test_item_04_switching_between_cards_and_table_keeps_every_value():
    at = one_at_a_time(new_form(), TASKS)
    add_card(at, TASKS, TASK_2)  # incomplete on purpose: it must survive too
    at.radio(key=cards.view_key(TASKS)).set_value(cards.TABLE).run()
    frame = at.session_state[state.FORM_ROWS][TASKS]
    assert frame.loc[0, "load_kg"] == 12.0 and math.isnan(frame.loc[0, "lifts_per_min"])
    assert at.session_state[state.FORM_VIEWS][TASKS] == cards.TABLE
    one_at_a_time(at, TASKS)  # the card open before the switch is open again
    assert at.text_input(key=cards.card_key(TASKS, 0, "name")).value == "Floor to bench"
    assert at.number_input(key=cards.card_key(TASKS, 0, "v_dest_cm")).value == 80.0
    assert at.number_input(key=cards.card_key(TASKS, 0, "lifts_per_min")).value is None


def test_item_04_advanced_inputs_are_inside_the_card_with_their_help():
    at = one_at_a_time(new_form(), TASKS)
    add_card(at, TASKS, {"load_kg": 9.0})
    more = [e for e in at.expander if e.label.startswith("More: ")]
    assert len(more) == 1
    assert "Asymmetry at origin" in more[0].label and "Coupling" in more[0].label
    spec = next(s for s in fields_of("lifting.task") if s.name == "asymmetry_origin_deg")
    box = at.number_input(key=cards.card_key(TASKS, 0, "asymmetry_origin_deg"))
    assert spec.help in box.help and "Allowed: 0–180 deg." in box.help
    coupling = at.selectbox(key=cards.card_key(TASKS, 0, "coupling"))
    coupling.set_value("poor").run()
    assert at.session_state[state.FORM_ROWS][TASKS].loc[0, "coupling"] == "poor"


def test_item_04_cards_can_be_closed_edited_and_removed():
    at = one_at_a_time(new_form(), TASKS)
    add_card(at, TASKS, TASK_1)
    at.button(key=f"{form.list_key(TASKS)}.card0._done").click().run()
    assert "Load (average) 9 kg" in " ".join(c.value for c in at.caption)
    add_card(at, TASKS, TASK_2)
    at.button(key=f"{form.list_key(TASKS)}.card0._remove").click().run()
    frame = at.session_state[state.FORM_ROWS][TASKS]
    assert frame["name"].tolist() == ["Floor to bench"]
    # The card that was open (the second) is still the one open, now first.
    assert at.number_input(key=cards.card_key(TASKS, 0, "load_kg")).value == 12.0


@pytest.mark.parametrize(
    ("list_id", "item", "missing", "message"),
    [
        (TOOLS, TOOL, "trigger_time_h", "Tool in row 1, Trigger time [h/day]: missing"),
        (SOURCES, SOURCE, "exposure_h", "Source in row 1, Exposure time [h/day]: missing"),
    ],
)
def test_item_04_a_tool_and_a_vehicle_on_cards_incomplete_then_scored(
    list_id, item, missing, message
):
    at = one_at_a_time(new_form(), list_id)
    add_card(at, list_id, {k: v for k, v in item.items() if k != missing})
    submit(at)
    assert any(e.startswith(message) for e in errors(at)), errors(at)
    assert at.session_state[state.RESULT] is None
    type_card(at, list_id, 0, {missing: item[missing]})
    submit(at)
    result = at.session_state[state.RESULT]
    assert result is not None
    # The same item typed into the table scores the same.
    rows = {
        **at.session_state[state.FORM_ROWS],
        list_id: form.rows_frame(list_id, [item], "metric"),
    }
    values = {k: at.session_state[k] for k in form.state_keys() if k in at.session_state}
    by_table, problems = form.validate(values, rows, "metric")
    assert not problems and by_table.vibration == at.session_state[state.ASSESSMENT].vibration


def test_item_04_the_view_chosen_survives_a_visit_to_another_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page("views/new_assessment.py").run()
    one_at_a_time(at, TOOLS)
    add_card(at, TOOLS, {"name": "Grinder", "a_hv_m_s2": 6.0})
    at.switch_page("views/methods.py").run()
    at.switch_page("views/new_assessment.py").run()
    assert not at.exception
    assert at.radio(key=cards.view_key(TOOLS)).value == cards.CARDS
    assert at.number_input(key=cards.card_key(TOOLS, 0, "a_hv_m_s2")).value == 6.0
