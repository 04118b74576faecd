"""Refactoring must not change a single number: results are compared with a stored snapshot.

The snapshot (``tests/data/results_snapshot.json.gz``) was made from main before the method
registry replaced the scattered factor maps. It holds, for a synthetic set of assessments,
a hash of every batch result column and of every array every method's ``assess`` returns
(with a few sample values so a failure shows what moved), and for each example file every
factor's metrics, detail tables, drivers, sentence and recommendations in full.

Regenerate only for an intended change of results (and say so in the commit):
``python -m tests.test_results_unchanged --write``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assessments.batch import score_frame
from assessments.evaluate import inputs_from_parsed, score_assessment
from assessments.io import load_json, parse_frame
from benchmarks.synthetic import synthetic_frame
from scoring.engine import score

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "data" / "results_snapshot.json.gz"
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
N_SYNTHETIC = 3000
SAMPLE_ROWS = (0, 1, 2, 7, 100, 1234, 2999)


def _canon(v) -> str:
    """Return one value as stable text (floats at 9 significant digits, NaN as 'nan')."""
    if isinstance(v, (float, np.floating)):
        return "nan" if math.isnan(v) else f"{float(v):.9g}"
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return str(v)


def _column_entry(values) -> dict:
    """Return a column's hash over every value and a few sample values."""
    arr = np.asarray(values)
    flat = arr.reshape(arr.shape[0], -1) if arr.ndim > 1 else arr.reshape(-1, 1)
    text = "\n".join("|".join(_canon(x) for x in row) for row in flat)
    samples = {str(i): [_canon(x) for x in flat[i]] for i in SAMPLE_ROWS if i < len(flat)}
    return {
        "shape": list(arr.shape),
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "sample": samples,
    }


def _synthetic(columns: list[str] | None) -> pd.DataFrame:
    """Return the synthetic set as the snapshot saw it: only its input columns.

    The generator gains columns for factors added later (drawn from their own random
    stream); with them the overall band could move, so they are left out here.
    """
    frame = synthetic_frame(N_SYNTHETIC, seed=11)
    return frame if columns is None else frame[[c for c in frame.columns if c in columns]]


def _batch_columns(columns: list[str] | None) -> dict:
    out, problems = score_frame(_synthetic(columns))
    assert not problems, problems[:3]
    return {c: _column_entry(out[c].to_numpy()) for c in out.columns}


def _method_arrays(columns: list[str] | None) -> dict:
    parsed = parse_frame(_synthetic(columns))
    inputs = inputs_from_parsed(parsed)
    engine = score(inputs.by_factor, inputs.applicable, inputs.n)
    arrays = {}
    for factor, res in engine.results.items():
        for name in res._fields:
            v = np.asarray(getattr(res, name))
            if v.ndim == 0 or v.shape[0] != inputs.n:
                v = np.broadcast_to(v, (inputs.n, *v.shape[1:]) if v.ndim else (inputs.n,))
            arrays[f"{factor}.{name}"] = _column_entry(v)
    # Per factor column, so a factor added later leaves the existing columns comparable.
    for name in ("native", "band", "index", "borderline"):
        for j, factor in enumerate(engine.results):
            arrays[f"engine.{name}.{factor}"] = _column_entry(getattr(engine, name)[:, j])
    for name in ("overall_band", "n_high"):
        arrays[f"engine.{name}"] = _column_entry(getattr(engine, name))
    return arrays


def _metric(m) -> list:
    return [m.key, m.label, _canon(m.value), m.unit, m.decimals]


def _example(path: Path) -> dict:
    items, problems = load_json(path.read_text(encoding="utf-8"))
    assert not problems, problems
    res = score_assessment(items[0])
    factors = {}
    for f in res.factors:
        factors[f.factor] = {
            "status": f.status,
            "index": _canon(f.index),
            "headline": _metric(f.headline) if f.headline else None,
            "metrics": [_metric(m) for m in f.metrics],
            "tables": [
                [t.title, list(t.columns), [[_canon(c) for c in r] for r in t.rows]]
                for t in f.tables
            ],
            "drivers": list(f.drivers),
            "borderline": f.borderline,
            "why": f.why,
            "reason": f.reason,
        }
    recs = [
        [
            r.id,
            r.control,
            r.effect,
            _canon(r.index_before),
            _canon(r.index_after),
            _canon(r.native_before),
            _canon(r.native_after),
            [list(map(_canon, c)) for c in r.changes],
        ]
        for r in res.recommendations
    ]
    return {
        "overall": [res.overall_band, res.n_high],
        "factors": factors,
        "recommendations": recs,
        "desk_targets": {k: _canon(v) for k, v in res.desk_targets.items()},
        "desk_limits": list(res.desk_limits),
    }


def build_snapshot(columns: list[str] | None = None) -> dict:
    """Return the current results in the snapshot's layout (inputs: the given columns)."""
    return {
        "inputs": list(_synthetic(columns).columns),
        "batch": _batch_columns(columns),
        "arrays": _method_arrays(columns),
        "examples": {p.name: _example(p) for p in EXAMPLES},
    }


@pytest.fixture(scope="module")
def stored() -> dict:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def current(stored) -> dict:
    return build_snapshot(stored["inputs"])


def _differences(stored_part: dict, current_part: dict) -> list[str]:
    diffs = []
    for key, entry in stored_part.items():
        now = current_part.get(key)
        if now is None:
            diffs.append(f"{key}: missing now")
        elif now["sha256"] != entry["sha256"] or now["shape"] != entry["shape"]:
            diffs.append(f"{key}: was {entry['sample']}, now {now['sample']}")
    return diffs


def test_every_batch_result_column_unchanged(stored, current):
    # New factors may add columns; every column that existed must hold the same values.
    assert not _differences(stored["batch"], current["batch"])


def test_every_method_array_unchanged(stored, current):
    assert not _differences(stored["arrays"], current["arrays"])


@pytest.mark.parametrize("name", [p.name for p in EXAMPLES])
def test_example_results_unchanged(stored, current, name):
    was, now = stored["examples"][name], current["examples"][name]
    for factor, entry in was["factors"].items():
        assert now["factors"][factor] == entry, factor
    assert now["overall"] == was["overall"]
    assert now["recommendations"] == was["recommendations"]
    assert now["desk_targets"] == was["desk_targets"]
    assert now["desk_limits"] == was["desk_limits"]


if __name__ == "__main__" and "--write" in sys.argv:
    SNAPSHOT.parent.mkdir(exist_ok=True)
    text = json.dumps(build_snapshot(), sort_keys=True, separators=(",", ":"))
    # mtime=0 so the same results give the same bytes (a regenerated file diffs only on change).
    with SNAPSHOT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(text.encode("utf-8"))
    print(f"wrote {SNAPSHOT.relative_to(ROOT)} ({SNAPSHOT.stat().st_size} bytes)")
