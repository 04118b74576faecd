"""The hand-intensive work factor in the store: its columns, the 64-bit band key, migration 0012.

Every test runs on SQLite and PostgreSQL (``store`` / ``store_url`` in tests/conftest.py).
With ten factors the dashboard's ``bands_key`` needs 33 bits: a high band of the tenth
factor packs (2 + 2) << 30 = 2**32, past a 32-bit integer.
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
    desk,
)
from tests.assessments.test_hand_exertion import HAZARDOUS, NTP_1125, _job

SECTION = "hand_exertion"
BEFORE = "0011_office_workstation"
REVISION = "0012_revised_strain_index"
INT32_MAX = 2**31 - 1


def _rows(engine, table: str) -> list:
    cols = f"{SECTION}_band, {SECTION}_index"
    with engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT {cols} FROM {table} ORDER BY 1, 2").all()


def _keys(engine) -> dict[int, int]:
    with engine.connect() as conn:
        found = conn.exec_driver_sql("SELECT row_id, bands_key FROM assessment_dash").all()
    return {int(r): int(k) for r, k in found}


def test_item_13_4_band_and_index_are_stored_on_both_tables(store):
    store.save(_job(HAZARDOUS))
    store.save(_job(NTP_1125))
    store.save(desk("Leeds", 7, "W1"))  # the factor not assessed
    for table in ("assessment", "assessment_dash"):
        rows = _rows(store.engine, table)
        assert [b for b, _ in rows] == [-2, 0, 2]
        assert rows[0][1] is None and 0 < rows[1][1] < 25 < 50 < rows[2][1] < 75
    assert_narrow_agrees(store)


def test_item_13_4_a_high_tenth_factor_key_passes_32_bits_and_the_counts_unpack_it(store):
    store.save(_job(HAZARDOUS))
    store.save(_job(NTP_1125))
    j = FACTORS.index(SECTION)
    assert j == 9  # the tenth factor: its band starts at bit 30
    keys = _keys(store.engine)
    assert max(keys.values()) > INT32_MAX
    assert max(keys.values()) >> (DASH_KEY_BITS * (j + 1)) == 2 + 2  # high, shifted by 2
    fig = store.dashboard()
    assert counts_of(fig) == counts_from_full_rows(store)
    bands = {(r.factor, int(r.band)): int(r.count) for r in fig.band_counts.itertuples()}
    assert bands[(SECTION, 2)] == 1 and bands[(SECTION, 0)] == 1


def test_item_13_4_migration_0012_keeps_every_key_and_marks_old_rows_not_assessed(store_url):
    engine = Store(store_url, migrate=False).engine
    upgrade(engine, BEFORE)
    # Today's Store writes the new factor's columns: give the old table them for the saves,
    # then take them away, so the rows are as revision 0011 kept them.
    added = _later_factor_columns(engine)
    assert {f"{SECTION}_band", f"{SECTION}_index"} <= set(added)  # and later factors
    with engine.begin() as conn:
        for column, kind in added.items():
            conn.exec_driver_sql(f"ALTER TABLE assessment ADD COLUMN {column} {kind}")
    old = Store(store_url, migrate=False)
    for k, hours in enumerate((3, 5, 7, 9)):
        old.save(desk("Leeds", hours, f"W{k}"))
    old.close()
    with engine.begin() as conn:
        for column in added:
            conn.exec_driver_sql(f"ALTER TABLE assessment DROP COLUMN {column}")
    before = _keys(engine)
    engine.dispose()
    s = Store(store_url)
    assert _keys(s.engine) == before
    for table in ("assessment", "assessment_dash"):
        assert _rows(s.engine, table) == [(-2, None)] * 4
    assert_narrow_agrees(s)
    s.close()


def test_item_13_4_downgrade_to_0011_repacks_the_keys_into_32_bits(store_url):
    s = Store(store_url)
    s.save(_job(HAZARDOUS))
    s.save(desk("Leeds", 7, "W1"))
    assert max(_keys(s.engine).values()) > INT32_MAX
    with s.engine.connect() as conn:
        conn.execution_options(ergo_write=True)
        with conn.begin():
            command.downgrade(alembic_config(conn), BEFORE)
    keys = _keys(s.engine)
    assert max(keys.values()) <= INT32_MAX
    cols = {c["name"]: c for c in sa.inspect(s.engine).get_columns("assessment_dash")}
    assert f"{SECTION}_band" not in cols
    with s.engine.connect() as conn:
        names = [f"{f}_band" for f in FACTORS[: FACTORS.index(SECTION)]]  # 0011's factors
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
    s.close()
