"""Saved assessments in a database through SQLAlchemy 2: SQLite by default, PostgreSQL by URL.

One row per saved *revision*: editing an assessment adds revision n+1 of its
record and keeps every earlier one. Each row keeps

- the header fields as columns (site, department, date, worker_ref, ...), for filters;
- the validated input as JSON with its schema version, so the model can be rebuilt
  exactly (``input_layout`` "model": ``Assessment.model_dump``; "flat": the CSV row's
  non-blank cells as imported, rebuilt with :func:`assessments.io.row_to_assessment`,
  which is what the per-row import path would have made of them);
- the results JSON with the method version that computed them, so a result can be
  reproduced or re-scored;
- per-factor band (smallint: 0..3, -1 not applicable, -2 not assessed) and risk
  index (float) columns, the overall band,
  the count of factors at high or above and the highest index, so the dashboard
  aggregates in SQL without reading any JSON;
- ``is_latest``, kept true on exactly one revision per record, so "the latest
  revision of each record" is a plain indexed filter.

The recommendations each row triggers (:func:`scoring.recommendations.triggered`)
are also kept one per row in ``assessment_recommendation`` for "top actions".

The schema is changed only by the Alembic migrations in ``migrations/``; the
:class:`Store` constructor runs them to head.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import threading
import time
import unicodedata
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

from assessments import audit, names
from assessments import model as m
from assessments.batch import band_labels, overall_codes
from assessments.evaluate import Inputs, band_codes, inputs_from_assessments, inputs_from_parsed
from assessments.fields import Problem, fields_of
from assessments.io import (
    TEMPLATE_SLOTS,
    assessment_to_row,
    csv_columns,
    parse_frame,
    row_to_assessment,
    validate_chunks,
)
from assessments.tables import Table, csv_bytes, xlsx_bytes
from scoring import METHOD_VERSION, recommendations
from scoring.bands import HIGH
from scoring.bands import NOT_ASSESSED as NOT_ASSESSED_BAND
from scoring.engine import FACTORS, EngineResult, score

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
HEADER_COLUMNS = (
    "assessment_id",
    "organisation",
    "site",
    "department",
    "job_title",
    "worker_ref",
    "assessor",
    "date",
    "assessment_type",
)
EXPORT_FORMATS = ("csv", "xlsx")
TREND_FREQS = {"week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}
IMPORT_CHUNK = 5_000  # rows per INSERT batch (and per progress call)
IMPORT_READ_CHUNK = 25_000  # rows read from a file at a time: bounds an import's memory
SAVE_RETRIES = 50
READABLE_ID = "ERG-{year}-{number:06d}"  # given when a record is first saved without an id
HELD_DATA = "held_data"  # ergo_meta key: this database has held assessments
SEARCH_FIELDS = ("assessment_id", "worker_ref", "job_title")  # what the text search reads
NAME_LENGTH = 200  # a site or department name: the width of its column
_SLOT = re.compile(r"^(\w+)\.([a-z]+)(\d+)\.\w+$")

# ------------------------------------------------------------------ the schema (head)
# Mirrors what migrations/versions/* create; tests check the two agree.

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
metadata = sa.MetaData()
assessment_table = sa.Table(
    "assessment",
    metadata,
    sa.Column("id", _ID, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.String(32), nullable=False),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("is_latest", sa.Boolean(), nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("assessment_id", sa.String(64), nullable=False),
    *[
        sa.Column(c, sa.String(200), nullable=False)
        for c in ("organisation", "site", "department", "job_title", "worker_ref", "assessor")
    ],
    sa.Column("date", sa.Date(), nullable=False),
    sa.Column("assessment_type", sa.String(16), nullable=False),
    sa.Column("schema_version", sa.String(16), nullable=False),
    sa.Column("input_layout", sa.String(8), nullable=False),
    sa.Column("input_json", sa.JSON(), nullable=False),
    sa.Column("method_version", sa.String(32), nullable=False),
    sa.Column("results_json", sa.JSON(), nullable=False),
    sa.Column("overall_band", sa.SmallInteger(), nullable=False),
    sa.Column("n_high", sa.SmallInteger(), nullable=False),
    sa.Column("max_index", sa.Float(), nullable=True),
    *[sa.Column(f"{f}_band", sa.SmallInteger(), nullable=False) for f in FACTORS],
    *[sa.Column(f"{f}_index", sa.Float(), nullable=True) for f in FACTORS],
    sa.Column("is_sample", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("search_text", sa.Text(), nullable=False, server_default=""),
    # Organisation mode (migration 0005): who saved the revision, whose self-check it is,
    # archive instead of delete, and the officer's review of a self-check.
    sa.Column("saved_by", sa.String(320), nullable=False, server_default=""),
    sa.Column("owner_email", sa.String(320), nullable=True),
    sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("archived_by", sa.String(320), nullable=True),
    sa.Column("review_status", sa.String(16), nullable=True),
    sa.Column("review_note", sa.Text(), nullable=True),
    sa.Column("reviewed_by", sa.String(320), nullable=True),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("shared_symptoms", sa.JSON(), nullable=True),
)
recommendation_table = sa.Table(
    "assessment_recommendation",
    metadata,
    sa.Column("row_id", _ID, sa.ForeignKey("assessment.id"), primary_key=True),
    sa.Column("rec_id", sa.String(64), primary_key=True),
)
meta_table = sa.Table(
    "ergo_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
    sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
)
counter_table = sa.Table(
    "readable_id_counter",
    metadata,
    sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("last", sa.Integer(), nullable=False),
)
# The sites and departments the organisation keeps (migration 0009_org_lists): the
# form picks from them, an import maps unknown names onto them. Every name a saved
# record carries is on the list (a save adds it), so the list never loses one.
org_name_table = sa.Table(
    "org_name",
    metadata,
    sa.Column("kind", sa.String(16), primary_key=True),  # "site" | "department"
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(320), nullable=False),
)
# The dashboard's narrow table (migration 0010): per saved revision only what the
# dashboard filters and counts by, kept equal to ``assessment`` by triggers, and the
# data version those triggers move on with every write (cache key of the figures).
dash_table = sa.Table(
    "assessment_dash",
    metadata,
    sa.Column("row_id", _ID, primary_key=True, autoincrement=False),
    sa.Column("record_id", sa.String(32), nullable=False),
    sa.Column("is_latest", sa.Boolean(), nullable=False),
    sa.Column("archived", sa.Boolean(), nullable=False),
    sa.Column("is_sample", sa.Boolean(), nullable=False),
    sa.Column("owner_email", sa.String(320), nullable=True),
    *[sa.Column(c, sa.String(200), nullable=False) for c in ("site", "department")],
    sa.Column("date", sa.Date(), nullable=False),
    sa.Column("overall_band", sa.SmallInteger(), nullable=False),
    sa.Column("n_high", sa.SmallInteger(), nullable=False),
    sa.Column("rank_index", sa.Float(), nullable=False),  # max_index, -1 when none
    sa.Column("bands_key", _ID, nullable=False),  # 64-bit: see DASH_KEY_BITS
    *[sa.Column(f"{f}_band", sa.SmallInteger(), nullable=False) for f in FACTORS],
    *[sa.Column(f"{f}_index", sa.Float(), nullable=True) for f in FACTORS],
)
# Recommendation sets (migration 0015_dashboard_speed, kept by its triggers): each
# distinct set of catalogue ids a revision was given, sorted and joined by spaces,
# once; and per revision given any, its set and the narrow table's filter columns.
# "Most frequent recommendations" groups the filtered rows by set, no join.
rec_set_table = sa.Table(
    "dash_rec_set",
    metadata,
    sa.Column("set_id", _ID, primary_key=True, autoincrement=True),
    sa.Column("recs", sa.Text(), nullable=False, unique=True),
)
rec_row_table = sa.Table(
    "dash_rec_row",
    metadata,
    sa.Column("row_id", _ID, primary_key=True, autoincrement=False),
    sa.Column("set_id", _ID, nullable=False),
    sa.Column("is_latest", sa.Boolean(), nullable=False),
    sa.Column("archived", sa.Boolean(), nullable=False),
    sa.Column("is_sample", sa.Boolean(), nullable=False),
    sa.Column("owner_email", sa.String(320), nullable=True),
    *[sa.Column(c, sa.String(200), nullable=False) for c in ("site", "department")],
    sa.Column("date", sa.Date(), nullable=False),
)
version_table = sa.Table(
    "ergo_data_version",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("version", sa.BigInteger(), nullable=False),
)
# bands_key packs (overall band + 2) and then each factor's (band + 2), in FACTORS
# order, 3 bits each (33 bits for ten factors, hence 64-bit): one GROUP BY on it gives
# every band count of a filter set.
DASH_KEY_BITS = 3
A = assessment_table
R = recommendation_table
D = dash_table
RS = rec_set_table
RR = rec_row_table
N = org_name_table

SEARCH_COLUMNS = (
    "record_id",
    "revision",
    *HEADER_COLUMNS,
    "overall_band",
    "n_high",
    *[c for f in FACTORS for c in (f"{f}.band", f"{f}.index")],
    "saved_at",
    "is_sample",
)


def _search_select() -> list:
    cols = [A.c.record_id, A.c.revision, *[A.c[c] for c in HEADER_COLUMNS]]
    cols += [A.c.overall_band, A.c.n_high]
    for f in FACTORS:
        cols += [A.c[f"{f}_band"].label(f"{f}.band"), A.c[f"{f}_index"].label(f"{f}.index")]
    return [*cols, A.c.saved_at, A.c.is_sample]


# ------------------------------------------------------------------- the public types


@dataclass(frozen=True)
class Filters:
    """Which saved assessments a query covers; every field optional (None = no filter)."""

    sites: tuple[str, ...] | None = None
    departments: tuple[str, ...] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min_overall_band: int | None = None  # 0..3: overall band >= this
    factor_at_high: str | None = None  # factor id at high or above
    text: str | None = None  # folded substring of worker_ref / job_title / id, or an exact id
    assessment_id: str | None = None  # exactly this assessment id
    recommendation: str | None = None  # catalogue id the record's latest revision was given
    samples: bool | None = None  # True: sample data only; False: without it
    owner: str | None = None  # e-mail of the employee whose self-checks these are

    def __post_init__(self) -> None:
        # A page passes the lists its multiselects return; keep the dataclass hashable.
        for name in ("sites", "departments"):
            v = getattr(self, name)
            if v is not None and not isinstance(v, tuple):
                object.__setattr__(self, name, tuple(v))
        if self.factor_at_high is not None and self.factor_at_high not in FACTORS:
            raise ValueError(
                f"factor_at_high == {self.factor_at_high!r}, must be one of: {', '.join(FACTORS)}."
            )
        if self.min_overall_band is not None and self.min_overall_band not in range(4):
            raise ValueError(
                f"min_overall_band == {self.min_overall_band!r}, must be one of: 0, 1, 2, 3."
            )

    def describe(self) -> dict[str, str]:
        """Return the filters that are set, in words (for the summary PDF's "filters used")."""
        out: dict[str, str] = {}
        if self.sites:
            out["site"] = ", ".join(self.sites)
        if self.departments:
            out["department"] = ", ".join(self.departments)
        if self.date_from:
            out["date from"] = self.date_from.isoformat()
        if self.date_to:
            out["date to"] = self.date_to.isoformat()
        if self.min_overall_band is not None:
            out["overall band"] = f"{band_labels([self.min_overall_band])[0]} or above"
        if self.factor_at_high:
            out["factor at high or above"] = self.factor_at_high.replace("_", " ")
        if self.text:
            out["text"] = self.text
        if self.assessment_id:
            out["assessment id"] = self.assessment_id
        if self.recommendation:
            out["recommendation"] = self.recommendation
        if self.samples is not None:
            out["sample data"] = "only" if self.samples else "left out"
        return out


@dataclass(frozen=True)
class SavedRef:
    """Where one saved revision lives, and the assessment id it was saved under."""

    record_id: str
    revision: int
    row_id: int
    saved_at: dt.datetime
    assessment_id: str = ""


@dataclass(frozen=True)
class StoredAssessment:
    """One saved revision: the rebuilt model and the results stored with it."""

    ref: SavedRef
    assessment: m.Assessment
    schema_version: str
    method_version: str
    results: dict
    saved_by: str = ""  # who saved this revision (organisation mode; blank before it)


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows saved (0 when any row is invalid) and every problem."""

    saved: int
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class RenameReport:
    """What a rename or merge changed: the names, and the revisions and records now renamed."""

    kind: str
    old: str
    new: str
    merged: bool  # ``new`` was already on the list: the two are one name now
    revisions: int
    records: int


@dataclass(frozen=True)
class DashboardFigures:
    """Every figure of the dashboard for one filter set (shared from a cache: read only)."""

    total: int  # records (latest revisions)
    high: int  # overall band high or above
    very_high: int  # overall band very high
    band_counts: pd.DataFrame  # factor, band, count (Store.band_counts)
    trend: pd.DataFrame  # period, high, very_high, assessed (Store.trend)
    top_recommendations: pd.DataFrame  # Store.top_recommendations
    need_action: pd.DataFrame  # Store.need_action


class FigureCache:
    """A small thread-safe LRU of computed figures (keys carry the data version)."""

    def __init__(self, size: int = 256):
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.misses = 0  # how many computations ran (tests read it)

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        """Return the value kept for ``key``, else ``compute()`` kept under it."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self.misses += 1
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


class DamagedDatabase(RuntimeError):
    """The SQLite file failed its integrity check: nothing is written into it."""


class DataAlreadyHeld(RuntimeError):
    """Sample data was refused: the database holds, or once held, assessments."""


# ------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """Return ``text`` folded for search: Unicode case folding, accents ignored.

    The same folding is applied to the stored ``search_text`` and to what a user
    types, in Python, so SQLite (whose ``lower()`` folds ASCII only) and
    PostgreSQL find the same rows. Compatibility forms are unified (NFKD),
    combining marks dropped ("İ" folds to "i" plus a combining dot, then "i"),
    and the Turkish dotless "ı" is read as "i", so "İlkay Işık" is found by
    "ilkay işık", "İLKAY" or "ilkay isik".
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.replace("\u0131", "i"))


def search_text(assessment_id: str, worker_ref: str, job_title: str) -> str:
    """Return the stored search column of a row: its searchable fields folded, one a line."""
    return "\n".join(fold(p or "") for p in (assessment_id, worker_ref, job_title))


def _private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) readable by the owner only (0700)."""
    missing = []
    for p in (folder, *folder.parents):
        if p.exists():
            break
        missing.append(p)
    for p in reversed(missing):
        with suppress(FileExistsError):  # another process made it first
            p.mkdir(mode=0o700)


def _private_sqlite_file(url: str) -> Path | None:
    """Create the SQLite file of ``url`` owner-only (0600) if it is missing; return its path.

    SQLite gives the -wal and -shm files the permissions of the database file,
    so they are owner-only too. An existing file is left as its owner set it.
    """
    db = sa.engine.make_url(url).database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    path = Path(db)
    _private_folder(path.parent)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    return path


def damage_message(path: Path | str, problem: str) -> str:
    """Return what a user reads when the SQLite file is damaged: what, and how to restore."""
    name = Path(path).name
    return (
        f"The database file {path} is damaged (SQLite integrity check: {problem}). "
        "Ergo will not write into it, so nothing more is lost. To restore: stop Ergo, "
        "move the file (and any "
        f"{name}-wal and {name}-shm beside it) to another folder, copy your latest backup "
        "of the file into its place and start Ergo again; or start with an empty file and "
        "import your latest export with `python -m cli import FILE`."
    )


def _sqlite_problem(engine: Engine) -> str | None:
    """Return the first problem SQLite's quick check finds (None: the file is healthy)."""
    try:
        with engine.connect() as conn:
            found = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
    except DatabaseError as exc:  # the header itself is unreadable
        return str(getattr(exc, "orig", exc))
    if found == ["ok"]:
        return None
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return f"{found[0]}{more}"


def database_url(url: str | None = None) -> str:
    """Return the URL to use: ``url``, else $DATABASE_URL, else the default SQLite file.

    ``postgres://`` and ``postgresql://`` (as hosting platforms hand them out) are
    pointed at the psycopg 3 driver. The default file is
    ``$ERGO_DATA_DIR/ergo.db`` (``./data/ergo.db``); its folder is created
    readable by the owner only.
    """
    url = url or os.environ.get("DATABASE_URL") or None
    if url is None:
        folder = Path(os.environ.get("ERGO_DATA_DIR") or "./data")
        _private_folder(folder)
        return f"sqlite:///{folder.resolve() / 'ergo.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _num(v: float) -> float | None:
    """Return a float fit for JSON and SQL (NaN -> None)."""
    return None if v is None or math.isnan(v) else float(v)


def _utc(v: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; every saved_at is written in UTC.
    return v.replace(tzinfo=dt.UTC) if v.tzinfo is None else v.astimezone(dt.UTC)


def _scored_columns(
    engine: EngineResult, inputs: Inputs
) -> tuple[list[dict[str, Any]], list[list[str]]]:
    """Return per row the result columns (with ``results_json``) and the triggered entry ids."""
    n = engine.n
    recs: list[list[str]] = [[] for _ in range(n)]
    for entry_id, mask in recommendations.triggered(engine, inputs.by_factor).items():
        for i in np.flatnonzero(mask):
            recs[i].append(entry_id)
    # A factor whose section was left out is stored as not assessed, apart from one
    # judged not applicable: the dashboard counts them separately.
    band = band_codes(engine, inputs).tolist()
    index = np.round(engine.index, 4)
    native = np.round(engine.native, 6)
    # JSON has no NaN or Infinity (PostgreSQL rejects them): an infinite native
    # value (NIOSH LI when the RWL is 0) is stored as null beside its band.
    index_l = np.where(np.isfinite(index), index, None).tolist()
    native_l = np.where(np.isfinite(native), native, None).tolist()
    max_index = np.max(np.where(np.isnan(index), -np.inf, index), axis=1)
    max_l = np.where(np.isinf(max_index), None, max_index).tolist()
    overall = engine.overall_band.astype(int).tolist()
    n_high = engine.n_high.astype(int).tolist()
    rows = []
    for i in range(n):
        b, x, nat = band[i], index_l[i], native_l[i]
        row: dict[str, Any] = {
            "method_version": METHOD_VERSION,
            "overall_band": overall[i],
            "n_high": n_high[i],
            "max_index": max_l[i],
            "results_json": {
                "overall_band": overall[i],
                "n_high": n_high[i],
                "factors": {
                    f: {"native": nat[j], "band": b[j], "index": x[j]}
                    for j, f in enumerate(FACTORS)
                },
                "recommendations": recs[i],
            },
        }
        for j, f in enumerate(FACTORS):
            row[f"{f}_band"] = b[j]
            row[f"{f}_index"] = x[j]
        rows.append(row)
    return rows, recs


# ---------------------------------------------------------------------------- Store


class Store:
    """Saved assessments, their revisions and the dashboard's queries.

    Parameters
    ----------
    url
        SQLAlchemy URL; None reads $DATABASE_URL, else the SQLite file
        ``$ERGO_DATA_DIR/ergo.db`` (default ``./data/ergo.db``), created on first use.
        The schema is migrated to the newest revision on construction.
    """

    def __init__(self, url: str | None = None, *, migrate: bool = True):
        self.url = database_url(url)
        self.path = _private_sqlite_file(self.url) if self.url.startswith("sqlite") else None
        self.engine = _make_engine(self.url)
        self._sqlite = self.engine.dialect.name == "sqlite"
        self._figures = FigureCache()
        #: Why nothing may be written (a damaged SQLite file), or None.
        self.damaged: str | None = None
        if self.path is not None:
            problem = _sqlite_problem(self.engine)
            if problem is not None:
                self.damaged = damage_message(self.path, problem)
        if migrate and self.damaged is None:
            upgrade(self.engine)

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # ------------------------------------------------------------ transactions

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """Yield a connection in a write transaction (SQLite: BEGIN IMMEDIATE).

        Raises :class:`DamagedDatabase` with how to restore when the file failed
        its integrity check on opening.
        """
        if self.damaged is not None:
            raise DamagedDatabase(self.damaged)
        with self.engine.connect() as conn:
            conn.execution_options(ergo_write=True)
            with conn.begin():
                yield conn

    def _read(self):
        return self.engine.connect()

    # ---------------------------------------------------------------- writing

    def save(
        self,
        assessment: m.Assessment,
        *,
        record_id: str | None = None,
        saved_by: str = "",
        extra: dict[str, Any] | None = None,
    ) -> SavedRef:
        """Score and save one assessment; with ``record_id``, as that record's next revision.

        The earlier revisions are kept. Two writers saving revisions of one record
        at once both succeed: the next revision number is read inside the
        transaction and a clash on (record_id, revision) is retried. ``saved_by``
        is kept on the revision and, when given, an audit event is written in the
        same transaction; ``extra`` sets organisation-mode columns (owner_email,
        review_status, shared_symptoms).
        """
        inputs = inputs_from_assessments([assessment])
        engine = score(inputs.by_factor, inputs.applicable, 1)
        scored, recs = _scored_columns(engine, inputs)
        h = assessment.header
        new = record_id is None
        rid = uuid.uuid4().hex if new else record_id
        for attempt in range(SAVE_RETRIES):
            try:
                with self._write() as conn:
                    last = conn.execute(
                        sa.select(sa.func.max(A.c.revision)).where(A.c.record_id == rid)
                    ).scalar()
                    if last is None and not new:
                        raise KeyError(f"record_id == {rid!r} is not saved; nothing to revise.")
                    revision = (last or 0) + 1
                    saved_at = dt.datetime.now(dt.UTC)
                    _mark_held(conn)
                    aid = h.assessment_id or self._assessment_id_of(conn, rid)
                    if not aid:
                        aid = _allocate_readable(conn, 1, saved_at.year)[0]
                    kept = assessment
                    if aid != h.assessment_id:
                        kept = assessment.model_copy(
                            update={"header": h.model_copy(update={"assessment_id": aid})}
                        )
                    row = {
                        **{c: getattr(kept.header, c) for c in HEADER_COLUMNS},
                        "schema_version": assessment.schema_version,
                        "input_layout": "model",
                        "input_json": kept.model_dump(mode="json"),
                        "search_text": search_text(aid, h.worker_ref, h.job_title),
                        **scored[0],
                        "saved_by": saved_by,
                        **(extra or {}),
                    }
                    if last is not None:
                        conn.execute(
                            A.update()
                            .where(A.c.record_id == rid, A.c.is_latest)
                            .values(is_latest=False)
                        )
                    row_id = conn.execute(
                        A.insert()
                        .values(
                            record_id=rid,
                            revision=revision,
                            is_latest=True,
                            saved_at=saved_at,
                            **row,
                        )
                        .returning(A.c.id)
                    ).scalar_one()
                    if recs[0]:
                        conn.execute(R.insert(), [{"row_id": row_id, "rec_id": r} for r in recs[0]])
                    _keep_reviews(conn, [rid])
                    _keep_names(conn, {"site": {h.site}, "department": {h.department}}, saved_by)
                    if saved_by:
                        action = "save" if revision == 1 else "revision"
                        audit.record(conn, saved_by, action, rid, revision=revision, site=h.site)
                return SavedRef(rid, revision, int(row_id), saved_at, aid)
            except (IntegrityError, OperationalError) as exc:
                if isinstance(exc, OperationalError) and "locked" not in str(exc).lower():
                    raise
                if attempt == SAVE_RETRIES - 1:
                    raise
                time.sleep(0.002 * (attempt + 1))
        raise AssertionError("unreachable")

    @staticmethod
    def _assessment_id_of(conn: Connection, record_id: str) -> str:
        """Return the assessment id a saved record goes by ("" when new or never given)."""
        q = sa.select(A.c.assessment_id).where(A.c.record_id == record_id, A.c.is_latest)
        return conn.execute(q).scalar() or ""

    def delete(self, record_id: str) -> int:
        """Delete every revision of a record; return the number of rows deleted (0 if none)."""
        with self._write() as conn:
            ids = sa.select(A.c.id).where(A.c.record_id == record_id).scalar_subquery()
            conn.execute(R.delete().where(R.c.row_id.in_(ids)))
            return conn.execute(A.delete().where(A.c.record_id == record_id)).rowcount

    def import_frame(
        self,
        df: pd.DataFrame,
        *,
        progress: Callable[[int, int], None] | None = None,
        samples: bool = False,
        saved_by: str = "",
        within: Callable[[Connection, int], None] | None = None,
    ) -> ImportReport:
        """Validate a flat table, then save every row as a new record in ONE transaction.

        Any invalid row: nothing is saved and every problem is reported (rows
        numbered from 1 as a spreadsheet user counts data rows). Otherwise the
        rows are scored and inserted in chunks of ``IMPORT_CHUNK`` rows,
        ``progress(done, total)`` called after each. Rows without an assessment
        id get a readable one. ``samples`` marks the rows as sample data and raises
        :class:`DataAlreadyHeld` (saving nothing) unless the database never held
        any assessment.
        """
        return self.import_chunks(
            lambda: iter([df]), progress=progress, samples=samples, saved_by=saved_by, within=within
        )

    def import_table(
        self,
        table: Table,
        *,
        progress: Callable[[int, int], None] | None = None,
        saved_by: str = "",
        within: Callable[[Connection, int], None] | None = None,
    ) -> ImportReport:
        """Import a CSV or Excel file streamed in chunks: memory stays bounded by the chunk.

        The file is read twice: once to validate every row, then to score and
        insert chunk by chunk inside one transaction (all rows or none).
        """
        return self.import_chunks(
            lambda: table.chunks(IMPORT_READ_CHUNK),
            progress=progress,
            saved_by=saved_by,
            within=within,
        )

    def import_chunks(
        self,
        chunks: Callable[[], Iterable[pd.DataFrame]],
        *,
        progress: Callable[[int, int], None] | None = None,
        max_problems: int = 1000,
        samples: bool = False,
        saved_by: str = "",
        within: Callable[[Connection, int], None] | None = None,
    ) -> ImportReport:
        """Validate every chunk ``chunks()`` yields, then score and save them in ONE transaction.

        ``chunks`` is called twice (validate, then save) and must yield the same
        rows both times. Problems are numbered by data row from the start of the
        whole table; at most ``max_problems`` are kept. ``saved_by`` (organisation
        mode) is kept on every row and the import is written to the audit trail.
        ``within(conn, rows)`` runs inside that transaction before it commits (a
        background job records its item there, so a retried job cannot import
        twice); whatever it raises rolls the whole import back.
        """
        normalised = (_normalise_frame(c) for c in chunks())
        problems, n = validate_chunks(normalised, max_problems=max_problems)
        if problems or n == 0:
            return ImportReport(0, problems)
        today = dt.date.today()
        saved_at = dt.datetime.now(dt.UTC)
        done = 0
        sites: set[str] = set()
        with self._write() as conn:
            if samples:
                _claim_samples(conn)
            else:
                _mark_held(conn)
            for chunk in chunks():
                chunk = _normalise_frame(chunk)
                for start in range(0, len(chunk), IMPORT_CHUNK):
                    part = chunk.iloc[start : start + IMPORT_CHUNK]
                    sites.update(
                        self._insert_rows(
                            conn,
                            part,
                            today=today,
                            saved_at=saved_at,
                            samples=samples,
                            saved_by=saved_by,
                        )
                    )
                    done += len(part)
                    if progress:
                        progress(done, n)
            if saved_by:
                audit.record(conn, saved_by, "import", None, rows=n, sites=sorted(sites))
            if within is not None:
                within(conn, n)
        return ImportReport(n, [])

    def _insert_rows(
        self,
        conn: Connection,
        df: pd.DataFrame,
        *,
        today: dt.date,
        saved_at: dt.datetime,
        samples: bool = False,
        saved_by: str = "",
    ) -> set[str]:
        """Score one validated chunk, insert it with its recommendations; return its sites."""
        df = df.reset_index(drop=True)
        parsed = parse_frame(df)
        n = parsed.n
        inputs = inputs_from_parsed(parsed)
        engine = score(inputs.by_factor, inputs.applicable, n)
        scored, recs = _scored_columns(engine, inputs)
        flat = _flat_rows(df)
        dates = parsed.values.get("date", np.full(n, "", dtype=object))
        header: dict[str, list] = {}
        for spec in fields_of("header"):
            c = spec.column()
            if c not in HEADER_COLUMNS:
                continue
            if c == "date":
                # A blank date means "today" to the model; fix it now so the
                # stored input rebuilds to the same model on any later day.
                header[c] = [dt.date.fromisoformat(d) if d else today for d in dates.tolist()]
                for i, d in enumerate(header[c]):
                    flat[i]["date"] = d.isoformat()
            elif spec.kind == "choice":
                header[c] = parsed.values[c].tolist() if c in parsed.values else [spec.default] * n
            else:
                header[c] = [r.get(c, "") for r in flat]
        dumps = json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode
        fixed = {
            "revision": 1,
            "is_latest": True,
            "saved_at": saved_at,
            "schema_version": m.SCHEMA_VERSION,
            "input_layout": "flat",
            "saved_by": saved_by,
        }
        ids = self._allocate_ids(conn, n)
        rows = []
        for i in range(n):
            sc = scored[i]
            values = {
                **fixed,
                "record_id": uuid.uuid4().hex,
                **{c: header[c][i] for c in HEADER_COLUMNS},
                "input_json": dumps(flat[i]),
                **sc,
                "results_json": dumps(sc["results_json"]),
                "is_sample": samples,
                "search_text": search_text(*(header[c][i] for c in SEARCH_FIELDS)),
            }
            rows.append([ids[i], *(values[c] for c in _BULK_COLUMNS[1:])])
        _fill_readable_ids(conn, rows, flat, saved_at.year, dumps)
        bulk = _copy_rows if conn.dialect.name == "postgresql" else _executemany_rows
        bulk(conn, "assessment", ["id", *_BULK_COLUMNS[1:]], rows)
        children = [(ids[i], r) for i in range(n) for r in recs[i]]
        bulk(conn, "assessment_recommendation", ["row_id", "rec_id"], children)
        _keep_reviews(conn, [r[_BULK_COLUMNS.index("record_id")] for r in rows])
        _keep_names(
            conn, {"site": set(header["site"]), "department": set(header["department"])}, saved_by
        )
        return set(header["site"])

    def _allocate_ids(self, conn: Connection, n: int) -> list[int]:
        """Return ``n`` fresh primary keys for a bulk insert inside a write transaction."""
        if conn.dialect.name == "postgresql":
            q = "SELECT nextval(pg_get_serial_sequence('assessment', 'id')) FROM generate_series(1, %s)"
            return [int(v) for (v,) in conn.exec_driver_sql(q, (n,))]
        # SQLite: the write transaction (BEGIN IMMEDIATE) holds the database's only
        # write lock, so nobody else can take these ids before we commit.
        last = conn.execute(sa.select(sa.func.max(A.c.id))).scalar() or 0
        return list(range(last + 1, last + n + 1))

    # ---------------------------------------------------------------- reading

    def get(self, record_id: str, revision: int | None = None) -> StoredAssessment:
        """Return one saved revision (the latest when ``revision`` is None)."""
        q = sa.select(A).where(A.c.record_id == record_id)
        q = q.where(A.c.is_latest) if revision is None else q.where(A.c.revision == revision)
        with self._read() as conn:
            row = conn.execute(q).mappings().first()
        if row is None:
            what = f"record_id == {record_id!r}"
            if revision is not None:
                what += f" revision {revision}"
            raise KeyError(f"{what} is not saved.")
        return StoredAssessment(
            ref=SavedRef(
                row["record_id"],
                row["revision"],
                int(row["id"]),
                _utc(row["saved_at"]),
                row["assessment_id"],
            ),
            assessment=_rebuild(row["input_layout"], row["input_json"]),
            schema_version=row["schema_version"],
            method_version=row["method_version"],
            results=row["results_json"],
            saved_by=row["saved_by"] or "",
        )

    def revisions(self, record_id: str) -> list[SavedRef]:
        """Return every saved revision of a record, oldest first ([] when unknown)."""
        q = (
            sa.select(A.c.record_id, A.c.revision, A.c.id, A.c.saved_at, A.c.assessment_id)
            .where(A.c.record_id == record_id)
            .order_by(A.c.revision)
        )
        with self._read() as conn:
            return [SavedRef(r[0], r[1], int(r[2]), _utc(r[3]), r[4]) for r in conn.execute(q)]

    def revision_table(self, record_id: str) -> pd.DataFrame:
        """Return every revision of a record, oldest first, with its result, assessor and saver.

        Columns: revision, saved_at (UTC), assessment_id, assessor, overall_band,
        n_high, saved_by (blank before organisation mode); empty when the record is
        unknown.
        """
        cols = ["revision", "saved_at", "assessment_id", "assessor", "overall_band", "n_high"]
        cols += ["saved_by"]
        q = sa.select(*[A.c[c] for c in cols]).where(A.c.record_id == record_id)
        with self._read() as conn:
            rows = conn.execute(q.order_by(A.c.revision)).all()
        df = pd.DataFrame(rows, columns=cols)
        df["saved_at"] = pd.to_datetime([_utc(v) for v in df["saved_at"]], utc=True)
        return df.astype({"revision": int, "overall_band": int, "n_high": int})

    def search(
        self, filters: Filters = Filters(), *, limit: int | None = 500, offset: int = 0
    ) -> pd.DataFrame:
        """Return the latest revision of each matching record, newest date first."""
        q = (
            sa.select(*_search_select())
            .where(*_where(filters))
            .order_by(A.c.date.desc(), A.c.id.desc())
            .offset(offset)
        )
        if limit is not None:
            q = q.limit(limit)
        return self._frame(q)

    def has_held_data(self) -> bool:
        """Return True once anything was saved or imported here (deleting it all does not reset)."""
        q = sa.select(meta_table.c.key).where(meta_table.c.key == HELD_DATA)
        with self._read() as conn:
            return conn.execute(q).first() is not None

    def count(self, filters: Filters = Filters()) -> int:
        """Return how many records match (latest revisions)."""
        q = sa.select(sa.func.count()).select_from(D).where(*_dash_where(filters))
        with self._read() as conn:
            return int(conn.execute(q).scalar_one())

    def sites(self, *, version: int | None = None) -> list[str]:
        """Return the sites of saved records, sorted (blanks left out).

        With ``version`` (what :meth:`data_version` returned this run) the list is
        kept under it, as the dashboard's figures are.
        """
        if version is None:
            return self._distinct("site")
        return list(self.cached(("sites",), lambda: self._distinct("site"), version=version))

    def departments(
        self, *, sites: tuple[str, ...] | None = None, version: int | None = None
    ) -> list[str]:
        """Return the departments of saved records (of ``sites`` when given), sorted.

        ``version`` as for :meth:`sites`.
        """
        if version is None:
            return self._distinct("department", sites)
        compute = lambda: self._distinct("department", sites)  # noqa: E731
        return list(self.cached(("departments", sites), compute, version=version))

    # ------------------------------------------------- sites and departments (the lists)

    def names(self, kind: str) -> list[str]:
        """Return the organisation's list of ``kind`` ("site" or "department"), sorted."""
        _check_kind(kind)
        q = sa.select(N.c.name).where(N.c.kind == kind).order_by(N.c.name)
        with self._read() as conn:
            return list(conn.execute(q).scalars())

    def add_name(self, kind: str, name: str, *, by: str = "") -> tuple[str, bool]:
        """Put a site or department on the list; return (the name as kept, True when new).

        The name is kept with surrounding and repeated spaces removed; a blank or
        over-long name raises ValueError naming the field as the form labels it.
        """
        _check_kind(kind)
        kept = names.clean(name)
        label = names.KIND_LABELS[kind]
        if not kept:
            raise ValueError(f"{label} is blank: type the name to add.")
        if len(kept) > NAME_LENGTH:
            raise ValueError(
                f"{label} == {kept[:40]!r}…, must be at most {NAME_LENGTH} characters."
            )
        with self._write() as conn:
            added = _keep_names(conn, {kind: {kept}}, by, how="added to the list")
        return kept, bool(added)

    def rename_name(self, kind: str, old: str, new: str, *, by: str) -> RenameReport:
        """Rename a site or department everywhere, or merge it into an existing one; audited.

        Every revision of every record that carries ``old`` (the column and the
        stored input) now carries ``new``; no revision is added or removed. For a
        site, people limited to ``old`` are limited to ``new``. The audit event
        keeps both names and the counts, so the change can be traced and undone
        by renaming back (a merge cannot be told apart afterwards).
        """
        _check_kind(kind)
        label = names.KIND_LABELS[kind]
        new = names.clean(new)
        if not new:
            raise ValueError(f"New {kind} name is blank: type the name {old!r} becomes.")
        if len(new) > NAME_LENGTH:
            raise ValueError(f"New {kind} name must be at most {NAME_LENGTH} characters.")
        if new == old:
            raise ValueError(f"{label} {old!r} already has that name.")
        with self._write() as conn:
            on_list = set(conn.execute(sa.select(N.c.name).where(N.c.kind == kind)).scalars())
            if old not in on_list:
                raise KeyError(f"{label} == {old!r} is not on the list.")
            merged = new in on_list
            rows, records = _rename_rows(conn, kind, old, new)
            if kind == "site":
                _rename_user_sites(conn, old, new)
            conn.execute(N.delete().where(N.c.kind == kind, N.c.name == old))
            if not merged:
                conn.execute(
                    N.insert().values(
                        kind=kind, name=new, created_at=dt.datetime.now(dt.UTC), created_by=by
                    )
                )
            audit.record(
                conn,
                by,
                "list_rename",
                None,
                kind=kind,
                old=old,
                new=new,
                merged=merged,
                revisions=rows,
                records=records,
            )
        return RenameReport(kind, old, new, merged, rows, records)

    def name_counts(self, kind: str) -> pd.DataFrame:
        """Return each listed name with its records (latest revisions): name, records."""
        _check_kind(kind)
        col = A.c[kind]
        used = (
            sa.select(col.label("name"), sa.func.count().label("records"))
            .where(A.c.is_latest, A.c.archived_at.is_(None))
            .group_by(col)
            .subquery()
        )
        q = (
            sa.select(N.c.name, sa.func.coalesce(used.c.records, 0))
            .select_from(N.outerjoin(used, used.c.name == N.c.name))
            .where(N.c.kind == kind)
            .order_by(N.c.name)
        )
        with self._read() as conn:
            rows = conn.execute(q).all()
        return pd.DataFrame(rows, columns=["name", "records"]).astype({"records": int})

    def same_subject(self, record_id: str) -> pd.DataFrame:
        """Return the other records with the same worker_ref (search columns, newest first)."""
        with self._read() as conn:
            ref = conn.execute(
                sa.select(A.c.worker_ref).where(A.c.record_id == record_id, A.c.is_latest)
            ).scalar()
        if ref is None:
            raise KeyError(f"record_id == {record_id!r} is not saved.")
        q = sa.select(*_search_select()).where(A.c.is_latest, A.c.archived_at.is_(None))
        q = q.where(A.c.worker_ref == ref, A.c.record_id != record_id, sa.literal(bool(ref)))
        return self._frame(q.order_by(A.c.date.desc(), A.c.id.desc()))

    # ---------------------------------------------------------------- dashboard
    # Read from the narrow table (assessment_dash); the figures are cached per filter
    # set and data version, so a rerun with nothing changed costs one tiny query.

    def data_version(self) -> int:
        """Return the data version: moved on by every write to assessments or actions."""
        with self._read() as conn:
            return int(conn.execute(sa.select(version_table.c.version)).scalar_one())

    def cached(self, key: Any, compute: Callable[[], Any], *, version: int | None = None) -> Any:
        """Return ``compute()`` for ``key`` at the data version, computed once per version.

        ``version`` is what :meth:`data_version` returned before (a page reads it
        once per run); None reads it now. It is read before computing, so a write
        committed meanwhile moves the version past the one the result is kept
        under: it is never served again. Results are shared: callers must not
        change them.
        """
        version = self.data_version() if version is None else version
        return self._figures.get((key, version), compute)

    def dashboard(
        self,
        filters: Filters = Filters(),
        *,
        n_top: int = 10,
        n_need: int = 20,
        freq: str = "month",
        scope: Any = None,
        version: int | None = None,
    ) -> DashboardFigures:
        """Return every dashboard figure of ``filters``, cached per filters, scope and version.

        ``scope`` (the signed-in person's role and sites, from ScopedStore) is part
        of the cache key besides the already scoped ``filters``.
        """
        key = ("dashboard", filters, n_top, n_need, freq, scope)
        compute = lambda: self._dashboard(filters, n_top, n_need, freq)  # noqa: E731
        return self.cached(key, compute, version=version)

    def _dashboard(self, filters: Filters, n_top: int, n_need: int, freq: str) -> DashboardFigures:
        return DashboardFigures(
            **self.dashboard_counts(filters),
            trend=self.trend(filters, freq=freq),
            top_recommendations=self.top_recommendations(filters, n=n_top),
            need_action=self.need_action(filters, n=n_need),
        )

    def dashboard_counts(self, filters: Filters = Filters()) -> dict[str, Any]:
        """Return the records, those at high or above and very high overall, and the band counts.

        One query: a GROUP BY on ``bands_key`` (read from a covering index), the
        overall and factor bands unpacked from each key here. ``band_counts`` as
        :meth:`band_counts`.
        """
        q = sa.select(D.c.bands_key, sa.func.count()).where(*_dash_where(filters))
        with self._read() as conn:
            found = conn.execute(q.group_by(D.c.bands_key)).all()
        keys = np.array([k for k, _ in found], dtype=np.int64).reshape(-1, 1)
        n = np.array([c for _, c in found], dtype=np.int64)
        shifts = DASH_KEY_BITS * np.arange(len(FACTORS) + 1)
        codes = ((keys >> shifts) & ((1 << DASH_KEY_BITS) - 1)) - 2  # column 0: overall
        rows = []
        for j, f in enumerate(FACTORS):
            for b in (NOT_ASSESSED_BAND, -1, 0, 1, 2, 3):
                c = int(n[codes[:, j + 1] == b].sum())
                if c:
                    rows.append((f, b, c))
        return {
            "total": int(n.sum()),
            "high": int(n[codes[:, 0] >= HIGH].sum()),
            "very_high": int(n[codes[:, 0] > HIGH].sum()),
            "band_counts": pd.DataFrame(rows, columns=["factor", "band", "count"]).astype(
                {"band": int, "count": int}
            ),
        }

    def band_counts(self, filters: Filters = Filters()) -> pd.DataFrame:
        """Return how many records sit in each band of each factor: factor, band, count.

        Combinations with no record are left out, as a GROUP BY would.
        """
        return self.dashboard_counts(filters)["band_counts"]

    def trend(self, filters: Filters = Filters(), *, freq: str = "month") -> pd.DataFrame:
        """Return per period (first day) the records at high and very high overall, and all.

        ``high`` counts overall band high, ``very_high`` overall band very high,
        ``assessed`` every record; periods without records between the first and
        the last are included with zeros. ``freq``: week (from Monday), month,
        quarter, year.
        """
        if freq not in TREND_FREQS:
            raise ValueError(f"freq == {freq!r}, must be one of: {', '.join(TREND_FREQS)}.")
        q = (
            sa.select(
                D.c.date,
                sa.func.sum(sa.case((D.c.overall_band == HIGH, 1), else_=0)),
                sa.func.sum(sa.case((D.c.overall_band > HIGH, 1), else_=0)),
                sa.func.count(),
            )
            .where(*_dash_where(filters))
            .group_by(D.c.date)
        )
        with self._read() as conn:
            daily = pd.DataFrame(
                conn.execute(q).all(), columns=["date", "high", "very_high", "assessed"]
            )
        cols = ["period", "high", "very_high", "assessed"]
        if daily.empty:
            return pd.DataFrame(
                {c: pd.Series(dtype=object if c == "period" else int) for c in cols}
            )
        d = pd.to_datetime(daily["date"])
        if freq == "week":
            start = d - pd.to_timedelta(d.dt.weekday, unit="D")
        else:
            start = d.dt.to_period({"month": "M", "quarter": "Q", "year": "Y"}[freq]).dt.start_time
        daily["period"] = start.dt.normalize()
        out = daily.groupby("period")[["high", "very_high", "assessed"]].sum().astype(int)
        full = pd.date_range(out.index.min(), out.index.max(), freq=TREND_FREQS[freq])
        out = out.reindex(full, fill_value=0)
        out.index = [p.date() for p in out.index]
        return out.rename_axis("period").reset_index()[cols]

    def top_recommendations(self, filters: Filters = Filters(), *, n: int = 10) -> pd.DataFrame:
        """Return the recommendations given to most records: id, factor, control, text, count."""
        with self._read() as conn:
            counts = recommendation_counts(conn, filters)
        found = sorted(counts.items(), key=lambda rc: (-rc[1], rc[0]))[:n]
        rows = []
        for rec_id, count in found:
            try:
                e = recommendations.entry_for(rec_id)
                rows.append((rec_id, e.factor, e.control, e.officer, int(count)))
            except KeyError:  # an entry a later catalogue dropped: still counted
                rows.append((rec_id, "", "", rec_id, int(count)))
        return pd.DataFrame(rows, columns=["id", "factor", "control", "text", "count"]).astype(
            {"count": int}
        )

    def need_action(
        self, filters: Filters = Filters(), *, n: int = 20, min_band: int = HIGH
    ) -> pd.DataFrame:
        """Return the records that need action first: overall band >= ``min_band`` (high).

        Ordered by worst overall band, then most factors at high or above, then
        highest risk index of any factor, then newest date.
        """
        # The order is walked backwards on the narrow table's index; then the n rows'
        # list columns are read from the full table.
        first = (
            sa.select(D.c.row_id)
            .where(*_dash_where(filters), D.c.overall_band >= min_band)
            .order_by(
                D.c.overall_band.desc(),
                D.c.n_high.desc(),
                D.c.rank_index.desc(),
                D.c.date.desc(),
                D.c.row_id.desc(),
            )
            .limit(n)
        )
        with self._read() as conn:
            ids = list(conn.execute(first).scalars())
        df = self._frame(sa.select(*_search_select(), A.c.id).where(A.c.id.in_(ids)))
        order = {row_id: k for k, row_id in enumerate(ids)}
        df = df.sort_values("id", key=lambda c: c.map(order), kind="stable")
        return df.drop(columns=["id"]).reset_index(drop=True)

    def load_for_summary(self, filters: Filters = Filters()) -> list[m.Assessment]:
        """Return the models of every matching record (latest revisions), newest date first."""
        q = (
            sa.select(A.c.input_layout, A.c.input_json)
            .where(*_where(filters))
            .order_by(A.c.date.desc(), A.c.id.desc())
        )
        with self._read() as conn:
            return [_rebuild(layout, doc) for layout, doc in conn.execute(q)]

    def summary_figures(self, filters: Filters = Filters(), *, top_n: int = 20):
        """Return the summary report's figures from the stored result columns (SQL aggregates).

        See :func:`assessments.stored_summary.stored_summary`: nothing is re-scored and
        memory does not grow with the number of records.
        """
        from assessments.stored_summary import stored_summary

        return stored_summary(self, filters, top_n=top_n)

    def export(
        self, filters: Filters = Filters(), fmt: str = "csv", *, include_samples: bool = False
    ) -> bytes:
        """Return the matching records in the flat layout plus result columns, as CSV or xlsx.

        Written by the one spreadsheet-safe writer (:mod:`assessments.tables`):
        formula-like text neutralised, embedded line breaks quoted; the file
        imports again as it is (the result columns are recognised and ignored).
        Sample data is left out unless ``include_samples`` (or the filters ask for
        samples only).
        """
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"fmt == {fmt!r}, must be one of: {', '.join(EXPORT_FORMATS)}.")
        if not include_samples and filters.samples is None:
            filters = replace(filters, samples=False)
        df = self.export_frame(filters)
        return csv_bytes(df) if fmt == "csv" else xlsx_bytes(df)

    def export_frame(self, filters: Filters = Filters()) -> pd.DataFrame:
        """Return the matching records as one DataFrame: flat input layout, then results."""
        cols = [
            A.c.record_id,
            A.c.revision,
            A.c.saved_at,
            A.c.input_layout,
            A.c.input_json,
            A.c.method_version,
            A.c.overall_band,
            A.c.n_high,
            *[A.c[f"{f}_band"] for f in FACTORS],
            *[A.c[f"{f}_index"] for f in FACTORS],
        ]
        q = sa.select(*cols).where(*_where(filters)).order_by(A.c.date.desc(), A.c.id.desc())
        with self._read() as conn:
            res = conn.execute(q).mappings().all()
        flat = [
            r["input_json"]
            if r["input_layout"] == "flat"
            else assessment_to_row(_rebuild(r["input_layout"], r["input_json"]))
            for r in res
        ]
        slots = dict(TEMPLATE_SLOTS)
        for row in flat:
            for c in row:
                mt = _SLOT.match(c)
                if mt and f"{mt[1]}.{mt[2]}" in slots:
                    scope = f"{mt[1]}.{mt[2]}"
                    slots[scope] = max(slots[scope], int(mt[3]))
        out = pd.DataFrame(flat, columns=csv_columns(slots))
        if res:
            out["date"] = [str(d) for d in out["date"]]
        results = {
            "record_id": [r["record_id"] for r in res],
            "revision": [r["revision"] for r in res],
            "saved_at": [_utc(r["saved_at"]).isoformat() for r in res],
            "method_version": [r["method_version"] for r in res],
        }
        for f in FACTORS:
            results[f"{f}.band"] = band_labels([r[f"{f}_band"] for r in res])
            results[f"{f}.index"] = [r[f"{f}_index"] for r in res]
        stored = np.array([[r[f"{f}_band"] for f in FACTORS] for r in res], dtype=int)
        overall = [r["overall_band"] for r in res]
        results["overall.band"] = band_labels(overall_codes(stored.reshape(len(res), -1), overall))
        results["overall.n_high"] = [r["n_high"] for r in res]
        return pd.concat([out, pd.DataFrame(results, index=out.index)], axis=1)

    # ------------------------------------------------------------ internals

    def _distinct(self, column: str, sites: tuple[str, ...] | None = None) -> list[str]:
        """Return the distinct non-blank values of a narrow column among live records, sorted.

        A loose index scan: each step seeks the next value in the column's index, so
        the cost grows with the number of values, not of records.
        """
        assert column in ("site", "department")
        where = (
            f"is_latest = :t AND archived = :f{' AND site IN :sites' if sites is not None else ''}"
        )
        step = f"SELECT min({column}) FROM assessment_dash WHERE {where} AND {column} >"
        q = sa.text(
            f"WITH RECURSIVE v(x) AS (SELECT ({step} '') "
            f"UNION ALL SELECT ({step} v.x) FROM v WHERE v.x IS NOT NULL) "
            "SELECT x FROM v WHERE x IS NOT NULL"
        )
        params: dict[str, Any] = {"t": True, "f": False}
        if sites is not None:
            if not sites:
                return []
            q = q.bindparams(sa.bindparam("sites", expanding=True))
            params["sites"] = list(sites)
        with self._read() as conn:
            return list(conn.execute(q, params).scalars())

    def _frame(self, q) -> pd.DataFrame:
        with self._read() as conn:
            rows = conn.execute(q).all()
        extra = [c.name for c in q.selected_columns][len(SEARCH_COLUMNS) :]
        df = pd.DataFrame(rows, columns=[*SEARCH_COLUMNS, *extra])
        ints = ["revision", "overall_band", "n_high", *[f"{f}.band" for f in FACTORS]]
        df = df.astype(
            {c: int for c in ints} | {f"{f}.index": float for f in FACTORS} | {"is_sample": bool}
        )
        df["saved_at"] = pd.to_datetime([_utc(v) for v in df["saved_at"]], utc=True)
        return df


def _where(f: Filters) -> list:
    """Return the WHERE clauses of a filter (always: latest revision only)."""
    out = [A.c.is_latest, A.c.archived_at.is_(None)]
    if f.owner is not None:
        out.append(A.c.owner_email == f.owner)
    if f.sites is not None:
        out.append(A.c.site.in_(f.sites))
    if f.departments is not None:
        out.append(A.c.department.in_(f.departments))
    if f.date_from is not None:
        out.append(A.c.date >= f.date_from)
    if f.date_to is not None:
        out.append(A.c.date <= f.date_to)
    if f.min_overall_band is not None:
        out.append(A.c.overall_band >= f.min_overall_band)
    if f.factor_at_high is not None:
        out.append(A.c[f"{f.factor_at_high}_band"] >= HIGH)
    if f.assessment_id is not None:
        out.append(A.c.assessment_id == f.assessment_id)
    if f.recommendation is not None:
        rr = R.alias("given_rec")  # an alias, as in _dash_where
        given = sa.select(rr.c.row_id).where(rr.c.row_id == A.c.id, rr.c.rec_id == f.recommendation)
        out.append(given.exists())
    if f.samples is not None:
        out.append(A.c.is_sample == f.samples)
    if f.text:
        out.append(_text_clause(f.text))
    return out


def recommendation_counts(conn: Connection, filters: Filters) -> dict[str, int]:
    """Return catalogue entry id -> number of the selected revisions it was given to.

    One row per revision, grouped by its set of recommendations: a few hundred sets
    to add up here, however many records there are.
    """
    by_set = (
        sa.select(RR.c.set_id, sa.func.count().label("n"))
        .where(*_dash_where(filters, RR))
        .group_by(RR.c.set_id)
        .subquery()
    )
    q = sa.select(RS.c.recs, by_set.c.n).join(by_set, by_set.c.set_id == RS.c.set_id)
    counts: dict[str, int] = {}
    for recs, k in conn.execute(q):
        for rec_id in recs.split(" "):
            counts[rec_id] = counts.get(rec_id, 0) + int(k)
    return counts


def _dash_where(f: Filters, table: sa.Table = D) -> list:
    """Return the WHERE clauses of a filter on the narrow table (always: live latest revisions).

    The flags are compared with ``=`` so SQLite can use the composite indexes; the
    text and exact-id searches, which the narrow table does not hold, select the
    matching rows of the full table. ``table`` may be the recommendation table, which
    holds the flags, owner, site, department and date: any other filter selects the
    matching rows of the narrow table.
    """
    t = table
    out = [t.c.is_latest == sa.true(), t.c.archived == sa.false()]
    if f.owner is not None:
        out.append(t.c.owner_email == f.owner)
    if f.sites is not None:
        out.append(t.c.site.in_(f.sites))
    if f.departments is not None:
        out.append(t.c.department.in_(f.departments))
    if f.date_from is not None:
        out.append(t.c.date >= f.date_from)
    if f.date_to is not None:
        out.append(t.c.date <= f.date_to)
    if f.samples is not None:
        out.append(t.c.is_sample == f.samples)
    if t is not D:
        rest = replace(f, owner=None, sites=None, departments=None, date_from=None, date_to=None)
        rest = replace(rest, samples=None)
        if rest != Filters():
            out.append(t.c.row_id.in_(sa.select(D.c.row_id).where(*_dash_where(rest))))
        return out
    if f.min_overall_band is not None:
        out.append(D.c.overall_band >= f.min_overall_band)
    if f.factor_at_high is not None:
        out.append(D.c[f"{f.factor_at_high}_band"] >= HIGH)
    if f.recommendation is not None:
        g = R.alias("given")  # its own FROM: the top-recommendations query joins R too
        given = sa.select(g.c.row_id).where(
            g.c.row_id == D.c.row_id, g.c.rec_id == f.recommendation
        )
        out.append(given.exists())
    if f.assessment_id is not None or f.text:
        found = Filters(assessment_id=f.assessment_id, text=f.text)
        out.append(D.c.row_id.in_(sa.select(A.c.id).where(*_where(found))))
    return out


def _text_clause(text: str):
    """Return the text search: the record with exactly this id, else folded substrings.

    Typed text that is some record's assessment id (as typed or in capitals)
    finds that record only, so "IMP-1" does not also list IMP-10.
    """
    t = text.strip()
    ids = sorted({t, t.upper()})
    other = A.alias("exact_id")  # its own FROM: the EXISTS is asked once, not per row
    has_exact = sa.select(other.c.id).where(other.c.is_latest, other.c.assessment_id.in_(ids))
    has_exact = has_exact.exists()
    exact = A.c.assessment_id.in_(ids)
    folded = fold(t).replace("\n", " ")
    return sa.or_(
        sa.and_(has_exact, exact),
        sa.and_(~has_exact, A.c.search_text.contains(folded, autoescape=True)),
    )


_BULK_COLUMNS = [
    "id",
    "record_id",
    "revision",
    "is_latest",
    "saved_at",
    *HEADER_COLUMNS,
    "schema_version",
    "input_layout",
    "input_json",
    "method_version",
    "results_json",
    "overall_band",
    "n_high",
    "max_index",
    *[f"{f}_band" for f in FACTORS],
    *[f"{f}_index" for f in FACTORS],
    "is_sample",
    "search_text",
    "saved_by",
]


def _check_kind(kind: str) -> None:
    if kind not in names.KINDS:
        raise ValueError(f"kind == {kind!r}, must be one of: {', '.join(names.KINDS)}.")


def _keep_names(
    conn: Connection, wanted: dict[str, set[str]], by: str, *, how: str = "saved with a record"
) -> list[tuple[str, str]]:
    """Put the names saved records carry on the list (as stored); return the ones added.

    Each new name is an audit event when ``by`` names the person who saved it.
    """
    added = []
    for kind, found in wanted.items():
        fresh = {n for n in found if n}
        if not fresh:
            continue
        have = sa.select(N.c.name).where(N.c.kind == kind, N.c.name.in_(sorted(fresh)))
        for name in sorted(fresh - set(conn.execute(have).scalars())):
            row = {"kind": kind, "name": name, "created_at": dt.datetime.now(dt.UTC)}
            stmt = _insert(conn, N).values(**row, created_by=by).on_conflict_do_nothing()
            if conn.execute(stmt).rowcount:
                added.append((kind, name))
                if by:
                    audit.record(conn, by, "list_add", None, kind=kind, name=name, how=how)
    return added


def _rename_rows(conn: Connection, kind: str, old: str, new: str) -> tuple[int, int]:
    """Rename ``old`` to ``new`` in every revision (column and stored input); return counts."""
    col = A.c[kind]
    found = conn.execute(
        sa.select(A.c.id, A.c.record_id, A.c.input_layout, A.c.input_json).where(col == old)
    ).all()
    records = {r.record_id for r in found}
    stmt = (
        A.update()
        .where(A.c.id == sa.bindparam("row"))
        .values({kind: new, "input_json": sa.bindparam("doc")})
    )
    for start in range(0, len(found), IMPORT_CHUNK):
        part = found[start : start + IMPORT_CHUNK]
        conn.execute(stmt, [{"row": r.id, "doc": _renamed(r, kind, new)} for r in part])
    return len(found), len(records)


def _renamed(row, kind: str, new: str) -> dict:
    """Return a stored input document with its site or department set to ``new``."""
    doc = row.input_json if isinstance(row.input_json, dict) else json.loads(row.input_json)
    doc = json.loads(json.dumps(doc))  # a copy: the row's own value stays as read
    if row.input_layout == "flat":
        doc[kind] = new
    else:
        doc.setdefault("header", {})[kind] = new
    return doc


def _rename_user_sites(conn: Connection, old: str, new: str) -> None:
    """Move people limited to site ``old`` to ``new`` (once each, when they had both)."""
    us = sa.table("app_user_site", sa.column("email"), sa.column("site"))
    both = sa.select(us.c.email).where(us.c.site == new)
    conn.execute(us.delete().where(us.c.site == old, us.c.email.in_(both)))
    conn.execute(us.update().where(us.c.site == old).values(site=new))


def _mark_held(conn: Connection) -> None:
    """Record (once) that this database has held assessments, so samples never load into it."""
    if conn.execute(sa.select(meta_table.c.key).where(meta_table.c.key == HELD_DATA)).first():
        return
    row = {"key": HELD_DATA, "value": "saved by a user", "written_at": dt.datetime.now(dt.UTC)}
    conn.execute(_insert(conn, meta_table).values(**row).on_conflict_do_nothing())


def _claim_samples(conn: Connection) -> None:
    """Claim the never-used database for sample data; raise DataAlreadyHeld if it was used.

    The claim is the ``held_data`` row, written in the transaction that loads the
    samples: its primary key lets exactly one of several concurrent seeders
    commit (the others wait for it, then fail on the key), and a later seeder
    finds it, even after every record was deleted.
    """
    taken = sa.select(meta_table.c.key).where(meta_table.c.key == HELD_DATA)
    if conn.execute(taken).first() is not None:
        raise DataAlreadyHeld("this database holds, or once held, assessments")
    row = {"key": HELD_DATA, "value": "sample data", "written_at": dt.datetime.now(dt.UTC)}
    try:
        conn.execute(meta_table.insert().values(**row))
    except IntegrityError as exc:  # another seeder committed first
        raise DataAlreadyHeld("another process loaded the sample data") from exc


def _keep_reviews(conn: Connection, record_ids: list[str]) -> None:
    """Store the records' next review dates with their new latest revisions."""
    from assessments.actions import keep_reviews  # the actions build on the store

    keep_reviews(conn, record_ids)


def _insert(conn: Connection, table: sa.Table):
    """Return the dialect's INSERT (with ON CONFLICT support) for ``table``."""
    dialect = pg_dialect if conn.dialect.name == "postgresql" else sqlite_dialect
    return dialect.insert(table)


def _allocate_readable(
    conn: Connection, k: int, year: int, taken: set[str] = frozenset()
) -> list[str]:
    """Return ``k`` new readable ids ERG-<year>-<number>, unique among saved ids.

    One upsert moves the year's counter on by ``k`` and returns its new value:
    atomic on both databases (PostgreSQL locks the counter row until commit;
    SQLite writers hold the database lock), so concurrent writers never get the
    same number. Numbers a user already typed as an id (or ``taken``) are skipped.
    """
    out: list[str] = []
    while len(out) < k:
        need = k - len(out)
        stmt = _insert(conn, counter_table).values(year=year, last=need)
        stmt = stmt.on_conflict_do_update(
            index_elements=[counter_table.c.year], set_={"last": counter_table.c.last + need}
        ).returning(counter_table.c.last)
        last = int(conn.execute(stmt).scalar_one())
        fresh = [READABLE_ID.format(year=year, number=x) for x in range(last - need + 1, last + 1)]
        used = set(taken)
        for start in range(0, len(fresh), IMPORT_CHUNK):
            part = fresh[start : start + IMPORT_CHUNK]
            used |= set(
                conn.execute(
                    sa.select(A.c.assessment_id).where(A.c.assessment_id.in_(part))
                ).scalars()
            )
        out += [x for x in fresh if x not in used]
    return out


def _fill_readable_ids(
    conn: Connection, rows: list[list], flat: list[dict], year: int, dumps
) -> None:
    """Give each bulk row without an assessment id a readable one (column, input JSON, search)."""
    k_id = _BULK_COLUMNS.index("assessment_id")
    blank = [i for i, r in enumerate(rows) if not r[k_id]]
    if not blank:
        return
    given = {r[k_id] for r in rows if r[k_id]}
    k_json, k_search = _BULK_COLUMNS.index("input_json"), _BULK_COLUMNS.index("search_text")
    k_ref, k_job = _BULK_COLUMNS.index("worker_ref"), _BULK_COLUMNS.index("job_title")
    for i, aid in zip(blank, _allocate_readable(conn, len(blank), year, given), strict=True):
        row = rows[i]
        row[k_id] = aid
        flat[i]["assessment_id"] = aid
        row[k_json] = dumps(flat[i])
        row[k_search] = search_text(aid, row[k_ref], row[k_job])


def _copy_rows(conn: Connection, table: str, columns: list[str], rows: list) -> None:
    """Write rows with PostgreSQL's COPY (an order of magnitude faster than INSERTs)."""
    if not rows:
        return
    raw = conn.connection.driver_connection
    cols = ", ".join(columns)
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _executemany_rows(conn: Connection, table: str, columns: list[str], rows: list) -> None:
    """Write rows with the DB-API's executemany, values stored as SQLAlchemy reads them."""
    if not rows:
        return
    pos = {c: k for k, c in enumerate(columns)}
    if "saved_at" in pos:
        # SQLAlchemy's SQLite DateTime/Date storage format; booleans as 0/1.
        k_at, k_date, k_latest = pos["saved_at"], pos["date"], pos["is_latest"]
        conv = []
        for r in rows:
            r = list(r)
            r[k_at] = r[k_at].astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
            r[k_date] = r[k_date].isoformat()
            r[k_latest] = int(r[k_latest])
            conv.append(r)
        rows = conv
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    conn.connection.driver_connection.cursor().executemany(sql, rows)


def _rebuild(layout: str, doc: dict) -> m.Assessment:
    """Return the model a stored input JSON describes."""
    # Opened as saved: a rule added since (the date window) must not lose a record.
    if layout == "flat":
        return row_to_assessment(doc, context={"stored": True})
    return m.Assessment.model_validate(doc, context={"stored": True})


def _normalise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Return the frame with spreadsheet dates as YYYY-MM-DD text (Excel gives datetimes)."""
    if "date" in df.columns and pd.api.types.is_datetime64_any_dtype(df["date"].dtype):
        df = df.copy()
        df["date"] = df["date"].dt.strftime("%Y-%m-%d").astype(object)
    elif "date" in df.columns and df["date"].dtype == object:
        col = df["date"]
        stamps = col.map(lambda v: isinstance(v, dt.date | pd.Timestamp)).to_numpy()
        if stamps.any():
            df = df.copy()
            df["date"] = [
                v.strftime("%Y-%m-%d") if s else v for v, s in zip(col, stamps, strict=True)
            ]
    return df


def _flat_rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Return each row's non-blank cells as a JSON-ready dict (column by column, fast).

    Blank means what :func:`assessments.io.row_to_assessment` skips: None, NaN or
    whitespace-only text, so rebuilding from the dict gives the same model.
    """
    n = len(df)
    rows: list[dict[str, Any]] = [{} for _ in range(n)]
    for c in df.columns:
        col = df[c]
        if pd.api.types.is_bool_dtype(col.dtype):
            values = col.to_numpy(dtype=bool).tolist()
            keep = np.arange(n)
        elif pd.api.types.is_numeric_dtype(col.dtype):
            v = col.to_numpy(dtype=float, na_value=np.nan)
            keep = np.flatnonzero(~np.isnan(v))
            values = v.tolist()
        else:
            obj = col.astype(object).to_numpy()
            codes, uniques = pd.factorize(obj, use_na_sentinel=True)
            ok = np.array([not _blank_cell(u) for u in uniques] + [False], dtype=bool)
            keep = np.flatnonzero(ok[codes])
            values = [_json_cell(u) for u in uniques]
            values = [values[k] for k in codes[keep].tolist()]
            for i, val in zip(keep.tolist(), values, strict=True):
                rows[i][c] = val
            continue
        for i in keep.tolist():
            rows[i][c] = values[i]
    return rows


def _blank_cell(v: Any) -> bool:
    if v is None or v is pd.NA:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    return isinstance(v, str) and not v.strip()


def _json_cell(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, dt.date | pd.Timestamp):
        return v.isoformat()
    return v


# ------------------------------------------------------------------ engine, migrations


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(
            url, connect_args={"timeout": 60, "check_same_thread": False}, future=True
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            # A writer takes the write lock up front, so it cannot deadlock with
            # another writer that read first (SQLITE_BUSY mid-transaction).
            write = conn.get_execution_options().get("ergo_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    return sa.create_engine(url, pool_pre_ping=True, future=True)


def alembic_config(connection: Connection | None = None, url: str | None = None):
    """Return the Alembic configuration, built in code (no alembic.ini)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest)."""
    from alembic import command

    with engine.connect() as conn:
        conn.execution_options(ergo_write=True)
        with conn.begin():
            command.upgrade(alembic_config(conn), revision)


def current_revision(engine: Engine) -> str | None:
    """Return the database's Alembic revision (None before the first migration)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """Return the newest migration's revision id."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
