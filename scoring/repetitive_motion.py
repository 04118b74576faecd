"""Repetitive motion: Washington L&I highly-repetitive-motion, keying and hand-force criteria.

Three exposures, each with the L&I caution line (WAC 296-62-05105 items 5-8,
bib:wac-296-62-051) and the hazard lines of Appendix B (WAC 296-62-05174, the
Hazard Zone Jobs Checklist, bib:lni-hazard-zone-checklist), whose limit falls
when a modifier is present. Each Appendix B line is one criterion of
:mod:`scoring.lni_zones`:

=====================================================  =========  =========  ==============
criterion                                              caution    hazard     source
=====================================================  =========  =========  ==============
highly repetitive motion (excluding keying)            > 2 h/day  > 6 h/day  item 7; App. B
  + awkward wrist + high forceful exertion             —          > 2 h/day  App. B
intensive keying                                       > 4 h/day  > 7 h/day  item 8; App. B
  + awkward wrist                                      —          > 4 h/day  App. B
high hand force (pinch or grip)                        > 2 h/day  > 4 h/day  items 5-6;
                                                                             lines 10, 13
  + highly repetitive motion                           —          > 3 h/day  lines 8, 11
  + awkward wrist                                      —          > 3 h/day  lines 9, 12
=====================================================  =========  =========  ==============

High hand force (checklist, above lines 8 and 11): pinching an unsupported
object of 2 lb (0.9 kg) or more per hand, or pinching with 4 lb (1.8 kg) of force
or more per hand; or gripping an unsupported object of 10 lb (4.5 kg) or more
per hand, or gripping with 10 lb of force or more per hand. Awkward wrist:
flexion >= 30°, extension >= 45° or ulnar deviation >= 30°. "Highly repetitive
motion" as a hand-force modifier means ``repetitive_motion_h > 0``.

Reading of "no other risk factors" (project rule): the line without a modifier
applies its hazard limit whenever the modifier line does not apply, so adding
one modifier alone (awkward wrist without forceful exertion) never lowers the
score. The lines of one exposure read the same hours and count once towards the
two-hazard very-high rule (project rule).

Only tasks performed regularly (more than one day a week and more than one week
a year, bib:lni-f417-195-000 p. 1) count: ``performed_regularly`` false gives
low, with the reason.

What could not be confirmed against the primary text is listed in
``METHOD.unconfirmed`` (and printed on the Methods page and in the PDF).

References
----------
bib:wac-296-62-051, bib:lni-hazard-zone-checklist, bib:lni-f417-195-000;
docs/methods/lni-zones.md.
"""

from __future__ import annotations

import numpy as np

from scoring import lni_zones as z
from scoring.lni_zones import Criterion, CriterionSpec
from scoring.results import MethodInfo

_WAC_C = "WAC 296-62-05105"
_WAC_H = "WAC 296-62-05174 Appendix B (Hazard Zone Jobs Checklist)"

# UNCONFIRMED (METHOD.unconfirmed): the wrist angles of the Appendix B modifier.
WRIST_TEXT = "flexion >= 30°, extension >= 45° or ulnar deviation >= 30°"

CRITERIA = (
    CriterionSpec(
        id="repetitive",
        label="Highly repetitive motion",
        caution_h=2.0,  # bib:wac-296-62-051 item 7 (UNCONFIRMED)
        hazard_h=6.0,  # bib:lni-hazard-zone-checklist, no other risk factors (UNCONFIRMED)
        caution_ref=f"{_WAC_C} item 7",
        hazard_ref=_WAC_H,
        hazard_if="without awkward wrist and forceful exertion",
        group="repetitive",
    ),
    CriterionSpec(
        id="repetitive_wrist_force",
        label="Highly repetitive motion with awkward wrist and forceful exertion",
        hazard_h=2.0,  # bib:lni-hazard-zone-checklist, wrist + force (UNCONFIRMED)
        hazard_ref=_WAC_H,
        hazard_if="awkward wrist and forceful exertion",
        group="repetitive",
    ),
    CriterionSpec(
        id="keying",
        label="Intensive keying",
        caution_h=4.0,  # bib:wac-296-62-051 item 8 (UNCONFIRMED)
        hazard_h=7.0,  # bib:lni-hazard-zone-checklist, keying alone (UNCONFIRMED)
        caution_ref=f"{_WAC_C} item 8",
        hazard_ref=_WAC_H,
        hazard_if="without awkward wrist",
        group="keying",
    ),
    CriterionSpec(
        id="keying_wrist",
        label="Intensive keying with awkward wrist",
        hazard_h=4.0,  # bib:lni-hazard-zone-checklist, keying + wrist (UNCONFIRMED)
        hazard_ref=_WAC_H,
        hazard_if="awkward wrist",
        group="keying",
    ),
    CriterionSpec(
        id="hand_force",
        label="High hand force",
        caution_h=2.0,  # bib:wac-296-62-051 items 5-6 (UNCONFIRMED)
        hazard_h=4.0,  # bib:lni-hazard-zone-checklist line 10 (pinch); line 13 UNCONFIRMED
        caution_ref=f"{_WAC_C} items 5-6",
        hazard_ref=f"{_WAC_H} lines 10 and 13",
        hazard_if="no other risk factor",
        group="hand_force",
    ),
    CriterionSpec(
        id="hand_force_repetitive",
        label="High hand force with highly repetitive motion",
        hazard_h=3.0,  # bib:lni-hazard-zone-checklist lines 8 (pinch) and 11 (grip)
        hazard_ref=f"{_WAC_H} lines 8 and 11",
        hazard_if="highly repetitive motion",
        group="hand_force",
    ),
    CriterionSpec(
        id="hand_force_wrist",
        label="High hand force with awkward wrist",
        # bib:lni-hazard-zone-checklist lines 9 and 12; their modifier text UNCONFIRMED
        hazard_h=3.0,
        hazard_ref=f"{_WAC_H} lines 9 and 12",
        hazard_if="awkward wrist",
        group="hand_force",
    ),
)

# The assess() keyword that holds each criterion's hours (recommendations re-score with it).
HOURS_INPUT = {
    "repetitive": "repetitive_motion_h",
    "repetitive_wrist_force": "repetitive_motion_h",
    "keying": "intensive_keying_h",
    "keying_wrist": "intensive_keying_h",
    "hand_force": "high_hand_force_h",
    "hand_force_repetitive": "high_hand_force_h",
    "hand_force_wrist": "high_hand_force_h",
}


METHOD = MethodInfo(
    id="repetitive_motion",
    factor="repetitive_motion",
    factor_title="Repetitive motion",
    title="Repetitive motion: Washington L&I caution and hazard zones",
    edition="WAC 296-62-051 (2000, repealed 2003); L&I F417-195-000 (2005)",
    summary=(
        "Scores highly repetitive motion (the same motion every few seconds, excluding "
        "keying), intensive keying and high hand force (pinch >= 2 lb object or >= 4 lb force, "
        "grip >= 10 lb) by hours per day against the Washington L&I caution zone (more than "
        "2, 4 and 2 h/day) and the Appendix B hazard zone, whose limits fall with the "
        f"modifiers: awkward wrist ({WRIST_TEXT}) and high forceful exertion. Repetitive "
        "motion: more than 6 h/day, or 2 h/day with awkward wrist and forceful exertion. "
        "Keying: more than 7 h/day, or 4 h/day with awkward wrist. Hand force: more than "
        "4 h/day, or 3 h/day with highly repetitive motion or awkward wrist. Only tasks "
        "performed regularly (more than one day a week and more than one week a year) count."
    ),
    native="Hours per day of the dominant criterion [h/day]",
    scale=z.ZONE_SCALE,
    band_basis=z.ZONE_BAND_BASIS
    + " The lines of one exposure (e.g. keying and keying with awkward wrist) count once "
    "towards the two-hazard rule; 'no other risk factors' applies wherever the modifier "
    "line does not (project readings).",
    inputs=(
        "repetitive_motion_h",
        "intensive_keying_h",
        "high_hand_force_h",
        "awkward_wrist",
        "forceful_exertion",
        "performed_regularly",
    ),
    references=(
        "wac-296-62-051",
        "lni-hazard-zone-checklist",
        "lni-f417-195-000",
    ),
    unconfirmed=(
        "Caution lines (WAC 296-62-05105): high hand force more than 2 h/day (items 5-6), "
        "highly repetitive motion more than 2 h/day (item 7), intensive keying more than "
        "4 h/day (item 8): not seen in a checked copy of the WAC text.",
        "Hazard lines for highly repetitive motion (more than 2 h/day with awkward wrist and "
        "high forceful exertion, more than 6 h/day with no other risk factor) and intensive "
        "keying (more than 4 h/day with awkward wrist, more than 7 h/day alone): not seen in "
        "a checked copy of the Hazard Zone Jobs Checklist (only its first 12 lines were seen).",
        "Hazard line 13, gripping with no other risk factor (more than 4 h/day): not seen; "
        "taken equal to line 10 (pinching, more than 4 h/day), which was.",
        "The second modifier of hazard lines 9 and 12 (awkward wrist: flexion >= 30°, "
        "extension >= 45°, ulnar deviation >= 30°): its text is blank in the checked copy.",
    ),
)


class RepetitiveMotionResult(
    z.zone_result_fields(
        "_RepetitiveMotionResultFields", ("awkward_wrist", "forceful_exertion", "with_repetition")
    )
):
    """Repetitive-motion zones per assessment (n,) and per criterion (n, K); see ``CRITERIA``.

    The :class:`scoring.lni_zones.ZoneResult` fields (``rate`` all NaN: no criterion here
    has a rate condition), then ``awkward_wrist``, ``forceful_exertion`` and
    ``with_repetition`` (n,) bool (the last: repetitive_motion_h > 0, the hand-force
    modifier).
    """

    __slots__ = ()
    # Class attributes, not per-row fields: the column order of the (n, K) fields.
    CRITERIA = CRITERIA
    criterion_id = np.array([c.id for c in CRITERIA])  # (K,)


def assess(
    *,
    repetitive_motion_h=np.nan,
    intensive_keying_h=np.nan,
    high_hand_force_h=np.nan,
    awkward_wrist=False,
    forceful_exertion=False,
    performed_regularly=True,
) -> RepetitiveMotionResult:
    """Return the repetitive-motion zones, band and risk index of each assessment.

    Parameters
    ----------
    repetitive_motion_h
        Time per day repeating the same motion of the neck, shoulders, elbows,
        wrists or hands every few seconds with little or no variation,
        excluding keying. [h/day]
    intensive_keying_h
        Time per day of intensive keying. [h/day]
    high_hand_force_h
        Time per day pinching an unsupported object >= 2 lb or with >= 4 lb
        force, or gripping an unsupported object >= 10 lb or with >= 10 lb
        force, per hand. [h/day]
    awkward_wrist
        Whether the work is done with the wrist flexed >= 30°, extended >= 45°
        or ulnar-deviated >= 30°. [bool]
    forceful_exertion
        Whether the repetitive motion involves high, forceful exertions with
        the hands. [bool]
    performed_regularly
        Whether the tasks are performed more than one day a week and more than
        one week a year; where not, no criterion is met. [bool]

    All inputs broadcast to ``(n,)``; NaN hours mean "not given" and leave the
    criteria of that exposure out (all NaN: not applicable). NaN flags are
    read as False.

    Returns
    -------
    RepetitiveMotionResult
        ``native`` [h/day], ``band``, ``index`` [0-100], ``borderline`` and
        the per-criterion zones in ``CRITERIA`` order.
    """
    wrist = z.as_flag(awkward_wrist)
    force = z.as_flag(forceful_exertion)
    with np.errstate(invalid="ignore"):
        with_rep = np.asarray(repetitive_motion_h, dtype=float) > 0
    wrist_force = wrist & force
    hand_mod = with_rep | wrist
    rep, rep_wf, key, key_w, hf, hf_rep, hf_w = CRITERIA
    zr = z.evaluate(
        [
            Criterion(rep, repetitive_motion_h, hazard_when=~wrist_force),
            Criterion(rep_wf, repetitive_motion_h, hazard_when=wrist_force),
            Criterion(key, intensive_keying_h, hazard_when=~wrist),
            Criterion(key_w, intensive_keying_h, hazard_when=wrist),
            Criterion(hf, high_hand_force_h, hazard_when=~hand_mod),
            Criterion(hf_rep, high_hand_force_h, hazard_when=with_rep),
            Criterion(hf_w, high_hand_force_h, hazard_when=wrist),
        ],
        regular=performed_regularly,
    )
    n = zr.band.shape[0]
    return RepetitiveMotionResult(
        **zr._asdict(),
        awkward_wrist=np.broadcast_to(wrist, (n,)).copy(),
        forceful_exertion=np.broadcast_to(force, (n,)).copy(),
        with_repetition=np.broadcast_to(with_rep, (n,)).copy(),
    )
