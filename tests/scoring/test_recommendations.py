"""Recommendations: quantified what-ifs, ranking and the catalogue."""

import math
from pathlib import Path

import pytest

from assessments import io
from assessments import model as m
from assessments.evaluate import score_assessment
from scoring import recommendations as rec
from scoring.results import CONTROL_LEVELS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _score(a):
    return score_assessment(a)


def _example(name):
    return io.load_json((EXAMPLES / f"{name}.json").read_text())[0][0]


def test_catalogue_entries_are_complete():
    ids = [e.id for e in rec.CATALOGUE]
    assert len(ids) == len(set(ids))
    for e in rec.CATALOGUE:
        assert e.control in CONTROL_LEVELS
        assert e.officer and e.employee and e.source
    with pytest.raises(KeyError, match="must be one of"):
        rec.catalogue_entry("NOPE")


def test_single_tool_time_limit_matches_the_spec_example():
    """The product example: "keep the grinder under 1 h 40 min a day to stay below the EAV".
    T_EAV = 8 (2.5 / a)² h (Directive 2002/44/EC EAV): a = 2.5 sqrt(8 / (5/3)) gives 1 h 40 min."""
    a_hv = 2.5 * math.sqrt(8 / (5 / 3))
    a = m.Assessment(
        vibration=m.Vibration(
            tools=[m.HandArmTool(name="grinder", a_hv_m_s2=a_hv, trigger_time_h=3)]
        )
    )
    r = _score(a)
    time = next(x for x in r.recommendations if x.id == "HAV-TIME")
    assert time.officer_text == "Keep the grinder under 1 h 40 min a day to stay below the EAV."
    assert time.index_after < 25 < time.index_before  # the what-if lands in the low band


def test_lifting_what_if_quotes_the_change_and_the_new_index():
    """NIOSH 94-110: HM = 25/H, so H 50 -> 25 cm doubles the RWL and halves the LI."""
    task = m.LiftingTask(
        name="box",
        load_kg=15,
        h_origin_cm=50,
        v_origin_cm=75,
        h_dest_cm=50,
        v_dest_cm=100,
        lifts_per_min=1,
        duration="short",
        coupling="good",
    )
    r = _score(m.Assessment(lifting=m.Lifting(tasks=[task])))
    li = r.factor("lifting").headline.value
    h = next(x for x in r.recommendations if x.id == "LIFT-H")
    assert h.effect == f"box: H 50 cm → 25 cm: LI {li:.2f} → {li / 2:.2f}"
    load = next(x for x in r.recommendations if x.id == "LIFT-LOAD")
    assert load.effect.endswith("→ 1.00")  # a load equal to the RWL gives LI = 1 by definition


def test_recommendations_are_ranked_by_risk_removed():
    r = _score(_example("warehouse-lifting"))
    removed = [x.risk_removed for x in r.recommendations]
    assert removed == sorted(removed, reverse=True)
    assert all(x.effect for x in r.recommendations if x.factor == "lifting")


def test_office_desk_gets_personal_settings_and_individual_measures():
    r = _score(_example("office-desk"))
    ids = [x.id for x in r.recommendations]
    assert "WS-SETTINGS" in ids and "SIT-BREAKS" in ids and "WS-LUMBAR" in ids
    settings = next(x for x in r.recommendations if x.id == "WS-SETTINGS")
    assert settings.employee_text.startswith("Set your workstation: chair ")
    assert "footrest" in settings.employee_text
    assert r.desk_targets["desk_cm"] == 74.0  # the desk is fixed at 74 cm
    lumbar = next(x for x in r.recommendations if x.id == "WS-LUMBAR")
    assert "rolled towel" in lumbar.employee_text and lumbar.control == "individual"


def test_symptom_advice_refers_to_a_clinician_and_is_not_a_diagnosis():
    assert "doctor" in rec.SYMPTOM_ADVICE.employee_text
    assert "cannot diagnose" in rec.SYMPTOM_ADVICE.employee_text


def test_low_risk_assessment_gets_no_controls():
    a = m.Assessment(sitting=m.Sitting(seated_h_per_day=2, longest_bout_min=20))
    assert _score(a).recommendations == ()


def test_footrest_is_advised_when_the_chair_must_sit_above_popliteal_height():
    """ISO 9241-5: feet supported when the seat is above popliteal height. The office
    desk example's fixed 74 cm desk needs the chair raised, so a footrest of the
    settings' height is advised at the individual level."""
    r = _score(_example("office-desk"))
    foot = next(x for x in r.recommendations if x.id == "WS-FOOTREST")
    assert foot.control == "individual"
    assert f"about {r.desk_targets['footrest_cm']:.0f} cm" in foot.employee_text
