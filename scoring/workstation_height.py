"""Workstation height: personal target ranges from anthropometry.

The worker's body dimensions (measured, or estimated from stature) give a
personal target and range for each workstation height: seat, keyboard (seated
work surface), top of the screen, viewing distance and, for standing work, the
work surface relative to standing elbow height. Each measured dimension is
scored by how far (cm) it lies outside its range; the worst dimension sets the
band.

Sources and project rules (one edition for heights and distances: ANSI/HFES
100-2007 with ISO 9241-5:1998 for the screen; see docs/methods/workstation-height.md)
-----------------------------------------------------------------------------
- Body dimensions: measured where given; otherwise estimated from stature by
  ratio scaling (Pheasant & Haslegrave, Bodyspace 3rd ed. 2006, ch. 2) on the
  50th percentiles of British adults aged 19-65. An estimate for a stature
  outside the survey's 5th-95th percentile is flagged as extrapolated.
- Seat at shod popliteal height (ISO 9241-5; ANSI/HFES 100-2007 derives its
  seat range from popliteal height plus 25 mm for shoes); keyboard home row
  "at or slightly below" the seated elbow (ANSI/HFES 100-2007), "slightly" taken
  as 2.5 cm (project rule).
- Screen by viewing angle: the top line at or below the horizontal eye line
  (ANSI/HFES 100-2007; OSHA eTool; Cal/OSHA), the whole screen within 60 deg
  below it (ISO 9241-5). Without progressive (multifocal) lenses the top line
  stays within 20 deg below horizontal, the lower end of the OSHA eTool's 15-20 deg
  for the screen centre; with them it may go down to the ISO zone's edge
  (Cal/OSHA: "even lower if you wear bifocal, trifocal or progressive lenses").
- Viewing distance 50-76 cm (ANSI/HFES 100-2007 and OSHA eTool >= 50 cm /
  20 in; Oregon OSHA <= 30 in), target 60 cm (project rule).
- Standing work surface relative to standing elbow height by task
  (Pheasant & Haslegrave 2006): precision 5-10 cm above, light 5-10 cm below,
  heavy 10-25 cm below.
- Seat range popliteal - 4 cm to popliteal + 1 cm (above popliteal height the
  seat front presses the thighs) and keyboard range target +/- 3.5 cm are
  project rules, as are the band edges (inside; <= 5 cm out; more than 5 cm is
  high). A furniture mismatch never reaches "very high" (project rule: the
  sources give design targets, not an exposure limit or a dose-response).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from scoring.bands import BAND_INDEX_WIDTH, BandScale
from scoring.results import MethodInfo

# ---------------------------------------------------------------- coefficient tables

# British adults 19-65, 50th percentile [mm] (bib:pheasant-2006, British adults 19-65): the ratio-scaling
# basis of the estimates (bib:pheasant-2006 ch. 2, "ratio scaling").
BODYSPACE_P50_MM = {
    "male": {
        "stature": 1740.0,  # bib:pheasant-2006 British adults 19-65, dim. 1
        "popliteal": 440.0,  # bib:pheasant-2006 British adults 19-65, dim. 16
        "sitting_elbow": 245.0,  # bib:pheasant-2006 British adults 19-65, dim. 11
        "sitting_eye": 790.0,  # bib:pheasant-2006 British adults 19-65, dim. 9
        "standing_elbow": 1090.0,  # bib:pheasant-2006 British adults 19-65, dim. 4
        "standing_eye": 1630.0,  # bib:pheasant-2006 British adults 19-65, dim. 2
    },
    "female": {
        "stature": 1610.0,  # bib:pheasant-2006 British adults 19-65, dim. 1
        "popliteal": 400.0,  # bib:pheasant-2006 British adults 19-65, dim. 16
        "sitting_elbow": 235.0,  # bib:pheasant-2006 British adults 19-65, dim. 11
        "sitting_eye": 740.0,  # bib:pheasant-2006 British adults 19-65, dim. 9
        "standing_elbow": 1005.0,  # bib:pheasant-2006 British adults 19-65, dim. 4
        "standing_eye": 1505.0,  # bib:pheasant-2006 British adults 19-65, dim. 2
    },
}
# 5th-95th percentile stature of the same survey [cm] (bib:pheasant-2006, dim. 1): an
# estimate outside it is an extrapolation and is flagged. "unspecified" spans both sexes.
BODYSPACE_STATURE_RANGE_CM = {
    "male": (162.5, 185.5),
    "female": (150.5, 171.0),
    "unspecified": (150.5, 185.5),
}
ESTIMATED = ("popliteal", "sitting_elbow", "sitting_eye", "standing_elbow", "standing_eye")
# bib:pheasant-2006 ch. 1: "add about 25 mm for shoes"; ANSI/HFES 100-2007 adds the same.
SHOE_ALLOWANCE_CM = 2.5
# bib:ansi-hfes-100-2007 home row "at or slightly below" the elbow; 2.5 cm is a project rule.
ELBOW_TO_HOME_ROW_CM = 2.5

# Standing work-surface height relative to shod standing elbow height [cm]
# (bib:pheasant-2006 via bib:cre-msd-standing).
STANDING_SURFACE_OFFSET_CM = {
    "precision": (5.0, 10.0),
    "light": (-10.0, -5.0),
    "heavy": (-25.0, -10.0),
}

# Screen zone below the horizontal eye line [deg]. The whole screen within 0-60 deg below
# (bib:iso-9241-5-1998 display location, as described in bib:ankrum-2001).
SCREEN_ZONE_DEG = 60.0
# Lowest top line without progressive lenses [deg]: the screen centre 15-20 deg below
# horizontal (bib:osha-etool-workstations, Monitors); a top line lower than 20 deg puts the
# centre below that range (project rule derived from it).
TOP_LINE_LOWEST_DEG = 20.0
# Progressive (multifocal) lenses: the screen may sit lower (bib:calosha-easy-ergonomics
# p. 26; bib:osha-etool-workstations); the personal target then puts the top line 20 deg
# below horizontal, the lowest top line for everyone else (project rule).
PROGRESSIVE_TARGET_DEG = TOP_LINE_LOWEST_DEG

# Personal range widths around the target [cm] (project rules).
SEAT_BELOW_CM, SEAT_ABOVE_CM = 4.0, 1.0
KEYBOARD_TOLERANCE_CM = 3.5
# Viewing distance [cm]: bib:ansi-hfes-100-2007 >= 50 cm, bib:osha-etool-workstations
# >= 20 in (50 cm); bib:oregon-osha-711 <= 30 in (76 cm); target 60 cm is a project rule.
VIEWING_DISTANCE_CM = (50.0, 76.0)
VIEWING_DISTANCE_TARGET_CM = 60.0
# A seat this far above shod popliteal height + footrest presses the thighs (project rule).
SEAT_TOO_HIGH_CM = 2.0
# Outside a range by at most this much is borderline (project rule).
BORDERLINE_INSIDE_CM = 1.0
# Inside a range, borderline once 90 % of the way from the target to the edge, i.e. an
# in-range index >= 22.5 (10 % of a band on the index scale). A dimension set at its
# target (the monitor top at eye level) is not borderline (project rule).
BORDERLINE_INSIDE_INDEX = 22.5

POSTURE_MODES = ("seated", "standing", "sit_stand")
TASK_TYPES = tuple(STANDING_SURFACE_OFFSET_CM)
SEXES = ("female", "male", "unspecified")

DIMENSIONS = ("seat", "keyboard", "monitor", "distance", "standing")

REFERENCES = (
    "ansi-hfes-100-2007",
    "iso-9241-5-1998",
    "pheasant-2006",
    "osha-etool-workstations",
    "calosha-easy-ergonomics",
    "oregon-osha-711",
    "cre-msd-standing",
)

UNCONFIRMED = (
    "ANSI/HFES 100-2007: the primary text could not be read here. The seat-height range "
    "(38-56 cm from 5th-percentile female to 95th-percentile male popliteal height plus "
    "25 mm for shoes), the home row at or slightly below the elbow, the top of the screen "
    "at or below eye height and the 50 cm minimum viewing distance are taken from "
    "secondary descriptions of the standard.",
    "BIFMA G1-2013: its figures are not public; none is used.",
    "ISO 9241-5:1998: the 0-60 degree zone below the horizontal eye line is taken from a "
    "secondary description (Ankrum 2001), not from the standard's text.",
    "Bodyspace (Pheasant & Haslegrave 2006), British adults 19-65: stature and popliteal "
    "height were checked against a reproduction of the table; sitting elbow height, sitting "
    "eye height and standing elbow and eye height were not.",
    "OSHA eTool: the screen centre 15-20 degrees below horizontal eye level was checked in "
    "secondary descriptions of the eTool only.",
)

METHOD = MethodInfo(
    id="workstation_height",
    factor="workstation",
    factor_title="Workstation height",
    title="Personal workstation height ranges (ANSI/HFES 100-2007, ISO 9241-5, Bodyspace)",
    edition="ANSI/HFES 100-2007; ISO 9241-5:1998; Bodyspace 3rd ed. (2006)",
    summary=(
        "Sets a personal target and range for seat, keyboard, top of screen, viewing "
        "distance and standing work surface from the worker's body: measured popliteal, "
        "sitting elbow and eye heights and standing elbow height where given, otherwise "
        "estimated from stature by ratio scaling on Bodyspace's British adults (flagged "
        "as extrapolated outside the survey's 5th-95th percentile stature), plus 2.5 cm "
        "for shoes. The seat target is shod popliteal height plus the footrest (range "
        "-4/+1 cm, project rule); the keyboard sits 2.5 cm below the seated elbow above "
        "the actual seat (+/- 3.5 cm, project rule). The top of the screen is judged by "
        "its angle below the horizontal eye line at the viewing distance: at or below eye "
        "height and at most 20 degrees below it, or, with progressive lenses, anywhere that "
        "keeps the screen inside ISO 9241-5's zone of 0-60 degrees below horizontal. "
        "Viewing distance 50-76 cm; standing work surface 5-10 cm above (precision), "
        "5-10 cm below (light) or 10-25 cm below (heavy) elbow height. The score is the "
        "worst dimension's distance outside its range in cm."
    ),
    native="Worst dimension's distance outside its personal range [cm]",
    # Project rule: a furniture mismatch tops out at "high" (no very-high edge).
    scale=BandScale(edges=(0.0, 5.0, None), cap=15.0, edge_in_lower=(True, True, True), unit="cm"),
    band_basis=(
        "Project rule on ANSI/HFES 100-2007 and ISO 9241-5 targets: every measured "
        "dimension inside its personal range is low; up to 5 cm outside is moderate; more "
        "than 5 cm outside is high. There is no very-high band: the standards give design "
        "targets, not an exposure limit, so a desk dimension is never ranked beside a "
        "breach of a legal limit value. Inside a range the index rises 0-25 from the "
        "target to the range edge. Borderline: within 10 % of the 5 cm edge, or, when the "
        "band is decided at a range edge, at most 1 cm outside it or inside but 90 % of "
        "the way from the target to it."
    ),
    inputs=(
        "posture_mode",
        "task_type",
        "stature_cm",
        "sex",
        "popliteal_height_cm",
        "sitting_elbow_height_cm",
        "sitting_eye_height_cm",
        "standing_elbow_height_cm",
        "shoe_allowance_cm",
        "seat_height_cm",
        "keyboard_height_cm",
        "monitor_top_height_cm",
        "screen_height_cm",
        "progressive_lenses",
        "viewing_distance_cm",
        "standing_surface_height_cm",
        "footrest_height_cm",
        "seat_min_cm",
        "seat_max_cm",
        "desk_min_cm",
        "desk_max_cm",
        "lumbar_support",
    ),
    references=REFERENCES,
    unconfirmed=UNCONFIRMED,
)


# ---------------------------------------------------------------------- result types


class BodyDimensions(NamedTuple):
    """The body dimensions the targets are built from, and where each came from."""

    popliteal_shod_cm: np.ndarray  # P: shod popliteal height
    keyboard_gap_cm: np.ndarray  # G: seat surface to keyboard home row
    eye_gap_cm: np.ndarray  # E: seat surface to the eyes
    standing_elbow_shod_cm: np.ndarray
    standing_eye_shod_cm: np.ndarray
    popliteal_measured: np.ndarray  # bool: P from a measurement, else estimated
    elbow_measured: np.ndarray  # bool: G from a measurement
    eye_measured: np.ndarray  # bool: E from a measurement
    standing_elbow_measured: np.ndarray  # bool
    outside_survey: np.ndarray  # bool: stature outside the survey's 5th-95th percentile
    survey_lo_cm: np.ndarray  # that range for the worker's sex [cm]
    survey_hi_cm: np.ndarray


class PersonalTargets(NamedTuple):
    """The settings to give the worker, honouring the furniture's adjustability."""

    chair_cm: np.ndarray
    footrest_cm: np.ndarray
    desk_cm: np.ndarray  # seated work surface / keyboard home row
    monitor_top_cm: np.ndarray  # in the posture the screen is scored in
    viewing_distance_cm: np.ndarray
    standing_surface_cm: np.ndarray
    standing_monitor_top_cm: np.ndarray
    chair_too_low: np.ndarray  # bool: seat_max below shod popliteal height
    chair_too_high: np.ndarray  # bool: seat_min above shod popliteal height (footrest needed)
    desk_too_high: np.ndarray  # bool: desk cannot come down to the keyboard target
    desk_too_low: np.ndarray  # bool: desk cannot come up to the keyboard target
    standing_surface_out_of_reach: np.ndarray  # bool: outside desk_min..desk_max


class WorkstationResult(NamedTuple):
    """Per-assessment arrays from :func:`assess`; all lengths and heights in cm."""

    # scores
    native: np.ndarray
    band: np.ndarray
    index: np.ndarray
    borderline: np.ndarray
    worst_deviation_cm: np.ndarray
    worst_dimension: np.ndarray
    seat_too_high: np.ndarray
    # per dimension: target, range, deviation, index inside/outside
    seat_target_cm: np.ndarray
    seat_lo_cm: np.ndarray
    seat_hi_cm: np.ndarray
    seat_deviation_cm: np.ndarray
    seat_index: np.ndarray
    keyboard_target_cm: np.ndarray
    keyboard_lo_cm: np.ndarray
    keyboard_hi_cm: np.ndarray
    keyboard_deviation_cm: np.ndarray
    keyboard_index: np.ndarray
    monitor_target_cm: np.ndarray
    monitor_lo_cm: np.ndarray
    monitor_hi_cm: np.ndarray
    monitor_deviation_cm: np.ndarray
    monitor_index: np.ndarray
    distance_target_cm: np.ndarray
    distance_lo_cm: np.ndarray
    distance_hi_cm: np.ndarray
    distance_deviation_cm: np.ndarray
    distance_index: np.ndarray
    standing_target_cm: np.ndarray
    standing_lo_cm: np.ndarray
    standing_hi_cm: np.ndarray
    standing_deviation_cm: np.ndarray
    standing_index: np.ndarray
    # body dimensions used
    popliteal_shod_cm: np.ndarray
    keyboard_gap_cm: np.ndarray
    eye_gap_cm: np.ndarray
    standing_elbow_shod_cm: np.ndarray
    standing_eye_shod_cm: np.ndarray
    popliteal_measured: np.ndarray
    elbow_measured: np.ndarray
    eye_measured: np.ndarray
    standing_elbow_measured: np.ndarray
    extrapolated: np.ndarray  # bool: a body dimension estimated outside the survey's range
    survey_lo_cm: np.ndarray  # the survey's 5th-95th percentile stature for the sex [cm]
    survey_hi_cm: np.ndarray
    # the screen by viewing angle
    eye_height_cm: np.ndarray  # floor to the eyes in the posture the screen is scored in
    monitor_top_angle_deg: np.ndarray  # top line below the horizontal eye line [deg]
    monitor_bottom_angle_deg: np.ndarray  # bottom line (NaN without a screen height) [deg]
    # personal settings (see personal_targets)
    set_chair_cm: np.ndarray
    set_footrest_cm: np.ndarray
    set_desk_cm: np.ndarray
    set_monitor_top_cm: np.ndarray
    set_viewing_distance_cm: np.ndarray
    set_standing_surface_cm: np.ndarray
    set_standing_monitor_top_cm: np.ndarray
    chair_too_low: np.ndarray
    chair_too_high: np.ndarray
    desk_too_high: np.ndarray
    desk_too_low: np.ndarray
    standing_surface_out_of_reach: np.ndarray
    # inputs
    posture_mode: np.ndarray
    task_type: np.ndarray
    stature_cm: np.ndarray
    sex: np.ndarray
    seat_height_cm: np.ndarray
    keyboard_height_cm: np.ndarray
    monitor_top_height_cm: np.ndarray
    screen_height_cm: np.ndarray
    progressive_lenses: np.ndarray
    viewing_distance_cm: np.ndarray
    standing_surface_height_cm: np.ndarray
    footrest_height_cm: np.ndarray
    shoe_allowance_cm: np.ndarray
    lumbar_support: np.ndarray


# -------------------------------------------------------------------------- helpers


def _shape(*values) -> tuple[int, ...]:
    """Return the broadcast shape of the inputs, at least one-dimensional."""
    shape = np.broadcast_shapes(*(np.shape(v) for v in values))
    return shape if shape else (1,)


def _num(x, shape, default=np.nan) -> np.ndarray:
    """Return a float array of ``shape``; NaN (not given) replaced by ``default``."""
    arr = np.array(np.broadcast_to(np.asarray(x, dtype=float), shape), dtype=float)
    if not np.isnan(default):
        arr = np.where(np.isnan(arr), default, arr)
    return arr


def _choice(name: str, x, valid: tuple[str, ...], shape, *, empty: str = "") -> np.ndarray:
    """Return a lower-case str array of ``shape``; unknown options raise ValueError.

    None, NaN and "" mean "not given" and become ``empty``.
    """
    arr = np.asarray(x)
    if arr.dtype.kind == "f":
        # A float column can only carry NaN ("not given") here.
        if not np.isnan(arr).all():
            bad = float(arr[~np.isnan(arr)].flat[0])
            raise ValueError(f"{name} == {bad!r}, must be one of {_quote(valid)}.")
        arr = np.full(arr.shape, "", dtype=str)
    # Exact matches first (the common case, from validated input): one comparison per
    # option over the column; only the odd entries ("Seated ", None) get normalised.
    out = np.full(arr.shape, empty, dtype=object)
    matched = np.zeros(arr.shape, dtype=bool)
    for opt in valid:
        hit = arr == opt
        out[hit] = opt
        matched |= hit
    if not matched.all():
        rest = np.char.strip(np.char.lower(arr[~matched].astype(str)))
        rest = np.where(np.isin(rest, ("", "none", "nan")), empty, rest)
        ok = np.isin(rest, (*valid, empty))
        if not ok.all():
            bad = str(rest[~ok].flat[0])
            raise ValueError(f"{name} == {bad!r}, must be one of {_quote(valid)}.")
        out[~matched] = rest
    return np.array(np.broadcast_to(out, shape), dtype=object)


def _flag(x, shape) -> np.ndarray:
    """Return a bool array of ``shape`` (NaN, "not given", means False)."""
    arr = np.asarray(x)
    if arr.dtype.kind == "f":
        arr = np.nan_to_num(arr, nan=0.0)
    return np.array(np.broadcast_to(arr.astype(bool), shape))


def _quote(valid) -> str:
    return ", ".join(repr(v) for v in valid)


def _outside(x, lo, hi) -> np.ndarray:
    """Return how far ``x`` lies outside [lo, hi] (0 inside; NaN propagates)."""
    return np.maximum(lo - x, 0.0) + np.maximum(x - hi, 0.0)


def _inside_index(x, target, lo, hi) -> np.ndarray:
    """Return the 0-25 index inside a range: 0 at the target, 25 at the range edge."""
    span = np.where(x >= target, hi - target, target - lo)
    dist = np.abs(x - target)
    frac = np.divide(dist, span, out=np.zeros_like(dist), where=span > 0)
    return BAND_INDEX_WIDTH * np.clip(frac, 0.0, 1.0)


# ---------------------------------------------------------------- body dimensions


def stature_ratios(sex) -> dict[str, np.ndarray]:
    """Return each estimated body dimension as a fraction of stature (dimensionless).

    Ratio scaling (bib:pheasant-2006 ch. 2): a dimension is estimated as stature times
    the ratio of the two 50th percentiles of the same population.

    Parameters
    ----------
    sex
        "female", "male" or "unspecified" (the mean of the two ratios).

    Returns
    -------
    dict of ndarray
        Ratio per dimension name in :data:`ESTIMATED` (popliteal, sitting elbow and
        sitting eye height above the seat, standing elbow and eye height), dimensionless.
    """
    sex = _choice("sex", sex, SEXES, np.shape(sex), empty="unspecified")
    m, f = BODYSPACE_P50_MM["male"], BODYSPACE_P50_MM["female"]
    conds = [sex == "male", sex == "female"]
    out = {}
    for name in ESTIMATED:
        rm, rf = m[name] / m["stature"], f[name] / f["stature"]
        out[name] = np.select(conds, [rm, rf], default=(rm + rf) / 2)
    return out


def survey_range(sex) -> tuple[np.ndarray, np.ndarray]:
    """Return the survey's 5th-95th percentile stature for each sex, (lo, hi). [cm]"""
    sex = _choice("sex", sex, SEXES, np.shape(sex), empty="unspecified")
    lo = np.select([sex == k for k in SEXES], [BODYSPACE_STATURE_RANGE_CM[k][0] for k in SEXES])
    hi = np.select([sex == k for k in SEXES], [BODYSPACE_STATURE_RANGE_CM[k][1] for k in SEXES])
    return lo, hi


def body_dimensions(
    *,
    stature_cm=np.nan,
    sex="unspecified",
    popliteal_height_cm=np.nan,
    sitting_elbow_height_cm=np.nan,
    sitting_eye_height_cm=np.nan,
    standing_elbow_height_cm=np.nan,
    shoe_allowance_cm=SHOE_ALLOWANCE_CM,
) -> BodyDimensions:
    """Return the worker's shod popliteal height, keyboard and eye gaps, standing heights.

    Each dimension uses the measurement where given, otherwise the ratio-scaling
    estimate from stature (:func:`stature_ratios`).

    Parameters
    ----------
    stature_cm
        Stature without shoes. [cm]
    sex
        "female", "male" or "unspecified" (the mean of the two sexes' ratios).
    popliteal_height_cm
        Measured popliteal height without shoes; NaN when not measured. [cm]
    sitting_elbow_height_cm
        Measured sitting elbow height above the seat; NaN when not measured. [cm]
    sitting_eye_height_cm
        Measured sitting eye height above the seat; NaN when not measured. [cm]
    standing_elbow_height_cm
        Measured standing elbow height without shoes; NaN when not measured. [cm]
    shoe_allowance_cm
        Added to floor-based heights for shoes; NaN means 2.5 cm. [cm]

    Returns
    -------
    BodyDimensions
        ``popliteal_shod_cm`` P [cm] (popliteal height + shoes); ``keyboard_gap_cm`` G
        [cm], seat to keyboard home row (sitting elbow height - 2.5 cm, project rule);
        ``eye_gap_cm`` E [cm], seat to the eyes; ``standing_elbow_shod_cm`` and
        ``standing_eye_shod_cm`` [cm] (+ shoes); bool flags saying which came from a
        measurement; ``outside_survey`` (bool: stature outside the survey's 5th-95th
        percentile, ``survey_lo_cm``-``survey_hi_cm``, so an estimate is extrapolated).

    References
    ----------
    Pheasant & Haslegrave, Bodyspace 3rd ed. (2006); ISO 9241-5:1998; ANSI/HFES 100-2007.
    """
    shape = _shape(
        stature_cm,
        sex,
        popliteal_height_cm,
        sitting_elbow_height_cm,
        sitting_eye_height_cm,
        standing_elbow_height_cm,
        shoe_allowance_cm,
    )
    stature = _num(stature_cm, shape)
    sex = _choice("sex", sex, SEXES, shape, empty="unspecified")
    measured = {
        "popliteal": _num(popliteal_height_cm, shape),
        "sitting_elbow": _num(sitting_elbow_height_cm, shape),
        "sitting_eye": _num(sitting_eye_height_cm, shape),
        "standing_elbow": _num(standing_elbow_height_cm, shape),
    }
    shoe = _num(shoe_allowance_cm, shape, default=SHOE_ALLOWANCE_CM)
    ratio = stature_ratios(sex)
    # Ratio scaling (bib:pheasant-2006 ch. 2) where a dimension was not measured.
    dim = {
        k: np.where(np.isnan(v), ratio[k] * stature, v)
        for k, v in {**measured, "standing_eye": np.full(shape, np.nan)}.items()
    }
    lo, hi = survey_range(sex)
    # ISO 9241-5: seat at popliteal height; shoes added to the floor-based heights.
    p = dim["popliteal"] + shoe
    # ANSI/HFES 100-2007: home row at or slightly below the elbow (2.5 cm, project rule).
    g = dim["sitting_elbow"] - ELBOW_TO_HOME_ROW_CM
    return BodyDimensions(
        popliteal_shod_cm=p,
        keyboard_gap_cm=g,
        eye_gap_cm=dim["sitting_eye"],
        standing_elbow_shod_cm=dim["standing_elbow"] + shoe,
        standing_eye_shod_cm=dim["standing_eye"] + shoe,
        popliteal_measured=~np.isnan(measured["popliteal"]),
        elbow_measured=~np.isnan(measured["sitting_elbow"]),
        eye_measured=~np.isnan(measured["sitting_eye"]),
        standing_elbow_measured=~np.isnan(measured["standing_elbow"]),
        outside_survey=(stature < lo) | (stature > hi),
        survey_lo_cm=lo,
        survey_hi_cm=hi,
    )


def extrapolated(body: BodyDimensions, mode) -> np.ndarray:
    """Return whether a dimension the posture mode uses was estimated outside the survey.

    Seated modes use popliteal, sitting elbow and sitting eye height; standing modes
    standing elbow and eye height (the eye height is always estimated).
    """
    seated = (mode == "seated") | (mode == "sit_stand")
    standing = (mode == "standing") | (mode == "sit_stand")
    seated_est = ~(body.popliteal_measured & body.elbow_measured & body.eye_measured)
    return body.outside_survey & ((seated & seated_est) | standing)


def screen_angle_deg(*, eye_height_cm, height_cm, viewing_distance_cm) -> np.ndarray:
    """Return the angle of a point of the screen below the horizontal eye line. [deg]

    Positive below the eye line, negative above. The viewing distance is taken as the
    horizontal distance from the eyes to the screen (project simplification).
    """
    drop = np.asarray(eye_height_cm, dtype=float) - np.asarray(height_cm, dtype=float)
    return np.degrees(np.arctan2(drop, np.asarray(viewing_distance_cm, dtype=float)))


def monitor_range(
    *, eye_height_cm, viewing_distance_cm, progressive_lenses, screen_height_cm=np.nan
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the top-of-screen target and range from the viewing-angle zone, (t, lo, hi).

    The top line at or below eye height (``hi``, 0 deg; bib:ansi-hfes-100-2007,
    bib:osha-etool-workstations). Without progressive lenses it stays within 20 deg
    below horizontal (``lo``) and the target is eye height; with them the whole screen
    stays within 60 deg below horizontal (bib:iso-9241-5-1998): ``lo`` is the height
    whose angle is 60 deg, raised by the screen height when it is given, and the target
    puts the top line 20 deg below horizontal (project rule). [cm]
    """
    eye = np.asarray(eye_height_cm, dtype=float)
    d = np.asarray(viewing_distance_cm, dtype=float)
    prog = np.asarray(progressive_lenses, dtype=bool)
    screen = np.nan_to_num(np.asarray(screen_height_cm, dtype=float), nan=0.0)
    lowest_normal = eye - d * np.tan(np.radians(TOP_LINE_LOWEST_DEG))
    lowest_zone = eye - d * np.tan(np.radians(SCREEN_ZONE_DEG)) + screen
    lo = np.where(prog, np.fmin(lowest_zone, eye), lowest_normal)
    target = np.where(prog, eye - d * np.tan(np.radians(PROGRESSIVE_TARGET_DEG)), eye)
    return np.fmax(target, lo), lo, eye


# ----------------------------------------------------------------- personal targets

# Keyword arguments personal_targets() accepts (a subset of assess()'s).
PERSONAL_TARGET_INPUTS = (
    "posture_mode",
    "task_type",
    "stature_cm",
    "sex",
    "popliteal_height_cm",
    "sitting_elbow_height_cm",
    "sitting_eye_height_cm",
    "standing_elbow_height_cm",
    "shoe_allowance_cm",
    "seat_min_cm",
    "seat_max_cm",
    "desk_min_cm",
    "desk_max_cm",
    "progressive_lenses",
    "screen_height_cm",
)
# PersonalTargets field -> the assess() input it sets (re-scoring with the fix applied).
TARGET_TO_INPUT = {
    "chair_cm": "seat_height_cm",
    "footrest_cm": "footrest_height_cm",
    "desk_cm": "keyboard_height_cm",
    "monitor_top_cm": "monitor_top_height_cm",
    "viewing_distance_cm": "viewing_distance_cm",
    "standing_surface_cm": "standing_surface_height_cm",
}


def _targets_from_body(body, mode, task, seat_min, seat_max, desk_min, desk_max, prog, screen):
    """Return PersonalTargets from body dimensions (shared by assess and personal_targets).

    The top of the screen is set for the target viewing distance (60 cm).
    """
    p, g, e = body.popliteal_shod_cm, body.keyboard_gap_cm, body.eye_gap_cm
    seated = (mode == "seated") | (mode == "sit_stand")
    standing = (mode == "standing") | (mode == "sit_stand")

    # Chair at shod popliteal height (ISO 9241-5), within the chair's range.
    chair_too_low = seat_max < p - 1e-9
    chair_too_high = seat_min > p + 1e-9
    chair = np.fmin(np.fmax(p, seat_min), seat_max)
    kb = chair + g
    # Desk cannot come down to the keyboard target: raise the chair so the keyboard gap
    # fits (up to seat_max) and make up the difference with a footrest.
    raise_chair = desk_min > kb
    chair = np.where(raise_chair, np.fmin(np.fmax(desk_min - g, chair), seat_max), chair)
    kb = chair + g
    desk = np.fmin(np.fmax(kb, desk_min), desk_max)
    desk_too_high = desk - kb > 0.05
    desk_too_low = kb - desk > 0.05
    # Footrest rounded up to whole cm, so the seat stays at or below popliteal + footrest.
    footrest = np.maximum(np.ceil(np.round(chair - p, 6)), 0.0)
    d = np.full(p.shape, VIEWING_DISTANCE_TARGET_CM)
    monitor_seated = monitor_range(
        eye_height_cm=chair + e,
        viewing_distance_cm=d,
        progressive_lenses=prog,
        screen_height_cm=screen,
    )[0]
    monitor_standing = monitor_range(
        eye_height_cm=body.standing_eye_shod_cm,
        viewing_distance_cm=d,
        progressive_lenses=prog,
        screen_height_cm=screen,
    )[0]
    # Down to the mm below, so a setting shown to 0.1 cm never lands above the eye line.
    monitor_seated, monitor_standing = (
        np.floor(np.round(x * 10, 6)) / 10 for x in (monitor_seated, monitor_standing)
    )

    stand = body.standing_elbow_shod_cm + _task_offsets(task).mean(axis=0)
    stand_reach = np.fmin(np.fmax(stand, desk_min), desk_max)
    out_of_reach = np.abs(stand_reach - stand) > 0.05
    nan = np.full(p.shape, np.nan)
    return PersonalTargets(
        chair_cm=np.where(seated, chair, nan),
        footrest_cm=np.where(seated, footrest, nan),
        desk_cm=np.where(seated, desk, nan),
        monitor_top_cm=np.where(seated, monitor_seated, np.where(standing, monitor_standing, nan)),
        viewing_distance_cm=np.where(seated | standing, VIEWING_DISTANCE_TARGET_CM, nan),
        standing_surface_cm=np.where(standing, stand_reach, nan),
        standing_monitor_top_cm=np.where(standing, monitor_standing, nan),
        chair_too_low=seated & chair_too_low,
        chair_too_high=seated & chair_too_high,
        desk_too_high=seated & desk_too_high,
        desk_too_low=seated & desk_too_low,
        standing_surface_out_of_reach=standing & out_of_reach,
    )


def _task_offsets(task) -> np.ndarray:
    """Return the (2, n) standing-surface offsets [cm] per task type (NaN when not given)."""
    lo = np.full(task.shape, np.nan)
    hi = np.full(task.shape, np.nan)
    for name, (a, b) in STANDING_SURFACE_OFFSET_CM.items():
        lo = np.where(task == name, a, lo)
        hi = np.where(task == name, b, hi)
    return np.stack([lo, hi])


def personal_targets(
    *,
    posture_mode,
    task_type="",
    stature_cm=np.nan,
    sex="unspecified",
    popliteal_height_cm=np.nan,
    sitting_elbow_height_cm=np.nan,
    sitting_eye_height_cm=np.nan,
    standing_elbow_height_cm=np.nan,
    shoe_allowance_cm=SHOE_ALLOWANCE_CM,
    seat_min_cm=np.nan,
    seat_max_cm=np.nan,
    desk_min_cm=np.nan,
    desk_max_cm=np.nan,
    progressive_lenses=False,
    screen_height_cm=np.nan,
) -> PersonalTargets:
    """Return the chair, footrest, desk, screen and standing-surface settings to give.

    The chair goes to shod popliteal height P (within ``seat_min_cm``-``seat_max_cm``)
    and the desk to chair + keyboard gap G. When the desk cannot come down that far
    (``desk_min_cm`` above the keyboard target), the chair is raised to
    ``desk_min_cm - G`` (at most ``seat_max_cm``) and a footrest of ``chair - P``,
    rounded up to whole cm, makes up the difference. The top of the screen goes to
    chair + eye gap E (standing: standing eye height), the screen 60 cm away, and a
    standing work surface to the middle of its task range (within the desk range).

    Parameters
    ----------
    posture_mode
        "seated", "standing" or "sit_stand".
    task_type
        "precision", "light" or "heavy" (standing work); "" when not given.
    stature_cm
        Stature without shoes. [cm]
    sex
        "female", "male" or "unspecified".
    popliteal_height_cm, sitting_elbow_height_cm, sitting_eye_height_cm
        Measured seated dimensions (elbow and eye above the seat); NaN when not
        measured. [cm]
    standing_elbow_height_cm
        Measured standing elbow height without shoes; NaN when not measured. [cm]
    shoe_allowance_cm
        Shoe allowance; NaN means 2.5 cm. [cm]
    seat_min_cm, seat_max_cm
        Chair seat-height range; NaN when unknown (no limit). [cm]
    desk_min_cm, desk_max_cm
        Desk (or keyboard tray) height range, equal when fixed; NaN when unknown. [cm]
    progressive_lenses
        Whether the worker reads the screen through progressive or bifocal lenses. [bool]
    screen_height_cm
        Height of the visible screen area; NaN when not given. [cm]

    Returns
    -------
    PersonalTargets
        ``chair_cm``, ``footrest_cm``, ``desk_cm``, ``monitor_top_cm``,
        ``viewing_distance_cm``, ``standing_surface_cm``, ``standing_monitor_top_cm``
        [cm], NaN where the posture mode does not use them; bool flags
        ``chair_too_low`` (the chair cannot reach P), ``chair_too_high`` (the chair
        cannot come down to P: footrest needed), ``desk_too_high`` (the keyboard ends
        above its target even with the chair at its highest), ``desk_too_low``,
        ``standing_surface_out_of_reach``.

    References
    ----------
    ISO 9241-5:1998; ANSI/HFES 100-2007; Pheasant & Haslegrave (2006).
    """
    shape = _shape(
        posture_mode,
        task_type,
        stature_cm,
        sex,
        popliteal_height_cm,
        sitting_elbow_height_cm,
        sitting_eye_height_cm,
        standing_elbow_height_cm,
        shoe_allowance_cm,
        seat_min_cm,
        seat_max_cm,
        desk_min_cm,
        desk_max_cm,
        progressive_lenses,
        screen_height_cm,
    )
    mode = _choice("posture_mode", posture_mode, POSTURE_MODES, shape)
    task = _choice("task_type", task_type, TASK_TYPES, shape)
    body = body_dimensions(
        stature_cm=_num(stature_cm, shape),
        sex=_choice("sex", sex, SEXES, shape, empty="unspecified"),
        popliteal_height_cm=_num(popliteal_height_cm, shape),
        sitting_elbow_height_cm=_num(sitting_elbow_height_cm, shape),
        sitting_eye_height_cm=_num(sitting_eye_height_cm, shape),
        standing_elbow_height_cm=_num(standing_elbow_height_cm, shape),
        shoe_allowance_cm=_num(shoe_allowance_cm, shape),
    )
    return _targets_from_body(
        body,
        mode,
        task,
        _num(seat_min_cm, shape),
        _num(seat_max_cm, shape),
        _num(desk_min_cm, shape),
        _num(desk_max_cm, shape),
        _flag(progressive_lenses, shape),
        _num(screen_height_cm, shape),
    )


# --------------------------------------------------------------------------- assess


def assess(
    *,
    posture_mode,
    task_type="",
    stature_cm=np.nan,
    sex="unspecified",
    popliteal_height_cm=np.nan,
    sitting_elbow_height_cm=np.nan,
    sitting_eye_height_cm=np.nan,
    standing_elbow_height_cm=np.nan,
    shoe_allowance_cm=SHOE_ALLOWANCE_CM,
    seat_height_cm=np.nan,
    keyboard_height_cm=np.nan,
    monitor_top_height_cm=np.nan,
    screen_height_cm=np.nan,
    progressive_lenses=False,
    viewing_distance_cm=np.nan,
    standing_surface_height_cm=np.nan,
    footrest_height_cm=0.0,
    seat_min_cm=np.nan,
    seat_max_cm=np.nan,
    desk_min_cm=np.nan,
    desk_max_cm=np.nan,
    lumbar_support=True,
) -> WorkstationResult:
    """Return each workstation dimension's personal range, deviation, band and index.

    Seated dimensions (seat, keyboard, top of screen) apply to "seated" and
    "sit_stand"; the standing work surface to "standing" and "sit_stand"; in
    "standing" mode the top of the screen is checked against standing eye height.
    Viewing distance applies to every mode. A dimension that was not measured (or
    whose target cannot be set) has NaN deviation and is not scored.

    Parameters
    ----------
    posture_mode
        "seated", "standing" or "sit_stand"; "" (not given) scores nothing.
    task_type
        "precision", "light" or "heavy", for standing work; "" when not given.
    stature_cm
        Stature without shoes. [cm]
    sex
        "female", "male" or "unspecified" (standing estimates only).
    popliteal_height_cm
        Measured popliteal height without shoes; NaN when not measured. [cm]
    sitting_elbow_height_cm
        Measured sitting elbow height above the seat; NaN when not measured. [cm]
    sitting_eye_height_cm
        Measured sitting eye height above the seat; NaN when not measured. [cm]
    standing_elbow_height_cm
        Measured standing elbow height without shoes; NaN when not measured. [cm]
    shoe_allowance_cm
        Added to floor-based body heights for shoes; NaN means 2.5 cm. [cm]
    seat_height_cm
        Floor to the top of the seat front edge. [cm]
    keyboard_height_cm
        Floor to the keyboard home row (seated work surface). [cm]
    monitor_top_height_cm
        Floor to the top line of the screen. [cm]
    screen_height_cm
        Top to bottom of the visible screen area; NaN when not given. [cm]
    progressive_lenses
        Whether the screen is read through progressive or bifocal lenses. [bool]
    viewing_distance_cm
        Eyes to the screen. [cm]
    standing_surface_height_cm
        Floor to the standing work surface. [cm]
    footrest_height_cm
        Top of the footrest; 0 (or NaN) when there is none. [cm]
    seat_min_cm, seat_max_cm, desk_min_cm, desk_max_cm
        Adjustability ranges of chair and desk; NaN when unknown. [cm]
    lumbar_support
        Whether the backrest supports the lower back (reported, not scored). [bool]

    Returns
    -------
    WorkstationResult
        Per dimension ``<dim>_target_cm``, ``<dim>_lo_cm``, ``<dim>_hi_cm``,
        ``<dim>_deviation_cm`` [cm] and ``<dim>_index`` [0-100] for seat, keyboard,
        monitor, distance, standing; ``worst_deviation_cm`` = ``native`` [cm];
        ``worst_dimension`` (str: the largest deviation, or when all are inside the
        dimension nearest its range edge; "" when nothing scored); ``band`` (int8, -1 when
        nothing scored); ``index`` [0-100]; ``borderline`` (bool); ``seat_too_high``
        (bool, seat more than 2 cm above shod popliteal height + footrest); the body
        dimensions used and ``extrapolated`` (bool: one of them estimated from a stature
        outside the survey's 5th-95th percentile); ``eye_height_cm`` [cm] and the screen's
        ``monitor_top_angle_deg`` / ``monitor_bottom_angle_deg`` below the eye line [deg]; the personal settings ``set_*`` from :func:`personal_targets`;
        and the inputs.

    Notes
    -----
    Seat target: P + footrest, range [target - 4, target + 1] (project rule).
    Keyboard target: actual seat height (seat target when not measured) + G, range
    +/- 3.5 cm (project rule). Top of screen: eye height (actual seat + E, or standing
    eye height) and the viewing-angle zone of :func:`monitor_range` at the measured
    viewing distance (60 cm when not measured). Viewing distance 50-76 cm, target 60. Standing surface: shod standing elbow height +
    task offsets, target the middle of the range.

    Index: inside a range 0 at the target rising to 25 at the range edge (relative to
    that side's width); outside, ``METHOD.scale.index(deviation)``; the assessment's
    index is the highest dimension's. Borderline (project rule): within 10 % of the 5 or
    10 cm band edges, or, when the band is decided at the range edge, a dimension at most
    1 cm outside its range, or inside it but 90 % of the way from its target to the edge.

    References
    ----------
    ANSI/HFES 100-2007; ISO 9241-5:1998; OSHA eTool Computer Workstations; Cal/OSHA
    Easy Ergonomics for Desktop Computer Users; Pheasant & Haslegrave, Bodyspace (2006).
    See ``REFERENCES``.
    """
    shape = _shape(
        posture_mode,
        task_type,
        stature_cm,
        sex,
        popliteal_height_cm,
        sitting_elbow_height_cm,
        sitting_eye_height_cm,
        standing_elbow_height_cm,
        shoe_allowance_cm,
        seat_height_cm,
        keyboard_height_cm,
        monitor_top_height_cm,
        screen_height_cm,
        progressive_lenses,
        viewing_distance_cm,
        standing_surface_height_cm,
        footrest_height_cm,
        seat_min_cm,
        seat_max_cm,
        desk_min_cm,
        desk_max_cm,
        lumbar_support,
    )
    mode = _choice("posture_mode", posture_mode, POSTURE_MODES, shape)
    task = _choice("task_type", task_type, TASK_TYPES, shape)
    sex_ = _choice("sex", sex, SEXES, shape, empty="unspecified")
    stature = _num(stature_cm, shape)
    shoe = _num(shoe_allowance_cm, shape, default=SHOE_ALLOWANCE_CM)
    seat = _num(seat_height_cm, shape)
    keyboard = _num(keyboard_height_cm, shape)
    monitor = _num(monitor_top_height_cm, shape)
    distance = _num(viewing_distance_cm, shape)
    standing_surface = _num(standing_surface_height_cm, shape)
    footrest = _num(footrest_height_cm, shape, default=0.0)
    lumbar = np.array(np.broadcast_to(np.asarray(lumbar_support, dtype=bool), shape))
    prog = _flag(progressive_lenses, shape)
    screen = _num(screen_height_cm, shape)

    body = body_dimensions(
        stature_cm=stature,
        sex=sex_,
        popliteal_height_cm=_num(popliteal_height_cm, shape),
        sitting_elbow_height_cm=_num(sitting_elbow_height_cm, shape),
        sitting_eye_height_cm=_num(sitting_eye_height_cm, shape),
        standing_elbow_height_cm=_num(standing_elbow_height_cm, shape),
        shoe_allowance_cm=shoe,
    )
    p, g, e = body.popliteal_shod_cm, body.keyboard_gap_cm, body.eye_gap_cm
    seated = (mode == "seated") | (mode == "sit_stand")
    standing = (mode == "standing") | (mode == "sit_stand")
    nan = np.full(shape, np.nan)

    # Seat: shod popliteal height + footrest (ISO 9241-5), -4/+1 cm (project rule).
    seat_t = np.where(seated, p + footrest, nan)
    seat_lo, seat_hi = seat_t - SEAT_BELOW_CM, seat_t + SEAT_ABOVE_CM
    # Keyboard: the elbow rides on the actual seat, so the target follows it.
    seat_ref = np.where(np.isnan(seat), seat_t, seat)
    kb_t = seat_ref + g
    kb_lo, kb_hi = kb_t - KEYBOARD_TOLERANCE_CM, kb_t + KEYBOARD_TOLERANCE_CM
    # Top of screen by its angle below the eye line (ISO 9241-5; ANSI/HFES 100-2007), at
    # the measured viewing distance (the target distance when it was not measured).
    eye = np.where(seated, seat_ref + e, np.where(standing, body.standing_eye_shod_cm, nan))
    d_ref = np.where(np.isnan(distance), VIEWING_DISTANCE_TARGET_CM, distance)
    mon_t, mon_lo, mon_hi = monitor_range(
        eye_height_cm=eye,
        viewing_distance_cm=d_ref,
        progressive_lenses=prog,
        screen_height_cm=screen,
    )
    top_angle = screen_angle_deg(eye_height_cm=eye, height_cm=monitor, viewing_distance_cm=d_ref)
    bottom_angle = screen_angle_deg(
        eye_height_cm=eye, height_cm=monitor - screen, viewing_distance_cm=d_ref
    )
    # Viewing distance 50-76 cm (ANSI/HFES 100-2007, OSHA eTool, Oregon OSHA).
    any_mode = seated | standing
    dist_t = np.where(any_mode, VIEWING_DISTANCE_TARGET_CM, nan)
    dist_lo = np.where(any_mode, VIEWING_DISTANCE_CM[0], nan)
    dist_hi = np.where(any_mode, VIEWING_DISTANCE_CM[1], nan)
    # Standing surface relative to shod standing elbow height (Pheasant & Haslegrave 2006).
    off = _task_offsets(task)
    elbow = np.where(standing, body.standing_elbow_shod_cm, nan)
    st_lo, st_hi = elbow + off[0], elbow + off[1]
    st_t = (st_lo + st_hi) / 2

    dims = {
        "seat": (seat, seat_t, seat_lo, seat_hi),
        "keyboard": (keyboard, kb_t, kb_lo, kb_hi),
        "monitor": (monitor, mon_t, mon_lo, mon_hi),
        "distance": (distance, dist_t, dist_lo, dist_hi),
        "standing": (standing_surface, st_t, st_lo, st_hi),
    }
    scale = METHOD.scale
    devs, idxs, near = {}, {}, []
    for name, (x, t, lo, hi) in dims.items():
        dev = _outside(x, lo, hi)
        devs[name] = dev
        idxs[name] = np.where(dev > 0, scale.index(dev), _inside_index(x, t, lo, hi))
        idxs[name] = np.where(np.isnan(dev), np.nan, idxs[name])
        near.append((dev == 0) & (idxs[name] >= BORDERLINE_INSIDE_INDEX))
    dev_stack = np.stack([devs[d] for d in DIMENSIONS], axis=-1)
    idx_stack = np.stack([idxs[d] for d in DIMENSIONS], axis=-1)

    native = np.fmax.reduce(dev_stack, axis=-1)  # NaN only when no dimension was scored
    scored = ~np.isnan(native)
    band = scale.band(native).astype(np.int8)
    index = np.fmax.reduce(idx_stack, axis=-1)
    # Worst dimension: the largest deviation; when all are inside, the one nearest its edge.
    key = np.where(dev_stack > 0, 1000.0 + dev_stack, idx_stack)
    key = np.where(np.isnan(key), -np.inf, key)
    worst = np.asarray(DIMENSIONS)[np.argmax(key, axis=-1)]
    worst = np.where(scored, worst, "")
    borderline = (
        scale.borderline(native)
        | ((native > 0) & (native <= BORDERLINE_INSIDE_CM))
        | ((native == 0) & np.any(np.stack(near, axis=-1), axis=-1))
    )
    seat_too_high = seated & (seat - (p + footrest) > SEAT_TOO_HIGH_CM)

    targets = _targets_from_body(
        body,
        mode,
        task,
        _num(seat_min_cm, shape),
        _num(seat_max_cm, shape),
        _num(desk_min_cm, shape),
        _num(desk_max_cm, shape),
        prog,
        screen,
    )
    return WorkstationResult(
        native=native,
        band=band,
        index=index,
        borderline=np.asarray(borderline, dtype=bool),
        worst_deviation_cm=native.copy(),
        worst_dimension=worst.astype(str),
        seat_too_high=seat_too_high,
        seat_target_cm=seat_t,
        seat_lo_cm=seat_lo,
        seat_hi_cm=seat_hi,
        seat_deviation_cm=devs["seat"],
        seat_index=idxs["seat"],
        keyboard_target_cm=kb_t,
        keyboard_lo_cm=kb_lo,
        keyboard_hi_cm=kb_hi,
        keyboard_deviation_cm=devs["keyboard"],
        keyboard_index=idxs["keyboard"],
        monitor_target_cm=mon_t,
        monitor_lo_cm=mon_lo,
        monitor_hi_cm=mon_hi,
        monitor_deviation_cm=devs["monitor"],
        monitor_index=idxs["monitor"],
        distance_target_cm=dist_t,
        distance_lo_cm=dist_lo,
        distance_hi_cm=dist_hi,
        distance_deviation_cm=devs["distance"],
        distance_index=idxs["distance"],
        standing_target_cm=st_t,
        standing_lo_cm=st_lo,
        standing_hi_cm=st_hi,
        standing_deviation_cm=devs["standing"],
        standing_index=idxs["standing"],
        popliteal_shod_cm=p,
        keyboard_gap_cm=g,
        eye_gap_cm=e,
        standing_elbow_shod_cm=body.standing_elbow_shod_cm,
        standing_eye_shod_cm=body.standing_eye_shod_cm,
        popliteal_measured=body.popliteal_measured,
        elbow_measured=body.elbow_measured,
        eye_measured=body.eye_measured,
        standing_elbow_measured=body.standing_elbow_measured,
        extrapolated=extrapolated(body, mode) & scored,
        survey_lo_cm=body.survey_lo_cm,
        survey_hi_cm=body.survey_hi_cm,
        eye_height_cm=eye,
        monitor_top_angle_deg=top_angle,
        monitor_bottom_angle_deg=bottom_angle,
        set_chair_cm=targets.chair_cm,
        set_footrest_cm=targets.footrest_cm,
        set_desk_cm=targets.desk_cm,
        set_monitor_top_cm=targets.monitor_top_cm,
        set_viewing_distance_cm=targets.viewing_distance_cm,
        set_standing_surface_cm=targets.standing_surface_cm,
        set_standing_monitor_top_cm=targets.standing_monitor_top_cm,
        chair_too_low=targets.chair_too_low,
        chair_too_high=targets.chair_too_high,
        desk_too_high=targets.desk_too_high,
        desk_too_low=targets.desk_too_low,
        standing_surface_out_of_reach=targets.standing_surface_out_of_reach,
        posture_mode=mode,
        task_type=task,
        stature_cm=stature,
        sex=sex_,
        seat_height_cm=seat,
        keyboard_height_cm=keyboard,
        monitor_top_height_cm=monitor,
        screen_height_cm=screen,
        progressive_lenses=prog,
        viewing_distance_cm=distance,
        standing_surface_height_cm=standing_surface,
        footrest_height_cm=footrest,
        shoe_allowance_cm=shoe,
        lumbar_support=lumbar,
    )


def result_targets(res: WorkstationResult) -> PersonalTargets:
    """Return the personal settings carried in an :func:`assess` result."""
    return PersonalTargets(
        chair_cm=res.set_chair_cm,
        footrest_cm=res.set_footrest_cm,
        desk_cm=res.set_desk_cm,
        monitor_top_cm=res.set_monitor_top_cm,
        viewing_distance_cm=res.set_viewing_distance_cm,
        standing_surface_cm=res.set_standing_surface_cm,
        standing_monitor_top_cm=res.set_standing_monitor_top_cm,
        chair_too_low=res.chair_too_low,
        chair_too_high=res.chair_too_high,
        desk_too_high=res.desk_too_high,
        desk_too_low=res.desk_too_low,
        standing_surface_out_of_reach=res.standing_surface_out_of_reach,
    )
