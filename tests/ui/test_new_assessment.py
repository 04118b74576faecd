"""AppTest: the New assessment form, filled by widget key, submitted, and what the officer reads.

AppTest cannot drive ``st.file_uploader`` or ``st.data_editor``: the list tables
(lifting tasks, tools, sources) are put in session state where the page keeps
them (``state.FORM_ROWS``), and the JSON path is tested through
``views.form.load_document``, the function the uploader calls.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments import io
from assessments import model as m
from assessments.evaluate import score_assessment
from assessments.fields import field_spec
from views import form, state

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "new_assessment.py"
EXAMPLES = ROOT / "examples"
WIDGETS = (
    "number_input",
    "text_input",
    "text_area",
    "selectbox",
    "toggle",
    "checkbox",
    "date_input",
    "multiselect",
    "radio",
)


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def example_model(name: str) -> m.Assessment:
    items, problems = io.load_json((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    assert not problems
    return items[0]


def widget(at: AppTest, key: str):
    """Return the widget with this key, whatever its kind."""
    for kind in WIDGETS:
        for w in getattr(at, kind):
            if w.key == key:
                return w
    raise KeyError(key)


def new_form() -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    return at


def fill(at: AppTest, doc: dict) -> AppTest:
    """Type an example document into the form, widget by widget, in metric units."""
    for name, value in doc["header"].items():
        v = dt.date.fromisoformat(value) if name == "date" else value
        widget(at, form.widget_key("header", name)).set_value(v)
    rows = dict(at.session_state[state.FORM_ROWS])
    for section in m.SECTIONS:
        for name, value in (doc.get(section) or {}).items():
            if isinstance(value, list):  # a list table (see the module docstring)
                rows[f"{section}.{name}"] = form.rows_frame(f"{section}.{name}", value, "metric")
                continue
            number = isinstance(value, int | float) and not isinstance(value, bool)
            widget(at, form.widget_key(section, name)).set_value(float(value) if number else value)
    at.session_state[state.FORM_ROWS] = rows
    return at


def submit(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Check and score").click().run()
    assert not at.exception
    return at


def texts(at: AppTest) -> str:
    """Return everything written on the page as one string (markdown, captions, alerts)."""
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    parts += [e.value for e in at.error] + [e.value for e in at.info]
    return "\n".join(str(p) for p in parts)


# ------------------------------------------------------------------- smoke


def test_page_runs_alone_with_a_widget_for_every_declared_input():
    at = new_form()
    assert at.title[0].value == "New assessment"
    for key in form.widget_keys():
        widget(at, key)  # raises if a declared field has no widget
    labels = [t.label for t in at.tabs]
    assert labels[0] == "Header"
    assert labels[1:] == [s.replace("_", " ").capitalize() for s in m.SECTIONS]
    assert at.session_state[state.RESULT] is None


def test_labels_help_and_range_come_from_the_declaration():
    at = new_form()
    spec = field_spec("workstation", "stature_cm")
    w = widget(at, form.widget_key("workstation", "stature_cm"))
    assert w.label == "Stature [cm]"
    assert spec.help in w.help
    assert "Allowed: 120–220 cm." in w.help
    assert w.placeholder == "120–220 cm"


# ------------------------------------------------------------ the examples


@pytest.mark.parametrize(
    ("name", "band", "reads"),
    [
        (
            "office-desk",
            "very high",
            ["chair 52 cm", "footrest 9 cm", "4 factors at high or above"],
        ),
        ("warehouse-lifting", "very high", ["CLI 3.96", "1 factor at high or above"]),
        ("maintenance-vibration", "high", ["A(8) 3.65 m/s²", "Hand-arm vibration"]),
    ],
)
def test_example_typed_into_the_form_is_scored_as_the_file_is(name, band, reads):
    at = submit(fill(new_form(), example(name)))
    assert not at.error, [e.value for e in at.error]
    # The form produced exactly the assessment in the file, and the engine's result for it.
    assert at.session_state[state.ASSESSMENT] == example_model(name)
    result = at.session_state[state.RESULT]
    assert result == score_assessment(example_model(name))
    assert result.overall_band_name == band
    shown = texts(at)
    assert f">{band}</span>" in shown  # the overall band, written on its colour
    for words in reads:
        assert words in shown


def test_impossible_stature_is_named_next_to_the_field_and_nothing_is_scored():
    at = fill(new_form(), example("office-desk"))
    widget(at, form.widget_key("workstation", "stature_cm")).set_value(400.0)
    at = submit(at)
    msg = "stature_cm == 400, must be >= 120 and <= 220 [cm]."
    assert msg in [e.value for e in at.error]
    assert at.session_state[state.RESULT] is None
    assert at.session_state[state.ASSESSMENT] is None
    # The message sits in the Workstation tab, right under the stature input.
    tab = next(t for t in at.tabs if "Workstation" in t.label)
    assert tab.label == "⚠ Workstation (1)"
    drawn = _walk(tab)
    i = [getattr(e, "key", None) for e in drawn].index(form.widget_key("workstation", "stature_cm"))
    assert drawn[i + 1].value == msg
    # ...and the page says why nothing was scored.
    assert any("1 problem to correct: nothing was scored" in e.value for e in at.error)


def _walk(block) -> list:
    """Return a block's elements in the order they are drawn."""
    out = []
    for child in block.children.values():
        if hasattr(child, "children") and not hasattr(child, "value"):
            out += _walk(child)
        else:
            out.append(child)
    return out


def test_an_earlier_result_is_not_left_on_show_after_an_invalid_submit():
    at = submit(fill(new_form(), example("office-desk")))
    assert at.session_state[state.RESULT] is not None
    widget(at, form.widget_key("workstation", "seat_min_cm")).set_value(60.0)  # max is 54
    at = submit(at)
    assert "seat_min_cm == 60, must be <= seat_max_cm (54) [cm]." in [e.value for e in at.error]
    assert at.session_state[state.RESULT] is None


def test_missing_load_in_a_task_row_is_named_with_its_row():
    doc = example("warehouse-lifting")
    del doc["lifting"]["tasks"][1]["load_kg"]
    at = submit(fill(new_form(), doc))
    assert (
        "Task in row 2, Load (average): load_kg is missing, must be given (> 0 and <= 200 [kg])."
        in [e.value for e in at.error]
    )
    assert at.session_state[state.RESULT] is None


def test_a_rule_between_two_task_fields_is_named_with_its_row():
    doc = example("warehouse-lifting")
    doc["lifting"]["tasks"][0]["load_max_kg"] = 10  # below the average 12 kg
    at = submit(fill(new_form(), doc))
    msg = "Task in row 1, Load (average): load_kg == 12, must be <= load_max_kg (10) [kg]."
    assert msg in [e.value for e in at.error]
    assert at.tabs[3].label == "⚠ Lifting (1)"


def test_not_applicable_ignores_the_inputs_of_its_section():
    at = fill(new_form(), example("office-desk"))
    widget(at, form.widget_key("workstation", "stature_cm")).set_value(400.0)
    widget(at, form.widget_key("workstation", "not_applicable")).set_value(True)
    at = submit(at)
    assert not at.error
    result = at.session_state[state.RESULT]
    assert not result.factor("workstation").applicable
    assert result.factor("workstation").reason == "Marked not applicable by the assessor."


# -------------------------------------------------------------------- units


def test_us_units_convert_the_values_entered_and_score_the_same():
    at = fill(new_form(), example("office-desk"))
    at.button(key=state.FORM_UNITS).click().run()
    assert not at.exception
    stature = widget(at, form.widget_key("workstation", "stature_cm"))
    assert stature.label == "Stature [in]"
    assert stature.value == pytest.approx(165 / 2.54)
    assert "Allowed: 47.24–86.61 in." in stature.help
    # Hours have no US unit and stay as they are.
    assert widget(at, form.widget_key("sitting", "seated_h_per_day")).value == 7.0
    at = submit(at)
    assert not at.error
    assert at.session_state[state.ASSESSMENT] == example_model("office-desk")
    assert at.session_state[state.RESULT].overall_band_name == "very high"
    assert "chair 52 cm (20.6 in)" in texts(at)


def test_us_problem_is_restated_in_the_units_entered():
    at = fill(new_form(), example("office-desk"))
    at.button(key=state.FORM_UNITS).click().run()
    widget(at, form.widget_key("workstation", "stature_cm")).set_value(40.0)
    at = submit(at)
    assert (
        "stature_cm == 101.6, must be >= 120 and <= 220 [cm]. "
        "You entered 40 in; allowed 47.24–86.61 in."
    ) in [e.value for e in at.error]


def test_unit_switch_converts_the_task_table_and_each_task_keeps_its_system():
    at = fill(new_form(), example("warehouse-lifting"))
    at.button(key=state.FORM_UNITS).click().run()
    tasks = at.session_state[state.FORM_ROWS]["lifting.tasks"]
    assert tasks["load_kg"].tolist() == pytest.approx(
        [12 / 0.45359237, 8 / 0.45359237, 18 / 0.45359237]
    )
    assert tasks["h_origin_cm"].tolist() == pytest.approx([50 / 2.54, 35 / 2.54, 30 / 2.54])
    assert tasks["unit_system"].tolist() == ["metric"] * 3  # the NIOSH constants they use
    at = submit(at)
    assert at.session_state[state.ASSESSMENT] == example_model("warehouse-lifting")


def test_a_task_entered_in_us_units_gets_the_us_worksheet_constants():
    doc = example("warehouse-lifting")
    for task in doc["lifting"]["tasks"]:
        task["unit_system"] = "us"
    at = submit(fill(new_form(), doc))
    lifting = at.session_state[state.ASSESSMENT].lifting
    assert [t.unit_system for t in lifting.tasks] == ["us"] * 3
    table = at.session_state[state.RESULT].factor("lifting").tables[0]
    assert {row[1] for row in table.rows} == {"lb, in"}


# ---------------------------------------------------------- reopening a file


@pytest.mark.parametrize("name", ["office-desk", "warehouse-lifting", "maintenance-vibration"])
def test_a_saved_file_fills_the_form_and_resubmits_unchanged(name):
    text = io.dump_json(example_model(name))
    values, rows, problems, system = form.load_document(text, "metric")
    assert problems == {}
    assert system == "metric"
    assert (
        values[form.widget_key("header", "assessment_id")]
        == example(name)["header"]["assessment_id"]
    )
    again, problems = form.validate(values, rows, system)
    assert problems == {}
    assert again == example_model(name)


def test_a_file_with_us_tasks_opens_in_us_units():
    doc = example("warehouse-lifting")
    for task in doc["lifting"]["tasks"]:
        task["unit_system"] = "us"
    _, rows, problems, system = form.load_document(json.dumps(doc), "metric")
    assert problems == {}
    assert system == "us"
    assert rows["lifting.tasks"]["load_kg"][0] == pytest.approx(12 / 0.45359237)


def test_a_hand_edited_file_reopens_with_the_problem_next_to_the_field():
    doc = example("office-desk")
    doc["workstation"]["stature_cm"] = 400
    values, rows, problems, _ = form.load_document(json.dumps(doc), "metric")
    msg = "stature_cm == 400, must be >= 120 and <= 220 [cm]."
    assert problems == {form.widget_key("workstation", "stature_cm"): [msg]}
    assert values[form.widget_key("workstation", "stature_cm")] == 400.0  # as in the file
    assert values[form.widget_key("header", "organisation")] == "Northwind Insurance"
    # In the page: the form holds the file's values; submitting names the problem, scores nothing.
    at = new_form()
    for key, value in values.items():
        at.session_state[key] = value
    at.session_state[state.FORM_ROWS] = rows
    at = submit(at.run())
    assert msg in [e.value for e in at.error]
    assert at.session_state[state.RESULT] is None


def test_a_file_that_is_not_an_assessment_leaves_the_form_alone():
    values, rows, problems, _ = form.load_document(b"{not json", "metric")
    assert values == {} and rows == {}
    assert problems[form.PREFIX + "document"][0].startswith("not valid JSON")


def test_blank_rows_left_in_a_table_are_skipped():
    frame = form.rows_frame(
        "vibration.tools", [{"name": "Grinder", "a_hv_m_s2": 6, "trigger_time_h": 1}, {}], "metric"
    )
    items, numbers = form.list_items("vibration.tools", frame, "metric")
    assert items == [
        {"name": "Grinder", "a_hv_m_s2": 6.0, "trigger_time_h": 1.0, "declared": False}
    ]
    assert numbers == [1]


def test_data_editor_edits_are_applied_to_the_table():
    frame = form.rows_frame(
        "vibration.tools", [{"name": "Grinder", "a_hv_m_s2": 6, "trigger_time_h": 1}], "metric"
    )
    delta = {
        "edited_rows": {0: {"trigger_time_h": 0.5}},
        "added_rows": [{"name": "Drill", "a_hv_m_s2": 9, "trigger_time_h": None}],
        "deleted_rows": [],
    }
    out = form.apply_edits(frame, delta)
    assert out["name"].tolist() == ["Grinder", "Drill"]
    assert out["trigger_time_h"].iloc[0] == 0.5
    assert math.isnan(out["trigger_time_h"].iloc[1])
    assert form.apply_edits(out, {"deleted_rows": [0]})["name"].tolist() == ["Drill"]


# --------------------------------------------------------------- the router


def test_submit_opens_the_results_and_the_form_keeps_its_values_on_return():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    at = submit(fill(at, example("office-desk")))
    assert [t.value for t in at.title] == ["Results"]
    at.switch_page("views/new_assessment.py").run()
    assert not at.exception
    assert widget(at, form.widget_key("workstation", "stature_cm")).value == 165.0
    assert widget(at, form.widget_key("header", "organisation")).value == "Northwind Insurance"
