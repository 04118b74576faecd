"""Hand-arm vibration (ISO 5349-1:2001, Directive 2002/44/EC, HSE exposure points).

Sources (bibliography keys): hse-hav-ready-reckoner, hse-hav-calculator (instructions page,
old and current example), eu-2002-44 (Art. 3(1)), iso-5349-1-2001, hse-l140.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presentation import hand_arm_vibration as hav_words
from reports.bibliography import citations
from scoring import hand_arm_vibration as hav
from scoring.bands import HIGH, LOW, NOT_APPLICABLE, VERY_HIGH

NAN = np.nan


def _one(a, t, names=None):
    return hav.assess(a_hv_m_s2=a, trigger_time_h=t, tool_names=names)


# --- published reference values -------------------------------------------------------------


def test_hse_ready_reckoner_5_m_s2_for_3_h_is_150_points_between_eav_and_elv():
    """HSE ready reckoner (S6h): 5 m/s² for 3 h = 150 points, above the EAV, below the ELV."""
    res = _one(5.0, 3.0)
    assert res.points[0] == pytest.approx(150.0, abs=0.5)
    assert hav.exposure_points(a_hv_m_s2=5.0, trigger_time_h=3.0) == pytest.approx(150.0)
    assert res.a8_m_s2[0] == pytest.approx(2.5 * math.sqrt(1.5), abs=1e-12)  # 3.06 m/s²
    assert res.band[0] == HIGH
    assert hav.EAV_M_S2 <= res.a8_m_s2[0] < hav.ELV_M_S2


def test_hse_calculator_old_page_three_tools_below_eav():
    """HSE calculator instructions, older page (S7a): 2, 6 and 3.5 m/s² for 15, 30 and
    90 min give a total of 2.2 m/s² A(8) = 75 points, below the EAV.

    The exact values are 2.16 m/s² and 74.75 points; the page rounds A(8) to one decimal
    and points to whole numbers, so the tolerance matches that rounding.
    """
    res = _one([2.0, 6.0, 3.5], [0.25, 0.5, 1.5])
    assert res.a8_m_s2[0] == pytest.approx(2.2, abs=0.05)
    assert res.points[0] == pytest.approx(75, abs=0.5)
    assert res.band[0] == LOW
    # partial exposure points 2, 36 and 36.75 (points = 2·a²·T, HSE ready reckoner)
    np.testing.assert_allclose(res.partial_points[0], [2.0, 36.0, 36.75], rtol=1e-12)


def test_hse_calculator_current_page_example_derived():
    """HSE calculator instructions, current page (hse-hav-calculator): 10, 6 and 3.5 m/s² for 15, 30 and
    90 min. The page's outputs were not checked; the expected values are derived from
    A_i(8) = a·√(T/8), the sum of squares and points = 2·a²·T: partials 1.77 / 1.50 / 1.52 m/s²,
    total 2.77 m/s², 122.75 ≈ 123 points.
    """
    res = _one([10.0, 6.0, 3.5], [0.25, 0.5, 1.5])
    np.testing.assert_allclose(res.partial_a8_m_s2[0], [1.77, 1.50, 1.52], atol=0.005)
    assert res.a8_m_s2[0] == pytest.approx(2.77, abs=0.005)
    assert res.points[0] == pytest.approx(123, abs=0.5)
    assert res.band[0] == HIGH


def test_limit_values_are_the_directive_values():
    """Directive 2002/44/EC Art. 3(1): ELV 5 m/s², EAV 2.5 m/s² A(8)."""
    assert hav.EAV_M_S2 == 2.5
    assert hav.ELV_M_S2 == 5.0
    assert hav.METHOD.scale.edges == (None, 2.5, 5.0)
    assert hav.METHOD.scale.edge_in_lower == (False, False, False)
    assert hav.METHOD.scale.cap == 10.0


def test_points_at_eav_and_elv():
    """S6h: EAV = 100 points, ELV = 400 points; points = 100·(A(8)/2.5)²."""
    assert hav.points_from_a8(2.5) == pytest.approx(100.0)
    assert hav.points_from_a8(5.0) == pytest.approx(400.0)
    assert hav.a8_from_points(150.0) == pytest.approx(2.5 * math.sqrt(1.5))


@pytest.mark.parametrize(
    ("a", "t_eav", "t_elv"),
    [(5.0, 2.0, 8.0), (10.0, 0.5, 2.0), (2.5, 8.0, 32.0)],
)
def test_time_to_eav_and_elv(a, t_eav, t_elv):
    """T = 8·(limit/a)² (derived from A(8) = a·√(T/8), ISO 5349-1:2001):
    5 m/s² reaches the EAV after 2 h and the ELV after 8 h; 10 m/s² after 30 min and 2 h."""
    assert hav.time_to_limit_h(a_hv_m_s2=a, limit_m_s2=hav.EAV_M_S2) == pytest.approx(t_eav)
    assert hav.time_to_limit_h(a_hv_m_s2=a, limit_m_s2=hav.ELV_M_S2) == pytest.approx(t_elv)
    res = _one(a, 1.0)
    assert res.time_to_eav_h[0, 0] == pytest.approx(t_eav)
    assert res.time_to_elv_h[0, 0] == pytest.approx(t_elv)


def test_time_to_limit_of_a_tool_that_does_not_vibrate_is_unlimited():
    assert hav.time_to_limit_h(a_hv_m_s2=0.0, limit_m_s2=2.5) == math.inf
    assert hav_words.format_hours(math.inf) == "unlimited"


def test_time_to_limit_rejects_a_non_positive_limit():
    with pytest.raises(ValueError, match=r"limit_m_s2 == 0.0, must be > 0 \[m/s²\]"):
        hav.time_to_limit_h(a_hv_m_s2=5.0, limit_m_s2=0.0)
    with pytest.raises(ValueError, match=r"limit_m_s2 == -1.0, must be > 0"):
        hav.tool_time_limit_h(a_hv_m_s2=[[5.0]], trigger_time_h=[[1.0]], limit_m_s2=-1.0)


# --- tool time limit (what the recommendation quotes) ---------------------------------------


def test_tool_time_limit_alone_is_the_time_to_the_limit():
    """A tool alone: the limit equals 8·(2.5/a)²; a = √30 m/s² gives 1 h 40 min (the HAV-TIME
    recommendation "keep the grinder under 1 h 40 min a day to stay below the EAV")."""
    a = math.sqrt(30.0)
    t = hav.tool_time_limit_h(a_hv_m_s2=[[a]], trigger_time_h=[[3.0]], limit_m_s2=hav.EAV_M_S2)
    assert t[0, 0] == pytest.approx(5.0 / 3.0)
    assert hav_words.format_hours(t[0, 0]) == "1 h 40 min"


def test_tool_time_limit_with_another_tool():
    """Hand computation from ISO 5349-1 Eq. (3): a grinder at 5 m/s² with a drill at
    2.5 m/s² for 4 h (A_i(8)² = 3.125): the grinder may run (6.25 − 3.125)·8/25 = 1 h."""
    t = hav.tool_time_limit_h(
        a_hv_m_s2=[[5.0, 2.5]], trigger_time_h=[[3.0, 4.0]], limit_m_s2=hav.EAV_M_S2
    )
    assert t[0, 0] == pytest.approx(1.0)
    # the drill, with the grinder at 3 h (A_i(8)² = 9.375 > 6.25), has no time left
    assert t[0, 1] == 0.0
    res = _one([5.0, 2.5], [1.0, 4.0])
    assert res.a8_m_s2[0] == pytest.approx(hav.EAV_M_S2)


def test_tool_time_limit_is_zero_when_the_others_already_reach_the_limit():
    """Another tool at exactly the EAV (2.5 m/s² for 8 h) leaves no time for the grinder."""
    res = _one([6.0, 2.5], [1.0, 8.0])
    assert res.tool_time_limit_eav_h[0, 0] == 0.0
    assert res.tool_time_limit_elv_h[0, 0] > 0.0


def test_tool_time_limit_of_unused_slots_is_nan():
    t = hav.tool_time_limit_h(
        a_hv_m_s2=[[5.0, NAN]], trigger_time_h=[[1.0, NAN]], limit_m_s2=hav.ELV_M_S2
    )
    assert t[0, 0] == pytest.approx(8.0)
    assert np.isnan(t[0, 1])


# --- bands, index, borderline ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("a8", "band"),
    [(0.0, LOW), (2.49, LOW), (2.5, HIGH), (4.99, HIGH), (5.0, VERY_HIGH), (12.0, VERY_HIGH)],
)
def test_band_edges(a8, band):
    """Directive 2002/44/EC Art. 3: A(8) < 2.5 low, 2.5–5 high, >= 5 very high
    (an A(8) exactly at the EAV or ELV has reached it). T = 8 h makes A(8) = a_hv."""
    res = _one(a8, 8.0)
    assert res.a8_m_s2[0] == a8
    assert res.band[0] == band


def test_index_anchors():
    """Project rule: high band 50–75, very high 75–100 reaching 100 at the cap (2 × ELV)."""
    res = _one([[0.0], [2.5], [5.0], [10.0], [20.0]], 8.0)
    np.testing.assert_allclose(res.index, [0.0, 50.0, 75.0, 100.0, 100.0])


def test_borderline_within_ten_percent_of_eav_or_elv():
    res = _one([[2.24], [2.26], [2.74], [2.76], [4.6], [5.4], [5.6]], 8.0)
    assert res.borderline.tolist() == [False, True, True, False, True, True, False]


def test_no_tool_is_not_applicable():
    res = _one([[NAN, NAN], [5.0, NAN]], [[NAN, NAN], [NAN, 2.0]])
    assert np.isnan(res.native[0]) and res.band[0] == NOT_APPLICABLE
    assert np.isnan(res.index[0]) and not res.borderline[0]
    assert res.n_tools.tolist() == [0, 0]
    assert res.n_incomplete.tolist() == [0, 2]
    fr = hav_words.factor_result(res, 1)
    assert not fr.applicable
    assert "No vibrating tool" in fr.reason and "2 tool(s) left out" in fr.reason


def test_tool_used_zero_hours_is_low_not_not_applicable():
    res = _one(8.0, 0.0)
    assert res.a8_m_s2[0] == 0.0 and res.band[0] == LOW and res.n_tools[0] == 1
    assert res.day_time_to_eav_h[0] == math.inf


def test_day_time_to_eav_scales_the_tool_mix():
    """S7a mix (74.75 points in 2.25 h): the same mix reaches 100 points after
    2.25·100/74.75 h, and 400 points after four times that."""
    res = _one([2.0, 6.0, 3.5], [0.25, 0.5, 1.5])
    assert res.trigger_time_total_h[0] == pytest.approx(2.25)
    assert res.day_time_to_eav_h[0] == pytest.approx(2.25 * 100 / 74.75)
    assert res.day_time_to_elv_h[0] == pytest.approx(4 * 2.25 * 100 / 74.75)


# --- presentation ---------------------------------------------------------------------------


def test_factor_result_names_the_tools_and_the_threshold():
    res = _one([[6.0, 2.0]], [[2.0, 1.0]], names=[["Grinder", "Sander"]])
    fr = hav_words.factor_result(res)
    assert fr.applicable and fr.band == HIGH
    assert fr.headline.key == "a8" and fr.headline.text() == "3.08 m/s²"
    assert fr.why == (
        "A(8) 3.08 m/s² is at or above the exposure action value 2.5 m/s² and below the "
        "exposure limit value 5 m/s² (EU Directive 2002/44/EC Art. 3; UK Control of Vibration "
        "at Work Regulations 2005 reg. 4)"
    )
    # 6²·2·2 = 144 of 152 points
    assert fr.drivers[0] == (
        "Grinder (6.0 m/s² for 2 h 00 min) contributes 3.00 m/s² A(8), 95 % of the points"
    )
    assert fr.drivers[1].startswith("Sander (2.0 m/s² for 1 h 00 min) contributes 0.71 m/s²")
    table = fr.tables[0]
    assert len(table.columns) == len(table.rows[0])
    assert table.rows[0] == (
        "Grinder",
        "6.0",
        "2 h 00 min",
        "3.00",
        "144",
        "1 h 23 min",
        "5 h 33 min",
        "1 h 16 min",  # (8·2.5² − 2²·1)/6² = 1.28 h
    )
    assert [m.key for m in fr.metrics][:2] == ["a8", "points"]


def test_factor_result_below_eav_and_above_elv():
    below = hav_words.factor_result(_one(2.0, 8.0))
    assert below.why.startswith("A(8) 2.00 m/s² is below the exposure action value 2.5 m/s²")
    above = hav_words.factor_result(_one(6.0, 8.0))
    assert above.band == VERY_HIGH
    assert above.why == (
        "A(8) 6.00 m/s² exceeds the exposure limit value 5 m/s² (EU Directive 2002/44/EC "
        "Art. 3; UK Control of Vibration at Work Regulations 2005 reg. 4): workers shall not be "
        "exposed above the exposure limit value (Directive Art. 5(3))"
    )
    assert hav_words.factor_result(_one(5.0, 1.0)).drivers[0].startswith("Tool 1 (5.0 m/s²")


@pytest.mark.parametrize(
    ("a8", "start"),
    [
        (4.99, "A(8) 4.99 m/s² is at or above the exposure action value 2.5 m/s² and below"),
        (5.0, "A(8) 5.00 m/s² is at the exposure limit value 5 m/s²"),
        (5.01, "A(8) 5.01 m/s² exceeds the exposure limit value 5 m/s²"),
    ],
)
def test_item_05_limit_value_wording_names_the_law(a8, start):
    """Directive 2002/44/EC Art. 5(3): workers shall not be exposed *above* the limit value;
    exactly at it is "at" (the band is very high from 5 m/s², a project choice), above it
    "exceeds". Every sentence names the EU Directive and the UK 2005 Regulations."""
    fr = hav_words.factor_result(_one(a8, 8.0))
    assert fr.why.startswith(start)
    assert "EU Directive 2002/44/EC" in fr.why
    assert "UK Control of Vibration at Work Regulations 2005" in fr.why
    assert ("shall not be" in fr.why) == (a8 >= 5.0)


def test_item_05_declared_values_carry_a_caveat():
    """A tool whose a_hv is the manufacturer's declared emission value gets the caveat (in the
    drivers and the why sentence); the numbers do not change; measured tools get none."""
    res = hav.assess(
        a_hv_m_s2=[[6.0, 2.0]],
        trigger_time_h=[[2.0, 1.0]],
        tool_names=[["Grinder", "Sander"]],
        declared=[[True, False]],
    )
    plain = _one([[6.0, 2.0]], [[2.0, 1.0]], names=[["Grinder", "Sander"]])
    assert res.a8_m_s2[0] == plain.a8_m_s2[0] and res.band[0] == plain.band[0]
    fr = hav_words.factor_result(res)
    caveat = [d for d in fr.drivers if "declared" in d]
    assert caveat == [f"Grinder: a_hv {hav_words.DECLARED_CAVEAT}."]
    assert "may not represent the tool in real use" in caveat[0]
    assert fr.why.endswith("uses declared emission values and may under-estimate real use")
    assert "declared" not in hav_words.factor_result(plain).why


def test_why_does_not_round_onto_the_edge():
    """2.4999 m/s² is below the EAV; "2.50" would contradict the sentence."""
    fr = hav_words.factor_result(_one(2.4999, 8.0))
    assert fr.band == LOW
    assert fr.why.startswith("A(8) 2.4999 m/s² is below")


@pytest.mark.parametrize(
    ("hours", "text"),
    [(5.0 / 3.0, "1 h 40 min"), (2.0, "2 h 00 min"), (0.5, "30 min"), (0.999, "59 min")],
)
def test_format_hours(hours, text):
    """Times are rounded down so the shown limit keeps the exposure below it."""
    assert hav_words.format_hours(hours) == text


def test_method_info():
    m = hav.METHOD
    assert (m.id, m.factor, m.factor_title) == (
        "hand_arm_vibration",
        "hand_arm_vibration",
        "Hand-arm vibration",
    )
    refs = " ".join(citations(m.references))
    for needle in ("OJ L 177, 6.7.2002", "ISO 5349-1:2001", "L140", "INDG175", "readyreckoner"):
        assert needle in refs
    assert "project rule" in m.band_basis
    assert m.scale.describe() == [
        ("low", "< 2.5 m/s²"),
        ("high", ">= 2.5 and < 5 m/s²"),
        ("very high", ">= 5 m/s²"),
    ]


# --- scalar vs batch ------------------------------------------------------------------------


def _assert_same_row(one, batch, i):
    for name in hav.HandArmResult._fields:
        x, y = np.asarray(getattr(one, name)), np.asarray(getattr(batch, name))
        k = x.shape[-1] if x.ndim == 2 else None
        row = y[i, :k] if x.ndim == 2 else y[i : i + 1]
        np.testing.assert_array_equal(x.reshape(row.shape), row, err_msg=name)


def test_scalar_and_batch_identical():
    rng = np.random.default_rng(5349)
    n, k = 200, 4
    a = rng.uniform(0, 20, (n, k))
    t = rng.uniform(0, 8, (n, k))
    a[rng.random((n, k)) < 0.3] = np.nan
    t[:, 3] = np.nan  # last slot never used
    a[7] = [5.0, np.nan, np.nan, np.nan]
    t[7] = [3.0, np.nan, np.nan, np.nan]
    batch = hav.assess(a_hv_m_s2=a, trigger_time_h=t)
    for i in (0, 1, 50, 199):
        _assert_same_row(hav.assess(a_hv_m_s2=a[i], trigger_time_h=t[i]), batch, i)
    one = hav.assess(a_hv_m_s2=5.0, trigger_time_h=3.0)
    for name in ("a8_m_s2", "points", "native", "band", "index", "borderline"):
        assert getattr(one, name)[0] == getattr(batch, name)[7], name
    assert one.tool_time_limit_eav_h[0, 0] == batch.tool_time_limit_eav_h[7, 0]
    assert hav_words.factor_result(one) == hav_words.factor_result(
        hav.assess(a_hv_m_s2=a[7:8, :1], trigger_time_h=t[7:8, :1])
    )


# --- properties the standard implies --------------------------------------------------------

# 0 or a measurable magnitude: far below 0.01 m/s², 8·L²/a² overflows to inf.
mag = st.one_of(st.just(0.0), st.floats(0.01, 30.0))
hours = st.floats(0.0, 12.0, allow_nan=False)
tools = st.lists(st.tuples(mag, hours), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(tools=tools, k=st.integers(0, 5), da=st.floats(0, 10), dt=st.floats(0, 4))
def test_a8_monotone_in_magnitude_and_time(tools, k, da, dt):
    """A(8) = √(Σ a²T/8) is non-decreasing in each a_hv and each T (ISO 5349-1 Eq. 3)."""
    a = np.array([x for x, _ in tools])
    t = np.array([y for _, y in tools])
    k %= len(tools)
    base = _one(a, t)
    a2, t2 = a.copy(), t.copy()
    a2[k] += da
    t2[k] += dt
    for more in (_one(a2, t), _one(a, t2), _one(a2, t2)):
        assert more.a8_m_s2[0] >= base.a8_m_s2[0]
        assert more.index[0] >= base.index[0]
        assert more.band[0] >= base.band[0]


@settings(max_examples=200, deadline=None)
@given(tools=tools)
def test_points_additive_and_points_a8_identity(tools):
    """HSE (S6h): points add across tools and points = 100·(A(8)/2.5)²."""
    a = np.array([x for x, _ in tools])
    t = np.array([y for _, y in tools])
    res = _one(a, t)
    alone = sum(float(_one(x, y).points[0]) for x, y in tools)
    assert res.points[0] == pytest.approx(alone, rel=1e-12, abs=1e-12)
    assert res.points[0] == pytest.approx(np.sum(res.partial_points[0]), rel=1e-12, abs=1e-12)
    assert res.points[0] == pytest.approx(hav.points_from_a8(res.a8_m_s2[0]), rel=1e-12, abs=1e-9)
    assert res.a8_m_s2[0] == pytest.approx(
        hav.daily_a8(partial_a8_m_s2=res.partial_a8_m_s2[0]), rel=1e-12, abs=1e-12
    )


@settings(max_examples=200, deadline=None)
@given(tools=tools, slots=st.lists(st.booleans(), min_size=0, max_size=4))
def test_nan_slots_are_ignored(tools, slots):
    a = [x for x, _ in tools]
    t = [y for _, y in tools]
    a_pad, t_pad = list(a), list(t)
    for pos, first in enumerate(slots):
        where = 0 if first else len(a_pad)
        a_pad.insert(where, np.nan)
        t_pad.insert(where, np.nan if pos % 2 else 1.0)  # half of them incomplete
    ref, pad = _one(a, t), _one(a_pad, t_pad)
    for name in ("a8_m_s2", "points", "index", "day_time_to_eav_h"):
        assert getattr(pad, name)[0] == pytest.approx(getattr(ref, name)[0], rel=1e-12, abs=1e-12)
    assert pad.band[0] == ref.band[0] and pad.n_tools[0] == ref.n_tools[0]
    used = pad.used[0]
    np.testing.assert_allclose(pad.partial_a8_m_s2[0][used], ref.partial_a8_m_s2[0])
    np.testing.assert_allclose(pad.tool_time_limit_eav_h[0][used], ref.tool_time_limit_eav_h[0])
    assert np.isnan(pad.partial_a8_m_s2[0][~used]).all()


@settings(max_examples=200, deadline=None)
@given(tools=tools, k=st.integers(0, 5), limit=st.sampled_from([hav.EAV_M_S2, hav.ELV_M_S2]))
def test_tool_time_limit_brings_the_day_to_the_limit(tools, k, limit):
    """Using tool k for exactly its limit time puts the daily A(8) on the limit (or, when
    the other tools already reach it, the limit is 0)."""
    a = np.array([x for x, _ in tools])
    t = np.array([y for _, y in tools])
    k %= len(tools)
    t_max = hav.tool_time_limit_h(a_hv_m_s2=a, trigger_time_h=t, limit_m_s2=limit)[0, k]
    others = np.delete(a, k) ** 2 @ np.delete(t, k) / 8.0
    if t_max == 0.0:
        assert others >= limit**2 * (1 - 1e-9)
    elif t_max == math.inf:
        assert a[k] == 0.0 and others < limit**2
    else:
        assert others < limit**2 * (1 + 1e-9)
        t2 = t.copy()
        t2[k] = t_max
        assert _one(a, t2).a8_m_s2[0] == pytest.approx(limit, rel=1e-9)
