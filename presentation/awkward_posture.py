"""Awkward posture in words: the raising rate, the L&I criterion table, drivers and why."""

from __future__ import annotations

import numpy as np

from presentation import lni_zones as z
from scoring.awkward_posture import CRITERIA, METHOD, RAISING_RATE_PER_MIN, AwkwardPostureResult
from scoring.results import FactorResult, Metric


def _raising_notes(res: AwkwardPostureResult, i: int) -> tuple[tuple[Metric, ...], list[str]]:
    """Return the raising-rate metric and sentences of row i."""
    return z.rate_notes(
        res,
        i,
        1,
        metric=("raising_rate", "Raising rate", "per min", 1),
        edges=(RAISING_RATE_PER_MIN,),
        not_given=lambda hours: (
            f"Repeated raising {hours:.1f} h/day: rate not given, so the hazard line "
            "(more than once per minute, more than 4 h/day) is not scored"
        ),
        not_above=lambda rate: (
            f"Repeated raising at {rate:g}/min: not more than once per minute, so the "
            "repeated-raising hazard line does not apply"
        ),
        near_edge=lambda rate: (
            f"Raising rate {rate:g}/min is within 10 % of the once-per-minute edge"
        ),
    )


def _bending_note(res: AwkwardPostureResult, i: int) -> list[str]:
    """Return the sentence saying the bending caution line read a least value, if it did."""
    h = float(res.hours[i, 2])
    if bool(res.bending_30_given[i]) or np.isnan(h) or h <= 0:
        return []
    return [
        "Time with the neck or back bent more than 30° was not entered: the caution line "
        f"reads {h:.1f} h/day, the longest bending time entered, the least it can be"
    ]


def factor_result(res: AwkwardPostureResult, i: int = 0) -> FactorResult:
    """Return row ``i`` of an :func:`assess` result as a FactorResult."""
    i = int(i)
    metrics, after = _raising_notes(res, i)
    return z.method_zone_result(
        METHOD, res, CRITERIA, i, metrics=metrics, drivers_after=after + _bending_note(res, i)
    )
