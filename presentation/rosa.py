"""ROSA in words: the final score, the section scores and each item's points."""

from __future__ import annotations

import math

import numpy as np

from scoring import rosa
from scoring.bands import band_name
from scoring.results import DetailTable, FactorResult, Metric

M = rosa.METHOD
REASONS = {
    rosa.MISSING_ITEM: "Not scored: a base score is missing for a part of the workstation in use.",
    rosa.MISSING_DAILY_HOURS: "Not scored: the hours a day of a device are missing.",
    rosa.NOT_SEATED: "Not applicable: the chair is not used (0 h a day); ROSA scores seated "
    "computer work.",
    rosa.NO_COMPUTER_WORK: "Not applicable: screen, keyboard and mouse are not used.",
}
# (label, item total field, duration field, device score field) per ROSA part.
PARTS = (
    ("Seat pan height", "seat_height", None, None),
    ("Seat pan depth", "seat_depth", None, None),
    ("Armrests", "armrest", None, None),
    ("Back support", "back_support", None, None),
    ("Chair use", None, "chair_duration", None),
    ("Screen", "monitor_items", "monitor_duration", "monitor"),
    ("Telephone", "telephone_items", "telephone_duration", "telephone"),
    ("Mouse", "mouse_items", "mouse_duration", "mouse"),
    ("Keyboard", "keyboard_items", "keyboard_duration", "keyboard"),
)
SECTIONS = (
    ("Chair (chart A + duration)", "chair"),
    ("Screen and telephone (chart B)", "section_b"),
    ("Mouse and keyboard (chart C)", "section_c"),
    ("Screen and peripherals (chart D)", "peripherals"),
)


def _at(res, name: str, i: int) -> float:
    return float(np.asarray(getattr(res, name), dtype=float)[i])


def _points(x: float) -> str:
    return "—" if math.isnan(x) else f"{x:+.0f}" if x < 0 else f"{x:.0f}"


def item_rows(res, i: int) -> tuple[tuple[str, str, str, str], ...]:
    """Return (part, item points, duration score, device score) rows as the PDF and app show them."""
    rows = []
    for label, items, duration, device in PARTS:
        rows.append(
            (
                label,
                _points(_at(res, items, i)) if items else "",
                _points(_at(res, duration, i)) if duration else "",
                _points(_at(res, device, i)) if device else "",
            )
        )
    return tuple(rows)


def drivers(res, i: int) -> tuple[str, ...]:
    """Return the parts that score above neutral (1 point), worst first."""
    found = []
    for label, items, _, _ in PARTS:
        if items and _at(res, items, i) > 1:
            found.append(
                (_at(res, items, i), f"{label}: {_at(res, items, i):.0f} points (1 is neutral)")
            )
    return tuple(text for _, text in sorted(found, key=lambda x: -x[0]))


def why(res, i: int) -> str:
    """Return the band and the threshold behind it in one sentence."""
    final = _at(res, "final", i)
    band = int(np.asarray(res.band)[i])
    if final >= rosa.ACTION_LEVEL:
        basis = f"at or above the authors' action level {rosa.ACTION_LEVEL:.0f}"
    else:
        basis = f"below the authors' action level {rosa.ACTION_LEVEL:.0f}"
    return (
        f"{band_name(band).capitalize()}: ROSA final score {final:.0f} of 10, {basis} "
        "(Sonne et al. 2012; band edges 3 and 8 are project rules)."
    )


def factor_result(res, i: int = 0) -> FactorResult:
    """Return ROSA's presented result for row ``i``."""
    base = {"factor": M.factor, "title": M.factor_title, "method": M.id}
    band = int(np.asarray(res.band)[i])
    if band < 0:
        reason = REASONS.get(int(np.asarray(res.reason)[i]), "Not scored.")
        return FactorResult.not_applicable(**base, reason=reason)
    final = _at(res, "final", i)
    metrics = (
        Metric("rosa_final", "ROSA", final, "", 0),
        *(Metric(f"rosa_{name}", label, _at(res, name, i), "", 0) for label, name in SECTIONS),
    )
    table = DetailTable(
        title="ROSA items: points, duration score and device score",
        columns=("part", "item points", "duration", "device score"),
        rows=item_rows(res, i),
    )
    return FactorResult(
        **base,
        applicable=True,
        band=band,
        index=float(np.asarray(res.index)[i]),
        headline=metrics[0],
        metrics=metrics,
        tables=(table,),
        drivers=drivers(res, i),
        borderline=bool(np.asarray(res.borderline)[i]),
        why=why(res, i),
    )
