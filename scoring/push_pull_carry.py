"""Push, pull and carry: maximum acceptable forces and weights (Liberty Mutual MMH equations).

Implements the Liberty Mutual manual materials handling (LM-MMH) equations of
Potvin et al. (2021), which replace the 1991 Liberty Mutual tables of Snook and
Ciriello for pushing, pulling and carrying. For each task the 50th-percentile
maximum acceptable load (MAL) of the worker's sex is

    MAL = RL · V_SF · DH_SF · F_SF

with the reference load RL [kg] and three scale factors of the hand height V [m],
the distance per push, pull or carry DH [m] and the frequency F [per min]. Push
and pull have an initial force (to get the load moving) and a sustained force (to
keep it moving), each with its own equation. A coefficient of variation CV per
equation gives the load acceptable to a chosen share ``p`` of that sex,

    MAL_p = MAL · (1 − CV · z_p),   z_p the standard normal quantile of p,

and the share of that sex who accept a given load L, ``1 − Φ((L − MAL)/(CV·MAL))``.
The native value is the ratio of the actual force (or weight) to MAL_p, the
"MAF ratio"; the worst task and phase sets the assessment's value. Inputs outside
the ranges the equations were fitted on are excluded (NaN with a reason code).

Sources (keys into docs/methods/bibliography.toml): potvin-2021, snook-ciriello-1991,
abramowitz-stegun-1964, iso-80000-3-2019.
"""

from __future__ import annotations

import functools
import math
from statistics import NormalDist
from typing import NamedTuple

import numpy as np

from scoring.bands import BandScale
from scoring.results import MethodInfo

KINDS = ("push", "pull", "carry")
SEXES = ("female", "male")
# Integer codes of the choices (their position in KINDS / SEXES): the arrays carry codes,
# so a batch compares small integers, not strings. -1 is an unused slot.
PUSH, PULL, CARRY = 0, 1, 2
FEMALE, MALE = 0, 1
NO_KIND = -1
FAMILIES = ("push_pull", "carry")  # index = (kind == CARRY)
FORCE_UNITS = ("kgf", "N")

# bib:iso-80000-3-2019 item 3-9.1: standard acceleration of free fall g_n = 9.806 65 m/s².
STANDARD_GRAVITY_M_S2 = 9.80665

# Reason codes per task slot (0 = scored).
OK = 0
UNUSED = 1  # empty slot
NO_LOAD = 2  # neither force (push/pull) nor weight (carry) given
HAND_HEIGHT_OUT = 3  # V outside the equation's range for the sex
DISTANCE_OUT = 4  # DH outside the equation's range
FREQUENCY_OUT = 5  # F outside the equation's range
VELOCITY_OUT = 6  # DH·F above the equation's limit
PERCENTILE_OUT = 7  # protected share outside the project's range
MISSING_INPUT = 8  # hand height, distance or frequency not given

# Project rule: a limit protecting fewer than half of a sex is no protection, and the
# normal model is not supported far in its tail.
PERCENTILE_RANGE = (50.0, 99.0)
DEFAULT_PERCENTILE = 90.0

# bib:potvin-2021 §3.2-3.3, p. 963-964: input ranges the equations may be used on
# (inclusive: project reading of "must range from ... to ...").
FREQUENCY_RANGE_PER_MIN = (1.0 / 480.0, 10.0)  # bib:potvin-2021 p. 963-964: 1/day to 10/min
PUSH_PULL_DISTANCE_RANGE_M = (2.1, 61.0)  # bib:potvin-2021 p. 963
CARRY_DISTANCE_RANGE_M = (2.1, 10.0)  # bib:potvin-2021 p. 964
PUSH_PULL_VELOCITY_MAX_M_MIN = 37.0  # bib:potvin-2021 p. 963: DH·F must not exceed 37 m/min
CARRY_VELOCITY_MAX_M_MIN = 29.0  # bib:potvin-2021 p. 964: DH·F must not exceed 29 m/min
HAND_HEIGHT_RANGE_M = {  # bib:potvin-2021 p. 963 (push, pull), p. 964 (carry)
    ("push_pull", "female"): (0.58, 1.33),
    ("push_pull", "male"): (0.63, 1.44),
    ("carry", "female"): (0.71, 1.03),
    ("carry", "male"): (0.78, 1.10),
}
# bib:potvin-2021 §4.3, p. 968: use with caution above these mean horizontal velocities
# (no male carry condition exceeded the physiological criterion, hence no male carry value).
VELOCITY_CAUTION_M_MIN = {
    ("push_pull", "female"): 10.0,
    ("push_pull", "male"): 15.0,
    ("carry", "female"): 10.0,
    ("carry", "male"): math.inf,
}


class Equation(NamedTuple):
    """One printed LM-MMH equation: RL, CV and its three scale factors as printed.

    A scale factor ``(c0, d1, d2)`` reads ``c0 + x/d1 + x²/d2`` with signed printed
    divisors (``− V²/0.6915`` is ``d2 = -0.6915``; no squared term is ``inf``).
    ``dh_log`` says whether DH_SF is a polynomial in ln(DH) rather than in DH.
    """

    rl_kg: float
    cv: float
    v_sf: tuple[float, float, float]
    dh_sf: tuple[float, float, float]
    dh_log: bool
    f_sf: tuple[float, float, float]


_INF = math.inf
# bib:potvin-2021 §3.2, p. 963: the female push equations serve pull too, with pull's CV.
_PP_INITIAL_F = ((-0.5304, 0.3361, -0.6915), (1.0286, -72.22, 9782.0), (0.7251, -13.19, -197.3))
_PP_SUSTAINED_F = ((-0.6539, 0.2941, -0.5722), (1.0391, -52.91, 7975.0), (0.6086, -11.95, -304.4))
EQUATIONS = {
    # bib:potvin-2021 §3.2, p. 963: Push or Pull - Initial - Female, RL 36.9 kg
    ("push", "initial", "female"): Equation(
        36.9, 0.214, *_PP_INITIAL_F[:2], False, _PP_INITIAL_F[2]
    ),
    ("pull", "initial", "female"): Equation(
        36.9, 0.234, *_PP_INITIAL_F[:2], False, _PP_INITIAL_F[2]
    ),
    # bib:potvin-2021 §3.2, p. 963: Push or Pull - Sustained - Female, RL 25.5 kg
    ("push", "sustained", "female"): Equation(
        25.5, 0.286, *_PP_SUSTAINED_F[:2], False, _PP_SUSTAINED_F[2]
    ),
    ("pull", "sustained", "female"): Equation(
        25.5, 0.298, *_PP_SUSTAINED_F[:2], False, _PP_SUSTAINED_F[2]
    ),
    # bib:potvin-2021 §3.2, p. 963: Push - Initial - Male
    ("push", "initial", "male"): Equation(
        70.3, 0.231, (1.2737, -1.335, 2.576), (1.0790, -9.392, _INF), True, (0.6281, -13.07, -379.5)
    ),
    # bib:potvin-2021 §3.2, p. 963: Push - Sustained - Male
    ("push", "sustained", "male"): Equation(
        65.3,
        0.267,
        (2.2940, -0.3345, 0.6887),
        (1.1035, -7.170, _INF),
        True,
        (0.4896, -10.20, -403.9),
    ),
    # bib:potvin-2021 §3.2, p. 963: Pull - Initial - Male (RL, V_SF and CV differ from push)
    ("pull", "initial", "male"): Equation(
        69.8,
        0.238,
        (1.7186, -0.6888, 2.025),
        (1.0790, -9.392, _INF),
        True,
        (0.6281, -13.07, -379.5),
    ),
    # bib:potvin-2021 §3.2, p. 963: Pull - Sustained - Male
    ("pull", "sustained", "male"): Equation(
        61.0,
        0.257,
        (2.1977, -0.3850, 0.9047),
        (1.1035, -7.170, _INF),
        True,
        (0.4896, -10.20, -403.9),
    ),
    # bib:potvin-2021 §3.3, p. 963: Carry - Female (F_SF has no squared term)
    ("carry", "carry", "female"): Equation(
        28.6, 0.231, (1.1645, -4.437, _INF), (1.0101, -207.8, _INF), False, (0.6224, -16.33, _INF)
    ),
    # bib:potvin-2021 §3.3, p. 963: Carry - Male
    ("carry", "carry", "male"): Equation(
        74.9, 0.278, (1.5505, -1.417, _INF), (1.1172, -6.332, _INF), True, (0.5149, -7.958, -131.1)
    ),
}

# Project rule: the load equal to MAL_p is acceptable to exactly p % (low); 1.5 and 2.0
# times it are the project's moderate/high and high/very-high edges; index cap at 3.0.
RATIO_MODERATE, RATIO_HIGH, RATIO_VERY_HIGH = 1.0, 1.5, 2.0
INDEX_CAP_RATIO = 3.0
# bib:potvin-2021 §3.4, p. 964: designing for at least 75 % of females is a minimum design
# threshold; reported beside the band, it does not set it.
DESIGN_CRITERION_PERCENT = 75.0

METHOD = MethodInfo(
    id="push_pull_carry",
    factor="push_pull_carry",
    factor_title="Pushing, pulling and carrying",
    title="Liberty Mutual manual materials handling (LM-MMH) equations: push, pull, carry",
    edition="Potvin et al. 2021, Ergonomics 64(8):955-970 (replacing Snook & Ciriello 1991)",
    summary=(
        "Maximum acceptable initial and sustained push and pull forces and maximum acceptable "
        "carry weights by the Liberty Mutual manual materials handling equations (Potvin et al. "
        "2021), which replace the 1991 Liberty Mutual tables (Snook & Ciriello): the "
        "50th-percentile load of the worker's sex is a reference load times scale factors of "
        "hand height, distance per push, pull or carry, and frequency. A coefficient of "
        "variation per equation gives the load acceptable to the chosen share of that sex "
        "(default 90 % of women) and the share who accept the actual load. The native value is "
        "the ratio of the actual force or weight to that acceptable value for the worst task. "
        "Tasks outside the equations' fitted ranges are not scored. Band edges above 1.0 and "
        "the index cap are project rules."
    ),
    native="Ratio of actual to maximum acceptable force or weight (MAF ratio)",
    scale=BandScale(
        edges=(RATIO_MODERATE, RATIO_HIGH, RATIO_VERY_HIGH),
        cap=INDEX_CAP_RATIO,
        edge_in_lower=(True, True, True),
        unit="",
    ),
    band_basis=(
        "Ratio <= 1.0 low: the force or weight is acceptable to at least the chosen share of "
        "the worker's sex (Potvin et al. 2021 §3.4). Above 1.0 to 1.5 moderate, above 1.5 to "
        "2.0 high, above 2.0 very high, index cap 3.0: project rules, not from the source. The "
        "share of the sex who accept the load and whether it meets the source's minimum design "
        "threshold (at least 75 % of females, §3.4 p. 964) are reported beside the band."
    ),
    inputs=(
        "kind",
        "initial_force",
        "sustained_force",
        "carry_weight_kg",
        "hand_height_cm",
        "distance_m",
        "frequency_per_min",
        "sex",
        "percentile",
        "force_unit",
    ),
    references=("potvin-2021", "snook-ciriello-1991", "abramowitz-stegun-1964", "iso-80000-3-2019"),
    unconfirmed=(
        "Every reference load, coefficient of variation and scale-factor coefficient of the 10 "
        "push, pull and carry equations (Potvin et al. 2021 §3.2-3.3, p. 963), their input "
        "ranges (p. 963-964), the velocity cautions (§4.3, p. 968) and the 75 % design "
        "threshold (§3.4, p. 964): taken from a published two-pass transcription of the "
        "paper's page images, not read from the paper itself. The reference loads and CVs "
        "agree with the paper's Table 4 as transcribed there.",
        "The squared frequency term printed 'ln(F)²' is read as [ln(F)]² (a second-order "
        "polynomial in ln F, as §2.3 describes the scale factors; with it F_SF is 1.00 at one "
        "push a day); the printed worked example uses F = 1, where both readings agree.",
        "Snook & Ciriello (1991) table cells: not seen in the stored sources; the tables are "
        "not implemented and no test reproduces a cell of them.",
        "Range ends are taken as inclusive; the source's wording ('must range from ... to') "
        "does not say.",
        "Initial and sustained push/pull forces are compared with the equations' kilogram "
        "outputs as kilograms-force (1 kgf = 9.80665 N); the source reports forces in kg "
        "without stating the conversion.",
    ),
)


class PushPullCarryResult(NamedTuple):
    """Push/pull/carry results; per-task arrays are (n, K), per-assessment (n,)."""

    # inputs kept for presentation
    kind: np.ndarray  # (n, K) int8 code into KINDS (PUSH, PULL, CARRY), -1 unused
    sex: np.ndarray  # (n, K) int8 code into SEXES (FEMALE, MALE), -1 unused
    percentile: np.ndarray  # (n, K) share of the sex protected [%]
    hand_height_m: np.ndarray  # (n, K) V [m]
    distance_m: np.ndarray  # (n, K) DH [m]
    frequency_per_min: np.ndarray  # (n, K) F [1/min]
    initial_force_kgf: np.ndarray  # (n, K) actual initial force [kgf]
    sustained_force_kgf: np.ndarray  # (n, K) actual sustained force [kgf]
    carry_weight_kg: np.ndarray  # (n, K) actual carried weight [kg]
    # per task: checks
    reason: np.ndarray  # (n, K) int8 reason code, OK (0) when scored
    velocity_m_min: np.ndarray  # (n, K) DH·F [m/min]
    velocity_caution: np.ndarray  # (n, K) bool: above the source's caution velocity
    z: np.ndarray  # (n, K) standard normal quantile of the percentile [-]
    # per task, initial force (push/pull) or weight (carry)
    v_sf_initial: np.ndarray  # (n, K) [-]
    dh_sf_initial: np.ndarray  # (n, K) [-]
    f_sf_initial: np.ndarray  # (n, K) [-]
    mal50_initial_kg: np.ndarray  # (n, K) 50th-percentile MAL [kg]
    cv_initial: np.ndarray  # (n, K) [-]
    mal_initial_kg: np.ndarray  # (n, K) MAL at the percentile [kg]
    ratio_initial: np.ndarray  # (n, K) actual / MAL_p [-]
    percent_capable_initial: np.ndarray  # (n, K) share of the sex accepting it [%]
    limiting_initial: np.ndarray  # (n, K) int8 smallest factor: 0 V, 1 DH, 2 F; -1 none
    excess_initial_kg: np.ndarray  # (n, K) actual − MAL_p, the reduction to reach 1.0 [kg]
    # per task, sustained force (push/pull only)
    v_sf_sustained: np.ndarray
    dh_sf_sustained: np.ndarray
    f_sf_sustained: np.ndarray
    mal50_sustained_kg: np.ndarray
    cv_sustained: np.ndarray
    mal_sustained_kg: np.ndarray
    ratio_sustained: np.ndarray
    percent_capable_sustained: np.ndarray
    limiting_sustained: np.ndarray
    excess_sustained_kg: np.ndarray
    # per task summary
    task_ratio: np.ndarray  # (n, K) worst of initial and sustained [-]
    task_percent_capable: np.ndarray  # (n, K) least share accepting [%]
    # per assessment
    worst_task: np.ndarray  # (n,) int: slot of the worst task, -1 when none
    n_tasks: np.ndarray  # (n,) int: tasks scored
    n_excluded: np.ndarray  # (n,) int: tasks given but not scored (see reason)
    min_percent_capable: np.ndarray  # (n,) [%]
    below_design_criterion: np.ndarray  # (n,) bool: a women's task accepted by < 75 % of women
    # contract fields
    native: np.ndarray  # (n,) worst MAF ratio, NaN when no task
    band: np.ndarray  # (n,) int8
    index: np.ndarray  # (n,) float 0-100
    borderline: np.ndarray  # (n,) bool


def scale_factor(x, coefficients):
    """Return a printed LM-MMH scale factor ``c0 + x/d1 + x²/d2``.

    Parameters
    ----------
    x
        The variable the factor is a polynomial of: V [m], DH [m], ln(DH) or ln(F). [-]
    coefficients
        ``(c0, d1, d2)`` with signed printed divisors; ``inf`` drops a term.

    Returns
    -------
    numpy.ndarray or float
        The scale factor. [-]

    References
    ----------
    Potvin et al. 2021 §3.2-3.3, p. 963.
    """
    c0, d1, d2 = (np.asarray(c, dtype=float) for c in coefficients)
    x = np.asarray(x, dtype=float)
    return c0 + x / d1 + x * x / d2  # bib:potvin-2021 p. 963, scale-factor form


def maximum_acceptable_load(*, rl_kg, v_sf, dh_sf, f_sf):
    """Return the 50th-percentile maximum acceptable load MAL = RL·V_SF·DH_SF·F_SF. [kg]

    References
    ----------
    Potvin et al. 2021 §3.2-3.3, p. 963: MAL = RL [V_SF] [DH_SF] [F_SF].
    """
    return np.asarray(rl_kg, dtype=float) * v_sf * dh_sf * f_sf  # bib:potvin-2021 p. 963


def z_for_percentile(percentile):
    """Return the standard normal quantile z_p of each percentile (NaN outside 0-100). [-]

    Parameters
    ----------
    percentile
        Share of the population the limit protects, e.g. 90. [%]
    """
    p = np.asarray(percentile, dtype=float)
    out = np.full(p.shape, np.nan)
    inside = (p > 0) & (p < 100)
    # One inverse-CDF call per distinct percentile: a batch uses a handful of them.
    for value in np.unique(p[inside]):
        out[p == value] = NormalDist().inv_cdf(value / 100.0)
    return out if out.ndim else float(out)


def load_at_percentile(*, mal50_kg, cv, z):
    """Return the load acceptable to the share p of the sex, MAL·(1 − CV·z_p). [kg]

    References
    ----------
    Potvin et al. 2021 §3.4, p. 964: MAL75%CAP = MAL [1 − (CV)(Z)].
    """
    return np.asarray(mal50_kg, dtype=float) * (1.0 - np.asarray(cv) * np.asarray(z))


def _erf(x):
    """Return erf(x) by Abramowitz & Stegun 7.1.26 (|error| <= 1.5e-7). [-]"""
    x = np.asarray(x, dtype=float)
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)  # bib:abramowitz-stegun-1964 formula 7.1.26, p. 299
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )  # bib:abramowitz-stegun-1964 formula 7.1.26, p. 299
    return s * (1.0 - poly * np.exp(-a * a))


def percent_capable(*, load_kg, mal50_kg, cv):
    """Return the share of the sex for whom a load is acceptable, 100·(1 − Φ((L − MAL)/SD)). [%]

    Parameters
    ----------
    load_kg
        Actual weight, or force in kgf. [kg]
    mal50_kg
        50th-percentile maximum acceptable load. [kg]
    cv
        Coefficient of variation of the equation; SD = CV·MAL. [-]

    References
    ----------
    Potvin et al. 2021 §3.4, p. 964: normal distribution with mean MAL and SD = CV·MAL.
    """
    load = np.asarray(load_kg, dtype=float)
    mal = np.asarray(mal50_kg, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        u = (load - mal) / (np.asarray(cv) * mal)
    return 100.0 * 0.5 * (1.0 - _erf(u / math.sqrt(2.0)))


def force_to_kgf(force, *, force_unit="kgf"):
    """Return a force in kilograms-force.

    Parameters
    ----------
    force
        Force as measured, in ``force_unit``. [kgf or N]
    force_unit
        ``"kgf"`` or ``"N"``.

    Raises
    ------
    ValueError
        If ``force_unit`` is not one of ``FORCE_UNITS``.
    """
    if force_unit not in FORCE_UNITS:
        raise ValueError(f"force_unit == {force_unit!r}, must be one of {', '.join(FORCE_UNITS)}.")
    f = np.asarray(force, dtype=float)
    return f if force_unit == "kgf" else f / STANDARD_GRAVITY_M_S2  # bib:iso-80000-3-2019


def _codes(values, valid, name, shape, default):
    """Return int8 codes of ``shape`` (position in ``valid``, -1 empty); ValueError on others.

    Integer arrays are taken as codes already; strings are matched exactly first and
    only the distinct odd spellings ("Female", " push", None, NaN) are cleaned.
    """
    if values is None:
        values = default
    arr = np.asarray(values)
    if arr.dtype.kind in "iu":
        bad = arr[(arr < -1) | (arr >= len(valid))]
        if bad.size:
            raise ValueError(f"{name} == {int(bad.flat[0])}, must be a code -1..{len(valid) - 1}.")
        return np.array(np.broadcast_to(_per_task(arr, shape), shape), dtype=np.int8)
    arr = np.broadcast_to(_per_task(arr, shape), shape)
    lookup = {v: i for i, v in enumerate(valid)} | {"": -1}
    codes = np.full(shape, -2, dtype=np.int8)
    for v, i in lookup.items():  # one vectorised comparison per valid spelling
        codes[arr == v] = i
    odd = np.flatnonzero(codes == -2)
    if odd.size:
        flat = arr.ravel()
        cleaned = {v: _clean(str(v)) for v in set(flat[odd].tolist())}
        bad = [c for c in cleaned.values() if c and c not in lookup]
        if bad:
            raise ValueError(f"{name} == {bad[0]!r}, must be one of {', '.join(valid)}.")
        codes.flat[odd] = [lookup[cleaned[v]] for v in flat[odd].tolist()]
    return codes


def _clean(v):
    s = v.strip().lower()
    return "" if s in ("nan", "none") else s


def _per_task(arr, shape):
    """Broadcast a per-assessment (n,) array against per-task (n, K)."""
    # A 1-D array as long as the batch is per assessment; per-task values come as (n, K).
    if arr.ndim == 1 and arr.shape[0] == shape[0] > 1:
        return arr[:, None]
    return arr


def _numbers(values, shape):
    if values is None:
        return np.full(shape, np.nan)
    arr = np.asarray(values, dtype=float)
    return np.broadcast_to(_per_task(arr, shape), shape).astype(float)


def _task_shape(kind):
    k = np.asarray(kind, dtype=object)
    if k.ndim == 0:
        return (1, 1)
    if k.ndim == 1:
        return (1, k.shape[0])
    return k.shape


@functools.cache
def _coefficients(phases: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Return the (12, rows + 1) coefficient table of the phases and its (kind + 1, sex) lookup.

    Row j holds RL, CV, then per scale factor c0 and the reciprocals of the printed
    divisors (0 for a dropped term), so a slot costs products, not divisions; the
    last column is NaN for slots no equation serves (unused, or sustained of a carry).
    """
    rows = [((k, s), eq) for (k, ph, s), eq in EQUATIONS.items() if ph in phases]

    def terms(sf):
        return [sf[0], 1.0 / sf[1], 1.0 / sf[2]]

    table = np.array(
        [
            [eq.rl_kg, eq.cv, *terms(eq.v_sf), *terms(eq.dh_sf), float(eq.dh_log), *terms(eq.f_sf)]
            for _, eq in rows
        ]
        + [[np.nan] * 12]
    ).T.copy()
    lut = np.full((len(KINDS) + 1, len(SEXES)), len(rows))
    for j, ((k, s), _) in enumerate(rows):
        lut[KINDS.index(k) + 1, SEXES.index(s)] = j
    return table, lut


def _evaluate(kind, phases, sex, v, ln_dh, dh, ln_f):
    """Return V_SF, DH_SF, F_SF, RL and CV per slot for the phases (NaN where none)."""
    table, lut = _coefficients(phases)
    which = lut[kind + 1, sex]
    c = [row[which] for row in table]  # one contiguous (n, K) array per coefficient

    def sf(x, j):  # bib:potvin-2021 p. 963: c0 + x/d1 + x²/d2, as in scale_factor
        return c[j] + x * (c[j + 1] + x * c[j + 2])

    dh_x = np.where(c[8] == 1.0, ln_dh, dh)  # bib:potvin-2021 p. 963: male and carry in ln(DH)
    # bib:potvin-2021 p. 963: F_SF is a polynomial in ln(F)
    return {"v": sf(v, 2), "dh": sf(dh_x, 5), "f": sf(ln_f, 9), "rl": c[0], "cv": c[1]}


def _by_family_sex(kind, sex, table, fill=np.nan):
    """Return per slot the value of ``table[(family, sex)]`` (``fill`` for unused slots)."""
    lut = np.full((len(FAMILIES), len(SEXES)), fill, dtype=float)
    for (fam, s), value in table.items():
        lut[FAMILIES.index(fam), SEXES.index(s)] = value
    return np.where(kind < 0, fill, lut[(kind == CARRY).astype(np.intp), sex])


def _range_mask(x, kind, sex, table):
    """Return True where x lies inside the per-(family, sex) range of ``table``."""
    lo = _by_family_sex(kind, sex, {key: r[0] for key, r in table.items()})
    hi = _by_family_sex(kind, sex, {key: r[1] for key, r in table.items()})
    return (x >= lo) & (x <= hi)


def _reasons(kind, sex, v, dh, f, pct, has_load):
    """Return the reason code of each slot (first failing check wins)."""
    used = kind != NO_KIND
    carry = kind == CARRY
    velocity = dh * f
    lo_d = np.where(carry, CARRY_DISTANCE_RANGE_M[0], PUSH_PULL_DISTANCE_RANGE_M[0])
    hi_d = np.where(carry, CARRY_DISTANCE_RANGE_M[1], PUSH_PULL_DISTANCE_RANGE_M[1])
    v_max = np.where(carry, CARRY_VELOCITY_MAX_M_MIN, PUSH_PULL_VELOCITY_MAX_M_MIN)
    checks = (
        (UNUSED, ~used),
        (NO_LOAD, ~has_load),
        (MISSING_INPUT, np.isnan(v) | np.isnan(dh) | np.isnan(f)),
        (HAND_HEIGHT_OUT, ~_range_mask(v, kind, sex, HAND_HEIGHT_RANGE_M)),
        (DISTANCE_OUT, ~((dh >= lo_d) & (dh <= hi_d))),
        (FREQUENCY_OUT, ~((f >= FREQUENCY_RANGE_PER_MIN[0]) & (f <= FREQUENCY_RANGE_PER_MIN[1]))),
        (VELOCITY_OUT, ~(velocity <= v_max)),
        (PERCENTILE_OUT, ~((pct >= PERCENTILE_RANGE[0]) & (pct <= PERCENTILE_RANGE[1]))),
    )
    reason = np.full(kind.shape, OK, dtype=np.int8)
    for code, failed in reversed(checks):
        reason = np.where(failed, code, reason).astype(np.int8)
    return reason


def _phase(kind, phases, sex, logs, z, actual, scored):
    """Return the scale factors, MALs, ratio and percent capable of one phase."""
    c = _evaluate(kind, phases, sex, *logs)
    ok = scored & ~np.isnan(c["rl"])
    mal50 = np.where(
        ok, maximum_acceptable_load(rl_kg=c["rl"], v_sf=c["v"], dh_sf=c["dh"], f_sf=c["f"]), np.nan
    )
    mal_p = load_at_percentile(mal50_kg=mal50, cv=c["cv"], z=z)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(ok, actual / mal_p, np.nan)
    pct = np.where(
        ok & ~np.isnan(actual), percent_capable(load_kg=actual, mal50_kg=mal50, cv=c["cv"]), np.nan
    )
    mask = lambda a: np.where(ok, a, np.nan)  # noqa: E731
    limiting = limiting_factor(v_sf=c["v"], dh_sf=c["dh"], f_sf=c["f"])
    limiting = np.where(ok, limiting, -1).astype(np.int8)
    excess = np.where(ok, actual - mal_p, np.nan)
    return (
        mask(c["v"]),
        mask(c["dh"]),
        mask(c["f"]),
        mal50,
        mask(c["cv"]),
        mal_p,
        ratio,
        pct,
        limiting,
        excess,
    )


def limiting_factor(*, v_sf, dh_sf, f_sf):
    """Return which scale factor lowers the MAL most: 0 hand height, 1 distance, 2 frequency.

    References
    ----------
    Potvin et al. 2021 §4.2, p. 967: the scale factors identify the variables most
    responsible for reducing the maximum acceptable load.
    """
    stacked = np.stack(
        np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in (v_sf, dh_sf, f_sf)))
    )
    return np.argmin(np.where(np.isnan(stacked), np.inf, stacked), axis=0)


def _nanmin_female(task_pct, sexes):
    """Return the least percent capable over women's tasks (inf when none)."""
    female = np.where((sexes == FEMALE) & ~np.isnan(task_pct), task_pct, np.inf)
    return female.min(axis=-1)


def _nanmax(a, axis=-1):
    any_ = ~np.isnan(a).all(axis=axis)
    return np.where(any_, np.nanmax(np.where(np.isnan(a), -np.inf, a), axis=axis), np.nan)


def assess(
    *,
    kind,
    initial_force=None,
    sustained_force=None,
    carry_weight_kg=None,
    hand_height_cm,
    distance_m,
    frequency_per_min,
    sex=None,
    percentile=None,
    force_unit="kgf",
) -> PushPullCarryResult:
    """Return the push, pull and carry result of each assessment.

    Parameters
    ----------
    kind
        Kind of each task, str array (n, K): ``"push"``, ``"pull"``, ``"carry"``, or ""
        / None for an unused slot; or their integer codes (PUSH, PULL, CARRY, -1). A scalar is one assessment with one task, a (K,)
        array one assessment with K tasks.
    initial_force
        Initial force to get the load moving (push, pull), (n, K); NaN when not
        measured. [kgf or N, see ``force_unit``]
    sustained_force
        Sustained force to keep the load moving (push, pull), (n, K); NaN when not
        measured. [kgf or N]
    carry_weight_kg
        Weight carried (carry), (n, K). [kg]
    hand_height_cm
        Vertical height of the hands above the floor, V. [cm]
    distance_m
        Distance travelled horizontally per push, pull or carry, DH. [m]
    frequency_per_min
        Pushes, pulls or carries per minute, F. [1/min]
    sex
        ``"female"`` or ``"male"`` (or FEMALE, MALE codes) per task or per assessment
        (n,); default female.
    percentile
        Share of that sex the limit protects, per task or per assessment; default 90. [%]
    force_unit
        ``"kgf"`` (default) or ``"N"`` for both forces.

    Returns
    -------
    PushPullCarryResult
        Per task and phase: scale factors [-], MAL at the 50th percentile and at the
        chosen percentile [kg], ratio [-], percent capable [%], reason code, velocity
        [m/min] and its caution flag. Per assessment: worst task, counts, least percent
        capable, the 75 %-design-criterion flag, and ``native`` (worst ratio), ``band``,
        ``index``, ``borderline``. A task outside the equations' ranges is not scored
        (NaN, reason code); with no task scored, native is NaN and band -1.

    Raises
    ------
    ValueError
        If a kind, sex or ``force_unit`` is not one of the valid values.

    References
    ----------
    Potvin JR et al. (2021) The Liberty Mutual manual materials handling (LM-MMH)
    equations. Ergonomics 64(8):955-970, doi:10.1080/00140139.2021.1891297.
    """
    shape = _task_shape(kind)
    kinds = _codes(kind, KINDS, "kind", shape, "")
    sexes = _codes(sex, SEXES, "sex", shape, "female")
    sexes = np.where(sexes == NO_KIND, FEMALE, sexes).astype(np.int8)
    pct = _numbers(DEFAULT_PERCENTILE if percentile is None else percentile, shape)
    v = _numbers(hand_height_cm, shape) / 100.0
    dh = _numbers(distance_m, shape)
    f = _numbers(frequency_per_min, shape)
    f_init = force_to_kgf(_numbers(initial_force, shape), force_unit=force_unit)
    f_sust = force_to_kgf(_numbers(sustained_force, shape), force_unit=force_unit)
    w_carry = _numbers(carry_weight_kg, shape)

    carry = kinds == CARRY
    unused = kinds == NO_KIND
    actual_first = np.where(carry, w_carry, np.where(unused, np.nan, f_init))
    actual_sust = np.where(carry | unused, np.nan, f_sust)
    has_load = ~np.isnan(actual_first) | ~np.isnan(actual_sust)
    reason = _reasons(kinds, sexes, v, dh, f, pct, has_load)
    scored = reason == OK
    z = np.where(scored, z_for_percentile(pct), np.nan)

    # The "initial" fields hold the initial force of a push or pull and the weight of a carry.
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = (v, np.log(dh), dh, np.log(f))  # each logarithm once, for both phases
    first = _phase(kinds, ("initial", "carry"), sexes, logs, z, actual_first, scored)
    sust = _phase(kinds, ("sustained",), sexes, logs, z, actual_sust, scored & ~carry)

    task_ratio = _nanmax(np.stack([first[6], sust[6]]), axis=0)
    task_pct = -_nanmax(-np.stack([first[7], sust[7]]), axis=0)
    native = _nanmax(task_ratio)
    any_task = ~np.isnan(native)
    worst = np.where(
        any_task, np.argmax(np.where(np.isnan(task_ratio), -np.inf, task_ratio), axis=-1), -1
    )
    min_pct = -_nanmax(-task_pct)
    velocity = dh * f  # bib:potvin-2021 p. 963-964: mean horizontal velocity DH x F
    caution_v = _by_family_sex(kinds, sexes, VELOCITY_CAUTION_M_MIN, np.inf)

    scale = METHOD.scale
    return PushPullCarryResult(
        kind=kinds,
        sex=np.where(unused, NO_KIND, sexes).astype(np.int8),
        percentile=pct,
        hand_height_m=v,
        distance_m=dh,
        frequency_per_min=f,
        initial_force_kgf=np.where(carry, np.nan, f_init),
        sustained_force_kgf=actual_sust,
        carry_weight_kg=np.where(carry, w_carry, np.nan),
        reason=reason,
        velocity_m_min=np.where(unused, np.nan, velocity),
        velocity_caution=scored & (velocity > caution_v),
        z=z,
        v_sf_initial=first[0],
        dh_sf_initial=first[1],
        f_sf_initial=first[2],
        mal50_initial_kg=first[3],
        cv_initial=first[4],
        mal_initial_kg=first[5],
        ratio_initial=first[6],
        percent_capable_initial=first[7],
        limiting_initial=first[8].astype(np.int8),
        excess_initial_kg=first[9],
        v_sf_sustained=sust[0],
        dh_sf_sustained=sust[1],
        f_sf_sustained=sust[2],
        mal50_sustained_kg=sust[3],
        cv_sustained=sust[4],
        mal_sustained_kg=sust[5],
        ratio_sustained=sust[6],
        percent_capable_sustained=sust[7],
        limiting_sustained=sust[8],
        excess_sustained_kg=sust[9],
        task_ratio=task_ratio,
        task_percent_capable=task_pct,
        worst_task=worst.astype(int),
        n_tasks=(~np.isnan(task_ratio)).sum(axis=-1),
        n_excluded=((reason != OK) & (reason != UNUSED)).sum(axis=-1),
        min_percent_capable=min_pct,
        below_design_criterion=_nanmin_female(task_pct, sexes) < DESIGN_CRITERION_PERCENT,
        native=native,
        band=scale.band(native),
        index=scale.index(native),
        borderline=scale.borderline(native),
    )
