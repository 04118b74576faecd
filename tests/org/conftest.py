"""Organisation mode for real: an OpenID Connect provider and Ergo servers that sign in with it.

- ``oidc_url``: ``oidc-provider-mock`` (a small OpenID Connect server for tests) started on
  127.0.0.1. Its authorize page asks for a "sub"; the person signs in as that string, and
  the provider sends it as the ``email`` claim too.
- ``org_db``: a fresh PostgreSQL schema shared by every Ergo server of a test.
- ``start_ergo``: starts ``streamlit run app.py`` with ``--secrets.files`` pointing at a
  secrets.toml whose ``[auth]`` names that provider (Streamlit's real ``st.login``).
- ``sign_in``: drives the sign-in in Chromium as a person types it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import postgres_schema_url
from tests.e2e.conftest import (
    ROOT,
    _free_port,
    stop,
    streamlit_command,
    wait_until_healthy,
    warm_up,
)
from tests.e2e.runs import idle
from tests.e2e.runs import new_page as runs_page


@pytest.fixture(scope="module")
def oidc_url(tmp_path_factory):
    """Start oidc-provider-mock on 127.0.0.1; yield its issuer URL."""
    port = _free_port()
    log = tmp_path_factory.mktemp("oidc") / "oidc.log"  # a file: an unread pipe fills up
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "oidc_provider_mock",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    wait_until_healthy(url + "/.well-known/openid-configuration", proc, log, "oidc-provider-mock")
    yield url
    stop(proc)


@pytest.fixture(scope="module")
def org_db(_postgres_admin):
    """Yield the URL of a fresh PostgreSQL schema for this module's Ergo servers."""
    schema = f"org_{uuid.uuid4().hex[:12]}"
    with _postgres_admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    yield postgres_schema_url(_postgres_admin.url.render_as_string(hide_password=False), schema)
    with _postgres_admin.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


def secrets_toml(oidc: str, port: int) -> str:
    """Return a secrets.toml for organisation mode against the test provider."""
    return f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "test-only-cookie-secret-{uuid.uuid4().hex}"
client_id = "ergo-test"
client_secret = "test-only"
server_metadata_url = "{oidc}/.well-known/openid-configuration"
client_kwargs = {{ scope = "openid profile email" }}
"""


@pytest.fixture(scope="module")
def start_ergo(browser, oidc_url, org_db, tmp_path_factory):
    """Return start(): a new Ergo server in organisation mode on org_db, warmed up; its URL."""
    procs: list[subprocess.Popen] = []

    def start() -> str:
        port = _free_port()
        folder = tmp_path_factory.mktemp("ergo-secrets")
        secrets = Path(folder) / "secrets.toml"
        secrets.write_text(secrets_toml(oidc_url, port), encoding="utf-8")
        env = {**os.environ, "DATABASE_URL": org_db, "ERGO_DATA_DIR": str(folder)}
        log = Path(folder) / "streamlit.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                streamlit_command(port, "--secrets.files", str(secrets)),
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url + "/_stcore/health", proc, log, "streamlit")
        warm_up(browser, url)
        return url

    yield start
    for p in procs:
        stop(p)


@pytest.fixture
def new_page(browser):
    """Return open(): a fresh browser context and page (a new person, no cookies)."""
    contexts = []

    def open_page():
        p = runs_page(browser, accept_downloads=True)
        contexts.append(p.context)
        return p

    yield open_page
    for c in contexts:
        c.close()


def sign_in(page, app_url: str, email: str) -> float:
    """Sign ``email`` in through the provider's authorize page; return the seconds it took.

    Timed from pressing Sign in to the app showing the signed-in sidebar line. Returns
    once the first page's script run has finished, so the journey starts on a still page.
    """
    from playwright.sync_api import expect

    page.goto(app_url)
    idle(page)
    page.get_by_role("button", name="Sign in").click()
    t0 = time.perf_counter()
    page.get_by_placeholder("sub").fill(email)
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_text(f"Signed in as {email}")).to_be_visible()
    seconds = time.perf_counter() - t0
    idle(page)
    return seconds
