"""Ergo: the router. Page config, the page list, navigation, the shared sidebar, nothing else."""

from pathlib import Path

import streamlit as st

VIEWS = Path(__file__).parent / "views"

st.set_page_config(page_title="Ergo — ergonomics assessment", page_icon="🪑", layout="wide")
pages = {
    "Assess": [
        st.Page(
            VIEWS / "new_assessment.py",
            title="New assessment",
            icon=":material/assignment_add:",
            default=True,
        ),
        st.Page(VIEWS / "results.py", title="Results", icon=":material/monitoring:"),
        st.Page(VIEWS / "score_file.py", title="Score a file", icon=":material/upload_file:"),
    ],
    "Organisation": [
        st.Page(VIEWS / "assessments_page.py", title="Assessments", icon=":material/folder_open:"),
        st.Page(VIEWS / "dashboard.py", title="Dashboard", icon=":material/dashboard:"),
        st.Page(VIEWS / "import_page.py", title="Import", icon=":material/upload:"),
    ],
    "For employees": [
        st.Page(VIEWS / "check_my_desk.py", title="Check my desk", icon=":material/chair:"),
    ],
    "Reference": [
        st.Page(VIEWS / "methods.py", title="Methods", icon=":material/menu_book:"),
    ],
}
page = st.navigation(pages)
with st.sidebar:
    st.markdown("**Ergo** · workplace ergonomics assessment")
    st.caption("Nothing you enter leaves this computer.")
page.run()
