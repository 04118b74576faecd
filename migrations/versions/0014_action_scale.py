"""Corrective actions at scale: covering indexes and each record's stored next review date.

- ``action``: the Follow-up lists filter active actions by due date and join each to
  its record, and the dashboard counts actions per status over the records in scope;
  (status, due_date, record_id) and (record_id, status, due_date) let both read the
  index alone. They replace the two indexes of 0007 that are their prefixes. A third
  lets the risk-removed figures group the verified actions from the index alone.
- ``assessment_dash``: (record_id, is_latest, archived) finds a record's live latest
  revision in the narrow table, which is what every action query joins to.
- ``record_review``: one row per record, its next review date and the rule that set
  it, written whenever a revision is saved or an action verified, so "reassessments
  due within N days" is a range read on an index instead of every record's rules
  computed on each page view. The rows are computed with the review policy named in
  ``ergo_meta`` (key ``review_policy``); the application recomputes them all when its
  policy differs. This migration fills them with the default policy, written out
  below as the application's defaults stand (project defaults, not from a standard).

Revision ID: 0014_action_scale
Revises: 0015_dashboard_speed (chained after it at the merge: both were made on 0012)
Create Date: 2026-12-02
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0014_action_scale"
down_revision = "0015_dashboard_speed"
branch_labels = None
depends_on = None

POLICY_KEY = "review_policy"
# The default review policy [days]: the organisation's policy, not from a standard.
DEFAULT = {"audit": 365, "self": 365, "high": 182, "very_high": 91, "symptoms": 30, "verified": 182}
HIGH = 2  # the band code of "high" in every method's scale
CHUNK = 5_000
BIG = 10_000  # rows from which a table's planner statistics are gathered
ACTION_INDEXES = {
    "ix_action_status_due_record": ("status", "due_date", "record_id"),
    "ix_action_record_status_due": ("record_id", "status", "due_date"),
    # the risk-removed figures: each record's and factor's first verified action, in order
    "ix_action_verified": ("status", "record_id", "factor", "baseline_revision", "verified_at"),
}
OLD_ACTION_INDEXES = {
    "ix_action_record_id": ("record_id",),
    "ix_action_status_due": ("status", "due_date"),
}
DASH_INDEX = "ix_assessment_dash_record"


def policy_key(p: dict) -> str:
    """Return the policy as ``ergo_meta`` keeps it (the ERGO_REVIEW_DAYS syntax)."""
    return ",".join(f"{k}={p[k]}" for k in DEFAULT)


def next_review(row, p: dict = DEFAULT) -> tuple[dt.date, str]:
    """Return (next review date, rule) of one latest revision, the earliest rule winning."""

    def day(v):  # a date, a datetime (its UTC day, as the application takes it) or text
        if isinstance(v, dt.datetime):
            return (v if v.tzinfo is None else v.astimezone(dt.UTC)).date()
        return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])

    date = day(row.date)
    found = [
        (
            "interval",
            date + dt.timedelta(days=p["self" if row.assessment_type == "self" else "audit"]),
        )
    ]
    if row.overall_band == HIGH:
        found.append(("high result", date + dt.timedelta(days=p["high"])))
    if row.overall_band > HIGH:
        found.append(("very high result", date + dt.timedelta(days=p["very_high"])))
    if row.shared_symptoms:
        found.append(("symptoms reported", date + dt.timedelta(days=p["symptoms"])))
    if row.verified_at is not None:
        found.append(("action verified", day(row.verified_at) + dt.timedelta(days=p["verified"])))
    rule, when = found[0]
    for r, w in found[1:]:
        if w < when:  # the first rule wins a tie, as the application's does
            rule, when = r, w
    return when, rule


def _backfill(bind) -> None:
    md = sa.MetaData()
    a = sa.Table("assessment", md, autoload_with=bind)
    t = sa.Table("action", md, autoload_with=bind)
    rr = sa.Table("record_review", md, autoload_with=bind)
    meta = sa.Table("ergo_meta", md, autoload_with=bind)
    verified = (
        sa.select(t.c.record_id, sa.func.max(t.c.verified_at).label("verified_at"))
        .where(t.c.status == "verified")
        .group_by(t.c.record_id)
        .subquery()
    )
    q = (
        sa.select(
            a.c.record_id,
            a.c.date,
            a.c.assessment_type,
            a.c.overall_band,
            a.c.shared_symptoms,
            verified.c.verified_at,
        )
        .outerjoin_from(a, verified, verified.c.record_id == a.c.record_id)
        .where(a.c.is_latest == sa.true())
    )
    rows = []
    for row in bind.execute(q):
        when, rule = next_review(row)
        rows.append({"record_id": row.record_id, "next_review": when, "rule": rule})
        if len(rows) == CHUNK:
            bind.execute(rr.insert(), rows)
            rows = []
    if rows:
        bind.execute(rr.insert(), rows)
    bind.execute(meta.delete().where(meta.c.key == POLICY_KEY))
    bind.execute(
        meta.insert().values(
            key=POLICY_KEY, value=policy_key(DEFAULT), written_at=dt.datetime.now(dt.UTC)
        )
    )


def upgrade() -> None:
    for name, cols in ACTION_INDEXES.items():
        op.create_index(name, "action", list(cols))
    for name in OLD_ACTION_INDEXES:
        op.drop_index(name, table_name="action")
    op.create_index(DASH_INDEX, "assessment_dash", ["record_id", "is_latest", "archived"])
    op.create_table(
        "record_review",
        sa.Column("record_id", sa.String(32), primary_key=True),
        sa.Column("next_review", sa.Date(), nullable=False),
        sa.Column("rule", sa.String(32), nullable=False),
    )
    op.create_index("ix_record_review_next", "record_review", ["next_review", "record_id"])
    bind = op.get_bind()
    _backfill(bind)
    _analyze(bind)


def _analyze(bind) -> None:
    """Give the planner the new table's and indexes' statistics on a large database.

    Without them SQLite guessed that scanning every record was cheaper than the
    range of due dates; a small database is left to the defaults (statistics of a
    nearly empty table would mislead the planner as it grows).
    """
    for table in ("record_review", "action", "assessment_dash"):
        n = bind.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()
        if n >= BIG:
            bind.exec_driver_sql(f"ANALYZE {table}")


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.text("DELETE FROM ergo_meta WHERE key = :k"), {"k": POLICY_KEY})
    op.drop_index("ix_record_review_next", table_name="record_review")
    op.drop_table("record_review")
    op.drop_index(DASH_INDEX, table_name="assessment_dash")
    for name, cols in OLD_ACTION_INDEXES.items():
        op.create_index(name, "action", list(cols))
    for name in ACTION_INDEXES:
        op.drop_index(name, table_name="action")
