"""Triggered recommendations as rows, so "top actions" is one GROUP BY on any backend.

Revision 0001 kept them only inside ``results_json["recommendations"]``; this
creates the child table and fills it from the rows already saved.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-20
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    rec = op.create_table(
        "assessment_recommendation",
        sa.Column(
            "row_id",
            ID,
            sa.ForeignKey("assessment.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("rec_id", sa.String(64), primary_key=True),
    )
    op.create_index("ix_assessment_recommendation_rec_id", "assessment_recommendation", ["rec_id"])
    # Backfill in pages so a large database never sits in memory at once.
    bind = op.get_bind()
    a = sa.table("assessment", sa.column("id", ID), sa.column("results_json", sa.JSON()))
    last = 0
    while True:
        page = bind.execute(
            sa.select(a.c.id, a.c.results_json).where(a.c.id > last).order_by(a.c.id).limit(5000)
        ).all()
        if not page:
            break
        rows = [
            {"row_id": rid, "rec_id": str(r)}
            for rid, results in page
            for r in dict.fromkeys((results or {}).get("recommendations", []))
        ]
        if rows:
            bind.execute(rec.insert(), rows)
        last = page[-1][0]


def downgrade() -> None:
    op.drop_table("assessment_recommendation")
