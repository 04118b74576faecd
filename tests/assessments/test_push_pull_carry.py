"""Push, pull and carry as a factor: model, validation, batch, recommendations, old files, PDF.

Published value: Potvin et al. 2021 Table 4, p. 965, female initial push: reference load
36.9 kg, CV 0.214, 75 % capable maximum 31.6 kg. The reference load is the MAL where the
three scale factors are 1.00: hand height 102.9 cm (the vertex of V_SF, -0.5304 + V/0.3361
- V²/0.6915), the shortest distance 2.1 m and about one push a day (p. 963), so a push of
31.6 kgf (309.9 N) protecting 75 % of women sits at ratio 1.00 and is accepted by 75 %.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from assessments import model as m
from assessments.batch import score_frame
from assessments.evaluate import inputs_from_assessments, score_assessment
from assessments.io import assessments_to_frame, csv_columns, load_json
from reports.pdf import assessment_pdf
from scoring import push_pull_carry as ppc
from scoring import recommendations
from scoring.engine import score
from tests.reports.conftest import REPORT_DATE, flat, pages_text

ROOT = Path(__file__).resolve().parents[2]
SECTION = "push_pull_carry"
G = 9.80665  # bib:iso-80000-3-2019: N per kgf
TABLE_4_PUSH = {  # bib:potvin-2021 Table 4 p. 965 at the scale factors' maxima (see above)
    "name": "Cage to dock",
    "kind": "push",
    "initial_force_n": round(31.6 * G, 1),
    "hand_height_cm": 102.9,
    "distance_m": 2.1,
    "frequency_per_min": 0.0021,
    "sex": "female",
    "percentile": 75.0,
}
HEAVY_PUSH = {
    "name": "Roll cage",
    "kind": "push",
    "initial_force_n": 300.0,
    "sustained_force_n": 200.0,
    "hand_height_cm": 95.0,
    "distance_m": 10.0,
    "frequency_per_min": 1.0,
}
CARRY = {
    "name": "Tote",
    "kind": "carry",
    "carry_weight_kg": 12.0,
    "hand_height_cm": 80.0,
    "distance_m": 5.0,
    "frequency_per_min": 2.0,
}


def _job(*tasks: dict) -> m.Assessment:
    doc = json.loads((ROOT / "examples" / "warehouse-lifting.json").read_text("utf-8"))
    doc[SECTION] = {"tasks": list(tasks)}
    return m.Assessment.model_validate(doc)


def test_item_13_5_table_4_female_initial_push_through_the_model_and_the_batch():
    a = _job(TABLE_4_PUSH)
    f = score_assessment(a).factor(SECTION)
    # 31.6 printed to 0.1 kg: the ratio within 0.05 / 31.6 (it is 1.0009, on the band edge).
    assert f.applicable and f.borderline
    assert f.headline.value == pytest.approx(1.0, abs=0.002)
    metrics = {x.key: x.value for x in f.metrics}
    assert metrics["ppc_percent_capable"] == pytest.approx(75.0, abs=0.3)
    row = f.tables[0].rows[0]
    assert row[:3] == ("Task 1", "push initial", "75 % women")
    assert row[7:10] == ("1.00", "1.00", "1.00")  # V_SF, DH_SF, F_SF at their maxima
    assert row[10] == "310 N"  # 31.6 kgf acceptable to 75 % of women
    out, problems = score_frame(assessments_to_frame([a]))
    assert not problems
    assert out.loc[0, f"{SECTION}.native"] == pytest.approx(f.headline.value, abs=1e-4)
    assert out.loc[0, f"{SECTION}.band"] == f.band_name
    assert int(out.loc[0, f"{SECTION}.n_tasks"]) == 1


def test_item_13_5_the_worst_task_sets_the_band_and_a_task_without_a_load_is_named():
    no_force = {k: v for k, v in HEAVY_PUSH.items() if not k.endswith("force_n")}
    f = score_assessment(_job(CARRY, HEAVY_PUSH, {**no_force, "kind": "pull"})).factor(SECTION)
    assert f.band_name == "very high" and f.headline.value > ppc.RATIO_VERY_HIGH
    assert "task 2's sustained force" in f.why and "90 % of women" in f.why
    left = [r for r in f.tables[0].rows if r[0] == "Task 3"]
    assert len(left) == 1 and left[0][7].startswith("left out: no force")
    assert {x.key: x.value for x in f.metrics}["ppc_tasks"] == 2
    alone = score_assessment(_job({**no_force, "kind": "pull"})).factor(SECTION)
    assert (
        not alone.applicable and alone.reason == "Not scored: 1 task(s) left out (see the inputs)."
    )


def test_item_13_6_recommendation_brings_the_worst_task_to_ratio_1_and_is_re_scored():
    a = _job(HEAVY_PUSH)
    recs = [r for r in score_assessment(a).recommendations if r.factor == SECTION]
    assert [r.id for r in recs] == ["PPC-FORCE"]
    r = recs[0]
    assert r.native_before > 2.0 and r.native_after == pytest.approx(1.0, abs=0.01)
    assert r.native_after <= 1.0  # rounded down to the newton: inside the limit
    changed = a.model_copy(deep=True)
    for list_id, pos, name, value in r.changes:
        assert list_id == "push_pull_carry.tasks" and pos == 0
        setattr(changed.push_pull_carry.tasks[pos], name, value)
    assert {c[2] for c in r.changes} == {"initial_force_n", "sustained_force_n"}
    again = score_assessment(changed).factor(SECTION)
    assert again.headline.value == pytest.approx(r.native_after, abs=1e-9)
    assert again.band_name == "low"
    assert "initial 300 N, sustained 200 N →" in r.officer_text
    carry = [x for x in score_assessment(_job({**CARRY, "carry_weight_kg": 25.0})).recommendations]
    weight = [x for x in carry if x.id == "PPC-WEIGHT"]
    assert len(weight) == 1 and "25.0 kg →" in weight[0].officer_text


def test_item_13_6_the_columns_trigger_the_entries_the_single_path_gives():
    items = [_job(TABLE_4_PUSH), _job(HEAVY_PUSH), _job(CARRY), _job(CARRY, HEAVY_PUSH)]
    inputs = inputs_from_assessments(items)
    engine = score(inputs.by_factor, inputs.applicable, inputs.n)
    fired = recommendations.triggered(engine, inputs.by_factor)
    for i, a in enumerate(items):
        single = {r.id for r in score_assessment(a).recommendations if r.id.startswith("PPC-")}
        columns = {e for e, rows in fired.items() if e.startswith("PPC-") and rows[i]}
        assert single == columns, i


@pytest.mark.parametrize(
    ("name", "value", "bounds"),
    [
        ("hand_height_cm", 300.0, "> 0 and <= 250 [cm]"),
        ("initial_force_n", -5.0, ">= 0 and <= 2000 [N]"),
        ("frequency_per_min", 0.0, "> 0 and <= 60 [1/min]"),
        ("percentile", 40.0, ">= 50 and <= 99 [%]"),
    ],
)
def test_item_13_6_out_of_range_inputs_name_field_value_and_range(name, value, bounds):
    frame = assessments_to_frame([_job(HEAVY_PUSH)])
    frame[f"{SECTION}.task1.{name}"] = value
    _, problems = score_frame(frame)
    assert len(problems) == 1
    assert problems[0].field == f"{SECTION}.task1.{name}"
    assert f"{name} == {value:g}, must be {bounds}" in problems[0].message
    with pytest.raises(ValidationError, match=name):
        _job({**HEAVY_PUSH, name: value})


def test_item_13_6_an_unknown_kind_is_refused_with_the_valid_ones():
    frame = assessments_to_frame([_job(HEAVY_PUSH)])
    frame[f"{SECTION}.task1.kind"] = "lift"
    _, problems = score_frame(frame)
    assert len(problems) == 1 and "one of: push, pull, carry" in problems[0].message
    with pytest.raises(ValidationError, match="kind"):
        _job({**HEAVY_PUSH, "kind": "lift"})


def test_item_13_6_old_files_open_and_leave_the_factor_not_assessed():
    doc = json.loads((ROOT / "examples" / "warehouse-lifting.json").read_text(encoding="utf-8"))
    for version in ("1.0", "1.1", "1.2"):
        doc["schema_version"] = version
        items, problems = load_json(json.dumps({"schema_version": version, "assessments": [doc]}))
        assert not problems
        assert items[0].schema_version == version
        f = score_assessment(items[0]).factor(SECTION)
        assert f.not_assessed


def test_item_13_6_new_documents_are_version_1_3_and_the_template_has_task_columns():
    assert m.Assessment().schema_version == "1.3"
    cols = csv_columns()
    for k in (1, 2, 3):
        assert f"{SECTION}.task{k}.initial_force_n" in cols
        assert f"{SECTION}.task{k}.kind" in cols
    schema = json.loads((ROOT / "schemas" / "assessment-1.3.schema.json").read_text("utf-8"))
    assert schema["version"] == "1.3"
    assert "PushPullCarryTask" in json.dumps(schema)


def test_item_13_6_unused_slots_in_a_batch_leave_the_other_tasks_scored():
    frame = assessments_to_frame([_job(CARRY), _job(CARRY, HEAVY_PUSH), _job(TABLE_4_PUSH)])
    out, problems = score_frame(frame)
    assert not problems
    singles = [
        score_assessment(_job(*t)).factor(SECTION).headline.value
        for t in [(CARRY,), (CARRY, HEAVY_PUSH), (TABLE_4_PUSH,)]
    ]
    assert np.allclose(out[f"{SECTION}.native"].astype(float), singles, atol=1e-4)
    assert out[f"{SECTION}.n_tasks"].astype(int).tolist() == [1, 2, 1]


def test_item_13_6_pdf_shows_the_task_table_and_the_entry():
    a = _job(CARRY, HEAVY_PUSH)
    text = flat(" ".join(pages_text(assessment_pdf(a, score_assessment(a), generated=REPORT_DATE))))
    assert "Push, pull and carry per task" in text
    assert "Pushing, pulling and carrying" in text
    assert "Reduce the force needed to push or pull" in text
    assert "Liberty Mutual" in text
    assert "Not confirmed against the primary source" in text
