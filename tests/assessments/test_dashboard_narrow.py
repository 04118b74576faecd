"""The dashboard at scale: the narrow table, the data version and the figures cache.

Issue 14 point 1. Every test runs on SQLite and PostgreSQL (``store`` / ``store_url``
in tests/conftest.py), each on a fresh database; nothing is mocked: the narrow table
and the version are kept by the database's own triggers, so every writer is covered.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from assessments import model as m
from assessments.access import Principal, ScopedStore
from assessments.actions import Actions
from assessments.store import (
    DASH_KEY_BITS,
    Filters,
    Store,
    alembic_config,
    dash_table,
    upgrade,
)
from benchmarks.synthetic import synthetic_frame
from scoring.engine import FACTORS

ROOT = Path(__file__).resolve().parents[2]
ADMIN = Principal("admin@example.org", "admin")
LEEDS = Principal("ann@example.org", "officer", ("Leeds",))
YORK = Principal("bob@example.org", "officer", ("York",))


def desk(site: str, seated_h: float, worker: str, *, department: str = "Claims") -> m.Assessment:
    """Return an assessment whose only factor is prolonged sitting (band set by seated_h)."""
    return m.Assessment(
        header=m.Header(
            site=site,
            department=department,
            date=dt.date(2026, 3, 2),
            worker_ref=worker,
        ),
        sitting=m.Sitting(seated_h_per_day=seated_h, longest_bout_min=20),
    )


def expected_narrow(engine: sa.Engine) -> pd.DataFrame:
    """Return the narrow table as it must be, computed in Python from the full rows."""
    cols = ["id", "record_id", "is_latest", "archived_at", "is_sample", "owner_email"]
    cols += ["site", "department", "date", "overall_band", "n_high", "max_index"]
    cols += [f"{f}_band" for f in FACTORS] + [f"{f}_index" for f in FACTORS]
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(f"SELECT {', '.join(cols)} FROM assessment").all()
    a = pd.DataFrame(rows, columns=cols)
    key = a["overall_band"] + 2
    for j, f in enumerate(FACTORS):
        key = key + (a[f"{f}_band"] + 2) * (1 << (DASH_KEY_BITS * (j + 1)))
    out = a.rename(columns={"id": "row_id"}).assign(
        archived=a["archived_at"].notna(),
        rank_index=a["max_index"].fillna(-1.0),
        bands_key=key,
    )
    return normalise(out[[c.name for c in dash_table.columns]])


def stored_narrow(engine: sa.Engine) -> pd.DataFrame:
    """Return the narrow table as the database holds it."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(dash_table)).all()
    return normalise(pd.DataFrame(rows, columns=[c.name for c in dash_table.columns]))


def normalise(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in ("is_latest", "archived", "is_sample"):
        df[c] = df[c].astype(bool)
    df["date"] = [str(d) for d in df["date"]]
    df["owner_email"] = df["owner_email"].astype(object).where(df["owner_email"].notna(), None)
    return df.sort_values("row_id").reset_index(drop=True)


def assert_narrow_agrees(store: Store) -> None:
    pd.testing.assert_frame_equal(
        stored_narrow(store.engine), expected_narrow(store.engine), check_dtype=False
    )


def counts_from_full_rows(store: Store, filters: Filters | None = None) -> dict:
    """Return the dashboard's counts computed in pandas from the list of full rows."""
    found = store.search(filters or Filters(), limit=None)
    bands = {
        (f, int(b)): int(n) for f in FACTORS for b, n in found[f"{f}.band"].value_counts().items()
    }
    return {
        "total": len(found),
        "high": int((found["overall_band"] >= 2).sum()),
        "very_high": int((found["overall_band"] >= 3).sum()),
        "bands": bands,
    }


def counts_of(fig) -> dict:
    bands = {(r.factor, int(r.band)): int(r.count) for r in fig.band_counts.itertuples()}
    return {"total": fig.total, "high": fig.high, "very_high": fig.very_high, "bands": bands}


# ------------------------------------------------------------------ the narrow table


def test_narrow_table_agrees_with_the_full_records_after_every_kind_of_write(store):
    assert store.import_frame(synthetic_frame(120, seed=3)).saved == 120
    assert_narrow_agrees(store)
    admin = ScopedStore(store, ADMIN)
    first = store.save(desk("Leeds", 7, "W1"))
    store.save(desk("Leeds", 9, "W1"), record_id=first.record_id)  # a revision: flags move
    other = store.save(desk("York", 3, "W2"))
    gone = store.save(desk("York", 5, "W3"))
    assert_narrow_agrees(store)
    admin.archive(other.record_id)
    assert_narrow_agrees(store)
    admin.restore(other.record_id)
    admin.archive(other.record_id)
    admin.purge(gone.record_id, "erasure request")
    store.delete(first.record_id)
    assert_narrow_agrees(store)
    # And what the dashboard counts from it equals counting the full rows.
    for filters in (
        Filters(),
        Filters(sites=("Leeds",)),
        Filters(departments=("Claims", "IT"), date_from=dt.date(2026, 3, 1)),
        Filters(text="SYN-1"),
        Filters(recommendation="SIT-BREAKS"),
    ):
        assert counts_of(store.dashboard(filters)) == counts_from_full_rows(store, filters)


def _later_factor_columns(engine) -> dict[str, str]:
    """Return the factor columns today's table has and the database's does not, with types."""
    have = {c.name for c in sa.Table("assessment", sa.MetaData(), autoload_with=engine).columns}
    out = {}
    for f in FACTORS:
        if f"{f}_band" not in have:
            out[f"{f}_band"] = "SMALLINT NOT NULL DEFAULT -2"
            out[f"{f}_index"] = "FLOAT"
    return out


def test_migration_0010_backfills_the_narrow_table_without_changing_the_records(store_url):
    # The revision before 0010, whatever the chain: the import below needs its schema.
    prior = ScriptDirectory.from_config(alembic_config()).get_revision("0010").down_revision
    engine = Store(store_url, migrate=False).engine
    upgrade(engine, prior)
    # Today's Store writes the columns of factors added after 0010 too: give the old table
    # those columns for the import, then take them away again, so the rows are as it kept them.
    added = _later_factor_columns(engine)
    with engine.begin() as conn:
        for column, kind in added.items():
            conn.exec_driver_sql(f"ALTER TABLE assessment ADD COLUMN {column} {kind}")
    old = Store(store_url, migrate=False)
    assert old.import_frame(synthetic_frame(60, seed=5)).saved == 60
    with engine.begin() as conn:
        for column in added:
            conn.exec_driver_sql(f"ALTER TABLE assessment DROP COLUMN {column}")
    with engine.connect() as conn:
        before = conn.exec_driver_sql(
            "SELECT id, input_json, results_json, is_latest FROM assessment ORDER BY id"
        ).all()
    old.close()
    engine.dispose()
    s = Store(store_url)
    with s.engine.connect() as conn:
        after = conn.exec_driver_sql(
            "SELECT id, input_json, results_json, is_latest FROM assessment ORDER BY id"
        ).all()
    assert after == before
    assert len(stored_narrow(s.engine)) == 60
    assert_narrow_agrees(s)
    assert counts_of(s.dashboard()) == counts_from_full_rows(s)
    s.close()


def test_site_and_department_lists_come_from_the_narrow_table(store):
    store.save(desk("Leeds", 7, "W1", department="Goods in"))
    store.save(desk("York", 7, "W2", department="Claims"))
    store.save(desk("", 7, "W3", department=""))  # blanks are left out
    archived = store.save(desk("Zennor", 7, "W4", department="Zoo"))
    ScopedStore(store, ADMIN).archive(archived.record_id)
    assert store.sites() == ["Leeds", "York"]
    assert store.departments() == ["Claims", "Goods in"]
    assert store.departments(sites=("York",)) == ["Claims"]
    assert ScopedStore(store, LEEDS).departments() == ["Goods in"]


# ------------------------------------------------------------------------ the cache


def test_unchanged_rerun_is_served_from_the_cache(store):
    store.save(desk("Leeds", 7, "W1"))
    first = store.dashboard(Filters(sites=("Leeds",)))
    misses = store._figures.misses
    again = store.dashboard(Filters(sites=["Leeds"]))  # a page passes lists
    assert again is first
    assert store._figures.misses == misses


@pytest.mark.parametrize("write", ["save", "import", "delete", "revision", "archive", "action"])
def test_cache_is_invalidated_by_every_write(store, write):
    ref = store.save(desk("Leeds", 7, "W1"))
    before = store.dashboard()
    version = store.data_version()
    admin = ScopedStore(store, ADMIN)
    if write == "save":
        store.save(desk("Leeds", 9, "W2"))
        expected = 2
    elif write == "import":
        assert store.import_frame(synthetic_frame(5, seed=2)).saved == 5
        expected = 6
    elif write == "delete":
        store.delete(ref.record_id)
        expected = 0
    elif write == "revision":
        store.save(desk("Leeds", 9, "W1"), record_id=ref.record_id)
        expected = 1
    elif write == "archive":
        admin.archive(ref.record_id)
        expected = 0
    else:
        Actions(admin).create(ref.record_id, "Add a sit-stand desk", owner="Ann")
        expected = 1
    assert store.data_version() > version
    after = store.dashboard()
    assert after is not before
    assert after.total == expected
    if write == "revision":  # 9 h/day seated is very high, 7 h/day high
        assert (before.very_high, after.very_high) == (0, 1)
    assert counts_of(after) == counts_from_full_rows(store)


def test_cache_is_invalidated_by_a_write_from_another_process(store):
    store.save(desk("Leeds", 7, "W1"))
    assert store.dashboard().total == 1
    script = textwrap.dedent(
        f"""
        import datetime as dt, sys
        sys.path.insert(0, {str(ROOT)!r})
        from assessments import model as m
        from assessments.store import Store
        s = Store({store.url!r})
        s.save(m.Assessment(header=m.Header(site="York", date=dt.date(2026, 3, 2)),
                            sitting=m.Sitting(seated_h_per_day=9, longest_bout_min=20)))
        s.close()
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    fig = store.dashboard()
    assert fig.total == 2 and fig.very_high == 1
    assert store.sites() == ["Leeds", "York"]


def test_an_officer_never_sees_another_sites_figures_through_the_cache(store):
    store.save(desk("Leeds", 7, "W1"))
    for k in range(3):
        store.save(desk("York", 9, f"Y{k}"))
    admin, leeds, york = (ScopedStore(store, p) for p in (ADMIN, LEEDS, YORK))
    assert admin.dashboard().total == 4  # the unscoped figures are in the cache first
    assert leeds.dashboard().total == 1
    assert york.dashboard().total == 3
    assert leeds.dashboard().very_high == 0
    # Asking for York by name changes nothing for Leeds' officer.
    assert leeds.dashboard(Filters(sites=("York",))).total == 0
    assert leeds.dashboard(Filters(sites=("York",))).band_counts.empty
    assert leeds.dashboard().need_action["site"].tolist() == ["Leeds"]
    assert set(york.dashboard().need_action["site"]) == {"York"}
    assert leeds.sites() == ["Leeds"] and york.sites() == ["York"]
    assert admin.sites() == ["Leeds", "York"]
    # The same key in the generic cache stays apart per person.
    assert leeds.cached("k", lambda: "leeds") == "leeds"
    assert york.cached("k", lambda: "york") == "york"
