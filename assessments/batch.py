"""Score a whole table of assessments at once (no per-row Python loop).

The flat table is parsed column by column (:func:`assessments.io.parse_frame`),
handed to the same engine the form uses, and the results come back as columns:
per factor the headline native value, band, risk index, borderline flag and a
few method-specific metrics, then the overall band and the count of factors at
high or above.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pa_compute
import pyarrow.csv as pa_csv

from assessments.evaluate import band_codes, inputs_from_assessments, inputs_from_parsed, rows_of
from assessments.export import neutralise_cell, unneutralise_cell
from assessments.fields import Problem
from assessments.io import parse_frame
from assessments.tables import (
    SHEET_ROWS,
    Table,
    TableError,
    _check_text_file,
    _header_problems,
    _iso_dates,
    in_sheet_rows,
)
from scoring import METHOD_VERSION, registry
from scoring.bands import BAND_NAMES, NOT_APPLICABLE, NOT_ASSESSED
from scoring.engine import EngineResult, score

PASSTHROUGH = (
    "assessment_id",
    "organisation",
    "site",
    "department",
    "job_title",
    "worker_ref",
    "assessor",
    "date",
    "assessment_type",
)
_BAND_LABELS = np.array(["not assessed", "not applicable", *BAND_NAMES], dtype=object)
# Rows read and validated at a time by `cli score`: the per-column work of validation
# costs about the same for 10,000 rows as for 50,000, so larger chunks save it.
SCORE_CHUNK_ROWS = 50_000
# Rows scored at a time: the engine keeps every intermediate value (about 4 KB a row), so
# it takes a chunk in slices of this many; a larger slice is no faster and peaks higher.
ENGINE_ROWS = 10_000
_ARROW_BANDS = pa.array(_BAND_LABELS.tolist(), pa.string())
# The borderline flags are written True/False, as pandas wrote them before the arrow writer.
_ARROW_BOOLS = pa.array(["False", "True"], pa.string())
_CSV_OPTIONS = pa_csv.WriteOptions(quoting_header="none", eol="\r\n")


def band_labels(codes: np.ndarray) -> np.ndarray:
    """Return band names for band codes (-1 "not applicable", -2 "not assessed" as stored)."""
    return _BAND_LABELS[np.asarray(codes, dtype=int) + 2]


def overall_codes(band: np.ndarray, overall_band: np.ndarray) -> np.ndarray:
    """Return the overall band codes, -2 "not assessed" where nothing was scored and a
    factor was left out, -1 "not applicable" where every factor was judged not to apply."""
    band = np.asarray(band, dtype=int)
    overall = np.asarray(overall_band, dtype=int)
    left_out = (band == NOT_ASSESSED).any(axis=1) if band.shape[1] else np.ones(len(band), bool)
    return np.where((overall == NOT_APPLICABLE) & left_out, NOT_ASSESSED, overall)


def engine_frame(engine: EngineResult, band: np.ndarray) -> pd.DataFrame:
    """Return the engine's arrays as result columns (one row per assessment).

    ``band`` holds the stored band codes (:func:`assessments.evaluate.band_codes`), so
    a factor left out is written "not assessed" and one judged not to occur "not
    applicable" (files written before both were "not applicable"; they still read).
    """
    cols: dict[str, np.ndarray] = {}
    for j, record in enumerate(registry.FACTORS):
        factor = record.id
        res = engine.results[factor]
        ok = engine.band[:, j] >= 0
        cols[f"{factor}.native"] = np.round(engine.native[:, j], 4)
        cols[f"{factor}.band"] = band_labels(band[:, j])
        cols[f"{factor}.index"] = np.round(engine.index[:, j], 2)
        cols[f"{factor}.borderline"] = engine.borderline[:, j]
        for name in record.batch_columns:
            if hasattr(res, name):
                v = np.asarray(getattr(res, name))
                if v.dtype.kind == "f":
                    v = np.where(ok, np.round(v, 4), np.nan)
                else:
                    v = np.where(ok, v, "")
                cols[f"{factor}.{name}"] = v
    cols["overall.band"] = band_labels(overall_codes(band, engine.overall_band))
    cols["overall.n_high"] = engine.n_high
    cols["method_version"] = np.full(engine.n, METHOD_VERSION, dtype=object)
    return pd.DataFrame(cols)


def _arrow_bands(codes: np.ndarray) -> pa.DictionaryArray:
    """Return band codes as a dictionary array of band names (no text per row)."""
    idx = pa.array(np.asarray(codes, dtype=np.int8) + 2, pa.int8())
    return pa.DictionaryArray.from_arrays(idx, _ARROW_BANDS)


def _arrow_bools(v: np.ndarray) -> pa.DictionaryArray:
    idx = pa.array(np.asarray(v, dtype=np.int8), pa.int8())
    return pa.DictionaryArray.from_arrays(idx, _ARROW_BOOLS)


def _arrow_metric(v: np.ndarray, ok: np.ndarray) -> pa.Array:
    """Return a method-specific metric, empty where the factor was not scored."""
    if v.dtype.kind == "f":
        return pa.array(np.round(v, 4), mask=~ok | np.isnan(v))
    if v.dtype.kind in "iu":
        return pa.array(v.astype(np.int64), mask=~ok)
    text = pa.array(np.asarray(v, dtype=str), pa.string())
    return pa_compute.if_else(pa.array(ok), text, "")


def engine_table(engine: EngineResult, band: np.ndarray) -> pa.Table:
    """Return :func:`engine_frame`'s columns as an Arrow table (same names, order, values).

    ``band`` holds the stored band codes, as for :func:`engine_frame`.

    Numbers stay binary until the CSV writer formats them; band names and the
    borderline flags are dictionary arrays, so no text is built per row in Python.
    """
    cols: dict[str, pa.Array] = {}
    for j, record in enumerate(registry.FACTORS):
        factor = record.id
        res = engine.results[factor]
        ok = engine.band[:, j] >= 0
        native = np.round(engine.native[:, j], 4)
        index = np.round(engine.index[:, j], 2)
        cols[f"{factor}.native"] = pa.array(native, mask=np.isnan(native))
        cols[f"{factor}.band"] = _arrow_bands(band[:, j])
        cols[f"{factor}.index"] = pa.array(index, mask=np.isnan(index))
        cols[f"{factor}.borderline"] = _arrow_bools(engine.borderline[:, j])
        for name in record.batch_columns:
            if hasattr(res, name):
                v = np.broadcast_to(np.asarray(getattr(res, name)), (engine.n,))
                cols[f"{factor}.{name}"] = _arrow_metric(v, ok)
    cols["overall.band"] = _arrow_bands(overall_codes(band, engine.overall_band))
    cols["overall.n_high"] = pa.array(np.asarray(engine.n_high, dtype=np.int64))
    version = pa.array([METHOD_VERSION], pa.string())
    cols["method_version"] = pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(engine.n, dtype=np.int8)), version
    )
    return pa.table(cols)


# A superset of the cells a spreadsheet would run (assessments.export.runs_as_formula):
# only these few go through the exact Python test, the rest stay in Arrow.
_MAYBE_FORMULA = r"^[ '\"]*[=+\-@\t\r\n]"


def _safe_text(values: pd.Series) -> pa.Array:
    """Return a text column as Arrow strings, formula-like cells given their apostrophe."""
    col = pa.array(values, pa.string(), from_pandas=True)
    maybe = pa_compute.fill_null(pa_compute.match_substring_regex(col, _MAYBE_FORMULA), False)
    rows = np.flatnonzero(maybe.to_numpy(zero_copy_only=False))
    if rows.size == 0:
        return col
    fixed = col.to_pylist()
    for i in rows:
        fixed[i] = neutralise_cell(fixed[i])
    return pa.array(fixed, pa.string())


def _passthrough_table(df: pd.DataFrame) -> pa.Table:
    """Return the header columns of the input as spreadsheet-safe Arrow text."""
    return pa.table({c: _safe_text(df[c]) for c in PASSTHROUGH if c in df.columns})


def score_table(df: pd.DataFrame) -> tuple[pa.Table | None, list[Problem]]:
    """Return (results as Arrow, problems) for a flat DataFrame: :func:`score_frame`'s columns."""
    parsed = parse_frame(df)
    if parsed.problems:
        return None, parsed.problems
    inputs = inputs_from_parsed(parsed)
    parts = []
    for start in range(0, max(inputs.n, 1), ENGINE_ROWS):
        part = rows_of(inputs, start, start + ENGINE_ROWS)
        engine = score(part.by_factor, part.applicable, part.n)
        parts.append(engine_table(engine, band_codes(engine, part)))
    out = pa.concat_tables(parts)
    head = _passthrough_table(df)
    return pa.Table.from_arrays(
        [*head.columns, *out.columns], names=[*head.column_names, *out.column_names]
    ), []


def score_frame(df: pd.DataFrame) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Return (results, problems) for a flat DataFrame; results are None if any row is bad."""
    parsed = parse_frame(df)
    if parsed.problems:
        return None, parsed.problems
    inputs = inputs_from_parsed(parsed)
    engine = score(inputs.by_factor, inputs.applicable, inputs.n)
    out = engine_frame(engine, band_codes(engine, inputs))
    head = pd.DataFrame({c: df[c].to_numpy() for c in PASSTHROUGH if c in df.columns})
    return pd.concat([head, out], axis=1), []


# ------------------------------------------------------------------ arrow reading

_BLANK_LINES = (b"\n\n", b"\r\r", b"\n\r\n")
_SCAN_BYTES = 1 << 22


def _has_blank_line(open_: Callable) -> bool:
    """Return True if the file holds an empty line (maybe inside a quoted cell: then too)."""
    with open_() as fh:
        tail = b""
        while block := fh.read(_SCAN_BYTES):
            both = tail + block
            if any(b in both for b in _BLANK_LINES):
                return True
            tail = block[-2:]
    return False


def _arrow_reader(table: Table, sep: str, header: list[str]):
    """Return pyarrow's streaming CSV reader over the file, every column read as text."""
    source = pa.BufferReader(table.source) if isinstance(table.source, bytes) else table.source
    return pa_csv.open_csv(
        source if isinstance(source, pa.BufferReader) else str(source),
        read_options=pa_csv.ReadOptions(block_size=1 << 22),
        parse_options=pa_csv.ParseOptions(
            delimiter=sep, newlines_in_values=True, ignore_empty_lines=True
        ),
        convert_options=pa_csv.ConvertOptions(
            column_types={h: pa.string() for h in header},
            strings_can_be_null=True,
            null_values=[""],
            quoted_strings_can_be_null=True,
        ),
    )


class _OtherHeader(Exception):
    """pyarrow read the header differently from the text sniffer: use the pandas reader."""


def _record_blocks(reader, header: list[str], chunksize: int) -> Iterator[tuple[int, pa.Table]]:
    """Yield (index of the first record, table of ``chunksize`` records) from the reader."""
    if reader.schema.names != header:
        raise _OtherHeader
    pending: list[pa.RecordBatch] = []
    held, first = 0, 0
    for batch in reader:
        pending.append(batch)
        held += batch.num_rows
        while held >= chunksize:
            whole = pa.Table.from_batches(pending, reader.schema)
            yield first, whole.slice(0, chunksize)
            first += chunksize
            rest = whole.slice(chunksize)
            pending, held = rest.to_batches(), rest.num_rows
    if held or first == 0:
        yield first, pa.Table.from_batches(pending, reader.schema)


def _unneutralised(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Return a text column without Ergo's neutralising apostrophes (only those cells in Python)."""
    starts = pa_compute.starts_with(col, "'")
    if not pa_compute.any(starts).as_py():
        return col
    maybe = pa_compute.fill_null(starts, False)
    cells = pa_compute.filter(col, maybe).to_pylist()
    fixed = pa.array([unneutralise_cell(v) for v in cells], pa.string())
    return pa.chunked_array([pa_compute.replace_with_mask(col.combine_chunks(), maybe, fixed)])


def _arrow_frame(block: pa.Table, first: int, dates: str) -> pd.DataFrame:
    """Return a block of records as :meth:`assessments.tables.Table.chunks` gives it.

    The columns stay Arrow text (pandas' ``str``); blank rows are dropped and each
    row keeps its spreadsheet number (the header is row 1) in ``attrs``.
    """
    rows = np.arange(first + 2, first + 2 + block.num_rows)
    if block.num_columns:
        used = np.zeros(block.num_rows, dtype=bool)
        for col in block.columns:
            used |= pa_compute.is_valid(col).to_numpy(zero_copy_only=False)
        if not used.all():
            block, rows = block.filter(pa.array(used)), rows[used]
    block = pa.table([_unneutralised(c) for c in block.columns], names=block.column_names)
    frame = _iso_dates(block.to_pandas(), dates)
    frame.attrs[SHEET_ROWS] = rows
    return frame


def read_chunks(src: Path | str | bytes, chunksize: int, *, dates: str = "iso"):
    """Yield a CSV or Excel file in chunks of ``chunksize`` rows, as :meth:`Table.chunks` does.

    A CSV is read by pyarrow's CSV reader (text columns stay Arrow strings); the
    cells, row numbers and problems are those of :class:`assessments.tables.Table`,
    whose pandas reader takes over from the first chunk pyarrow cannot read as
    it does: a file with blank lines (pyarrow would renumber the rows after them),
    rows of another width, a header read differently. Excel goes to ``Table``.
    """
    table = Table(src, dates=dates)
    if table.kind != "csv":
        yield from table.chunks(chunksize)
        return
    sep, header = _check_text_file(table._open)
    problems = _header_problems(header)
    if problems:
        raise TableError(problems)
    done = 0
    if not _has_blank_line(table._open):
        try:
            for first, block in _record_blocks(
                _arrow_reader(table, sep, header), header, chunksize
            ):
                frame = _arrow_frame(block, first, dates)
                yield frame
                done += 1
            return
        except (pa.ArrowInvalid, _OtherHeader):
            pass  # the pandas reader gives this file's cells or its message
    yield from itertools.islice(table.chunks(chunksize), done, None)


def score_csv(
    src: Path,
    dst: Path,
    *,
    chunksize: int = SCORE_CHUNK_ROWS,
    fmt: str = "csv",
    progress: Callable[[int], None] | None = None,
    max_problems: int = 1000,
    dates: str = "iso",
) -> tuple[int, list[Problem]]:
    """Score a CSV (or Excel) file of any length into ``dst`` (CSV or JSON lines) in chunks.

    Memory stays bounded by the chunk size (``SCORE_CHUNK_ROWS`` by default).
    Nothing is written to ``dst`` unless every row is valid (the file is written
    to a temporary name and renamed), so a bad file never leaves half a result.
    The CSV is written by pyarrow's CSV writer from the engine's arrays
    (:func:`score_table`): the same values as :func:`score_frame` through
    :func:`assessments.tables.write_csv`, with formula-like text neutralised the
    same way; text cells are quoted, and whole-number decimals are written
    without ".0" (``25`` for ``25.0``; very small or large ones may use another
    notation, ``0.00001`` for ``1e-05``), the same numbers. Returns (rows scored, problems);
    a file that is not a table at all gives its reasons as problems. ``dates``:
    how the date column is written (:class:`assessments.tables.Table`).
    """
    if fmt not in ("csv", "jsonl"):
        raise ValueError(f"fmt == {fmt!r}, must be one of: csv, jsonl.")
    dst = Path(dst)
    fd, tmp_name = tempfile.mkstemp(prefix=".ergo-", suffix="." + fmt, dir=dst.parent or ".")
    os.close(fd)
    tmp = Path(tmp_name)
    problems: list[Problem] = []
    offset = 0
    try:
        with tmp.open("wb") as fh:
            writer = None
            try:
                for chunk in read_chunks(src, chunksize, dates=dates):
                    out, chunk_problems = (score_table if fmt == "csv" else score_frame)(chunk)
                    problems += in_sheet_rows(chunk_problems, chunk, offset)
                    offset += len(chunk)
                    if progress:
                        progress(len(chunk))
                    if problems:
                        if len(problems) >= max_problems:
                            break
                        continue  # keep validating; write nothing more
                    if fmt == "csv":
                        if writer is None:
                            schema = out.schema
                            writer = pa_csv.CSVWriter(fh, schema, write_options=_CSV_OPTIONS)
                        writer.write_table(out.cast(schema))
                    else:
                        fh.write(
                            out.to_json(orient="records", lines=True, force_ascii=False).encode()
                        )
            except TableError as exc:
                problems += exc.problems
            finally:
                if writer is not None:
                    writer.close()
        if problems:
            tmp.unlink(missing_ok=True)
            return offset, _dedupe_columns(problems)[:max_problems]
        tmp.replace(dst)
        return offset, []
    finally:
        tmp.unlink(missing_ok=True)


def _dedupe_columns(problems: list[Problem]) -> list[Problem]:
    """Unknown-column problems repeat per chunk; keep the first of each."""
    seen, out = set(), []
    for p in problems:
        key = (p.row, p.field, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def score_assessments(assessments: list) -> pd.DataFrame:
    """Return the result columns for validated assessment models, one row each.

    The same columns as :func:`score_frame`, with the assessment id first; used
    where the input arrives as JSON rather than as a flat table.
    """
    inputs = inputs_from_assessments(assessments)
    engine = score(inputs.by_factor, inputs.applicable, inputs.n)
    out = engine_frame(engine, band_codes(engine, inputs))
    out.insert(0, "assessment_id", [a.header.assessment_id for a in assessments])
    return out
