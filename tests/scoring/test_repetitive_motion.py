"""Tests of scoring/repetitive_motion.py.

Each threshold test quotes the row it checks, from WAC 296-62-05105 Table 1
(bib:wac-296-62-051, items 5-8) or the L&I Hazard Zone Jobs Checklist
(WAC 296-62-05174 Appendix B, bib:lni-hazard-zone-checklist), and checks just
below and just above it. Rows marked "(unconfirmed)" are the wording as the
method applies it; they were not seen in a checked copy and are listed in
METHOD.unconfirmed.
"""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presentation import repetitive_motion as rm_words
from reports.bibliography import citations
from scoring import recommendations
from scoring import repetitive_motion as rm
from scoring.bands import HIGH, LOW, MODERATE, NOT_APPLICABLE, VERY_HIGH
from scoring.lni_zones import hours_to_drop_below
from scoring.results import CONTROL_LEVELS


def bands(**kw):
    return rm.assess(**kw).band.tolist()


def test_method_info():
    """METHOD cites WAC 296-62-05105 / 05174 and states its project readings."""
    m = rm.METHOD
    assert (m.id, m.factor, m.factor_title) == (
        "repetitive_motion", "repetitive_motion", "Repetitive motion",
    )  # fmt: skip
    assert any("WAC 296-62-05105" in r and "05174" in r for r in citations(m.references))
    assert "project" in m.band_basis
    assert "performed_regularly" in m.inputs
    text = " ".join(m.unconfirmed)
    assert "intensive keying" in text and "line 13" in text


def test_repetitive_motion_edges():
    """Item 7 (unconfirmed): 'Repeating the same motion with the neck, shoulders, elbows, wrists,
    or hands (excluding keying activities) with little or no variation every few seconds, more
    than 2 hours total per day'; Appendix B (unconfirmed): highly repetitive motion with no
    other risk factors, more than 6 hours total per day."""
    h = np.array([2.0, 2.01, 6.0, 6.01, 8.99, 9.0])
    assert bands(repetitive_motion_h=h) == [LOW, MODERATE, MODERATE, HIGH, HIGH, VERY_HIGH]


def test_repetitive_motion_with_awkward_wrist_and_force():
    """Appendix B (unconfirmed): highly repetitive motion + wrists flexed 30° or more,
    extended 45° or more, or ulnar deviated 30° or more + high forceful exertions with the
    hand(s), more than 2 hours total per day."""
    h = np.array([2.0, 2.01, 2.99, 3.0])
    r = rm.assess(repetitive_motion_h=h, awkward_wrist=True, forceful_exertion=True)
    assert r.band.tolist() == [LOW, HIGH, HIGH, VERY_HIGH]
    # One modifier alone leaves the 6 h line (project reading of 'no other risk factors').
    assert bands(repetitive_motion_h=h, awkward_wrist=True) == [LOW, MODERATE, MODERATE, MODERATE]
    assert bands(repetitive_motion_h=6.01, forceful_exertion=True) == [HIGH]


def test_keying_edges():
    """Item 8 (unconfirmed): 'Performing intensive keying more than 4 hours total per day';
    Appendix B (unconfirmed): intensive keying with no other risk factors, more than
    7 hours total per day."""
    h = np.array([4.0, 4.01, 7.0, 7.01, 10.5])
    assert bands(intensive_keying_h=h) == [LOW, MODERATE, MODERATE, HIGH, VERY_HIGH]


def test_keying_with_and_without_awkward_wrist():
    """Appendix B (unconfirmed): intensive keying + awkward wrist posture, more than 4 hours
    total per day: keying 5 h is hazard with it, caution without."""
    r = rm.assess(intensive_keying_h=5.0, awkward_wrist=np.array([True, False]))
    assert r.band.tolist() == [HIGH, MODERATE]
    assert bands(intensive_keying_h=np.array([4.0, 4.01]), awkward_wrist=True) == [LOW, HIGH]
    f = rm_words.factor_result(r, 0)
    assert f.headline.label == "Intensive keying with awkward wrist"
    assert any("lowers the keying hazard limit from 7 to 4 h/day" in d for d in f.drivers)
    assert "WAC 296-62-05174" in f.why
    g = rm_words.factor_result(r, 1)
    assert g.why.startswith("Moderate: Intensive keying 5.0 h/day exceeds the caution-zone 4 h/day")
    assert "WAC 296-62-05105 item 8" in g.why


def test_high_hand_force_edges():
    """Items 5-6 (unconfirmed): pinching or gripping 'more than 2 hours total per day';
    checklist line 10: 'Pinching an unsupported object(s) weighing 2 lbs or more per hand, or
    pinching with a force of 4 lbs or more per hand' + 'No other risk factors', 'More than
    4 hours total per day'."""
    h = np.array([2.0, 2.01, 4.0, 4.01, 6.0])
    assert bands(high_hand_force_h=h) == [LOW, MODERATE, MODERATE, HIGH, VERY_HIGH]


def test_high_hand_force_modifiers():
    """Checklist lines 8 and 11: pinching / gripping + 'Highly repetitive motion', 'More than
    3 hours total per day'; lines 9 and 12 (second modifier unconfirmed: awkward wrist),
    'More than 3 hours total per day'."""
    h = np.array([3.0, 3.01, 4.5])
    assert bands(high_hand_force_h=h, repetitive_motion_h=0.5) == [MODERATE, HIGH, VERY_HIGH]
    assert bands(high_hand_force_h=h, awkward_wrist=True) == [MODERATE, HIGH, VERY_HIGH]
    # repetitive_motion_h == 0 is no repetition: the 4 h line applies.
    assert bands(high_hand_force_h=3.5, repetitive_motion_h=0.0) == [MODERATE]


def test_hand_force_lines_count_as_one_exposure():
    """Both WAC 296-62-05174 modifier lines read the same hand-force hours: counted once."""
    r = rm.assess(high_hand_force_h=3.5, repetitive_motion_h=0.5, awkward_wrist=True)
    assert r.met_hazard[0].sum() == 2
    assert r.n_hazard[0] == 1 and r.band[0] == HIGH


def test_very_high_with_two_hazard_exposures():
    """Project rule: keying and hand force both over their Appendix B limits."""
    r = rm.assess(intensive_keying_h=7.5, high_hand_force_h=4.5)
    assert r.band[0] == VERY_HIGH and r.n_hazard[0] == 2 and r.index[0] >= 75


def test_not_applicable_and_nan_flags():
    """No durations: not scored. NaN modifiers read as absent (WAC 296-62-05174 lines off)."""
    assert bands() == [NOT_APPLICABLE]
    assert not rm_words.factor_result(rm.assess()).applicable
    assert bands(intensive_keying_h=5.0, awkward_wrist=np.nan) == [MODERATE]


def test_hours_to_drop_below_keying_with_awkward_wrist():
    """To leave the WAC 296-62-05174 hazard zone keying with awkward wrist must be <= 4 h."""
    r = rm.assess(intensive_keying_h=5.5, awkward_wrist=True)
    assert hours_to_drop_below(r, "keying_wrist")[0] == 4.0
    assert hours_to_drop_below(r, "keying")[0] == 4.0  # caution line, WAC 296-62-05105


def test_table_marks_inactive_modifier_lines():
    """Modifier lines of WAC 296-62-05174 whose modifier is absent are 'not applicable'."""
    f = rm_words.factor_result(rm.assess(intensive_keying_h=5.0))
    rows = {row[0]: row for row in f.tables[0].rows}
    assert rows["Intensive keying with awkward wrist"][-1] == "not applicable (needs awkward wrist)"
    assert rows["Intensive keying"][2:] == ("4 h", "7 h (without awkward wrist)", "caution")


bool_st = st.booleans()


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["repetitive_motion_h", "intensive_keying_h", "high_hand_force_h"]),
    st.lists(st.floats(0.0, 12.0), min_size=2, max_size=20),
    bool_st,
    bool_st,
    st.floats(0.0, 8.0),
)
def test_index_monotone_in_hours(name, values, wrist, force, other):
    """Index and band never fall as hours rise (WAC 296-62-05105 / 05174 are 'more than')."""
    kw = {"repetitive_motion_h": other, "awkward_wrist": wrist, "forceful_exertion": force}
    kw[name] = np.sort(np.array(values))
    r = rm.assess(**kw)
    assert np.all(np.diff(r.index) >= 0) and np.all(np.diff(r.band) >= 0)
    assert np.all(r.index >= 25 * r.band) and np.all(r.index <= 25 * r.band + 25)


@settings(max_examples=100, deadline=None)
@given(st.floats(0.0, 12.0), st.floats(0.0, 12.0), st.floats(0.0, 12.0))
def test_modifiers_never_lower_the_band(rep, key, force_h):
    """WAC 296-62-05174 modifiers lower hazard limits, so adding one never lowers the band."""
    base = dict(repetitive_motion_h=rep, intensive_keying_h=key, high_hand_force_h=force_h)
    b0 = rm.assess(**base).band[0]
    b1 = rm.assess(**base, awkward_wrist=True).band[0]
    b2 = rm.assess(**base, awkward_wrist=True, forceful_exertion=True).band[0]
    assert b0 <= b1 <= b2


def test_scalar_and_batch_identical():
    """Plain floats/bools give the same result as the batch row (WAC 296-62-05105/05174)."""
    rng = np.random.default_rng(3)
    n = 200
    inputs = {
        "repetitive_motion_h": rng.uniform(0, 9, n),
        "intensive_keying_h": rng.uniform(0, 9, n),
        "high_hand_force_h": rng.uniform(0, 6, n),
        "awkward_wrist": rng.random(n) < 0.5,
        "forceful_exertion": rng.random(n) < 0.5,
    }
    inputs["repetitive_motion_h"][::4] = 0.0
    batch = rm.assess(**inputs)
    for i in range(0, n, 7):
        row = rm.assess(**{k: v[i].item() for k, v in inputs.items()})
        for name, a, b in zip(batch._fields, batch, row, strict=True):
            np.testing.assert_array_equal(a[i], b[0], err_msg=name)
        assert rm_words.factor_result(batch, i) == rm_words.factor_result(row, 0)


@pytest.mark.parametrize("i", [0, 1])
def test_index_in_band_span_on_fixed_rows(i):
    """Index 0-100 inside the band's quarter (project rule) for Appendix B examples."""
    r = rm.assess(repetitive_motion_h=[7.0, 1.0], high_hand_force_h=[2.5, 0.0])
    assert 25 * r.band[i] <= r.index[i] <= 25 * r.band[i] + 25
    assert r.band.tolist() == [HIGH, LOW]


def test_catalogue_hooks():
    """Every WAC 296-62-05105/05174 criterion names its assess() input and has advice."""
    params = inspect.signature(rm.assess).parameters
    for c in rm.CRITERIA:
        assert rm.HOURS_INPUT[c.id] in params
        control, officer, employee = recommendations.zone_advice(rm, c)
        assert control in CONTROL_LEVELS and officer and employee
    assert list(rm.RepetitiveMotionResult.criterion_id) == [c.id for c in rm.CRITERIA]
    assert "criterion_id" not in rm.RepetitiveMotionResult._fields  # every field is per assessment


def test_performed_regularly_false_is_low_with_why():
    """'Performed regularly means done more than one day a week and more frequently than one
    week per year' (L&I F417-195-000): keying 8 h with awkward wrist, done one day a month,
    is in no zone; the same task done regularly is very high."""
    r = rm.assess(
        intensive_keying_h=8.0, awkward_wrist=True, performed_regularly=np.array([True, False])
    )
    assert r.band.tolist() == [VERY_HIGH, LOW] and r.index[1] == 0.0
    f = rm_words.factor_result(r, 1)
    assert f.band == LOW and "not performed regularly" in f.why
    assert not any("lowers the keying hazard limit" in d for d in f.drivers)
