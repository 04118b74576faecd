"""AppTest: the Score a file page with a valid, an invalid and an unreadable upload.

AppTest cannot drive ``st.file_uploader``, so the page script is run as it is with
the uploader returning a file (``run_page``); everything after the upload is the
page's own code. The browser journey that uses the real file chooser is in
tests/e2e/test_score_file_journey.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from benchmarks.synthetic import synthetic_frame

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "score_file.py"


def _page_with_upload(page: str, path: str, name: str) -> None:
    import runpy
    from pathlib import Path as _Path
    from unittest import mock

    import streamlit as st

    class Upload:
        def __init__(self):
            self.name = name
            self.file_id = name

        def getvalue(self):
            return _Path(path).read_bytes()

    with mock.patch.object(st, "file_uploader", return_value=Upload()):
        runpy.run_path(page, run_name="__main__")


def run_page(tmp_path: Path, name: str, data: bytes) -> AppTest:
    src = tmp_path / name
    src.write_bytes(data)
    at = AppTest.from_function(
        _page_with_upload, args=(str(PAGE), str(src), name), default_timeout=60
    )
    return at.run()


def test_page_runs_without_an_upload():
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert not at.exception and at.title[0].value == "Score a file"


def test_item_00_an_invalid_row_lists_its_problem_instead_of_crashing(tmp_path):
    df = synthetic_frame(4, seed=2).astype(object)
    df.loc[2, "sitting.seated_h_per_day"] = 30
    df.loc[2, "workstation.not_applicable"] = ""
    at = run_page(tmp_path, "bad.csv", df.to_csv(index=False).encode())
    assert not at.exception
    assert at.error[0].value == "1 problem(s): nothing was scored."
    table = at.dataframe[0].value
    assert table.iloc[0].tolist() == [
        4,  # data row 3 is the spreadsheet's row 4 (header = row 1)
        "sitting.seated_h_per_day",
        "seated_h_per_day == 30, must be >= 0 and <= 24 [h/day].",
    ]
    assert not [b for b in at.get("download_button") if "results" in b.proto.label]


def test_item_04_an_unreadable_upload_is_a_problem_not_a_traceback(tmp_path):
    at = run_page(tmp_path, "latin.csv", "site\nS\xe3o Paulo\n".encode("latin-1"))
    assert not at.exception
    assert "not UTF-8 text" in at.dataframe[0].value["problem"][0]


def test_a_valid_file_is_scored_with_a_results_download(tmp_path):
    df = synthetic_frame(5, seed=3)
    at = run_page(tmp_path, "ok.csv", df.to_csv(index=False).encode())
    assert not at.exception
    assert at.success[0].value == "5 assessment(s) scored."
    assert isinstance(at.dataframe[0].value, pd.DataFrame) and len(at.dataframe[0].value) == 5
    assert "Download results (CSV)" in [b.proto.label for b in at.get("download_button")]
