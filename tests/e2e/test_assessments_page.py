"""Playwright: an officer finds a record by a non-English name and opens it by clicking its row.

A real ``streamlit run app.py`` over its own SQLite file, filled beforehand through
the Store, with Debian's Chromium (tests/e2e/conftest.py). The list is a canvas
grid: the row is selected by clicking its selection box, as a person does.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assessments import model as m
from assessments.store import Store
from tests.e2e.conftest import serve

WORKERS = ("İlkay Işık", "Zoë Brontë", "Jürgen Weiß")


def desk(worker: str, date: str, seated_h: float) -> m.Assessment:
    return m.Assessment(
        header=m.Header(
            site="Leeds Head Office",
            job_title="Claims handler",
            worker_ref=worker,
            date=dt.date.fromisoformat(date),
        ),
        sitting=m.Sitting(seated_h_per_day=seated_h, longest_bout_min=20),
    )


@pytest.fixture(scope="module")
def filled_app(browser, tmp_path_factory):
    """Start the app on a data folder holding three saved desks; yield (url, {worker: id})."""
    data = tmp_path_factory.mktemp("ergo-assessments")
    store = Store(f"sqlite:///{data / 'ergo.db'}")
    ids = {
        w: store.save(desk(w, f"2026-0{k + 3}-01", 3 + 2 * k)).assessment_id
        for k, w in enumerate(WORKERS)
    }
    store.close()
    with serve(browser, data) as url:
        yield url, ids


def open_page(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{url}/assessments_page")
    page.get_by_role("heading", name="Assessments").first.wait_for()
    return context, page


def click_row(page, row: int) -> None:
    """Click the selection box of data row ``row`` (0 = first) of the list grid."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for()
    grid.scroll_into_view_if_needed()  # a phone shows the grid below the filters
    page.wait_for_timeout(500)  # the canvas draws after the element appears
    box = grid.bounding_box()
    header, height = 35, 35  # Streamlit's grid: header and row heights [px]
    page.mouse.click(box["x"] + 16, box["y"] + header + height * row + height / 2)


@pytest.mark.parametrize("width", [1280, 390])
def test_item_17_typed_name_without_accents_finds_the_record(browser, filled_app, width):
    url, ids = filled_app
    context, page = open_page(browser, url, width)
    search = page.get_by_placeholder("worker, job title or assessment id")
    search.fill("ilkay isik")
    search.press("Enter")
    page.get_by_text("1 assessment match.").wait_for()
    page.get_by_text(f"id {ids['İlkay Işık']}").wait_for()
    search.fill("İLKAY")
    search.press("Enter")
    page.get_by_text("1 assessment match.").wait_for()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_item_10_clicking_a_row_opens_that_record(browser, filled_app, width):
    url, ids = filled_app
    context, page = open_page(browser, url, width)
    page.get_by_text("3 assessments match.").wait_for()
    # Newest first: Jürgen (May), Zoë (April), İlkay (March); the first row is shown.
    page.get_by_text(f"id {ids['Jürgen Weiß']}").wait_for()
    click_row(page, 2)
    page.get_by_text(f"id {ids['İlkay Işık']}").wait_for()
    assert not page.get_by_text(f"id {ids['Jürgen Weiß']}").count()
    click_row(page, 1)
    page.get_by_text(f"id {ids['Zoë Brontë']}").wait_for()
    context.close()
