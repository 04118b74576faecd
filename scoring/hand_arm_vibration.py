"""Hand-arm vibration: daily exposure A(8), HSE exposure points and time limits.

Implements the daily vibration exposure of ISO 5349-1:2001 for one or several
tools, judged against the exposure action value (EAV) and exposure limit value
(ELV) of Directive 2002/44/EC Art. 3(1), with the HSE "exposure points" that
make tool contributions additive.

For tool ``i`` with vibration total value ``a_hv,i`` [m/s²] used for a trigger
time ``T_i`` [h] a day:

- partial exposure ``A_i(8) = a_hv,i·√(T_i/T₀)``, ``T₀ = 8 h``;
- daily exposure ``A(8) = √(Σ A_i(8)²)``;
- exposure points ``P_i = 2·a_hv,i²·T_i = 100·(A_i(8)/2.5)²``, so the EAV is
  100 points and the ELV 400 points, and points add across tools;
- time to reach a limit ``L`` with that tool alone ``T_L = 8·(L/a_hv)²``.

A tool's a_hv may be a measurement of the tool in use or the manufacturer's
declared emission value; a declared value comes from a standard laboratory
test and the result carries a caveat that it may not represent real use.

Sources (keys into docs/methods/bibliography.toml): eu-2002-44, iso-5349-1-2001,
uk-cvwr-2005, hse-l140, hse-indg175, hse-hav-ready-reckoner, hse-hav-calculator.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from scoring.bands import BandScale
from scoring.results import MethodInfo

# Directive 2002/44/EC Art. 3(1)(b); UK SI 2005/1093 reg. 4(1)(b): daily EAV, A(8).
EAV_M_S2 = 2.5
# Directive 2002/44/EC Art. 3(1)(a); UK SI 2005/1093 reg. 4(1)(a): daily ELV, A(8).
ELV_M_S2 = 5.0
# ISO 5349-1:2001 §5.2 / 2002/44/EC Annex A.1: reference period T₀ of the daily exposure.
REFERENCE_PERIOD_H = 8.0
# bib:hse-hav-ready-reckoner points = 2·a²·T, i.e. 100 points at the EAV (A(8) = 2.5 m/s²).
POINTS_AT_EAV = 100.0
POINTS_PER_M2_S4_H = 2.0
# Project rule: the open very-high band's index reaches 100 at twice the ELV.
INDEX_CAP_M_S2 = 2.0 * ELV_M_S2
METHOD = MethodInfo(
    id="hand_arm_vibration",
    factor="hand_arm_vibration",
    factor_title="Hand-arm vibration",
    title="Hand-arm vibration daily exposure A(8)",
    edition="ISO 5349-1:2001; Directive 2002/44/EC Art. 3 (OJ L 177, 6.7.2002); HSE points",
    summary=(
        "Daily vibration exposure A(8) of the hand-arm system (ISO 5349-1:2001): each tool's "
        "vibration total value a_hv is normalised to an 8-hour day, A_i(8) = a_hv·√(T/8), and "
        "several tools combine as the root of the sum of squares. HSE exposure points "
        "(2·a_hv²·T, 100 at the EAV, 400 at the ELV) show each tool's share, and the trigger "
        "time at which a tool, alone or with the rest of the day unchanged, reaches the EAV or "
        "ELV says how long it may be used. Band: below or above the exposure action value "
        "2.5 m/s² and the exposure limit value 5 m/s² (Directive 2002/44/EC Art. 3); there is "
        "no moderate band. Values declared by the manufacturer come from a standard test "
        "and are flagged: they may under-estimate real use (HSE L140). The index cap at "
        "10 m/s² (twice the ELV) is a project rule."
    ),
    native="Daily vibration exposure A(8) [m/s²]",
    scale=BandScale(
        edges=(None, EAV_M_S2, ELV_M_S2),
        cap=INDEX_CAP_M_S2,
        edge_in_lower=(False, False, False),
        unit="m/s²",
    ),
    band_basis=(
        "Directive 2002/44/EC Art. 3(1) and UK SI 2005/1093 reg. 4: A(8) < 2.5 m/s² low "
        "(below the EAV), 2.5 to < 5 m/s² high (at or above the EAV), >= 5 m/s² very high "
        "(at or above the ELV). Index cap 10 m/s² (twice the ELV): project rule."
    ),
    inputs=("a_hv_m_s2", "trigger_time_h", "tool_names", "declared"),
    references=(
        "eu-2002-44",
        "iso-5349-1-2001",
        "uk-cvwr-2005",
        "hse-l140",
        "hse-indg175",
        "hse-hav-ready-reckoner",
        "hse-hav-calculator",
    ),
    unconfirmed=(
        "Caveat on declared emission values: the wording follows HSE L140's advice on "
        "manufacturers' information as recalled; the page was not seen.",
        "Directive 2002/44/EC Art. 5(3) wording 'shall not be exposed above the exposure "
        "limit value': recalled, the article text was not seen in the stored sources.",
    ),
)


class HandArmResult(NamedTuple):
    """Hand-arm vibration results; per-tool arrays are (n, K), per-assessment (n,)."""

    # inputs kept for presentation
    a_hv_m_s2: np.ndarray  # (n, K) vibration total value [m/s²]
    trigger_time_h: np.ndarray  # (n, K) daily trigger time [h]
    tool_names: np.ndarray  # (n, K) str
    used: np.ndarray  # (n, K) bool: slot holds a tool with both values given
    # per tool
    partial_a8_m_s2: np.ndarray  # (n, K) A_i(8) [m/s²]
    partial_points: np.ndarray  # (n, K) HSE points [-]
    time_to_eav_h: np.ndarray  # (n, K) trigger time to reach the EAV, tool alone [h]
    time_to_elv_h: np.ndarray  # (n, K) trigger time to reach the ELV, tool alone [h]
    tool_time_limit_eav_h: np.ndarray  # (n, K) longest time keeping the day's A(8) < EAV [h]
    tool_time_limit_elv_h: np.ndarray  # (n, K) longest time keeping the day's A(8) < ELV [h]
    # per assessment
    a8_m_s2: np.ndarray  # (n,) daily exposure A(8) [m/s²]
    points: np.ndarray  # (n,) HSE points [-]
    trigger_time_total_h: np.ndarray  # (n,) total trigger time [h]
    day_time_to_eav_h: np.ndarray  # (n,) total trigger time at which the day's mix hits the EAV
    day_time_to_elv_h: np.ndarray  # (n,) same for the ELV [h]
    n_tools: np.ndarray  # (n,) int: tools scored
    n_incomplete: np.ndarray  # (n,) int: slots with only one of a_hv / trigger time
    declared: np.ndarray  # (n, K) bool: a_hv is the manufacturer's declared value
    # contract fields
    native: np.ndarray  # (n,) = a8_m_s2, NaN when no tool
    band: np.ndarray  # (n,) int8
    index: np.ndarray  # (n,) float 0-100
    borderline: np.ndarray  # (n,) bool


def _check_limit(limit_m_s2):
    limit = np.asarray(limit_m_s2, dtype=float)
    if not np.all(limit > 0):
        bad = limit[~(limit > 0)].ravel()[0]
        raise ValueError(f"limit_m_s2 == {bad}, must be > 0 [m/s²].")
    return limit


def partial_a8(*, a_hv_m_s2, trigger_time_h):
    """Return the partial daily exposure A_i(8) of one tool.

    Parameters
    ----------
    a_hv_m_s2
        Vibration total value of the tool (ISO 5349-1 frequency-weighted r.m.s.,
        root sum of the three axes). [m/s²]
    trigger_time_h
        Daily trigger time: time the hands are actually exposed. [h]

    Returns
    -------
    numpy.ndarray or float
        Partial daily vibration exposure A_i(8). [m/s²]

    References
    ----------
    ISO 5349-1:2001 Eq. (2); Directive 2002/44/EC Annex A.1.
    """
    a = np.asarray(a_hv_m_s2, dtype=float)
    t = np.asarray(trigger_time_h, dtype=float)
    return a * np.sqrt(t / REFERENCE_PERIOD_H)  # ISO 5349-1:2001 Eq. (2)


def daily_a8(*, partial_a8_m_s2):
    """Return the daily exposure A(8) over tools (last axis), ignoring NaN slots.

    Parameters
    ----------
    partial_a8_m_s2
        Partial exposures A_i(8), tools on the last axis; NaN marks an unused
        slot. [m/s²]

    Returns
    -------
    numpy.ndarray or float
        Daily vibration exposure A(8); NaN when every slot is NaN. [m/s²]

    References
    ----------
    ISO 5349-1:2001 Eq. (3); HSE L140: A(8) = √(A_1(8)² + A_2(8)² + ...).
    """
    p = np.asarray(partial_a8_m_s2, dtype=float)
    p = np.atleast_1d(p)
    used = ~np.isnan(p)
    a8 = np.sqrt(np.where(used, p * p, 0.0).sum(axis=-1))  # ISO 5349-1:2001 Eq. (3)
    a8 = np.where(used.any(axis=-1), a8, np.nan)
    return a8 if a8.ndim else float(a8)


def exposure_points(*, a_hv_m_s2, trigger_time_h):
    """Return HSE exposure points 2·a_hv²·T (100 at the EAV, 400 at the ELV).

    Parameters
    ----------
    a_hv_m_s2
        Vibration total value. [m/s²]
    trigger_time_h
        Daily trigger time. [h]

    Returns
    -------
    numpy.ndarray or float
        Exposure points; dimensionless and additive across tools. [-]

    References
    ----------
    HSE ready reckoner: points = 2·a²·T = 100·(A(8)/2.5)².
    """
    a = np.asarray(a_hv_m_s2, dtype=float)
    t = np.asarray(trigger_time_h, dtype=float)
    return POINTS_PER_M2_S4_H * a * a * t  # HSE ready reckoner


def points_from_a8(a8_m_s2):
    """Return the HSE exposure points of a daily exposure: 100·(A(8)/2.5)². [-]"""
    a8 = np.asarray(a8_m_s2, dtype=float)
    return POINTS_AT_EAV * (a8 / EAV_M_S2) ** 2  # HSE ready reckoner


def a8_from_points(points):
    """Return the daily exposure A(8) of HSE exposure points: 2.5·√(P/100). [m/s²]"""
    p = np.asarray(points, dtype=float)
    return EAV_M_S2 * np.sqrt(p / POINTS_AT_EAV)  # HSE ready reckoner


def time_to_limit_h(*, a_hv_m_s2, limit_m_s2):
    """Return the trigger time at which one tool alone reaches a daily limit.

    Parameters
    ----------
    a_hv_m_s2
        Vibration total value of the tool. [m/s²]
    limit_m_s2
        Daily exposure limit to reach, e.g. ``EAV_M_S2`` or ``ELV_M_S2``. [m/s²]

    Returns
    -------
    numpy.ndarray or float
        ``8·(limit/a_hv)²``; ``inf`` for a tool that does not vibrate. [h]

    Raises
    ------
    ValueError
        If ``limit_m_s2`` is not positive.
    """
    a = np.asarray(a_hv_m_s2, dtype=float)
    limit = _check_limit(limit_m_s2)
    with np.errstate(divide="ignore", over="ignore"):
        # A(8) = a·√(T/8) solved for T (ISO 5349-1:2001 Eq. (2))
        return REFERENCE_PERIOD_H * limit * limit / (a * a)


def tool_time_limit_h(*, a_hv_m_s2, trigger_time_h, limit_m_s2):
    """Return, per tool, the longest trigger time that keeps the day below a limit.

    The other tools of the same assessment keep their trigger times. At the
    returned time the daily A(8) equals the limit; any shorter time keeps it
    below.

    Parameters
    ----------
    a_hv_m_s2
        Vibration total values, shape (n, K); NaN marks an unused slot. [m/s²]
    trigger_time_h
        Daily trigger times, shape (n, K); NaN marks an unused slot. [h]
    limit_m_s2
        Daily exposure limit, e.g. ``EAV_M_S2``. [m/s²]

    Returns
    -------
    numpy.ndarray
        Shape (n, K): ``8·(L² − Σ_{j≠k} a_j²T_j/8)/a_k²``; 0 when the other
        tools already reach the limit, ``inf`` for a non-vibrating tool when
        they do not, NaN in unused slots. [h]

    Raises
    ------
    ValueError
        If ``limit_m_s2`` is not positive.
    """
    limit = _check_limit(limit_m_s2)
    a, t = _as_tools(a_hv_m_s2, trigger_time_h)
    used = ~np.isnan(a) & ~np.isnan(t)
    return _tool_time_limit(a, t, used, limit)


def _tool_time_limit(a, t, used, limit):
    a2 = a * a
    dose = np.where(used, a2 * t, 0.0)  # a²·T, in (m/s²)²·h
    others = dose.sum(axis=-1, keepdims=True) - dose
    budget = REFERENCE_PERIOD_H * limit * limit - others  # ISO 5349-1 Eq. (3) solved for T_k
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        t_max = np.where(budget > 0, budget / a2, 0.0)
    return np.where(used, t_max, np.nan)


def _day_time_to_limit(dose, t_total, any_tool, limit):
    t_lim = REFERENCE_PERIOD_H * limit * limit * t_total / dose
    t_lim = np.where(dose == 0, np.inf, t_lim)
    return np.where(any_tool, t_lim, np.nan)


def _as_tools(a_hv_m_s2, trigger_time_h):
    """Return a_hv and T broadcast to (n, K): a scalar is one tool, (K,) one assessment."""
    a, t = np.broadcast_arrays(
        np.asarray(a_hv_m_s2, dtype=float), np.asarray(trigger_time_h, dtype=float)
    )
    if a.ndim > 2:
        raise ValueError(f"a_hv_m_s2 has {a.ndim} dimensions, must be (n, K) or less.")
    shape = (1,) * (2 - a.ndim) + a.shape
    return a.reshape(shape), t.reshape(shape)


def _flags(flags, shape):
    """Return a per-tool yes/no input broadcast to (n, K); None is all no."""
    if flags is None:
        return np.zeros(shape, bool)
    f = np.asarray(flags, dtype=bool)
    return np.broadcast_to(f.reshape((1,) * max(0, 2 - f.ndim) + f.shape), shape)


def _names(tool_names, shape, default="Tool"):
    if tool_names is None:
        k = np.array([f"{default} {j + 1}" for j in range(shape[1])])
        return np.broadcast_to(k, shape)
    names = np.asarray(tool_names)
    names = names.reshape((1,) * max(0, 2 - names.ndim) + names.shape)
    return np.broadcast_to(names, shape)


def assess(*, a_hv_m_s2, trigger_time_h, tool_names=None, declared=None) -> HandArmResult:
    """Return the hand-arm vibration exposure of each assessment.

    Parameters
    ----------
    a_hv_m_s2
        Vibration total value of each tool, shape (n, K); NaN marks an unused
        slot. A scalar is one assessment with one tool, a (K,) array one
        assessment with K tools. [m/s²]
    trigger_time_h
        Daily trigger time of each tool, broadcast with ``a_hv_m_s2``; NaN marks
        an unused slot. [h]
    tool_names
        Names of the tools for presentation, str array broadcast to (n, K);
        default "Tool 1", "Tool 2", ...
    declared
        Whether each a_hv is the manufacturer's declared emission value, bool
        broadcast to (n, K); default no. It changes no number, only adds the
        caveat to the presented result.

    Returns
    -------
    HandArmResult
        Per tool: partial A(8) [m/s²], points [-], time to EAV/ELV alone [h],
        longest time keeping the day below the EAV/ELV [h]. Per assessment:
        A(8) [m/s²], points [-], total trigger time [h], total trigger time at
        which the day's tool mix reaches the EAV/ELV [h], tool counts, and the
        contract fields ``native`` (= A(8)), ``band``, ``index``,
        ``borderline``. A slot counts as a tool when both its a_hv and its
        trigger time are given; a slot with only one is counted in
        ``n_incomplete`` and left out. With no tool, native is NaN and band -1.

    References
    ----------
    ISO 5349-1:2001 Eqs. (2)-(3); Directive 2002/44/EC Art. 3(1); HSE ready
    reckoner (exposure points).
    """
    a, t = _as_tools(a_hv_m_s2, trigger_time_h)
    names = _names(tool_names, a.shape)
    a_nan, t_nan = np.isnan(a), np.isnan(t)
    used = ~a_nan & ~t_nan
    n_tools = used.sum(axis=-1)
    n_incomplete = (a_nan ^ t_nan).sum(axis=-1)

    # Impossible values (negative time) are the model's to reject; here they only give NaN.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        partial = np.where(used, partial_a8(a_hv_m_s2=a, trigger_time_h=t), np.nan)
        pts = np.where(used, exposure_points(a_hv_m_s2=a, trigger_time_h=t), np.nan)
        t_eav = np.where(used, time_to_limit_h(a_hv_m_s2=a, limit_m_s2=EAV_M_S2), np.nan)
        t_elv = np.where(used, time_to_limit_h(a_hv_m_s2=a, limit_m_s2=ELV_M_S2), np.nan)
        lim_eav = _tool_time_limit(a, t, used, EAV_M_S2)
        lim_elv = _tool_time_limit(a, t, used, ELV_M_S2)

        any_tool = n_tools > 0
        dose = np.where(used, a * a * t, 0.0).sum(axis=-1)  # Σ a²·T [(m/s²)²·h]
        a8 = np.where(any_tool, np.sqrt(dose / REFERENCE_PERIOD_H), np.nan)  # ISO 5349-1 Eq. (3)
        points = np.where(any_tool, POINTS_PER_M2_S4_H * dose, np.nan)  # HSE: points add up
        t_total = np.where(any_tool, np.where(used, t, 0.0).sum(axis=-1), np.nan)
        # Same tool mix stretched in time: A(8)² grows in proportion to the total time.
        day_eav = _day_time_to_limit(dose, t_total, any_tool, EAV_M_S2)
        day_elv = _day_time_to_limit(dose, t_total, any_tool, ELV_M_S2)

    scale = METHOD.scale
    return HandArmResult(
        a_hv_m_s2=a,
        trigger_time_h=t,
        tool_names=names,
        used=used,
        partial_a8_m_s2=partial,
        partial_points=pts,
        time_to_eav_h=t_eav,
        time_to_elv_h=t_elv,
        tool_time_limit_eav_h=lim_eav,
        tool_time_limit_elv_h=lim_elv,
        a8_m_s2=a8,
        points=points,
        trigger_time_total_h=t_total,
        day_time_to_eav_h=day_eav,
        day_time_to_elv_h=day_elv,
        n_tools=n_tools,
        n_incomplete=n_incomplete,
        declared=_flags(declared, a.shape) & used,
        native=a8,
        band=np.atleast_1d(scale.band(a8)),
        index=np.atleast_1d(scale.index(a8)),
        borderline=np.atleast_1d(scale.borderline(a8)),
    )
