"""AppTest: the start page explains Ergo per user and opens each example into the form."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from views import form, state
from views.start import EXAMPLE_FILES

PAGE = Path(__file__).resolve().parents[2] / "views" / "start.py"


@pytest.fixture
def at():
    return AppTest.from_file(str(PAGE), default_timeout=30).run()


def test_start_page_speaks_to_each_kind_of_user(at):
    assert not at.exception
    heads = [s.value for s in at.subheader]
    for who in ("Safety and HR officers", "Employees", "Managers", "Open an example"):
        assert who in heads


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_open_example_fills_the_form_as_a_new_record(at, name):
    at.button(key=f"start.example.{name}").click().run()
    assert not at.exception
    values = at.session_state[state.FORM_VALUES]
    ref = values[form.widget_key("header", "worker_ref")]
    assert ref  # every example names its worker or workstation
    assert at.session_state[state.RECORD_ID] is None  # opening an example never edits a record
