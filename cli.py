"""Command-line entry: validate and score assessment files.

    python -m cli score INPUT [-o OUTPUT] [--format csv|json]
                        [--pdf-dir DIR] [--summary-pdf FILE] [--summary-title TEXT]
    python -m cli validate INPUT
    python -m cli template [-o assessments-template.csv]
    python -m cli schema [-o schemas/assessment.schema.json]
    python -m cli import FILE.csv|FILE.xlsx [--url URL]
    python -m cli export -o FILE.csv|FILE.xlsx [--site S ...] [--department D ...]
                         [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--min-band 0-3] [--text T]
    python -m cli db upgrade|seed-if-empty|seed|status [--url URL]
    python -m cli worker [--url URL] [--name NAME] [--until-idle]

INPUT is a JSON file (one assessment or {"schema_version", "assessments": [...]})
or a CSV file in the flat layout (see README). Bad input exits with status 1 and
prints one line per problem: row, field, value and allowed range. Nothing is
written when any row is bad.

import saves a file into the database (``$DATABASE_URL``, else the SQLite file in
``$ERGO_DATA_DIR``, default ./data/ergo.db): every row or none; bad rows exit 1
with one line per problem. export writes the saved assessments (latest revision
of each) with their results, formulas neutralised. db upgrade runs the schema
migrations; db seed-if-empty loads the sample data into an empty database.

--pdf-dir writes one PDF report per assessment (named after its assessment id,
or its row number when it has none); --summary-pdf writes one summary PDF over
the whole file. With either, the scored table is written only when -o is given.
The PDFs are built on every core (--workers N to choose).

worker takes background jobs (PDF batches, summaries, large imports) from a
PostgreSQL database's queue; start one or more on any machine that reaches it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import re
import sys
from pathlib import Path

import pandas as pd

from assessments import io, schema
from assessments.batch import (
    ENGINE_ROWS,
    SCORE_CHUNK_ROWS,
    score_assessments,
    score_csv,
    score_frame,
)
from assessments.evaluate import score_assessment
from assessments.fields import Problem
from assessments.tables import DATE_ORDERS, Table, TableError, in_sheet_rows, write_csv

EXIT_OK, EXIT_INVALID = 0, 1
PROGRESS_MIN_ITEMS = 50  # show a progress bar for runs longer than this
# Device names Windows will not accept as file names, whatever the extension.
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{d}{i}" for d in ("COM", "LPT") for i in range(10)
}


def _print_problems(problems: list[Problem], limit: int = 200) -> None:
    for p in problems[:limit]:
        print(p.line(), file=sys.stderr)
    if len(problems) > limit:
        print(f"... and {len(problems) - limit} more problems.", file=sys.stderr)
    print(f"{len(problems)} problem(s): nothing was scored or written.", file=sys.stderr)


def _result_json(a, result) -> dict:
    return {
        "assessment_id": a.header.assessment_id,
        "worker_ref": a.header.worker_ref,
        "date": a.header.date.isoformat(),
        "method_version": result.method_version,
        "overall": {"band": result.overall_status, "n_high": result.n_high},
        "factors": [
            {
                "factor": f.factor,
                "method": f.method,
                "applicable": f.applicable,
                "reason": f.reason,
                "band": f.status,
                "index": None if not f.applicable else round(f.index, 2),
                "native": None
                if f.headline is None
                else {
                    "label": f.headline.label,
                    "value": f.headline.value,
                    "unit": f.headline.unit,
                },
                "metrics": [
                    {"key": m.key, "label": m.label, "value": m.value, "unit": m.unit}
                    for m in f.metrics
                ],
                "borderline": f.borderline,
                "drivers": list(f.drivers),
                "why": f.why,
            }
            for f in result.factors
        ],
        "recommendations": [
            {
                "id": r.id,
                "factor": r.factor,
                "control": r.control,
                "action": r.officer_text,
                "effect": r.effect,
                "source": r.source,
            }
            for r in result.recommendations
        ],
        "desk_targets": result.desk_targets,
    }


def _progress_bar(path: Path):
    """Return a tqdm progress callback sized by the file's line count estimate."""
    from tqdm import tqdm

    size = path.stat().st_size
    if size < 5_000_000:
        return None, None
    bar = tqdm(total=None, unit=" rows", file=sys.stderr, desc="scoring", mininterval=0.5)
    return bar.update, bar


def cmd_score(args) -> int:
    if args.pdf_dir or args.summary_pdf:
        return _score_with_pdfs(args)
    return _score_table(args)


def _score_table(args) -> int:
    src = Path(args.input)
    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower() if args.output else ".csv"
        fmt = {".json": "json", ".jsonl": "jsonl"}.get(suffix, "csv")
    if src.suffix.lower() == ".json":
        assessments, problems = io.load_json(src.read_bytes())
        if problems:
            _print_problems(problems)
            return EXIT_INVALID
        if fmt == "json":
            doc = [_result_json(a, score_assessment(a)) for a in assessments]
            text = json.dumps(doc, indent=2, ensure_ascii=False)
        else:
            text = write_csv(score_assessments(assessments))
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return EXIT_OK
    if fmt == "json":
        # Full per-factor detail goes through the exact per-assessment path.
        assessments, problems = _frame_assessments(Table(src, dates=args.dates).frame())
        if problems:
            _print_problems(problems)
            return EXIT_INVALID
        doc = [_result_json(a, score_assessment(a)) for a in assessments]
        text = json.dumps(doc, indent=2, ensure_ascii=False)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return EXIT_OK
    dst = Path(args.output) if args.output else None
    if dst is None:
        # The same reader as -o: worker "007" stays "007" on the terminal too.
        out, problems = score_frame(Table(src, dates=args.dates).frame())
        if problems:
            _print_problems(problems)
            return EXIT_INVALID
        write_csv(out, sys.stdout)
        return EXIT_OK
    update, bar = _progress_bar(src)
    try:
        rows, problems = score_csv(
            src,
            dst,
            chunksize=args.chunksize or SCORE_CHUNK_ROWS,
            fmt=fmt,
            progress=update,
            dates=args.dates,
        )
    finally:
        if bar is not None:
            bar.close()
    if problems:
        _print_problems(problems)
        return EXIT_INVALID
    print(f"scored {rows} assessment(s) -> {dst}", file=sys.stderr)
    return EXIT_OK


# -------------------------------------------------------------------- PDF reports


def pdf_file_name(assessment_id: str, row: int, used: set[str]) -> str:
    """Return a safe, unique file name for one assessment's PDF report.

    The assessment id keeps its letters (any script), digits, ``.``, ``-`` and
    ``_``; every other run of characters (``/``, spaces, ``:``) becomes ``_``, so
    the name cannot leave the folder or hide as a dot-file. A blank id, or one
    that sanitises to nothing, falls back to the row number; a device name
    (``CON``) or a repeated name gets the row number appended. ``used`` collects
    the names given so far (compared case-insensitively, as Windows and macOS do).
    """
    stem = re.sub(r"[^\w.-]+", "_", assessment_id or "").strip("._-")[:100]
    if not stem:
        stem = f"row-{row:05d}"
    elif stem.split(".")[0].upper() in _RESERVED_NAMES:
        stem = f"{stem}-row-{row}"
    name = stem
    if name.lower() in used:
        name = f"{stem}-row-{row}"
    used.add(name.lower())
    return name + ".pdf"


def _progress(items, total: int, desc: str):
    """Return ``items`` wrapped in a tqdm bar on stderr when the run is long."""
    from tqdm import tqdm

    return tqdm(
        items,
        total=total,
        desc=desc,
        unit=" PDF",
        file=sys.stderr,
        disable=total <= PROGRESS_MIN_ITEMS,
        mininterval=0.5,
    )


def _load_assessments(src: Path, dates: str = "iso"):
    """Return (validated assessment models, problems) from a JSON or CSV file."""
    if src.suffix.lower() == ".json":
        return io.load_json(src.read_bytes())
    return _frame_assessments(Table(src, dates=dates).frame())


def _frame_assessments(frame):
    """Return (models, problems) of a table, problems numbered as the spreadsheet's rows."""
    items, problems = io.frame_to_assessments(frame)
    return items, in_sheet_rows(problems, frame)


def _summarise_csv(src: Path, chunksize: int, dates: str = "iso"):
    """Return (summary, problems) of a CSV file of any length, chunk by chunk."""
    from reports.summary import InvalidRows, summarise_frame

    summary, problems, offset = None, [], 0
    for chunk in Table(src, dates=dates).chunks(chunksize):
        try:
            part = summarise_frame(chunk, row_offset=offset)
        except InvalidRows as exc:
            problems += in_sheet_rows(exc.problems, chunk, offset)
            part = None
        offset += len(chunk)
        if part is not None and not problems:
            summary = part if summary is None else summary.merge(part)
    return summary, problems


def _pdf_report(a, generated: dt.date) -> bytes:
    """Return one assessment's PDF report (a top-level function, so a pool can run it)."""
    from reports.pdf import assessment_pdf

    return assessment_pdf(a, score_assessment(a), generated=generated)


def _pdf_reports(assessments: list, generated: dt.date, workers: int | None):
    """Yield the PDF of each assessment in order, built on ``workers`` processes.

    One PDF takes about 0.1 s on one core, all of it Python, so a process per
    core is what makes a batch faster; the files are the same either way.
    """
    from background import usable_cores

    # Every core this process may use (a container or taskset may allow fewer than exist).
    workers = workers or usable_cores()
    build = functools.partial(_pdf_report, generated=generated)
    if workers == 1 or len(assessments) < 2:
        yield from map(build, assessments)
        return
    from concurrent.futures import ProcessPoolExecutor

    # A PDF takes tenths of a second and its task milliseconds to send and return, so
    # small chunks cost nothing and keep every core busy to the last PDF (with chunks of
    # 20 one core could idle for a whole chunk, several seconds, at the end).
    chunk = max(1, min(4, len(assessments) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(build, assessments, chunksize=chunk)


def _score_with_pdfs(args) -> int:
    """Validate the whole input, then write the table (-o), the PDFs and the summary."""
    from reports.summary import summarise_assessments, summary_pdf

    src = Path(args.input)
    assessments = None
    if args.pdf_dir or src.suffix.lower() == ".json":
        assessments, problems = _load_assessments(src, args.dates)
        if problems:
            _print_problems(problems)
            return EXIT_INVALID
    summary = None
    if args.summary_pdf:
        if assessments is not None:
            summary = summarise_assessments(assessments)
        else:
            # The summary scores each chunk whole, so it keeps the engine's slice as its chunk.
            summary, problems = _summarise_csv(src, args.chunksize or ENGINE_ROWS, args.dates)
            if problems:
                _print_problems(problems)
                return EXIT_INVALID
    if args.output:
        status = _score_table(args)
        if status != EXIT_OK:
            return status
    today = dt.date.today()
    if args.pdf_dir:
        out_dir = Path(args.pdf_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        used: set[str] = set()
        names = [
            pdf_file_name(a.header.assessment_id, row, used)
            for row, a in enumerate(assessments, start=1)
        ]
        pdfs = _pdf_reports(assessments, today, args.workers)
        for name, data in _progress(zip(names, pdfs, strict=True), len(assessments), "PDF reports"):
            (out_dir / name).write_bytes(data)
        print(f"wrote {len(assessments)} PDF report(s) -> {out_dir}", file=sys.stderr)
    if args.summary_pdf:
        title = args.summary_title or f"Summary of {src.name}"
        data = summary_pdf(summary, title=title, filters={"input file": src.name}, generated=today)
        dst = Path(args.summary_pdf)
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(data)
        print(f"wrote summary of {summary.n} assessment(s) -> {dst}", file=sys.stderr)
    return EXIT_OK


def cmd_validate(args) -> int:
    src = Path(args.input)
    if src.suffix.lower() == ".json":
        items, problems = io.load_json(src.read_bytes())
        n = len(items)
    else:
        problems, n = [], 0
        for chunk in Table(src, dates=args.dates).chunks():
            problems += _offset(io.validate_frame(chunk), n)
            n += len(chunk)
    if problems:
        _print_problems(problems)
        return EXIT_INVALID
    print(f"{n} assessment(s) valid.", file=sys.stderr)
    return EXIT_OK


def cmd_template(args) -> int:
    text = io.csv_template()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_schema(args) -> int:
    text = schema.schema_json()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


# ------------------------------------------------------------------- the database


def _store(args):
    from assessments.store import Store

    return Store(getattr(args, "url", None))


def read_table(path: Path) -> pd.DataFrame:
    """Return a CSV or Excel file in the flat layout as a DataFrame (text stays text)."""
    return Table(path).frame()


def _offset(problems: list[Problem], offset: int) -> list[Problem]:
    """Return chunk problems with their rows counted from the start of the file."""
    return [
        Problem(None if p.row is None else p.row + offset, p.field, p.value, p.message)
        for p in problems
    ]


def cmd_import(args) -> int:
    from tqdm import tqdm

    src = Path(args.input)
    table = Table(
        src, dates=args.dates
    )  # a wrong file type is refused before the database is opened
    store = _store(args)
    bar = tqdm(unit=" rows", desc="saving", file=sys.stderr, disable=args.quiet, mininterval=0.5)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        report = store.import_table(table, progress=progress, saved_by=_cli_user())
    finally:
        bar.close()
    if report.problems:
        for p in report.problems[:200]:
            print(p.line(), file=sys.stderr)
        if len(report.problems) > 200:
            print(f"... and {len(report.problems) - 200} more problems.", file=sys.stderr)
        print(f"{len(report.problems)} problem(s): nothing was saved.", file=sys.stderr)
        return EXIT_INVALID
    print(f"saved {report.saved} assessment(s) from {src.name}", file=sys.stderr)
    return EXIT_OK


def _filters(args):
    from assessments.store import Filters

    return Filters(
        sites=tuple(args.site) if args.site else None,
        departments=tuple(args.department) if args.department else None,
        date_from=dt.date.fromisoformat(args.date_from) if args.date_from else None,
        date_to=dt.date.fromisoformat(args.date_to) if args.date_to else None,
        min_overall_band=args.min_band,
        factor_at_high=args.factor_at_high,
        text=args.text,
        assessment_id=getattr(args, "assessment_id", None),
    )


def _cli_user() -> str:
    """Return who runs the command line, as the audit trail names them ("cli:alice")."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a container
        return "cli:user"


def cmd_export(args) -> int:
    dst = Path(args.output)
    fmt = args.format or dst.suffix.lower().lstrip(".")
    try:
        filters = _filters(args)
        from assessments import access

        scoped = access.ScopedStore(_store(args), access.local_principal())  # audited
        data = scoped.export(filters, fmt, include_samples=args.include_samples)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(data)
    print(f"exported -> {dst}", file=sys.stderr)
    return EXIT_OK


def cmd_summary(args) -> int:
    """Write the summary PDF of saved records, built from their stored results (as the dashboard)."""
    from assessments import access
    from assessments.actions import Actions
    from reports.summary import summary_pdf

    try:
        filters = _filters(args)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    scoped = access.ScopedStore(_store(args), access.local_principal())
    figures = scoped.summary_figures(filters)
    if figures.n == 0:
        print("no saved assessment matches these filters: no summary written.", file=sys.stderr)
        return EXIT_INVALID
    where = ", ".join(filters.sites or ()) or "all sites"
    data = summary_pdf(
        figures,
        title=args.title or f"Ergonomics summary: {where}",
        filters=filters.describe(),
        generated=dt.date.today(),
        actions=Actions(scoped).figures(filters),
    )
    dst = Path(args.output)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(data)
    print(f"wrote summary of {figures.n} assessment(s) -> {dst}", file=sys.stderr)
    return EXIT_OK


def cmd_db(args) -> int:
    from assessments.store import DataAlreadyHeld, current_revision, head_revision

    store = _store(args)  # constructing the store migrates to head
    if store.damaged:
        print(store.damaged, file=sys.stderr)
        return EXIT_INVALID
    if args.action == "seed-if-empty":
        from scripts.sample_data import seed_if_empty

        n = seed_if_empty(store)
        print(
            f"loaded {n} sample assessment(s)"
            if n
            else "the database holds, or once held, assessments: no sample data loaded",
            file=sys.stderr,
        )
    elif args.action == "seed":
        from scripts.sample_data import seed

        try:
            print(f"loaded {seed(store).saved} sample assessment(s)", file=sys.stderr)
        except DataAlreadyHeld as exc:
            print(f"no sample data loaded: {exc}.", file=sys.stderr)
            return EXIT_INVALID
    else:
        from assessments.store import Filters

        rev = current_revision(store.engine)
        samples = store.count(Filters(samples=True))
        print(
            f"{store!r}: schema revision {rev} (head {head_revision()}), {store.count()} "
            f"record(s), of which {samples} sample(s)"
        )
    return EXIT_OK


def _dates_option(p) -> None:
    p.add_argument(
        "--dates",
        choices=DATE_ORDERS,
        default="iso",
        help="how the date column is written: iso 2026-01-31 (default), dmy 31/01/2026 "
        "(UK and European spreadsheets), mdy 01/31/2026 (US); never guessed",
    )


def cmd_users(args) -> int:
    """People and roles for organisation mode: add (or change), list, remove."""
    import getpass

    from assessments import access

    store = _store(args)
    by = f"cli:{getpass.getuser()}"
    try:
        if args.action == "add":
            access.set_user(store.engine, args.email, args.role, tuple(args.site or ()), by=by)
            p = access.principal_for(store.engine, args.email)
            print(f"{p.email}: {p.describe()}", file=sys.stderr)
        elif args.action == "remove":
            if not access.remove_user(store.engine, args.email, by=by):
                print(f"{args.email}: no role stored; nothing removed", file=sys.stderr)
                return EXIT_INVALID
            print(f"{args.email}: removed (signs in as the default role)", file=sys.stderr)
        else:
            people = access.users(store.engine)
            people["created_at"] = [str(v)[:19] for v in people["created_at"]]
            print(people.to_csv(index=False), end="")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _actions(args):
    """Return the Actions of the command line: the local administrator, every site."""
    from assessments import access
    from assessments.actions import Actions

    return Actions(access.ScopedStore(_store(args), access.local_principal()))


def _print_table(df, fmt: str) -> None:
    """Print a list as CSV (formulas neutralised) or as JSON records (ISO dates)."""
    from assessments.export import neutralise_formulas

    if fmt == "json":
        print(df.to_json(orient="records", date_format="iso", force_ascii=False, indent=1))
    else:
        print(neutralise_formulas(df).to_csv(index=False), end="")


def cmd_actions(args) -> int:
    """Corrective actions: list them (by status, overdue, site), as CSV or JSON."""
    from assessments.actions import ActionError
    from assessments.store import Filters

    try:
        df = _actions(args).list(
            statuses=args.status or None,
            overdue=args.overdue,
            due_within_days=args.due_within,
            filters=Filters(sites=tuple(args.site) if args.site else None),
            owner=args.owner,
        )
    except (ActionError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    _print_table(df, args.format)
    return EXIT_OK


def cmd_due(args) -> int:
    """Reassessments due within DAYS (overdue ones included), as CSV or JSON."""
    from assessments.store import Filters

    if args.within < 0:
        print(f"error: --within == {args.within}, must be >= 0 [days].", file=sys.stderr)
        return EXIT_INVALID
    df = _actions(args).reviews(
        within_days=args.within, filters=Filters(sites=tuple(args.site) if args.site else None)
    )
    _print_table(df, args.format)
    return EXIT_OK


def cmd_worker(args) -> int:
    import background
    from assessments.store import database_url

    url = database_url(args.url)
    if not url.startswith("postgresql"):
        print(
            "worker needs a PostgreSQL database (--url or $DATABASE_URL); with SQLite the app "
            "runs background jobs in its own process pool.",
            file=sys.stderr,
        )
        return EXIT_INVALID
    _store(args).close()  # migrate the schema to head before taking jobs
    background.run_worker(url, name=args.name, wait=not args.until_idle)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cli", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("score", help="validate and score a JSON or CSV file of assessments")
    p.add_argument("input")
    p.add_argument("-o", "--output", help="output file (.csv, .jsonl or .json); stdout if omitted")
    p.add_argument(
        "--format",
        choices=("csv", "json", "jsonl"),
        help="csv: one row per assessment; json: full detail per factor; "
        "jsonl: one JSON object per row (large CSV inputs)",
    )
    p.add_argument(
        "--chunksize",
        type=int,
        help=f"rows per chunk for CSV input (default: {SCORE_CHUNK_ROWS:,} for the table, "
        f"{ENGINE_ROWS:,} for --summary-pdf)",
    )
    p.add_argument("--pdf-dir", help="write one PDF report per assessment into this folder")
    p.add_argument(
        "--workers", type=int, help="processes building --pdf-dir reports (default: every core)"
    )
    p.add_argument("--summary-pdf", help="write one summary PDF over the whole input file")
    p.add_argument("--summary-title", help="title of the summary PDF (default: the file name)")
    _dates_option(p)
    p.set_defaults(func=cmd_score)
    p = sub.add_parser("validate", help="check a file without scoring it")
    p.add_argument("input")
    _dates_option(p)
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("template", help="write the CSV template")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("schema", help="write the JSON Schema of an assessment")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_schema)
    url_help = "database URL (default: $DATABASE_URL, else $ERGO_DATA_DIR/ergo.db)"
    p = sub.add_parser("import", help="save a CSV or Excel file into the database (all or nothing)")
    p.add_argument("input")
    p.add_argument("--url", help=url_help)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _dates_option(p)
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", help="write saved assessments and results to CSV or Excel")
    p.add_argument("-o", "--output", required=True, help="output file (.csv or .xlsx)")
    p.add_argument("--format", choices=("csv", "xlsx"), help="default: from the file name")
    p.add_argument("--site", action="append", help="only this site (repeat for several)")
    p.add_argument("--department", action="append", help="only this department (repeatable)")
    p.add_argument("--from", dest="date_from", help="first date, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="last date, YYYY-MM-DD")
    p.add_argument("--min-band", type=int, choices=range(4), help="overall band at least (0-3)")
    p.add_argument("--factor-at-high", help="only records with this factor at high or above")
    p.add_argument("--text", help="substring of worker_ref, job_title or assessment_id")
    p.add_argument("--id", dest="assessment_id", help="only the record with this assessment id")
    p.add_argument(
        "--include-samples", action="store_true", help="also export the sample data (left out)"
    )
    p.add_argument("--url", help=url_help)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("summary", help="write the summary PDF of saved assessments")
    p.add_argument("-o", "--output", required=True, help="output file (.pdf)")
    p.add_argument("--title", help="report title (default: 'Ergonomics summary: <sites>')")
    p.add_argument("--site", action="append", help="only this site (repeat for several)")
    p.add_argument("--department", action="append", help="only this department (repeatable)")
    p.add_argument("--from", dest="date_from", help="first date, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="last date, YYYY-MM-DD")
    p.add_argument("--min-band", type=int, choices=range(4), help="overall band at least (0-3)")
    p.add_argument("--factor-at-high", help="only records with this factor at high or above")
    p.add_argument("--text", help="substring of worker_ref, job_title or assessment_id")
    p.add_argument("--url", help=url_help)
    p.set_defaults(func=cmd_summary)
    p = sub.add_parser("db", help="database upkeep: migrations, sample data, status")
    p.add_argument("action", choices=("upgrade", "seed-if-empty", "seed", "status"))
    p.add_argument("--url", help=url_help)
    p.set_defaults(func=cmd_db)
    p = sub.add_parser("users", help="people and roles for organisation mode (sign-in)")
    users = p.add_subparsers(dest="action", required=True)
    q = users.add_parser("add", help="give a person a role (replaces their role and sites)")
    q.add_argument("email")
    q.add_argument("--role", required=True, choices=("employee", "officer", "manager", "admin"))
    q.add_argument("--site", action="append", help="limit to this site (repeat for several)")
    q.add_argument("--url", help=url_help)
    q = users.add_parser("list", help="print every person with a role, as CSV")
    q.add_argument("--url", help=url_help)
    q = users.add_parser("remove", help="remove a person's role (back to the default role)")
    q.add_argument("email")
    q.add_argument("--url", help=url_help)
    p.set_defaults(func=cmd_users)
    p = sub.add_parser("actions", help="corrective actions (for a cron job or a mail merge)")
    acts = p.add_subparsers(dest="action", required=True)
    q = acts.add_parser("list", help="print the actions, soonest due first")
    q.add_argument(
        "--status",
        action="append",
        choices=("open", "in_progress", "done", "verified", "wont_do"),
        help="only this status (repeat for several)",
    )
    q.add_argument("--overdue", action="store_true", help="only open or in-progress past due")
    q.add_argument("--due-within", type=int, help="only active actions due within DAYS")
    q.add_argument("--site", action="append", help="only this site (repeat for several)")
    q.add_argument("--owner", help="only this owner")
    q.add_argument("--format", choices=("csv", "json"), default="csv")
    q.add_argument("--url", help=url_help)
    p.set_defaults(func=cmd_actions)
    p = sub.add_parser("due", help="reassessments due (next-review dates), soonest first")
    p.add_argument("--within", type=int, default=30, help="days ahead (default 30)")
    p.add_argument("--site", action="append", help="only this site (repeat for several)")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--url", help=url_help)
    p.set_defaults(func=cmd_due)
    p = sub.add_parser("worker", help="run a background-job worker (PostgreSQL databases)")
    p.add_argument("--url", help=url_help)
    p.add_argument("--name", help="worker name shown in the queue's records")
    p.add_argument("--until-idle", action="store_true", help="stop once the queue is empty")
    p.set_defaults(func=cmd_worker)
    args = parser.parse_args(argv)
    from assessments.store import DamagedDatabase

    try:
        return args.func(args)
    except DamagedDatabase as exc:  # a write into a file that failed its integrity check
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    except TableError as exc:  # a file that is not a table: its reasons, no traceback
        _print_problems(exc.problems)
        return EXIT_INVALID
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        print(f"{exc.filename}: {exc.strerror}.", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    raise SystemExit(main())
