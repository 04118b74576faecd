"""The Revised NIOSH Lifting Equation in words: LI/CLI, each task's multipliers, why.

Values in the tables are shown in each task's own unit system (lb and in for US
tasks, kg and cm otherwise), with the unit in the cell.
"""

from __future__ import annotations

import math

import numpy as np

from scoring.niosh_lifting import (
    A_MAX_DEG,
    CM_PER_IN,
    EXCLUSIONS,
    KG_PER_LB,
    METHOD,
    METRIC_CONSTANTS,
    MISSING_STRINGS,
    US_CONSTANTS,
    LiftingResult,
)
from scoring.results import DetailTable, FactorResult, Metric

DURATION_LABELS = {"short": "≤ 1 h", "moderate": "1-2 h", "long": "2-8 h"}
_GENERIC_EXCLUSION = "a condition listed on p. 6 of NIOSH 94-110 applies"


def _num(x: float, decimals: int = 2) -> str:
    if x is None or math.isnan(x):
        return "—"
    if math.isinf(x):
        return "∞"
    return f"{x:.{decimals}f}"


def _length_text(x_cm: float, us: bool) -> str:
    if math.isnan(x_cm):
        return "—"
    v = x_cm / CM_PER_IN if us else x_cm
    return f"{round(v, 1):g} {'in' if us else 'cm'}"


def _weight_text(x_kg: float, us: bool, decimals: int = 1) -> str:
    v = x_kg / KG_PER_LB if us else x_kg
    return f"{_num(v, decimals)} {'lb' if us else 'kg'}"


def _pair(a: str, b: str, unit: str = "") -> str:
    return f"{a} / {b}{(' ' + unit) if unit else ''}"


def _task_label(res: LiftingResult, i: int, t: int) -> str:
    """Return "Task 2", or "Task 2 (name)" when the task has a name."""
    name = str(res.task_names[i, t]).strip()
    name = "" if name.lower() in MISSING_STRINGS else name
    return f"Task {t + 1} ({name})" if name else f"Task {t + 1}"


def _exclusion_text(code: str) -> str:
    reasons = [EXCLUSIONS[c] for c in code.split(",") if c]
    return "; ".join(reasons) if reasons else _GENERIC_EXCLUSION


def _task_drivers(res: LiftingResult, i: int, t: int, prefix: str) -> list[str]:
    """Return sentences naming the smallest multipliers (< 1) of task t, governing end."""
    us = bool(res.us_units[i, t])
    dest = bool(res.dest_governs[i, t])
    end = " at the destination" if dest else ""
    c = US_CONSTANTS if us else METRIC_CONSTANTS
    unit = "in" if us else "cm"
    h = res.h_dest_cm[i, t] if dest else res.h_origin_cm[i, t]
    v = res.v_dest_cm[i, t] if dest else res.v_origin_cm[i, t]
    a = res.asymmetry_dest_deg[i, t] if dest else res.asymmetry_origin_deg[i, t]
    dur = str(res.duration[i, t])
    f = float(res.frequency[i, t])
    pick = "dest" if dest else "origin"
    items = [
        (
            "HM",
            getattr(res, f"hm_{pick}")[i, t],
            f"H = {_length_text(h, us)}{end}",
            f"beyond {c['h_max']:g} {unit}",
        ),
        (
            "VM",
            getattr(res, f"vm_{pick}")[i, t],
            f"V = {_length_text(v, us)}{end}",
            f"above {c['v_max']:g} {unit}",
        ),
        (
            "DM",
            res.dm_origin[i, t],
            f"D = {_length_text(res.d_cm[i, t], us)}",
            f"beyond {c['d_max']:g} {unit}",
        ),
        ("AM", getattr(res, f"am_{pick}")[i, t], f"A = {a:g}°{end}", f"beyond {A_MAX_DEG:g}°"),
        (
            "FM",
            res.fm_origin[i, t],
            f"F = {f:.3g} lifts/min over {DURATION_LABELS.get(dur, dur)} ({dur})",
            "beyond Table 5 for that duration",
        ),
        (
            "CM",
            getattr(res, f"cm_{pick}")[i, t],
            f"{res.coupling[i, t]} coupling at V = {_length_text(v, us)}{end}",
            "",
        ),
    ]
    items = [it for it in items if not math.isnan(it[1]) and round(float(it[1]), 2) < 1.0]
    items.sort(key=lambda it: it[1])
    out = []
    for name, m, what, limit in items[:3]:
        if m == 0:
            out.append(f"{prefix}{what} is {limit}: {name} = 0, so the RWL is 0.")
        else:
            out.append(f"{prefix}{what} gives {name} {m:.2f}.")
    return out


def _why(label: str, value: float, band: int) -> str:
    shown = "∞ (an RWL of 0)" if math.isinf(value) else f"{value:.2f}"
    goal = "1.0, the NIOSH design goal (94-110 p. 20)"
    if band == 0:
        return f"{label} {shown} is at or below {goal}."
    if band == 1:
        return (
            f"{label} {shown} is above {goal}, and at most 2.0 (odds of low back pain 1.81 "
            "times for 1 < LI <= 2, Waters et al. 2011)."
        )
    if band == 2:
        return (
            f"{label} {shown} is above 2.0 and at most 3.0 (odds of low back pain 2.26 times "
            "for 2 < LI <= 3, Waters et al. 2011); the NIOSH design goal is 1.0 or less "
            "(94-110 p. 20)."
        )
    return (
        f"{label} {shown} is above 3.0, beyond which nearly all workers are at "
        "increased risk (94-110 p. 20)."
    )


def factor_result(res: LiftingResult, i: int = 0) -> FactorResult:
    """Return the lifting factor of assessment ``i`` for the UI, the PDF and the CLI.

    Values in the tables are shown in each task's own unit system (lb and in for
    US tasks, kg and cm otherwise), with the unit in the cell.
    """
    base = {"factor": METHOD.factor, "title": METHOD.factor_title, "method": METHOD.id}
    load = res.load_kg[i]
    excl = res.excluded[i]
    entered = np.flatnonzero(~np.isnan(load) | excl)
    scored = res.scored[i]
    left_out = []
    for t in entered:
        if excl[t]:
            left_out.append(
                f"{_task_label(res, i, t)} not assessed by the RNLE: "
                f"{_exclusion_text(res.exclusion[i, t])}."
            )
        elif not scored[t]:
            left_out.append(f"{_task_label(res, i, t)} not scored: an input it needs is missing.")
    n = int(res.n_tasks[i])
    if n == 0:
        reason = " ".join(left_out) if left_out else "No lifting task entered."
        return FactorResult.not_applicable(**base, reason=reason)

    native = float(res.native[i])
    band = int(res.band[i])
    label = "CLI" if n > 1 else "LI"
    w = int(res.worst_task[i])
    us_w = bool(res.us_units[i, w])

    # ---- main table, one row per entered task
    columns = (
        "Task", "Units", "L avg / max", "H o / d", "V o / d", "D", "A o / d", "F", "Duration",
        "Coupling", "HM o / d", "VM o / d", "DM", "AM o / d", "FM", "CM o / d", "RWL o / d",
        "LI o / d", "FIRWL", "STRWL", "FILI", "STLI", "Note",
    )  # fmt: skip
    rows = []
    for t in entered:
        us = bool(res.us_units[i, t])
        wu, lu = ("lb", "in") if us else ("kg", "cm")
        conv = 1.0 / KG_PER_LB if us else 1.0
        if excl[t]:
            note = f"not assessed: {_exclusion_text(res.exclusion[i, t])}"
            rows.append((_task_label(res, i, t), f"{wu}, {lu}", *(["—"] * 20), note))
            continue
        notes = []
        if res.dest_governs[i, t]:
            notes.append("destination governs (significant control)")
        elif res.significant_control[i, t]:
            notes.append("origin governs (significant control)")
        if not math.isnan(res.active_min_per_15[i, t]):
            notes.append(
                f"F adjusted: {res.lifts_per_min[i, t]:g}/min × "
                f"{min(res.active_min_per_15[i, t], 15.0):g} min / 15 (p. 16)"
            )
        if not scored[t]:
            notes.append("not scored: an input is missing")
        if scored[t] and res.fili[i, t] > res.stli[i, t]:
            notes.append("FILI > STLI: maximum load needs careful evaluation (p. 27)")

        def ln(x, us=us):
            return _length_text(x, us).rsplit(" ", 1)[0] if not math.isnan(x) else "—"

        rows.append(
            (
                _task_label(res, i, t),
                f"{wu}, {lu}",
                _pair(_num(load[t] * conv, 1), _num(res.load_max_kg[i, t] * conv, 1), wu),
                _pair(ln(res.h_origin_cm[i, t]), ln(res.h_dest_cm[i, t]), lu),
                _pair(ln(res.v_origin_cm[i, t]), ln(res.v_dest_cm[i, t]), lu),
                _length_text(res.d_cm[i, t], us),
                _pair(f"{res.asymmetry_origin_deg[i, t]:g}°", f"{res.asymmetry_dest_deg[i, t]:g}°"),
                f"{_num(res.frequency[i, t], 2)} /min",
                str(res.duration[i, t]),
                str(res.coupling[i, t]),
                _pair(_num(res.hm_origin[i, t]), _num(res.hm_dest[i, t])),
                _pair(_num(res.vm_origin[i, t]), _num(res.vm_dest[i, t])),
                _num(res.dm_origin[i, t]),
                _pair(_num(res.am_origin[i, t]), _num(res.am_dest[i, t])),
                _num(res.fm_origin[i, t]),
                _pair(_num(res.cm_origin[i, t]), _num(res.cm_dest[i, t])),
                _pair(
                    _num(res.rwl_origin_kg[i, t] * conv, 1),
                    _num(res.rwl_dest_kg[i, t] * conv, 1),
                    wu,
                ),
                _pair(_num(res.li_origin[i, t]), _num(res.li_dest[i, t])),
                _weight_text(res.firwl_kg[i, t], us),
                _weight_text(res.strwl_kg[i, t], us),
                _num(res.fili[i, t]),
                _num(res.stli[i, t]),
                "; ".join(notes),
            )
        )
    tables = [DetailTable("RNLE multipliers and indices per task", columns, tuple(rows))]

    if n > 1:
        below = bool(res.cli_v_below[i])
        col = f"{res.cli_duration[i]}, V {'<' if below else '≥'} 75 cm (30 in)"
        ranked = sorted(np.flatnonzero(scored), key=lambda t: res.cli_rank[i, t])
        cli_rows = tuple(
            (
                str(int(res.cli_rank[i, t]) + 1),
                _task_label(res, i, t),
                _num(res.frequency[i, t], 2),
                _num(res.cli_cum_frequency[i, t], 2),
                _num(res.cli_fm[i, t]),
                _num(res.fili[i, t]),
                _num(res.stli[i, t]),
                _num(res.cli_term[i, t], 3),
            )
            for t in ranked
        )
        tables.append(
            DetailTable(
                f"Composite Lifting Index (94-110 pp. 27-28; Table 5 column: {col})",
                ("CLI order", "Task", "F", "ΣF", "FM(ΣF)", "FILI", "STLI", "Term"),
                cli_rows,
            )
        )

    # ---- drivers: the worst task's smallest multipliers, then the flags of p. 27
    prefix = f"{_task_label(res, i, w)}: " if len(entered) > 1 else ""
    drivers = _task_drivers(res, i, w, prefix)
    for t in np.flatnonzero(scored):
        p = f"{_task_label(res, i, t)}: " if len(entered) > 1 else ""
        fili, stli = float(res.fili[i, t]), float(res.stli[i, t])
        if fili > 1.0:  # 94-110 p. 27: FILI > 1.0 flags the strength demands
            extra = (
                f"; it exceeds STLI {_num(stli)}, so the heaviest loads need careful evaluation"
                if fili > stli
                else ""
            )
            drivers.append(
                f"{p}FILI {_num(fili)} is above 1.0: the strength demands may need "
                f"ergonomic changes{extra} (94-110 p. 27)."
            )
    drivers.extend(left_out)

    unit = "lb" if us_w else "kg"
    conv_w = 1.0 / KG_PER_LB if us_w else 1.0
    metrics = [
        Metric("rwl", f"RWL, task {w + 1}", float(res.rwl_kg[i, w]) * conv_w, unit, decimals=1),
        Metric("stli_max", "Highest STLI", float(res.stli[i, w]), decimals=2),
        Metric("fili_max", "Highest FILI", float(np.nanmax(res.fili[i])), decimals=2),
        Metric("n_tasks", "Tasks scored", float(n), decimals=0),
    ]
    return FactorResult(
        **base,
        applicable=True,
        reason=" ".join(left_out),
        band=band,
        index=float(res.index[i]),
        headline=Metric("li", label, native, decimals=2),
        metrics=tuple(metrics),
        tables=tuple(tables),
        drivers=tuple(drivers),
        borderline=bool(res.borderline[i]),
        why=_why(label, native, band),
    )
