"""Assessments: the saved history. Search, open into the form, download, revisions, delete, compare.

Everything saved lives in the Store (assessments.store). This page filters it
(Store.search), shows one record, and compares two records of the same worker
or workstation factor by factor (reports.compare); it computes no score: a
stored assessment is re-scored by assessments.evaluate.score_assessment for its
report and the comparison.
"""

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from assessments import io
from assessments.evaluate import score_assessment
from reports.compare import compare_rows, delta_text, index_text
from views import components, filters, services, state

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
    for key in (state.LIST_PICK, state.LIST_REVISION, state.DELETE_CONFIRM, state.COMPARE_WITH):
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
    c1, c2, c3 = st.columns(3)
    if c1.button(
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
            data=components.pdf_builder(a, result),
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

    refs = store.revisions(record_id)
    with st.expander(f"Revisions ({len(refs)})", icon=":material/history:"):
        st.dataframe(
            pd.DataFrame(
                {
                    "revision": [r.revision for r in refs],
                    "saved": [r.saved_at.strftime("%Y-%m-%d %H:%M UTC") for r in refs],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption("Saving an opened assessment adds a revision; earlier ones are never changed.")

    with st.expander("Delete", icon=":material/delete:"):
        sure = st.checkbox(
            f"Delete {components.md(label)} and all {len(refs)} revision{'s' if len(refs) != 1 else ''}: "
            "this cannot be undone",
            key=state.DELETE_CONFIRM,
        )
        st.button(
            "Delete for good",
            key=state.DELETE,
            type="primary",
            disabled=not sure,
            on_click=_delete,
            args=(record_id, label),
            icon=":material/delete_forever:",
        )


def compare_panel(store, stored) -> None:
    """Draw the comparison with another assessment of the same worker or workstation."""
    a = stored.assessment
    st.subheader("Compare")
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
    before, after = pair[0].assessment, pair[1].assessment
    rb, ra = score_assessment(before), score_assessment(after)
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

    def build() -> bytes:
        from reports.compare import compare_pdf

        return compare_pdf(before, rb, after, ra, generated=dt.date.today())

    st.download_button(
        "Before/after PDF",
        data=build,
        file_name=f"{components.file_stem(after)}-compare.pdf",
        mime="application/pdf",
        key=state.COMPARE_PDF,
        on_click="ignore",
        icon=":material/compare_arrows:",
    )


# ----------------------------------------------------------------------- page

state.init()
st.title("Assessments")
st.caption(
    "Every saved assessment, newest first. Filter, pick one to open, download, compare with an "
    "earlier assessment of the same worker or workstation, or delete."
)
store = services.store()
if ss[state.DELETED]:
    st.success(ss[state.DELETED], icon=":material/check:")
    ss[state.DELETED] = None

selection = filters.panel("assessments", store, full=True)
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
st.dataframe(
    services.list_table(found),
    hide_index=True,
    width="stretch",
    height=min(36 * (len(found) + 1) + 3, 290),  # no empty rows under a short list
)

labels = {r["record_id"]: label_of(r) for _, r in found.iterrows()}
pick = st.selectbox("Assessment", list(labels), format_func=labels.get, key=state.LIST_PICK)
refs = store.revisions(pick)
revision = None
if len(refs) > 1:
    numbers = [r.revision for r in reversed(refs)]
    revision = st.selectbox(
        "Revision",
        numbers,
        format_func=lambda k: f"{k} (latest)" if k == numbers[0] else str(k),
        key=state.LIST_REVISION,
    )
stored = store.get(pick, revision)
with st.container(border=True):
    record_panel(store, stored, labels[pick])
compare_panel(store, stored)
