"""The dashboard's queries through the scoped store at 100,000 records (organisation mode).

    .venv/bin/python benchmarks/bench_scoping.py [--n 100000] [--backend sqlite|postgresql ...]

Times the dashboard's five queries (band_counts, trend, top_recommendations,
need_action, count) for an administrator (every site) and for an officer limited
to one site, against the unscoped Store, median of 5. Each backend starts from an
empty database (a SQLite file in benchmarks/_data/, or a new schema on
``$TEST_DATABASE_URL``, dropped afterwards).
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

from assessments import access  # noqa: E402
from assessments.store import Store, database_url  # noqa: E402
from benchmarks.bench_store import PG_DEFAULT, REPEAT, _csv, dashboard  # noqa: E402
from cli import read_table  # noqa: E402


def _median(fn) -> float:
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(backend: str, n: int) -> dict[str, float]:
    cleanup = None
    if backend == "sqlite":
        path = ROOT / "benchmarks" / "_data" / "bench-scoping.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
        url = f"sqlite:///{path}"
    else:
        base = database_url(os.environ.get("TEST_DATABASE_URL", PG_DEFAULT))
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        admin = sa.create_engine(base)
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = f"{base}?options={quote(f'-csearch_path={schema}')}"

        def cleanup():
            with admin.begin() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
            admin.dispose()

    try:
        store = Store(url)
        store.import_frame(read_table(_csv(n)))
        site = store.sites()[0]
        access.set_user(store.engine, "officer@example.org", "officer", (site,), by="bench")
        access.set_user(store.engine, "admin@example.org", "admin", by="bench")
        officer = access.ScopedStore(
            store, access.principal_for(store.engine, "officer@example.org")
        )
        admin_s = access.ScopedStore(store, access.principal_for(store.engine, "admin@example.org"))
        out = {
            "records": store.count(),
            "officer's site records": officer.count(),
            "unscoped dashboard s": _median(lambda: dashboard(store, access.EVERYTHING)),
            "admin (all sites) dashboard s": _median(lambda: dashboard(admin_s, access.EVERYTHING)),
            "officer (one site) dashboard s": _median(
                lambda: dashboard(officer, access.EVERYTHING)
            ),
            "principal lookup s": _median(
                lambda: access.principal_for(store.engine, "officer@example.org")
            ),
        }
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
    for backend in args.backend or ["sqlite", "postgresql"]:
        for k, v in run(backend, args.n).items():
            print(
                f"{backend:10s} {k:34s} {v:10.4f}"
                if isinstance(v, float)
                else f"{backend:10s} {k:34s} {v:10d}"
            )


if __name__ == "__main__":
    main()
