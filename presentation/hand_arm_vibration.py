"""Hand-arm vibration in words: A(8) against the action and limit values, tools, times."""

from __future__ import annotations

from presentation import vibration as vib
from presentation.formatting import format_hours
from presentation.formatting import format_number as _num
from presentation.vibration import limit_sentence
from scoring.hand_arm_vibration import EAV_M_S2, ELV_M_S2, METHOD, HandArmResult
from scoring.results import DetailTable, FactorResult, Metric

# bib:hse-l140 (manufacturers' declared values): laboratory test values may not match real use.
DECLARED_CAVEAT = (
    "declared by the manufacturer: declared emission values come from a standard laboratory "
    "test and may not represent the tool in real use, where vibration is often higher; "
    "check with in-use data or a measurement (HSE L140)"
)


def factor_result(res: HandArmResult, i: int = 0) -> FactorResult:
    """Return row ``i`` of an :func:`assess` result as a :class:`FactorResult`."""
    m = METHOD
    left_out = vib.left_out_text(res, i, "tool(s) left out: a_hv or trigger time missing.")
    none = "No vibrating tool entered."
    unscored = vib.not_scored(m, res, i, res.n_tools[i], none, left_out, "tool")
    if unscored is not None:
        return unscored

    a8 = float(res.a8_m_s2[i])
    used = res.used[i]
    ks = [k for k in range(used.shape[0]) if used[k]]
    names = res.tool_names[i]

    metrics = (
        Metric("a8", "A(8)", a8, "m/s²"),
        *vib.day_metrics(res, i, time="trigger", total_key="trigger_time_total_h", mix="tool"),
        Metric("n_tools", "Tools", float(res.n_tools[i]), "", 0),
    )

    rows = tuple(
        (
            str(names[k]),
            _num(float(res.a_hv_m_s2[i, k])),
            format_hours(float(res.trigger_time_h[i, k])),
            f"{float(res.partial_a8_m_s2[i, k]):.2f}",
            f"{float(res.partial_points[i, k]):.0f}",
            *vib.time_cells(res, i, k, res.tool_time_limit_eav_h),
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
            *vib.time_columns("tool"),
        ),
        rows=rows,
    )

    by_share = sorted(ks, key=lambda k: -float(res.partial_points[i, k]))
    drivers = []
    for k in by_share:
        drivers.append(
            f"{names[k]} ({_num(float(res.a_hv_m_s2[i, k]), 1)} m/s² for "
            f"{format_hours(float(res.trigger_time_h[i, k]))}) contributes "
            f"{float(res.partial_a8_m_s2[i, k]):.2f} m/s² A(8){vib.share_text(res, i, k)}"
        )

    why = limit_sentence("A(8)", a8, EAV_M_S2, ELV_M_S2, "m/s²")
    declared = [str(names[k]) for k in ks if res.declared[i, k]]
    if declared:
        caveat = f"{', '.join(declared)}: a_hv {DECLARED_CAVEAT}."
        drivers.append(caveat[0].upper() + caveat[1:])
        why += ". The A(8) uses declared emission values and may under-estimate real use"

    return vib.scored(
        m, res, i, reason=left_out, metrics=metrics, tables=(table,), drivers=drivers, why=why
    )
