"""Playwright: an officer uploads an invalid CSV to Score a file, reads the problem, fixes it.

The upload goes through the browser's file chooser, as a person does it; the app is a
real ``streamlit run app.py`` (tests/e2e/conftest.py).
"""

from __future__ import annotations

import csv
import io as _io
import re

from benchmarks.synthetic import synthetic_frame


def _upload(page, path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("stFileUploaderDropzone").get_by_test_id(
            "stBaseButton-secondary"
        ).click()
    chooser.value.set_files(str(path))


def test_item_00_invalid_csv_shows_its_problem_table_and_a_fixed_file_scores(
    page, app_url, tmp_path
):
    df = synthetic_frame(6, seed=5).astype(object)
    df.loc[4, "date"] = "2026-13-01"
    df.loc[1, "worker_ref"] = '=HYPERLINK("http://x")'
    bad = tmp_path / "bad.csv"
    df.to_csv(bad, index=False)
    page.goto(f"{app_url}/score_file")
    page.get_by_role("heading", name="Score a file").first.wait_for()
    _upload(page, bad)
    page.get_by_text("1 problem(s): nothing was scored.").wait_for()
    page.get_by_test_id("stDataFrame").first.wait_for()
    # The grid draws on a canvas; its cells are also in an accessible table.
    grid = page.get_by_test_id("stDataFrame").first
    page.wait_for_function(
        "el => el.textContent.includes('must be a date as YYYY-MM-DD')", arg=grid.element_handle()
    )
    assert "date" in grid.text_content()
    assert not page.get_by_text(re.compile("Traceback|ValueError")).count()
    assert not page.get_by_role("button", name="Download results (CSV)").count()

    df.loc[4, "date"] = "2026-12-01"
    good = tmp_path / "good.csv"
    df.to_csv(good, index=False)
    page.goto(f"{app_url}/score_file")  # a fresh session: the uploader is empty again
    page.get_by_role("heading", name="Score a file").first.wait_for()
    _upload(page, good)
    page.get_by_text("6 assessment(s) scored.").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download results (CSV)").click()
    target = tmp_path / "results.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(_io.StringIO(target.read_text("utf-8"), newline="")))
    assert len(rows) == 6
    assert rows[1]["worker_ref"] == '\'=HYPERLINK("http://x")'  # neutralised
