"""Issue 14 point 4: an import job retried after a crash never saves its rows twice.

The rows and the job's item are written in one transaction: a worker that dies
between them leaves neither, and a second run of the same task (a retry while
the first worker was only slow) rolls its rows back. On SQLite and PostgreSQL,
running the task directly (the runner's own function), without a queue.
"""

from __future__ import annotations

import pytest

import background
from assessments import jobs
from assessments.store import Store
from benchmarks.synthetic import synthetic_frame

ROWS = 40


class Crash(Exception):
    """Stands in for a worker killed at the worst moment."""


def _import_job(store: Store, name: str = "desks.csv", dates: str = "iso") -> tuple[int, list]:
    upload = synthetic_frame(ROWS, seed=21, start=500).to_csv(index=False).encode()
    params = {"file_name": name, "dates": dates, "generated": "2026-12-01"}
    items = background._items(store, "import", params)
    return jobs.create(store, "import", params, "officer@example.com", 1, upload), items


def test_item_04_import_killed_before_its_bookkeeping_saves_nothing_then_once(store, monkeypatch):
    job_id, items = _import_job(store)

    def crash(*_args, **_kw):
        raise Crash("killed between saving the rows and recording the item")

    with monkeypatch.context() as mp:
        mp.setattr(jobs, "record_item_in", crash)
        with pytest.raises(Crash):
            background.run_task(store.url, job_id, items)
    assert store.count() == 0  # the rows went back with the missing item
    assert background.status(store, job_id).done == 0

    assert background.run_task(store.url, job_id, items) == 1  # the retry
    assert background.run_task(store.url, job_id, items) == 0  # and again: skipped
    st = background.status(store, job_id)
    assert (st.status, st.done, jobs.item_count(store, job_id)) == ("done", 1, 1)
    assert store.count() == ROWS
    assert background.result(store, job_id)[1].startswith(b"saved 40 assessment(s) from desks.csv")


def test_item_04_a_second_run_of_the_same_import_rolls_its_rows_back(store):
    job_id, items = _import_job(store)
    assert background.run_task(store.url, job_id, items) == 1
    # A second worker that passed the "already done?" check before the first committed.
    job = jobs.status(store, job_id)
    ((key, name),) = items
    assert background._import_item(store, job, key, name) is False
    assert store.count() == ROWS
    assert jobs.item_count(store, job_id) == 1


def test_item_04_import_job_reads_day_first_dates_with_the_pages_setting(store):
    df = synthetic_frame(3, seed=5)
    df["date"] = ["31/01/2026", "01/02/2026", "28/02/2026"]
    upload = df.to_csv(index=False).encode()
    params = {"file_name": "uk.csv", "dates": "dmy", "generated": "2026-12-01"}
    items = background._items(store, "import", params)
    job_id = jobs.create(store, "import", params, "me", 1, upload)
    assert background.run_task(store.url, job_id, items) == 1
    dates = sorted(str(d) for d in store.search(limit=None)["date"])
    assert dates == ["2026-01-31", "2026-02-01", "2026-02-28"]
