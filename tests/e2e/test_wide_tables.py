"""Issue 9 item 7 in Chromium: key columns and names stay readable; the phone sidebar closes.

The check uses a phone's user agent: that, not the width, is what Streamlit reads when
it closes the sidebar after a page is chosen (a 390 px desktop window keeps it open).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.runs import after_run, idle, new_page


def test_item_07_the_phone_sidebar_closes_after_choosing_a_page(browser, app_url):
    page = new_page(browser, 390, 844, phone=True)
    page.goto(app_url)
    idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).not_to_be_in_viewport()  # a phone opens with the sidebar closed
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(sidebar).to_be_in_viewport()
    sidebar.get_by_role("link", name="Methods").click()
    page.get_by_role("heading", name="Methods").first.wait_for()
    expect(sidebar).not_to_be_in_viewport()  # closed again, not left over the page
    page.context.close()


def _scored_warehouse(browser, app_url, width: int):
    """Return a page showing the warehouse job's Results, opened from its file."""
    from tests.e2e.test_officer_journey import WAREHOUSE, open_file, score

    page = new_page(browser, width, 900, phone=width < 640, accept_downloads=True)
    page.goto(app_url)
    open_file(page, WAREHOUSE)
    score(page)
    return page


@pytest.mark.parametrize("width", [390, 1280], ids=lambda w: f"{w}px")
def test_item_07_the_what_if_names_the_chosen_input_in_full(browser, app_url, width):
    page = _scored_warehouse(browser, app_url, width)
    page.get_by_role("heading", name="What if").scroll_into_view_if_needed()
    page.get_by_role("combobox", name="Input").click()
    option = page.get_by_role("option", name=re.compile(r"^Task 1 .*: H at origin$"))
    name = option.inner_text().strip()
    after_run(page, option.click)
    label = page.get_by_test_id("stWidgetLabel").filter(has_text=f"{name}: new value")
    expect(label).to_be_visible()
    # Whole, not cut off: the label's text fits its box (a cut name overflows it) and the
    # box is inside the window.
    fits = label.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    box = label.bounding_box()
    assert fits and box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)
    page.context.close()


def test_item_07_the_multipliers_keep_the_task_column_while_scrolled_sideways(browser, app_url):
    page = _scored_warehouse(browser, app_url, 1280)
    title = page.get_by_text("RNLE multipliers and indices per task", exact=True)
    table = title.locator("xpath=following::*[@data-testid='stDataFrame'][1]").first
    table.scroll_into_view_if_needed()
    # The grid's accessible copy holds the cells in view; the index is hidden, so column 0
    # is the task's name.
    first_task = table.get_by_test_id("glide-cell-0-0")
    second_column = table.get_by_test_id("glide-cell-1-0")
    expect(first_task).to_have_count(1)
    name = first_task.inner_text()
    expect(second_column).to_have_count(1)
    # Scroll the grid all the way to its right edge, as a wheel or a trackpad does.
    table.hover(position={"x": 300, "y": 50})
    for _ in range(10):
        page.mouse.wheel(800, 0)
    idle(page)
    # The left columns went out of view; the pinned task column did not.
    expect(second_column).to_have_count(0)
    expect(first_task).to_have_text(name)
    page.context.close()
