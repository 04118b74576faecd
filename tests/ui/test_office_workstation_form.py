"""AppTest: the ROSA checklist typed into the New assessment form, scored on Results."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assessments.fields import field_spec
from tests.assessments.test_office_workstation import TABLE_3
from tests.ui.test_new_assessment import PAGE, example, fill, submit, texts, widget
from views import form, state

SECTION = "office_workstation"


def _form_with_rosa(values: dict) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    doc = example("office-desk") | {SECTION: values}
    return fill(at, doc)


def test_rosa_tab_has_help_on_how_to_observe_each_item():
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    w = widget(at, form.widget_key(SECTION, "seat_height_score"))
    assert "knees at about 90°" in w.help
    assert field_spec(SECTION, "seat_height_score").unit == "points"


def test_item_13_3_table_3_typed_in_the_form_scores_rosa_7():
    at = submit(_form_with_rosa(TABLE_3))
    result = at.session_state[state.RESULT]
    f = result.factor(SECTION)
    assert f.headline.value == 7 and f.band_name == "high"
    assert "ROSA final score 7 of 10" in texts(at)


def test_a_half_score_is_refused_naming_the_field_as_labelled():
    at = submit(_form_with_rosa({**TABLE_3, "seat_height_score": 1.5}))
    assert at.session_state[state.RESULT] is None
    shown = " ".join(e.value.replace("\\", "") for e in at.error)
    assert "Seat pan height" in shown and "1.5" in shown
