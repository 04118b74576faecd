"""Words both vibration factors share: the law, the limit sentence and the parts of a result.

Hand-arm (tools, trigger time) and whole-body (vehicles and machines, exposure time)
vibration are compared with the same Directive, count exposure points the same way and
give each item a time to the EAV and ELV; their presentations build those parts here.
"""

from __future__ import annotations

import math

from presentation.formatting import format_hours, value_near_edge
from scoring.bands import NOT_APPLICABLE
from scoring.results import FactorResult, Metric

# Which law sets the action and limit values, named wherever a value is compared with them.
LAW = "EU Directive 2002/44/EC Art. 3; UK Control of Vibration at Work Regulations 2005 reg. 4"
# bib:eu-2002-44 Art. 5(3); bib:uk-cvwr-2005 reg. 6(4): the limit value is not to be exceeded.
ABOVE_ELV = "workers shall not be exposed above the exposure limit value (Directive Art. 5(3))"


def limit_sentence(
    label: str, value: float, eav: float, elv: float, unit: str, where: str = ""
) -> str:
    """Return how a daily exposure compares with the action and limit values, naming the law.

    ``where`` follows the value, e.g. " (z axis)".
    """
    if value > elv:
        return (
            f"{label} {value_near_edge(value, elv)} {unit}{where} exceeds the exposure limit value "
            f"{elv:g} {unit} ({LAW}): {ABOVE_ELV}"
        )
    if value >= elv:
        return (
            f"{label} {value:.2f} {unit}{where} is at the exposure limit value {elv:g} {unit} ({LAW}), "
            "the most the law allows: it shall not be exceeded"
        )
    if value >= eav:
        return (
            f"{label} {value_near_edge(value, eav)} {unit}{where} is at or above the exposure action "
            f"value {eav:g} {unit} and below the exposure limit value {elv:g} {unit} ({LAW})"
        )
    return (
        f"{label} {value_near_edge(value, eav)} {unit}{where} is below the exposure action value "
        f"{eav:g} {unit} ({LAW})"
    )


def left_out_text(res, i: int, what: str) -> str:
    """Return how many items row ``i`` left out and why ("2 tool(s) left out: ..."), or ""."""
    n_inc = int(res.n_incomplete[i])
    return f"{n_inc} {what}" if n_inc else ""


def not_scored(
    method, res, i: int, n_items: int, nothing_entered: str, left_out: str, items: str
) -> FactorResult | None:
    """Return the not-applicable result of row ``i``, or None when its A(8) is scored.

    No item (``n_items`` == 0) says ``nothing_entered`` and ``left_out`` (the items
    missing a value); an A(8) that cannot be computed names the ``items`` ("tool",
    "source") it came from.
    """
    if int(n_items) == 0:
        reason = f"{nothing_entered} {left_out}".strip()
    elif int(res.band[i]) == NOT_APPLICABLE:
        reason = f"A(8) cannot be computed from the {items} values entered (negative input?)."
    else:
        return None
    return FactorResult.not_applicable(
        factor=method.factor, title=method.factor_title, method=method.id, reason=reason
    )


def day_metrics(res, i: int, *, time: str, total_key: str, mix: str) -> tuple[Metric, ...]:
    """Return the points and the day's times (total, to the EAV and ELV) of row ``i``.

    ``time`` names the time ("trigger", "exposure"), ``total_key`` the result field of its
    total and ``mix`` the items ("tool", "source").
    """
    return (
        Metric("points", "Exposure points", float(res.points[i]), "", 0),
        Metric(total_key, f"Total {time} time", float(getattr(res, total_key)[i]), "h"),
        Metric(
            "day_time_to_eav_h",
            f"Total {time} time to reach the EAV with this {mix} mix",
            float(res.day_time_to_eav_h[i]),
            "h",
        ),
        Metric(
            "day_time_to_elv_h",
            f"Total {time} time to reach the ELV with this {mix} mix",
            float(res.day_time_to_elv_h[i]),
            "h",
        ),
    )


def time_columns(item: str) -> tuple[str, str, str]:
    """Return the headers of the per-item time columns (``item``: "tool", "source")."""
    return (
        f"Time to EAV ({item} alone)",
        f"Time to ELV ({item} alone)",
        "Max time for the day to stay below the EAV",
    )


def time_cells(res, i: int, k: int, limit_eav) -> tuple[str, str, str]:
    """Return item ``k``'s times to the EAV and ELV and its daily limit, as durations."""
    return (
        format_hours(float(res.time_to_eav_h[i, k])),
        format_hours(float(res.time_to_elv_h[i, k])),
        format_hours(float(limit_eav[i, k])),
    )


def share_text(res, i: int, k: int) -> str:
    """Return item ``k``'s share of row ``i``'s exposure points (", 40 % of the points")."""
    points = float(res.points[i])
    share = float(res.partial_points[i, k]) / points if points > 0 else math.nan
    return "" if math.isnan(share) else f", {100.0 * share:.0f} % of the points"


def scored(method, res, i: int, *, reason: str, metrics, tables, drivers, why: str) -> FactorResult:
    """Return the scored result of row ``i``, headed by its A(8)."""
    return FactorResult(
        factor=method.factor,
        title=method.factor_title,
        method=method.id,
        applicable=True,
        reason=reason,
        band=int(res.band[i]),
        index=float(res.index[i]),
        headline=Metric("a8", "A(8)", float(res.a8_m_s2[i]), "m/s²"),
        metrics=metrics,
        tables=tables,
        drivers=tuple(drivers),
        borderline=bool(res.borderline[i]),
        why=why,
    )
