"""Long work off the page: PDF batches, summary PDFs and large imports as background jobs.

One API, two runners:

- SQLite (local mode): a process pool inside the app's process, one worker per
  core, so a job goes on when the browser tab is closed;
- PostgreSQL: procrastinate, a task queue kept in the same database; workers are
  started by ``python -m cli worker`` on any machine that reaches the database,
  which is how a site that outgrows one machine adds capacity.

A job is split into tasks of ``TASK_ITEMS`` items. A task skips the items already
recorded (:mod:`assessments.jobs`), so a retried task, or one whose worker was
killed, redoes only what is missing. Procrastinate retries a failed task up to
``MAX_ATTEMPTS`` times; a worker that stops sending heartbeats for ``STALLED_S``
seconds has its tasks handed back to the queue by the other workers.

Each kind uses the functions the app and the CLI use (``assessment_pdf``,
``summary_pdf``, ``Store.import_frame``); nothing is scored or drawn differently.
This module sits beside ``cli.py`` because it draws PDFs, which the
``assessments`` package may not import.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import functools
import io
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from assessments import jobs
from assessments.store import Filters, Store

TASK_ITEMS = 10  # items per task: small enough that a killed worker loses little
MAX_ATTEMPTS = 5  # tries of one task before its job is marked failed
QUEUE = "ergo"
TASK_NAME = "ergo.job_items"
HEARTBEAT_S = 2.0  # a worker's heartbeat interval
STALLED_S = 10.0  # no heartbeat for this long: the worker is gone, its tasks are retried
IMPORT_ROWS = 20_000  # an import of more rows than this is worth a background job
SUMMARY_ROWS = 20_000  # a summary PDF over more records than this runs as a job from the page


class Refused(Exception):
    """The input itself is wrong (an import with invalid rows): no retry will help."""

    def __init__(self, message: str, name: str, data: bytes):
        super().__init__(message)
        self.name, self.data = name, data


# ------------------------------------------------------------------ filters as JSON


def filters_to_params(f: Filters) -> dict[str, Any]:
    """Return a Filters as a JSON-ready dict (dates as ISO text, unset fields left out)."""
    out: dict[str, Any] = {}
    for name in Filters.__dataclass_fields__:
        v = getattr(f, name)
        if v is None:
            continue
        out[name] = (
            v.isoformat() if isinstance(v, dt.date) else list(v) if isinstance(v, tuple) else v
        )
    return out


def filters_from_params(d: dict[str, Any]) -> Filters:
    """Return the Filters a dict from :func:`filters_to_params` describes."""
    kw = dict(d)
    for name in ("date_from", "date_to"):
        if kw.get(name):
            kw[name] = dt.date.fromisoformat(kw[name])
    return Filters(**kw)


# ----------------------------------------------------------------------- the API


def submit(
    store: Store, kind: str, params: dict[str, Any], by: str, data: bytes | None = None
) -> int:
    """Return the id of a new job, queued on this store's runner.

    Parameters
    ----------
    kind
        "pdf_batch" (params: ``filters``, optional ``generated`` ISO date),
        "summary_pdf" (``filters``, optional ``title`` and ``generated``) or
        "import" (``file_name``, optional ``dates``: "iso", "dmy" or "mdy",
        and ``saved_by``, kept on the rows; the file's bytes in ``data``).
    by
        Who submitted it (the signed-in person, or the local user).
    """
    jobs.check_kind(kind)
    params = {"generated": dt.date.today().isoformat(), **params}
    items = _items(store, kind, params)
    if not items:
        raise ValueError("No saved assessment matches these filters: there is nothing to do.")
    # The items go with the job, so a local job can be taken up again after a restart.
    job_id = jobs.create(store, kind, {**params, "items": items}, by, len(items), data)
    tasks = [items[i : i + TASK_ITEMS] for i in range(0, len(items), TASK_ITEMS)]
    if store.engine.dialect.name == "postgresql":
        _defer(store.url, job_id, tasks)
    else:
        _to_pool(store.url, job_id, tasks)
    return job_id


def resume_local(store: Store) -> list[int]:
    """Return the ids of unfinished SQLite jobs this process had not started, now restarted.

    The local pool lives in the app's process; when the app is restarted its
    queued and running jobs would wait for ever. The Background jobs page calls
    this; the items already recorded are skipped as in any retry.
    """
    if store.engine.dialect.name == "postgresql":
        return []  # the queue keeps its own tasks
    taken = []
    for job in jobs.unfinished(store):
        if (store.url, job.id) in _DISPATCHED:
            continue
        items = job.params.get("items") or []
        _to_pool(
            store.url, job.id, [items[i : i + TASK_ITEMS] for i in range(0, len(items), TASK_ITEMS)]
        )
        taken.append(job.id)
    return taken


def status(store: Store, job_id: int) -> jobs.JobStatus:
    """Return a job's state and progress."""
    return jobs.status(store, job_id)


def result(store: Store, job_id: int) -> tuple[str, bytes] | None:
    """Return (file name, bytes) of a finished job's output, None before it has one."""
    return jobs.result(store, job_id)


def _items(store: Store, kind: str, params: dict) -> list[list[str]]:
    """Return the job's items as [key, output file name] pairs."""
    if kind == "import":
        stem = os.path.splitext(params.get("file_name") or "import")[0]
        return [["import", f"{stem}-import-report.csv"]]
    filters = filters_from_params(params.get("filters", {}))
    if kind == "summary_pdf":
        return [["summary", "ergo-summary.pdf"]] if store.count(filters) else []
    from cli import pdf_file_name  # the CLI's naming, so a batch and --pdf-dir agree

    found = store.search(filters, limit=None)
    used: set[str] = set()
    return [
        [rid, pdf_file_name(aid, row, used)]
        for row, (rid, aid) in enumerate(
            zip(found["record_id"], found["assessment_id"], strict=True), 1
        )
    ]


# ------------------------------------------------------------------ doing one item


@functools.cache
def _worker_store(url: str) -> Store:
    # One Store (one connection pool) per worker process, reused by its tasks.
    return Store(url, migrate=False)


def _pdf_item(store: Store, job: jobs.JobStatus, key: str) -> bytes:
    from assessments.evaluate import score_assessment
    from reports.pdf import assessment_pdf

    a = store.get(key).assessment
    generated = dt.date.fromisoformat(job.params["generated"])
    return assessment_pdf(a, score_assessment(a), generated=generated)


def _summary_item(store: Store, job: jobs.JobStatus, key: str) -> bytes:
    from assessments import access
    from assessments.actions import Actions
    from reports.summary import summary_pdf

    filters = filters_from_params(job.params.get("filters", {}))
    generated = dt.date.fromisoformat(job.params["generated"])
    # The filters were narrowed to the asker's scope by the page that submitted the job.
    everything = access.ScopedStore(store, access.local_principal())
    return summary_pdf(
        store.summary_figures(filters),
        title=job.params.get("title") or "Ergonomics summary report",
        filters=filters.describe(),
        generated=generated,
        actions=Actions(everything).figures(filters, today=generated),
    )


class _AlreadyRecorded(Exception):
    """Another run of the same task recorded the import first: roll this one back."""


def _import_item(store: Store, job: jobs.JobStatus, key: str, name: str) -> bool:
    """Import the job's file and record its item in ONE transaction; return True if recorded.

    A worker killed after the rows were saved but before the item was recorded
    would otherwise import the file again on retry; here the rows and the item
    commit together, and a run that finds the item already recorded (a second
    worker on the same task) rolls its rows back.
    """
    from assessments.tables import Table

    file_name = job.params.get("file_name") or "import.csv"
    from assessments.names import MappedTable

    table = Table(
        jobs.input_data(store, job.id) or b"", file_name, dates=job.params.get("dates", "iso")
    )
    mapping = {(kind, value): to for kind, value, to in job.params.get("mapping", [])}
    if mapping:
        table = MappedTable(table, mapping)

    def record(conn, rows: int) -> None:
        text = f"saved {rows} assessment(s) from {file_name}\n".encode() + _problems_csv([])
        if not jobs.record_item_in(conn, job.id, key, name, text):
            raise _AlreadyRecorded(key)

    try:
        saved_by = job.params.get("saved_by", job.created_by)
        report = store.import_table(table, saved_by=saved_by, within=record)
    except _AlreadyRecorded:
        return False
    if report.problems:
        msg = f"{len(report.problems)} problem(s) in {file_name}: nothing was saved."
        raise Refused(
            msg, f"{os.path.splitext(file_name)[0]}-problems.csv", _problems_csv(report.problems)
        )
    return True


def _problems_csv(problems) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["row", "field", "problem"])
    for p in problems:
        w.writerow([p.row, p.field, p.message])
    return out.getvalue().encode("utf-8")


_WORK = {"pdf_batch": _pdf_item, "summary_pdf": _summary_item}


def run_task(url: str, job_id: int, items: list[list[str]]) -> int:
    """Do the task's items not yet recorded; return how many this call recorded."""
    store = _worker_store(url)
    jobs.mark_running(store, job_id)
    job = jobs.status(store, job_id)
    if job.status == "failed":
        return 0
    skip = jobs.finished_keys(store, job_id, [k for k, _ in items])
    added = 0
    for key, name in items:
        if key in skip:
            continue
        try:
            if job.kind == "import":  # records its own item, in the import's transaction
                added += _import_item(store, job, key, name)
                continue
            data = _WORK[job.kind](store, job, key)
        except Refused as exc:
            jobs.fail(store, job_id, str(exc))
            jobs.record_item(store, job_id, key, exc.name, exc.data)
            return added
        added += jobs.record_item(store, job_id, key, name, data)
    return added


def run_task_once(url: str, job_id: int, items: list[list[str]]) -> int:
    """Return :func:`run_task`'s count; a failure marks the job failed (the pool never retries)."""
    try:
        return run_task(url, job_id, items)
    except Exception as exc:
        jobs.fail(_worker_store(url), job_id, f"{type(exc).__name__}: {exc}")
        raise


# ------------------------------------------------------------ runner 1: local pool

_POOL: ProcessPoolExecutor | None = None
_DISPATCHED: set[tuple[str, int]] = set()  # (database, job) handed to this process's pool


def _to_pool(url: str, job_id: int, tasks: list[list[list[str]]]) -> None:
    _DISPATCHED.add((url, job_id))
    for chunk in tasks:
        _pool().submit(run_task_once, url, job_id, chunk)


def usable_cores() -> int:
    """Return the number of cores this process may run on (its CPU affinity, else all)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def _pool() -> ProcessPoolExecutor:
    """Return the app process's pool, one worker per core (started on first use)."""
    global _POOL
    if _POOL is None:
        # spawn, not fork: the app process runs threads (Streamlit's server) that a
        # forked child would inherit half-way through.
        ctx = multiprocessing.get_context("spawn")
        _POOL = ProcessPoolExecutor(max_workers=usable_cores(), mp_context=ctx)
    return _POOL


# ------------------------------------------------------------ runner 2: procrastinate


def _libpq(url: str) -> str:
    """Return a SQLAlchemy PostgreSQL URL as the libpq URI psycopg connects with."""
    import sqlalchemy as sa

    return (
        sa.engine.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    )


@functools.cache
def queue_app(url: str):
    """Return the procrastinate App on ``url``'s database, with the job task registered."""
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=_libpq(url)))

    @app.task(
        name=TASK_NAME,
        queue=QUEUE,
        pass_context=True,
        retry=procrastinate.RetryStrategy(max_attempts=MAX_ATTEMPTS, wait=1),
    )
    def job_items(context, job_id: int, items: list[list[str]]) -> int:
        try:
            return run_task(url, job_id, items)
        except Exception as exc:
            store = _worker_store(url)
            reason = f"{type(exc).__name__}: {exc}"
            if context.job.attempts + 1 >= MAX_ATTEMPTS:
                jobs.fail(store, job_id, reason)
            else:
                jobs.note_error(store, job_id, f"retrying after {reason}")
            raise

    return app


_QUEUE_SCHEMA_LOCK = 724_031  # advisory lock id: one process installs the queue's tables


def ensure_queue_schema(url: str) -> None:
    """Install procrastinate's tables in the database once (concurrent callers wait)."""
    import procrastinate
    import psycopg

    with psycopg.connect(_libpq(url)) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_QUEUE_SCHEMA_LOCK,))
        if conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()[0] is None:
            conn.execute(procrastinate.schema.SchemaManager.get_schema())


def _defer(url: str, job_id: int, tasks: list[list[list[str]]]) -> None:
    ensure_queue_schema(url)
    app = queue_app(url)
    with app.open():
        app.tasks[TASK_NAME].batch_defer(*[{"job_id": job_id, "items": t} for t in tasks])


async def _hand_back_stalled(app) -> None:
    # A worker killed half way stops its heartbeat; its tasks go back to the queue.
    while True:
        await asyncio.sleep(STALLED_S / 2)
        for job in await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_S):
            await app.job_manager.retry_job(job)
        await app.job_manager.prune_stalled_workers(STALLED_S)


def run_worker(url: str, *, name: str | None = None, wait: bool = True) -> None:
    """Run one queue worker on ``url`` until stopped (or, ``wait=False``, until idle)."""
    ensure_queue_schema(url)
    app = queue_app(url)

    async def main() -> None:
        async with app.open_async():
            rescue = asyncio.create_task(_hand_back_stalled(app))
            try:
                await app.run_worker_async(
                    queues=[QUEUE],
                    name=name,
                    wait=wait,
                    update_heartbeat_interval=HEARTBEAT_S,
                    stalled_worker_timeout=STALLED_S,
                )
            finally:
                rescue.cancel()

    asyncio.run(main())
