"""The office workstation factor (ROSA): its band and risk index columns.

Rows saved before the factor existed did not assess it: their band is not assessed
(-2) and their index empty, which is what a re-score of their stored input gives.

Revision ID: 0009_office_workstation
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_office_workstation"
down_revision = "0008"
branch_labels = None
depends_on = None

NOT_ASSESSED = -2
FACTOR = "office_workstation"  # written out: a migration describes the schema it changed


def upgrade() -> None:
    with op.batch_alter_table("assessment") as batch:
        batch.add_column(
            sa.Column(
                f"{FACTOR}_band",
                sa.SmallInteger(),
                nullable=False,
                server_default=sa.text(str(NOT_ASSESSED)),
            )
        )
        batch.add_column(sa.Column(f"{FACTOR}_index", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessment") as batch:
        batch.drop_column(f"{FACTOR}_index")
        batch.drop_column(f"{FACTOR}_band")
