"""Sample data: a year of audits at one fictional organisation, to explore the app with.

    python -m cli db seed-if-empty                         # load once into a never-used database
    python -m scripts.sample_data [--n 360] [--seed 7]     # the same (refused if data was held)

The organisation is *Harrow & Vale Distribution Ltd* (fictional): a head office
and a contact centre where most people work at desks, and two distribution
centres with pickers, goods-in and despatch staff, forklift drivers and a
maintenance team. Each kind of job is generated the way such a place looks to
an officer, so the bands come out as they would in practice: most desks low or
moderate (a few badly set-up chairs or long days seated are high), a minority
of warehouse and maintenance jobs high (heavy or frequent lifts, vibrating
tools used for long). People are re-assessed two or three times, 30 to 120 days
apart, and a re-assessment usually finds the earlier advice applied. The
README's "Sample data" section lists the resulting band counts.

Every row is marked as sample data in the store: lists show it, exports leave
it out unless asked, and it is never loaded into a database that has held
assessments (not even after every record was deleted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass

import numpy as np
import pandas as pd

from assessments.io import csv_columns
from assessments.store import DataAlreadyHeld, Filters, ImportReport, Store
from scoring.workstation_height import personal_targets

ORGANISATION = "Harrow & Vale Distribution Ltd"
ASSESSORS = ("Joanne Okafor", "Magnus Lindqvist", "Sunita Patel", "Łukasz Wróbel")
VISITS = (1, 1, 2, 2, 2, 3)  # assessments per person over the year
# A few names people type instead of a staff number (and a search has to find).
NAMED_WORKERS = ("İlkay Işık", "Siobhán Ní Bhriain", "Zoë Brontë-Hughes", "Jürgen Weiß")


@dataclass(frozen=True)
class Job:
    """One kind of job: where it is done, its share of the people, and how it is assessed."""

    title: str
    kind: str  # desk, lifting, driving, maintenance
    sites: tuple[str, ...]
    departments: tuple[str, ...]
    share: float


JOBS = (
    Job("Accounts assistant", "desk", ("Leeds Head Office",), ("Finance",), 0.08),
    Job("Payroll officer", "desk", ("Leeds Head Office",), ("Finance",), 0.04),
    Job("HR adviser", "desk", ("Leeds Head Office",), ("People",), 0.04),
    Job("Software developer", "desk", ("Leeds Head Office",), ("IT",), 0.06),
    Job("IT service desk analyst", "desk", ("Leeds Head Office",), ("IT",), 0.04),
    Job(
        "Customer service adviser",
        "desk",
        ("Glasgow Contact Centre",),
        ("Customer service",),
        0.16,
    ),
    Job("Team leader", "desk", ("Glasgow Contact Centre",), ("Customer service",), 0.03),
    Job("Transport planner", "desk", ("Daventry DC", "Bristol DC"), ("Transport office",), 0.04),
    Job(
        "Warehouse operative (picking)", "lifting", ("Daventry DC", "Bristol DC"), ("Picking",), 0.2
    ),
    Job("Goods-in operative", "lifting", ("Daventry DC", "Bristol DC"), ("Goods in",), 0.1),
    Job("Despatch loader", "lifting", ("Daventry DC", "Bristol DC"), ("Despatch",), 0.06),
    Job(
        "Forklift driver", "driving", ("Daventry DC", "Bristol DC"), ("Goods in", "Despatch"), 0.07
    ),
    Job(
        "Maintenance engineer", "maintenance", ("Daventry DC", "Bristol DC"), ("Engineering",), 0.08
    ),
)
SITE_CODES = {
    "Leeds Head Office": "LHO",
    "Glasgow Contact Centre": "GCC",
    "Daventry DC": "DAV",
    "Bristol DC": "BRS",
}
# Hand-arm tools a maintenance team uses, each with the a_hv range [m/s2] the samples
# draw from: illustrative values chosen for sample data (a project choice, not
# measurements or published figures); real assessments use the tool's measured value.
TOOLS = (
    ("Angle grinder 115 mm", 3.0, 8.0),
    ("Cordless drill", 2.0, 5.0),
    ("Impact wrench", 4.0, 10.0),
    ("Needle scaler", 8.0, 14.0),
    ("Reciprocating saw", 6.0, 12.0),
)
LIFTS = (
    ("Tote from racking to trolley", (4, 12), (30, 50), (40, 150), (80, 100)),
    ("Case from pallet to conveyor", (6, 16), (30, 55), (10, 120), (75, 95)),
    ("Carton into roll cage", (5, 14), (30, 50), (70, 110), (20, 160)),
    ("Sack from pallet to bench", (10, 20), (30, 50), (10, 60), (85, 95)),
)


def _yes(flag: bool) -> str:
    return "true" if flag else "false"


def _na(*sections: str) -> dict[str, str]:
    return {f"{s}.not_applicable": "true" for s in sections}


def _desk(rng: np.random.Generator, care: float) -> dict:
    """Return a desk worker's inputs; ``care`` (0..1) is how well the desk is set up."""
    sex = rng.choice(("female", "male"))
    stature = float(np.round(rng.normal(163 if sex == "female" else 176, 6.5), 1))
    t = personal_targets(posture_mode="seated", stature_cm=stature, sex=sex)
    spread = 1.0 + 7.0 * (1.0 - care)  # a neglected desk is further off its targets

    def near(target: float, cm: float) -> float:
        return float(np.round(target + rng.normal(0, cm), 1))

    seated = float(np.clip(rng.normal(4.8 - 1.8 * care, 1.0), 2.0, 9.5))
    sit_stand = bool(rng.random() < 0.25)
    row = {
        "workstation.posture_mode": "seated",
        "workstation.stature_cm": stature,
        "workstation.sex": sex,
        "workstation.seat_height_cm": near(float(t.chair_cm[0]), 0.6 * spread),
        "workstation.keyboard_height_cm": near(float(t.desk_cm[0]), 0.6 * spread),
        "workstation.monitor_top_height_cm": near(float(t.monitor_top_cm[0]) - 3, 0.7 * spread),
        "workstation.viewing_distance_cm": float(np.round(rng.uniform(52, 72 + 10 * (1 - care)))),
        "workstation.lumbar_support": _yes(rng.random() < 0.6 + 0.35 * care),
        "sitting.seated_h_per_day": round(seated, 1),
        "sitting.longest_bout_min": float(
            np.round(np.clip(rng.normal(36 - 16 * care, 10), 10, 120))
        ),
        "sitting.sit_stand_desk": _yes(sit_stand),
        "sitting.standing_h_per_day": round(float(rng.uniform(0.5, 2.5)) if sit_stand else 0.0, 1),
        "repetitive_motion.intensive_keying_h": round(
            float(np.clip(rng.normal(2.6, 1.0), 0, 6)), 1
        ),
        "repetitive_motion.awkward_wrist": _yes(rng.random() < 0.25 * (1 - care)),
        "contact_stress.hard_edge_h": round(float(np.clip(rng.normal(0.5, 0.8), 0, 3)), 1),
    }
    return row | _na("lifting", "vibration", "awkward_posture")


def _lifting(rng: np.random.Generator, care: float) -> dict:
    """Return a warehouse job's inputs: two or three lifting tasks and the bending they need."""
    row: dict = {}
    chosen = rng.choice(len(LIFTS), size=int(rng.integers(2, 4)), replace=False)
    for k, idx in enumerate(chosen, start=1):
        name, load, h, v_origin, v_dest = LIFTS[idx]
        p = f"lifting.task{k}."
        heavy = 1.0 - 0.35 * care
        row |= {
            p + "name": name,
            p + "load_kg": round(float(rng.uniform(*load)) * heavy, 1),
            p + "h_origin_cm": float(np.round(rng.uniform(*h))),
            p + "v_origin_cm": float(np.round(rng.uniform(*v_origin))),
            p + "h_dest_cm": float(np.round(rng.uniform(25, 45))),
            p + "v_dest_cm": float(np.round(rng.uniform(*v_dest))),
            p + "asymmetry_origin_deg": float(np.round(rng.choice((0, 0, 15, 30, 45)))),
            p + "lifts_per_min": round(float(rng.uniform(0.3, 2.5 + 2.5 * (1 - care))), 1),
            p + "duration": str(rng.choice(("short", "moderate", "long"), p=(0.3, 0.4, 0.3))),
            p + "coupling": str(rng.choice(("good", "fair", "poor"), p=(0.5, 0.35, 0.15))),
            p + "significant_control": "false",
        }
    row |= {
        "awkward_posture.back_bent_30_h": round(float(rng.uniform(0.3, 2.2 + (1 - care))), 1),
        "awkward_posture.squatting_h": round(float(rng.uniform(0, 1.5)), 1),
        "repetitive_motion.repetitive_motion_h": round(float(rng.uniform(0.2, 2.4)), 1),
    }
    return row | _na("workstation", "sitting", "vibration", "contact_stress")


def _driving(rng: np.random.Generator, care: float) -> dict:
    """Return a forklift driver's inputs: whole-body vibration and a long day seated."""
    hours = round(float(rng.uniform(4.0, 7.0)), 1)
    rough = 1.0 - 0.3 * care  # a re-assessment often finds repaired floors or a new seat
    row = {
        "vibration.source1.name": str(rng.choice(("Counterbalance forklift", "Reach truck"))),
        "vibration.source1.a_wx_m_s2": round(float(rng.uniform(0.15, 0.35)) * rough, 2),
        "vibration.source1.a_wy_m_s2": round(float(rng.uniform(0.15, 0.35)) * rough, 2),
        "vibration.source1.a_wz_m_s2": round(float(rng.uniform(0.3, 0.8)) * rough, 2),
        "vibration.source1.exposure_h": hours,
        "sitting.seated_h_per_day": hours,
        "sitting.longest_bout_min": float(np.round(rng.uniform(30, 80 - 20 * care))),
        "awkward_posture.neck_bent_h": round(float(rng.uniform(0.5, 2.5)), 1),
    }
    return row | _na("workstation", "lifting", "contact_stress", "repetitive_motion")


def _maintenance(rng: np.random.Generator, care: float) -> dict:
    """Return a maintenance engineer's inputs: two or three tools, kneeling and overhead work."""
    row: dict = {}
    chosen = rng.choice(len(TOOLS), size=int(rng.integers(2, 4)), replace=False)
    for k, idx in enumerate(chosen, start=1):
        name, lo, hi = TOOLS[idx]
        q = f"vibration.tool{k}."
        row |= {
            q + "name": name,
            q + "a_hv_m_s2": round(float(rng.uniform(lo, hi)), 1),
            q + "trigger_time_h": round(float(rng.uniform(0.05, 0.55 + 0.4 * (1 - care))), 2),
        }
    row |= {
        "contact_stress.kneeling_hard_h": round(float(rng.uniform(0, 2.5)), 1),
        "contact_stress.handle_in_palm_h": round(float(rng.uniform(0, 1.5)), 1),
        "awkward_posture.hands_above_head_h": round(float(rng.uniform(0, 2.5)), 1),
        "awkward_posture.kneeling_h": round(float(rng.uniform(0, 2.5)), 1),
        "repetitive_motion.high_hand_force_h": round(float(rng.uniform(0, 2.5)), 1),
    }
    return row | _na("workstation", "sitting", "lifting")


INPUTS = {"desk": _desk, "lifting": _lifting, "driving": _driving, "maintenance": _maintenance}


def _person_ref(rng: np.random.Generator, job: Job, site: str, counter: int) -> str:
    if job.kind == "desk" and rng.random() < 0.5:  # desks audited by their desk number
        return f"{SITE_CODES[site]}-{int(rng.integers(1, 4))}F-{counter:03d}"
    return f"E{10_000 + 37 * counter:05d}"


def sample_frame(n: int = 360, *, seed: int = 7, today: dt.date | None = None) -> pd.DataFrame:
    """Return ``n`` sample assessments in the flat layout (no assessment ids: the store gives them)."""
    today = today or dt.date.today()
    rng = np.random.default_rng(seed)
    shares = np.array([j.share for j in JOBS])
    rows: list[dict] = []
    counter = 0
    while len(rows) < n:
        job = JOBS[int(rng.choice(len(JOBS), p=shares / shares.sum()))]
        counter += 1
        site = str(rng.choice(job.sites))
        department = str(rng.choice(job.departments))
        ref = _person_ref(rng, job, site, counter)
        if counter <= len(NAMED_WORKERS) * 7 and counter % 7 == 0:
            ref = NAMED_WORKERS[counter // 7 - 1]
        visits = min(int(rng.choice(VISITS)), n - len(rows))
        gaps = rng.integers(30, 121, size=visits - 1)
        first = int(rng.integers(int(gaps.sum()), 365))
        days_ago = first - np.concatenate([[0], np.cumsum(gaps)])
        base_care = float(rng.beta(4, 1.6))  # most places are looked after, a few are not
        for visit, ago in enumerate(days_ago):
            care = min(1.0, base_care + 0.3 * visit)  # earlier advice applied by the next visit
            row = {
                "organisation": ORGANISATION,
                "site": site,
                "department": department,
                "job_title": job.title,
                "worker_ref": ref,
                "assessor": str(rng.choice(ASSESSORS)),
                "date": (today - dt.timedelta(days=int(ago))).isoformat(),
                "assessment_type": "self"
                if job.kind == "desk" and rng.random() < 0.15
                else "audit",
                "notes": "Re-assessment after the earlier recommendations." if visit else "",
                **INPUTS[job.kind](rng, care),
            }
            rows.append(row)
    df = pd.DataFrame(rows)
    df = df.iloc[np.argsort(df["date"].to_numpy(), kind="stable")].reset_index(drop=True)
    return df[[c for c in csv_columns() if c in df.columns]].astype(object)


def seed(store: Store, n: int = 360, *, seed: int = 7, progress=None) -> ImportReport:
    """Import the sample assessments, marked as samples (raises DataAlreadyHeld if refused).

    Then give some of the high ones corrective actions in every state (see seed_actions).
    """
    report = store.import_frame(sample_frame(n, seed=seed), progress=progress, samples=True)
    if report.saved:
        seed_actions(store)
    return report


OWNERS = ("Facilities", "Site manager", "Team leader", "Occupational health")


def seed_actions(store: Store, *, n_records: int = 24, today: dt.date | None = None) -> int:
    """Create sample corrective actions on high sample records; return how many.

    Cycling over the records, highest risk first: open and overdue, open and due soon,
    in progress, done (no follow-up yet), verified by a follow-up revision saved with the
    recommended change, and won't do with a reason. So a newcomer's Follow-up page and
    dashboard show the whole loop.
    """
    from assessments.access import ScopedStore, local_principal
    from assessments.actions import Actions
    from assessments.evaluate import score_assessment

    today = today or dt.date.today()
    store = getattr(store, "store", store)  # a page's scoped store: seed as the local admin
    scoped = ScopedStore(store, local_principal())
    acts = Actions(scoped)
    found = store.need_action(Filters(samples=True), n=n_records)
    made = 0
    for k, record_id in enumerate(found["record_id"]):
        ranked = score_assessment(store.get(record_id).assessment).recommendations
        # A quantified fix first (it carries the input change), so the verified sample
        # actions show risk removed; then the next most valuable one.
        quantified = [r for r in ranked if r.changes]
        recs = (quantified[:1] + [r for r in ranked if r not in quantified[:1]])[:2]
        ids = acts.from_recommendations(
            record_id,
            [r.id for r in recs],
            owner=OWNERS[k % len(OWNERS)],
            due_date=today + dt.timedelta(days=int(14 * ((k % 6) - 2))),
        )
        made += len(ids)
        if not ids:
            continue
        # The quantified action (the first of recs) moves through the states.
        first = next(i for i in ids if acts.get(i)["rec_id"] == recs[0].id)
        state = k % 6
        if state == 2:
            acts.set_status(first, "in_progress")
        elif state == 3:
            acts.set_status(first, "done")
        elif state == 4:
            acts.set_status(first, "done")
            follow = acts.followup_assessment(first, today=today)
            store.save(follow, record_id=record_id, saved_by="sample", extra={"is_sample": True})
            acts.set_status(first, "verified")
        elif state == 5:
            acts.set_status(first, "wont_do", reason="Sample: the task ends next month.")
    return made


def seed_if_empty(store: Store, n: int = 360) -> int:
    """Load the sample data into a database that never held assessments; return rows loaded.

    Once only, however many processes start at once: the guard is a row in the
    database written in the same transaction as the samples.
    """
    if store.has_held_data():
        return 0
    try:
        return seed(store, n).saved
    except DataAlreadyHeld:
        return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m scripts.sample_data", description=__doc__)
    p.add_argument("--n", type=int, default=360, help="number of assessments (default 360)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--url", help="database URL (default: $DATABASE_URL or the SQLite file)")
    args = p.parse_args(argv)
    store = Store(args.url)
    try:
        report = seed(store, args.n, seed=args.seed)
    except DataAlreadyHeld as exc:
        print(f"no sample data loaded: {exc}.", file=sys.stderr)
        return 1
    print(f"loaded {report.saved} sample assessment(s) into {store!r}", file=sys.stderr)
    return 0 if not report.problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
