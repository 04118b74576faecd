"""Issue 14 point 3: `cli score` reads its CSV with pyarrow, with today's cells and messages.

The reference is the reader used before: :class:`assessments.tables.Table`'s
pandas reader, whose chunks hold Python text (object columns) and go through
the same validation. The same file through both must give byte-identical
results and the same problems (same rows, fields, values and messages).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assessments import batch
from assessments import io as aio
from assessments.tables import SHEET_ROWS, Table, write_csv, xlsx_bytes
from benchmarks.synthetic import synthetic_frame

# Number cells a person or a spreadsheet writes: padded, signed, decimal commas.
# "١٧٠" is 170 in Arabic-Indic digits, which Python reads and pyarrow's cast does not.
GOOD_NUMBERS = [" 170 ", "+165", "170,5", "171.", "0172", "1.7e2", "١٧٠", ".5e3"]
# Number cells that are refused, each with its own message.
BAD_NUMBERS = ["abc", "1,000", "inf", "1e999", "NaN", "5 kg"]


def _base(n: int = 60, seed: int = 3) -> pd.DataFrame:
    df = synthetic_frame(n, seed=seed).astype(object)
    return df.where(df.notna(), None)


def _number_columns(df: pd.DataFrame) -> list[str]:
    specs = {s.column(): s for s in aio.input_fields() if "." not in s.scope}
    return [c for c in df.columns if c in specs and specs[c].kind == "number"]


def _valid_awkward(tmp_path: Path) -> Path:
    """Return a valid CSV whose cells exercise every reading rule the validator has."""
    df = _base()
    df["worker_ref"] = ["'=1+1", "-3 lifts", 'say "hi"', "two\nlines", "'@x", "Dáithí"] * 10
    df.loc[::5, "notes"] = "=HYPERLINK(x)"
    df.loc[::4, "site"] = None
    stature = "workstation.stature_cm"
    filled = df.index[df[stature].notna()]
    for k, i in enumerate(filled[: len(GOOD_NUMBERS) - 1]):
        df.at[i, stature] = GOOD_NUMBERS[k]
    text = write_csv(df)
    # A row of empty cells is skipped but still counted, as a spreadsheet counts it.
    text = text.replace("\r\n", "\r\n" + "," * (len(df.columns) - 1) + "\r\n", 3)
    src = tmp_path / "valid.csv"
    src.write_text(text, encoding="utf-8")
    return src


def _invalid(tmp_path: Path, *, blank_line: bool = False) -> Path:
    """Return a CSV with bad cells of every kind (numbers, choices, flags, text, dates)."""
    df = _base(seed=5)
    num = _number_columns(df)
    for k, bad in enumerate(BAD_NUMBERS):
        df.at[k, num[k % len(num)]] = bad
    df.at[10, "workstation.posture_mode"] = "kneeling"
    df.at[11, "workstation.not_applicable"] = "perhaps"
    df.at[12, "worker_ref"] = "bell\x07"
    df.at[13, "date"] = "31/01/2026"
    df.at[14, "assessment_type"] = "Audit "
    df.at[15, "workstation.stature_cm"] = None  # missing where the desk is assessed
    text = write_csv(df)
    if blank_line:
        lines = text.split("\r\n")
        text = "\r\n".join([*lines[:20], "", *lines[20:]])
    src = tmp_path / ("blank.csv" if blank_line else "invalid.csv")
    src.write_text(text, encoding="utf-8")
    return src


def _score(src: Path, dst: Path, *, old: bool, monkeypatch, fmt: str = "csv", chunk: int = 17):
    """Return (rows, problems, output bytes) of score_csv with the new or the old reader."""
    with monkeypatch.context() as mp:
        if old:
            mp.setattr(
                batch, "read_chunks", lambda s, c, dates="iso": Table(s, dates=dates).chunks(c)
            )
        rows, problems = batch.score_csv(src, dst, chunksize=chunk, fmt=fmt)
    return rows, problems, dst.read_bytes() if dst.exists() else None


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_item_03_arrow_reader_results_byte_identical(tmp_path, monkeypatch, fmt):
    src = _valid_awkward(tmp_path)
    new = _score(src, tmp_path / f"new.{fmt}", old=False, monkeypatch=monkeypatch, fmt=fmt)
    old = _score(src, tmp_path / f"old.{fmt}", old=True, monkeypatch=monkeypatch, fmt=fmt)
    assert new[1] == [] and old[1] == []
    assert new[0] == old[0] == 60
    assert new[2] == old[2]


@pytest.mark.parametrize("blank_line", [False, True])
def test_item_03_arrow_reader_same_problems(tmp_path, monkeypatch, blank_line):
    src = _invalid(tmp_path, blank_line=blank_line)
    new = _score(src, tmp_path / "new.csv", old=False, monkeypatch=monkeypatch)
    old = _score(src, tmp_path / "old.csv", old=True, monkeypatch=monkeypatch)
    assert new[2] is None and old[2] is None
    assert new[1] == old[1]
    fields = {p.field for p in new[1]}
    assert {"workstation.posture_mode", "worker_ref", "date", "assessment_type"} <= fields
    assert set(BAD_NUMBERS) <= {p.value for p in new[1]}
    # A bad number names the field, the cell and the allowed range.
    ambiguous = next(p for p in new[1] if p.value == "1,000")
    assert "is ambiguous" in ambiguous.message and "must be" in ambiguous.message


def test_item_03_arrow_reader_rows_of_another_width_fall_back(tmp_path, monkeypatch):
    # pyarrow refuses a short row; the pandas reader fills it, so the file still reads
    # (from the chunk where pyarrow stopped) with the same cells and row numbers.
    df = _base(seed=8)
    lines = write_csv(df).split("\r\n")
    lines[40] = lines[40].rsplit(",", 1)[0]  # one cell short: the last cell is blank
    src = tmp_path / "short.csv"
    src.write_text("\r\n".join(lines), encoding="utf-8")
    new = _score(src, tmp_path / "new.csv", old=False, monkeypatch=monkeypatch)
    old = _score(src, tmp_path / "old.csv", old=True, monkeypatch=monkeypatch)
    assert new == old
    lines[40] = lines[40] + ",x,y"  # too many cells: the pandas reader's message
    src.write_text("\r\n".join(lines), encoding="utf-8")
    new = _score(src, tmp_path / "new-long.csv", old=False, monkeypatch=monkeypatch)
    old = _score(src, tmp_path / "old-long.csv", old=True, monkeypatch=monkeypatch)
    assert new[1] == old[1] and new[1] and new[2] is None


def test_item_03_arrow_chunks_number_rows_as_the_sheet(tmp_path):
    src = _valid_awkward(tmp_path)
    new = list(batch.read_chunks(src, 17))
    old = list(Table(src).chunks(17))
    assert [len(c) for c in new] == [len(c) for c in old]
    for a, b in zip(new, old, strict=True):
        np.testing.assert_array_equal(a.attrs[SHEET_ROWS], b.attrs[SHEET_ROWS])
        assert list(a.columns) == list(b.columns)
        for c in a.columns:
            assert a[c].tolist() == [None if v is None else v for v in b[c].tolist()] or (
                [None if pd.isna(v) else v for v in a[c].tolist()] == b[c].tolist()
            )


def test_item_03_excel_input_still_scores(tmp_path, monkeypatch):
    df = _base(seed=9)
    csv_src = tmp_path / "in.csv"
    csv_src.write_text(write_csv(df), encoding="utf-8")
    xlsx_src = tmp_path / "in.xlsx"
    xlsx_src.write_bytes(xlsx_bytes(df))
    from_csv = _score(csv_src, tmp_path / "a.csv", old=False, monkeypatch=monkeypatch)
    from_xlsx = _score(xlsx_src, tmp_path / "b.csv", old=False, monkeypatch=monkeypatch)
    assert from_csv[1] == [] and from_csv[0] == 60
    assert from_xlsx == from_csv


def test_item_03_validation_on_arrow_columns_equals_python_text():
    df = _invalid_frame()
    as_objects = aio.parse_frame(df)
    arrow = df.astype("str")
    assert isinstance(arrow["workstation.stature_cm"].array, pd.arrays.ArrowStringArray)
    as_arrow = aio.parse_frame(arrow)
    assert as_arrow.problems == as_objects.problems
    assert as_arrow.values.keys() == as_objects.values.keys()
    for c, v in as_objects.values.items():
        np.testing.assert_array_equal(as_arrow.values[c], v, err_msg=c)
        np.testing.assert_array_equal(as_arrow.blank[c], as_objects.blank[c], err_msg=c)


def _invalid_frame() -> pd.DataFrame:
    df = _base(seed=5)
    num = _number_columns(df)
    for k, cell in enumerate(BAD_NUMBERS + GOOD_NUMBERS + ["1e-400", "-0", "   "]):
        df.at[k, num[(3 * k) % len(num)]] = cell
    df.at[20, "worker_ref"] = "x" * 500
    df.at[21, "worker_ref"] = "tab\tok"
    df.at[22, "job_title"] = "escape\x1b"
    return df
