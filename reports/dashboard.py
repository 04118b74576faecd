"""Plotly figures for the managers' dashboard, drawn from the store's aggregate DataFrames.

Pure functions of DataFrames (``assessments.store.Store.band_counts`` and
``Store.trend``): they decide nothing about bands, only draw the counts the
store grouped in SQL. Bands are compared per factor, never averaged across
methods. Band colours come from :mod:`reports.profile` and the band
names are written in the legend and on the bars, so the charts read for
colour-blind readers and in black-and-white print.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from reports.profile import BAND_COLOURS, BAND_TEXT_COLOURS, NOT_APPLICABLE_COLOUR
from scoring import registry
from scoring.bands import BAND_NAMES, HIGH, NOT_APPLICABLE, NOT_ASSESSED, VERY_HIGH
from scoring.registry import FACTOR_IDS as FACTORS

FACTOR_TITLES = {f.id: f.title for f in registry.FACTORS}
BAND_ORDER = (0, 1, 2, 3, NOT_APPLICABLE, NOT_ASSESSED)  # stacking order, left to right
NOT_ASSESSED_COLOUR = "#ffffff"  # white and hatched: nobody looked, apart from grey n/a
_FONT = {"family": "DejaVu Sans, Arial, sans-serif", "color": "#000000", "size": 13}
# What a two-dimensional bar and line chart reads of plotly's white template. The whole
# template (defaults for 3-D, polar, map and 20 other trace types) is 7 KB of every
# figure's 10-12 KB sent to the browser on each run; these charts look the same without.
_UNUSED_LAYOUT = ("polar", "ternary", "scene", "geo", "mapbox", "map", "coloraxis", "colorscale")


def _white_template() -> go.layout.Template:
    full = pio.templates["plotly_white"]
    layout = {k: v for k, v in full.layout.to_plotly_json().items() if k not in _UNUSED_LAYOUT}
    data = {t: full.data[t] for t in ("bar", "scatter")}
    return go.layout.Template(data=data, layout=layout)


TEMPLATE = _white_template()


# Above the plot, in band order; plotly pushes the top margin when it wraps on a phone.
LEGEND = {
    "orientation": "h",
    "yanchor": "bottom",
    "y": 1.02,
    "x": 0,
    "traceorder": "normal",
    "title": {"text": ""},
}


def _title(title: str | None) -> dict | None:
    return {"text": title, "x": 0, "xanchor": "left"} if title else None


def _band_style(code: int) -> tuple[str, str, str]:
    """Return (name, fill colour, text colour) of a band code."""
    if code == NOT_APPLICABLE:
        return "not applicable", NOT_APPLICABLE_COLOUR, "#000000"
    if code == NOT_ASSESSED:
        return "not assessed", NOT_ASSESSED_COLOUR, "#000000"
    return BAND_NAMES[code], BAND_COLOURS[code], BAND_TEXT_COLOURS[code]


def _empty(title: str | None, message: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        title=_title(title),
        template=TEMPLATE,
        font=_FONT,
        height=220,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": message,
                "showarrow": False,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
            }
        ],
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return fig


def band_matrix(band_counts: pd.DataFrame) -> pd.DataFrame:
    """Return counts as a factor × band table (rows in engine order, columns low..n/a).

    Parameters
    ----------
    band_counts
        Columns ``factor``, ``band`` (-2..3) and ``count``, one row per pair
        that occurs (``Store.band_counts``).
    """
    known = list(FACTORS)
    extra = sorted(set(band_counts["factor"]) - set(known)) if len(band_counts) else []
    table = (
        band_counts.pivot_table(
            index="factor", columns="band", values="count", aggfunc="sum", fill_value=0
        )
        if len(band_counts)
        else pd.DataFrame()
    )
    return table.reindex(index=known + extra, columns=list(BAND_ORDER), fill_value=0).astype(int)


def band_stack_figure(band_counts: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Return stacked horizontal bars: per factor, how many assessments fall in each band.

    One trace per band (low, moderate, high, very high, not applicable, not
    assessed), each named in the legend and its counts written on its segments;
    the first factor is at the top. Not applicable (judged not to occur) is grey,
    not assessed (the section was left out) white and hatched; both are kept
    apart from low and from each other.

    Parameters
    ----------
    band_counts
        Columns ``factor``, ``band`` (-2..3) and ``count`` (``Store.band_counts``).
    title
        The figure's title; none by default (the page writes a heading above it).
    """
    if band_counts is None or band_counts.empty or int(band_counts["count"].sum()) == 0:
        return _empty(title, "No assessments match the filters.")
    table = band_matrix(band_counts)
    labels = [FACTOR_TITLES.get(f, f) for f in table.index]
    fig = go.Figure()
    for code in BAND_ORDER:
        name, fill, text = _band_style(code)
        counts = table[code].tolist()
        fig.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                x=counts,
                y=labels,
                marker={
                    "color": fill,
                    "line": {"color": "#000000", "width": 1},
                    "pattern": {"shape": "/" if code == NOT_ASSESSED else ""},
                },
                text=[f"{c:,}" if c else "" for c in counts],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": text},
                customdata=[[name]] * len(counts),
                hovertemplate="<b>%{y}</b><br>%{customdata[0]}: %{x:,} assessments<extra></extra>",
            )
        )
    fig.update_layout(
        title=_title(title),
        barmode="stack",
        template=TEMPLATE,
        font=_FONT,
        height=90 + 44 * len(labels),
        legend=LEGEND,
        xaxis={"title": {"text": "assessments"}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 10, "r": 10, "t": 90 if title else 40, "b": 40},
        bargap=0.3,
        uniformtext={"minsize": 9, "mode": "hide"},
    )
    return fig


def trend_figure(trend: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Return the count of assessments whose overall band is high or very high, per period.

    Stacked bars (high, very high; band colours, names in the legend) with the
    number assessed in the period as a dashed line, so a rise in risk can be
    told apart from a rise in the number of assessments.

    Parameters
    ----------
    trend
        Columns ``period`` (first day of the period), ``high``, ``very_high``
        and ``assessed`` (``Store.trend``).
    title
        The figure's title; none by default (the page writes a heading above it).
    """
    if trend is None or trend.empty:
        return _empty(title, "No assessments match the filters.")
    periods = pd.to_datetime(trend["period"])
    fig = go.Figure()
    for code, column in ((HIGH, "high"), (VERY_HIGH, "very_high")):
        name, fill, text = _band_style(code)
        fig.add_trace(
            go.Bar(
                name=f"overall {name}",
                x=periods,
                y=trend[column],
                marker={
                    "color": fill,
                    "line": {"color": "#000000", "width": 1},
                    "pattern": {"shape": "/" if code == NOT_ASSESSED else ""},
                },
                text=[f"{int(c):,}" if c else "" for c in trend[column]],
                textposition="inside",
                textfont={"color": text},
                hovertemplate=f"%{{x|%b %Y}}<br>overall {name}: %{{y:,}}<extra></extra>",
            )
        )
    if "assessed" in trend:
        fig.add_trace(
            go.Scatter(
                name="assessed",
                x=periods,
                y=trend["assessed"],
                mode="lines+markers",
                line={"color": "#4d4d4d", "dash": "dash", "width": 1.5},
                marker={"size": 6, "color": "#4d4d4d"},
                hovertemplate="%{x|%b %Y}<br>assessed: %{y:,}<extra></extra>",
            )
        )
    fig.update_layout(
        title=_title(title),
        barmode="stack",
        template=TEMPLATE,
        font=_FONT,
        height=360,
        uniformtext={"minsize": 9, "mode": "hide"},  # no squashed labels on thin segments
        legend=LEGEND,
        xaxis={
            "title": {"text": ""},
            "tickformat": "%b %Y",
            "dtick": "M1" if len(trend) <= 12 else None,
        },
        yaxis={"title": {"text": "assessments"}, "rangemode": "tozero"},
        margin={"l": 10, "r": 10, "t": 90 if title else 40, "b": 40},
    )
    return fig
