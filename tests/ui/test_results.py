"""AppTest: the Results page reads a scored assessment as an officer would; the profile figure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments import io
from assessments import model as m
from assessments.evaluate import score_assessment
from reports.charts import profile_figure
from reports.profile import BAND_COLOURS, profile_chart
from scoring import registry
from views import components, state

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "results.py"


def example_model(name: str) -> m.Assessment:
    items, problems = io.load_json((ROOT / "examples" / f"{name}.json").read_text("utf-8"))
    assert not problems
    return items[0]


def results_for(name: str, system: str = "metric") -> AppTest:
    a = example_model(name)
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state[state.ASSESSMENT] = a
    at.session_state[state.RESULT] = score_assessment(a)
    at.session_state[state.UNIT_SYSTEM] = system
    at.run()
    assert not at.exception
    return at


def errors(at: AppTest) -> list[str]:
    """Return the error messages as read on the page (Markdown escapes removed)."""
    return [e.value.replace("\\", "") for e in at.error]


def texts(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    parts += errors(at) + [e.value for e in at.warning]
    parts += [e.label for e in at.expander]
    return "\n".join(str(p) for p in parts)


def frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


# ------------------------------------------------------------------- smoke


def test_page_runs_alone_and_says_nothing_is_scored_yet():
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Results"
    assert "Nothing scored yet" in at.info[0].value


# ------------------------------------------------------------ what is read


def test_warehouse_reads_the_band_the_cli_and_every_multiplier():
    at = results_for("warehouse-lifting")
    shown = texts(at)
    assert ">very high</span>" in shown and "1 factor at high or above" in shown
    # The factor at high or above is named first, with its native value and why.
    high = next(md.value for md in at.markdown if md.value.startswith("- **Lifting**"))
    assert "very high: CLI 3.96" in high and "above 3.0" in high
    # Factors worst first; the lifting details are open.
    assert [e.label for e in at.expander] == [
        "Lifting — very high: CLI 3.96",
        # WAC 296-62-05105 item 2: neck or back bent more than 30° for more than 2 h/day.
        "Awkward posture — moderate: Neck or back bent more than 30° 2.5 h/day",
    ]
    rnle = next(f for f in frames(at) if "HM o / d" in f.columns)
    task1 = rnle.iloc[0]
    assert (task1["HM o / d"], task1["VM o / d"], task1["FM"]) == (
        "0.50 / 0.62",
        "0.82 / 0.95",
        "0.65",
    )
    assert task1["LI o / d"] == "2.59 / 1.53"
    assert "Highest STLI: **2.85**" in shown


def test_vibration_reads_a8_partials_and_times_as_hours_and_minutes():
    at = results_for("maintenance-vibration")
    shown = texts(at)
    assert "Hand-arm vibration — high: A(8) 3.65 m/s²" in shown
    assert "A(8): **3.65 m/s²**" in shown
    # 1.405 h to the EAV with this tool mix, read as hours and minutes.
    assert "Total trigger time to reach the EAV with this tool mix: **1 h 24 min**" in shown
    tools = next(f for f in frames(at) if "Partial A(8) [m/s²]" in f.columns)
    assert tools["Partial A(8) [m/s²]"].tolist() == ["2.60", "2.25", "1.24"]
    assert tools["Time to EAV (tool alone)"].tolist() == ["1 h 23 min", "37 min", "4 h 04 min"]


def test_office_desk_reads_the_personal_targets_and_each_dimension_range():
    at = results_for("office-desk")
    shown = texts(at)
    assert (
        "**Personal workstation settings:** chair 52 cm · footrest 9 cm · desk 74 cm · "
        "top of screen 128 cm · viewing distance 60 cm"
    ) in shown
    dims = next(f for f in frames(at) if "personal range [cm]" in f.columns)
    assert dims.set_index("dimension")["personal range [cm]"]["Seat height"] == "39.5–44.5"


def test_personal_targets_also_in_inches_for_us_users():
    at = results_for("office-desk", system="us")
    assert "chair 52 cm (20.6 in)" in texts(at)


def test_recommendations_are_ranked_with_control_level_and_effect():
    at = results_for("warehouse-lifting")
    shown = texts(at)
    result = score_assessment(example_model("warehouse-lifting"))
    first = result.recommendations[0]
    assert f"**1. {first.officer_text}**" in shown
    assert (
        "Control level: **engineer** · Expected effect: "
        "Sack from trolley to top shelf: H 45 cm → 25 cm: CLI 3.96 → 2.96"
    ) in shown


# ----------------------------------------------------------------- what if


def test_what_if_rescoring_a_copy_shows_before_and_after():
    at = results_for("warehouse-lifting")
    at.selectbox(key=state.WHATIF_INPUT).set_value("lifting.tasks.2.h_dest_cm").run()
    assert at.number_input(key=state.WHATIF_VALUE).value == 45.0  # starts from the current value
    at.number_input(key=state.WHATIF_VALUE).set_value(25.0).run()
    assert not at.exception
    a = example_model("warehouse-lifting")
    tasks = list(a.lifting.tasks)
    tasks[2] = tasks[2].model_copy(update={"h_dest_cm": 25.0})
    expected = score_assessment(
        a.model_copy(update={"lifting": a.lifting.model_copy(update={"tasks": tasks})})
    )
    cli = expected.factor("lifting").headline.value
    table = next(md.value for md in at.markdown if md.value.startswith("| Lifting |"))
    assert f"| Native value | CLI 3.96 | CLI {cli:.2f} |" in table
    assert "| Band | very high |" in table
    assert "Task 3 (Sack from trolley to top shelf): H at destination: 45 cm → 25 cm" in texts(at)
    # The assessment itself is not changed.
    assert at.session_state[state.ASSESSMENT].lifting.tasks[2].h_dest_cm == 45


def test_what_if_on_trigger_time_and_desk_height():
    at = results_for("maintenance-vibration")
    at.selectbox(key=state.WHATIF_INPUT).set_value("vibration.tools.0.trigger_time_h").run()
    at.number_input(key=state.WHATIF_VALUE).set_value(0.5).run()
    table = next(md.value for md in at.markdown if md.value.startswith("| Hand-arm vibration |"))
    # sqrt((36 × 0.5 + 81 × 0.5 + 12.25 × 1) / 8) = 2.97 m/s² (ISO 5349-1 eq. 2)
    assert "| Native value | A(8) 3.65 m/s² | A(8) 2.97 m/s² |" in table
    assert "| Band | high | high |" in table

    at = results_for("office-desk")
    at.selectbox(key=state.WHATIF_FACTOR).set_value("workstation").run()
    at.selectbox(key=state.WHATIF_INPUT).set_value("workstation.keyboard_height_cm").run()
    at.number_input(key=state.WHATIF_VALUE).set_value(66.0).run()
    table = next(md.value for md in at.markdown if md.value.startswith("| Workstation height |"))
    assert "| Band | high | high |" in table  # the screen is still 6.5 cm too low
    assert "worst dimension (monitor) 6.5 cm" in table


def test_what_if_with_an_impossible_value_is_named_and_not_scored():
    at = results_for("warehouse-lifting")
    at.selectbox(key=state.WHATIF_INPUT).set_value("lifting.tasks.0.h_origin_cm").run()
    at.number_input(key=state.WHATIF_VALUE).set_value(-5.0).run()
    assert "h_origin_cm == -5, must be >= 0 and <= 200 [cm]." in errors(at)
    assert not [md for md in at.markdown if md.value.startswith("| Lifting |")]


def test_what_if_inputs_come_from_the_scored_factors():
    a = example_model("maintenance-vibration")
    inputs = components.what_if_inputs(a, score_assessment(a))
    assert list(inputs)[:1] == ["hand_arm_vibration"]  # the worst factor first
    assert "lifting" not in inputs  # not applicable: nothing to change
    labels = [i.label for i in inputs["hand_arm_vibration"]]
    assert labels[:2] == [
        "Tool 1 (Angle grinder): Vibration magnitude a_hv",
        "Tool 1 (Angle grinder): Trigger time",
    ]


# --------------------------------------------------------------- downloads


def test_downloads_are_there_and_carry_the_assessment_and_the_report():
    import pypdf

    at = results_for("warehouse-lifting")
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download the assessment (JSON)", "Download the PDF report"]
    a = example_model("warehouse-lifting")
    assert components.file_stem(a) == "EX-WAREHOUSE-1"
    items, problems = io.load_json(io.dump_json(a))
    assert not problems and items[0] == a
    pdf = components.pdf_builder(a, score_assessment(a))()
    assert pdf.startswith(b"%PDF")
    import io as _io

    text = "".join(p.extract_text() for p in pypdf.PdfReader(_io.BytesIO(pdf)).pages)
    assert "3.96" in text


# -------------------------------------------------------------- the figure


def test_profile_figure_draws_every_factor_with_its_band_in_words():
    result = score_assessment(example_model("maintenance-vibration"))
    chart = profile_chart(result)
    fig = profile_figure(chart)
    bar = fig.data[0]
    assert len(bar.x) == len(chart.bars) == len(registry.FACTORS)  # one bar per factor
    assert list(bar.marker.color) == [b.colour for b in chart.bars]
    captions = [a.text for a in fig.layout.annotations]
    assert "<b>high: A(8) 3.65\u00a0m/s²</b>" in captions  # value and unit never split
    assert captions.count("<i>not applicable</i>") == 3  # empty rows, labelled
    assert {"low", "moderate", "high", "very high"} <= set(captions)  # band names written
    assert sorted(s.x0 for s in fig.layout.shapes if s.x0 == s.x1) == [25, 50, 75]
    assert fig.layout.xaxis.range == (0, 100)
    # The first factor is on top.
    assert fig.layout.yaxis.ticktext[0].startswith("Workstation")
    assert bar.y[0] == max(bar.y)
    assert BAND_COLOURS[2] in bar.marker.color


def test_profile_figure_keeps_a_value_and_its_unit_together_when_wrapping():
    result = score_assessment(example_model("warehouse-lifting"))
    fig = profile_figure(profile_chart(result))
    caption = next(a.text for a in fig.layout.annotations if "Neck or back bent" in a.text)
    assert "2.5\u00a0h/day" in caption and "<br>" in caption


@pytest.mark.parametrize("name", ["office-desk", "warehouse-lifting", "maintenance-vibration"])
def test_profile_figure_serialises(name):
    fig = profile_figure(profile_chart(score_assessment(example_model(name))))
    assert json.loads(fig.to_json())["data"][0]["type"] == "bar"


# --------------------------------------- issue 9.3: the next worker is not a revision

from tests.ui.saved import page_store  # noqa: E402, F401  (fixture)
from views import form  # noqa: E402


def _type(at: AppTest, key: str, value) -> None:
    for kind in ("text_input", "number_input"):
        for w in getattr(at, kind):
            if w.key == key:
                w.set_value(value)


def _desk(at: AppTest, worker: str, stature: float) -> AppTest:
    """Type one desk worker into the New assessment form and submit it (through the router)."""
    _type(at, form.widget_key("header", "worker_ref"), worker)
    _type(at, form.widget_key("workstation", "stature_cm"), stature)
    at.button(key=state.FORM_SUBMIT).click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Results"], errors(at)
    # AppTest keeps rerunning the page it last switched to, whatever st.switch_page did.
    return at.switch_page("views/results.py").run()


def test_item_03_an_officer_saves_two_workers_in_a_row_without_overwriting(page_store):  # noqa: F811
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at = _desk(at, "W-1", 170.0)
    at.button(key=state.SAVE).click().run()
    first = at.session_state[state.RECORD_ID]
    assert ", revision 1." in at.success[0].value
    # The next worker, typed over the last one (the form still holds W-1's inputs).
    at.switch_page("views/new_assessment.py").run()
    assert any("**Editing record" in i.value for i in at.info)
    at = _desk(at, "W-2", 158.0)
    warning = " ".join(w.value for w in at.warning)
    assert "changed from **W-1** to **W-2**" in warning
    assert at.button(key=state.SAVE).disabled  # a revision needs the tick first
    at.button(key=state.SAVE_AS_NEW).click().run()
    second = at.session_state[state.RECORD_ID]
    assert second != first
    assert page_store.count() == 2
    assert page_store.get(first).assessment.header.worker_ref == "W-1"
    assert [r.revision for r in page_store.revisions(first)] == [1]
    assert page_store.get(second).assessment.header.worker_ref == "W-2"
    # A third, started blank from Results: a new record again, no question asked.
    at.button(key=state.RESULTS_BLANK).click().run()
    assert [t.value for t in at.title] == ["New assessment"]
    assert at.session_state[state.RECORD_ID] is None
    at = _desk(at, "W-3", 175.0)
    assert not at.warning
    at.button(key=state.SAVE).click().run()
    assert page_store.count() == 3


def test_item_03_a_corrected_reference_can_still_be_saved_as_a_revision(page_store):  # noqa: F811
    a = example_model("office-desk")
    ref = page_store.save(a)
    b = a.model_copy(update={"header": a.header.model_copy(update={"worker_ref": "DESK-3-15"})})
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state[state.ASSESSMENT] = b
    at.session_state[state.RESULT] = score_assessment(b)
    at.session_state[state.RECORD_ID] = ref.record_id
    at.run()
    assert at.button(key=state.SAVE).disabled
    at.checkbox(key=state.SAVE_CONFIRM).check().run()
    assert not at.button(key=state.SAVE).disabled
    at.button(key=state.SAVE).click().run()
    assert [r.revision for r in page_store.revisions(ref.record_id)] == [1, 2]
    assert page_store.get(ref.record_id).assessment.header.worker_ref == "DESK-3-15"


def test_item_02_results_write_not_assessed_apart_from_not_applicable():
    a = m.Assessment(sitting=m.Sitting(seated_h_per_day=5), lifting=m.Lifting(not_applicable=True))
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state[state.ASSESSMENT] = a
    at.session_state[state.RESULT] = score_assessment(a)
    at.run()
    shown = texts(at)
    assert "**Not assessed:** Workstation height (Not assessed: nothing was entered" in shown
    assert "**Not applicable:** Lifting (Marked not applicable by the assessor.)" in shown
