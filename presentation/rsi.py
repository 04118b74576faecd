"""The Revised Strain Index in words: the CUSI, each task's RSI and its five multipliers."""

from __future__ import annotations

import math

import numpy as np

from scoring import revised_strain_index as rsi
from scoring.bands import band_name
from scoring.results import DetailTable, FactorResult, Metric

M = rsi.METHOD
# Why a task row with some input was left out (REASON_* codes of the method).
EXCLUDED = {
    rsi.REASON_INCOMPLETE: "left out: an input is missing",
    rsi.REASON_NEGATIVE: "left out: a value below zero",
    rsi.REASON_INTENSITY_ABOVE_MAX: "left out: intensity above maximum strength",
    rsi.REASON_EXERTION_EXCEEDS_MINUTE: "left out: efforts × seconds per exertion over 60 s",
}
MULTIPLIERS = (
    ("im", "intensity (IM)"),
    ("em", "efforts per minute (EM)"),
    ("dm", "duration per exertion (DM)"),
    ("pm", "hand/wrist posture (PM)"),
    ("hm", "hours a day (HM)"),
)
COLUMNS = ("task", "I", "efforts/min", "s/exertion", "wrist °", "h/day")
COLUMNS += ("IM", "EM", "DM", "PM", "HM", "RSI")
# Rows entered as subtasks of named tasks add the task each is part of, and a COSI table.
# There a line is a row of the form's table ("Row 2"), so that "Task" names a whole task.
GROUPED_COLUMNS = ("row", "part of task", *COLUMNS[1:])
COSI_COLUMNS = ("task", "subtask rows", "h/day", "HM", "COSI")


def _row_of(res, name: str, i: int) -> np.ndarray:
    return np.asarray(getattr(res, name), dtype=float)[i]


def _num(x: float, d: int) -> str:
    return "—" if math.isnan(x) else f"{x:.{d}f}"


def task_rows(res, i: int) -> tuple[tuple[str, ...], ...]:
    """Return one row per task slot with an input: the inputs, the multipliers and the RSI."""
    reason = np.asarray(res.reason)[i]
    rows = []
    for k in range(reason.shape[0]):
        if reason[k] == rsi.REASON_UNUSED:
            continue
        label = f"Task {k + 1}"
        inputs = [
            _num(_row_of(res, "intensity", i)[k], 2),
            _num(_row_of(res, "efforts_per_min", i)[k], 1),
            _num(_row_of(res, "exertion_s", i)[k], 1),
            _num(_row_of(res, "wrist_angle_deg", i)[k], 0),
            _num(_row_of(res, "hours_per_day", i)[k], 1),
        ]
        if reason[k] != rsi.REASON_SCORED:
            rows.append(
                (label, *inputs, EXCLUDED.get(int(reason[k]), "left out"), "", "", "", "", "")
            )
            continue
        mult = [_num(_row_of(res, name, i)[k], 2) for name, _ in MULTIPLIERS]
        rows.append((label, *inputs, *mult, _num(_row_of(res, "rsi", i)[k], 1)))
    return tuple(rows)


def grouped(res, i: int) -> bool:
    """Return True when a row with input was entered as part of a named task."""
    names = np.asarray(getattr(res, "group_names", np.array([[""]])), dtype=object)[i]
    used = np.asarray(res.reason)[i] != rsi.REASON_UNUSED
    return any(str(g) for g, u in zip(names, used, strict=True) if u)


def _task_name(res, i: int, g: int) -> str:
    """Return a task's name: the "Part of task" its rows give, or "Task k" for a row alone."""
    labels, names = np.asarray(res.task)[i], np.asarray(res.group_names, dtype=object)[i]
    given = [str(names[k]) for k in np.flatnonzero(labels == g) if str(names[k])]
    return given[0] if given else f"Task {g + 1}"


def grouped_task_rows(res, i: int) -> tuple[tuple[str, ...], ...]:
    """Return :func:`task_rows` labelled by row ("Row 2"), each with the task it is part of."""
    labels = np.asarray(res.task)[i]
    used = np.flatnonzero(np.asarray(res.reason)[i] != rsi.REASON_UNUSED)
    return tuple(
        (f"Row {k + 1}", _task_name(res, i, int(labels[k])), *row[1:])
        for k, row in zip(used, task_rows(res, i), strict=True)
    )


def cosi_rows(res, i: int) -> tuple[tuple[str, ...], ...]:
    """Return one row per scored task, in entry order: its subtasks, hours, HM and COSI."""
    labels = np.asarray(res.task)[i]
    scored = np.asarray(res.scored)[i]
    cosi = _row_of(res, "cosi", i)
    rows = []
    for g in range(cosi.shape[0]):
        if math.isnan(cosi[g]):
            continue
        members = ", ".join(str(k + 1) for k in np.flatnonzero(scored & (labels == g)))
        hours, hm = _row_of(res, "task_hours", i)[g], _row_of(res, "task_hm", i)[g]
        rows.append((_task_name(res, i, g), members, _num(hours, 1), _num(hm, 2), _num(cosi[g], 1)))
    return tuple(rows)


def drivers(res, i: int) -> tuple[str, ...]:
    """Return the multipliers above 1 of the highest-RSI task, largest first."""
    values = _row_of(res, "rsi", i)
    if np.all(np.isnan(values)):
        return ()
    k = int(np.nanargmax(values))
    found = [(_row_of(res, name, i)[k], label) for name, label in MULTIPLIERS]
    line = f"Row {k + 1}" if grouped(res, i) else f"Task {k + 1}"  # as the tables name it
    return tuple(
        f"{line}: {label} {v:.2f}" for v, label in sorted(found, key=lambda x: -x[0]) if v > 1
    )


def why(res, i: int) -> str:
    """Return the band and the threshold behind it in one sentence."""
    cusi = float(np.asarray(res.cusi)[i])
    n_tasks = int(np.asarray(res.n_tasks)[i])
    side = "above" if cusi > rsi.HAZARD_THRESHOLD else "at or below"
    what = "RSI" if n_tasks == 1 else f"CUSI over {n_tasks} tasks"
    if grouped(res, i):
        n_sub = int(np.asarray(res.n_subtasks)[i])
        of = f"{n_sub} subtask{'s' if n_sub != 1 else ''}"
        what = f"COSI of 1 task ({of})" if n_tasks == 1 else f"CUSI over {n_tasks} tasks ({of})"
    return (
        f"{band_name(int(np.asarray(res.band)[i])).capitalize()}: {what} {cusi:.1f}, {side} "
        f"the authors' hazard threshold {rsi.HAZARD_THRESHOLD:.0f} (Garg, Moore & Kapellusch "
        "2017; coefficients not yet confirmed from the paper)."
    )


def factor_result(res, i: int = 0) -> FactorResult:
    """Return the Revised Strain Index's presented result for row ``i``."""
    base = {"factor": M.factor, "title": M.factor_title, "method": M.id}
    band = int(np.asarray(res.band)[i])
    if band < 0:
        excluded = int(np.asarray(res.n_excluded)[i])
        reason = (
            f"Not scored: {excluded} task(s) left out (see the inputs)."
            if excluded
            else "Not scored: no task has all five inputs."
        )
        return FactorResult.not_applicable(**base, reason=reason)
    cusi = float(np.asarray(res.cusi)[i])
    cosi = _row_of(res, "cosi", i)
    metrics = (
        Metric("rsi_cusi", "CUSI", cusi, "", 1),
        Metric("rsi_worst_cosi", "Highest task RSI/COSI", float(np.nanmax(cosi)), "", 1),
        Metric("rsi_tasks", "Tasks scored", float(np.asarray(res.n_tasks)[i]), "", 0),
    )
    table = DetailTable(
        title="Revised Strain Index per task: inputs, multipliers and RSI",
        columns=COLUMNS,
        rows=task_rows(res, i),
    )
    tables: tuple[DetailTable, ...] = (table,)
    if grouped(res, i):
        n_sub = float(np.asarray(res.n_subtasks)[i])
        metrics += (Metric("rsi_subtasks", "Subtasks scored", n_sub, "", 0),)
        tables = (
            DetailTable(
                title="Revised Strain Index per subtask: inputs, multipliers and RSI",
                columns=GROUPED_COLUMNS,
                rows=grouped_task_rows(res, i),
            ),
            DetailTable(
                title="Composite Strain Index (COSI) per task",
                columns=COSI_COLUMNS,
                rows=cosi_rows(res, i),
            ),
        )
    return FactorResult(
        **base,
        applicable=True,
        band=band,
        index=float(np.asarray(res.index)[i]),
        headline=metrics[0],
        metrics=metrics,
        tables=tables,
        drivers=drivers(res, i),
        borderline=bool(np.asarray(res.borderline)[i]),
        why=why(res, i),
    )
