"""New assessment: the officer's form, one tab per factor; a valid submit is scored.

The widgets are generated from the field declarations (views/form.py). This page
collects the inputs, validates them on submit and hands a valid Assessment to
assessments.evaluate.score_assessment; it computes no score itself. The result
is kept in session state and shown on the Results page.

The inputs are not inside an ``st.form``: a form's values reach the server only
when it is submitted, so typing not yet submitted was lost on a visit to another
page and the tab labels could not show what had been entered. Every change is
kept (views.form.remember), and a factor nobody entered anything in stays
*not assessed*.
"""

import contextlib
from pathlib import Path

import streamlit as st

from assessments import model as m
from assessments.evaluate import score_assessment
from assessments.fields import fields_of
from views import cards, components, form, services, state

HERE = Path(__file__).parent
RESULTS_PAGE = HERE / "results.py"
UNIT_NAMES = {"metric": "metric units (cm, kg)", "us": "US customary units (in, lb)"}
NOTHING = form.PREFIX + "nothing"  # problems key: nothing entered at all

ss = st.session_state


def title_of(section: str) -> str:
    """Return a section's name as the tabs write it, e.g. "Push, pull and carry"."""
    return m.section_title(section)


def restore() -> None:
    """Put the form's values into its widgets (first run, or back from another page).

    Streamlit forgets a widget's value once a page without it has run; the values
    kept in FORM_VALUES / FORM_ROWS / FORM_EDITS are put back here.
    """
    if ss[state.FORM_VALUES] is None or ss[state.FORM_ROWS] is None:
        ss[state.FORM_VALUES], ss[state.FORM_ROWS] = form.blank_state(ss[state.UNIT_SYSTEM])
    for key, value in ss[state.FORM_VALUES].items():
        if key not in ss:
            ss[key] = value
    form.fold_kept_edits()


def fill(values: dict, rows: dict, system: str) -> None:
    """Show new values in the form (before its widgets are drawn in this run)."""
    services.show_in_form(values, rows, system)  # shared with Assessments' "Open in the form"
    ss[state.FORM_EDITS] = None


def _switch_units() -> None:
    old = ss[state.UNIT_SYSTEM]
    new = "us" if old == "metric" else "metric"
    values = form.convert_values(form.current_values(), old, new)
    rows = {
        lid: form.convert_rows(lid, frame, old, new) for lid, frame in form.current_rows().items()
    }
    fill(values, rows, new)
    ss[state.FORM_PROBLEMS] = None  # they quoted the other units


def tab_ids() -> list[str]:
    """Return the tabs in order: the header, each section, then the worker's symptoms."""
    return ["header", *m.SECTIONS, form.SYMPTOMS]


def tab_labels(values: dict, rows: dict, problems: dict, system: str) -> dict[str, str]:
    """Return each tab's label with its state: not started, entered, n/a or ⚠ problems."""
    labels = {}
    n = form.problems_in(problems, "header")
    labels["header"] = f"⚠ Header ({n})" if n else "Header"
    for section in m.SECTIONS:
        status = form.section_status(values, rows, problems, section, system)
        name = title_of(section)
        if status == form.PROBLEM:
            labels[section] = f"⚠ {name} ({form.problems_in(problems, section)})"
        else:
            labels[section] = f"{name} · {status}"
    n_signs = len(reported_signs(values))
    labels[form.SYMPTOMS] = f"Symptoms · {n_signs} reported" if n_signs else "Symptoms · none"
    return labels


def reported_signs(values: dict) -> list[str]:
    """Return the names of the symptom (red-flag) questions answered yes."""
    return [
        s.name for s in fields_of(form.SYMPTOMS) if values.get(form.widget_key(s.scope, s.name))
    ]


def _nothing_entered(values: dict, rows: dict, system: str) -> list[str]:
    """Return the problem an empty form gets, in words (none when something was entered)."""
    touched = [
        s
        for s in m.SECTIONS
        if values.get(form.widget_key(s, "not_applicable"))
        or form.section_entered(values, rows, s, system)
    ]
    if touched or reported_signs(values):  # red flags alone still get their advice
        return []
    names = ", ".join(title_of(s) for s in m.SECTIONS)
    return [
        "Nothing to score yet: no factor has been entered. Fill in the inputs of the factors "
        f"that occur in this job (every tab is not started: {names}), and mark the ones that "
        "do not occur under *Not applicable to this job*."
    ]


def _submit() -> None:
    system = ss[state.UNIT_SYSTEM]
    values, rows = form.current_values(), form.current_rows()
    for list_id in form.LISTS:
        ss.pop(form.list_key(list_id), None)  # edits now live in the tables
    ss[state.FORM_VALUES], ss[state.FORM_ROWS], ss[state.FORM_EDITS] = values, rows, None
    nothing = _nothing_entered(values, rows, system)
    assessment, problems = (
        (None, {NOTHING: nothing}) if nothing else form.validate(values, rows, system)
    )
    ss[state.FORM_PROBLEMS] = problems or None
    if assessment is None:
        # Nothing is scored from invalid input, and no earlier result stays on show.
        ss[state.ASSESSMENT] = ss[state.RESULT] = None
        ss[state.FORM_SCORED] = False
        first = next((t for t in tab_ids() if form.problems_in(problems, t)), None)
        if first:  # the form opens on the first tab with a problem
            state.open_form_tab(first)
        return
    ss[state.ASSESSMENT] = assessment
    ss[state.RESULT] = score_assessment(assessment)
    ss[state.FORM_SCORED] = True


def _na_changed() -> None:
    """Mark the factors picked in the one-place list not applicable (and the others not)."""
    picked = set(ss.get(state.FORM_NA) or ())
    for section in m.SECTIONS:
        ss[form.widget_key(section, "not_applicable")] = section in picked
    form.remember()


def load_file(name: str, data: bytes) -> None:
    """Fill the form from a saved JSON assessment (problems are filed by field)."""
    values, rows, problems, system = form.load_document(data, ss[state.UNIT_SYSTEM])
    if values:
        fill(values, rows, system)
        ss[state.ASSESSMENT] = ss[state.RESULT] = None  # the result shown was another one
        ss[state.RECORD_ID] = None  # a file from disk saves as a new record
        ss[state.SAVED_FOR] = ss[state.SAVED_REF] = None
    ss[state.FORM_PROBLEMS] = problems or None
    if not problems:
        st.toast(f"Opened {components.md(name)}: check the tabs and submit to score it.")


def record_label(record_id: str) -> str:
    """Return the worker reference of the record being edited (read once per record)."""
    cached = ss[state.RECORD_LABEL]
    if not cached or cached[0] != record_id:
        try:
            ref = services.store().get(record_id).assessment.header.worker_ref
        except KeyError:
            ref = ""
        ss[state.RECORD_LABEL] = cached = (record_id, ref)
    return cached[1]


def mode_banner() -> None:
    """Say whether Save makes a new record or a revision, with the ways to start afresh."""
    record_id = ss[state.RECORD_ID]
    text, buttons = st.columns([3, 2], vertical_alignment="center")
    if record_id:
        who = record_label(record_id)
        named = f" ({components.md(who)})" if who else ""
        text.info(
            f"**Editing record {record_id[:8]}**{named}: Save on the Results page adds a new "
            "revision of it (the earlier ones are kept). For another worker, start blank or "
            "from a copy.",
            icon=":material/edit:",
        )
    else:
        text.info(
            "**New assessment**: Save on the Results page creates a new record.",
            icon=":material/add_circle:",
        )
    left, right = buttons.columns(2)
    left.button(
        "Start a blank assessment",
        key=state.FORM_BLANK,
        on_click=form.start_blank,
        icon=":material/note_add:",
        help="Empties the form for a new record. Nothing saved is changed.",
        width="stretch",
    )
    right.button(
        "Start from a copy",
        key=state.FORM_COPY,
        on_click=form.start_copy,
        icon=":material/content_copy:",
        help="Keeps these inputs as the start of a new record (the worker reference and the "
        "id are cleared). The record copied from is not changed.",
        width="stretch",
    )


def draw_tabs(system: str, problems: dict) -> None:
    """Draw the header tab and one tab per factor, each label showing its state.

    The tabs keep no state on the server (``on_change="ignore"``): their identity is then
    their key alone, so a label turning from *not started* to *entered* redraws only the
    label. Tabs that report the open one are identified by their labels too, and a new
    label mounted them anew, clearing a number still being typed in the open tab. The
    key moves on (``state.open_form_tab``) only when the form opens a tab itself.
    """
    values, rows = form.current_values(), form.current_rows()
    labels = tab_labels(values, rows, problems, system)
    tabs = st.tabs(
        list(labels.values()),
        key=f"{state.FORM_TABS}.{ss[state.FORM_TABS_DRAWN]}",
        default=labels.get(ss[state.FORM_TAB], labels["header"]),
    )
    with tabs[0]:
        st.caption("Who, where, when and by whom.")
        header_specs = fields_of("header")
        short = [s for s in header_specs if not (s.max_length and s.max_length > 500)]
        form.render_fields(short, system, problems, on_change=form.remember)
        for spec in header_specs:
            if spec not in short:
                form.render_field(spec, system, problems, on_change=form.remember)
    for section, tab in zip(m.SECTIONS, tabs[1:-1], strict=True):
        with tab:
            doc = (m.SECTIONS[section].__doc__ or "").strip().splitlines()[0]
            st.caption(doc)
            specs = fields_of(section)
            form.render_field(specs[0], system, problems, toggle=True, on_change=form.remember)
            for msg in problems.get(form.section_key(section), ()):
                st.error(components.md(msg), icon=":material/error:")
            form.render_fields(specs[1:], system, problems, on_change=form.remember)
            for info in form.lists_of(section):
                cards.render_entry(info.id, system, problems)  # a card per item, or the table
            st.caption(
                "With *Not applicable* on, this tab is not scored. Left untouched, the factor "
                "is reported as *not assessed* (never as low)."
            )
    with tabs[-1]:
        symptoms_tab(system, problems)


def symptoms_tab(system: str, problems: dict) -> None:
    """Draw the red-flag questions Check my desk asks, for the worker's own answers."""
    st.caption(
        "Ask the worker. These answers are never scored: any warning sign of cauda equina "
        "syndrome gets the advice to seek emergency care now, and leg pain with numbness, "
        "tingling or weakness the advice to see a clinician soon, shown first in the results "
        "and the PDF. This is not a diagnosis."
    )
    for spec in fields_of(form.SYMPTOMS):
        form.render_field(spec, system, problems, on_change=form.remember)


# ----------------------------------------------------------------------- page

state.init()
restore()

st.title("New assessment")
st.caption(
    "One worker or job, one workplace, one date. Fill in the header and every factor that "
    "occurs; mark the factors that do not occur as *Not applicable* (that is not the same as "
    "low). A factor left untouched is *not assessed*. The ? beside an input says how to "
    "measure it and what range is allowed."
)
mode_banner()

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
for msg in problems.get(NOTHING, ()):
    st.warning(msg, icon=":material/info:")
n_problems = (
    form.count(problems)
    - len(problems.get(form.PREFIX + "document", ()))
    - len(problems.get(NOTHING, ()))
)
if n_problems:
    st.error(
        f"{n_problems} problem{'s' if n_problems != 1 else ''} to correct: nothing was scored. "
        "Each one is shown next to its input, in the tab marked ⚠.",
        icon=":material/error:",
    )

other = "us" if system == "metric" else "metric"
units_text, switch = st.columns([3, 2], vertical_alignment="center")
units_text.markdown(f"Values in **{UNIT_NAMES[system]}**")
switch.button(
    f"Use {UNIT_NAMES[other]}",
    key=state.FORM_UNITS,
    on_click=_switch_units,
    icon=":material/straighten:",
    help="Converts the values entered so far. A lifting task keeps the unit system it was "
    "entered in (its own column): the NIOSH equation uses that system's constants.",
)
# The factors that do not occur, marked in one place (each tab's toggle says the same).
ss[state.FORM_NA] = [s for s in m.SECTIONS if ss.get(form.widget_key(s, "not_applicable"))]
st.pills(
    "Not applicable to this job",
    list(m.SECTIONS),
    selection_mode="multi",
    format_func=title_of,
    key=state.FORM_NA,
    on_change=_na_changed,
    help="The factors that do not occur in this job (an office worker has no vibration). "
    "Not applicable is a judgement, different from low risk and from not assessed.",
)
draw_tabs(system, problems)

st.button(
    "Check and score",
    key=state.FORM_SUBMIT,
    type="primary",
    on_click=_submit,
    icon=":material/task_alt:",
)
form.remember()  # whatever the widgets hold now is kept, should the next click leave the page

if ss[state.RESULT] is not None and ss[state.ASSESSMENT] is not None:
    if ss[state.FORM_SCORED]:
        ss[state.FORM_SCORED] = False
        # Run on its own (no router, as under AppTest) there is no page to switch to:
        # the summary below stands in.
        with contextlib.suppress(st.errors.StreamlitAPIException):
            st.switch_page(RESULTS_PAGE)
    with st.container(border=True):
        st.markdown("**Scored.**")
        components.red_flags(ss[state.ASSESSMENT], ss[state.RESULT])
        components.overall(ss[state.RESULT], system)
        components.page_link(RESULTS_PAGE, "Results")
