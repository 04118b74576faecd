"""ROSA, the Rapid Office Strain Assessment: the office chair, screen, telephone, mouse and keyboard.

Sonne, Villalta & Andrews (2012) score an office workstation from what an observer
sees. Each item starts at 1 for the neutral posture of CSA Z412 and rises to 2 or
3 for a deviation; extra risk factors add +1 or +2 (Table 1 and 2, p. 101; Fig. 1
and 3). Every device then gets a duration score of -1, 0 or +1 from how long it is
used (section 2.3.7, p. 103), and the charts of Fig. 2 (p. 100) combine them:

- Chart A: (seat pan height + seat pan depth) x (armrests + back support), plus
  the chair's duration score, gives the chair score (1-10);
- Chart B: telephone x monitor, each with its own duration score (section B);
- Chart C: mouse x keyboard, each with its own duration score (section C);
- Chart D: section B x section C gives the monitor and peripherals score;
- Chart E: chair x monitor and peripherals gives the ROSA final score (1-10).

A final score of 5 or more is the authors' action level: further assessment and
change considered immediately (sections 4.2 and 5.1, p. 104-106). The other band
edges are project rules (see ``METHOD.band_basis``).

This module returns numbers only; every intermediate (item totals, chart axes,
duration scores, chart values) is kept so each step can be checked against the
paper. Sources (keys into docs/methods/bibliography.toml): sonne-2012, sonne-rosa-form.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from scoring.bands import BandScale
from scoring.results import MethodInfo

# bib:sonne-2012 Fig. 2, p. 100 (Chart A, "Section A score"): rows seat pan height + depth
# 2-8, columns armrests + back support 2-9.
CHART_A = np.array(
    [
        [2, 2, 3, 4, 5, 6, 7, 8],
        [2, 2, 3, 4, 5, 6, 7, 8],
        [3, 3, 3, 4, 5, 6, 7, 8],
        [4, 4, 4, 4, 5, 6, 7, 8],
        [5, 5, 5, 5, 6, 7, 8, 9],
        [6, 6, 6, 7, 7, 8, 8, 9],
        [7, 7, 7, 8, 8, 9, 9, 9],
    ],
    dtype=float,
)
CHART_A_ROWS = (2, 8)  # bib:sonne-2012 Fig. 2: seat pan height + depth
CHART_A_COLS = (2, 9)  # bib:sonne-2012 Fig. 2: armrests + back support

# bib:sonne-2012 Fig. 2, p. 100 (Chart B, "Section B score"): rows telephone 0-6,
# columns monitor 0-7, each including its duration score.
CHART_B = np.array(
    [
        [1, 1, 1, 2, 3, 4, 5, 6],
        [1, 1, 2, 2, 3, 4, 5, 6],
        [1, 2, 2, 3, 3, 4, 6, 7],
        [2, 2, 3, 3, 4, 5, 6, 8],
        [3, 3, 4, 4, 5, 6, 7, 8],
        [4, 4, 5, 5, 6, 7, 8, 9],
        [5, 5, 6, 7, 8, 8, 9, 9],
    ],
    dtype=float,
)
CHART_B_ROWS = (0, 6)  # bib:sonne-2012 Fig. 2: telephone
CHART_B_COLS = (0, 7)  # bib:sonne-2012 Fig. 2: monitor

# bib:sonne-2012 Fig. 2, p. 100 (Chart C, "Section C score"): rows mouse 0-7, columns
# keyboard 0-7 (the chart and bib:sonne-rosa-form step 3 put the mouse on the vertical axis).
CHART_C = np.array(
    [
        [1, 1, 1, 2, 3, 4, 5, 6],
        [1, 1, 2, 3, 4, 5, 6, 7],
        [1, 2, 2, 3, 4, 5, 6, 7],
        [2, 3, 3, 3, 5, 6, 7, 8],
        [3, 4, 4, 5, 5, 6, 7, 8],
        [4, 5, 5, 6, 6, 7, 8, 9],
        [5, 6, 6, 7, 7, 8, 8, 9],
        [6, 7, 7, 8, 8, 9, 9, 9],
    ],
    dtype=float,
)
CHART_C_ROWS = (0, 7)  # bib:sonne-2012 Fig. 2: mouse
CHART_C_COLS = (0, 7)  # bib:sonne-2012 Fig. 2: keyboard

# bib:sonne-2012 Fig. 2, p. 100 ("Monitor and peripherals score"): rows section B 1-9,
# columns section C 1-9; every cell is the larger of the two.
CHART_D = np.array(
    [
        [1, 2, 3, 4, 5, 6, 7, 8, 9],
        [2, 2, 3, 4, 5, 6, 7, 8, 9],
        [3, 3, 3, 4, 5, 6, 7, 8, 9],
        [4, 4, 4, 4, 5, 6, 7, 8, 9],
        [5, 5, 5, 5, 5, 6, 7, 8, 9],
        [6, 6, 6, 6, 6, 6, 7, 8, 9],
        [7, 7, 7, 7, 7, 7, 7, 8, 9],
        [8, 8, 8, 8, 8, 8, 8, 8, 9],
        [9, 9, 9, 9, 9, 9, 9, 9, 9],
    ],
    dtype=float,
)
CHART_D_ROWS = (1, 9)  # bib:sonne-2012 Fig. 2: monitor and telephone (section B)
CHART_D_COLS = (1, 9)  # bib:sonne-2012 Fig. 2: mouse and keyboard (section C)

# bib:sonne-2012 Fig. 2, p. 100 ("ROSA final score"): rows chair 1-10, columns monitor
# and peripherals 1-10; every cell is the larger of the two.
CHART_E = np.array(
    [
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        [2, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        [3, 3, 3, 4, 5, 6, 7, 8, 9, 10],
        [4, 4, 4, 4, 5, 6, 7, 8, 9, 10],
        [5, 5, 5, 5, 5, 6, 7, 8, 9, 10],
        [6, 6, 6, 6, 6, 6, 7, 8, 9, 10],
        [7, 7, 7, 7, 7, 7, 7, 8, 9, 10],
        [8, 8, 8, 8, 8, 8, 8, 8, 9, 10],
        [9, 9, 9, 9, 9, 9, 9, 9, 9, 10],
        [10, 10, 10, 10, 10, 10, 10, 10, 10, 10],
    ],
    dtype=float,
)
CHART_E_ROWS = (1, 10)  # bib:sonne-2012 Fig. 2: chair score
CHART_E_COLS = (1, 10)  # bib:sonne-2012 Fig. 2: monitor and peripherals score

# Item base scores and additions, bib:sonne-2012 Table 1 and Fig. 1, p. 100-101.
SEAT_HEIGHT_SCORES = (1, 2, 3)  # knees at 90° / too low or too high / no foot contact (3)
SEAT_HEIGHT_INSUFFICIENT_SPACE = 1  # insufficient space for the legs under the desk (+1)
SEAT_HEIGHT_NON_ADJUSTABLE = 1  # seat pan height non-adjustable (+1)
SEAT_DEPTH_SCORES = (1, 2)  # about 7.5 cm to the knee / too long or too short
SEAT_DEPTH_NON_ADJUSTABLE = 1  # seat pan depth non-adjustable (+1)
ARMREST_SCORES = (1, 2)  # elbows supported, shoulders relaxed / too high or too low
ARMREST_HARD_SURFACE = 1  # hard or damaged surface (+1)
ARMREST_TOO_WIDE = 1  # too wide (+1)
ARMREST_NON_ADJUSTABLE = 1  # non-adjustable (+1)
BACK_SUPPORT_SCORES = (1, 2)  # lumbar support, 95-110° / no lumbar, angled, no back support
BACK_WORK_SURFACE_TOO_HIGH = 1  # bib:sonne-2012 section 2.3.6, p. 102: work surface too high (+1)
BACK_SUPPORT_NON_ADJUSTABLE = 1  # back support non-adjustable (+1)

# bib:sonne-2012 Table 2 and Fig. 3, p. 101-102.
MONITOR_SCORES = (1, 2, 3)  # arm's length and eye level / too low (30° below) / too high
MONITOR_TOO_FAR = 1  # outside arm's length, 75 cm (+1)
MONITOR_NECK_TWIST = 1  # neck twisted to view the screen (+1)
MONITOR_GLARE = 1  # glare on the screen (+1): Fig. 3A only, not in Table 2
MONITOR_NO_DOCUMENT_HOLDER = 1  # documents, no holder but required (+1)
TELEPHONE_SCORES = (1, 2)  # headset or one hand, neck neutral, within 30 cm / outside 30 cm
TELEPHONE_NECK_SHOULDER_HOLD = 2  # neck and shoulder hold (+2)
TELEPHONE_NO_HANDS_FREE = 1  # no hands-free option (+1)
MOUSE_SCORES = (1, 2)  # in line with the shoulder / reaching
MOUSE_DIFFERENT_SURFACE = 2  # mouse and keyboard on different surfaces (+2)
MOUSE_PINCH_GRIP = 1  # pinch grip, mouse too small (+1)
MOUSE_PALM_REST = 1  # hard palm rest in front of the mouse, pressure point (+1)
KEYBOARD_SCORES = (1, 2)  # wrists straight / wrists extended > 15° or keyboard tilted up
KEYBOARD_WRIST_DEVIATION = 1  # wrists deviated while typing (+1)
KEYBOARD_TOO_HIGH = 1  # keyboard too high, shoulders shrugged (+1)
KEYBOARD_OVERHEAD_REACH = 1  # bib:sonne-2012 section 2.3.6: reaching to overhead items (+1)
KEYBOARD_PLATFORM_NON_ADJUSTABLE = 1  # keyboard platform non-adjustable (+1)

# Duration score, bib:sonne-2012 section 2.3.7, p. 103; bib:sonne-rosa-form duration
# instructions: +1 above 1 h continuously or 4 h a day; 0 for 30 min-1 h continuously or
# 1-4 h a day; -1 below 30 min continuously or 1 h a day.
DURATION_LONG_DAILY_H = 4.0
DURATION_LONG_CONTINUOUS_MIN = 60.0
DURATION_SHORT_DAILY_H = 1.0
DURATION_SHORT_CONTINUOUS_MIN = 30.0

# bib:sonne-2012 section 5.1, p. 105-106: "a ROSA final score of 5 or greater" is the action level.
ACTION_LEVEL = 5.0
# Project rule: 3-4 moderate, from the rise in discomfort between scores 3 and 5
# (bib:sonne-2012 section 4.2, p. 104); 8-10 very high, above the highest final score
# the validation observed, 7 (bib:sonne-2012 section 5.3.1, p. 106).
MODERATE_FROM = 3.0
VERY_HIGH_FROM = 8.0
SCORE_MAX = 10.0  # bib:sonne-2012 section 2.2, p. 99: final scores run 1-10

# Why a row has no score (``reason``); 0 when it was scored.
SCORED = 0
MISSING_ITEM = 1  # an item's base score is missing for a device in use
MISSING_DAILY_HOURS = 2  # a device's hours per day are missing
NOT_SEATED = 3  # the chair is not used (0 h a day): ROSA scores seated computer work
NO_COMPUTER_WORK = 4  # screen, keyboard and mouse all unused (0 h a day)

METHOD = MethodInfo(
    id="rosa",
    factor="office_workstation",
    factor_title="Office workstation (ROSA)",
    title="Rapid Office Strain Assessment (ROSA)",
    edition="Sonne, Villalta & Andrews 2012, Applied Ergonomics 43(1):98-108",
    summary=(
        "Observational checklist of the office chair (seat pan height and depth, armrests, "
        "back support), screen and telephone, mouse and keyboard. Each item scores 1 for the "
        "neutral posture and 2-3 for a deviation, with +1/+2 for extra risk factors; each "
        "device adds a duration score of -1 (< 30 min continuously or < 1 h a day), 0 or +1 "
        "(> 1 h continuously or > 4 h a day). The published charts A-E combine the sections "
        "into a final score from 1 to 10; 5 or more is the authors' action level."
    ),
    native="ROSA final score [1-10]",
    scale=BandScale(
        edges=(MODERATE_FROM, ACTION_LEVEL, VERY_HIGH_FROM),
        cap=SCORE_MAX,
        edge_in_lower=(False, False, False),
        unit="",
    ),
    band_basis=(
        "Sonne et al. 2012 (sections 4.2 and 5.1): a final score of 5 or more is the action "
        "level (further assessment, change considered immediately): band high from 5. "
        "Project rules: 1-2 low; 3-4 moderate (discomfort rose between scores 3 and 5); 8-10 "
        "very high (above 7, the highest final score in the validation study). Index cap 10, "
        "the top of the scale."
    ),
    inputs=(
        "seat_height_score",
        "seat_height_insufficient_space",
        "seat_height_non_adjustable",
        "seat_depth_score",
        "seat_depth_non_adjustable",
        "armrest_score",
        "armrest_hard_surface",
        "armrest_too_wide",
        "armrest_non_adjustable",
        "back_support_score",
        "back_work_surface_too_high",
        "back_support_non_adjustable",
        "chair_daily_h",
        "chair_continuous_min",
        "monitor_score",
        "monitor_too_far",
        "monitor_neck_twist",
        "monitor_glare",
        "monitor_no_document_holder",
        "monitor_daily_h",
        "monitor_continuous_min",
        "telephone_score",
        "telephone_neck_shoulder_hold",
        "telephone_no_hands_free",
        "telephone_daily_h",
        "telephone_continuous_min",
        "mouse_score",
        "mouse_different_surface",
        "mouse_pinch_grip",
        "mouse_palm_rest",
        "mouse_daily_h",
        "mouse_continuous_min",
        "keyboard_score",
        "keyboard_wrist_deviation",
        "keyboard_too_high",
        "keyboard_overhead_reach",
        "keyboard_platform_non_adjustable",
        "keyboard_daily_h",
        "keyboard_continuous_min",
    ),
    references=("sonne-2012", "sonne-rosa-form"),
    unconfirmed=(
        "Duration score when the daily and the continuous criterion point to different "
        "values (e.g. 2 h a day in bouts under 30 min): the paper and the form do not say; "
        "the higher value is taken (project rule; the paper's own example of a final score 8, "
        "p. 106, needs +1 from 1 h 30 min of continuous use alone, which fits this reading).",
        "Monitor score 8 (screen too high with every addition and +1 duration) lies beyond "
        "Chart B's last column, 7; the paper sets each chart's range to 'the maximum score "
        "that can reasonably be achieved' (p. 99) and does not say how to read 8; it is read "
        "as 7 (project rule).",
        "A device not used at all (0 h a day) scores 0, the lowest value of its chart axis, "
        "whatever its items; the paper does not cover devices that are absent (project rule).",
        "Band edges other than the action level 5 (moderate from 3, very high from 8) are "
        "project rules, not published.",
    ),
)


class RosaResult(NamedTuple):
    """ROSA results; every array is (n,). Scores are dimensionless points."""

    # item totals: base score plus additions [points]
    seat_height: np.ndarray
    seat_depth: np.ndarray
    armrest: np.ndarray
    back_support: np.ndarray
    monitor_items: np.ndarray
    telephone_items: np.ndarray
    mouse_items: np.ndarray
    keyboard_items: np.ndarray
    # duration scores -1 / 0 / +1 (NaN when the hours are missing)
    chair_duration: np.ndarray
    monitor_duration: np.ndarray
    telephone_duration: np.ndarray
    mouse_duration: np.ndarray
    keyboard_duration: np.ndarray
    # chart axes and values
    chair_rows: np.ndarray  # seat pan height + depth (Chart A rows)
    chair_cols: np.ndarray  # armrests + back support (Chart A columns)
    chart_a: np.ndarray  # Chart A value, before the chair's duration
    chair: np.ndarray  # chair score = Chart A + duration (Chart E rows)
    monitor: np.ndarray  # monitor items + duration, 0 when unused
    telephone: np.ndarray  # telephone items + duration, 0 when unused
    mouse: np.ndarray  # mouse items + duration, 0 when unused
    keyboard: np.ndarray  # keyboard items + duration, 0 when unused
    monitor_read_as_7: np.ndarray  # bool: monitor 8 read in Chart B's last column
    section_b: np.ndarray  # Chart B: monitor and telephone
    section_c: np.ndarray  # Chart C: mouse and keyboard
    peripherals: np.ndarray  # Chart D: monitor and peripherals score
    final: np.ndarray  # Chart E: ROSA final score 1-10
    action_level: np.ndarray  # bool: final >= 5
    reason: np.ndarray  # int8: SCORED or why there is no score
    # contract fields
    native: np.ndarray  # = final, NaN when not scored
    band: np.ndarray  # int8, -1 when not scored
    index: np.ndarray  # 0-100, NaN when not scored
    borderline: np.ndarray  # bool: on a band edge (3, 5 or 8)


def _float(x):
    return np.asarray(x, dtype=float)


def _flag(x):
    """Return a yes/no addition as bool; NaN or None (not ticked) is absent, as on the checklist."""
    a = np.asarray(x)
    if a.dtype == bool:
        return a
    # bool(nan) is True, so a blank cell would otherwise count as a risk factor present.
    return np.nan_to_num(a.astype(float), nan=0.0) != 0


def _check_choice(name, value, valid):
    """Raise ValueError naming the field when a base score is not one of ``valid`` (NaN allowed)."""
    v = np.atleast_1d(_float(value))
    bad = ~np.isnan(v) & ~np.isin(v, valid)
    if bad.any():
        shown = ", ".join(str(c) for c in valid)
        raise ValueError(
            f"{name} == {v[bad][0]:g}, must be one of {shown} (NaN when not assessed)."
        )


def duration_score(*, daily_h, continuous_min=np.nan):
    """Return the ROSA duration score of a device: -1, 0 or +1.

    Parameters
    ----------
    daily_h
        Total use of the device in a day. [h]
    continuous_min
        Longest continuous use; NaN when not known, then the daily total alone
        decides. [min]

    Returns
    -------
    numpy.ndarray or float
        +1 above 1 h continuously or above 4 h a day; 0 for 30-60 min
        continuously or 1-4 h a day; -1 otherwise (under 30 min continuously and
        under 1 h a day). When the two criteria differ the higher value is taken
        (project rule). NaN when ``daily_h`` is NaN. [points]

    References
    ----------
    Sonne et al. 2012, section 2.3.7, p. 103; ROSA form, duration instructions.
    """
    day = _float(daily_h)
    cont = _float(continuous_min)
    with np.errstate(invalid="ignore"):
        # bib:sonne-2012 section 2.3.7: "more than 1 h continuously or 4 h per day" -> +1
        long_use = (day > DURATION_LONG_DAILY_H) | (cont > DURATION_LONG_CONTINUOUS_MIN)
        # bib:sonne-2012 section 2.3.7: "between 30 min and 1 h continuously or between
        # 1 and 4 h per day" -> 0
        middle = (day >= DURATION_SHORT_DAILY_H) | (cont >= DURATION_SHORT_CONTINUOUS_MIN)
    out = np.where(long_use, 1.0, np.where(middle, 0.0, -1.0))
    out = np.where(np.isnan(day), np.nan, out)
    return out if out.ndim else float(out)


def seat_pan_height(*, score, insufficient_space=False, non_adjustable=False):
    """Return the seat pan height item: base 1-3, +1 no leg room, +1 non-adjustable. [points]

    References
    ----------
    Sonne et al. 2012, Table 1 and Fig. 1A, p. 100-101.
    """
    return (
        _float(score)
        + SEAT_HEIGHT_INSUFFICIENT_SPACE * _flag(insufficient_space)
        + SEAT_HEIGHT_NON_ADJUSTABLE * _flag(non_adjustable)
    )


def seat_pan_depth(*, score, non_adjustable=False):
    """Return the seat pan depth item: base 1-2, +1 non-adjustable. [points]

    References
    ----------
    Sonne et al. 2012, Table 1 and Fig. 1B, p. 100-101.
    """
    return _float(score) + SEAT_DEPTH_NON_ADJUSTABLE * _flag(non_adjustable)


def armrests(*, score, hard_surface=False, too_wide=False, non_adjustable=False):
    """Return the armrest item: base 1-2, +1 hard surface, +1 too wide, +1 non-adjustable. [points]

    References
    ----------
    Sonne et al. 2012, Table 1 and Fig. 1C, p. 100-101.
    """
    return (
        _float(score)
        + ARMREST_HARD_SURFACE * _flag(hard_surface)
        + ARMREST_TOO_WIDE * _flag(too_wide)
        + ARMREST_NON_ADJUSTABLE * _flag(non_adjustable)
    )


def back_support(*, score, work_surface_too_high=False, non_adjustable=False):
    """Return the back support item: base 1-2, +1 work surface too high, +1 non-adjustable. [points]

    References
    ----------
    Sonne et al. 2012, Table 1, Fig. 1D and section 2.3.6, p. 100-102.
    """
    return (
        _float(score)
        + BACK_WORK_SURFACE_TOO_HIGH * _flag(work_surface_too_high)
        + BACK_SUPPORT_NON_ADJUSTABLE * _flag(non_adjustable)
    )


def monitor_items(*, score, too_far=False, neck_twist=False, glare=False, no_document_holder=False):
    """Return the monitor item: base 1-3, +1 each for too far, neck twist, glare, no holder. [points]

    References
    ----------
    Sonne et al. 2012, Table 2 and Fig. 3A, p. 101-102.
    """
    return (
        _float(score)
        + MONITOR_TOO_FAR * _flag(too_far)
        + MONITOR_NECK_TWIST * _flag(neck_twist)
        + MONITOR_GLARE * _flag(glare)
        + MONITOR_NO_DOCUMENT_HOLDER * _flag(no_document_holder)
    )


def telephone_items(*, score, neck_shoulder_hold=False, no_hands_free=False):
    """Return the telephone item: base 1-2, +2 neck and shoulder hold, +1 no hands-free. [points]

    References
    ----------
    Sonne et al. 2012, Table 2 and Fig. 3B, p. 101-102.
    """
    return (
        _float(score)
        + TELEPHONE_NECK_SHOULDER_HOLD * _flag(neck_shoulder_hold)
        + TELEPHONE_NO_HANDS_FREE * _flag(no_hands_free)
    )


def mouse_items(*, score, different_surface=False, pinch_grip=False, palm_rest=False):
    """Return the mouse item: base 1-2, +2 other surface than the keyboard, +1 pinch, +1 palm rest.

    Returns
    -------
    numpy.ndarray or float
        Item total. [points]

    References
    ----------
    Sonne et al. 2012, Table 2 and Fig. 3C, p. 101-102.
    """
    return (
        _float(score)
        + MOUSE_DIFFERENT_SURFACE * _flag(different_surface)
        + MOUSE_PINCH_GRIP * _flag(pinch_grip)
        + MOUSE_PALM_REST * _flag(palm_rest)
    )


def keyboard_items(
    *, score, wrist_deviation=False, too_high=False, overhead_reach=False, non_adjustable=False
):
    """Return the keyboard item: base 1-2, +1 each for deviation, too high, overhead reach, platform.

    Returns
    -------
    numpy.ndarray or float
        Item total. [points]

    References
    ----------
    Sonne et al. 2012, Table 2, Fig. 3D and section 2.3.6, p. 101-102.
    """
    return (
        _float(score)
        + KEYBOARD_WRIST_DEVIATION * _flag(wrist_deviation)
        + KEYBOARD_TOO_HIGH * _flag(too_high)
        + KEYBOARD_OVERHEAD_REACH * _flag(overhead_reach)
        + KEYBOARD_PLATFORM_NON_ADJUSTABLE * _flag(non_adjustable)
    )


def _lookup(chart, rows, cols, row, col, row_name, col_name):
    """Return chart[row, col] on whole columns; NaN where either axis value is NaN."""
    r = _float(row)
    c = _float(col)
    r, c = np.broadcast_arrays(r, c)
    known = ~np.isnan(r) & ~np.isnan(c)
    for v, (lo, hi), name in ((r, rows, row_name), (c, cols, col_name)):
        out_of_chart = known & ((v < lo) | (v > hi) | (v != np.round(v)))
        if out_of_chart.any():
            raise ValueError(
                f"{name} == {v[out_of_chart][0]:g}, must be a whole number from {lo} to {hi}."
            )
    ri = np.where(known, r, rows[0]).astype(int) - rows[0]
    ci = np.where(known, c, cols[0]).astype(int) - cols[0]
    out = np.where(known, chart[ri, ci], np.nan)
    return out if out.ndim else float(out)


def chart_a(*, seat_height_plus_depth, armrest_plus_back):
    """Return the Chart A value (chair, before duration). [points]

    Parameters
    ----------
    seat_height_plus_depth
        Seat pan height item + seat pan depth item, 2-8 (rows). [points]
    armrest_plus_back
        Armrest item + back support item, 2-9 (columns). [points]

    References
    ----------
    Sonne et al. 2012, Fig. 2 (Chart A), p. 100.
    """
    return _lookup(
        CHART_A,
        CHART_A_ROWS,
        CHART_A_COLS,
        seat_height_plus_depth,
        armrest_plus_back,
        "seat_height_plus_depth",
        "armrest_plus_back",
    )


def chair_score(*, chart_a_value, duration):
    """Return the chair score: Chart A value plus the chair's duration score (1-10). [points]

    References
    ----------
    Sonne et al. 2012, section 2.4, p. 103: "modified based on the duration score".
    """
    return _float(chart_a_value) + _float(duration)


def device_score(*, items, duration, daily_h):
    """Return a device's chart axis value: items + duration; 0 for a device not used.

    Parameters
    ----------
    items
        Item total of the monitor, telephone, mouse or keyboard. [points]
    duration
        The device's duration score, -1 / 0 / +1. [points]
    daily_h
        Use per day; 0 means the device is not used and scores 0, the lowest
        value of its chart axis (project rule). [h]

    Returns
    -------
    numpy.ndarray or float
        Axis value for Chart B or C. [points]
    """
    score = _float(items) + _float(duration)
    # Project rule: an absent device carries no posture risk; 0 is its chart's lowest value.
    out = np.where(_float(daily_h) == 0, 0.0, score)
    return out if out.ndim else float(out)


def section_b(*, monitor, telephone):
    """Return the section B score (Chart B) of the monitor and telephone scores. [points]

    Parameters
    ----------
    monitor
        Monitor items + duration, 0-8; 8 is read in the last column, 7
        (project rule). [points]
    telephone
        Telephone items + duration, 0-6. [points]

    References
    ----------
    Sonne et al. 2012, Fig. 2 (Chart B), p. 100.
    """
    col = np.minimum(_float(monitor), CHART_B_COLS[1])
    return _lookup(CHART_B, CHART_B_ROWS, CHART_B_COLS, telephone, col, "telephone", "monitor")


def section_c(*, mouse, keyboard):
    """Return the section C score (Chart C) of the mouse (rows) and keyboard (columns). [points]

    References
    ----------
    Sonne et al. 2012, Fig. 2 (Chart C), p. 100; ROSA form, scoring instruction 3.
    """
    return _lookup(CHART_C, CHART_C_ROWS, CHART_C_COLS, mouse, keyboard, "mouse", "keyboard")


def peripherals_score(*, section_b_value, section_c_value):
    """Return the monitor and peripherals score (Chart D). [points]

    References
    ----------
    Sonne et al. 2012, Fig. 2 ("Monitor and peripherals score"), p. 100.
    """
    return _lookup(
        CHART_D,
        CHART_D_ROWS,
        CHART_D_COLS,
        section_b_value,
        section_c_value,
        "section_b",
        "section_c",
    )


def final_score(*, chair, peripherals):
    """Return the ROSA final score (Chart E), 1-10. [points]

    References
    ----------
    Sonne et al. 2012, Fig. 2 ("ROSA final score"), p. 100.
    """
    return _lookup(CHART_E, CHART_E_ROWS, CHART_E_COLS, chair, peripherals, "chair", "peripherals")


def _reason(*, not_seated, no_screen_work, items_missing, hours_missing):
    """Return why each row has no score (SCORED when it has one); exclusions come first."""
    reason = np.full(not_seated.shape, SCORED, dtype=np.int8)
    reason = np.where(hours_missing, MISSING_DAILY_HOURS, reason)
    reason = np.where(items_missing, MISSING_ITEM, reason)
    reason = np.where(no_screen_work, NO_COMPUTER_WORK, reason)
    reason = np.where(not_seated, NOT_SEATED, reason)
    return reason.astype(np.int8)


_CHOICES = {
    "seat_height_score": SEAT_HEIGHT_SCORES,
    "seat_depth_score": SEAT_DEPTH_SCORES,
    "armrest_score": ARMREST_SCORES,
    "back_support_score": BACK_SUPPORT_SCORES,
    "monitor_score": MONITOR_SCORES,
    "telephone_score": TELEPHONE_SCORES,
    "mouse_score": MOUSE_SCORES,
    "keyboard_score": KEYBOARD_SCORES,
}


def assess(
    *,
    seat_height_score,
    seat_depth_score,
    armrest_score,
    back_support_score,
    chair_daily_h,
    monitor_score,
    monitor_daily_h,
    telephone_score,
    telephone_daily_h,
    mouse_score,
    mouse_daily_h,
    keyboard_score,
    keyboard_daily_h,
    seat_height_insufficient_space=False,
    seat_height_non_adjustable=False,
    seat_depth_non_adjustable=False,
    armrest_hard_surface=False,
    armrest_too_wide=False,
    armrest_non_adjustable=False,
    back_work_surface_too_high=False,
    back_support_non_adjustable=False,
    chair_continuous_min=np.nan,
    monitor_too_far=False,
    monitor_neck_twist=False,
    monitor_glare=False,
    monitor_no_document_holder=False,
    monitor_continuous_min=np.nan,
    telephone_neck_shoulder_hold=False,
    telephone_no_hands_free=False,
    telephone_continuous_min=np.nan,
    mouse_different_surface=False,
    mouse_pinch_grip=False,
    mouse_palm_rest=False,
    mouse_continuous_min=np.nan,
    keyboard_wrist_deviation=False,
    keyboard_too_high=False,
    keyboard_overhead_reach=False,
    keyboard_platform_non_adjustable=False,
    keyboard_continuous_min=np.nan,
) -> RosaResult:
    """Return the ROSA scores of each assessment, with every intermediate.

    Every input broadcasts to (n,). Base scores are the published item values
    (``*_score``; NaN when not assessed); the yes/no additions default to
    absent, and NaN or None in them (not ticked) also counts as absent;
    continuous minutes are optional (NaN: the daily hours decide).

    Parameters
    ----------
    seat_height_score
        1 knees at about 90°, 2 seat too low or too high, 3 no foot contact. [points]
    seat_depth_score
        1 about 7.5 cm between seat edge and knee, 2 too long or too short. [points]
    armrest_score
        1 elbows supported, shoulders relaxed; 2 too high or too low. [points]
    back_support_score
        1 lumbar support, reclined 95-110°; 2 no lumbar support, angled too far
        back or forward, or no back support. [points]
    chair_daily_h, monitor_daily_h, telephone_daily_h, mouse_daily_h, keyboard_daily_h
        Use of each device per day; 0 for the telephone, mouse, keyboard or
        screen means not used (scores 0); 0 for the chair excludes the row. [h]
    monitor_score
        1 at arm's length (40-75 cm) and eye level, 2 too low, 3 too high. [points]
    telephone_score
        1 headset, or one hand and neutral neck, within 30 cm; 2 outside 30 cm. [points]
    mouse_score
        1 in line with the shoulder, 2 reaching. [points]
    keyboard_score
        1 wrists straight, shoulders relaxed; 2 wrists extended > 15°. [points]
    seat_height_insufficient_space ... keyboard_platform_non_adjustable
        The additions of Table 1 and 2 and Fig. 1 and 3, True when present. [bool]
    chair_continuous_min ... keyboard_continuous_min
        Longest continuous use of each device; NaN when not known. [min]

    Returns
    -------
    RosaResult
        ``native`` is the ROSA final score (1-10), NaN with ``reason`` set when
        the row cannot be scored or is excluded.

    Raises
    ------
    ValueError
        If a base score is not one of its published values.

    References
    ----------
    Sonne M, Villalta DL, Andrews DM. Applied Ergonomics 2012;43(1):98-108,
    https://doi.org/10.1016/j.apergo.2011.03.008 (Tables 1-3, Fig. 1-3, section 2).
    """
    raw = dict(locals())  # every keyword argument by name, before any other local exists
    for name, valid in _CHOICES.items():
        _check_choice(name, raw[name], valid)
    kw = dict(zip(raw, np.broadcast_arrays(*(np.asarray(v) for v in raw.values())), strict=True))
    kw = {k: np.atleast_1d(v) for k, v in kw.items()}

    sh = seat_pan_height(
        score=kw["seat_height_score"],
        insufficient_space=kw["seat_height_insufficient_space"],
        non_adjustable=kw["seat_height_non_adjustable"],
    )
    sd = seat_pan_depth(
        score=kw["seat_depth_score"], non_adjustable=kw["seat_depth_non_adjustable"]
    )
    ar = armrests(
        score=kw["armrest_score"],
        hard_surface=kw["armrest_hard_surface"],
        too_wide=kw["armrest_too_wide"],
        non_adjustable=kw["armrest_non_adjustable"],
    )
    bs = back_support(
        score=kw["back_support_score"],
        work_surface_too_high=kw["back_work_surface_too_high"],
        non_adjustable=kw["back_support_non_adjustable"],
    )
    items = {
        "monitor": monitor_items(
            score=kw["monitor_score"],
            too_far=kw["monitor_too_far"],
            neck_twist=kw["monitor_neck_twist"],
            glare=kw["monitor_glare"],
            no_document_holder=kw["monitor_no_document_holder"],
        ),
        "telephone": telephone_items(
            score=kw["telephone_score"],
            neck_shoulder_hold=kw["telephone_neck_shoulder_hold"],
            no_hands_free=kw["telephone_no_hands_free"],
        ),
        "mouse": mouse_items(
            score=kw["mouse_score"],
            different_surface=kw["mouse_different_surface"],
            pinch_grip=kw["mouse_pinch_grip"],
            palm_rest=kw["mouse_palm_rest"],
        ),
        "keyboard": keyboard_items(
            score=kw["keyboard_score"],
            wrist_deviation=kw["keyboard_wrist_deviation"],
            too_high=kw["keyboard_too_high"],
            overhead_reach=kw["keyboard_overhead_reach"],
            non_adjustable=kw["keyboard_platform_non_adjustable"],
        ),
    }
    devices = ("chair", *items)
    hours = {d: _float(kw[f"{d}_daily_h"]) for d in devices}
    duration = {
        d: duration_score(daily_h=hours[d], continuous_min=kw[f"{d}_continuous_min"])
        for d in devices
    }
    score = {d: device_score(items=items[d], duration=duration[d], daily_h=hours[d]) for d in items}

    rows, cols = sh + sd, ar + bs
    a = chart_a(seat_height_plus_depth=rows, armrest_plus_back=cols)
    chair = chair_score(chart_a_value=a, duration=duration["chair"])
    b = section_b(monitor=score["monitor"], telephone=score["telephone"])
    c = section_c(mouse=score["mouse"], keyboard=score["keyboard"])
    d = peripherals_score(section_b_value=b, section_c_value=c)
    final = final_score(chair=chair, peripherals=d)

    chair_items_missing = np.isnan(rows) | np.isnan(cols)
    device_items_missing = np.zeros(final.shape, bool)
    for dev in items:
        device_items_missing |= np.isnan(items[dev]) & (hours[dev] != 0)
    hours_missing = np.zeros(final.shape, bool)
    for dev in devices:
        hours_missing |= np.isnan(hours[dev])
    no_screen_work = (hours["monitor"] == 0) & (hours["mouse"] == 0) & (hours["keyboard"] == 0)
    reason = _reason(
        not_seated=hours["chair"] == 0,
        no_screen_work=no_screen_work,
        items_missing=chair_items_missing | device_items_missing,
        hours_missing=hours_missing,
    )
    native = np.where(reason == SCORED, final, np.nan)
    scale = METHOD.scale
    return RosaResult(
        seat_height=sh,
        seat_depth=sd,
        armrest=ar,
        back_support=bs,
        monitor_items=items["monitor"],
        telephone_items=items["telephone"],
        mouse_items=items["mouse"],
        keyboard_items=items["keyboard"],
        chair_duration=duration["chair"],
        monitor_duration=duration["monitor"],
        telephone_duration=duration["telephone"],
        mouse_duration=duration["mouse"],
        keyboard_duration=duration["keyboard"],
        chair_rows=rows,
        chair_cols=cols,
        chart_a=a,
        chair=chair,
        monitor=score["monitor"],
        telephone=score["telephone"],
        mouse=score["mouse"],
        keyboard=score["keyboard"],
        monitor_read_as_7=score["monitor"] > CHART_B_COLS[1],
        section_b=b,
        section_c=c,
        peripherals=d,
        final=final,
        action_level=native >= ACTION_LEVEL,
        reason=reason,
        native=native,
        band=np.asarray(scale.band(native), dtype=np.int8),
        index=np.asarray(scale.index(native), dtype=float),
        borderline=np.asarray(scale.borderline(native), dtype=bool),
    )


# The value each input takes when its risk factor is removed: the neutral base score (1) or
# the addition absent (bib:sonne-2012 section 2.1, p. 99: neutral postures score 1).
NEUTRAL_VALUES = {name: 1.0 for name in _CHOICES} | {
    name: False
    for name in METHOD.inputs
    if name not in _CHOICES and not name.endswith(("_h", "_min"))
}


def what_if_neutral(**inputs) -> dict[str, np.ndarray]:
    """Return, per risk-factor input, the final score with that one factor removed.

    Parameters
    ----------
    **inputs
        The keyword arguments of :func:`assess` (whole columns or scalars).

    Returns
    -------
    dict[str, numpy.ndarray]
        For each base score and addition in ``NEUTRAL_VALUES`` whose value differs
        from neutral in at least one row, the (n,) ROSA final score with that input
        set to neutral and everything else unchanged; NaN where the row is not
        scored. The fall from ``assess(**inputs).native`` is what fixing that one
        item is worth. [points]
    """
    out = {}
    for name, neutral in NEUTRAL_VALUES.items():
        if name not in inputs:
            continue
        given = np.asarray(inputs[name], dtype=float)
        if not np.any(given != float(neutral)):
            continue
        out[name] = assess(**{**inputs, name: np.full(given.shape, neutral)}).native
    return out
