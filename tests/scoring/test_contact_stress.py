"""Tests of scoring/contact_stress.py.

Each threshold test quotes the row it checks, from WAC 296-62-05105 Table 1
(bib:wac-296-62-051, items 4 and 9) or the L&I Hazard Zone Jobs Checklist
(WAC 296-62-05174 Appendix B, bib:lni-hazard-zone-checklist), and checks just
below and just above it. Rows marked "(unconfirmed)" were not seen in a checked
copy and are listed in METHOD.unconfirmed. Hard edges, handles ending in the palm
and seat-edge pressure follow the project rule > 2 h / > 4 h (UAW-GM presence ×
duration, bib:osha-etools-contact-stress).
"""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presentation import contact_stress as cs_words
from reports.bibliography import citations
from scoring import contact_stress as cs
from scoring import recommendations
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
    assert "performed_regularly" in m.inputs
    assert any("10 impacts/h" in u for u in m.unconfirmed)
    assert [c.id for c in cs.CRITERIA] == [
        "hammer", "kneeling_hard", "hard_edge", "handle_in_palm", "seat_edge",
    ]  # fmt: skip


@pytest.mark.parametrize("name", DURATION_INPUTS)
def test_duration_edges_are_strict(name):
    """Item 4: 'Kneeling more than 2 hours total per day'; checklist line 7: 'Kneeling', 'More
    than 4 hours total per day' (and the project rule with the same steps)."""
    r = cs.assess(**{name: np.array([2.0, 2.01, 4.0, 4.01, 5.99, 6.0])})
    assert r.band.tolist() == [LOW, MODERATE, MODERATE, HIGH, HIGH, VERY_HIGH]


def test_hammer_rate_edges():
    """Item 9 (unconfirmed): 'Using the hand (heel/base of palm) or knee as a hammer more than
    10 times per hour, more than 2 hours total per day'; Appendix B (unconfirmed): 'more than
    once per minute, more than 2 hours total per day' (read as more than 60/h)."""
    r = cs.assess(hammer_impacts_per_h=np.array([10.0, 11.0, 60.0, 61.0]), hammer_h=2.5)
    assert r.band.tolist() == [LOW, MODERATE, MODERATE, HIGH]
    assert r.met_caution[:, 0].tolist() == [False, True, True, True]
    assert r.met_hazard[:, 0].tolist() == [False, False, False, True]


def test_hammer_duration_edges():
    """Item 9 and Appendix B repeated impact (unconfirmed): both zones need 'more than
    2 hours total per day' of hammering."""
    r = cs.assess(hammer_impacts_per_h=61.0, hammer_h=np.array([2.0, 2.01, 2.99, 3.0]))
    assert r.band.tolist() == [LOW, HIGH, HIGH, VERY_HIGH]
    r = cs.assess(hammer_impacts_per_h=30.0, hammer_h=np.array([2.0, 2.01, 8.0]))
    assert r.band.tolist() == [LOW, MODERATE, MODERATE]


def test_hammer_rate_not_given_is_not_met():
    """Without the impact rate neither WAC 296-62-05105 item 9 nor Appendix B can be met."""
    r = cs.assess(hammer_h=5.0)
    assert r.band[0] == LOW
    f = cs_words.factor_result(r)
    assert any("impact rate not given" in d for d in f.drivers)


def test_very_high_with_two_hazards():
    """Project rule: two Appendix B hazard criteria met is very high."""
    r = cs.assess(kneeling_hard_h=4.5, hard_edge_h=4.5)
    assert r.band[0] == VERY_HIGH and r.n_hazard[0] == 2 and r.index[0] >= 75


def test_very_high_at_one_and_a_half_times():
    """Project rule: kneeling 6 h = 1.5 × checklist line 7 ('Kneeling', 'More than 4 hours
    total per day')."""
    r = cs.assess(kneeling_hard_h=np.array([5.9, 6.0]))
    assert r.band.tolist() == [HIGH, VERY_HIGH]


def test_factor_result_presents_the_row():
    """Headline, table, drivers and why cite the WAC 296-62-05174 hazard limit."""
    r = cs.assess(kneeling_hard_h=[1.0, 5.0], hard_edge_h=[0.5, 2.5])
    f = cs_words.factor_result(r, 1)
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
    low = cs_words.factor_result(r, 0)
    assert low.band == LOW and "no WAC 296-62-051 caution-zone criterion" in low.why


def test_factor_result_rate_wording():
    """A rate not above WAC 296-62-05105's 10/h is named as the reason nothing applies."""
    f = cs_words.factor_result(cs.assess(hammer_impacts_per_h=8.0, hammer_h=5.0))
    assert f.band == LOW
    assert any("8 impacts/h" in d and "not more than 10/h" in d for d in f.drivers)
    assert f.tables[0].rows[0][-1] == "not applicable (needs > 10 impacts/h)"
    f = cs_words.factor_result(cs.assess(hammer_impacts_per_h=58.0, hammer_h=3.0))
    assert f.borderline and any("within 10 %" in d for d in f.drivers)


def test_not_applicable_when_nothing_given():
    """No durations at all: the factor is not scored (not 'low')."""
    r = cs.assess()
    assert r.band[0] == NOT_APPLICABLE and np.isnan(r.index[0]) and np.isnan(r.native[0])
    f = cs_words.factor_result(r)
    assert not f.applicable and "No exposure duration" in f.reason


def test_hours_to_drop_below_for_recommendations():
    """Keep kneeling at or below the WAC 296-62-05174 limit of 4 h/day to leave the hazard zone."""
    r = cs.assess(kneeling_hard_h=5.0, hammer_h=3.0, hammer_impacts_per_h=100.0)
    assert hours_to_drop_below(r, "kneeling_hard")[0] == 4.0
    assert hours_to_drop_below(r, "hammer")[0] == 2.0


def test_borderline_durations():
    """Project rule: within 10 % of the item 4 edge ('more than 2 hours') is borderline."""
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
        assert cs_words.factor_result(batch, i) == cs_words.factor_result(row, 0)


def test_catalogue_hooks():
    """Every WAC 296-62-05105/05174 criterion names its assess() input and has advice."""
    params = inspect.signature(cs.assess).parameters
    for c in cs.CRITERIA:
        assert cs.HOURS_INPUT[c.id] in params
        control, officer, employee = recommendations.zone_advice(cs, c)
        assert control in CONTROL_LEVELS and officer and employee
    assert list(cs.ContactStressResult.criterion_id) == [c.id for c in cs.CRITERIA]
    assert "criterion_id" not in cs.ContactStressResult._fields  # every field is per assessment


def test_performed_regularly_false_is_low_with_why():
    """'Performed regularly means done more than one day a week and more frequently than one
    week per year' (L&I F417-195-000): kneeling on concrete 5 h once a month is no zone."""
    r = cs.assess(kneeling_hard_h=5.0, performed_regularly=np.array([True, False]))
    assert r.band.tolist() == [HIGH, LOW] and r.index[1] == 0.0
    f = cs_words.factor_result(r, 1)
    assert f.band == LOW and "not performed regularly" in f.why
    assert f.drivers[0].startswith("Not performed regularly")
