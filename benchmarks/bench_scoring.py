"""Scoring speed: 100,000 assessments in one batch vs one at a time (goal: about a second, 50x faster).

    .venv/bin/python benchmarks/bench_scoring.py [--n 100000] [--single 2000]

Measures, on one core:
  batch      parse + validate + score a 100,000-row DataFrame (assessments.batch.score_frame)
  engine     the engine alone on the parsed arrays
  one-by-one the single-assessment path on a sample (engine with n = 1 per assessment, from
             validated models, as the form does), extrapolated to n; and the form's full
             result (factor results, drivers, recommendations) per assessment
and checks that the batch and one-at-a-time bands and indices are identical.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from assessments.batch import score_frame
from assessments.evaluate import inputs_from_assessments, inputs_from_parsed, score_assessment
from assessments.io import frame_to_assessments, parse_frame
from benchmarks.synthetic import synthetic_frame
from scoring.engine import score


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--single", type=int, default=2_000)
    args = ap.parse_args()
    with contextlib.suppress(AttributeError, OSError):  # not every OS can pin
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    df = synthetic_frame(args.n, seed=1)
    t_batch = best_of(lambda: score_frame(df))
    parsed = parse_frame(df)
    inputs = inputs_from_parsed(parsed)
    t_engine = best_of(lambda: score(inputs.by_factor, inputs.applicable, inputs.n))
    batch = score(inputs.by_factor, inputs.applicable, inputs.n)

    sample, problems = frame_to_assessments(df.iloc[: args.single])
    assert not problems, problems[:3]
    t0 = time.perf_counter()
    singles = []
    for a in sample:
        one = inputs_from_assessments([a])
        singles.append(score(one.by_factor, one.applicable, 1))
    t_single = (time.perf_counter() - t0) / len(sample)
    t0 = time.perf_counter()
    for a in sample[:500]:
        score_assessment(a)
    t_full = (time.perf_counter() - t0) / min(500, len(sample))

    band_single = np.vstack([s.band for s in singles])
    idx_single = np.vstack([s.index for s in singles])
    same = np.array_equal(band_single, batch.band[: len(sample)]) and np.allclose(
        idx_single, batch.index[: len(sample)], equal_nan=True, rtol=0, atol=1e-9
    )
    print(f"n = {args.n:,} synthetic assessments, one core")
    print(f"batch (parse + validate + score): {t_batch:.3f} s  ({args.n / t_batch:,.0f}/s)")
    print(f"engine only:                      {t_engine:.3f} s")
    print(
        f"one at a time (engine, n=1):      {t_single * 1e3:.3f} ms each -> {t_single * args.n:.1f} s for n"
    )
    print(
        f"one at a time (full form result): {t_full * 1e3:.3f} ms each -> {t_full * args.n:.1f} s for n"
    )
    print(
        f"speed-up batch vs one at a time:  {t_single * args.n / t_batch:.0f}x (engine path), "
        f"{t_full * args.n / t_batch:.0f}x (full result)"
    )
    print(f"identical bands and indices on {len(sample):,} rows: {same}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
