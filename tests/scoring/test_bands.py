"""Band scale: band edges, the 0-100 index and borderline flags."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.bands import BandScale, band_name, count_high_or_above, worst_band

LIFTING = BandScale(edges=(1.0, 2.0, 3.0), cap=6.0)  # LI <= 1.0 low ... > 3.0 very high
HAV = BandScale(edges=(None, 2.5, 5.0), cap=10.0, edge_in_lower=(False, False, False))


@pytest.mark.parametrize(
    ("li", "band"),
    [(0.0, 0), (1.0, 0), (1.0001, 1), (2.0, 1), (2.01, 2), (3.0, 2), (3.01, 3), (50.0, 3)],
)
def test_lifting_edges_stay_in_the_lower_band(li, band):
    """Lifting bands (NIOSH 94-110 p. 20; Waters et al. 2011): LI <= 1.0 low, 1-2 moderate, 2-3 high, > 3 very high."""
    assert LIFTING.band(li) == band


@pytest.mark.parametrize(("a8", "band"), [(2.49, 0), (2.5, 2), (4.99, 2), (5.0, 3)])
def test_vibration_has_no_moderate_band_and_edges_move_up(a8, band):
    """Directive 2002/44/EC Art. 3: at the EAV (2.5) action is due; at the ELV (5) the limit."""
    assert HAV.band(a8) == band


def test_index_is_linear_inside_each_band():
    assert LIFTING.index(0.5) == pytest.approx(12.5)
    assert LIFTING.index(1.5) == pytest.approx(37.5)
    assert LIFTING.index(2.5) == pytest.approx(62.5)
    assert LIFTING.index(4.5) == pytest.approx(87.5)
    assert LIFTING.index(100.0) == pytest.approx(100.0)  # open band capped at 2x its edge


def test_index_skips_the_unused_moderate_band():
    assert HAV.index(2.4) == pytest.approx(24.0)
    assert HAV.index(2.5) == pytest.approx(50.0)
    assert HAV.index(7.5) == pytest.approx(87.5)


def test_top_band_below_very_high_never_reaches_the_next_band():
    bouts = BandScale(edges=(30, 60, None), cap=240)
    assert bouts.band(1000) == 2
    assert 50 <= bouts.index(1000) < 75


def test_nan_is_not_applicable():
    assert LIFTING.band(np.nan) == -1
    assert np.isnan(LIFTING.index(np.nan))
    assert band_name(-1) == "not applicable"


def test_borderline_within_ten_percent_of_an_edge():
    assert LIFTING.borderline(0.91)
    assert LIFTING.borderline(1.1)
    assert not LIFTING.borderline(1.5)
    assert HAV.borderline(5.4)


def test_band_name_rejects_unknown_codes_with_the_valid_ones():
    with pytest.raises(ValueError, match="must be one of -1, 0, 1, 2, 3"):
        band_name(7)


def test_describe_lists_bands_with_their_ranges():
    rows = dict(HAV.describe())
    assert rows == {"low": "< 2.5", "high": ">= 2.5 and < 5", "very high": ">= 5"}
    assert dict(LIFTING.describe())["moderate"] == "> 1 and <= 2"


def test_worst_band_and_count():
    codes = np.array([[-1, 0, 2, 3], [-1, -1, -1, -1]])
    assert list(worst_band(codes)) == [3, -1]
    assert list(count_high_or_above(codes)) == [2, 0]


@given(st.lists(st.floats(0, 20), min_size=2, max_size=50))
def test_index_and_band_are_monotone_and_agree(values):
    x = np.sort(np.array(values))
    for scale in (LIFTING, HAV):
        idx = scale.index(x)
        band = scale.band(x)
        assert np.all(np.diff(idx) >= -1e-12)
        assert np.all(np.diff(band) >= 0)
        assert np.all((idx >= 25 * band) & (idx <= 25 * band + 25))
