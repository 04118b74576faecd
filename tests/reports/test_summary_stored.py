"""Issue 14 point 2: the summary PDF of saved records from their stored columns.

The summary the dashboard and ``python -m cli summary`` print is built from the
result columns saved with each record (SQL aggregates), not from rebuilt models.
Its text must equal the text of the summary built the old way, from every
record's model scored again, on sample data and a synthetic set, on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest

import cli
from assessments import store as store_module
from assessments.store import Filters
from benchmarks.synthetic import synthetic_frame
from reports.summary import summary_pdf
from scripts.sample_data import sample_frame
from tests.reports.conftest import REPORT_DATE, pages_text

SELECTIONS = [
    Filters(),
    Filters(sites=("Leeds",)),
    Filters(min_overall_band=2),
    Filters(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 6, 30)),
]


@pytest.fixture
def filled(store):
    """A store holding a sample organisation and a synthetic set (two organisations)."""
    assert store.import_frame(sample_frame(200, seed=7)).saved == 200
    assert store.import_frame(synthetic_frame(300, seed=4)).saved == 300
    return store


@pytest.mark.parametrize("selection", SELECTIONS, ids=["all", "site", "high", "dates"])
def test_item_02_stored_summary_text_equals_the_rebuilt_models_summary(filled, selection):
    before = summary_pdf(filled.load_for_summary(selection), generated=REPORT_DATE, invariant=True)
    after = summary_pdf(filled.summary_figures(selection), generated=REPORT_DATE, invariant=True)
    assert pages_text(after) == pages_text(before)


def test_item_02_stored_summary_rebuilds_no_model(filled, monkeypatch):
    def refuse(*_args, **_kw):
        raise AssertionError("a model was rebuilt from its input JSON")

    monkeypatch.setattr(store_module, "_rebuild", refuse)
    figures = filled.summary_figures(Filters())
    assert figures.n == 500
    assert int(figures.factor_counts.sum()) == 500 * figures.factor_counts.shape[0]
    assert len(figures.top) == 20
    summary_pdf(figures, generated=REPORT_DATE)


def test_item_02_cli_summary_writes_the_stored_summary(filled, tmp_path, capsys):
    dst = tmp_path / "summary.pdf"
    status = cli.main(["summary", "-o", str(dst), "--site", "Leeds", "--url", filled.url])
    assert status == cli.EXIT_OK
    text = " ".join(pages_text(dst.read_bytes()))
    n = filled.count(Filters(sites=("Leeds",)))
    assert f"summary of {n} assessment(s)" in capsys.readouterr().err
    assert "Ergonomics summary: Leeds" in text
    assert f"Assessments {n:,}" in " ".join(text.split())


def test_item_02_cli_summary_of_nothing_says_so(store, tmp_path, capsys):
    status = cli.main(["summary", "-o", str(tmp_path / "s.pdf"), "--url", store.url])
    assert status == cli.EXIT_INVALID
    assert "no saved assessment matches" in capsys.readouterr().err
    assert not (tmp_path / "s.pdf").exists()
