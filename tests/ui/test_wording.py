"""AppTest and PDF: not assessed, not applicable and low are three different statements."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from assessments import io
from assessments import model as m
from assessments.batch import score_frame
from assessments.evaluate import score_assessment
from assessments.fields import fields_of
from assessments.tables import csv_bytes
from reports.pdf import assessment_pdf
from tests.reports.conftest import flat, pages_text
from views import form, state

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "results.py"


def _all_marked_not_applicable() -> m.Assessment:
    return m.Assessment(**{name: cls(not_applicable=True) for name, cls in m.SECTIONS.items()})


def _only_sitting_low() -> m.Assessment:
    # 2 h/day seated in 20 min bouts: low (under 4 h/day and bouts <= 30 min, Buckley et
    # al. 2015, Br J Sports Med 49:1357, p. 1358); every other section left out.
    return m.Assessment(sitting=m.Sitting(seated_h_per_day=2.0, longest_bout_min=20.0))


def _results_app(a: m.Assessment) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state[state.ASSESSMENT] = a
    at.session_state[state.RESULT] = score_assessment(a)
    at.run()
    assert not at.exception
    return at


def _results_text(a: m.Assessment) -> str:
    at = _results_app(a)
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def test_item_a_nothing_entered_reads_not_assessed_in_the_app():
    text = _results_text(m.Assessment())
    assert "**Overall:** not assessed. No factor was assessed: nothing was entered" in text
    assert "not applicable" not in text.split("**Not assessed:**")[0]
    assert "every scored factor is low" not in text
    assert "No recommendation: no factor was scored." in text


def test_item_a_every_section_marked_not_applicable_reads_not_applicable():
    text = _results_text(_all_marked_not_applicable())
    assert "**Overall:** not applicable. No factor was scored: every factor is not applicable." in (
        text
    )
    assert "No factor was assessed" not in text


def test_item_a_low_with_the_rest_left_out_names_what_was_not_assessed():
    result = score_assessment(_only_sitting_low())
    assert result.factor("sitting").band_name == "low"
    text = _results_text(_only_sitting_low())
    assert "No action is triggered: every scored factor is low. Not assessed: " in text
    assert "Lifting" in text.split("every scored factor is low. Not assessed: ")[1]


def _pdf_text(a: m.Assessment) -> str:
    pdf = assessment_pdf(a, score_assessment(a), generated=dt.date(2026, 1, 31))
    return flat(" ".join(pages_text(pdf)))


def test_item_a_the_pdf_says_the_same_as_the_app():
    empty = _pdf_text(m.Assessment())
    assert "NOT ASSESSED" in empty and "nothing was entered in any section" in empty
    assert "every factor is not applicable" not in empty
    na = _pdf_text(_all_marked_not_applicable())
    assert "NOT APPLICABLE" in na and "every factor is not applicable" in na
    assert "NOT ASSESSED" not in na


def test_item_b_batch_csv_writes_not_assessed_and_not_applicable_apart():
    row = {"assessment_id": "A1", "date": "2026-01-31", "lifting.not_applicable": "true"}
    row |= {"sitting.seated_h_per_day": 2.0, "sitting.longest_bout_min": 20.0}
    out, problems = score_frame(pd.DataFrame([row]))
    assert problems == []
    assert out["lifting.band"].iloc[0] == "not applicable"
    assert out["workstation.band"].iloc[0] == "not assessed"
    assert out["sitting.band"].iloc[0] == "low"
    text = csv_bytes(out).decode("utf-8")
    assert "not assessed" in text and "not applicable" in text


def test_item_b_overall_column_tells_the_two_apart_when_nothing_is_scored():
    rows = [
        {"assessment_id": "EMPTY", "date": "2026-01-31"},
        {
            "assessment_id": "ALL-NA",
            "date": "2026-01-31",
            **{f"{s}.not_applicable": "true" for s in m.SECTIONS},
        },
    ]
    out, problems = score_frame(pd.DataFrame(rows))
    assert problems == []
    assert list(out["overall.band"]) == ["not assessed", "not applicable"]


# ------------------------------------------------------ item c: symptoms in the officer form


def _officer_form() -> AppTest:
    at = AppTest.from_file(str(ROOT / "views" / "new_assessment.py"), default_timeout=30).run()
    assert not at.exception
    return at


def _checkbox(at: AppTest, name: str):
    key = form.widget_key("symptoms", name)
    return next(w for w in at.checkbox if w.key == key)


def test_item_c_officer_form_asks_every_red_flag_check_my_desk_asks():
    at = _officer_form()
    keys = {w.key for w in at.checkbox}
    for spec in fields_of("symptoms"):
        assert form.widget_key("symptoms", spec.name) in keys
    labels = {w.label for w in at.checkbox}
    assert "Numbness in the saddle area (between the legs, around genitals or back passage)" in (
        labels
    )


def test_item_c_a_warning_sign_ticked_gets_emergency_advice_first():
    at = _officer_form()
    _checkbox(at, "saddle_numbness").check()
    _checkbox(at, "leg_pain_numbness").check().run()
    assert [t.label for t in at.tabs][-1] == "Symptoms · 2 reported"
    next(b for b in at.button if b.label == "Check and score").click().run()
    assert not at.exception
    a = at.session_state[state.ASSESSMENT]
    assert a.symptoms.saddle_numbness and a.symptoms.leg_pain_numbness
    result = at.session_state[state.RESULT]
    assert [r.id for r in result.symptom_advice] == ["SYMPTOMS-EMERGENCY", "SYMPTOMS-CLINICIAN"]
    # Nothing else was entered: still not assessed, but the advice is shown, emergency first.
    assert at.error[0].value.startswith("**Seek emergency care now.**")
    assert at.warning[0].value.startswith("**See a clinician soon.**")


def test_item_c_results_page_shows_the_red_flags_before_the_overall_result():
    a = m.Assessment(symptoms=m.Symptoms(both_legs=True))
    text = _results_text(a)
    assert "Reported by the worker: Pain, numbness, tingling or weakness in both legs." in text
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state[state.ASSESSMENT] = a
    at.session_state[state.RESULT] = score_assessment(a)
    at.run()
    assert at.error[0].value.startswith("**Seek emergency care now.**")


def test_item_c_a_copy_for_another_worker_does_not_carry_their_symptoms():
    values, rows = form.state_from_assessment(
        m.Assessment(symptoms=m.Symptoms(both_legs=True)), "metric"
    )
    assert values[form.widget_key("symptoms", "both_legs")] is True
    doc, _ = form.document_from_state(values, rows, "metric")
    assert doc["symptoms"]["both_legs"] is True
    # A record saved with every answer "no" keeps them when reopened and saved again.
    values, rows = form.state_from_assessment(m.Assessment(symptoms=m.Symptoms()), "metric")
    doc, _ = form.document_from_state(values, rows, "metric")
    assert doc["symptoms"] == m.Symptoms().model_dump()


def test_item_c_symptoms_are_csv_columns_template_and_schema_fields():
    columns = io.csv_columns()
    for spec in fields_of("symptoms"):
        assert f"symptoms.{spec.name}" in columns
    template = (ROOT / "examples" / "assessments-template.csv").read_text("utf-8")
    assert "symptoms.saddle_numbness" in template.splitlines()[0]
    schema = json.loads((ROOT / "schemas" / "assessment-1.0.schema.json").read_text("utf-8"))
    assert "symptoms" in schema["properties"]
    a = m.Assessment(symptoms=m.Symptoms(bladder_bowel=True))
    back, problems = io.frame_to_assessments(io.assessments_to_frame([a]))
    assert problems == [] and back[0].symptoms == a.symptoms
    bad = pd.DataFrame([{"date": "2026-01-31", "symptoms.both_legs": "maybe"}])
    (p,) = io.frame_to_assessments(bad)[1]
    assert p.field == "symptoms.both_legs"
    assert p.message == "both_legs == 'maybe', must be one of: true, false, yes, no, 1, 0."


# -------------------------------------------------- item d: the sit-stand words an employee reads


def _self_check_with_sit_stand_desk() -> m.Assessment:
    # 7 h/day seated, 90 min bouts: high (> 6 h/day; bout > 60 min, ROSA, Sonne et al. 2012,
    # Appl Ergon 43:98, p. 101), which triggers the sit-stand desk recommendation.
    return m.Assessment(
        header=m.Header(assessment_type="self"),
        sitting=m.Sitting(
            seated_h_per_day=7.0, longest_bout_min=90.0, sit_stand_desk=True, standing_h_per_day=0.5
        ),
    )


def test_item_d_an_employee_reads_the_sit_stand_advice_in_plain_words():
    a = _self_check_with_sit_stand_desk()
    assert "SIT-STANDDESK" in [r.id for r in score_assessment(a).recommendations]
    text = _results_text(a)
    assert "Alternate sitting, standing and light walking during the day" in text
    for protocol in ("building up", "then 4 h", "Provide a sit-stand desk"):
        assert protocol not in text
    pdf = _pdf_text(a)
    assert "building up" not in pdf and "Provide a sit-stand desk" not in pdf


def test_item_d_the_officer_text_gives_the_amounts_in_words_with_their_page():
    from scoring.recommendations import catalogue_entry

    e = catalogue_entry("SIT-STANDDESK")
    assert "building up" not in e.officer and "then 4 h a day" not in e.officer
    assert "at first about 2 hours a day" in e.officer and "in time about 4 hours" in e.officer
    assert "p. 1357" in e.source


# ------------------------------------- issue 9 point 15: durations, internal references, units

_DECIMAL_HOURS = re.compile(r"\d+\.\d+ ?h\b(?!/)")  # "1.06 h"; "2.5 h/day" is a daily rate
_INTERNAL = re.compile(r"SPEC §|standards\.md|OQ-1\d\d|\[C:|zone index")


def _page_text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    parts += [e.label for e in at.expander] + [d.value.to_string() for d in at.dataframe]
    return "\n".join(str(p) for p in parts)


def test_item_15_no_decimal_hours_nor_internal_references_in_what_a_user_reads():
    for p in sorted((ROOT / "examples").glob("*.json")):
        a = io.load_json(p.read_text("utf-8"))[0][0]
        shown = _page_text(_results_app(a)) + _pdf_text(a)
        assert not _DECIMAL_HOURS.findall(shown), p.name
        assert not _INTERNAL.findall(shown), p.name
    methods = AppTest.from_file(str(ROOT / "views" / "methods.py"), default_timeout=30).run()
    assert not methods.exception
    text = _page_text(methods)
    assert not _DECIMAL_HOURS.findall(text) and not _INTERNAL.findall(text)
