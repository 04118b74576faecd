"""Score every factor of many assessments at once, from plain arrays.

``score(inputs, applicable)`` is the one scoring path: the form calls it with
n = 1, the batch path with whole columns, and both get the same numbers. It
knows nothing of pydantic, CSV or pandas: ``inputs`` maps each factor to the
keyword arguments of its method's ``assess`` (numpy arrays), ``applicable``
maps each factor to a boolean array (False where the section was not assessed
or was marked not applicable).
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from scoring import registry
from scoring.bands import NOT_APPLICABLE, count_high_or_above, worst_band
from scoring.registry import FACTOR_IDS

# The factor ids in registry order: the column order of every (n, factors) array.
FACTORS = FACTOR_IDS


@dataclass
class EngineResult:
    """Per-factor method results and the (n, factors) summary arrays."""

    n: int
    results: dict[str, Any]  # factor -> the method's NamedTuple of arrays
    native: np.ndarray  # (n, F) headline native value, NaN where not applicable
    band: np.ndarray  # (n, F) int8, -1 where not applicable
    index: np.ndarray  # (n, F) 0-100, NaN where not applicable
    borderline: np.ndarray  # (n, F) bool
    overall_band: np.ndarray  # (n,) worst band, -1 when nothing applies
    n_high: np.ndarray  # (n,) factors at high or very high


def call_assess(module, kwargs: Mapping[str, Any]):
    """Call a method's ``assess`` with the inputs it declares (others are ignored)."""
    params = inspect.signature(module.assess).parameters
    missing = [
        p for p, v in params.items() if v.default is inspect.Parameter.empty and p not in kwargs
    ]
    if missing:
        raise TypeError(f"{module.__name__}.assess is missing inputs: {', '.join(missing)}.")
    return module.assess(**{k: v for k, v in kwargs.items() if k in params})


def score(
    inputs: Mapping[str, Mapping[str, Any]], applicable: Mapping[str, np.ndarray], n: int
) -> EngineResult:
    """Return every factor's result for n assessments (see the module docstring)."""
    results: dict[str, Any] = {}
    native = np.full((n, len(FACTOR_IDS)), np.nan)
    band = np.full((n, len(FACTOR_IDS)), NOT_APPLICABLE, dtype=np.int8)
    index = np.full((n, len(FACTOR_IDS)), np.nan)
    borderline = np.zeros((n, len(FACTOR_IDS)), dtype=bool)
    for j, factor in enumerate(registry.FACTORS):
        kwargs = dict(inputs.get(factor.id, {}))
        if factor.derive is not None:
            kwargs |= factor.derive(results, inputs, applicable, n)
        res = call_assess(factor.module, kwargs)
        results[factor.id] = res
        ok = np.asarray(applicable.get(factor.id, np.zeros(n, bool)), dtype=bool) & (
            np.asarray(res.band) >= 0
        )
        native[:, j] = np.where(ok, res.native, np.nan)
        band[:, j] = np.where(ok, res.band, NOT_APPLICABLE)
        index[:, j] = np.where(ok, res.index, np.nan)
        borderline[:, j] = ok & np.asarray(res.borderline, dtype=bool)
    return EngineResult(
        n=n,
        results=results,
        native=native,
        band=band,
        index=index,
        borderline=borderline,
        overall_band=worst_band(band).astype(np.int8),
        n_high=count_high_or_above(band),
    )
