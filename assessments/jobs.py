"""Background jobs in the database: what was asked, who asked, progress, each item's output.

A job is split into items (one PDF per record, or the one summary PDF, or the one
import). Each finished item is a ``job_item`` row keyed (job_id, item_key), written
in the same transaction that advances the job's ``done`` count, so an item is
recorded exactly once however often a task is retried, and a worker killed half
way loses only the item it was building. What the kinds *do* lives in
``background.py`` (it draws PDFs, which this package may not import).

Outputs are bounded: an item holds one PDF (about 100 kB for one assessment) or
one summary PDF; a PDF batch is zipped from its items when it is downloaded,
never stored twice. A batch has at most ``MAX_ITEMS`` items.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from assessments.store import _ID, Store, metadata

KINDS = ("pdf_batch", "summary_pdf", "import")
STATUSES = ("queued", "running", "done", "failed")
MAX_ITEMS = 20_000  # items per job: a 20,000-PDF batch zips to about 2 GB
_WHEN = sa.DateTime(timezone=True)

job_table = sa.Table(
    "job",
    metadata,
    sa.Column("id", _ID, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("params", sa.JSON(), nullable=False),
    sa.Column("input_data", sa.LargeBinary(), nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("done", sa.Integer(), nullable=False),
    sa.Column("total", sa.Integer(), nullable=False),
    sa.Column("error", sa.Text(), nullable=True),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("created_at", _WHEN, nullable=False),
    sa.Column("started_at", _WHEN, nullable=True),
    sa.Column("finished_at", _WHEN, nullable=True),
)
job_item_table = sa.Table(
    "job_item",
    metadata,
    sa.Column("job_id", _ID, sa.ForeignKey("job.id"), primary_key=True),
    sa.Column("item_key", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("data", sa.LargeBinary(), nullable=False),
    sa.Column("done_at", _WHEN, nullable=False),
)
J, JI = job_table, job_item_table


@dataclass(frozen=True)
class JobStatus:
    """One job as its owner sees it."""

    id: int
    kind: str
    status: str
    done: int
    total: int
    error: str | None
    created_by: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    params: dict

    @property
    def fraction(self) -> float:
        """Return the share of items finished, 0..1 (dimensionless)."""
        return self.done / self.total if self.total else 0.0


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(v: dt.datetime | None) -> dt.datetime | None:
    if v is None:
        return None
    return v.replace(tzinfo=dt.UTC) if v.tzinfo is None else v.astimezone(dt.UTC)


def check_kind(kind: str) -> None:
    """Raise ValueError naming the valid kinds when ``kind`` is not one of them."""
    if kind not in KINDS:
        raise ValueError(f"kind == {kind!r}, must be one of: {', '.join(KINDS)}.")


def create(
    store: Store, kind: str, params: dict, by: str, total: int, input_data: bytes | None = None
) -> int:
    """Return the id of a new queued job of ``total`` items."""
    check_kind(kind)
    if not 1 <= total <= MAX_ITEMS:
        raise ValueError(f"items == {total}, must be between 1 and {MAX_ITEMS}.")
    with store._write() as conn:
        return int(
            conn.execute(
                J.insert()
                .values(
                    kind=kind,
                    params=params,
                    input_data=input_data,
                    status="queued",
                    done=0,
                    total=total,
                    created_by=by,
                    created_at=_now(),
                )
                .returning(J.c.id)
            ).scalar_one()
        )


def _row_status(r) -> JobStatus:
    return JobStatus(
        id=int(r["id"]),
        kind=r["kind"],
        status=r["status"],
        done=int(r["done"]),
        total=int(r["total"]),
        error=r["error"],
        created_by=r["created_by"],
        created_at=_utc(r["created_at"]),
        started_at=_utc(r["started_at"]),
        finished_at=_utc(r["finished_at"]),
        params=r["params"],
    )


_STATUS_COLS = [c for c in J.c if c.name != "input_data"]


def status(store: Store, job_id: int) -> JobStatus:
    """Return a job's state and progress (KeyError when there is no such job)."""
    with store._read() as conn:
        r = conn.execute(sa.select(*_STATUS_COLS).where(J.c.id == job_id)).mappings().first()
    if r is None:
        raise KeyError(f"job == {job_id!r} does not exist.")
    return _row_status(r)


def jobs_of(store: Store, by: str, limit: int = 50) -> list[JobStatus]:
    """Return the newest jobs ``by`` submitted, newest first."""
    q = (
        sa.select(*_STATUS_COLS)
        .where(J.c.created_by == by)
        .order_by(J.c.created_at.desc(), J.c.id.desc())
        .limit(limit)
    )
    with store._read() as conn:
        return [_row_status(r) for r in conn.execute(q).mappings()]


def unfinished(store: Store) -> list[JobStatus]:
    """Return every queued or running job, oldest first."""
    q = sa.select(*_STATUS_COLS).where(J.c.status.in_(("queued", "running"))).order_by(J.c.id)
    with store._read() as conn:
        return [_row_status(r) for r in conn.execute(q).mappings()]


def input_data(store: Store, job_id: int) -> bytes | None:
    """Return the file a job was submitted with (an import's upload), or None."""
    with store._read() as conn:
        return conn.execute(sa.select(J.c.input_data).where(J.c.id == job_id)).scalar()


def finished_keys(store: Store, job_id: int, keys: list[str]) -> set[str]:
    """Return which of ``keys`` already have an item recorded."""
    q = sa.select(JI.c.item_key).where(JI.c.job_id == job_id, JI.c.item_key.in_(keys))
    with store._read() as conn:
        return set(conn.execute(q).scalars())


def mark_running(store: Store, job_id: int) -> None:
    """Set a queued job running (its first task has started)."""
    with store._write() as conn:
        conn.execute(
            J.update()
            .where(J.c.id == job_id, J.c.status == "queued")
            .values(status="running", started_at=_now())
        )


def record_item(store: Store, job_id: int, key: str, name: str, data: bytes) -> bool:
    """Record one finished item and count it; return False when it was already recorded.

    The insert and the count share one transaction, and a second insert of the
    same (job, key) does nothing, so a retried task never counts an item twice.
    """
    with store._write() as conn:
        return record_item_in(conn, job_id, key, name, data)


def record_item_in(conn, job_id: int, key: str, name: str, data: bytes) -> bool:
    """Record one finished item inside the caller's write transaction (see record_item).

    An import records its item this way in the transaction that saves the rows,
    so the rows and the item commit together or not at all.
    """
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    ins = dialect.insert(JI).values(
        job_id=job_id, item_key=key, name=name, data=data, done_at=_now()
    )
    # RETURNING, not rowcount: psycopg reports no rowcount for this insert.
    ins = ins.on_conflict_do_nothing().returning(JI.c.item_key)
    added = conn.execute(ins).first() is not None
    if added:
        conn.execute(J.update().where(J.c.id == job_id).values(done=J.c.done + 1))
        conn.execute(
            J.update()
            .where(J.c.id == job_id, J.c.done >= J.c.total, J.c.status != "failed")
            .values(status="done", finished_at=_now())
        )
    return added


def fail(store: Store, job_id: int, error: str) -> None:
    """Mark a job failed with the reason its owner reads."""
    with store._write() as conn:
        conn.execute(
            J.update()
            .where(J.c.id == job_id, J.c.status != "done")
            .values(status="failed", error=error, finished_at=_now())
        )


def note_error(store: Store, job_id: int, error: str) -> None:
    """Keep the latest error on a job that will be retried (the page shows it)."""
    with store._write() as conn:
        conn.execute(J.update().where(J.c.id == job_id).values(error=error))


def item_count(store: Store, job_id: int) -> int:
    """Return the number of items recorded for a job (equals ``done``)."""
    q = sa.select(sa.func.count()).select_from(JI).where(JI.c.job_id == job_id)
    with store._read() as conn:
        return int(conn.execute(q).scalar_one())


def result(store: Store, job_id: int) -> tuple[str, bytes] | None:
    """Return (file name, bytes) of a job's output, or None while it has none.

    A PDF batch is a zip of its PDFs, one entry per item (stored, not
    recompressed: PDFs are compressed already); the other kinds have one item,
    returned as it is.
    """
    job = status(store, job_id)
    if job.done == 0:
        return None
    q = sa.select(JI.c.name, JI.c.data).where(JI.c.job_id == job_id).order_by(JI.c.name)
    with store._read() as conn:
        if job.kind != "pdf_batch":
            name, data = conn.execute(q).first()
            return name, data
        if job.status != "done":
            return None
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
            for name, data in conn.execution_options(yield_per=200).execute(q):
                zf.writestr(name, data)
    return f"ergo-job-{job_id}-reports.zip", buf.getvalue()
