"""The Washington L&I zone factors in words: the criterion table, drivers and why.

Contact stress, repetitive motion and awkward posture are scored by
:mod:`scoring.lni_zones`; their presentations share these helpers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from scoring.bands import (
    BORDERLINE_FRACTION,
    HIGH,
    LOW,
    MODERATE,
    NOT_APPLICABLE,
    VERY_HIGH,
    band_name,
)
from scoring.lni_zones import VERY_HIGH_HAZARD_COUNT, CriterionSpec
from scoring.results import DetailTable, FactorResult, MethodInfo, Metric

ZONE_NAMES = {
    NOT_APPLICABLE: "not given",
    LOW: "below caution",
    MODERATE: "caution",
    HIGH: "hazard",
    VERY_HIGH: "hazard (>= 1.5 ×)",
}

# Words of the zone column for a task not performed regularly.
NOT_REGULAR_TEXT = "no zone (not performed regularly)"
# bib:lni-f417-195-000 p. 1: "Performed regularly means done more than one day a week and
# more frequently than one week per year" (the Hazard Zone Jobs Checklist heading agrees).
REGULAR_TEXT = "more than one day a week and more than one week a year"


def _h(v: float) -> str:
    return f"{v:g}"


def _threshold_text(h: float, cond: str) -> str:
    if math.isinf(h):
        return "—"
    return f"{_h(h)} h" + (f" ({cond})" if cond else "")


def zone_text(res, specs: Sequence[CriterionSpec], i: int, k: int) -> str:
    """Return the zone of criterion ``k`` in row ``i`` in words."""
    if np.isnan(res.hours[i, k]):
        return ZONE_NAMES[NOT_APPLICABLE]
    if not bool(res.regular[i]):
        return NOT_REGULAR_TEXT
    if math.isinf(res.caution_limit[i, k]) and math.isinf(res.hazard_limit[i, k]):
        spec = specs[k]
        cond = spec.caution_if or spec.hazard_if or "its condition"
        return f"not applicable (needs {cond})"
    return ZONE_NAMES[int(res.criterion_band[i, k])]


def zone_table(res, specs: Sequence[CriterionSpec], i: int, title: str) -> DetailTable:
    """Return the criterion table (criterion | h/day | caution > | hazard > | zone) of row i."""
    rows = []
    for k, spec in enumerate(specs):
        h = float(res.hours[i, k])
        rows.append(
            (
                spec.label,
                None if math.isnan(h) else round(h, 2),
                _threshold_text(spec.caution_h, spec.caution_if),
                _threshold_text(spec.hazard_h, spec.hazard_if),
                zone_text(res, specs, i, k),
            )
        )
    return DetailTable(
        title=title,
        columns=("criterion", "h/day", "caution >", "hazard >", "zone"),
        rows=tuple(rows),
    )


def zone_drivers(res, specs: Sequence[CriterionSpec], i: int) -> list[str]:
    """Return one sentence per exposure with a criterion met in row i, worst first."""
    order = np.argsort(-np.nan_to_num(res.criterion_index[i], nan=-1.0), kind="stable")
    out = []
    seen = set()
    for k in order:
        spec, h, b = specs[k], float(res.hours[i, k]), int(res.criterion_band[i, k])
        # One sentence per exposure: its worst line (the others read the same hours).
        if b <= LOW or (spec.group or spec.id) in seen:
            continue
        seen.add(spec.group or spec.id)
        cond = spec.hazard_if if b >= HIGH else spec.caution_if
        # Modifier lines already name their modifier in the label.
        cond = f" ({cond})" if cond and cond.lower() not in spec.label.lower() else ""
        if b == VERY_HIGH:
            out.append(
                f"{spec.label}{cond} {h:.1f} h/day is at least 1.5 × the hazard-zone "
                f"{_h(spec.hazard_h)} h/day"
            )
        elif b == HIGH:
            out.append(
                f"{spec.label}{cond} {h:.1f} h/day exceeds the hazard-zone "
                f"{_h(spec.hazard_h)} h/day"
            )
        else:
            nxt = ""
            if not math.isinf(res.hazard_limit[i, k]):
                nxt = f" (hazard zone above {_h(spec.hazard_h)} h/day)"
            out.append(
                f"{spec.label}{cond} {h:.1f} h/day exceeds the caution-zone "
                f"{_h(spec.caution_h)} h/day{nxt}"
            )
    if int(res.n_hazard[i]) >= VERY_HIGH_HAZARD_COUNT:
        out.append(
            f"Hazard-zone criteria are met for {int(res.n_hazard[i])} exposures: very high "
            "(project rule: two or more)"
        )
    return out


def zone_why(res, specs: Sequence[CriterionSpec], i: int) -> str:
    """Return one sentence: the band of row i and the threshold and source behind it."""
    b = int(res.band[i])
    name = band_name(b).capitalize()
    if b == LOW and not bool(res.regular[i]):
        return (
            f"{name}: the task is not performed regularly ({REGULAR_TEXT}), so it is not a "
            "caution-zone or hazard-zone job whatever its hours (WAC 296-62-05105)."
        )
    if b == LOW:
        return f"{name}: no WAC 296-62-051 caution-zone criterion is met."
    if b == VERY_HIGH and int(res.n_hazard[i]) >= VERY_HIGH_HAZARD_COUNT:
        return (
            f"{name}: hazard-zone criteria (WAC 296-62-05174 Appendix B) are met for "
            f"{int(res.n_hazard[i])} exposures (project rule: two or more is very high)."
        )
    k = int(res.dominant[i])
    spec, h = specs[k], float(res.hours[i, k])
    if b == VERY_HIGH:
        return (
            f"{name}: {spec.label} {h:.1f} h/day is at least 1.5 × the hazard-zone "
            f"{_h(spec.hazard_h)} h/day ({spec.hazard_ref}; 1.5 × is a project rule)."
        )
    if b == HIGH:
        return (
            f"{name}: {spec.label} {h:.1f} h/day exceeds the hazard-zone "
            f"{_h(spec.hazard_h)} h/day ({spec.hazard_ref})."
        )
    return (
        f"{name}: {spec.label} {h:.1f} h/day exceeds the caution-zone "
        f"{_h(spec.caution_h)} h/day ({spec.caution_ref})."
    )


def _regular_driver(res, i: int) -> list[str]:
    """Return the sentence for a task not performed regularly in row i (else none)."""
    if bool(res.regular[i]):
        return []
    return [
        f"Not performed regularly ({REGULAR_TEXT}): no caution-zone or hazard-zone "
        "criterion applies, whatever the hours entered"
    ]


def method_zone_result(
    method: MethodInfo, res, specs: Sequence[CriterionSpec], i: int, **words
) -> FactorResult:
    """Return :func:`zone_factor_result` of row i titled by the method's record.

    ``words`` are zone_factor_result's metrics, drivers_before, drivers_after, borderline.
    """
    return zone_factor_result(
        res,
        specs,
        int(i),
        factor=method.factor,
        title=method.factor_title,
        method=method.id,
        **words,
    )


def rate_notes(
    res,
    i: int,
    k: int,
    *,
    metric: tuple[str, str, str, int],
    edges: Sequence[float],
    not_given: Callable[[float], str],
    not_above: Callable[[float], str],
    near_edge: Callable[[float], str],
) -> tuple[tuple[Metric, ...], list[str]]:
    """Return the rate metric and sentences of criterion ``k``, whose line needs a rate too.

    Where the criterion has hours, its rate is a metric (``metric``: key, label, unit,
    decimals) and a rate not given (``not_given(hours)``) or not above the lowest of the
    rate ``edges`` (``not_above(rate)``) is said. A borderline criterion whose rate is
    within the borderline fraction of an edge says so (``near_edge(rate)``).
    """
    rate = float(res.rate[i, k])
    hours = float(res.hours[i, k])
    metrics: tuple[Metric, ...] = ()
    out = []
    if not np.isnan(hours) and hours > 0:
        key, label, unit, decimals = metric
        metrics = (Metric(key, label, rate, unit, decimals),)
        if np.isnan(rate):
            out.append(not_given(hours))
        elif rate <= min(edges):
            out.append(not_above(rate))
    near_rate = any(abs(rate - e) <= BORDERLINE_FRACTION * e for e in edges)
    if bool(res.criterion_borderline[i, k]) and near_rate:
        out.append(near_edge(rate))
    return metrics, out


def zone_factor_result(
    res,
    specs: Sequence[CriterionSpec],
    i: int,
    *,
    factor: str,
    title: str,
    method: str,
    metrics: Sequence[Metric] = (),
    drivers_before: Sequence[str] = (),
    drivers_after: Sequence[str] = (),
    borderline: bool | None = None,
) -> FactorResult:
    """Return the FactorResult of row i of a zone-scored factor."""
    i = int(i)
    if int(res.band[i]) == NOT_APPLICABLE:
        return FactorResult.not_applicable(
            factor=factor,
            title=title,
            method=method,
            reason="No exposure duration was given for any criterion.",
        )
    k = int(res.dominant[i])
    headline = Metric(
        key=specs[k].id,
        label=specs[k].label,
        value=float(res.hours[i, k]),
        unit="h/day",
        decimals=1,
    )
    base = (
        Metric("n_hazard", "Exposures in the hazard zone", float(res.n_hazard[i]), "", 0),
        Metric(
            "n_caution",
            "Criteria in the caution zone or above",
            float(np.sum(res.criterion_band[i] >= MODERATE)),
            "",
            0,
        ),
    )
    return FactorResult(
        factor=factor,
        title=title,
        method=method,
        applicable=True,
        band=int(res.band[i]),
        index=float(res.index[i]),
        headline=headline,
        metrics=base + tuple(metrics),
        tables=(zone_table(res, specs, i, f"{title}: L&I criteria"),),
        drivers=tuple(_regular_driver(res, i))
        + tuple(drivers_before)
        + tuple(zone_drivers(res, specs, i))
        + tuple(drivers_after),
        borderline=bool(res.borderline[i]) if borderline is None else bool(borderline),
        why=zone_why(res, specs, i),
    )
