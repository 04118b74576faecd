"""Saved assessments: one row per revision, header and per-factor results as columns.

Revision ID: 0001
Revises:
Create Date: 2026-11-20
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Written out rather than imported: a migration must keep describing the schema
# it created even after scoring.engine.FACTORS changes (a later migration adds
# columns for a new factor).
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
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # SQLite autoincrements INTEGER only


def upgrade() -> None:
    op.create_table(
        "assessment",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("is_latest", sa.Boolean(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assessment_id", sa.String(64), nullable=False, server_default=""),
        sa.Column("organisation", sa.String(200), nullable=False, server_default=""),
        sa.Column("site", sa.String(200), nullable=False, server_default=""),
        sa.Column("department", sa.String(200), nullable=False, server_default=""),
        sa.Column("job_title", sa.String(200), nullable=False, server_default=""),
        sa.Column("worker_ref", sa.String(200), nullable=False, server_default=""),
        sa.Column("assessor", sa.String(200), nullable=False, server_default=""),
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
        sa.UniqueConstraint("record_id", "revision", name="uq_assessment_record_revision"),
    )
    for col in ("record_id", "site", "department", "date", "overall_band", "worker_ref"):
        op.create_index(f"ix_assessment_{col}", "assessment", [col])
    op.create_index("ix_assessment_is_latest", "assessment", ["is_latest"])


def downgrade() -> None:
    op.drop_table("assessment")
