"""Contact stress in words: the hammering rate and the L&I criterion table, drivers and why."""

from __future__ import annotations

from presentation import lni_zones as z
from scoring.contact_stress import (
    CRITERIA,
    HAMMER_CAUTION_RATE_PER_H,
    HAMMER_HAZARD_RATE_PER_H,
    METHOD,
    ContactStressResult,
)
from scoring.results import FactorResult


def factor_result(res: ContactStressResult, i: int = 0) -> FactorResult:
    """Return row ``i`` of an :func:`assess` result as a FactorResult."""
    i = int(i)
    metrics, before = z.rate_notes(
        res,
        i,
        0,
        metric=("hammer_rate", "Hand/knee hammering rate", "impacts/h", 0),
        edges=(HAMMER_CAUTION_RATE_PER_H, HAMMER_HAZARD_RATE_PER_H),
        not_given=lambda hours: (
            f"Hand or knee used as a hammer {hours:.1f} h/day: impact rate not given, "
            "so the repeated-impact criterion is not scored"
        ),
        not_above=lambda rate: (
            f"Hand or knee used as a hammer at {rate:g} impacts/h: not more than "
            f"{HAMMER_CAUTION_RATE_PER_H:g}/h, so no repeated-impact criterion applies"
        ),
        near_edge=lambda rate: (
            f"Impact rate {rate:g}/h is within 10 % of the "
            f"{HAMMER_CAUTION_RATE_PER_H:g}/h or {HAMMER_HAZARD_RATE_PER_H:g}/h zone edge"
        ),
    )
    return z.method_zone_result(METHOD, res, CRITERIA, i, metrics=metrics, drivers_after=before)
