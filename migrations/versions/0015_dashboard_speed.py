"""The dashboard's table of recommendation sets and the index of the bare latest-revision search.

"Most frequent recommendations" joined every recommendation of every revision
(eight per record in a realistic mix) with the narrow table and grouped them:
1.4 s at 100,000 records. Here each revision that was given recommendations has one
row in ``dash_rec_row``: its latest-revision and archived flags, sample flag, owner,
site, department and date, and ``set_id``, the number of its *set* of
recommendations in ``dash_rec_set`` (the catalogue ids joined by spaces, in the order
they were written, which for the Store is catalogue order; each distinct string
stored once). The dashboard groups the filtered rows by ``set_id`` (one
pass over a covering index, one row per revision) and adds up the few hundred sets'
counts per recommendation; a set is never taken apart in SQL.

Kept by this revision's own triggers, on ``assessment_recommendation`` (a
recommendation given or taken away: the revision's set is worked out again) and on
``assessment_dash`` (a revision's flags, site, department or date changed, or it was
deleted), whoever writes. The triggers of ``assessment`` and ``assessment_dash`` made
by 0010-0012 are left as they are: the narrow table's rows move, these triggers
follow them. On PostgreSQL they are statement triggers reading transition tables (one
pass per COPY). The data version needs no trigger here: every write that changes
these rows also writes ``assessment``, which moves it on. Sets no revision uses any
more stay in ``dash_rec_set`` (a few hundred short rows); they are never counted.

A later SQLite migration that recreates ``assessment_dash`` or
``assessment_recommendation`` (batch mode) drops these triggers with the table and
must create them again (``create_triggers``).

``ix_assessment_latest_date`` serves ``Store.search`` with no filter but the live
latest revisions: newest date first, LIMIT 500, read in index order.

Revision ID: 0015_dashboard_speed
Revises: 0013_push_pull_carry
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_dashboard_speed"
down_revision = "0013_push_pull_carry"  # re-chained after 0013 (it touches no factor column)
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# Written out rather than imported: a migration keeps describing the schema it made.
COPIED = ("is_latest", "archived", "is_sample", "owner_email", "site", "department", "date")
INDEXES = {
    # GROUP BY set_id walked in index order; site, department and date read from it
    "ix_dash_rec_row_set": ("is_latest", "archived", "set_id", "site", "department", "date"),
}
SEARCH_INDEX = "ix_assessment_latest_date"
SEARCH_COLUMNS = ("is_latest", "date", "id")


def _set_columns() -> list[sa.Column]:
    return [
        sa.Column("set_id", ID, primary_key=True, autoincrement=True),
        sa.Column("recs", sa.Text(), nullable=False, unique=True),
    ]


def _row_columns() -> list[sa.Column]:
    return [
        sa.Column("row_id", ID, primary_key=True, autoincrement=False),
        sa.Column("set_id", ID, nullable=False),
        sa.Column("is_latest", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.Column("owner_email", sa.String(320), nullable=True),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("department", sa.String(200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
    ]


def _copy(p: str) -> str:
    return ", ".join(f"{p}{c}" for c in COPIED)


def _set(p: str) -> str:
    return ", ".join(f"{c} = {p}{c}" for c in COPIED)


def _sqlite_sets(ids: str) -> str:
    """Return a SELECT of (row_id, recs) for the revisions ``ids`` selects (SQLite)."""
    # group_concat follows the ordered subquery; were it ever not to, a set would be
    # stored twice in two orders and still counted right.
    return (
        "SELECT row_id, group_concat(rec_id, ' ') AS recs FROM (SELECT row_id, rec_id "
        f"FROM assessment_recommendation WHERE row_id IN ({ids}) ORDER BY row_id, rec_id) "
        "GROUP BY row_id"
    )


def _sqlite_refresh(ids: str) -> str:
    """Return the statements that work out again the set row of the revisions ``ids``."""
    sets = _sqlite_sets(ids)
    return (
        f"INSERT OR IGNORE INTO dash_rec_set (recs) SELECT recs FROM ({sets}); "
        f"DELETE FROM dash_rec_row WHERE row_id IN ({ids}); "
        f"INSERT INTO dash_rec_row (row_id, set_id, {', '.join(COPIED)}) "
        f"SELECT d.row_id, s.set_id, {_copy('d.')} FROM ({sets}) g "
        "JOIN dash_rec_set s ON s.recs = g.recs JOIN assessment_dash d ON d.row_id = g.row_id; "
    )


def _sqlite_add(rec: str) -> str:
    """Return the statements that add recommendation ``rec`` to the set of NEW.row_id."""
    # Appended, not sorted: the Store writes a revision's recommendations in catalogue
    # order, so one set keeps one string; re-sorting the whole set on each of a bulk
    # import's rows cost 200 us a recommendation.
    grown = (
        "COALESCE((SELECT s.recs || ' ' FROM dash_rec_row r JOIN dash_rec_set s "
        f"ON s.set_id = r.set_id WHERE r.row_id = NEW.row_id), '') || {rec}"
    )
    return (
        f"INSERT OR IGNORE INTO dash_rec_set (recs) SELECT {grown}; "
        "UPDATE dash_rec_row SET set_id = (SELECT n.set_id FROM dash_rec_set o "
        f"JOIN dash_rec_set n ON n.recs = o.recs || ' ' || {rec} "
        "WHERE o.set_id = dash_rec_row.set_id) WHERE row_id = NEW.row_id; "
        f"INSERT OR IGNORE INTO dash_rec_row (row_id, set_id, {', '.join(COPIED)}) "
        f"SELECT d.row_id, s.set_id, {_copy('d.')} FROM assessment_dash d "
        f"JOIN dash_rec_set s ON s.recs = {rec} WHERE d.row_id = NEW.row_id; "
    )


SQLITE_TRIGGERS = {
    "ergo_rec_set_insert": "AFTER INSERT ON assessment_recommendation BEGIN "
    + _sqlite_add("NEW.rec_id")
    + "END",
    # Rare (a delete, a purge, a direct edit): the set is worked out again from scratch.
    "ergo_rec_set_delete": "AFTER DELETE ON assessment_recommendation BEGIN "
    + _sqlite_refresh("OLD.row_id")
    + "END",
    "ergo_rec_set_update": "AFTER UPDATE ON assessment_recommendation BEGIN "
    + _sqlite_refresh("OLD.row_id, NEW.row_id")
    + "END",
    # A revision's recommendations are written after it; this covers a writer that
    # wrote them first.
    "ergo_rec_set_dash_insert": "AFTER INSERT ON assessment_dash WHEN EXISTS "
    "(SELECT 1 FROM assessment_recommendation WHERE row_id = NEW.row_id) BEGIN "
    + _sqlite_refresh("NEW.row_id")
    + "END",
    # Fires for every narrow-table update (0010's trigger sets every column): only a
    # row whose copied columns changed is rewritten.
    "ergo_rec_set_dash_update": "AFTER UPDATE ON assessment_dash WHEN "
    + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in COPIED)
    + f" BEGIN UPDATE dash_rec_row SET {_set('NEW.')} WHERE row_id = NEW.row_id; END",
    "ergo_rec_set_dash_delete": "AFTER DELETE ON assessment_dash BEGIN "
    "DELETE FROM dash_rec_row WHERE row_id = OLD.row_id; END",
}


def _pg_refresh(ids: str) -> str:
    """Return the statements that work out again the set rows of the revisions ``ids``."""
    sets = (
        "SELECT r.row_id, string_agg(r.rec_id, ' ' ORDER BY r.rec_id) AS recs "
        f"FROM assessment_recommendation r WHERE r.row_id IN ({ids}) GROUP BY r.row_id"
    )
    return (
        f"INSERT INTO dash_rec_set (recs) SELECT DISTINCT recs FROM ({sets}) g "
        "ON CONFLICT (recs) DO NOTHING; "
        f"DELETE FROM dash_rec_row WHERE row_id IN ({ids}); "
        f"INSERT INTO dash_rec_row (row_id, set_id, {', '.join(COPIED)}) "
        f"SELECT d.row_id, s.set_id, {_copy('d.')} FROM ({sets}) g "
        "JOIN dash_rec_set s ON s.recs = g.recs JOIN assessment_dash d ON d.row_id = g.row_id"
    )


PG_FUNCTIONS = {
    "ergo_rec_set_insert": _pg_refresh("SELECT row_id FROM new_rows"),
    "ergo_rec_set_delete": _pg_refresh("SELECT row_id FROM old_rows"),
    "ergo_rec_set_update": _pg_refresh(
        "SELECT row_id FROM old_rows UNION SELECT row_id FROM new_rows"
    ),
    "ergo_rec_set_dash_insert": _pg_refresh("SELECT row_id FROM new_rows"),
    "ergo_rec_set_dash_update": f"UPDATE dash_rec_row x SET {_set('n.')} FROM new_rows n "
    "WHERE x.row_id = n.row_id AND ("
    + " OR ".join(f"x.{c} IS DISTINCT FROM n.{c}" for c in COPIED)
    + ")",
    "ergo_rec_set_dash_delete": "DELETE FROM dash_rec_row x USING old_rows o "
    "WHERE x.row_id = o.row_id",
}
PG_TRANSITION = {
    "ergo_rec_set_insert": ("assessment_recommendation", "INSERT", "NEW TABLE AS new_rows"),
    "ergo_rec_set_delete": ("assessment_recommendation", "DELETE", "OLD TABLE AS old_rows"),
    "ergo_rec_set_update": (
        "assessment_recommendation",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    ),
    "ergo_rec_set_dash_insert": ("assessment_dash", "INSERT", "NEW TABLE AS new_rows"),
    "ergo_rec_set_dash_update": ("assessment_dash", "UPDATE", "NEW TABLE AS new_rows"),
    "ergo_rec_set_dash_delete": ("assessment_dash", "DELETE", "OLD TABLE AS old_rows"),
}


def create_triggers(bind) -> None:
    """Create the triggers that keep ``dash_recommendation`` (both dialects)."""
    if bind.dialect.name == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            bind.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
        return
    for name, body in PG_FUNCTIONS.items():
        bind.exec_driver_sql(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body}; RETURN NULL; END $$"
        )
        table, event, refs = PG_TRANSITION[name]
        bind.exec_driver_sql(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {refs} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )


def drop_triggers(bind) -> None:
    """Drop what :func:`create_triggers` made."""
    if bind.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        return
    for name in PG_FUNCTIONS:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {PG_TRANSITION[name][0]}")
        bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


def upgrade() -> None:
    op.create_table("dash_rec_set", *_set_columns())
    op.create_table("dash_rec_row", *_row_columns())
    bind = op.get_bind()
    refresh = _sqlite_refresh if bind.dialect.name == "sqlite" else _pg_refresh
    for statement in refresh("SELECT row_id FROM assessment_recommendation").split("; "):
        if statement.strip():
            bind.exec_driver_sql(statement)
    for name, cols in INDEXES.items():
        op.create_index(name, "dash_rec_row", list(cols))
    op.create_index(SEARCH_INDEX, "assessment", list(SEARCH_COLUMNS))
    create_triggers(bind)


def downgrade() -> None:
    drop_triggers(op.get_bind())
    op.drop_index(SEARCH_INDEX, table_name="assessment")
    for name in INDEXES:
        op.drop_index(name, table_name="dash_rec_row")
    op.drop_table("dash_rec_row")
    op.drop_table("dash_rec_set")
