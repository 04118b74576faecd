"""Review: employees' self-checks at high or above, or with a shared warning sign, for the
officer's sites. The officer adds a note and marks it reviewed, or starts an audit from it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from assessments.evaluate import score_assessment
from scoring.recommendations import CAUDA_EQUINA_SIGNS, EMERGENCY_ADVICE, LEG_SYMPTOMS
from views import components, services, state

WARNING_WORDS = {**CAUDA_EQUINA_SIGNS, "leg_pain_numbness": LEG_SYMPTOMS}
FORM_PAGE = Path(__file__).parent / "new_assessment.py"

state.init()
ss = st.session_state
st.title("Review")
st.caption(
    "Self-checks from Check my desk that came out high or above, or where the employee shared "
    "a warning sign. Only your sites are listed."
)
store = services.store()
if ss[state.REVIEW_MESSAGE]:
    st.success(ss[state.REVIEW_MESSAGE], icon=":material/check:")
    ss[state.REVIEW_MESSAGE] = None
queue = store.review_queue()
if queue.empty:
    st.info("Nothing is waiting for review.")
    st.stop()

st.dataframe(
    pd.DataFrame(
        {
            "saved": [pd.Timestamp(v).strftime("%Y-%m-%d %H:%M") for v in queue["saved_at"]],
            "employee": queue["owner_email"],
            "site": queue["site"],
            "overall": [services.band_word(b) for b in queue["overall_band"]],
            "warning sign shared": [
                "yes" if isinstance(s, dict) and s.get("signs") else ""
                for s in queue["shared_symptoms"]
            ],
        }
    ),
    hide_index=True,
    width="stretch",
)
labels = {
    r["record_id"]: f"{r['owner_email']} · {r['site'] or 'no site'} · "
    f"{services.band_word(r['overall_band'])}"
    for _, r in queue.iterrows()
}
pick = st.selectbox("Self-check", list(labels), format_func=labels.get, key=state.REVIEW_PICK)
row = queue.set_index("record_id").loc[pick]
stored = store.get(pick)
result = score_assessment(stored.assessment)
with st.container(border=True):
    components.header(stored.assessment)
    components.overall(result, ss[state.UNIT_SYSTEM])
    shared = row["shared_symptoms"]
    if isinstance(shared, dict):
        signs = shared.get("signs") or []
        if any(sign in CAUDA_EQUINA_SIGNS for sign in signs):
            st.error(EMERGENCY_ADVICE.officer_text, icon=":material/emergency:")
        for sign in signs:
            st.markdown(f"- {components.md(WARNING_WORDS.get(sign, sign))}")
        marked = {k: v for k, v in shared.items() if k != "signs" and v}
        for k, v in marked.items():
            st.markdown(f"- {components.md(k)}: {components.md(', '.join(map(str, v)))}")
    else:
        st.caption("The employee did not share answers about aches and pains.")


def _reviewed(record_id: str, who: str) -> None:
    store.review(record_id, ss.get(state.REVIEW_NOTE) or "")
    ss[state.REVIEW_MESSAGE] = f"Marked reviewed: {who}. They see your note on My checks."
    ss.pop(state.REVIEW_NOTE, None)
    ss.pop(state.REVIEW_PICK, None)


def _start_audit(stored) -> None:
    h = stored.assessment.header.model_copy(update={"assessment_type": "audit"})
    services.open_in_form(stored.assessment.model_copy(update={"header": h}), None)


st.text_area("Note for the employee", key=state.REVIEW_NOTE, max_chars=2000)
left, right = st.columns(2)
left.button(
    "Mark reviewed",
    key=state.REVIEW_DONE,
    type="primary",
    on_click=_reviewed,
    args=(pick, row["owner_email"]),
    icon=":material/task_alt:",
)
if right.button(
    "Start an audit from it",
    key=state.REVIEW_AUDIT,
    on_click=_start_audit,
    args=(stored,),
    icon=":material/assignment_add:",
):
    try:
        st.switch_page(FORM_PAGE)
    except st.errors.StreamlitAPIException:  # run alone (AppTest): no router
        st.success("Opened in the New assessment form.")
