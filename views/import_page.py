"""Import: templates, upload a CSV or Excel file, validate every row, score and save; export.

Validation reads the one field declaration (assessments.io.parse_frame); a file
with any invalid row saves nothing. A valid file is scored in one batch and
saved in one transaction by Store.import_table. The export neutralises
spreadsheet formulas and reads back as written (Store.export).
"""

from pathlib import Path

import streamlit as st

from views import components, filters, services, state

HERE = Path(__file__).parent
ss = st.session_state
SHEET_ROWS_NOTE = (
    "Rows as your spreadsheet numbers them: the header is row 1, the first data row 2."
)
DATES_KEY = "import.dates"  # this page's own setting; read only here
DATE_LABELS = {
    "iso": "2026-01-31 (YYYY-MM-DD)",
    "dmy": "31/01/2026 (day first: UK, Europe)",
    "mdy": "01/31/2026 (month first: US)",
}


def _import(n: int, data: bytes, file_id: str, name: str, dates: str) -> None:
    bar = st.progress(0.0, text=f"Scoring and saving {n:,} assessments…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Saved {done:,} of {total:,}")

    # Streamed from the upload's bytes in chunks: memory stays bounded by the chunk.
    table = services.upload_table(name, data, dates=dates)
    report = services.store().import_table(table, progress=progress)
    bar.empty()
    ss[state.IMPORT_DONE] = (file_id, report.saved, len(report.problems), name)


# ----------------------------------------------------------------------- page

state.init()
st.title("Import")
st.caption(
    "Many assessments at once, one row each, in the flat layout of the template (the same "
    "columns as the CLI and the JSON schema). Every row is checked first; a file with any "
    "invalid row saves nothing."
)

st.subheader("1. Template")
t1, t2 = st.columns(2)
t1.download_button(
    "CSV template",
    services.template_csv(),
    file_name="ergo-assessments-template.csv",
    mime="text/csv",
    icon=":material/csv:",
    width="stretch",
)
t2.download_button(
    "Excel template",
    services.template_xlsx(),
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
        if st.button(
            f"Score and save {n_rows:,} assessments",
            key=state.IMPORT_SAVE,
            type="primary",
            icon=":material/save:",
        ):
            _import(n_rows, upload.getvalue(), upload.file_id, upload.name, dates)
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
