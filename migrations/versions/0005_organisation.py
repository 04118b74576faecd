"""Organisation mode: people with roles and site scopes, an append-only audit trail,
archive instead of delete, who saved each revision, and self-checks an officer reviews.

Depends only on the 0002 schema (the ``assessment`` table), so it can be chained after
any later revision that leaves those columns alone; it follows 0004 (store hardening).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

# The audit trail is append-only in the database itself, not only in the code: an UPDATE
# or DELETE on it fails on both backends (a purge is logged as a new row, never by erasing).
SQLITE_GUARDS = (
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
)
PG_GUARDS = (
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$",
    "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
)


def _new_columns() -> list[sa.Column]:
    return [
        sa.Column("saved_by", sa.String(320), nullable=False, server_default=""),
        sa.Column("owner_email", sa.String(320), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("archived_by", sa.String(320), nullable=True),
        sa.Column("review_status", sa.String(16), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("reviewed_by", sa.String(320), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shared_symptoms", sa.JSON(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("email", sa.String(320), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
        sa.CheckConstraint(
            "role IN ('employee', 'officer', 'manager', 'admin')", name="ck_app_user_role"
        ),
    )
    op.create_table(
        "app_user_site",
        sa.Column(
            "email",
            sa.String(320),
            sa.ForeignKey("app_user.email", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("site", sa.String(200), primary_key=True),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(32), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_index("ix_audit_event_at", "audit_event", ["at"])
    op.create_index("ix_audit_event_record_id", "audit_event", ["record_id"])
    with op.batch_alter_table("assessment") as batch:
        for col in _new_columns():
            batch.add_column(col)
    op.create_index("ix_assessment_owner_email", "assessment", ["owner_email"])
    op.create_index("ix_assessment_review_status", "assessment", ["review_status", "site"])
    guards = PG_GUARDS if op.get_bind().dialect.name == "postgresql" else SQLITE_GUARDS
    for sql in guards:
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE audit_event")
        op.execute("DROP FUNCTION audit_event_append_only()")
    else:
        op.drop_table("audit_event")
    op.drop_index("ix_assessment_review_status", "assessment")
    op.drop_index("ix_assessment_owner_email", "assessment")
    with op.batch_alter_table("assessment") as batch:
        for col in reversed(_new_columns()):
            batch.drop_column(col.name)
    op.drop_table("app_user_site")
    op.drop_table("app_user")
