"""Awkward posture: Washington L&I caution-zone and hazard-zone posture criteria.

Eight duration criteria of :mod:`scoring.lni_zones`, each line transcribed from
the caution-zone list (WAC 296-62-05105 Table 1, items 1-4; bib:wac-296-62-051)
or the Hazard Zone Jobs Checklist (WAC 296-62-05174 Appendix B, lines 1-7;
bib:lni-hazard-zone-checklist):

=============================================================  =========  =========
criterion (input)                                              caution    hazard
=============================================================  =========  =========
hands above the head or elbows above the shoulders             > 2 h/day  > 4 h/day
  (``hands_above_head_h``; item 1, line 1)
repeatedly raising them more than once per minute              —          > 4 h/day
  (``raising_h``, ``raising_per_min``; line 2)
neck or back bent more than 30° (``neck_or_back_bent_30_h``;   > 2 h/day  —
  item 2)
neck bent more than 45° (``neck_bent_h``; line 3)              —          > 4 h/day
back bent forward more than 30° (``back_bent_30_h``; line 4)   —          > 4 h/day
back bent forward more than 45° (``back_bent_45_h``; line 5)   —          > 2 h/day
squatting (``squatting_h``; item 3, line 6)                    > 2 h/day  > 4 h/day
kneeling (``kneeling_h``; item 4, line 7)                      > 2 h/day  > 4 h/day
=============================================================  =========  =========

Every bending line applies "without support" and without "the ability to vary
posture", as the L&I text says; the form's help says so.

The caution line for bending reads the time with the neck *or* the back bent
more than 30°. Time with the neck bent beyond 45° and time with the back bent
beyond 30° are both part of it, so when ``neck_or_back_bent_30_h`` is not given
the caution line reads the longest of ``neck_bent_h``, ``back_bent_30_h`` and
``back_bent_45_h``: the least the combined time can be (project rule; the result
says so). Time with the back bent beyond 45° is part of the time beyond 30°, so
the two back lines are one exposure for the two-hazard very-high rule (project
rule).

Older files had no ``neck_or_back_bent_30_h``; they open unchanged and their
``neck_bent_h`` ("neck bent more than 45°") keeps its meaning. Their bending is
now also checked against the 30° caution line, which the earlier code (reading
the caution line as "more than 45°") missed.

References
----------
bib:wac-296-62-051 (WAC 296-62-05105 Table 1), bib:lni-hazard-zone-checklist
(WAC 296-62-05174 Appendix B), bib:lni-f417-195-000 (performed regularly);
docs/methods/lni-zones.md.
"""

from __future__ import annotations

import numpy as np

from scoring import lni_zones as z
from scoring.lni_zones import Criterion, CriterionSpec
from scoring.results import MethodInfo

# bib:lni-hazard-zone-checklist line 2: "Repeatedly raising the hand(s) above the head, or
# the elbow(s) above the shoulder(s) more than once per minute".
RAISING_RATE_PER_MIN = 1.0

_ITEM = "WAC 296-62-05105 item"
_LINE = "WAC 296-62-05174 Appendix B (Hazard Zone Jobs Checklist) line"
_RATE = f"> {RAISING_RATE_PER_MIN:g}/min"

CRITERIA = (
    CriterionSpec(
        id="hands_above_head",
        label="Hands above the head or elbows above the shoulders",
        caution_h=2.0,  # bib:wac-296-62-051 WAC 296-62-05105 Table 1 item 1
        hazard_h=4.0,  # bib:lni-hazard-zone-checklist line 1
        caution_ref=f"{_ITEM} 1",
        hazard_ref=f"{_LINE} 1",
    ),
    CriterionSpec(
        id="raising",
        label="Repeatedly raising the hands above the head or elbows above the shoulders",
        hazard_h=4.0,  # bib:lni-hazard-zone-checklist line 2; no caution-zone line
        hazard_ref=f"{_LINE} 2",
        hazard_if=_RATE,
        hazard_rate=RAISING_RATE_PER_MIN,
    ),
    CriterionSpec(
        id="neck_or_back_30",
        label="Neck or back bent more than 30°",
        caution_h=2.0,  # bib:wac-296-62-051 WAC 296-62-05105 Table 1 item 2
        caution_ref=f"{_ITEM} 2",
    ),
    CriterionSpec(
        id="neck_bent",
        label="Neck bent more than 45°",
        hazard_h=4.0,  # bib:lni-hazard-zone-checklist line 3
        hazard_ref=f"{_LINE} 3",
    ),
    CriterionSpec(
        id="back_bent_30",
        label="Back bent forward more than 30°",
        hazard_h=4.0,  # bib:lni-hazard-zone-checklist line 4
        hazard_ref=f"{_LINE} 4",
        group="back",
    ),
    CriterionSpec(
        id="back_bent_45",
        label="Back bent forward more than 45°",
        hazard_h=2.0,  # bib:lni-hazard-zone-checklist line 5
        hazard_ref=f"{_LINE} 5",
        group="back",
    ),
    CriterionSpec(
        id="squatting",
        label="Squatting",
        caution_h=2.0,  # bib:wac-296-62-051 WAC 296-62-05105 Table 1 item 3
        hazard_h=4.0,  # bib:lni-hazard-zone-checklist line 6
        caution_ref=f"{_ITEM} 3",
        hazard_ref=f"{_LINE} 6",
    ),
    CriterionSpec(
        id="kneeling",
        label="Kneeling",
        caution_h=2.0,  # bib:wac-296-62-051 WAC 296-62-05105 Table 1 item 4
        hazard_h=4.0,  # bib:lni-hazard-zone-checklist line 7
        caution_ref=f"{_ITEM} 4",
        hazard_ref=f"{_LINE} 7",
    ),
)

# The assess() keywords that hold each criterion's hours (recommendations re-score with
# them capped at the limit). The bending caution line reads all four bending inputs.
HOURS_INPUT = {
    "hands_above_head": "hands_above_head_h",
    "raising": "raising_h",
    "neck_or_back_30": (
        "neck_or_back_bent_30_h",
        "neck_bent_h",
        "back_bent_30_h",
        "back_bent_45_h",
    ),
    "neck_bent": "neck_bent_h",
    "back_bent_30": ("back_bent_30_h", "back_bent_45_h"),
    "back_bent_45": "back_bent_45_h",
    "squatting": "squatting_h",
    "kneeling": "kneeling_h",
}


METHOD = MethodInfo(
    id="awkward_posture",
    factor="awkward_posture",
    factor_title="Awkward posture",
    title="Awkward posture: Washington L&I caution and hazard zones",
    edition="WAC 296-62-051 (2000, repealed 2003); L&I F417-195-000 (2005)",
    summary=(
        "Scores posture by hours per day against the Washington L&I caution zone (more than "
        "2 h/day: hands above the head or elbows above the shoulders; neck or back bent more "
        "than 30° without support or the ability to vary posture; squatting; kneeling) and "
        "the Appendix B hazard zone (more than 4 h/day: hands above the head or elbows above "
        "the shoulders, repeatedly raising them more than once a minute, neck bent more than "
        "45°, back bent forward more than 30°, squatting, kneeling; more than 2 h/day: back "
        "bent forward more than 45°). Only tasks performed regularly (more than one day a "
        "week and more than one week a year) count. The headline is the hours of the worst "
        "criterion."
    ),
    native="Hours per day of the dominant criterion [h/day]",
    scale=z.ZONE_SCALE,
    band_basis=z.ZONE_BAND_BASIS
    + " The two back lines (> 30°, > 45°) are one exposure for the two-hazard rule; when the "
    "time with the neck or back bent more than 30° is not entered, the caution line reads the "
    "longest bending time entered (project rules).",
    inputs=(
        "hands_above_head_h",
        "raising_h",
        "raising_per_min",
        "neck_or_back_bent_30_h",
        "neck_bent_h",
        "back_bent_30_h",
        "back_bent_45_h",
        "squatting_h",
        "kneeling_h",
        "performed_regularly",
    ),
    references=(
        "wac-296-62-051",
        "lni-hazard-zone-checklist",
        "lni-f417-195-000",
    ),
    unconfirmed=(
        "Caution items 1-4 (more than 2 h/day; neck or back bent more than 30°): checked "
        "against a third-party transcription of WAC 296-62-05105 Table 1 and consistent with "
        "the four posture risk factors of L&I F417-195-000; the WAC text itself "
        "(WSR 00-12-024) was not seen.",
    ),
)


class AwkwardPostureResult(
    z.zone_result_fields("_AwkwardPostureResultFields", ("raising_per_min", "bending_30_given"))
):
    """Awkward-posture zones per assessment (n,) and per criterion (n, K); see ``CRITERIA``.

    The :class:`scoring.lni_zones.ZoneResult` fields (``borderline``: hours or the raising
    rate within 10 % of a band edge; ``rate``: the raising rate in column 1 [raises/min]),
    then ``raising_per_min`` (n,) [raises/min] and ``bending_30_given`` (n,) bool: whether
    neck_or_back_bent_30_h was entered.
    """

    __slots__ = ()
    # Class attributes, not per-row fields: the column order of the (n, K) fields.
    CRITERIA = CRITERIA
    criterion_id = np.array([c.id for c in CRITERIA])  # (K,)


def bending_30_hours(
    *,
    neck_or_back_bent_30_h=np.nan,
    neck_bent_h=np.nan,
    back_bent_30_h=np.nan,
    back_bent_45_h=np.nan,
):
    """Return the hours the neck-or-back > 30° caution line reads. [h/day]

    The entered combined time where given; otherwise the longest of the times
    that are part of it (neck > 45°, back > 30°, back > 45°), the least the
    combined time can be. NaN where none is given.
    """
    parts = [np.asarray(v, dtype=float) for v in (neck_bent_h, back_bent_30_h, back_bent_45_h)]
    with np.errstate(invalid="ignore"):
        least = np.fmax(np.fmax(parts[0], parts[1]), parts[2])
        return np.fmax(np.asarray(neck_or_back_bent_30_h, dtype=float), least)


def assess(
    *,
    hands_above_head_h=np.nan,
    raising_h=np.nan,
    raising_per_min=np.nan,
    neck_or_back_bent_30_h=np.nan,
    neck_bent_h=np.nan,
    back_bent_30_h=np.nan,
    back_bent_45_h=np.nan,
    squatting_h=np.nan,
    kneeling_h=np.nan,
    performed_regularly=True,
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
        Rate of those raises; the hazard line applies only above 1/min; NaN
        (not given) leaves it unmet. [raises/min]
    neck_or_back_bent_30_h
        Time per day with the neck or the back bent more than 30° (without
        support or the ability to vary posture), including the times below;
        NaN when not given (the caution line then reads the longest of them).
        [h/day]
    neck_bent_h
        Time per day with the neck bent more than 45°. [h/day]
    back_bent_30_h
        Time per day with the back bent forward more than 30°, including the
        time beyond 45°. [h/day]
    back_bent_45_h
        Time per day with the back bent forward more than 45°. [h/day]
    squatting_h
        Time per day squatting. [h/day]
    kneeling_h
        Time per day kneeling. [h/day]
    performed_regularly
        Whether the tasks are performed more than one day a week and more than
        one week a year; where not, no criterion is met. [bool]

    All inputs broadcast to ``(n,)``; NaN hours mean "not given" and leave
    that criterion out (all NaN: not applicable).

    Returns
    -------
    AwkwardPostureResult
        ``native`` [h/day], ``band``, ``index`` [0-100], ``borderline`` and
        the per-criterion zones in ``CRITERIA`` order.
    """
    hands, raise_, bend30, neck, back30, back45, squat, kneel = CRITERIA
    bending = bending_30_hours(
        neck_or_back_bent_30_h=neck_or_back_bent_30_h,
        neck_bent_h=neck_bent_h,
        back_bent_30_h=back_bent_30_h,
        back_bent_45_h=back_bent_45_h,
    )
    zr = z.evaluate(
        [
            Criterion(hands, hands_above_head_h),
            # bib:lni-hazard-zone-checklist line 2: more than once per minute.
            Criterion(raise_, raising_h, rate=raising_per_min),
            Criterion(bend30, bending),
            Criterion(neck, neck_bent_h),
            Criterion(back30, back_bent_30_h),
            Criterion(back45, back_bent_45_h),
            Criterion(squat, squatting_h),
            Criterion(kneel, kneeling_h),
        ],
        regular=performed_regularly,
    )
    n = zr.band.shape[0]
    given = ~np.isnan(np.asarray(neck_or_back_bent_30_h, dtype=float))
    return AwkwardPostureResult(
        **zr._asdict(),
        raising_per_min=zr.rate[:, 1].copy(),
        bending_30_given=np.broadcast_to(given, (n,)).copy(),
    )
