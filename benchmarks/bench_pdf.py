"""PDF reports: time per report, 1,000 reports through the CLI, summaries over 10,000 and 100,000.

    .venv/bin/python benchmarks/bench_pdf.py [--reports 1000] [--summary 10000]
                                             [--stored 100000]

Goals: a single-assessment PDF in well under half a second; a summary report
over 10,000 assessments in a few seconds; the summary PDF of 100,000 *saved*
assessments (the dashboard's and `python -m cli summary`'s path, from the stored
result columns) under 5 s and 1 GB (issue 14). The stored summary runs in a
child process on a SQLite file of ``--stored`` records (built once, kept in
benchmarks/_data/), and reports its wall time and peak resident memory.
Data come from benchmarks/synthetic.py; files go to benchmarks/_data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessments import io  # noqa: E402
from assessments.evaluate import score_assessment  # noqa: E402
from benchmarks.synthetic import synthetic_frame  # noqa: E402
from reports.pdf import assessment_pdf  # noqa: E402
from reports.summary import summary_pdf  # noqa: E402

EXAMPLES = ("office-desk", "warehouse-lifting", "maintenance-vibration")
DATE = dt.date(2026, 11, 5)


def one_report(repeat: int = 20) -> None:
    for name in EXAMPLES:
        a = io.load_json((ROOT / "examples" / f"{name}.json").read_bytes())[0][0]
        t = time.perf_counter()
        r = score_assessment(a)
        first = assessment_pdf(a, r, generated=DATE)  # includes font registration if first
        cold = time.perf_counter() - t
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            assessment_pdf(a, score_assessment(a), generated=DATE)
            times.append(time.perf_counter() - t)
        print(
            f"one report, {name:<22} score + PDF: median {statistics.median(times) * 1000:.0f} ms, "
            f"min {min(times) * 1000:.0f} ms (first call {cold * 1000:.0f} ms; "
            f"{len(first) / 1024:.0f} KB)"
        )


def cli_reports(n: int, data: Path) -> None:
    src = data / f"synthetic-pdf-{n}.csv"
    synthetic_frame(n, seed=7).to_csv(src, index=False)
    out = data / f"pdf-{n}"
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "score", str(src), "--pdf-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        print(proc.stderr[-2000:])
        raise SystemExit(proc.returncode)
    files = list(out.glob("*.pdf"))
    size = sum(f.stat().st_size for f in files) / 1e6
    print(
        f"cli --pdf-dir: {len(files):,} reports in {wall:.1f} s "
        f"({wall / len(files) * 1000:.0f} ms each, {size:.0f} MB)"
    )


def summary(n: int, data: Path) -> None:
    df = synthetic_frame(n, seed=9)
    t = time.perf_counter()
    pdf = summary_pdf(df, title=f"{n:,} synthetic assessments", generated=DATE)
    wall = time.perf_counter() - t
    print(f"summary_pdf over {n:,} assessments (flat table in memory): {wall:.2f} s")
    src = data / f"synthetic-summary-{n}.csv"
    df.to_csv(src, index=False)
    dst = data / f"summary-{n}.pdf"
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "score", str(src), "--summary-pdf", str(dst)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall_cli = time.perf_counter() - t
    if proc.returncode != 0:
        print(proc.stderr[-2000:])
        raise SystemExit(proc.returncode)
    print(
        f"cli --summary-pdf over {n:,} assessments (read CSV, validate, score, PDF, "
        f"process start-up): {wall_cli:.2f} s ({len(pdf) / 1024:.0f} KB)"
    )


_STORED_CODE = """
import datetime as dt, sys, time
from assessments.store import Store
from reports.summary import summary_pdf
s = Store(sys.argv[1], migrate=False)
t = time.perf_counter()
pdf = summary_pdf(s.summary_figures(), title="bench", generated=dt.date(2026, 11, 5))
print(f"{time.perf_counter() - t:.3f} {len(pdf)}")
"""


def stored_summary(n: int, data: Path) -> None:
    """Print the time and peak memory of the summary PDF of ``n`` saved assessments."""
    from assessments.store import Store

    db = data / f"summary-store-{n}.db"
    url = f"sqlite:///{db}"
    if not db.exists():
        t = time.perf_counter()
        s = Store(url)
        for start in range(0, n, 50_000):
            s.import_frame(synthetic_frame(min(50_000, n - start), seed=start, start=start))
        s.close()
        print(f"saved {n:,} synthetic assessments in {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _STORED_CODE, url], cwd=ROOT, stdout=subprocess.PIPE
    )
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("the stored summary failed")
    inner, size = out.split()
    print(
        f"summary PDF of {n:,} saved assessments (stored columns, SQLite): "
        f"{float(inner):.2f} s to build, {wall:.2f} s with process start-up, "
        f"peak memory {usage.ru_maxrss / 1024:.0f} MB ({int(size) / 1024:.0f} KB), "
        f"load {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000, help="reports through the CLI")
    ap.add_argument("--summary", type=int, default=10_000, help="assessments in the summary")
    ap.add_argument("--repeat", type=int, default=20, help="timed builds per example")
    ap.add_argument("--stored", type=int, default=100_000, help="saved assessments summarised")
    args = ap.parse_args()
    data = ROOT / "benchmarks" / "_data"
    data.mkdir(parents=True, exist_ok=True)
    one_report(args.repeat)
    summary(args.summary, data)
    stored_summary(args.stored, data)
    cli_reports(args.reports, data)


if __name__ == "__main__":
    main()
