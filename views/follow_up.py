"""Follow-up: overdue actions, actions due soon, reassessments due; by site and owner.

Each row is one click from its assessment: its first column opens the record on the
Assessments page, where its actions are changed and followed up. The same lists are
printed by ``python -m cli actions list`` and ``python -m cli due``.
"""

import streamlit as st

from assessments.store import Filters
from views import actions_panel, services, state

SHOWN = 500  # rows a list draws; a browser table of tens of thousands helps nobody


def _links(df):
    """Return the record ids as links that open the record on the Assessments page."""
    return [f"./assessments_page?record={rid}" for rid in df["record_id"]]


def _more(total: int) -> None:
    """Say when a list shows only its first SHOWN rows of more."""
    if total > SHOWN:
        st.caption(
            f"The {SHOWN:,} soonest of {total:,}; choose a site or an owner to narrow the list, "
            "or print it whole with the command line (`python -m cli actions list`, "
            "`python -m cli due`)."
        )


def _list(df, shown, key: str) -> None:
    """Draw a list whose first column opens the row's assessment (one click)."""
    if df.empty:
        st.caption("Nothing here.")
        return
    st.dataframe(
        shown.assign(open=_links(df))[["open", *shown.columns]],
        hide_index=True,
        width="stretch",
        key=key,
        column_config={
            "open": st.column_config.LinkColumn(
                "Assessment", display_text="Open", help="Opens the record's assessment"
            )
        },
    )


state.init()
st.title("Follow-up")
st.caption(
    "Corrective actions past their due date or due soon, and records due for reassessment. "
    "Open a row's assessment (first column) to change its actions or record a follow-up."
)
acts = actions_panel.actions()
scoped = services.store()
site_col, owner_col, days_col = st.columns(3)
sites = site_col.multiselect("Site", scoped.sites(), key=state.FOLLOW_SITE)
owner = owner_col.text_input("Owner", key=state.FOLLOW_OWNER, max_chars=320)
days = days_col.number_input(
    "Days ahead", min_value=1, max_value=365, value=30, step=1, key=state.FOLLOW_DAYS
)
filters = Filters(sites=tuple(sites) if sites else None)
owner = owner.strip() or None

which = {"filters": filters, "owner": owner}
overdue = acts.list(overdue=True, limit=SHOWN, **which)
soon = acts.list(due_within_days=int(days), limit=SHOWN, **which)
# A full page may have more behind it: only then is the whole list counted.
n_overdue = acts.count(overdue=True, **which) if len(overdue) == SHOWN else len(overdue)
n_soon = acts.count(due_within_days=int(days), **which) if len(soon) == SHOWN else len(soon)
reviews = acts.reviews(within_days=int(days), filters=filters, limit=SHOWN)
n_reviews = (
    acts.count_reviews(within_days=int(days), filters=filters)
    if len(reviews) == SHOWN
    else len(reviews)
)
a, b, c = st.columns(3)
a.metric("Overdue actions", f"{n_overdue:,}")
b.metric(f"Actions due in {int(days)} days", f"{n_soon:,}")
c.metric("Reassessments due", f"{n_reviews:,}")

st.subheader("Overdue actions")
_more(n_overdue)
_list(overdue, actions_panel.table(overdue), "follow_up.overdue")
st.subheader(f"Due in the next {int(days)} days")
_more(n_soon)
_list(soon, actions_panel.table(soon), "follow_up.soon")
st.subheader("Reassessments due")
_more(n_reviews)
shown = reviews.assign(overdue=["overdue" if o else "" for o in reviews["overdue"]])
_list(reviews, shown.drop(columns=["record_id"]), "follow_up.reviews")
