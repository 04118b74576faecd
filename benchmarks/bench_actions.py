"""The Follow-up page and the dashboard's action figures with 100,000 records and 300,000 actions.

    .venv/bin/python benchmarks/bench_actions.py [--n 100000] [--actions 300000]
                                                 [--backend sqlite|postgresql ...]

Builds the data (imports ``n`` synthetic assessments, then writes ``actions`` corrective
actions in every state over them, due dates spread around today so many are overdue),
then times what the pages do: the Follow-up page's three lists (overdue actions,
actions due in 30 days, reassessments due: the 500 soonest of each and, when there are
more, the count), the dashboard's action figures, and each
page as a whole under streamlit's AppTest (its first render in a fresh session, and a
rerun with nothing changed). Goal: well under 2 s per render. SQLite in
benchmarks/_data/ (git-ignored); PostgreSQL in a new schema on ``$TEST_DATABASE_URL``
(default postgresql://ergo:ergo@127.0.0.1:5432/ergo_test), dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from assessments.access import ScopedStore, local_principal  # noqa: E402
from assessments.actions import STATUSES, Actions, action_table  # noqa: E402
from assessments.store import Filters, Store, assessment_table, database_url  # noqa: E402
from benchmarks.bench_store import _csv  # noqa: E402
from cli import read_table  # noqa: E402
from scoring.engine import FACTORS  # noqa: E402

PG_DEFAULT = "postgresql://ergo:ergo@127.0.0.1:5432/ergo_test"
REPEAT = 5
# Share of actions in each state (open, in progress, done, verified, won't do).
STATUS_SHARE = (0.35, 0.15, 0.15, 0.25, 0.10)
CHUNK = 20_000


def _actions_rows(record_ids: np.ndarray, n: int, rng, today: dt.date) -> list[list[dict]]:
    """Return ``n`` synthetic actions over the records, in chunks ready to insert."""
    now = dt.datetime.now(dt.UTC)
    rec = record_ids[rng.integers(0, len(record_ids), n)]
    status = np.array(STATUSES)[rng.choice(len(STATUSES), size=n, p=STATUS_SHARE)]
    factor = np.array(FACTORS)[rng.integers(0, len(FACTORS), n)]
    due = rng.integers(-120, 240, n)  # days from today: about a third are past due
    ago = rng.integers(1, 365, n)
    rows = []
    for i in range(n):
        s = str(status[i])
        done = s in ("done", "verified")
        rows.append(
            {
                "record_id": str(rec[i]),
                "baseline_revision": 1,
                "rec_id": None,
                "factor": str(factor[i]),
                "control": "engineer",
                "description": f"Synthetic action {i}",
                "owner": f"Owner {i % 50}",
                "due_date": today + dt.timedelta(days=int(due[i])),
                "status": s,
                "reason": "checked on site" if s in ("verified", "wont_do") else "",
                "notes": "",
                "predicted_effect": "",
                "predicted_before": None,
                "predicted_after": None,
                "changes": [],
                "created_at": now - dt.timedelta(days=int(ago[i])),
                "created_by": "bench@example.org",
                "done_at": now - dt.timedelta(days=int(ago[i]) // 2) if done else None,
                "verified_at": now - dt.timedelta(days=int(ago[i]) // 3)
                if s == "verified"
                else None,
                "followup_revision": None,
            }
        )
    return [rows[k : k + CHUNK] for k in range(0, n, CHUNK)]


def _baselines() -> sa.Update:
    """Return the UPDATE giving the rows written here their baseline's band and index.

    ``Actions.create`` writes them from the baseline revision; these rows are inserted
    directly, so they are filled the way migration 0016 fills older actions.
    """
    T, A = action_table, assessment_table
    base = sa.and_(A.c.record_id == T.c.record_id, A.c.revision == T.c.baseline_revision)
    index = sa.case(*[(T.c.factor == f, A.c[f"{f}_index"]) for f in FACTORS], else_=None)
    return T.update().values(
        baseline_band=sa.select(A.c.overall_band).where(base).scalar_subquery(),
        baseline_index=sa.select(index).where(base).scalar_subquery(),
    )


def build(url: str, src: Path, n: int, n_actions: int) -> dict[str, float]:
    """Fill the database (records kept from an earlier run are reused); return step times [s].

    Opening a kept database made by older code runs the pending migrations (0014 stores
    every record's next review date): that step is timed too.
    """
    out = {}
    t = time.perf_counter()
    store = Store(url)
    _show(out, "build: open (with pending migrations)", time.perf_counter() - t)
    if store.count() != n:
        t = time.perf_counter()
        report = store.import_frame(read_table(src))
        _show(out, "build: import records", time.perf_counter() - t)
        assert report.saved == n, report.problems[:5]
    with store.engine.begin() as c:
        if c.execute(sa.select(sa.func.count()).select_from(action_table)).scalar() == n_actions:
            store.close()
            return out  # the actions of the last run are reused too
        c.execute(action_table.delete())
    t = time.perf_counter()
    with store.engine.connect() as c:
        ids = np.array(c.execute(sa.select(assessment_table.c.record_id)).scalars().all())
    chunks = _actions_rows(ids, n_actions, np.random.default_rng(12), dt.date.today())
    with store.engine.begin() as c:
        for chunk in chunks:
            c.execute(action_table.insert(), chunk)
        c.execute(_baselines())
    _show(out, "build: write actions", time.perf_counter() - t)
    with store.engine.begin() as c:  # planner statistics, as a running database has them
        c.exec_driver_sql("ANALYZE")
    store.close()
    return out


def _show(out: dict, label: str, seconds: float) -> None:
    """Keep a figure and print it at once (a long run shows its progress)."""
    out[label] = seconds
    print(f"{label:<44} {seconds:8.3f} s", flush=True)


def _timed(fn, repeat: int = REPEAT) -> tuple[float, float, float]:
    """Return (first, median of the rest) wall time and the median CPU time [s] of ``fn()``.

    On a shared machine the wall time is mostly waiting for a core; the CPU time of
    this process (the database work included: SQLite runs in it) is what an idle
    machine would take.
    """
    times, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return times[0], statistics.median(times[1:]), statistics.median(cpu[1:])


def queries(url: str) -> dict[str, float]:
    """Return the time of the pages' queries, called as the pages call them [s]."""
    store = Store(url)
    acts = Actions(ScopedStore(store, local_principal()))
    out = {}
    for label, fn in (
        # As the page asks: the 500 soonest, and the whole count when there are more.
        (
            "follow-up: overdue actions",
            lambda: (acts.list(overdue=True, limit=500), acts.count(overdue=True)),
        ),
        (
            "follow-up: due in 30 days",
            lambda: (acts.list(due_within_days=30, limit=500), acts.count(due_within_days=30)),
        ),
        (
            "follow-up: reassessments due",
            lambda: (acts.reviews(within_days=30, limit=500), acts.count_reviews(within_days=30)),
        ),
        ("dashboard: action figures", lambda: acts.figures(Filters())),
        ("dashboard: action figures, one site", lambda: acts.figures(Filters(sites=("Leeds",)))),
    ):
        first, rest, cpu = _timed(fn)
        _show(out, f"{label} (first)", first)
        _show(out, f"{label} (median)", rest)
        _show(out, f"{label} (median CPU)", cpu)
    store.close()
    return out


def pages(url: str, data_dir: Path) -> dict[str, float]:
    """Return the first render and a rerun of the Follow-up and Dashboard pages [s]."""
    from streamlit.testing.v1 import AppTest

    from views import services

    os.environ["DATABASE_URL"], os.environ["ERGO_DATA_DIR"] = url, str(data_dir)
    out = {}
    try:
        for name in ("follow_up", "dashboard"):
            at = AppTest.from_file(str(ROOT / "views" / f"{name}.py"), default_timeout=600)
            t = time.perf_counter()
            at.run()
            _show(out, f"page {name}: first render", time.perf_counter() - t)
            assert not at.exception, at.exception
            reruns = []
            for _ in range(REPEAT):
                t = time.perf_counter()
                at.run()
                reruns.append(time.perf_counter() - t)
            _show(out, f"page {name}: rerun (median)", statistics.median(reruns))
    finally:
        services._store.clear()
        os.environ.pop("DATABASE_URL")
    return out


def run(backend: str, src: Path, n: int, n_actions: int, keep: bool) -> dict[str, float]:
    cleanup = None
    data = ROOT / "benchmarks" / "_data"
    if backend == "sqlite":
        path = data / "bench-actions.db"
        if not keep:
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
        out = build(url, src, n, n_actions)
        out.update(queries(url))
        out.update(pages(url, data))
        return out
    finally:
        if cleanup:
            cleanup()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--actions", type=int, default=300_000)
    ap.add_argument("--backend", action="append", choices=("sqlite", "postgresql"))
    ap.add_argument("--keep", action="store_true", help="reuse the SQLite records of the last run")
    args = ap.parse_args()
    src = _csv(args.n)
    print(f"{args.n:,} assessments, {args.actions:,} actions")
    for backend in args.backend or ("sqlite", "postgresql"):
        print(f"-- {backend}", flush=True)
        run(backend, src, args.n, args.actions, args.keep)


if __name__ == "__main__":
    main()
