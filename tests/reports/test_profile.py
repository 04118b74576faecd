"""The risk-profile description shared by the plotly and reportlab renderers."""

from pathlib import Path

from assessments import io
from assessments.evaluate import score_assessment
from reports.profile import BAND_COLOURS, NOT_APPLICABLE_COLOUR, profile_chart
from scoring import registry

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _chart(name):
    a = io.load_json((EXAMPLES / f"{name}.json").read_text())[0][0]
    return profile_chart(score_assessment(a))


def test_one_bar_per_factor_with_band_name_and_native_value():
    chart = _chart("maintenance-vibration")
    assert len(chart.bars) == len(registry.FACTORS)  # one bar per registered factor
    hav = next(b for b in chart.bars if b.factor == "hand_arm_vibration")
    assert hav.caption == "high: A(8) 3.65 m/s²"
    assert hav.colour == BAND_COLOURS[2]
    assert 50 <= hav.index < 75


def test_not_applicable_factors_are_shown_as_such():
    chart = _chart("office-desk")
    lifting = next(b for b in chart.bars if b.factor == "lifting")
    assert not lifting.applicable
    assert lifting.caption == "not applicable"
    assert lifting.colour == NOT_APPLICABLE_COLOUR


def test_palette_lightness_falls_with_the_band():
    """Bands must stay apart in black-and-white print: relative luminance strictly falls."""

    def luminance(hex_colour):
        r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lum = [luminance(c) for c in BAND_COLOURS]
    assert lum == sorted(lum, reverse=True)
