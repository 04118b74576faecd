"""AppTest: the router registers every page, and each page runs alone."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
# Page script -> the title it shows; the router's list and these must agree.
PAGES = {
    "views/new_assessment.py": None,  # the officer pages own their title tests
    "views/results.py": None,
    "views/score_file.py": "Score a file",
    "views/check_my_desk.py": "Check my desk",
    "views/methods.py": "Methods",
    "views/assessments_page.py": "Assessments",
    "views/dashboard.py": "Dashboard",
    "views/import_page.py": "Import",
    "views/start.py": "Ergo",
    "views/follow_up.py": "Follow-up",
    "views/jobs.py": "Background jobs",
}


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_alone(page):
    at = AppTest.from_file(str(ROOT / page), default_timeout=30).run()
    assert not at.exception
    if PAGES[page]:
        assert at.title[0].value == PAGES[page]


def test_router_starts_on_new_assessment_with_the_shared_sidebar():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    first = at.sidebar.caption[0].value.replace("\\", "")
    assert first == "Local mode: no sign-in; everyone who can open this page sees every record."
    # The default page is New assessment: the same page as when it runs alone.
    alone = AppTest.from_file(str(ROOT / "views" / "new_assessment.py"), default_timeout=30).run()
    assert [t.value for t in at.title] == [t.value for t in alone.title]


@pytest.mark.parametrize("page", PAGES)
def test_router_opens_every_page(page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page(page).run()
    assert not at.exception
    if PAGES[page]:
        assert at.title[0].value == PAGES[page]


def test_score_page_offers_the_template_without_a_file():
    at = AppTest.from_file(str(ROOT / "views" / "score_file.py"), default_timeout=30).run()
    assert not at.exception
    assert at.get("download_button")
