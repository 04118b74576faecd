"""Saving an employee's Check my desk result in organisation mode (no widgets in local mode).

The page calls :func:`save_panel` once, after the results. The store saves the check as a
self-assessment linked to the signed-in person; symptom answers only with the consent box.
"""

from __future__ import annotations

import streamlit as st

from views import identity, state

CONSENT_TEXT = (
    "Share my answers about aches and pains with the safety officer for my site. "
    "Without a tick they are not saved; only my desk answers and results are."
)


def _save() -> None:
    ss = st.session_state
    assessment, symptoms = ss[state.DESK_ASSESSMENT], ss[state.DESK_SYMPTOMS]
    ref = identity.scoped_store().save_self_check(
        assessment, symptoms=symptoms, consent=bool(ss.get(state.DESK_CONSENT))
    )
    ss[state.DESK_SAVED] = (assessment, ref)


def save_panel() -> None:
    """Draw the consent box and Save button for the last valid check (organisation mode)."""
    p = identity.current()
    ss = st.session_state
    assessment = ss[state.DESK_ASSESSMENT]
    if p is None or p.local or assessment is None:
        return
    st.divider()
    st.subheader("Save your check")
    saved = ss[state.DESK_SAVED]
    if saved is not None and saved[0] is assessment:
        st.success(
            "Saved under your name. You find it, and an officer's review of it, on **My checks**.",
            icon=":material/check:",
        )
        return
    st.markdown(
        "Saving keeps this check under your name. If it shows a high risk, or you share a "
        "warning sign below, the safety officer for your site will review it."
    )
    st.checkbox(CONSENT_TEXT, key=state.DESK_CONSENT)
    st.button(
        "Save my check", key=state.DESK_SAVE, type="primary", on_click=_save, icon=":material/save:"
    )
