"""My checks: an employee's own saved self-checks, whether an officer reviewed them, the PDF.

Only the signed-in person's checks are listed (the scoped store filters by owner).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.evaluate import score_assessment
from views import components, services, state

state.init()
ss = st.session_state
st.title("My checks")
store = services.store()
mine = store.my_checks()
if mine.empty:
    st.info("You have not saved a check yet: open **Check my desk**, answer, and press Save.")
    st.stop()


def _status(row) -> str:
    if row["review_status"] == "reviewed":
        return f"reviewed by {row['reviewed_by']}"
    return "waiting for review" if row["review_status"] == "pending" else "no review needed"


table = pd.DataFrame(
    {
        "saved": [pd.Timestamp(v).strftime("%Y-%m-%d %H:%M") for v in mine["saved_at"]],
        "overall": [services.band_word(b) for b in mine["overall_band"]],
        "review": [_status(r) for _, r in mine.iterrows()],
    }
)
st.dataframe(table, hide_index=True, width="stretch")
labels = {
    r["record_id"]: f"{t['saved']} · {t['overall']}"
    for (_, r), (_, t) in zip(mine.iterrows(), table.iterrows(), strict=True)
}
pick = st.selectbox("Check", list(labels), format_func=labels.get, key=state.MY_PICK)
row = mine.set_index("record_id").loc[pick]
if row["review_status"] == "reviewed":
    st.success(
        f"Reviewed by {components.md(row['reviewed_by'])} on "
        f"{pd.Timestamp(row['reviewed_at']).strftime('%Y-%m-%d')}.",
        icon=":material/task_alt:",
    )
    if row["review_note"]:
        st.markdown(f"**Their note:** {components.md(row['review_note'])}")
elif row["review_status"] == "pending":
    st.info("The safety officer for your site will review this check.", icon=":material/schedule:")
stored = store.get(pick)
result = score_assessment(stored.assessment)
components.overall(result, ss[state.UNIT_SYSTEM])
st.download_button(
    "PDF of this check",
    data=components.pdf_builder(stored.assessment, result, stored.saved_by),
    file_name=f"my-check-{pick[:8]}.pdf",
    mime="application/pdf",
    key=state.MY_PDF,
    on_click="ignore",
    icon=":material/picture_as_pdf:",
)
