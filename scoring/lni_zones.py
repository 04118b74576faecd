"""Washington L&I caution/hazard-zone criteria: a vectorised criterion engine.

Contact stress, repetitive motion and awkward posture are scored the same way:
each is a list of duration criteria ("kneeling more than 2 h/day") taken from
the Washington State ergonomics rule, WAC 296-62-051 (bib:wac-296-62-051). Its
caution-zone list (WAC 296-62-05105, Table 1: 14 risk factors) says when a job
needs a look; its Appendix B hazard-zone criteria (WAC 296-62-05174), printed by
L&I as the Hazard Zone Jobs Checklist (bib:lni-hazard-zone-checklist), say when
the exposure must be reduced. The rule was adopted in 2000 and repealed by
ballot initiative on 4 December 2003; L&I still publishes the caution-zone list
as advisory guidance (bib:lni-f417-195-000).

This module holds what the three factors share: a :class:`CriterionSpec`
(thresholds and sources, a module constant in each factor), a
:class:`Criterion` (a spec plus the hours and condition arrays of one batch),
:func:`evaluate` (met flags, per-criterion band and index, the factor band and
index, the dominant criterion, borderline flags), :func:`hours_to_drop_below`
for quantified recommendations. The words (criterion table, drivers, why) are in
:mod:`presentation.lni_zones`.

Bands:

============ ==========================================================
low          no criterion met, or the task is not performed regularly
moderate     a caution-zone criterion met
high         a hazard-zone criterion met
very high    a hazard criterion at >= 1.5 × its duration threshold, or
             hazard criteria met for two or more different exposures
             (project rule)
============ ==========================================================

L&I thresholds read "more than X hours total per day", so they are strict:
exactly 2.0 h/day does not meet a "> 2 h" criterion. The 1.5 × edge of the
very-high band is inclusive (project rule).

Performed regularly: a caution-zone job is "a work activity performed regularly"
and "performed regularly means done more than one day a week and more
frequently than one week per year" (bib:lni-f417-195-000 p. 1; the Hazard Zone
Jobs Checklist heading says the same). A section whose task is not performed
regularly meets no criterion at any duration: its band is low, its index 0, and
the result says why (project choice: low rather than not applicable, because
the exposure was assessed and the method's answer is "not a caution-zone job").

Risk index of one criterion with hours ``h``, caution threshold ``tc`` and
hazard threshold ``th`` (project rule, piecewise linear and non-decreasing in
``h``, continuous except where a criterion has no caution zone)::

    h <= tc                 25 · h / tc
    tc < h <= th            25 + 25 · (h - tc) / (th - tc)
    th < h < 1.5 th         50 + 25 · (h - th) / (0.5 th)
    h >= 1.5 th             75 + 25 · min((h - 1.5 th) / (1.5 th), 1)

so the index reaches 100 at 3 × the hazard threshold. Thresholds that do not
apply are infinite:

* caution only (no hazard zone, or its condition is false): above ``tc`` the
  index is ``25 + 25 · (1 - tc / h)``, which stays below 50;
* hazard only (no caution zone, or its condition is false): below ``th`` the
  index is ``25 · h / th`` (low), then it jumps to the hazard branch;
* neither (every condition false, e.g. hammering at 8 impacts/h, a modifier
  line whose modifier is absent, or a task not performed regularly): the
  criterion cannot be met at any duration, so its index is 0. We chose 0
  rather than ``25 · h / tc``: a criterion that cannot apply should not push
  the factor towards "almost moderate". Another criterion of the same
  exposure (the line without the modifier) carries those hours.

The factor index is the largest criterion index, raised to at least 75 when
hazard criteria are met for two or more exposures, so index and band always
agree: a band code ``b`` has its index in ``[25 b, 25 b + 25]``.

References
----------
bib:wac-296-62-051, bib:lni-hazard-zone-checklist, bib:lni-f417-195-000
(docs/methods/lni-zones.md gives every line with its source).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from scoring.bands import (
    BAND_INDEX_WIDTH,
    BORDERLINE_FRACTION,
    HIGH,
    LOW,
    MODERATE,
    NOT_APPLICABLE,
    VERY_HIGH,
    BandScale,
)

INF = math.inf

# Project rule: a hazard criterion at >= 1.5 × its duration is very high.
VERY_HIGH_FACTOR = 1.5
# Project rule: the criterion index reaches 100 at 3 × the hazard threshold.
INDEX_CAP_FACTOR = 3.0
# Project rule: hazard criteria met for this many exposures is very high.
VERY_HIGH_HAZARD_COUNT = 2

# The three L&I factors band by criteria, not by one native scale, so their
# BandScale is on the risk index itself: it reproduces the band from the index
# exactly (25 is still low: h == tc is not "more than"; 50 is still moderate;
# 75 is very high because 1.5 × is inclusive).
ZONE_SCALE = BandScale(
    edges=(25.0, 50.0, 75.0),
    cap=100.0,
    edge_in_lower=(True, True, False),
    unit="L&I zone index",
)

ZONE_BAND_BASIS = (
    "Washington L&I criteria (WAC 296-62-051): low = no criterion met; moderate = a "
    "caution-zone criterion (WAC 296-62-05105) met; high = a hazard-zone criterion "
    "(WAC 296-62-05174 Appendix B) met; very high = a hazard criterion at >= 1.5 × its "
    "duration threshold, or hazard criteria met for two or more different exposures "
    "(project rule). Thresholds are strict ('more than X h/day'). A task not performed "
    "regularly (more than one day a week and more than one week a year) meets no criterion "
    "and is low. The 0-100 index is piecewise linear in hours between the criterion's "
    "thresholds (project rule)."
)

VALID_ZONES = ("next", "hazard", "caution")

# Index span of each band code as ZONE_SCALE reads it: low [0, 25], moderate
# (25, 50], high (50, 75), very high [75, 100].
_INDEX_LO = np.array([0.0, np.nextafter(25.0, INF), np.nextafter(50.0, INF), 75.0])
_INDEX_HI = np.array([25.0, 50.0, np.nextafter(75.0, -INF), 100.0])


class CriterionSpec(NamedTuple):
    """One duration criterion: thresholds, labels and where they come from.

    Parameters
    ----------
    id
        Short key, unique within a factor, e.g. ``"kneeling"``.
    label
        What a reader sees, e.g. ``"Kneeling"``.
    caution_h
        Caution-zone threshold, met when hours are *more than* it; ``inf`` when
        the criterion has no caution zone. [h/day]
    hazard_h
        Hazard-zone threshold, met when hours are *more than* it; ``inf`` when
        the criterion has no hazard zone. [h/day]
    caution_ref, hazard_ref
        Short citation of each threshold, e.g. ``"WAC 296-62-05105 item 4"`` or
        ``"project rule (UAW-GM checklist)"``.
    caution_if, hazard_if
        The condition each zone needs besides duration, in words, e.g.
        ``"> 10 impacts/h"``; ``""`` when there is none.
    group
        The exposure the criterion measures. Criteria of one group (e.g. the
        L&I lines "keying" and "keying + awkward wrist", which read the same
        keying hours) count once towards the two-hazard very-high rule.
        ``""`` means the criterion is its own group.
    caution_rate, hazard_rate
        Rate each zone needs, met when the criterion's ``rate`` is *more than*
        it (e.g. 10 and 60 impacts/h); NaN when the zone has no rate
        condition. A rate within 10 % of it makes the criterion borderline
        like a duration does. [unit of the rate]
    """

    id: str
    label: str
    caution_h: float = INF
    hazard_h: float = INF
    caution_ref: str = ""
    hazard_ref: str = ""
    caution_if: str = ""
    hazard_if: str = ""
    group: str = ""
    caution_rate: float = math.nan
    hazard_rate: float = math.nan


@dataclass(frozen=True)
class Criterion:
    """A criterion applied to a batch: its spec, hours and conditions.

    Parameters
    ----------
    spec
        Thresholds and labels.
    hours
        Exposure duration per assessment, NaN when not given. [h/day]
    caution_when
        Where the caution zone's other conditions hold (a modifier such as an
        awkward wrist). Boolean array or scalar.
    hazard_when
        Where the hazard zone's other conditions hold.
    rate
        The rate the spec's ``caution_rate``/``hazard_rate`` apply to, NaN when
        not given (a zone that needs a rate is then not met). [unit of the rate]
    """

    spec: CriterionSpec
    hours: object
    caution_when: object = True
    hazard_when: object = True
    rate: object = math.nan

    def __post_init__(self):
        tc, th = float(self.spec.caution_h), float(self.spec.hazard_h)
        if math.isinf(tc) and math.isinf(th):
            raise ValueError(
                f"criterion {self.spec.id!r} has neither a caution nor a hazard threshold."
            )
        if not (tc > 0 and th > 0):
            raise ValueError(
                f"criterion {self.spec.id!r}: caution_h == {tc}, hazard_h == {th}, "
                "must be > 0 [h/day]."
            )
        if math.isfinite(tc) and tc > th:
            raise ValueError(
                f"criterion {self.spec.id!r}: caution_h == {tc}, must be <= hazard_h == {th} "
                "[h/day]."
            )


class ZoneResult(NamedTuple):
    """Criterion zones for a batch of ``n`` assessments and ``K`` criteria."""

    native: np.ndarray  # (n,) hours of the dominant criterion, NaN if none given [h/day]
    band: np.ndarray  # (n,) int8 factor band, -1 when no duration is given
    index: np.ndarray  # (n,) factor risk index 0-100, NaN when no duration is given
    borderline: np.ndarray  # (n,) bool: the band would change were hours or rates 10 % off
    dominant: np.ndarray  # (n,) int16 column of the criterion with the highest index, -1 none
    n_hazard: np.ndarray  # (n,) int16 exposures (groups) with a hazard criterion met
    hours: np.ndarray  # (n, K) [h/day]
    caution_limit: np.ndarray  # (n, K) caution threshold that applies, inf where none [h/day]
    hazard_limit: np.ndarray  # (n, K) hazard threshold that applies, inf where none [h/day]
    met_caution: np.ndarray  # (n, K) bool
    met_hazard: np.ndarray  # (n, K) bool
    criterion_band: np.ndarray  # (n, K) int8, -1 where hours are NaN
    criterion_index: np.ndarray  # (n, K) 0-100, NaN where hours are NaN
    criterion_borderline: np.ndarray  # (n, K) bool: hours or rate within 10 % of an edge
    rate: np.ndarray  # (n, K) the criteria's rates, NaN where none
    regular: np.ndarray  # (n,) bool: the task is performed regularly (else no zone applies)


def zone_result_fields(name: str, extra: Sequence[str]) -> type:
    """Return a NamedTuple of the :class:`ZoneResult` fields, then ``extra`` ones.

    Each L&I zone factor's result subclasses it: every ZoneResult array (filled from
    :func:`evaluate`) plus the inputs its words need, so the factors' results stay in
    step with ZoneResult.
    """
    return NamedTuple(name, [(f, np.ndarray) for f in (*ZoneResult._fields, *extra)])


_TRUE_WORDS = ("true", "yes", "y", "1")
_FALSE_WORDS = ("false", "no", "n", "0", "")


def _flag_value(v) -> bool:
    if v is None:
        return False
    if isinstance(v, str):
        w = v.strip().lower()
        if w in _TRUE_WORDS:
            return True
        if w in _FALSE_WORDS:
            return False
        valid = ", ".join(repr(x) for x in _TRUE_WORDS + _FALSE_WORDS)
        raise ValueError(f"flag == {v!r}, must be a bool or one of: {valid}.")
    if isinstance(v, float) and v != v:
        return False
    return bool(v)


def as_flag(x) -> np.ndarray:
    """Return a boolean array from bool, 0/1, "true"/"false" or NaN input (NaN/None: False)."""
    a = np.asarray(x)
    if a.dtype.kind == "b":
        return a
    if a.dtype.kind == "f":
        return np.nan_to_num(a, nan=0.0) != 0
    if a.dtype.kind in "iu":
        return a != 0
    return np.vectorize(_flag_value, otypes=[bool])(a) if a.size else a.astype(bool)


def _criterion_bands(h, tc, th, group_codes, n_groups, *, scale=1.0, inclusive=False):
    """Return met_caution, met_hazard, band (n, K), factor band and hazard groups (n,).

    ``scale`` and ``inclusive`` serve the borderline test: thresholds × 1.1 with
    strict comparisons tell whether the band drops when hours shrink by the 10 %
    margin; × 0.9 with inclusive ones whether it rises.
    """
    with np.errstate(invalid="ignore"):
        if inclusive:
            met_c = h >= scale * tc
            met_h = h >= scale * th
            vh = h >= scale * VERY_HIGH_FACTOR * th
        else:
            met_c = h > scale * tc
            met_h = h > scale * th
            # Project rule: "at >= 1.5 ×" is inclusive at the nominal edge (scale 1).
            vh_edge = scale * VERY_HIGH_FACTOR * th
            vh = h >= vh_edge if scale == 1.0 else h > vh_edge
    vh &= met_h
    band = np.where(vh, VERY_HIGH, np.where(met_h, HIGH, np.where(met_c, MODERATE, LOW)))
    given = ~np.isnan(h)
    band = np.where(given, band, NOT_APPLICABLE).astype(np.int8)
    factor = band.max(axis=-1)
    n_haz = _count_groups(met_h & given, group_codes, n_groups)
    factor = np.where(n_haz >= VERY_HIGH_HAZARD_COUNT, VERY_HIGH, factor).astype(np.int8)
    return met_c & given, met_h & given, band, factor, n_haz


def _count_groups(flags, group_codes, n_groups):
    """Return how many distinct groups have at least one True flag along the last axis."""
    count = np.zeros(flags.shape[:-1], dtype=np.int16)
    for g in range(n_groups):
        count += flags[..., group_codes == g].any(axis=-1)
    return count


def _criterion_index(h, tc, th):
    """Return the 0-100 index of each criterion (see the module docstring)."""
    has_c = np.isfinite(tc)
    has_h = np.isfinite(th)
    first = np.where(has_c, tc, th)  # the first edge above "low"; inf when neither applies
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # Low: 25 h / (first edge); h / inf == 0 when no zone applies.
        low = BAND_INDEX_WIDTH * np.where(np.isfinite(first), h / first, 0.0)
        # Moderate with a hazard zone above it; th == tc leaves this branch empty.
        span = np.where(has_h & has_c & (th > tc), th - tc, 1.0)
        mod_two = BAND_INDEX_WIDTH * (1.0 + (h - tc) / span)
        # Moderate with no hazard zone: approaches but never reaches 50.
        mod_open = BAND_INDEX_WIDTH * (2.0 - tc / h)
        high = BAND_INDEX_WIDTH * (2.0 + (h - th) / ((VERY_HIGH_FACTOR - 1.0) * th))
        top_span = (INDEX_CAP_FACTOR - VERY_HIGH_FACTOR) * th
        very = BAND_INDEX_WIDTH * (3.0 + np.minimum((h - VERY_HIGH_FACTOR * th) / top_span, 1.0))
    in_mod = has_c & (h > tc) & ~(h > th)
    in_high = has_h & (h > th) & (h < VERY_HIGH_FACTOR * th)
    in_very = has_h & (h > th) & (h >= VERY_HIGH_FACTOR * th)
    idx = np.where(in_mod, np.where(has_h, mod_two, mod_open), low)
    idx = np.where(in_high, high, idx)
    idx = np.where(in_very, very, idx)
    return np.where(np.isnan(h), np.nan, idx)


def evaluate(criteria: Sequence[Criterion], *, regular=True) -> ZoneResult:
    """Return the zones, bands and risk index of a list of criteria over a batch.

    Parameters
    ----------
    criteria
        The factor's criteria, each with hours and condition arrays that
        broadcast to one shape ``(n,)`` (scalars give ``n = 1``).
    regular
        Whether the task is performed regularly (more than one day a week and
        more than one week a year); where it is not, no criterion is met at
        any duration (bib:lni-f417-195-000 p. 1). [bool]

    Returns
    -------
    ZoneResult
        Per-criterion arrays ``(n, K)`` and the factor's ``native`` [h/day],
        ``band``, ``index`` [0-100], ``borderline``, ``dominant`` and
        ``n_hazard`` ``(n,)``.
    """
    if not criteria:
        raise ValueError("criteria is empty, must hold at least one Criterion.")
    specs = [c.spec for c in criteria]
    ids = [s.id for s in specs]
    if len(set(ids)) != len(ids):
        raise ValueError(f"criterion ids must be unique, got {ids}.")
    reg = as_flag(regular)
    cols = [
        (
            np.asarray(c.hours, dtype=float),
            as_flag(c.caution_when) & reg,
            as_flag(c.hazard_when) & reg,
            np.asarray(c.rate, dtype=float),
        )
        for c in criteria
    ]
    shape = np.broadcast_shapes(reg.shape, *(a.shape for col in cols for a in col))
    if len(shape) > 1:
        raise ValueError(f"inputs broadcast to shape {shape}, must be one-dimensional (n,).")
    n = shape[0] if shape else 1

    def stack(j, dtype):
        return np.stack([np.broadcast_to(col[j], (n,)) for col in cols], axis=-1).astype(dtype)

    hours, cw, hw, rate = stack(0, float), stack(1, bool), stack(2, bool), stack(3, float)

    tc_nom = np.array([s.caution_h for s in specs], dtype=float)
    th_nom = np.array([s.hazard_h for s in specs], dtype=float)
    rc_nom = np.array([s.caution_rate for s in specs], dtype=float)
    rh_nom = np.array([s.hazard_rate for s in specs], dtype=float)

    def thresholds(scale, inclusive):
        """Return the effective (tc, th) with rate conditions tested at scaled rates."""
        more = np.greater_equal if inclusive else np.greater
        with np.errstate(invalid="ignore"):
            rate_c = np.isnan(rc_nom) | more(rate, scale * rc_nom)
            rate_h = np.isnan(rh_nom) | more(rate, scale * rh_nom)
        return np.where(cw & rate_c, tc_nom, INF), np.where(hw & rate_h, th_nom, INF)

    tc, th = thresholds(1.0, False)

    groups = [s.group or s.id for s in specs]
    uniq = list(dict.fromkeys(groups))
    group_codes = np.array([uniq.index(g) for g in groups])

    met_c, met_h, cband, fband, n_haz = _criterion_bands(hours, tc, th, group_codes, len(uniq))
    cidx = _criterion_index(hours, tc, th)
    # Guard the band/index contract against rounding at the band edges, so
    # ZONE_SCALE.band(index) always gives the band back.
    safe = np.maximum(cband, 0)
    cidx = np.clip(cidx, _INDEX_LO[safe], _INDEX_HI[safe])

    # Borderline (project rule, within 10 % of a band edge): would a band change if
    # every hour and rate stood 10 % of its edge lower (thresholds × 1.1,
    # strict) or higher (thresholds × 0.9, inclusive)?
    dn = 1.0 + BORDERLINE_FRACTION
    up = 1.0 - BORDERLINE_FRACTION
    tc_dn, th_dn = thresholds(dn, False)
    tc_up, th_up = thresholds(up, True)
    *_, cband_dn, fband_dn, _ = _criterion_bands(
        hours, tc_dn, th_dn, group_codes, len(uniq), scale=dn, inclusive=False
    )
    *_, cband_up, fband_up, _ = _criterion_bands(
        hours, tc_up, th_up, group_codes, len(uniq), scale=up, inclusive=True
    )
    given = ~np.isnan(hours)
    c_border = given & ((cband_dn != cband) | (cband_up != cband))

    any_given = given.any(axis=-1)
    idx_filled = np.where(given, cidx, -1.0)
    dominant = np.argmax(idx_filled, axis=-1)
    # With nothing above index 0, headline the longest exposure instead of column 0.
    longest = np.argmax(np.where(given, hours, -1.0), axis=-1)
    dominant = np.where(idx_filled.max(axis=-1) > 0, dominant, longest)
    dominant = np.where(any_given, dominant, -1).astype(np.int16)
    rows = np.arange(n)
    native = np.where(any_given, hours[rows, np.maximum(dominant, 0)], np.nan)

    index = np.where(any_given, idx_filled.max(axis=-1), np.nan)
    index = np.where(n_haz >= VERY_HIGH_HAZARD_COUNT, np.maximum(index, 75.0), index)
    band = np.where(any_given, fband, NOT_APPLICABLE).astype(np.int8)
    borderline = any_given & ((fband_dn != fband) | (fband_up != fband))

    return ZoneResult(
        native=native,
        band=band,
        index=index,
        borderline=borderline,
        dominant=dominant,
        n_hazard=np.where(any_given, n_haz, 0).astype(np.int16),
        hours=hours,
        caution_limit=tc,
        hazard_limit=th,
        met_caution=met_c,
        met_hazard=met_h,
        criterion_band=cband,
        criterion_index=cidx,
        criterion_borderline=c_border,
        rate=rate,
        regular=np.broadcast_to(reg, (n,)).copy(),
    )


def _column(res, criterion, criteria) -> int:
    """Return the column of a criterion given by id, spec or column number."""
    k_max = res.hours.shape[-1]
    if isinstance(criterion, CriterionSpec):
        criterion = criterion.id
    if isinstance(criterion, str):
        specs = criteria if criteria is not None else getattr(type(res), "CRITERIA", None)
        if specs is None:
            raise ValueError(
                f"criterion == {criterion!r}: pass criteria=... to look an id up in a ZoneResult."
            )
        ids = [s.id for s in specs]
        if criterion not in ids:
            raise ValueError(f"criterion == {criterion!r}, must be one of: {', '.join(ids)}.")
        return ids.index(criterion)
    k = int(criterion)
    if not 0 <= k < k_max:
        raise ValueError(f"criterion == {k}, must be in 0..{k_max - 1}.")
    return k


def hours_to_drop_below(res, criterion, *, zone: str = "next", criteria=None):
    """Return the daily duration that takes a criterion out of its zone.

    L&I thresholds are "more than X h/day", so the limit is X itself: keeping
    the exposure at or below it leaves the zone.

    Parameters
    ----------
    res
        A :class:`ZoneResult`, or a factor result carrying the same fields.
    criterion
        Column number, :class:`CriterionSpec`, or criterion id (``"kneeling"``;
        ids are looked up in ``criteria`` or in the result type's ``CRITERIA``).
    zone
        ``"next"``: the limit of the zone the criterion is in now (hazard
        limit where a hazard is met, caution limit where only the caution
        zone is met, NaN where no zone is met). ``"hazard"``: the most hours
        that stay out of the hazard zone. ``"caution"``: the most hours that
        meet no criterion at all.
    criteria
        The specs in column order, to look ids up in a bare ZoneResult.

    Returns
    -------
    numpy.ndarray
        Duration limit per assessment (n,); ``inf`` where the zone does not
        apply to that assessment (no limit), NaN where hours are not given or
        (``"next"``) no zone is met. [h/day]
    """
    if zone not in VALID_ZONES:
        raise ValueError(f"zone == {zone!r}, must be one of: {', '.join(VALID_ZONES)}.")
    k = _column(res, criterion, criteria)
    hours = res.hours[:, k]
    tc = res.caution_limit[:, k]
    th = res.hazard_limit[:, k]
    if zone == "hazard":
        out = th
    elif zone == "caution":
        out = np.minimum(tc, th)
    else:
        out = np.where(
            res.met_hazard[:, k], th, np.where(res.met_caution[:, k], np.minimum(tc, th), np.nan)
        )
    return np.where(np.isnan(hours), np.nan, out)
