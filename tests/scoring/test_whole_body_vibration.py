"""Whole-body vibration (ISO 2631-1:1997, Directive 2002/44/EC, UK SI 2005/1093 Sched. 2).

Sources (bibliography keys): eu-2002-44 (Art. 3(2), Annex B), uk-cvwr-2005 (Schedule 2),
hse-wbv-regulations, hse-wbv-calculator, iso-2631-1-1997 (§6.3, VDV).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presentation import whole_body_vibration as wbv_words
from reports.bibliography import citations
from scoring import whole_body_vibration as wbv
from scoring.bands import HIGH, LOW, NOT_APPLICABLE, VERY_HIGH

NAN = np.nan


def _one(ax, ay, az, t, names=None):
    return wbv.assess(a_wx_m_s2=ax, a_wy_m_s2=ay, a_wz_m_s2=az, exposure_h=t, source_names=names)


# --- published reference values -------------------------------------------------------------


def test_k_factors():
    """UK SI 2005/1093 Sched. 2 Part I (S9): k = 1.4 for x and y (W_d), 1.0 for z (W_k)."""
    assert (wbv.K_X, wbv.K_Y, wbv.K_Z) == (1.4, 1.4, 1.0)
    assert [wbv.axis_k(a) for a in "xyz"] == [1.4, 1.4, 1.0]
    with pytest.raises(ValueError, match=r"axis == 'w', must be one of: x, y, z\."):
        wbv.axis_k("w")
    assert wbv.partial_a8(a_w_m_s2=0.5, exposure_h=8.0, axis="x") == pytest.approx(0.7)
    assert wbv.partial_a8(a_w_m_s2=0.5, exposure_h=8.0, axis="z") == pytest.approx(0.5)


def test_limit_values_are_the_directive_values():
    """Directive 2002/44/EC Art. 3(2), UK reg. 4 (hse-wbv-regulations): EAV 0.5, ELV 1.15 m/s² A(8)."""
    assert (wbv.EAV_M_S2, wbv.ELV_M_S2) == (0.5, 1.15)
    assert wbv.METHOD.scale.edges == (None, 0.5, 1.15)
    assert wbv.METHOD.scale.edge_in_lower == (False, False, False)
    assert wbv.METHOD.scale.cap == 2.3


def test_hse_wbv_calculator_example():
    """bib:hse-wbv-calculator (checked at a copy of HSE wbv-2.xls V1.06) shows A(8) x 0.495,
    y 0.594, z 0.283 m/s² and 141 points. The page does not show its inputs; a_w = 0.5 / 0.6
    / 0.4 m/s² for 4 h are inferred and reproduce all four outputs."""
    res = _one(0.5, 0.6, 0.4, 4.0)
    assert res.a8_x_m_s2[0] == pytest.approx(0.495, abs=0.0005)
    assert res.a8_y_m_s2[0] == pytest.approx(0.594, abs=0.0005)
    assert res.a8_z_m_s2[0] == pytest.approx(0.283, abs=0.0005)
    assert res.points[0] == pytest.approx(141, abs=0.5)
    assert res.dominant_axis[0] == "y"
    assert res.a8_m_s2[0] == res.a8_y_m_s2[0] == res.native[0]
    assert res.band[0] == HIGH


def test_points_at_eav_and_elv():
    """HSE WBV points (hse-wbv-calculator): 100·(A(8)/0.5)², EAV = 100 points, ELV = 529 points."""
    assert wbv.points_from_a8(0.5) == pytest.approx(100.0)
    assert wbv.points_from_a8(1.15) == pytest.approx(529.0)
    assert wbv.a8_from_points(529.0) == pytest.approx(1.15)


def test_several_sources_combine_per_axis():
    """SI 2005/1093 Sched. 2 para. 1 (S9): A_z(8) = √((1/8)·Σ a_wz,i²·T_i); hand-computed
    for 0.8 m/s² for 2 h and 0.6 m/s² for 4 h: √((1.28 + 1.44)/8) = 0.583 m/s²."""
    res = _one([[0.1, 0.2]], [[0.1, 0.1]], [[0.8, 0.6]], [[2.0, 4.0]])
    assert res.a8_z_m_s2[0] == pytest.approx(math.sqrt(0.34))
    assert res.a8_x_m_s2[0] == pytest.approx(1.4 * math.sqrt((0.01 * 2 + 0.04 * 4) / 8))
    assert res.dominant_axis[0] == "z"
    np.testing.assert_allclose(res.partial_a8_z_m_s2[0], [0.4, 0.6 * math.sqrt(0.5)])


def test_k_factor_can_make_a_horizontal_axis_dominant():
    """a_wx 0.5 < a_wz 0.6 m/s², but k_x = 1.4 makes A_x(8) = 0.70 the dominant axis (S9)."""
    res = _one(0.5, 0.0, 0.6, 8.0)
    assert res.dominant_axis[0] == "x"
    assert res.a8_m_s2[0] == pytest.approx(0.7)
    assert res.source_dominant_axis[0, 0] == "x"


@pytest.mark.parametrize(
    ("az", "band"),
    [(0.0, LOW), (0.49, LOW), (0.5, HIGH), (1.14, HIGH), (1.15, VERY_HIGH), (3.0, VERY_HIGH)],
)
def test_band_edges(az, band):
    """Directive 2002/44/EC Art. 3(2): dominant A(8) < 0.5 low, 0.5–1.15 high,
    >= 1.15 very high. z for 8 h (k = 1) makes A(8) = a_wz exactly."""
    res = _one(0.0, 0.0, az, 8.0)
    assert res.a8_m_s2[0] == az
    assert res.band[0] == band


def test_index_and_borderline():
    res = _one(0.0, 0.0, [[0.0], [0.5], [1.15], [2.3], [0.44], [0.46], [1.3]], 8.0)
    np.testing.assert_allclose(res.index[:4], [0.0, 50.0, 75.0, 100.0])
    assert res.borderline.tolist() == [False, True, True, False, False, True, False]


@pytest.mark.parametrize(
    ("ax", "az", "t_eav", "t_elv"),
    [(0.0, 0.5, 8.0, 8.0 * 2.3**2), (0.0, 1.15, 8.0 / 2.3**2, 8.0), (0.5, 0.0, 8 / 1.96, None)],
)
def test_time_to_eav_and_elv_alone(ax, az, t_eav, t_elv):
    """T = 8·(limit/(k·a_w))² on the source's dominant axis (derived from S9 Sched. 2)."""
    t = wbv.time_to_limit_h(a_wx_m_s2=ax, a_wy_m_s2=0.0, a_wz_m_s2=az, limit_m_s2=wbv.EAV_M_S2)
    assert t == pytest.approx(t_eav)
    res = _one(ax, 0.0, az, 1.0)
    assert res.time_to_eav_h[0, 0] == pytest.approx(t_eav)
    if t_elv is not None:
        assert res.time_to_elv_h[0, 0] == pytest.approx(t_elv)


def test_time_to_limit_rejects_a_non_positive_limit():
    with pytest.raises(ValueError, match=r"limit_m_s2 == 0.0, must be > 0 \[m/s²\]"):
        wbv.time_to_limit_h(a_wx_m_s2=0.1, a_wy_m_s2=0.1, a_wz_m_s2=0.5, limit_m_s2=0.0)


# --- source time limit ----------------------------------------------------------------------


def test_source_time_limit_with_another_source():
    """Hand computation from Sched. 2 para. 1: a forklift z 0.8 m/s² with a dumper z 0.5 m/s²
    for 4 h (z dose 1.0): the forklift may run (8·0.25 − 1.0)/0.64 = 1.5625 h, and alone
    8·(0.5/0.8)² = 3.125 h."""
    res = _one([[0.2, 0.1]], [[0.2, 0.1]], [[0.8, 0.5]], [[3.0, 4.0]])
    assert res.source_time_limit_eav_h[0, 0] == pytest.approx(1.5625)
    assert res.time_to_eav_h[0, 0] == pytest.approx(3.125)
    # with the forklift at 3 h (z dose 1.92 < 2.0) the dumper has (2.0 − 1.92)/0.25 h left
    assert res.source_time_limit_eav_h[0, 1] == pytest.approx(0.32)
    fn = wbv.source_time_limit_h(
        a_wx_m_s2=[[0.2, 0.1]],
        a_wy_m_s2=[[0.2, 0.1]],
        a_wz_m_s2=[[0.8, 0.5]],
        exposure_h=[[3.0, 4.0]],
        limit_m_s2=wbv.EAV_M_S2,
    )
    np.testing.assert_array_equal(fn, res.source_time_limit_eav_h)


def test_source_time_limit_takes_the_binding_axis():
    """Source 1 loads z (0.45 m/s², 8 h), source 2 x (0.5 m/s², 1 h). Source 2's limit is
    set by its x axis: (8·0.25 − (1.4·0.1)²·8)/(1.4·0.5)² h; source 1's by z:
    (8·0.25 − 0.1²·1)/0.45² h (hand computation from S9 Sched. 2 para. 1)."""
    res = _one([[0.1, 0.5]], [[0.0, 0.0]], [[0.45, 0.1]], [[8.0, 1.0]])
    assert res.source_time_limit_eav_h[0, 1] == pytest.approx((2.0 - 1.96 * 0.01 * 8) / 0.49)
    assert res.source_time_limit_eav_h[0, 0] == pytest.approx((2.0 - 0.01) / 0.45**2)
    assert res.source_dominant_axis[0].tolist() == ["z", "x"]


def test_source_time_limit_zero_when_others_reach_the_limit():
    """Source 2 alone sits exactly on the EAV (z 0.5 m/s² for 8 h): no time left for 1."""
    res = _one([[0.3, 0.0]], [[0.0, 0.0]], [[0.5, 0.5]], [[1.0, 8.0]])
    assert res.source_time_limit_eav_h[0, 0] == 0.0


# --- not applicable, incomplete -------------------------------------------------------------


def test_no_source_is_not_applicable_and_incomplete_slots_are_reported():
    res = _one([[NAN, NAN]], [[NAN, 0.2]], [[NAN, 0.5]], [[NAN, 4.0]])
    assert res.n_sources[0] == 0 and res.n_incomplete[0] == 1
    assert np.isnan(res.native[0]) and res.band[0] == NOT_APPLICABLE
    assert np.isnan(res.index[0]) and res.dominant_axis[0] == ""
    fr = wbv_words.factor_result(res)
    assert not fr.applicable
    assert fr.reason.startswith("No vibrating vehicle or machine entered.")
    assert "1 source(s) left out" in fr.reason


# --- presentation ---------------------------------------------------------------------------


def test_factor_result_names_the_dominant_axis_and_source():
    res = _one(0.2, 0.1, 0.62, 8.0, names="Forklift")
    fr = wbv_words.factor_result(res)
    assert fr.applicable and fr.band == HIGH
    assert fr.headline.text() == "0.62 m/s²"
    assert fr.drivers[0] == "z axis dominates: 0.62 m/s² A(8) from Forklift"
    assert fr.why == (
        "A(8) 0.62 m/s² (z axis) is at or above the exposure action value 0.5 m/s² and below "
        "the exposure limit value 1.15 m/s² (EU Directive 2002/44/EC Art. 3; UK Control of "
        "Vibration at Work Regulations 2005 reg. 4)"
    )
    table = fr.tables[0]
    assert len(table.columns) == len(table.rows[0])
    assert table.rows[0][:9] == (
        "Forklift",
        "0.2",
        "0.1",
        "0.62",
        "8 h 00 min",
        "0.28",
        "0.14",
        "0.62",
        "z",
    )


def test_factor_result_several_sources_and_k_factor():
    res = _one([[0.6, 0.2]], [[0.1, 0.1]], [[0.3, 0.3]], [[4.0, 4.0]], names=[["Tractor", "Van"]])
    fr = wbv_words.factor_result(res)
    # x: 1.4·√((0.36·4 + 0.04·4)/8) = 0.626 m/s²
    assert fr.drivers[0] == (
        "x axis dominates (k = 1.4): 0.63 m/s² A(8) from Tractor (0.59 m/s²) and Van (0.20 m/s²)"
    )
    assert fr.drivers[-2].startswith("Tractor (a_wx 0.6 m/s² for 4 h 00 min) contributes 0.59")
    assert fr.drivers[-2].endswith("90 % of the points")
    assert wbv_words.factor_result(_one(0.0, 0.0, 1.2, 8.0)).why.startswith(
        "A(8) 1.20 m/s² (z axis) exceeds the exposure limit value 1.15 m/s²"
    )
    assert wbv_words.factor_result(_one(0.0, 0.0, 0.4, 8.0)).why.startswith(
        "A(8) 0.40 m/s² (z axis) is below the exposure action value 0.5 m/s²"
    )


def test_method_info():
    m = wbv.METHOD
    assert (m.id, m.factor, m.factor_title) == (
        "whole_body_vibration",
        "whole_body_vibration",
        "Whole-body vibration",
    )
    refs = " ".join(citations(m.references))
    for needle in ("OJ L 177, 6.7.2002", "ISO 2631-1:1997", "SI 2005/1093", "L141"):
        assert needle in refs
    assert "VDV" in wbv.__doc__ and "VDV" in m.summary
    assert "project rule" in m.band_basis


# --- scalar vs batch ------------------------------------------------------------------------


def test_scalar_and_batch_identical():
    rng = np.random.default_rng(2631)
    n, k = 200, 3
    ax, ay, az = (rng.uniform(0, 1.5, (n, k)) for _ in range(3))
    t = rng.uniform(0, 10, (n, k))
    t[rng.random((n, k)) < 0.3] = np.nan
    ax[:, 2] = np.nan
    batch = _one(ax, ay, az, t)
    for i in (0, 3, 100, 199):
        one = _one(ax[i], ay[i], az[i], t[i])
        for name in wbv.WholeBodyResult._fields:
            x, y = np.asarray(getattr(one, name)), np.asarray(getattr(batch, name))
            row = y[i] if x.ndim == 2 else y[i : i + 1]
            np.testing.assert_array_equal(x.reshape(row.shape), row, err_msg=name)
    ax[5], ay[5], az[5], t[5] = [0.5, NAN, NAN], [0.6, NAN, NAN], [0.4, NAN, NAN], [4, NAN, NAN]
    batch = _one(ax, ay, az, t)
    one = _one(0.5, 0.6, 0.4, 4.0)
    for name in ("a8_m_s2", "a8_x_m_s2", "points", "native", "band", "index", "dominant_axis"):
        assert getattr(one, name)[0] == getattr(batch, name)[5], name
    assert one.source_time_limit_eav_h[0, 0] == batch.source_time_limit_eav_h[5, 0]


# --- properties the standard implies --------------------------------------------------------

# 0 or a measurable magnitude: far below 0.001 m/s², 8·L²/a² overflows to inf.
mag = st.one_of(st.just(0.0), st.floats(0.001, 3.0))
hours = st.floats(0.0, 12.0, allow_nan=False)
sources = st.lists(st.tuples(mag, mag, mag, hours), min_size=1, max_size=5)


def _arrays(srcs):
    return [np.array([s[j] for s in srcs]) for j in range(4)]


@settings(max_examples=200, deadline=None)
@given(srcs=sources, k=st.integers(0, 4), j=st.integers(0, 3), d=st.floats(0, 2))
def test_a8_monotone_in_magnitude_and_time(srcs, k, j, d):
    """Dominant A(8) is non-decreasing in every a_w and every exposure time (S9 Sched. 2)."""
    arrs = _arrays(srcs)
    k %= len(srcs)
    base = _one(*arrs)
    arrs[j] = arrs[j].copy()
    arrs[j][k] += d
    more = _one(*arrs)
    assert more.a8_m_s2[0] >= base.a8_m_s2[0]
    for name in ("a8_x_m_s2", "a8_y_m_s2", "a8_z_m_s2", "index", "band"):
        assert getattr(more, name)[0] >= getattr(base, name)[0], name


@settings(max_examples=200, deadline=None)
@given(srcs=sources)
def test_points_additive_on_the_dominant_axis_and_points_a8_identity(srcs):
    """Points on the dominant axis add across sources, = 100·(A(8)/0.5)² (hse-wbv-calculator)."""
    res = _one(*_arrays(srcs))
    assert res.points[0] == pytest.approx(np.sum(res.partial_points[0]), rel=1e-12, abs=1e-12)
    assert res.points[0] == pytest.approx(wbv.points_from_a8(res.a8_m_s2[0]), rel=1e-12)
    assert res.a8_m_s2[0] == max(res.a8_x_m_s2[0], res.a8_y_m_s2[0], res.a8_z_m_s2[0])
    for axis, name in zip("xyz", ("a8_x_m_s2", "a8_y_m_s2", "a8_z_m_s2"), strict=True):
        partial = getattr(res, f"partial_a8_{axis}_m_s2")[0]
        assert getattr(res, name)[0] == pytest.approx(
            math.sqrt(np.sum(partial**2)), rel=1e-12, abs=1e-12
        )


@settings(max_examples=200, deadline=None)
@given(srcs=sources, pads=st.lists(st.integers(0, 4), max_size=3))
def test_nan_slots_are_ignored(srcs, pads):
    arrs = [list(a) for a in _arrays(srcs)]
    for p in pads:
        where = p % (len(arrs[0]) + 1)
        for j in range(4):
            # p == 0: fully empty slot; otherwise one value given (incomplete)
            arrs[j].insert(where, 0.3 if (p and j == p - 1) else np.nan)
    ref, pad = _one(*_arrays(srcs)), _one(*arrs)
    for name in ("a8_m_s2", "a8_x_m_s2", "a8_y_m_s2", "a8_z_m_s2", "points", "index"):
        assert getattr(pad, name)[0] == pytest.approx(getattr(ref, name)[0], rel=1e-12, abs=1e-12)
    assert pad.n_sources[0] == ref.n_sources[0] and pad.band[0] == ref.band[0]
    assert pad.n_incomplete[0] == sum(1 for p in pads if p)
    used = pad.used[0]
    np.testing.assert_allclose(pad.source_time_limit_eav_h[0][used], ref.source_time_limit_eav_h[0])


@settings(max_examples=200, deadline=None)
@given(srcs=sources, k=st.integers(0, 4), limit=st.sampled_from([wbv.EAV_M_S2, wbv.ELV_M_S2]))
def test_source_time_limit_brings_the_dominant_axis_to_the_limit(srcs, k, limit):
    """Running source k for exactly its limit time puts the dominant A(8) on the limit."""
    ax, ay, az, t = _arrays(srcs)
    k %= len(srcs)
    res = _one(ax, ay, az, t)
    lim = res.source_time_limit_eav_h if limit == wbv.EAV_M_S2 else res.source_time_limit_elv_h
    t_max = lim[0, k]
    t2 = t.copy()
    t2[k] = 0.0 if t_max == math.inf else t_max
    at = _one(ax, ay, az, t2).a8_m_s2[0]
    if t_max == 0.0:  # the other sources already reach the limit
        assert at >= limit * (1 - 1e-9)
    elif t_max == math.inf:  # source k does not vibrate and the others stay below
        assert ax[k] == ay[k] == az[k] == 0.0 and at < limit
    else:
        assert at == pytest.approx(limit, rel=1e-9)


# --- vibration dose value (VDV) -------------------------------------------------------------

T_8H_S = 8 * 3600.0  # the Directive's 8-hour reference period in seconds


def test_item_05_evdv_worked_value_matches_the_directive_pair():
    """Worked value: eVDV = 1.4·k·a_w·t^(1/4) (ISO 2631-1:1997 §6.3, t in s). z (k = 1) at the
    A(8) action value 0.5 m/s² for 8 h gives 1.4 × 0.5 × 28800^(1/4) = 0.7 × 13.027 = 9.12
    m/s^1.75, and at the limit value 1.15 m/s², 20.97: the Directive 2002/44/EC Art. 3(2) VDV
    pair 9.1 / 21 m/s^1.75 sits on the same continuous-exposure line."""
    assert round(T_8H_S**0.25, 3) == 13.027
    eav = _one(0.0, 0.0, 0.5, 8.0)
    assert eav.vdv_m_s175[0] == pytest.approx(9.12, abs=0.005)
    assert eav.vdv_axis[0] == "z"
    elv = _one(0.0, 0.0, 1.15, 8.0)
    assert elv.vdv_m_s175[0] == pytest.approx(20.97, abs=0.005)
    assert (wbv.VDV_EAV_M_S175, wbv.VDV_ELV_M_S175) == (9.1, 21.0)


def test_item_05_evdv_applies_k_on_horizontal_axes():
    """Directive 2002/44/EC Annex B.1: the VDV of 1.4·a_wx, 1.4·a_wy, a_wz. a_wx 0.5 m/s² for 8 h:
    1.4 × 1.4 × 0.5 × 13.027 = 12.77 m/s^1.75 on x, above the 9.1 action value."""
    res = _one(0.5, 0.0, 0.0, 8.0)
    assert res.vdv_x_m_s175[0] == pytest.approx(12.77, abs=0.005)
    assert res.vdv_axis[0] == "x"
    assert res.vdv_state[0] == wbv.VDV_AT_EAV
    assert wbv.estimated_vdv(a_w_m_s2=0.5, exposure_h=8.0, axis="x") == pytest.approx(12.766, 1e-3)


def test_item_05_sources_combine_by_the_fourth_power():
    """(Σ VDV_i⁴)^(1/4): two equal sources give 2^(1/4) = 1.189 times one. a_wz 0.5 m/s² for
    4 h + 4 h: 1.4 × 0.5 × 14400^(1/4) × 2^(1/4) = 9.12, the same as 8 h on one source."""
    res = _one([[0.0, 0.0]], 0.0, [[0.5, 0.5]], [[4.0, 4.0]])
    one = _one(0.0, 0.0, 0.5, 4.0)
    assert res.vdv_z_m_s175[0] == pytest.approx(one.vdv_z_m_s175[0] * 2**0.25, rel=1e-12)
    assert res.vdv_z_m_s175[0] == pytest.approx(_one(0.0, 0.0, 0.5, 8.0).vdv_z_m_s175[0])
    assert wbv.combined_vdv([3.0, 4.0]) == pytest.approx((81 + 256) ** 0.25)


def test_item_05_measured_vdv_replaces_the_estimate_times_k():
    """A measured VDV is the meter's value of the weighted acceleration; k applies as for
    A(8): x 10 → 14.0, z 15 → 15.0; an axis left blank keeps its estimate."""
    res = wbv.assess(
        a_wx_m_s2=0.2,
        a_wy_m_s2=0.1,
        a_wz_m_s2=0.3,
        exposure_h=8.0,
        vdv_x_m_s175=10.0,
        vdv_z_m_s175=15.0,
    )
    assert res.source_vdv_x_m_s175[0, 0] == pytest.approx(14.0)
    assert res.source_vdv_z_m_s175[0, 0] == pytest.approx(15.0)
    assert res.source_vdv_y_m_s175[0, 0] == pytest.approx(1.4 * 1.4 * 0.1 * T_8H_S**0.25)
    assert (res.vdv_x_measured[0, 0], res.vdv_y_measured[0, 0]) == (True, False)
    assert res.vdv_m_s175[0] == pytest.approx(15.0) and res.vdv_axis[0] == "z"


@pytest.mark.parametrize(
    ("vdv", "state"),
    [(9.09, wbv.VDV_BELOW), (9.1, wbv.VDV_AT_EAV), (20.99, wbv.VDV_AT_EAV), (21.0, wbv.VDV_AT_ELV)],
)
def test_item_05_vdv_action_and_limit_values(vdv, state):
    """Directive 2002/44/EC Art. 3(2): VDV action value 9.1, limit value 21 m/s^1.75."""
    res = wbv.assess(a_wx_m_s2=0, a_wy_m_s2=0, a_wz_m_s2=0.1, exposure_h=1, vdv_z_m_s175=vdv)
    assert res.vdv_state[0] == state


def test_item_05_band_follows_a8_and_vdv_above_warns():
    """The band follows A(8) (the UK's basis); a VDV at its action value while A(8) is below its
    own says so in the result, and the band stays low."""
    res = wbv.assess(a_wx_m_s2=0, a_wy_m_s2=0, a_wz_m_s2=0.3, exposure_h=4, vdv_z_m_s175=12.0)
    assert res.band[0] == LOW
    assert res.a8_underestimates[0]
    fr = wbv_words.factor_result(res)
    assert fr.band == LOW
    assert fr.why.endswith(
        "Warning: A(8) under-estimates this exposure (the VDV reaches a value); the band follows "
        "A(8)"
    )
    assert any(
        d.startswith("Warning: VDV 12.00 m/s^1.75 (z axis) is at or above the exposure action")
        for d in fr.drivers
    )
    assert fr.tables[1].rows[0][3] == "12.00 (measured)"
    quiet = wbv_words.factor_result(_one(0.0, 0.0, 0.3, 4.0))
    assert "Warning" not in quiet.why and not _one(0.0, 0.0, 0.3, 4.0).a8_underestimates[0]


def test_item_05_shocks_say_a8_underestimates():
    """ISO 2631-1:1997 §6.2: the r.m.s. basic method is not sufficient for vibration with
    shocks (crest factor above 9); a source with jolts or shocks warns and asks for the VDV."""
    res = wbv.assess(
        a_wx_m_s2=[[0.1, 0.1]],
        a_wy_m_s2=0.1,
        a_wz_m_s2=0.3,
        exposure_h=2.0,
        shocks=[[False, True]],
        source_names=[["Van", "Dumper"]],
    )
    assert res.any_shocks[0] and res.a8_underestimates[0]
    fr = wbv_words.factor_result(res)
    assert "A(8) under-estimates this exposure (jolts or shocks reported)" in fr.why
    warning = next(d for d in fr.drivers if d.startswith("Warning:"))
    assert "jolts or shocks reported on Dumper" in warning
    assert "crest factor above 9" in warning and "measure the VDV" in warning
    assert [row[-1] for row in fr.tables[1].rows] == ["no", "yes"]
    assert any(d.startswith("Warning:") for d in fr.drivers)


@settings(max_examples=200, deadline=None)
@given(
    a=st.floats(0, 5),
    t=st.floats(0, 12),
    da=st.floats(0, 2),
    dt=st.floats(0, 4),
    axis=st.sampled_from(wbv.AXES),
)
def test_item_05_evdv_never_falls_with_more_vibration_or_time(a, t, da, dt, axis):
    v0 = wbv.estimated_vdv(a_w_m_s2=a, exposure_h=t, axis=axis)
    assert wbv.estimated_vdv(a_w_m_s2=a + da, exposure_h=t + dt, axis=axis) >= v0
    # a fourth source never lowers the day's VDV
    assert wbv.combined_vdv([v0, v0, v0]) >= v0


def test_item_05_measured_vdv_and_shocks_through_the_model():
    """The form's path: optional VDV and the jolts question reach the method from the model;
    an old source without them keeps its numbers and gets the estimate."""
    from assessments import model as m
    from assessments.evaluate import score_assessment

    old = m.WholeBodySource(
        name="Forklift", a_wx_m_s2=0.2, a_wy_m_s2=0.1, a_wz_m_s2=0.4, exposure_h=6
    )
    new = old.model_copy(update={"vdv_z_m_s175": 14.0, "shocks": True})
    before = score_assessment(m.Assessment(vibration=m.Vibration(sources=[old])))
    after = score_assessment(m.Assessment(vibration=m.Vibration(sources=[new])))
    f0, f1 = (r.factor("whole_body_vibration") for r in (before, after))
    assert f0.headline.value == f1.headline.value and f0.band == f1.band == LOW
    vdv = {x.key: x.value for x in f1.metrics}
    assert vdv["vdv"] == pytest.approx(14.0) and vdv["vdv_z"] == pytest.approx(14.0)
    est = {x.key: x.value for x in f0.metrics}["vdv_z"]
    assert est == pytest.approx(1.4 * 0.4 * (6 * 3600) ** 0.25)
    assert "Warning" in f1.why and "Warning" not in f0.why
    with pytest.raises(ValueError, match="vdv_z_m_s175"):
        m.WholeBodySource(
            name="x", a_wx_m_s2=0, a_wy_m_s2=0, a_wz_m_s2=0, exposure_h=1, vdv_z_m_s175=-1
        )
