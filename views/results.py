"""Results: the scored assessment, its risk profile, actions, a what-if and the downloads.

Reads the Assessment and AssessmentResult the New assessment page stored in
session state; the what-if re-scores a changed copy with
assessments.evaluate.score_assessment. Nothing is scored or banded here.
"""

import contextlib
import math
from pathlib import Path

import streamlit as st

from assessments.evaluate import score_assessment
from assessments.store import DamagedDatabase
from views import actions_panel, components, form, services, state

HERE = Path(__file__).parent
FORM_PAGE = HERE / "new_assessment.py"

ss = st.session_state


def _inputs() -> dict:
    return components.what_if_inputs(ss[state.ASSESSMENT], ss[state.RESULT])


def _current(inp: components.WhatIfInput) -> float | None:
    return form.to_display(inp.spec, inp.value, ss[state.UNIT_SYSTEM])


def _set_input(inputs: dict, factor: str, input_id: str | None = None) -> None:
    """Point the what-if at one input of a factor and start from its current value."""
    choices = inputs[factor]
    inp = next((i for i in choices if i.id == input_id), choices[0])
    ss[state.WHATIF_FACTOR] = factor
    ss[state.WHATIF_INPUT] = inp.id
    ss[state.WHATIF_VALUE] = _current(inp)


def _factor_changed() -> None:
    _set_input(_inputs(), ss[state.WHATIF_FACTOR])


def _input_changed() -> None:
    _set_input(_inputs(), ss[state.WHATIF_FACTOR], ss[state.WHATIF_INPUT])


def what_if() -> None:
    """Draw the what-if panel: change one input, re-score a copy, show before → after."""
    a, result = ss[state.ASSESSMENT], ss[state.RESULT]
    system = ss[state.UNIT_SYSTEM]
    inputs = _inputs()
    if not inputs:
        st.caption("No scored factor has a numeric input to change.")
        return
    stale = (
        ss[state.WHATIF_FOR] is not a
        or ss.get(state.WHATIF_FACTOR) not in inputs
        or ss.get(state.WHATIF_INPUT) not in {i.id for i in inputs[ss[state.WHATIF_FACTOR]]}
        or state.WHATIF_VALUE not in ss
    )
    if stale:  # a new assessment, or back from another page
        _set_input(inputs, next(iter(inputs)))
        ss[state.WHATIF_FOR] = a
    titles = {f.factor: f.title for f in result.factors}
    # The input's name ends a long label ("Task 1 (Carton from pallet …): Load"): the input
    # picker gets two thirds of the row so the name shows, the new value goes under it.
    left, mid = st.columns([1, 2])
    with left:
        factor = st.selectbox(
            "Factor",
            list(inputs),
            format_func=titles.get,
            key=state.WHATIF_FACTOR,
            on_change=_factor_changed,
        )
    by_id = {i.id: i for i in inputs[factor]}
    with mid:
        input_id = st.selectbox(
            "Input",
            list(by_id),
            format_func=lambda i: by_id[i].label,
            key=state.WHATIF_INPUT,
            on_change=_input_changed,
        )
    inp = by_id[input_id]
    du = form.display_unit(inp.spec, system)
    now = _current(inp)
    now_text = "empty" if now is None else f"{form.fmt_number(now, du)} {du}".strip()
    # The new value's label repeats the input's whole name: on a phone the picker above
    # cuts a long name off ("Task 1 (Carton from pallet…"), a label wraps.
    with st.columns([1, 2])[0]:
        value = st.number_input(
            f"{inp.label}: new value" + (f" [{du}]" if du else ""),
            key=state.WHATIF_VALUE,
            value=None,
            step=form.step_for(du),
            format=f"%.{form.DECIMALS.get(du, 2)}f",
            help=f"Now {now_text}. Allowed: {form.bounds_text(inp.spec, system)}.",
        )
    if value is None or (now is not None and math.isclose(value, now, abs_tol=1e-9)):
        st.caption(f"Change the value to see its effect (now {now_text}).")
        return
    changed, problems = components.checked(
        components.with_value(a, inp.id, form.from_display(inp.spec, value, system))
    )
    for msg in problems:
        st.error(components.md(msg), icon=":material/error:")
    if changed is None:
        return
    after = score_assessment(changed)
    st.markdown(f"**{components.md(inp.label)}: {now_text} → {form.fmt_number(value, du)} {du}**")
    st.markdown(components.before_after(result, after, factor))


def _save(as_new: bool) -> None:
    """Save the scored assessment: a new revision of the opened record, or a new record."""
    record_id = None if as_new else ss[state.RECORD_ID]
    a = ss[state.ASSESSMENT]
    try:
        ref = services.store().save(a, record_id=record_id)
    except DamagedDatabase as exc:  # the file failed its check: say how to restore it
        st.error(str(exc), icon=":material/error:")
        return
    except PermissionError as exc:  # organisation mode: a site outside the officer's scope
        st.error(str(exc), icon=":material/block:")
        return
    if ref.assessment_id != a.header.assessment_id:  # the readable id the store gave it
        header = a.header.model_copy(update={"assessment_id": ref.assessment_id})
        ss[state.ASSESSMENT] = a = a.model_copy(update={"header": header})
    ss[state.RECORD_ID] = ref.record_id  # later saves of an edit add revisions to it
    ss[state.SAVED_FOR], ss[state.SAVED_REF] = ss[state.ASSESSMENT], ref
    ss[state.RECORD_LABEL] = (ref.record_id, ss[state.ASSESSMENT].header.worker_ref)
    ss.pop(state.SAVE_CONFIRM, None)


def changed_reference(record_id: str) -> tuple[str, str] | None:
    """Return (saved, now) when the worker or workstation reference differs from the record's."""
    try:
        saved = services.store().get(record_id).assessment.header.worker_ref
    except KeyError:
        return None
    now = ss[state.ASSESSMENT].header.worker_ref
    return None if saved.strip() == now.strip() else (saved, now)


def _start(how) -> None:
    how()
    # Run on its own (as under AppTest) there is no page to switch to; the form is ready.
    with contextlib.suppress(st.errors.StreamlitAPIException):
        st.switch_page(FORM_PAGE)


def next_panel() -> None:
    """Offer the ways to go on after a save: a blank form, or a copy as a new record."""
    left, right = st.columns(2)
    if left.button(
        "Start the next assessment (blank)",
        key=state.RESULTS_BLANK,
        icon=":material/note_add:",
        help="An empty form; saving it creates a new record. This one stays saved as it is.",
    ):
        _start(form.start_blank)
    if right.button(
        "Start from a copy of this one",
        key=state.RESULTS_COPY,
        icon=":material/content_copy:",
        help="The same inputs as the start of a new record, without the worker reference.",
    ):
        _start(form.start_copy)


def _revision_buttons(left, right, confirmed: bool) -> None:
    left.button(
        "Save as a new revision",
        key=state.SAVE,
        type="primary" if confirmed else "secondary",
        on_click=_save,
        args=(False,),
        disabled=not confirmed,
        icon=":material/save:",
        help="Adds a revision to the saved assessment this was opened from; "
        "the earlier revisions are kept.",
    )
    right.button(
        "Save as a new assessment",
        key=state.SAVE_AS_NEW,
        type="secondary" if confirmed else "primary",
        on_click=_save,
        args=(True,),
        icon=":material/add:",
        help="A separate record, e.g. another worker assessed from this one as a start.",
    )


def save_panel() -> None:
    """Draw Save: a new record, or a new revision of the record opened from Assessments.

    A revision whose worker or workstation reference differs from the record's is
    most likely the next worker typed over the last one: it asks first.
    """
    ref = ss[state.SAVED_REF]
    if ss[state.SAVED_FOR] is ss[state.ASSESSMENT] and ref is not None:
        st.success(
            f"Saved as {components.md(ref.assessment_id)}, revision {ref.revision}.",
            icon=":material/check:",
        )
        components.page_link(HERE / "assessments_page.py", "Assessments")
        next_panel()
        return
    record_id = ss[state.RECORD_ID]
    if not record_id:
        st.button(
            "Save",
            key=state.SAVE,
            type="primary",
            on_click=_save,
            args=(False,),
            icon=":material/save:",
            help="Keeps the inputs, the results and the method version in the database "
            "as a new record.",
        )
        return
    st.caption(f"This assessment was opened from record {record_id[:8]}.")
    change = changed_reference(record_id)
    confirmed = True
    if change is not None:
        saved, now = (components.md(x) if x else "(none)" for x in change)
        st.warning(
            f"The worker or workstation reference changed from **{saved}** to **{now}**. "
            "If this is another worker, save it as a new assessment; a revision would "
            f"replace what record {record_id[:8]} shows.",
            icon=":material/warning:",
        )
        confirmed = st.checkbox(
            "It is the same worker or workstation: the reference was corrected",
            key=state.SAVE_CONFIRM,
        )
    left, right = st.columns(2)
    _revision_buttons(left, right, confirmed)


# ----------------------------------------------------------------------- page

state.init()
st.title("Results")
assessment, result = ss[state.ASSESSMENT], ss[state.RESULT]
if assessment is None or result is None:
    st.info("Nothing scored yet: fill in the New assessment form and submit it.")
    components.page_link(FORM_PAGE, "New assessment")
    st.stop()

components.header(assessment)
components.red_flags(assessment, result)  # first: it matters more than any score
components.overall(result, ss[state.UNIT_SYSTEM])
components.downloads(assessment, result)
save_panel()
actions_panel.followup_panel(result)
components.profile(result)

st.subheader("Recommendations")
st.caption("Ranked by the risk each removes, then by the hierarchy of controls.")
components.recommendations(result, employee=assessment.header.assessment_type == "self")

st.subheader("What if")
st.caption("Change one input and see what it does to the factor; the assessment is not changed.")
what_if()

st.subheader("Factors")
components.factor_details(result)
components.page_link(FORM_PAGE, "New assessment (edit this assessment)")
