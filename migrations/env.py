"""Alembic environment: run by :class:`assessments.store.Store` on start (no alembic.ini).

The store hands over an open connection in ``config.attributes["connection"]``;
run from the ``alembic`` command line instead, ``sqlalchemy.url`` is used.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

# Any constant will do; it only has to be the same for every app instance, so two
# instances starting at once on one PostgreSQL database migrate one after the other.
_PG_MIGRATION_LOCK = 0x45_52_47_4F  # "ERGO"


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=None, render_as_batch=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _run(conn)
        conn.commit()


if context.is_offline_mode():
    raise SystemExit(
        "offline (SQL script) migrations are not supported; run `python -m cli db upgrade`"
    )
run_migrations_online()
