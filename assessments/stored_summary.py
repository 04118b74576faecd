"""The summary report's statistics read from the stored result columns, in SQL.

A summary over 100,000 saved assessments used to rebuild every pydantic model
from its input JSON and score them all again (20 s and 2.6 GB of the 31 s
measured). The results are stored beside the inputs (band and index per factor,
overall band, factors at high or above, the recommendations given), so the
summary is a handful of aggregate queries over those narrow columns: memory is
bounded by the answer (a band table, the top rows, one count per catalogue
entry), not by the number of records, and nothing is scored again.

:func:`stored_summary` returns plain arrays and a small table;
:func:`reports.summary.summarise_stored` turns them into the report's figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from assessments.store import (
    Filters,
    Store,
    _dash_where,
    _where,
    assessment_table,
    dash_table,
    recommendation_counts,
)
from scoring.bands import NOT_ASSESSED
from scoring.engine import FACTORS

# The counts and the ranking read the dashboard's narrow table (one small row per
# revision, no input or result JSON), the recommendations its sets of them (the
# dashboard's own count); only the 20 rows shown and the organisation names come from
# the full table.
A, D = assessment_table, dash_table
BAND_CODES = (NOT_ASSESSED, -1, 0, 1, 2, 3)  # as stored: not assessed, not applicable, bands
MAX_ORGANISATIONS = 50  # names kept for the report's facts table and running header
TOP_HEADER = ("assessment_id", "worker_ref", "site", "department", "date")


@dataclass(frozen=True)
class StoredSummary:
    """The summary figures of the matching records (latest revisions), as stored.

    ``factor_counts`` is (factors, 6), columns in :data:`BAND_CODES` order;
    ``overall_counts`` is (6,) in the same order (nothing scored is -2 when a
    factor was left out, -1 when every factor was judged not to apply); ``top``
    holds the ``top_n`` records that need action first (columns ``TOP_HEADER``,
    ``overall``, ``n_high``, ``max_index`` and one ``<factor>_band`` each), in the
    order the dashboard's "most need action" list uses; ``organisations`` in the
    order they first appear, newest date first.
    """

    n: int
    date_min: str | None
    date_max: str | None
    factor_counts: np.ndarray
    overall_counts: np.ndarray
    top: pd.DataFrame
    recommendation_counts: dict[str, int]
    organisations: tuple[str, ...]


def stored_summary(store: Store, filters: Filters, *, top_n: int = 20) -> StoredSummary:
    """Return the summary figures of the records ``filters`` selects, from stored columns."""
    where = _dash_where(filters)
    with store._read() as conn:
        n, date_min, date_max, factor_counts, overall_counts = _counts(conn, where)
        top = _top(conn, where, top_n)
        recs = recommendation_counts(conn, filters)
        orgs = _organisations(conn, _where(filters))
    return StoredSummary(
        n=n,
        date_min=_iso(date_min),
        date_max=_iso(date_max),
        factor_counts=factor_counts,
        overall_counts=overall_counts,
        top=top,
        recommendation_counts=recs,
        organisations=orgs,
    )


def _iso(v) -> str | None:
    if v is None:
        return None
    return v.isoformat() if isinstance(v, dt.date) else str(v)[:10]


def _left_out():
    """Return the SQL test "some factor's section was left out" (band not assessed)."""
    return sa.or_(*[D.c[f"{f}_band"] == NOT_ASSESSED for f in FACTORS])


def _overall_code():
    """Return the SQL overall band code as the summary counts it.

    Nothing scored is -2 (not assessed) when some factor was left out, -1 (not
    applicable) when every factor was judged not to apply
    (:func:`assessments.batch.overall_codes`).
    """
    return sa.case(
        (sa.and_(D.c.overall_band < 0, _left_out()), NOT_ASSESSED), else_=D.c.overall_band
    )


def _counts(conn, where: list):
    """Return (n, first date, last date, factor band counts, overall counts) in one scan."""
    overall = _overall_code()
    exprs = [
        sa.func.count(),
        sa.func.min(D.c.date),
        sa.func.max(D.c.date),
        *[
            sa.func.coalesce(sa.func.sum(sa.case((D.c[f"{f}_band"] == b, 1), else_=0)), 0)
            for f in FACTORS
            for b in BAND_CODES
        ],
        *[
            sa.func.coalesce(sa.func.sum(sa.case((overall == b, 1), else_=0)), 0)
            for b in BAND_CODES
        ],
    ]
    row = conn.execute(sa.select(*exprs).where(*where)).one()
    k = len(FACTORS) * len(BAND_CODES)
    factor_counts = np.array(row[3 : 3 + k], dtype=int).reshape(len(FACTORS), len(BAND_CODES))
    overall_counts = np.array(row[3 + k :], dtype=int)
    return int(row[0]), row[1], row[2], factor_counts, overall_counts


def _top(conn, where: list, top_n: int) -> pd.DataFrame:
    """Return the ``top_n`` records ranked worst first (the report's highest-risk table)."""
    bands = [D.c[f"{f}_band"] for f in FACTORS]
    q = (
        sa.select(
            *[A.c[c] for c in TOP_HEADER],
            _overall_code(),
            D.c.n_high,
            D.c.rank_index,
            *bands,
        )
        .select_from(D.join(A, A.c.id == D.c.row_id))
        .where(*where)
        .order_by(
            _overall_code().desc(),
            D.c.n_high.desc(),
            D.c.rank_index.desc(),
            D.c.date.desc(),
            D.c.row_id.desc(),
        )
        .limit(top_n)
    )
    columns = [*TOP_HEADER, "overall", "n_high", "max_index", *[f"{f}_band" for f in FACTORS]]
    df = pd.DataFrame(conn.execute(q).all(), columns=columns)
    df["date"] = [_iso(d) or "" for d in df["date"]]
    return df.astype({"overall": int, "n_high": int, "max_index": float})


def _organisations(conn, where: list) -> tuple[str, ...]:
    """Return the organisation names in the order they first appear, newest date first.

    One row per (organisation, date): bounded by the days assessed, not the records.
    """
    q = (
        sa.select(A.c.organisation, A.c.date, sa.func.max(A.c.id))
        .where(*where, A.c.organisation != "")
        .group_by(A.c.organisation, A.c.date)
    )
    first: dict[str, tuple] = {}
    for org, date, last_id in conn.execute(q):
        key = (date, last_id)
        if org not in first or key > first[org]:
            first[org] = key
    ordered = sorted(first, key=lambda o: first[o], reverse=True)
    return tuple(ordered[:MAX_ORGANISATIONS])
