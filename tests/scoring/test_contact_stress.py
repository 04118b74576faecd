"""Tests of scoring/contact_stress.py.

Sources: WAC 296-62-05105 item 9 (caution: hand or knee as a hammer more than 10
times per hour, more than 2 h/day) and item 4 (kneeling more than 2 h/day);
WAC 296-62-05174 Appendix B (hazard: hammering more than once per minute, more
than 2 h/day; kneeling more than 4 h/day, confirmed in the L&I Hazard Zone Jobs
Checklist). Hard edges, handles ending in the palm and seat-edge pressure follow
the project rule > 2 h / > 4 h (UAW-GM presence × duration).
"""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.bibliography import citations
from scoring import contact_stress as cs
from scoring.bands import HIGH, LOW, MODERATE, NOT_APPLICABLE, VERY_HIGH
from scoring.lni_zones import hours_to_drop_below
from scoring.results import CONTROL_LEVELS

DURATION_INPUTS = ("kneeling_hard_h", "hard_edge_h", "handle_in_palm_h", "seat_edge_h")


def test_method_info():
    """METHOD names the factor and cites WAC 296-62-05105 / 05174 and the project rule."""
    m = cs.METHOD
    assert (m.id, m.factor, m.factor_title) == (
        "contact_stress",
        "contact_stress",
        "Contact stress",
    )
    assert any("WAC 296-62-05105" in r and "05174" in r for r in citations(m.references))
    assert "project rule" in m.band_basis
    assert [c.id for c in cs.CRITERIA] == [
        "hammer", "kneeling_hard", "hard_edge", "handle_in_palm", "seat_edge",
    ]  # fmt: skip


@pytest.mark.parametrize("name", DURATION_INPUTS)
def test_duration_edges_are_strict(name):
    """WAC 296-62-05105 item 4 / Appendix B kneeling (and project rule): > 2 h and > 4 h."""
    r = cs.assess(**{name: np.array([2.0, 2.01, 4.0, 4.01, 5.99, 6.0])})
    assert r.band.tolist() == [LOW, MODERATE, MODERATE, HIGH, HIGH, VERY_HIGH]


def test_hammer_rate_edges():
    """WAC 296-62-05105 item 9: > 10 impacts/h; WAC 296-62-05174: > 60/h (once a minute)."""
    r = cs.assess(hammer_impacts_per_h=np.array([10.0, 11.0, 60.0, 61.0]), hammer_h=2.5)
    assert r.band.tolist() == [LOW, MODERATE, MODERATE, HIGH]
    assert r.met_caution[:, 0].tolist() == [False, True, True, True]
    assert r.met_hazard[:, 0].tolist() == [False, False, False, True]


def test_hammer_duration_edges():
    """WAC 296-62-05105 / 05174: both zones need more than 2 h/day of hammering."""
    r = cs.assess(hammer_impacts_per_h=61.0, hammer_h=np.array([2.0, 2.01, 2.99, 3.0]))
    assert r.band.tolist() == [LOW, HIGH, HIGH, VERY_HIGH]
    r = cs.assess(hammer_impacts_per_h=30.0, hammer_h=np.array([2.0, 2.01, 8.0]))
    assert r.band.tolist() == [LOW, MODERATE, MODERATE]


def test_hammer_rate_not_given_is_not_met():
    """Without the impact rate neither WAC 296-62-05105 item 9 nor Appendix B can be met."""
    r = cs.assess(hammer_h=5.0)
    assert r.band[0] == LOW
    f = cs.factor_result(r)
    assert any("impact rate not given" in d for d in f.drivers)


def test_very_high_with_two_hazards():
    """SPEC §3 project rule: two WAC 296-62-05174 hazard criteria met is very high."""
    r = cs.assess(kneeling_hard_h=4.5, hard_edge_h=4.5)
    assert r.band[0] == VERY_HIGH and r.n_hazard[0] == 2 and r.index[0] >= 75


def test_very_high_at_one_and_a_half_times():
    """SPEC §3: kneeling 6 h = 1.5 × the WAC 296-62-05174 hazard limit of 4 h/day."""
    r = cs.assess(kneeling_hard_h=np.array([5.9, 6.0]))
    assert r.band.tolist() == [HIGH, VERY_HIGH]


def test_factor_result_presents_the_row():
    """Headline, table, drivers and why cite the WAC 296-62-05174 hazard limit."""
    r = cs.assess(kneeling_hard_h=[1.0, 5.0], hard_edge_h=[0.5, 2.5])
    f = cs.factor_result(r, 1)
    assert f.applicable and f.band == HIGH and f.band_name == "high"
    assert f.headline.value == 5.0 and f.headline.unit == "h/day"
    assert f.headline.label == "Kneeling on a hard, unpadded surface"
    assert f.tables[0].columns == ("criterion", "h/day", "caution >", "hazard >", "zone")
    rows = {row[0]: row for row in f.tables[0].rows}
    assert rows["Kneeling on a hard, unpadded surface"][1:] == (5.0, "2 h", "4 h", "hazard")
    assert rows["Tool handle ending in the palm"][-1] == "not given"
    assert (
        f.drivers[0]
        == "Kneeling on a hard, unpadded surface 5.0 h/day exceeds the hazard-zone 4 h/day"
    )
    assert "Hard or sharp edge" in f.drivers[1] and "caution-zone 2 h/day" in f.drivers[1]
    assert "WAC 296-62-05174" in f.why
    low = cs.factor_result(r, 0)
    assert low.band == LOW and "no WAC 296-62-051 caution-zone criterion" in low.why


def test_factor_result_rate_wording():
    """A rate not above WAC 296-62-05105's 10/h is named as the reason nothing applies."""
    f = cs.factor_result(cs.assess(hammer_impacts_per_h=8.0, hammer_h=5.0))
    assert f.band == LOW
    assert any("8 impacts/h" in d and "not more than 10/h" in d for d in f.drivers)
    assert f.tables[0].rows[0][-1] == "not applicable (needs > 10 impacts/h)"
    f = cs.factor_result(cs.assess(hammer_impacts_per_h=58.0, hammer_h=3.0))
    assert f.borderline and any("within 10 %" in d for d in f.drivers)


def test_not_applicable_when_nothing_given():
    """No durations at all: the factor is not scored (not 'low')."""
    r = cs.assess()
    assert r.band[0] == NOT_APPLICABLE and np.isnan(r.index[0]) and np.isnan(r.native[0])
    f = cs.factor_result(r)
    assert not f.applicable and "No exposure duration" in f.reason


def test_hours_to_drop_below_for_recommendations():
    """Keep kneeling at or below the WAC 296-62-05174 limit of 4 h/day to leave the hazard zone."""
    r = cs.assess(kneeling_hard_h=5.0, hammer_h=3.0, hammer_impacts_per_h=100.0)
    assert hours_to_drop_below(r, "kneeling_hard")[0] == 4.0
    assert hours_to_drop_below(r, "hammer")[0] == 2.0


def test_borderline_durations():
    """SPEC §3: within 10 % of the WAC 296-62-05105 2 h edge is borderline."""
    r = cs.assess(seat_edge_h=np.array([1.7, 1.85, 2.15, 2.3]))
    assert r.borderline.tolist() == [False, True, True, False]


hours = st.floats(0.0, 12.0)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from((*DURATION_INPUTS, "hammer_h")),
    st.lists(hours, min_size=2, max_size=20),
    st.floats(0.0, 200.0),
    hours,
)
def test_index_monotone_in_hours(name, values, rate, other):
    """Index and band never fall as one exposure's hours rise (WAC 296-62-05105/05174)."""
    h = np.sort(np.array(values))
    kw = {"hammer_impacts_per_h": rate, "kneeling_hard_h": other, "hammer_h": other}
    kw[name] = h
    r = cs.assess(**kw)
    assert np.all(np.diff(r.index) >= 0) and np.all(np.diff(r.band) >= 0)
    assert np.all(r.index >= 25 * r.band) and np.all(r.index <= 25 * r.band + 25)
    assert cs.METHOD.scale.band(r.index).tolist() == r.band.tolist()


def test_scalar_and_batch_identical():
    """Plain floats give the same numbers as the same row in a batch (WAC 296-62-05105/05174)."""
    rng = np.random.default_rng(7)
    n = 200
    inputs = {name: rng.uniform(0, 8, n) for name in (*DURATION_INPUTS, "hammer_h")}
    inputs["hammer_impacts_per_h"] = rng.uniform(0, 120, n)
    inputs["seat_edge_h"][::5] = np.nan
    batch = cs.assess(**inputs)
    for i in range(0, n, 7):
        row = cs.assess(**{k: float(v[i]) for k, v in inputs.items()})
        for name, a, b in zip(batch._fields, batch, row, strict=True):
            np.testing.assert_array_equal(a[i], b[0], err_msg=name)
        assert cs.factor_result(batch, i) == cs.factor_result(row, 0)


def test_catalogue_hooks():
    """Every WAC 296-62-05105/05174 criterion names its assess() input and has advice."""
    params = inspect.signature(cs.assess).parameters
    for c in cs.CRITERIA:
        assert cs.HOURS_INPUT[c.id] in params
        control, officer, employee = cs.ADVICE.get(c.id) or cs.ADVICE[c.group]
        assert control in CONTROL_LEVELS and officer and employee
    assert list(cs.ContactStressResult.criterion_id) == [c.id for c in cs.CRITERIA]
    assert "criterion_id" not in cs.ContactStressResult._fields  # every field is per assessment
