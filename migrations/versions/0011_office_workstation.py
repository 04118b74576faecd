"""The office workstation factor (ROSA): its band and risk index columns.

Rows saved before the factor existed did not assess it: their band is not assessed
(-2) and their index empty, which is what a re-score of their stored input gives. The
dashboard's narrow table gets the same two columns, and its triggers are made again
with the factor in them (``bands_key`` packs one more 3-bit band; an existing row's
key does not change, since a not-assessed band packs as 0).

Revision ID: 0011_office_workstation
Revises: 0010
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from migrations import dash_triggers as dash

revision = "0011_office_workstation"
down_revision = "0010"
branch_labels = None
depends_on = None

NOT_ASSESSED = -2
NEW_FACTOR = "office_workstation"
# Written out rather than imported: a migration keeps describing the schema it made.
BEFORE = (
    "workstation",
    "sitting",
    "lifting",
    "hand_arm_vibration",
    "whole_body_vibration",
    "contact_stress",
    "repetitive_motion",
    "awkward_posture",
)
FACTORS = (*BEFORE, NEW_FACTOR)

# The trigger SQL is migrations/dash_triggers.py's for these factors.
BIGINT_KEY = False


def _new_columns() -> list[sa.Column]:
    return [
        sa.Column(
            f"{NEW_FACTOR}_band",
            sa.SmallInteger(),
            nullable=False,
            server_default=sa.text(str(NOT_ASSESSED)),
        ),
        sa.Column(f"{NEW_FACTOR}_index", sa.Float(), nullable=True),
    ]


def upgrade() -> None:
    bind = op.get_bind()
    dash.drop_triggers(bind)  # the 0010 triggers name every factor column
    for table in ("assessment", "assessment_dash"):
        for column in _new_columns():
            op.add_column(table, column)
    dash.create_triggers(bind, FACTORS, bigint_key=BIGINT_KEY)


def downgrade() -> None:
    bind = op.get_bind()
    dash.drop_triggers(bind)
    for table in ("assessment_dash", "assessment"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(f"{NEW_FACTOR}_index")
            batch.drop_column(f"{NEW_FACTOR}_band")
    dash.create_triggers(bind, BEFORE, bigint_key=BIGINT_KEY)
