"""AppTest: sites and departments as lists (issue 9 point 11) and dashboard rows (point 10).

The pages run alone on a fresh database on both backends (``page_store``). Typing a
new site into the form's picker is the browser journey's part
(tests/e2e/test_org_lists_journey.py): AppTest cannot type a new option.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessments import audit, names
from assessments import model as m
from assessments.store import Filters
from tests.ui.saved import page_store  # noqa: F401 (the fixture)
from views import form, services, state

VIEWS = Path(__file__).resolve().parents[2] / "views"


def desk(site: str, worker: str, seated_h: float = 9) -> m.Assessment:
    return m.Assessment(
        header=m.Header(
            site=site, department="Claims", worker_ref=worker, date=dt.date(2026, 3, 1)
        ),
        sitting=m.Sitting(seated_h_per_day=seated_h, longest_bout_min=20),
    )


def run(page: str) -> AppTest:
    at = AppTest.from_file(str(VIEWS / page), default_timeout=60).run()
    assert not at.exception, at.exception
    return at


# --------------------------------------------------------------------- the form


def test_item_11_form_offers_the_listed_sites_and_departments(page_store):  # noqa: F811
    page_store.save(desk("Daventry", "W1"))
    page_store.save(desk("Leeds", "W2"))
    at = run("new_assessment.py")
    site = at.selectbox(key=form.widget_key("header", "site"))
    assert site.label == "Site" and site.options == ["Daventry", "Leeds"]
    assert at.selectbox(key=form.widget_key("header", "department")).options == ["Claims"]
    site.select("Daventry").run()
    assert not at.exception
    assert not [i for i in at.info if "New site" in i.value]
    assert at.session_state[state.FORM_VALUES][form.widget_key("header", "site")] == "Daventry"


def test_item_11_an_opened_record_keeps_an_unlisted_site_and_is_warned(page_store):  # noqa: F811
    """A file's site that is not listed stays in the form (nothing lost), said to be new."""
    page_store.save(desk("Daventry", "W1"))
    at = AppTest.from_file(str(VIEWS / "new_assessment.py"), default_timeout=60)
    doc = services.io.dump_json(desk("daventry dc", "W9"))
    values, rows, _problems, _system = form.load_document(doc, "metric")
    # What the JSON uploader's callback does (services.show_in_form): AppTest cannot upload.
    for key, value in values.items():
        at.session_state[key] = value
    at.session_state[state.FORM_VALUES] = values
    at.session_state[state.FORM_ROWS] = rows
    at.run()
    assert not at.exception
    site = at.selectbox(key=form.widget_key("header", "site"))
    assert site.value == "daventry dc" and site.options == ["Daventry", "daventry dc"]
    assert any(
        "New site: “daventry dc” is added to the organisation's list" in i.value for i in at.info
    )
    assert any("existing site “Daventry”" in w.value for w in at.warning)


def test_item_11_an_employee_picks_and_is_told_who_adds_names():
    notes = form.name_notes("site", "Hull", ["Leeds"], may_add=False)
    assert notes == [
        "Site “Hull” is not on the organisation's list: pick one of the listed sites "
        "(an officer or administrator adds new ones)."
    ]
    assert form.name_notes("site", "Leeds", ["Leeds"], may_add=False) == []


# -------------------------------------------------------------------- the admin page


def test_item_11_admin_merges_a_site_and_the_audit_trail_keeps_it(page_store):  # noqa: F811
    page_store.save(desk("Daventry", "W1"))
    rid = page_store.save(desk("Daventry DC", "W2")).record_id
    page_store.save(desk("Daventry DC", "W2", 5), record_id=rid)
    at = run("admin.py")
    at.selectbox(key=state.ADMIN_RENAME_OLD).select("Daventry DC")
    at.text_input(key=state.ADMIN_RENAME_NEW).input("Daventry")
    at.button(key="FormSubmitter:admin.rename-Rename or merge").click().run()
    assert at.error[0].value.startswith("Site “Daventry” is already listed: tick “merge”")
    assert page_store.names("site") == ["Daventry", "Daventry DC"]  # nothing changed yet
    at.checkbox(key=state.ADMIN_MERGE_OK).check()
    at.button(key="FormSubmitter:admin.rename-Rename or merge").click().run()
    assert not at.exception
    assert at.success[0].value == (
        "Site “Daventry DC” merged into “Daventry”: 2 revision(s) of 1 record(s) changed; "
        "kept in the audit trail."
    )
    assert page_store.names("site") == ["Daventry"]
    assert page_store.count(Filters(sites=("Daventry",))) == 2
    assert [r.revision for r in page_store.revisions(rid)] == [1, 2]
    ev = audit.events(page_store.engine, action="list_rename")
    assert ev["detail"].iloc[0]["old"] == "Daventry DC" and ev["detail"].iloc[0]["merged"]


def test_item_11_admin_lists_departments_with_their_counts(page_store):  # noqa: F811
    page_store.save(desk("Leeds", "W1"))
    at = run("admin.py")
    at.radio(key=state.ADMIN_LIST_KIND).set_value("department").run()
    table = at.dataframe[1].value
    assert table.to_dict("records") == [{"Department": "Claims", "assessments": 1}]
    assert names.KIND_LABELS["department"] == "Department"


# ------------------------------------------------------- dashboard rows (point 10)


def test_item_10_dashboard_tables_offer_row_selection(page_store):  # noqa: F811
    for i, hours in enumerate((9, 9.5, 2)):
        page_store.save(desk("Leeds", f"W{i}", hours))
    at = run("dashboard.py")
    captions = [c.value for c in at.caption]
    assert "Select a row to list the assessments given that recommendation." in captions
    assert any(c.endswith("Select a row to open that assessment.") for c in captions)


def test_item_10_assessments_page_lists_exactly_what_a_dashboard_row_counted(page_store):  # noqa: F811
    for i, hours in enumerate((9, 9.5, 2)):
        page_store.save(desk("Leeds", f"W{i}", hours))
    page_store.save(desk("York", "W9", 9))
    top = page_store.top_recommendations(Filters(sites=("Leeds",)))
    rec_id, text, count = top["id"].iloc[0], top["text"].iloc[0], int(top["count"].iloc[0])
    # What selecting that row on the dashboard (filtered to Leeds) leaves for this page.
    at = AppTest.from_file(str(VIEWS / "assessments_page.py"), default_timeout=60)
    focus = Filters(sites=("Leeds",), recommendation=rec_id)
    at.session_state[state.LIST_FOCUS] = (focus, f"given “{text}”")
    at.run()
    assert not at.exception
    banner = at.markdown[0].value
    assert banner.startswith(f"**From the dashboard:** the {count:,} assessment(s) given")
    assert "(filters: site Leeds)" in banner
    table = at.dataframe[0].value
    assert len(table) == count and set(table["site"]) == {"Leeds"}
    assert not [w for w in at.multiselect if w.key == state.filter_key("assessments", "sites")]
    at.button(key=state.LIST_FOCUS_CLEAR).click().run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 4  # every assessment again, with the filter panel
    assert at.session_state[state.LIST_FOCUS] is None


def test_item_11_score_a_file_reports_names_not_on_the_lists(page_store, tmp_path):  # noqa: F811
    from tests.ui.test_score_file import run_page

    page_store.save(desk("Daventry", "W1"))
    data = b"site,department,sitting.seated_h_per_day\nDaventry,Claims,3\nDaventry DC,Claims,9\n"
    at = run_page(tmp_path, "file.csv", data)
    assert not at.exception
    assert any("not on the organisation's lists" in w.value for w in at.warning)
    report = at.dataframe[1].value
    assert report.to_dict("records") == [
        {
            "column": "Site",
            "value in the file": "Daventry DC",
            "rows (as the spreadsheet numbers them)": "3 (1 row)",
            "closest listed names": "Daventry",
        }
    ]
