"""AppTest, issue 14 point 4: Import, Dashboard and Assessments start background jobs.

Each page shows the job's progress where it was started and its file when it is
done. The job is worked by the runner's own task function (on SQLite the local
pool may work it too: an item is recorded once either way), on SQLite and
PostgreSQL. The thresholds are lowered so a few records are "many".
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from streamlit.testing.v1 import AppTest

import background
from assessments import jobs
from benchmarks.synthetic import synthetic_frame
from tests.ui.saved import page_store, saved  # noqa: F401 (fixtures)
from views import state

ROOT = Path(__file__).resolve().parents[2]
ME = "local user"  # no sign-in configured: the page's person


def run_page(name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "views" / name), default_timeout=120).run()
    assert not at.exception
    return at


def raw(store):
    return getattr(store, "store", store)  # the jobs tables sit beside the scope


def work(store, job_id: int) -> jobs.JobStatus:
    """Run every task of the job as a worker would; return its state after."""
    s = raw(store)
    job = jobs.status(s, job_id)
    background.run_task(s.url, job_id, job.params["items"])
    return jobs.status(s, job_id)


def progress_texts(at: AppTest) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def download_labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_item_04_dashboard_builds_a_large_summary_as_a_job(saved, monkeypatch):  # noqa: F811
    store, _ids = saved
    monkeypatch.setattr(background, "SUMMARY_ROWS", 2)
    at = run_page("dashboard.py")
    assert "Summary PDF of these 5 assessments" not in download_labels(at)
    at.button(key=state.DASH_JOB_START).click().run()
    assert not at.exception
    (job,) = jobs.jobs_of(raw(store), ME)
    assert (job.kind, job.total, job.params["title"]) == (
        "summary_pdf",
        1,
        "Ergonomics summary: all sites",
    )
    assert progress_texts(at)[0].startswith(f"Job {job.id}: 0 of 1 done")
    assert work(store, job.id).status == "done"
    at.run()
    assert f"Job {job.id}: 1 of 1 done · done" in progress_texts(at)
    assert "Download (ergo-summary.pdf)" in download_labels(at)
    assert background.result(raw(store), job.id)[1].startswith(b"%PDF")


def test_item_04_dashboard_small_selection_downloads_directly(saved):  # noqa: F811
    at = run_page("dashboard.py")
    assert "Summary PDF of these 5 assessments" in download_labels(at)
    assert not [b for b in at.button if b.key == state.DASH_JOB_START]


def test_item_04_assessments_page_batches_the_filtered_pdfs(saved):  # noqa: F811
    store, _ids = saved
    at = run_page("assessments_page.py")
    at.multiselect(key="assessments.filter.sites").set_value(["Leeds"]).run()
    at.button(key=state.LIST_JOB_START).click().run()
    assert not at.exception
    (job,) = jobs.jobs_of(raw(store), ME)
    assert job.kind == "pdf_batch" and job.total == 4  # the Leeds records only
    assert work(store, job.id).status == "done"
    at.run()
    label = f"Download (ergo-job-{job.id}-reports.zip)"
    assert label in download_labels(at)
    with zipfile.ZipFile(io.BytesIO(background.result(raw(store), job.id)[1])) as zf:
        assert len(zf.namelist()) == 4


def test_item_04_import_of_a_large_file_runs_as_a_job_saving_each_row_once(
    page_store,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(background, "IMPORT_ROWS", 5)
    data = synthetic_frame(12, seed=8).to_csv(index=False).encode()
    at = run_page("import_page.py")
    at.file_uploader(key=state.IMPORT_UPLOAD).set_value(("desks.csv", data, "text/csv")).run()
    (save,) = [b for b in at.button if b.key == state.IMPORT_SAVE]
    assert save.label == "Score and save 12 assessments (in the background)"
    save.click().run()
    assert not at.exception
    (job,) = jobs.jobs_of(raw(page_store), ME)
    assert job.kind == "import" and job.params["file_name"] == "desks.csv"
    assert work(page_store, job.id).status == "done"
    at.run()
    assert "Download (desks-import-report.csv)" in download_labels(at)
    assert page_store.count() == 12
