"""End-to-end CLI on a large CSV: time and peak memory, and the ratio to pyarrow alone.

    .venv/bin/python benchmarks/bench_cli_csv.py [--n 1000000]

Writes the synthetic CSV to benchmarks/_data/ (git-ignored), then runs, each in
its own child process, `python -m cli score IN -o OUT` and pyarrow's own read
and write of the same file (the I/O floor: `pyarrow.csv.read_csv` then
`pyarrow.csv.write_csv`), and reports each one's wall time and peak resident
memory (the child's ru_maxrss from wait4) and the ratio of the two times
(issue 14 goal: within 2x, peak under 1 GB).
"""

from __future__ import annotations

import argparse
import os
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
    wall, peak_mb = _child([sys.executable, "-m", "cli", "score", str(src), "-o", str(dst)])
    rows = sum(1 for _ in dst.open()) - 1
    print(f"cli score: {rows:,} rows in {wall:.1f} s, peak memory {peak_mb:.0f} MB")
    floor = data / f"pyarrow-{args.n}.csv"
    code = "import sys, pyarrow.csv as c; c.write_csv(c.read_csv(sys.argv[1]), sys.argv[2])"
    pa_wall, pa_mb = _child([sys.executable, "-c", code, str(src), str(floor)])
    print(f"pyarrow read + write alone: {pa_wall:.1f} s, peak memory {pa_mb:.0f} MB")
    print(f"ratio cli score / pyarrow alone: {wall / pa_wall:.2f}x")


def _child(cmd: list[str]) -> tuple[float, float]:
    """Return (wall s, peak RSS MB) of one child process; exit on its failure."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        print(err.decode(errors="replace")[-2000:])
        raise SystemExit(proc.returncode)
    return wall, usage.ru_maxrss / 1024


if __name__ == "__main__":
    main()
