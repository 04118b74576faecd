"""Playwright: sites picked from the organisation's list or typed new; dashboard rows open records.

Issue 9 point 11: an officer TYPES a new site into the form's Site picker and is told
it will be added (and, when it is close to a listed one, which), or picks a listed
site; what is saved carries the chosen name. Point 10: a click on a dashboard row
("most frequent recommendations", "most need action") lands on the Assessments page
listing exactly the records it counted, or on the record itself. At 1280 and 390 px,
on a real ``streamlit run app.py`` over its own SQLite file filled through the Store.

With ``ERGO_SCREENSHOTS=1`` the pages are also written to docs/screenshots/
(``app-site-picker-*.png``, ``app-dashboard-row-*.png``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from assessments import model as m
from assessments.store import Filters, Store
from tests.e2e.conftest import ROOT, serve
from tests.e2e.runs import results

SHOTS = ROOT / "docs" / "screenshots"
WIDTHS = (1280, 390)
ROW_PX = 35  # Streamlit's grid: header and row height [px]
FIRST_RENDER_MS = 120_000  # a page's first render on two cores shared by a whole team


def desk(site: str, worker: str, seated_h: float) -> m.Assessment:
    return m.Assessment(
        header=m.Header(
            site=site,
            department="Goods in",
            job_title="Clerk",
            worker_ref=worker,
            date=dt.date(2026, 5, 1),
        ),
        sitting=m.Sitting(seated_h_per_day=seated_h, longest_bout_min=90),
    )


@pytest.fixture(scope="module")
def lists_app(browser, tmp_path_factory):
    """Start the app over a database with desks at Daventry and Leeds; yield (url, db path)."""
    data = tmp_path_factory.mktemp("ergo-lists")
    db = data / "ergo.db"
    store = Store(f"sqlite:///{db}")
    for i, (site, hours) in enumerate(
        [("Daventry", 9), ("Daventry", 7), ("Leeds", 3), ("Leeds", 9.5), ("Leeds", 2)]
    ):
        store.save(desk(site, f"W-{i}", hours))
    store.close()
    with serve(browser, data) as url:
        yield url, db


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def width(request):
    return request.param


@pytest.fixture
def session(browser, lists_app, width):
    """A fresh browser session at the given width; yield (page, app url, database path)."""
    url, db = lists_app
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    # Patience, not a timing assert: two cores shared by a whole team can take minutes.
    page.set_default_timeout(FIRST_RENDER_MS)
    yield page, url, db
    context.close()


def idle(page) -> None:
    """Wait until the app has finished the rerun the last action started."""
    page.wait_for_timeout(700)
    page.locator("[data-test-script-state='notRunning']").first.wait_for(state="attached")
    page.wait_for_timeout(400)


def shoot(page, name: str) -> None:
    if os.environ.get("ERGO_SCREENSHOTS"):
        w = page.viewport_size["width"]
        height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": w, "height": min(max(height, 600), 2400)})
        page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
        page.wait_for_timeout(1200)
        page.screenshot(path=str(SHOTS / f"{name}-{w}.png"))
        page.set_viewport_size({"width": w, "height": 900})
        idle(page)


def site_picker(page):
    return page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Site", exact=True))


def open_form(page, url: str) -> None:
    """Open the New assessment page; its first render waits for a busy shared machine."""
    page.goto(url)
    page.get_by_role("button", name="Check and score").wait_for(timeout=FIRST_RENDER_MS)
    idle(page)


def type_site(page, text: str) -> None:
    """Click the Site picker, TYPE a name and press Enter, as a person adds a new one."""
    box = site_picker(page)
    box.scroll_into_view_if_needed()
    box.click()
    page.keyboard.type(text, delay=40)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    idle(page)


def pick_site(page, name: str) -> None:
    """Open the Site picker and click a listed name."""
    box = site_picker(page)
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option", name=name, exact=True).click()
    idle(page)


def type_field(page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.click()
    box.fill(text)
    box.press("Tab")
    idle(page)


def score_and_save(page) -> None:
    page.get_by_role("button", name="Check and score").click()
    idle(page)
    results(page)
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text(", revision 1.").wait_for()


def saved_site(db: Path, worker: str) -> tuple[str, list[str]]:
    store = Store(f"sqlite:///{db}")
    try:
        found = store.search(Filters(text=worker))
        return str(found["site"].iloc[0]), store.names("site")
    finally:
        store.close()


def fill_stature(page, worker: str) -> None:
    type_field(page, "Worker or workstation reference", worker)
    page.get_by_role("tab", name="Workstation").first.click()
    idle(page)
    type_field(page, "Stature [cm]", "170")


# ------------------------------------------------------------------- point 11


def test_item_11_a_typed_new_site_is_said_to_be_new_and_saved_onto_the_list(session, width):
    page, url, db = session
    open_form(page, url)
    worker = f"NEW-{width}"
    type_site(page, f"Goole {width}")
    page.get_by_text(f"New site: “Goole {width}” is added to the organisation's list").wait_for()
    shoot(page, "app-site-picker-new")
    fill_stature(page, worker)
    score_and_save(page)
    site, listed = saved_site(db, worker)
    assert site == f"Goole {width}" and f"Goole {width}" in listed


def test_item_11_a_near_duplicate_is_warned_and_the_listed_site_picked(session, width):
    page, url, db = session
    open_form(page, url)
    worker = f"PICK-{width}"
    type_site(page, "daventry DC")
    page.get_by_text("to the existing site “Daventry”").wait_for()
    shoot(page, "app-site-picker-close")
    pick_site(page, "Daventry")
    page.get_by_text("to the existing site “Daventry”").wait_for(state="detached")
    fill_stature(page, worker)
    score_and_save(page)
    site, listed = saved_site(db, worker)
    assert site == "Daventry" and "daventry DC" not in listed


# ------------------------------------------------------------------- point 10


def click_row(page, grid, row: int) -> None:
    """Click the selection box at the left of data row ``row`` (0 = first) of a grid."""
    grid.wait_for(timeout=FIRST_RENDER_MS)
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(600)  # the canvas draws after the element appears
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)
    idle(page)


def grid_after(page, heading: str):
    """Return the first table after a subheading of the page."""
    title = page.get_by_role("heading", name=heading)
    return title.locator("xpath=following::*[@data-testid='stDataFrame'][1]").first


def test_item_10_a_dashboard_row_opens_the_assessments_it_counts(session, width):
    page, url, db = session
    store = Store(f"sqlite:///{db}")
    top = store.top_recommendations()
    need = store.need_action()
    store.close()
    count = int(top["count"].iloc[0])
    page.goto(f"{url}/dashboard")
    page.get_by_role("heading", name="Most frequent recommendations").wait_for(
        timeout=FIRST_RENDER_MS
    )
    click_row(page, grid_after(page, "Most frequent recommendations"), 0)
    page.get_by_role("heading", name="Assessments").first.wait_for()
    banner = page.get_by_test_id("stMarkdownContainer").filter(has_text="From the dashboard:")
    banner.wait_for()
    assert f"the {count} assessment(s) given" in banner.inner_text()
    page.get_by_text(f"{count} assessment{'s' if count != 1 else ''} match.").wait_for()
    shoot(page, "app-dashboard-row-recommendation")
    page.get_by_role("button", name="Show every assessment").click()
    idle(page)
    page.get_by_text("assessments match.").wait_for()
    # The first "most need action" row opens that very record.
    page.goto(f"{url}/dashboard")
    page.get_by_role("heading", name="Most need action").wait_for(timeout=FIRST_RENDER_MS)
    click_row(page, grid_after(page, "Most need action"), 0)
    page.get_by_role("heading", name="Assessments").first.wait_for()
    page.get_by_text(f"id {need['assessment_id'].iloc[0]}").first.wait_for()
    shoot(page, "app-dashboard-row-record")


# ------------------------------------------------------------ point 11: import


def test_item_11_an_import_names_unlisted_sites_and_saves_only_once_each_is_mapped(
    session, width, tmp_path
):
    from benchmarks.synthetic import synthetic_frame

    page, url, db = session
    df = synthetic_frame(3, seed=11, start=7000 + width)
    df["site"] = ["Daventry", "daventry DC", "Leeds"]
    df["department"] = "Goods in"
    df["worker_ref"] = [f"IMPORT-{width}-{i}" for i in range(3)]  # unique to this run
    path = tmp_path / "sites.csv"
    df.to_csv(path, index=False)
    page.goto(f"{url}/import_page")
    page.get_by_role("heading", name="Import").first.wait_for(timeout=FIRST_RENDER_MS)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    page.get_by_text("1 site or department name is not on the organisation's list").wait_for(
        timeout=FIRST_RENDER_MS
    )
    save = page.get_by_role("button", name="Score and save 3 assessments")
    assert save.is_disabled()  # nothing can be saved before the name is answered
    shoot(page, "app-import-map-names")
    picker = page.get_by_test_id("stSelectbox").filter(
        has_text="“daventry DC” (spreadsheet row 3) is"
    )
    picker.scroll_into_view_if_needed()
    picker.click()
    page.get_by_role("option", name="the listed site “Daventry”").click()
    idle(page)
    save.click()
    page.get_by_text("Saved 3 assessments").wait_for(timeout=FIRST_RENDER_MS)
    store = Store(f"sqlite:///{db}")
    try:
        saved = store.search(Filters(text=f"IMPORT-{width}-1"))
        assert saved["site"].tolist() == ["Daventry"]
        assert "daventry DC" not in store.names("site")
    finally:
        store.close()
