"""From assessments to results: the form's path and the batch path agree."""

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assessments import io
from assessments import model as m
from assessments.batch import score_frame
from assessments.evaluate import inputs_from_assessments, score_assessment, score_many
from benchmarks.synthetic import synthetic_frame
from scoring.engine import FACTORS, score

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _example(name):
    items, problems = io.load_json((EXAMPLES / f"{name}.json").read_text())
    assert not problems
    return items[0]


def test_maintenance_example_daily_a8_is_the_iso_5349_sum_of_squares():
    """ISO 5349-1 / HSE: A(8) = sqrt(sum(a_i² T_i) / 8) over the example's three tools."""
    r = score_assessment(_example("maintenance-vibration"))
    expected = math.sqrt((6.0**2 * 1.5 + 9.0**2 * 0.5 + 3.5**2 * 1.0) / 8)
    hav = r.factor("hand_arm_vibration")
    assert hav.headline.value == pytest.approx(expected, abs=1e-9)
    assert hav.band_name == "high"
    assert r.overall_band_name == "high" and r.n_high == 1
    wbv = r.factor("whole_body_vibration")
    assert wbv.headline.value == pytest.approx(0.7 * math.sqrt(2 / 8))  # z dominates, k = 1.0


def test_warehouse_example_uses_the_composite_lifting_index():
    r = score_assessment(_example("warehouse-lifting"))
    lift = r.factor("lifting")
    assert lift.headline.label == "CLI"
    assert lift.band_name == "very high"
    assert r.overall_band_name == "very high"


def test_not_applicable_is_not_low_and_says_why():
    r = score_assessment(_example("office-desk"))
    lift = r.factor("lifting")
    assert not lift.applicable and lift.band_name == "not applicable"
    assert lift.reason == "Marked not applicable by the assessor."
    a = m.Assessment(sitting=m.Sitting(seated_h_per_day=5))
    left_out = score_assessment(a).factor("lifting")
    assert left_out.reason == "Not assessed: nothing was entered in the lifting section."
    assert left_out.not_assessed and left_out.status == "not assessed"
    assert not lift.not_assessed and lift.status == "not applicable"
    with pytest.raises(KeyError, match="must be one of"):
        r.factor("noise")


def test_overall_is_the_worst_band_never_an_average():
    r = score_assessment(_example("office-desk"))
    bands = [f.band for f in r.factors if f.applicable]
    assert r.overall_band == max(bands)
    assert r.n_high == sum(b >= 2 for b in bands)


def test_empty_assessment_has_no_result():
    r = score_assessment(m.Assessment())
    assert r.overall_band == -1 and r.n_high == 0 and r.recommendations == ()


def test_batch_and_one_at_a_time_give_identical_numbers():
    df = synthetic_frame(300, seed=7)
    batch, problems = score_frame(df)
    assert problems == []
    items, problems = io.frame_to_assessments(df)
    assert problems == []
    for i, a in enumerate(items):
        inputs = inputs_from_assessments([a])
        one = score(inputs.by_factor, inputs.applicable, 1)
        for j, factor in enumerate(FACTORS):
            got = batch[f"{factor}.index"].iloc[i]
            want = np.round(one.index[0, j], 2)
            assert (np.isnan(got) and np.isnan(want)) or got == want, (i, factor)
        # The CSV tells not assessed from not applicable as the single result does.
        statuses = [f.status for f in score_assessment(a).factors]
        assert [batch[f"{f}.band"].iloc[i] for f in FACTORS] == statuses, i
        assert batch["overall.band"].iloc[i] == score_assessment(a).overall_status, i


def test_score_many_equals_single_results():
    items = [_example(n) for n in ("office-desk", "warehouse-lifting", "maintenance-vibration")]
    many = score_many(items)
    for i, a in enumerate(items):
        r = score_assessment(a)
        assert [f.band for f in r.factors] == list(many.band[i])


def test_batch_refuses_a_file_with_one_bad_row_and_scores_nothing():
    df = synthetic_frame(50, seed=3).astype(object)
    df.loc[17, "workstation.stature_cm"] = 400
    out, problems = score_frame(df)
    assert out is None
    assert [p.row for p in problems] == [18]
    assert problems[0].message.startswith("stature_cm == 400, must be >= 120 and <= 220 [cm]")


def test_batch_keeps_text_identifiers():
    df = synthetic_frame(5, seed=1)
    out, _ = score_frame(df)
    assert list(out["assessment_id"]) == list(df["assessment_id"])
    assert isinstance(out, pd.DataFrame) and "overall.band" in out.columns


def test_furniture_limits_are_carried_on_the_result():
    """A fixed 74 cm desk is too high for a 165 cm woman when her chair stops at 50 cm:
    the home row belongs about 21.6 cm above the seat (Bodyspace sitting elbow height by
    ratio scaling, less 2.5 cm), so the chair would have to reach 74 - 21.6 = 52.4 cm."""
    a = _example("office-desk")
    a = a.model_copy(update={"workstation": a.workstation.model_copy(update={"seat_max_cm": 50})})
    r = score_assessment(a)
    assert r.desk_limits == (
        "the desk stays too high even with the chair raised: a lower desk is needed",
    )
    a = m.Assessment(sitting=m.Sitting(seated_h_per_day=2))
    assert score_assessment(a).desk_limits == ()
