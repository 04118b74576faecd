"""Ergo: the router. Page config, the page list, navigation, nothing else."""

from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent

st.set_page_config(page_title="Ergo — ergonomics assessment", layout="wide")
pages = [
    st.Page(
        HERE / "views" / "score_file.py",
        title="Score a file",
        icon=":material/upload_file:",
        default=True,
    ),
    st.Page(HERE / "views" / "methods.py", title="Methods", icon=":material/menu_book:"),
]
st.navigation(pages).run()
