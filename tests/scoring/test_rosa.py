"""ROSA, the Rapid Office Strain Assessment (Sonne, Villalta & Andrews 2012).

Sources (bibliography keys): sonne-2012 (Applied Ergonomics 43:98-108: Tables 1-3, Fig. 1-3,
sections 2.3.7, 4.2, 5.1, 5.3.1) and sonne-rosa-form (the ROSA score sheet with its charts and
duration instructions). The module's charts were read from the paper's Fig. 2; the tables
below were transcribed separately from the score sheet, so each checks the other.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.bibliography import entries
from scoring import rosa
from scoring.bands import HIGH, LOW, MODERATE, NOT_APPLICABLE, VERY_HIGH

NAN = np.nan

NEUTRAL = dict(
    seat_height_score=1,
    seat_depth_score=1,
    armrest_score=1,
    back_support_score=1,
    chair_daily_h=6.0,
    monitor_score=1,
    monitor_daily_h=6.0,
    telephone_score=1,
    telephone_daily_h=2.0,
    mouse_score=1,
    mouse_daily_h=6.0,
    keyboard_score=1,
    keyboard_daily_h=6.0,
)

ADDITIONS = (
    "seat_height_insufficient_space",
    "seat_height_non_adjustable",
    "seat_depth_non_adjustable",
    "armrest_hard_surface",
    "armrest_too_wide",
    "armrest_non_adjustable",
    "back_work_surface_too_high",
    "back_support_non_adjustable",
    "monitor_too_far",
    "monitor_neck_twist",
    "monitor_glare",
    "monitor_no_document_holder",
    "telephone_neck_shoulder_hold",
    "telephone_no_hands_free",
    "mouse_different_surface",
    "mouse_pinch_grip",
    "mouse_palm_rest",
    "keyboard_wrist_deviation",
    "keyboard_too_high",
    "keyboard_overhead_reach",
    "keyboard_platform_non_adjustable",
)
DEVICES = ("chair", "monitor", "telephone", "mouse", "keyboard")


def _assess(**changes):
    return rosa.assess(**{**NEUTRAL, **changes})


# --- the authors' worked examples -------------------------------------------------------------


def test_table_3_worked_example_final_score_7():
    """Sonne 2012 Table 3 and Fig. 2, p. 100 and 103: chair 7, sections B 4 and C 4,
    monitor and peripherals 4, ROSA final score 7. Every intermediate is the paper's."""
    res = _assess(
        seat_height_score=2,  # too high (2)
        seat_height_non_adjustable=True,  # (+1) -> chair height 3
        seat_depth_score=1,  # -> chair depth 1
        armrest_score=2,  # too high (2)
        armrest_non_adjustable=True,  # (+1) -> armrests 3
        back_support_score=2,  # no lumbar support (2)
        back_work_surface_too_high=True,  # (+1)
        back_support_non_adjustable=True,  # (+1) -> back support 4
        chair_daily_h=6.0,  # greater than 4 h per day (+1)
        monitor_score=3,  # too high (3)
        monitor_no_document_holder=True,  # (+1)
        monitor_daily_h=6.0,  # (+1) -> monitor 5
        telephone_score=1,  # headset / neutral neck (1)
        telephone_daily_h=2.0,  # between 1 and 4 h per day (0) -> telephone 1
        mouse_score=2,  # reaching (2)
        mouse_palm_rest=True,  # (+1)
        mouse_daily_h=6.0,  # (+1) -> mouse 4
        keyboard_score=1,  # wrists straight (1)
        keyboard_daily_h=6.0,  # (+1) -> keyboard 2
    )
    assert (res.seat_height[0], res.seat_depth[0], res.armrest[0], res.back_support[0]) == (
        3,
        1,
        3,
        4,
    )
    assert (res.chair_rows[0], res.chair_cols[0]) == (4, 7)
    assert res.chart_a[0] == 6  # Fig. 2: row 4, column 7 circled
    assert res.chair_duration[0] == 1
    assert res.chair[0] == 7  # "Section A score 7"
    assert (res.monitor[0], res.telephone[0], res.mouse[0], res.keyboard[0]) == (5, 1, 4, 2)
    assert res.section_b[0] == 4
    assert res.section_c[0] == 4
    assert res.peripherals[0] == 4
    assert res.final[0] == 7
    assert res.native[0] == 7
    assert res.action_level[0]
    assert res.band[0] == HIGH
    assert res.reason[0] == rosa.SCORED


def test_section_5_3_1_example_final_score_8():
    """Sonne 2012 section 5.3.1, p. 106: no foot contact, interference under the desk,
    non-adjustable height, seat pan too long and non-adjustable, 1.5 h of continuous
    computer work give a ROSA final score of 8 (the rest of the workstation neutral)."""
    hours = {f"{d}_daily_h": 2.0 for d in DEVICES}
    bouts = {f"{d}_continuous_min": 90.0 for d in DEVICES}
    res = _assess(
        seat_height_score=3,
        seat_height_insufficient_space=True,
        seat_height_non_adjustable=True,
        seat_depth_score=2,
        seat_depth_non_adjustable=True,
        **hours,
        **bouts,
    )
    assert res.chair_rows[0] == 8
    assert res.chart_a[0] == 7
    assert res.chair_duration[0] == 1  # 1.5 h continuously > 1 h, though 2 h a day alone gives 0
    assert res.final[0] == 8
    assert res.band[0] == VERY_HIGH


# --- the charts: the module (read from Fig. 2) against the score sheet ----------------------

FORM_CHART_A = [  # bib:sonne-rosa-form Section A chart: rows 2-8, columns 2-9
    [2, 2, 3, 4, 5, 6, 7, 8],
    [2, 2, 3, 4, 5, 6, 7, 8],
    [3, 3, 3, 4, 5, 6, 7, 8],
    [4, 4, 4, 4, 5, 6, 7, 8],
    [5, 5, 5, 5, 6, 7, 8, 9],
    [6, 6, 6, 7, 7, 8, 8, 9],
    [7, 7, 7, 8, 8, 9, 9, 9],
]
FORM_CHART_B = [  # bib:sonne-rosa-form Section B chart: rows telephone 0-6, columns monitor 0-7
    [1, 1, 1, 2, 3, 4, 5, 6],
    [1, 1, 2, 2, 3, 4, 5, 6],
    [1, 2, 2, 3, 3, 4, 6, 7],
    [2, 2, 3, 3, 4, 5, 6, 8],
    [3, 3, 4, 4, 5, 6, 7, 8],
    [4, 4, 5, 5, 6, 7, 8, 9],
    [5, 5, 6, 7, 8, 8, 9, 9],
]
FORM_CHART_C = [  # bib:sonne-rosa-form Section C chart: rows mouse 0-7, columns keyboard 0-7
    [1, 1, 1, 2, 3, 4, 5, 6],
    [1, 1, 2, 3, 4, 5, 6, 7],
    [1, 2, 2, 3, 4, 5, 6, 7],
    [2, 3, 3, 3, 5, 6, 7, 8],
    [3, 4, 4, 5, 5, 6, 7, 8],
    [4, 5, 5, 6, 6, 7, 8, 9],
    [5, 6, 6, 7, 7, 8, 8, 9],
    [6, 7, 7, 8, 8, 9, 9, 9],
]


@pytest.mark.parametrize(
    ("chart", "form"),
    [
        (rosa.CHART_A, FORM_CHART_A),
        (rosa.CHART_B, FORM_CHART_B),
        (rosa.CHART_C, FORM_CHART_C),
    ],
    ids=["A", "B", "C"],
)
def test_charts_a_b_c_match_the_score_sheet(chart, form):
    np.testing.assert_array_equal(chart, np.array(form, dtype=float))


def test_charts_d_and_e_are_the_larger_of_their_axes():
    """Fig. 2 and the score sheet: every cell of the monitor-and-peripherals chart (1-9) and
    of the final-score chart (1-10) is the larger of its row and column value."""
    d = np.arange(1, 10)
    np.testing.assert_array_equal(rosa.CHART_D, np.maximum.outer(d, d))
    e = np.arange(1, 11)
    np.testing.assert_array_equal(rosa.CHART_E, np.maximum.outer(e, e))


def test_chart_steps_read_the_circled_cells_of_figure_2():
    """Fig. 2, p. 100: the circled cells of the scoring example."""
    assert rosa.chart_a(seat_height_plus_depth=4, armrest_plus_back=7) == 6
    assert rosa.section_b(monitor=5, telephone=1) == 4
    assert rosa.section_c(mouse=4, keyboard=2) == 4
    assert rosa.peripherals_score(section_b_value=4, section_c_value=4) == 4
    assert rosa.final_score(chair=7, peripherals=4) == 7


def test_chart_axes_hold_every_item_total_the_tables_allow():
    """Table 1 and 2: the largest item totals fill the charts' axes (p. 99: each axis runs to
    the maximum score that can reasonably be achieved)."""
    assert rosa.seat_pan_height(score=3, insufficient_space=True, non_adjustable=True) == 5
    assert rosa.seat_pan_depth(score=2, non_adjustable=True) == 3  # 5 + 3 = 8, Chart A's last row
    assert rosa.armrests(score=2, hard_surface=True, too_wide=True, non_adjustable=True) == 5
    assert rosa.back_support(score=2, work_surface_too_high=True, non_adjustable=True) == 4
    assert rosa.telephone_items(score=2, neck_shoulder_hold=True, no_hands_free=True) == 5
    assert rosa.mouse_items(score=2, different_surface=True, pinch_grip=True, palm_rest=True) == 6
    kb = rosa.keyboard_items(
        score=2, wrist_deviation=True, too_high=True, overhead_reach=True, non_adjustable=True
    )
    assert kb == 6  # + duration 1 = 7, Chart C's last column


def test_monitor_8_is_read_in_chart_b_last_column():
    """Project rule: a monitor score of 8 (3 + four additions + 1) lies beyond Chart B's
    columns 0-7 and is read as 7; the result says so."""
    res = _assess(
        monitor_score=3,
        monitor_too_far=True,
        monitor_neck_twist=True,
        monitor_glare=True,
        monitor_no_document_holder=True,
        telephone_score=2,
    )
    assert res.monitor[0] == 8
    assert res.monitor_read_as_7[0]
    assert res.section_b[0] == rosa.CHART_B[2, 7] == 7
    assert not _assess().monitor_read_as_7[0]


def test_best_and_worst_workstations_span_1_to_10():
    """Section 2.2, p. 99: final scores run from 1 to 10."""
    short = {f"{d}_daily_h": 0.5 for d in DEVICES}
    assert _assess(**short).final[0] == 1
    worst = {a: True for a in ADDITIONS}
    res = _assess(
        seat_height_score=3,
        seat_depth_score=2,
        armrest_score=2,
        back_support_score=2,
        monitor_score=3,
        telephone_score=2,
        mouse_score=2,
        keyboard_score=2,
        **{f"{d}_daily_h": 8.0 for d in DEVICES},
        **worst,
    )
    assert res.chair[0] == 10
    assert res.final[0] == 10
    assert res.index[0] == pytest.approx(100.0)


# --- duration score -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("daily_h", "continuous_min", "expected"),
    [
        (0.99, NAN, -1),  # "less than 1 h of total work per day"
        (1.0, NAN, 0),  # "between 1 and 4 h per day"
        (4.0, NAN, 0),
        (4.01, NAN, 1),  # "more than ... 4 h per day"
        (0.5, 29.9, -1),  # "less than 30 min of continuous work"
        (0.5, 30.0, 0),  # "between 30 min and 1 h continuously"
        (0.9, 60.0, 0),
        (1.5, 60.1, 1),  # "more than 1 h continuously"
        (2.0, 20.0, 0),  # criteria differ (0 and -1): the higher value (project rule)
        (3.0, 90.0, 1),  # criteria differ (0 and +1): the higher value (project rule)
        (NAN, 90.0, NAN),  # no daily hours: no score
    ],
)
def test_duration_score_section_2_3_7(daily_h, continuous_min, expected):
    """Sonne 2012 section 2.3.7, p. 103, and the score sheet's duration instructions."""
    got = rosa.duration_score(daily_h=daily_h, continuous_min=continuous_min)
    if np.isnan(expected):
        assert np.isnan(got)
    else:
        assert got == expected


def test_duration_score_on_whole_columns():
    got = rosa.duration_score(daily_h=np.array([0.5, 2.0, 5.0]), continuous_min=np.nan)
    np.testing.assert_array_equal(got, [-1.0, 0.0, 1.0])


# --- bands ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("final", "band", "index"),
    [
        (1, LOW, 25.0 / 3),
        (2, LOW, 50.0 / 3),
        (3, MODERATE, 25.0),  # project rule: moderate from 3
        (4, MODERATE, 37.5),  # just below the action level
        (5, HIGH, 50.0),  # bib:sonne-2012 section 5.1: the action level, 5 or greater
        (7, HIGH, 50.0 + 25.0 * 2 / 3),
        (8, VERY_HIGH, 75.0),  # project rule: above 7, the highest score in the study
        (10, VERY_HIGH, 100.0),
    ],
)
def test_band_edges(final, band, index):
    scale = rosa.METHOD.scale
    assert scale.band(final) == band
    assert scale.index(final) == pytest.approx(index)


def test_band_edges_just_below_and_above_the_action_level():
    """Section 5.1: 5 or greater is the action level; 4 is not."""
    chair = dict(chair_daily_h=2.0, back_support_score=2, back_support_non_adjustable=True)
    four = _assess(armrest_score=2, **chair)  # Chart A row 2, column 5: 4
    five = _assess(armrest_score=2, armrest_non_adjustable=True, **chair)  # column 6: 5
    assert (four.final[0], four.band[0], bool(four.action_level[0])) == (4, MODERATE, False)
    assert (five.final[0], five.band[0], bool(five.action_level[0])) == (5, HIGH, True)
    assert five.borderline[0] and not four.borderline[0]


def test_method_record():
    m = rosa.METHOD
    assert m.scale.edges == (3.0, 5.0, 8.0)
    assert m.scale.edge_in_lower == (False, False, False)
    assert m.scale.cap == 10.0
    assert m.references and all(k in entries() for k in m.references)
    assert m.unconfirmed
    assert set(m.inputs) == set(rosa.assess.__kwdefaults__) | set(NEUTRAL)


# --- not scored, excluded and unused devices ----------------------------------------------


def test_telephone_not_used_scores_0_whatever_its_items():
    """Project rule: a device not used (0 h a day) is its chart's lowest value, 0."""
    res = _assess(telephone_score=NAN, telephone_daily_h=0.0)
    assert res.telephone[0] == 0
    assert res.reason[0] == rosa.SCORED
    assert res.section_b[0] == rosa.CHART_B[0, 2]  # telephone 0, monitor 1 + 1 (6 h a day)
    assert res.native[0] == res.final[0]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"chair_daily_h": 0.0}, rosa.NOT_SEATED),
        (
            {"monitor_daily_h": 0.0, "mouse_daily_h": 0.0, "keyboard_daily_h": 0.0},
            rosa.NO_COMPUTER_WORK,
        ),
        ({"armrest_score": NAN}, rosa.MISSING_ITEM),
        ({"mouse_score": NAN}, rosa.MISSING_ITEM),
        ({"keyboard_daily_h": NAN}, rosa.MISSING_DAILY_HOURS),
    ],
)
def test_rows_without_a_score_say_why(changes, reason):
    res = _assess(**changes)
    assert res.reason[0] == reason
    assert np.isnan(res.native[0]) and np.isnan(res.index[0])
    assert res.band[0] == NOT_APPLICABLE
    assert not res.action_level[0] and not res.borderline[0]


# --- unknown choices --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "valid"),
    [
        ("seat_height_score", 4, "1, 2, 3"),
        ("back_support_score", 3, "1, 2"),
        ("monitor_score", 0, "1, 2, 3"),
        ("telephone_score", 1.5, "1, 2"),
    ],
)
def test_unknown_base_score_names_field_value_and_choices(name, value, valid):
    with pytest.raises(ValueError, match=rf"^{name} == {value:g}, must be one of {valid}"):
        _assess(**{name: value})


def test_chart_step_outside_its_axis_is_answered():
    with pytest.raises(ValueError, match=r"seat_height_plus_depth == 9, must be a whole number"):
        rosa.chart_a(seat_height_plus_depth=9, armrest_plus_back=2)
    with pytest.raises(ValueError, match=r"telephone == 7, must be a whole number from 0 to 6"):
        rosa.section_b(monitor=1, telephone=7)


# --- properties -------------------------------------------------------------------------

BASES = {
    "seat_height_score": (1, 2, 3),
    "seat_depth_score": (1, 2),
    "armrest_score": (1, 2),
    "back_support_score": (1, 2),
    "monitor_score": (1, 2, 3),
    "telephone_score": (1, 2),
    "mouse_score": (1, 2),
    "keyboard_score": (1, 2),
}

workstations = st.fixed_dictionaries(
    {
        **{k: st.sampled_from(v) for k, v in BASES.items()},
        **{a: st.booleans() for a in ADDITIONS},
        **{f"{d}_daily_h": st.floats(0.1, 10.0) for d in DEVICES},
        **{f"{d}_continuous_min": st.floats(1.0, 240.0) for d in DEVICES},
    }
)


@settings(max_examples=150, deadline=None)
@given(ws=workstations, item=st.sampled_from(ADDITIONS + tuple(BASES)))
def test_a_further_risk_factor_never_lowers_the_score(ws, item):
    """Section 2.1: each risk factor raises or keeps the scores (the charts never fall)."""
    worse = dict(ws)
    if item in BASES:
        worse[item] = max(BASES[item])
    else:
        worse[item] = True
    before, after = rosa.assess(**ws), rosa.assess(**worse)
    assert after.final[0] >= before.final[0]
    assert 1 <= before.final[0] <= 10 and before.reason[0] == rosa.SCORED


@settings(max_examples=100, deadline=None)
@given(ws=workstations, device=st.sampled_from(DEVICES), extra_h=st.floats(0.0, 6.0))
def test_longer_use_never_lowers_the_score(ws, device, extra_h):
    """Section 2.3.7: the duration score rises with hours per day and continuous minutes."""
    longer = dict(ws)
    longer[f"{device}_daily_h"] = ws[f"{device}_daily_h"] + extra_h
    longer[f"{device}_continuous_min"] = ws[f"{device}_continuous_min"] + 60.0 * extra_h
    assert rosa.assess(**longer).final[0] >= rosa.assess(**ws).final[0]


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(workstations, min_size=2, max_size=6), pick=st.integers(0, 5))
def test_scalar_equals_the_same_row_in_a_batch(rows, pick):
    i = pick % len(rows)
    batch = rosa.assess(**{k: np.array([r[k] for r in rows]) for k in rows[0]})
    one = rosa.assess(**rows[i])
    for name, col in batch._asdict().items():
        np.testing.assert_array_equal(col[i], getattr(one, name)[0], err_msg=name)


# --- what-if: one risk factor removed ---------------------------------------------------

TABLE_3 = dict(
    NEUTRAL,
    seat_height_score=2,
    seat_height_non_adjustable=True,
    armrest_score=2,
    armrest_non_adjustable=True,
    back_support_score=2,
    back_work_surface_too_high=True,
    back_support_non_adjustable=True,
    monitor_score=3,
    monitor_no_document_holder=True,
    mouse_score=2,
    mouse_palm_rest=True,
)


def test_what_if_on_the_table_3_workstation():
    """Table 3 (final 7, chair 7 dominating): a neutral armrest (1) moves Chart A from
    column 7 to 6, chair 5 + 1 = 6, final 6; a neutral screen leaves the chair's 7."""
    gains = rosa.what_if_neutral(**TABLE_3)
    assert rosa.assess(**TABLE_3).native[0] == 7
    assert gains["armrest_score"][0] == 6
    assert gains["back_work_surface_too_high"][0] == 6
    assert gains["monitor_score"][0] == 7
    assert "keyboard_score" not in gains  # already neutral
    assert "telephone_no_hands_free" not in gains


@settings(max_examples=40, deadline=None)
@given(ws=workstations)
def test_removing_a_factor_never_raises_the_score(ws):
    before = rosa.assess(**ws).native[0]
    for name, after in rosa.what_if_neutral(**ws).items():
        assert after[0] <= before, name


def test_an_unticked_addition_given_as_nan_or_none_is_absent():
    """A blank cell must not count as a risk factor present (bool(nan) is True)."""
    blank = _assess(
        telephone_neck_shoulder_hold=np.array([np.nan]),
        mouse_pinch_grip=np.array([None], dtype=object),
    )
    ticked = _assess(telephone_neck_shoulder_hold=1.0, mouse_pinch_grip=True)
    assert (blank.telephone_items[0], blank.mouse_items[0]) == (1, 1)
    assert (ticked.telephone_items[0], ticked.mouse_items[0]) == (3, 2)
