"""A real `streamlit run app.py` on 127.0.0.1 and Debian's Chromium driven by Playwright.

`playwright install` cannot download browsers here, so the tests launch the
system Chromium (`/usr/bin/chromium`, installed by .ci/run) with the flags this
machine's closed network needs.

The server's output goes to a log file (an unread pipe fills up and then blocks the
server), it watches no files (the sources do not change during a run, and watching
them costs CPU the journeys need), and it is warmed up once: its first script run
imports pandas, plotly and reportlab, which on two busy cores takes longer than a
test's 30 s wait.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.runs import RUN_TIMEOUT_MS, idle, new_page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ERGO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_command(port: int, *extra: str) -> list[str]:
    """Return the command line of a test server on 127.0.0.1:port."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *extra,
    ]


def wait_until_healthy(url: str, proc: subprocess.Popen, log: Path, what: str) -> None:
    """Return once ``url`` answers 200; raise with the end of the log when it never does."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"{what} did not start: {log.read_text(errors='replace')[-3000:]}")


def warm_up(browser, url: str) -> None:
    """Open the app once and wait for its first script run (the imports) to finish."""
    page = new_page(browser)
    try:
        page.goto(url)
        idle(page, timeout=3 * RUN_TIMEOUT_MS)
    finally:
        page.context.close()


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


APP_DATA: dict[str, Path] = {}  # server URL -> its ERGO_DATA_DIR (the SQLite file is ergo.db)


@contextlib.contextmanager
def serve(browser, data: Path):
    """Run the app in local mode on the data folder ``data``, warmed up; yield its URL.

    Its output goes to streamlit-PORT.log beside the folder (read it when a journey
    fails on the server's side); the server is stopped when the block ends.
    """
    port = _free_port()
    log = data.parent / f"streamlit-{port}.log"
    env = {**os.environ, "ERGO_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)  # local mode: the folder's SQLite file
    with log.open("wb") as out:
        proc = subprocess.Popen(
            streamlit_command(port), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url + "/_stcore/health", proc, log, "streamlit")
        warm_up(browser, url)
        APP_DATA[url] = data
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def app_url(browser, tmp_path_factory):
    """Start the app once for the session, warmed up; yield its URL; stop it afterwards."""
    with serve(browser, tmp_path_factory.mktemp("ergo-data")) as url:
        yield url


@pytest.fixture
def page(browser, app_url):
    """A fresh browser page at 1280 px, opened on the app once its first run has finished."""
    p = new_page(browser, accept_downloads=True)
    p.goto(app_url)
    idle(p)
    yield p
    p.context.close()


@pytest.fixture(params=(1280, 390), ids=lambda w: f"{w}px")
def form_page(browser, app_url, request):
    """A fresh session on New assessment at 1280 and at 390 px (a module may define its own)."""
    p = new_page(browser, request.param)
    p.goto(app_url)
    p.get_by_role("button", name="Check and score").wait_for()
    yield p
    p.context.close()
