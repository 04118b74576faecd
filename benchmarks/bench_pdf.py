"""PDF reports: time per report, 1,000 reports through the CLI, a summary over 10,000.

    .venv/bin/python benchmarks/bench_pdf.py [--reports 1000] [--summary 10000]

Goal: a single-assessment PDF in well under half a second; a summary report
over 10,000 assessments in a few seconds. Data come from
benchmarks/synthetic.py; files go to benchmarks/_data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000, help="reports through the CLI")
    ap.add_argument("--summary", type=int, default=10_000, help="assessments in the summary")
    ap.add_argument("--repeat", type=int, default=20, help="timed builds per example")
    args = ap.parse_args()
    data = ROOT / "benchmarks" / "_data"
    data.mkdir(parents=True, exist_ok=True)
    one_report(args.repeat)
    summary(args.summary, data)
    cli_reports(args.reports, data)


if __name__ == "__main__":
    main()
