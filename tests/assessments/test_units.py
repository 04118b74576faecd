"""Unit conversions at the boundary (assessments/units.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import units


def test_exact_definitions():
    """International yard and pound agreement (1959): 1 in = 2.54 cm, 1 lb = 0.45359237 kg."""
    assert units.to_canonical(10, "cm", "us") == pytest.approx(25.4)
    assert units.to_canonical(51, "kg", "us") == pytest.approx(23.133, abs=5e-4)
    assert units.to_canonical(3.0, "m/s²", "us") == 3.0
    assert units.display_unit("cm", "us") == "in"
    assert units.display_unit("h/day", "us") == "h/day"


def test_unknown_system_lists_the_valid_ones():
    with pytest.raises(ValueError, match="must be one of: metric, us"):
        units.to_canonical(1.0, "cm", "imperial")


@given(st.floats(0, 1000), st.sampled_from(["cm", "kg", "deg"]))
def test_round_trip(value, unit):
    back = units.from_canonical(units.to_canonical(value, unit, "us"), unit, "us")
    assert back == pytest.approx(value, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(
    ("h", "text"), [(1 + 40 / 60, "1 h 40 min"), (0.5, "30 min"), (2, "2 h 00 min")]
)
def test_format_hours(h, text):
    assert units.format_hours(h) == text
