"""Database fixtures shared by the store, CLI and page tests.

``store`` (and ``store_url``) run each test against a fresh SQLite file *and* a
fresh PostgreSQL schema. The PostgreSQL server is ``$TEST_DATABASE_URL`` (CI sets
it, see .ci/run), locally ``postgresql://ergo:ergo@127.0.0.1:5432/ergo_test``.
Under CI (``CI=true``) a missing or unreachable server fails the tests; locally an
unreachable one skips the PostgreSQL half with the reason.

Every test runs with ``$ERGO_DATA_DIR`` in a temporary folder and without
``$DATABASE_URL``, so nothing touches the developer's own database.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from assessments.store import Store, database_url

LOCAL_TEST_DATABASE_URL = "postgresql://ergo:ergo@127.0.0.1:5432/ergo_test"
BACKENDS = ("sqlite", "postgresql")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def postgres_base_url() -> str:
    """Return the PostgreSQL server the tests use (fails under CI when it is not set)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return database_url(url)
    if _in_ci():
        pytest.fail("TEST_DATABASE_URL is not set: CI must run the store tests on PostgreSQL.")
    return database_url(LOCAL_TEST_DATABASE_URL)


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory):
    old = {k: os.environ.get(k) for k in ("ERGO_DATA_DIR", "DATABASE_URL")}
    os.environ["ERGO_DATA_DIR"] = str(tmp_path_factory.mktemp("ergo-data"))
    os.environ.pop("DATABASE_URL", None)
    yield
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def _postgres_admin():
    url = postgres_base_url()
    engine = sa.create_engine(url, future=True)
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as exc:
        engine.dispose()
        msg = f"PostgreSQL at {sa.engine.make_url(url).render_as_string()} is unreachable: {exc}"
        if _in_ci():
            pytest.fail(msg)
        pytest.skip(msg)
    yield engine
    engine.dispose()


def postgres_schema_url(base: str, schema: str) -> str:
    """Return ``base`` with every connection's search_path set to ``schema``."""
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """Yield the URL of an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ergo.db'}"
        return
    admin = request.getfixturevalue("_postgres_admin")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield postgres_schema_url(admin.url.render_as_string(hide_password=False), schema)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def store(store_url):
    """Yield a migrated, empty :class:`Store` on each backend."""
    s = Store(store_url)
    yield s
    s.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium under Playwright, one for the whole run.

    One sync Playwright per process: a second one started while the first runs fails
    ("Sync API inside the asyncio loop"), so the e2e and sign-in journeys share it.
    """
    from playwright.sync_api import expect, sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    # Two cores shared by CI: a page's first render can take longer than expect's 5 s.
    expect.set_options(timeout=30_000)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
