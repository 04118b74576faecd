"""Contact stress: Washington L&I repeated-impact and kneeling criteria plus project rules.

Five exposures, each a duration criterion scored by :mod:`scoring.lni_zones`:

=================================  ==============  ==============  ==========================
exposure                           caution         hazard          source
=================================  ==============  ==============  ==========================
hand or knee used as a hammer      > 2 h/day at    > 2 h/day at    WAC 296-62-05105 item 9;
                                   > 10 impacts/h  > 60 impacts/h  Appendix B repeated impact
kneeling on hard, unpadded floor   > 2 h/day       > 4 h/day       WAC 296-62-05105 item 4;
                                                                   Appendix B line 7
hard or sharp edge against wrist,  > 2 h/day       > 4 h/day       project rule
forearm or palm
tool handle ending in the palm     > 2 h/day       > 4 h/day       project rule
seat edge pressing the thighs      > 2 h/day       > 4 h/day       project rule
=================================  ==============  ==============  ==========================

Repeated impact: the L&I hazard line reads "more than once per minute"; we read
it as more than 60 impacts/h. The kneeling criterion is L&I's posture criterion
(caution item 4, hazard line 7, bib:wac-296-62-051, bib:lni-hazard-zone-checklist);
we apply it to kneeling on hard, unpadded surfaces, where the load is contact
stress on the knee (kneeling as a posture is scored again, on its own, under
awkward posture).

The last three exposures have no L&I duration. The project rule scores them by
presence × duration with the same > 2 h / > 4 h steps, following the UAW-GM risk
factor checklist's contact-stress items as summarised by OSHA's eTools
(bib:osha-etools-contact-stress). A tool handle should be at least 10 cm (4 in)
long, preferably 12.5 cm (5 in), so it clears the palm (bib:niosh-2004-164); the
seat-edge hours are derived by the caller from the workstation section (hours
seated while the seat is too high for the worker's popliteal height).

Only tasks performed regularly (more than one day a week and more than one week
a year, bib:lni-f417-195-000 p. 1) count: ``performed_regularly`` false gives
low, with the reason, for the whole factor (project choice: the project-rule
exposures follow the L&I framing).

What could not be confirmed against the primary text is listed in
``METHOD.unconfirmed`` (and printed on the Methods page and in the PDF).

References
----------
bib:wac-296-62-051, bib:lni-hazard-zone-checklist, bib:lni-f417-195-000,
bib:niosh-2004-164, bib:calosha-hand-tools, bib:osha-etools-contact-stress;
docs/methods/lni-zones.md.
"""

from __future__ import annotations

import numpy as np

from scoring import lni_zones as z
from scoring.lni_zones import Criterion, CriterionSpec
from scoring.results import MethodInfo

# Hand or knee as a hammer. UNCONFIRMED (METHOD.unconfirmed): bib:wac-296-62-051
# WAC 296-62-05105 item 9 "more than 10 times per hour"; bib:lni-hazard-zone-checklist
# repeated impact "more than once per minute" (read as 60/h).
HAMMER_CAUTION_RATE_PER_H = 10.0
HAMMER_HAZARD_RATE_PER_H = 60.0
# Project rule for exposures without an L&I duration (bib:osha-etools-contact-stress,
# UAW-GM presence × duration).
PROJECT_CAUTION_H = 2.0
PROJECT_HAZARD_H = 4.0
# bib:niosh-2004-164: a handle that clears the palm, >= 4 in (10 cm), 5 in (12.5 cm) better.
HANDLE_MIN_LENGTH_CM = 10.0
HANDLE_PREFERRED_LENGTH_CM = 12.5

_WAC_C = "WAC 296-62-05105"
_WAC_H = "WAC 296-62-05174 Appendix B (Hazard Zone Jobs Checklist)"
_PROJECT = "project rule after the UAW-GM checklist, presence × duration"

CRITERIA = (
    CriterionSpec(
        id="hammer",
        label="Hand or knee used as a hammer",
        caution_h=2.0,  # bib:wac-296-62-051 WAC 296-62-05105 item 9 (UNCONFIRMED)
        hazard_h=2.0,  # bib:lni-hazard-zone-checklist repeated impact (UNCONFIRMED)
        caution_ref=f"{_WAC_C} item 9",
        hazard_ref=f"{_WAC_H}, repeated impact",
        caution_if=f"> {HAMMER_CAUTION_RATE_PER_H:g} impacts/h",
        hazard_if=f"> {HAMMER_HAZARD_RATE_PER_H:g} impacts/h",
        caution_rate=HAMMER_CAUTION_RATE_PER_H,
        hazard_rate=HAMMER_HAZARD_RATE_PER_H,
    ),
    CriterionSpec(
        id="kneeling_hard",
        label="Kneeling on a hard, unpadded surface",
        caution_h=2.0,  # bib:wac-296-62-051 WAC 296-62-05105 Table 1 item 4 (kneeling)
        hazard_h=4.0,  # bib:lni-hazard-zone-checklist line 7 (kneeling)
        caution_ref=f"{_WAC_C} item 4",
        hazard_ref=f"{_WAC_H} line 7",
    ),
    CriterionSpec(
        id="hard_edge",
        label="Hard or sharp edge against wrist, forearm or palm",
        caution_h=PROJECT_CAUTION_H,
        hazard_h=PROJECT_HAZARD_H,
        caution_ref=_PROJECT,
        hazard_ref=_PROJECT,
    ),
    CriterionSpec(
        id="handle_in_palm",
        label="Tool handle ending in the palm",
        caution_h=PROJECT_CAUTION_H,
        hazard_h=PROJECT_HAZARD_H,
        caution_ref=_PROJECT,
        hazard_ref=_PROJECT,
    ),
    CriterionSpec(
        id="seat_edge",
        label="Seat edge pressing the thighs",
        caution_h=PROJECT_CAUTION_H,
        hazard_h=PROJECT_HAZARD_H,
        caution_ref=_PROJECT,
        hazard_ref=_PROJECT,
    ),
)

# The assess() keyword that holds each criterion's hours (recommendations re-score with it).
# The seat-edge input is derived, not entered: the engine computes it from the workstation
# and sitting inputs (the seat front presses the thighs while the worker sits).
SEAT_EDGE_INPUT = "seat_edge_h"
HOURS_INPUT = {
    "hammer": "hammer_h",
    "kneeling_hard": "kneeling_hard_h",
    "hard_edge": "hard_edge_h",
    "handle_in_palm": "handle_in_palm_h",
    "seat_edge": "seat_edge_h",
}


METHOD = MethodInfo(
    id="contact_stress",
    factor="contact_stress",
    factor_title="Contact stress",
    title="Contact stress: Washington L&I criteria and project rules",
    edition="WAC 296-62-051 (2000, repealed 2003); L&I F417-195-000 (2005)",
    summary=(
        "Scores five contact-stress exposures by hours per day: the hand or knee used as a "
        "hammer (L&I caution zone above 10 impacts/h for more than 2 h/day, hazard zone above "
        "60 impacts/h, i.e. more than once a minute, for more than 2 h/day), kneeling on hard "
        "unpadded surfaces (more than 2 h caution, more than 4 h hazard), and - by project "
        "rule, following the UAW-GM checklist's presence × duration - hard or sharp edges "
        "against the wrist, forearm or palm, tool handles ending in the palm (a handle should "
        "be >= 10 cm, preferably 12.5 cm) and a seat edge pressing the thighs (more than 2 h "
        "caution, more than 4 h hazard). Only tasks performed regularly (more than one day "
        "a week and more than one week a year) count. The headline is the hours of the worst "
        "criterion."
    ),
    native="Hours per day of the dominant criterion [h/day]",
    scale=z.ZONE_SCALE,
    band_basis=z.ZONE_BAND_BASIS
    + " Hard edges, handles in the palm and seat-edge pressure use > 2 h / > 4 h by project "
    "rule (UAW-GM presence × duration).",
    inputs=(
        "hammer_impacts_per_h",
        "hammer_h",
        "kneeling_hard_h",
        "hard_edge_h",
        "handle_in_palm_h",
        "seat_edge_h",
        "performed_regularly",
    ),
    references=(
        "wac-296-62-051",
        "lni-hazard-zone-checklist",
        "lni-f417-195-000",
        "niosh-2004-164",
        "calosha-hand-tools",
        "osha-etools-contact-stress",
    ),
    unconfirmed=(
        "Hand or knee used as a hammer, caution line (WAC 296-62-05105 item 9: more than "
        "10 impacts/h for more than 2 h/day): not seen in a checked copy of the WAC text.",
        "Hand or knee used as a hammer, hazard line (Appendix B: more than once per minute "
        "for more than 2 h/day): not seen in a checked copy of the Hazard Zone Jobs "
        "Checklist (only its first 12 lines were seen).",
        "Kneeling caution line (WAC 296-62-05105 item 4, more than 2 h/day): checked against "
        "a third-party transcription of Table 1, not the WAC text.",
        "Hard edges, handles in the palm and seat-edge pressure (more than 2 h / 4 h/day): "
        "project rule after the UAW-GM checklist as summarised by OSHA eTools; no L&I line.",
    ),
)


class ContactStressResult(
    z.zone_result_fields("_ContactStressResultFields", ("hammer_impacts_per_h",))
):
    """Contact-stress zones per assessment (n,) and per criterion (n, K); see ``CRITERIA``.

    The :class:`scoring.lni_zones.ZoneResult` fields (``borderline``: hours or the impact
    rate within 10 % of a band edge; ``rate``: the hammering rate in column 0 [impacts/h]),
    then ``hammer_impacts_per_h`` (n,) [impacts/h].
    """

    __slots__ = ()
    # Class attributes, not per-row fields: the column order of the (n, K) fields.
    CRITERIA = CRITERIA
    criterion_id = np.array([c.id for c in CRITERIA])  # (K,)


def assess(
    *,
    hammer_impacts_per_h=np.nan,
    hammer_h=np.nan,
    kneeling_hard_h=np.nan,
    hard_edge_h=np.nan,
    handle_in_palm_h=np.nan,
    seat_edge_h=np.nan,
    performed_regularly=True,
) -> ContactStressResult:
    """Return the contact-stress zones, band and risk index of each assessment.

    Parameters
    ----------
    hammer_impacts_per_h
        Impacts per hour when the hand (heel or base of the palm) or the knee
        is used as a hammer; NaN when not given (the criterion is then not
        met). [impacts/h]
    hammer_h
        Time per day spent hammering with the hand or knee. [h/day]
    kneeling_hard_h
        Time per day kneeling on hard, unpadded surfaces. [h/day]
    hard_edge_h
        Time per day with a hard or sharp edge pressing the wrist, forearm or
        palm (e.g. resting the wrists on a desk edge). [h/day]
    handle_in_palm_h
        Time per day using a tool whose handle ends in the palm (shorter than
        10 cm). [h/day]
    seat_edge_h
        Time per day seated with the seat edge pressing the thighs, derived by
        the caller from the workstation section. [h/day]
    performed_regularly
        Whether the tasks are performed more than one day a week and more than
        one week a year; where not, no criterion is met. [bool]

    All inputs broadcast to ``(n,)``; NaN hours mean "not given" and leave
    that criterion out (all NaN: not applicable).

    Returns
    -------
    ContactStressResult
        ``native`` [h/day], ``band``, ``index`` [0-100], ``borderline`` and
        the per-criterion zones in ``CRITERIA`` order.
    """
    hammer, kneel, edge, handle, seat = CRITERIA
    zr = z.evaluate(
        [
            # bib:wac-296-62-051 item 9: > 10 impacts/h; Appendix B: > 1/min (60/h).
            Criterion(hammer, hammer_h, rate=hammer_impacts_per_h),
            Criterion(kneel, kneeling_hard_h),
            Criterion(edge, hard_edge_h),
            Criterion(handle, handle_in_palm_h),
            Criterion(seat, seat_edge_h),
        ],
        regular=performed_regularly,
    )
    return ContactStressResult(**zr._asdict(), hammer_impacts_per_h=zr.rate[:, 0].copy())
