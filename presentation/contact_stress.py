"""Contact stress in words: the hammering rate and the L&I criterion table, drivers and why."""

from __future__ import annotations

import numpy as np

from presentation import lni_zones as z
from scoring.bands import BORDERLINE_FRACTION
from scoring.contact_stress import (
    CRITERIA,
    HAMMER_CAUTION_RATE_PER_H,
    HAMMER_HAZARD_RATE_PER_H,
    METHOD,
    ContactStressResult,
)
from scoring.results import FactorResult, Metric


def factor_result(res: ContactStressResult, i: int = 0) -> FactorResult:
    """Return row ``i`` of an :func:`assess` result as a FactorResult."""
    i = int(i)
    rate = float(res.hammer_impacts_per_h[i])
    metrics = ()
    before = []
    hammer_h = float(res.hours[i, 0])
    if not np.isnan(hammer_h) and hammer_h > 0:
        metrics = (Metric("hammer_rate", "Hand/knee hammering rate", rate, "impacts/h", 0),)
        if np.isnan(rate):
            before.append(
                f"Hand or knee used as a hammer {hammer_h:.1f} h/day: impact rate not given, "
                "so the repeated-impact criterion is not scored"
            )
        elif rate <= HAMMER_CAUTION_RATE_PER_H:
            before.append(
                f"Hand or knee used as a hammer at {rate:g} impacts/h: not more than "
                f"{HAMMER_CAUTION_RATE_PER_H:g}/h, so no repeated-impact criterion applies"
            )
    near_rate = any(
        abs(rate - e) <= BORDERLINE_FRACTION * e
        for e in (HAMMER_CAUTION_RATE_PER_H, HAMMER_HAZARD_RATE_PER_H)
    )
    if bool(res.criterion_borderline[i, 0]) and near_rate:
        before.append(
            f"Impact rate {rate:g}/h is within 10 % of the "
            f"{HAMMER_CAUTION_RATE_PER_H:g}/h or {HAMMER_HAZARD_RATE_PER_H:g}/h zone edge"
        )
    return z.zone_factor_result(
        res,
        CRITERIA,
        i,
        factor=METHOD.factor,
        title=METHOD.factor_title,
        method=METHOD.id,
        metrics=metrics,
        drivers_after=before,
    )
