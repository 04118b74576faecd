"""Corrective actions on SQLite and PostgreSQL: created from recommendations, the status
machine, history, overdue from dates, follow-up and measured effect, review dates, figures.

Every test runs on a fresh database on both backends (``store`` in tests/conftest.py);
nothing is mocked. Predicted effects are checked against re-scoring the assessment with
the recommendation's change applied, which is what "predicted" means.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from assessments import access, audit
from assessments import io as aio
from assessments import model as m
from assessments.access import AccessDenied, ScopedStore
from assessments.actions import ActionError, Actions, ReviewPolicy, next_reviews
from assessments.evaluate import score_assessment
from assessments.store import Filters
from scoring.bands import HIGH

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ADMIN = "admin@example.org"
TODAY = dt.date(2026, 12, 1)


def example(name: str) -> m.Assessment:
    items, problems = aio.load_json((EXAMPLES / f"{name}.json").read_bytes())
    assert not problems
    return items[0]


def at_site(a: m.Assessment, site: str) -> m.Assessment:
    return a.model_copy(update={"header": a.header.model_copy(update={"site": site})})


@pytest.fixture
def org(store):
    """Return (store, actions by person, record ids): a Leeds warehouse, a Bristol one."""
    eng = store.engine
    access.set_user(eng, "ann@example.org", "officer", ("Leeds",), by=ADMIN)
    access.set_user(eng, "bob@example.org", "officer", ("Bristol",), by=ADMIN)
    access.set_user(eng, "meg@example.org", "manager", ("Leeds",), by=ADMIN)
    access.set_user(eng, "eve@example.org", "employee", ("Leeds",), by=ADMIN)
    access.set_user(eng, ADMIN, "admin", by=ADMIN)
    acts = {
        who: Actions(ScopedStore(store, access.principal_for(eng, f"{who}@example.org")))
        for who in ("ann", "bob", "meg", "eve", "admin")
    }
    admin = ScopedStore(store, access.principal_for(eng, ADMIN))
    leeds = admin.save(at_site(example("warehouse-lifting"), "Leeds")).record_id
    bristol = admin.save(at_site(example("maintenance-vibration"), "Bristol")).record_id
    return store, acts, {"Leeds": leeds, "Bristol": bristol}


def test_actions_from_recommendations_keep_what_the_method_predicted(org):
    store, acts, rec = org
    a = store.get(rec["Leeds"]).assessment
    recs = score_assessment(a).recommendations
    ids = acts["ann"].from_recommendations(rec["Leeds"], owner="Site manager")
    assert len(ids) == len(recs) > 0
    table = acts["ann"].list(record_id=rec["Leeds"])
    assert sorted(table["rec_id"]) == sorted(r.id for r in recs)
    assert set(table["status"]) == {"open"} and set(table["owner"]) == {"Site manager"}
    # Asking again makes no duplicates.
    assert acts["ann"].from_recommendations(rec["Leeds"]) == []
    quantified = [r for r in recs if r.changes]
    assert quantified, "the warehouse example has quantified lifting fixes"
    for r in quantified:
        action = next(acts["ann"].get(i) for i in ids if acts["ann"].get(i)["rec_id"] == r.id)
        assert (action["factor"], action["control"]) == (r.factor, r.control)
        assert action["predicted_effect"] == r.effect
        # Predicted = the assessment re-scored with the change applied.
        follow = acts["ann"].followup_assessment(action["id"], today=TODAY)
        after = next(f for f in score_assessment(follow).factors if f.factor == r.factor)
        assert after.headline.value == pytest.approx(action["predicted_after"], rel=1e-9)
        assert action["predicted_before"] == pytest.approx(r.native_before)


def test_one_chosen_recommendation_and_a_hand_written_action(org):
    _store, acts, rec = org
    recs = score_assessment(_store.get(rec["Leeds"]).assessment).recommendations
    (one,) = acts["ann"].from_recommendations(rec["Leeds"], [recs[0].id])
    assert acts["ann"].get(one)["rec_id"] == recs[0].id
    own = acts["ann"].create(rec["Leeds"], "Re-stack the pallet at waist height", owner="Jo")
    got = acts["ann"].get(own)
    assert (got["rec_id"], got["factor"], got["status"]) == (None, None, "open")
    with pytest.raises(ActionError, match="LIFT-NOPE"):
        acts["ann"].from_recommendations(rec["Leeds"], ["LIFT-NOPE"])
    with pytest.raises(ActionError, match="Description is empty"):
        acts["ann"].create(rec["Leeds"], "  ")


def test_status_machine_and_history(org):
    _store, acts, rec = org
    a = acts["ann"]
    i = a.create(rec["Leeds"], "Add a lift table", owner="Jo")
    with pytest.raises(ActionError, match="open -> verified is not allowed"):
        a.set_status(i, "verified")
    with pytest.raises(ActionError, match="Won't do needs a reason"):
        a.set_status(i, "wont_do")
    a.set_status(i, "in_progress")
    a.set_status(i, "done")
    with pytest.raises(ActionError, match="follow-up assessment"):
        a.set_status(i, "verified")  # no follow-up saved, no reason given
    a.set_status(i, "verified", reason="Checked on site with the supervisor")
    with pytest.raises(ActionError, match="none \\(final\\)"):
        a.set_status(i, "open")
    with pytest.raises(ActionError, match="must be one of"):
        a.set_status(i, "closed")
    hist = a.history(i)
    assert list(hist["field"]) == ["created", "status", "status", "status", "reason"]
    assert list(hist["new"])[1:4] == ["in_progress", "done", "verified"]
    assert set(hist["actor"]) == {"ann@example.org"}
    a2 = a.create(rec["Leeds"], "Rotate the job")
    a.set_status(a2, "wont_do", reason="Only one trained picker")
    assert a.get(a2)["reason"] == "Only one trained picker"
    a.update(a2, owner="Kim", notes="ask again in spring")
    assert list(a.history(a2)["field"])[-2:] == ["owner", "notes"]


def test_every_action_write_leaves_an_audit_row_with_the_person(org):
    store, acts, rec = org
    before = len(audit.events(store.engine, action="action"))
    i = acts["ann"].create(rec["Leeds"], "Add a lift table")
    acts["ann"].set_status(i, "in_progress")
    acts["ann"].update(i, owner="Jo")
    ev = audit.events(store.engine, action="action")
    assert len(ev) == before + 3
    assert set(ev["actor"].head(3)) == {"ann@example.org"}
    assert set(ev["record_id"].head(3)) == {rec["Leeds"]}


def test_overdue_is_computed_from_dates_not_stored(org):
    _store, acts, rec = org
    a = acts["ann"]
    late = a.create(rec["Leeds"], "Late one", due_date=TODAY - dt.timedelta(days=1))
    soon = a.create(rec["Leeds"], "Soon one", due_date=TODAY + dt.timedelta(days=10))
    later = a.create(rec["Leeds"], "Later one", due_date=TODAY + dt.timedelta(days=60))
    done_late = a.create(rec["Leeds"], "Done late", due_date=TODAY - dt.timedelta(days=5))
    a.set_status(done_late, "done")
    table = a.list(today=TODAY)
    overdue = dict(zip(table["action_id"], table["overdue"], strict=True))
    assert overdue == {late: True, soon: False, later: False, done_late: False}
    assert list(a.list(overdue=True, today=TODAY)["action_id"]) == [late]
    assert list(a.list(due_within_days=30, today=TODAY)["action_id"]) == [soon]
    # The same action is not overdue the day before its due date.
    assert (
        not a.list(today=TODAY - dt.timedelta(days=2)).set_index("action_id").loc[late, "overdue"]
    )


def test_follow_up_shows_measured_beside_predicted_and_verifies(org):
    store, acts, rec = org
    a = acts["ann"]
    recs = score_assessment(store.get(rec["Leeds"]).assessment).recommendations
    load = next(r for r in recs if r.id == "LIFT-LOAD")
    (i,) = a.from_recommendations(rec["Leeds"], [load.id])
    a.set_status(i, "done")
    assert a.effect(i)["measured_after"] is None  # no follow-up yet
    follow = a.followup_assessment(i, today=TODAY)
    # The officer measures a load a little above the prediction's and saves the follow-up.
    k = next(c[1] for c in a.get(i)["changes"] if c[2] == "load_kg")
    tasks = [t.model_copy() for t in follow.lifting.tasks]
    tasks[k] = tasks[k].model_copy(update={"load_kg": tasks[k].load_kg + 0.5})
    follow = follow.model_copy(
        update={"lifting": follow.lifting.model_copy(update={"tasks": tasks})}
    )
    ref = ScopedStore(store, a.principal).save(follow, record_id=rec["Leeds"])
    e = a.effect(i)
    assert e["followup_revision"] == ref.revision == 2
    measured = next(f for f in score_assessment(follow).factors if f.factor == "lifting")
    assert e["measured_after"]["native"] == pytest.approx(measured.headline.value, rel=1e-6)
    assert e["measured_before"]["native"] == pytest.approx(load.native_before, rel=1e-6)
    assert e["predicted_after"] == pytest.approx(load.native_after)
    assert e["measured_after"]["native"] > e["predicted_after"]  # the heavier load shows
    a.set_status(i, "verified")  # the follow-up is enough: no reason needed
    got = a.get(i)
    assert got["status"] == "verified" and got["followup_revision"] == 2
    # Actions belong to the record: still listed after the new revision.
    assert i in set(a.list(record_id=rec["Leeds"])["action_id"])


def test_roles_and_sites(org):
    _store, acts, rec = org
    i = acts["ann"].create(rec["Leeds"], "Add a lift table")
    assert set(acts["meg"].list()["action_id"]) == {i}  # the Leeds manager reads
    with pytest.raises(AccessDenied):
        acts["meg"].create(rec["Leeds"], "Managers are read-only")
    with pytest.raises(AccessDenied):
        acts["meg"].set_status(i, "done")
    with pytest.raises(AccessDenied):
        acts["eve"].list()
    assert acts["bob"].list().empty  # Bristol's officer sees no Leeds action
    with pytest.raises(AccessDenied):
        acts["bob"].set_status(i, "done")
    with pytest.raises(AccessDenied):
        acts["bob"].create(rec["Leeds"], "Not my site")
    assert set(acts["admin"].list()["action_id"]) == {i}


def _frame(rows):
    return pd.DataFrame(
        rows, columns=["date", "assessment_type", "overall_band", "symptoms", "verified_at"]
    )


def test_next_review_dates_follow_the_rules():
    policy = ReviewPolicy()  # 365 / 365 / 182 / 91 / 30 / 182 days
    d = dt.date(2026, 1, 10)
    df = _frame(
        [
            (d, "audit", 0, False, None),  # low audit: a year
            (d, "self", 1, False, None),  # moderate self-check: a year
            (d, "audit", HIGH, False, None),  # high: six months
            (d, "audit", HIGH + 1, False, None),  # very high: three months
            (d, "self", 0, True, None),  # shared symptoms: a month
            (d, "audit", 0, False, pd.Timestamp("2026-03-01", tz="UTC")),  # verified
        ]
    )
    dates, rules = next_reviews(df, policy)
    assert list(dates) == [
        d + dt.timedelta(days=365),
        d + dt.timedelta(days=365),
        d + dt.timedelta(days=182),
        d + dt.timedelta(days=91),
        d + dt.timedelta(days=30),
        dt.date(2026, 3, 1) + dt.timedelta(days=182),
    ]
    assert list(rules) == [
        "interval",
        "interval",
        "high result",
        "very high result",
        "symptoms reported",
        "action verified",
    ]


def test_review_policy_is_configurable_and_checked():
    assert ReviewPolicy.from_env("audit=200, high=30").audit == 200
    with pytest.raises(ValueError, match="must be one of"):
        ReviewPolicy.from_env("weekly=7")
    with pytest.raises(ValueError, match="must be 1-3650 days"):
        ReviewPolicy.from_env("audit=0")


def test_reviews_list_in_scope(org):
    _store, acts, rec = org
    table = acts["ann"].reviews(today=TODAY)
    assert list(table["record_id"]) == [rec["Leeds"]]
    row = table.iloc[0]
    # The warehouse example (2026-11-03) is high or above: reviewed sooner than a year.
    assert row["rule"] in ("high result", "very high result")
    assert acts["ann"].reviews(within_days=0, today=TODAY).empty
    assert len(acts["admin"].reviews(within_days=400, today=TODAY)) == 2


def test_dashboard_figures_against_hand_counts(org):
    store, acts, rec = org
    a, b = acts["ann"], acts["bob"]
    recs = score_assessment(store.get(rec["Leeds"]).assessment).recommendations
    load = next(r for r in recs if r.id == "LIFT-LOAD")
    (v,) = a.from_recommendations(rec["Leeds"], [load.id])
    a.create(rec["Leeds"], "Late", due_date=TODAY - dt.timedelta(days=3))
    a.create(rec["Leeds"], "Open")
    w = a.create(rec["Leeds"], "No")
    a.set_status(w, "wont_do", reason="not possible")
    b.create(rec["Bristol"], "Bristol one")
    # Verify the load action with a follow-up at the predicted load.
    a.set_status(v, "done")
    follow = a.followup_assessment(v, today=TODAY)
    ScopedStore(store, a.principal).save(follow, record_id=rec["Leeds"])
    a.set_status(v, "verified")
    base = store.get(rec["Leeds"], revision=1).results["factors"]["lifting"]
    latest = store.get(rec["Leeds"]).results["factors"]["lifting"]
    fig = acts["admin"].figures(today=TODAY)
    assert fig["counts"] == {
        "open": 3,
        "in_progress": 0,
        "done": 0,
        "verified": 1,
        "wont_do": 1,
        "overdue": 1,
        "total": 5,
    }
    assert fig["closure_rate"] == pytest.approx(2 / 5)
    by = fig["by_factor"].set_index("factor")
    assert list(by.index) == ["lifting"]
    assert by.loc["lifting", "records"] == 1
    assert by.loc["lifting", "index_change"] == pytest.approx(latest["index"] - base["index"])
    # The whole record leaves high only when its overall band drops below high.
    overall_before = store.get(rec["Leeds"], revision=1).results["overall_band"]
    overall_after = store.get(rec["Leeds"]).results["overall_band"]
    assert fig["left_high"] == int(overall_before >= HIGH and overall_after < HIGH)
    month = dt.datetime.now(dt.UTC).strftime("%Y-%m")
    trend = fig["trend"]
    assert list(trend["month"]) == [month]
    assert trend["index_removed"].iloc[0] == pytest.approx(
        max(0.0, base["index"] - latest["index"])
    )
    # Scoped: Leeds' officer sees the Leeds actions only.
    assert acts["ann"].figures(today=TODAY)["counts"]["total"] == 4
    assert acts["ann"].figures(Filters(sites=("Bristol",)), today=TODAY)["counts"]["total"] == 0
    assert not math.isnan(fig["by_factor"]["index_before"].iloc[0])
    json.dumps(fig["counts"])  # plain numbers, ready for the page and the PDF


def test_cli_lists_equal_the_page_lists(org, store_url, capsys):
    import cli

    _store, acts, rec = org
    a = acts["ann"]
    late = a.create(rec["Leeds"], "Late, =1+1", due_date=dt.date.today() - dt.timedelta(days=2))
    a.create(rec["Leeds"], "Later", due_date=dt.date.today() + dt.timedelta(days=90))
    a.create(rec["Leeds"], "No date")
    assert cli.main(["actions", "list", "--overdue", "--format", "json", "--url", store_url]) == 0
    got = json.loads(capsys.readouterr().out)
    assert [r["action_id"] for r in got] == [late]
    assert cli.main(["actions", "list", "--site", "Leeds", "--url", store_url]) == 0
    out = capsys.readouterr().out
    page = acts["admin"].list(filters=Filters(sites=("Leeds",)))
    assert len(out.strip().splitlines()) == len(page) + 1
    assert "'=1+1" not in out and "Late, =1+1" in out  # text after a comma is not a formula
    assert cli.main(["actions", "list", "--status", "open", "--url", store_url]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 1 + 3
    assert cli.main(["due", "--within", "400", "--format", "json", "--url", store_url]) == 0
    due = json.loads(capsys.readouterr().out)
    assert {r["record_id"] for r in due} == set(acts["admin"].reviews(within_days=400)["record_id"])
    assert cli.main(["due", "--within", "-1", "--url", store_url]) == cli.EXIT_INVALID
    assert "--within == -1" in capsys.readouterr().err


def test_purge_erases_the_records_actions_and_logs_how_many(org):
    store, acts, rec = org
    i = acts["ann"].create(rec["Leeds"], "Add a lift table", notes="ask Jo Bloggs")
    acts["ann"].set_status(i, "in_progress")
    admin = acts["admin"].scoped
    admin.purge(rec["Leeds"], "erasure request 42")
    assert acts["admin"].list().empty or rec["Leeds"] not in set(acts["admin"].list()["record_id"])
    with store.engine.connect() as conn:
        left = conn.execute(sa.text("SELECT COUNT(*) FROM action_event")).scalar()
    assert left == 0
    ev = audit.events(store.engine, action="purge")
    assert ev["detail"].iloc[0]["actions"] == 1


def test_item_05_compare_pdf_lists_the_actions_verified_between_the_two(org):
    import io as _io

    from pypdf import PdfReader

    from reports.compare import compare_pdf

    store, acts, rec = org
    a = acts["ann"]
    saver = ScopedStore(store, a.principal)
    recs = score_assessment(store.get(rec["Leeds"]).assessment).recommendations
    load = next(r for r in recs if r.id == "LIFT-LOAD")
    (v,) = a.from_recommendations(rec["Leeds"], [load.id], owner="Jo Bloggs")
    by_reason = a.create(rec["Leeds"], "Re-stack the pallet at waist height")
    still_open = a.create(rec["Leeds"], "Rotate the job")
    a.set_status(v, "done")
    follow = a.followup_assessment(v, today=TODAY)
    r2 = saver.save(follow, record_id=rec["Leeds"])  # revision 2: the follow-up
    a.set_status(v, "verified")
    r3 = saver.save(follow, record_id=rec["Leeds"])  # revision 3: nothing new verified
    a.set_status(by_reason, "done")
    a.set_status(by_reason, "verified", reason="Checked on site with the supervisor")
    r1 = store.get(rec["Leeds"], revision=1).ref

    items = a.verified_between(r1, r2)
    assert [i["action_id"] for i in items] == [v]
    item = items[0]
    measured = next(f for f in score_assessment(follow).factors if f.factor == "lifting")
    assert item["measured_after"] == pytest.approx(measured.headline.value, rel=1e-6)
    assert item["measured_before"] == pytest.approx(load.native_before, rel=1e-6)
    assert item["predicted_after"] == pytest.approx(load.native_after)
    assert (item["baseline_revision"], item["followup_revision"]) == (1, 2)
    # Revisions 2 -> 3: the follow-up itself is the "before", so nothing is listed; the
    # action verified by a reason after revision 3 falls after both.
    assert a.verified_between(r2, r3) == []
    assert [i["action_id"] for i in a.verified_between(r1, r3)] == [v]
    assert still_open not in {i["action_id"] for i in a.verified_between(r1, r3)}
    # Verified with a reason and no follow-up: counted by when it was verified.
    r4 = saver.save(follow, record_id=rec["Leeds"])
    (reasoned,) = a.verified_between(r3, r4)
    assert reasoned["action_id"] == by_reason and reasoned["measured_after"] is None
    # Outside the officer's sites: refused.
    with pytest.raises(AccessDenied):
        acts["bob"].verified_between(r1, r2)

    before, after = store.get(rec["Leeds"], 1).assessment, follow
    pdf = compare_pdf(
        before,
        score_assessment(before),
        after,
        score_assessment(after),
        generated=TODAY,
        invariant=True,
        verified=[*items, reasoned],
    )
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(_io.BytesIO(pdf)).pages)
    assert "Actions verified between the two" in text
    assert "Jo Bloggs" in text
    # Predicted and measured in the method's own terms: the CLI before -> after.
    assert f"CLI {load.native_before:.2f} → {load.native_after:.2f}" in text
    assert f"CLI {load.native_before:.2f} → {measured.headline.value:.2f}" in text
    assert "(revision 1 → 2)" in text
    assert "no follow-up; Checked on site with the supervisor" in text
    empty = compare_pdf(
        before, score_assessment(before), after, score_assessment(after), invariant=True
    )
    words = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(_io.BytesIO(empty)).pages
    )
    assert "No corrective action was verified between these two." in words


def test_reviews_due_within_days_equal_the_full_list_cut_at_the_date(org):
    # The database pre-filters by date; the records it keeps must be exactly the ones
    # whose next review (computed from the rules) falls by today + days.
    _store, acts, rec = org
    a = acts["ann"]
    i = a.create(rec["Leeds"], "Add a lift table")
    a.set_status(i, "done")
    a.set_status(i, "verified", reason="Checked on site")
    full = acts["admin"].reviews(today=TODAY)
    ahead = sorted({(d - TODAY).days for d in full["next_review"]})
    for days in sorted({0, *ahead, *(x - 1 for x in ahead), *(x + 1 for x in ahead)}):
        if days < 0:
            continue
        cut = full[full["next_review"] <= TODAY + dt.timedelta(days=days)]
        got = acts["admin"].reviews(within_days=days, today=TODAY)
        assert list(got["record_id"]) == list(cut["record_id"]), days
        assert list(got["rule"]) == list(cut["rule"]), days
