"""End-to-end CLI on a large CSV: time and peak memory (issue 2: 1,000,000 rows < 1 min, < 2 GB).

    .venv/bin/python benchmarks/bench_cli_csv.py [--n 1000000]

Writes the synthetic CSV to benchmarks/_data/ (git-ignored), then runs
`python -m cli score IN -o OUT` in a child process and reports its wall time
and peak resident memory (ru_maxrss of the child).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_frame  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--chunk", type=int, default=100_000)
    args = ap.parse_args()
    data = ROOT / "benchmarks" / "_data"
    data.mkdir(parents=True, exist_ok=True)
    src = data / f"synthetic-{args.n}.csv"
    if not src.exists():
        t = time.perf_counter()
        for start in range(0, args.n, args.chunk):
            part = synthetic_frame(min(args.chunk, args.n - start), seed=start, start=start)
            part.to_csv(src, mode="a", header=start == 0, index=False)
        print(
            f"wrote {src.name} ({src.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s"
        )
    dst = data / f"results-{args.n}.csv"
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "score", str(src), "-o", str(dst)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode != 0:
        print(proc.stderr[-2000:])
        raise SystemExit(proc.returncode)
    rows = sum(1 for _ in dst.open()) - 1
    print(f"cli score: {rows:,} rows in {wall:.1f} s, peak memory {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
