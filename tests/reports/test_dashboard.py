"""Dashboard figures: pure functions of the store's aggregate DataFrames."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from reports.dashboard import FACTOR_TITLES, band_matrix, band_stack_figure, trend_figure
from reports.profile import BAND_COLOURS, NOT_APPLICABLE_COLOUR
from scoring.engine import FACTORS


def band_counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "factor": ["lifting", "lifting", "lifting", "sitting", "sitting"],
            "band": [3, 0, -1, 1, 2],
            "count": [4, 2, 6, 5, 7],
        }
    )


def test_band_matrix_has_every_factor_and_band():
    t = band_matrix(band_counts())
    assert list(t.index) == list(FACTORS)
    assert list(t.columns) == [0, 1, 2, 3, -1, -2]  # not applicable apart from not assessed
    assert t.loc["lifting"].tolist() == [2, 0, 0, 4, 6, 0]
    assert t.loc["sitting"].tolist() == [0, 5, 7, 0, 0, 0]
    assert t.loc["workstation"].sum() == 0


def test_band_stack_names_bands_colours_and_counts():
    fig = band_stack_figure(band_counts())
    names = [t.name for t in fig.data]
    assert names == ["low", "moderate", "high", "very high", "not applicable", "not assessed"]
    assert [t.marker.color for t in fig.data] == [*BAND_COLOURS, NOT_APPLICABLE_COLOUR, "#ffffff"]
    assert fig.data[-1].marker.pattern.shape == "/"  # not assessed: hatched, apart from grey
    assert fig.layout.barmode == "stack"
    very_high = fig.data[3]
    row = list(very_high.y).index(FACTOR_TITLES["lifting"])
    assert very_high.x[row] == 4 and very_high.text[row] == "4"
    # Zero segments carry no label.
    assert fig.data[1].text[row] == ""
    assert all(t.orientation == "h" for t in fig.data)


def test_band_stack_empty_says_so():
    empty = pd.DataFrame({"factor": [], "band": [], "count": []})
    fig = band_stack_figure(empty)
    assert not fig.data and "No assessments" in fig.layout.annotations[0].text


def test_trend_counts_high_and_very_high_per_month():
    trend = pd.DataFrame(
        {
            "period": [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)],
            "high": [3, 1, 0],
            "very_high": [1, 0, 2],
            "assessed": [10, 8, 9],
        }
    )
    fig = trend_figure(trend)
    names = [t.name for t in fig.data]
    assert names == ["overall high", "overall very high", "assessed"]
    assert list(fig.data[0].y) == [3, 1, 0] and list(fig.data[1].y) == [1, 0, 2]
    assert fig.data[0].marker.color == BAND_COLOURS[2]
    assert fig.data[1].marker.color == BAND_COLOURS[3]
    assert fig.layout.barmode == "stack"


def test_trend_empty_says_so():
    fig = trend_figure(pd.DataFrame(columns=["period", "high", "very_high", "assessed"]))
    assert "No assessments" in fig.layout.annotations[0].text


def _trend() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": [dt.date(2026, 1, 1), dt.date(2026, 2, 1)],
            "high": [3, 0],
            "very_high": [1, 2],
            "assessed": [9, 8],
        }
    )


def test_figures_keep_every_style_of_the_white_template_their_charts_read():
    # Only the white template's entries for other chart types are left out of the spec
    # sent on every run; every trace and layout setting these charts use is unchanged.
    import plotly.io as pio

    white = pio.templates["plotly_white"].to_plotly_json()
    for fig in (band_stack_figure(band_counts()), trend_figure(_trend())):
        sent = fig.to_plotly_json()
        template = sent["layout"]["template"]
        assert set(template["data"]) == {"bar", "scatter"}
        for trace in ("bar", "scatter"):
            assert template["data"][trace] == white["data"][trace]
        for key in ("font", "xaxis", "yaxis", "colorway", "hoverlabel", "plot_bgcolor", "title"):
            assert template["layout"][key] == white["layout"][key]
        assert {t["type"] for t in sent["data"]} <= {"bar", "scatter"}
        assert len(pio.to_json(fig, validate=False)) < 0.6 * len(
            pio.to_json(fig.update_layout(template="plotly_white"), validate=False)
        )
