"""The sites and departments the organisation keeps, seeded from the names already saved.

``org_name`` holds one row per (kind, name), kind "site" or "department". It is
seeded with every distinct non-blank site and department any stored revision
carries (latest or not, archived or not) and every site a person is limited to,
so no saved record and no role refers to a name that is not on the list, and no
stored value changes.

Revision ID: 0009_org_lists
Revises: 0008
Create Date: 2026-12-02
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0009_org_lists"
down_revision = "0008"
branch_labels = None
depends_on = None

SEEDED_BY = "migration 0009_org_lists"


def upgrade() -> None:
    org_name = op.create_table(
        "org_name",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
    )
    conn = op.get_bind()
    assessment = sa.table("assessment", sa.column("site"), sa.column("department"))
    user_site = sa.table("app_user_site", sa.column("site"))
    found: set[tuple[str, str]] = set()
    for kind, col in (("site", assessment.c.site), ("department", assessment.c.department)):
        q = sa.select(col).where(col != "").distinct()
        found |= {(kind, v) for v in conn.execute(q).scalars() if v}
    q = sa.select(user_site.c.site).where(user_site.c.site != "").distinct()
    found |= {("site", v) for v in conn.execute(q).scalars() if v}
    now = dt.datetime.now(dt.UTC)
    rows = [
        {"kind": k, "name": n, "created_at": now, "created_by": SEEDED_BY} for k, n in sorted(found)
    ]
    if rows:
        op.bulk_insert(org_name, rows)


def downgrade() -> None:
    op.drop_table("org_name")
