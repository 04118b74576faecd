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


def test_single_tool_time_limit_matches_the_worked_example():
    """Worked example: "keep the grinder under 1 h 40 min a day to stay below the EAV".
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


def _texts(entry_id):
    e = rec.catalogue_entry(entry_id)
    return f"{e.officer} {e.employee}".lower()


def test_item_03_standing_advice_says_alternate_and_avoid_standing_still():
    """Buckley et al. 2015 (BJSM 49:1357): accumulate standing *and light activity (light
    walking)*, break up seated work, avoid prolonged static standing. Not "stand 2 h, then 4"."""
    e = rec.catalogue_entry("SIT-STANDDESK")
    assert e.employee == (
        "Alternate sitting, standing and light walking during the day; avoid standing still "
        "for long."
    )
    assert "light walking" in e.officer and "standing still" in e.officer
    assert "start with 2 hours" not in _texts("SIT-STANDDESK")
    assert "Buckley" in e.source


def test_item_03_activity_advice_claims_no_strengthening_prevention():
    """Burton et al. 2006 (European prevention guidelines): limited scope to prevent a first
    episode; physical exercise helps against recurrence and consequences. So: stay active."""
    e = rec.catalogue_entry("SIT-EXERCISE")
    assert e.employee.startswith("Stay physically active")
    for claim in ("strengthen", "stomach", "abdomen"):
        assert claim not in _texts("SIT-EXERCISE")
    assert "Burton" in e.source and "Eur Spine J" in e.source


def test_item_03_thirty_minute_breaks_are_labelled_a_project_choice():
    """No cited source sets a 30-minute interval; the entry says it is a project choice."""
    e = rec.catalogue_entry("SIT-BREAKS")
    assert "30 minutes" in e.officer and "30 minutes" in e.employee
    assert "project choice" in e.source and "ROSA" not in e.source


def test_item_05_limit_value_advice_names_the_law():
    e = rec.catalogue_entry("HAV-ELV")
    for words in ("EU Directive 2002/44/EC", "UK Control of Vibration at Work Regulations 2005"):
        assert words in e.officer and words in e.employee
    assert "shall not be exposed" in e.officer


def test_item_05_declared_tool_value_asks_for_in_use_data():
    tools = [
        m.HandArmTool(name="grinder", a_hv_m_s2=4.0, trigger_time_h=1, declared=True),
        m.HandArmTool(name="drill", a_hv_m_s2=3.0, trigger_time_h=1),
    ]
    r = _score(m.Assessment(vibration=m.Vibration(tools=tools)))
    declared = next(x for x in r.recommendations if x.id == "HAV-DECLARED")
    assert declared.officer_text.startswith("The A(8) of the grinder rests on the manufacturer's")
    plain = [m.HandArmTool(name="drill", a_hv_m_s2=3.0, trigger_time_h=1)]
    r = _score(m.Assessment(vibration=m.Vibration(tools=plain)))
    assert "HAV-DECLARED" not in {x.id for x in r.recommendations}


def test_item_05_shocks_recommend_measuring_the_vdv_even_when_a8_is_low():
    src = m.WholeBodySource(
        name="dumper", a_wx_m_s2=0.1, a_wy_m_s2=0.1, a_wz_m_s2=0.3, exposure_h=2, shocks=True
    )
    r = _score(m.Assessment(vibration=m.Vibration(sources=[src])))
    assert r.factor("whole_body_vibration").band == 0
    shocks = next(x for x in r.recommendations if x.id == "WBV-SHOCKS")
    assert "dumper" in shocks.officer_text and "Measure the VDV" in shocks.officer_text
