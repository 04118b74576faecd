"""Revised NIOSH Lifting Equation (RNLE): RWL and LI per task, FILI/STLI and the CLI per job.

``RWL = LC × HM × VM × DM × AM × FM × CM`` and ``LI = L / RWL`` (NIOSH 94-110 p. 1, p. 7).
For a job with several tasks the multi-task procedure (pp. 26-28) gives the
frequency-independent and single-task limits (FIRWL, STRWL), their indices (FILI,
STLI) and the Composite Lifting Index (CLI).

Every input is canonical (cm, kg, degrees, lifts/min). The manual defines two
constant sets that are *not* exact conversions of each other (23 kg vs 51 lb,
25/H cm vs 10/H in, ...), so each task carries a ``us_units`` flag: a US task is
converted back to inches, computed in pounds with the US constants and its RWL
returned in kg (× 0.45359237). Its LI is then the LI of the US worksheet.

Choices on the manual's open points (project choices; docs/methods/niosh-lifting.md
gives the reasons):

* HM, VM, DM and AM come from their formulas, not from Tables 1-4 (p. 7).
* FM is interpolated linearly between Table 5 rows, also between a non-zero row
  and a .00 row (FM falls continuously to 0 instead of jumping);
  F < 0.2 counts as 0.2 and F > 15 gives FM = 0 (pp. 14-15).
* FM uses V at the origin at both ends (p. 15); CM uses V at the end being
  evaluated (Example 4 worksheet, Figure 14 p. 46).
* A single task's LI uses the average load; FILI uses the maximum.
* With significant control the lower FIRWL of the two ends feeds FILI and STRWL
  (project rule).
* CLI: tasks are ordered by STLI, ties broken by the higher frequency, then by
  entry order (p. 57). The summed frequencies use the longest duration
  among the job's scored tasks and the V < 75 cm (30 in) column when any scored
  task starts below that height (the conservative reading, project rule).
  The sums add the tasks' effective F (after the special frequency adjustment);
  the 0.2 floor applies at the table look-up. A summed frequency beyond Table 5
  gives FM = 0 and the CLI is infinite.
* RWL = 0 (a variable beyond its limit) gives LI = inf: every load exceeds the
  limit, so the task sits in the top band (project rule).
* Lifting exactly 60 min is short, exactly 120 min moderate (Table 5 headings).

The band edges 1.0 and 3.0 are the manual's (p. 20); the 2.0 edge follows the
epidemiology of Waters et al. 2011, where the odds of low back pain were
significantly raised for 1 < LI <= 2 and higher again for 2 < LI <= 3.

Sources (keys into docs/methods/bibliography.toml): waters-1993, niosh-94-110,
waters-2011.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from scoring.bands import BandScale
from scoring.results import MethodInfo

KG_PER_LB = 0.45359237  # exact (international pound)
CM_PER_IN = 2.54  # exact

# NIOSH 94-110 p. 7 (constants and multiplier formulas), pp. 8-12 (range limits),
# Table 5 / Table 7 (V boundary of the FM and CM columns: 30 in = 75 cm).
METRIC_CONSTANTS = {
    "lc": 23.0,  # load constant [kg]
    "hm_k": 25.0,  # HM = 25/H
    "h_min": 25.0,  # H < 25 cm -> H = 25 (p. 8)
    "h_max": 63.0,  # H > 63 cm -> HM = 0 (p. 8, Table 1)
    "v_opt": 75.0,  # VM = 1 - 0.003 |V - 75|
    "vm_k": 0.003,
    "v_max": 175.0,  # V > 175 cm -> VM = 0 (p. 9)
    "dm_k": 4.5,  # DM = 0.82 + 4.5/D
    "d_min": 25.0,  # D < 25 cm -> D = 25 (p. 10)
    "d_max": 175.0,  # D > 175 cm -> DM = 0 (p. 11, Table 3)
    "v_boundary": 75.0,  # Table 5 / Table 7 columns: V < 75 cm vs V >= 75 cm
}
US_CONSTANTS = {
    "lc": 51.0,  # load constant [lb]
    "hm_k": 10.0,  # HM = 10/H
    "h_min": 10.0,
    "h_max": 25.0,
    "v_opt": 30.0,  # VM = 1 - 0.0075 |V - 30|
    "vm_k": 0.0075,
    "v_max": 70.0,
    "dm_k": 1.8,  # DM = 0.82 + 1.8/D
    "d_min": 10.0,
    "d_max": 70.0,
    "v_boundary": 30.0,
}
DM_BASE = 0.82  # NIOSH 94-110 p. 7, both unit systems
AM_SLOPE = 0.0032  # AM = 1 - 0.0032 A, NIOSH 94-110 p. 7
A_MAX_DEG = 135.0  # A > 135° -> AM = 0, NIOSH 94-110 p. 12
F_MIN = 0.2  # F < 0.2 lifts/min -> F = 0.2, NIOSH 94-110 p. 14 and Table 5 footnote
F_MAX = 15.0  # above the last Table 5 row FM = 0, NIOSH 94-110 Table 5 (">15" row)

UNIT_SYSTEMS = ("metric", "us")
DURATIONS = ("short", "moderate", "long")  # ≤1 h, >1-2 h, >2-8 h (pp. 13-14)
COUPLINGS = ("good", "fair", "poor")

# bib:niosh-94-110 Table 5 (p. 15), checked against a double transcription (see the entry's
# checked_at). Rows: F [lifts/min]; columns: duration × V at the origin.
FM_FREQUENCIES = np.array([0.2, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], float)
FREQUENCY_MULTIPLIER_TABLE = np.array(
    [
        # ≤1 h          >1-2 h         >2-8 h
        # V<75  V≥75    V<75  V≥75     V<75  V≥75
        [1.00, 1.00, 0.95, 0.95, 0.85, 0.85],  # ≤0.2
        [0.97, 0.97, 0.92, 0.92, 0.81, 0.81],  # 0.5
        [0.94, 0.94, 0.88, 0.88, 0.75, 0.75],  # 1
        [0.91, 0.91, 0.84, 0.84, 0.65, 0.65],  # 2
        [0.88, 0.88, 0.79, 0.79, 0.55, 0.55],  # 3
        [0.84, 0.84, 0.72, 0.72, 0.45, 0.45],  # 4
        [0.80, 0.80, 0.60, 0.60, 0.35, 0.35],  # 5
        [0.75, 0.75, 0.50, 0.50, 0.27, 0.27],  # 6
        [0.70, 0.70, 0.42, 0.42, 0.22, 0.22],  # 7
        [0.60, 0.60, 0.35, 0.35, 0.18, 0.18],  # 8
        [0.52, 0.52, 0.30, 0.30, 0.00, 0.15],  # 9
        [0.45, 0.45, 0.26, 0.26, 0.00, 0.13],  # 10
        [0.41, 0.41, 0.00, 0.23, 0.00, 0.00],  # 11
        [0.37, 0.37, 0.00, 0.21, 0.00, 0.00],  # 12
        [0.00, 0.34, 0.00, 0.00, 0.00, 0.00],  # 13
        [0.00, 0.31, 0.00, 0.00, 0.00, 0.00],  # 14
        [0.00, 0.28, 0.00, 0.00, 0.00, 0.00],  # 15
    ]
)  # >15: .00 in every column (F_MAX)

# NIOSH 94-110 Table 7 (p. 18): rows good/fair/poor, columns V < 75 cm (30 in), V ≥ 75 cm.
COUPLING_MULTIPLIER_TABLE = np.array([[1.00, 1.00], [0.95, 1.00], [0.90, 0.90]])

for _table in (FM_FREQUENCIES, FREQUENCY_MULTIPLIER_TABLE, COUPLING_MULTIPLIER_TABLE):
    _table.setflags(write=False)

# NIOSH 94-110 §1.2 p. 6: lifting the equation does not apply to.
EXCLUSIONS = {
    "one_handed": "one-handed lifting",
    "over_8_hours": "lifting for more than 8 hours a day",
    "seated_or_kneeling": "lifting while seated or kneeling",
    "restricted_space": "lifting in a restricted work space",
    "unstable_load": "lifting an unstable object",
    "carrying_pushing_pulling": "lifting while carrying, pushing or pulling",
    "wheelbarrow_or_shovel": "lifting with a wheelbarrow or shovel",
    "high_speed": "high-speed lifting (faster than about 30 in/s, 76 cm/s)",
    "slippery_floor": "unreasonable foot/floor coupling (coefficient of friction below 0.4)",
    "hot_or_humid": "an unfavourable environment (outside 19-26 °C or 35-50 % relative humidity)",
}
# Text cells read as "not given" (task names, exclusion lists).
MISSING_STRINGS = ("", "nan", "none")

METHOD = MethodInfo(
    id="niosh_rnle",
    factor="lifting",
    factor_title="Lifting",
    title="Revised NIOSH Lifting Equation",
    edition="NIOSH Pub. 94-110 (1994, revised 9/2021)",
    summary=(
        "The recommended weight limit RWL = LC × HM × VM × DM × AM × FM × CM is the load "
        "nearly all healthy workers can lift over a shift without an increased risk of "
        "lifting-related low back pain; the lifting index LI = load / RWL. Each task is "
        "computed at the origin and, when the load needs significant control at the "
        "destination, at the destination too (the lower RWL governs). A job with several "
        "tasks is scored by the Composite Lifting Index (CLI). Multipliers follow the "
        "formulas (p. 7); FM is interpolated linearly in Table 5, also towards its .00 rows; "
        "the CLI's summed frequencies use the job's longest duration and the V < 75 cm "
        "column if any task starts below it; with significant control the lower FIRWL is "
        "used; an RWL of 0 gives LI = infinity (project rules for the manual's open points). "
        "Tasks the manual excludes (one-handed, seated, unstable load, ...) are not scored."
    ),
    native="Lifting Index (LI for one task, Composite Lifting Index CLI for several)",
    scale=BandScale(edges=(1.0, 2.0, 3.0), cap=6.0, edge_in_lower=(True, True, True), unit=""),
    band_basis=(
        "LI ≤ 1.0 is the NIOSH design goal and LI > 1.0 an increased risk for some fraction "
        "of the workforce (94-110 p. 20); above 3.0 nearly all workers are at increased risk "
        "(94-110 p. 20, attributed to 'some experts'). The 2.0 edge between moderate and high "
        "follows the epidemiology of Waters et al. 2011 (677 workers, 125 lifting jobs): the "
        "odds of low back pain were raised for 1 < LI <= 2 (OR 1.81) and more for "
        "2 < LI <= 3 (OR 2.26). A value exactly on an edge stays in the lower band. The "
        "index cap at 6.0 is a project rule."
    ),
    inputs=(
        "load_kg",
        "load_max_kg",
        "h_origin_cm",
        "v_origin_cm",
        "h_dest_cm",
        "v_dest_cm",
        "asymmetry_origin_deg",
        "asymmetry_dest_deg",
        "lifts_per_min",
        "active_min_per_15",
        "duration",
        "coupling",
        "significant_control",
        "us_units",
        "excluded",
        "exclusions",
        "task_names",
    ),
    references=(
        "waters-1993",
        "niosh-94-110",
        "waters-2011",
    ),
    unconfirmed=(
        "Waters et al. 2011, J Occup Environ Med 53(9):1061-1067: the odds ratios (1.81 for "
        "1 < LI <= 2, 2.26 for 2 < LI <= 3, not significant above 3) were checked against the "
        "abstract only; volume and pages are from memory.",
    ),
)


# --------------------------------------------------------------------------- helpers


def _out(x):
    """Return a 0-d array as a Python scalar, anything else unchanged."""
    x = np.asarray(x)
    return x.item() if x.ndim == 0 else x


def _normalise_str(values) -> np.ndarray:
    """Return a lower-case, stripped str array (None and NaN become "none"/"nan")."""
    return np.strings.lower(np.strings.strip(np.asarray(values).astype(str)))


def _option_codes(values, options, name, used=None) -> np.ndarray:
    """Return the index of each value in ``options`` (-1 where missing).

    Unknown values raise ``ValueError`` naming the valid options; slots where
    ``used`` is False are not checked (unused or excluded tasks).
    """
    a = np.asarray(values)
    if a.dtype.kind not in "UO":  # object arrays of str compare as they are (no copy)
        a = a.astype(str)
    codes = np.full(a.shape, -1, dtype=np.int8)
    for k, opt in enumerate(options):  # exact matches first: the common, fast case
        codes[a == opt] = k
    rest = codes < 0
    if rest.any():  # only the odd entries get normalised ("Fair ", None, NaN)
        s = _normalise_str(a[rest])
        sub = np.full(s.shape, -1, dtype=np.int8)
        for k, opt in enumerate(options):
            sub[s == opt] = k
        codes[rest] = sub
        bad = (sub < 0) & ~np.isin(s, MISSING_STRINGS)
        if used is not None:
            bad &= np.broadcast_to(np.asarray(used, dtype=bool), a.shape)[rest]
        if bad.any():
            raise ValueError(
                f"{name} == {str(s[bad].flat[0])!r}, must be one of: {', '.join(options)}."
            )
    return codes


def _bool_like(a: np.ndarray) -> bool:
    return a.dtype.kind in "biuf" or (a.dtype.kind == "O" and bool(np.isin(a, [True, False]).all()))


def _us_mask(us_units) -> np.ndarray:
    """Return True where a task uses the manual's US constants.

    Accepts booleans or the strings "metric"/"us" (anything else: ValueError).
    """
    a = np.asarray(us_units)
    if _bool_like(a):
        if a.dtype.kind == "f":
            a = np.nan_to_num(a, nan=0.0)
        return a.astype(bool)
    return _option_codes(a, UNIT_SYSTEMS, "us_units") == 1


def _const(key: str, us):
    """Return the metric or US value of a constant for each element of ``us``."""
    return np.where(us, US_CONSTANTS[key], METRIC_CONSTANTS[key])


def _native_length(x_cm, us):
    """Return a canonical length in the task's own unit (in for US tasks, else cm).

    Rounded to 1e-9 so that an inch value that made the trip in -> cm -> in lands
    on its limit exactly (25 in must stay 25, not 25.000000000000004 -> HM = 0).
    """
    x = np.asarray(x_cm, dtype=float)
    return np.round(np.where(us, x / CM_PER_IN, x), 9)


def _hm_native(h, us):
    h_min, h_max = _const("h_min", us), _const("h_max", us)
    hm = _const("hm_k", us) / np.maximum(h, h_min)  # NIOSH 94-110 p. 7; p. 8: H < 25 cm -> 25
    return np.where(h > h_max, 0.0, hm)  # NIOSH 94-110 p. 8: H > 63 cm (25 in) -> HM = 0


def _vm_native(v, us):
    vm = 1.0 - _const("vm_k", us) * np.abs(v - _const("v_opt", us))  # NIOSH 94-110 p. 7
    return np.where(v > _const("v_max", us), 0.0, vm)  # p. 9: V > 175 cm (70 in) -> VM = 0


def _dm_native(d, us):
    dm = DM_BASE + _const("dm_k", us) / np.maximum(d, _const("d_min", us))  # p. 7, p. 10
    return np.where(d > _const("d_max", us), 0.0, dm)  # Table 3: D > 175 cm (70 in) -> DM = 0


def _am(a):
    a = np.asarray(a, dtype=float)
    return np.where(a > A_MAX_DEG, 0.0, 1.0 - AM_SLOPE * a)  # NIOSH 94-110 p. 7, p. 12


def _fm_lookup(f, dur_code, v_below):
    """Return FM from Table 5 with linear interpolation between rows (NaN where unknown)."""
    f, dur_code, v_below = np.broadcast_arrays(
        np.asarray(f, dtype=float), np.asarray(dur_code), np.asarray(v_below, dtype=bool)
    )
    f_eff = np.maximum(f, F_MIN)  # NIOSH 94-110 p. 14: F < 0.2 -> 0.2 (NaN stays NaN)
    last = len(FM_FREQUENCIES) - 2
    i = np.clip(np.searchsorted(FM_FREQUENCIES, f_eff, side="right") - 1, 0, last)
    lo, hi = FM_FREQUENCIES[i], FM_FREQUENCIES[i + 1]
    frac = (f_eff - lo) / (hi - lo)
    col = np.where(dur_code < 0, 0, dur_code.astype(np.int64) * 2 + np.where(v_below, 0, 1))
    # NIOSH 94-110 p. 7 and Example 7: linear interpolation between the two nearest rows
    fm = (
        FREQUENCY_MULTIPLIER_TABLE[i, col] * (1.0 - frac)
        + FREQUENCY_MULTIPLIER_TABLE[i + 1, col] * frac
    )
    fm = np.where(f_eff > F_MAX, 0.0, fm)  # NIOSH 94-110 p. 14: above the table -> FM = 0
    return np.where(dur_code < 0, np.nan, fm)


def _cm_native(code, v, us):
    code = np.asarray(code)
    col = np.where(v < _const("v_boundary", us), 0, 1)
    cm = COUPLING_MULTIPLIER_TABLE[np.where(code < 0, 0, code), col]  # NIOSH 94-110 Table 7
    return np.where((code < 0) | np.isnan(v), np.nan, cm)


# ------------------------------------------------------------------ public multipliers


def horizontal_multiplier(*, h_cm, us_units=False):
    """Return the horizontal multiplier HM.

    Parameters
    ----------
    h_cm
        Horizontal distance of the hands from the mid-point between the inner ankle
        bones, projected on the floor. [cm]
    us_units
        True (or "us") to use the manual's US formula HM = 10/H with H in inches;
        False (or "metric") for HM = 25/H with H in cm. [bool]

    Returns
    -------
    HM, 0-1: 1 below 25 cm (10 in), 0 beyond 63 cm (25 in). [dimensionless]

    References
    ----------
    NIOSH 94-110 (rev. 9/2021) p. 7 and pp. 8-9 (Table 1).
    """
    us = _us_mask(us_units)
    return _out(_hm_native(_native_length(h_cm, us), us))


def vertical_multiplier(*, v_cm, us_units=False):
    """Return the vertical multiplier VM.

    Parameters
    ----------
    v_cm
        Height of the hands above the floor (mid-point of the grasp). [cm]
    us_units
        True for VM = 1 - 0.0075 |V - 30| (V in inches), False for
        VM = 1 - 0.003 |V - 75| (V in cm). [bool]

    Returns
    -------
    VM, 0 above 175 cm (70 in). [dimensionless]

    References
    ----------
    NIOSH 94-110 (rev. 9/2021) p. 7, pp. 9-10 (Table 2).
    """
    us = _us_mask(us_units)
    return _out(_vm_native(_native_length(v_cm, us), us))


def distance_multiplier(*, d_cm, us_units=False):
    """Return the distance multiplier DM.

    Parameters
    ----------
    d_cm
        Vertical travel distance of the hands, |V destination - V origin|. [cm]
    us_units
        True for DM = 0.82 + 1.8/D (D in inches), False for 0.82 + 4.5/D (cm). [bool]

    Returns
    -------
    DM: 1 below 25 cm (10 in), 0 beyond 175 cm (70 in). [dimensionless]

    References
    ----------
    NIOSH 94-110 (rev. 9/2021) p. 7, pp. 10-11 (Table 3).
    """
    us = _us_mask(us_units)
    return _out(_dm_native(_native_length(d_cm, us), us))


def asymmetric_multiplier(*, asymmetry_deg):
    """Return the asymmetric multiplier AM = 1 - 0.0032 A (0 beyond 135°).

    Parameters
    ----------
    asymmetry_deg
        Angle between the asymmetry line (to the load) and the mid-sagittal line. [deg]

    Returns
    -------
    AM. [dimensionless]

    References
    ----------
    NIOSH 94-110 (rev. 9/2021) p. 7, pp. 12-13 (Table 4).
    """
    return _out(_am(asymmetry_deg))


def frequency_multiplier(*, lifts_per_min, duration, v_origin_cm, us_units=False):
    """Return the frequency multiplier FM from Table 5.

    F below 0.2 lifts/min counts as 0.2; above 15 lifts/min FM = 0. Between two rows
    FM is interpolated linearly (p. 7, Example 7), also between a non-zero row and a
    .00 row: F = 12.5 in the ≤ 1 h, V < 75 cm column gives 0.185, not 0 (open
    question; our choice keeps FM continuous and never optimistic past the
    last non-zero row, where it falls to 0 within one lift/min).

    Parameters
    ----------
    lifts_per_min
        Average lifting frequency over a 15-min sample (after the special frequency
        adjustment, see :func:`adjusted_frequency`). [lifts/min]
    duration
        Lifting duration category: "short" (≤ 1 h), "moderate" (> 1-2 h) or "long"
        (> 2-8 h), see :func:`duration_category`. [str]
    v_origin_cm
        Hand height at the *origin*, which selects the column (< 75 cm / 30 in or
        not) at both ends of the lift (p. 15). [cm]
    us_units
        True to compare V with the 30-in boundary, False with 75 cm. [bool]

    Returns
    -------
    FM, 0-1 (NaN when the duration is missing). [dimensionless]

    References
    ----------
    NIOSH 94-110 (rev. 9/2021) pp. 13-15, Table 5.
    """
    us = _us_mask(us_units)
    v = _native_length(v_origin_cm, us)
    dur = _option_codes(duration, DURATIONS, "duration")
    fm = _fm_lookup(lifts_per_min, dur, v < _const("v_boundary", us))
    return _out(np.where(np.isnan(v), np.nan, fm))


def coupling_multiplier(*, coupling, v_cm, us_units=False):
    """Return the coupling multiplier CM from Table 7.

    Parameters
    ----------
    coupling
        Hand-to-object coupling: "good", "fair" or "poor" (Table 6). [str]
    v_cm
        Hand height at the end being evaluated: the manual's Example 4 uses V at
        the origin for the origin and V at the destination for the destination. [cm]
    us_units
        True to compare V with the 30-in boundary, False with 75 cm. [bool]

    Returns
    -------
    CM: 1.00, 0.95 or 0.90. [dimensionless]

    References
    ----------
    NIOSH 94-110 (rev. 9/2021) pp. 16-18, Tables 6-7.
    """
    us = _us_mask(us_units)
    code = _option_codes(coupling, COUPLINGS, "coupling")
    return _out(_cm_native(code, _native_length(v_cm, us), us))


def adjusted_frequency(*, lifts_per_min, active_min_per_15=np.nan):
    """Return the frequency F used for FM, after the special frequency adjustment.

    When the worker lifts only part of a 15-min sample and the actual rate is at
    most 15 lifts/min, F = total lifts in the 15 min / 15 = rate × active minutes / 15
    (p. 16: 10 lifts/min for 8 min gives 5.33; 10 for 5 min gives 3.33, printed 3.4,
    we use the exact quotient). Otherwise F is the rate itself.

    Parameters
    ----------
    lifts_per_min
        Lifting rate while lifting. [lifts/min]
    active_min_per_15
        Minutes actually spent lifting in the 15-min sample; NaN when the worker lifts
        throughout (no adjustment). Values above 15 count as 15. [min]

    Returns
    -------
    F. [lifts/min]

    References
    ----------
    NIOSH 94-110 (rev. 9/2021) p. 16, §1.3.5.5.
    """
    f = np.asarray(lifts_per_min, dtype=float)
    active = np.asarray(active_min_per_15, dtype=float)
    applies = ~np.isnan(active) & (f <= F_MAX)
    with np.errstate(invalid="ignore"):
        return _out(np.where(applies, f * np.minimum(active, 15.0) / 15.0, f))


def duration_category(*, lifting_min, recovery_min=np.nan):
    """Return the lifting-duration category of a day's lifting sessions.

    The last axis holds a day's lifting sessions in order (a scalar is one session;
    pass shape ``(n, 1)`` for a batch of single sessions). ``recovery_min[..., s]`` is
    the light work after session ``s``. A recovery of at least 1.0 × the accumulated
    work time (when that is ≤ 1 h) or 0.3 × (when ≤ 2 h) closes a block; otherwise the
    next session's time is added and the recovery disregarded (pp. 13-14). Nothing
    after the last session needs recovery. The day's category is that of its
    longest block: ≤ 60 min "short", ≤ 120 min "moderate", ≤ 480 min "long", more
    "over_8_hours" (an exclusion, p. 6 and p. 14; exact boundaries per Table 5's
    headings). A row without sessions gives "".

    Parameters
    ----------
    lifting_min
        Minutes of continuous lifting in each session (NaN: no session). [min]
    recovery_min
        Minutes of recovery (light work) after each session (NaN: unknown, so it does
        not close a block). [min]

    Returns
    -------
    "short", "moderate", "long", "over_8_hours" or "". [str]

    References
    ----------
    NIOSH 94-110 (rev. 9/2021) pp. 13-15, §1.3.5.2: 30 min + 10 min recovery + 45 min
    is moderate, with 30 min recovery it is short; 2 h needs ≥ 36 min recovery.
    """
    w, r = np.broadcast_arrays(
        np.asarray(lifting_min, dtype=float), np.asarray(recovery_min, dtype=float)
    )
    if w.ndim == 0:  # one session
        w, r = w.reshape(1), r.reshape(1)
    valid = ~np.isnan(w)
    # number of sessions that still follow session s
    after = np.flip(np.cumsum(np.flip(valid, -1), -1), -1) - valid
    acc = np.zeros(w.shape[:-1])
    worst = np.full(w.shape[:-1], -1, dtype=np.int8)
    for s in range(w.shape[-1]):  # sessions of one day, not rows
        acc = acc + np.where(valid[..., s], w[..., s], 0.0)
        # pp. 13-14: recovery >= 1.0 × work (≤ 1 h) or >= 0.3 × work (≤ 2 h) closes a block
        required = np.where(acc <= 60.0, acc, np.where(acc <= 120.0, 0.3 * acc, np.inf))
        with np.errstate(invalid="ignore"):
            closes = valid[..., s] & ((after[..., s] == 0) | (r[..., s] >= required))
        cat = np.select([acc <= 60.0, acc <= 120.0, acc <= 480.0], [0, 1, 2], 3)
        worst = np.where(closes, np.maximum(worst, cat), worst).astype(np.int8)
        acc = np.where(closes, 0.0, acc)
    names = np.array([*DURATIONS, "over_8_hours", ""])
    out = names[np.where(worst < 0, 4, worst)]
    return str(out) if out.ndim == 0 else out


# ------------------------------------------------------------------------- assess


class LiftingResult(NamedTuple):
    """Results of :func:`assess`; per-task arrays are (n, K), per-assessment (n,).

    Per-task values are NaN in unused slots (NaN load) and for excluded tasks.
    Weights are in kg whatever the task's unit system; multipliers dimensionless.
    """

    # per task, origin (FM uses V at the origin at both ends, so fm_dest == fm_origin)
    hm_origin: np.ndarray
    vm_origin: np.ndarray
    dm_origin: np.ndarray
    am_origin: np.ndarray
    fm_origin: np.ndarray
    cm_origin: np.ndarray
    # per task, destination
    hm_dest: np.ndarray
    vm_dest: np.ndarray
    dm_dest: np.ndarray
    am_dest: np.ndarray
    fm_dest: np.ndarray
    cm_dest: np.ndarray
    rwl_origin_kg: np.ndarray  # [kg]
    rwl_dest_kg: np.ndarray  # [kg]
    li_origin: np.ndarray
    li_dest: np.ndarray
    rwl_kg: np.ndarray  # governing RWL: lower end with significant control, else origin [kg]
    li: np.ndarray  # average load / governing RWL
    dest_governs: np.ndarray  # bool: the destination gives the lower RWL and counts
    firwl_origin_kg: np.ndarray  # [kg]
    firwl_dest_kg: np.ndarray  # [kg]
    firwl_kg: np.ndarray  # FM = 1; lower end with significant control [kg]
    strwl_kg: np.ndarray  # FIRWL × FM [kg]
    fili: np.ndarray  # maximum load / FIRWL
    stli: np.ndarray  # average load / STRWL
    frequency: np.ndarray  # effective F after the special adjustment [lifts/min]
    d_cm: np.ndarray  # vertical travel distance [cm]
    scored: np.ndarray  # bool: the task has an LI
    cli_rank: np.ndarray  # int: 0 = task 1 of the CLI (highest STLI); -1 not scored
    cli_cum_frequency: np.ndarray  # F_1 + ... + F_k in CLI order [lifts/min]
    cli_fm: np.ndarray  # FM(F_1 + ... + F_k) in the job's Table 5 column
    cli_term: np.ndarray  # STLI_1, or FILI_k (1/FM_1..k - 1/FM_1..k-1); they sum to the CLI
    # per assessment
    n_tasks: np.ndarray  # int: tasks scored
    cli: np.ndarray  # Composite Lifting Index (= LI with one task)
    cli_duration: np.ndarray  # str: the duration column used for the summed frequencies
    cli_v_below: np.ndarray  # bool: the V < 75 cm (30 in) column was used
    worst_task: np.ndarray  # int: slot of the task with the highest STLI, -1 none
    native: np.ndarray  # CLI with several tasks, else the task's LI; NaN none
    band: np.ndarray  # int8 band code, -1 none
    index: np.ndarray  # 0-100 risk index
    borderline: np.ndarray  # bool
    # inputs (broadcast to (n, K); strings normalised)
    load_kg: np.ndarray
    load_max_kg: np.ndarray
    h_origin_cm: np.ndarray
    v_origin_cm: np.ndarray
    h_dest_cm: np.ndarray
    v_dest_cm: np.ndarray
    asymmetry_origin_deg: np.ndarray
    asymmetry_dest_deg: np.ndarray
    lifts_per_min: np.ndarray
    active_min_per_15: np.ndarray
    duration: np.ndarray
    coupling: np.ndarray
    significant_control: np.ndarray
    us_units: np.ndarray
    excluded: np.ndarray  # bool
    exclusion: np.ndarray  # str: comma-separated EXCLUSIONS codes ("" none or unspecified)
    task_names: np.ndarray  # str ("" when not given)


def _exclusion_codes(excluded) -> tuple[np.ndarray, np.ndarray]:
    """Return (excluded mask, canonical comma-separated codes) for the ``excluded`` input."""
    a = np.asarray(excluded)
    if _bool_like(a):
        if a.dtype.kind == "f":
            a = np.nan_to_num(a, nan=0.0)
        mask = a.astype(bool)
        return mask, np.full(mask.shape, "", dtype="<U1")
    s = _normalise_str(a)
    uniq, inverse = np.unique(s, return_inverse=True)
    canon, flags = [], []
    for u in uniq:  # a handful of distinct strings, not rows
        parts = [p.strip() for p in re.split(r"[,;|]", str(u))]
        parts = [p for p in parts if p not in (*MISSING_STRINGS, "false")]
        bad = [p for p in parts if p not in EXCLUSIONS and p != "true"]
        if bad:
            raise ValueError(f"excluded == {bad[0]!r}, must be one of: {', '.join(EXCLUSIONS)}.")
        canon.append(",".join(p for p in parts if p != "true"))
        flags.append(bool(parts))
    codes = np.array(canon, dtype=str)[inverse].reshape(s.shape)
    mask = np.array(flags, dtype=bool)[inverse].reshape(s.shape)
    return mask, codes


def assess(
    *,
    load_kg,
    h_origin_cm,
    v_origin_cm,
    v_dest_cm,
    lifts_per_min,
    duration,
    coupling,
    load_max_kg=np.nan,
    h_dest_cm=np.nan,
    asymmetry_origin_deg=0.0,
    asymmetry_dest_deg=0.0,
    active_min_per_15=np.nan,
    significant_control=False,
    us_units=False,
    excluded=False,
    exclusions=None,
    task_names=None,
) -> LiftingResult:
    """Return RWL, LI and the multi-task indices of every task and the CLI of every job.

    All inputs broadcast to shape (n, K): n assessments of up to K tasks (a scalar is
    one task of one assessment, a 1-D array the K tasks of one assessment). A slot
    with NaN ``load_kg`` is unused. The function is pure: call it again with changed
    arrays for a what-if.

    Parameters
    ----------
    load_kg
        Average weight of the object, container included (LI, STLI). [kg]
    h_origin_cm, h_dest_cm
        Horizontal distance of the hands at the origin / destination; the destination
        is needed only with significant control. [cm]
    v_origin_cm, v_dest_cm
        Hand height at the origin / destination (D = |V dest - V origin|). [cm]
    lifts_per_min
        Lifting rate. [lifts/min]
    duration
        "short", "moderate" or "long" (pp. 13-14). [str]
    coupling
        "good", "fair" or "poor" (Table 6). [str]
    load_max_kg
        Heaviest object (FILI); NaN uses ``load_kg``. [kg]
    asymmetry_origin_deg, asymmetry_dest_deg
        Asymmetry angle at the origin / destination. [deg]
    active_min_per_15
        Minutes lifting per 15-min sample for intermittent lifting; NaN: continuous
        (see :func:`adjusted_frequency`). [min]
    significant_control
        The load needs significant control at the destination: RWL computed at both
        ends, the lower governs (pp. 21, 26). [bool]
    us_units
        Compute the task with the manual's US constants (in, lb); also "us"/"metric". [bool]
    excluded
        The task is one the equation does not cover (p. 6): a bool, or a comma-separated
        string of :data:`EXCLUSIONS` codes ("" none). Excluded tasks give NaN. [bool or str]
    exclusions
        Optional codes of :data:`EXCLUSIONS`, separated by "," or ";" (the model's list),
        combined with ``excluded``; they name the reason. [str]
    task_names
        Optional task names for the presentation. [str]

    Returns
    -------
    LiftingResult
        Per-task multipliers, RWLs [kg], LIs, FIRWL/STRWL [kg], FILI/STLI, CLI terms;
        per-assessment n_tasks, cli, native, band, index, borderline and the inputs.

    Raises
    ------
    ValueError
        An unknown duration, coupling, unit system or exclusion code in a used slot.

    References
    ----------
    NIOSH 94-110 (rev. 9/2021) pp. 1-28; Waters et al. (1993) Ergonomics 36(7):749-776.
    """
    floats = {
        "load_kg": load_kg,
        "load_max_kg": load_max_kg,
        "h_origin_cm": h_origin_cm,
        "v_origin_cm": v_origin_cm,
        "h_dest_cm": h_dest_cm,
        "v_dest_cm": v_dest_cm,
        "asymmetry_origin_deg": asymmetry_origin_deg,
        "asymmetry_dest_deg": asymmetry_dest_deg,
        "lifts_per_min": lifts_per_min,
        "active_min_per_15": active_min_per_15,
    }
    arrs = {k: np.asarray(v, dtype=float) for k, v in floats.items()}
    others = {
        "duration": np.asarray(duration),
        "coupling": np.asarray(coupling),
        "significant_control": np.asarray(significant_control),
        "us_units": np.asarray(us_units),
        "excluded": np.asarray(excluded),
        "exclusions": np.asarray("" if exclusions is None else exclusions),
        "task_names": np.asarray("" if task_names is None else task_names),
    }
    shape = np.broadcast_shapes(*(a.shape for a in (*arrs.values(), *others.values())))
    if len(shape) > 2:
        raise ValueError(f"inputs have {len(shape)} dimensions, must be at most 2 (n, K).")
    shape = (1,) * (2 - len(shape)) + shape
    arrs = {k: np.broadcast_to(v, shape) for k, v in arrs.items()}
    others = {k: np.broadcast_to(v, shape) for k, v in others.items()}

    load = arrs["load_kg"]
    load_max = np.where(np.isnan(arrs["load_max_kg"]), load, arrs["load_max_kg"])
    excl, exclusion = _exclusion_codes(others["excluded"])
    excl_named, named = _exclusion_codes(others["exclusions"])
    exclusion = np.where(named != "", named, exclusion)
    excl = excl | excl_named
    used = ~np.isnan(load) & ~excl
    us = _us_mask(others["us_units"])
    sc = np.asarray(others["significant_control"]).astype(bool)
    dur = _option_codes(others["duration"], DURATIONS, "duration", used)
    coup = _option_codes(others["coupling"], COUPLINGS, "coupling", used)

    h_o = _native_length(arrs["h_origin_cm"], us)
    h_d = _native_length(arrs["h_dest_cm"], us)
    v_o = _native_length(arrs["v_origin_cm"], us)
    v_d = _native_length(arrs["v_dest_cm"], us)
    d = np.round(np.abs(v_d - v_o), 9)  # NIOSH 94-110 p. 10: D = |V dest - V origin|

    hm_o, hm_d = _hm_native(h_o, us), _hm_native(h_d, us)
    vm_o, vm_d = _vm_native(v_o, us), _vm_native(v_d, us)
    dm = _dm_native(d, us)
    am_o, am_d = _am(arrs["asymmetry_origin_deg"]), _am(arrs["asymmetry_dest_deg"])
    freq = np.asarray(
        adjusted_frequency(
            lifts_per_min=arrs["lifts_per_min"], active_min_per_15=arrs["active_min_per_15"]
        )
    )
    v_below = v_o < _const("v_boundary", us)
    # NIOSH 94-110 p. 15: FM uses V at the origin, also for the destination
    fm = np.where(np.isnan(v_o), np.nan, _fm_lookup(freq, dur, v_below))
    cm_o, cm_d = _cm_native(coup, v_o, us), _cm_native(coup, v_d, us)

    # RWL = LC × HM × VM × DM × AM × FM × CM (NIOSH 94-110 p. 7); in lb for US tasks
    to_kg = np.where(us, KG_PER_LB, 1.0)
    lc_kg = _const("lc", us) * to_kg
    firwl_o = lc_kg * hm_o * vm_o * dm * am_o * cm_o  # FM = 1 (p. 26)
    firwl_d = lc_kg * hm_d * vm_d * dm * am_d * cm_d
    rwl_o, rwl_d = firwl_o * fm, firwl_d * fm
    # pp. 21, 26: with significant control the lower RWL governs; FIRWL likewise (project rule)
    rwl = np.where(sc, np.minimum(rwl_o, rwl_d), rwl_o)
    firwl = np.where(sc, np.minimum(firwl_o, firwl_d), firwl_o)
    strwl = firwl * fm  # p. 27
    with np.errstate(divide="ignore", invalid="ignore"):
        li_o, li_d = load / rwl_o, load / rwl_d  # LI = L / RWL (p. 19); RWL 0 -> inf
        li = load / rwl
        fili = load_max / firwl  # p. 27
        stli = load / strwl  # p. 27

    def mask(x):
        return np.where(used, x, np.nan)

    li, stli, fili = mask(li), mask(stli), mask(fili)
    scored = used & ~np.isnan(li)
    n_tasks = scored.sum(axis=1)

    # ---- Composite Lifting Index, pp. 27-28 (vectorised over rows)
    n, k = shape
    order = np.lexsort(
        (-np.where(scored, freq, 0.0), -np.where(scored, stli, -np.inf)), axis=-1
    )  # STLI descending, then F descending (p. 57), then entry order (stable)
    stli_s = np.take_along_axis(stli, order, 1)
    fili_s = np.take_along_axis(fili, order, 1)
    f_s = np.take_along_axis(np.where(scored, freq, 0.0), order, 1)
    scored_s = np.take_along_axis(scored, order, 1)
    cum_f = np.cumsum(f_s, axis=1)
    job_dur = np.where(scored, dur, -1).max(axis=1)  # project rule: longest duration
    job_below = (scored & v_below).any(axis=1)  # project rule: V < 75 cm column if any
    fm_cum = _fm_lookup(cum_f, job_dur[:, None], job_below[:, None])
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = 1.0 / fm_cum
        delta = inv[:, 1:] - inv[:, :-1]
        term = fili_s[:, 1:] * delta
    term = np.where(delta == 0, 0.0, term)
    # the summed frequency is beyond Table 5: FM = 0, the combined job has no RWL
    term = np.where(fm_cum[:, 1:] == 0, np.inf, term)
    term = np.where(scored_s[:, 1:], term, 0.0)
    cli = np.where(n_tasks > 0, stli_s[:, 0] + term.sum(axis=1), np.nan)

    sorted_terms = np.concatenate([stli_s[:, :1], term], axis=1)

    def unsort(x, fill):
        out = np.empty_like(x)
        np.put_along_axis(out, order, x, 1)
        return np.where(scored, out, fill)

    ranks = np.broadcast_to(np.arange(k), (n, k))
    cli_rank = unsort(ranks, -1)
    cli_term = unsort(sorted_terms, np.nan)
    cli_cum_f = unsort(cum_f, np.nan)
    cli_fm = unsort(fm_cum, np.nan)
    worst_task = np.where(n_tasks > 0, order[:, 0], -1)
    cli_duration = np.array([*DURATIONS, ""])[np.where(job_dur < 0, 3, job_dur)]

    li_single = np.where(scored, li, -np.inf).max(axis=1)
    native = np.where(n_tasks > 1, cli, np.where(n_tasks == 1, li_single, np.nan))
    scale = METHOD.scale

    names_dur = np.array([*DURATIONS, ""])
    names_coup = np.array([*COUPLINGS, ""])
    return LiftingResult(
        hm_origin=mask(hm_o),
        vm_origin=mask(vm_o),
        dm_origin=mask(dm),
        am_origin=mask(am_o),
        fm_origin=mask(fm),
        cm_origin=mask(cm_o),
        hm_dest=mask(hm_d),
        vm_dest=mask(vm_d),
        dm_dest=mask(dm),
        am_dest=mask(am_d),
        fm_dest=mask(fm),
        cm_dest=mask(cm_d),
        rwl_origin_kg=mask(rwl_o),
        rwl_dest_kg=mask(rwl_d),
        li_origin=mask(li_o),
        li_dest=mask(li_d),
        rwl_kg=mask(rwl),
        li=li,
        dest_governs=used & sc & (rwl_d < rwl_o),
        firwl_origin_kg=mask(firwl_o),
        firwl_dest_kg=mask(firwl_d),
        firwl_kg=mask(firwl),
        strwl_kg=mask(strwl),
        fili=fili,
        stli=stli,
        frequency=mask(freq),
        d_cm=mask(np.abs(arrs["v_dest_cm"] - arrs["v_origin_cm"])),
        scored=scored,
        cli_rank=cli_rank,
        cli_cum_frequency=cli_cum_f,
        cli_fm=cli_fm,
        cli_term=cli_term,
        n_tasks=n_tasks,
        cli=cli,
        cli_duration=cli_duration,
        cli_v_below=job_below & (n_tasks > 0),
        worst_task=worst_task,
        native=native,
        band=np.asarray(scale.band(native), dtype=np.int8).reshape(n),
        index=np.asarray(scale.index(native), dtype=float).reshape(n),
        borderline=np.asarray(scale.borderline(native), dtype=bool).reshape(n),
        load_kg=load,
        load_max_kg=load_max,
        h_origin_cm=arrs["h_origin_cm"],
        v_origin_cm=arrs["v_origin_cm"],
        h_dest_cm=arrs["h_dest_cm"],
        v_dest_cm=arrs["v_dest_cm"],
        asymmetry_origin_deg=arrs["asymmetry_origin_deg"],
        asymmetry_dest_deg=arrs["asymmetry_dest_deg"],
        lifts_per_min=arrs["lifts_per_min"],
        active_min_per_15=arrs["active_min_per_15"],
        duration=names_dur[np.where(dur < 0, 3, dur)],
        coupling=names_coup[np.where(coup < 0, 3, coup)],
        significant_control=sc,
        us_units=us,
        excluded=excl,
        exclusion=exclusion,
        task_names=np.asarray(others["task_names"], dtype=object),
    )


def max_acceptable_load_kg(res: LiftingResult) -> np.ndarray:
    """Return, per task, the load at which LI = 1: the governing RWL. [kg]

    Used by the recommendations ("keep loads under 15.7 kg"); NaN where the task is
    unused or excluded, 0 where a variable is beyond its limit.
    """
    return np.array(res.rwl_kg, dtype=float, copy=True)


__all__ = [
    "COUPLINGS",
    "COUPLING_MULTIPLIER_TABLE",
    "DURATIONS",
    "EXCLUSIONS",
    "FM_FREQUENCIES",
    "FREQUENCY_MULTIPLIER_TABLE",
    "METHOD",
    "METRIC_CONSTANTS",
    "UNIT_SYSTEMS",
    "US_CONSTANTS",
    "LiftingResult",
    "adjusted_frequency",
    "assess",
    "asymmetric_multiplier",
    "coupling_multiplier",
    "distance_multiplier",
    "duration_category",
    "frequency_multiplier",
    "horizontal_multiplier",
    "max_acceptable_load_kg",
    "vertical_multiplier",
]
