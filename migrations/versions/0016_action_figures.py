"""Each corrective action keeps its baseline's overall band and its own factor's index.

A baseline revision never changes once saved, so its overall band and the action's
factor's risk index at that revision are written on the action when it is created;
the dashboard's risk-removed figures then read them from the action (from the
covering index below) instead of looking up every verified action's baseline
revision. Existing actions are filled here from their baseline revision in one
UPDATE (plain SQL, the same on SQLite and PostgreSQL). ``ix_action_verified`` is made
again with the two columns at its end, so the figures read the index alone.

Revision ID: 0016_action_figures
Revises: 0014_action_scale
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_action_figures"
down_revision = "0014_action_scale"
branch_labels = None
depends_on = None

# Written out rather than imported: a migration keeps describing the schema it made
# (the factors as 0013 left them).
FACTORS = (
    "workstation",
    "sitting",
    "lifting",
    "hand_arm_vibration",
    "whole_body_vibration",
    "contact_stress",
    "repetitive_motion",
    "awkward_posture",
    "office_workstation",
    "hand_exertion",
    "push_pull_carry",
)
INDEX = "ix_action_verified"
OLD_COLUMNS = ("status", "record_id", "factor", "baseline_revision", "verified_at")
NEW_COLUMNS = (*OLD_COLUMNS, "baseline_band", "baseline_index")
BIG = 10_000  # rows from which the table's planner statistics are gathered again


def fill_sql(factors=FACTORS) -> str:
    """Return the UPDATE that fills every action's baseline band and factor index."""
    base = (
        "FROM assessment b "
        "WHERE b.record_id = action.record_id AND b.revision = action.baseline_revision"
    )
    whens = " ".join(f"WHEN '{f}' THEN b.{f}_index" for f in factors)
    return (
        f"UPDATE action SET baseline_band = (SELECT b.overall_band {base}), "
        f"baseline_index = (SELECT CASE action.factor {whens} ELSE NULL END {base})"
    )


def upgrade() -> None:
    op.add_column("action", sa.Column("baseline_band", sa.SmallInteger(), nullable=True))
    op.add_column("action", sa.Column("baseline_index", sa.Float(), nullable=True))
    op.drop_index(INDEX, table_name="action")
    op.create_index(INDEX, "action", list(NEW_COLUMNS))
    # Filled after the index is made: on PostgreSQL the UPDATE leaves the data version's
    # deferred trigger events pending, and no index can be made on the table until commit.
    bind = op.get_bind()
    bind.exec_driver_sql(fill_sql())
    if bind.execute(sa.text("SELECT count(*) FROM action")).scalar() >= BIG:
        bind.exec_driver_sql("ANALYZE action")


def downgrade() -> None:
    op.drop_index(INDEX, table_name="action")
    op.create_index(INDEX, "action", list(OLD_COLUMNS))
    with op.batch_alter_table("action") as batch:
        batch.drop_column("baseline_index")
        batch.drop_column("baseline_band")
