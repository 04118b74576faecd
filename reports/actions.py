"""How corrective actions and the risk they removed are presented: dashboard and PDF.

Pure presentation of :meth:`assessments.actions.Actions.figures` (counts by status,
closure rate, records that left high, per-factor index change, risk removed per
month). Factors are reported one by one on their own risk index, never summed or
averaged across methods.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from scoring import registry

FACTOR_TITLES = {f.id: f.title for f in registry.FACTORS}
COUNT_ROWS = (
    ("open", "Open"),
    ("in_progress", "In progress"),
    ("overdue", "Overdue (open or in progress past due)"),
    ("done", "Done, not yet verified"),
    ("verified", "Verified by a follow-up"),
    ("wont_do", "Won't do (with a reason)"),
    ("total", "All actions"),
)
_FONT = {"family": "DejaVu Sans, Arial, sans-serif", "color": "#000000", "size": 13}
# Grey shades with pattern fills: a factor reads without colour, in black-and-white print.
_PATTERNS = ("", "/", "x", ".", "\\", "+", "-", "|")


def counts_rows(figures: dict) -> list[tuple[str, str]]:
    """Return (what, how many) rows: each status, overdue, the total and the closure rate."""
    c = figures["counts"]
    rows = [(label, f"{c[key]:,}") for key, label in COUNT_ROWS]
    rate = figures["closure_rate"]
    rows.append(
        (
            "Closure rate (done, verified or won't do)",
            "—" if rate is None else f"{100 * rate:.0f} %",
        )
    )
    rows.append(
        (
            "Assessments that left high or very high after a verified action",
            f"{figures['left_high']:,}",
        )
    )
    return rows


def factor_rows(figures: dict) -> list[tuple[str, str, str, str, str]]:
    """Return per factor: records with a verified action, index before, after, change."""
    return [
        (
            FACTOR_TITLES.get(r.factor, r.factor),
            f"{int(r.records):,}",
            f"{r.index_before:.1f}",
            f"{r.index_after:.1f}",
            f"{r.index_change:+.1f}",
        )
        for r in figures["by_factor"].itertuples()
    ]


FACTOR_COLUMNS = (
    "Factor",
    "Assessments with a verified action",
    "Mean risk index at baseline",
    "Mean risk index now",
    "Summed change of the index",
)


def risk_removed_figure(trend: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Return the risk index removed per month of verification, one bar group per factor."""
    fig = go.Figure()
    for j, (factor, part) in enumerate(trend.groupby("factor", sort=False)):
        name = FACTOR_TITLES.get(factor, factor)
        fig.add_bar(
            x=part["month"],
            y=part["index_removed"],
            name=name,
            marker={"color": "#bbbbbb", "line": {"color": "#000000", "width": 1}},
            marker_pattern_shape=_PATTERNS[j % len(_PATTERNS)],
            text=[f"{abs(v):.0f}" for v in part["index_removed"]],
            textposition="outside",
            hovertemplate=f"{name}<br>%{{x}}: %{{y:.1f}} index points removed<extra></extra>",
        )
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"} if title else None,
        template="plotly_white",
        font=_FONT,
        barmode="group",
        height=320,
        margin={"l": 10, "r": 10, "t": 90 if title else 40, "b": 10},
        yaxis={"title": {"text": "index points removed"}, "rangemode": "tozero"},
        xaxis={"title": {"text": "month verified"}, "type": "category"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    if trend.empty:
        fig.add_annotation(
            text="No verified action yet.",
            showarrow=False,
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
        )
    return fig


def summary_section(figures: dict) -> list:
    """Return the summary PDF's "Actions and risk removed" section (reportlab flowables)."""
    from reportlab.platypus import CondPageBreak

    from reports.pdf import FRAME_W, data_table, para

    out = [CondPageBreak(140), para("Corrective actions and risk removed", "h2")]
    if not figures["counts"]["total"]:
        out.append(para("No corrective action is recorded for these assessments."))
        return out
    out += data_table(
        ("Actions", "Number"),
        counts_rows(figures),
        widths=(0.7 * FRAME_W, 0.3 * FRAME_W),
        zebra=False,
    )
    out.append(
        para(
            "For each factor, the assessments with a verified action on it: the factor's risk "
            "index at the revision the action was made from and at the latest revision. "
            "Factors are on their own methods' scales and are never added together.",
            "small",
        )
    )
    rows = factor_rows(figures)
    if rows:
        out += data_table(FACTOR_COLUMNS, rows)
    else:
        out.append(para("No action has been verified yet.", "small"))
    trend = figures["trend"]
    if not trend.empty:
        out.append(para("Risk index removed by month of verification", "h3"))
        out += data_table(
            ("Month", "Factor", "Index points removed"),
            [
                (r.month, FACTOR_TITLES.get(r.factor, r.factor), f"{r.index_removed:.1f}")
                for r in trend.itertuples()
            ],
        )
    return out
