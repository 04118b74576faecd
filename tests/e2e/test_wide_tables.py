"""Issue 9 item 7 in Chromium: the phone sidebar closes after a page is chosen.

The check uses a phone's user agent: that, not the width, is what Streamlit reads when
it closes the sidebar after a page is chosen (a 390 px desktop window keeps it open).
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.runs import idle, new_page


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
