"""Tests for scoring.workstation_height (personal workstation height ranges).

Sources (keys of docs/methods/bibliography.toml): body dimensions, Pheasant & Haslegrave,
Bodyspace 3rd ed. 2006, British adults 19-65 (pheasant-2006): 50th percentiles men / women
stature 1740 / 1610 mm, popliteal height 440 / 400, sitting elbow height 245 / 235, sitting
eye height 790 / 740, standing elbow height 1090 / 1005, eye height 1630 / 1505; 5th-95th
percentile stature men 1625-1855, women 1505-1710 mm. Screen zone 0-60 degrees below the
horizontal eye line (iso-9241-5-1998); top line at or below eye height (ansi-hfes-100-2007,
osha-etool-workstations), centre 15-20 degrees below horizontal (osha-etool-workstations);
progressive lenses: lower (calosha-easy-ergonomics p. 26). Standing surface by task
(pheasant-2006 via cre-msd-standing). Band edges and tolerances: project rules (docs page).
"""

import inspect
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presentation import workstation_height as wh_words
from scoring import recommendations
from scoring import workstation_height as wh
from scoring.bands import HIGH, LOW, MODERATE, NOT_APPLICABLE

# Bodyspace British adults 19-65, 50th percentile [cm].
MEN = {"stature": 174.0, "popliteal": 44.0, "elbow": 24.5, "eye": 79.0, "st_elbow": 109.0}
WOMEN = {"stature": 161.0, "popliteal": 40.0, "elbow": 23.5, "eye": 74.0, "st_elbow": 100.5}
TAN20 = math.tan(math.radians(20.0))
TAN60 = math.tan(math.radians(60.0))

# ----------------------------------------------------------------- body dimensions


@pytest.mark.parametrize(("sex", "p50"), [("male", MEN), ("female", WOMEN)])
def test_ratio_scaling_reproduces_bodyspace_50th_percentiles(sex, p50):
    """Bodyspace British adults 19-65 (pheasant-2006): at the 50th-percentile stature, ratio
    scaling gives the 50th-percentile popliteal, sitting elbow and sitting eye heights; shoes
    add 25 mm and the home row sits 2.5 cm below the elbow (project rule)."""
    body = wh.body_dimensions(stature_cm=p50["stature"], sex=sex)
    assert body.popliteal_shod_cm[0] == pytest.approx(p50["popliteal"] + 2.5, abs=0.005)
    assert body.keyboard_gap_cm[0] == pytest.approx(p50["elbow"] - 2.5, abs=0.005)
    assert body.eye_gap_cm[0] == pytest.approx(p50["eye"], abs=0.005)
    assert body.standing_elbow_shod_cm[0] == pytest.approx(p50["st_elbow"] + 2.5, abs=0.005)
    assert not body.outside_survey[0]
    # The same numbers arrive as the seated targets (seat height not measured).
    res = wh.assess(posture_mode="seated", stature_cm=p50["stature"], sex=sex)
    assert res.seat_target_cm[0] == pytest.approx(p50["popliteal"] + 2.5, abs=0.005)
    assert res.keyboard_target_cm[0] == pytest.approx(p50["popliteal"] + p50["elbow"], abs=0.005)
    eye = p50["popliteal"] + 2.5 + p50["eye"]
    assert res.monitor_target_cm[0] == pytest.approx(eye, abs=0.005)


def test_unspecified_sex_uses_the_mean_of_both_ratios():
    both = wh.stature_ratios(np.array(["male", "female", "unspecified"]))
    for ratio in both.values():
        assert ratio[2] == pytest.approx((ratio[0] + ratio[1]) / 2)
    body = wh.body_dimensions(stature_cm=170.0)
    mean_ratio = (MEN["popliteal"] / MEN["stature"] + WOMEN["popliteal"] / WOMEN["stature"]) / 2
    assert body.popliteal_shod_cm[0] == pytest.approx(170.0 * mean_ratio + 2.5)


def test_measured_dimensions_override_the_estimate_per_dimension():
    """ISO 9241-5 / ANSI/HFES 100-2007: seat at popliteal height (+ 25 mm shoes), home row
    2.5 cm below the sitting elbow (project rule), eye gap = sitting eye height. Each
    measurement replaces only its own dimension."""
    only_popliteal = wh.body_dimensions(stature_cm=174.0, sex="male", popliteal_height_cm=42.0)
    assert only_popliteal.popliteal_shod_cm[0] == pytest.approx(44.5)
    assert only_popliteal.keyboard_gap_cm[0] == pytest.approx(MEN["elbow"] - 2.5)
    assert only_popliteal.eye_gap_cm[0] == pytest.approx(MEN["eye"])
    assert only_popliteal.popliteal_measured[0] and not only_popliteal.elbow_measured[0]

    all_measured = wh.body_dimensions(
        stature_cm=167.5,
        popliteal_height_cm=42.0,
        sitting_elbow_height_cm=24.0,
        sitting_eye_height_cm=75.0,
        shoe_allowance_cm=3.0,
    )
    assert all_measured.popliteal_shod_cm[0] == pytest.approx(45.0)
    assert all_measured.keyboard_gap_cm[0] == pytest.approx(21.5)
    assert all_measured.eye_gap_cm[0] == pytest.approx(75.0)

    res = wh.assess(
        posture_mode="seated",
        stature_cm=167.5,
        popliteal_height_cm=42.0,
        sitting_elbow_height_cm=24.0,
        sitting_eye_height_cm=75.0,
        seat_height_cm=50.0,
    )
    assert res.seat_target_cm[0] == pytest.approx(44.5)
    # Keyboard and screen targets follow the seat the worker actually sits on.
    assert res.keyboard_target_cm[0] == pytest.approx(50.0 + 21.5)
    assert res.monitor_target_cm[0] == pytest.approx(50.0 + 75.0)


def test_shoe_allowance_nan_means_25_mm():
    """Bodyspace: "add about 25 mm for shoes"; a missing allowance uses that default."""
    body = wh.body_dimensions(popliteal_height_cm=40.0, shoe_allowance_cm=np.nan)
    assert body.popliteal_shod_cm[0] == pytest.approx(42.5)


# ------------------------------------------------------------- extrapolation flag


@pytest.mark.parametrize(
    ("sex", "stature", "flagged"),
    [
        ("female", 150.4, True),  # below the women's 5th percentile, 1505 mm
        ("female", 150.5, False),
        ("female", 171.0, False),  # the women's 95th percentile, 1710 mm
        ("female", 171.1, True),
        ("male", 162.4, True),  # men's 5th percentile 1625 mm
        ("male", 185.5, False),  # men's 95th percentile 1855 mm
        ("male", 185.6, True),
        ("unspecified", 150.5, False),  # both sexes: 1505-1855 mm
        ("unspecified", 185.6, True),
    ],
)
def test_extrapolation_flag_outside_the_survey_statures(sex, stature, flagged):
    """Bodyspace British adults 19-65, 5th-95th percentile stature (pheasant-2006): an
    estimate from a stature outside it is flagged, never silent."""
    res = wh.assess(posture_mode="seated", stature_cm=stature, sex=sex, seat_height_cm=45.0)
    assert bool(res.extrapolated[0]) is flagged
    fr = wh_words.factor_result(res)
    assert ("extrapolated" in fr.reason) is flagged
    assert any("extrapolated" in row[2] for row in fr.tables[1].rows) is flagged


def test_measured_seated_dimensions_are_not_extrapolated():
    """Seated work with popliteal, elbow and eye heights measured uses no estimate; standing
    work always estimates the eye height, so a tall worker standing is still flagged."""
    measured = {
        "popliteal_height_cm": 50.0,
        "sitting_elbow_height_cm": 27.0,
        "sitting_eye_height_cm": 88.0,
    }
    seated = wh.assess(posture_mode="seated", stature_cm=195.0, seat_height_cm=52.0, **measured)
    assert not seated.extrapolated[0]
    standing = wh.assess(
        posture_mode="standing", stature_cm=195.0, monitor_top_height_cm=180.0, **measured
    )
    assert standing.extrapolated[0]


# ------------------------------------------------------------- screen by viewing angle


def _screen(top, *, progressive=False, screen_height=np.nan):
    # Eyes at 50 + 75 = 125 cm (measured sitting eye height on a 50 cm seat), 60 cm away.
    return wh.assess(
        posture_mode="seated",
        stature_cm=170.0,
        sitting_eye_height_cm=75.0,
        seat_height_cm=np.nan,
        popliteal_height_cm=47.5,  # seat target 50 cm, so the eyes are at 125 cm
        monitor_top_height_cm=top,
        viewing_distance_cm=60.0,
        progressive_lenses=progressive,
        screen_height_cm=screen_height,
    )


def test_screen_top_line_at_or_below_eye_height():
    """Top line at or below the horizontal eye line (ansi-hfes-100-2007,
    osha-etool-workstations): 125.0 cm is inside, 125.1 cm is 0.1 cm above the range."""
    at_eye, above = _screen(125.0), _screen(125.1)
    assert at_eye.monitor_deviation_cm[0] == pytest.approx(0.0)
    assert at_eye.monitor_top_angle_deg[0] == pytest.approx(0.0)
    assert above.monitor_deviation_cm[0] == pytest.approx(0.1)
    assert "above the eye line" in wh_words.factor_result(above).drivers[0]


def test_screen_without_progressive_lenses_within_20_degrees():
    """Centre of the screen 15-20 degrees below horizontal (osha-etool-workstations): a top
    line more than 20 degrees below is too low. At 60 cm: 125 - 60 tan 20 = 103.16 cm."""
    edge = 125.0 - 60.0 * TAN20
    inside, outside = _screen(edge + 0.05), _screen(edge - 0.05)
    assert inside.monitor_lo_cm[0] == pytest.approx(edge)
    assert inside.monitor_deviation_cm[0] == 0.0
    assert outside.monitor_deviation_cm[0] == pytest.approx(0.05)
    assert inside.monitor_top_angle_deg[0] == pytest.approx(20.0, abs=0.1)


def test_screen_set_low_for_progressive_lenses_is_not_flagged():
    """Cal/OSHA (calosha-easy-ergonomics p. 26): the top line "at or below your horizontal
    line of sight or even lower if you wear bifocal, trifocal or progressive lenses". A
    screen top at 100 cm (23 degrees below) is too low for others, in the zone for them."""
    other, progressive = _screen(100.0), _screen(100.0, progressive=True)
    assert other.monitor_deviation_cm[0] > 3.0
    assert progressive.monitor_deviation_cm[0] == 0.0
    assert progressive.band[0] == LOW


def test_progressive_lenses_whole_screen_within_60_degrees():
    """ISO 9241-5 (iso-9241-5-1998): the whole screen between the horizontal eye line and
    60 degrees below it. A 30 cm tall screen 60 cm away: its top line no lower than
    125 - 60 tan 60 + 30 = 51.08 cm; the bottom line's angle is reported."""
    edge = 125.0 - 60.0 * TAN60 + 30.0
    inside = _screen(edge + 0.05, progressive=True, screen_height=30.0)
    outside = _screen(edge - 0.05, progressive=True, screen_height=30.0)
    assert inside.monitor_deviation_cm[0] == 0.0
    assert outside.monitor_deviation_cm[0] == pytest.approx(0.05)
    assert inside.monitor_bottom_angle_deg[0] == pytest.approx(60.0, abs=0.1)
    assert "within 60°" in wh_words.factor_result(outside).drivers[0]


def test_standing_mode_checks_screen_against_standing_eye_height():
    """Standing: Bodyspace men's 50th-percentile eye height 1630 mm + 25 mm shoes."""
    res = wh.assess(
        posture_mode="standing",
        task_type="light",
        stature_cm=174.0,
        sex="male",
        monitor_top_height_cm=170.0,
        seat_height_cm=60.0,  # not relevant when standing
    )
    assert res.monitor_hi_cm[0] == pytest.approx(165.5, abs=0.05)
    assert res.monitor_lo_cm[0] == pytest.approx(165.5 - 60 * TAN20, abs=0.05)
    assert res.monitor_deviation_cm[0] == pytest.approx(4.5, abs=0.05)
    assert np.isnan(res.seat_deviation_cm[0])
    assert not res.seat_too_high[0]


# ---------------------------------------------------------------- standing surface


@pytest.mark.parametrize(
    ("task", "lo", "hi"),
    [
        ("precision", 5.0, 10.0),  # 5-10 cm above elbow
        ("light", -10.0, -5.0),  # 5-10 cm below elbow
        ("heavy", -25.0, -10.0),  # 10-25 cm below elbow
    ],
)
def test_standing_surface_offsets_per_task_type(task, lo, hi):
    """Pheasant & Haslegrave (2006) via msdprevention.com (cre-msd-standing): standing
    work-surface height relative to (shod) standing elbow height; target the midpoint."""
    elbow_shod = 105.0 + 2.5
    res = wh.assess(
        posture_mode="standing",
        task_type=task,
        standing_elbow_height_cm=105.0,
        standing_surface_height_cm=elbow_shod + hi + 2.0,
    )
    assert res.standing_lo_cm[0] == pytest.approx(elbow_shod + lo)
    assert res.standing_hi_cm[0] == pytest.approx(elbow_shod + hi)
    assert res.standing_target_cm[0] == pytest.approx(elbow_shod + (lo + hi) / 2)
    assert res.standing_deviation_cm[0] == pytest.approx(2.0)
    assert res.band[0] == MODERATE
    assert res.worst_dimension[0] == "standing"
    pt = wh.personal_targets(posture_mode="standing", task_type=task, standing_elbow_height_cm=105)
    assert pt.standing_surface_cm[0] == pytest.approx(elbow_shod + (lo + hi) / 2)
    assert np.isnan(pt.chair_cm[0])
    assert recommendations.settings_text(pt).startswith(
        f"work surface {elbow_shod + (lo + hi) / 2:.0f} cm"
    )


def test_sit_stand_scores_seated_and_standing_dimensions():
    res = wh.assess(
        posture_mode="sit_stand",
        task_type="light",
        stature_cm=174.0,
        sex="male",
        seat_height_cm=46.5,
        standing_surface_height_cm=80.0,
    )
    assert res.seat_deviation_cm[0] == pytest.approx(0.0)
    assert res.standing_deviation_cm[0] > 10.0
    assert res.band[0] == HIGH  # a furniture mismatch tops out at high (project rule)
    assert res.worst_dimension[0] == "standing"


# ------------------------------------------------------------------- band and index


@pytest.mark.parametrize(
    ("distance", "deviation", "band", "index"),
    [
        (60.0, 0.0, LOW, 0.0),  # at the target
        (76.0, 0.0, LOW, 25.0),  # on the range edge: still inside
        (76.5, 0.5, MODERATE, 27.5),
        (81.0, 5.0, MODERATE, 50.0),  # 5 cm out stays moderate (edge in the lower band)
        (81.01, 5.01, HIGH, 50.025),
        (86.0, 10.0, HIGH, 62.5),
        (91.0, 15.0, HIGH, 74.9),  # index stops short of very high
        (120.0, 44.0, HIGH, 74.9),  # never very high
        (45.0, 5.0, MODERATE, 50.0),  # below the range
    ],
)
def test_band_edges_inclusive_in_lower_band(distance, deviation, band, index):
    """Project rule: inside low; <= 5 cm out moderate; more than 5 cm high; no very high.
    Viewing distance range 50-76 cm (ansi-hfes-100-2007 >= 50 cm; oregon-osha-711 30 in)."""
    res = wh.assess(posture_mode="seated", viewing_distance_cm=distance)
    assert res.native[0] == pytest.approx(deviation)
    assert res.band[0] == band
    assert res.index[0] == pytest.approx(index)
    assert res.worst_dimension[0] == "distance"


def test_inside_index_relative_to_each_side_of_the_range():
    """Inside, the index is 25 x (distance from target / target-to-edge on that side)."""
    res = wh.assess(posture_mode="seated", viewing_distance_cm=np.array([55.0, 68.0, 50.0]))
    np.testing.assert_allclose(res.index, [12.5, 12.5, 25.0])
    assert (res.band == LOW).all()


def test_footrest_shifts_the_seat_target():
    """Seat target = shod popliteal + footrest, range -4/+1 cm (project rule)."""
    res = wh.assess(
        posture_mode="seated",
        stature_cm=174.0,
        sex="male",
        seat_height_cm=52.0,
        footrest_height_cm=np.array([0.0, 6.0]),
    )
    np.testing.assert_allclose(res.seat_target_cm, [46.5, 52.5])
    np.testing.assert_allclose(res.seat_lo_cm, [42.5, 48.5])
    np.testing.assert_allclose(res.seat_hi_cm, [47.5, 53.5])
    np.testing.assert_allclose(res.seat_deviation_cm, [4.5, 0.0], atol=1e-9)
    assert res.seat_too_high.tolist() == [True, False]


def test_seat_too_high_is_more_than_2_cm_above_popliteal():
    res = wh.assess(
        posture_mode="seated",
        popliteal_height_cm=40.0,
        seat_height_cm=np.array([44.5, 44.6, np.nan]),
    )
    assert res.seat_too_high.tolist() == [False, True, False]


def test_worst_dimension_driver_and_table():
    """Keyboard 6 cm above a 61-68 cm range (elbow 24 cm -> G 21.5, seat 43 cm) is high."""
    res = wh.assess(
        posture_mode="seated",
        stature_cm=160.0,
        popliteal_height_cm=40.5,
        sitting_elbow_height_cm=24.0,
        seat_height_cm=43.0,
        keyboard_height_cm=74.0,
        viewing_distance_cm=60.0,
    )
    assert res.worst_dimension[0] == "keyboard"
    assert res.native[0] == pytest.approx(6.0)
    assert res.band[0] == HIGH
    fr = wh_words.factor_result(res)
    assert fr.applicable and fr.band == HIGH and fr.band_name == "high"
    assert fr.headline.value == pytest.approx(6.0)
    assert fr.headline.text() == "6.0 cm"
    assert "Keyboard at 74 cm is 6 cm above your range 61–68 cm" in fr.drivers
    table = fr.tables[0]
    assert table.columns[:2] == ("dimension", "actual [cm]")
    assert ("Keyboard height", "74", "61–68", "64.5", "6") in table.rows
    assert fr.why.startswith("High: the keyboard height is 6 cm outside")
    assert "Not measured: top of screen" in fr.reason


def test_borderline_rules():
    """Borderline: within 10 % of the 5 cm edge; and (project rule), when the band is
    decided at a range edge, at most 1 cm outside or 90 % of the way from target to edge."""
    distance = np.array([60.0, 75.5, 76.8, 78.0, 80.6, 81.4, 82.0, 85.2])
    res = wh.assess(posture_mode="seated", viewing_distance_cm=distance)
    assert res.borderline.tolist() == [False, True, True, False, True, True, False, False]
    # A second dimension already 3 cm out: an inside one near its edge changes nothing.
    res = wh.assess(
        posture_mode="seated",
        popliteal_height_cm=40.0,
        seat_height_cm=46.5,
        viewing_distance_cm=75.5,
    )
    assert res.native[0] == pytest.approx(3.0)
    assert not res.borderline[0]


def test_dimension_set_at_its_target_is_not_borderline():
    """The monitor target is its range's top edge (eye level): at target, not borderline;
    90 % of the way down to the 20-degree line is borderline."""
    eye = 46.5 + MEN["eye"]  # seat at the men's 50th-percentile shod popliteal height
    base = {"posture_mode": "seated", "stature_cm": 174.0, "sex": "male", "seat_height_cm": 46.5}
    at_target = wh.assess(**base, monitor_top_height_cm=eye)
    assert at_target.band[0] == LOW and not at_target.borderline[0]
    near_edge = wh.assess(**base, monitor_top_height_cm=eye - 0.95 * 60 * TAN20)
    assert near_edge.band[0] == LOW and near_edge.borderline[0]


def test_nothing_measured_is_not_applicable():
    res = wh.assess(posture_mode="seated", stature_cm=174.0, sex="male")
    assert np.isnan(res.native[0]) and np.isnan(res.index[0])
    assert res.band[0] == NOT_APPLICABLE
    assert res.worst_dimension[0] == ""
    assert not res.extrapolated[0]
    fr = wh_words.factor_result(res)
    assert not fr.applicable
    assert "measured" in fr.reason
    # Targets are still given, so the worker can be told where to set things.
    assert res.set_chair_cm[0] == pytest.approx(MEN["popliteal"] + 2.5)


def test_unknown_options_name_the_valid_ones():
    with pytest.raises(ValueError, match=r"posture_mode == 'kneeling', must be one of 'seated'"):
        wh.assess(posture_mode="kneeling")
    with pytest.raises(ValueError, match=r"task_type == 'medium', must be one of 'precision'"):
        wh.assess(posture_mode="standing", task_type="medium")
    with pytest.raises(ValueError, match=r"sex == 'x', must be one of 'female', 'male'"):
        wh.personal_targets(posture_mode="seated", sex=np.array(["male", "x"]))


# ----------------------------------------------------------------- personal targets


def test_personal_targets_fixed_74_cm_desk_chair_up_and_footrest():
    """EN 527-1 type A desks are fixed near 74 cm. Men's 50th percentile (Bodyspace: shod
    popliteal 46.5, keyboard gap 22.0, eye gap 79.0 cm): the desk cannot come down to
    68.5 cm, so the chair rises to 74 - 22 = 52 cm and a footrest of ceil(5.5) = 6 cm."""
    pt = wh.personal_targets(
        posture_mode="seated", stature_cm=174.0, sex="male", desk_min_cm=74.0, desk_max_cm=74.0
    )
    assert pt.chair_cm[0] == pytest.approx(52.0)
    assert pt.footrest_cm[0] == 6.0
    assert pt.desk_cm[0] == pytest.approx(74.0)
    assert pt.monitor_top_cm[0] == pytest.approx(52.0 + 79.0)
    assert pt.viewing_distance_cm[0] == 60.0
    assert not (pt.chair_too_low[0] or pt.desk_too_high[0] or pt.desk_too_low[0])
    assert recommendations.settings_text(pt) == (
        "chair 52 cm, footrest 6 cm, desk 74 cm, top of screen at 131 cm, "
        "screen about 60 cm from the eyes"
    )
    # Re-scoring the workstation with those settings puts every dimension in range.
    applied = {wh.TARGET_TO_INPUT[k]: v for k, v in pt._asdict().items() if k in wh.TARGET_TO_INPUT}
    res = wh.assess(stature_cm=174.0, sex="male", **{**applied, "posture_mode": "seated"})
    assert res.band[0] == LOW
    assert not res.seat_too_high[0]


def test_personal_target_for_progressive_lenses_is_lower():
    """Progressive lenses: the top of the screen 20 degrees below the eyes at 60 cm
    (project rule), still inside the ISO 9241-5 zone."""
    kw = {"posture_mode": "seated", "stature_cm": 174.0, "sex": "male"}
    plain = wh.personal_targets(**kw)
    low = wh.personal_targets(**kw, progressive_lenses=True)
    assert plain.monitor_top_cm[0] - low.monitor_top_cm[0] == pytest.approx(60 * TAN20, abs=0.1)
    res = wh.assess(**kw, progressive_lenses=True, monitor_top_height_cm=low.monitor_top_cm)
    assert res.monitor_deviation_cm[0] == 0.0


def test_personal_target_inputs_are_assess_inputs():
    """personal_targets() takes a subset of assess()'s inputs, so a caller can pass them on."""
    assess_params = set(inspect.signature(wh.assess).parameters)
    target_params = set(inspect.signature(wh.personal_targets).parameters)
    assert set(wh.PERSONAL_TARGET_INPUTS) == target_params
    assert target_params <= assess_params
    assert set(wh.TARGET_TO_INPUT.values()) <= assess_params
    assert set(wh.TARGET_TO_INPUT) <= set(wh.PersonalTargets._fields)


def test_personal_targets_chair_limit_flags():
    """The chair's range caps the rise; a chair that cannot reach P is flagged."""
    kw = {"posture_mode": "seated", "stature_cm": 174.0, "sex": "male"}
    capped = wh.personal_targets(**kw, desk_min_cm=74.0, desk_max_cm=74.0, seat_max_cm=50)
    assert capped.chair_cm[0] == pytest.approx(50.0)
    assert capped.footrest_cm[0] == 4.0  # ceil(50 - 46.5)
    assert capped.desk_cm[0] == pytest.approx(74.0)
    assert capped.desk_too_high[0]
    assert recommendations.settings_text(capped).endswith(
        "; the desk stays too high even with the chair raised: a lower desk is needed"
    )

    low_chair = wh.personal_targets(**kw, seat_max_cm=44.0)
    assert low_chair.chair_too_low[0] and low_chair.chair_cm[0] == pytest.approx(44.0)
    assert low_chair.desk_cm[0] == pytest.approx(44.0 + 22.0)

    high_chair = wh.personal_targets(**kw, seat_min_cm=50.0)
    assert high_chair.chair_too_high[0] and high_chair.footrest_cm[0] == 4.0

    low_desk = wh.personal_targets(**kw, desk_max_cm=60.0)
    assert low_desk.desk_too_low[0] and low_desk.desk_cm[0] == pytest.approx(60.0)


# ----------------------------------------------------------------------- properties


def _row(draw):
    mode = draw(st.sampled_from(wh.POSTURE_MODES))

    def opt(lo, hi):
        return draw(st.one_of(st.just(math.nan), st.floats(lo, hi, allow_nan=False)))

    return {
        "posture_mode": mode,
        "task_type": draw(st.sampled_from(wh.TASK_TYPES)),
        "stature_cm": draw(st.floats(130, 210)),
        "sex": draw(st.sampled_from(wh.SEXES)),
        "popliteal_height_cm": opt(30, 55),
        "sitting_elbow_height_cm": opt(15, 35),
        "sitting_eye_height_cm": opt(60, 90),
        "standing_elbow_height_cm": opt(85, 130),
        "seat_height_cm": opt(30, 70),
        "keyboard_height_cm": opt(50, 100),
        "monitor_top_height_cm": opt(80, 180),
        "screen_height_cm": opt(10, 60),
        "progressive_lenses": draw(st.booleans()),
        "viewing_distance_cm": opt(20, 150),
        "standing_surface_height_cm": opt(60, 140),
        "footrest_height_cm": draw(st.sampled_from([0.0, 5.0, 10.0])),
        "desk_min_cm": opt(55, 80),
    }


rows = st.composite(_row)


@settings(max_examples=60, deadline=None)
@given(st.lists(rows(), min_size=1, max_size=8))
def test_scalar_and_batch_identical(batch):
    """Contract: one row scored alone gives the same numbers as inside a batch."""
    cols = {k: np.array([r[k] for r in batch]) for k in batch[0]}
    res = wh.assess(**cols)
    for i, r in enumerate(batch):
        one = wh.assess(**r)
        for name, arr in res._asdict().items():
            single = getattr(one, name)
            assert single.shape == (1,), name
            if arr.dtype.kind == "f":
                np.testing.assert_array_equal(arr[i], single[0], err_msg=name)
            else:
                assert arr[i] == single[0], name


@settings(max_examples=100, deadline=None)
@given(rows())
def test_deviation_non_negative_and_index_agrees_with_band(r):
    res = wh.assess(**r)
    for d in wh.DIMENSIONS:
        dev = getattr(res, f"{d}_deviation_cm")[0]
        assert np.isnan(dev) or dev >= 0
    if res.band[0] == NOT_APPLICABLE:
        assert np.isnan(res.index[0])
    else:
        b = int(res.band[0])
        assert 25 * b - 1e-9 <= res.index[0] <= 25 * (b + 1) + 1e-9
        assert 0 <= res.index[0] <= 100
        wf = wh_words.factor_result(res)
        assert wf.band == b and wf.headline is not None


@settings(max_examples=100, deadline=None)
@given(
    st.floats(130, 210),
    st.floats(30, 70),
    st.floats(30, 70),
)
def test_index_monotone_in_deviation(stature, seat_a, seat_b):
    """The index never falls as a dimension moves further from its target."""
    res = wh.assess(
        posture_mode="seated", stature_cm=stature, seat_height_cm=np.array([seat_a, seat_b])
    )
    t = res.seat_target_cm[0]
    same_side = (seat_a - t) * (seat_b - t) >= 0
    if same_side:
        near, far = sorted([0, 1], key=lambda k: abs([seat_a, seat_b][k] - t))
        assert res.seat_deviation_cm[near] <= res.seat_deviation_cm[far]
        assert res.seat_index[near] <= res.seat_index[far] + 1e-9
        assert res.index[near] <= res.index[far] + 1e-9
    for k in range(2):
        dev_k = res.seat_deviation_cm[k]
        assert (res.seat_index[k] <= 25.0) if dev_k == 0 else (res.seat_index[k] >= 25.0)


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 60), st.floats(0, 60))
def test_index_monotone_in_deviation_across_scale(dev_a, dev_b):
    lo, hi = sorted([dev_a, dev_b])
    res = wh.assess(posture_mode="seated", viewing_distance_cm=np.array([76 + lo, 76 + hi]))
    assert res.index[0] <= res.index[1]
    assert res.band[0] <= res.band[1]
