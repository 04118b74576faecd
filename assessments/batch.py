"""Score a whole table of assessments at once (no per-row Python loop).

The flat table is parsed column by column (:func:`assessments.io.parse_frame`),
handed to the same engine the form uses, and the results come back as columns:
per factor the headline native value, band, risk index, borderline flag and a
few method-specific metrics, then the overall band and the count of factors at
high or above.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from assessments.evaluate import band_codes, inputs_from_assessments, inputs_from_parsed
from assessments.fields import Problem
from assessments.io import parse_frame
from assessments.tables import CHUNK_ROWS, Table, TableError, in_sheet_rows, write_csv
from scoring import METHOD_VERSION
from scoring.bands import BAND_NAMES, NOT_APPLICABLE, NOT_ASSESSED
from scoring.engine import FACTORS, EngineResult, score

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
# Method-specific result fields written beside the headline value.
EXTRA_METRICS = {
    "workstation": ("worst_dimension",),
    "sitting": (),
    "lifting": ("n_tasks",),
    "hand_arm_vibration": ("points",),
    "whole_body_vibration": ("points", "dominant_axis", "vdv_m_s175", "vdv_axis"),
    "contact_stress": ("dominant",),
    "repetitive_motion": ("dominant",),
    "awkward_posture": ("dominant",),
}
_BAND_LABELS = np.array(["not assessed", "not applicable", *BAND_NAMES], dtype=object)


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
    for j, factor in enumerate(FACTORS):
        res = engine.results[factor]
        ok = engine.band[:, j] >= 0
        cols[f"{factor}.native"] = np.round(engine.native[:, j], 4)
        cols[f"{factor}.band"] = band_labels(band[:, j])
        cols[f"{factor}.index"] = np.round(engine.index[:, j], 2)
        cols[f"{factor}.borderline"] = engine.borderline[:, j]
        for name in EXTRA_METRICS[factor]:
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


def score_csv(
    src: Path,
    dst: Path,
    *,
    chunksize: int = CHUNK_ROWS,
    fmt: str = "csv",
    progress: Callable[[int], None] | None = None,
    max_problems: int = 1000,
    dates: str = "iso",
) -> tuple[int, list[Problem]]:
    """Score a CSV (or Excel) file of any length into ``dst`` (CSV or JSON lines) in chunks.

    Memory stays bounded by the chunk size (25,000 rows by default: half the peak
    of 100,000 at no cost in time). Nothing is written to ``dst`` unless every
    row is valid (the file is written to a temporary name and renamed), so a bad
    file never leaves half a result. The CSV goes through the one spreadsheet-safe
    writer (:func:`assessments.tables.write_csv`). Returns (rows scored, problems);
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
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            try:
                for chunk in Table(src, dates=dates).chunks(chunksize):
                    out, chunk_problems = score_frame(chunk)
                    problems += in_sheet_rows(chunk_problems, chunk, offset)
                    offset += len(chunk)
                    if progress:
                        progress(len(chunk))
                    if problems:
                        if len(problems) >= max_problems:
                            break
                        continue  # keep validating; write nothing more
                    if fmt == "csv":
                        write_csv(out, fh, header=fh.tell() == 0)
                    else:
                        out.to_json(fh, orient="records", lines=True, force_ascii=False)
            except TableError as exc:
                problems += exc.problems
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
