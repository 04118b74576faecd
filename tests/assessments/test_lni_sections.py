"""The L&I sections of the model (contact stress, repetitive motion, awkward posture).

Checks what an officer enters reaches the corrected L&I lines: "performed regularly" per
section (default yes), the neck-or-back bent more than 30° caution input, the consistency
rules between the bending times, and that files saved before these inputs existed open and
score by the corrected caution line.
"""

import pandas as pd
import pytest
from pydantic import ValidationError

from assessments import model as m
from assessments.evaluate import score_assessment
from assessments.fields import problems_from
from assessments.io import assessments_to_frame, frame_to_assessments, validate_frame
from scoring.bands import HIGH, LOW, MODERATE

L_AND_I = ("contact_stress", "repetitive_motion", "awkward_posture")


def _factor(a: m.Assessment, factor: str):
    return score_assessment(a).factor(factor)


@pytest.mark.parametrize("section", L_AND_I)
def test_performed_regularly_is_asked_per_section_default_yes(section):
    """Each L&I section asks 'Performed regularly' with the L&I definition as help."""
    cls = m.SECTIONS[section]
    info = cls.model_fields["performed_regularly"]
    assert info.default is True and info.title == "Performed regularly"
    assert "more than one day a week and more than one week a year" in info.description


def test_not_performed_regularly_scores_low_and_says_why():
    """An occasional task (not more than one day a week) is not a caution- or hazard-zone job."""
    section = {"kneeling_h": 5.0, "performed_regularly": False}
    f = _factor(m.Assessment(awkward_posture=section), "awkward_posture")
    assert f.applicable and f.band == LOW and "not performed regularly" in f.why
    f = _factor(m.Assessment(awkward_posture={"kneeling_h": 5.0}), "awkward_posture")
    assert f.band == HIGH


def test_old_file_without_combined_bending_time_opens_and_reads_caution():
    """A file saved before 'Neck or back bent more than 30°' existed: back bent more than
    30° for 2.5 h/day opens unchanged and meets WAC 296-62-05105 item 2 (> 2 h)."""
    a = m.Assessment.model_validate(
        {"awkward_posture": {"back_bent_30_h": 2.5, "back_bent_45_h": 1.0}}
    )
    assert a.awkward_posture.neck_or_back_bent_30_h is None
    assert a.awkward_posture.performed_regularly is True
    f = _factor(a, "awkward_posture")
    assert f.band == MODERATE and "item 2" in f.why


def test_bent_further_cannot_exceed_bent_30():
    """Time bent beyond 45° (neck) or 30° (back) is part of the time bent beyond 30°."""
    with pytest.raises(ValidationError) as exc:
        m.Assessment.model_validate(
            {"awkward_posture": {"neck_or_back_bent_30_h": 1.0, "back_bent_30_h": 3.0}}
        )
    text = " ".join(p.line() for p in problems_from(exc.value))
    assert "back_bent_30_h == 3" in text and "neck_or_back_bent_30_h (1)" in text


def test_csv_round_trip_and_file_validator_agree():
    """The flat table carries both new inputs and the file validator applies the same rule."""
    a = m.Assessment(
        awkward_posture={"neck_or_back_bent_30_h": 3.0, "performed_regularly": False},
        repetitive_motion={"intensive_keying_h": 5.0, "performed_regularly": False},
    )
    df = assessments_to_frame([a])
    back, problems = frame_to_assessments(df)
    assert not problems and back[0] == a
    bad = df.copy()
    bad["awkward_posture.back_bent_30_h"] = 4.0
    assert any("neck_or_back_bent_30_h" in p.line() for p in validate_frame(bad))
    blank = pd.DataFrame([{"awkward_posture.kneeling_h": 3.0}])
    parsed, problems = frame_to_assessments(blank)
    assert not problems and parsed[0].awkward_posture.performed_regularly is True


def test_bending_advice_cuts_every_bending_time_to_the_caution_limit():
    """The what-if of item 2 ('more than 2 hours total per day') caps every bending time it
    reads, so cutting the back bent more than 30° from 4.5 to 2 h/day leaves both zones."""
    a = m.Assessment(awkward_posture={"back_bent_30_h": 4.5, "back_bent_45_h": 1.0})
    effects = {r.id: r.effect for r in score_assessment(a).recommendations}
    assert effects["POS-NECK_OR_BACK_30"] == (
        "Neck or back bent more than 30°: 4.5 → at most 2 h/day: band high → low"
    )
    assert effects["POS-BACK_BENT_30"].endswith("at most 4 h/day: band high → moderate")
    occasional = m.Assessment(awkward_posture={"back_bent_30_h": 4.5, "performed_regularly": False})
    assert not score_assessment(occasional).recommendations
