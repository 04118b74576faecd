"""Assessments: the saved history. Search, select, open into the form, download, compare, delete.

Everything saved lives in the Store (assessments.store). This page filters it
(Store.search) into a sortable table whose rows are selected with a click,
shows the selected record with its revisions (band and assessor of each), and
compares any two revisions of it, or it and another record of the same worker
or workstation, factor by factor (reports.compare). It computes no score: a
stored assessment is re-scored by assessments.evaluate.score_assessment for its
report and the comparison.
"""

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

import background
from assessments import io
from assessments.access import AccessDenied
from assessments.evaluate import score_assessment
from reports.compare import compare_rows, delta_text, index_text
from views import actions_panel, components, filters, job_panel, services, state
from views.text import md

HERE = Path(__file__).parent
FORM_PAGE = HERE / "new_assessment.py"
IMPORT_PAGE = HERE / "import_page.py"
LIMIT = 500  # rows listed; the filters narrow a larger history

ss = st.session_state


def label_of(row: pd.Series) -> str:
    """Return how a record is named in a picker: "2026-11-03 · JOB-PICK-02 · EX-1 (high)"."""
    parts = [str(row["date"]), row.get("worker_ref") or "", row.get("assessment_id") or ""]
    text = " · ".join(p for p in parts if p)
    return f"{text} ({services.band_word(row['overall_band'])})"


def compare_frame(before_result, after_result) -> pd.DataFrame:
    """Return the factor-by-factor comparison as the page shows it (text cells)."""
    rows = compare_rows(before_result, after_result)
    return pd.DataFrame(
        {
            "factor": [r["title"] for r in rows],
            "before → after": [r["native_change"] for r in rows],
            "band before": [r["band_name_before"] for r in rows],
            "band after": [r["band_name_after"] for r in rows],
            "index": [
                f"{index_text(r['index_before'])} → {index_text(r['index_after'])}" for r in rows
            ],
            "Δ index": [delta_text(r["index_delta"]) for r in rows],
        }
    )


def _open(stored) -> None:
    services.open_in_form(stored.assessment, stored.ref.record_id)


def _delete(record_id: str, label: str) -> None:
    n = services.store().delete(record_id)
    ss[state.DELETED] = f"Deleted {components.md(label)}: {n} revision{'s' if n != 1 else ''}."
    for key in (
        state.LIST_TABLE,
        state.LIST_REVISION,
        state.DELETE_CONFIRM,
        state.COMPARE_WITH,
        state.COMPARE_REV_BEFORE,
        state.COMPARE_REV_AFTER,
    ):
        ss.pop(key, None)
    if ss[state.RECORD_ID] == record_id:
        ss[state.RECORD_ID] = None  # the form no longer edits a saved record


def record_panel(store, stored, label: str) -> None:
    """Draw one saved record: header, result, actions, revisions, delete."""
    a = stored.assessment
    result = score_assessment(a)
    record_id = stored.ref.record_id
    components.header(a)
    components.overall(result, ss[state.UNIT_SYSTEM])
    if stored.method_version and stored.method_version != result.method_version:
        st.caption(
            f"Saved with method version {stored.method_version}; shown re-scored with "
            f"{result.method_version}."
        )
    stem = components.file_stem(a)
    can_change = store.principal.can_change  # a manager reads; only officers change
    c1, c2, c3 = st.columns(3)
    if can_change and c1.button(
        "Open in the form",
        key=state.LIST_OPEN,
        on_click=_open,
        args=(stored,),
        icon=":material/edit:",
        help="Fill the New assessment form with this revision. Scoring it and pressing Save "
        "on the Results page adds a new revision; this one is kept.",
        width="stretch",
    ):
        try:
            st.switch_page(FORM_PAGE)
        except st.errors.StreamlitAPIException:  # run alone (AppTest): no router
            st.success("Opened in the New assessment form.")
    with c2:
        st.download_button(
            "PDF report",
            data=components.pdf_builder(
                a, result, stored.saved_by, actions_panel.pdf_marks(stored.ref.record_id)
            ),
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            key=state.LIST_DOWNLOAD_PDF,
            on_click="ignore",
            icon=":material/picture_as_pdf:",
            width="stretch",
        )
    with c3:
        st.download_button(
            "Assessment (JSON)",
            data=io.dump_json(a),
            file_name=f"{stem}.json",
            mime="application/json",
            key=state.LIST_DOWNLOAD_JSON,
            on_click="ignore",
            icon=":material/download:",
            width="stretch",
        )

    revs = store.revision_table(record_id)
    refs = revs["revision"].tolist()
    with st.expander(f"Revisions ({len(refs)})", icon=":material/history:"):
        st.dataframe(revision_frame(revs), hide_index=True, width="stretch")
        st.caption(
            "Saving an opened assessment adds a revision; earlier ones are never changed. "
            "Compare any two of them below."
        )

    if not can_change:
        return
    with st.expander("Delete", icon=":material/delete:"):
        sure = st.checkbox(
            f"Delete {components.md(label)} and all {len(refs)} revision{'s' if len(refs) != 1 else ''}: "
            "it is archived, and only an administrator can restore it",
            key=state.DELETE_CONFIRM,
        )
        st.button(
            "Delete",
            key=state.DELETE,
            type="primary",
            disabled=not sure,
            on_click=_delete,
            args=(record_id, label),
            icon=":material/delete_forever:",
        )


def revision_frame(revs: pd.DataFrame) -> pd.DataFrame:
    """Return a record's revisions as the page lists them: when, id, band, assessor."""
    return pd.DataFrame(
        {
            "revision": revs["revision"],
            "saved": [t.strftime("%Y-%m-%d %H:%M UTC") for t in revs["saved_at"]],
            "id": revs["assessment_id"],
            "overall": [services.band_word(b) for b in revs["overall_band"]],
            "factors at high or above": revs["n_high"],
            "assessor": revs["assessor"],
        }
    )


def comparison(before_stored, after_stored, *, pdf_key: str, file_name: str) -> None:
    """Draw two assessments side by side, factor by factor, with the before/after PDF."""
    before, after = before_stored.assessment, after_stored.assessment
    rb, ra = score_assessment(before), score_assessment(after)
    verified = actions_panel.verified_between(before_stored, after_stored)
    st.markdown(
        f"**Before** {before.header.date.isoformat()} → **after** {after.header.date.isoformat()}"
        f" · overall {rb.overall_band_name} → {ra.overall_band_name}, factors at high or above "
        f"{rb.n_high} → {ra.n_high}"
    )
    st.dataframe(compare_frame(rb, ra), hide_index=True, width="stretch")
    st.caption(
        "Each factor on its own method: native value, band and 0–100 risk index. Δ index is the "
        "change in that factor's index (negative is better); factors are never averaged."
    )
    if verified:
        n = len(verified)
        st.caption(
            f"{n} corrective action{'s were' if n != 1 else ' was'} verified between these two; "
            "the PDF lists each with its predicted and measured effect."
        )

    def build() -> bytes:
        from reports.compare import compare_pdf

        return compare_pdf(before, rb, after, ra, generated=dt.date.today(), verified=verified)

    st.download_button(
        "Before/after PDF",
        data=build,
        file_name=file_name,
        mime="application/pdf",
        key=pdf_key,
        on_click="ignore",
        icon=":material/compare_arrows:",
    )


def revisions_compare(store, stored) -> None:
    """Draw the comparison of any two revisions of the selected record."""
    record_id = stored.ref.record_id
    numbers = [r.revision for r in store.revisions(record_id)]
    st.subheader("Compare two revisions")
    if len(numbers) < 2:
        st.caption("This record has one revision: saving it again from the form adds one.")
        return
    c1, c2 = st.columns(2)
    first = c1.selectbox("Earlier revision", numbers, index=0, key=state.COMPARE_REV_BEFORE)
    second = c2.selectbox(
        "Later revision", numbers, index=len(numbers) - 1, key=state.COMPARE_REV_AFTER
    )
    if first == second:
        st.caption("Pick two different revisions.")
        return
    lo, hi = sorted((first, second))
    before, after = store.get(record_id, lo), store.get(record_id, hi)
    stem = components.file_stem(after.assessment)
    comparison(
        before,
        after,
        pdf_key=state.COMPARE_REV_PDF,
        file_name=f"{stem}-rev{lo}-rev{hi}.pdf",
    )


def compare_panel(store, stored) -> None:
    """Draw the comparison with another assessment of the same worker or workstation."""
    a = stored.assessment
    st.subheader("Compare with another assessment")
    who = a.header.worker_ref
    if not who:
        st.caption("No worker or workstation reference: nothing to compare with.")
        return
    others = store.same_subject(stored.ref.record_id)
    if others.empty:
        st.caption(f"No other assessment of {components.md(who)} is saved yet.")
        return
    labels = {r["record_id"]: label_of(r) for _, r in others.iterrows()}
    other_id = st.selectbox(
        f"Compare with another assessment of {components.md(who)}",
        list(labels),
        format_func=labels.get,
        key=state.COMPARE_WITH,
    )
    other = store.get(other_id)
    pair = sorted(
        [stored, other], key=lambda s: (s.assessment.header.date, s.ref.saved_at)
    )  # before = the earlier date
    comparison(
        pair[0],
        pair[1],
        pdf_key=state.COMPARE_PDF,
        file_name=f"{components.file_stem(pair[1].assessment)}-compare.pdf",
    )


def picked_record(found: pd.DataFrame, event) -> str | None:
    """Return the record_id of the row selected in the table (None when none is)."""
    rows = [r for r in (event.selection.rows if event else []) if 0 <= r < len(found)]
    return str(found["record_id"].iloc[rows[0]]) if rows else None


# ----------------------------------------------------------------------- page

state.init()
st.title("Assessments")
st.caption(
    "Every saved assessment, newest first. Filter or search, sort by any column, select a row to "
    "open, download, compare or delete it."
)
store = services.store()
if store.damaged:  # reading a damaged file may fail anywhere: say how to restore, stop
    st.error(store.damaged, icon=":material/error:")
    st.stop()
if ss[state.DELETED]:
    st.success(ss[state.DELETED], icon=":material/check:")
    ss[state.DELETED] = None

focus = ss[state.LIST_FOCUS]  # a dashboard row: exactly the records it counted
if focus is None:
    selection = filters.panel("assessments", store, full=True)
else:
    selection, words = focus
    within = [f"{k} {v}" for k, v in selection.describe().items() if k != "recommendation"]
    with st.container(border=True):
        st.markdown(
            f"**From the dashboard:** the {store.count(selection):,} assessment(s) {md(words)}"
            + (f" (filters: {md('; '.join(within))})" if within else "")
            + "."
        )
        if st.button("Show every assessment", key=state.LIST_FOCUS_CLEAR, icon=":material/list:"):
            ss[state.LIST_FOCUS] = None
            st.rerun()
total = store.count(selection)
found = store.search(selection, limit=LIMIT)
if found.empty:
    if store.count() == 0:
        st.info("Nothing is saved yet: score an assessment and press Save, or import a file.")
        components.page_link(FORM_PAGE, "New assessment")
        components.page_link(IMPORT_PAGE, "Import")
    else:
        st.info("No saved assessment matches these filters.")
    st.stop()

shown = f"the newest {len(found):,} of " if total > len(found) else ""
st.caption(f"{shown}{total:,} assessment{'s' if total != 1 else ''} match.")
too_many = total > background.jobs.MAX_ITEMS
if st.button(
    f"PDF reports of these {total:,} assessments (zip, in the background)",
    key=state.LIST_JOB_START,
    icon=":material/picture_as_pdf:",
    disabled=too_many,
    help=f"At most {background.jobs.MAX_ITEMS:,} reports per batch: narrow the filters."
    if too_many
    else "One PDF report per assessment, built away from the page; you can close the tab.",
):
    ss[state.LIST_JOB] = job_panel.start_job(
        "pdf_batch", {"filters": job_panel.scoped_filters(selection)}
    )
job_panel.show(state.LIST_JOB)
table = services.list_table(found)
table = table[["id", *[c for c in table.columns if c != "id"]]]
event = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=min(36 * (len(found) + 1) + 3, 360),  # no empty rows under a short list
    on_select="rerun",
    selection_mode="single-row",
    key=state.LIST_TABLE,
    column_config={
        "id": st.column_config.TextColumn("id", pinned=True),
        "sample": st.column_config.TextColumn(
            "sample", help="Sample data: left out of exports unless asked for."
        ),
    },
)
if found["is_sample"].any():
    st.caption(
        "Rows marked *sample* are the sample data loaded into this new database; exports leave "
        "them out unless you ask for them."
    )
pick = picked_record(found, event)
# A record asked for by a link (the Follow-up page's "Open") or another page, if readable.
asked = st.query_params.get("record") or ss[state.OPEN_RECORD]
if pick is not None:
    ss[state.OPEN_RECORD] = None  # a row chosen here replaces the record another page asked for
elif asked:
    try:
        store.get(asked)
        pick = str(asked)  # kept while no row is chosen, so choosing a revision keeps it shown
    except (KeyError, AccessDenied):
        st.warning(f"Record {md(asked)} is not saved or not yours to see.", icon=":material/info:")
        ss[state.OPEN_RECORD] = None
if pick is None:
    pick = str(found["record_id"].iloc[0])
    st.caption(
        "Showing the first row; select another in the table (the box at the left of its row) "
        "to open it."
    )
labels = {r["record_id"]: label_of(r) for _, r in found.iterrows()}
refs = store.revisions(pick)
revision = None
if len(refs) > 1:
    numbers = [r.revision for r in reversed(refs)]
    revision = st.selectbox(
        "Revision shown",
        numbers,
        format_func=lambda k: f"{k} (latest)" if k == numbers[0] else str(k),
        key=state.LIST_REVISION,
    )
stored = store.get(pick, revision)
with st.container(border=True):
    record_panel(store, stored, labels.get(pick) or stored.assessment.header.worker_ref or pick)
actions_panel.record_actions(pick, key="assessments.actions")
revisions_compare(store, stored)
compare_panel(store, stored)
