"""The dashboard's narrow table and the data version every write moves on.

``assessment_dash`` holds, per saved revision, only what the dashboard filters and
counts by: the latest-revision and archived flags, site, department, date, the
overall band, the count of factors at high or above, a ranking index, each
factor's band and risk index, and ``bands_key`` (the overall band and every factor
band packed into one integer, 3 bits each) so the band counts of a whole filter set
are one GROUP BY over a covering index. No input or result JSON is in its rows.

Triggers keep it equal to ``assessment`` on every INSERT, UPDATE and DELETE, whoever
writes (save, import, archive, restore, purge, a later migration), and move
``ergo_data_version.version`` on in the same transaction, also for the corrective
actions (``action``), so a cache keyed by the version is invalidated by any write
from any process. On PostgreSQL the narrow table is kept by statement triggers
reading transition tables (one INSERT ... SELECT per COPY, not one call per row) and
the version by a deferred constraint trigger that updates the counter row once per
transaction at commit, so a long import does not hold the counter's lock for its
whole duration. The backfill copies the stored rows; nothing in ``assessment``
changes.

A later SQLite migration that recreates ``assessment`` (batch mode) drops these
triggers with it and must create them again (``create_triggers``).

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009_org_lists"
branch_labels = None
depends_on = None

# Written out rather than imported: a migration keeps describing the schema it made.
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
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
KEY_BITS = 3  # band codes -2..3 shifted to 0..5 fit in 3 bits
LIVE = ("is_latest", "archived")  # every dashboard query starts with these two

INDEXES = {
    # band counts: GROUP BY bands_key read from the index alone, any site/department/date
    "ix_assessment_dash_key": (*LIVE, "bands_key", "site", "department", "date"),
    # trend: GROUP BY date in index order, the overall band and filters in the index
    "ix_assessment_dash_date": (*LIVE, "date", "overall_band", "site", "department"),
    "ix_assessment_dash_site": (*LIVE, "site", "date"),
    "ix_assessment_dash_department": (*LIVE, "department", "date"),
    # most need action: the ORDER BY of Store.need_action walked backwards, LIMIT 20
    "ix_assessment_dash_need": (*LIVE, "overall_band", "n_high", "rank_index", "date"),
}

REC_INDEX = "ix_assessment_recommendation_rec_row"


def _columns() -> list[sa.Column]:
    return [
        sa.Column("row_id", ID, primary_key=True, autoincrement=False),
        sa.Column("record_id", sa.String(32), nullable=False),
        sa.Column("is_latest", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.Column("owner_email", sa.String(320), nullable=True),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("department", sa.String(200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("overall_band", sa.SmallInteger(), nullable=False),
        sa.Column("n_high", sa.SmallInteger(), nullable=False),
        sa.Column("rank_index", sa.Float(), nullable=False),
        sa.Column("bands_key", sa.Integer(), nullable=False),
        *[sa.Column(f"{f}_band", sa.SmallInteger(), nullable=False) for f in FACTORS],
        *[sa.Column(f"{f}_index", sa.Float(), nullable=True) for f in FACTORS],
    ]


def expressions(p: str) -> dict[str, str]:
    """Return each narrow column's SQL expression over the assessment row prefix ``p``."""
    key = " + ".join(
        [f"({p}overall_band + 2)"]
        + [f"({p}{f}_band + 2) * {1 << (KEY_BITS * (j + 1))}" for j, f in enumerate(FACTORS)]
    )
    out = {
        "row_id": f"{p}id",
        "record_id": f"{p}record_id",
        "is_latest": f"{p}is_latest",
        "archived": f"({p}archived_at IS NOT NULL)",
        "is_sample": f"{p}is_sample",
        "owner_email": f"{p}owner_email",
        "site": f"{p}site",
        "department": f"{p}department",
        "date": f"{p}date",
        "overall_band": f"{p}overall_band",
        "n_high": f"{p}n_high",
        # No factor scored: ranked below every index (they run 0..100).
        "rank_index": f"COALESCE({p}max_index, -1.0)",
        "bands_key": f"({key})",
    }
    for f in FACTORS:
        out[f"{f}_band"] = f"{p}{f}_band"
        out[f"{f}_index"] = f"{p}{f}_index"
    return out


def _insert_sql(p: str, source: str | None) -> str:
    e = expressions(p)
    sql = f"INSERT INTO assessment_dash ({', '.join(e)}) SELECT {', '.join(e.values())}"
    return sql if source is None else f"{sql} FROM {source}"


def _set_sql(p: str) -> str:
    return ", ".join(f"{c} = {x}" for c, x in expressions(p).items() if c != "row_id")


SQLITE_TRIGGERS = {
    "ergo_dash_insert": "AFTER INSERT ON assessment BEGIN "
    + _insert_sql("NEW.", None)
    + "; UPDATE ergo_data_version SET version = version + 1 WHERE id = 1; END",
    "ergo_dash_update": "AFTER UPDATE ON assessment BEGIN "
    f"UPDATE assessment_dash SET {_set_sql('NEW.')} WHERE row_id = NEW.id; "
    "UPDATE ergo_data_version SET version = version + 1 WHERE id = 1; END",
    "ergo_dash_delete": "AFTER DELETE ON assessment BEGIN "
    "DELETE FROM assessment_dash WHERE row_id = OLD.id; "
    "UPDATE ergo_data_version SET version = version + 1 WHERE id = 1; END",
    **{
        f"ergo_version_action_{event.lower()}": f"AFTER {event} ON action BEGIN "
        "UPDATE ergo_data_version SET version = version + 1 WHERE id = 1; END"
        for event in ("INSERT", "UPDATE", "DELETE")
    },
}

PG_FUNCTIONS = {
    "ergo_dash_insert": _insert_sql("n.", "new_rows n"),
    "ergo_dash_update": f"UPDATE assessment_dash SET {_set_sql('n.')} "
    "FROM new_rows n WHERE assessment_dash.row_id = n.id",
    "ergo_dash_delete": "DELETE FROM assessment_dash d USING old_rows o WHERE d.row_id = o.id",
}
PG_TRANSITION = {
    "ergo_dash_insert": "AFTER INSERT ON assessment REFERENCING NEW TABLE AS new_rows",
    "ergo_dash_update": "AFTER UPDATE ON assessment REFERENCING NEW TABLE AS new_rows",
    "ergo_dash_delete": "AFTER DELETE ON assessment REFERENCING OLD TABLE AS old_rows",
}
# Once per transaction, at commit: a transaction-local setting remembers it was done.
PG_BUMP = """
CREATE FUNCTION ergo_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('ergo.version_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE ergo_data_version SET version = version + 1 WHERE id = 1;
    PERFORM set_config('ergo.version_bumped', txid_current()::text, true);
  END IF;
  RETURN NULL;
END $$"""


def create_triggers(bind) -> None:
    """Create the triggers that keep the narrow table and the data version (both dialects)."""
    if bind.dialect.name == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            bind.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
        return
    for name, body in PG_FUNCTIONS.items():
        bind.exec_driver_sql(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body}; RETURN NULL; END $$"
        )
        bind.exec_driver_sql(
            f"CREATE TRIGGER {name} {PG_TRANSITION[name]} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )
    bind.exec_driver_sql(PG_BUMP)
    for table in ("assessment", "action"):
        bind.exec_driver_sql(
            f"CREATE CONSTRAINT TRIGGER ergo_version_{table} "
            f"AFTER INSERT OR UPDATE OR DELETE ON {table} DEFERRABLE INITIALLY DEFERRED "
            "FOR EACH ROW EXECUTE FUNCTION ergo_bump_data_version()"
        )


def drop_triggers(bind) -> None:
    """Drop what :func:`create_triggers` made."""
    if bind.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        return
    for table in ("assessment", "action"):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS ergo_version_{table} ON {table}")
    bind.exec_driver_sql("DROP FUNCTION IF EXISTS ergo_bump_data_version()")
    for name in PG_FUNCTIONS:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON assessment")
        bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


def upgrade() -> None:
    op.create_table("assessment_dash", *_columns())
    op.create_table(
        "ergo_data_version",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    bind = op.get_bind()
    bind.exec_driver_sql("INSERT INTO ergo_data_version (id, version) VALUES (1, 1)")
    bind.exec_driver_sql(_insert_sql("a.", "assessment a"))
    for name, cols in INDEXES.items():
        op.create_index(name, "assessment_dash", list(cols))
    # Top recommendations: read (rec_id, row_id) from the index alone, in rec_id order.
    op.create_index(REC_INDEX, "assessment_recommendation", ["rec_id", "row_id"])
    create_triggers(bind)


def downgrade() -> None:
    drop_triggers(op.get_bind())
    op.drop_index(REC_INDEX, table_name="assessment_recommendation")
    for name in INDEXES:
        op.drop_index(name, table_name="assessment_dash")
    op.drop_table("ergo_data_version")
    op.drop_table("assessment_dash")
