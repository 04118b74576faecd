"""Issue 14 point 3: `python -m cli score` writes its CSV with pyarrow, values unchanged.

The reference is the writer used before: the results DataFrame of
:func:`assessments.batch.score_frame` through :func:`assessments.tables.write_csv`
(pandas' ``to_csv``). Every cell must read back as the same text, except that
a whole-number decimal loses its ".0" (the documented change: ``25.0`` is
written ``25``); the booleans stay ``True`` / ``False``, formula-like text keeps
its apostrophe, and the line ends stay CRLF.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd
import pytest

import cli
from assessments import io as aio
from assessments.batch import PASSTHROUGH, score_frame
from assessments.tables import read_table, write_csv
from benchmarks.synthetic import synthetic_frame

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AWKWARD_TEXT = ["=1+1", "-3 lifts", "O'Brien, Dáithí", 'say "hi"', "two\nlines", "@SUM(A1)", ""]


def _examples_frame() -> pd.DataFrame:
    items = []
    for name in ("office-desk", "warehouse-lifting", "maintenance-vibration"):
        found, problems = aio.load_json((EXAMPLES / f"{name}.json").read_bytes())
        assert not problems
        items += found
    return aio.assessments_to_frame(items)


def _input_csv(tmp_path: Path) -> Path:
    syn = synthetic_frame(2_500, seed=11)
    syn["worker_ref"] = [AWKWARD_TEXT[i % len(AWKWARD_TEXT)] + str(i) for i in range(len(syn))]
    syn.loc[::7, "notes"] = "=HYPERLINK(x)"
    df = pd.concat([_examples_frame(), syn], ignore_index=True)
    src = tmp_path / "in.csv"
    src.write_text(write_csv(df), encoding="utf-8")
    return src


def _cells(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


def _same_cell(before: str, after: str) -> bool:
    if before == after:
        return True
    # The one documented change: a whole-number decimal is written without ".0".
    return before.endswith(".0") and before[:-2] == after and math.isfinite(float(before))


def test_item_03_cli_csv_values_equal_the_pandas_writer(tmp_path):
    src = _input_csv(tmp_path)
    dst = tmp_path / "out.csv"
    # A chunk smaller than the file, so the header is written once and chunks append.
    assert cli.main(["score", str(src), "-o", str(dst), "--chunksize", "1000"]) == cli.EXIT_OK
    reference, problems = score_frame(read_table(src))
    assert not problems
    before = _cells(write_csv(reference).encode("utf-8"))
    after_bytes = dst.read_bytes()
    after = _cells(after_bytes)
    assert list(after.columns) == list(before.columns)
    assert len(after) == len(before) == 2_503
    changed = set()
    for c in before.columns:
        for b, a in zip(before[c], after[c], strict=True):
            assert _same_cell(b, a), (c, b, a)
            if a != b:
                changed.add(c)
    # Only decimal result columns change text; booleans, bands and passthrough do not.
    kept = [c for c in before.columns if c in PASSTHROUGH or c.endswith((".band", ".borderline"))]
    assert changed and not changed & set(kept)
    assert set(after["lifting.borderline"]) <= {"True", "False"}
    assert "'=1+10" in set(after["worker_ref"])
    assert after_bytes.count(b"\r\n") >= len(after) + 1
    assert b'"two\nlines' in after_bytes


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_item_03_a_bad_row_still_writes_nothing(tmp_path, fmt):
    df = synthetic_frame(30, seed=2)
    df.loc[17, "sitting.seated_h_per_day"] = 30
    src = tmp_path / "bad.csv"
    df.to_csv(src, index=False)
    dst = tmp_path / f"out.{fmt}"
    assert cli.main(["score", str(src), "-o", str(dst), "--chunksize", "10"]) == cli.EXIT_INVALID
    assert not dst.exists()


def test_item_03_engine_slices_of_a_chunk_change_no_byte(tmp_path, monkeypatch):
    # A chunk is validated whole and scored ENGINE_ROWS rows at a time; slices that do not
    # divide the chunk (and a last slice of one row) give the same file as one slice.
    from assessments import batch

    src = _input_csv(tmp_path)
    whole, sliced = tmp_path / "whole.csv", tmp_path / "sliced.csv"
    assert cli.main(["score", str(src), "-o", str(whole), "--chunksize", "1251"]) == cli.EXIT_OK
    monkeypatch.setattr(batch, "ENGINE_ROWS", 125)
    assert cli.main(["score", str(src), "-o", str(sliced), "--chunksize", "1251"]) == cli.EXIT_OK
    assert sliced.read_bytes() == whole.read_bytes()
