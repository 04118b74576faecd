"""Prolonged sitting: daily seated hours and the longest uninterrupted seated bout.

Two exposures are banded separately and the worse one wins:

- daily seated time: < 4 h/day low, 4-6 h moderate, 6-8 h high, > 8 h very high;
- longest uninterrupted seated bout: <= 30 min low, > 30-60 min moderate,
  > 60 min high (a bout alone never reaches very high).

The bands are health guidance on total daily sitting, not an exposure limit: no
law or standard sets a limit on sitting time. The band edges are a project scale
built on Buckley et al. (2015) (accumulate
2 h/day, then 4 h/day, of standing and light activity; break up seated work),
the ROSA duration thresholds of 30 and 60 min (Sonne et al. 2012), the DOSH
Malaysia ERA 2017 screen (static seated posture > 30 min) and the sedentary-
behaviour mortality epidemiology (Chau et al. 2013; Ekelund et al. 2016;
Patterson et al. 2018: risk rising above about 6-8 h/day of total sitting).
Standing and light activity is reported against Buckley's 2 h (initial) and
4 h (goal) targets but does not enter the band.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from scoring.bands import NOT_APPLICABLE, BandScale
from scoring.results import MethodInfo

# Daily seated time [h/day], health guidance (project scale on bib:chau-2013,
# bib:ekelund-2016, bib:patterson-2018, bib:buckley-2015): 4 h -> moderate, 6 h -> high,
# 8 h stays high, > 8 h very high.
HOURS_SCALE = BandScale(
    edges=(4.0, 6.0, 8.0), cap=16.0, edge_in_lower=(False, False, True), unit="h/day"
)
# Longest uninterrupted seated bout [min] (project scale on the bib:sonne-2012 ROSA duration
# thresholds 30/60 min and bib:dosh-2017 static posture > 30 min): 30 min stays low, 60 min
# stays moderate.
BOUT_SCALE = BandScale(
    edges=(30.0, 60.0, None), cap=240.0, edge_in_lower=(True, True, True), unit="min"
)
# bib:buckley-2015 abstract: standing and light activity during working hours [h/day].
BUCKLEY_INITIAL_H = 2.0
BUCKLEY_GOAL_H = 4.0

REFERENCES = (
    "buckley-2015",
    "sonne-2012",
    "dosh-2017",
    "chau-2013",
    "ekelund-2016",
    "patterson-2018",
)

METHOD = MethodInfo(
    id="prolonged_sitting",
    factor="sitting",
    factor_title="Prolonged sitting",
    title="Daily seated time and longest seated bout",
    edition="Buckley et al. 2015 expert statement; ROSA (Sonne et al. 2012) duration rules",
    summary=(
        "Bands the daily seated time (< 4 h/day low, 4-6 h moderate, 6-8 h high, > 8 h very "
        "high) and the longest uninterrupted seated bout (<= 30 min low, > 30-60 min "
        "moderate, > 60 min high) and takes the worse. The bands are health guidance on "
        "total daily sitting, not an exposure limit: no law or standard limits sitting time. "
        "The edges are a project scale built "
        "on the ROSA 30/60 min duration thresholds, the DOSH Malaysia 30 min static-posture "
        "screen, Buckley et al. 2015 (accumulate 2 h, then 4 h/day of standing and light "
        "activity) and the mortality epidemiology (risk rising above about 6-8 h/day). "
        "Standing time is reported against Buckley's 2 h and 4 h/day targets, outside the "
        "band."
    ),
    native="Seated time [h/day]",
    scale=HOURS_SCALE,
    band_basis=(
        "Health guidance on total daily sitting, not an exposure limit (project scale). "
        "Daily seated time: < 4 h/day low, >= 4 h moderate, >= 6 h high, "
        "> 8 h very high (Chau 2013, Ekelund 2016, Patterson 2018: mortality risk rising "
        "above about 6-8 h/day; Buckley 2015). Longest seated bout: <= 30 min low, > 30 min "
        "moderate, > 60 min high (ROSA 30/60 min, Sonne 2012; DOSH ERA 2017 > 30 min). The "
        "band is the worse of the two; the index the higher (hours reach 100 at 16 h/day, "
        "bouts stop below 75). Borderline: within 10 % of an edge that would change the band."
    ),
    inputs=("seated_h_per_day", "longest_bout_min", "sit_stand_desk", "standing_h_per_day"),
    references=REFERENCES,
    unconfirmed=(
        "Mortality risk rising above about 6-8 h/day of total sitting (Chau 2013, Ekelund "
        "2016, Patterson 2018): recalled from the papers, their text was not seen.",
        "ROSA duration thresholds 30 and 60 min (Sonne 2012): checked against a third-party "
        "implementation, not the paper.",
        "DOSH Malaysia 2017 static seated posture > 30 min: checked against a third-party "
        "implementation, not the guideline.",
        "Buckley 2015 advising to avoid prolonged static standing (behind the advice 'avoid "
        "standing still for long'): reported from the statement by a secondary summary; the "
        "abstract, which was seen, does not say it.",
    ),
)


class SittingResult(NamedTuple):
    """Per-assessment arrays from :func:`assess`."""

    native: np.ndarray  # seated h/day
    band: np.ndarray
    index: np.ndarray
    borderline: np.ndarray
    hours_band: np.ndarray
    hours_index: np.ndarray
    bout_band: np.ndarray
    bout_index: np.ndarray
    governing: np.ndarray  # "hours", "bout", "both" or "" (nothing scored)
    meets_buckley_initial: np.ndarray  # standing >= 2 h/day
    meets_buckley_goal: np.ndarray  # standing >= 4 h/day
    standing_short_of_initial_h: np.ndarray
    standing_short_of_goal_h: np.ndarray
    seated_h_per_day: np.ndarray
    longest_bout_min: np.ndarray
    sit_stand_desk: np.ndarray
    standing_h_per_day: np.ndarray


def _shape(*values) -> tuple[int, ...]:
    shape = np.broadcast_shapes(*(np.shape(v) for v in values))
    return shape if shape else (1,)


def _num(x, shape) -> np.ndarray:
    return np.array(np.broadcast_to(np.asarray(x, dtype=float), shape), dtype=float)


def _bool(x, shape) -> np.ndarray:
    arr = np.asarray(x)
    if arr.dtype == object:
        # None or NaN means "not given", which is not a sit-stand desk.
        arr = np.asarray(arr == True, dtype=bool)  # noqa: E712
    elif arr.dtype.kind == "f":
        arr = np.where(np.isnan(arr), 0.0, arr)
    return np.array(np.broadcast_to(arr.astype(bool), shape))


def _borderline(scale: BandScale, x, overall, other_band) -> np.ndarray:
    """Return True where ``x`` is within 10 % of an edge whose crossing changes the band."""
    x = np.asarray(x, dtype=float)
    own = np.asarray(scale.band(x))
    flag = np.zeros(x.shape, dtype=bool)
    for edge in scale.edges:
        if edge is None or edge == 0:
            continue
        near = np.abs(x - edge) <= 0.10 * abs(edge)  # project rule: within 10 % of a band edge
        below = scale.band(np.nextafter(edge, -np.inf))
        above = scale.band(np.nextafter(edge, np.inf))
        across = np.where(own == below, above, below)
        flag |= near & (np.maximum(other_band, across) != overall)
    return flag


def assess(
    *,
    seated_h_per_day,
    longest_bout_min=np.nan,
    sit_stand_desk=False,
    standing_h_per_day=np.nan,
) -> SittingResult:
    """Return the prolonged-sitting band, index and Buckley standing-time check.

    Parameters
    ----------
    seated_h_per_day
        Time seated on a working day; NaN when not given. [h/day]
    longest_bout_min
        Longest uninterrupted seated period; NaN when not given. [min]
    sit_stand_desk
        Whether the worker has a sit-stand desk (reported, not scored). [bool]
    standing_h_per_day
        Standing and light activity during working hours; NaN when not given. [h/day]

    Returns
    -------
    SittingResult
        ``native`` seated time [h/day]; ``band`` (int8, the worse of ``hours_band`` and
        ``bout_band``; -1 when neither is given); ``index`` [0-100] (the higher of
        ``hours_index`` and ``bout_index``); ``borderline`` (bool, within 10 % of an
        edge whose crossing would change the band); ``governing`` ("hours", "bout",
        "both", ""); ``meets_buckley_initial`` / ``meets_buckley_goal`` (bool, standing
        >= 2 / >= 4 h/day); ``standing_short_of_initial_h`` / ``standing_short_of_goal_h``
        [h/day]; and the inputs.

    Notes
    -----
    Hours: ``BandScale(edges=(4, 6, 8), edge_in_lower=(False, False, True), cap=16)``;
    bouts: ``BandScale(edges=(30, 60, None), edge_in_lower=(True, True, True), cap=240)``.
    The edges are a project rule (see ``METHOD.band_basis``).

    References
    ----------
    Buckley et al. 2015, https://doi.org/10.1136/bjsports-2015-094618; Sonne et al. 2012,
    https://doi.org/10.1016/j.apergo.2011.03.008; DOSH Malaysia ERA 2017; Chau et al. 2013,
    Ekelund et al. 2016, Patterson et al. 2018 (background). See ``REFERENCES``.
    """
    shape = _shape(seated_h_per_day, longest_bout_min, sit_stand_desk, standing_h_per_day)
    hours = _num(seated_h_per_day, shape)
    bout = _num(longest_bout_min, shape)
    standing = _num(standing_h_per_day, shape)
    desk = _bool(sit_stand_desk, shape)

    hours_band = np.asarray(HOURS_SCALE.band(hours), dtype=np.int8)
    bout_band = np.asarray(BOUT_SCALE.band(bout), dtype=np.int8)
    hours_index = np.asarray(HOURS_SCALE.index(hours), dtype=float)
    bout_index = np.asarray(BOUT_SCALE.index(bout), dtype=float)
    # The worse exposure sets the band (band codes are ordered; -1 loses to any band).
    band = np.maximum(hours_band, bout_band).astype(np.int8)
    index = np.fmax(hours_index, bout_index)
    borderline = _borderline(HOURS_SCALE, hours, band, bout_band) | _borderline(
        BOUT_SCALE, bout, band, hours_band
    )
    scored = band != NOT_APPLICABLE
    by_hours = scored & (hours_band == band)
    by_bout = scored & (bout_band == band)
    governing = np.select(
        [by_hours & by_bout, by_hours, by_bout], ["both", "hours", "bout"], default=""
    )

    # Buckley 2015: 2 h/day initially, 4 h/day eventually.
    meets_initial = standing >= BUCKLEY_INITIAL_H
    meets_goal = standing >= BUCKLEY_GOAL_H
    short_initial = np.maximum(BUCKLEY_INITIAL_H - standing, 0.0)
    short_goal = np.maximum(BUCKLEY_GOAL_H - standing, 0.0)
    return SittingResult(
        native=hours,
        band=band,
        index=index,
        borderline=borderline,
        hours_band=hours_band,
        hours_index=hours_index,
        bout_band=bout_band,
        bout_index=bout_index,
        governing=governing.astype(str),
        meets_buckley_initial=meets_initial,
        meets_buckley_goal=meets_goal,
        standing_short_of_initial_h=short_initial,
        standing_short_of_goal_h=short_goal,
        seated_h_per_day=hours.copy(),
        longest_bout_min=bout,
        sit_stand_desk=desk,
        standing_h_per_day=standing,
    )
