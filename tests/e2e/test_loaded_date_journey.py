"""Playwright: a date outside the picker's usual range, opened from a file, is kept and named."""

from __future__ import annotations

import json

from tests.e2e.runs import RUN_TIMEOUT_MS, after_run, idle

from .test_officer_journey import ROOT, open_file


def test_item_01_a_1960_date_in_an_opened_file_stays_in_the_form_and_is_named(page, tmp_path):
    # Streamlit refuses or replaces a date outside its picker's range (the input was lost
    # from the page); the picker's range now takes in the date held, and Check and score
    # names it.
    doc = json.loads((ROOT / "examples" / "office-desk.json").read_text(encoding="utf-8"))
    doc["header"]["date"] = "1960-05-01"
    path = tmp_path / "old-date.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    page.get_by_test_id("stSidebar").get_by_role("link", name="New assessment").click()
    open_file(page, path, said="1 problem to correct")
    idle(page)
    date = page.get_by_test_id("stDateInput").filter(has_text="Assessment date").locator("input")
    assert date.input_value() == "1960-05-01"
    after_run(page, page.get_by_role("button", name="Check and score").click)
    page.get_by_text("Assessment date is '1960-05-01', must be between").first.wait_for(
        timeout=RUN_TIMEOUT_MS
    )
    assert date.input_value() == "1960-05-01"
