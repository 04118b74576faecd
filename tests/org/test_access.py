"""The scoped store as each role, on SQLite and PostgreSQL: what it may read, change, delete.

Every test runs on a fresh database on both backends (``store`` in tests/conftest.py);
nothing is mocked. The people are stored the way ``python -m cli users add`` stores them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from assessments import access, audit
from assessments import io as aio
from assessments import model as m
from assessments.access import AccessDenied, Principal, ScopedStore
from assessments.store import Filters

ADMIN = "admin@example.org"


def desk(site: str, worker: str, seated_h: float = 2.0, *, kind: str = "audit") -> m.Assessment:
    """Return an assessment whose one factor is sitting (9 h/day: very high; 2 h: low)."""
    return m.Assessment(
        header=m.Header(
            site=site,
            department="Claims",
            date=dt.date(2026, 11, 2),
            worker_ref=worker,
            job_title="Clerk",
            assessment_type=kind,
        ),
        sitting=m.Sitting(seated_h_per_day=seated_h, longest_bout_min=20),
    )


@pytest.fixture
def org(store):
    """Return (store, people): one person of each role, Leeds and Bristol records saved."""
    eng = store.engine
    access.set_user(eng, "ann.officer@example.org", "officer", ("Leeds",), by=ADMIN)
    access.set_user(eng, "bob.officer@example.org", "officer", ("Bristol",), by=ADMIN)
    access.set_user(eng, "meg.manager@example.org", "manager", ("Leeds",), by=ADMIN)
    access.set_user(eng, "eve@example.org", "employee", ("Leeds",), by=ADMIN)
    access.set_user(eng, ADMIN, "admin", by=ADMIN)
    people = {
        e.split("@")[0].split(".")[0]: access.principal_for(eng, e)
        for e in (
            "ann.officer@example.org",
            "bob.officer@example.org",
            "meg.manager@example.org",
            "eve@example.org",
            ADMIN,
        )
    }
    people["someone"] = access.principal_for(eng, "someone@example.org")
    admin = ScopedStore(store, people["admin"])
    admin.save(desk("Leeds", "L1"))
    admin.save(desk("Bristol", "B1", 9.0))
    return store, people


def _scoped(org, who: str) -> ScopedStore:
    store, people = org
    return ScopedStore(store, people[who])


def _record(store, site: str) -> str:
    found = store.search(Filters(sites=(site,)))
    return found[found["assessment_type"] == "audit"]["record_id"].iloc[-1]  # the first saved


def _allowed(fn) -> bool:
    try:
        fn()
    except AccessDenied:
        return False
    return True


def test_unknown_sign_in_is_an_employee_never_more(org):
    _store, people = org
    p = people["someone"]
    assert (p.role, p.sites) == ("employee", ())
    assert not (p.can_read_records or p.can_change or p.can_review or p.is_admin)


def test_stored_roles_and_sites(org):
    _store, people = org
    assert people["ann"] == Principal("ann.officer@example.org", "officer", ("Leeds",))
    assert people["admin"].sites is None  # an admin sees every site
    assert people["eve"].sites == ("Leeds",)


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("admin", {"Leeds", "Bristol"}),
        ("ann", {"Leeds"}),
        ("bob", {"Bristol"}),
        ("meg", {"Leeds"}),
        ("eve", set()),
        ("someone", set()),
    ],
)
def test_each_role_reads_exactly_its_sites(org, who, sees):
    store, _ = org
    s = _scoped(org, who)
    assert set(s.search()["site"]) == sees
    assert s.count() == len(sees)
    assert set(s.sites()) == sees
    per_factor = s.band_counts().groupby("factor")["count"].sum()
    assert (per_factor == len(sees)).all()  # every factor counts each readable record once
    assert len(s.load_for_summary()) == len(sees)
    # Asking for another site's records by filter gives nothing, not that site.
    assert s.count(Filters(sites=("Leeds", "Bristol"))) == len(sees)
    for site in ("Leeds", "Bristol"):
        rid = _record(store, site)
        assert _allowed(lambda rid=rid: s.get(rid)) == (site in sees)
        assert _allowed(lambda rid=rid: s.revisions(rid)) == (site in sees)


# (read own site, save audit at own site, save at the other site, export, archive, restore,
#  purge, review queue, audit trail)
MATRIX = {
    "admin": (True, True, True, True, True, True, True, True, True),
    "ann": (True, True, False, True, True, False, False, True, False),
    "meg": (True, False, False, False, False, False, False, False, False),
    "eve": (False, False, False, False, False, False, False, False, False),
    "someone": (False, False, False, False, False, False, False, False, False),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_what_each_role_may_change_and_delete(org, who):
    store, _ = org
    s = _scoped(org, who)
    leeds, bristol = _record(store, "Leeds"), _record(store, "Bristol")
    got = (
        _allowed(lambda: s.get(leeds)),
        _allowed(lambda: s.save(desk("Leeds", "L2"))),
        _allowed(lambda: s.save(desk("Bristol", "B2"))),
        _allowed(lambda: s.export()),
        _allowed(lambda: s.delete(leeds)),
        _allowed(lambda: s.restore(leeds)),
        _allowed(lambda: s.purge(bristol, "erasure request 2026-11-30")),
        _allowed(lambda: s.review_queue()),
        _allowed(lambda: s.audit_events()),
    )
    assert got == MATRIX[who]


def test_an_officer_cannot_revise_or_import_for_another_site(org):
    store, _ = org
    ann = _scoped(org, "ann")
    bristol = _record(store, "Bristol")
    with pytest.raises(AccessDenied, match="change record"):
        ann.save(desk("Leeds", "B1"), record_id=bristol)  # moving it to Leeds is no way in
    with pytest.raises(AccessDenied, match=r"Site == 'Bristol': ann\.officer@example\.org may"):
        ann.import_frame(pd.DataFrame([aio.assessment_to_row(desk("Bristol", "X"))]))
    rows = pd.DataFrame([aio.assessment_to_row(desk("Leeds", f"X{i}")) for i in range(3)])
    assert ann.import_frame(rows).saved == 3
    assert store.count(Filters(sites=("Leeds",))) == 4


def test_delete_archives_and_only_an_admin_restores(org):
    store, _ = org
    ann, admin = _scoped(org, "ann"), _scoped(org, "admin")
    leeds = _record(store, "Leeds")
    admin.save(desk("Leeds", "L1", 7.0), record_id=leeds)  # revision 2
    assert ann.delete(leeds) == 2
    assert ann.count() == 0 and store.count() == 1  # gone from every list ...
    with pytest.raises(AccessDenied):
        ann.get(leeds)
    assert list(admin.archived()["record_id"]) == [leeds]  # ... but kept
    assert admin.get(leeds).ref.revision == 2
    assert admin.restore(leeds) == 2
    assert ann.count() == 1 and len(ann.revisions(leeds)) == 2


def test_purge_needs_a_reason_and_is_logged_without_the_data(org):
    store, _ = org
    admin = _scoped(org, "admin")
    bristol = _record(store, "Bristol")
    with pytest.raises(ValueError, match="reason is blank"):
        admin.purge(bristol, "  ")
    assert admin.purge(bristol, "erasure request from B1") == 1
    with pytest.raises(KeyError):
        store.get(bristol)
    ev = admin.audit_events(action="purge")
    assert ev["record_id"].tolist() == [bristol]
    assert ev["actor"].tolist() == [ADMIN]
    assert ev["detail"].iloc[0] == {
        "revisions": 1,
        "actions": 0,  # its corrective actions go with it (none here)
        "site": "Bristol",
        "reason": "erasure request from B1",
    }


def test_every_write_leaves_an_audit_row_with_the_person(org):
    store, _ = org
    ann, admin = _scoped(org, "ann"), _scoped(org, "admin")
    ref = ann.save(desk("Leeds", "L9"))
    ann.save(desk("Leeds", "L9", 7.0), record_id=ref.record_id)
    ann.import_frame(pd.DataFrame([aio.assessment_to_row(desk("Leeds", "X"))]))
    ann.export()
    ann.delete(ref.record_id)
    admin.restore(ref.record_id)
    access.remove_user(store.engine, "meg.manager@example.org", by=ADMIN)
    ev = admin.audit_events()
    mine = ev[ev["actor"] == "ann.officer@example.org"]
    assert mine["action"].tolist() == ["archive", "export", "import", "revision", "save"]
    assert ev["action"].iloc[:2].tolist() == ["user_remove", "restore"]
    roles = ev[ev["action"] == "role_change"]
    assert len(roles) == 5 and set(roles["actor"]) == {ADMIN}
    # Revisions record who saved them.
    with store.engine.connect() as conn:
        saved_by = conn.execute(
            sa.select(store_table().c.saved_by).where(store_table().c.record_id == ref.record_id)
        ).scalars()
        assert list(saved_by) == ["ann.officer@example.org"] * 2


def store_table():
    from assessments.store import assessment_table

    return assessment_table


def test_the_audit_table_refuses_update_and_delete(org):
    store, _ = org
    t = audit.audit_table
    for stmt in (t.update().values(actor="someone else"), t.delete()):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):  # noqa: SIM117
            with store.engine.begin() as conn:
                conn.execute(stmt)
    # 5 role changes, 2 saves and the 3 names those saves put on the lists, untouched
    assert len(audit.events(store.engine)) == 10


def test_self_check_is_the_employees_own_and_high_goes_to_their_sites_officer(org):
    store, _ = org
    eve, ann, bob = _scoped(org, "eve"), _scoped(org, "ann"), _scoped(org, "bob")
    symptoms = {"nmq_12_months": ["low back"], "signs": []}
    high = eve.save_self_check(desk("", "", 9.0), symptoms=symptoms, consent=False)
    eve.save_self_check(desk("", "", 2.0), symptoms=None, consent=False)
    mine = eve.my_checks()
    assert len(mine) == 2 and set(mine["site"]) == {"Leeds"}
    assert set(mine["owner_email"]) == {"eve@example.org"}
    assert mine["shared_symptoms"].isna().all()  # no consent: no symptom answers stored
    assert eve.get(high.record_id).assessment.header.assessment_type == "self"
    # An employee reads only their own: not the Leeds audit, not another's check.
    assert eve.count() == 2
    with pytest.raises(AccessDenied):
        eve.get(_record(store, "Leeds"))
    other = _scoped(org, "someone").save_self_check(desk("", "", 2.0), symptoms=None, consent=False)
    with pytest.raises(AccessDenied):
        eve.get(other.record_id)
    # Only the high one waits for review, and only at Leeds.
    queue = ann.review_queue()
    assert queue["record_id"].tolist() == [high.record_id]
    assert bob.review_queue().empty
    with pytest.raises(AccessDenied):
        bob.review(high.record_id, "not mine")
    ann.review(high.record_id, "Chair ordered; I will visit on Monday.")
    assert ann.review_queue().empty
    seen = eve.my_checks().set_index("record_id").loc[high.record_id]
    assert seen["review_status"] == "reviewed"
    assert seen["review_note"] == "Chair ordered; I will visit on Monday."
    assert seen["reviewed_by"] == "ann.officer@example.org"


def test_issue_13_a_self_check_with_chair_answers_keeps_them_and_a_high_one_is_queued(org):
    # The optional chair and screen questions of Check my desk arrive as the model's ROSA
    # section; a final score of 5 or more (high, Sonne et al. 2012 action level) is reviewed.
    eve, ann = _scoped(org, "eve"), _scoped(org, "ann")
    office = m.OfficeWorkstation(
        seat_height_score=3,
        seat_depth_score=2,
        armrest_score=2,
        back_support_score=2,
        chair_daily_h=8,
        monitor_score=3,
        monitor_glare=True,
        monitor_daily_h=8,
        telephone_score=1,
        telephone_daily_h=0.5,
        mouse_score=2,
        mouse_daily_h=8,
        keyboard_score=2,
        keyboard_daily_h=8,
    )
    check = desk("", "", 2.0).model_copy(update={"office_workstation": office})
    saved = eve.save_self_check(check, symptoms=None, consent=False)
    assert eve.get(saved.record_id).assessment.office_workstation == office
    assert ann.review_queue()["record_id"].tolist() == [saved.record_id]


def test_a_shared_red_flag_is_queued_even_when_the_desk_is_low(org):
    eve, ann = _scoped(org, "eve"), _scoped(org, "ann")
    flag = {"nmq_12_months": [], "signs": ["saddle_numbness"], "advice": (object(),)}
    unshared = eve.save_self_check(desk("", "", 2.0), symptoms=flag, consent=False)
    shared = eve.save_self_check(desk("", "", 2.0), symptoms=flag, consent=True)
    queue = ann.review_queue().set_index("record_id")
    assert list(queue.index) == [shared.record_id]
    # The answers are kept; advice derived from them is not stored.
    assert queue.loc[shared.record_id, "shared_symptoms"] == {
        "nmq_12_months": [],
        "signs": ["saddle_numbness"],
    }
    assert unshared.record_id not in queue.index


def test_users_list_and_remove(org):
    store, _ = org
    people = access.users(store.engine).set_index("email")
    assert people.loc["ann.officer@example.org", "sites"] == "Leeds"
    assert people.loc[ADMIN, "role"] == "admin"
    access.set_user(store.engine, "ann.officer@example.org", "officer", ("Leeds", "York"), by=ADMIN)
    assert access.principal_for(store.engine, "ANN.officer@example.org").sites == ("Leeds", "York")
    assert access.remove_user(store.engine, "ann.officer@example.org", by=ADMIN)
    assert not access.remove_user(store.engine, "ann.officer@example.org", by=ADMIN)
    assert access.principal_for(store.engine, "ann.officer@example.org").role == "employee"
    with pytest.raises(ValueError, match="role == 'boss', must be one of"):
        access.set_user(store.engine, "x@example.org", "boss", by=ADMIN)
    with pytest.raises(ValueError, match=r"must look like name@example\.org"):
        access.set_user(store.engine, "not an address", "officer", by=ADMIN)


def test_local_mode_is_one_person_with_every_right(store):
    p = access.local_principal()
    assert p.local and p.is_admin and p.sites is None
    s = ScopedStore(store, p)
    ref = s.save(desk("", "W1"))
    assert s.count() == 1 and s.get(ref.record_id).assessment.header.worker_ref == "W1"
