"""The sentences the app and the PDF share for an overall result and an empty action list.

Not assessed (nobody entered anything), not applicable (judged not to occur, or
excluded by the method) and low (scored, below every action level) are three
different statements; each sentence here says which one holds, so no page
says "every factor is not applicable" of factors nobody looked at, or "every
scored factor is low" when nothing was scored.
"""

from __future__ import annotations

from scoring.bands import LOW, NOT_APPLICABLE
from scoring.results import AssessmentResult


def _titles(factors) -> str:
    return ", ".join(f.title for f in factors)


def nothing_scored_sentence(result: AssessmentResult) -> str:
    """Return why no factor was scored, naming the not assessed and not applicable ones."""
    left_out = [f for f in result.factors if f.not_assessed]
    not_applicable = [f for f in result.factors if not f.not_assessed]
    if not not_applicable:
        return "No factor was assessed: nothing was entered in any section."
    if not left_out:
        return "No factor was scored: every factor is not applicable."
    return (
        "No factor was scored. Not applicable: "
        f"{_titles(not_applicable)}. Not assessed (nothing entered): {_titles(left_out)}."
    )


def no_action_sentence(result: AssessmentResult) -> str:
    """Return the sentence shown when no recommendation is triggered."""
    scored = [f for f in result.factors if f.applicable and f.band != NOT_APPLICABLE]
    if not scored:
        return "No recommendation: no factor was scored. " + nothing_scored_sentence(result)
    if all(f.band == LOW for f in scored):
        left_out = [f for f in result.factors if f.not_assessed]
        tail = f" Not assessed: {_titles(left_out)}." if left_out else ""
        return "No action is triggered: every scored factor is low." + tail
    return "No recommendation in the catalogue is triggered by these results."
