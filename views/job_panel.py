"""Start a background job from a page, and show its progress and its file on that page.

The job runs in background.py's runner (the local process pool on SQLite,
``python -m cli worker`` processes on PostgreSQL), so closing the tab does not
stop it: the page keeps only the job's id in the session, reads its state from
the database, and the Background jobs page lists it for as long as it exists.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import background
from assessments.store import Filters
from views import components, services

HERE = Path(__file__).parent
ss = st.session_state
LOCAL_USER = "local user"
POLL_S = 2.0  # how often a running job's progress is read again
STATUS_WORDS = {
    "queued": "waiting for a worker",
    "running": "running",
    "done": "done",
    "failed": "failed",
}


def current_person() -> str:
    """Return who is using the app: the signed-in e-mail, else the local user."""
    # Without a sign-in, Streamlit still fills st.user with a placeholder e-mail
    # (test@example.com); only a real sign-in says is_logged_in.
    if st.user.get("is_logged_in") and st.user.get("email"):
        return str(st.user.get("email"))
    return LOCAL_USER


def start_job(kind: str, params: dict, data: bytes | None = None) -> int:
    """Return the id of a job submitted for the current person (pages call this)."""
    # Jobs live in the unscoped store; a job's own filters were scoped by the page asking.
    return background.submit(services.raw_store(), kind, params, current_person(), data)


def scoped_filters(selection: Filters) -> dict:
    """Return the page's selection narrowed to what the person may read, as job params."""
    return background.filters_to_params(services.store().scope(selection))


def job_status_text(job) -> str:
    """Return the progress line a page shows for a job ("3 of 10 done · running")."""
    return f"{job.done:,} of {job.total:,} done · {STATUS_WORDS.get(job.status, job.status)}"


def show(key: str) -> None:
    """Show the job a page started under session key ``key``: progress, then its download."""
    job_id = ss.get(key)
    if job_id is None:
        return
    store = services.raw_store()
    try:
        job = background.status(store, job_id)
    except KeyError:  # a job deleted since, or another database
        ss.pop(key, None)
        return
    if job.status in ("queued", "running"):
        _running(key)
    else:
        _finished(store, job, key)


@st.fragment(run_every=POLL_S)
def _running(key: str) -> None:
    job = background.status(services.raw_store(), ss[key])
    st.progress(job.fraction, text=f"Job {job.id}: {job_status_text(job)}")
    if job.status not in ("queued", "running"):
        st.rerun()  # draw the finished state (with its download) on the whole page
    st.caption(
        "You can close this tab: the job goes on, and the Background jobs page offers its "
        "file when it is done."
    )
    components.page_link(HERE / "jobs.py", "Background jobs")


def _finished(store, job, key: str) -> None:
    st.progress(job.fraction, text=f"Job {job.id}: {job_status_text(job)}")
    if job.error:
        (st.error if job.status == "failed" else st.caption)(job.error)
    out = background.result(store, job.id)
    if out is not None:
        name, data = out
        label = "Download problems" if job.status == "failed" else "Download"
        st.download_button(
            f"{label} ({name})", data, file_name=name, key=f"{key}.download", type="primary"
        )
