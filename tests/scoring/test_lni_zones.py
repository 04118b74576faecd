"""Tests of the Washington L&I criterion engine (scoring/lni_zones.py).

The thresholds are "more than X hours total per day" in WAC 296-62-05105 (caution
zone) and WAC 296-62-05174 Appendix B (hazard zone), so every edge is strict; the
very-high band (hazard criterion at >= 1.5 × its duration, or hazard criteria for
two or more exposures) and the index are project rules (docs/methods/lni-zones.md).
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presentation import lni_zones as zone_words
from scoring import lni_zones as lz
from scoring.bands import HIGH, LOW, MODERATE, NOT_APPLICABLE, VERY_HIGH
from scoring.lni_zones import (
    ZONE_SCALE,
    Criterion,
    CriterionSpec,
    as_flag,
    evaluate,
    hours_to_drop_below,
)

INF = math.inf

# WAC 296-62-05105 item 4 (kneeling > 2 h) and Appendix B (kneeling > 4 h).
KNEEL = CriterionSpec("kneeling", "Kneeling", 2.0, 4.0, "WAC 296-62-05105", "WAC 296-62-05174")
SQUAT = CriterionSpec("squatting", "Squatting", 2.0, 4.0, "WAC 296-62-05105", "WAC 296-62-05174")
# Engine fixtures (not the posture module's lines): a hazard-only line and a line whose
# caution and hazard thresholds coincide.
BACK30 = CriterionSpec("back30", "Back > 30°", hazard_h=4.0, group="back")
BACK45 = CriterionSpec("back45", "Back > 45°", 2.0, 2.0, group="back")
# WAC 296-62-05105 item 9 / Appendix B: hand or knee as a hammer, rate conditions.
HAMMER = CriterionSpec(
    "hammer", "Hammer", 2.0, 2.0, caution_if="> 10/h", hazard_if="> 60/h",
    caution_rate=10.0, hazard_rate=60.0,
)  # fmt: skip
CAUTION_ONLY = CriterionSpec("c_only", "Caution only", caution_h=2.0)


def one(spec, hours, **kw):
    """Evaluate a single criterion (WAC 296-62-05105 / 05174 style thresholds)."""
    return evaluate([Criterion(spec, hours, **kw)])


def test_strict_edges_caution_and_hazard():
    """WAC 296-62-05105 / 05174: 'more than 2 / 4 h' - 2.0 and 4.0 are not met."""
    r = one(KNEEL, np.array([0.0, 2.0, 2.01, 4.0, 4.01, 5.99, 6.0, 12.0]))
    assert r.band.tolist() == [LOW, LOW, MODERATE, MODERATE, HIGH, HIGH, VERY_HIGH, VERY_HIGH]
    assert r.met_caution[:, 0].tolist() == [False, False, True, True, True, True, True, True]
    assert r.met_hazard[:, 0].tolist() == [False, False, False, False, True, True, True, True]


def test_index_values_on_the_piecewise_scale():
    """Index (project rule) at WAC 296-62-05105/05174 kneeling thresholds 2 and 4 h."""
    hours = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 9.0, 12.0, 20.0])
    r = one(KNEEL, hours)
    expected = [0.0, 12.5, 25.0, 37.5, 50.0, 62.5, 75.0, 87.5, 100.0, 100.0]
    assert r.index == pytest.approx(expected, abs=1e-9)


def test_caution_only_criterion_stays_moderate():
    """A caution line without a hazard line (cf. WAC 296-62-05105) never reaches 50."""
    r = one(CAUTION_ONLY, np.array([1.0, 2.0, 3.0, 24.0, 1e6]))
    assert r.band.tolist() == [LOW, LOW, MODERATE, MODERATE, MODERATE]
    assert r.index[2] == pytest.approx(25 + 25 * (1 - 2 / 3))
    assert np.all(r.index < 50)


def test_hazard_only_criterion_jumps_from_low_to_high():
    """WAC 296-62-05174 back > 30°: no caution line, so 4.0 h is low and 4.01 h high."""
    r = one(BACK30, np.array([3.0, 4.0, 4.01, 6.0]))
    assert r.band.tolist() == [LOW, LOW, HIGH, VERY_HIGH]
    assert r.index[:2] == pytest.approx([18.75, 25.0])
    assert r.index[2] > 50


def test_equal_caution_and_hazard_thresholds():
    """Back > 45°: WAC 296-62-05105 caution and Appendix B hazard are both > 2 h."""
    r = one(BACK45, np.array([2.0, 2.01, 3.0]))
    assert r.band.tolist() == [LOW, HIGH, VERY_HIGH]
    assert r.met_caution[:, 0].tolist() == [False, True, True]
    assert r.index[0] == 25.0


def test_rate_conditions_are_strict():
    """WAC 296-62-05105 item 9 (> 10 impacts/h) and Appendix B (> once per minute)."""
    rate = np.array([np.nan, 10.0, 11.0, 60.0, 61.0])
    r = one(HAMMER, 2.5, rate=rate)
    assert r.band.tolist() == [LOW, LOW, MODERATE, MODERATE, HIGH]
    assert r.caution_limit[:, 0].tolist() == [INF, INF, 2.0, 2.0, 2.0]
    assert r.hazard_limit[:, 0].tolist() == [INF, INF, INF, INF, 2.0]
    # Neither condition holds: the criterion cannot be met, index 0 (documented choice).
    assert r.index[:2].tolist() == [0.0, 0.0]


def test_boolean_conditions():
    """Appendix B modifier lines (WAC 296-62-05174) apply only where the modifier holds."""
    spec = CriterionSpec("keying_wrist", "Keying with awkward wrist", hazard_h=4.0)
    r = one(spec, 5.0, hazard_when=np.array([True, False]))
    assert r.band.tolist() == [HIGH, LOW]
    assert r.index[1] == 0.0


def test_very_high_at_one_and_a_half_times_inclusive():
    """Project rule: hazard criterion at >= 1.5 × its WAC 296-62-05174 duration."""
    r = one(KNEEL, np.array([5.99, 6.0]))
    assert r.band.tolist() == [HIGH, VERY_HIGH]
    assert r.index[1] == 75.0


def test_two_hazard_exposures_are_very_high():
    """Project rule: two WAC 296-62-05174 hazard criteria met -> very high."""
    r = evaluate([Criterion(KNEEL, 4.5), Criterion(SQUAT, 4.5)])
    assert r.band[0] == VERY_HIGH
    assert r.n_hazard[0] == 2
    assert r.index[0] == 75.0
    assert r.criterion_band[0].tolist() == [HIGH, HIGH]


def test_lines_of_one_exposure_count_once():
    """Back > 30° and > 45° (WAC 296-62-05174 lines 4-5) read nested hours: one exposure."""
    r = evaluate([Criterion(BACK30, 4.5), Criterion(BACK45, 2.5)])
    assert r.n_hazard[0] == 1
    assert r.band[0] == HIGH


def test_dominant_and_native():
    """The headline is the hours of the criterion with the highest index (WAC 296-62-05174)."""
    r = evaluate([Criterion(KNEEL, [3.0, 1.0, 0.0]), Criterion(SQUAT, [5.0, 0.5, 0.0])])
    assert r.dominant.tolist() == [1, 0, 0]
    assert r.native.tolist() == [5.0, 1.0, 0.0]


def test_nan_hours_are_not_given():
    """Hours not given leave a WAC 296-62-05105 criterion out; all missing is not applicable."""
    r = evaluate([Criterion(KNEEL, [np.nan, np.nan]), Criterion(SQUAT, [np.nan, 3.0])])
    assert r.band.tolist() == [NOT_APPLICABLE, MODERATE]
    assert np.isnan(r.index[0]) and np.isnan(r.native[0])
    assert r.dominant.tolist() == [-1, 1]
    assert r.criterion_band[1].tolist() == [NOT_APPLICABLE, MODERATE]
    assert np.isnan(r.criterion_index[1, 0])


def test_borderline_within_ten_percent_of_an_edge():
    """Project rule, borderline: hours within 10 % of the WAC 296-62-05105/05174 edges 2, 4, 6 h."""
    hours = np.array([1.7, 1.8, 2.2, 2.3, 3.5, 3.6, 4.4, 4.5, 5.4, 6.6, 6.7])
    r = one(KNEEL, hours)
    assert r.borderline.tolist() == [
        False, True, True, False, False, True, True, False, True, True, False,
    ]  # fmt: skip
    assert r.criterion_borderline[:, 0].tolist() == r.borderline.tolist()


def test_borderline_only_when_the_factor_band_can_change():
    """A caution-edge criterion is not borderline for a factor already in the hazard zone."""
    r = evaluate([Criterion(KNEEL, 5.0), Criterion(SQUAT, 1.9)])
    assert r.criterion_borderline[0].tolist() == [False, True]
    assert not r.borderline[0]
    # Squatting near its hazard edge could make a second hazard exposure: very high.
    r = evaluate([Criterion(KNEEL, 5.0), Criterion(SQUAT, 3.8)])
    assert r.borderline[0]


def test_rate_borderline():
    """Impact rate within 10 % of WAC 296-62-05105's 10/h or Appendix B's 60/h edge."""
    r = one(HAMMER, 2.5, rate=np.array([8.9, 9.5, 10.9, 11.2, 55.0, 65.0, 67.0]))
    assert r.borderline.tolist() == [False, True, True, False, True, True, False]


def test_hours_to_drop_below():
    """The duration limit is the WAC 296-62-05105/05174 threshold ('more than X')."""
    r = one(KNEEL, np.array([1.0, 3.0, 5.0, np.nan]))
    nxt = hours_to_drop_below(r, "kneeling", criteria=[KNEEL])
    assert nxt[:3].tolist()[1:] == [2.0, 4.0] and math.isnan(nxt[0]) and math.isnan(nxt[3])
    assert hours_to_drop_below(r, 0, zone="hazard")[:3].tolist() == [4.0, 4.0, 4.0]
    assert hours_to_drop_below(r, KNEEL, zone="caution", criteria=[KNEEL])[:3].tolist() == [
        2.0,
        2.0,
        2.0,
    ]
    # No hazard zone applies when the rate is <= 60/h (WAC 296-62-05174): no limit.
    h = one(HAMMER, 3.0, rate=30.0)
    assert hours_to_drop_below(h, 0, zone="hazard")[0] == INF
    assert hours_to_drop_below(h, "hammer", criteria=[HAMMER])[0] == 2.0


def test_hours_to_drop_below_rejects_unknown_options():
    """Unknown options are answered with the valid ones (method contract, item 6)."""
    r = one(KNEEL, 3.0)
    with pytest.raises(ValueError, match="zone == 'below', must be one of: next, hazard, caution"):
        hours_to_drop_below(r, 0, zone="below")
    with pytest.raises(ValueError, match="criterion == 'knee', must be one of: kneeling"):
        hours_to_drop_below(r, "knee", criteria=[KNEEL])
    with pytest.raises(ValueError, match=r"criterion == 3, must be in 0\.\.0"):
        hours_to_drop_below(r, 3)
    with pytest.raises(ValueError, match=r"pass criteria=\.\.\. to look an id up"):
        hours_to_drop_below(r, "kneeling")


def test_criterion_validation():
    """A WAC-style criterion needs a threshold, positive values and caution <= hazard."""
    with pytest.raises(ValueError, match="neither a caution nor a hazard"):
        Criterion(CriterionSpec("x", "X"), 1.0)
    with pytest.raises(ValueError, match="must be <= hazard_h"):
        Criterion(CriterionSpec("x", "X", 4.0, 2.0), 1.0)
    with pytest.raises(ValueError, match="must be > 0"):
        Criterion(CriterionSpec("x", "X", 0.0, 2.0), 1.0)
    with pytest.raises(ValueError, match="unique"):
        evaluate([Criterion(KNEEL, 1.0), Criterion(KNEEL, 2.0)])


def test_as_flag_reads_nan_as_false():
    """Modifiers of WAC 296-62-05174 lines arrive as bools; NaN means not given."""
    assert as_flag(np.array([1.0, 0.0, np.nan])).tolist() == [True, False, False]
    assert as_flag(np.array([True, None, np.nan], dtype=object)).tolist() == [True, False, False]
    assert as_flag(np.array(["true", "false", "", "Yes"], dtype=object)).tolist() == [
        True, False, False, True,
    ]  # fmt: skip
    with pytest.raises(ValueError, match="flag == 'maybe', must be a bool or one of"):
        as_flag(np.array(["maybe"], dtype=object))


def test_zone_scale_reproduces_the_band_from_the_index():
    """The index-based BandScale agrees with the WAC 296-62-05105/05174 bands at every edge."""
    hours = np.array([0, 2.0, 2.0000001, 4.0, 4.0000001, 5.9999999, 6.0, 30.0])
    r = one(KNEEL, hours)
    assert ZONE_SCALE.band(r.index).tolist() == r.band.tolist()


@st.composite
def criterion_specs(draw):
    """Random WAC-style criteria: caution and/or hazard thresholds in 0.5-8 h."""
    kind = draw(st.sampled_from(["both", "caution", "hazard"]))
    a = draw(st.floats(0.5, 8.0))
    b = draw(st.floats(0.5, 8.0))
    tc, th = min(a, b), max(a, b)
    if kind == "caution":
        th = INF
    if kind == "hazard":
        tc = INF
    return CriterionSpec("c", "C", tc, th)


hours_lists = st.lists(st.floats(0.0, 24.0), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(criterion_specs(), hours_lists, st.booleans(), st.booleans())
def test_index_monotone_and_agrees_with_band(spec, hours, cw, hw):
    """Index non-decreasing in hours and inside the band's span (WAC 296-62-05105/05174)."""
    h = np.sort(np.array(hours))
    r = one(spec, h, caution_when=cw, hazard_when=hw)
    assert np.all(np.diff(r.index) >= 0)
    assert np.all(np.diff(r.band) >= 0)
    assert np.all(r.index >= 25 * r.band) and np.all(r.index <= 25 * r.band + 25)
    assert ZONE_SCALE.band(r.index).tolist() == r.band.tolist()


@settings(max_examples=100, deadline=None)
@given(hours_lists, hours_lists)
def test_factor_index_monotone_with_two_criteria(a, b):
    """Adding hours to either WAC 296-62-05174 exposure never lowers band or index."""
    n = min(len(a), len(b))
    ha, hb = np.sort(np.array(a[:n])), np.array(b[:n])
    r = evaluate([Criterion(KNEEL, ha), Criterion(SQUAT, hb)])
    r2 = evaluate([Criterion(KNEEL, ha + 0.5), Criterion(SQUAT, hb)])
    assert np.all(r2.index >= r.index) and np.all(r2.band >= r.band)
    assert np.all(r.index >= 25 * r.band) and np.all(r.index <= 25 * r.band + 25)


def test_scalar_and_batch_identical():
    """Every field of a row equals the same input scored alone (WAC 296-62-05105/05174)."""
    rng = np.random.default_rng(1)
    h1, h2, rate = rng.uniform(0, 8, 50), rng.uniform(0, 8, 50), rng.uniform(0, 100, 50)
    batch = evaluate([Criterion(KNEEL, h1), Criterion(HAMMER, h2, rate=rate)])
    for i in range(50):
        row = evaluate(
            [Criterion(KNEEL, float(h1[i])), Criterion(HAMMER, float(h2[i]), rate=float(rate[i]))]
        )
        for name, a, b in zip(batch._fields, batch, row, strict=True):
            np.testing.assert_array_equal(a[i], b[0], err_msg=name)


def test_not_performed_regularly_meets_no_criterion():
    """'Performed regularly means done more than one day a week and more frequently than one
    week per year' (L&I F417-195-000): where it is not, no zone applies at any duration."""
    spec = lz.CriterionSpec(id="k", label="Kneeling", caution_h=2.0, hazard_h=4.0)
    res = lz.evaluate(
        [lz.Criterion(spec, np.array([5.0, 5.0, 1.0]))], regular=np.array([True, False, False])
    )
    assert res.band.tolist() == [HIGH, LOW, LOW]
    assert res.index.tolist()[1:] == [0.0, 0.0]
    assert res.regular.tolist() == [True, False, False]
    assert not res.borderline[1] and not res.met_caution[1].any()
    assert np.isinf(res.caution_limit[1, 0]) and np.isinf(res.hazard_limit[1, 0])
    assert zone_words.zone_text(res, [spec], 1, 0) == zone_words.NOT_REGULAR_TEXT
    assert "not performed regularly" in zone_words.zone_why(res, [spec], 1)
