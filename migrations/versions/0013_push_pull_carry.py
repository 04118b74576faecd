"""The push, pull and carry factor (Liberty Mutual equations): its band and index columns.

Rows saved before the factor existed did not assess it: their band is not assessed
(-2) and their index empty, which is what a re-score of their stored input gives. The
dashboard's narrow table gets the same two columns, and its triggers are made again
with the factor in them. ``bands_key`` packs 3 bits for the overall band and each of
the eleven factors (36 bits, inside the BIGINT 0012 made it); an existing row's key does
not change, since a not-assessed band packs as 0. The trigger SQL is 0012's, written
out again so this revision stays self-contained.

Revision ID: 0013_push_pull_carry
Revises: 0012_revised_strain_index
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

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

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
KEY_BITS = 3  # band codes -2..3 shifted to 0..5 fit in 3 bits
LIVE = ("is_latest", "archived")  # every dashboard query starts with these two


def expressions(p: str, factors: tuple[str, ...]) -> dict[str, str]:
    """Return each narrow column's SQL expression over the assessment row prefix ``p``."""
    key = " + ".join(
        [f"({p}overall_band + 2)"]
        + [
            f"({p}{f}_band + 2) * CAST({1 << (KEY_BITS * (j + 1))} AS BIGINT)"
            for j, f in enumerate(factors)
        ]
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
    for f in factors:
        out[f"{f}_band"] = f"{p}{f}_band"
        out[f"{f}_index"] = f"{p}{f}_index"
    return out


def _insert_sql(p: str, source: str | None, factors: tuple[str, ...]) -> str:
    e = expressions(p, factors)
    sql = f"INSERT INTO assessment_dash ({', '.join(e)}) SELECT {', '.join(e.values())}"
    return sql if source is None else f"{sql} FROM {source}"


def _set_sql(p: str, factors: tuple[str, ...]) -> str:
    return ", ".join(f"{c} = {x}" for c, x in expressions(p, factors).items() if c != "row_id")


def sqlite_triggers(factors: tuple[str, ...]) -> dict[str, str]:
    """Return the SQLite triggers keeping the narrow table for these factor columns."""
    return {
        "ergo_dash_insert": "AFTER INSERT ON assessment BEGIN "
        + _insert_sql("NEW.", None, factors)
        + "; UPDATE ergo_data_version SET version = version + 1 WHERE id = 1; END",
        "ergo_dash_update": "AFTER UPDATE ON assessment BEGIN "
        f"UPDATE assessment_dash SET {_set_sql('NEW.', factors)} WHERE row_id = NEW.id; "
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


def pg_functions(factors: tuple[str, ...]) -> dict[str, str]:
    """Return the PostgreSQL trigger bodies keeping the narrow table for these columns."""
    return {
        "ergo_dash_insert": _insert_sql("n.", "new_rows n", factors),
        "ergo_dash_update": f"UPDATE assessment_dash SET {_set_sql('n.', factors)} "
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


def create_triggers(bind, factors: tuple[str, ...]) -> None:
    """Create the triggers that keep the narrow table and the data version (both dialects)."""
    if bind.dialect.name == "sqlite":
        for name, body in sqlite_triggers(factors).items():
            bind.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
        return
    for name, body in pg_functions(factors).items():
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
        for name in sqlite_triggers(FACTORS):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        return
    for table in ("assessment", "action"):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS ergo_version_{table} ON {table}")
    bind.exec_driver_sql("DROP FUNCTION IF EXISTS ergo_bump_data_version()")
    for name in pg_functions(FACTORS):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON assessment")
        bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


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
    drop_triggers(bind)  # the 0012 triggers name every factor column
    for table in ("assessment", "assessment_dash"):
        for column in _new_columns():
            op.add_column(table, column)
    create_triggers(bind, FACTORS)


def downgrade() -> None:
    bind = op.get_bind()
    drop_triggers(bind)
    # The keys lose the factor's 3 bits (33 bits, still a BIGINT as 0012 left it).
    key = expressions("", BEFORE)["bands_key"]
    bind.exec_driver_sql(f"UPDATE assessment_dash SET bands_key = {key}")
    for table in ("assessment_dash", "assessment"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(f"{NEW_FACTOR}_index")
            batch.drop_column(f"{NEW_FACTOR}_band")
    create_triggers(bind, BEFORE)
