"""Prolonged sitting in words: seated hours and bout against their edges, Buckley's targets."""

from __future__ import annotations

import numpy as np

from scoring.bands import LOW, NOT_APPLICABLE, band_name
from scoring.prolonged_sitting import METHOD, SittingResult
from scoring.results import DetailTable, FactorResult, Metric


def _n(v: float) -> str:
    """Return a number with at most two decimals and no trailing zeros (8.01, 7.5, 8)."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _hours_driver(h: float) -> str:
    for edge, in_lower in zip((8.0, 6.0, 4.0), (True, False, False), strict=True):
        if h > edge or (h == edge and not in_lower):
            rel = "is above" if h > edge else "reaches"
            return f"{_n(h)} h/day seated {rel} {_n(edge)} h"
    return ""


def _bout_driver(b: float) -> str:
    for edge in (60.0, 30.0):
        if b > edge:
            return f"Longest seated bout {_n(b)} min exceeds {_n(edge)} min"
    return ""


def factor_result(res: SittingResult, i: int = 0) -> FactorResult:
    """Return row ``i`` of a prolonged-sitting result as a FactorResult."""
    band = int(res.band[i])
    if band == NOT_APPLICABLE:
        return FactorResult.not_applicable(
            factor=METHOD.factor,
            title=METHOD.factor_title,
            method=METHOD.id,
            reason="Neither seated hours nor the longest seated bout was given.",
        )
    hours = float(res.seated_h_per_day[i])
    bout = float(res.longest_bout_min[i])
    standing = float(res.standing_h_per_day[i])
    headline = Metric("seated_h_per_day", "seated", hours, "h/day", decimals=1)
    metrics = [
        headline,
        Metric("longest_bout_min", "longest seated bout", bout, "min", decimals=0),
        Metric("standing_h_per_day", "standing and light activity", standing, "h/day", 1),
        Metric(
            "standing_short_of_initial_h",
            "short of Buckley's 2 h/day initial target",
            float(res.standing_short_of_initial_h[i]),
            "h/day",
            1,
        ),
        Metric(
            "standing_short_of_goal_h",
            "short of Buckley's 4 h/day goal",
            float(res.standing_short_of_goal_h[i]),
            "h/day",
            1,
        ),
    ]
    drivers = []
    hb, bb = int(res.hours_band[i]), int(res.bout_band[i])
    # The exposure that sets the band comes first.
    parts = [(hb, _hours_driver(hours)), (bb, _bout_driver(bout))]
    for _, text in sorted(parts, key=lambda p: -p[0]):
        if text:
            drivers.append(text)
    if not np.isnan(standing) and not res.meets_buckley_initial[i]:
        drivers.append(
            f"Standing and light activity {_n(standing)} h/day is below Buckley's "
            "initial 2 h/day target"
        )
    elif not np.isnan(standing) and not res.meets_buckley_goal[i]:
        drivers.append(
            f"Standing and light activity {_n(standing)} h/day is below Buckley's 4 h/day goal"
        )
    if band > LOW and not res.sit_stand_desk[i]:
        drivers.append("No sit-stand desk to break up seated work")

    missing = []
    if np.isnan(hours):
        missing.append("seated hours not given: banded on the longest bout alone")
    if np.isnan(bout):
        missing.append("longest seated bout not given: banded on daily hours alone")
    reason = "; ".join(missing).capitalize() + ("." if missing else "")

    rows = (
        (
            "Seated time",
            f"{_n(hours)} h/day" if not np.isnan(hours) else "not given",
            band_name(hb),
        ),
        (
            "Longest seated bout",
            f"{_n(bout)} min" if not np.isnan(bout) else "not given",
            band_name(bb),
        ),
    )
    if band == LOW:
        cause = "under 4 h/day seated and no seated bout over 30 min"
    else:
        causes = []
        if hb == band:
            causes.append(_hours_driver(hours).replace(" seated", " seated time"))
        if bb == band:
            causes.append(_bout_driver(bout).lower())
        cause = " and ".join(causes)
    why = (
        f"{band_name(band).capitalize()}: {cause}. Health guidance on total daily sitting, not "
        "an exposure limit (project scale on Buckley 2015, ROSA 30/60 min and sedentary-"
        "behaviour epidemiology)."
    )
    return FactorResult(
        factor=METHOD.factor,
        title=METHOD.factor_title,
        method=METHOD.id,
        applicable=True,
        reason=reason,
        band=band,
        index=float(res.index[i]),
        headline=headline,
        metrics=tuple(metrics),
        tables=(
            DetailTable(
                title="Sitting exposures and their bands",
                columns=("exposure", "value", "band"),
                rows=rows,
            ),
        ),
        drivers=tuple(drivers),
        borderline=bool(res.borderline[i]),
        why=why,
    )
