"""The actions figures as the dashboard and the summary PDF present them (read back with pypdf)."""

from __future__ import annotations

import io

import pandas as pd
from pypdf import PdfReader

from reports.actions import counts_rows, risk_removed_figure, summary_section
from reports.pdf import Furniture, build_pdf

FIGURES = {
    "counts": {
        "open": 3,
        "in_progress": 1,
        "done": 2,
        "verified": 4,
        "wont_do": 1,
        "overdue": 2,
        "total": 11,
    },
    "closure_rate": 7 / 11,
    "left_high": 2,
    "by_factor": pd.DataFrame(
        [("lifting", 3, 62.5, 31.25, -93.75), ("hand_arm_vibration", 1, 80.0, 40.0, -40.0)],
        columns=["factor", "records", "index_before", "index_after", "index_change"],
    ),
    "trend": pd.DataFrame(
        [("2026-10", "lifting", 60.0), ("2026-11", "lifting", 33.75)],
        columns=["month", "factor", "index_removed"],
    ),
}


def test_counts_rows_say_each_status_and_the_closure_rate():
    rows = dict(counts_rows(FIGURES))
    assert rows["Overdue (open or in progress past due)"] == "2"
    assert rows["Closure rate (done, verified or won't do)"] == "64 %"
    assert rows["Assessments that left high or very high after a verified action"] == "2"


def test_summary_section_in_a_pdf():
    pdf = build_pdf(summary_section(FIGURES), Furniture("t", "", ""), title="t", invariant=True)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for words in ("Corrective actions and risk removed", "Lifting", "-93.8", "2026-10", "64 %"):
        assert words in text
    empty = {**FIGURES, "counts": dict.fromkeys(FIGURES["counts"], 0)}
    pdf = build_pdf(summary_section(empty), Furniture("t", "", ""), title="t", invariant=True)
    assert "No corrective action" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_risk_removed_figure_one_trace_per_factor_with_patterns():
    fig = risk_removed_figure(FIGURES["trend"])
    assert [t.name for t in fig.data] == ["Lifting"]
    assert list(fig.data[0].y) == [60.0, 33.75]
    assert risk_removed_figure(FIGURES["trend"].iloc[0:0]).layout.annotations
