"""The organisation-mode pages run alone (AppTest) in local mode, and the admin page acts."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessments import access, audit
from tests.ui.saved import page_store  # noqa: F401 (the fixture)

VIEWS = Path(__file__).resolve().parents[2] / "views"


def _run(page: str) -> AppTest:
    at = AppTest.from_file(str(VIEWS / page), default_timeout=30).run()
    assert not at.exception
    return at


def test_review_page_with_nothing_waiting(page_store):  # noqa: F811
    at = _run("review.py")
    assert at.title[0].value == "Review"
    assert at.info[0].value == "Nothing is waiting for review."


def test_my_checks_page_before_any_check(page_store):  # noqa: F811
    at = _run("my_checks.py")
    assert "You have not saved a check yet" in at.info[0].value


def test_admin_page_grants_a_role_and_lists_it_in_the_audit_trail(page_store):  # noqa: F811
    at = _run("admin.py")
    at.text_input(key="admin.email").input("Kim@Example.org")
    at.selectbox(key="admin.role").select("manager")
    at.text_input(key="admin.sites").input("Leeds, York")
    at.button[0].click().run()  # the form's Grant role
    assert not at.exception
    assert at.success[0].value == "kim@example.org is now manager (Leeds, York)."
    p = access.principal_for(page_store.engine, "kim@example.org")
    assert (p.role, p.sites) == ("manager", ("Leeds", "York"))
    ev = audit.events(page_store.engine)
    assert ev["action"].tolist() == ["role_change"]
    assert ev["actor"].iloc[0] == access.local_principal().email


def test_admin_page_names_a_bad_address(page_store):  # noqa: F811
    at = _run("admin.py")
    at.text_input(key="admin.email").input("kim at example")
    at.button[0].click().run()
    assert at.error[0].value == "e-mail == 'kim at example', must look like name@example.org."


def test_check_my_desk_offers_no_save_in_local_mode(page_store):  # noqa: F811
    at = _run("check_my_desk.py")
    assert not [b for b in at.button if b.label == "Save my check"]
    assert "In local mode your answers are not saved or sent anywhere." in at.caption[0].value
