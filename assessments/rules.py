"""Checks that involve two fields, declared once for the model and the batch validator.

The pydantic model (one assessment) and the vectorised validator (a whole CSV)
evaluate the same rule objects, so a file and the form reject the same input
with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PairRule:
    """``a <= b`` ("le"), ``a + b <= limit`` ("sum_le") or ``a * b <= limit`` ("product_le")."""

    scope: str  # section name, or a list item's scope ("lifting_task")
    a: str
    b: str
    kind: str
    unit: str
    limit: float | None = None

    def ok(self, a, b):
        """Return True where the rule holds or a value is missing (NaN)."""
        a = np.asarray(a, dtype=float)
        b = np.asarray(b, dtype=float)
        missing = np.isnan(a) | np.isnan(b)
        if self.kind == "le":
            good = a <= b
        elif self.kind == "sum_le":
            good = a + b <= self.limit
        elif self.kind == "product_le":
            good = a * b <= self.limit
        else:
            kinds = "'le', 'sum_le', 'product_le'"
            raise ValueError(f"kind == {self.kind!r}, must be one of: {kinds}.")
        return missing | good

    def field(self) -> str:
        """Return the field the message is attached to."""
        return self.a

    def message(self, a: float, b: float) -> str:
        """Return the error for one failing pair, naming both fields and the bound."""
        if self.kind == "le":
            return f"{self.a} == {a:g}, must be <= {self.b} ({b:g}) [{self.unit}]."
        if self.kind == "product_le":
            return f"{self.a} × {self.b} == {a * b:g}, must be <= {self.limit:g} [{self.unit}]."
        return f"{self.a} + {self.b} == {a + b:g}, must be <= {self.limit:g} [{self.unit}]."


PAIR_RULES: tuple[PairRule, ...] = (
    PairRule("sitting", "seated_h_per_day", "standing_h_per_day", "sum_le", "h/day", 24.0),
    PairRule("workstation", "seat_min_cm", "seat_max_cm", "le", "cm"),
    PairRule("workstation", "desk_min_cm", "desk_max_cm", "le", "cm"),
    PairRule("awkward_posture", "back_bent_45_h", "back_bent_30_h", "le", "h/day"),
    # Time bent beyond 45° (neck) or 30° (back) is part of the time bent beyond 30°.
    PairRule("awkward_posture", "neck_bent_h", "neck_or_back_bent_30_h", "le", "h/day"),
    PairRule("awkward_posture", "back_bent_30_h", "neck_or_back_bent_30_h", "le", "h/day"),
    PairRule("lifting_task", "load_kg", "load_max_kg", "le", "kg"),
    # Efforts a minute of D seconds each cannot hold more than the minute (bib:garg-2017-rsi).
    PairRule("hand_exertion_task", "efforts_per_min", "exertion_s", "product_le", "s", 60.0),
)
# List item scopes of the rules -> their CSV slot prefix ("lifting.task1.", ...).
LIST_RULE_PREFIX = {"lifting_task": "lifting.task", "hand_exertion_task": "hand_exertion.task"}


def rules_for(scope: str) -> tuple[PairRule, ...]:
    """Return the pair rules that apply to one section (or "lifting_task")."""
    return tuple(r for r in PAIR_RULES if r.scope == scope)
