"""Bulk PDFs on every core: the CLI with 1 and 2 workers, and a PostgreSQL job on two workers.

    .venv/bin/python benchmarks/bench_jobs.py [--reports 1000] [--repeat 3]
                                              [--job 20000] [--job-url URL]

Goals (issue 14): 1,000 PDFs with a speed-up within 20 % of the number of free
cores; a background job of 20,000 PDFs on PostgreSQL with two ``python -m cli
worker`` processes finishes with each PDF exactly once. The machine is shared,
so the script prints the load average beside each figure; figures are medians of
``--repeat`` runs. Half way through the PostgreSQL job one worker is killed
with SIGKILL (``--no-kill`` to keep both); the other worker hands its stalled
tasks back to the queue, and the job must still record every PDF exactly once.
The PostgreSQL job runs when ``--job-url`` (or
$BENCH_DATABASE_URL) names a database; it works in a schema of its own, dropped
afterwards. Data come from benchmarks/synthetic.py; files go to benchmarks/_data/.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

import background  # noqa: E402
from assessments import jobs  # noqa: E402
from assessments.store import Store, database_url  # noqa: E402
from benchmarks.synthetic import synthetic_frame  # noqa: E402


def load() -> str:
    """Return the 1-minute load average and the core count, as printed beside a figure."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def cli_pdfs(src: Path, out: Path, workers: int) -> tuple[float, float]:
    """Return (wall s, CPU s) of ``python -m cli score --pdf-dir`` on ``workers`` processes.

    The CPU time (user + system, from wait4) covers the pool's processes too; on a
    shared machine it shows what the pool costs beyond the PDFs themselves.
    """
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    cmd = [sys.executable, "-m", "cli", "score", str(src), "--pdf-dir", str(out)]
    proc = subprocess.Popen(
        [*cmd, "--workers", str(workers)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        print(err.decode(errors="replace")[-2000:])
        raise SystemExit(1)
    return wall, usage.ru_utime + usage.ru_stime


def speed_up(n: int, repeat: int, data: Path) -> None:
    src = data / f"synthetic-jobs-{n}.csv"
    synthetic_frame(n, seed=7).to_csv(src, index=False)
    median = {}
    for workers in (1, 2):
        runs = [cli_pdfs(src, data / f"jobs-pdf-{workers}", workers) for _ in range(repeat)]
        median[workers] = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        files = len(list((data / f"jobs-pdf-{workers}").glob("*.pdf")))
        print(
            f"cli --pdf-dir, {files:,} PDFs, {workers} worker(s): median {median[workers]:.1f} s "
            f"of {repeat} ({', '.join(f'{r[0]:.1f}' for r in runs)}), CPU {cpu:.1f} s, {load()}"
        )
    print(f"speed-up with 2 workers: {median[1] / median[2]:.2f}x")


def _worker(url: str, name: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    cmd = [sys.executable, "-m", "cli", "worker", "--url", url, "--name", name]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def postgres_job(n: int, base: str, *, kill: bool = True) -> None:
    base = database_url(base)
    schema = f"bench_jobs_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"
    workers = []
    try:
        s = Store(url)
        s.import_frame(synthetic_frame(n, seed=21))
        background.ensure_queue_schema(s.url)
        workers = [_worker(s.url, f"bench-{i}") for i in (1, 2)]
        t = time.perf_counter()
        job_id = background.submit(s, "pdf_batch", {"filters": {}}, "bench")
        killed_at = None
        while (st := background.status(s, job_id)).status not in ("done", "failed"):
            if kill and killed_at is None and st.done >= n // 2:
                workers[0].send_signal(signal.SIGKILL)  # no clean-up: its tasks stall
                workers[0].wait()
                killed_at = st.done
                print(f"worker bench-1 SIGKILLed at {killed_at:,} of {n:,} PDFs, {load()}")
            time.sleep(2)
        wall = time.perf_counter() - t
        once = jobs.item_count(s, job_id)
        with s.engine.connect() as conn:
            distinct = conn.exec_driver_sql(
                "SELECT count(DISTINCT item_key), count(DISTINCT name) FROM job_item "
                "WHERE job_id = %s",
                (job_id,),
            ).one()
        print(
            f"PostgreSQL job, {n:,} PDFs on 2 workers"
            f"{' (one killed half way)' if killed_at is not None else ''}: {st.status} in "
            f"{wall:.0f} s ({n / wall:.1f} PDFs/s), {once:,} items recorded, "
            f"{distinct[0]:,} distinct records, {distinct[1]:,} distinct file names "
            f"(done counter {st.done:,}), {load()}"
        )
        s.close()
    finally:
        for w in workers:
            w.terminate()
            w.wait()
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000, help="PDFs per CLI run")
    ap.add_argument("--repeat", type=int, default=3, help="runs per worker count")
    ap.add_argument("--job", type=int, default=20_000, help="PDFs in the PostgreSQL job")
    ap.add_argument("--job-url", default=os.environ.get("BENCH_DATABASE_URL"))
    ap.add_argument(
        "--no-kill", action="store_true", help="do not SIGKILL a worker half way through the job"
    )
    ap.add_argument("--skip-cli", action="store_true", help="only the PostgreSQL job")
    args = ap.parse_args()
    data = ROOT / "benchmarks" / "_data"
    data.mkdir(parents=True, exist_ok=True)
    if not args.skip_cli:
        speed_up(args.reports, args.repeat, data)
    if args.job_url:
        postgres_job(args.job, args.job_url, kill=not args.no_kill)
    else:
        print("PostgreSQL job skipped: set --job-url or $BENCH_DATABASE_URL")


if __name__ == "__main__":
    main()
