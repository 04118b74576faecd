"""The summary PDF over many assessments: counts, bands per factor, highest risk, actions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from assessments import io as aio
from assessments.batch import score_frame
from benchmarks.synthetic import synthetic_frame
from reports.summary import (
    InvalidRows,
    summarise,
    summarise_assessments,
    summarise_frame,
    summary_pdf,
)
from scoring.bands import BAND_NAMES
from scoring.engine import FACTORS
from scoring.recommendations import entry_for

from .conftest import REPORT_DATE, flat, load_example, pages_text

N = 400


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return synthetic_frame(N, seed=11)


@pytest.fixture(scope="module")
def results(frame) -> pd.DataFrame:
    out, problems = score_frame(frame)
    assert not problems
    return out


@pytest.fixture(scope="module")
def text(frame) -> str:
    data = summary_pdf(
        frame,
        title="Synthetic Ltd, all sites",
        filters={"site": "all sites", "dates": "2026"},
        generated=REPORT_DATE,
        invariant=True,
    )
    return flat(" ".join(pages_text(data)))


def _expected_top(results: pd.DataFrame, k: int) -> list[str]:
    """The ranking rule written out independently: worst overall, most high+, highest index."""
    code = {"not applicable": -1, **{b: i for i, b in enumerate(BAND_NAMES)}}
    df = pd.DataFrame(
        {
            "id": results["assessment_id"],
            "overall": results["overall.band"].map(code),
            "n_high": results["overall.n_high"],
            "max_index": results[[f"{f}.index" for f in FACTORS]].max(axis=1).fillna(-1),
            "row": np.arange(len(results)),
        }
    )
    df = df.sort_values(
        ["overall", "n_high", "max_index", "row"], ascending=[False, False, False, True]
    )
    return list(df["id"].head(k))


def test_summary_states_count_dates_filters_and_title(frame, text):
    assert "Synthetic Ltd, all sites" in text
    assert f"Assessments {N:,}" in text
    dates = pd.to_datetime(frame["date"])
    assert f"{dates.min().date()} to {dates.max().date()}" in text
    assert "Filter: site all sites" in text and "Filter: dates 2026" in text
    assert "Page 1 of" in text and "not a diagnosis" in text


def test_bands_per_factor_match_the_batch_scores(results, text):
    s = summarise_frame(synthetic_frame(N, seed=11))
    for j, f in enumerate(FACTORS):
        bands = results[f"{f}.band"]
        # The results table and the summary both tell not applicable from not assessed.
        assert s.factor_counts[j, 0] == (bands == "not applicable").sum()
        assert s.not_assessed_counts[j] == (bands == "not assessed").sum()
        for b, name in enumerate(BAND_NAMES):
            assert s.factor_counts[j, b + 1] == (bands == name).sum()
    # The table prints the same numbers, not applicable counted apart from low.
    lifting = results["lifting.band"]
    assessed = int((~lifting.isin(["not applicable", "not assessed"])).sum())
    very_high = int((lifting == "very high").sum())
    assert f"{very_high:,} ({100 * very_high / assessed:.0f} %)" in text
    j = FACTORS.index("lifting")
    assert f"{int(s.factor_counts[j, 0]):,}" in text
    assert f"{int(s.not_assessed_counts[j]):,}" in text
    overall = results["overall.band"].value_counts()
    assert int(s.overall_counts[5]) == overall.get("very high", 0)
    assert int(s.overall_counts[0]) == overall.get("not assessed", 0)
    assert int(s.overall_counts[1]) == overall.get("not applicable", 0)


def test_highest_risk_assessments_are_ranked_and_listed(results, text):
    expected = _expected_top(results, 20)
    positions = [text.index(f" {i} ") for i in expected]  # ids are whole words in the table
    assert positions == sorted(positions)
    s = summarise_frame(synthetic_frame(N, seed=11))
    assert list(s.top["assessment_id"]) == expected


def test_most_frequent_recommendations_are_counted_and_worded_generically(frame, text):
    s = summarise_frame(frame)
    top_id, top_count = max(s.recommendation_counts.items(), key=lambda kv: kv[1])
    assert flat(entry_for(top_id).officer) in text
    assert f"{top_count:,}" in text
    assert "{" not in text  # no unfilled placeholder


def test_models_flat_table_and_results_table_give_the_same_summary():
    items = [load_example(n) for n in ("office-desk", "warehouse-lifting", "maintenance-vibration")]
    from_models = summarise_assessments(items)
    df = aio.assessments_to_frame(items)
    from_frame = summarise_frame(df)
    assert np.array_equal(from_models.factor_counts, from_frame.factor_counts)
    assert from_models.recommendation_counts == from_frame.recommendation_counts
    assert list(from_models.top["assessment_id"]) == ["EX-OFFICE-1", "EX-WAREHOUSE-1", "EX-MAINT-1"]
    results, _ = score_frame(df)
    from_results = summarise(results)
    assert np.array_equal(from_results.factor_counts, from_frame.factor_counts)
    assert from_results.recommendation_counts is None
    text = flat(" ".join(pages_text(summary_pdf(results, generated=REPORT_DATE))))
    assert "Most frequent recommendations Not available" in text


def test_chunks_merge_to_the_whole(frame):
    whole = summarise_frame(frame)
    a = summarise_frame(frame.iloc[:150].reset_index(drop=True))
    b = summarise_frame(frame.iloc[150:].reset_index(drop=True), row_offset=150)
    merged = a.merge(b)
    assert merged.n == whole.n
    assert np.array_equal(merged.factor_counts, whole.factor_counts)
    assert np.array_equal(merged.overall_counts, whole.overall_counts)
    assert merged.recommendation_counts == whole.recommendation_counts
    assert list(merged.top["assessment_id"]) == list(whole.top["assessment_id"])
    assert (merged.date_min, merged.date_max) == (whole.date_min, whole.date_max)


def test_invalid_rows_are_reported_not_summarised(frame):
    bad = frame.astype(object).copy()
    bad.loc[3, "sitting.seated_h_per_day"] = 30
    with pytest.raises(InvalidRows) as exc:
        summarise_frame(bad)
    assert any(p.row == 4 for p in exc.value.problems)


def test_summary_builds_are_byte_identical_with_a_fixed_date(frame):
    one = summary_pdf(frame.head(50), generated=REPORT_DATE, invariant=True)
    assert one == summary_pdf(frame.head(50), generated=REPORT_DATE, invariant=True)


def test_unicode_and_markup_in_summary_cells_come_back_literally():
    df = synthetic_frame(5, seed=1).astype(object)
    df.loc[:, "site"] = "Łódź <b>&</para>"
    df.loc[:, "worker_ref"] = "Σοφία"
    text = flat(" ".join(pages_text(summary_pdf(df, title="Zoë & Ørsted", generated=REPORT_DATE))))
    assert "Σοφία" in text and "Zoë & Ørsted" in text
    # The site wraps inside its narrow column; its characters are all there, in order.
    assert "Łódź<b>&</para>" in text.replace(" ", "")
