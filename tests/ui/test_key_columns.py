"""Issue item 07: wide tables keep their key columns in view (AppTest reads the column config).

AppTest cannot scroll a grid, so these tests read what the page tells the grid: the
pinned columns (which stay in view when the table scrolls sideways) and the column
order (what a narrow window shows before it has to scroll). The phone journey that
checks the sidebar closes is tests/e2e/test_wide_tables.py.
"""

from __future__ import annotations

import json

from tests.ui.saved import page_store, saved  # noqa: F401 (fixtures)
from tests.ui.test_assessments_page import run_page, select
from tests.ui.test_results import results_for


def pinned(frame) -> list[str]:
    """Return the names of the columns a drawn table keeps pinned."""
    config = json.loads(frame.proto.columns or "{}")
    return [name for name, c in config.items() if c.get("pinned")]


def test_item_07_every_detail_table_pins_its_name_column():
    at = results_for("warehouse-lifting")
    multipliers = next(d for d in at.dataframe if "HM o / d" in d.value.columns)
    assert pinned(multipliers) == ["Task"]  # the NIOSH multipliers, task by task
    details = [d for d in at.dataframe if len(d.value.columns) > 3]
    assert details and all(pinned(d) == [d.value.columns[0]] for d in details)


def test_item_07_compare_table_shows_index_and_change_beside_the_pinned_factor(saved):  # noqa: F811
    store, ids = saved
    at = select(run_page(), store, ids["job-after"])
    table = next(d for d in at.dataframe if "before → after" in d.value.columns)
    assert pinned(table) == ["factor"]
    assert list(table.value.columns[:3]) == ["factor", "index", "Δ index"]


def test_item_07_assessments_list_pins_the_readable_id(saved):  # noqa: F811
    at = run_page()
    assert pinned(at.dataframe[0]) == ["id"]
    assert at.dataframe[0].value.columns[0] == "id"
