"""Dashboard: where the risk is, for managers. Bands per factor, the trend, top actions, summary PDF.

Every number here is an aggregate the Store computes in SQL over the saved
results (``Store.dashboard``: counts, band counts, trend, top recommendations, need
action), cached per filter set, the signed-in person's scope and the data version
every write moves on, so a rerun that changes nothing reads one counter; the
figures come from reports.dashboard. Bands are counted per factor and never
averaged across methods.
"""

import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

import background
from reports.actions import FACTOR_COLUMNS, factor_rows, risk_removed_figure
from reports.dashboard import FACTOR_TITLES, band_matrix, band_stack_figure, trend_figure
from views import actions_panel, components, filters, job_panel, services, state

HERE = Path(__file__).parent
ASSESSMENTS_PAGE = HERE / "assessments_page.py"
ss = st.session_state
CHART_CONFIG = {"displayModeBar": False, "responsive": True}


def counts_table(band_counts: pd.DataFrame) -> pd.DataFrame:
    """Return the band counts as a factor × band table with written band names."""
    t = band_matrix(band_counts)
    t.columns = [services.band_word(c) for c in t.columns]
    t.index = [FACTOR_TITLES.get(f, f) for f in t.index]
    t.index.name = "factor"
    return t.reset_index()


def open_assessments(focus, words: str) -> None:
    """Go to the Assessments page listing exactly the records ``focus`` selects."""
    ss[state.LIST_FOCUS] = (focus, words)
    ss[state.OPEN_RECORD] = None
    _go()


def open_record(record_id: str) -> None:
    """Go to the Assessments page showing one record."""
    ss[state.LIST_FOCUS] = None
    ss[state.OPEN_RECORD] = record_id
    _go()


def _go() -> None:
    try:
        st.switch_page(ASSESSMENTS_PAGE)
    except st.errors.StreamlitAPIException:  # run alone (AppTest): no router to switch with
        st.success("Opened on the Assessments page.")


# ----------------------------------------------------------------------- page

state.init()
st.title("Dashboard")
st.caption(
    "Where the risk is across the saved assessments: bands per factor, the trend of high and "
    "very high results, the actions most often needed and the assessments to act on first."
)


class _ListsAt:
    """The store's site and department lists, cached at this run's data version."""

    def __init__(self, store, version: int):
        self.store, self.version = store, version

    def sites(self) -> list[str]:
        return self.store.sites(version=self.version)

    def departments(self) -> list[str]:
        return self.store.departments(version=self.version)


store = services.store()
version = store.data_version()  # read once per run: every cached value below is kept under it
selection = filters.panel("dashboard", _ListsAt(store, version), full=False)
dash = store.dashboard(selection, n_top=10, n_need=20, version=version)
n = dash.total
if n == 0:
    st.info(
        "No saved assessment matches these filters."
        if store.dashboard(version=version).total
        else "Nothing is saved yet: import a file or save an assessment from the Results page."
    )
    components.page_link(HERE / "import_page.py", "Import")
    st.stop()


def build_summary() -> bytes:
    from reports.summary import summary_pdf

    return summary_pdf(
        store.summary_figures(selection),
        title=services.summary_title(selection),
        filters=selection.describe(),
        generated=dt.date.today(),
        actions=action_figures(),
    )


def action_figures() -> dict:
    # The colleague-owned figures, cached like the rest (action writes move the version).
    today = dt.date.today()
    return store.cached(
        ("actions", selection, today),
        lambda: actions_panel.actions().figures(selection),
        version=version,
    )


def figure(name: str, build):
    # Building a plotly figure or a table costs more than the cached queries; keep it too.
    return store.cached(("figure", name, selection), build, version=version)


n_high, n_very = dash.high, dash.very_high
m1, m2, m3 = st.columns(3)
m1.metric("Assessments", f"{n:,}")
m2.metric("Overall high or above", f"{n_high:,}", help="Worst factor band high or very high.")
m3.metric("Overall very high", f"{n_very:,}")

if n > background.SUMMARY_ROWS:
    # Many records: the PDF is built as a background job, so the page stays responsive
    # and the file is still there if the tab is closed.
    if st.button(
        f"Summary PDF of these {n:,} assessments (in the background)",
        key=state.DASH_JOB_START,
        type="primary",
        icon=":material/picture_as_pdf:",
        help="Built away from the page; you can close the tab and find it on Background jobs.",
    ):
        ss[state.DASH_JOB] = job_panel.start_job(
            "summary_pdf",
            {
                "filters": job_panel.scoped_filters(selection),
                "title": services.summary_title(selection),
            },
        )
    job_panel.show(state.DASH_JOB)
else:
    st.download_button(
        f"Summary PDF of these {n:,} assessments",
        data=build_summary,
        file_name="ergo-summary.pdf",
        mime="application/pdf",
        key=state.DASH_PDF,
        on_click="ignore",
        type="primary",
        icon=":material/picture_as_pdf:",
        help="Bands per factor, the highest-risk assessments and the most frequent "
        "recommendations, with these filters written on the first page.",
    )

st.subheader("Bands per factor")
st.caption("Each assessment once per factor (its latest revision), in that factor's own band.")
counts = dash.band_counts
st.plotly_chart(
    figure("bands", lambda: band_stack_figure(counts)),
    width="stretch",
    theme=None,
    config=CHART_CONFIG,
)
with st.expander("Counts per band", icon=":material/table:"):
    st.dataframe(figure("counts", lambda: counts_table(counts)), hide_index=True, width="stretch")
    st.caption(
        "Not assessed: nothing was entered for the factor. Not applicable: it was judged not "
        "to occur. Neither is the same as low."
    )

st.subheader("Corrective actions and risk removed")
figures = action_figures()
c = figures["counts"]
a1, a2, a5, a3, a4 = st.columns(5)
a1.metric("Open actions", f"{c['open'] + c['in_progress']:,}")
a2.metric("Overdue", f"{c['overdue']:,}")
a5.metric("Done", f"{c['done']:,}", help="Done, waiting for a follow-up to verify them.")
a3.metric("Verified", f"{c['verified']:,}")
rate = figures["closure_rate"]
a4.metric(
    "Closure rate",
    "—" if rate is None else f"{100 * rate:.0f} %",
    help="Done, verified or won't do, out of all actions.",
)
st.caption(
    f"{figures['left_high']:,} assessment(s) left high or very high after a verified action. "
    "Per factor, the change of that factor's own risk index from the revision the action was "
    "made from to the latest one (factors are never added together)."
)
if not figures["by_factor"].empty:
    st.dataframe(
        pd.DataFrame(factor_rows(figures), columns=FACTOR_COLUMNS),
        hide_index=True,
        width="stretch",
    )
st.plotly_chart(
    figure(
        "risk removed",
        lambda: risk_removed_figure(
            figures["trend"], title="Risk index removed, by month verified"
        ),
    ),
    width="stretch",
    theme=None,
    config=CHART_CONFIG,
)

st.subheader("High and very high results per month")
st.caption("Assessments whose overall band (worst factor) is high or very high, by month assessed.")
st.plotly_chart(
    figure("trend", lambda: trend_figure(dash.trend)),
    width="stretch",
    theme=None,
    config=CHART_CONFIG,
)

st.subheader("Most frequent recommendations")
top = dash.top_recommendations
if top.empty:
    st.caption("No action is triggered in these assessments.")
else:
    st.caption("Select a row to list the assessments given that recommendation.")
    top_event = st.dataframe(
        pd.DataFrame(
            {
                "assessments": top["count"].astype(int),
                "factor": [FACTOR_TITLES.get(f, f) for f in top["factor"]],
                "action": top["text"],
                "control level": top["control"],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"action": st.column_config.TextColumn(width="large")},
        on_select="rerun",
        selection_mode="single-row",
        key=state.DASH_TOP_TABLE,
    )
    picked = [r for r in top_event.selection.rows if 0 <= r < len(top)]
    if picked:
        row = top.iloc[picked[0]]
        open_assessments(
            dataclasses.replace(selection, recommendation=row["id"]),
            f"given “{row['text']}”",
        )

st.subheader("Most need action")
st.caption(
    "Worst overall band first, then most factors at high or above, then the highest index. "
    "Select a row to open that assessment."
)
need = dash.need_action
need_event = st.dataframe(
    figure("need", lambda: services.list_table(need).drop(columns=["revision"])),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key=state.DASH_NEED_TABLE,
)
picked = [r for r in need_event.selection.rows if 0 <= r < len(need)]
if picked:
    open_record(str(need["record_id"].iloc[picked[0]]))
