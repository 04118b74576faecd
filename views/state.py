"""Every session-state key the pages use, in one place (STYLE.md).

Each page calls :func:`init` first, so it runs alone (what AppTest needs):
keys are created with ``setdefault`` and never overwritten here. Keys are
grouped by the page that owns them; widget keys are built with the helpers of
the owning page's block.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

# ---- shared: the assessment being worked on and its result
ASSESSMENT = "assessment"  # assessments.model.Assessment | None (validated)
RESULT = "result"  # scoring.results.AssessmentResult | None

DEFAULTS: dict[str, Any] = {
    ASSESSMENT: None,
    RESULT: None,
}


def init() -> None:
    """Create every key with its default (existing values are kept)."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
