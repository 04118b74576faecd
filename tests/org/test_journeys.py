"""Organisation mode in Chromium with a real OpenID Connect sign-in (see conftest.py).

One Ergo server (two for the last test) on one PostgreSQL schema; the people are given
their roles the way ``python -m cli users add`` does. The journeys run in order and build
on each other: the employee's self-check is what the officer reviews.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from assessments import access
from assessments import model as m
from assessments.access import ScopedStore
from assessments.store import Filters, Store
from tests.e2e.runs import RUN_TIMEOUT_MS, idle
from tests.org.conftest import sign_in

EMPLOYEE = "eve.employee@example.org"
OFFICER = "olu.officer@example.org"
BRISTOL_OFFICER = "bea.officer@example.org"
MANAGER = "mia.manager@example.org"
ADMIN = "ada.admin@example.org"
NEWCOMER = "new.officer@example.org"
HIGH_OR_ABOVE = re.compile(r"· (high|very high)$")  # 7 h/day sitting, 90 min bouts and more


def desk(site: str, worker: str, seated_h: float) -> m.Assessment:
    return m.Assessment(
        header=m.Header(
            site=site, department="Claims", date=dt.date(2026, 11, 2), worker_ref=worker
        ),
        sitting=m.Sitting(seated_h_per_day=seated_h, longest_bout_min=20),
    )


@pytest.fixture(scope="module")
def ergo(start_ergo, org_db):
    """Return the URL of one Ergo server whose database holds the people and two audits."""
    url = start_ergo()
    store = Store(org_db)
    for email, role, sites in (
        (EMPLOYEE, "employee", ("Leeds",)),
        (OFFICER, "officer", ("Leeds",)),
        (BRISTOL_OFFICER, "officer", ("Bristol",)),
        (MANAGER, "manager", ("Leeds",)),
        (ADMIN, "admin", ()),
    ):
        access.set_user(store.engine, email, role, sites, by="setup")
    admin = ScopedStore(store, access.principal_for(store.engine, ADMIN))
    admin.save(desk("Leeds", "LEEDS-W1", 9.0))
    admin.save(desk("Bristol", "BRISTOL-W1", 9.0))
    store.close()
    return url


def _nav(page) -> list[str]:
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    return [t.strip().split("\n")[-1] for t in links.all_inner_texts()]  # after the icon


def _options(page, label: str, kind: str = "stSelectbox") -> list[str]:
    """Return the choices a picker offers (the table itself is drawn on a canvas).

    The picker is opened once the page is idle: a run still drawing the page closes a
    list opened under it, so a list that does not open is opened again, as a person would.
    """
    picker = page.get_by_test_id(kind).filter(has_text=label).first
    options = page.get_by_role("option")
    for attempt in range(3):
        idle(page)
        picker.click()
        try:
            options.first.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    found = [t.strip() for t in options.all_inner_texts()]
    page.keyboard.press("Escape")
    return found


def _check_desk(page) -> None:
    for label, value in {
        "Your height, without shoes [cm]": "165",
        "Height of your chair seat [cm]": "47",
        "Height of your keyboard [cm]": "74",
        "Height of the top of your screen [cm]": "100",
        "Distance from your eyes to the screen [cm]": "45",
        "Hours you sit on a working day [h/day]": "7",
        "Longest time you sit without getting up [min]": "90",
    }.items():
        page.get_by_role("spinbutton", name=label, exact=True).fill(value)
    page.get_by_text("Female", exact=True).click()
    page.get_by_text("Fixed height", exact=True).click()
    page.get_by_role("button", name="Check my desk").click()


def test_employee_signs_in_checks_saves_and_sees_only_their_own(ergo, new_page):
    page = new_page()
    seconds = sign_in(page, ergo, EMPLOYEE)
    print(f"sign-in round trip: {seconds:.2f} s")
    expect(page.get_by_role("heading", name="Check my desk")).to_be_visible()
    assert _nav(page) == ["Check my desk", "My checks", "Methods"]
    _check_desk(page)
    page.get_by_text("Share my answers about aches and pains").click()
    page.get_by_role("button", name="Save my check").click()
    expect(page.get_by_text("Saved under your name")).to_be_visible()

    page.get_by_role("link", name="My checks").click()
    expect(page.get_by_role("heading", name="My checks")).to_be_visible()
    expect(
        page.get_by_text("The safety officer for your site will review this check.")
    ).to_be_visible()
    (check,) = _options(page, "Check")  # one: their own, not the Leeds audit
    assert HIGH_OR_ABOVE.search(check)

    # Pages that are not theirs do not open by URL either: the default page runs instead.
    for path in ("assessments_page", "dashboard", "review", "admin"):
        page.goto(f"{ergo}/{path}")
        expect(page.get_by_role("heading", name="Check my desk")).to_be_visible()
        expect(
            page.get_by_role("heading", name=re.compile("^(Assessments|Dashboard|Review)$"))
        ).to_have_count(0)


def test_officer_of_leeds_reviews_the_check_and_cannot_see_bristol(ergo, new_page):
    page = new_page()
    sign_in(page, ergo, OFFICER)
    assert "Review" in _nav(page)
    page.get_by_role("link", name="Review").click()
    expect(page.get_by_role("heading", name="Review")).to_be_visible()
    (queued,) = _options(page, "Self-check")
    assert queued.startswith(f"{EMPLOYEE} · Leeds · ") and HIGH_OR_ABOVE.search(queued)
    page.get_by_label("Note for the employee").fill(
        "A footrest is on its way; I will visit Monday."
    )
    page.get_by_role("button", name="Mark reviewed").click()
    expect(page.get_by_text(f"Marked reviewed: {EMPLOYEE}")).to_be_visible()
    expect(page.get_by_text("Nothing is waiting for review.")).to_be_visible()

    page.get_by_role("link", name="Assessments").click()
    expect(page.get_by_role("heading", name="Assessments")).to_be_visible()
    # The table is drawn on a canvas: read the site filter's choices and the count line.
    assert _options(page, "Site", "stMultiSelect") == ["Leeds"]
    expect(page.get_by_text(re.compile(r"^2 assessments match\.$"))).to_be_visible()


def test_employee_sees_that_the_check_was_reviewed(ergo, new_page):
    page = new_page()
    sign_in(page, ergo, EMPLOYEE)
    page.get_by_role("link", name="My checks").click()
    expect(page.get_by_text(f"Reviewed by {OFFICER}")).to_be_visible()
    expect(page.get_by_text("A footrest is on its way; I will visit Monday.")).to_be_visible()


def test_manager_downloads_a_summary_pdf_for_their_site_and_cannot_edit(ergo, new_page):
    page = new_page()
    sign_in(page, ergo, MANAGER)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    assert _nav(page) == ["Dashboard", "Assessments", "Methods"]
    # The PDF is built when the button is pressed, from the run that drew the button: a
    # press while the page is still running hits a button that run replaces.
    idle(page)
    with page.expect_download(timeout=RUN_TIMEOUT_MS) as dl:
        page.get_by_role("button", name=re.compile("Summary PDF")).click()
    assert Path(dl.value.path()).read_bytes().startswith(b"%PDF")
    page.get_by_role("link", name="Assessments").click()
    assert _options(page, "Site", "stMultiSelect") == ["Leeds"]
    expect(page.get_by_text(re.compile(r"^2 assessments match\.$"))).to_be_visible()
    expect(page.get_by_role("button", name="PDF report", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Open in the form")).to_have_count(0)
    expect(page.get_by_text("Delete", exact=True)).to_have_count(0)
    page.goto(f"{ergo}/import_page")
    expect(page.get_by_role("heading", name="Import")).to_have_count(0)


def test_an_officer_cannot_import_a_row_for_a_site_out_of_their_scope(
    ergo, new_page, org_db, tmp_path
):
    from benchmarks.synthetic import synthetic_frame

    df = synthetic_frame(2, seed=3)
    df["site"] = ["Leeds", "Bristol"]  # the officer's site, then one out of their scope
    df["department"] = "Claims"
    df["worker_ref"] = ["IMPORT-LEEDS", "IMPORT-BRISTOL"]
    path = tmp_path / "two-sites.csv"
    df.to_csv(path, index=False)
    page = new_page()
    sign_in(page, ergo, OFFICER)
    page.get_by_role("link", name="Import").click()
    page.get_by_role("heading", name="Import").first.wait_for(timeout=RUN_TIMEOUT_MS)
    idle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    save = page.get_by_role("button", name="Score and save 2 assessments")
    save.wait_for(timeout=RUN_TIMEOUT_MS)
    idle(page)
    # Bristol is not a site this officer sees: it can only be read as one of theirs (a
    # misspelt Leeds), never added, and nothing is saved until it is answered.
    picker = page.get_by_role("combobox", name="Site “Bristol” (spreadsheet row 3) is")
    picker.scroll_into_view_if_needed()
    picker.click()
    page.get_by_role("option").first.wait_for()
    offered = [t.strip() for t in page.get_by_role("option").all_inner_texts()]
    assert offered == ["the listed site “Leeds”"], offered
    page.keyboard.press("Escape")
    expect(save).to_be_disabled()
    store = Store(org_db)
    try:
        assert store.search(Filters(text="IMPORT-")).empty
    finally:
        store.close()


def test_admin_grants_a_role_and_the_audit_page_lists_it(ergo, new_page):
    page = new_page()
    sign_in(page, ergo, ADMIN)
    page.get_by_role("link", name="People and audit").click()
    expect(page.get_by_role("heading", name="People", exact=True)).to_be_visible()
    page.get_by_label("E-mail").fill(NEWCOMER)
    page.get_by_role("combobox", name="Role", exact=True).click()
    page.get_by_role("option", name="officer").click()
    page.get_by_label(re.compile("^Sites")).first.fill("York")
    page.get_by_role("button", name="Grant role").click()
    expect(page.get_by_text(f"{NEWCOMER} is now officer (York).")).to_be_visible()
    with page.expect_download() as dl:
        page.get_by_role("button", name="Audit trail (CSV)").click()
    newest = Path(dl.value.path()).read_text("utf-8").splitlines()[1]
    assert f",{ADMIN},role_change," in newest and NEWCOMER in newest


def test_two_instances_on_one_postgresql_share_the_review_queue(ergo, start_ergo, new_page):
    second = start_ergo()
    employee = new_page()
    sign_in(employee, ergo, EMPLOYEE)
    _check_desk(employee)
    employee.get_by_role("button", name="Save my check").click()
    expect(employee.get_by_text("Saved under your name")).to_be_visible()

    officer = new_page()
    sign_in(officer, second, OFFICER)
    officer.get_by_role("link", name="Review").click()
    expect(officer.get_by_role("heading", name="Review")).to_be_visible()
    (queued,) = _options(officer, "Self-check")
    assert queued.startswith(f"{EMPLOYEE} · Leeds · ") and HIGH_OR_ABOVE.search(queued)
