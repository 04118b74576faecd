"""Tests of scoring/awkward_posture.py.

Sources: WAC 296-62-05105 items 1-4 (caution: more than 2 h/day with hands above
the head / elbows above the shoulders, repeated raising more than once per
minute, neck or back bent more than 45°, squatting, kneeling) and WAC 296-62-05174
Appendix B (hazard: more than 4 h/day for each of those and for the back bent
more than 30°; more than 2 h/day for the back bent more than 45° - all seven
hazard lines confirmed in the L&I Hazard Zone Jobs Checklist).
"""

import inspect

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.bibliography import citations
from scoring import awkward_posture as ap
from scoring.bands import HIGH, LOW, MODERATE, NOT_APPLICABLE, VERY_HIGH
from scoring.lni_zones import hours_to_drop_below
from scoring.results import CONTROL_LEVELS

TWO_FOUR = ("hands_above_head_h", "neck_bent_h", "squatting_h", "kneeling_h")
HOURS_INPUTS = (*TWO_FOUR, "raising_h", "back_bent_30_h", "back_bent_45_h")


def test_method_info():
    """METHOD cites WAC 296-62-05105 / 05174 and lists every input."""
    m = ap.METHOD
    assert (m.id, m.factor, m.factor_title) == (
        "awkward_posture",
        "awkward_posture",
        "Awkward posture",
    )
    assert any("WAC 296-62-05105" in r and "05174" in r for r in citations(m.references))
    assert set(HOURS_INPUTS) | {"raising_per_min"} == set(m.inputs)


@pytest.mark.parametrize("name", TWO_FOUR)
def test_two_and_four_hour_edges(name):
    """WAC 296-62-05105 (> 2 h) and WAC 296-62-05174 (> 4 h) are strict; 6 h = 1.5 ×."""
    r = ap.assess(**{name: np.array([2.0, 2.01, 4.0, 4.01, 6.0])})
    assert r.band.tolist() == [LOW, MODERATE, MODERATE, HIGH, VERY_HIGH]


def test_repeated_raising_rate():
    """WAC 296-62-05105 item 2 / Appendix B: raising counts only at more than once a minute."""
    rate = np.array([1.0, 1.1])
    assert ap.assess(raising_h=3.0, raising_per_min=rate).band.tolist() == [LOW, MODERATE]
    assert ap.assess(raising_h=5.0, raising_per_min=rate).band.tolist() == [LOW, HIGH]
    h = np.array([2.0, 2.01, 4.0, 4.01])
    r = ap.assess(raising_h=h, raising_per_min=2.0)
    assert r.band.tolist() == [LOW, MODERATE, MODERATE, HIGH]
    assert ap.assess(raising_h=5.0).band.tolist() == [LOW]  # rate not given


def test_back_bent_30_has_no_caution_line():
    """WAC 296-62-05174: back > 30° only has the hazard line (> 4 h/day)."""
    r = ap.assess(back_bent_30_h=np.array([3.0, 4.0, 4.01, 6.0]))
    assert r.band.tolist() == [LOW, LOW, HIGH, VERY_HIGH]


def test_back_bent_45_caution_and_hazard_at_two_hours():
    """WAC 296-62-05105 item 3 and WAC 296-62-05174: back > 45° for more than 2 h/day."""
    r = ap.assess(back_bent_45_h=np.array([2.0, 2.01, 2.99, 3.0]))
    assert r.band.tolist() == [LOW, HIGH, HIGH, VERY_HIGH]


def test_back_lines_count_as_one_exposure():
    """Time beyond 45° is part of the time beyond 30° (WAC 296-62-05174 lines 4-5): one exposure."""
    r = ap.assess(back_bent_30_h=4.5, back_bent_45_h=2.5)
    assert r.met_hazard[0].sum() == 2 and r.n_hazard[0] == 1 and r.band[0] == HIGH


def test_very_high_with_two_hazards():
    """SPEC §3 project rule: neck and kneeling both over their WAC 296-62-05174 limits."""
    r = ap.assess(neck_bent_h=4.5, kneeling_h=4.5)
    assert r.band[0] == VERY_HIGH and r.n_hazard[0] == 2 and r.index[0] == 75.0


def test_factor_result_kneeling_headline():
    """Headline 'Kneeling 5.0 h/day', driver and why cite the WAC 296-62-05174 4 h/day."""
    f = ap.factor_result(ap.assess(kneeling_h=5.0, squatting_h=1.0))
    assert f.headline.label_text() == "Kneeling 5.0 h/day"
    assert f.drivers[0] == "Kneeling 5.0 h/day exceeds the hazard-zone 4 h/day"
    assert f.why == (
        "High: Kneeling 5.0 h/day exceeds the hazard-zone 4 h/day (WAC 296-62-05174 Appendix B)."
    )
    rows = {row[0]: row for row in f.tables[0].rows}
    assert rows["Back bent forward more than 30°"][2:4] == ("—", "4 h")
    assert rows["Squatting"][-1] == "below caution"


def test_factor_result_very_high_wording():
    """SPEC §3: 1.5 × the WAC 296-62-05174 limit is very high, and why says so."""
    f = ap.factor_result(ap.assess(squatting_h=7.0))
    assert f.band_name == "very high"
    assert "at least 1.5 × the hazard-zone 4 h/day" in f.why and "project rule" in f.why


def test_raising_rate_borderline_and_driver():
    """A rate within 10 % of WAC 296-62-05105's once-per-minute edge is borderline."""
    f = ap.factor_result(ap.assess(raising_h=3.0, raising_per_min=0.95))
    assert f.band == LOW and f.borderline
    assert any("not more than once per minute" in d for d in f.drivers)


def test_not_applicable():
    """No posture durations at all: not scored."""
    r = ap.assess(raising_per_min=3.0)
    assert r.band[0] == NOT_APPLICABLE
    assert not ap.factor_result(r).applicable


def test_hours_to_drop_below():
    """Kneeling 5 h must fall to 4 h/day (WAC 296-62-05174) to leave the hazard zone."""
    r = ap.assess(kneeling_h=5.0, neck_bent_h=3.0)
    assert hours_to_drop_below(r, "kneeling")[0] == 4.0
    assert hours_to_drop_below(r, "neck_bent")[0] == 2.0
    assert hours_to_drop_below(r, "neck_bent", zone="hazard")[0] == 4.0


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(HOURS_INPUTS),
    st.lists(st.floats(0.0, 12.0), min_size=2, max_size=20),
    st.floats(0.0, 3.0),
    st.floats(0.0, 8.0),
)
def test_index_monotone_in_hours(name, values, rate, other):
    """Index and band never fall as hours rise (WAC 296-62-05105 / 05174: 'more than')."""
    kw = {"raising_per_min": rate, "kneeling_h": other, "raising_h": other}
    kw[name] = np.sort(np.array(values))
    r = ap.assess(**kw)
    assert np.all(np.diff(r.index) >= 0) and np.all(np.diff(r.band) >= 0)
    assert np.all(r.index >= 25 * r.band) and np.all(r.index <= 25 * r.band + 25)
    assert ap.METHOD.scale.band(r.index).tolist() == r.band.tolist()


def test_scalar_and_batch_identical():
    """Plain floats give the same numbers as the batch row (WAC 296-62-05105 / 05174)."""
    rng = np.random.default_rng(11)
    n = 200
    inputs = {name: rng.uniform(0, 7, n) for name in HOURS_INPUTS}
    inputs["raising_per_min"] = rng.uniform(0, 3, n)
    inputs["neck_bent_h"][::6] = np.nan
    batch = ap.assess(**inputs)
    for i in range(0, n, 7):
        row = ap.assess(**{k: float(v[i]) for k, v in inputs.items()})
        for name, a, b in zip(batch._fields, batch, row, strict=True):
            np.testing.assert_array_equal(a[i], b[0], err_msg=name)
        assert ap.factor_result(batch, i) == ap.factor_result(row, 0)


def test_catalogue_hooks():
    """Every WAC 296-62-05105/05174 criterion names its assess() input and has advice."""
    params = inspect.signature(ap.assess).parameters
    for c in ap.CRITERIA:
        assert ap.HOURS_INPUT[c.id] in params
        control, officer, employee = ap.ADVICE.get(c.id) or ap.ADVICE[c.group]
        assert control in CONTROL_LEVELS and officer and employee
    assert list(ap.AwkwardPostureResult.criterion_id) == [c.id for c in ap.CRITERIA]
    assert "criterion_id" not in ap.AwkwardPostureResult._fields  # every field is per assessment
