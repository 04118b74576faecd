"""Revised Strain Index (RSI) per subtask, COSI per task and CUSI per job.

The Revised Strain Index of Garg, Moore & Kapellusch (2017a) rates the physical exposure
of the distal upper extremity (hand, wrist, forearm, elbow) as the product of five
continuous multipliers::

    RSI = IM × EM × DM × PM × HM

- ``IM`` intensity of exertion ``I`` as a fraction of maximum strength (0-1); a Borg
  CR-10 rating is read as ``I = CR-10 / 10``;
- ``EM`` efforts per minute ``E``;
- ``DM`` duration per exertion ``D`` [s];
- ``PM`` hand/wrist posture: flexion or extension ``W`` [deg];
- ``HM`` duration of the task per day ``H`` [h].

A task made of several subtasks (different forces or exertion times in one cycle) is
rated by the Composite Strain Index, and a job that rotates between tasks over the shift
by the Cumulative Strain Index (Garg, Moore & Kapellusch 2017b)::

    COSI = RSI_1 + Σ_{k>=2} FIRSI_k × (EM(E_1 + ... + E_k) − EM(E_1 + ... + E_{k-1}))
    CUSI = COSI_1 + Σ_{j>=2} COSI_j / HM(H_j) × (HM(H_1 + ... + H_j) − HM(H_1 + ... + H_{j-1}))

with ``FIRSI = IM × DM × PM × HM`` (the frequency-independent RSI), subtasks ordered by
RSI and tasks by COSI, highest first. A single subtask gives COSI = RSI; a single task
gives CUSI = COSI.

Project choices (docs/methods/revised-strain-index.md gives the reasons):

* Each slot of the (n, K) inputs is a subtask. ``task`` labels group subtasks into
  tasks; without it every slot is a task of its own. The subtasks of one task share its
  duration per day; when they were entered with different hours the longest is used.
* Excluded slots give NaN and a reason code (``REASON_*``): some inputs missing, a
  negative value, an intensity above maximum strength, or exertions that take longer
  than the minute they are counted in (``E × D > 60 s``).
* Band: RSI (COSI, CUSI) <= 10 low, > 10 high (the authors' hazard threshold); the
  authors publish no moderate or very-high level, so there is none. The index reaches
  the top of the high band at 20 (twice the threshold): project rule.

Sources (keys into docs/methods/bibliography.toml): garg-2017-rsi, garg-2017-cosi,
moore-garg-1995.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from scoring.bands import BandScale
from scoring.results import MethodInfo

# bib:garg-2017-rsi Eq. for IM: cubic in I, one branch up to I = 0.4, another above.
IM_BREAK = 0.4
IM_LOW = (30.00, -15.60, 13.00, 0.40)  # I <= 0.4: 30.00·I³ − 15.60·I² + 13.00·I + 0.40
IM_HIGH = (36.00, -33.30, 24.77, -1.86)  # I > 0.4: 36.00·I³ − 33.30·I² + 24.77·I − 1.86
I_MAX = 1.0  # bib:garg-2017-rsi: I is a fraction of maximum strength, at most 1
BORG_CR10_MAX = 10.0  # bib:garg-2017-rsi: Borg CR-10 rating / 10 estimates I
# bib:garg-2017-rsi Eq. for EM: linear up to 90 efforts/min, a power law above.
EM_BREAK = 90.0
EM_LINEAR = (0.10, 0.25)  # E <= 90: 0.10 + 0.25·E
EM_POWER = (0.00334, 1.96)  # E > 90: 0.00334·E^1.96
# bib:garg-2017-rsi Eq. for DM: linear up to 60 s, logarithmic above.
DM_BREAK_S = 60.0
DM_LINEAR = (0.45, 0.31)  # D <= 60 s: 0.45 + 0.31·D
DM_LOG = (19.17, -59.44)  # D > 60 s: 19.17·ln(D) − 59.44
# bib:garg-2017-rsi Eq. for PM: flexion exponential, extension flat to 30° then quadratic.
PM_FLEXION = (1.2, 0.009, -0.2)  # flexion F: 1.2·exp(0.009·F) − 0.2
PM_EXTENSION_FREE_DEG = 30.0  # extension W <= 30°: PM = 1.0
PM_EXTENSION_K = 0.00028  # extension W > 30°: 1.0 + 0.00028·(W − 30)²
# bib:garg-2017-rsi Eq. for HM: constant up to 0.05 h, then linear plus logarithmic.
HM_BREAK_H = 0.05
HM_FLOOR = 0.20  # H <= 0.05 h: HM = 0.20
HM_TERMS = (0.042, 0.090, 0.477)  # H > 0.05 h: 0.042·H + 0.090·ln(H) + 0.477
SECONDS_PER_MINUTE = 60.0  # E efforts a minute of D s each cannot exceed the minute

# bib:garg-2017-rsi: RSI <= 10 is the authors' safe side, > 10 hazardous.
HAZARD_THRESHOLD = 10.0
INDEX_CAP = 2.0 * HAZARD_THRESHOLD  # project rule: the high band's index tops out at 20

INTENSITY_SCALES = ("fraction", "borg_cr10")

# Reason codes per subtask slot (int8).
REASON_SCORED = 0
REASON_UNUSED = 1  # no intensity, efforts, exertion time or posture in the slot
REASON_INCOMPLETE = 2  # some of the five inputs missing
REASON_NEGATIVE = 3  # intensity, efforts, exertion time or hours below zero
REASON_INTENSITY_ABOVE_MAX = 4  # I > 1 (or Borg CR-10 > 10): outside the IM equation
REASON_EXERTION_EXCEEDS_MINUTE = 5  # E × D > 60 s: more exertion than the minute holds
REASONS = ("scored", "unused", "incomplete", "negative", "intensity_above_max", "over_minute")

METHOD = MethodInfo(
    id="revised_strain_index",
    factor="hand_exertion",
    factor_title="Hand-intensive work",
    title="Revised Strain Index (RSI, COSI, CUSI)",
    edition="Garg, Moore & Kapellusch 2017, Ergonomics 60(7):912-922 and 60(8):1033-1041",
    summary=(
        "Physical exposure of the hand, wrist and forearm in hand-intensive tasks. Five "
        "continuous multipliers, for intensity of exertion (fraction of maximum strength, "
        "or Borg CR-10 / 10), efforts per minute, duration per exertion, hand/wrist "
        "flexion or extension and duration of the task per day, multiply to the Revised "
        "Strain Index. Subtasks of one task combine into the Composite Strain Index "
        "(COSI): the highest RSI plus each further subtask's frequency-independent RSI "
        "times the rise of the efforts multiplier its efforts add. Tasks rotated over the "
        "shift combine into the Cumulative Strain Index (CUSI) the same way, with the "
        "hours multiplier. It sits beside the Washington L&I repetitive-motion screen, "
        "which stays the quick screen; the RSI is the detailed analysis. Index cap at 20 "
        "(twice the threshold): project rule."
    ),
    native="Cumulative Strain Index CUSI (= COSI for one task, = RSI for one subtask) [-]",
    scale=BandScale(
        edges=(None, HAZARD_THRESHOLD, None),
        cap=INDEX_CAP,
        edge_in_lower=(True, True, True),
        unit="",
    ),
    band_basis=(
        "Garg, Moore & Kapellusch 2017: RSI <= 10 low (the safe side), > 10 high "
        "(hazardous); the same threshold for COSI and CUSI. No moderate or very-high band "
        "(the authors publish none). Index cap 20 (twice the threshold): project rule."
    ),
    inputs=(
        "intensity",
        "efforts_per_min",
        "exertion_s",
        "wrist_angle_deg",
        "hours_per_day",
        "task",
        "intensity_scale",
    ),
    references=("garg-2017-rsi", "garg-2017-cosi", "moore-garg-1995"),
    unconfirmed=(
        "All five multiplier equations (IM, EM, DM, PM, HM) with their coefficients and "
        "break points (I 0.4, E 90/min, D 60 s, extension 30°, H 3 min a day): the paper's "
        "text was not seen; they were checked against a public implementation and the "
        "INSST technical notes NTP 1125/1169 as transcribed there, not the paper.",
        "Flexion multiplier 1.2·exp(0.009·F) − 0.2 applied from 0° of flexion with no "
        "upper limit: as transcribed, the paper's statement of its range not seen.",
        "Intensity from Borg CR-10 as rating / 10: recalled from the paper, not seen.",
        "Risk level RSI <= 10 safe, > 10 hazardous, and its use for COSI and CUSI: from "
        "secondary summaries of the papers; the papers' wording and page were not seen.",
        "COSI orders subtasks by RSI and CUSI orders tasks by COSI, highest first (the "
        "'peak exposure' subtask or task first): from a summary of the COSI paper; the "
        "tie rule (entry order) is a project choice.",
        "The paper's tables of multipliers at given values and its COSI/CUSI worked "
        "examples could not be read; the tests check the equations by hand-computed "
        "values and an INSST NTP 1169 example's inputs as transcribed, not the printed "
        "results.",
    ),
)


class RevisedStrainIndexResult(NamedTuple):
    """RSI results; per-subtask and per-task arrays are (n, K), per-assessment (n,)."""

    # inputs kept for presentation (intensity as a fraction of maximum strength)
    intensity: np.ndarray  # (n, K) I [-]
    efforts_per_min: np.ndarray  # (n, K) E [1/min]
    exertion_s: np.ndarray  # (n, K) D [s]
    wrist_angle_deg: np.ndarray  # (n, K) W [deg], extension > 0, flexion < 0
    hours_per_day: np.ndarray  # (n, K) H as entered [h]
    task: np.ndarray  # (n, K) int task label of each subtask
    group_names: np.ndarray  # (n, K) str name of the task it is part of ("" none given)
    # per subtask
    reason: np.ndarray  # (n, K) int8 REASON_* code
    scored: np.ndarray  # (n, K) bool
    im: np.ndarray  # (n, K) intensity multiplier
    em: np.ndarray  # (n, K) efforts multiplier
    dm: np.ndarray  # (n, K) duration-per-exertion multiplier
    pm: np.ndarray  # (n, K) posture multiplier
    hm: np.ndarray  # (n, K) hours multiplier of the subtask's task
    rsi: np.ndarray  # (n, K) RSI
    firsi: np.ndarray  # (n, K) frequency-independent RSI = IM·DM·PM·HM
    cosi_rank: np.ndarray  # (n, K) int: 0 = highest RSI of its task, -1 not scored
    cosi_cum_efforts: np.ndarray  # (n, K) efforts/min summed up to this subtask
    cosi_term: np.ndarray  # (n, K) this subtask's addition to its task's COSI
    # per task label (column g holds task g; NaN where no scored subtask has that label)
    task_hours: np.ndarray  # (n, K) duration of the task per day used [h]
    task_hours_differ: np.ndarray  # (n, K) bool: its subtasks were entered with other hours
    task_hm: np.ndarray  # (n, K) HM of the task's own duration
    cosi: np.ndarray  # (n, K) COSI of the task
    cusi_rank: np.ndarray  # (n, K) int: 0 = highest COSI, -1 no task
    cusi_cum_hours: np.ndarray  # (n, K) hours summed up to this task [h]
    cusi_term: np.ndarray  # (n, K) this task's addition to the CUSI
    # per assessment
    cusi: np.ndarray  # (n,) CUSI
    n_subtasks: np.ndarray  # (n,) int: subtasks scored
    n_tasks: np.ndarray  # (n,) int: tasks scored
    n_excluded: np.ndarray  # (n,) int: slots with some input but not scored
    worst_task: np.ndarray  # (n,) int: label of the task with the highest COSI, -1 none
    # contract fields
    native: np.ndarray  # (n,) = cusi
    band: np.ndarray  # (n,) int8
    index: np.ndarray  # (n,) float 0-100
    borderline: np.ndarray  # (n,) bool


def _check_scale(intensity_scale: str) -> str:
    if intensity_scale not in INTENSITY_SCALES:
        valid = ", ".join(repr(s) for s in INTENSITY_SCALES)
        raise ValueError(f"intensity_scale == {intensity_scale!r}, must be one of: {valid}.")
    return intensity_scale


def intensity_fraction(*, intensity, intensity_scale="fraction"):
    """Return the intensity of exertion as a fraction of maximum strength. [-]

    Parameters
    ----------
    intensity
        Intensity of exertion: a fraction of maximum strength (0-1) for
        ``"fraction"``, a Borg CR-10 rating (0-10) for ``"borg_cr10"``. [-]
    intensity_scale
        ``"fraction"`` or ``"borg_cr10"``.

    Raises
    ------
    ValueError
        If ``intensity_scale`` is not one of ``INTENSITY_SCALES``.
    """
    scale = _check_scale(intensity_scale)
    x = np.asarray(intensity, dtype=float)
    return x / BORG_CR10_MAX if scale == "borg_cr10" else x  # bib:garg-2017-rsi I = CR-10/10


def _cubic(x, coeffs):
    a, b, c, d = coeffs
    return ((a * x + b) * x + c) * x + d


def intensity_multiplier(*, intensity):
    """Return the intensity multiplier IM of a fraction of maximum strength.

    Parameters
    ----------
    intensity
        Intensity of exertion I as a fraction of maximum strength, 0-1. [-]

    Returns
    -------
    numpy.ndarray or float
        IM [-]; NaN outside 0 <= I <= 1 (the equation's range).

    References
    ----------
    Garg, Moore & Kapellusch 2017a, equation for IM.
    """
    i = np.asarray(intensity, dtype=float)
    im = np.where(i <= IM_BREAK, _cubic(i, IM_LOW), _cubic(i, IM_HIGH))  # bib:garg-2017-rsi
    return np.where((i >= 0) & (i <= I_MAX), im, np.nan)[()]


def efforts_multiplier(*, efforts_per_min):
    """Return the efforts multiplier EM.

    Parameters
    ----------
    efforts_per_min
        Efforts per minute E. [1/min]

    Returns
    -------
    numpy.ndarray or float
        EM [-]; NaN for E < 0.

    References
    ----------
    Garg, Moore & Kapellusch 2017a, equation for EM.
    """
    e = np.asarray(efforts_per_min, dtype=float)
    em = np.asarray(EM_LINEAR[0] + EM_LINEAR[1] * e)  # bib:garg-2017-rsi EM, E <= 90
    fast = e > EM_BREAK  # the power is costly: only where it applies
    em[fast] = EM_POWER[0] * np.power(e[fast], EM_POWER[1])  # bib:garg-2017-rsi EM, E > 90
    return np.where(e >= 0, em, np.nan)[()]


def duration_multiplier(*, exertion_s):
    """Return the duration-per-exertion multiplier DM.

    Parameters
    ----------
    exertion_s
        Duration of one exertion D. [s]

    Returns
    -------
    numpy.ndarray or float
        DM [-]; NaN for D < 0.

    References
    ----------
    Garg, Moore & Kapellusch 2017a, equation for DM.
    """
    d = np.asarray(exertion_s, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_branch = DM_LOG[0] * np.log(np.maximum(d, DM_BREAK_S)) + DM_LOG[1]
    dm = np.where(d <= DM_BREAK_S, DM_LINEAR[0] + DM_LINEAR[1] * d, log_branch)
    return np.where(d >= 0, dm, np.nan)[()]  # bib:garg-2017-rsi


def posture_multiplier(*, wrist_angle_deg):
    """Return the hand/wrist posture multiplier PM.

    Parameters
    ----------
    wrist_angle_deg
        Wrist angle W: extension positive, flexion negative, 0 neutral. [deg]

    Returns
    -------
    numpy.ndarray or float
        PM [-]: ``1.2·exp(0.009·F) − 0.2`` for flexion F = −W; 1.0 for extension up to
        30°, ``1 + 0.00028·(W − 30)²`` beyond.

    References
    ----------
    Garg, Moore & Kapellusch 2017a, equations for PM (flexion and extension).
    """
    w = np.asarray(wrist_angle_deg, dtype=float)
    a, k, c = PM_FLEXION
    flexion = a * np.exp(k * np.maximum(-w, 0.0)) + c  # bib:garg-2017-rsi PM, flexion
    over = np.maximum(w - PM_EXTENSION_FREE_DEG, 0.0)
    extension = 1.0 + PM_EXTENSION_K * over * over  # bib:garg-2017-rsi PM, extension
    return np.where(w < 0, flexion, extension)[()]


def hours_multiplier(*, hours_per_day):
    """Return the hours (duration of task per day) multiplier HM.

    Parameters
    ----------
    hours_per_day
        Duration of the task per day H. [h]

    Returns
    -------
    numpy.ndarray or float
        HM [-]: 0.20 up to 0.05 h, ``0.042·H + 0.090·ln(H) + 0.477`` above; NaN for H < 0.

    References
    ----------
    Garg, Moore & Kapellusch 2017a, equation for HM.
    """
    h = np.asarray(hours_per_day, dtype=float)
    a, b, c = HM_TERMS
    hh = np.maximum(h, HM_BREAK_H)
    hm = np.where(h <= HM_BREAK_H, HM_FLOOR, a * hh + b * np.log(hh) + c)  # bib:garg-2017-rsi
    return np.where(h >= 0, hm, np.nan)[()]


def revised_strain_index(*, im, em, dm, pm, hm):
    """Return RSI = IM × EM × DM × PM × HM. [-]"""
    return np.asarray(im) * em * dm * pm * hm  # bib:garg-2017-rsi


def frequency_independent_rsi(*, im, dm, pm, hm):
    """Return the frequency-independent RSI, FIRSI = IM × DM × PM × HM. [-]"""
    return np.asarray(im) * dm * pm * hm  # bib:garg-2017-cosi


def _as_slots(**arrays):
    """Return the arrays broadcast to (n, K): a scalar is one subtask, (K,) one assessment."""
    b = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in arrays.values()))
    if b[0].ndim > 2:
        raise ValueError(f"inputs have {b[0].ndim} dimensions, must be (n, K) or less.")
    shape = (1,) * (2 - b[0].ndim) + b[0].shape
    return {k: v.reshape(shape) for k, v in zip(arrays, b, strict=True)}


def _task_labels(task, shape):
    """Return task labels broadcast to (n, K); None gives every slot its own task."""
    if task is None:
        return np.broadcast_to(np.arange(shape[1]), shape)
    t = np.asarray(task)
    t = np.broadcast_to(t.reshape((1,) * max(0, 2 - t.ndim) + t.shape), shape)
    if not np.issubdtype(t.dtype, np.integer) or (t.size and (t.min() < 0 or t.max() >= shape[1])):
        raise ValueError(f"task labels must be integers 0 to {shape[1] - 1} (one per slot).")
    return t


def _reasons(x):
    """Return each slot's REASON_* code from its inputs (intensity as a fraction)."""
    vals = (x["intensity"], x["efforts"], x["exertion"], x["angle"], x["hours"])
    missing = sum(np.isnan(v).astype(int) for v in vals)
    reason = np.full(missing.shape, REASON_SCORED, dtype=np.int8)
    negative = (x["intensity"] < 0) | (x["efforts"] < 0) | (x["exertion"] < 0) | (x["hours"] < 0)
    over_minute = x["efforts"] * x["exertion"] > SECONDS_PER_MINUTE
    # Later rules win: a slot with missing input is reported incomplete whatever else it has.
    reason = np.where(over_minute, REASON_EXERTION_EXCEEDS_MINUTE, reason)
    reason = np.where(x["intensity"] > I_MAX, REASON_INTENSITY_ABOVE_MAX, reason)
    reason = np.where(negative, REASON_NEGATIVE, reason)
    reason = np.where(missing > 0, REASON_INCOMPLETE, reason)
    # Hours belong to the task and often arrive as one value for every slot: a slot with
    # none of the four per-exertion inputs is unused, whatever its hours.
    per_exertion = sum(np.isnan(v).astype(int) for v in vals[:4])
    reason = np.where(per_exertion == 4, REASON_UNUSED, reason)
    return reason.astype(np.int8)


def _per_task(values, task, scored, k, *, largest):
    """Return, per task label g (column g), the largest or smallest value of its scored slots."""
    fill = -np.inf if largest else np.inf
    cols = []
    for g in range(k):  # K task labels: a loop over columns, never over rows
        member = scored & (task == g)
        v = np.where(member, values, fill)
        best = v.max(axis=1) if largest else v.min(axis=1)
        cols.append(np.where(member.any(axis=1), best, np.nan))
    return np.stack(cols, axis=1)


def _ordered(key, valid):
    """Return the order sorting ``key`` highest first along the last axis (ties: entry order)."""
    return np.argsort(np.where(valid, -key, np.inf), axis=-1, kind="stable")


def _unsort(sorted_values, order, valid, fill):
    out = np.empty_like(sorted_values)
    np.put_along_axis(out, order, sorted_values, axis=-1)
    return np.where(valid, out, fill)


def composite_strain_index(*, rsi, firsi, efforts_per_min, member):
    """Return the COSI of one task from its subtasks (last axis) and each subtask's share.

    Parameters
    ----------
    rsi, firsi
        RSI and frequency-independent RSI of each subtask, shape (n, K). [-]
    efforts_per_min
        Efforts per minute of each subtask, shape (n, K). [1/min]
    member
        Bool (n, K): the slot is a scored subtask of this task.

    Returns
    -------
    tuple of numpy.ndarray
        ``cosi`` (n,) (NaN without a subtask), ``rank`` (n, K) int (0 = highest RSI,
        -1 not a member), ``cum_efforts`` (n, K) [1/min] and ``term`` (n, K), the
        subtask's addition (RSI for the first, FIRSI·ΔEM after).

    References
    ----------
    Garg, Moore & Kapellusch 2017b, COSI.
    """
    order = _ordered(rsi, member)
    m_s = np.take_along_axis(member, order, axis=-1)
    e_s = np.where(m_s, np.take_along_axis(efforts_per_min, order, axis=-1), 0.0)
    cum_e = np.cumsum(e_s, axis=-1)
    em_cum = efforts_multiplier(efforts_per_min=cum_e)
    em_prev = efforts_multiplier(efforts_per_min=cum_e - e_s)
    firsi_s = np.take_along_axis(firsi, order, axis=-1)
    term = firsi_s * (em_cum - em_prev)  # bib:garg-2017-cosi ΔRSI = FIRSI × ΔEM
    term[:, 0] = np.take_along_axis(rsi, order, axis=-1)[:, 0]  # the peak subtask's RSI
    term = np.where(m_s, term, 0.0)
    cosi = np.where(member.any(axis=-1), term.sum(axis=-1), np.nan)
    ranks = np.broadcast_to(np.arange(member.shape[-1]), member.shape)
    rank = _unsort(ranks, order, member, -1)
    return cosi, rank, _unsort(cum_e, order, member, np.nan), _unsort(term, order, member, np.nan)


def cumulative_strain_index(*, cosi, hours_per_day):
    """Return the CUSI of a job from its tasks (last axis) and each task's share.

    Parameters
    ----------
    cosi
        COSI of each task, shape (n, J); NaN marks no task. [-]
    hours_per_day
        Duration of each task per day, shape (n, J). [h]

    Returns
    -------
    tuple of numpy.ndarray
        ``cusi`` (n,) (NaN without a task), ``rank`` (n, J) int (0 = highest COSI, -1
        no task), ``cum_hours`` (n, J) [h] and ``term`` (n, J), the task's addition
        (COSI for the first, COSI/HM(H)·ΔHM after).

    References
    ----------
    Garg, Moore & Kapellusch 2017b, CUSI.
    """
    valid = ~np.isnan(cosi)
    order = _ordered(cosi, valid)
    v_s = np.take_along_axis(valid, order, axis=-1)
    h_s = np.where(v_s, np.take_along_axis(hours_per_day, order, axis=-1), 0.0)
    c_s = np.take_along_axis(cosi, order, axis=-1)
    cum_h = np.cumsum(h_s, axis=-1)
    hm_own = hours_multiplier(hours_per_day=h_s)
    delta = hours_multiplier(hours_per_day=cum_h) - hours_multiplier(hours_per_day=cum_h - h_s)
    with np.errstate(divide="ignore", invalid="ignore"):
        term = c_s / hm_own * delta  # bib:garg-2017-cosi CUSI: COSI_j / HM_j × ΔHM
    term[:, 0] = c_s[:, 0]  # the peak task's COSI
    term = np.where(v_s, term, 0.0)
    cusi = np.where(valid.any(axis=-1), term.sum(axis=-1), np.nan)
    ranks = np.broadcast_to(np.arange(valid.shape[-1]), valid.shape)
    rank = _unsort(ranks, order, valid, -1)
    return cusi, rank, _unsort(cum_h, order, valid, np.nan), _unsort(term, order, valid, np.nan)


def assess(
    *,
    intensity,
    efforts_per_min,
    exertion_s,
    wrist_angle_deg,
    hours_per_day,
    task=None,
    intensity_scale="fraction",
    group_names=None,
) -> RevisedStrainIndexResult:
    """Return the RSI of every subtask, the COSI of every task and the CUSI of each job.

    Parameters
    ----------
    intensity
        Intensity of exertion of each subtask, shape (n, K), NaN in unused slots: a
        fraction of maximum strength (0-1) or a Borg CR-10 rating (0-10), see
        ``intensity_scale``. A scalar is one subtask, a (K,) array one assessment. [-]
    efforts_per_min
        Efforts per minute of each subtask. [1/min]
    exertion_s
        Duration of one exertion. [s]
    wrist_angle_deg
        Hand/wrist posture: extension positive, flexion negative. [deg]
    hours_per_day
        Duration per day of the task the subtask belongs to. [h]
    task
        Integer label 0..K-1 of the task each subtask belongs to, broadcast to (n, K);
        default: every slot is a task of its own.
    intensity_scale
        ``"fraction"`` (default) or ``"borg_cr10"`` for every slot.
    group_names
        Optional name of the task each subtask was entered as part of, kept for the
        presentation ("" for a task of its own; not used in the scores). [str]

    Returns
    -------
    RevisedStrainIndexResult
        Per subtask: the five multipliers, RSI, FIRSI, reason code, COSI rank, summed
        efforts and COSI term. Per task label: hours, HM, COSI, CUSI rank, summed hours
        and CUSI term. Per assessment: CUSI and counts, and the contract fields
        ``native`` (= CUSI), ``band``, ``index``, ``borderline``. No scored subtask:
        native NaN, band -1.

    Raises
    ------
    ValueError
        If ``intensity_scale`` is unknown or a task label is outside 0..K-1.

    References
    ----------
    Garg, Moore & Kapellusch 2017a (RSI); 2017b (COSI, CUSI).
    """
    x = _as_slots(
        intensity=intensity_fraction(intensity=intensity, intensity_scale=intensity_scale),
        efforts=efforts_per_min,
        exertion=exertion_s,
        angle=wrist_angle_deg,
        hours=hours_per_day,
    )
    shape = x["intensity"].shape
    k = shape[1]
    labels = _task_labels(task, shape)
    reason = _reasons(x)
    scored = reason == REASON_SCORED

    # The subtasks of one task share its duration per day (project rule: the longest entered).
    task_hours = _per_task(x["hours"], labels, scored, k, largest=True)
    task_min = _per_task(x["hours"], labels, scored, k, largest=False)
    hours_of_slot = np.take_along_axis(np.nan_to_num(task_hours), labels, axis=1)

    def mask(v):
        return np.where(scored, v, np.nan)

    im = mask(intensity_multiplier(intensity=x["intensity"]))
    em = mask(efforts_multiplier(efforts_per_min=x["efforts"]))
    dm = mask(duration_multiplier(exertion_s=x["exertion"]))
    pm = mask(posture_multiplier(wrist_angle_deg=x["angle"]))
    hm = mask(hours_multiplier(hours_per_day=hours_of_slot))
    rsi = revised_strain_index(im=im, em=em, dm=dm, pm=pm, hm=hm)
    firsi = frequency_independent_rsi(im=im, dm=dm, pm=pm, hm=hm)

    cosi = np.full(shape, np.nan)
    cosi_rank = np.full(shape, -1)
    cum_e = np.full(shape, np.nan)
    cosi_term = np.full(shape, np.nan)
    for g in range(k):  # K task labels: a loop over columns, never over rows
        member = scored & (labels == g)
        if not member.any():
            continue
        if member.sum(axis=1).max() == 1:  # one subtask per row: COSI = RSI (garg-2017-cosi)
            cosi[:, g] = np.where(member, rsi, 0.0).sum(axis=1)
            cosi[:, g] = np.where(member.any(axis=1), cosi[:, g], np.nan)
            cosi_rank = np.where(member, 0, cosi_rank)
            cum_e = np.where(member, x["efforts"], cum_e)
            cosi_term = np.where(member, rsi, cosi_term)
            continue
        c, r, ce, t = composite_strain_index(
            rsi=rsi, firsi=firsi, efforts_per_min=x["efforts"], member=member
        )
        cosi[:, g] = c
        cosi_rank = np.where(member, r, cosi_rank)
        cum_e = np.where(member, ce, cum_e)
        cosi_term = np.where(member, t, cosi_term)

    cusi, cusi_rank, cum_h, cusi_term = cumulative_strain_index(cosi=cosi, hours_per_day=task_hours)
    has_task = ~np.isnan(cosi)
    n_tasks = has_task.sum(axis=1)
    worst = np.where(n_tasks > 0, np.argmax(np.where(has_task, cosi, -np.inf), axis=1), -1)

    scale = METHOD.scale
    return RevisedStrainIndexResult(
        intensity=x["intensity"],
        efforts_per_min=x["efforts"],
        exertion_s=x["exertion"],
        wrist_angle_deg=x["angle"],
        hours_per_day=x["hours"],
        task=labels,
        group_names=np.broadcast_to(
            np.asarray("" if group_names is None else group_names, dtype=object), shape
        ),
        reason=reason,
        scored=scored,
        im=im,
        em=em,
        dm=dm,
        pm=pm,
        hm=hm,
        rsi=rsi,
        firsi=firsi,
        cosi_rank=cosi_rank,
        cosi_cum_efforts=cum_e,
        cosi_term=cosi_term,
        task_hours=task_hours,
        task_hours_differ=has_task & (task_hours != task_min),
        task_hm=np.where(has_task, hours_multiplier(hours_per_day=task_hours), np.nan),
        cosi=cosi,
        cusi_rank=cusi_rank,
        cusi_cum_hours=cum_h,
        cusi_term=cusi_term,
        cusi=cusi,
        n_subtasks=scored.sum(axis=1),
        n_tasks=n_tasks,
        n_excluded=((reason != REASON_SCORED) & (reason != REASON_UNUSED)).sum(axis=1),
        worst_task=worst,
        native=cusi,
        band=np.atleast_1d(scale.band(cusi)),
        index=np.atleast_1d(scale.index(cusi)),
        borderline=np.atleast_1d(scale.borderline(cusi)),
    )


class SingleInputLimits(NamedTuple):
    """Per subtask, (n, K): the one input value that brings its RSI to a target.

    Each holds the other four inputs as they are. ``inf``: every value of that input
    keeps the RSI at or below the target; NaN: no value of it alone reaches the target
    (or the slot is not scored).
    """

    intensity: np.ndarray  # fraction of maximum strength [-]
    efforts_per_min: np.ndarray  # [1/min]
    exertion_s: np.ndarray  # [s]
    hours_per_day: np.ndarray  # [h]


# Grids to invert the monotone IM and HM equations numerically (IM 0-1, HM 0.05-24 h).
_I_GRID = np.linspace(0.0, I_MAX, 20001)
_H_GRID = np.concatenate(([HM_BREAK_H], np.geomspace(HM_BREAK_H + 1e-9, 24.0, 20000)))


def _invert(target, values, grid):
    """Return the grid value where a non-decreasing ``values`` reaches ``target``."""
    out = np.interp(target, values, grid)
    out = np.where(target < values[0], np.nan, out)
    return np.where(target >= values[-1], np.inf, out)


def efforts_for_multiplier(em):
    """Return the efforts per minute whose EM equals ``em`` (inverse of EM). [1/min]"""
    m = np.asarray(em, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        linear = (m - EM_LINEAR[0]) / EM_LINEAR[1]  # bib:garg-2017-rsi EM, E <= 90
        power = (m / EM_POWER[0]) ** (1.0 / EM_POWER[1])  # bib:garg-2017-rsi EM, E > 90
    # The rounded coefficients leave EM 0.1 % lower just past 90/min: the line answers up to
    # its own value at 90, so the smallest E with that EM is returned.
    e = np.where(m <= EM_LINEAR[0] + EM_LINEAR[1] * EM_BREAK, linear, np.maximum(power, EM_BREAK))
    return np.where(m < EM_LINEAR[0], np.nan, e)[()]


def exertion_for_multiplier(dm):
    """Return the duration per exertion whose DM equals ``dm`` (inverse of DM). [s]"""
    m = np.asarray(dm, dtype=float)
    linear = (m - DM_LINEAR[0]) / DM_LINEAR[1]  # bib:garg-2017-rsi DM, D <= 60 s
    with np.errstate(over="ignore"):
        log_branch = np.exp((m - DM_LOG[1]) / DM_LOG[0])  # bib:garg-2017-rsi DM, D > 60 s
    top = DM_LINEAR[0] + DM_LINEAR[1] * DM_BREAK_S  # DM at 60 s on the line (19.05)
    d = np.where(m <= top, linear, np.maximum(log_branch, DM_BREAK_S))
    return np.where(m < DM_LINEAR[0], np.nan, d)[()]


def single_input_limits(res: RevisedStrainIndexResult, target=HAZARD_THRESHOLD):
    """Return, per subtask, each input's value that brings its own RSI to ``target``.

    Parameters
    ----------
    res
        An :func:`assess` result.
    target
        RSI to reach, by default the hazard threshold 10. [-]

    Returns
    -------
    SingleInputLimits
        Intensity [-], efforts per minute [1/min], duration per exertion [s] and task
        hours per day [h], one at a time, the other inputs unchanged. A limit counts for
        the subtask alone: in a task of several subtasks the COSI also carries the others.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        need = target / res.rsi  # factor the one multiplier must change by
        im_t, em_t, dm_t, hm_t = res.im * need, res.em * need, res.dm * need, res.hm * need
    im_grid = intensity_multiplier(intensity=_I_GRID)
    hm_grid = hours_multiplier(hours_per_day=_H_GRID)
    efforts = efforts_for_multiplier(em_t)
    exertion = exertion_for_multiplier(dm_t)
    # Exertions cannot take more than the minute: beyond it the input has no limit of its own.
    efforts = np.where(efforts * res.exertion_s > SECONDS_PER_MINUTE, np.inf, efforts)
    exertion = np.where(exertion * res.efforts_per_min > SECONDS_PER_MINUTE, np.inf, exertion)
    scored = res.scored
    return SingleInputLimits(
        intensity=np.where(scored, _invert(im_t, im_grid, _I_GRID), np.nan),
        efforts_per_min=np.where(scored, efforts, np.nan),
        exertion_s=np.where(scored, exertion, np.nan),
        hours_per_day=np.where(scored, _invert(hm_t, hm_grid, _H_GRID), np.nan),
    )
