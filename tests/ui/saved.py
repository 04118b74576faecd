"""The Store the pages open (views.services.store), fresh for each test, with examples.

``page_store`` points DATABASE_URL at the ``store_url`` fixture of tests/conftest.py,
so every page test runs on a new SQLite file and on a new PostgreSQL schema.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments import io
from assessments import model as m

ROOT = Path(__file__).resolve().parents[2]


def example(name: str) -> m.Assessment:
    items, problems = io.load_json((ROOT / "examples" / f"{name}.json").read_text("utf-8"))
    assert not problems
    return items[0]


@pytest.fixture
def page_store(store_url, tmp_path, monkeypatch):
    """Yield the Store the pages will open (views.services.store()), empty."""
    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.setenv("ERGO_DATA_DIR", str(tmp_path))
    from views import services

    s = services.store()
    yield s
    s.close()  # the page's cached Store holds a pool; free it before the schema goes
    services._store.clear()


@pytest.fixture
def saved(page_store):
    """The page's Store holding the three examples and two lifting jobs of worker JOB-1.

    Returns (store, {name: record_id}).
    """
    from tests.reports.test_compare import lifting_job

    ids = {}
    for name in ("office-desk", "warehouse-lifting", "maintenance-vibration"):
        ids[name] = page_store.save(example(name)).record_id
    ids["job-before"] = page_store.save(lifting_job(50, "2026-01-15")).record_id
    ids["job-after"] = page_store.save(lifting_job(30.5, "2026-06-20")).record_id
    return page_store, ids
