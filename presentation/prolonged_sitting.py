"""Prolonged sitting in words: seated hours and bout against their edges, Buckley's targets."""

from __future__ import annotations

import numpy as np

from scoring import prolonged_sitting as sitting
from scoring.bands import LOW, NOT_APPLICABLE, BandScale, band_name
from scoring.prolonged_sitting import METHOD, SittingResult
from scoring.results import DetailTable, FactorResult, Metric


def _n(v: float) -> str:
    """Return a number with at most two decimals and no trailing zeros (8.01, 7.5, 8)."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _edge_driver(x: float, scale: BandScale, text: str, above: str) -> str:
    """Return ``text`` for the highest band edge x has passed ("" when none).

    ``text`` holds {x}, {rel} (``above``, or "reaches" for a value on the edge) and
    {edge}. The edges, and the side of an edge a value on it falls, come from the scale
    the method bands with (read when called), so the sentences move with the bands.
    """
    passed = None
    for edge, in_lower in zip(scale.edges, scale.edge_in_lower, strict=True):
        if edge is not None and (x > edge or (x == edge and not in_lower)):
            passed = edge
    if passed is None:
        return ""
    return text.format(x=_n(x), rel=above if x > passed else "reaches", edge=_n(passed))


def _hours_driver(h: float) -> str:
    return _edge_driver(h, sitting.HOURS_SCALE, "{x} h/day seated {rel} {edge} h", "is above")


def _bout_driver(b: float) -> str:
    text = "Longest seated bout {x} min {rel} {edge} min"
    return _edge_driver(b, sitting.BOUT_SCALE, text, "exceeds")


def _low_cause() -> str:
    """Return what keeps both exposures in the low band, in words ("under 4 h/day ...")."""
    hours, bout = sitting.HOURS_SCALE.edges[0], sitting.BOUT_SCALE.edges[0]
    hours_side = "up to" if sitting.HOURS_SCALE.edge_in_lower[0] else "under"
    bout_side = "over {} min" if sitting.BOUT_SCALE.edge_in_lower[0] else "of {} min or more"
    return f"{hours_side} {_n(hours)} h/day seated and no seated bout " + bout_side.format(_n(bout))


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
            f"short of Buckley's {_n(sitting.BUCKLEY_INITIAL_H)} h/day initial target",
            float(res.standing_short_of_initial_h[i]),
            "h/day",
            1,
        ),
        Metric(
            "standing_short_of_goal_h",
            f"short of Buckley's {_n(sitting.BUCKLEY_GOAL_H)} h/day goal",
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
            f"initial {_n(sitting.BUCKLEY_INITIAL_H)} h/day target"
        )
    elif not np.isnan(standing) and not res.meets_buckley_goal[i]:
        drivers.append(
            f"Standing and light activity {_n(standing)} h/day is below Buckley's "
            f"{_n(sitting.BUCKLEY_GOAL_H)} h/day goal"
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
        cause = _low_cause()
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
