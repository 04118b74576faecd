"""Awkward posture: Washington L&I caution-zone and hazard-zone posture criteria.

Seven duration criteria of :mod:`scoring.lni_zones`:

===========================================================  =========  =========
criterion                                                    caution    hazard
===========================================================  =========  =========
hands above the head or elbows above the shoulders           > 2 h/day  > 4 h/day
repeatedly raising them, more than once per minute           > 2 h/day  > 4 h/day
neck bent more than 45°                                      > 2 h/day  > 4 h/day
back bent forward more than 30°                              —          > 4 h/day
back bent forward more than 45°                              > 2 h/day  > 2 h/day
squatting                                                    > 2 h/day  > 4 h/day
kneeling                                                     > 2 h/day  > 4 h/day
===========================================================  =========  =========

Caution lines: WAC 296-62-05105 items 1-4 (item 3: "neck or back bent more than
45°", without support or the ability to vary posture; there is no caution line
for 30°). Hazard lines: WAC 296-62-05174 Appendix B. The repeated-raising
criterion counts only at more than 1 raise per minute. Time with the back bent
beyond 45° is part of the time beyond 30° (``back_bent_30_h >= back_bent_45_h``),
so the two back lines are one exposure and count once towards the two-hazard
very-high rule (project rule; SPEC §3).

Source check (search of stored public copies made for this module): every
hazard line above (4 / 4 / 4 / 4 / 2 / 4 / 4 h, "more than once per minute")
was confirmed against the L&I Hazard Zone Jobs Checklist [2]. The caution lines
> 2 h/day for hands above the head, repeated raising, squatting and kneeling are
corroborated by the DOSH Malaysia ERA checklist (public implementation) and a
WA-derived checklist; both of those use "back bent more than 30°" (and DOSH
"head bent more than 45°") for the 2 h caution line, so the WAC caution text
"neck or back bent more than 45°" was not confirmed in a checked copy and is
followed as recalled in standards.md §6.1 [M, high].

References
----------
.. [1] WAC 296-62-05105 and WAC 296-62-05174 (Appendix B), Washington State
   ergonomics rule, adopted 2000 (WSR 00-12-024), repealed by Initiative 841 on
   4 December 2003 (WSR 04-01-012); the thresholds remain the commonly used
   screening criteria. https://lawfilesext.leg.wa.gov/law/wsr/2000/12/00-12-024.htm
.. [2] Washington State L&I, Hazard Zone Jobs Checklist,
   https://studylib.net/doc/7491806/hazard-zone-jobs-checklist
.. [3] Washington State L&I, Pocket Guide to Caution Zone Jobs, F417-195-000
   (2005), http://www.lni.wa.gov/IPUB/417-195-000.pdf
.. [4] DOSH Malaysia, Guidelines on Ergonomics Risk Assessment at Workplace
   (2017), initial ERA checklist, https://www.dosh.gov.my
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from scoring import lni_zones as z
from scoring.bands import BORDERLINE_FRACTION
from scoring.lni_zones import Criterion, CriterionSpec
from scoring.results import FactorResult, MethodInfo, Metric

# WAC 296-62-05105 item 2 / Appendix B: "more than once per minute".
RAISING_RATE_PER_MIN = 1.0

_WAC_C = "WAC 296-62-05105"
_WAC_H = "WAC 296-62-05174 Appendix B"
_RATE = f"> {RAISING_RATE_PER_MIN:g}/min"

CRITERIA = (
    CriterionSpec(
        id="hands_above_head",
        label="Hands above the head or elbows above the shoulders",
        caution_h=2.0,  # WAC 296-62-05105 item 1
        hazard_h=4.0,  # Hazard Zone Jobs Checklist line 1
        caution_ref=f"{_WAC_C} item 1",
        hazard_ref=_WAC_H,
    ),
    CriterionSpec(
        id="raising",
        label="Repeatedly raising the hands above the head or elbows above the shoulders",
        caution_h=2.0,  # WAC 296-62-05105 item 2
        hazard_h=4.0,  # Hazard Zone Jobs Checklist line 2
        caution_ref=f"{_WAC_C} item 2",
        hazard_ref=_WAC_H,
        caution_if=_RATE,
        hazard_if=_RATE,
        caution_rate=RAISING_RATE_PER_MIN,
        hazard_rate=RAISING_RATE_PER_MIN,
    ),
    CriterionSpec(
        id="neck_bent",
        label="Neck bent more than 45°",
        caution_h=2.0,  # WAC 296-62-05105 item 3
        hazard_h=4.0,  # Hazard Zone Jobs Checklist line 3
        caution_ref=f"{_WAC_C} item 3",
        hazard_ref=_WAC_H,
    ),
    CriterionSpec(
        id="back_bent_30",
        label="Back bent forward more than 30°",
        hazard_h=4.0,  # Hazard Zone Jobs Checklist line 4; no caution line
        hazard_ref=_WAC_H,
        group="back",
    ),
    CriterionSpec(
        id="back_bent_45",
        label="Back bent forward more than 45°",
        caution_h=2.0,  # WAC 296-62-05105 item 3
        hazard_h=2.0,  # Hazard Zone Jobs Checklist line 5
        caution_ref=f"{_WAC_C} item 3",
        hazard_ref=_WAC_H,
        group="back",
    ),
    CriterionSpec(
        id="squatting",
        label="Squatting",
        caution_h=2.0,  # WAC 296-62-05105 item 4
        hazard_h=4.0,  # Hazard Zone Jobs Checklist line 6
        caution_ref=f"{_WAC_C} item 4",
        hazard_ref=_WAC_H,
    ),
    CriterionSpec(
        id="kneeling",
        label="Kneeling",
        caution_h=2.0,  # WAC 296-62-05105 item 4
        hazard_h=4.0,  # Hazard Zone Jobs Checklist line 7
        caution_ref=f"{_WAC_C} item 4",
        hazard_ref=_WAC_H,
    ),
)

# The assess() keyword that holds each criterion's hours (recommendations re-score with it).
HOURS_INPUT = {
    "hands_above_head": "hands_above_head_h",
    "raising": "raising_h",
    "neck_bent": "neck_bent_h",
    "back_bent_30": "back_bent_30_h",
    "back_bent_45": "back_bent_45_h",
    "squatting": "squatting_h",
    "kneeling": "kneeling_h",
}

# Control per exposure (criterion id or group) for the recommendations catalogue:
# (control level, officer text, employee text).
ADVICE = {
    "hands_above_head": (
        "engineer",
        "Bring the work below shoulder height: lifts, platforms, adjustable fixtures or "
        "extension tools.",
        "Use a platform or a step so your hands stay below your shoulders.",
    ),
    "raising": (
        "engineer",
        "Place frequently used items and controls below shoulder height and within easy "
        "reach so they need not be reached for over and over.",
        "Keep the things you use often between waist and shoulder height.",
    ),
    "neck_bent": (
        "engineer",
        "Raise or tilt the work or the display so the neck need not bend more than 45°.",
        "Raise or tilt your work so you can see it without bending your neck far down.",
    ),
    "back": (
        "engineer",
        "Raise the work to about waist height and use tilt tables or long-handled tools so "
        "the back need not bend forward.",
        "Raise your work or use long-handled tools so you do not bend forward.",
    ),
    "squatting": (
        "engineer",
        "Raise the work or provide low stools so workers need not squat.",
        "Sit on a low stool instead of squatting, or raise the work.",
    ),
    "kneeling": (
        "engineer",
        "Raise the work off the floor; where kneeling remains, provide mats or knee pads.",
        "Raise your work where you can; use a mat or knee pads when you must kneel.",
    ),
}

METHOD = MethodInfo(
    id="awkward_posture",
    factor="awkward_posture",
    factor_title="Awkward posture",
    title="Awkward posture: Washington L&I caution and hazard zones",
    edition="WAC 296-62-051 (2000, repealed 2003); L&I F417-195-000 (2005)",
    summary=(
        "Scores seven posture criteria by hours per day against the Washington L&I caution "
        "zone (more than 2 h/day: hands above the head or elbows above the shoulders, "
        "repeatedly raising them more than once a minute, neck or back bent more than 45°, "
        "squatting, kneeling) and the Appendix B hazard zone (more than 4 h/day for each of "
        "those and for the back bent more than 30°; more than 2 h/day for the back bent more "
        "than 45°). The headline is the hours of the worst criterion."
    ),
    native="Hours per day of the dominant criterion [h/day]",
    scale=z.ZONE_SCALE,
    band_basis=z.ZONE_BAND_BASIS
    + " The two back lines (> 30°, > 45°) are one exposure for the two-hazard rule "
    "(project rule).",
    inputs=(
        "hands_above_head_h",
        "raising_h",
        "raising_per_min",
        "neck_bent_h",
        "back_bent_30_h",
        "back_bent_45_h",
        "squatting_h",
        "kneeling_h",
    ),
    references=(
        "wac-296-62-051",
        "lni-hazard-zone-checklist",
        "lni-f417-195-000",
        "dosh-2017",
    ),
)


class AwkwardPostureResult(NamedTuple):
    """Awkward-posture zones per assessment (n,) and per criterion (n, K); see ``CRITERIA``."""

    native: np.ndarray  # (n,) hours of the dominant criterion [h/day]
    band: np.ndarray  # (n,) int8, -1 when no duration is given
    index: np.ndarray  # (n,) risk index 0-100
    borderline: np.ndarray  # (n,) bool: hours or the raising rate within 10 % of a band edge
    dominant: np.ndarray  # (n,) int16 column of CRITERIA, -1 none
    n_hazard: np.ndarray  # (n,) exposures in the hazard zone
    hours: np.ndarray  # (n, K) [h/day]
    caution_limit: np.ndarray  # (n, K) caution threshold that applies, inf where none [h/day]
    hazard_limit: np.ndarray  # (n, K) hazard threshold that applies, inf where none [h/day]
    met_caution: np.ndarray  # (n, K) bool
    met_hazard: np.ndarray  # (n, K) bool
    criterion_band: np.ndarray  # (n, K) int8
    criterion_index: np.ndarray  # (n, K)
    criterion_borderline: np.ndarray  # (n, K) bool
    rate: np.ndarray  # (n, K) rate of each criterion (raising: per min), NaN where none
    raising_per_min: np.ndarray  # (n,) [raises/min]

    # Class attributes, not per-row fields: the column order of the (n, K) fields.
    CRITERIA = CRITERIA
    criterion_id = np.array([c.id for c in CRITERIA])  # (K,)


def assess(
    *,
    hands_above_head_h=np.nan,
    raising_h=np.nan,
    raising_per_min=np.nan,
    neck_bent_h=np.nan,
    back_bent_30_h=np.nan,
    back_bent_45_h=np.nan,
    squatting_h=np.nan,
    kneeling_h=np.nan,
) -> AwkwardPostureResult:
    """Return the awkward-posture zones, band and risk index of each assessment.

    Parameters
    ----------
    hands_above_head_h
        Time per day with the hands above the head or the elbows above the
        shoulders. [h/day]
    raising_h
        Time per day spent repeatedly raising the hands above the head or the
        elbows above the shoulders. [h/day]
    raising_per_min
        Rate of those raises; the criterion applies only above 1/min; NaN (not
        given) leaves it unmet. [raises/min]
    neck_bent_h
        Time per day with the neck bent more than 45° (without support or the
        ability to vary posture). [h/day]
    back_bent_30_h
        Time per day with the back bent forward more than 30°, including the
        time beyond 45°. [h/day]
    back_bent_45_h
        Time per day with the back bent forward more than 45°. [h/day]
    squatting_h
        Time per day squatting. [h/day]
    kneeling_h
        Time per day kneeling. [h/day]

    All inputs broadcast to ``(n,)``; NaN hours mean "not given" and leave
    that criterion out (all NaN: not applicable).

    Returns
    -------
    AwkwardPostureResult
        ``native`` [h/day], ``band``, ``index`` [0-100], ``borderline`` and
        the per-criterion zones in ``CRITERIA`` order.
    """
    hands, raise_, neck, back30, back45, squat, kneel = CRITERIA
    zr = z.evaluate(
        [
            Criterion(hands, hands_above_head_h),
            # WAC 296-62-05105 item 2 / Appendix B: more than once per minute.
            Criterion(raise_, raising_h, rate=raising_per_min),
            Criterion(neck, neck_bent_h),
            Criterion(back30, back_bent_30_h),
            Criterion(back45, back_bent_45_h),
            Criterion(squat, squatting_h),
            Criterion(kneel, kneeling_h),
        ]
    )
    return AwkwardPostureResult(**zr._asdict(), raising_per_min=zr.rate[:, 1].copy())


def factor_result(res: AwkwardPostureResult, i: int = 0) -> FactorResult:
    """Return row ``i`` of an :func:`assess` result as a FactorResult."""
    i = int(i)
    rate = float(res.raising_per_min[i])
    raising_h = float(res.hours[i, 1])
    metrics = ()
    after = []
    if not np.isnan(raising_h) and raising_h > 0:
        metrics = (Metric("raising_rate", "Raising rate", rate, "per min", 1),)
        if np.isnan(rate):
            after.append(
                f"Repeated raising {raising_h:.1f} h/day: rate not given, so the criterion is "
                "not scored"
            )
        elif rate <= RAISING_RATE_PER_MIN:
            after.append(
                f"Repeated raising at {rate:g}/min: not more than once per minute, so the "
                "repeated-raising criterion does not apply"
            )
    near_rate = abs(rate - RAISING_RATE_PER_MIN) <= BORDERLINE_FRACTION * RAISING_RATE_PER_MIN
    if bool(res.criterion_borderline[i, 1]) and near_rate:
        after.append(f"Raising rate {rate:g}/min is within 10 % of the once-per-minute edge")
    return z.zone_factor_result(
        res,
        CRITERIA,
        i,
        factor=METHOD.factor,
        title=METHOD.factor_title,
        method=METHOD.id,
        metrics=metrics,
        drivers_after=after,
    )
