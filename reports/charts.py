"""Plotly renderings of the chart descriptions in :mod:`reports.profile` (the app's charts).

The PDF draws the same :class:`~reports.profile.ProfileChart` as a reportlab
vector drawing; this module only turns the description into a plotly figure,
it decides nothing about bands, colours or captions.
"""

from __future__ import annotations

import re
import textwrap

import plotly.graph_objects as go

from reports.profile import ProfileChart

ROW_HEIGHT_PX = 64  # one factor: its bar and, above it, the caption in words
CHART_MARGIN_PX = 104  # title, band names on top, axis title below
BAR_WIDTH = 0.38  # of a row; the rest of the row holds the caption
EDGE_LINE = "#4d4d4d"
MIN_BAR = 0.8  # index units drawn for a scored factor at 0
# Plotly does not wrap text: captions and factor names are wrapped here so the chart
# stays readable on a phone (about 40 characters fit beside the factor names at 390 px).
CAPTION_WIDTH = 40
TITLE_WIDTH = 12


_VALUE_AND_UNIT = re.compile(r"(\d) (?=[^\s\d]\S*$)")  # "2.5 h/day" at the end of a caption


def _wrap(text: str, width: int) -> str:
    """Return text wrapped at word boundaries with <br> line breaks.

    A value and its unit at the end ("2.5 h/day") are kept on one line.
    """
    text = _VALUE_AND_UNIT.sub("\\1\u00a0", text)
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def profile_figure(chart: ProfileChart) -> go.Figure:
    """Return the risk profile as a horizontal-bar plotly figure on the 0-100 risk index.

    One row per factor, first factor at the top. Each bar is filled with its
    band colour, outlined in black (the light "low" yellow stays visible in
    print), and captioned above in words with the band and the native value
    ("very high: CLI 3.96"), so nothing depends on colour alone. Band edges are
    dashed lines with the band names written across the top. A factor that is
    not applicable is an empty row captioned "not applicable".

    Parameters
    ----------
    chart
        The profile description from :func:`reports.profile.profile_chart`.

    Returns
    -------
    plotly.graph_objects.Figure
        The figure; the app shows it with ``st.plotly_chart``.
    """
    bars = chart.bars
    n = len(bars)
    # Row k (from the top) sits at y = n - 1 - k so the first factor is drawn on top.
    ys = [n - 1 - k for k in range(n)]
    edges = (0.0, *chart.band_edges, chart.x_max)
    bar = {
        "type": "bar",
        "orientation": "h",
        # A scored zero keeps a sliver so it is not mistaken for a not-applicable row.
        "x": [max(b.index, MIN_BAR) if b.applicable else 0.0 for b in bars],
        "y": ys,
        "width": BAR_WIDTH,
        "offset": -BAR_WIDTH - 0.02,  # bar in the lower half of its row, caption above
        "marker": {"color": [b.colour for b in bars], "line": {"color": "#000000", "width": 1}},
        "customdata": [
            [b.title, b.caption, "n/a" if not b.applicable else f"{b.index:.0f}"] for b in bars
        ],
        "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}"
        "<br>risk index %{customdata[2]} / 100<extra></extra>",
        "showlegend": False,
    }
    captions = [
        {
            "x": 0,
            "y": y + 0.02,
            "xref": "x",
            "yref": "y",
            "xanchor": "left",
            "yanchor": "bottom",
            "align": "left",
            "showarrow": False,
            "text": (f"<b>{c}</b>" if b.applicable else f"<i>{c}</i>"),
            "font": {"size": 12, "color": "#000000" if b.applicable else "#595959"},
            "bgcolor": "rgba(255,255,255,0.85)",  # the band-edge lines pass behind the words
            "borderpad": 1,
        }
        for y, b, c in zip(ys, bars, (_wrap(b.caption, CAPTION_WIDTH) for b in bars), strict=True)
    ]
    band_names = [
        {
            "x": (edges[k] + edges[k + 1]) / 2,
            "y": 1.0,
            "xref": "x",
            "yref": "paper",
            "yanchor": "bottom",
            "showarrow": False,
            "text": name,
            "font": {"size": 12, "color": "#000000"},
        }
        for k, name in enumerate(chart.band_names)
    ]
    separators = [  # thin lines between the rows
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": k + 0.5,
            "y1": k + 0.5,
            "line": {"color": "#e0e0e0", "width": 1},
            "layer": "below",
        }
        for k in range(n - 1)
    ]
    band_edges = [
        {
            "type": "line",
            "xref": "x",
            "x0": edge,
            "x1": edge,
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "line": {"color": EDGE_LINE, "width": 1, "dash": "dash"},
            "layer": "below",
        }
        for edge in chart.band_edges
    ]
    layout = {
        "title": {"text": chart.title, "x": 0, "xanchor": "left", "y": 0.995, "yanchor": "top"},
        "height": CHART_MARGIN_PX + ROW_HEIGHT_PX * n,
        "margin": {"l": 8, "r": 16, "t": 64, "b": 40},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "font": {"color": "#000000"},
        "bargap": 0.0,
        "dragmode": False,
        "annotations": captions + band_names,
        "shapes": separators + band_edges,
        "xaxis": {
            "range": [0, chart.x_max],
            "tickvals": list(edges),
            "title": {"text": "risk index (0–100)"},
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "ticks": "outside",
            "linecolor": "#000000",
        },
        "yaxis": {
            "range": [-0.5, n - 0.5],
            "tickvals": ys,
            "ticktext": [_wrap(b.title, TITLE_WIDTH) for b in bars],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": True,
            "ticklabelstandoff": 6,
        },
    }
    # One declarative figure: plotly's add_annotation/add_vline calls re-validate the
    # whole layout each time (about 75 ms for this chart against about 5 ms at once).
    return go.Figure(data=[bar], layout=layout)
