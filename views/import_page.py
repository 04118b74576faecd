"""Import: templates, upload a CSV or Excel file, validate every row, score and save; export.

Validation reads the one field declaration (assessments.io.parse_frame); a file
with any invalid row saves nothing. A valid file is scored in one batch and
saved in one transaction by Store.import_table. The export neutralises
spreadsheet formulas and reads back as written (Store.export).
"""

from pathlib import Path

import streamlit as st

import background
from assessments import model as m
from assessments import names
from assessments.access import AccessDenied
from views import components, filters, job_panel, services, state

HERE = Path(__file__).parent
ss = st.session_state
SHEET_ROWS_NOTE = (
    "Rows as your spreadsheet numbers them: the header is row 1, the first data row 2."
)
TEMPLATE_FACTORS_KEY = "import.template_factors"  # this page's own settings
TEMPLATE_EXAMPLES_KEY = "import.template_examples"
DATES_KEY = "import.dates"  # this page's own setting; read only here
DATE_LABELS = {
    "iso": "2026-01-31 (YYYY-MM-DD)",
    "dmy": "31/01/2026 (day first: UK, Europe)",
    "mdy": "01/31/2026 (month first: US)",
}


ADD = "\u0000add"  # the "add it to the list" choice of a mapping picker (no name looks like it)


def _import(n: int, data: bytes, file_id: str, name: str, dates: str, mapping: dict) -> None:
    bar = st.progress(0.0, text=f"Scoring and saving {n:,} assessments…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Saved {done:,} of {total:,}")

    # Streamed from the upload's bytes in chunks: memory stays bounded by the chunk.
    table = names.MappedTable(services.upload_table(name, data, dates=dates), mapping)
    try:
        report = services.store().import_table(table, progress=progress)
    finally:  # a refused file leaves no bar behind its message
        bar.empty()
    ss[state.IMPORT_DONE] = (file_id, report.saved, len(report.problems), name)


def map_names(store, unknown: dict, known: dict, file_id: str) -> dict | None:
    """Draw one "what is it" picker per unknown name; return the mapping, None until all chosen.

    The mapping holds (kind, name) -> listed name; a name to add keeps itself.
    """
    st.warning(
        f"{len(unknown):,} site or department name{'s are' if len(unknown) != 1 else ' is'} "
        "not on the organisation's list. Choose for each whether it is one of the listed "
        "names or a new one to add: nothing is saved until every one is chosen."
        + (
            ""
            if store.may_add("site")
            else " You save for your own sites only, so a site name that is not one of "
            "them can only be read as one of them (a misspelling), not added."
        ),
        icon=":material/warning:",
    )
    st.dataframe(names.unknown_frame(unknown, known), hide_index=True, width="stretch")
    mapping: dict = {}
    complete = True
    for i, ((kind, value), rows) in enumerate(unknown.items()):
        listed = names.ranked(value, sorted(known[kind]))
        options = ([ADD] if store.may_add(kind) else []) + listed
        choice = st.selectbox(
            f"{names.KIND_LABELS[kind]} “{value}” (spreadsheet {names.rows_label(rows)}) is",
            options,
            index=None,
            format_func=lambda o, k=kind, v=value: (
                f"a new {k}: add “{v}” to the list" if o == ADD else f"the listed {k} “{o}”"
            ),
            placeholder="Choose…",
            key=f"import.map.{file_id}.{i}",
        )
        if choice is None:
            complete = False
        elif choice != ADD:
            mapping[(kind, value)] = choice
    return mapping if complete else None


def _import_job(n: int, data: bytes, file_id: str, name: str, dates: str, mapping: dict) -> None:
    """Queue a large file as a background import (checked against the person's sites first)."""
    scoped = services.store()
    scoped.check_import_sites(services.upload_table(name, data, dates=dates))
    params = {
        "file_name": name,
        "dates": dates,
        "saved_by": scoped.principal.email,
        # the names the person mapped onto the lists, applied as the job reads the file
        "mapping": [[kind, value, to] for (kind, value), to in mapping.items()],
    }
    ss[state.IMPORT_JOB] = job_panel.start_job("import", params, data)
    ss[state.IMPORT_JOB_FILE] = file_id


# ----------------------------------------------------------------------- page

state.init()
st.title("Import")
st.caption(
    "Many assessments at once, one row each, in the flat layout of the template (the same "
    "columns as the CLI and the JSON schema). Every row is checked first; a file with any "
    "invalid row saves nothing."
)

st.subheader("1. Template")
used = st.multiselect(
    "Factors you use",
    list(m.SECTIONS),
    default=list(m.SECTIONS),
    format_func=lambda s: m.SECTIONS[s].title,
    key=TEMPLATE_FACTORS_KEY,
    help="The template has the header columns, then the columns of these factors, each "
    "factor's together, then the symptom questions. A factor left out is not assessed.",
)
with_examples = st.checkbox(
    "With example rows",
    value=True,
    key=TEMPLATE_EXAMPLES_KEY,
    help="An office desk, a warehouse lifting job and a maintenance job filled in, to show "
    "how each column is written. Delete them before you import: they would be saved.",
)
t1, t2 = st.columns(2)
t1.download_button(
    "CSV template",
    services.template_csv(used, examples=with_examples),
    file_name="ergo-assessments-template.csv",
    mime="text/csv",
    icon=":material/csv:",
    width="stretch",
)
t2.download_button(
    "Excel template",
    services.template_xlsx(used, examples=with_examples),
    file_name="ergo-assessments-template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table_view:",
    width="stretch",
    help="Same columns; a second sheet lists each column's unit and allowed range.",
)

st.subheader("2. Upload")
dates = st.radio(
    "Dates in the file",
    list(DATE_LABELS),
    format_func=DATE_LABELS.get,
    horizontal=True,
    key=DATES_KEY,
    help="How the date column is written. Never guessed: 01/02/2026 is 1 February "
    "day-first and 2 January month-first. Excel date cells are read as dates either way.",
)
upload = st.file_uploader(
    "Assessments file (CSV or Excel)", type=["csv", "xlsx"], key=state.IMPORT_UPLOAD
)
if upload is not None:
    try:
        n_rows, report = services.check_upload(upload.name, upload.getvalue(), dates=dates)
    except services.TableError as exc:  # not a table: say why, do not crash the page
        st.error("The file could not be read: nothing was saved.", icon=":material/error:")
        st.dataframe(services.problem_report(exc.problems), hide_index=True, width="stretch")
        st.stop()
    done = ss[state.IMPORT_DONE]
    if done and done[0] == upload.file_id:
        st.success(
            f"Saved {done[1]:,} assessments from {components.md(done[3])}.",
            icon=":material/check:",
        )
        components.page_link(HERE / "dashboard.py", "Dashboard")
    elif n_rows == 0:
        st.warning("The file has no data rows.", icon=":material/warning:")
    elif not report.empty:
        rows = report["row"].dropna().nunique()
        st.error(
            f"{len(report):,} problem{'s' if len(report) != 1 else ''} in "
            f"{rows:,} of {n_rows:,} rows: nothing was saved. Correct the file and upload "
            "it again.",
            icon=":material/error:",
        )
        st.dataframe(
            report,
            hide_index=True,
            width="stretch",
            column_config={"problem": st.column_config.TextColumn(width="large")},
        )
        st.caption(SHEET_ROWS_NOTE)
    else:
        st.success(f"All {n_rows:,} rows are valid.", icon=":material/task_alt:")
        store = services.store()
        known = {k: set(store.names(k)) for k in names.KINDS}
        unknown = names.scan_table(
            services.upload_table(upload.name, upload.getvalue(), dates=dates), known
        )
        mapping = map_names(store, unknown, known, upload.file_id) if unknown else {}
        as_job = n_rows > background.IMPORT_ROWS
        if ss[state.IMPORT_JOB] is not None and ss[state.IMPORT_JOB_FILE] == upload.file_id:
            job_panel.show(state.IMPORT_JOB)
        elif st.button(
            f"Score and save {n_rows:,} assessments" + (" (in the background)" if as_job else ""),
            key=state.IMPORT_SAVE,
            type="primary",
            icon=":material/save:",
            disabled=mapping is None,
            help="Choose what each unlisted name is first."
            if mapping is None
            else f"Over {background.IMPORT_ROWS:,} rows the file is saved by a background job: "
            "you can close the tab and find it on Background jobs."
            if as_job
            else None,
        ):
            args = (n_rows, upload.getvalue(), upload.file_id, upload.name, dates, mapping)
            try:  # a row for a site out of the person's scope refuses the whole file
                (_import_job if as_job else _import)(*args)
            except AccessDenied as exc:
                st.error(f"{exc} Nothing was saved.", icon=":material/block:")
                st.stop()
            st.rerun()

st.subheader("3. Export")
st.caption(
    "The saved assessments as a table (inputs and results, latest revision of each). Cells "
    "that a spreadsheet would run as a formula are written as text."
)
store = services.store()
selection = filters.panel("import", store, full=False)
n = store.count(selection)
fmt = st.radio(
    "Format",
    ["csv", "xlsx"],
    format_func={"csv": "CSV", "xlsx": "Excel"}.get,
    horizontal=True,
    key=state.IMPORT_FORMAT,
)
st.download_button(
    f"Export {n:,} assessment{'s' if n != 1 else ''}",
    data=lambda: store.export(selection, fmt),
    file_name=f"ergo-assessments.{fmt}",
    mime="text/csv" if fmt == "csv" else "application/vnd.ms-excel",
    on_click="ignore",
    disabled=n == 0,
    icon=":material/download:",
)
