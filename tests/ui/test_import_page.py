"""AppTest: the Import page, its validation report and its file reading."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from benchmarks.synthetic import synthetic_frame
from tests.ui.saved import page_store, saved  # noqa: F401 (fixtures)
from views import services

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "import_page.py"


def test_page_runs_and_offers_both_templates(page_store):  # noqa: F811
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Import"
    labels = [b.proto.label for b in at.get("download_button")]
    assert "CSV template" in labels and "Excel template" in labels
    assert "Export 0 assessments" in labels


def test_export_counts_the_filtered_set(saved):  # noqa: F811
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    at.multiselect(key="import.filter.sites").set_value(["Leeds"]).run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Export 4 assessments" in labels  # two examples and the two JOB-1 lifts


def test_validation_report_lists_row_field_value_and_allowed_range():
    df = synthetic_frame(6)
    lift = df.index[df["lifting.task1.load_kg"].notna()][0]
    df.loc[lift, "lifting.task1.h_origin_cm"] = -3.0
    df.loc[4, "date"] = "2026-13-01"
    report = services.validation_report(df)
    assert list(report.columns) == ["row", "field", "in the form", "value", "allowed", "problem"]
    bad = report[report["field"] == "lifting.task1.h_origin_cm"].iloc[0]
    assert bad["row"] == lift + 1  # data rows counted from 1
    assert bad["in the form"] == "Lifting tab, task 1: H at origin [cm]"  # the form's label
    assert bad["value"] == "-3.0" and bad["allowed"] == "must be >= 0 and <= 200 [cm]"
    date = report[report["field"] == "date"].iloc[0]
    assert date["in the form"] == "Header tab, Assessment date"
    assert (date["row"], date["value"]) == (5, "2026-13-01")
    assert date["allowed"] == "must be a date as YYYY-MM-DD"


def test_validation_report_is_empty_for_a_valid_file():
    assert services.validation_report(synthetic_frame(20)).empty


def test_bad_file_saves_nothing(page_store):  # noqa: F811
    df = synthetic_frame(5)
    df.loc[2, "site"] = "x" * 10_000
    assert not services.validation_report(df).empty
    report = page_store.import_frame(df)
    assert report.saved == 0 and page_store.count() == 0


def test_excel_template_round_trips_through_the_reader():
    data = services.template_xlsx()
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(sheets) == ["assessments", "columns"]
    assert list(sheets["assessments"].columns)[:3] == ["assessment_id", "organisation", "site"]
    df = synthetic_frame(3)
    buf = io.BytesIO()
    df.assign(date=pd.to_datetime(df["date"])).to_excel(buf, index=False)
    back = services.read_table("a.xlsx", buf.getvalue())
    assert list(back["date"]) == list(df["date"])  # Excel dates come back as YYYY-MM-DD
    assert services.validation_report(back).empty


def test_reader_names_the_accepted_types():
    try:
        services.read_table("a.json", b"{}")
    except ValueError as exc:
        assert "must end in one of: .csv, .xlsx" in str(exc)
    else:
        raise AssertionError("no error")


def test_issue9_item_12_the_page_asks_how_dates_are_written(page_store):  # noqa: F811
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    radio = at.radio(key="import.dates")
    assert radio.value == "iso" and list(radio.options)[1].startswith("31/01/2026 (day first")
    n, report = services.check_upload("uk.csv", b"assessment_id,date\nA1,31/01/2026\n", dates="dmy")
    assert n == 1 and report.empty
    n, report = services.check_upload("uk.csv", b"assessment_id,date\nA1,31/01/2026\n")
    assert report["row"].tolist() == [2] and "day-first" in report["problem"][0]
