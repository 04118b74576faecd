"""The page list each person gets: local mode every page, organisation mode by role.

Hiding a page is not authorisation (the scoped store is); it keeps each person's
navigation to what they may use, and a hidden page's URL opens the default page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

VIEWS = Path(__file__).parent


@dataclass(frozen=True)
class PageSpec:
    """One page of the navigation: its script, title, icon and whether it opens first."""

    file: str
    title: str
    icon: str
    default: bool = False


def _sign_in() -> None:
    st.title("Ergo")
    st.markdown("Sign in with your organisation account to check your desk or see your results.")
    st.button("Sign in", type="primary", on_click=st.login, icon=":material/login:")


def page_specs(p) -> dict[str, list[PageSpec]]:
    """Return the pages the person may open, grouped; local mode gets every page."""
    methods = PageSpec("methods.py", "Methods", "menu_book")
    desk = PageSpec("check_my_desk.py", "Check my desk", "chair", default=p.role == "employee")
    if p.role == "employee":
        return {
            "For employees": [desk, PageSpec("my_checks.py", "My checks", "history")],
            "Reference": [methods],
        }
    board = PageSpec("dashboard.py", "Dashboard", "dashboard", default=p.role == "manager")
    listing = PageSpec("assessments_page.py", "Assessments", "folder_open")
    if p.role == "manager":
        return {"Organisation": [board, listing], "Reference": [methods]}
    pages = {
        "Start": [PageSpec("start.py", "What Ergo does", "waving_hand")],
        "Assess": [
            PageSpec("new_assessment.py", "New assessment", "assignment_add", default=True),
            PageSpec("results.py", "Results", "monitoring"),
            PageSpec("score_file.py", "Score a file", "upload_file"),
        ],
        "Organisation": [
            listing,
            board,
            PageSpec("import_page.py", "Import", "upload"),
            PageSpec("jobs.py", "Background jobs", "pending_actions"),
        ],
        "For employees": [desk],
        "Reference": [methods],
    }
    pages["Organisation"].insert(0, PageSpec("follow_up.py", "Follow-up", "event_upcoming"))
    if not p.local:
        pages["Organisation"].insert(0, PageSpec("review.py", "Review", "rate_review"))
    if p.is_admin and not p.local:
        pages["Administration"] = [PageSpec("admin.py", "People and audit", "admin_panel_settings")]
    return pages


def pages_for(p) -> dict[str, list[st.Page]]:
    """Return the st.Page objects for ``st.navigation``: sign-in only before sign-in."""
    if p is None:
        return {"": [st.Page(_sign_in, title="Sign in", icon=":material/login:", default=True)]}
    return {
        group: [
            st.Page(VIEWS / s.file, title=s.title, icon=f":material/{s.icon}:", default=s.default)
            for s in specs
        ]
        for group, specs in page_specs(p).items()
    }
