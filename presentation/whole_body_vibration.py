"""Whole-body vibration in words: A(8) and VDV against the action and limit values, sources."""

from __future__ import annotations

from presentation import vibration as vib
from presentation.formatting import format_hours
from presentation.formatting import format_number as _num
from presentation.vibration import LAW, limit_sentence
from scoring.results import DetailTable, FactorResult, Metric
from scoring.whole_body_vibration import (
    AXES,
    AXIS_K,
    CREST_FACTOR_LIMIT,
    EAV_M_S2,
    ELV_M_S2,
    METHOD,
    VDV_EAV_M_S175,
    VDV_ELV_M_S175,
    WholeBodyResult,
)


def factor_result(res: WholeBodyResult, i: int = 0) -> FactorResult:
    """Return row ``i`` of an :func:`assess` result as a :class:`FactorResult`."""
    m = METHOD
    left_out = vib.left_out_text(
        res, i, "source(s) left out: an axis value or the exposure time is missing."
    )
    none = "No vibrating vehicle or machine entered."
    unscored = vib.not_scored(m, res, i, res.n_sources[i], none, left_out, "source")
    if unscored is not None:
        return unscored

    a8 = float(res.a8_m_s2[i])
    axis = str(res.dominant_axis[i])
    used = res.used[i]
    ks = [k for k in range(used.shape[0]) if used[k]]
    names = res.source_names[i]
    partial_axes = (res.partial_a8_x_m_s2, res.partial_a8_y_m_s2, res.partial_a8_z_m_s2)
    a_w_axes = (res.a_wx_m_s2, res.a_wy_m_s2, res.a_wz_m_s2)
    a8_axes = (res.a8_x_m_s2, res.a8_y_m_s2, res.a8_z_m_s2)
    j = AXES.index(axis)

    metrics = (
        Metric("a8", "A(8)", a8, "m/s²"),
        Metric("a8_x", "A(8) x", float(res.a8_x_m_s2[i]), "m/s²"),
        Metric("a8_y", "A(8) y", float(res.a8_y_m_s2[i]), "m/s²"),
        Metric("a8_z", "A(8) z", float(res.a8_z_m_s2[i]), "m/s²"),
        *vib.day_metrics(res, i, time="exposure", total_key="exposure_total_h", mix="source"),
        Metric("n_sources", "Sources", float(res.n_sources[i]), "", 0),
    )

    rows = tuple(
        (
            str(names[k]),
            *(_num(float(v[i, k])) for v in a_w_axes),
            format_hours(float(res.exposure_h[i, k])),
            *(f"{float(p[i, k]):.2f}" for p in partial_axes),
            str(res.source_dominant_axis[i, k]),
            *vib.time_cells(res, i, k, res.source_time_limit_eav_h),
        )
        for k in ks
    )
    table = DetailTable(
        title="Vehicles and machines",
        columns=(
            "Source",
            "a_wx [m/s²]",
            "a_wy [m/s²]",
            "a_wz [m/s²]",
            "Exposure time",
            "Partial A(8) x [m/s²] (k = 1.4)",
            "Partial A(8) y [m/s²] (k = 1.4)",
            "Partial A(8) z [m/s²] (k = 1.0)",
            "Dominant axis (source alone)",
            *vib.time_columns("source"),
        ),
        rows=rows,
    )

    on_axis = sorted(
        (k for k in ks if float(partial_axes[j][i, k]) > 0),
        key=lambda k: -float(partial_axes[j][i, k]),
    )
    k_txt = f" (k = {AXIS_K[j]:g})" if axis != "z" else ""
    head = f"{axis} axis dominates{k_txt}: {a8:.2f} m/s² A(8)"
    if len(on_axis) == 1:
        head += f" from {names[on_axis[0]]}"
    elif on_axis:
        parts = [f"{names[k]} ({float(partial_axes[j][i, k]):.2f} m/s²)" for k in on_axis]
        head += " from " + ", ".join(parts[:-1]) + " and " + parts[-1]
    drivers = [head]
    for jj, other in enumerate(AXES):
        v = float(a8_axes[jj][i])
        if jj != j and a8 > 0 and v >= 0.9 * a8:
            drivers.append(f"{other} axis close behind: {v:.2f} m/s² A(8)")
    for k in on_axis:
        drivers.append(
            f"{names[k]} (a_w{axis} {_num(float(a_w_axes[j][i, k]))} m/s² for "
            f"{format_hours(float(res.exposure_h[i, k]))}) contributes "
            f"{float(partial_axes[j][i, k]):.2f} m/s² A(8) on the {axis} axis"
            f"{vib.share_text(res, i, k)}"
        )

    why = limit_sentence("A(8)", a8, EAV_M_S2, ELV_M_S2, "m/s²", f" ({axis} axis)")
    vdv_metrics, vdv_table, warning = _vdv_presentation(res, i, ks, names)
    metrics = metrics + vdv_metrics
    if warning:
        drivers.append(warning)
        jolts = "jolts or shocks reported" if res.any_shocks[i] else "the VDV reaches a value"
        why += f". Warning: A(8) under-estimates this exposure ({jolts}); the band follows A(8)"

    return vib.scored(
        m,
        res,
        i,
        reason=left_out,
        metrics=metrics,
        tables=(table, vdv_table),
        drivers=drivers,
        why=why,
    )


def _vdv_presentation(res: WholeBodyResult, i: int, ks: list[int], names):
    """Return the VDV metrics, its detail table and the warning sentence ("" when none)."""
    vdv = float(res.vdv_m_s175[i])
    axes = (res.vdv_x_m_s175, res.vdv_y_m_s175, res.vdv_z_m_s175)
    metrics = (
        Metric("vdv", "VDV", vdv, "m/s^1.75"),
        *(
            Metric(f"vdv_{a}", f"VDV {a}", float(v[i]), "m/s^1.75")
            for a, v in zip(AXES, axes, strict=True)
        ),
    )
    per_source = (res.source_vdv_x_m_s175, res.source_vdv_y_m_s175, res.source_vdv_z_m_s175)
    measured = (res.vdv_x_measured, res.vdv_y_measured, res.vdv_z_measured)

    def cell(j, k):
        how = "measured" if measured[j][i, k] else "estimated"
        return f"{float(per_source[j][i, k]):.2f} ({how})"

    table = DetailTable(
        title="Vibration dose value (VDV, k applied)",
        columns=(
            "Source",
            "VDV x [m/s^1.75]",
            "VDV y [m/s^1.75]",
            "VDV z [m/s^1.75]",
            "Jolts or shocks",
        ),
        rows=tuple(
            (str(names[k]), *(cell(j, k) for j in range(3)), "yes" if res.shocks[i, k] else "no")
            for k in ks
        ),
    )
    head = limit_sentence(
        "VDV", vdv, VDV_EAV_M_S175, VDV_ELV_M_S175, "m/s^1.75", f" ({res.vdv_axis[i]} axis)"
    )
    if not res.a8_underestimates[i]:
        return metrics, table, ""
    jolts = [str(names[k]) for k in ks if res.shocks[i, k]]
    parts = [head.replace("(" + LAW + ")", "(Directive 2002/44/EC Art. 3(2), VDV basis)")]
    if jolts:
        parts.append(
            f"jolts or shocks reported on {', '.join(jolts)}: A(8) under-estimates the risk "
            f"when the vibration has peaks (crest factor above {CREST_FACTOR_LIMIT:g}, "
            "ISO 2631-1:1997 §6.2); measure the VDV"
        )
    return metrics, table, "Warning: " + "; ".join(parts) + "."
