"""New assessment: the officer's form, one tab per factor; a valid submit is scored.

The widgets are generated from the field declarations (views/form.py). This page
collects the inputs, validates them on submit and hands a valid Assessment to
assessments.evaluate.score_assessment; it computes no score itself. The result
is kept in session state and shown on the Results page.
"""

import contextlib
from pathlib import Path

import streamlit as st

from assessments import model as m
from assessments.evaluate import score_assessment
from assessments.fields import fields_of
from views import components, form, services, state

HERE = Path(__file__).parent
RESULTS_PAGE = HERE / "results.py"
UNIT_NAMES = {"metric": "metric units (cm, kg)", "us": "US customary units (in, lb)"}

ss = st.session_state


def blank_state(system: str) -> tuple[dict, dict]:
    """Return the widget state of a new form: every factor to be assessed, nothing entered."""
    return form.state_from_dict({section: {} for section in m.SECTIONS}, system)


def restore() -> None:
    """Put the form's values into its widgets (first run, or back from another page).

    Streamlit forgets a widget's value once a page without it has run; the values
    submitted or loaded last are kept in FORM_VALUES / FORM_ROWS and put back here.
    """
    if ss[state.FORM_VALUES] is None or ss[state.FORM_ROWS] is None:
        ss[state.FORM_VALUES], ss[state.FORM_ROWS] = blank_state(ss[state.UNIT_SYSTEM])
    for key, value in ss[state.FORM_VALUES].items():
        if key not in ss:
            ss[key] = value


def fill(values: dict, rows: dict, system: str) -> None:
    """Show new values in the form (before its widgets are drawn in this run)."""
    services.show_in_form(values, rows, system)  # shared with Assessments' "Open in the form"


def _current_rows() -> dict:
    """Return each list's table with the edits not yet folded into it."""
    return {
        list_id: form.apply_edits(ss[state.FORM_ROWS][list_id], ss.get(form.list_key(list_id)))
        for list_id in form.LISTS
    }


def _switch_units() -> None:
    # A submit button of the form, so the values typed so far arrive with it and are
    # converted too (a widget outside the form would not see them).
    old = ss[state.UNIT_SYSTEM]
    new = "us" if old == "metric" else "metric"
    current = {k: ss.get(k, ss[state.FORM_VALUES].get(k)) for k in form.widget_keys()}
    values = form.convert_values(current, old, new)
    rows = {lid: form.convert_rows(lid, frame, old, new) for lid, frame in _current_rows().items()}
    fill(values, rows, new)
    ss[state.FORM_PROBLEMS] = None  # they quoted the other units


def _submit() -> None:
    system = ss[state.UNIT_SYSTEM]
    values = {k: ss.get(k) for k in form.widget_keys()}
    rows = _current_rows()
    for list_id in form.LISTS:
        ss.pop(form.list_key(list_id), None)  # edits now live in the tables
    ss[state.FORM_VALUES], ss[state.FORM_ROWS] = values, rows
    assessment, problems = form.validate(values, rows, system)
    ss[state.FORM_PROBLEMS] = problems or None
    if assessment is None:
        # Nothing is scored from invalid input, and no earlier result stays on show.
        ss[state.ASSESSMENT] = ss[state.RESULT] = None
        ss[state.FORM_SCORED] = False
        return
    ss[state.ASSESSMENT] = assessment
    ss[state.RESULT] = score_assessment(assessment)
    ss[state.FORM_SCORED] = True


def load_file(name: str, data: bytes) -> None:
    """Fill the form from a saved JSON assessment (problems are filed by field)."""
    values, rows, problems, system = form.load_document(data, ss[state.UNIT_SYSTEM])
    if values:
        fill(values, rows, system)
        ss[state.ASSESSMENT] = ss[state.RESULT] = None  # the result shown was another one
        ss[state.RECORD_ID] = None  # a file from disk saves as a new record
    ss[state.FORM_PROBLEMS] = problems or None
    if not problems:
        st.toast(f"Opened {components.md(name)}: check the tabs and submit to score it.")


# ----------------------------------------------------------------------- page

state.init()
restore()

st.title("New assessment")
st.caption(
    "One worker or job, one workplace, one date. Fill in the header and every factor that "
    "occurs; switch on *Not applicable* where a factor does not occur (that is not the same as "
    "low). The ? beside an input says how to measure it and what range is allowed."
)

if ss[state.RECORD_ID]:
    st.info(
        "Editing a saved assessment: check and score it, then Save on the Results page adds a "
        "new revision (the earlier ones are kept).",
        icon=":material/edit:",
    )

with st.expander("Open a saved assessment (JSON)", icon=":material/folder_open:"):
    upload = st.file_uploader(
        "Assessment file", type=["json"], key=state.FORM_UPLOAD, label_visibility="collapsed"
    )
    if upload is not None and upload.file_id != ss[state.FORM_FILE]:
        ss[state.FORM_FILE] = upload.file_id
        load_file(upload.name, upload.getvalue())

system = ss[state.UNIT_SYSTEM]
problems = ss[state.FORM_PROBLEMS] or {}
for msg in problems.get(form.PREFIX + "document", ()):
    st.error(f"The file could not be opened: {components.md(msg)}", icon=":material/error:")
n_problems = form.count(problems) - len(problems.get(form.PREFIX + "document", ()))
if n_problems:
    st.error(
        f"{n_problems} problem{'s' if n_problems != 1 else ''} to correct: nothing was scored. "
        "Each one is shown next to its input, in the tab marked ⚠.",
        icon=":material/error:",
    )

with st.form("form.assessment", enter_to_submit=False, border=False):
    other = "us" if system == "metric" else "metric"
    units_text, switch = st.columns([3, 2], vertical_alignment="center")
    units_text.markdown(f"Values in **{UNIT_NAMES[system]}**")
    switch.form_submit_button(
        f"Use {UNIT_NAMES[other]}",
        key=state.FORM_UNITS,
        on_click=_switch_units,
        icon=":material/straighten:",
        help="Converts the values entered so far. A lifting task keeps the unit system it was "
        "entered in (its own column): the NIOSH equation uses that system's constants.",
    )
    labels = ["Header"]
    if form.problems_in(problems, "header"):
        labels[0] = f"⚠ Header ({form.problems_in(problems, 'header')})"
    for section in m.SECTIONS:
        label = section.replace("_", " ").capitalize()
        n = form.problems_in(problems, section)
        if n:
            label = f"⚠ {label} ({n})"
        elif ss.get(form.widget_key(section, "not_applicable")):
            label = f"{label} · n/a"
        labels.append(label)
    # After a submit with problems the form opens on the first tab that has one.
    marked = [label for label in labels if label.startswith("⚠")]
    tabs = st.tabs(labels, default=marked[0] if marked else None)
    with tabs[0]:
        st.caption("Who, where, when and by whom.")
        header_specs = fields_of("header")
        short = [s for s in header_specs if not (s.max_length and s.max_length > 500)]
        form.render_fields(short, system, problems)
        for spec in header_specs:
            if spec not in short:
                form.render_field(spec, system, problems)
    for section, tab in zip(m.SECTIONS, tabs[1:], strict=True):
        with tab:
            doc = (m.SECTIONS[section].__doc__ or "").strip().splitlines()[0]
            st.caption(doc)
            specs = fields_of(section)
            form.render_field(specs[0], system, problems, toggle=True)  # not applicable
            for msg in problems.get(form.section_key(section), ()):
                st.error(components.md(msg), icon=":material/error:")
            form.render_fields(specs[1:], system, problems)
            for info in form.lists_of(section):
                form.render_list(info.id, ss[state.FORM_ROWS][info.id], system, problems)
            st.caption("With *Not applicable* on, this tab's inputs are ignored.")

    st.form_submit_button(
        "Check and score", type="primary", on_click=_submit, icon=":material/task_alt:"
    )

if ss[state.RESULT] is not None and ss[state.ASSESSMENT] is not None:
    if ss[state.FORM_SCORED]:
        ss[state.FORM_SCORED] = False
        # Run on its own (no router, as under AppTest) there is no page to switch to:
        # the summary below stands in.
        with contextlib.suppress(st.errors.StreamlitAPIException):
            st.switch_page(RESULTS_PAGE)
    with st.container(border=True):
        st.markdown("**Scored.**")
        components.overall(ss[state.RESULT], system)
        components.page_link(RESULTS_PAGE, "Results")
