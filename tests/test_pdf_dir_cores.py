"""Issue 14 point 4: `python -m cli score --pdf-dir` builds on every core it may use."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os

import background
import cli
from assessments import io as aio
from tests.reports.conftest import EXAMPLES


def test_item_04_pdf_dir_pool_has_one_worker_per_usable_core(monkeypatch):
    sizes = []
    real = concurrent.futures.ProcessPoolExecutor

    def recording(*args, max_workers=None, **kw):
        sizes.append(max_workers)
        return real(*args, max_workers=max_workers, **kw)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", recording)
    monkeypatch.setattr(background, "usable_cores", lambda: 2)
    items, problems = aio.load_json((EXAMPLES / "office-desk.json").read_bytes())
    assert not problems
    pdfs = list(cli._pdf_reports(items * 3, dt.date(2026, 11, 5), None))
    assert sizes == [2]
    assert len(pdfs) == 3 and all(p.startswith(b"%PDF") for p in pdfs)


def test_item_04_usable_cores_follows_the_process_affinity():
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert background.usable_cores() == expected >= 1
