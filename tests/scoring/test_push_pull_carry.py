"""Push, pull and carry by the Liberty Mutual MMH equations (Potvin et al. 2021).

Sources (bibliography keys): potvin-2021 (equations §3.2-3.3 p. 963, input ranges p. 963-964,
worked example §3.4 p. 964, Table 4 p. 965, normalisation of the scale factors §2.3 p. 959),
abramowitz-stegun-1964 (formula 7.1.26), iso-80000-3-2019 (standard gravity).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.bibliography import citations
from scoring import push_pull_carry as ppc
from scoring.bands import HIGH, LOW, MODERATE, NOT_APPLICABLE, VERY_HIGH

NAN = np.nan
Z75 = 0.675  # bib:potvin-2021 §3.4 p. 964: the z used for the 75 % capable value

# bib:potvin-2021 Table 4, p. 965: reference load [kg], mean CV, 75 % capable maximum [kg].
TABLE_4 = {
    ("push", "initial", "female"): (36.9, 0.214, 31.6),
    ("push", "initial", "male"): (70.3, 0.231, 59.3),
    ("push", "sustained", "female"): (25.5, 0.286, 20.6),
    ("push", "sustained", "male"): (65.3, 0.267, 53.5),
    ("pull", "initial", "female"): (36.9, 0.234, 31.1),
    ("pull", "initial", "male"): (69.8, 0.238, 58.6),
    ("pull", "sustained", "female"): (25.5, 0.298, 20.4),
    ("pull", "sustained", "male"): (61.0, 0.257, 50.4),
    ("carry", "carry", "female"): (28.6, 0.231, 24.1),
    ("carry", "carry", "male"): (74.9, 0.278, 60.9),
}


def _task(kind="push", *, f_i=20.0, f_s=10.0, w=NAN, v=95.0, dh=7.6, f=1.0, **kw):
    return ppc.assess(
        kind=kind,
        initial_force=f_i,
        sustained_force=f_s,
        carry_weight_kg=w,
        hand_height_cm=v,
        distance_m=dh,
        frequency_per_min=f,
        **kw,
    )


# --- published values --------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(TABLE_4))
def test_table_4_reference_load_and_cv_are_the_equations(key):
    """Potvin et al. 2021 Table 4 p. 965 lists each equation's RL and mean CV."""
    rl, cv, _ = TABLE_4[key]
    eq = ppc.EQUATIONS[key]
    assert (eq.rl_kg, eq.cv) == (rl, cv)


@pytest.mark.parametrize("key", sorted(TABLE_4))
def test_table_4_75_percent_capable_maximum(key):
    """Table 4 p. 965: 75 % capable maximum = RL·(1 − CV·0.675), printed to 0.1 kg.

    The tolerance adds the printed rounding (0.05 kg) to that of RL (0.05 kg) and CV
    (0.0005, i.e. up to 0.025 kg): male carry gives 60.85 from the rounded inputs, 60.9 printed.
    """
    rl, cv, printed = TABLE_4[key]
    got = ppc.load_at_percentile(mal50_kg=rl, cv=cv, z=Z75)
    assert got == pytest.approx(printed, abs=0.1)
    # The same from the percentile itself (exact quantile 0.6745 instead of the rounded 0.675).
    got_p = ppc.load_at_percentile(mal50_kg=rl, cv=cv, z=ppc.z_for_percentile(75.0))
    assert got_p == pytest.approx(printed, abs=0.1)


def _grid(kind, sex):
    fam = "carry" if kind == "carry" else "push_pull"
    lo_v, hi_v = ppc.HAND_HEIGHT_RANGE_M[(fam, sex)]
    lo_d, hi_d = ppc.CARRY_DISTANCE_RANGE_M if kind == "carry" else ppc.PUSH_PULL_DISTANCE_RANGE_M
    v = np.linspace(lo_v, hi_v, 41) * 100.0
    dh = np.linspace(lo_d, hi_d, 9)
    f = np.array([ppc.FREQUENCY_RANGE_PER_MIN[0], 0.01, 0.1, 0.5])  # DH·F stays <= 37 m/min
    vv, dd, ff = (a.ravel() for a in np.meshgrid(v, dh, f, indexing="ij"))
    return vv, dd, ff


@pytest.mark.parametrize("key", sorted(TABLE_4))
def test_reference_load_is_the_largest_mal_inside_the_ranges(key):
    """§2.3 p. 959: each scale factor is normalised to at most 1.0 and RL is the largest MAL.

    This also checks the reading of the printed ln(F)² as [ln F]²: with it F_SF is 1.00 at
    the lowest frequency (1 a day); read as ln(F²) it would be about 1.25.
    """
    kind, phase, sex = key
    v, dh, f = _grid(kind, sex)
    n = v.size
    res = ppc.assess(
        kind=np.full((n, 1), kind),
        initial_force=np.full((n, 1), 1.0),
        sustained_force=np.full((n, 1), 1.0),
        carry_weight_kg=np.full((n, 1), 1.0),
        hand_height_cm=v[:, None],
        distance_m=dh[:, None],
        frequency_per_min=f[:, None],
        sex=np.full((n, 1), sex),
        percentile=50.0,
    )
    assert (res.reason == ppc.OK).all()
    mal = res.mal50_sustained_kg if phase == "sustained" else res.mal50_initial_kg
    rl = ppc.EQUATIONS[key].rl_kg
    assert np.nanmax(mal) == pytest.approx(rl, rel=0.005)
    f_sf = res.f_sf_sustained if phase == "sustained" else res.f_sf_initial
    assert np.nanmax(f_sf) == pytest.approx(1.0, abs=0.001)


def test_worked_example_percentile_and_percent_capable():
    """§3.4 p. 964 (lift example, the same steps for every equation): MAL 15.56 kg, CV 0.260.

    SD = 0.260·15.56 = 4.05 kg; 12 kg is acceptable to 81.0 % of females; the 75 % capable
    value is 15.56·(1 − 0.260·0.675) = 12.83 kg.
    """
    assert ppc.load_at_percentile(mal50_kg=15.56, cv=0.260, z=0.675) == pytest.approx(
        12.83, abs=0.005
    )
    # The paper's NORM.DIST used its printed mean 15.56 kg and SD 4.05 kg.
    assert ppc.percent_capable(load_kg=12.0, mal50_kg=15.56, cv=4.05 / 15.56) == pytest.approx(
        81.0, abs=0.05
    )
    # The load at p % capable is accepted by p %: the two steps invert each other.
    mal_90 = ppc.load_at_percentile(mal50_kg=15.56, cv=0.260, z=ppc.z_for_percentile(90.0))
    assert ppc.percent_capable(load_kg=mal_90, mal50_kg=15.56, cv=0.260) == pytest.approx(
        90.0, abs=1e-4
    )


def test_female_pull_uses_the_push_equation_with_the_pull_cv():
    """§3.2 p. 963: the female push equations serve pull tasks, with pull's own CV."""
    push, pull = _task("push"), _task("pull")
    assert pull.mal50_initial_kg[0, 0] == pytest.approx(push.mal50_initial_kg[0, 0])
    assert pull.cv_initial[0, 0] == 0.234 and push.cv_initial[0, 0] == 0.214
    assert pull.mal_initial_kg[0, 0] < push.mal_initial_kg[0, 0]


def test_scale_factors_of_female_initial_push_by_hand():
    """Push or Pull - Initial - Female, p. 963, at V 0.95 m, DH 7.6 m, F 1/min."""
    res = _task("push", v=95.0, dh=7.6, f=1.0)
    v_sf = -0.5304 + 0.95 / 0.3361 - 0.95**2 / 0.6915
    dh_sf = 1.0286 - 7.6 / 72.22 + 7.6**2 / 9782
    f_sf = 0.7251  # ln(1) = 0
    assert res.v_sf_initial[0, 0] == pytest.approx(v_sf, abs=1e-12)
    assert res.dh_sf_initial[0, 0] == pytest.approx(dh_sf, abs=1e-12)
    assert res.f_sf_initial[0, 0] == pytest.approx(f_sf, abs=1e-12)
    assert res.mal50_initial_kg[0, 0] == pytest.approx(36.9 * v_sf * dh_sf * f_sf)


def test_male_push_distance_factor_is_in_ln_dh():
    """Push - Initial - Male, p. 963: DH_SF = 1.0790 − ln(DH)/9.392."""
    res = _task("push", sex="male", dh=15.2)
    assert res.dh_sf_initial[0, 0] == pytest.approx(1.0790 - np.log(15.2) / 9.392)


def test_limiting_factor_and_the_reduction_to_an_acceptable_force():
    """§4.2 p. 967: the smallest scale factor names the variable that lowers the MAL most."""
    res = _task("push", f_i=30.0, f_s=NAN, v=95.0, dh=45.0, f=0.2)
    sfs = [res.v_sf_initial[0, 0], res.dh_sf_initial[0, 0], res.f_sf_initial[0, 0]]
    assert res.limiting_initial[0, 0] == int(np.argmin(sfs))
    assert res.excess_initial_kg[0, 0] == pytest.approx(30.0 - res.mal_initial_kg[0, 0])
    fixed = _task("push", f_i=30.0 - res.excess_initial_kg[0, 0], f_s=NAN, v=95.0, dh=45.0, f=0.2)
    assert fixed.native[0] == pytest.approx(1.0) and fixed.band[0] == LOW
    # No sustained force measured: its acceptable value and limiting factor are still given.
    assert res.mal_sustained_kg[0, 0] > 0 and res.limiting_sustained[0, 0] in (0, 1, 2)
    assert np.isnan(res.excess_sustained_kg[0, 0]) and np.isnan(res.ratio_sustained[0, 0])


# --- ranges of the equations ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "sex", "lo", "hi"),
    [
        ("push", "female", 58.0, 133.0),
        ("pull", "male", 63.0, 144.0),
        ("carry", "female", 71.0, 103.0),
        ("carry", "male", 78.0, 110.0),
    ],
)
def test_hand_height_range_edges(kind, sex, lo, hi):
    """p. 963-964: V must range from ... to ... m for each sex (read as inclusive)."""
    heights = np.array([[lo - 0.1, lo, hi, hi + 0.1]])
    res = ppc.assess(
        kind=np.full((1, 4), kind),
        initial_force=10.0,
        carry_weight_kg=10.0,
        hand_height_cm=heights,
        distance_m=4.0,
        frequency_per_min=1.0,
        sex=sex,
    )
    out = ppc.HAND_HEIGHT_OUT
    assert res.reason[0].tolist() == [out, ppc.OK, ppc.OK, out]
    assert np.isnan(res.task_ratio[0, 0]) and np.isnan(res.task_ratio[0, 3])
    assert res.n_tasks[0] == 2 and res.n_excluded[0] == 2


def test_distance_frequency_and_velocity_edges():
    """p. 963-964: DH 2.1-61 m (carry 2.1-10 m), F 1/480-10 per min, DH·F <= 37 (carry 29)."""
    cases = [
        ("push", 2.09, 1.0, ppc.DISTANCE_OUT),
        ("push", 2.1, 1.0, ppc.OK),
        ("push", 61.0, 0.6, ppc.OK),  # 36.6 m/min
        ("push", 61.1, 0.1, ppc.DISTANCE_OUT),
        ("push", 61.0, 0.61, ppc.VELOCITY_OUT),  # 37.2 m/min
        ("carry", 10.0, 2.9, ppc.OK),  # 29 m/min
        ("carry", 10.1, 1.0, ppc.DISTANCE_OUT),
        ("carry", 10.0, 2.95, ppc.VELOCITY_OUT),
        ("pull", 2.1, 10.0, ppc.OK),
        ("pull", 2.1, 10.5, ppc.FREQUENCY_OUT),
        ("pull", 2.1, 1.0 / 480.0, ppc.OK),
        ("pull", 2.1, 1.0 / 500.0, ppc.FREQUENCY_OUT),
    ]
    kinds = np.array([[c[0] for c in cases]])
    res = ppc.assess(
        kind=kinds,
        initial_force=10.0,
        carry_weight_kg=10.0,
        hand_height_cm=90.0,
        distance_m=np.array([[c[1] for c in cases]]),
        frequency_per_min=np.array([[c[2] for c in cases]]),
    )
    assert res.reason[0].tolist() == [c[3] for c in cases]


def test_missing_inputs_and_percentile_out_of_range():
    res = ppc.assess(
        kind=np.array([["push", "push", "push", "carry", "push"]]),
        initial_force=np.array([[NAN, 10.0, 10.0, 10.0, 10.0]]),
        sustained_force=NAN,
        carry_weight_kg=np.array([[NAN, NAN, NAN, NAN, NAN]]),
        hand_height_cm=np.array([[90.0, NAN, 90.0, 90.0, 90.0]]),
        distance_m=5.0,
        frequency_per_min=1.0,
        percentile=np.array([[90.0, 90.0, 49.0, 90.0, 99.5]]),
    )
    assert res.reason[0].tolist() == [
        ppc.NO_LOAD,
        ppc.MISSING_INPUT,
        ppc.PERCENTILE_OUT,
        ppc.NO_LOAD,
        ppc.PERCENTILE_OUT,
    ]
    assert res.band[0] == NOT_APPLICABLE and np.isnan(res.native[0]) and res.worst_task[0] == -1


def test_velocity_caution_for_women_above_10_m_min():
    """§4.3 p. 968: caution above ~10 m/min (women) and 15 m/min (men) for push and pull."""
    women = _task("push", dh=15.2, f=0.66)  # 10.03 m/min
    men = _task("push", dh=15.2, f=0.66, sex="male")
    assert women.velocity_caution[0, 0] and not men.velocity_caution[0, 0]
    assert women.reason[0, 0] == ppc.OK


# --- bands ---------------------------------------------------------------------------------


def _ratio_case(ratio):
    ref = _task("push", f_i=1.0, f_s=NAN)
    return _task("push", f_i=ratio * ref.mal_initial_kg[0, 0], f_s=NAN)


@pytest.mark.parametrize(
    ("ratio", "band"),
    [
        (0.999, LOW),
        (1.0, LOW),
        (1.001, MODERATE),
        (1.5, MODERATE),
        (1.501, HIGH),
        (2.0, HIGH),
        (2.001, VERY_HIGH),
    ],
)
def test_band_edges_just_below_on_and_above(ratio, band):
    """Ratio <= 1.0 low; project edges 1.5 and 2.0, a value on an edge stays below."""
    res = _ratio_case(ratio)
    assert res.native[0] == pytest.approx(ratio, rel=1e-12)
    assert res.band[0] == band


def test_worst_task_and_phase_set_the_assessment():
    res = ppc.assess(
        kind=np.array([["push", "carry", ""]]),
        initial_force=np.array([[5.0, NAN, NAN]]),
        sustained_force=np.array([[14.0, NAN, NAN]]),
        carry_weight_kg=np.array([[NAN, 8.0, NAN]]),
        hand_height_cm=np.array([[95.0, 80.0, NAN]]),
        distance_m=np.array([[7.6, 4.0, NAN]]),
        frequency_per_min=np.array([[1.0, 1.0, NAN]]),
    )
    ratios = [res.ratio_initial[0, 0], res.ratio_sustained[0, 0], res.ratio_initial[0, 1]]
    assert res.native[0] == pytest.approx(max(ratios))
    assert res.worst_task[0] == 0 and res.native[0] == pytest.approx(ratios[1])
    assert res.reason[0, 2] == ppc.UNUSED and res.n_tasks[0] == 2 and res.n_excluded[0] == 0
    assert res.min_percent_capable[0] == pytest.approx(res.percent_capable_sustained[0, 0])
    assert bool(res.below_design_criterion[0]) == (res.min_percent_capable[0] < 75.0)


def test_newtons_are_converted_with_standard_gravity():
    """ISO 80000-3: g_n = 9.80665 m/s², so 196.133 N is 20 kgf."""
    kgf = _task("push", f_i=20.0, f_s=10.0)
    newton = _task("push", f_i=196.133, f_s=98.0665, force_unit="N")
    assert newton.native[0] == pytest.approx(kgf.native[0], rel=1e-12)
    assert ppc.force_to_kgf(9.80665, force_unit="N") == pytest.approx(1.0)


def test_defaults_protect_90_percent_of_women():
    res = _task("push")
    assert ppc.SEXES[res.sex[0, 0]] == "female" and res.percentile[0, 0] == 90.0
    assert res.z[0, 0] == pytest.approx(1.2816, abs=1e-4)


# --- unknown options ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"kind": "lift"}, "kind == 'lift', must be one of push, pull, carry."),
        ({"sex": "x"}, "sex == 'x', must be one of female, male."),
        ({"force_unit": "lbf"}, "force_unit == 'lbf', must be one of kgf, N."),
    ],
)
def test_unknown_options_are_answered_with_the_valid_ones(kw, message):
    args = {"kind": "push", **kw}
    kind = args.pop("kind")
    with pytest.raises(ValueError) as err:
        _task(kind, **args)
    assert str(err.value) == message


def test_empty_cells_read_as_unused_slots():
    res = ppc.assess(
        kind=np.array([["push", None, np.nan, " "]], dtype=object),
        initial_force=10.0,
        hand_height_cm=90.0,
        distance_m=5.0,
        frequency_per_min=1.0,
        sex=np.array([["Female", None, "", "male"]], dtype=object),
    )
    assert res.reason[0].tolist() == [ppc.OK, ppc.UNUSED, ppc.UNUSED, ppc.UNUSED]
    assert res.n_tasks[0] == 1


def test_every_reference_is_in_the_bibliography():
    assert len(citations(ppc.METHOD.references)) == len(ppc.METHOD.references)
    assert ppc.METHOD.unconfirmed


# --- properties ----------------------------------------------------------------------------

tasks = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["push", "pull", "carry"]),
        "sex": st.sampled_from(["female", "male"]),
        "v": st.floats(78.0, 103.0),
        "dh": st.floats(2.1, 10.0),
        "f": st.floats(0.01, 2.5),
        "f_i": st.floats(1.0, 60.0),
        "f_s": st.floats(1.0, 60.0),
        "pct": st.floats(50.0, 99.0),
    }
)


def _batch(rows):
    col = lambda key: np.array([[r[key]] for r in rows])  # noqa: E731
    return ppc.assess(
        kind=col("kind"),
        initial_force=col("f_i"),
        sustained_force=col("f_s"),
        carry_weight_kg=col("f_i"),
        hand_height_cm=col("v"),
        distance_m=col("dh"),
        frequency_per_min=col("f"),
        sex=col("sex"),
        percentile=col("pct"),
    )


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(tasks, min_size=1, max_size=6), i=st.integers(0, 5))
def test_scalar_call_equals_its_batch_row(rows, i):
    i = i % len(rows)
    r = rows[i]
    one = _task(
        r["kind"], f_i=r["f_i"], f_s=r["f_s"], w=r["f_i"], v=r["v"], dh=r["dh"], f=r["f"],
        sex=r["sex"], percentile=r["pct"],
    )  # fmt: skip
    batch = _batch(rows)
    for name in ("native", "band", "index", "min_percent_capable"):
        a, b = getattr(one, name)[0], getattr(batch, name)[i]
        assert a == b or (np.isnan(a) and np.isnan(b)), name


@settings(max_examples=150, deadline=None)
@given(
    r=tasks,
    more=st.floats(1.0, 3.0),
    which=st.sampled_from(["f_i", "f_s", "f", "dh", "pct"]),
)
def test_ratio_never_falls_when_exposure_grows(r, more, which):
    """More force, frequency, distance or protected share never lowers the ratio."""
    grown = dict(r)
    if which == "pct":
        grown["pct"] = min(99.0, r["pct"] + 10.0 * (more - 1.0))
    elif which == "dh":
        grown["dh"] = min(10.0, r["dh"] * more)
    elif which == "f":
        grown["f"] = min(2.5, r["f"] * more)
    else:
        grown[which] = r[which] * more
    res = _batch([r, grown])
    assert res.native[1] >= res.native[0] - 1e-12
    assert res.index[1] >= res.index[0] - 1e-9
