"""Whole-body vibration: per-axis daily exposure A(8), dominant axis, HSE points and VDV.

Implements the daily exposure of ISO 2631-1:1997 as Directive 2002/44/EC
Annex B and UK SI 2005/1093 Schedule 2 apply it: for each source (vehicle or
machine) ``i`` with frequency-weighted r.m.s. accelerations ``a_wx, a_wy, a_wz``
[m/s²] (W_d for x and y, W_k for z) and daily exposure time ``T_i`` [h],

- per axis ``A_j(8) = k_j·√((1/T₀)·Σ_i a_wj,i²·T_i)``, ``T₀ = 8 h``,
  ``k_x = k_y = 1.4``, ``k_z = 1.0``;
- the daily exposure is the highest axis (the dominant axis), compared with the
  EAV 0.5 m/s² and ELV 1.15 m/s² (Directive 2002/44/EC Art. 3(2));
- HSE points ``100·(A(8)/0.5)²`` on the dominant axis (EAV 100, ELV 529).

Beside A(8) the vibration dose value (VDV, ISO 2631-1:1997 §6.3) is shown:
per source and axis the measured VDV when one is entered (times k), otherwise
the estimate ``eVDV = 1.4·k_j·a_wj·t^(1/4)`` with ``t`` in seconds; sources
combine per axis as ``(Σ VDV_i⁴)^(1/4)`` and the highest axis is compared with
the Directive's VDV action value 9.1 and limit value 21 m/s^1.75.

The band follows A(8). The Directive lets each Member State choose A(8) or VDV
for its values; the UK Regulations use A(8). The VDV is therefore shown and
warned on, not banded: when it reaches its action or limit value while A(8)
does not, or when a source gives jolts or shocks (where the r.m.s. of A(8)
under-estimates the effect of the peaks, ISO 2631-1 §6.2), the result says so.

Sources (keys into docs/methods/bibliography.toml): eu-2002-44, iso-2631-1-1997,
uk-cvwr-2005, hse-l141, hse-wbv-regulations, hse-wbv-calculator.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from scoring.bands import BandScale
from scoring.results import MethodInfo

# Directive 2002/44/EC Art. 3(2)(b); UK SI 2005/1093 reg. 4(3)(b): daily EAV, A(8).
EAV_M_S2 = 0.5
# Directive 2002/44/EC Art. 3(2)(a); UK SI 2005/1093 reg. 4(3)(a): daily ELV, A(8).
ELV_M_S2 = 1.15
# Directive 2002/44/EC Annex B.1; UK SI 2005/1093 Sched. 2 Part I: reference period T₀.
REFERENCE_PERIOD_H = 8.0
# Directive 2002/44/EC Annex B.1; UK SI 2005/1093 Sched. 2 Part I; ISO 2631-1:1997 §7.2.
K_X = 1.4
K_Y = 1.4
K_Z = 1.0
AXES = ("x", "y", "z")
AXIS_K = np.array([K_X, K_Y, K_Z])
_K3 = AXIS_K[:, None, None]  # broadcast over axis-first (3, n, K) arrays
# bib:hse-wbv-calculator points = 100·(A(8)/0.5)², EAV 100, ELV 529.
POINTS_AT_EAV = 100.0
# Project rule: the open very-high band's index reaches 100 at twice the ELV.
INDEX_CAP_M_S2 = 2.0 * ELV_M_S2
# bib:eu-2002-44 Art. 3(2)(b): daily exposure action value as a VDV (Member State's choice).
VDV_EAV_M_S175 = 9.1
# bib:eu-2002-44 Art. 3(2)(a): daily exposure limit value as a VDV (Member State's choice).
VDV_ELV_M_S175 = 21.0
# bib:iso-2631-1-1997 §6.3 estimated VDV: eVDV = 1.4·a_w·t^(1/4), t in seconds.
EVDV_FACTOR = 1.4
# bib:iso-2631-1-1997 §6.2.1: the r.m.s. basic method is normally sufficient up to crest factor 9.
CREST_FACTOR_LIMIT = 9.0
SECONDS_PER_HOUR = 3600.0
# VDV states: below the VDV action value, at or above it, at or above the limit value.
VDV_BELOW, VDV_AT_EAV, VDV_AT_ELV = 0, 1, 2

METHOD = MethodInfo(
    id="whole_body_vibration",
    factor="whole_body_vibration",
    factor_title="Whole-body vibration",
    title="Whole-body vibration daily exposure A(8), dominant axis, with the VDV",
    edition=(
        "ISO 2631-1:1997 (A(8); VDV §6.3); Directive 2002/44/EC Art. 3 and Annex B "
        "(OJ L 177, 6.7.2002)"
    ),
    summary=(
        "Daily whole-body vibration exposure A(8) per axis (ISO 2631-1:1997 as applied by "
        "Directive 2002/44/EC Annex B and UK SI 2005/1093 Schedule 2): each source's "
        "frequency-weighted r.m.s. acceleration is multiplied by k = 1.4 (x, y) or 1.0 (z) and "
        "normalised to an 8-hour day; several sources combine per axis as the root of the sum "
        "of squares, and the highest axis is the daily exposure. HSE points "
        "(100·(A(8)/0.5)², 100 at the EAV, 529 at the ELV) show each source's share, and the "
        "exposure time at which a source, alone or with the rest of the day unchanged, "
        "reaches the EAV or ELV says how long it may be used. Beside A(8) the vibration dose "
        "value (VDV, ISO 2631-1:1997 §6.3) is shown per axis: a measured VDV where one is "
        "entered (times k), otherwise the estimate eVDV = 1.4·k·a_w·t^(1/4) (t in s); sources "
        "combine as (Σ VDV⁴)^(1/4) and the highest axis is compared with the VDV action value "
        "9.1 and limit value 21 m/s^1.75 (Directive 2002/44/EC Art. 3(2)). Band: A(8) below or "
        "above the exposure action value 0.5 m/s² and the exposure limit value 1.15 m/s²; "
        "there is no moderate band. The Directive lets each Member State use A(8) or VDV and "
        "the UK Regulations use A(8), so the band follows A(8); the result warns when the VDV "
        "reaches a value A(8) does not, or when a source gives jolts or shocks, because A(8) "
        "then under-estimates the risk. The index cap at 2.3 m/s² (twice the ELV) is a "
        "project rule."
    ),
    native="Daily vibration exposure A(8), dominant axis [m/s²]",
    scale=BandScale(
        edges=(None, EAV_M_S2, ELV_M_S2),
        cap=INDEX_CAP_M_S2,
        edge_in_lower=(False, False, False),
        unit="m/s²",
    ),
    band_basis=(
        "Directive 2002/44/EC Art. 3(2) and UK SI 2005/1093 reg. 4, A(8) basis: dominant-axis "
        "A(8) < 0.5 m/s² low (below the EAV), 0.5 to < 1.15 m/s² high (at or above the EAV), "
        ">= 1.15 m/s² very high (at or above the ELV). Index cap 2.3 m/s² (twice the ELV): "
        "project rule. VDV (action value 9.1, limit value 21 m/s^1.75, Directive 2002/44/EC "
        "Art. 3(2)) is shown and warned on, not banded: project choice following the UK's "
        "A(8) basis."
    ),
    inputs=(
        "a_wx_m_s2",
        "a_wy_m_s2",
        "a_wz_m_s2",
        "exposure_h",
        "source_names",
        "vdv_x_m_s175",
        "vdv_y_m_s175",
        "vdv_z_m_s175",
        "shocks",
    ),
    references=(
        "eu-2002-44",
        "iso-2631-1-1997",
        "uk-cvwr-2005",
        "hse-l141",
        "hse-wbv-regulations",
        "hse-wbv-calculator",
    ),
    unconfirmed=(
        "Estimated VDV eVDV = 1.4·a_w·t^(1/4) (t in s) and the combination (Σ VDV⁴)^(1/4): "
        "from ISO 2631-1:1997 §6.3 as recalled and as secondary sources give them; the ISO "
        "text (clause and equation numbers) was not seen.",
        "Crest factor 9 as the limit of the r.m.s. basic method (ISO 2631-1:1997 §6.2.1): "
        "the clause title was seen in the standard's contents, the value was not.",
        "HSE points 100·(A(8)/0.5)² (EAV 100, ELV 529): checked against a third-party "
        "calculator that cites the HSE spreadsheet, not the HSE spreadsheet itself.",
    ),
)

_AXIS_LABELS = np.array([*AXES, ""])  # index 3: no axis (unused slot / no source)


class WholeBodyResult(NamedTuple):
    """Whole-body vibration results; per-source arrays are (n, K), per-assessment (n,)."""

    # inputs kept for presentation
    a_wx_m_s2: np.ndarray  # (n, K) W_d-weighted r.m.s., x [m/s²]
    a_wy_m_s2: np.ndarray  # (n, K) W_d-weighted r.m.s., y [m/s²]
    a_wz_m_s2: np.ndarray  # (n, K) W_k-weighted r.m.s., z [m/s²]
    exposure_h: np.ndarray  # (n, K) daily exposure time [h]
    source_names: np.ndarray  # (n, K) str
    used: np.ndarray  # (n, K) bool: slot holds a source with all four values given
    # per source
    partial_a8_x_m_s2: np.ndarray  # (n, K) k_x·a_wx·√(T/8) [m/s²]
    partial_a8_y_m_s2: np.ndarray  # (n, K) [m/s²]
    partial_a8_z_m_s2: np.ndarray  # (n, K) [m/s²]
    source_dominant_axis: np.ndarray  # (n, K) str: the source's own highest axis
    source_a8_m_s2: np.ndarray  # (n, K) the source's partial A(8) on its own dominant axis
    partial_points: np.ndarray  # (n, K) HSE points on the day's dominant axis (additive)
    time_to_eav_h: np.ndarray  # (n, K) exposure time to reach the EAV, source alone [h]
    time_to_elv_h: np.ndarray  # (n, K) same for the ELV [h]
    source_time_limit_eav_h: np.ndarray  # (n, K) longest time keeping the day's A(8) < EAV [h]
    source_time_limit_elv_h: np.ndarray  # (n, K) same for the ELV [h]
    # per assessment
    a8_x_m_s2: np.ndarray  # (n,) [m/s²]
    a8_y_m_s2: np.ndarray  # (n,) [m/s²]
    a8_z_m_s2: np.ndarray  # (n,) [m/s²]
    dominant_axis: np.ndarray  # (n,) str "x", "y", "z" ("" when no source)
    a8_m_s2: np.ndarray  # (n,) dominant-axis A(8) [m/s²]
    points: np.ndarray  # (n,) HSE points on the dominant axis [-]
    exposure_total_h: np.ndarray  # (n,) total exposure time [h]
    day_time_to_eav_h: np.ndarray  # (n,) total time at which the day's mix reaches the EAV
    day_time_to_elv_h: np.ndarray  # (n,) same for the ELV [h]
    n_sources: np.ndarray  # (n,) int
    n_incomplete: np.ndarray  # (n,) int: slots with some but not all of a_wx/a_wy/a_wz/T
    # vibration dose value, k applied (the Directive's 1.4·a_wx, 1.4·a_wy, a_wz)
    source_vdv_x_m_s175: np.ndarray  # (n, K) measured·k or estimated VDV [m/s^1.75]
    source_vdv_y_m_s175: np.ndarray  # (n, K) [m/s^1.75]
    source_vdv_z_m_s175: np.ndarray  # (n, K) [m/s^1.75]
    vdv_x_measured: np.ndarray  # (n, K) bool: the x VDV was measured, not estimated
    vdv_y_measured: np.ndarray  # (n, K) bool
    vdv_z_measured: np.ndarray  # (n, K) bool
    shocks: np.ndarray  # (n, K) bool: the source gives jolts or shocks
    vdv_x_m_s175: np.ndarray  # (n,) (Σ VDV_i⁴)^(1/4), x [m/s^1.75]
    vdv_y_m_s175: np.ndarray  # (n,) [m/s^1.75]
    vdv_z_m_s175: np.ndarray  # (n,) [m/s^1.75]
    vdv_axis: np.ndarray  # (n,) str: the axis with the highest VDV ("" when no source)
    vdv_m_s175: np.ndarray  # (n,) highest-axis VDV [m/s^1.75]
    vdv_state: np.ndarray  # (n,) int: VDV_BELOW / VDV_AT_EAV / VDV_AT_ELV, -1 when none
    any_shocks: np.ndarray  # (n,) bool
    a8_underestimates: np.ndarray  # (n,) bool: VDV reaches a value A(8) does not, or shocks
    # contract fields
    native: np.ndarray  # (n,) = a8_m_s2
    band: np.ndarray  # (n,) int8
    index: np.ndarray  # (n,) float 0-100
    borderline: np.ndarray  # (n,) bool


def _check_limit(limit_m_s2):
    limit = np.asarray(limit_m_s2, dtype=float)
    if not np.all(limit > 0):
        bad = limit[~(limit > 0)].ravel()[0]
        raise ValueError(f"limit_m_s2 == {bad}, must be > 0 [m/s²].")
    return limit


def axis_k(axis: str) -> float:
    """Return the multiplying factor k of an axis ("x", "y" or "z"). [-]"""
    if axis not in AXES:
        raise ValueError(f"axis == {axis!r}, must be one of: x, y, z.")
    return float(AXIS_K[AXES.index(axis)])


def partial_a8(*, a_w_m_s2, exposure_h, axis: str):
    """Return one source's partial daily exposure on one axis, k·a_w·√(T/8).

    Parameters
    ----------
    a_w_m_s2
        Frequency-weighted r.m.s. acceleration on the axis (W_d for x and y,
        W_k for z). [m/s²]
    exposure_h
        Daily exposure time to the source. [h]
    axis
        "x", "y" or "z"; sets k (1.4, 1.4, 1.0).

    Returns
    -------
    numpy.ndarray or float
        Partial daily exposure A_j(8) of the source. [m/s²]

    Raises
    ------
    ValueError
        For an unknown axis.

    References
    ----------
    Directive 2002/44/EC Annex B.1; UK SI 2005/1093 Sched. 2 Part I.
    """
    k = axis_k(axis)
    a = np.asarray(a_w_m_s2, dtype=float)
    t = np.asarray(exposure_h, dtype=float)
    return k * a * np.sqrt(t / REFERENCE_PERIOD_H)  # SI 2005/1093 Sched. 2 para. 1


def points_from_a8(a8_m_s2):
    """Return the HSE whole-body points of a dominant-axis A(8): 100·(A(8)/0.5)². [-]"""
    a8 = np.asarray(a8_m_s2, dtype=float)
    return POINTS_AT_EAV * (a8 / EAV_M_S2) ** 2  # HSE WBV calculator


def a8_from_points(points):
    """Return the dominant-axis A(8) of HSE whole-body points: 0.5·√(P/100). [m/s²]"""
    p = np.asarray(points, dtype=float)
    return EAV_M_S2 * np.sqrt(p / POINTS_AT_EAV)  # HSE WBV calculator


def estimated_vdv(*, a_w_m_s2, exposure_h, axis: str):
    """Return the estimated vibration dose value of one source on one axis, 1.4·k·a_w·t^(1/4).

    Parameters
    ----------
    a_w_m_s2
        Frequency-weighted r.m.s. acceleration on the axis. [m/s²]
    exposure_h
        Daily exposure time to the source. [h]
    axis
        "x", "y" or "z"; sets k (1.4, 1.4, 1.0) as for A(8).

    Returns
    -------
    numpy.ndarray or float
        Estimated VDV with k applied, t converted to seconds. [m/s^1.75]

    Raises
    ------
    ValueError
        For an unknown axis.

    References
    ----------
    ISO 2631-1:1997 §6.3 (eVDV); Directive 2002/44/EC Annex B.1 (1.4·a_wx, 1.4·a_wy, a_wz).
    """
    k = axis_k(axis)
    a = np.asarray(a_w_m_s2, dtype=float)
    t_s = np.asarray(exposure_h, dtype=float) * SECONDS_PER_HOUR
    return EVDV_FACTOR * k * a * t_s**0.25  # bib:iso-2631-1-1997 §6.3


def combined_vdv(vdv_m_s175, axis: int = -1):
    """Return the VDV of several sources on one axis, (Σ VDV_i⁴)^(1/4); NaN entries are skipped.

    References
    ----------
    ISO 2631-1:1997 §6.3 (the fourth-power dose adds over periods of exposure).
    """
    v = np.asarray(vdv_m_s175, dtype=float)
    # Scaled by the largest value so tiny or huge doses neither underflow nor overflow.
    top = np.max(np.where(np.isnan(v), -np.inf, v), axis=axis, keepdims=True)
    top = np.where(np.isfinite(top) & (top > 0), top, 1.0)
    ratio4 = np.nansum((v / top) ** 4, axis=axis)  # bib:iso-2631-1-1997 §6.3
    return np.squeeze(top, axis=axis) * ratio4**0.25


def vdv_state(vdv_m_s175):
    """Return VDV_BELOW, VDV_AT_EAV or VDV_AT_ELV for a daily VDV (-1 for NaN)."""
    v = np.asarray(vdv_m_s175, dtype=float)
    state = np.where(v >= VDV_ELV_M_S175, VDV_AT_ELV, np.where(v >= VDV_EAV_M_S175, 1, 0))
    return np.where(np.isnan(v), -1, state)


def time_to_limit_h(*, a_wx_m_s2, a_wy_m_s2, a_wz_m_s2, limit_m_s2):
    """Return the exposure time at which one source alone reaches a daily limit.

    The source's dominant axis (highest k·a_w) reaches the limit first.

    Parameters
    ----------
    a_wx_m_s2, a_wy_m_s2, a_wz_m_s2
        Frequency-weighted r.m.s. accelerations of the source. [m/s²]
    limit_m_s2
        Daily exposure limit, e.g. ``EAV_M_S2``. [m/s²]

    Returns
    -------
    numpy.ndarray or float
        ``8·(limit / max_j k_j·a_wj)²``; ``inf`` for a source that does not
        vibrate. [h]

    Raises
    ------
    ValueError
        If ``limit_m_s2`` is not positive.
    """
    limit = _check_limit(limit_m_s2)
    axes = (np.asarray(v, dtype=float) for v in (a_wx_m_s2, a_wy_m_s2, a_wz_m_s2))
    a = np.stack(np.broadcast_arrays(*axes))
    ka = (AXIS_K.reshape((3,) + (1,) * (a.ndim - 1)) * a).max(axis=0)
    with np.errstate(divide="ignore", over="ignore"):
        return REFERENCE_PERIOD_H * limit * limit / (ka * ka)  # Sched. 2 para. 1 solved for T


def source_time_limit_h(*, a_wx_m_s2, a_wy_m_s2, a_wz_m_s2, exposure_h, limit_m_s2):
    """Return, per source, the longest exposure time keeping the day below a limit.

    The other sources keep their exposure times. "Below the limit" means every
    axis, so the dominant axis, stays below it; at the returned time the
    daily A(8) equals the limit.

    Parameters
    ----------
    a_wx_m_s2, a_wy_m_s2, a_wz_m_s2
        Frequency-weighted r.m.s. accelerations, shape (n, K); NaN marks an
        unused slot. [m/s²]
    exposure_h
        Daily exposure times, shape (n, K). [h]
    limit_m_s2
        Daily exposure limit, e.g. ``EAV_M_S2``. [m/s²]

    Returns
    -------
    numpy.ndarray
        Shape (n, K); 0 when the other sources already reach the limit,
        ``inf`` for a source that does not vibrate when they do not, NaN in
        unused slots. [h]

    Raises
    ------
    ValueError
        If ``limit_m_s2`` is not positive.
    """
    limit = _check_limit(limit_m_s2)
    a, t = _as_sources(a_wx_m_s2, a_wy_m_s2, a_wz_m_s2, exposure_h)
    used = ~np.isnan(a).any(axis=0) & ~np.isnan(t)
    return _source_time_limit(_K3 * a, t, used, limit)


def _source_time_limit(ka, t, used, limit):
    """Return the per-source limit time from k·a_w of shape (3, n, K) and T (n, K)."""
    ka2 = ka * ka
    dose = np.where(used, ka2 * t, 0.0)  # (k·a_w)²·T per axis and source
    others = dose.sum(axis=-1, keepdims=True) - dose
    budget = REFERENCE_PERIOD_H * limit * limit - others  # Sched. 2 para. 1 solved for T_k
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        t_axis = np.where(budget > 0, budget / ka2, 0.0)
    # every axis must stay below the limit, so the first axis to reach it binds
    return np.where(used, np.minimum.reduce(t_axis, axis=0), np.nan)


def _as_sources(a_wx_m_s2, a_wy_m_s2, a_wz_m_s2, exposure_h):
    """Return an axis-first (3, n, K) acceleration and an (n, K) time from broadcast inputs."""
    ax, ay, az, t = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (a_wx_m_s2, a_wy_m_s2, a_wz_m_s2, exposure_h))
    )
    if t.ndim > 2:
        raise ValueError(f"exposure_h has {t.ndim} dimensions, must be (n, K) or less.")
    shape = (1,) * (2 - t.ndim) + t.shape
    a = np.stack([ax.reshape(shape), ay.reshape(shape), az.reshape(shape)])
    return a, t.reshape(shape)


def _names(source_names, shape):
    if source_names is None:
        return np.broadcast_to(np.array([f"Source {j + 1}" for j in range(shape[1])]), shape)
    names = np.asarray(source_names)
    names = names.reshape((1,) * max(0, 2 - names.ndim) + names.shape)
    return np.broadcast_to(names, shape)


def assess(
    *,
    a_wx_m_s2,
    a_wy_m_s2,
    a_wz_m_s2,
    exposure_h,
    source_names=None,
    vdv_x_m_s175=None,
    vdv_y_m_s175=None,
    vdv_z_m_s175=None,
    shocks=None,
) -> WholeBodyResult:
    """Return the whole-body vibration exposure of each assessment.

    Parameters
    ----------
    a_wx_m_s2
        W_d-weighted r.m.s. acceleration on the fore-and-aft x axis of each
        source, shape (n, K); NaN marks an unused slot. A scalar is one
        assessment with one source, a (K,) array one assessment with K
        sources. [m/s²]
    a_wy_m_s2
        W_d-weighted r.m.s. acceleration on the lateral y axis. [m/s²]
    a_wz_m_s2
        W_k-weighted r.m.s. acceleration on the vertical z axis. [m/s²]
    exposure_h
        Daily exposure time to each source. [h]
    source_names
        Names of the sources for presentation, str array broadcast to (n, K);
        default "Source 1", "Source 2", ...
    vdv_x_m_s175, vdv_y_m_s175, vdv_z_m_s175
        Measured vibration dose value of each source and axis for the day's
        exposure, without k, broadcast to (n, K); NaN (or None) uses the
        estimate from a_w and the time. [m/s^1.75]
    shocks
        Whether each source gives jolts or shocks, bool broadcast to (n, K);
        default no.

    Returns
    -------
    WholeBodyResult
        Per source: partial A(8) on each axis [m/s²], its own dominant axis,
        points on the day's dominant axis [-], time to EAV/ELV alone [h],
        longest time keeping the day below the EAV/ELV [h]. Per assessment:
        A(8) per axis and on the dominant axis [m/s²], the dominant axis,
        points [-], total exposure time [h], total time at which the day's mix
        reaches the EAV/ELV [h], source counts, and the contract fields
        ``native`` (= dominant A(8)), ``band``, ``index``, ``borderline``.
        Also the VDV per source and axis (k applied), per axis and on its
        highest axis [m/s^1.75], its state against the VDV action and limit
        values, and ``a8_underestimates`` (shocks reported, or the VDV reaches
        a value A(8) does not).
        A slot is a source when all of a_wx, a_wy, a_wz and the time are given
        (enter 0 for an axis measured as negligible); a slot with only some of
        them is counted in ``n_incomplete`` and left out. With no source,
        native is NaN, band -1 and the dominant axis "". On a tie between axes
        the first of x, y, z is named dominant (the A(8) is the same).

    References
    ----------
    Directive 2002/44/EC Art. 3(2), Annex B.1; UK SI 2005/1093 Sched. 2 Part I;
    ISO 2631-1:1997; HSE WBV calculator (points).
    """
    a, t = _as_sources(a_wx_m_s2, a_wy_m_s2, a_wz_m_s2, exposure_h)
    shape = t.shape
    names = _names(source_names, shape)
    a_given, t_given = ~np.isnan(a), ~np.isnan(t)
    used = a_given.all(axis=0) & t_given
    n_sources = used.sum(axis=-1)
    n_incomplete = ((a_given.any(axis=0) | t_given) & ~used).sum(axis=-1)
    any_source = n_sources > 0
    rows = np.arange(shape[0])

    # Impossible values (negative time) are the model's to reject; here they only give NaN.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ka = _K3 * a  # (3, n, K)
        partial = np.where(used, ka * np.sqrt(t / REFERENCE_PERIOD_H), np.nan)
        # SI 2005/1093 Sched. 2 para. 1: A_j(8) = k_j·√((1/T₀)·Σ a_wj,i²·T_i)
        dose = np.where(used, ka * ka * t, 0.0).sum(axis=-1)  # (3, n)
        a8_axes = np.sqrt(dose / REFERENCE_PERIOD_H)
        dom = np.argmax(a8_axes, axis=0)  # Sched. 2 para. 1: the highest axis counts
        a8 = np.where(any_source, a8_axes[dom, rows], np.nan)
        a8_axes = np.where(any_source, a8_axes, np.nan)
        points = points_from_a8(a8)
        partial_points = points_from_a8(partial[dom, rows, :])  # on the day's dominant axis

        src_dom = np.argmax(np.where(used, partial, -np.inf), axis=0)  # (n, K)
        src_a8 = np.take_along_axis(partial, src_dom[None], 0)[0]
        ka_max = np.where(used, ka.max(axis=0), np.nan)
        t_eav = REFERENCE_PERIOD_H * EAV_M_S2**2 / (ka_max * ka_max)
        t_elv = REFERENCE_PERIOD_H * ELV_M_S2**2 / (ka_max * ka_max)
        lim_eav = _source_time_limit(ka, t, used, EAV_M_S2)
        lim_elv = _source_time_limit(ka, t, used, ELV_M_S2)

        t_total = np.where(any_source, np.where(used, t, 0.0).sum(axis=-1), np.nan)
        dose_dom = dose[dom, rows]
        # Same source mix stretched in time: A(8)² grows in proportion to the total time.
        day_eav = _day_time_to_limit(dose_dom, t_total, any_source, EAV_M_S2)
        day_elv = _day_time_to_limit(dose_dom, t_total, any_source, ELV_M_S2)

    vdv = _vdv(a, t, used, shape, vdv_x_m_s175, vdv_y_m_s175, vdv_z_m_s175, shocks)
    a8_state = np.where(a8 >= ELV_M_S2, 2, np.where(a8 >= EAV_M_S2, 1, 0))
    vdv["a8_underestimates"] = any_source & (
        vdv["any_shocks"] | (vdv["vdv_state"] > np.where(any_source, a8_state, 2))
    )

    scale = METHOD.scale
    return WholeBodyResult(
        **vdv,
        a_wx_m_s2=a[0],
        a_wy_m_s2=a[1],
        a_wz_m_s2=a[2],
        exposure_h=t,
        source_names=names,
        used=used,
        partial_a8_x_m_s2=partial[0],
        partial_a8_y_m_s2=partial[1],
        partial_a8_z_m_s2=partial[2],
        source_dominant_axis=_AXIS_LABELS[np.where(used, src_dom, 3)],
        source_a8_m_s2=src_a8,
        partial_points=partial_points,
        time_to_eav_h=t_eav,
        time_to_elv_h=t_elv,
        source_time_limit_eav_h=lim_eav,
        source_time_limit_elv_h=lim_elv,
        a8_x_m_s2=a8_axes[0],
        a8_y_m_s2=a8_axes[1],
        a8_z_m_s2=a8_axes[2],
        dominant_axis=_AXIS_LABELS[np.where(any_source, dom, 3)],
        a8_m_s2=a8,
        points=points,
        exposure_total_h=t_total,
        day_time_to_eav_h=day_eav,
        day_time_to_elv_h=day_elv,
        n_sources=n_sources,
        n_incomplete=n_incomplete,
        native=a8,
        band=np.atleast_1d(scale.band(a8)),
        index=np.atleast_1d(scale.index(a8)),
        borderline=np.atleast_1d(scale.borderline(a8)),
    )


def _measured(v, shape):
    """Return a measured per-source value broadcast to (n, K), NaN where not entered."""
    if v is None:
        return np.full(shape, np.nan)
    arr = np.asarray(v, dtype=float)
    return np.broadcast_to(arr.reshape((1,) * max(0, 2 - arr.ndim) + arr.shape), shape)


def _vdv(a, t, used, shape, vdv_x, vdv_y, vdv_z, shocks):
    """Return the VDV fields of the result from (3, n, K) a_w, (n, K) T and measured VDVs."""
    measured = np.stack([_measured(v, shape) for v in (vdv_x, vdv_y, vdv_z)])
    is_measured = used & ~np.isnan(measured)
    with np.errstate(invalid="ignore"):
        estimate = np.stack(
            [estimated_vdv(a_w_m_s2=a[j], exposure_h=t, axis=ax) for j, ax in enumerate(AXES)]
        )
    # bib:eu-2002-44 Annex B.1: the VDV of 1.4·a_wx, 1.4·a_wy, a_wz, so k applies to a measurement
    per_source = np.where(is_measured, _K3 * measured, estimate)
    per_source = np.where(used, per_source, np.nan)
    any_source = used.any(axis=-1)
    axes = np.where(any_source, combined_vdv(per_source), np.nan)  # (3, n)
    top = np.argmax(np.where(np.isnan(axes), -np.inf, axes), axis=0)
    rows = np.arange(shape[0])
    day = np.where(any_source, axes[top, rows], np.nan)
    jolts = (
        np.zeros(shape, bool)
        if shocks is None
        else np.broadcast_to(
            np.asarray(shocks, dtype=bool).reshape(
                (1,) * max(0, 2 - np.ndim(shocks)) + np.shape(shocks)
            ),
            shape,
        )
    )
    jolts = jolts & used
    return {
        "source_vdv_x_m_s175": per_source[0],
        "source_vdv_y_m_s175": per_source[1],
        "source_vdv_z_m_s175": per_source[2],
        "vdv_x_measured": is_measured[0],
        "vdv_y_measured": is_measured[1],
        "vdv_z_measured": is_measured[2],
        "shocks": jolts,
        "vdv_x_m_s175": axes[0],
        "vdv_y_m_s175": axes[1],
        "vdv_z_m_s175": axes[2],
        "vdv_axis": _AXIS_LABELS[np.where(any_source, top, 3)],
        "vdv_m_s175": day,
        "vdv_state": vdv_state(day),
        "any_shocks": jolts.any(axis=-1),
    }


def _day_time_to_limit(dose, t_total, any_source, limit):
    t_lim = REFERENCE_PERIOD_H * limit * limit * t_total / dose
    t_lim = np.where(dose == 0, np.inf, t_lim)
    return np.where(any_source, t_lim, np.nan)
