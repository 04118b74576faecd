"""Import and Score a file number error rows as the spreadsheet does (header = row 1)."""

from __future__ import annotations

import pandas as pd

from assessments import tables
from assessments.batch import score_csv
from views import services

# Data row 1 valid, a blank row, then a stature outside 120-220 cm on spreadsheet row 4.
CSV = b"assessment_id,date,workstation.stature_cm\r\nA,2026-01-31,170\r\n\r\nB,31/01/2026,400\r\n"


def _xlsx() -> bytes:
    rows = [
        {"assessment_id": "A", "date": "2026-01-31", "workstation.stature_cm": "170"},
        {"assessment_id": None, "date": None, "workstation.stature_cm": None},
        {"assessment_id": "B", "date": "31/01/2026", "workstation.stature_cm": "400"},
    ]
    return tables.xlsx_bytes(pd.DataFrame(rows))


def test_item_12_import_numbers_rows_as_the_csv_opens_in_a_spreadsheet():
    n, report = services.check_upload("people.csv", CSV, dates="dmy")
    assert n == 2
    assert report[["row", "field"]].to_dict("records") == [
        {"row": 4, "field": "workstation.stature_cm"}
    ]


def test_item_12_import_numbers_excel_rows_as_the_sheet_does():
    n, report = services.check_upload("people.xlsx", _xlsx(), dates="dmy")
    assert n == 2
    assert list(report["row"]) == [4]


def test_item_12_score_a_file_numbers_rows_as_the_sheet_does():
    for name, data in (("people.csv", CSV), ("people.xlsx", _xlsx())):
        table, problems = services.score_upload(name, data)
        assert table is None
        assert set(problems["row"]) == {4}, name  # the stature (and the day-first date)


def test_item_12_the_cli_path_numbers_rows_across_chunks(tmp_path):
    src = tmp_path / "people.csv"
    src.write_bytes(CSV)
    _, problems = score_csv(src, tmp_path / "out.csv", chunksize=1, dates="dmy")
    assert not (tmp_path / "out.csv").exists()
    assert [(p.row, p.field) for p in problems] == [(4, "workstation.stature_cm")]


def test_item_12_day_first_dates_are_read_as_day_first():
    frame = tables.Table(CSV, "people.csv", dates="dmy").frame()
    assert list(frame["date"]) == ["2026-01-31", "2026-01-31"]
    frame = tables.Table(_xlsx(), "people.xlsx", dates="dmy").frame()
    assert list(frame["date"]) == ["2026-01-31", "2026-01-31"]


def test_item_12_template_for_the_factors_you_use_keeps_each_factor_together():
    frame = services.template_frame(["sitting", "lifting"])
    sections = [c.split(".")[0] for c in frame.columns if "." in c]
    assert sections[0] == "sitting" and set(sections) == {"sitting", "lifting", "symptoms"}
    # Each factor's columns are one block (grouped), in the layout's order.
    blocks = [s for i, s in enumerate(sections) if i == 0 or sections[i - 1] != s]
    assert blocks == ["sitting", "lifting", "symptoms"]
    assert "workstation.stature_cm" not in frame.columns
    assert "assessment_id" in frame.columns and "date" in frame.columns


def test_item_12_template_example_rows_are_valid_input_as_downloaded():
    for name, data in (
        ("t.csv", services.template_csv(["lifting", "sitting"], examples=True)),
        ("t.xlsx", services.template_xlsx(None, examples=True)),
    ):
        n, report = services.check_upload(name, data)
        assert n == 3 and report.empty, name
    frame = tables.Table(services.template_csv(["lifting"], examples=True), "t.csv").frame()
    assert "EX-WAREHOUSE-1" in set(frame["assessment_id"])
