"""Push, pull and carry in the store: its columns, the band key's bits, migration 0013.

Every test runs on SQLite and PostgreSQL (``store`` / ``store_url`` in tests/conftest.py).
The eleventh factor's band packs at bits 33-35 of the 64-bit ``bands_key``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from assessments.store import DASH_KEY_BITS, Store, alembic_config, upgrade
from scoring.engine import FACTORS
from tests.assessments.test_dashboard_narrow import (
    _later_factor_columns,
    assert_narrow_agrees,
    counts_from_full_rows,
    counts_of,
)
from tests.assessments.test_push_pull_carry import CARRY, HEAVY_PUSH, _job

SECTION = "push_pull_carry"
BEFORE = "0012_revised_strain_index"
REVISION = "0013_push_pull_carry"


def _rows(engine, table: str) -> list:
    cols = f"{SECTION}_band, {SECTION}_index"
    with engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT {cols} FROM {table} ORDER BY 1, 2").all()


def _keys(engine) -> dict[int, int]:
    with engine.connect() as conn:
        found = conn.exec_driver_sql("SELECT row_id, bands_key FROM assessment_dash").all()
    return {int(r): int(k) for r, k in found}


def _plain_job():
    a = _job(CARRY)
    a.push_pull_carry = None  # the factor not assessed
    return a


def test_item_13_6_band_and_index_are_stored_on_both_tables_and_counted(store):
    store.save(_job(HEAVY_PUSH))  # very high
    store.save(_job(CARRY))  # moderate
    store.save(_plain_job())
    for table in ("assessment", "assessment_dash"):
        rows = _rows(store.engine, table)
        assert [b for b, _ in rows] == [-2, 1, 3]
        assert rows[0][1] is None and 25 <= rows[1][1] < 50 <= 75 <= rows[2][1] <= 100
    assert_narrow_agrees(store)
    j = FACTORS.index(SECTION)
    assert j == 10  # the eleventh factor: its band starts at bit 33
    keys = _keys(store.engine)
    assert max(keys.values()) >> (DASH_KEY_BITS * (j + 1)) == 3 + 2  # very high, shifted by 2
    fig = store.dashboard()
    assert counts_of(fig) == counts_from_full_rows(store)
    bands = {(r.factor, int(r.band)): int(r.count) for r in fig.band_counts.itertuples()}
    assert bands[(SECTION, 3)] == 1 and bands[(SECTION, 1)] == 1


def test_item_13_6_migration_0013_keeps_every_key_and_marks_old_rows_not_assessed(store_url):
    engine = Store(store_url, migrate=False).engine
    upgrade(engine, BEFORE)
    # Today's Store writes the new factor's columns: give the old table them for the saves,
    # then take them away, so the rows are as revision 0012 kept them.
    added = _later_factor_columns(engine)
    assert set(added) == {f"{SECTION}_band", f"{SECTION}_index"}
    with engine.begin() as conn:
        for column, kind in added.items():
            conn.exec_driver_sql(f"ALTER TABLE assessment ADD COLUMN {column} {kind}")
    old = Store(store_url, migrate=False)
    for _ in range(3):
        old.save(_plain_job())
    old.close()
    with engine.begin() as conn:
        for column in added:
            conn.exec_driver_sql(f"ALTER TABLE assessment DROP COLUMN {column}")
    before = _keys(engine)
    engine.dispose()
    s = Store(store_url)
    assert _keys(s.engine) == before
    for table in ("assessment", "assessment_dash"):
        assert _rows(s.engine, table) == [(-2, None)] * 3
    assert_narrow_agrees(s)
    s.save(_job(HEAVY_PUSH))  # the rebuilt triggers carry the new factor
    assert sorted(b for b, _ in _rows(s.engine, "assessment_dash")) == [-2, -2, -2, 3]
    assert_narrow_agrees(s)
    s.close()


def test_item_13_6_downgrade_to_0012_drops_the_columns_and_repacks_the_keys(store_url):
    s = Store(store_url)
    s.save(_job(HEAVY_PUSH))
    s.save(_plain_job())
    with s.engine.connect() as conn:
        conn.execution_options(ergo_write=True)
        with conn.begin():
            command.downgrade(alembic_config(conn), BEFORE)
    keys = _keys(s.engine)
    cols = {c["name"] for c in sa.inspect(s.engine).get_columns("assessment_dash")}
    assert f"{SECTION}_band" not in cols
    names = [f"{f}_band" for f in FACTORS[: FACTORS.index(SECTION)]]
    with s.engine.connect() as conn:
        found = conn.exec_driver_sql(
            f"SELECT row_id, overall_band, {', '.join(names)} FROM assessment_dash"
        ).all()
    for row_id, overall, *bands in found:
        key = overall + 2
        for j, b in enumerate(bands):
            key += (b + 2) << (DASH_KEY_BITS * (j + 1))
        assert keys[int(row_id)] == key
    with s.engine.connect() as conn:
        conn.execution_options(ergo_write=True)
        with conn.begin():
            command.upgrade(alembic_config(conn), REVISION)
    assert [b for b, _ in _rows(s.engine, "assessment")] == [-2, -2]  # re-added, not assessed
    s.close()
