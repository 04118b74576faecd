"""Corrective actions at scale, on SQLite and PostgreSQL: the Follow-up lists, their counts
and the stored next review dates equal what is computed by hand from the saved rows.

The lists join each action to its record's live latest revision in the narrow table and
take the next review dates from ``record_review`` (migration 0014). These tests build a
small organisation whose every row is known, compute each list from the rules directly
(overdue: an open or in-progress action due before today; due soon: due from today to
today + N days; a review from :func:`next_reviews` over the latest revisions), and
compare: with and without a limit, by site and owner, after a revision, a verification,
an archived record and a change of policy, and after migrating an older database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa
import time_machine

from assessments import access
from assessments.access import ScopedStore
from assessments.actions import (
    ACTIVE,
    Actions,
    ReviewPolicy,
    action_table,
    next_reviews,
    review_table,
)
from assessments.store import Filters, Store, assessment_table, upgrade
from tests.org.test_actions import ADMIN, at_site, example

BEFORE = "0015_dashboard_speed"  # the revision before the action scale migration
# The lists compare against dates one day either side of today, so the clock is pinned to
# this day's noon (ticking): a run that crosses midnight (CI did, at 00:00 UTC) would
# otherwise compare the store's "today" with the day the module was imported.
TODAY = dt.date(2026, 12, 1)
# (site, days from today the action is due (None: no date), status)
PLAN = [
    ("Leeds", -40, "open"),
    ("Leeds", -3, "in_progress"),
    ("Leeds", -3, "done"),  # past due but done: not overdue
    ("Leeds", 0, "open"),  # due today: due soon, not overdue
    ("Leeds", 12, "in_progress"),
    ("Leeds", 30, "open"),
    ("Leeds", 31, "open"),  # one day past the 30-day window
    ("Leeds", None, "open"),
    ("Bristol", -1, "open"),
    ("Bristol", 5, "wont_do"),
    ("Bristol", 20, "open"),
]


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC), tick=True):
        yield


@pytest.fixture
def loop(store, monkeypatch):
    """Return (store, admin's Actions, records by site, action plan rows with their ids)."""
    monkeypatch.delenv("ERGO_REVIEW_DAYS", raising=False)
    eng = store.engine
    access.set_user(eng, ADMIN, "admin", by=ADMIN)
    scoped = ScopedStore(store, access.principal_for(eng, ADMIN))
    rec = {
        "Leeds": scoped.save(at_site(example("warehouse-lifting"), "Leeds")).record_id,
        "Bristol": scoped.save(at_site(example("maintenance-vibration"), "Bristol")).record_id,
        "Office": scoped.save(at_site(example("office-desk"), "Bristol")).record_id,
    }
    acts = Actions(scoped)
    plan = []
    for k, (site, days, status) in enumerate(PLAN):
        due = None if days is None else TODAY + dt.timedelta(days=days)
        i = acts.create(rec[site], f"Action {k}", owner=f"Owner {k % 2}", due_date=due)
        if status == "done":
            acts.set_status(i, "done")
        elif status != "open":
            acts.set_status(i, status, reason="not practicable")
        plan.append(
            {"id": i, "site": site, "due": due, "status": status, "owner": f"Owner {k % 2}"}
        )
    return store, acts, rec, pd.DataFrame(plan)


def _order(df: pd.DataFrame) -> list[int]:
    """Return the action ids soonest due first (no date last, then by id), as the lists sort."""
    df = df.assign(nodate=df["due"].isna(), d=df["due"].fillna(dt.date.max))
    return list(df.sort_values(["nodate", "d", "id"])["id"])


def _hand_reviews(store: Store, policy: ReviewPolicy) -> pd.DataFrame:
    """Return every live record's next review and rule, computed here from the stored rows."""
    A, T = assessment_table, action_table

    with store.engine.connect() as conn:
        latest = pd.DataFrame(
            conn.execute(
                sa.select(
                    A.c.record_id,
                    A.c.date,
                    A.c.assessment_type,
                    A.c.overall_band,
                    A.c.shared_symptoms.label("symptoms"),
                ).where(A.c.is_latest, A.c.archived_at.is_(None))
            ).all(),
            columns=["record_id", "date", "assessment_type", "overall_band", "symptoms"],
        )
        verified = dict(
            conn.execute(
                sa.select(T.c.record_id, sa.func.max(T.c.verified_at))
                .where(T.c.status == "verified")
                .group_by(T.c.record_id)
            ).all()
        )
    latest["verified_at"] = [verified.get(r) for r in latest["record_id"]]
    when, rule = next_reviews(latest, policy)
    out = latest[["record_id"]].assign(next_review=list(when), rule=list(rule))
    return out.sort_values(["next_review", "record_id"]).reset_index(drop=True)


def test_overdue_and_due_soon_equal_the_hand_computed_sets(loop):
    _store, acts, _rec, plan = loop
    active = plan[plan["status"].isin(ACTIVE) & plan["due"].notna()]
    overdue = active[active["due"] < TODAY]
    soon = active[(active["due"] >= TODAY) & (active["due"] <= TODAY + dt.timedelta(days=30))]
    assert list(acts.list(overdue=True)["action_id"]) == _order(overdue)
    assert list(acts.list(due_within_days=30)["action_id"]) == _order(soon)
    assert acts.count(overdue=True) == len(overdue) == 3
    assert acts.count(due_within_days=30) == len(soon) == 4
    # The page's first rows are the soonest, and the count still says all of them.
    assert list(acts.list(overdue=True, limit=2)["action_id"]) == _order(overdue)[:2]
    leeds = Filters(sites=("Leeds",))
    assert list(acts.list(overdue=True, filters=leeds)["action_id"]) == _order(
        overdue[overdue["site"] == "Leeds"]
    )
    mine = soon[soon["owner"] == "Owner 0"]
    assert acts.count(due_within_days=30, owner="Owner 0") == len(mine)
    assert list(acts.list(due_within_days=30, owner="Owner 0")["action_id"]) == _order(mine)
    assert list(acts.list()["action_id"]) == _order(plan)


def test_lists_carry_the_latest_revision_header_and_leave_archived_records_out(loop):
    _store, acts, rec, plan = loop
    row = acts.list(overdue=True, limit=1).iloc[0]
    latest = acts.scoped.get(rec["Leeds"]).assessment.header
    assert (row["assessment_id"], row["worker_ref"], row["site"]) == (
        latest.assessment_id,
        latest.worker_ref,
        "Leeds",
    )
    acts.scoped.delete(rec["Bristol"])  # archived in organisation mode: out of every list
    left = plan[plan["site"] == "Leeds"]
    assert list(acts.list()["action_id"]) == _order(left)
    assert acts.count(overdue=True) == 2
    figures = acts.figures()
    assert figures["counts"]["total"] == len(left)
    assert figures["counts"]["overdue"] == 2
    assert set(acts.reviews()["record_id"]) == {rec["Leeds"], rec["Office"]}


def test_reviews_equal_the_rules_over_the_stored_rows(loop):
    store, acts, _rec, _plan = loop
    hand = _hand_reviews(store, ReviewPolicy())
    got = acts.reviews()
    assert list(got["record_id"]) == list(hand["record_id"])
    assert list(got["next_review"]) == list(hand["next_review"])
    assert list(got["rule"]) == list(hand["rule"])
    assert acts.count_reviews() == len(hand) == 3
    assert list(acts.reviews(limit=2)["record_id"]) == list(hand["record_id"][:2])
    first = hand["next_review"].iloc[0]
    days = (first - TODAY).days
    if days >= 0:
        assert acts.count_reviews(within_days=days) == int((hand["next_review"] <= first).sum())


def test_a_revision_and_a_verification_move_the_stored_next_review(loop):
    store, acts, rec, _plan = loop
    policy = ReviewPolicy()
    # A later revision of the desk (very high), dated today: its rule counts from today.
    desk = acts.scoped.get(rec["Office"]).assessment
    dated = desk.model_copy(update={"header": desk.header.model_copy(update={"date": TODAY})})
    acts.scoped.save(dated, record_id=rec["Office"])
    office = acts.reviews(record_id=rec["Office"]).iloc[0]
    assert office["rule"] == "very high result"
    assert office["next_review"] == TODAY + dt.timedelta(days=policy.very_high)
    # Verified under a policy that checks a verified change the next day: that rule wins.
    soon = Actions(acts.scoped, policy=dataclasses.replace(policy, verified=1))
    i = soon.create(rec["Office"], "Raise the screen")
    soon.set_status(i, "done")
    soon.set_status(i, "verified", reason="Checked on site")
    office = soon.reviews(record_id=rec["Office"]).iloc[0]
    assert (office["next_review"], office["rule"]) == (
        TODAY + dt.timedelta(days=1),
        "action verified",
    )
    hand = _hand_reviews(store, soon.policy)
    assert list(soon.reviews()["next_review"]) == list(hand["next_review"])


def test_another_policy_recomputes_every_stored_date(loop):
    store, acts, _rec, _plan = loop
    short = ReviewPolicy(audit=10, self=10, high=5, very_high=2, symptoms=1, verified=3)
    other = Actions(acts.scoped, policy=short)
    got = other.reviews()
    hand = _hand_reviews(store, short)
    assert list(got["next_review"]) == list(hand["next_review"])
    assert list(got["rule"]) == list(hand["rule"])
    # Back under the default policy, the dates are the default's again.
    assert list(acts.reviews()["next_review"]) == list(
        _hand_reviews(store, ReviewPolicy())["next_review"]
    )


def test_migration_0014_backfills_next_reviews_equal_to_the_rules(store_url, monkeypatch):
    monkeypatch.delenv("ERGO_REVIEW_DAYS", raising=False)
    engine = Store(store_url, migrate=False).engine
    upgrade(engine, BEFORE)
    old = Store(store_url, migrate=False)
    scoped = ScopedStore(old, access.local_principal())
    ids = [
        scoped.save(at_site(example(name), "Leeds")).record_id
        for name in ("warehouse-lifting", "maintenance-vibration", "office-desk")
    ]
    # A verified action written as the code of that revision wrote it (its columns
    # only: the baseline's band and index came with 0016), verified long ago, so its
    # check comes before the record's own rule (and the migration's written-out rules
    # are exercised on a time of day, not a date).
    with old.engine.begin() as conn:
        conn.execute(
            action_table.insert().values(
                record_id=ids[2],
                baseline_revision=1,
                description="Raise the screen",
                owner="",
                status="verified",
                reason="Measured again",
                notes="",
                predicted_effect="",
                changes=[],
                created_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
                created_by="test",
                done_at=dt.datetime(2026, 1, 3, tzinfo=dt.UTC),
                verified_at=dt.datetime(2026, 1, 5, 23, 30, tzinfo=dt.UTC),
            )
        )
    old.close()
    engine.dispose()
    s = Store(store_url)
    with s.engine.connect() as conn:
        stored = pd.DataFrame(
            conn.execute(
                sa.select(review_table).order_by(
                    review_table.c.next_review, review_table.c.record_id
                )
            ).all(),
            columns=["record_id", "next_review", "rule"],
        )
    hand = _hand_reviews(s, ReviewPolicy())
    assert list(stored["record_id"]) == list(hand["record_id"])
    assert list(stored["next_review"]) == list(hand["next_review"])
    assert list(stored["rule"]) == list(hand["rule"])
    assert dict(zip(stored["record_id"], stored["rule"], strict=True))[ids[2]] == "action verified"
    s.close()
