"""Whole-body vibration in the browser: the jolts tick and a measured VDV, typed as a person does.

The grid is a canvas; the keyboard moves between its cells (the sources table scrolls
sideways), Space toggles a tick and typing enters a number (tests/e2e/grid.py).
"""

from __future__ import annotations

from tests.e2e import grid

from .test_officer_journey import ROOT, open_file, score

SHOCKS = "A(8) under-estimates this exposure (jolts or shocks reported)"
VDV_HIGH = "A(8) under-estimates this exposure (the VDV reaches a value)"
SOURCES = "form.vibration.sources"
# Columns: name, a_wx, a_wy, a_wz, time, VDV x, VDV y, VDV z, jolts.
VDV_Z, JOLTS = 7, 8


def _back_to_the_sources(page) -> None:
    page.get_by_role("link", name="New assessment (edit this assessment)").click()
    page.get_by_role("button", name="Check and score").wait_for()
    page.get_by_role("tab", name="Vibration").click()


def test_item_05_jolts_tick_and_typed_vdv_change_the_warning(page):
    """The example's site dumper gives jolts: the result warns that A(8) under-estimates the
    risk. Unticking it removes the warning (its estimated VDV, 9.03 m/s^1.75, is below the 9.1
    action value); typing a measured VDV z of 25 m/s^1.75 (above the 21 limit value, Directive
    2002/44/EC Art. 3(2)) brings a warning back while the band stays low on A(8)."""
    open_file(page, ROOT / "examples" / "maintenance-vibration.json")
    score(page)
    page.get_by_text(SHOCKS).first.wait_for(state="attached")  # in a collapsed detail

    _back_to_the_sources(page)
    grid.toggle_cell(page, SOURCES, 0, JOLTS)
    score(page)
    page.get_by_text("Whole-body vibration — low: A(8) 0.35 m/s²", exact=True).wait_for()
    assert page.get_by_text(SHOCKS).count() == 0
    assert page.get_by_text(VDV_HIGH).count() == 0

    _back_to_the_sources(page)
    grid.type_cell(page, SOURCES, 0, VDV_Z, "25")
    score(page)
    page.get_by_text(VDV_HIGH).first.wait_for(state="attached")
    page.get_by_text("Whole-body vibration — low: A(8) 0.35 m/s²", exact=True).wait_for()
