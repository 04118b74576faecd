"""Tests for scoring.prolonged_sitting.

Band edges: health guidance on total daily sitting, a project scale on Buckley et al. 2015
(BJSM 49:1357-62), ROSA duration thresholds 30/60 min (Sonne et al. 2012, Applied Ergonomics
43:98-108) and DOSH ERA 2017 (static seated posture > 30 min); bibliography keys
buckley-2015, sonne-2012, dosh-2017.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presentation import prolonged_sitting as ps_words
from scoring import prolonged_sitting as ps
from scoring.bands import HIGH, LOW, MODERATE, NOT_APPLICABLE, VERY_HIGH, BandScale


@pytest.mark.parametrize(
    ("hours", "band", "index"),
    [
        (0.0, LOW, 0.0),
        (3.99, LOW, 24.9375),
        (4.0, MODERATE, 25.0),  # 4 h -> moderate (edge moves up)
        (5.99, MODERATE, 49.875),
        (6.0, HIGH, 50.0),  # 6 h -> high (edge moves up)
        (8.0, HIGH, 75.0),  # 8 h stays high
        (8.01, VERY_HIGH, 75.03125),
        (16.0, VERY_HIGH, 100.0),  # cap: twice the lower edge
        (20.0, VERY_HIGH, 100.0),
    ],
)
def test_hours_band_edges(hours, band, index):
    """Project scale: < 4 h low, 4-6 h moderate, 6-8 h high, > 8 h/day very high."""
    res = ps.assess(seated_h_per_day=hours, longest_bout_min=0.0)
    assert res.hours_band[0] == band
    assert res.band[0] == band
    assert res.index[0] == pytest.approx(index)
    assert res.native[0] == hours


@pytest.mark.parametrize(
    ("bout", "band", "index"),
    [
        (30.0, LOW, 25.0),  # ROSA: <= 30 min continuous is the lowest category
        (30.01, MODERATE, 25.0 + 25.0 * 0.01 / 30.0),
        (60.0, MODERATE, 50.0),  # ROSA: 30-60 min
        (60.01, HIGH, 50.0 + 25.0 * 0.01 / 180.0),  # ROSA: > 1 h continuous
        (240.0, HIGH, 74.9),  # bouts alone stop short of very high
        (1000.0, HIGH, 74.9),
    ],
)
def test_bout_band_edges(bout, band, index):
    """Project scale on the ROSA duration rule (Sonne 2012): <= 30 min, 30-60 min, > 60 min."""
    res = ps.assess(seated_h_per_day=0.0, longest_bout_min=bout)
    assert res.bout_band[0] == band
    assert res.band[0] == band
    assert res.index[0] == pytest.approx(index)


def test_bouts_and_hours_interplay():
    """The band is the worse of the two exposures and the index the higher."""
    res = ps.assess(
        seated_h_per_day=np.array([3.0, 9.0, 5.0, 7.0, math.nan, 5.0]),
        longest_bout_min=np.array([90.0, 10.0, 45.0, 20.0, 45.0, math.nan]),
    )
    assert res.band.tolist() == [HIGH, VERY_HIGH, MODERATE, HIGH, MODERATE, MODERATE]
    assert res.governing.tolist() == ["bout", "hours", "both", "hours", "bout", "hours"]
    np.testing.assert_allclose(res.index, np.fmax(res.hours_index, res.bout_index))
    assert np.isnan(res.native[4])


def test_nothing_given_is_not_applicable():
    res = ps.assess(seated_h_per_day=math.nan, longest_bout_min=math.nan)
    assert res.band[0] == NOT_APPLICABLE and np.isnan(res.index[0])
    fr = ps_words.factor_result(res)
    assert not fr.applicable and "seated" in fr.reason


def test_buckley_standing_targets():
    """Buckley et al. 2015: accumulate 2 h/day of standing and light activity, then 4 h/day."""
    res = ps.assess(seated_h_per_day=6.0, standing_h_per_day=np.array([1.0, 2.0, 3.5, 4.0]))
    assert res.meets_buckley_initial.tolist() == [False, True, True, True]
    assert res.meets_buckley_goal.tolist() == [False, False, False, True]
    np.testing.assert_allclose(res.standing_short_of_initial_h, [1.0, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(res.standing_short_of_goal_h, [3.0, 2.0, 0.5, 0.0])
    # Standing time is reported, not scored.
    assert len(set(res.band.tolist())) == 1


def test_factor_result_headline_drivers_and_why():
    res = ps.assess(
        seated_h_per_day=7.5, longest_bout_min=90.0, standing_h_per_day=1.0, sit_stand_desk=False
    )
    fr = ps_words.factor_result(res)
    assert fr.band == HIGH and fr.index == pytest.approx(68.75)
    assert fr.headline.text() == "7.5 h/day"
    keys = [m.key for m in fr.metrics]
    assert keys[:3] == ["seated_h_per_day", "longest_bout_min", "standing_h_per_day"]
    assert fr.metrics[1].text() == "90 min"
    assert "Longest seated bout 90 min exceeds 60 min" in fr.drivers
    assert "7.5 h/day seated is above 6 h" in fr.drivers
    assert any("Buckley's initial 2 h/day" in d for d in fr.drivers)
    assert "No sit-stand desk to break up seated work" in fr.drivers
    assert fr.why.startswith("High: ")
    assert "project scale" in fr.why


def test_item_06_sitting_is_health_guidance_not_an_exposure_limit():
    """The sitting bands are labelled as health guidance on total daily sitting, not an
    exposure limit, in the METHOD text and in every why-sentence."""
    for text in (ps.METHOD.summary, ps.METHOD.band_basis):
        assert "health guidance on total daily sitting" in text.lower()
        assert "not an exposure limit" in text
    for hours in (2.0, 5.0, 7.0, 9.0):
        fr = ps_words.factor_result(ps.assess(seated_h_per_day=hours, longest_bout_min=25.0))
        assert "Health guidance on total daily sitting, not an exposure limit" in fr.why
    assert ps.METHOD.unconfirmed


def test_factor_result_low_and_edge_wording():
    low = ps_words.factor_result(ps.assess(seated_h_per_day=2.0, longest_bout_min=25.0))
    assert low.band == LOW
    assert low.why.startswith("Low: under 4 h/day seated and no seated bout over 30 min")
    just_over = ps_words.factor_result(ps.assess(seated_h_per_day=8.01, longest_bout_min=25.0))
    assert "8.01 h/day seated is above 8 h" in just_over.drivers
    at_edge = ps_words.factor_result(ps.assess(seated_h_per_day=4.0, longest_bout_min=25.0))
    assert "4 h/day seated reaches 4 h" in at_edge.drivers


def test_borderline_only_where_the_band_could_change():
    """Project rule: within 10 % of a band edge; an edge that cannot change the band is ignored."""
    res = ps.assess(
        seated_h_per_day=np.array([3.8, 3.8, 8.0, 7.0, 3.0, 5.0]),
        longest_bout_min=np.array([45.0, 10.0, 10.0, 58.0, 28.0, 10.0]),
    )
    # 3.8 h is near 4 h, but a 45 min bout already makes it moderate.
    assert res.borderline.tolist() == [False, True, True, False, True, False]


def test_sit_stand_desk_accepts_none_and_nan_as_no():
    res = ps.assess(
        seated_h_per_day=5.0, sit_stand_desk=np.array([True, None, math.nan, False], dtype=object)
    )
    assert res.sit_stand_desk.tolist() == [True, False, False, False]


# ----------------------------------------------------------------------- properties

opt_hours = st.one_of(st.just(math.nan), st.floats(0, 24))
opt_bout = st.one_of(st.just(math.nan), st.floats(0, 600))


@settings(max_examples=150, deadline=None)
@given(st.floats(0, 24), st.floats(0, 24), opt_bout)
def test_index_and_band_monotone_in_hours(h1, h2, bout):
    lo, hi = sorted([h1, h2])
    res = ps.assess(seated_h_per_day=np.array([lo, hi]), longest_bout_min=bout)
    assert res.index[0] <= res.index[1]
    assert res.band[0] <= res.band[1]


@settings(max_examples=150, deadline=None)
@given(st.floats(0, 600), st.floats(0, 600), opt_hours)
def test_index_and_band_monotone_in_bout(b1, b2, hours):
    lo, hi = sorted([b1, b2])
    res = ps.assess(seated_h_per_day=hours, longest_bout_min=np.array([lo, hi]))
    assert res.index[0] <= res.index[1]
    assert res.band[0] <= res.band[1]
    # A bout alone never reaches very high.
    assert res.bout_band.max() <= HIGH


@settings(max_examples=100, deadline=None)
@given(opt_hours, opt_bout)
def test_band_is_worse_exposure_and_index_inside_band(hours, bout):
    res = ps.assess(seated_h_per_day=hours, longest_bout_min=bout)
    b = int(res.band[0])
    assert b == max(int(res.hours_band[0]), int(res.bout_band[0]))
    if b == NOT_APPLICABLE:
        assert np.isnan(res.index[0])
        assert not ps_words.factor_result(res).applicable
    else:
        assert 25 * b <= res.index[0] <= 25 * (b + 1)
        assert ps_words.factor_result(res).band == b


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(opt_hours, opt_bout, st.booleans(), opt_hours),
        min_size=1,
        max_size=10,
    )
)
def test_scalar_and_batch_identical(rows):
    """Contract: a row scored alone (plain Python values) equals the same row in a batch."""
    h, b, d, s = (np.array(c) for c in zip(*rows, strict=True))
    res = ps.assess(seated_h_per_day=h, longest_bout_min=b, sit_stand_desk=d, standing_h_per_day=s)
    for i, (hi, bi, di, si) in enumerate(rows):
        one = ps.assess(
            seated_h_per_day=hi, longest_bout_min=bi, sit_stand_desk=di, standing_h_per_day=si
        )
        for name, arr in res._asdict().items():
            single = getattr(one, name)
            assert single.shape == (1,), name
            if arr.dtype.kind == "f":
                np.testing.assert_array_equal(arr[i], single[0], err_msg=name)
            else:
                assert arr[i] == single[0], name


def test_sentences_take_the_band_edges_from_the_scoring_constants(monkeypatch):
    """Moving a band edge in scoring moves the words: no edge is typed into a sentence.

    Hypothetical edges (3/5/7 h/day with 7 h moving up, bouts 20/45 min with 45 min moving
    up, Buckley targets 1.5/3 h/day), not a published scale.
    """
    monkeypatch.setattr(
        ps,
        "HOURS_SCALE",
        BandScale(edges=(3.0, 5.0, 7.0), cap=14.0, edge_in_lower=(True, False, False)),
    )
    monkeypatch.setattr(
        ps,
        "BOUT_SCALE",
        BandScale(edges=(20.0, 45.0, None), cap=240.0, edge_in_lower=(False, False, True)),
    )
    monkeypatch.setattr(ps, "BUCKLEY_INITIAL_H", 1.5)
    monkeypatch.setattr(ps, "BUCKLEY_GOAL_H", 3.0)
    low = ps_words.factor_result(ps.assess(seated_h_per_day=3.0, longest_bout_min=19.0))
    assert low.band == LOW
    assert low.why.startswith("Low: up to 3 h/day seated and no seated bout of 20 min or more.")
    fr = ps_words.factor_result(
        ps.assess(seated_h_per_day=7.0, longest_bout_min=45.0, standing_h_per_day=1.0)
    )
    assert fr.band == VERY_HIGH
    assert "7 h/day seated reaches 7 h" in fr.drivers
    assert "Longest seated bout 45 min reaches 45 min" in fr.drivers
    assert "Standing and light activity 1 h/day is below Buckley's initial 1.5 h/day target" in (
        fr.drivers
    )
    labels = [m.label for m in fr.metrics]
    assert "short of Buckley's 1.5 h/day initial target" in labels
    assert "short of Buckley's 3 h/day goal" in labels
    goal = ps_words.factor_result(ps.assess(seated_h_per_day=5.5, standing_h_per_day=2.0))
    assert goal.band == HIGH and "5.5 h/day seated time is above 5 h" in goal.why
    assert "Standing and light activity 2 h/day is below Buckley's 3 h/day goal" in goal.drivers


def test_method_description_states_the_band_edges_it_bands_with():
    """The Methods page and the PDF print METHOD's text: its edges must be the scales' edges."""
    h1, h2, h3 = ps.HOURS_SCALE.edges
    b1, b2, _ = ps.BOUT_SCALE.edges
    n = ps_words._n
    for text in (ps.METHOD.summary, ps.METHOD.band_basis):
        assert f"< {n(h1)} h/day low" in text
        assert f"> {n(h3)} h very high" in text
        assert f"<= {n(b1)} min low, > {n(b1)}" in text
        assert f"> {n(b2)} min high" in text
    assert f"{n(h1)}-{n(h2)} h moderate, {n(h2)}-{n(h3)} h high" in ps.METHOD.summary
    assert f">= {n(h1)} h moderate, >= {n(h2)} h high" in ps.METHOD.band_basis
    assert ps.HOURS_SCALE.edge_in_lower == (False, False, True)  # "<", ">=", ">=", ">" above
    assert ps.BOUT_SCALE.edge_in_lower[:2] == (True, True)  # "<=" and ">" above
