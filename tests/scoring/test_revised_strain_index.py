"""Revised Strain Index, COSI and CUSI (Garg, Moore & Kapellusch 2017a, 2017b).

Sources (bibliography keys): garg-2017-rsi (Ergonomics 60(7):912-922, the multiplier
equations and the RSI > 10 hazard threshold), garg-2017-cosi (Ergonomics 60(8):1033-1041,
COSI and CUSI). The papers' own tables and worked examples could not be read (the method
lists this as unconfirmed), so the expected values below are computed by hand from the
equations, digit by digit in the comments, and the worked examples use the inputs of the
INSST technical notes NTP 1125 (one task) and NTP 1169 (two tasks, five subtasks).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reports.bibliography import citations
from scoring import revised_strain_index as rsi_mod
from scoring.bands import HIGH, LOW, NOT_APPLICABLE

NAN = np.nan


def _one(i, e, d, w, h, **kw):
    return rsi_mod.assess(
        intensity=i, efforts_per_min=e, exertion_s=d, wrist_angle_deg=w, hours_per_day=h, **kw
    )


# --- the five multiplier equations (garg-2017-rsi) ------------------------------------------


def test_im_branches_meet_at_forty_percent_of_maximum_strength():
    """IM at I = 0.4 from both cubics: 30·0.064 − 15.6·0.16 + 13·0.4 + 0.4 = 5.024 and
    36·0.064 − 33.3·0.16 + 24.77·0.4 − 1.86 = 5.024 (garg-2017-rsi, equation for IM)."""
    assert rsi_mod.intensity_multiplier(intensity=0.4) == pytest.approx(5.024, abs=1e-12)
    assert rsi_mod._cubic(0.4, rsi_mod.IM_HIGH) == pytest.approx(5.024, abs=1e-12)
    assert rsi_mod.intensity_multiplier(intensity=0.4000001) == pytest.approx(5.024, abs=1e-4)


@pytest.mark.parametrize(
    ("i", "im"),
    [
        (0.0, 0.40),  # the constant term
        (0.1, 1.574),  # 0.03 − 0.156 + 1.3 + 0.4
        (0.2, 2.616),  # 0.24 − 0.624 + 2.6 + 0.4
        (0.5, 6.70),  # 4.5 − 8.325 + 12.385 − 1.86
        (0.7, 11.51),  # 12.348 − 16.317 + 17.339 − 1.86
        (1.0, 25.61),  # 36 − 33.3 + 24.77 − 1.86
    ],
)
def test_im_at_given_intensities(i, im):
    assert rsi_mod.intensity_multiplier(intensity=i) == pytest.approx(im, abs=1e-9)


def test_im_outside_zero_to_one_is_not_a_number():
    assert math.isnan(rsi_mod.intensity_multiplier(intensity=1.01))
    assert math.isnan(rsi_mod.intensity_multiplier(intensity=-0.1))


@pytest.mark.parametrize(
    ("e", "em"),
    [
        (0.5, 0.225),  # 0.10 + 0.25·0.5
        (5.0, 1.35),
        (90.0, 22.6),  # linear branch up to and including 90
        (100.0, 0.00334 * 100.0**1.96),  # power branch: 27.78
    ],
)
def test_em_at_given_efforts(e, em):
    assert rsi_mod.efforts_multiplier(efforts_per_min=e) == pytest.approx(em, rel=1e-12)


def test_em_branches_nearly_meet_at_90_per_minute():
    """0.00334·90^1.96 = 22.57 against 22.60 from the line: the published coefficients are
    rounded, so the power branch starts 0.1 % lower."""
    power = 0.00334 * 90.0**1.96
    assert power == pytest.approx(22.6, rel=0.002)
    assert rsi_mod.efforts_multiplier(efforts_per_min=90.0001) == pytest.approx(power, rel=1e-5)


@pytest.mark.parametrize(
    ("d", "dm"),
    [
        (1.0, 0.76),  # 0.45 + 0.31
        (3.0, 1.38),
        (60.0, 19.05),  # linear branch up to and including 60 s
        (120.0, 19.17 * math.log(120.0) - 59.44),  # 32.34
    ],
)
def test_dm_at_given_exertion_times(d, dm):
    assert rsi_mod.duration_multiplier(exertion_s=d) == pytest.approx(dm, rel=1e-12)


def test_dm_branches_meet_at_60_s():
    """19.17·ln 60 − 59.44 = 19.0486 against 0.45 + 0.31·60 = 19.05."""
    assert 19.17 * math.log(60.0) - 59.44 == pytest.approx(19.05, abs=0.002)


@pytest.mark.parametrize(
    ("w", "pm"),
    [
        (0.0, 1.0),
        (-5.0, 1.2 * math.exp(0.045) - 0.2),  # flexion 5°: 1.0552
        (-15.0, 1.2 * math.exp(0.135) - 0.2),  # flexion 15°: 1.1734
        (-45.0, 1.2 * math.exp(0.405) - 0.2),  # flexion 45°: 1.5998
        (30.0, 1.0),  # extension up to 30° is neutral
        (60.0, 1.252),  # 1 + 0.00028·30²
    ],
)
def test_pm_for_flexion_and_extension(w, pm):
    assert rsi_mod.posture_multiplier(wrist_angle_deg=w) == pytest.approx(pm, rel=1e-12)


@pytest.mark.parametrize(
    ("h", "hm"),
    [
        (0.05, 0.20),  # floor up to and including 0.05 h
        (1.0, 0.519),  # 0.042 + 0 + 0.477
        (4.0, 0.042 * 4 + 0.09 * math.log(4) + 0.477),  # 0.7698
        (8.0, 1.00015),  # 0.336 + 0.18715 + 0.477: an 8-hour task is about 1
    ],
)
def test_hm_at_given_hours(h, hm):
    assert rsi_mod.hours_multiplier(hours_per_day=h) == pytest.approx(hm, abs=1e-5)


# --- worked examples --------------------------------------------------------------------------


def test_ntp_1125_single_task_rsi_is_low():
    """INSST NTP 1125 example inputs: I 0.2, 5 efforts/min of 3 s, 5° flexion, 4 h/day.
    IM 2.616 × EM 1.35 × DM 1.38 × PM 1.0552 × HM 0.7698 = 3.96, below the threshold 10."""
    res = _one(0.2, 5.0, 3.0, -5.0, 4.0)
    assert res.im[0, 0] == pytest.approx(2.616, abs=1e-9)
    assert res.em[0, 0] == pytest.approx(1.35, abs=1e-12)
    assert res.dm[0, 0] == pytest.approx(1.38, abs=1e-12)
    assert res.pm[0, 0] == pytest.approx(1.0552, abs=5e-5)
    assert res.hm[0, 0] == pytest.approx(0.7698, abs=5e-5)
    assert res.rsi[0, 0] == pytest.approx(3.959, abs=0.001)
    assert res.native[0] == res.cusi[0] == res.cosi[0, 0] == res.rsi[0, 0]
    assert res.band[0] == LOW


NTP_1169 = dict(  # task A: subtasks 0-2, task B: subtasks 3-4, each task 4 h/day
    intensity=[0.7, 0.4, 0.2, 0.1, 0.5],
    efforts_per_min=[1.0, 2.6, 5.0, 0.5, 2.0],
    exertion_s=[1.0, 1.2, 3.0, 1.0, 3.0],
    wrist_angle_deg=[0.0, 0.0, 0.0, -15.0, -15.0],
    hours_per_day=4.0,
    task=[0, 0, 0, 1, 1],
)


def test_ntp_1169_cosi_of_task_a():
    """Task A: RSIs 2.357 / 2.384 / 3.752; ordered by RSI, subtask 3 (5/min) first:
    COSI = 3.752 + 2.384/0.75·(EM(7.6) 2.00 − EM(5) 1.35) + 2.357/0.35·(EM(8.6) 2.25 − 2.00)
         = 3.752 + 2.066 + 1.683 = 7.501."""
    res = rsi_mod.assess(**NTP_1169)
    np.testing.assert_allclose(res.rsi[0, :3], [2.3568, 2.3842, 3.7515], atol=1e-4)
    assert list(res.cosi_rank[0, :3]) == [2, 1, 0]
    np.testing.assert_allclose(res.cosi_cum_efforts[0, :3], [8.6, 7.6, 5.0])
    np.testing.assert_allclose(res.cosi_term[0, :3], [1.6834, 2.0663, 3.7515], atol=1e-4)
    assert res.cosi[0, 0] == pytest.approx(7.501, abs=0.001)


def test_ntp_1169_cosi_of_task_b_and_cusi():
    """Task B: COSI = 5.011 + 0.2431/0.225·(EM(2.5) 0.725 − EM(2) 0.60) = 5.146.
    CUSI: tasks by COSI, A first: 7.501 + 5.146/HM(4)·(HM(8) 1.00015 − HM(4) 0.76977) = 9.041,
    below the threshold 10 although 8 h of hand work."""
    res = rsi_mod.assess(**NTP_1169)
    assert res.cosi[0, 1] == pytest.approx(5.146, abs=0.001)
    assert list(res.cusi_rank[0, :2]) == [0, 1]
    np.testing.assert_allclose(res.cusi_cum_hours[0, :2], [4.0, 8.0])
    assert res.cusi[0] == pytest.approx(9.041, abs=0.001)
    assert res.native[0] == res.cusi[0]
    assert res.n_tasks[0] == 2 and res.n_subtasks[0] == 5
    assert res.worst_task[0] == 0
    assert res.band[0] == LOW
    assert res.borderline[0]  # within 10 % of 10


def test_ntp_1169_tasks_as_separate_jobs_give_their_cosi():
    """A single task gives CUSI = COSI; a single subtask gives COSI = RSI (garg-2017-cosi)."""
    a = {k: (v[:3] if isinstance(v, list) else v) for k, v in NTP_1169.items()}
    res = rsi_mod.assess(**a)
    assert res.cusi[0] == pytest.approx(res.cosi[0, 0], abs=1e-12)
    assert res.cusi[0] == pytest.approx(7.501, abs=0.001)


# --- bands -------------------------------------------------------------------------------------


def test_band_edge_ten_is_low_and_just_above_is_high():
    """garg-2017-rsi: RSI <= 10 the safe side, > 10 hazardous; no moderate or very-high band."""
    scale = rsi_mod.METHOD.scale
    assert scale.band(10.0) == LOW
    assert scale.band(10.000001) == HIGH
    assert scale.band(9.99) == LOW
    assert scale.band(1000.0) == HIGH
    assert scale.index(10.0) == pytest.approx(25.0)
    assert 50.0 < scale.index(10.01) < 51.0
    assert scale.index(20.0) < 75.0  # capped inside the high band: project rule
    assert scale.borderline(9.0) and scale.borderline(11.0) and not scale.borderline(12.0)


def test_hazardous_task_is_high():
    """I 0.5 (IM 6.70), 10/min (EM 2.60) of 1 s (DM 0.76), neutral, 8 h (HM 1.00015):
    RSI = 13.24 > 10."""
    res = _one(0.5, 10.0, 1.0, 0.0, 8.0)
    assert res.rsi[0, 0] == pytest.approx(6.7 * 2.6 * 0.76 * 1.00015, abs=1e-4)
    assert res.band[0] == HIGH
    assert 50.0 < res.index[0] < 75.0


# --- options, exclusions -------------------------------------------------------------------------


def test_unknown_intensity_scale_names_the_valid_ones():
    with pytest.raises(ValueError, match="'fraction', 'borg_cr10'"):
        _one(0.2, 5.0, 3.0, 0.0, 4.0, intensity_scale="percent")


def test_task_labels_outside_the_slots_are_refused():
    with pytest.raises(ValueError, match="0 to 1"):
        _one([0.2, 0.3], 5.0, 3.0, 0.0, 4.0, task=[0, 2])
    with pytest.raises(ValueError, match="integers"):
        _one([0.2, 0.3], 5.0, 3.0, 0.0, 4.0, task=[0.0, 1.0])


def test_borg_cr10_rating_is_read_as_tenths_of_maximum_strength():
    borg = _one(5.0, 4.0, 2.0, 0.0, 6.0, intensity_scale="borg_cr10")
    frac = _one(0.5, 4.0, 2.0, 0.0, 6.0)
    assert borg.rsi[0, 0] == frac.rsi[0, 0]
    assert borg.intensity[0, 0] == 0.5


@pytest.mark.parametrize(
    ("inputs", "reason"),
    [
        ((0.2, 5.0, NAN, 0.0, 4.0), rsi_mod.REASON_INCOMPLETE),
        ((0.2, -1.0, 3.0, 0.0, 4.0), rsi_mod.REASON_NEGATIVE),
        ((1.2, 5.0, 3.0, 0.0, 4.0), rsi_mod.REASON_INTENSITY_ABOVE_MAX),
        ((0.2, 30.0, 3.0, 0.0, 4.0), rsi_mod.REASON_EXERTION_EXCEEDS_MINUTE),  # 90 s a minute
        ((NAN, NAN, NAN, NAN, NAN), rsi_mod.REASON_UNUSED),
    ],
)
def test_excluded_subtask_gives_nan_and_a_reason(inputs, reason):
    res = _one(*inputs)
    assert res.reason[0, 0] == reason
    assert math.isnan(res.rsi[0, 0]) and math.isnan(res.native[0])
    assert res.band[0] == NOT_APPLICABLE
    assert res.n_excluded[0] == (0 if reason == rsi_mod.REASON_UNUSED else 1)


def test_exertions_filling_the_minute_exactly_are_scored():
    res = _one(0.2, 20.0, 3.0, 0.0, 4.0)  # 20 × 3 s = 60 s
    assert res.reason[0, 0] == rsi_mod.REASON_SCORED


def test_borg_above_ten_is_above_maximum_strength():
    res = _one(11.0, 5.0, 3.0, 0.0, 4.0, intensity_scale="borg_cr10")
    assert res.reason[0, 0] == rsi_mod.REASON_INTENSITY_ABOVE_MAX


def test_excluded_slot_leaves_the_rest_of_the_job_scored():
    res = _one([0.2, 0.2], [5.0, 5.0], [3.0, NAN], [-5.0, 0.0], [4.0, 4.0])
    assert res.n_subtasks[0] == 1 and res.n_excluded[0] == 1
    assert res.native[0] == pytest.approx(3.959, abs=0.001)


def test_subtasks_with_different_hours_use_the_longest_and_say_so():
    res = _one([0.2, 0.4], [5.0, 2.0], [3.0, 1.0], [0.0, 0.0], [2.0, 4.0], task=[0, 0])
    assert res.task_hours[0, 0] == 4.0
    assert res.task_hours_differ[0, 0]
    np.testing.assert_allclose(res.hm[0], rsi_mod.hours_multiplier(hours_per_day=4.0))
    # the hours as entered are kept as entered
    np.testing.assert_array_equal(res.hours_per_day[0], [2.0, 4.0])


def test_nan_padding_changes_nothing():
    a = rsi_mod.assess(**NTP_1169)
    padded = {k: [*v, NAN, NAN] for k, v in NTP_1169.items() if k not in ("task", "hours_per_day")}
    padded["hours_per_day"] = [4.0] * 5 + [NAN, NAN]
    padded["task"] = [*NTP_1169["task"], 2, 3]
    b = rsi_mod.assess(**padded)
    assert b.cusi[0] == a.cusi[0]
    assert b.n_excluded[0] == 0
    padded["hours_per_day"] = 4.0  # one value for every slot: the empty slots stay unused
    c = rsi_mod.assess(**padded)
    assert c.cusi[0] == a.cusi[0]
    assert c.n_excluded[0] == 0


def test_references_are_in_the_bibliography():
    assert len(citations(rsi_mod.METHOD.references)) == 3
    assert rsi_mod.METHOD.unconfirmed


# --- properties ---------------------------------------------------------------------------------

intensities = st.floats(0.0, 1.0)
efforts = st.floats(0.0, 20.0)
exertions = st.floats(0.0, 3.0)  # 20/min × 3 s stays within the minute
angles = st.floats(-80.0, 80.0)
hours = st.floats(0.0, 12.0)


@settings(max_examples=200, deadline=None)
@given(intensities, intensities, efforts, exertions, angles, hours)
def test_rsi_is_monotone_in_intensity(i1, i2, e, d, w, h):
    lo, hi = sorted((i1, i2))
    assert _one(lo, e, d, w, h).native[0] <= _one(hi, e, d, w, h).native[0] + 1e-12


@settings(max_examples=200, deadline=None)
@given(intensities, efforts, efforts, exertions, angles, hours)
def test_rsi_is_monotone_in_efforts(i, e1, e2, d, w, h):
    lo, hi = sorted((e1, e2))
    assert _one(i, lo, d, w, h).native[0] <= _one(i, hi, d, w, h).native[0] + 1e-12


@settings(max_examples=200, deadline=None)
@given(intensities, efforts, exertions, exertions, angles, hours)
def test_rsi_is_monotone_in_exertion_time(i, e, d1, d2, w, h):
    lo, hi = sorted((d1, d2))
    assert _one(i, e, lo, w, h).native[0] <= _one(i, e, hi, w, h).native[0] + 1e-12


@settings(max_examples=200, deadline=None)
@given(intensities, efforts, exertions, st.floats(0, 80), st.floats(0, 80), hours, st.booleans())
def test_rsi_is_monotone_in_wrist_deviation(i, e, d, a1, a2, h, flexion):
    lo, hi = sorted((a1, a2))
    sign = -1.0 if flexion else 1.0
    assert _one(i, e, d, sign * lo, h).native[0] <= _one(i, e, d, sign * hi, h).native[0] + 1e-12


@settings(max_examples=200, deadline=None)
@given(intensities, efforts, exertions, angles, hours, hours)
def test_rsi_is_monotone_in_hours(i, e, d, w, h1, h2):
    lo, hi = sorted((h1, h2))
    assert _one(i, e, d, w, lo).native[0] <= _one(i, e, d, w, hi).native[0] + 1e-12


slot = st.tuples(intensities, efforts, exertions, angles, st.floats(0.1, 6.0))


@settings(max_examples=100, deadline=None)
@given(st.lists(slot, min_size=1, max_size=4), st.integers(0, 3), st.data())
def test_composites_are_at_least_their_peak_and_scalar_equals_batch(slots, row, data):
    k = len(slots)
    labels = data.draw(st.lists(st.integers(0, k - 1), min_size=k, max_size=k))
    cols = [np.array(c) for c in zip(*slots, strict=True)]
    one = rsi_mod.assess(
        intensity=cols[0],
        efforts_per_min=cols[1],
        exertion_s=cols[2],
        wrist_angle_deg=cols[3],
        hours_per_day=cols[4],
        task=np.array(labels),
    )
    for g in set(labels):
        member = np.array(labels) == g
        assert one.cosi[0, g] >= np.max(one.rsi[0, member]) - 1e-9
    assert one.cusi[0] >= np.nanmax(one.cosi[0]) - 1e-9

    # the same job as row `row` of a batch of four, the other rows different jobs
    batch = {
        "intensity": np.tile(cols[0], (4, 1)) * np.array([[1.0], [0.5], [0.9], [0.1]]),
        "efforts_per_min": np.tile(cols[1], (4, 1)),
        "exertion_s": np.tile(cols[2], (4, 1)),
        "wrist_angle_deg": np.tile(cols[3], (4, 1)),
        "hours_per_day": np.tile(cols[4], (4, 1)),
    }
    batch["intensity"][row] = cols[0]
    many = rsi_mod.assess(**batch, task=np.tile(labels, (4, 1)))
    assert many.native[row] == one.native[0]
    np.testing.assert_array_equal(many.cosi[row], one.cosi[0])
    assert many.band[row] == one.band[0]


@settings(max_examples=100, deadline=None)
@given(st.lists(slot, min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_entry_order_of_separate_tasks_does_not_matter(slots, rnd):
    cols = [np.array(c) for c in zip(*slots, strict=True)]
    assume(len(set(np.round(cols[0], 12))) == len(slots))
    perm = list(range(len(slots)))
    rnd.shuffle(perm)

    def run(cs):
        return rsi_mod.assess(
            intensity=cs[0],
            efforts_per_min=cs[1],
            exertion_s=cs[2],
            wrist_angle_deg=cs[3],
            hours_per_day=cs[4],
        ).native[0]

    assert run([c[perm] for c in cols]) == pytest.approx(run(cols), rel=1e-12, abs=1e-12)


# --- what-if limits for recommendations -------------------------------------------------------


@pytest.mark.parametrize(("e", "em"), [(0.0, 0.10), (5.0, 1.35), (90.0, 22.6), (100.0, None)])
def test_efforts_inverse_undoes_em(e, em):
    m = rsi_mod.efforts_multiplier(efforts_per_min=e) if em is None else em
    assert rsi_mod.efforts_for_multiplier(m) == pytest.approx(e, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(("d", "dm"), [(0.0, 0.45), (3.0, 1.38), (60.0, 19.05), (120.0, None)])
def test_exertion_inverse_undoes_dm(d, dm):
    m = rsi_mod.duration_multiplier(exertion_s=d) if dm is None else dm
    assert rsi_mod.exertion_for_multiplier(m) == pytest.approx(d, rel=1e-9, abs=1e-9)


def test_hazardous_task_limits_bring_it_to_ten():
    """RSI 13.24 (I 0.5, 10/min of 1 s, 8 h): each input alone, the others unchanged."""
    res = _one(0.5, 10.0, 1.0, 0.0, 8.0)
    lim = rsi_mod.single_input_limits(res)
    # EM must fall by 10/13.24: 2.6 × 0.7552 = 1.9636 -> E = (1.9636 − 0.10)/0.25 = 7.45/min
    assert lim.efforts_per_min[0, 0] == pytest.approx(7.454, abs=0.001)
    for name in ("intensity", "efforts_per_min", "exertion_s", "hours_per_day"):
        kw = {"i": 0.5, "e": 10.0, "d": 1.0, "w": 0.0, "h": 8.0}
        kw[{"intensity": "i", "efforts_per_min": "e", "exertion_s": "d"}.get(name, "h")] = float(
            getattr(lim, name)[0, 0]
        )
        assert _one(**kw).rsi[0, 0] == pytest.approx(10.0, abs=0.001)


def test_limits_say_when_one_input_cannot_reach_the_target():
    res = _one(0.9, 30.0, 1.0, 0.0, 8.0)  # RSI 113.8
    lim = rsi_mod.single_input_limits(res)
    assert math.isnan(lim.exertion_s[0, 0])  # even 0 s leaves it above 10
    assert math.isnan(lim.hours_per_day[0, 0])  # even 0.05 h leaves it above 10
    low = rsi_mod.single_input_limits(_one(0.2, 5.0, 3.0, -5.0, 4.0))  # RSI 3.96
    assert low.hours_per_day[0, 0] == math.inf  # no working day takes it to 10


@settings(max_examples=150, deadline=None)
@given(intensities, efforts, exertions, angles, hours)
def test_finite_efforts_limit_gives_the_target(i, e, d, w, h):
    res = _one(i, e, d, w, h)
    limit = float(rsi_mod.single_input_limits(res).efforts_per_min[0, 0])
    assume(np.isfinite(limit) and res.rsi[0, 0] > 0)
    assert _one(i, limit, d, w, h).rsi[0, 0] == pytest.approx(10.0, rel=1e-6)
