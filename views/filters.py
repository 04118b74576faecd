"""The filter panel the Assessments, Dashboard and Import pages share (widgets -> Filters).

Widget keys come from :func:`views.state.filter_key`, one set per page, so each
page keeps its own selection. The panel only builds an
``assessments.store.Filters``; the store applies it in SQL.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from scoring import registry
from scoring.bands import BAND_NAMES
from views import state

MIN_BAND_TEXT = {
    None: "any",
    0: "low or above",
    1: "moderate or above",
    2: "high or above",
    3: "very high",
}
FACTOR_TITLES = {f.id: f.title for f in registry.FACTORS}
assert len(BAND_NAMES) == 4  # MIN_BAND_TEXT lists the four bands


def build_filters(
    *,
    sites=(),
    departments=(),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    min_overall_band: int | None = None,
    factor_at_high: str | None = None,
    text: str | None = None,
):
    """Return the store's Filters for the panel's values (empty choices mean no filter)."""
    from assessments.store import Filters

    return Filters(
        sites=tuple(sites) or None,
        departments=tuple(departments) or None,
        date_from=date_from,
        date_to=date_to,
        min_overall_band=min_overall_band,
        factor_at_high=factor_at_high,
        text=(text or "").strip() or None,
    )


def panel(page: str, store, *, full: bool = True):
    """Draw the filters of a page and return the Filters they select.

    ``full`` adds the minimum overall band, the factor at high or above and
    the text search (the Assessments page); without it: site, department and
    dates (the Dashboard and the export).
    """

    def key(name: str) -> str:
        return state.filter_key(page, name)

    with st.container(border=True):
        c1, c2, c3, c4 = st.columns([3, 3, 2, 2])
        sites = c1.multiselect("Site", store.sites(), key=key("sites"), placeholder="All sites")
        departments = c2.multiselect(
            "Department", store.departments(), key=key("departments"), placeholder="All"
        )
        date_from = c3.date_input("From", value=None, key=key("date_from"), format="YYYY-MM-DD")
        date_to = c4.date_input("To", value=None, key=key("date_to"), format="YYYY-MM-DD")
        min_band = factor = text = None
        if full:
            c5, c6, c7 = st.columns([3, 3, 4])
            min_band = c5.selectbox(
                "Overall band", list(MIN_BAND_TEXT), format_func=MIN_BAND_TEXT.get, key=key("band")
            )
            factor = c6.selectbox(
                "A factor at high or above",
                [None, *registry.FACTOR_IDS],
                format_func=lambda f: "any" if f is None else FACTOR_TITLES[f],
                key=key("factor"),
            )
            text = c7.text_input(
                "Search",
                key=key("text"),
                placeholder="worker, job title or assessment id",
            )
    if date_from and date_to and date_from > date_to:
        st.warning("The *From* date is after the *To* date: nothing can match.", icon="⚠️")
    return build_filters(
        sites=sites,
        departments=departments,
        date_from=date_from,
        date_to=date_to,
        min_overall_band=min_band,
        factor_at_high=factor,
        text=text,
    )
