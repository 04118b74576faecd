"""The risk profile, described once and drawn twice (plotly in the app, reportlab in the PDF).

One bar per factor on the 0-100 risk index, coloured by band, labelled
with the native value ("LI 1.80", "A(8) 3.65 m/s²"), band edges visible,
not-applicable factors shown as such. Colours come from a sequential palette
whose lightness falls with the band (ColorBrewer YlOrRd), so the bands stay
apart for colour-blind readers and in black-and-white print; the band name is
always written beside the bar, never left to colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.bands import BAND_INDEX_WIDTH, BAND_NAMES, NOT_APPLICABLE
from scoring.results import AssessmentResult, FactorResult

# ColorBrewer 2.0 YlOrRd, 4 classes (colorbrewer2.org; colour-blind safe, print friendly).
BAND_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c")
# Text drawn on each band colour must stay legible: dark on the light bands, white on red.
BAND_TEXT_COLOURS = ("#000000", "#000000", "#000000", "#ffffff")
NOT_APPLICABLE_COLOUR = "#d9d9d9"
BAND_EDGES = tuple(BAND_INDEX_WIDTH * k for k in (1, 2, 3))  # 25, 50, 75 on the index


@dataclass(frozen=True)
class ProfileBar:
    """One factor on the profile."""

    factor: str
    title: str  # "Lifting"
    applicable: bool
    band: int  # -1 not applicable
    band_name: str  # "high", "not applicable", "not assessed"
    index: float  # 0-100; 0.0 for a not-applicable factor (drawn as an empty bar)
    value_label: str  # native value, e.g. "LI 1.80"; "" when not applicable
    borderline: bool
    colour: str
    text_colour: str

    @property
    def caption(self) -> str:
        """Return the words written beside the bar: band and native value."""
        if not self.applicable:
            return self.band_name  # "not applicable" or "not assessed"
        mark = " (borderline)" if self.borderline else ""
        return f"{self.band_name}{mark}: {self.value_label}" if self.value_label else self.band_name


@dataclass(frozen=True)
class ProfileChart:
    """Everything a renderer needs to draw the risk profile."""

    title: str
    bars: tuple[ProfileBar, ...]
    band_edges: tuple[float, ...] = BAND_EDGES
    band_names: tuple[str, ...] = BAND_NAMES
    band_colours: tuple[str, ...] = BAND_COLOURS
    x_max: float = 100.0


def _value_label(f: FactorResult) -> str:
    if f.headline is None:
        return ""
    return f.headline.label_text()


def profile_bar(f: FactorResult) -> ProfileBar:
    """Return the profile bar of one factor result."""
    if not f.applicable or f.band == NOT_APPLICABLE:
        return ProfileBar(
            factor=f.factor,
            title=f.title,
            applicable=False,
            band=NOT_APPLICABLE,
            band_name=f.status if f.not_assessed else "not applicable",
            index=0.0,
            value_label="",
            borderline=False,
            colour=NOT_APPLICABLE_COLOUR,
            text_colour="#000000",
        )
    return ProfileBar(
        factor=f.factor,
        title=f.title,
        applicable=True,
        band=f.band,
        band_name=f.band_name,
        index=float(f.index),
        value_label=_value_label(f),
        borderline=f.borderline,
        colour=BAND_COLOURS[f.band],
        text_colour=BAND_TEXT_COLOURS[f.band],
    )


def profile_chart(result: AssessmentResult, title: str = "Risk profile") -> ProfileChart:
    """Return the profile of one assessment, factors in the order the engine scores them."""
    return ProfileChart(title=title, bars=tuple(profile_bar(f) for f in result.factors))
