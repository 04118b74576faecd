"""The push, pull and carry factor (Liberty Mutual equations): its band and index columns.

Rows saved before the factor existed did not assess it: their band is not assessed
(-2) and their index empty, which is what a re-score of their stored input gives. The
dashboard's narrow table gets the same two columns, and its triggers are made again
with the factor in them. ``bands_key`` packs 3 bits for the overall band and each of
the eleven factors (36 bits, inside the BIGINT 0012 made it); an existing row's key does
not change, since a not-assessed band packs as 0. The trigger SQL is 0012's
(``migrations/dash_triggers.py`` with the key in 64-bit arithmetic).

Revision ID: 0013_push_pull_carry
Revises: 0012_revised_strain_index
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from migrations import dash_triggers as dash

revision = "0013_push_pull_carry"
down_revision = "0012_revised_strain_index"
branch_labels = None
depends_on = None

NOT_ASSESSED = -2
NEW_FACTOR = "push_pull_carry"
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
    "office_workstation",
    "hand_exertion",
)
FACTORS = (*BEFORE, NEW_FACTOR)

# The trigger SQL is migrations/dash_triggers.py's for these factors, with the key in 64-bit arithmetic.
BIGINT_KEY = True


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
    dash.drop_triggers(bind)  # the 0012 triggers name every factor column
    for table in ("assessment", "assessment_dash"):
        for column in _new_columns():
            op.add_column(table, column)
    dash.create_triggers(bind, FACTORS, bigint_key=BIGINT_KEY)


def downgrade() -> None:
    bind = op.get_bind()
    dash.drop_triggers(bind)
    # The keys lose the factor's 3 bits (33 bits, still a BIGINT as 0012 left it).
    key = dash.expressions("", BEFORE, bigint_key=BIGINT_KEY)["bands_key"]
    bind.exec_driver_sql(f"UPDATE assessment_dash SET bands_key = {key}")
    for table in ("assessment_dash", "assessment"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(f"{NEW_FACTOR}_index")
            batch.drop_column(f"{NEW_FACTOR}_band")
    dash.create_triggers(bind, BEFORE, bigint_key=BIGINT_KEY)
