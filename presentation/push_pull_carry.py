"""Push, pull and carry in words: each task's acceptable force or weight and its ratio."""

from __future__ import annotations

import math

import numpy as np

from scoring import push_pull_carry as ppc
from scoring.bands import band_name
from scoring.results import DetailTable, FactorResult, Metric

M = ppc.METHOD
# Why a task row was left out (reason codes of the method).
EXCLUDED = {
    ppc.NO_LOAD: "left out: no force (push, pull) or weight (carry) given",
    ppc.MISSING_INPUT: "left out: hand height, distance or frequency missing",
    ppc.HAND_HEIGHT_OUT: "left out: hand height outside the equations' range",
    ppc.DISTANCE_OUT: "left out: distance outside the equations' range",
    ppc.FREQUENCY_OUT: "left out: frequency outside the equations' range",
    ppc.VELOCITY_OUT: "left out: distance × frequency above the equations' limit",
    ppc.PERCENTILE_OUT: "left out: share protected outside 50-99 %",
}
FACTOR_NAMES = ("hand height", "distance", "frequency")  # limiting_* codes 0, 1, 2
SEX_WORDS = ("women", "men")
COLUMNS = ("task", "kind", "protects", "V cm", "DH m", "F /min", "load")
COLUMNS += ("V_SF", "DH_SF", "F_SF", "acceptable", "ratio", "% accept")


def _at(res, name: str, i: int) -> np.ndarray:
    return np.asarray(getattr(res, name))[i]


def _num(x: float, d: int) -> str:
    return "—" if math.isnan(x) else f"{x:.{d}f}"


def _newtons(kgf: float) -> str:
    """Return a force given in kgf as newtons, the unit the form takes."""
    return _num(kgf * ppc.STANDARD_GRAVITY_M_S2, 0) + " N"  # bib:iso-80000-3-2019


def _load_text(kind: int, kgf: float) -> str:
    if math.isnan(kgf):
        return "—"
    return _num(kgf, 1) + " kg" if kind == ppc.CARRY else _newtons(kgf)


def _phases(kind: int) -> tuple[tuple[str, str], ...]:
    """Return (result suffix, words) of the phases a task of this kind has."""
    if kind == ppc.CARRY:
        return (("initial", "carry"),)
    return (("initial", "initial"), ("sustained", "sustained"))


def _actual(res, kind: int, phase: str, i: int, k: int) -> float:
    if kind == ppc.CARRY:
        return float(_at(res, "carry_weight_kg", i)[k])
    name = "initial_force_kgf" if phase == "initial" else "sustained_force_kgf"
    return float(_at(res, name, i)[k])


def task_rows(res, i: int) -> tuple[tuple[str, ...], ...]:
    """Return one row per task and phase with an input: inputs, scale factors and ratio."""
    reason = _at(res, "reason", i)
    rows = []
    for k in range(reason.shape[0]):
        if reason[k] == ppc.UNUSED:
            continue
        kind = int(_at(res, "kind", i)[k])
        sex = int(_at(res, "sex", i)[k])
        inputs = [
            _num(float(_at(res, "percentile", i)[k]), 0) + f" % {SEX_WORDS[sex]}",
            _num(float(_at(res, "hand_height_m", i)[k]) * 100.0, 0),
            _num(float(_at(res, "distance_m", i)[k]), 1),
            _num(float(_at(res, "frequency_per_min", i)[k]), 3),
        ]
        for phase, words in _phases(kind):
            label = (f"Task {k + 1}", f"{ppc.KINDS[kind]} {words}".replace("carry carry", "carry"))
            load = _load_text(kind, _actual(res, kind, phase, i, k))
            if reason[k] != ppc.OK:
                left = EXCLUDED.get(int(reason[k]), "left out")
                rows.append((*label, *inputs, load, left, "", "", "", "", ""))
                break
            cells = [
                _num(float(_at(res, f"{name}_{phase}", i)[k]), 2) for name in ("v_sf", "dh_sf")
            ]
            cells.append(_num(float(_at(res, f"f_sf_{phase}", i)[k]), 2))
            cells.append(_load_text(kind, float(_at(res, f"mal_{phase}_kg", i)[k])))
            cells.append(_num(float(_at(res, f"ratio_{phase}", i)[k]), 2))
            cells.append(_num(float(_at(res, f"percent_capable_{phase}", i)[k]), 0))
            rows.append((*label, *inputs, load, *cells))
    return tuple(rows)


def _worst_phase(res, i: int, k: int) -> str:
    """Return "initial" or "sustained": the phase with the higher ratio of task k."""
    first = float(_at(res, "ratio_initial", i)[k])
    sust = float(_at(res, "ratio_sustained", i)[k])
    return (
        "sustained" if not math.isnan(sust) and (math.isnan(first) or sust > first) else "initial"
    )


def drivers(res, i: int) -> tuple[str, ...]:
    """Return what limits the worst task's acceptable load, and the source's cautions."""
    k = int(_at(res, "worst_task", i))
    if k < 0:
        return ()
    phase = _worst_phase(res, i, k)
    code = int(_at(res, f"limiting_{phase}", i)[k])
    out = []
    if code >= 0:
        name = FACTOR_NAMES[code]
        sf = ("v_sf", "dh_sf", "f_sf")[code]
        value = float(_at(res, f"{sf}_{phase}", i)[k])
        out.append(
            f"Task {k + 1}: {name} lowers the acceptable load most ({sf.upper()} {value:.2f})"
        )
    caution = _at(res, "velocity_caution", i)
    for j in np.flatnonzero(caution):
        speed = float(_at(res, "velocity_m_min", i)[j])
        out.append(
            f"Task {j + 1}: {speed:.1f} m/min walked with the load, above the speed the "
            "authors advise caution at (Potvin et al. 2021 §4.3)"
        )
    if bool(_at(res, "below_design_criterion", i)):
        out.append(
            f"Accepted by fewer than {ppc.DESIGN_CRITERION_PERCENT:.0f} % of women, the "
            "source's minimum design threshold (Potvin et al. 2021 §3.4)"
        )
    return tuple(out)


def why(res, i: int) -> str:
    """Return the band and the comparison behind it in one sentence."""
    k = int(_at(res, "worst_task", i))
    ratio = float(_at(res, "native", i))
    kind = int(_at(res, "kind", i)[k])
    phase = _worst_phase(res, i, k)
    what = "weight" if kind == ppc.CARRY else f"{phase} force"
    pct = float(_at(res, "percentile", i)[k])
    sex = SEX_WORDS[int(_at(res, "sex", i)[k])]
    side = "within" if ratio <= ppc.RATIO_MODERATE else "above"
    return (
        f"{band_name(int(_at(res, 'band', i))).capitalize()}: task {k + 1}'s {what} is "
        f"{ratio:.2f} × the value acceptable to {pct:.0f} % of {sex}, {side} it (Liberty "
        "Mutual equations, Potvin et al. 2021; band edges above 1.0 are project rules)."
    )


def factor_result(res, i: int = 0) -> FactorResult:
    """Return the push, pull and carry presented result for row ``i``."""
    base = {"factor": M.factor, "title": M.factor_title, "method": M.id}
    band = int(_at(res, "band", i))
    if band < 0:
        excluded = int(_at(res, "n_excluded", i))
        reason = (
            f"Not scored: {excluded} task(s) left out (see the inputs)."
            if excluded
            else "Not scored: no push, pull or carry task was entered."
        )
        return FactorResult.not_applicable(**base, reason=reason)
    metrics = (
        Metric("ppc_ratio", "Worst ratio to acceptable", float(_at(res, "native", i)), "", 2),
        Metric(
            "ppc_percent_capable",
            "Least share who accept it",
            float(_at(res, "min_percent_capable", i)),
            "%",
            0,
        ),
        Metric("ppc_tasks", "Tasks scored", float(_at(res, "n_tasks", i)), "", 0),
    )
    table = DetailTable(
        title="Push, pull and carry per task: inputs, scale factors and acceptable load",
        columns=COLUMNS,
        rows=task_rows(res, i),
    )
    return FactorResult(
        **base,
        applicable=True,
        band=band,
        index=float(_at(res, "index", i)),
        headline=metrics[0],
        metrics=metrics,
        tables=(table,),
        drivers=drivers(res, i),
        borderline=bool(_at(res, "borderline", i)),
        why=why(res, i),
    )
