"""The Dashboard page at 1,000 / 100,000 / 1,000,000 saved records (issue 14, point 1).

    .venv/bin/python benchmarks/bench_dashboard.py [--backend sqlite|postgresql ...]
        [--sizes 1000,100000,1000000] [--repeat 5] [--explain]

Goals: a rerun with unchanged filters under 100 ms at 1,000,000 records, the first
render under 2 s, a filter change under 1 s.

Data: 2,000 synthetic assessments (``benchmarks/synthetic.py``) are imported through
``Store.import_frame`` (scored, with their input and result JSON and recommendations),
then copied with ``INSERT ... SELECT`` in the database until the table holds each size
(new ids and record ids, dates spread over ten years), so every row carries the JSON
a real one does and the narrow table is filled by its triggers as for any write. The
sizes grow one database (the 1,000,000 run extends the 100,000 one). SQLite: a file
in ``benchmarks/_data/`` (git-ignored), deleted afterwards; PostgreSQL: a new schema
on ``$TEST_DATABASE_URL``, dropped afterwards.

Timed with streamlit's AppTest (the page script in-process, no browser: the
server's share, plotly figures included):

- first render: a new session with an empty figure cache (the app's Store is opened
  once per process; opening it, with SQLite's integrity check and the migration
  check, is timed apart as "store open");
- rerun, nothing changed: the same AppTest run again;
- filter change: a site chosen in the Site filter (a set not seen before).

Also the store's own cold dashboard queries (``Store.dashboard``, no cache) for all
records and for one site. Medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from assessments.store import FigureCache, Filters, Store, assessment_table, database_url  # noqa: E402
from benchmarks.synthetic import SITES, synthetic_frame  # noqa: E402
from views import services, state  # noqa: E402

PG_DEFAULT = "postgresql://ergo:ergo@127.0.0.1:5432/ergo_test"
SEED = 2_000  # rows imported for real; the rest are copies of them
COPIES_PER_COMMIT = 50  # 100,000 rows per transaction
PAGE = ROOT / "views" / "dashboard.py"
FILTER_SETS = [[str(s)] for s in SITES] + [[str(SITES[0]), str(SITES[1])]]


def _copy_sql(dialect: str) -> str:
    """Return the INSERT ... SELECT that copies the seed rows once (bind :k, :off, :shift)."""
    if dialect == "sqlite":
        record = "printf('%08x%024x', :k, a.id)"
        date = "date(a.date, '-' || :shift || ' days')"
    else:
        record = "lpad(to_hex(CAST(:k AS integer)), 8, '0') || lpad(to_hex(a.id), 24, '0')"
        date = "a.date - CAST(:shift AS integer)"
    special = {
        "id": "a.id + :off",
        "record_id": record,
        "assessment_id": "'B' || CAST(:k AS varchar(12)) || '-' || a.assessment_id",
        "date": date,
    }
    cols = [c.name for c in assessment_table.columns]
    exprs = [special.get(c, f"a.{c}") for c in cols]
    return (
        f"INSERT INTO assessment ({', '.join(cols)}) SELECT {', '.join(exprs)} "
        f"FROM assessment a WHERE a.id <= {SEED}"
    )


def grow(store: Store, target: int) -> float:
    """Copy the seed rows until the store holds ``target`` rows; return the seconds taken."""
    t = time.perf_counter()
    with store.engine.connect() as conn:
        have = conn.execute(sa.select(sa.func.count()).select_from(assessment_table)).scalar()
    if have < SEED:  # the seed rows are imported for real, scored and with their JSON
        n = min(SEED, target) - have
        assert store.import_frame(synthetic_frame(n, seed=11 + have, start=have)).saved == n
        have += n
    copy_sql = _copy_sql(store.engine.dialect.name)
    recs_sql = (
        "INSERT INTO assessment_recommendation (row_id, rec_id) "
        f"SELECT row_id + :off, rec_id FROM assessment_recommendation WHERE row_id <= {SEED}"
    )
    # Copy k of the seed rows gets ids k * SEED + 1 .. (k + 1) * SEED; copy 0 is the seed.
    copies = list(range(max(1, have // SEED), -(-target // SEED)))
    if store.engine.dialect.name == "sqlite":
        _grow_sqlite(store, copy_sql, recs_sql, copies)
        copies = []
    copy, recs = sa.text(copy_sql), sa.text(recs_sql)
    for start in range(0, len(copies), COPIES_PER_COMMIT):
        with store._write() as conn:
            for k in copies[start : start + COPIES_PER_COMMIT]:
                conn.execute(copy, {"k": k, "off": k * SEED, "shift": (k * 7) % 3650})
                conn.execute(recs, {"off": k * SEED})
    with store.engine.connect() as conn:
        if store.engine.dialect.name == "postgresql":
            conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('assessment', 'id'), "
                "(SELECT max(id) FROM assessment))"
            )
            conn.commit()
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    return time.perf_counter() - t


def _grow_sqlite(store: Store, copy_sql: str, recs_sql: str, copies: list[int]) -> None:
    """Run the copies on one connection without fsync, 100,000 rows per transaction.

    A benchmark database that a crash may lose needs no durability. One transaction for
    all of 1,000,000 rows let the write-ahead log grow past 4 GB (pages spilled from the
    cache are written again each time they change) and did not finish in 20 minutes on
    the loaded machine; a commit every 100,000 rows lets each checkpoint bound it.
    """
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        for pragma in ("synchronous=OFF", "cache_size=-524288", "temp_store=MEMORY"):
            cur.execute(f"PRAGMA {pragma}")  # 512 MiB of page cache for the build
        for start in range(0, len(copies), COPIES_PER_COMMIT):
            cur.execute("BEGIN IMMEDIATE")
            for k in copies[start : start + COPIES_PER_COMMIT]:
                cur.execute(copy_sql, {"k": k, "off": k * SEED, "shift": (k * 7) % 3650})
                cur.execute(recs_sql, {"off": k * SEED})
            cur.execute("COMMIT")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()
    finally:
        raw.close()


def _run(at: AppTest) -> float:
    t = time.perf_counter()
    at.run()
    dt = time.perf_counter() - t
    assert not at.exception, at.exception
    return dt


def time_page(repeat: int) -> dict[str, float]:
    """Return the medians [s] of the page's first render, unchanged rerun and filter change."""
    first, rerun, change, opened = [], [], [], []
    for r in range(repeat):
        services._store.clear()
        t = time.perf_counter()
        services.raw_store()  # what the app's first page of any kind pays, once per process
        opened.append(time.perf_counter() - t)
        at = AppTest.from_file(str(PAGE), default_timeout=600)
        first.append(_run(at))
        rerun += [_run(at) for _ in range(3)]
        sites = FILTER_SETS[r % len(FILTER_SETS)]
        at.multiselect(key=state.filter_key("dashboard", "sites")).set_value(sites)
        change.append(_run(at))
    services._store.clear()
    return {
        "store open (once per app process)": statistics.median(opened),
        "page first render": statistics.median(first),
        "page rerun, nothing changed": statistics.median(rerun),
        "page filter change (new site set)": statistics.median(change),
    }


def _median(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def time_queries(store: Store, repeat: int) -> dict[str, float]:
    """Return the medians [s] of the uncached dashboard figures, all records and one site.

    Each of the dashboard's queries is also timed alone, so the slowest one shows.
    """
    out = {}
    for label, filters in (("all", Filters()), ("one site", Filters(sites=(str(SITES[0]),)))):

        def every(filters=filters):
            store._figures = FigureCache()
            store.dashboard(filters)
            store.sites()
            store.departments()

        out[f"queries, {label} (no cache)"] = _median(repeat, every)
        for name in ("dashboard_counts", "trend", "top_recommendations", "need_action"):
            query = getattr(store, name)
            out[f"  {name}, {label}"] = _median(repeat, lambda q=query, f=filters: q(f))
        out[f"  search (500 rows), {label}"] = _median(repeat, lambda f=filters: store.search(f))
    return out


def explain(store: Store) -> None:
    """Print the plan of every statement the uncached dashboard runs (all records, one site).

    PostgreSQL: ``EXPLAIN (ANALYZE, BUFFERS)``, with times; SQLite: ``EXPLAIN QUERY PLAN``.
    """
    seen: list[tuple[str, Any]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", keep)
    try:
        for filters in (Filters(), Filters(sites=(str(SITES[0]),))):
            store._figures = FigureCache()
            store.dashboard(filters)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", keep)
    pg = store.engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if pg else "EXPLAIN QUERY PLAN "
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        for statement, parameters in seen:
            cur.execute(prefix + statement, parameters)
            plan = "\n    ".join(str(r[0] if pg else r[-1]) for r in cur.fetchall())
            print(f"--- {' '.join(statement.split())[:160]}\n    {plan}", flush=True)
        cur.close()
    finally:
        raw.close()


def run(backend: str, sizes: list[int], repeat: int, plans: bool = False) -> None:
    cleanup = None
    data = ROOT / "benchmarks" / "_data"
    if backend == "sqlite":
        data.mkdir(parents=True, exist_ok=True)
        path = data / "bench-dashboard.db"
        for p in data.glob(path.name + "*"):
            p.unlink()
        url = f"sqlite:///{path}"

        def cleanup():
            for p in data.glob(path.name + "*"):
                p.unlink()

    else:
        base = database_url(os.environ.get("TEST_DATABASE_URL") or PG_DEFAULT)
        admin = sa.create_engine(base)
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with admin.begin() as c:
            c.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = f"{base}?options={quote(f'-csearch_path={schema}')}"

        def cleanup():
            with admin.begin() as c:
                c.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
            admin.dispose()

    os.environ["DATABASE_URL"] = url
    os.environ["ERGO_DATA_DIR"] = tempfile.mkdtemp(prefix="ergo-bench-")
    try:
        store = Store(url)
        for n in sizes:
            built = grow(store, n)
            print(f"{backend:<10} {n:>9,} records  built in {built:7.1f} s", flush=True)
            if plans:
                explain(store)
            for k, v in {**time_queries(store, repeat), **time_page(repeat)}.items():
                print(f"{backend:<10} {n:>9,} records  {k:<36} {1000 * v:9.1f} ms", flush=True)
        store.close()
    finally:
        services._store.clear()
        if cleanup:
            cleanup()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", action="append", choices=("sqlite", "postgresql"))
    ap.add_argument("--sizes", default=None, help="comma-separated record counts")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--explain", action="store_true", help="print each query's plan")
    args = ap.parse_args()
    for backend in args.backend or ("sqlite", "postgresql"):
        default = "1000,100000,1000000" if backend == "sqlite" else "100000,1000000"
        sizes = sorted(int(s) for s in (args.sizes or default).split(","))
        run(backend, sizes, args.repeat, args.explain)


if __name__ == "__main__":
    main()
