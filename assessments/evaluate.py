"""From assessments (models or a flat table) to the scoring engine and back.

Both the single-assessment path (the form) and the batch path (a CSV of a
million rows) go through :func:`build_inputs`, so they hand the engine the
same arrays and get the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

import presentation
from assessments import model as m
from assessments.fields import LIST_SLOTS, fields_of, input_fields
from assessments.io import ParsedFrame, assessment_to_row, group_keys
from scoring import METHOD_VERSION, recommendations, registry, workstation_height
from scoring.bands import NOT_ASSESSED as NOT_ASSESSED_BAND
from scoring.engine import EngineResult, score
from scoring.results import AssessmentResult, FactorResult

NAME_INPUT = {
    "lifting.task": "task_names",
    "vibration.tool": "tool_names",
    "vibration.source": "source_names",
    "hand_exertion.task": "task_names",
    "push_pull_carry.task": "task_names",
}

# Section state per row, for the "why not applicable" sentence.
NOT_ASSESSED, MARKED_NA, ASSESSED = 0, 1, 2


@dataclass
class Inputs:
    """What the engine needs, plus each section's state per row."""

    n: int
    by_factor: dict[str, dict[str, np.ndarray]]
    applicable: dict[str, np.ndarray]
    state: dict[str, np.ndarray]  # section -> NOT_ASSESSED / MARKED_NA / ASSESSED


def rows_of(inputs: Inputs, start: int, stop: int) -> Inputs:
    """Return the inputs of rows ``start:stop`` (each row's arrays; a unit given once is kept)."""

    def rows(v):
        if isinstance(v, np.ndarray) and v.ndim and v.shape[0] == inputs.n:
            return v[start:stop]
        return v

    n = len(range(inputs.n)[start:stop])
    return Inputs(
        n=n,
        by_factor={f: {k: rows(v) for k, v in kw.items()} for f, kw in inputs.by_factor.items()},
        applicable={f: rows(v) for f, v in inputs.applicable.items()},
        state={s: rows(v) for s, v in inputs.state.items()},
    )


def _fill(spec, v: np.ndarray) -> np.ndarray:
    """Return a number column with blanks replaced by the field's default."""
    if spec.kind == "number":
        v = np.asarray(v, dtype=float)
        if spec.default is not None:
            v = np.where(np.isnan(v), float(spec.default), v)
    return v


def build_inputs(
    values: Mapping[str, np.ndarray],
    present: Mapping[str, np.ndarray],
    slots: Mapping[str, int],
    n: int,
) -> Inputs:
    """Return engine inputs from flat columns (column -> array, blanks as NaN/"").

    ``present`` tells, per section name and per list slot prefix
    ("lifting.task2."), which rows use it; ``slots`` the number of slots per list.
    """

    def col(spec, column):
        v = values.get(column)
        if v is None:
            default = spec.default
            if spec.kind == "number":
                v = np.full(n, np.nan if default is None else float(default))
            elif spec.kind == "flag":
                v = np.full(n, bool(default))
            else:
                v = np.full(
                    n, "" if default is None or spec.kind == "multi" else default, dtype=object
                )
        return _fill(spec, v)

    state = {}
    for section in m.SECTIONS:
        used = np.asarray(present.get(section, np.zeros(n, bool)), dtype=bool)
        na = col(fields_of(section)[0], f"{section}.not_applicable")
        state[section] = np.where(used, np.where(na, MARKED_NA, ASSESSED), NOT_ASSESSED)

    by_factor: dict[str, dict[str, np.ndarray]] = {}
    applicable: dict[str, np.ndarray] = {}
    for record in registry.FACTORS:
        factor, section, scope = record.id, record.section, record.list_scope
        ok = state[section] == ASSESSED
        if scope is not None:
            k_slots = max(1, int(slots.get(scope, 0)))
            kwargs = {}
            for spec in fields_of(scope):
                stack = [col(spec, spec.column(k)) for k in range(1, k_slots + 1)]
                kwargs[spec.name] = np.stack(stack, axis=1)
            used = np.stack(
                [
                    np.asarray(
                        present.get(f"{section}.{scope.split('.')[1]}{k}.", np.zeros(n, bool))
                    )
                    for k in range(1, k_slots + 1)
                ],
                axis=1,
            )
            kwargs = _list_inputs(scope, kwargs, used)
            ok = ok & used.any(axis=1)
        else:
            kwargs = {
                spec.name: col(spec, spec.column())
                for spec in fields_of(section)
                if spec.name != "not_applicable"
            }
        by_factor[factor] = kwargs
        applicable[factor] = ok
    return Inputs(n=n, by_factor=by_factor, applicable=applicable, state=state)


def _list_inputs(scope: str, kw: dict[str, np.ndarray], used: np.ndarray) -> dict[str, np.ndarray]:
    """Adapt list-item columns to the method's arguments (names, flags, unused slots)."""
    out = dict(kw)
    out[NAME_INPUT[scope]] = out.pop("name")
    if scope == "lifting.task":
        out["us_units"] = out.pop("unit_system") == "us"
        out["excluded"] = out["exclusions"] != ""
        out["load_kg"] = np.where(used, out["load_kg"], np.nan)
    elif scope == "vibration.tool":
        out["a_hv_m_s2"] = np.where(used, out["a_hv_m_s2"], np.nan)
    elif scope == "hand_exertion.task":
        # An unused slot has no exertion: the method then leaves it out (not a zero task).
        for name in ("intensity", "efforts_per_min", "exertion_s", "wrist_angle_deg"):
            out[name] = np.where(used, out[name], np.nan)
        groups = np.where(used, group_keys(out.pop("part_of_task")), "")
        out["task"] = task_labels(groups)
        out["group_names"] = groups.astype(object)
    elif scope == "push_pull_carry.task":
        # The form and the CSV take forces in newtons; an unused slot has no kind.
        out["initial_force"] = out.pop("initial_force_n")
        out["sustained_force"] = out.pop("sustained_force_n")
        out["force_unit"] = "N"
        out["kind"] = np.where(used, out["kind"], "")
    else:
        for axis in "xyz":
            out[f"a_w{axis}_m_s2"] = np.where(used, out[f"a_w{axis}_m_s2"], np.nan)
    return out


def task_labels(groups: np.ndarray) -> np.ndarray:
    """Return (n, K) task labels: a slot's own index, or that of the first slot of its group.

    ``groups`` holds each slot's task-group key ("" for a task of its own); the
    Revised Strain Index combines the slots of one label into that task's COSI.
    """
    k = groups.shape[1]
    labels = np.broadcast_to(np.arange(k), groups.shape).copy()
    for b in range(k):  # K slots: pairs of columns, never a loop over rows
        for a in range(b - 1, -1, -1):  # the earliest slot of the group wins
            same = (groups[:, b] != "") & (groups[:, a] == groups[:, b])
            labels[:, b] = np.where(same, a, labels[:, b])
    return labels


def inputs_from_parsed(parsed: ParsedFrame) -> Inputs:
    """Return engine inputs for a parsed flat table (the batch path)."""
    slots = {}
    for (section, _), (item, _) in LIST_SLOTS.items():
        prefix = f"{section}.{item}"
        slots[prefix] = sum(1 for p in parsed.present if p.startswith(prefix) and p.endswith("."))
    return build_inputs(parsed.values, parsed.present, slots, parsed.n)


def _typed(spec, cells: list) -> np.ndarray:
    """Return one column of model values as the array type the batch parser makes."""
    if spec.kind == "number":
        return np.array([np.nan if v is None else float(v) for v in cells], dtype=float)
    if spec.kind == "flag":
        return np.array([bool(spec.default) if v is None else bool(v) for v in cells], dtype=bool)
    if spec.kind == "choice":
        return np.array([spec.default if v is None else v for v in cells], dtype=object)
    return np.array(["" if v is None else str(v) for v in cells], dtype=object)


def inputs_from_assessments(assessments: Iterable[m.Assessment]) -> Inputs:
    """Return engine inputs for validated assessment models (the form's path)."""
    items = list(assessments)
    rows = [assessment_to_row(a) for a in items]
    n = len(rows)
    present: dict[str, np.ndarray] = {
        section: np.array([getattr(a, section) is not None for a in items], dtype=bool)
        for section in m.SECTIONS
    }
    slots: dict[str, int] = {}
    for (section, attr), (item, _) in LIST_SLOTS.items():
        counts = [
            len(getattr(getattr(a, section), attr)) if getattr(a, section) else 0 for a in items
        ]
        slots[f"{section}.{item}"] = max(counts, default=0)
        for k in range(1, max(counts, default=0) + 1):
            present[f"{section}.{item}{k}."] = np.array([c >= k for c in counts])
    values: dict[str, np.ndarray] = {}
    for spec in input_fields():
        if "." in spec.scope:
            columns = [spec.column(k) for k in range(1, slots[spec.scope] + 1)]
        else:
            columns = [spec.column()]
        for c in columns:
            values[c] = _typed(spec, [r.get(c) for r in rows])
    return build_inputs(values, present, slots, n)


# ------------------------------------------------------------------ single assessment


def _not_applicable_reason(section: str, state: int) -> str:
    if state == NOT_ASSESSED:
        return (
            f"Not assessed: nothing was entered in the {m.section_title(section).lower()} section."
        )
    if state == MARKED_NA:
        return "Marked not applicable by the assessor."
    return ""


def factor_results(engine: EngineResult, inputs: Inputs, i: int = 0) -> tuple[FactorResult, ...]:
    """Return the presented result of every factor for row ``i``."""
    out = []
    for factor in registry.FACTORS:
        st = int(inputs.state[factor.section][i])
        if st != ASSESSED:
            out.append(
                FactorResult.not_applicable(
                    factor=factor.id,
                    title=factor.title,
                    method=factor.method.id,
                    reason=_not_applicable_reason(factor.section, st),
                    not_assessed=st == NOT_ASSESSED,
                )
            )
            continue
        out.append(presentation.factor_result(factor, engine.results[factor.id], i))
    return tuple(out)


def score_assessment(a: m.Assessment) -> AssessmentResult:
    """Return the full result of one assessment: factors, overall, recommendations."""
    inputs = inputs_from_assessments([a])
    engine = score(inputs.by_factor, inputs.applicable, 1)
    factors = factor_results(engine, inputs, 0)
    recs, targets = recommendations.recommend(engine, inputs.by_factor, inputs.applicable, 0)
    limits: tuple[str, ...] = ()
    desk = workstation_height.METHOD.factor
    if engine.band[0, registry.position(desk)] >= 0:
        limits = tuple(recommendations.furniture_limits(engine.results[desk], 0))
    sym = a.symptoms
    advice = recommendations.symptom_advice(
        cauda_equina_signs=bool(sym and sym.cauda_equina_signs),
        leg_symptoms=bool(sym and sym.leg_pain_numbness),
    )
    return AssessmentResult(
        factors=factors,
        overall_band=int(engine.overall_band[0]),
        n_high=int(engine.n_high[0]),
        recommendations=tuple(recs),
        desk_targets=targets,
        desk_limits=limits,
        symptom_advice=advice,
        method_version=METHOD_VERSION,
    )


def band_codes(engine: EngineResult, inputs: Inputs) -> np.ndarray:
    """Return the (n, factors) band codes to store and count: the engine's bands, with
    :data:`scoring.bands.NOT_ASSESSED` where the factor's section was left out (the engine
    has -1, not applicable, for both)."""
    band = np.asarray(engine.band, dtype=int).copy()
    for j, factor in enumerate(registry.FACTORS):
        band[inputs.state[factor.section] == NOT_ASSESSED, j] = NOT_ASSESSED_BAND
    return band


def score_many(assessments: Iterable[m.Assessment]) -> EngineResult:
    """Return the engine's arrays for many validated assessments at once."""
    inputs = inputs_from_assessments(assessments)
    return score(inputs.by_factor, inputs.applicable, inputs.n)
