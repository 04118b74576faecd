"""The corrective actions of one saved record: list, create, change status, follow up.

Shared by the Assessments page (the selected record) and the Follow-up page. Every
call goes through :class:`assessments.actions.Actions` on the signed-in person's
scoped store, so a manager sees the actions and changes nothing. Nothing here
computes a score: predicted effects come from the recommendation, measured ones from
the stored revisions.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pandas as pd
import streamlit as st

from assessments.actions import STATUS_WORDS, TRANSITIONS, ActionError, Actions
from assessments.evaluate import score_assessment
from scoring import registry
from views import components, services, state

HERE = Path(__file__).parent
NEW_ASSESSMENT = HERE / "new_assessment.py"


def actions() -> Actions:
    """Return the corrective actions as the signed-in person may use them."""
    return Actions(services.store())


def factor_title(factor: str | None) -> str:
    """Return a factor's title ("" for a hand-written action with no factor)."""
    return registry.title(factor) if factor in registry.BY_ID else ""


def table(df: pd.DataFrame) -> pd.DataFrame:
    """Return an actions list as the pages show it (words, not codes)."""
    return pd.DataFrame(
        {
            "id": df["action_id"].astype(int),
            "assessment": df["assessment_id"].fillna(""),
            "site": df["site"].fillna(""),
            "worker": df["worker_ref"].fillna(""),
            "factor": [factor_title(f) for f in df["factor"]],
            "action": df["description"],
            "owner": df["owner"],
            "due": df["due_date"],
            "status": [STATUS_WORDS[s] for s in df["status"]],
            "overdue": ["overdue" if o else "" for o in df["overdue"]],
        }
    )


def _native(values) -> str:
    if not values or values.get("native") is None:
        return "n/a"
    return f"{values['native']:.2f}"


def pdf_marks(record_id: str) -> dict[str, tuple[str, str, str]]:
    """Return recommendation id -> (status, owner, due date) of a record's actions, for the PDF.

    A recommendation with several actions shows the newest; won't-do ones are shown too.
    """
    acts = actions()
    if not acts.principal.can_read_records:
        return {}
    df = acts.list(record_id=record_id).dropna(subset=["rec_id"]).sort_values("action_id")
    return {
        r.rec_id: (STATUS_WORDS[r.status], r.owner, "" if pd.isna(r.due_date) else str(r.due_date))
        for r in df.itertuples()
    }


def verified_between(before, after) -> list[dict]:
    """Return the actions verified between two stored revisions, for the before/after PDF."""
    acts = actions()
    if not acts.principal.can_read_records:
        return []
    return acts.verified_between(before.ref, after.ref)


def effect_line(acts: Actions, action_id: int) -> str:
    """Return the predicted and the measured effect in words, for one action."""
    e = acts.effect(action_id)
    parts = []
    if e["predicted_effect"]:
        parts.append(f"Predicted: {e['predicted_effect']}")
    if e["measured_after"] is not None:
        parts.append(
            f"Measured at revision {e['followup_revision']}: "
            f"{_native(e['measured_before'])} → {_native(e['measured_after'])}"
        )
    elif e["factor"]:
        parts.append("Measured: no follow-up assessment saved since the action was done.")
    return " · ".join(parts)


def _make(record_id: str, rec_ids: list[str] | None, key: str) -> None:
    """Create actions from recommendations with the owner and due date typed above them."""
    ss = st.session_state
    acts = actions()
    try:
        ids = acts.from_recommendations(
            record_id,
            rec_ids,
            owner=ss.get(f"{key}.recs.owner") or "",
            due_date=ss.get(f"{key}.recs.due"),
        )
    except ActionError as exc:
        st.toast(str(exc), icon=":material/error:")
        return
    st.toast(f"{len(ids)} action{'s' if len(ids) != 1 else ''} created.")


def _create_from_recommendations(acts: Actions, record_id: str, key: str) -> None:
    """Draw one "Create action" button per recommendation without one, and one for all."""
    recs = score_assessment(acts.scoped.get(record_id).assessment).recommendations
    taken = set(acts.list(record_id=record_id)["rec_id"].dropna())
    free = [r for r in recs if r.id not in taken]
    if not free:
        st.caption("Every recommendation of this assessment already has an action.")
        return
    left, right = st.columns(2)
    left.text_input("Owner", key=f"{key}.recs.owner", max_chars=320)
    right.date_input("Due date", value=None, key=f"{key}.recs.due", format="YYYY-MM-DD")
    st.button(
        f"Create an action for each of the {len(free)}",
        key=f"{key}.recs.all",
        on_click=_make,
        args=(record_id, [r.id for r in free], key),
        icon=":material/playlist_add:",
    )
    for r in free:
        text, button = st.columns([5, 1], vertical_alignment="center")
        effect = f" *{components.md(r.effect)}*" if r.effect else ""
        text.markdown(f"{components.md(r.officer_text)}{effect}")
        button.button(
            "Create action",
            key=f"{key}.rec.{r.id}",
            on_click=_make,
            args=(record_id, [r.id], key),
            icon=":material/add_task:",
            help="One action from this recommendation, with the owner and due date above.",
        )


def _create_by_hand(acts: Actions, record_id: str, key: str) -> None:
    with st.form(f"{key}.by_hand", border=False, clear_on_submit=True):
        text = st.text_area("What is to be changed", key=f"{key}.hand.text", max_chars=2000)
        owner = st.text_input("Owner", key=f"{key}.hand.owner", max_chars=320)
        due = st.date_input("Due date", value=None, key=f"{key}.hand.due", format="YYYY-MM-DD")
        if st.form_submit_button("Add action", icon=":material/add:"):
            try:
                acts.create(record_id, text, owner=owner, due_date=due)
            except ActionError as exc:
                st.error(str(exc), icon=":material/error:")
                return
            st.toast("Action added.")
            st.rerun()


def _edit(acts: Actions, action_id: int, key: str) -> None:
    a = acts.get(action_id)
    st.markdown(f"**Action {action_id}:** {components.md(a['description'])}")
    line = effect_line(acts, action_id)
    if line:
        st.caption(components.md(line))
    if not acts.principal.can_change:
        return
    allowed = [a["status"], *TRANSITIONS[a["status"]]]
    with st.form(f"{key}.edit.{action_id}", border=True):
        status = st.selectbox(
            "Status",
            allowed,
            format_func=lambda s: STATUS_WORDS[s],
            key=f"{key}.status.{action_id}",
            help="Won't do needs a reason. Verified needs a follow-up assessment saved after "
            "the action was done, or a reason saying how the change was checked.",
        )
        reason = st.text_input("Reason", key=f"{key}.reason.{action_id}", max_chars=2000)
        owner = st.text_input(
            "Owner", value=a["owner"], key=f"{key}.owner.{action_id}", max_chars=320
        )
        due = st.date_input(
            "Due date", value=a["due_date"], key=f"{key}.due.{action_id}", format="YYYY-MM-DD"
        )
        notes = st.text_area(
            "Notes", value=a["notes"], key=f"{key}.notes.{action_id}", max_chars=10_000
        )
        if st.form_submit_button("Save the action", icon=":material/save:"):
            try:
                acts.update(action_id, owner=owner, due_date=due, notes=notes)
                acts.set_status(action_id, status, reason=reason)
            except ActionError as exc:
                st.error(str(exc), icon=":material/error:")
                return
            st.toast(f"Action {action_id} saved.")
            st.rerun()
    if a["status"] == "done":
        st.button(
            "Record the follow-up assessment",
            key=f"{key}.follow.{action_id}",
            on_click=_start_followup,
            args=(action_id,),
            icon=":material/fact_check:",
            help="Opens the latest revision in the form with the change applied; saving it "
            "adds a revision whose measured effect shows here.",
        )
    with st.expander("History"):
        st.dataframe(acts.history(action_id), hide_index=True, width="stretch")


def _pair(values: tuple[float | None, float | None], headline) -> str:
    """Return "CLI 3.96 → 2.90" in the factor's headline terms ("n/a" for a missing value)."""
    label, dec = (headline.label, headline.decimals) if headline else ("", 2)
    text = " → ".join("n/a" if v is None else f"{v:.{dec}f}" for v in values)
    return f"{label} {text}".strip()


def followup_message(acts: Actions, action_id: int, result) -> str:
    """Return what a saved follow-up measured for an action, beside what was predicted.

    ``result`` is the follow-up's AssessmentResult: it names the factor's native value
    (its headline label and decimals); the numbers come from the stored revisions.
    """
    e = acts.effect(action_id)
    headline = next((f.headline for f in result.factors if f.factor == e["factor"]), None)
    before = (e["measured_before"] or {}).get("native")
    after = (e["measured_after"] or {}).get("native")
    if e["predicted_after"] is not None:
        predicted = _pair((e["predicted_before"], e["predicted_after"]), headline)
    else:
        predicted = e["predicted_effect"] or "no quantified prediction"
    return (
        f"Follow-up saved for action {action_id}: predicted {predicted}, "
        f"measured {_pair((before, after), headline)}"
    )


def _verify(action_id: int) -> None:
    acts = actions()
    try:
        acts.set_status(action_id, "verified")
    except ActionError as exc:
        st.session_state[state.FOLLOWUP_MESSAGE] = ("error", str(exc))
        return
    st.session_state[state.FOLLOWUP_MESSAGE] = (
        "success",
        f"Action {action_id} is verified by this follow-up.",
    )
    st.session_state[state.FOLLOWUP_FOR] = None


def followup_panel(result) -> None:
    """Draw, on Results, what the follow-up of an action is for and, once saved, its effect.

    Shown while the form holds the follow-up started from an action (the record it
    saves to is the action's); after Save it offers to mark the action verified.
    """
    ss = st.session_state
    kind, text = ss[state.FOLLOWUP_MESSAGE] or (None, None)
    ss[state.FOLLOWUP_MESSAGE] = None
    if kind == "success":
        st.success(components.md(text), icon=":material/verified:")
    elif kind == "error":
        st.error(components.md(text), icon=":material/error:")
    action_id = ss[state.FOLLOWUP_FOR]
    if action_id is None:
        return
    acts = actions()
    try:
        a = acts.get(action_id)
    except (KeyError, PermissionError):
        a = None
    if a is None or a["record_id"] != ss[state.RECORD_ID] or a["status"] != "done":
        ss[state.FOLLOWUP_FOR] = None  # the form moved on to another record, or it is settled
        return
    ref = ss[state.SAVED_REF]
    saved = ss[state.SAVED_FOR] is ss[state.ASSESSMENT] and ref is not None
    if not saved or acts.effect(action_id)["followup_revision"] != ref.revision:
        st.info(
            f"This is the follow-up for action {action_id}: {components.md(a['description'])}. "
            "Save it as a new revision to measure the effect.",
            icon=":material/fact_check:",
        )
        return
    with st.container(border=True):
        st.markdown(
            f"{components.md(followup_message(acts, action_id, result))}; mark it verified."
        )
        if acts.principal.can_change:
            st.button(
                f"Mark action {action_id} verified",
                key=state.FOLLOWUP_VERIFY,
                type="primary",
                on_click=_verify,
                args=(action_id,),
                icon=":material/verified:",
                help="The follow-up just saved is the evidence; the action's history records it.",
            )


def _start_followup(action_id: int) -> None:
    acts = actions()
    a = acts.get(action_id)
    services.open_in_form(acts.followup_assessment(action_id), a["record_id"])
    st.session_state[state.FOLLOWUP_FOR] = action_id
    with contextlib.suppress(st.errors.StreamlitAPIException):
        st.switch_page(NEW_ASSESSMENT)


def record_actions(record_id: str, *, key: str = "actions") -> None:
    """Draw the actions of one record, with the controls the person may use."""
    acts = actions()
    df = acts.list(record_id=record_id)
    st.subheader("Corrective actions")
    _next_review(acts, record_id)
    # The list grows above the expanders; drawn into a container made first, it leaves
    # the expanders where they were, so they stay open between two one-click creations.
    listing = st.container()
    if acts.principal.can_change:
        with st.expander("Turn recommendations into actions", icon=":material/add_task:"):
            _create_from_recommendations(acts, record_id, key)
        with st.expander("Add an action by hand", icon=":material/add:"):
            _create_by_hand(acts, record_id, key)
    with listing:
        _listing(acts, df, key)


def _next_review(acts: Actions, record_id: str) -> None:
    """Say when the record is due for reassessment, and by which rule."""
    due = acts.reviews(record_id=record_id)
    if due.empty:
        return
    row = due.iloc[0]
    late = " — **overdue**" if row["overdue"] else ""
    st.caption(
        f"Next review of this record: {row['next_review'].isoformat()} ({row['rule']}){late}."
    )


def _listing(acts: Actions, df: pd.DataFrame, key: str) -> None:
    if df.empty:
        st.caption("No action yet.")
        return
    st.dataframe(table(df), hide_index=True, width="stretch")
    ids = [int(i) for i in df["action_id"]]
    words = dict(zip(ids, df["description"], strict=True))
    pick = st.selectbox(
        "Action",
        ids,
        index=None,
        format_func=lambda i: f"{i}: {words[i][:80]}",
        key=f"{key}.pick",
        placeholder="Choose an action to see its effect and history, or to change it",
    )
    if pick is not None:
        _edit(acts, pick, key)
