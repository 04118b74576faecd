"""Hand-arm vibration in words: A(8) against the action and limit values, tools, times."""

from __future__ import annotations

import math

from presentation.formatting import format_hours, value_near_edge
from presentation.formatting import format_number as _num
from scoring.bands import NOT_APPLICABLE
from scoring.hand_arm_vibration import EAV_M_S2, ELV_M_S2, METHOD, HandArmResult
from scoring.results import DetailTable, FactorResult, Metric

# Which law sets the action and limit values, named wherever a value is compared with them.
LAW = "EU Directive 2002/44/EC Art. 3; UK Control of Vibration at Work Regulations 2005 reg. 4"
# bib:eu-2002-44 Art. 5(3); bib:uk-cvwr-2005 reg. 6(4): the limit value is not to be exceeded.
ABOVE_ELV = "workers shall not be exposed above the exposure limit value (Directive Art. 5(3))"
# bib:hse-l140 (manufacturers' declared values): laboratory test values may not match real use.
DECLARED_CAVEAT = (
    "declared by the manufacturer: declared emission values come from a standard laboratory "
    "test and may not represent the tool in real use, where vibration is often higher; "
    "check with in-use data or a measurement (HSE L140)"
)


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


def factor_result(res: HandArmResult, i: int = 0) -> FactorResult:
    """Return row ``i`` of an :func:`assess` result as a :class:`FactorResult`."""
    m = METHOD
    n_inc = int(res.n_incomplete[i])
    left_out = f"{n_inc} tool(s) left out: a_hv or trigger time missing." if n_inc else ""
    if int(res.n_tools[i]) == 0:
        reason = "No vibrating tool entered."
        return FactorResult.not_applicable(
            factor=m.factor,
            title=m.factor_title,
            method=m.id,
            reason=f"{reason} {left_out}".strip(),
        )

    a8 = float(res.a8_m_s2[i])
    points = float(res.points[i])
    band = int(res.band[i])
    if band == NOT_APPLICABLE:
        return FactorResult.not_applicable(
            factor=m.factor,
            title=m.factor_title,
            method=m.id,
            reason="A(8) cannot be computed from the tool values entered (negative input?).",
        )
    used = res.used[i]
    ks = [k for k in range(used.shape[0]) if used[k]]
    names = res.tool_names[i]

    metrics = (
        Metric("a8", "A(8)", a8, "m/s²"),
        Metric("points", "Exposure points", points, "", 0),
        Metric(
            "trigger_time_total_h", "Total trigger time", float(res.trigger_time_total_h[i]), "h"
        ),
        Metric(
            "day_time_to_eav_h",
            "Total trigger time to reach the EAV with this tool mix",
            float(res.day_time_to_eav_h[i]),
            "h",
        ),
        Metric(
            "day_time_to_elv_h",
            "Total trigger time to reach the ELV with this tool mix",
            float(res.day_time_to_elv_h[i]),
            "h",
        ),
        Metric("n_tools", "Tools", float(res.n_tools[i]), "", 0),
    )

    rows = tuple(
        (
            str(names[k]),
            _num(float(res.a_hv_m_s2[i, k])),
            format_hours(float(res.trigger_time_h[i, k])),
            f"{float(res.partial_a8_m_s2[i, k]):.2f}",
            f"{float(res.partial_points[i, k]):.0f}",
            format_hours(float(res.time_to_eav_h[i, k])),
            format_hours(float(res.time_to_elv_h[i, k])),
            format_hours(float(res.tool_time_limit_eav_h[i, k])),
        )
        for k in ks
    )
    table = DetailTable(
        title="Tools",
        columns=(
            "Tool",
            "a_hv [m/s²]",
            "Trigger time",
            "Partial A(8) [m/s²]",
            "Points",
            "Time to EAV (tool alone)",
            "Time to ELV (tool alone)",
            "Max time for the day to stay below the EAV",
        ),
        rows=rows,
    )

    by_share = sorted(ks, key=lambda k: -float(res.partial_points[i, k]))
    drivers = []
    for k in by_share:
        share = float(res.partial_points[i, k]) / points if points > 0 else math.nan
        share_txt = "" if math.isnan(share) else f", {100.0 * share:.0f} % of the points"
        drivers.append(
            f"{names[k]} ({_num(float(res.a_hv_m_s2[i, k]), 1)} m/s² for "
            f"{format_hours(float(res.trigger_time_h[i, k]))}) contributes "
            f"{float(res.partial_a8_m_s2[i, k]):.2f} m/s² A(8){share_txt}"
        )

    why = limit_sentence("A(8)", a8, EAV_M_S2, ELV_M_S2, "m/s²")
    declared = [str(names[k]) for k in ks if res.declared[i, k]]
    if declared:
        caveat = f"{', '.join(declared)}: a_hv {DECLARED_CAVEAT}."
        drivers.append(caveat[0].upper() + caveat[1:])
        why += ". The A(8) uses declared emission values and may under-estimate real use"

    return FactorResult(
        factor=m.factor,
        title=m.factor_title,
        method=m.id,
        applicable=True,
        reason=left_out,
        band=band,
        index=float(res.index[i]),
        headline=Metric("a8", "A(8)", a8, "m/s²"),
        metrics=metrics,
        tables=(table,),
        drivers=tuple(drivers),
        borderline=bool(res.borderline[i]),
        why=why,
    )
