"""Synthetic assessments in the flat layout, generated column-wise (fast for 1e6 rows).

Three kinds of job in fixed proportions, with values drawn inside the model's
ranges: office desks (workstation, sitting, contact stress, keying), warehouse
jobs (three lifting tasks, posture) and maintenance jobs (three hand-arm tools,
one whole-body source, contact stress, posture). Sites and departments are
drawn from small lists so summaries have something to group by.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from assessments.io import csv_columns

SITES = np.array(["Leeds", "Daventry", "Bristol", "Glasgow", "Cardiff"], dtype=object)
DEPARTMENTS = np.array(["Claims", "Goods in", "Dispatch", "Maintenance", "IT"], dtype=object)


ROSA_SCORES = {  # base score -> its highest published value (1 is neutral)
    "seat_height_score": 3,
    "seat_depth_score": 2,
    "armrest_score": 2,
    "back_support_score": 2,
    "monitor_score": 3,
    "telephone_score": 2,
    "mouse_score": 2,
    "keyboard_score": 2,
}
ROSA_FLAGS = (
    "seat_height_non_adjustable",
    "armrest_non_adjustable",
    "back_support_non_adjustable",
    "monitor_no_document_holder",
    "telephone_neck_shoulder_hold",
    "mouse_different_surface",
    "keyboard_wrist_deviation",
)
ROSA_DEVICES = ("chair", "monitor", "telephone", "mouse", "keyboard")


def _office_workstation(rng: np.random.Generator, office: np.ndarray) -> dict[str, np.ndarray]:
    """Return the ROSA checklist of the office rows (its own random stream, so the other
    columns stay what they were before ROSA was added)."""
    n = len(office)
    p = "office_workstation."
    cols: dict[str, np.ndarray] = {}
    for name, top in ROSA_SCORES.items():
        # Mostly neutral items, as a set-up desk gives; a minority deviate.
        v = np.where(rng.random(n) < 0.65, 1.0, rng.integers(2, top + 1, n).astype(float))
        cols[p + name] = np.where(office, v, np.nan)
    for name in ROSA_FLAGS:
        cols[p + name] = np.where(
            office, np.where(rng.random(n) < 0.15, "true", "false"), ""
        ).astype(object)
    for device in ROSA_DEVICES:
        cols[p + device + "_daily_h"] = np.where(
            office, np.round(rng.uniform(0.5, 8, n), 1), np.nan
        )
    cols[p + "not_applicable"] = np.where(office, "", "true").astype(object)
    return cols


def _hand_exertion(rng: np.random.Generator, maint: np.ndarray) -> dict[str, np.ndarray]:
    """Return two hand-intensive tasks of the maintenance rows (their own random stream, so
    the other columns stay what they were before the Revised Strain Index was added).

    Efforts up to 15 a minute of at most 3 s each keep every exertion inside its minute.
    """
    n = len(maint)
    p = "hand_exertion."
    cols: dict[str, np.ndarray] = {}

    def r(lo, hi, decimals):
        return np.where(maint, np.round(rng.uniform(lo, hi, n), decimals), np.nan)

    for k, name in ((1, "Tightening"), (2, "Cutting")):
        q = f"{p}task{k}."
        cols[q + "name"] = np.where(maint, name, "").astype(object)
        cols[q + "intensity"] = r(0.05, 0.4, 2)
        cols[q + "efforts_per_min"] = r(2, 15, 0)
        cols[q + "exertion_s"] = r(0.5, 3, 1)
        cols[q + "wrist_angle_deg"] = r(-30, 30, 0)
        cols[q + "hours_per_day"] = r(0.5, 3, 1)
    cols[p + "not_applicable"] = np.where(maint, "", "true").astype(object)
    return cols


def _push_pull_carry(rng: np.random.Generator, warehouse: np.ndarray) -> dict[str, np.ndarray]:
    """Return a cart push and a box carry of the warehouse rows (their own random stream, so
    the other columns stay what they were before push, pull and carry were added).

    Hand heights, distances and frequencies stay inside the ranges the Liberty Mutual
    equations were fitted on (Potvin et al. 2021 p. 963-964), so every task is scored.
    """
    n = len(warehouse)
    p = "push_pull_carry."
    cols: dict[str, np.ndarray] = {}

    def r(lo, hi, decimals):
        return np.where(warehouse, np.round(rng.uniform(lo, hi, n), decimals), np.nan)

    def words(*choices):
        return np.where(warehouse, np.array(choices)[rng.integers(0, len(choices), n)], "")

    t1, t2 = f"{p}task1.", f"{p}task2."
    cols[t1 + "name"] = np.where(warehouse, "Roll cage", "").astype(object)
    cols[t1 + "kind"] = words("push", "pull").astype(object)
    cols[t1 + "initial_force_n"] = r(80, 300, 0)
    cols[t1 + "sustained_force_n"] = r(40, 200, 0)
    cols[t1 + "hand_height_cm"] = r(80, 110, 0)
    cols[t1 + "distance_m"] = r(2.5, 15, 1)  # x 2/min at most: 30 m/min, under 37
    cols[t1 + "frequency_per_min"] = r(0.05, 2, 2)
    cols[t1 + "sex"] = words("female", "male").astype(object)
    cols[t2 + "name"] = np.where(warehouse, "Tote", "").astype(object)
    cols[t2 + "kind"] = np.where(warehouse, "carry", "").astype(object)
    cols[t2 + "carry_weight_kg"] = r(3, 20, 1)
    cols[t2 + "hand_height_cm"] = r(72, 100, 0)
    cols[t2 + "distance_m"] = r(2.5, 10, 1)  # x 2/min at most: 20 m/min, under 29
    cols[t2 + "frequency_per_min"] = r(0.05, 2, 2)
    cols[p + "not_applicable"] = np.where(warehouse, "", "true").astype(object)
    return cols


def synthetic_frame(n: int, seed: int = 0, start: int = 0) -> pd.DataFrame:
    """Return ``n`` synthetic assessments as a flat DataFrame (valid input)."""
    rng = np.random.default_rng(seed)
    kind = rng.choice(3, size=n, p=[0.4, 0.3, 0.3])
    office, warehouse, maint = kind == 0, kind == 1, kind == 2
    nan = np.full(n, np.nan)

    def r(lo, hi, mask=None, decimals=1):
        v = np.round(rng.uniform(lo, hi, n), decimals)
        return v if mask is None else np.where(mask, v, np.nan)

    cols: dict[str, object] = {
        "assessment_id": np.char.add("SYN-", (np.arange(n) + start).astype(str)).astype(object),
        "organisation": np.full(n, "Synthetic Ltd", dtype=object),
        "site": SITES[rng.integers(0, len(SITES), n)],
        "department": DEPARTMENTS[rng.integers(0, len(DEPARTMENTS), n)],
        "job_title": np.where(office, "Clerk", np.where(warehouse, "Picker", "Fitter")).astype(
            object
        ),
        "worker_ref": np.char.add("W", rng.integers(0, 5000, n).astype(str)).astype(object),
        "date": pd.to_datetime("2026-01-01").normalize()
        + pd.to_timedelta(rng.integers(0, 300, n), unit="D"),
        "assessment_type": np.where(rng.random(n) < 0.8, "audit", "self").astype(object),
        # office
        "workstation.posture_mode": np.where(office, "seated", "").astype(object),
        "workstation.stature_cm": r(150, 195, office),
        "workstation.sex": np.where(
            office, np.where(rng.random(n) < 0.5, "female", "male"), ""
        ).astype(object),
        "workstation.seat_height_cm": r(40, 55, office),
        "workstation.keyboard_height_cm": r(62, 78, office),
        "workstation.monitor_top_height_cm": r(100, 130, office),
        "workstation.viewing_distance_cm": r(40, 90, office),
        "workstation.not_applicable": np.where(office, "", "true").astype(object),
        "sitting.seated_h_per_day": r(2, 10, office),
        "sitting.longest_bout_min": r(15, 150, office, 0),
        "sitting.standing_h_per_day": r(0, 2, office),
        "sitting.not_applicable": np.where(office, "", "true").astype(object),
        "repetitive_motion.intensive_keying_h": r(0, 8, office),
        "repetitive_motion.awkward_wrist": np.where(
            office, np.where(rng.random(n) < 0.3, "true", "false"), ""
        ).astype(object),
        "repetitive_motion.high_hand_force_h": r(0, 4, maint),
        "contact_stress.hard_edge_h": r(0, 5, office),
        "contact_stress.kneeling_hard_h": r(0, 5, maint),
        "contact_stress.hammer_impacts_per_h": r(0, 90, maint, 0),
        "contact_stress.hammer_h": r(0, 3, maint),
        "awkward_posture.back_bent_30_h": r(2, 5, warehouse | maint),
        "awkward_posture.back_bent_45_h": r(0, 2, warehouse | maint),
        "awkward_posture.hands_above_head_h": r(0, 5, maint),
        "awkward_posture.kneeling_h": r(0, 5, maint),
        "lifting.not_applicable": np.where(warehouse, "", "true").astype(object),
        "vibration.not_applicable": np.where(maint, "", "true").astype(object),
    }
    for k in (1, 2, 3):
        p = f"lifting.task{k}."
        cols[p + "name"] = np.where(warehouse, f"Lift {k}", "").astype(object)
        cols[p + "load_kg"] = r(2, 25, warehouse)
        cols[p + "h_origin_cm"] = r(20, 65, warehouse)
        cols[p + "v_origin_cm"] = r(0, 170, warehouse)
        cols[p + "h_dest_cm"] = r(20, 65, warehouse)
        cols[p + "v_dest_cm"] = r(0, 170, warehouse)
        cols[p + "asymmetry_origin_deg"] = r(0, 90, warehouse, 0)
        cols[p + "lifts_per_min"] = r(0.1, 6, warehouse)
        cols[p + "duration"] = np.where(
            warehouse, np.array(["short", "moderate", "long"])[rng.integers(0, 3, n)], ""
        ).astype(object)
        cols[p + "coupling"] = np.where(
            warehouse, np.array(["good", "fair", "poor"])[rng.integers(0, 3, n)], ""
        ).astype(object)
        cols[p + "significant_control"] = np.where(
            warehouse, np.where(rng.random(n) < 0.3, "true", "false"), ""
        ).astype(object)
        q = f"vibration.tool{k}."
        cols[q + "name"] = np.where(maint, f"Tool {k}", "").astype(object)
        cols[q + "a_hv_m_s2"] = r(1, 15, maint)
        cols[q + "trigger_time_h"] = r(0.1, 2, maint, 2)
    s = "vibration.source1."
    cols[s + "name"] = np.where(maint, "Dumper", "").astype(object)
    cols[s + "a_wx_m_s2"] = r(0.1, 0.6, maint, 2)
    cols[s + "a_wy_m_s2"] = r(0.1, 0.6, maint, 2)
    cols[s + "a_wz_m_s2"] = r(0.2, 1.2, maint, 2)
    cols[s + "exposure_h"] = r(0.5, 6, maint)
    del nan
    cols |= _office_workstation(np.random.default_rng([seed, 13]), office)
    cols |= _hand_exertion(np.random.default_rng([seed, 17]), maint)
    cols |= _push_pull_carry(np.random.default_rng([seed, 19]), warehouse)
    df = pd.DataFrame(cols)
    df["date"] = df["date"].dt.strftime("%Y-%m-%d")
    layout = [c for c in csv_columns() if c in df.columns]
    return df[layout]
