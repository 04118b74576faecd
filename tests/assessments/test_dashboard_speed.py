"""The dashboard's recommendation sets and the latest-revision search index (issue 14, point 1).

Every test runs on SQLite and PostgreSQL (``store`` / ``store_url`` in tests/conftest.py),
each on a fresh database. The recommendation sets are kept by the database's own
triggers: they are compared with what the full records say after every kind of write,
and "most frequent recommendations" with a plain count over the full records.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd
import pytest
import sqlalchemy as sa

from assessments.access import ScopedStore
from assessments.store import Filters, Store, upgrade
from benchmarks.synthetic import synthetic_frame
from tests.assessments.test_dashboard_narrow import ADMIN, LEEDS, YORK, desk

COPIED = ["is_latest", "archived", "is_sample", "owner_email", "site", "department", "date"]
BEFORE = "0013_push_pull_carry"  # the revision 0015_dashboard_speed follows


def _normal(rows: list, columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns)
    for c in ("is_latest", "archived", "is_sample"):
        df[c] = df[c].astype(bool)
    df["date"] = [str(d) for d in df["date"]]
    df["owner_email"] = df["owner_email"].astype(object).where(df["owner_email"].notna(), None)
    return df.sort_values("row_id").reset_index(drop=True)


def expected_sets(engine: sa.Engine) -> pd.DataFrame:
    """Return per revision given recommendations its set and filter columns, from the full rows."""
    with engine.connect() as conn:
        recs = conn.exec_driver_sql("SELECT row_id, rec_id FROM assessment_recommendation").all()
        rows = conn.exec_driver_sql(
            "SELECT id, is_latest, archived_at IS NOT NULL, is_sample, owner_email, site, "
            "department, date FROM assessment"
        ).all()
    given: dict[int, list[str]] = {}
    for row_id, rec_id in recs:
        given.setdefault(row_id, []).append(rec_id)
    out = [(r[0], " ".join(sorted(given[r[0]])), *r[1:]) for r in rows if r[0] in given]
    return _normal(out, ["row_id", "recs", *COPIED])


def stored_sets(engine: sa.Engine) -> pd.DataFrame:
    """Return the recommendation-set rows as the database holds them (each set sorted)."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT r.row_id, s.recs, {', '.join('r.' + c for c in COPIED)} "
            "FROM dash_rec_row r JOIN dash_rec_set s ON s.set_id = r.set_id"
        ).all()
    out = [(r[0], " ".join(sorted(r[1].split(" "))), *r[2:]) for r in rows]
    return _normal(out, ["row_id", "recs", *COPIED])


def assert_sets_agree(store: Store) -> None:
    pd.testing.assert_frame_equal(stored_sets(store.engine), expected_sets(store.engine))


def top_from_full_rows(store: Store, filters: Filters, n: int = 10) -> list[tuple[str, int]]:
    """Return (catalogue id, records) counted from each matching record's stored list."""
    found = store.search(filters, limit=None)
    ids = tuple(found["record_id"])
    if not ids:
        return []
    q = sa.text(
        "SELECT r.rec_id FROM assessment_recommendation r JOIN assessment a ON a.id = r.row_id "
        "WHERE a.is_latest = :t AND a.record_id IN :ids"
    ).bindparams(sa.bindparam("ids", expanding=True))
    with store.engine.connect() as conn:
        counts = Counter(conn.execute(q, {"t": True, "ids": list(ids)}).scalars())
    return sorted(counts.items(), key=lambda rc: (-rc[1], rc[0]))[:n]


def top_of(store, filters: Filters | None = None) -> list[tuple[str, int]]:
    top = store.dashboard(filters or Filters()).top_recommendations
    return list(zip(top["id"], top["count"].astype(int), strict=True))


FILTER_SETS = (
    Filters(),
    Filters(sites=("Leeds",)),
    Filters(departments=("Claims", "IT"), date_from=dt.date(2026, 3, 1)),
    Filters(date_to=dt.date(2025, 12, 31)),
    Filters(min_overall_band=2),
    Filters(text="SYN-1"),
    Filters(recommendation="SIT-BREAKS"),
    Filters(samples=False),
)


def test_recommendation_sets_agree_with_the_full_records_after_every_kind_of_write(store):
    assert store.import_frame(synthetic_frame(150, seed=3)).saved == 150
    assert_sets_agree(store)
    admin = ScopedStore(store, ADMIN)
    first = store.save(desk("Leeds", 7, "W1"))
    store.save(desk("Leeds", 9, "W1"), record_id=first.record_id)  # a revision: flags move
    calm = store.save(desk("Leeds", 9, "W5"))
    store.save(desk("Leeds", 1, "W5"), record_id=calm.record_id)  # its set goes away
    other = store.save(desk("York", 7, "W2"))
    gone = store.save(desk("York", 8, "W3"))
    assert_sets_agree(store)
    admin.archive(other.record_id)
    assert_sets_agree(store)
    admin.restore(other.record_id)
    admin.archive(other.record_id)
    admin.purge(gone.record_id, "erasure request")
    store.delete(first.record_id)
    assert_sets_agree(store)
    with store.engine.begin() as conn:  # a writer that is not the Store: the triggers follow
        conn.exec_driver_sql("UPDATE assessment SET site = 'Cardiff' WHERE site = 'Leeds'")
        conn.exec_driver_sql(
            "DELETE FROM assessment_recommendation WHERE rec_id = 'SIT-BREAKS' AND row_id IN "
            "(SELECT min(row_id) FROM assessment_recommendation)"
        )
    assert_sets_agree(store)


@pytest.mark.parametrize("filters", FILTER_SETS, ids=lambda f: str(f.describe() or "all"))
def test_most_frequent_recommendations_equal_a_count_over_the_full_records(store, filters):
    assert store.import_frame(synthetic_frame(200, seed=8)).saved == 200
    ref = store.save(desk("Leeds", 9, "W1"))
    store.save(desk("Leeds", 7, "W1"), record_id=ref.record_id)
    ScopedStore(store, ADMIN).archive(store.save(desk("Leeds", 9, "W9")).record_id)
    expected = top_from_full_rows(store, filters)
    assert top_of(store, filters) == expected
    if filters == Filters():
        assert expected, "the synthetic mix triggers recommendations"


def test_migration_0015_backfills_the_sets_without_changing_the_records(store_url):
    engine = Store(store_url, migrate=False).engine
    upgrade(engine, BEFORE)
    old = Store(store_url, migrate=False)
    assert old.import_frame(synthetic_frame(80, seed=5)).saved == 80
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
    assert len(stored_sets(s.engine)) > 0
    assert_sets_agree(s)
    assert top_of(s) == top_from_full_rows(s, Filters())
    s.close()


def test_an_officer_sees_only_their_sites_recommendations_through_the_cache(store):
    store.save(desk("Leeds", 3, "W1"))  # 3 h/day seated: no recommendation
    for k in range(3):
        store.save(desk("York", 9, f"Y{k}"))
    admin, leeds, york = (ScopedStore(store, p) for p in (ADMIN, LEEDS, YORK))
    everyone = top_of(admin)  # the unscoped figures are in the cache first
    assert everyone and all(count == 3 for _, count in everyone)
    assert top_of(leeds) == []
    assert top_of(leeds, Filters(sites=("York",))) == []
    assert top_of(york) == everyone


def test_bare_latest_revision_search_reads_the_date_index(store):
    # Newest first from the index: no sort of every live record.
    store.save(desk("Leeds", 7, "W1"))
    q = "SELECT id FROM assessment WHERE is_latest = {t} AND archived_at IS NULL "
    q += "ORDER BY date DESC, id DESC LIMIT 500"
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            plan = " ".join(
                str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + q.format(t=1))
            )
            assert "ix_assessment_latest_date" in plan and "TEMP B-TREE" not in plan
        else:
            # A table of one row is sorted in memory; ask for the plan of a large one.
            conn.exec_driver_sql("SET enable_seqscan = off")
            conn.exec_driver_sql("SET enable_bitmapscan = off")
            plan = " ".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + q.format(t="true")))
            assert "ix_assessment_latest_date" in plan and "Sort" not in plan
    assert store.search(Filters())["worker_ref"].tolist() == ["W1"]
