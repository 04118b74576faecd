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

from scoring import (
    awkward_posture,
    contact_stress,
    hand_arm_vibration,
    niosh_lifting,
    prolonged_sitting,
    repetitive_motion,
    whole_body_vibration,
    workstation_height,
)
from scoring.bands import NOT_APPLICABLE, count_high_or_above, worst_band

# Factor id -> method module, in the order the profile and the report show them.
FACTOR_MODULES = {
    "workstation": workstation_height,
    "sitting": prolonged_sitting,
    "lifting": niosh_lifting,
    "hand_arm_vibration": hand_arm_vibration,
    "whole_body_vibration": whole_body_vibration,
    "contact_stress": contact_stress,
    "repetitive_motion": repetitive_motion,
    "awkward_posture": awkward_posture,
}
FACTORS = tuple(FACTOR_MODULES)
SEAT_EDGE_INPUT = "seat_edge_h"  # contact stress input derived from the workstation


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
    native = np.full((n, len(FACTORS)), np.nan)
    band = np.full((n, len(FACTORS)), NOT_APPLICABLE, dtype=np.int8)
    index = np.full((n, len(FACTORS)), np.nan)
    borderline = np.zeros((n, len(FACTORS)), dtype=bool)
    for j, factor in enumerate(FACTORS):
        kwargs = dict(inputs.get(factor, {}))
        if factor == "contact_stress":
            kwargs[SEAT_EDGE_INPUT] = _seat_edge_hours(results, inputs, applicable, n)
        res = call_assess(FACTOR_MODULES[factor], kwargs)
        results[factor] = res
        ok = np.asarray(applicable.get(factor, np.zeros(n, bool)), dtype=bool) & (
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


def _seat_edge_hours(results, inputs, applicable, n) -> np.ndarray:
    """Hours a day the seat front presses the thighs (derived from the workstation and sitting inputs).

    A seat set above the shod popliteal height (plus footrest) loads the
    underside of the thighs for as long as the worker sits.
    """
    ws = results.get("workstation")
    seated = np.asarray(
        inputs.get("sitting", {}).get("seated_h_per_day", np.full(n, np.nan)), float
    )
    if ws is None:
        return np.zeros(n)
    too_high = np.asarray(ws.seat_too_high, dtype=bool) & np.asarray(
        applicable.get("workstation", np.zeros(n, bool)), dtype=bool
    )
    return np.where(too_high & ~np.isnan(seated), np.nan_to_num(seated), 0.0)
