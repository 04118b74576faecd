"""The store at 100,000 assessments, on SQLite and on PostgreSQL (issue 5).

    .venv/bin/python benchmarks/bench_store.py [--n 100000] [--backend sqlite|postgresql ...]

Goals: importing 100,000 rows from CSV in under a minute (read, validate, score,
one transaction), and the dashboard's queries together -- band_counts + trend +
top_recommendations + need_action + count, with a site filter -- in under a
second. Each backend starts from an empty database: a new SQLite file in
benchmarks/_data/ (git-ignored), a new schema on ``$TEST_DATABASE_URL`` (default
postgresql://ergo:ergo@127.0.0.1:5432/ergo_test), dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from assessments.store import Filters, Store, database_url  # noqa: E402
from benchmarks.synthetic import synthetic_frame  # noqa: E402
from cli import read_table  # noqa: E402

PG_DEFAULT = "postgresql://ergo:ergo@127.0.0.1:5432/ergo_test"
REPEAT = 5


def _csv(n: int) -> Path:
    data = ROOT / "benchmarks" / "_data"
    data.mkdir(parents=True, exist_ok=True)
    src = data / f"store-{n}.csv"
    if not src.exists():
        synthetic_frame(n, seed=11).to_csv(src, index=False)
    return src


def dashboard(store: Store, filters: Filters) -> None:
    store.band_counts(filters)
    store.trend(filters)
    store.top_recommendations(filters)
    store.need_action(filters)
    store.count(filters)


def run(backend: str, src: Path, n: int) -> dict[str, float]:
    cleanup = None
    if backend == "sqlite":
        path = ROOT / "benchmarks" / "_data" / "bench-store.db"
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
        url = f"sqlite:///{path}"
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

    try:
        store = Store(url)
        t = time.perf_counter()
        df = read_table(src)
        report = store.import_frame(df)
        t_import = time.perf_counter() - t
        assert report.saved == n, report.problems[:5]
        if backend == "postgresql":
            with store.engine.begin() as c:
                c.exec_driver_sql("ANALYZE")
        out = {"import": t_import}
        for label, filters in (("all", Filters()), ("site", Filters(sites=("Leeds",)))):
            times = []
            for _ in range(REPEAT):
                t = time.perf_counter()
                dashboard(store, filters)
                times.append(time.perf_counter() - t)
            out[f"dashboard {label} (first)"] = times[0]
            out[f"dashboard {label} (median)"] = statistics.median(times)
        t = time.perf_counter()
        store.search(Filters(sites=("Leeds",)), limit=500)
        out["search 500 rows"] = time.perf_counter() - t
        store.close()
        return out
    finally:
        if cleanup:
            cleanup()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--backend", action="append", choices=("sqlite", "postgresql"))
    args = ap.parse_args()
    src = _csv(args.n)
    print(f"{args.n:,} assessments from {src.name} ({src.stat().st_size / 1e6:.0f} MB)")
    for backend in args.backend or ("sqlite", "postgresql"):
        res = run(backend, src, args.n)
        for k, v in res.items():
            print(f"{backend:<11} {k:<26} {v:8.3f} s")


if __name__ == "__main__":
    main()
