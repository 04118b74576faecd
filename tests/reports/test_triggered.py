"""scoring.recommendations.triggered: the entries recommend() gives, found without what-ifs.

The summary report counts recommendations over thousands of assessments from
these vectorised conditions; they must name exactly the entries the per-
assessment recommend() produces.
"""

from __future__ import annotations

import numpy as np
import pytest

from assessments.evaluate import inputs_from_assessments, inputs_from_parsed
from assessments.io import parse_frame
from benchmarks.synthetic import synthetic_frame
from scoring import recommendations as rec
from scoring.engine import score

from .conftest import load_example

EXAMPLES = ("office-desk", "warehouse-lifting", "maintenance-vibration")


def _compare(inputs) -> dict[str, np.ndarray]:
    engine = score(inputs.by_factor, inputs.applicable, inputs.n)
    masks = rec.triggered(engine, inputs.by_factor)
    for i in range(inputs.n):
        recs, _ = rec.recommend(engine, inputs.by_factor, inputs.applicable, i)
        expected = {r.id for r in recs}
        got = {k for k, v in masks.items() if v[i]}
        assert got == expected, (i, sorted(got ^ expected))
    return masks


def test_examples_trigger_exactly_the_entries_recommend_gives():
    items = [load_example(n) for n in EXAMPLES]
    masks = _compare(inputs_from_assessments(items))
    engine = score(*_engine_args(items))
    counts = rec.triggered_counts(engine, inputs_from_assessments(items).by_factor)
    assert counts == {k: int(v.sum()) for k, v in masks.items() if v.any()}
    assert counts["LIFT-ELIMINATE"] == 1 and counts["HAV-TIME"] == 1 and counts["WS-LUMBAR"] == 1


def _engine_args(items):
    inputs = inputs_from_assessments(items)
    return inputs.by_factor, inputs.applicable, inputs.n


def _varied_frame(n: int, seed: int):
    """Synthetic rows, varied where the synthetic generator is uniform."""
    rng = np.random.default_rng(seed)
    df = synthetic_frame(n, seed=seed).astype(object)
    office = df["workstation.not_applicable"] != "true"
    warehouse = df["lifting.not_applicable"] != "true"
    maint = df["vibration.not_applicable"] != "true"
    df.loc[office, "workstation.lumbar_support"] = np.where(
        rng.random(office.sum()) < 0.5, "false", "true"
    )
    df.loc[office, "sitting.longest_bout_min"] = rng.choice([20, 30, 45, 90], office.sum())
    df.loc[office, "sitting.seated_h_per_day"] = rng.choice([2, 3.9, 4, 7], office.sum())
    # Single tasks, US units, excluded tasks, low frequencies, good couplings.
    one = warehouse & (rng.random(n) < 0.4)
    for col in [c for c in df.columns if c.startswith(("lifting.task2.", "lifting.task3."))]:
        df.loc[one, col] = np.nan if "name" not in col else ""
    df.loc[warehouse & (rng.random(n) < 0.3), "lifting.task1.unit_system"] = "us"
    df.loc[warehouse & (rng.random(n) < 0.1), "lifting.task1.exclusions"] = "one_handed"
    df.loc[warehouse & (rng.random(n) < 0.3), "lifting.task1.lifts_per_min"] = 0.2
    df.loc[warehouse & (rng.random(n) < 0.3), "lifting.task1.coupling"] = "good"
    df.loc[warehouse & (rng.random(n) < 0.3), "lifting.task1.v_origin_cm"] = 70
    # Fewer tools, gentler tools; contact stress and posture at every zone.
    few = maint & (rng.random(n) < 0.4)
    for col in [c for c in df.columns if c.startswith(("vibration.tool2.", "vibration.tool3."))]:
        df.loc[few, col] = np.nan if "name" not in col else ""
    df.loc[maint, "vibration.tool1.a_hv_m_s2"] = rng.choice([1.0, 3.0, 8.0], maint.sum())
    df.loc[maint, "vibration.source1.exposure_h"] = rng.choice([0.5, 2, 8], maint.sum())
    df.loc[maint, "contact_stress.handle_in_palm_h"] = rng.choice([0, 3, 5], maint.sum())
    df.loc[maint, "awkward_posture.neck_bent_h"] = rng.choice([0, 3, 5], maint.sum())
    df.loc[maint, "repetitive_motion.repetitive_motion_h"] = rng.choice([0, 3, 7], maint.sum())
    df.loc[maint, "repetitive_motion.forceful_exertion"] = rng.choice(
        ["true", "false"], maint.sum()
    )
    return df


@pytest.mark.parametrize("seed", [3, 8])
def test_a_varied_batch_triggers_exactly_the_entries_recommend_gives(seed):
    parsed = parse_frame(_varied_frame(300, seed))
    assert not parsed.problems, parsed.problems[:3]
    masks = _compare(inputs_from_parsed(parsed))
    fired = {k for k, v in masks.items() if v.any()}
    # The batch reaches most of the catalogue, so the comparison means something.
    assert {"WS-LUMBAR", "LIFT-ELIMINATE", "HAV-ELV", "WBV-TIME", "SIT-BREAKS"} <= fired
    assert any(k.startswith("CS-") for k in fired) and any(k.startswith("POS-") for k in fired)


def test_entry_for_words_every_entry_without_placeholders():
    ids = [e.id for e in rec.CATALOGUE] + rec._zone_ids()
    for entry_id in ids:
        e = rec.entry_for(entry_id)
        assert "{" not in e.officer and "{" not in e.employee, entry_id
        assert e.control and e.source
    assert rec.entry_for("CS-KNEELING_HARD").factor == "contact_stress"
    with pytest.raises(KeyError, match="must be one of"):
        rec.entry_for("NOPE")


def test_recommend_is_unchanged_by_the_additions():
    """The additions only read; recommend() still gives what it gave (the grinder example)."""
    items = [load_example("maintenance-vibration")]
    by_factor, applicable, n = _engine_args(items)
    engine = score(by_factor, applicable, n)
    before, _ = rec.recommend(engine, by_factor, applicable, 0)
    rec.triggered(engine, by_factor)
    after, _ = rec.recommend(engine, by_factor, applicable, 0)
    assert before == after
