"""Red-flag advice levels (never a diagnosis).

Sources (docs/methods/bibliography.toml): NICE CKS Sciatica (lumbar radiculopathy), red
flag symptoms and signs (nice-cks-sciatica): suspected cauda equina syndrome, new bladder
or bowel disturbance, saddle numbness, bilateral symptoms or progressive leg weakness,
needs immediate referral; GIRFT National Suspected CES Pathway 2023 (girft-ces-2023); the
NHS: "go to A&E or call 999" (nhs-sciatica); sciatica-type leg pain: see a clinician
(nice-ng59).
"""

import pytest

from scoring import recommendations as rec


def test_item_02_no_symptom_no_advice():
    assert rec.symptom_advice(cauda_equina_signs=False, leg_symptoms=False) == ()


def test_item_02_leg_pain_with_numbness_means_see_a_clinician_soon():
    advice = rec.symptom_advice(cauda_equina_signs=False, leg_symptoms=True)
    assert advice == (rec.SYMPTOM_ADVICE,)
    assert "soon" in rec.SYMPTOM_ADVICE.employee_text
    assert "cannot diagnose" in rec.SYMPTOM_ADVICE.employee_text


@pytest.mark.parametrize("leg", [False, True])
def test_item_02_a_warning_sign_means_emergency_care_now_first(leg):
    advice = rec.symptom_advice(cauda_equina_signs=True, leg_symptoms=leg)
    assert advice[0] is rec.EMERGENCY_ADVICE
    assert (rec.SYMPTOM_ADVICE in advice) is leg
    text = rec.EMERGENCY_ADVICE.employee_text
    assert text.startswith("Seek emergency care now.")
    assert "In the UK, go to A&E or call 999" in text
    assert "emergency department" in text and "emergency number" in text
    assert "cannot tell what causes them" in text  # not a diagnosis
    assert "you have" not in text.lower()
    assert "A&E or 999" in rec.EMERGENCY_ADVICE.officer_text


def test_item_02_the_four_warning_signs_are_asked():
    """NICE CKS / GIRFT: bladder or bowel, saddle area, both legs, worsening weakness."""
    words = " ".join(rec.CAUDA_EQUINA_SIGNS.values()).lower()
    for sign in ("passing urine", "bladder", "bowel", "saddle", "both legs", "worse quickly"):
        assert sign in words
    assert set(rec.CAUDA_EQUINA_SIGNS) == {
        "bladder_bowel",
        "saddle_numbness",
        "both_legs",
        "worsening_weakness",
    }
