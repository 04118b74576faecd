"""Tests of scoring/awkward_posture.py.

Each threshold test quotes the row it checks, from WAC 296-62-05105 Table 1
("caution zone jobs", bib:wac-296-62-051, items 1-4) or from the L&I Hazard Zone
Jobs Checklist (WAC 296-62-05174 Appendix B, bib:lni-hazard-zone-checklist,
lines 1-7), and checks just below and just above it. "More than" is strict.
"""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presentation import awkward_posture as ap_words
from reports.bibliography import citations
from scoring import awkward_posture as ap
from scoring import recommendations
from scoring.bands import HIGH, LOW, MODERATE, NOT_APPLICABLE, VERY_HIGH
from scoring.lni_zones import hours_to_drop_below
from scoring.results import CONTROL_LEVELS

HOURS_INPUTS = (
    "hands_above_head_h",
    "raising_h",
    "neck_or_back_bent_30_h",
    "neck_bent_h",
    "back_bent_30_h",
    "back_bent_45_h",
    "squatting_h",
    "kneeling_h",
)
JUST = np.array([1.99, 2.0, 2.01, 3.99, 4.0, 4.01])


def bands(**kw):
    return ap.assess(**kw).band.tolist()


def test_method_info():
    """METHOD cites WAC 296-62-05105 / 05174, lists every input and what is unconfirmed."""
    m = ap.METHOD
    assert (m.id, m.factor, m.factor_title) == (
        "awkward_posture",
        "awkward_posture",
        "Awkward posture",
    )
    assert any("WAC 296-62-05105" in r and "05174" in r for r in citations(m.references))
    assert set(HOURS_INPUTS) | {"raising_per_min", "performed_regularly"} == set(m.inputs)
    assert m.unconfirmed and all(isinstance(u, str) and u for u in m.unconfirmed)


def test_caution_item_1_hands_above_head():
    """Item 1: 'Working with the hand(s) above the head, or the elbow(s) above the shoulder(s)
    more than 2 hours total per day'; checklist line 1: 'more than 4 hours total per day'."""
    assert bands(hands_above_head_h=JUST) == [LOW, LOW, MODERATE, MODERATE, MODERATE, HIGH]


def test_caution_item_2_neck_or_back_bent_30():
    """Item 2: 'Working with the neck or back bent more than 30° (without support and without
    the ability to vary posture) more than 2 hours total per day'. No hazard line reads the
    combined time, so it stays in the caution zone at any duration."""
    r = ap.assess(neck_or_back_bent_30_h=np.array([1.99, 2.0, 2.01, 8.0]))
    assert r.band.tolist() == [LOW, LOW, MODERATE, MODERATE]


def test_caution_item_2_back_bent_30_for_3_hours_is_caution():
    """Item 2 (caution > 2 h) with checklist line 4 ('back bent forward more than 30° ...
    more than 4 hours total per day'): 3 h with the back bent 30-45° is caution, not low."""
    r = ap.assess(back_bent_30_h=np.array([1.99, 2.0, 2.01, 3.0, 4.0, 4.01]))
    assert r.band.tolist() == [LOW, LOW, MODERATE, MODERATE, MODERATE, HIGH]


def test_caution_item_2_neck_bent_45_for_3_hours_is_caution():
    """Item 2 (neck bent more than 30°, > 2 h) and checklist line 3 ('Working with the neck
    bent more than 45° (without support or the ability to vary posture) more than 4 hours
    total per day'): neck time beyond 45° is time beyond 30°."""
    assert bands(neck_bent_h=JUST) == [LOW, LOW, MODERATE, MODERATE, MODERATE, HIGH]


def test_hazard_line_5_back_bent_45():
    """Checklist line 5: 'Working with the back bent forward more than 45° (without support or
    the ability to vary posture) more than 2 hours total per day' (hazard at > 2 h)."""
    r = ap.assess(back_bent_30_h=3.0, back_bent_45_h=np.array([1.99, 2.0, 2.01, 2.99, 3.0]))
    assert r.band.tolist() == [MODERATE, MODERATE, HIGH, HIGH, VERY_HIGH]


def test_caution_reads_combined_time_when_given():
    """Item 2 reads the time with the neck *or* the back bent: 1.5 h neck and 1.5 h back at
    different times are 3 h of bending, more than 2 h."""
    assert bands(neck_bent_h=1.5, back_bent_30_h=1.5) == [LOW]  # combined time not entered
    assert bands(neck_bent_h=1.5, back_bent_30_h=1.5, neck_or_back_bent_30_h=3.0) == [MODERATE]


def test_combined_time_not_entered_says_so():
    """Without the combined time, the caution line reads the longest part, and says so."""
    f = ap_words.factor_result(ap.assess(back_bent_30_h=2.5, back_bent_45_h=1.0))
    assert f.band == MODERATE
    assert any("was not entered" in d and "2.5 h/day" in d for d in f.drivers)
    f = ap_words.factor_result(ap.assess(back_bent_30_h=2.5, neck_or_back_bent_30_h=2.5))
    assert not any("was not entered" in d for d in f.drivers)


def test_caution_item_3_squatting():
    """Item 3: 'Squatting more than 2 hours total per day'; checklist line 6: 'Squatting
    more than 4 hours total per day'."""
    assert bands(squatting_h=JUST) == [LOW, LOW, MODERATE, MODERATE, MODERATE, HIGH]


def test_caution_item_4_kneeling():
    """Item 4: 'Kneeling more than 2 hours total per day'; checklist line 7: 'Kneeling more
    than 4 hours total per day'."""
    assert bands(kneeling_h=JUST) == [LOW, LOW, MODERATE, MODERATE, MODERATE, HIGH]


def test_raising_is_hazard_only():
    """Checklist line 2: 'Repeatedly raising the hand(s) above the head, or the elbow(s) above
    the shoulder(s) more than once per minute, more than 4 hours total per day'. The caution
    zone (items 1-4) has no raising line, so 2-4 h of raising is below caution."""
    assert bands(raising_h=JUST, raising_per_min=2.0) == [LOW, LOW, LOW, LOW, LOW, HIGH]


def test_raising_rate_more_than_once_a_minute():
    """Checklist line 2: 'more than once per minute' is strict: 1.0/min does not count."""
    r = ap.assess(raising_h=5.0, raising_per_min=np.array([0.99, 1.0, 1.01]))
    assert r.band.tolist() == [LOW, LOW, HIGH]
    assert bands(raising_h=5.0) == [LOW]  # rate not given


def test_back_lines_count_as_one_exposure():
    """Checklist lines 4-5: time beyond 45° is part of the time beyond 30°, one exposure."""
    r = ap.assess(back_bent_30_h=4.5, back_bent_45_h=2.5)
    assert r.met_hazard[0].sum() == 2 and r.n_hazard[0] == 1 and r.band[0] == HIGH


def test_very_high_with_two_hazards():
    """Project rule: neck (line 3) and kneeling (line 7) both in the hazard zone."""
    r = ap.assess(neck_bent_h=4.5, kneeling_h=4.5)
    assert r.band[0] == VERY_HIGH and r.n_hazard[0] == 2 and r.index[0] == 75.0


def test_performed_regularly_false_is_low_with_why():
    """'Performed regularly means done more than one day a week and more frequently than one
    week per year' (L&I F417-195-000): an occasional task is in no zone, whatever its hours."""
    r = ap.assess(kneeling_h=8.0, back_bent_45_h=5.0, back_bent_30_h=6.0, performed_regularly=False)
    assert r.band.tolist() == [LOW] and r.index.tolist() == [0.0]
    assert not r.met_caution.any() and not r.met_hazard.any()
    f = ap_words.factor_result(r)
    assert f.applicable and f.band == LOW
    assert "not performed regularly" in f.why
    assert "more than one day a week and more than one week a year" in f.why
    rows = {row[0]: row for row in f.tables[0].rows}
    assert rows["Kneeling"][-1] == "no zone (not performed regularly)"


def test_performed_regularly_per_row():
    """The flag is per assessment: the same hours, regular and not."""
    r = ap.assess(kneeling_h=5.0, performed_regularly=np.array([True, False]))
    assert r.band.tolist() == [HIGH, LOW]
    assert ap.assess(kneeling_h=5.0, performed_regularly="no").band.tolist() == [LOW]


def test_factor_result_kneeling_headline():
    """Headline 'Kneeling 5.0 h/day', driver and why cite checklist line 7 (4 h/day)."""
    f = ap_words.factor_result(ap.assess(kneeling_h=5.0, squatting_h=1.0))
    assert f.headline.label_text() == "Kneeling 5.0 h/day"
    assert f.drivers[0] == "Kneeling 5.0 h/day exceeds the hazard-zone 4 h/day"
    assert "WAC 296-62-05174 Appendix B" in f.why and "line 7" in f.why
    rows = {row[0]: row for row in f.tables[0].rows}
    assert rows["Back bent forward more than 30°"][2:4] == ("—", "4 h")
    assert rows["Neck or back bent more than 30°"][2:4] == ("2 h", "—")
    assert rows["Squatting"][-1] == "below caution"


def test_factor_result_very_high_wording():
    """Project rule: 1.5 × the checklist line 6 limit (4 h) is very high, and why says so."""
    f = ap_words.factor_result(ap.assess(squatting_h=7.0))
    assert f.band_name == "very high"
    assert "at least 1.5 × the hazard-zone 4 h/day" in f.why and "project rule" in f.why


def test_raising_rate_borderline_and_driver():
    """A rate within 10 % of line 2's once-per-minute edge is borderline."""
    f = ap_words.factor_result(ap.assess(raising_h=5.0, raising_per_min=0.95))
    assert f.band == LOW and f.borderline
    assert any("not more than once per minute" in d for d in f.drivers)


def test_not_applicable():
    """No posture durations at all: not scored."""
    r = ap.assess(raising_per_min=3.0)
    assert r.band[0] == NOT_APPLICABLE
    assert not ap_words.factor_result(r).applicable


def test_hours_to_drop_below():
    """Kneeling 5 h must fall to 4 h/day (line 7); bending 3 h to 2 h/day (item 2)."""
    r = ap.assess(kneeling_h=5.0, neck_bent_h=3.0)
    assert hours_to_drop_below(r, "kneeling")[0] == 4.0
    assert hours_to_drop_below(r, "neck_or_back_30")[0] == 2.0
    assert hours_to_drop_below(r, "neck_bent", zone="hazard")[0] == 4.0


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(HOURS_INPUTS),
    st.lists(st.floats(0.0, 12.0), min_size=2, max_size=20),
    st.floats(0.0, 3.0),
    st.floats(0.0, 8.0),
)
def test_index_monotone_in_hours(name, values, rate, other):
    """Index and band never fall as hours rise ('more than X hours total per day')."""
    kw = {"raising_per_min": rate, "kneeling_h": other, "raising_h": other}
    kw[name] = np.sort(np.array(values))
    r = ap.assess(**kw)
    assert np.all(np.diff(r.index) >= 0) and np.all(np.diff(r.band) >= 0)
    assert np.all(r.index >= 25 * r.band) and np.all(r.index <= 25 * r.band + 25)
    assert ap.METHOD.scale.band(r.index).tolist() == r.band.tolist()


def test_scalar_and_batch_identical():
    """Plain floats give the same numbers as the batch row."""
    rng = np.random.default_rng(11)
    n = 200
    inputs = {name: rng.uniform(0, 7, n) for name in HOURS_INPUTS}
    inputs["raising_per_min"] = rng.uniform(0, 3, n)
    inputs["neck_bent_h"][::6] = np.nan
    inputs["neck_or_back_bent_30_h"][::3] = np.nan
    inputs["performed_regularly"] = rng.uniform(0, 1, n) > 0.2
    batch = ap.assess(**inputs)
    for i in range(0, n, 7):
        row = ap.assess(**{k: v[i].item() for k, v in inputs.items()})
        for name, a, b in zip(batch._fields, batch, row, strict=True):
            np.testing.assert_array_equal(a[i], b[0], err_msg=name)
        assert ap_words.factor_result(batch, i) == ap_words.factor_result(row, 0)


@pytest.mark.parametrize("criterion", [c.id for c in ap.CRITERIA])
def test_catalogue_hooks(criterion):
    """Every criterion names its assess() inputs and has advice."""
    params = inspect.signature(ap.assess).parameters
    spec = next(c for c in ap.CRITERIA if c.id == criterion)
    names = ap.HOURS_INPUT[criterion]
    assert all(n in params for n in ((names,) if isinstance(names, str) else names))
    control, officer, employee = recommendations.zone_advice(ap, spec)
    assert control in CONTROL_LEVELS and officer and employee
    assert list(ap.AwkwardPostureResult.criterion_id) == [c.id for c in ap.CRITERIA]
    assert "criterion_id" not in ap.AwkwardPostureResult._fields  # every field is per assessment
