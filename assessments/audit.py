"""The audit trail: who did what, when, to which record, in an append-only table.

Every write through :class:`assessments.store.Store` or :mod:`assessments.access`
records one event *in the same transaction* as the change, so a change without
its audit row cannot be committed. The database refuses UPDATE and DELETE on the
table (triggers in migration 0005), so an event, once written, stays.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
metadata = sa.MetaData()
audit_table = sa.Table(
    "audit_event",
    metadata,
    sa.Column("id", _ID, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(320), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("record_id", sa.String(32), nullable=True),
    sa.Column("detail", sa.JSON(), nullable=False),
)
ACTIONS = (
    "save",
    "revision",
    "import",
    "export",
    "review",
    "role_change",
    "user_remove",
    "archive",
    "restore",
    "purge",
    "action",  # a corrective action created, changed or moved to another status
    "list_add",  # a site or department put on the organisation's list
    "list_rename",  # a site or department renamed, or merged into another
)
COLUMNS = ["at", "actor", "action", "record_id", "detail"]


def record(
    conn: Connection, actor: str, action: str, record_id: str | None = None, **detail: Any
) -> None:
    """Write one audit event on ``conn`` (inside the caller's transaction); return nothing.

    ``detail`` must be JSON-ready. Raises ValueError for an unknown action or a blank actor.
    """
    if action not in ACTIONS:
        raise ValueError(f"action == {action!r}, must be one of: {', '.join(ACTIONS)}.")
    if not actor:
        raise ValueError("actor is blank; every audit event names the person who acted.")
    conn.execute(
        audit_table.insert().values(
            at=dt.datetime.now(dt.UTC),
            actor=actor,
            action=action,
            record_id=record_id,
            detail=detail,
        )
    )


def events(
    engine: Engine,
    *,
    action: str | None = None,
    actor: str | None = None,
    record_id: str | None = None,
    limit: int | None = 1000,
) -> pd.DataFrame:
    """Return the audit events, newest first: at (UTC), actor, action, record_id, detail."""
    t = audit_table
    q = sa.select(t.c.at, t.c.actor, t.c.action, t.c.record_id, t.c.detail)
    if action:
        q = q.where(t.c.action == action)
    if actor:
        q = q.where(t.c.actor == actor)
    if record_id:
        q = q.where(t.c.record_id == record_id)
    q = q.order_by(t.c.id.desc())
    if limit is not None:
        q = q.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["at"] = pd.to_datetime(
        [v.replace(tzinfo=dt.UTC) if v.tzinfo is None else v for v in df["at"]], utc=True
    )
    return df


def to_csv(df: pd.DataFrame) -> bytes:
    """Return audit events as CSV bytes (detail as JSON text; formulas neutralised)."""
    from assessments.export import neutralise_formulas

    out = df.copy()
    out["at"] = [v.isoformat() for v in out["at"]]
    out["detail"] = [json.dumps(d, ensure_ascii=False, sort_keys=True) for d in out["detail"]]
    buf = io.StringIO()
    neutralise_formulas(out).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")
