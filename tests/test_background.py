"""Background jobs (issue 14, point 4): the local pool on SQLite, procrastinate workers on PostgreSQL.

The PostgreSQL tests start real ``python -m cli worker`` processes, as a site
would on its machines, and kill one with SIGKILL half way.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import background
import cli
from assessments import jobs
from assessments.store import Filters, Store
from benchmarks.synthetic import synthetic_frame

ROOT = Path(__file__).resolve().parents[1]
WAIT_S = 1800  # a generous ceiling for a shared 2-core machine; not a speed check


def wait_until(predicate, what: str, timeout: float = WAIT_S):
    """Return the first truthy value of ``predicate()``; fail after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = predicate()
        if got:
            return got
        time.sleep(0.5)
    pytest.fail(f"{what} did not happen within {timeout} s")


def saved_store(url: str, n: int, seed: int = 3) -> Store:
    s = Store(url)
    assert s.import_frame(synthetic_frame(n, seed=seed)).saved == n
    return s


def expected_names(s: Store, filters: Filters | None = None) -> list[str]:
    used: set[str] = set()
    ids = s.search(filters or Filters(), limit=None)["assessment_id"]
    return sorted(cli.pdf_file_name(a, row, used) for row, a in enumerate(ids, 1))


def zip_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert all(zf.read(n).startswith(b"%PDF") for n in names)
    return sorted(names)


def finished(s: Store, job_id: int):
    st = background.status(s, job_id)
    assert st.status != "failed", st.error
    return st if st.status == "done" else None


# ------------------------------------------------------------------ SQLite: the pool


def test_item_04_pdf_batch_on_sqlite_runs_in_the_local_pool(tmp_path):
    s = saved_store(f"sqlite:///{tmp_path / 'ergo.db'}", 12)
    site = s.sites()[0]
    only = Filters(sites=(site,))
    job_id = background.submit(
        s, "pdf_batch", {"filters": background.filters_to_params(only)}, "officer@example.com"
    )
    st = wait_until(lambda: finished(s, job_id), "the PDF batch")
    assert st.done == st.total == s.count(only) == jobs.item_count(s, job_id)
    name, data = background.result(s, job_id)
    assert name == f"ergo-job-{job_id}-reports.zip"
    assert zip_names(data) == expected_names(s, only)
    assert [j.id for j in jobs.jobs_of(s, "officer@example.com")] == [job_id]
    assert jobs.jobs_of(s, "someone.else@example.com") == []
    s.close()


def test_item_04_a_retried_task_skips_items_already_recorded(tmp_path):
    url = f"sqlite:///{tmp_path / 'ergo.db'}"
    s = saved_store(url, 3)
    items = background._items(s, "pdf_batch", {"filters": {}})
    job_id = jobs.create(s, "pdf_batch", {"filters": {}, "generated": "2026-12-01"}, "me", 3)
    assert background.run_task(url, job_id, items[:2]) == 2
    assert background.run_task(url, job_id, items) == 1  # only the missing one is built
    assert background.run_task(url, job_id, items) == 0
    st = background.status(s, job_id)
    assert (st.status, st.done, jobs.item_count(s, job_id)) == ("done", 3, 3)
    s.close()


def test_item_04_summary_and_import_jobs_on_sqlite(tmp_path):
    s = saved_store(f"sqlite:///{tmp_path / 'ergo.db'}", 5)
    job_id = background.submit(s, "summary_pdf", {"title": "All sites"}, "me")
    wait_until(lambda: finished(s, job_id), "the summary")
    name, data = background.result(s, job_id)
    assert name == "ergo-summary.pdf" and data.startswith(b"%PDF")

    upload = synthetic_frame(30, seed=11, start=100).to_csv(index=False).encode()
    job_id = background.submit(s, "import", {"file_name": "desks.csv"}, "me", upload)
    wait_until(lambda: finished(s, job_id), "the import")
    assert s.count() == 35
    assert background.result(s, job_id)[1].startswith(b"saved 30 assessment(s) from desks.csv")


def test_item_04_an_import_with_a_bad_row_fails_saving_nothing(tmp_path):
    s = saved_store(f"sqlite:///{tmp_path / 'ergo.db'}", 2)
    bad = synthetic_frame(4, seed=12)
    bad.loc[2, "workstation.stature_cm"] = -5.0
    bad.loc[2, "workstation.posture_mode"] = "seated"
    job_id = background.submit(
        s, "import", {"file_name": "bad.csv"}, "me", bad.to_csv(index=False).encode()
    )
    st = wait_until(
        lambda: (j := background.status(s, job_id)).status == "failed" and j.done == 1 and j,
        "the refused import",
    )
    assert "nothing was saved" in st.error
    name, data = background.result(s, job_id)
    problems = pd.read_csv(io.BytesIO(data))
    assert name == "bad-problems.csv"
    # the spreadsheet's row number (header = row 1): the second data row is row 3 + 1
    assert list(problems["row"]) == [4] and "stature_cm" in problems["field"][0]
    assert s.count() == 2


def test_item_04_unknown_kind_names_the_valid_ones(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'ergo.db'}")
    with pytest.raises(ValueError, match="kind == 'zip', must be one of: pdf_batch, summary_pdf"):
        background.submit(s, "zip", {}, "me")


# ------------------------------------------------------ PostgreSQL: procrastinate


def start_worker(url: str, name: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "worker", "--url", url, "--name", name],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop(p: subprocess.Popen) -> None:
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(60)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_item_04_two_workers_200_pdfs_each_once_and_a_killed_worker_loses_nothing(store_url):
    s = saved_store(store_url, 200, seed=5)
    background.ensure_queue_schema(s.url)
    a, b = start_worker(s.url, "a"), start_worker(s.url, "b")
    try:
        job_id = background.submit(s, "pdf_batch", {"filters": {}}, "officer@example.com")
        # Half way, worker a dies without a word (no shutdown, no cleanup).
        wait_until(lambda: background.status(s, job_id).done >= 60, "60 PDFs")
        assert a.poll() is None, a.stderr.read().decode()
        a.send_signal(signal.SIGKILL)
        a.wait()
        st = wait_until(lambda: finished(s, job_id), "the rest of the batch on worker b")
        assert b.poll() is None
        assert st.done == st.total == 200 == jobs.item_count(s, job_id)
        assert zip_names(background.result(s, job_id)[1]) == expected_names(s)
        with s.engine.connect() as conn:
            tasks = dict(
                conn.exec_driver_sql(
                    "SELECT status, count(*) FROM procrastinate_jobs GROUP BY status"
                ).all()
            )
        assert tasks == {"succeeded": 20}  # every task of 10 PDFs finished, none lost
    finally:
        stop(a)
        stop(b)
        s.close()


def test_item_04_worker_refuses_sqlite(tmp_path, capsys):
    assert cli.main(["worker", "--url", f"sqlite:///{tmp_path / 'x.db'}"]) == 1
    assert "worker needs a PostgreSQL database" in capsys.readouterr().err


def test_item_04_a_local_job_left_by_an_app_restart_is_taken_up_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'ergo.db'}"
    s = saved_store(url, 4)
    items = background._items(s, "pdf_batch", {"filters": {}})
    params = {"filters": {}, "generated": "2026-12-01", "items": items}
    # As the app left it: queued, one PDF done, no pool of this process working on it.
    job_id = jobs.create(s, "pdf_batch", params, "me", 4)
    assert background.run_task(url, job_id, items[:1]) == 1
    assert background.resume_local(s) == [job_id]
    assert background.resume_local(s) == []  # taken once, not again on the next page run
    st = wait_until(lambda: finished(s, job_id), "the resumed batch")
    assert st.done == jobs.item_count(s, job_id) == 4
    s.close()
