"""Result objects every method returns; the app and the PDF both draw from them.

The vectorised ``assess(...)`` function of each method returns arrays (one value
per assessment). ``factor_result(res, i)`` turns row ``i`` of those arrays into a
:class:`FactorResult`, the object the UI, the PDF and the CLI present. Nothing
here is computed twice: presentation only reads what ``assess`` produced.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from scoring.bands import NOT_APPLICABLE, BandScale, band_name

CONTROL_LEVELS = ("eliminate", "engineer", "administrate", "protect", "individual")


@dataclass(frozen=True)
class MethodInfo:
    """What the Methods page, the PDF's references and the tests know of a method."""

    id: str  # registry key, e.g. "niosh_rnle"
    factor: str  # factor id the method scores, e.g. "lifting"
    factor_title: str  # "Lifting"
    title: str  # "Revised NIOSH Lifting Equation"
    edition: str  # "NIOSH Pub. 94-110 (1994, revised 9/2021)"
    summary: str  # one paragraph: what it measures and how
    native: str  # the headline native value and its unit, e.g. "Lifting Index (LI or CLI)"
    scale: BandScale
    band_basis: str  # where the band edges come from; "project rule" stated here
    inputs: tuple[str, ...] = ()  # names of the inputs the method reads
    references: tuple[str, ...] = ()  # keys into docs/methods/bibliography.toml
    # Values the method uses that could not be confirmed against their primary source, in
    # words ("Caution line for intensive keying (> 4 h/day): as transcribed by DOSH 2017, WAC
    # text not seen"). The Methods page and the PDF's method section print every one.
    unconfirmed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Metric:
    """One named native value with its unit, e.g. LI 1.80 or A(8) 3.10 m/s²."""

    key: str
    label: str
    value: float
    unit: str = ""  # "" for dimensionless values
    decimals: int = 2

    def text(self) -> str:
        """Return the value formatted with its unit, e.g. "3.10 m/s²"."""
        if self.value is None or (isinstance(self.value, float) and math.isnan(self.value)):
            return "n/a"
        return f"{self.value:.{self.decimals}f} {self.unit}".strip()

    def label_text(self) -> str:
        """Return label and value, e.g. "LI 1.80"."""
        return f"{self.label} {self.text()}"


@dataclass(frozen=True)
class DetailTable:
    """Intermediate values a professional checks (multipliers, partial A(8), ranges)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class FactorResult:
    """A scored factor (or the reason it was not scored) for one assessment."""

    factor: str
    title: str
    method: str
    applicable: bool
    reason: str = ""  # why the factor is not applicable / what was left out
    not_assessed: bool = False  # its section was left out: not scored, and not judged n/a
    band: int = NOT_APPLICABLE
    index: float = math.nan
    headline: Metric | None = None  # the native value shown on the profile
    metrics: tuple[Metric, ...] = ()
    tables: tuple[DetailTable, ...] = ()
    drivers: tuple[str, ...] = ()
    borderline: bool = False
    why: str = ""  # one sentence: the band and the threshold behind it

    @property
    def band_name(self) -> str:
        return band_name(self.band)

    @classmethod
    def not_applicable(
        cls, *, factor: str, title: str, method: str, reason: str, not_assessed: bool = False
    ) -> FactorResult:
        """Return a result that says the factor was not scored, and why."""
        return cls(
            factor=factor,
            title=title,
            method=method,
            applicable=False,
            reason=reason,
            not_assessed=not_assessed,
        )

    @property
    def status(self) -> str:
        """Return "not assessed", "not applicable" or the band name, as the reports write it."""
        if self.not_assessed:
            return "not assessed"
        return self.band_name if self.applicable else "not applicable"


@dataclass(frozen=True)
class Recommendation:
    """One catalogue entry triggered by an assessment, with its quantified effect."""

    id: str
    factor: str
    control: str  # one of CONTROL_LEVELS
    officer_text: str
    employee_text: str
    source: str
    effect: str = ""  # "H 50 → 30 cm: LI 1.80 → 1.10"; "" when not quantified
    index_before: float = math.nan
    index_after: float = math.nan
    # The factor's headline native value before and with the fix (LI, A(8) m/s²), and the
    # input change that re-scored it: (list id, item position, field, canonical value), e.g.
    # ("lifting.tasks", 0, "h_origin_cm", 25.0). A corrective action keeps both so a
    # follow-up can start from the change and its measured effect sits beside this one.
    native_before: float = math.nan
    native_after: float = math.nan
    changes: tuple[tuple[str, int, str, object], ...] = ()

    @property
    def risk_removed(self) -> float:
        """Return the fall in the factor's risk index the action buys (0 if unknown)."""
        if math.isnan(self.index_before) or math.isnan(self.index_after):
            return 0.0
        return max(0.0, self.index_before - self.index_after)


@dataclass(frozen=True)
class AssessmentResult:
    """Every factor's result, the overall band and the ranked recommendations."""

    factors: tuple[FactorResult, ...]
    overall_band: int
    n_high: int  # factors at high or very high
    recommendations: tuple[Recommendation, ...] = ()
    desk_targets: dict[str, float] = field(default_factory=dict)  # personal settings, cm
    desk_limits: tuple[str, ...] = ()  # furniture that cannot reach a setting, in words
    symptom_advice: tuple[Recommendation, ...] = ()  # red flags reported: most urgent first
    method_version: str = ""

    @property
    def overall_band_name(self) -> str:
        return band_name(self.overall_band)

    @property
    def overall_status(self) -> str:
        """Return the overall band name, or why nothing was scored.

        "not assessed" when no factor was scored and at least one was left out
        (nobody judged it), "not applicable" when every factor was marked not
        applicable or excluded by its method.
        """
        if self.overall_band != NOT_APPLICABLE:
            return self.overall_band_name
        if any(f.not_assessed for f in self.factors):
            return "not assessed"
        return "not applicable"

    def factor(self, factor_id: str) -> FactorResult:
        """Return the result for one factor id; unknown ids name the valid ones."""
        for f in self.factors:
            if f.factor == factor_id:
                return f
        valid = ", ".join(f.factor for f in self.factors)
        raise KeyError(f"factor == {factor_id!r}, must be one of: {valid}.")
