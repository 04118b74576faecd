"""The narrow dashboard table's trigger SQL, as migrations 0010 to 0013 create it.

0010 made ``assessment_dash`` and the triggers that keep it and ``ergo_data_version``;
0011, 0012 and 0013 each add a factor's columns, so each drops the triggers and creates
them again naming every factor column. The SQL is the same but for the factor list and,
from 0012 on (``bands_key`` past 32 bits), 64-bit arithmetic for the key. Each revision
passes both as its own written-out constants, so what it runs is fixed by its file.

This module is frozen history: for given arguments it must always return the same SQL,
since old revisions run it. A revision that needs other trigger SQL writes its own (as
0015 does). ``tests/test_migration_dash_triggers.py`` pins what it returns.
"""

from __future__ import annotations

KEY_BITS = 3  # band codes -2..3 shifted to 0..5 fit in 3 bits
# The statements that move the data version on, in both dialects.
BUMP = "UPDATE ergo_data_version SET version = version + 1 WHERE id = 1"


def expressions(p: str, factors: tuple[str, ...], *, bigint_key: bool) -> dict[str, str]:
    """Return each narrow column's SQL expression over the assessment row prefix ``p``.

    ``bigint_key`` computes ``bands_key`` in 64-bit arithmetic (0012 on: ten or more
    factors pack more than 32 bits).
    """
    weights = [1 << (KEY_BITS * (j + 1)) for j in range(len(factors))]
    terms = [f"CAST({w} AS BIGINT)" if bigint_key else str(w) for w in weights]
    key = " + ".join(
        [f"({p}overall_band + 2)"]
        + [f"({p}{f}_band + 2) * {t}" for f, t in zip(factors, terms, strict=True)]
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


def insert_sql(p: str, source: str | None, factors: tuple[str, ...], *, bigint_key: bool) -> str:
    """Return the INSERT INTO assessment_dash ... SELECT of the rows ``p`` names (FROM source)."""
    e = expressions(p, factors, bigint_key=bigint_key)
    sql = f"INSERT INTO assessment_dash ({', '.join(e)}) SELECT {', '.join(e.values())}"
    return sql if source is None else f"{sql} FROM {source}"


def _set_sql(p: str, factors: tuple[str, ...], *, bigint_key: bool) -> str:
    e = expressions(p, factors, bigint_key=bigint_key)
    return ", ".join(f"{c} = {x}" for c, x in e.items() if c != "row_id")


def sqlite_triggers(factors: tuple[str, ...], *, bigint_key: bool) -> dict[str, str]:
    """Return the SQLite triggers keeping the narrow table for these factor columns."""
    set_sql = _set_sql("NEW.", factors, bigint_key=bigint_key)
    return {
        "ergo_dash_insert": "AFTER INSERT ON assessment BEGIN "
        + insert_sql("NEW.", None, factors, bigint_key=bigint_key)
        + f"; {BUMP}; END",
        "ergo_dash_update": "AFTER UPDATE ON assessment BEGIN "
        f"UPDATE assessment_dash SET {set_sql} WHERE row_id = NEW.id; {BUMP}; END",
        "ergo_dash_delete": "AFTER DELETE ON assessment BEGIN "
        f"DELETE FROM assessment_dash WHERE row_id = OLD.id; {BUMP}; END",
        **{
            f"ergo_version_action_{event.lower()}": f"AFTER {event} ON action BEGIN {BUMP}; END"
            for event in ("INSERT", "UPDATE", "DELETE")
        },
    }


def pg_functions(factors: tuple[str, ...], *, bigint_key: bool) -> dict[str, str]:
    """Return the PostgreSQL trigger bodies keeping the narrow table for these columns."""
    set_sql = _set_sql("n.", factors, bigint_key=bigint_key)
    return {
        "ergo_dash_insert": insert_sql("n.", "new_rows n", factors, bigint_key=bigint_key),
        "ergo_dash_update": f"UPDATE assessment_dash SET {set_sql} "
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


def create_triggers(bind, factors: tuple[str, ...], *, bigint_key: bool) -> None:
    """Create the triggers that keep the narrow table and the data version (both dialects)."""
    if bind.dialect.name == "sqlite":
        for name, body in sqlite_triggers(factors, bigint_key=bigint_key).items():
            bind.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
        return
    for name, body in pg_functions(factors, bigint_key=bigint_key).items():
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
    """Drop what :func:`create_triggers` made (the names do not depend on the factors)."""
    if bind.dialect.name == "sqlite":
        for name in sqlite_triggers((), bigint_key=False):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        return
    for table in ("assessment", "action"):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS ergo_version_{table} ON {table}")
    bind.exec_driver_sql("DROP FUNCTION IF EXISTS ergo_bump_data_version()")
    for name in pg_functions((), bigint_key=False):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON assessment")
        bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")
