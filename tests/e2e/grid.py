"""Typing into ``st.data_editor`` tables as a person does, found by their widget key.

The grid is drawn on a canvas: a cell is reached by clicking its row's first cell and
moving with the arrow keys, Enter opens the cell's editor (an input in the page's
overlay), typing fills it and Enter commits, which reruns the script. Each step waits
for what it needs (the run finished, the toolbar shown, the editor open) rather than
for a fixed time, and the table is found again by its key each time, so a rerun that
redraws it does not leave the journey holding a detached element.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.e2e.runs import RUN_STARTED, after_run, idle, maybe_run, runs_finished, state

ROW_PX = 35  # the data editor's header and row height
EDITOR = "#portal :is(input, textarea):focus"


def container(page, key: str):
    """Return the element holding the data editor whose widget key is ``key``."""
    return page.locator(f".st-key-{re.sub(r'[^A-Za-z0-9_-]', '-', key)}")


def table(page, key: str):
    return container(page, key).get_by_test_id("stDataFrame")


def scroll_to(page, locator) -> None:
    """Scroll an element into view once the run has finished, finding it again if needed.

    A rerun that ends as the page is shown (a tab opened, a page switched to) can redraw
    the element while it is scrolled to, which detaches the one found before.
    """
    for attempt in range(3):
        idle(page)
        try:
            locator.scroll_into_view_if_needed()
            return
        except PlaywrightError:
            if attempt == 2:
                raise


def add_row(page, key: str) -> None:
    """Press the table's "Add row" button (its toolbar shows while the pointer is on it)."""
    box = container(page, key)
    scroll_to(page, box)
    table(page, key).hover(position={"x": 40, "y": ROW_PX / 2})  # on the header row
    # The toolbar fades in and moves above the table; until then the grid covers it.
    expect(box.get_by_test_id("stElementToolbar")).to_have_css("opacity", "1")
    # The new row may be sent at once, rerunning the script; a cell typed into before that
    # run ends can be redrawn under the typing, which drops what was typed.
    before = runs_finished(page)
    box.get_by_role("button", name="Add row").click()
    maybe_run(page, before)


def cell(page, key: str, row: int, col: int):
    """Return a cell of the grid's accessible copy (which carries the selection).

    The grid numbers its row-marker column 0, so data column ``col`` is ``col + 1``.
    """
    return container(page, key).get_by_test_id(f"glide-cell-{col + 1}-{row}")


def select_cell(page, key: str, row: int, col: int) -> None:
    """Select a cell: click the row (0 = the first data row), arrow to the column."""
    grid = table(page, key)
    scroll_to(page, grid)
    in_row = container(page, key).locator(f"td[aria-selected='true'][id$='-{row}']")
    for attempt in range(3):
        # A grid drawn a moment ago can miss its first click: click until a cell is selected.
        grid.click(position={"x": 60, "y": ROW_PX * (row + 1) + ROW_PX / 2})
        try:
            expect(in_row).to_have_count(1, timeout=3_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    for _ in range(12):  # a wide table may be scrolled sideways: back to the first column
        page.keyboard.press("ArrowLeft")
    for _ in range(col):
        page.keyboard.press("ArrowRight")
    expect(cell(page, key, row, col)).to_have_attribute("aria-selected", "true")


def type_cell(page, key: str, row: int, col: int, text: str) -> None:
    """Type ``text`` into a cell (replacing what it held) and commit it.

    A rerun that ends while the cell is being typed into (one a step before started
    late, on a loaded machine) can redraw the grid and close the cell's editor: what was
    typed is gone, as it would be for a person, and Enter then starts no run. When no
    run starts within 20 s, the cell is typed again, as a person would.
    """
    for attempt in range(3):
        select_cell(page, key, row, col)
        page.keyboard.press("Enter")
        page.locator(EDITOR).wait_for()
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(text, delay=20)
        before = runs_finished(page)
        page.keyboard.press("Enter")
        try:
            page.wait_for_function(RUN_STARTED, arg=before, timeout=20_000)
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise AssertionError(f"typing {text!r} started no run; {state(page)}") from None
            # The editor was closed under the typing (the Enter may have opened another):
            # leave any editor without committing, and type the cell again.
            if page.locator(EDITOR).count():
                page.keyboard.press("Escape")
            continue
        after_run(page, lambda: None, before=before)
        return


def type_row(page, key: str, row: int, values: Mapping[str, object], columns: Mapping[str, int]):
    """Type several cells of one row: ``values`` by field name, at ``columns[name]``."""
    for name, value in values.items():
        text = value if isinstance(value, str) else f"{value:g}"
        type_cell(page, key, row, columns[name], text)


def toggle_cell(page, key: str, row: int, col: int) -> None:
    """Tick or untick a checkbox cell with the space bar."""
    select_cell(page, key, row, col)
    after_run(page, lambda: page.keyboard.press("Space"))
