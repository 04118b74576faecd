"""Tests for scoring.workstation_height (personal workstation height ranges).

Sources: ANSI/HFS 100-1988 table (standards.md §4.1, [C:S20]); Pheasant & Haslegrave,
Bodyspace 50th percentiles (standards.md §4.6); standing surface by task, Pheasant &
Haslegrave 2006 via msdprevention.com (standards.md §4.5, [C:S19]); band edges SPEC §3.
"""

import inspect
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import workstation_height as wh
from scoring.bands import HIGH, LOW, MODERATE, NOT_APPLICABLE, VERY_HIGH

# ---------------------------------------------------------------- ANSI/HFS 100-1988


@pytest.mark.parametrize(
    ("stature", "seat", "work", "screen"),
    [
        (150.0, 40.6, 58.5, 103.1),  # small adult
        (167.5, 46.3, 64.75, 118.1),  # mid
        (185.0, 52.0, 71.0, 133.1),  # large adult
    ],
)
def test_ansi_hfs_100_1988_table_rows_reproduced(stature, seat, work, screen):
    """ANSI/HFS 100-1988 VDT workstation table (standards.md §4.1): seat pan height, work
    surface height and screen viewing height for the small, mid and large adult. The mid row
    is not an input of the line, so reproducing it checks the table is linear in stature."""
    ansi = wh.ansi_hfs_100_1988(stature_cm=stature)
    assert ansi.seat_cm == pytest.approx(seat, abs=0.005)
    assert ansi.work_surface_cm == pytest.approx(work, abs=0.005)
    assert ansi.screen_cm == pytest.approx(screen, abs=0.005)
    # The same numbers arrive as the seated targets (seat height not measured).
    res = wh.assess(posture_mode="seated", stature_cm=stature)
    assert res.seat_target_cm[0] == pytest.approx(seat, abs=0.005)
    assert res.keyboard_target_cm[0] == pytest.approx(work, abs=0.005)
    assert res.monitor_target_cm[0] == pytest.approx(screen, abs=0.005)
    pt = wh.personal_targets(posture_mode="seated", stature_cm=stature)
    assert (pt.chair_cm[0], pt.desk_cm[0], pt.monitor_top_cm[0]) == pytest.approx(
        (seat, work, screen), abs=0.005
    )
    assert pt.footrest_cm[0] == 0.0


def test_ansi_line_extrapolates_outside_150_185_cm():
    """Project rule: the ANSI/HFS 100-1988 line is extrapolated linearly outside 150-185 cm."""
    ansi = wh.ansi_hfs_100_1988(stature_cm=np.array([140.0, 195.0]))
    slope_seat = (52.0 - 40.6) / 35.0
    np.testing.assert_allclose(ansi.seat_cm, [40.6 - 10 * slope_seat, 52.0 + 10 * slope_seat])
    slope_screen = (133.1 - 103.1) / 35.0
    np.testing.assert_allclose(
        ansi.screen_cm, [103.1 - 10 * slope_screen, 133.1 + 10 * slope_screen]
    )


# ----------------------------------------------------------------- body dimensions


def test_measured_dimensions_override_the_table_per_dimension():
    """ISO 9241-5 / ANSI/HFES 100-2007: seat at popliteal height (+ 25 mm shoes, Bodyspace),
    home row 2.5 cm below the sitting elbow (project rule), eye gap = sitting eye height.
    Each measurement replaces only its own dimension."""
    only_popliteal = wh.body_dimensions(stature_cm=167.5, popliteal_height_cm=42.0)
    assert only_popliteal.popliteal_shod_cm[0] == pytest.approx(44.5)
    assert only_popliteal.keyboard_gap_cm[0] == pytest.approx(64.75 - 46.3)
    assert only_popliteal.eye_gap_cm[0] == pytest.approx(118.1 - 46.3)
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
    assert (res.monitor_lo_cm[0], res.monitor_hi_cm[0]) == pytest.approx((115.0, 125.0))


def test_shoe_allowance_nan_means_25_mm():
    """Bodyspace: "add about 25 mm for shoes"; a missing allowance uses that default."""
    body = wh.body_dimensions(popliteal_height_cm=40.0, shoe_allowance_cm=np.nan)
    assert body.popliteal_shod_cm[0] == pytest.approx(42.5)


@pytest.mark.parametrize(
    ("sex", "stature", "elbow", "eye"),
    [
        ("male", 174.0, 109.0, 163.0),  # Bodyspace men 50th: 1740 / 1090 / 1630 mm
        ("female", 161.0, 100.5, 150.5),  # Bodyspace women 50th: 1610 / 1005 / 1505 mm
    ],
)
def test_standing_heights_from_bodyspace_50th_percentile(sex, stature, elbow, eye):
    """Pheasant & Haslegrave, Bodyspace, British adults 50th percentile (standards.md §4.6):
    the 50th-percentile stature gives the 50th-percentile elbow and eye heights, + 2.5 cm."""
    body = wh.body_dimensions(stature_cm=stature, sex=sex)
    assert body.standing_elbow_shod_cm[0] == pytest.approx(elbow + 2.5, abs=0.05)
    assert body.standing_eye_shod_cm[0] == pytest.approx(eye + 2.5, abs=0.05)


def test_standing_ratios_cross_check_drillis_contini():
    """Drillis & Contini (1966): elbow height 0.630H, eye height 0.936H (standards.md §4.6).
    The Bodyspace ratios agree within 1 %; "unspecified" is the mean of men and women."""
    elbow, eye = wh.standing_ratios(np.array(["male", "female", "unspecified"]))
    np.testing.assert_allclose(elbow, 0.630, rtol=0.01)
    np.testing.assert_allclose(eye, 0.936, rtol=0.01)
    assert elbow[2] == pytest.approx((elbow[0] + elbow[1]) / 2)
    assert eye[2] == pytest.approx((eye[0] + eye[1]) / 2)


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
    """Pheasant & Haslegrave (2006) via msdprevention.com (standards.md §4.5): standing
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
    assert wh.settings_text(pt).startswith(f"work surface {elbow_shod + (lo + hi) / 2:.0f} cm")


def test_standing_mode_checks_screen_against_standing_eye_height():
    """Top of screen at or below eye level (OSHA eTool), standing: Bodyspace men 1630 mm."""
    res = wh.assess(
        posture_mode="standing",
        task_type="light",
        stature_cm=174.0,
        sex="male",
        monitor_top_height_cm=170.0,
        seat_height_cm=60.0,  # not relevant when standing
    )
    assert res.monitor_hi_cm[0] == pytest.approx(165.5, abs=0.05)
    assert res.monitor_lo_cm[0] == pytest.approx(155.5, abs=0.05)
    assert res.monitor_deviation_cm[0] == pytest.approx(4.5, abs=0.05)
    assert np.isnan(res.seat_deviation_cm[0])
    assert not res.seat_too_high[0]


def test_sit_stand_scores_seated_and_standing_dimensions():
    res = wh.assess(
        posture_mode="sit_stand",
        task_type="light",
        stature_cm=167.5,
        seat_height_cm=46.3,
        standing_surface_height_cm=80.0,
    )
    assert res.seat_deviation_cm[0] == 0.0
    assert res.standing_deviation_cm[0] > 10.0
    assert res.band[0] == VERY_HIGH
    assert res.worst_dimension[0] == "standing"


# ------------------------------------------------------------------- band and index


@pytest.mark.parametrize(
    ("distance", "deviation", "band", "index"),
    [
        (60.0, 0.0, LOW, 0.0),  # at the target
        (76.0, 0.0, LOW, 25.0),  # on the range edge: still inside
        (76.5, 0.5, MODERATE, 27.5),
        (81.0, 5.0, MODERATE, 50.0),  # 5 cm out stays moderate (edge in the lower band)
        (81.01, 5.01, HIGH, 50.05),
        (86.0, 10.0, HIGH, 75.0),  # 10 cm out stays high
        (86.01, 10.01, VERY_HIGH, 75.025),
        (96.0, 20.0, VERY_HIGH, 100.0),  # cap
        (120.0, 44.0, VERY_HIGH, 100.0),
        (45.0, 5.0, MODERATE, 50.0),  # below the range
    ],
)
def test_band_edges_inclusive_in_lower_band(distance, deviation, band, index):
    """SPEC §3, workstation: inside low; <= 5 cm out moderate; 5-10 high; > 10 very high.
    Viewing distance range 50-76 cm (ANSI/HFES 100-2007 >= 50 cm; Oregon OSHA 30 in)."""
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
        stature_cm=167.5,
        seat_height_cm=52.0,
        footrest_height_cm=np.array([0.0, 6.0]),
    )
    np.testing.assert_allclose(res.seat_target_cm, [46.3, 52.3])
    np.testing.assert_allclose(res.seat_lo_cm, [42.3, 48.3])
    np.testing.assert_allclose(res.seat_hi_cm, [47.3, 53.3])
    np.testing.assert_allclose(res.seat_deviation_cm, [4.7, 0.0], atol=1e-9)
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
    fr = wh.factor_result(res)
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
    """Borderline: within 10 % of the 5 and 10 cm edges; and (project rule), when the band is
    decided at a range edge, at most 1 cm outside or 90 % of the way from target to edge."""
    distance = np.array([60.0, 75.5, 76.8, 78.0, 80.6, 81.4, 82.0, 85.2])
    res = wh.assess(posture_mode="seated", viewing_distance_cm=distance)
    assert res.borderline.tolist() == [False, True, True, False, True, True, False, True]
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
    """The monitor target is its range's top edge side (eye level): at target, not borderline;
    the ANSI/HFS 100-1988 mid-size row gives seat 46.3 and screen viewing height 118.1 cm."""
    at_target = wh.assess(
        posture_mode="seated", stature_cm=167.5, seat_height_cm=46.3, monitor_top_height_cm=118.1
    )
    assert at_target.band[0] == 0 and not at_target.borderline[0]
    near_edge = wh.assess(
        posture_mode="seated", stature_cm=167.5, seat_height_cm=46.3, monitor_top_height_cm=108.6
    )
    assert near_edge.band[0] == 0 and near_edge.borderline[0]


def test_nothing_measured_is_not_applicable():
    res = wh.assess(posture_mode="seated", stature_cm=170.0)
    assert np.isnan(res.native[0]) and np.isnan(res.index[0])
    assert res.band[0] == NOT_APPLICABLE
    assert res.worst_dimension[0] == ""
    fr = wh.factor_result(res)
    assert not fr.applicable
    assert "measured" in fr.reason
    # Targets are still given, so the worker can be told where to set things.
    assert res.set_chair_cm[0] == pytest.approx(wh.ansi_hfs_100_1988(stature_cm=170.0).seat_cm)


def test_unknown_options_name_the_valid_ones():
    with pytest.raises(ValueError, match=r"posture_mode == 'kneeling', must be one of 'seated'"):
        wh.assess(posture_mode="kneeling")
    with pytest.raises(ValueError, match=r"task_type == 'medium', must be one of 'precision'"):
        wh.assess(posture_mode="standing", task_type="medium")
    with pytest.raises(ValueError, match=r"sex == 'x', must be one of 'female', 'male'"):
        wh.personal_targets(posture_mode="seated", sex=np.array(["male", "x"]))


# ----------------------------------------------------------------- personal targets


def test_personal_targets_fixed_74_cm_desk_chair_up_and_footrest():
    """EN 527-1 type A desks are fixed near 74 cm. Mid adult (167.5 cm, ANSI/HFS 100-1988:
    seat 46.3, keyboard gap 18.45, eye gap 71.8): the desk cannot come down to 64.75 cm, so
    the chair rises to 74 - 18.45 = 55.55 cm and a footrest of ceil(9.25) = 10 cm follows."""
    pt = wh.personal_targets(
        posture_mode="seated", stature_cm=167.5, desk_min_cm=74.0, desk_max_cm=74.0
    )
    assert pt.chair_cm[0] == pytest.approx(55.55)
    assert pt.footrest_cm[0] == 10.0
    assert pt.desk_cm[0] == pytest.approx(74.0)
    assert pt.monitor_top_cm[0] == pytest.approx(55.55 + 71.8)
    assert pt.viewing_distance_cm[0] == 60.0
    assert not (pt.chair_too_low[0] or pt.desk_too_high[0] or pt.desk_too_low[0])
    assert wh.settings_text(pt) == (
        "chair 56 cm, footrest 10 cm, desk 74 cm, top of screen at 127 cm, "
        "screen about 60 cm from the eyes"
    )
    # Re-scoring the workstation with those settings puts every dimension in range.
    applied = {wh.TARGET_TO_INPUT[k]: v for k, v in pt._asdict().items() if k in wh.TARGET_TO_INPUT}
    res = wh.assess(stature_cm=167.5, **{**applied, "posture_mode": "seated"})
    assert res.band[0] == LOW
    assert not res.seat_too_high[0]


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
    capped = wh.personal_targets(
        posture_mode="seated", stature_cm=167.5, desk_min_cm=74.0, desk_max_cm=74.0, seat_max_cm=52
    )
    assert capped.chair_cm[0] == pytest.approx(52.0)
    assert capped.footrest_cm[0] == 6.0  # ceil(52 - 46.3)
    assert capped.desk_cm[0] == pytest.approx(74.0)
    assert capped.desk_too_high[0]
    assert wh.settings_text(capped).endswith(
        "; the desk stays too high even with the chair raised: a lower desk is needed"
    )

    low_chair = wh.personal_targets(posture_mode="seated", stature_cm=167.5, seat_max_cm=44.0)
    assert low_chair.chair_too_low[0] and low_chair.chair_cm[0] == pytest.approx(44.0)
    assert low_chair.desk_cm[0] == pytest.approx(44.0 + 18.45)

    high_chair = wh.personal_targets(posture_mode="seated", stature_cm=167.5, seat_min_cm=50.0)
    assert high_chair.chair_too_high[0] and high_chair.footrest_cm[0] == 4.0

    low_desk = wh.personal_targets(posture_mode="seated", stature_cm=167.5, desk_max_cm=60.0)
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
        wf = wh.factor_result(res)
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
