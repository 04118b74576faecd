"""Start: what Ergo does for each kind of user, the three journeys, and an example to open."""

import contextlib
from pathlib import Path

import streamlit as st

from assessments import io
from views import components, services, state

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"
EXAMPLE_FILES = {  # file -> what it shows
    "office-desk.json": "An office desk: workstation heights, sitting, a symptom check",
    "warehouse-lifting.json": "A warehouse job: three lifting tasks and a composite lifting index",
    "maintenance-vibration.json": "Maintenance work: hand-arm tools and a site dumper",
}
NEW_ASSESSMENT = HERE / "new_assessment.py"


def open_example(name: str) -> None:
    """Put an example assessment into the New assessment form as a new, unsaved record."""
    items, problems = io.load_json((EXAMPLES / name).read_bytes())
    if problems or len(items) != 1:  # the examples are tested valid; say so if one is not
        st.error(f"The example {name} could not be opened.", icon=":material/error:")
        return
    services.open_in_form(items[0], None)
    # Run on its own (no router, as under AppTest) there is no page to switch to.
    with contextlib.suppress(st.errors.StreamlitAPIException):
        st.switch_page(NEW_ASSESSMENT)
    st.success(f"Opened {name}: see the New assessment page.", icon=":material/check:")


state.init()
st.title("Ergo")
st.markdown(
    "Ergo assesses work against the risk factors for back and musculoskeletal injury — "
    "workstation height, prolonged sitting, lifting, vibration, contact stress, repetitive "
    "motion and awkward posture — each scored by a published method, shown as a risk "
    "profile, with recommendations and a PDF report."
)

officer, employee, manager = st.columns(3)
with officer, st.container(border=True):
    st.subheader("Safety and HR officers")
    st.markdown(
        "Audit a desk or a job factor by factor, see every number with its method and "
        "threshold, save it, import a spreadsheet of assessments, compare re-assessments."
    )
    components.page_link(NEW_ASSESSMENT, "New assessment")
    components.page_link(HERE / "import_page.py", "Import")
    components.page_link(HERE / "assessments_page.py", "Assessments")
with employee, st.container(border=True):
    st.subheader("Employees")
    st.markdown(
        "Check your own desk in plain words: the chair, desk and screen settings that fit "
        "you, and advice you can act on today."
    )
    components.page_link(HERE / "check_my_desk.py", "Check my desk")
with manager, st.container(border=True):
    st.subheader("Managers")
    st.markdown(
        "See where the risk is by site and department, how it changes over time, and "
        "download a summary PDF."
    )
    components.page_link(HERE / "dashboard.py", "Dashboard")

st.subheader("Open an example")
st.caption("Each example opens in the New assessment form, ready to score; nothing is saved.")
for name, what in EXAMPLE_FILES.items():
    if st.button(what, key=f"start.example.{name}", icon=":material/folder_open:"):
        open_example(name)
components.page_link(HERE / "methods.py", "Methods: every method, its inputs and sources")
