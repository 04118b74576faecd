"""Corrective actions: one row per action on a saved record, and its history of changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "action",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(32), nullable=False),
        sa.Column("baseline_revision", sa.Integer(), nullable=False),
        sa.Column("rec_id", sa.String(64), nullable=True),
        sa.Column("factor", sa.String(32), nullable=True),
        sa.Column("control", sa.String(16), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(320), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("predicted_effect", sa.Text(), nullable=False),
        sa.Column("predicted_before", sa.Float(), nullable=True),
        sa.Column("predicted_after", sa.Float(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("followup_revision", sa.Integer(), nullable=True),
    )
    op.create_index("ix_action_record_id", "action", ["record_id"])
    # The Follow-up page lists active actions by due date.
    op.create_index("ix_action_status_due", "action", ["status", "due_date"])
    op.create_table(
        "action_event",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("action_id", ID, sa.ForeignKey("action.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
    )
    op.create_index("ix_action_event_action_id", "action_event", ["action_id"])


def downgrade() -> None:
    op.drop_index("ix_action_event_action_id", table_name="action_event")
    op.drop_table("action_event")
    op.drop_index("ix_action_status_due", table_name="action")
    op.drop_index("ix_action_record_id", table_name="action")
    op.drop_table("action")
