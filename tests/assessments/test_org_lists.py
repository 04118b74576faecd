"""Sites and departments as lists the organisation keeps (issue 9 point 11), on both backends.

Every test runs on a fresh SQLite file and a fresh PostgreSQL schema (``store`` /
``store_url`` in tests/conftest.py); nothing is mocked.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from assessments import access, audit, names
from assessments import model as m
from assessments.access import AccessDenied, Principal, ScopedStore
from assessments.store import Filters, Store, alembic_config, upgrade
from benchmarks.synthetic import synthetic_frame


def desk(site: str, department: str, worker: str, seated_h: float = 7) -> m.Assessment:
    """Return an assessment whose only factor is prolonged sitting."""
    return m.Assessment(
        header=m.Header(
            site=site, department=department, worker_ref=worker, date=dt.date(2026, 3, 1)
        ),
        sitting=m.Sitting(seated_h_per_day=seated_h, longest_bout_min=20),
    )


def downgrade(engine, revision: str) -> None:
    from alembic import command

    with engine.connect() as conn, conn.begin():
        command.downgrade(alembic_config(conn), revision)


# ------------------------------------------------------------ the stored lists


def test_item_11_migration_seeds_the_lists_from_every_stored_name(store_url):
    s = Store(store_url)
    ref = s.save(desk("Daventry", "Goods in", "W1"))
    s.save(desk("Daventry DC", "Goods in", "W1"), record_id=ref.record_id)  # an older revision
    s.save(desk("Leeds", "", "W2"))
    archived = s.save(desk("York", "Claims", "W3"))
    ScopedStore(s, access.local_principal()).delete(archived.record_id)
    access.set_user(s.engine, "o@example.org", "officer", ("Hull",), by="admin@example.org")
    before = pd.read_sql(sa.text("SELECT * FROM assessment ORDER BY id"), s.engine)
    downgrade(s.engine, "0008")
    assert "org_name" not in sa.inspect(s.engine).get_table_names()
    upgrade(s.engine)
    # Every name a revision carries (latest or not, archived or not) and every role's site.
    assert s.names("site") == ["Daventry", "Daventry DC", "Hull", "Leeds", "York"]
    assert s.names("department") == ["Claims", "Goods in"]
    after = pd.read_sql(sa.text("SELECT * FROM assessment ORDER BY id"), s.engine)
    pd.testing.assert_frame_equal(before, after)  # nothing saved changed
    s.close()


def test_item_11_saving_or_importing_puts_new_names_on_the_list(store):
    store.save(desk("Leeds", "Claims", "W1"), saved_by="o@example.org")
    df = synthetic_frame(4, seed=3)
    df["site"] = ["Hull", "Hull", "Leeds", "York"]
    df["department"] = ["Stores", "", "Claims", "Stores"]
    assert store.import_frame(df, saved_by="o@example.org").saved == 4
    assert store.names("site") == ["Hull", "Leeds", "York"]
    assert store.names("department") == ["Claims", "Stores"]
    added = audit.events(store.engine, action="list_add", limit=None)
    assert sorted(d["name"] for d in added["detail"]) == [
        "Claims",
        "Hull",
        "Leeds",
        "Stores",
        "York",
    ]


def test_item_11_add_name_cleans_spaces_and_says_whether_it_was_new(store):
    assert store.add_name("site", "  Daventry   DC ", by="a@example.org") == ("Daventry DC", True)
    assert store.add_name("site", "Daventry DC", by="a@example.org") == ("Daventry DC", False)
    with pytest.raises(ValueError, match="Site is blank"):
        store.add_name("site", "   ")
    with pytest.raises(ValueError, match=r"Department == .*must be at most 200 characters"):
        store.add_name("department", "x" * 201)
    with pytest.raises(ValueError, match="must be one of: site, department"):
        store.names("region")


# ------------------------------------------------------------ rename and merge


def test_item_11_rename_a_site_keeps_every_revision_and_is_audited(store):
    ref = store.save(desk("Daventry DC", "Goods in", "W1", 7))
    store.save(desk("Daventry DC", "Goods in", "W1", 9), record_id=ref.record_id)
    other = store.save(desk("Leeds", "Claims", "W2"))
    access.set_user(store.engine, "o@example.org", "officer", ("Daventry DC",), by="a@x.org")
    report = store.rename_name("site", "Daventry DC", "Daventry Park", by="a@example.org")
    assert (report.merged, report.revisions, report.records) == (False, 2, 1)
    assert [r.revision for r in store.revisions(ref.record_id)] == [1, 2]
    for rev, hours in ((1, 7), (2, 9)):
        got = store.get(ref.record_id, rev).assessment
        assert got.header.site == "Daventry Park"
        assert got.sitting.seated_h_per_day == hours  # the rest of each revision as saved
    assert store.get(other.record_id).assessment.header.site == "Leeds"
    assert store.names("site") == ["Daventry Park", "Leeds"]
    assert store.count(Filters(sites=("Daventry Park",))) == 1
    assert access.principal_for(store.engine, "o@example.org").sites == ("Daventry Park",)
    event = audit.events(store.engine, action="list_rename").iloc[0]
    assert event["actor"] == "a@example.org"
    assert event["detail"] == {
        "kind": "site",
        "old": "Daventry DC",
        "new": "Daventry Park",
        "merged": False,
        "revisions": 2,
        "records": 1,
    }


def test_item_11_merge_a_site_into_an_existing_one_joins_the_dashboard_counts(store):
    store.save(desk("Daventry", "Goods in", "W1"))
    df = synthetic_frame(3, seed=8)
    df["site"] = "Daventry DC"  # imported: stored in the flat layout
    store.import_frame(df)
    assert store.count(Filters(sites=("Daventry",))) == 1
    report = store.rename_name("site", "Daventry DC", "Daventry", by="a@example.org")
    assert report.merged and report.records == 3
    assert store.count(Filters(sites=("Daventry",))) == 4
    assert store.names("site") == ["Daventry"]
    found = store.search(Filters(sites=("Daventry",)))
    for rid in found["record_id"]:
        assert store.get(rid).assessment.header.site == "Daventry"
    assert store.name_counts("site").to_dict("records") == [{"name": "Daventry", "records": 4}]


def test_item_11_rename_refuses_unknown_blank_or_same_names(store):
    store.save(desk("Leeds", "", "W1"))
    with pytest.raises(KeyError, match="Site == 'Hull' is not on the list"):
        store.rename_name("site", "Hull", "York", by="a@example.org")
    with pytest.raises(ValueError, match="New site name is blank"):
        store.rename_name("site", "Leeds", "  ", by="a@example.org")
    with pytest.raises(ValueError, match="already has that name"):
        store.rename_name("site", "Leeds", "Leeds ", by="a@example.org")


# ----------------------------------------------------------------- scoping


def test_item_11_lists_follow_the_person_s_sites(store):
    for site in ("Hull", "Leeds", "York"):
        store.save(desk(site, "Stores", f"W-{site}"))
    officer = ScopedStore(store, Principal("o@example.org", "officer", ("Leeds", "York")))
    everywhere = ScopedStore(store, Principal("u@example.org", "officer", None))
    employee = ScopedStore(store, Principal("e@example.org", "employee", ("Hull",)))
    admin = ScopedStore(store, Principal("a@example.org", "admin"))
    assert officer.site_list() == ["Leeds", "York"]
    assert everywhere.site_list() == ["Hull", "Leeds", "York"]
    assert employee.site_list() == ["Hull"]
    assert officer.department_list() == ["Stores"]
    # Adding: an officer for every site or an admin; an employee only picks.
    assert everywhere.may_add("site") and admin.may_add("site")
    assert not officer.may_add("site") and officer.may_add("department")
    assert not employee.may_add("site") and not employee.may_add("department")
    with pytest.raises(AccessDenied, match="may not add a site"):
        employee.add_name("site", "Goole")
    assert everywhere.add_name("site", "Goole") == ("Goole", True)
    # Rename and merge: administrators only.
    with pytest.raises(AccessDenied, match="may not rename or merge a site"):
        everywhere.rename_name("site", "Goole", "Hull")
    assert admin.rename_name("site", "Goole", "Hull").merged


# ------------------------------------------------------- dashboard row -> records


def test_item_10_recommendation_filter_finds_the_records_the_dashboard_counts(store):
    for i, hours in enumerate((9, 9, 2)):
        store.save(desk("Leeds", "Claims", f"W{i}", hours))
    top = store.top_recommendations()
    assert not top.empty
    for rec_id, count in zip(top["id"], top["count"], strict=True):
        f = Filters(recommendation=rec_id)
        assert store.count(f) == count
        for rid in store.search(f)["record_id"]:
            assert rec_id in store.get(rid).results["recommendations"]


# ------------------------------------------------------- names without a database


def test_item_11_close_names_catch_suffixes_case_and_space_variants():
    known = ["Daventry", "Leeds", "Northampton", "York"]
    assert names.close_names("Daventry DC", known) == ["Daventry"]
    assert names.close_names("daventry", known) == ["Daventry"]
    assert names.close_names("  DAVENTRY ", known) == ["Daventry"]
    assert names.close_names("Northamptn", known) == ["Northampton"]
    assert names.close_names("Coventry", known) == []
    assert names.close_names("Hull", known) == []
    msg = names.warning("site", "daventry", known)
    assert msg.startswith("Site “daventry” is the same name written differently to the existing")
    assert "“Daventry”" in names.warning("site", "Daventry DC", known)
    assert names.warning("site", "Hull", known) is None


def test_item_11_unknown_names_are_numbered_as_the_spreadsheet_numbers_rows():
    df = pd.DataFrame(
        {"site": ["Leeds", "Daventry DC", None, "Daventry DC "], "department": ["A", "", "B", "A"]}
    )
    found = names.unknown_names(df, {"site": {"Leeds"}, "department": {"A"}}, first_row=2)
    # A trailing space would be stored as typed: it is reported, not folded in quietly.
    assert found == {
        ("site", "Daventry DC"): [3],
        ("site", "Daventry DC "): [5],
        ("department", "B"): [4],
    }
    mapping = {("site", "Daventry DC"): "Leeds", ("site", "Daventry DC "): "Leeds"}
    mapped = names.apply_mapping(df, mapping)
    assert mapped["site"].tolist()[::3] == ["Leeds", "Leeds"] and mapped["site"].iloc[1] == "Leeds"
    assert pd.isna(mapped["site"].iloc[2])  # a blank cell stays blank
    assert df["site"].iloc[1] == "Daventry DC"  # the file's own frame is not changed
    assert names.rows_text([3, 5, 9, 11, 12, 20, 31]) == "3, 5, 9, 11, 12 and 2 more (7 rows)"
    assert names.rows_label([3]) == "row 3"
    assert names.rows_label([3, 5, 9, 11, 12, 20, 31]) == "rows 3, 5, 9, 11, 12 and 2 more"


def test_item_11_an_import_mapped_by_the_person_saves_the_chosen_names(store):
    from assessments.tables import Table

    store.save(desk("Daventry", "Goods in", "W0"))
    df = synthetic_frame(4, seed=2)
    df["site"] = ["Daventry", "Daventry DC", "daventry", "Hull"]
    table = Table(df.to_csv(index=False).encode(), "file.csv")
    known = {k: set(store.names(k)) for k in names.KINDS}
    found = names.scan_table(table, known)
    assert {k: v for k, v in found.items() if k[0] == "site"} == {
        ("site", "Daventry DC"): [3],
        ("site", "daventry"): [4],
        ("site", "Hull"): [5],
    }
    mapping = {("site", "Daventry DC"): "Daventry", ("site", "daventry"): "Daventry"}
    officer = ScopedStore(store, Principal("o@example.org", "officer", None))
    assert officer.import_table(names.MappedTable(table, mapping)).saved == 4
    assert store.count(Filters(sites=("Daventry",))) == 4
    assert store.names("site") == ["Daventry", "Hull"]  # Hull was left to be added
