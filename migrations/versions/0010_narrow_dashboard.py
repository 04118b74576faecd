"""The dashboard's narrow table and the data version every write moves on.

``assessment_dash`` holds, per saved revision, only what the dashboard filters and
counts by: the latest-revision and archived flags, site, department, date, the
overall band, the count of factors at high or above, a ranking index, each
factor's band and risk index, and ``bands_key`` (the overall band and every factor
band packed into one integer, 3 bits each) so the band counts of a whole filter set
are one GROUP BY over a covering index. No input or result JSON is in its rows.

Triggers keep it equal to ``assessment`` on every INSERT, UPDATE and DELETE, whoever
writes (save, import, archive, restore, purge, a later migration), and move
``ergo_data_version.version`` on in the same transaction, also for the corrective
actions (``action``), so a cache keyed by the version is invalidated by any write
from any process. On PostgreSQL the narrow table is kept by statement triggers
reading transition tables (one INSERT ... SELECT per COPY, not one call per row) and
the version by a deferred constraint trigger that updates the counter row once per
transaction at commit, so a long import does not hold the counter's lock for its
whole duration. The backfill copies the stored rows; nothing in ``assessment``
changes.

A later SQLite migration that recreates ``assessment`` (batch mode) drops these
triggers with it and must create them again (``dash_triggers.create_triggers``).

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from migrations import dash_triggers as dash

revision = "0010"
down_revision = "0009_org_lists"
branch_labels = None
depends_on = None

# Written out rather than imported: a migration keeps describing the schema it made.
FACTORS = (
    "workstation",
    "sitting",
    "lifting",
    "hand_arm_vibration",
    "whole_body_vibration",
    "contact_stress",
    "repetitive_motion",
    "awkward_posture",
)
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# The trigger SQL is migrations/dash_triggers.py's for these factors (a 27-bit key).
BIGINT_KEY = False
LIVE = ("is_latest", "archived")  # every dashboard query starts with these two

INDEXES = {
    # band counts: GROUP BY bands_key read from the index alone, any site/department/date
    "ix_assessment_dash_key": (*LIVE, "bands_key", "site", "department", "date"),
    # trend: GROUP BY date in index order, the overall band and filters in the index
    "ix_assessment_dash_date": (*LIVE, "date", "overall_band", "site", "department"),
    "ix_assessment_dash_site": (*LIVE, "site", "date"),
    "ix_assessment_dash_department": (*LIVE, "department", "date"),
    # most need action: the ORDER BY of Store.need_action walked backwards, LIMIT 20
    "ix_assessment_dash_need": (*LIVE, "overall_band", "n_high", "rank_index", "date"),
}

REC_INDEX = "ix_assessment_recommendation_rec_row"


def _columns() -> list[sa.Column]:
    return [
        sa.Column("row_id", ID, primary_key=True, autoincrement=False),
        sa.Column("record_id", sa.String(32), nullable=False),
        sa.Column("is_latest", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.Column("owner_email", sa.String(320), nullable=True),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("department", sa.String(200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("overall_band", sa.SmallInteger(), nullable=False),
        sa.Column("n_high", sa.SmallInteger(), nullable=False),
        sa.Column("rank_index", sa.Float(), nullable=False),
        sa.Column("bands_key", sa.Integer(), nullable=False),
        *[sa.Column(f"{f}_band", sa.SmallInteger(), nullable=False) for f in FACTORS],
        *[sa.Column(f"{f}_index", sa.Float(), nullable=True) for f in FACTORS],
    ]


def upgrade() -> None:
    op.create_table("assessment_dash", *_columns())
    op.create_table(
        "ergo_data_version",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    bind = op.get_bind()
    bind.exec_driver_sql("INSERT INTO ergo_data_version (id, version) VALUES (1, 1)")
    bind.exec_driver_sql(dash.insert_sql("a.", "assessment a", FACTORS, bigint_key=BIGINT_KEY))
    for name, cols in INDEXES.items():
        op.create_index(name, "assessment_dash", list(cols))
    # Top recommendations: read (rec_id, row_id) from the index alone, in rec_id order.
    op.create_index(REC_INDEX, "assessment_recommendation", ["rec_id", "row_id"])
    dash.create_triggers(bind, FACTORS, bigint_key=BIGINT_KEY)


def downgrade() -> None:
    dash.drop_triggers(op.get_bind())
    op.drop_index(REC_INDEX, table_name="assessment_recommendation")
    for name in INDEXES:
        op.drop_index(name, table_name="assessment_dash")
    op.drop_table("ergo_data_version")
    op.drop_table("assessment_dash")
