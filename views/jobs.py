"""Background jobs: the signed-in person's PDF batches, summaries and imports, with progress.

The jobs run in background.py's runner (a process pool beside the app on SQLite,
``python -m cli worker`` processes on PostgreSQL), so closing the tab does not
stop them; this page only reads their state and offers the result when done.
Other pages start a job with :func:`views.job_panel.start_job` and link here.
"""

from __future__ import annotations

import streamlit as st

import background
from views import services
from views.job_panel import STATUS_WORDS, current_person

KIND_WORDS = {
    "pdf_batch": "PDF reports",
    "summary_pdf": "Summary PDF",
    "import": "Import",
}


def _when(job) -> str:
    return job.created_at.strftime("%Y-%m-%d %H:%M UTC")


def _show(store, job) -> None:
    title = KIND_WORDS.get(job.kind, job.kind)
    with st.container(border=True):
        st.markdown(f"**{title}** · job {job.id} · started {_when(job)}")
        st.progress(
            job.fraction,
            text=f"{job.done} of {job.total} done · {STATUS_WORDS.get(job.status, job.status)}",
        )
        if job.error:
            (st.error if job.status == "failed" else st.caption)(job.error)
        out = background.result(store, job.id) if job.status in ("done", "failed") else None
        if out is not None:
            name, data = out
            label = "Download problems" if job.status == "failed" else "Download"
            st.download_button(
                f"{label} ({name})", data, file_name=name, key=f"jobs.download.{job.id}"
            )


# ----------------------------------------------------------------------- page

st.title("Background jobs")
st.caption(
    "Batches of PDFs, summaries and large imports run here, away from the page: you can close "
    "the tab and come back. Each job shows its progress and, when done, its file."
)
store = services.raw_store()  # jobs are listed by their owner below
person = current_person()
background.resume_local(store)  # jobs left unfinished by an app restart go on
st.button("Refresh", key="jobs.refresh", icon=":material/refresh:")
mine = background.jobs.jobs_of(store, person)
if not mine:
    st.info(
        "You have no background jobs yet. Pages that build many PDFs or import large files start them."
    )
for job in mine:
    _show(store, job)
