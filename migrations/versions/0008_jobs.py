"""Background jobs: one row per job and one per finished item, so each item is done once.

``job`` holds what was asked (kind, parameters, an uploaded file for an import), who
asked, the state and the progress. ``job_item`` holds each finished item's output
(one PDF, the summary PDF, an import's report); its primary key (job_id, item_key)
is what makes a retried task skip the items another attempt already finished.

Revision ID: 0008
Revises: 0007 (it needs only the 0002 schema)
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("input_data", sa.LargeBinary(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("started_at", WHEN, nullable=True),
        sa.Column("finished_at", WHEN, nullable=True),
    )
    op.create_index("ix_job_created_by", "job", ["created_by", "created_at"])
    op.create_table(
        "job_item",
        sa.Column("job_id", ID, sa.ForeignKey("job.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("item_key", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("done_at", WHEN, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("job_item")
    op.drop_index("ix_job_created_by", table_name="job")
    op.drop_table("job")
