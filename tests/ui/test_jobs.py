"""AppTest: the Background jobs page lists the person's jobs with progress and the result."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessments import jobs
from tests.ui.saved import page_store  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "jobs.py"
ME = "local user"  # no sign-in configured: the page's person


def run_page() -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert not at.exception
    return at


def progress_texts(at: AppTest) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def test_item_04_no_jobs_yet(page_store):  # noqa: F811
    at = run_page()
    assert at.title[0].value == "Background jobs"
    assert "no background jobs yet" in at.info[0].value


def test_item_04_progress_refresh_and_download_of_the_persons_jobs(page_store):  # noqa: F811
    s = getattr(page_store, "store", page_store)  # the jobs tables sit beside the scope
    params = {"filters": {}, "generated": "2026-12-01"}
    batch = jobs.create(s, "pdf_batch", params, ME, 2)
    jobs.mark_running(s, batch)
    jobs.record_item(s, batch, "r1", "A-1.pdf", b"%PDF-1 one")
    jobs.create(s, "summary_pdf", params, "someone.else@example.com", 1)
    at = run_page()
    assert progress_texts(at) == ["1 of 2 done · running"]
    assert at.get("download_button") == []  # half a batch is not offered

    jobs.record_item(s, batch, "r2", "A-2.pdf", b"%PDF-1 two")  # the worker goes on
    at.button(key="jobs.refresh").click().run()
    assert progress_texts(at) == ["2 of 2 done · done"]
    (button,) = at.get("download_button")
    assert f"ergo-job-{batch}-reports.zip" in button.proto.label
    _name, data = jobs.result(s, batch)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["A-1.pdf", "A-2.pdf"]


def test_item_04_a_failed_job_says_why(page_store):  # noqa: F811
    s = getattr(page_store, "store", page_store)  # the jobs tables sit beside the scope
    job = jobs.create(s, "import", {"file_name": "bad.csv"}, ME, 1)
    jobs.fail(s, job, "1 problem(s) in bad.csv: nothing was saved.")
    jobs.record_item(s, job, "import", "bad-problems.csv", b"row,field,problem\n")
    at = run_page()
    assert progress_texts(at) == ["1 of 1 done · failed"]
    assert at.error[0].value == "1 problem(s) in bad.csv: nothing was saved."
    (button,) = at.get("download_button")
    assert "Download problems (bad-problems.csv)" in button.proto.label
