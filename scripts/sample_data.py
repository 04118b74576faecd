"""Sample data: a few hundred synthetic assessments to explore the app with.

    python -m scripts.sample_data [--n 360] [--seed 7]     # load into the default database
    python -m cli db seed-if-empty                         # the same, only into an empty one

Rows come from :func:`benchmarks.synthetic.synthetic_frame` (office desks,
warehouse lifting, maintenance with vibration) and are then made to look like a
real year of audits: each worker or desk keeps one site and a department that
fits the job, most are assessed two to four times, 30 to 120 days apart, and the
dates spread over the twelve months before ``today``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

import numpy as np
import pandas as pd

from assessments.store import ImportReport, Store
from benchmarks.synthetic import SITES, synthetic_frame

DEPARTMENTS_OF_JOB = {
    "Clerk": ("Claims", "IT", "Finance"),
    "Picker": ("Goods in", "Dispatch"),
    "Fitter": ("Maintenance",),
}
REF_PREFIX = {"Clerk": "DESK", "Picker": "EMP", "Fitter": "EMP"}
ASSESSORS = ("J. Okafor", "M. Lindqvist", "S. Patel", "")
VISITS_PER_SUBJECT = (1, 2, 2, 3, 3, 4)


def sample_frame(n: int = 360, *, seed: int = 7, today: dt.date | None = None) -> pd.DataFrame:
    """Return ``n`` synthetic assessments in the flat layout, grouped into re-assessed subjects."""
    today = today or dt.date.today()
    rng = np.random.default_rng(seed)
    df = synthetic_frame(n, seed=seed).astype(object)
    subject = np.empty(n, dtype=object)
    site = np.empty(n, dtype=object)
    department = np.empty(n, dtype=object)
    days_ago = np.empty(n, dtype=int)
    counter = 0
    for job, rows in df.groupby("job_title").groups.items():
        rows = list(rows)
        while rows:
            k = min(len(rows), int(rng.choice(VISITS_PER_SUBJECT)))
            visits, rows = rows[:k], rows[k:]
            counter += 1
            subject[visits] = f"{REF_PREFIX[job]}-{counter:03d}"
            site[visits] = SITES[rng.integers(len(SITES))]
            department[visits] = rng.choice(DEPARTMENTS_OF_JOB[job])
            # First visit somewhere in the year, the re-assessments 30-120 days later.
            gaps = rng.integers(30, 121, size=k - 1)
            first = int(rng.integers(int(gaps.sum()), 365)) if gaps.sum() < 365 else 364
            days_ago[visits] = first - np.concatenate([[0], np.cumsum(gaps)])
    days_ago = np.clip(days_ago, 0, 364)
    df["worker_ref"] = subject
    df["site"] = site
    df["department"] = department
    df["date"] = [(today - dt.timedelta(days=int(d))).isoformat() for d in days_ago]
    df["organisation"] = "Sample Manufacturing Ltd"
    df["assessor"] = rng.choice(np.array(ASSESSORS, dtype=object), size=n)
    df = df.iloc[np.argsort(df["date"].to_numpy(), kind="stable")].reset_index(drop=True)
    df["assessment_id"] = [f"S-{i + 1:04d}" for i in range(n)]
    return df


def seed(store: Store, n: int = 360, *, seed: int = 7, progress=None) -> ImportReport:
    """Import the sample assessments into ``store`` (all or nothing)."""
    return store.import_frame(sample_frame(n, seed=seed), progress=progress)


def seed_if_empty(store: Store, n: int = 360) -> int:
    """Load the sample data only when the store holds no assessment; return rows loaded."""
    if store.count() > 0:
        return 0
    return seed(store, n).saved


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m scripts.sample_data", description=__doc__)
    p.add_argument("--n", type=int, default=360, help="number of assessments (default 360)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--url", help="database URL (default: $DATABASE_URL or the SQLite file)")
    args = p.parse_args(argv)
    store = Store(args.url)
    report = seed(store, args.n, seed=args.seed)
    print(f"loaded {report.saved} sample assessment(s) into {store!r}", file=sys.stderr)
    return 0 if not report.problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
