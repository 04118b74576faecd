"""The one place unit conversions live.

Everything inside the tool is canonical (cm, kg, degrees, m/s², h, min,
lifts/min). The form offers US customary input and converts once, here. The
NIOSH equation is the one exception: a lifting task remembers the
unit system it was entered in (``LiftingTask.unit_system``) and the scoring
uses that system's constants, but the stored numbers are still canonical.
"""

from __future__ import annotations

from presentation.formatting import format_hours as _format_hours

CM_PER_IN = 2.54  # exact, by definition of the international inch (1959)
KG_PER_LB = 0.45359237  # exact, by definition of the international pound (1959)

# canonical unit -> (US customary unit, canonical units per US unit)
US_EQUIVALENT: dict[str, tuple[str, float]] = {
    "cm": ("in", CM_PER_IN),
    "kg": ("lb", KG_PER_LB),
}
SYSTEMS = ("metric", "us")


def _check_system(system: str) -> None:
    if system not in SYSTEMS:
        raise ValueError(f"unit system == {system!r}, must be one of: {', '.join(SYSTEMS)}.")


def display_unit(canonical_unit: str, system: str) -> str:
    """Return the unit a value is shown and entered in for a unit system."""
    _check_system(system)
    if system == "us" and canonical_unit in US_EQUIVALENT:
        return US_EQUIVALENT[canonical_unit][0]
    return canonical_unit


def to_canonical(value, canonical_unit: str, system: str):
    """Return a value entered in ``system`` converted to its canonical unit.

    Units without a US equivalent (degrees, m/s², hours) pass through unchanged.
    """
    _check_system(system)
    if value is None or system == "metric" or canonical_unit not in US_EQUIVALENT:
        return value
    return value * US_EQUIVALENT[canonical_unit][1]


def from_canonical(value, canonical_unit: str, system: str):
    """Return a canonical value expressed in ``system``'s unit (inverse of to_canonical)."""
    _check_system(system)
    if value is None or system == "metric" or canonical_unit not in US_EQUIVALENT:
        return value
    factor = US_EQUIVALENT[canonical_unit][1]
    return value / factor


def cm_to_in(cm):
    """Return centimetres in inches. [in]"""
    return cm / CM_PER_IN


def lb_to_kg(lb):
    """Return pounds in kilograms. [kg]"""
    return lb * KG_PER_LB


def kg_to_lb(kg):
    """Return kilograms in pounds. [lb]"""
    return kg / KG_PER_LB


def in_to_cm(inch):
    """Return inches in centimetres. [cm]"""
    return inch * CM_PER_IN


# One formatter for durations across the tool (rounds down to the minute).
format_hours = _format_hours
