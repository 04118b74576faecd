"""What the pages call: parsing uploads, scoring them, the shared Store (no widgets here)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import streamlit as st

from assessments import io, tables
from assessments import model as m
from assessments.batch import score_assessments, score_frame

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXAMPLE_FILES = ("office-desk.json", "warehouse-lifting.json", "maintenance-vibration.json")


def template_frame(sections=None, *, examples: bool = False) -> pd.DataFrame:
    """Return the template as a table: the header columns, then each chosen factor's.

    ``sections``: the factor sections to include (all when None), their columns kept
    together in the layout's order; the symptom questions always come last.
    ``examples`` adds the example assessments as rows (only the chosen columns).
    """
    chosen = set(m.SECTIONS if sections is None else sections) | {"symptoms"}
    columns = [c for c in io.csv_columns() if "." not in c or c.split(".")[0] in chosen]
    if not examples:
        return pd.DataFrame(columns=columns)
    items = [io.load_json((EXAMPLES / n).read_text("utf-8"))[0][0] for n in EXAMPLE_FILES]
    frame = io.assessments_to_frame(items)
    return frame.reindex(columns=columns)


def template_csv(sections=None, *, examples: bool = False) -> bytes:
    """Return the CSV template as bytes for a download button."""
    if sections is None and not examples:
        return io.csv_template().encode("utf-8")
    return tables.csv_bytes(template_frame(sections, examples=examples))


TableError = tables.TableError


def problem_table(problems) -> pd.DataFrame:
    """Return problems as the table the pages show: row, field, problem."""
    return pd.DataFrame(
        {
            "row": [p.row for p in problems],
            "field": [p.field for p in problems],
            "problem": [p.message for p in problems],
        }
    )


def score_upload(name: str, data: bytes) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """Return (results, None) or (None, problems) for an uploaded JSON, CSV or Excel file.

    A file that cannot be read at all (empty, binary, not UTF-8, a formula
    without a saved value) comes back as problems too, never as an exception.
    """
    if name.lower().endswith(".json"):
        items, problems = io.load_json(data)
        if problems:
            return None, problem_table(problems)
        return score_assessments(items), None
    try:
        df = tables.read_table(data, name)
    except tables.TableError as exc:
        return None, problem_table(exc.problems)
    out, problems = score_frame(df)
    if problems:  # numbered as the spreadsheet numbers its rows (header row 1)
        return None, problem_table(tables.in_sheet_rows(problems, df))
    return out, None


def results_csv(table: pd.DataFrame) -> bytes:
    """Return a results table as spreadsheet-safe CSV bytes (the one writer)."""
    return tables.csv_bytes(table)


# --------------------------------------------------------- saved assessments (issue 5)

BAND_WORDS = {
    -2: "not assessed",
    -1: "not applicable",
    0: "low",
    1: "moderate",
    2: "high",
    3: "very high",
}


@st.cache_resource(show_spinner=False)
def _store(database_url: str | None, data_dir: str | None):
    # Keyed by the environment the Store reads, so a test (or a second app instance) with
    # another ERGO_DATA_DIR or DATABASE_URL gets its own database. Shared across sessions:
    # the Store holds a connection pool, never one user's data.
    from assessments.store import Store

    return Store()


def raw_store():
    """Return the app's shared, unscoped Store (SQLite under ERGO_DATA_DIR, or DATABASE_URL)."""
    return _store(os.environ.get("DATABASE_URL"), os.environ.get("ERGO_DATA_DIR"))


def store():
    """Return the Store as the signed-in person may use it (every query scoped)."""
    from views import identity

    return identity.scoped_store()


def show_in_form(values: dict, rows: dict, system: str) -> None:
    """Put widget values and list tables into the New assessment form (before it is drawn)."""
    from views import form, state

    ss = st.session_state
    for key, value in values.items():
        ss[key] = value
    for list_id in form.LISTS:
        ss.pop(form.list_key(list_id), None)  # the editors start again from the new tables
    ss[state.FORM_VALUES], ss[state.FORM_ROWS] = values, rows
    ss[state.UNIT_SYSTEM] = system


def open_in_form(assessment, record_id: str | None) -> None:
    """Fill the New assessment form with a saved assessment, as opening its JSON file would.

    Saving from the Results page afterwards adds a revision to ``record_id``.
    """
    from views import form, state

    ss = st.session_state
    values, rows, problems, system = form.load_document(
        io.dump_json(assessment), ss[state.UNIT_SYSTEM]
    )
    show_in_form(values, rows, system)
    ss[state.ASSESSMENT] = ss[state.RESULT] = None  # the result shown was another one
    ss[state.FORM_PROBLEMS] = problems or None
    ss[state.RECORD_ID] = record_id
    ss[state.SAVED_FOR] = ss[state.SAVED_REF] = None


def band_word(code) -> str:
    """Return the band name of a stored band code (-1 not applicable)."""
    try:
        return BAND_WORDS[int(code)]
    except (KeyError, TypeError, ValueError):
        return "—"


def factors_at_high(row: pd.Series) -> str:
    """Return the titles of a search row's factors at high or above, worst first."""
    from scoring.registry import FACTORS

    found = [
        (int(row[f"{f.id}.band"]), f.title)
        for f in FACTORS
        if f"{f.id}.band" in row and int(row[f"{f.id}.band"]) >= 2
    ]
    return ", ".join(f"{t} ({band_word(b)})" for b, t in sorted(found, key=lambda x: -x[0]))


def list_table(df: pd.DataFrame) -> pd.DataFrame:
    """Return the search rows as the Assessments and Dashboard tables show them."""
    if df.empty:
        return pd.DataFrame(
            columns=["date", "site", "department", "job title", "worker", "id", "overall"]
        )
    return pd.DataFrame(
        {
            "date": df["date"].astype(str),
            "site": df["site"].fillna(""),
            "department": df["department"].fillna(""),
            "job title": df["job_title"].fillna(""),
            "worker": df["worker_ref"].fillna(""),
            "id": df["assessment_id"].fillna(""),
            "overall": [band_word(b) for b in df["overall_band"]],
            "factors at high or above": [factors_at_high(r) for _, r in df.iterrows()],
            "revision": df["revision"].astype(int),
            "sample": ["sample" if s else "" for s in df.get("is_sample", [False] * len(df))],
        }
    )


def upload_table(name: str, data: bytes, *, dates: str = "iso") -> tables.Table:
    """Return an uploaded CSV or Excel file as a Table to stream (raises TableError)."""
    return tables.Table(data, name, dates=dates)


def read_table(name: str, data: bytes) -> pd.DataFrame:
    """Return an uploaded CSV or Excel file as a DataFrame in the flat layout.

    Every cell is the text the file holds (None when empty); raises
    :class:`assessments.tables.TableError` (a ValueError) saying why a file
    cannot be read, and naming the accepted types for any other file.
    """
    return tables.read_table(data, name)


def _short(value, limit: int = 40) -> str:
    """Return a cell value for the report, long text cut to ``limit`` characters with …."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _allowed(message: str) -> str:
    _head, sep, tail = message.partition("must ")
    return (sep + tail).rstrip(".") if sep else ""


def validation_report(df: pd.DataFrame) -> pd.DataFrame:
    """Return every problem of a flat table: row, field, value, allowed range, problem.

    Empty when every row is valid. Row numbers count data rows from 1 (the
    header row is not counted); a problem with a whole column has no row.
    Values longer than 40 characters are cut (the problem text says the length).
    """
    return problem_report(io.parse_frame(df).problems)


def check_upload(name: str, data: bytes, *, dates: str = "iso") -> tuple[int, pd.DataFrame]:
    """Return (data rows, problem report) of an uploaded table, read in chunks.

    ``dates`` says how the date column is written ("iso", "dmy", "mdy"). Raises
    TableError when the file is not a table at all.
    """
    problems, n = io.validate_chunks(tables.Table(data, name, dates=dates).chunks())
    return n, problem_report(problems)


_LIST_COLUMN = re.compile(r"^([a-z_]+?)(\d+)\.(\w+)$")  # "task2.h_origin_cm"


def form_place(column: str | None) -> str:
    """Return where a file's column is in the form: "Lifting tab, task 2: H at origin [cm]".

    A column the form does not have (or none, for a problem with the whole file)
    is returned as given, or "" when there is none.
    """
    from assessments.fields import input_fields
    from views import form

    if not column:
        return ""
    section, rest = column.split(".", 1) if "." in column else ("header", column)
    item = slot = None
    if section != "header" and (found := _LIST_COLUMN.match(rest)):
        item, slot, rest = found.groups()
    specs = {(f.scope, f.name): f for f in input_fields()}
    spec = specs.get((f"{section}.{item}" if item else section, rest))
    if spec is None:
        return column
    label = form.label_of(spec, "metric")
    tab = m.section_title(section)
    return f"{tab} tab, {item.replace('_', ' ')} {slot}: {label}" if item else f"{tab} tab, {label}"


def problem_report(problems) -> pd.DataFrame:
    """Return problems as the Import page's report: row, field, in the form, value, allowed,
    problem."""
    return pd.DataFrame(
        {
            "row": pd.array([p.row for p in problems], dtype="Int64"),
            "field": [p.field for p in problems],
            "in the form": [form_place(p.field) for p in problems],
            "value": [_short(p.value) for p in problems],
            "allowed": [_allowed(p.message) for p in problems],
            "problem": [p.message for p in problems],
        }
    )


def template_xlsx(sections=None, *, examples: bool = False) -> bytes:
    """Return the Excel template: the flat layout's columns, and a sheet describing them."""
    from assessments.fields import input_fields

    frame = template_frame(sections, examples=examples)
    chosen = {c.split(".")[0] for c in frame.columns}
    help_rows = [
        {
            "column": spec.column(1) if "." in spec.scope else spec.column(),
            "what": spec.title,
            "unit": spec.unit or "",
            "allowed": spec.bounds_text(),
            "required": "yes" if spec.required else "",
        }
        for spec in input_fields()
        if spec.scope == "header" or spec.scope.split(".")[0] in chosen
    ]
    return tables.xlsx_bytes(frame, columns=pd.DataFrame(help_rows))


def summary_title(f) -> str:
    """Return the summary report's title for a selection, e.g. "Ergonomics summary: Leeds"."""
    where = ", ".join(f.sites or ()) or "all sites"
    if f.departments:
        where += " · " + ", ".join(f.departments)
    return f"Ergonomics summary: {where}"
