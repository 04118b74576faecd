"""Repetitive motion in words: the L&I criterion table, the modifiers' drivers and why."""

from __future__ import annotations

from presentation import lni_zones as z
from scoring.repetitive_motion import CRITERIA, METHOD, WRIST_TEXT, RepetitiveMotionResult
from scoring.results import FactorResult


def _modifier_drivers(res: RepetitiveMotionResult, i: int) -> list[str]:
    """Return sentences naming the modifiers that lowered a hazard limit in row i."""
    hours = res.hours[i]
    out: list[str] = []
    if not bool(res.regular[i]):
        return out

    def exposed(k: int) -> bool:
        return bool(hours[k] > 0)

    if res.awkward_wrist[i] and res.forceful_exertion[i] and exposed(0):
        out.append(
            f"Awkward wrist ({WRIST_TEXT}) with forceful exertion lowers the repetitive-motion "
            "hazard limit from 6 to 2 h/day"
        )
    if res.awkward_wrist[i] and exposed(2):
        out.append(f"Awkward wrist ({WRIST_TEXT}) lowers the keying hazard limit from 7 to 4 h/day")
    if (res.awkward_wrist[i] or res.with_repetition[i]) and exposed(4):
        why = "highly repetitive motion" if res.with_repetition[i] else "awkward wrist"
        out.append(f"High hand force with {why} has a hazard limit of 3 h/day instead of 4")
    return out


def factor_result(res: RepetitiveMotionResult, i: int = 0) -> FactorResult:
    """Return row ``i`` of an :func:`assess` result as a FactorResult."""
    i = int(i)
    return z.method_zone_result(METHOD, res, CRITERIA, i, drivers_after=_modifier_drivers(res, i))
