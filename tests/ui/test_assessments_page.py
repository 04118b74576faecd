"""AppTest: the Assessments page over a Store of saved assessments (SQLite in tmp_path)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessments.evaluate import score_assessment
from tests.ui.saved import page_store, saved  # noqa: F401 (fixtures)
from views import components, form, state

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "assessments_page.py"
RESULTS = ROOT / "views" / "results.py"


def run_page() -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert not at.exception
    return at


def listed(at: AppTest):
    return at.dataframe[0].value


def select(at: AppTest, store, record_id: str, filters=None) -> AppTest:
    """Select the table row of ``record_id`` (a click on its row) and rerun."""
    from assessments.store import Filters

    order = list(store.search(filters or Filters(), limit=500)["record_id"])
    at.session_state[state.LIST_TABLE] = {
        "selection": {"rows": [order.index(record_id)], "columns": [], "cells": []}
    }
    at.run()
    assert not at.exception
    return at


def test_empty_store_says_nothing_is_saved(page_store):  # noqa: F811
    at = run_page()
    assert at.title[0].value == "Assessments"
    assert "Nothing is saved yet" in at.info[0].value


def test_lists_every_record_newest_first_and_filters_by_site(saved):  # noqa: F811
    at = run_page()
    table = listed(at)
    assert len(table) == 5
    assert list(table["date"]) == sorted(table["date"], reverse=True)
    at.multiselect(key=state.filter_key("assessments", "sites")).set_value(["Daventry DC"]).run()
    table = listed(at)
    assert list(table["worker"]) == ["JOB-PICK-02"] and list(table["site"]) == ["Daventry DC"]
    assert "1 assessment match." in [c.value for c in at.caption]


def test_filters_by_band_factor_and_text(saved):  # noqa: F811
    at = run_page()
    at.selectbox(key=state.filter_key("assessments", "factor")).set_value("lifting").run()
    assert set(listed(at)["worker"]) == {"JOB-PICK-02"}  # the only lifting at high or above
    at.selectbox(key=state.filter_key("assessments", "factor")).set_value(None).run()
    at.text_input(key=state.filter_key("assessments", "text")).input("job-1").run()
    assert set(listed(at)["worker"]) == {"JOB-1"}
    at.text_input(key=state.filter_key("assessments", "text")).input("nobody").run()
    assert "No saved assessment matches" in at.info[0].value


def test_open_into_the_form_then_save_adds_a_revision(saved):  # noqa: F811
    store, ids = saved
    at = run_page()
    select(at, store, ids["office-desk"])
    at.button(key=state.LIST_OPEN).click().run()
    assert not at.exception
    ss = at.session_state
    assert ss[state.RECORD_ID] == ids["office-desk"]
    assert ss[form.widget_key("header", "worker_ref")] == "DESK-3-14"
    assert ss[state.FORM_VALUES][form.widget_key("header", "site")] == "Leeds"
    assert ss[state.ASSESSMENT] is None  # nothing is scored until the form is submitted

    # Scored from the form, the Results page saves a NEW revision of the same record.
    a = store.get(ids["office-desk"]).assessment
    res = AppTest.from_file(str(RESULTS), default_timeout=60)
    res.session_state[state.ASSESSMENT] = a
    res.session_state[state.RESULT] = score_assessment(a)
    res.session_state[state.RECORD_ID] = ids["office-desk"]
    res.run()
    res.button(key=state.SAVE).click().run()
    assert not res.exception
    assert [r.revision for r in store.revisions(ids["office-desk"])] == [1, 2]
    assert "revision 2" in res.success[0].value
    assert store.get(ids["office-desk"]).ref.assessment_id in res.success[0].value
    assert store.count() == 5  # a revision, not a new record


def test_results_save_without_an_opened_record_creates_one(page_store):  # noqa: F811
    from tests.ui.saved import example

    a = example("warehouse-lifting")
    res = AppTest.from_file(str(RESULTS), default_timeout=60)
    res.session_state[state.ASSESSMENT] = a
    res.session_state[state.RESULT] = score_assessment(a)
    res.run()
    res.button(key=state.SAVE).click().run()
    assert page_store.count() == 1
    saved_id = page_store.search().iloc[0]["assessment_id"]
    assert f"Saved as {saved_id}, revision 1" in res.success[0].value
    assert not [b for b in res.button if b.key == state.SAVE]  # saved once, not twice


def test_compare_two_assessments_of_the_same_worker_reads_the_deltas(saved):  # noqa: F811
    store, ids = saved
    at = select(run_page(), store, ids["job-after"])
    assert at.selectbox(key=state.COMPARE_WITH).value == ids["job-before"]
    table = next(d.value for d in at.dataframe if "before → after" in d.value.columns)
    lift = table.set_index("factor").loc["Lifting"]
    assert lift["before → after"] == "LI 1.80 → 1.10"
    assert (lift["band before"], lift["band after"]) == ("moderate", "moderate")
    assert lift["Δ index"] == "−18"
    text = " ".join(m.value for m in at.markdown)
    assert "2026-01-15" in text and "2026-06-20" in text  # before = the earlier date
    assert any(b.label == "Before/after PDF" for b in at.get("download_button"))


def test_no_other_assessment_to_compare(saved):  # noqa: F811
    store, ids = saved
    at = select(run_page(), store, ids["office-desk"])
    assert any("No other assessment of DESK-3-14" in c.value for c in at.caption)


def test_delete_needs_the_confirmation(saved):  # noqa: F811
    store, ids = saved
    at = select(run_page(), store, ids["warehouse-lifting"])
    assert at.button(key=state.DELETE).disabled
    at.checkbox(key=state.DELETE_CONFIRM).check().run()
    assert not at.button(key=state.DELETE).disabled
    at.button(key=state.DELETE).click().run()
    assert not at.exception
    assert store.count() == 4
    assert "Deleted" in at.success[0].value and "1 revision" in at.success[0].value
    assert "JOB-PICK-02" not in set(listed(at)["worker"])


def test_revisions_are_listed(saved):  # noqa: F811
    store, ids = saved
    store.save(store.get(ids["office-desk"]).assessment, record_id=ids["office-desk"])
    at = select(run_page(), store, ids["office-desk"])
    assert at.selectbox(key=state.LIST_REVISION).value == 2
    revs = next(
        d.value for d in at.dataframe if "revision" in d.value.columns and len(d.value) == 2
    )
    assert list(revs["revision"]) == [1, 2]
    at.selectbox(key=state.LIST_REVISION).set_value(1).run()
    assert not at.exception


def test_item_10_rows_are_selected_in_the_table_not_in_a_dropdown(saved):  # noqa: F811
    store, ids = saved
    at = run_page()
    assert not [s for s in at.selectbox if s.key == "assessments.pick"]
    assert any("select another in the table" in c.value for c in at.caption)
    first = store.search().iloc[0]  # nothing selected yet: the first row is shown
    assert any(f"id {first['assessment_id']}" in c.value for c in at.caption)
    select(at, store, ids["maintenance-vibration"])
    assert [b for b in at.button if b.key == state.LIST_OPEN]
    assert any("FITTER-07" in md.value for md in at.markdown)
    assert any("id EX-MAINT-1" in c.value for c in at.caption)
    select(at, store, ids["office-desk"])
    assert any("DESK-3-14" in md.value for md in at.markdown)
    assert not any("FITTER-07" in md.value for md in at.markdown)


def test_item_10_revisions_list_band_and_assessor_and_any_two_compare(saved):  # noqa: F811
    from assessments import model as m

    store, ids = saved
    first = store.get(ids["office-desk"]).assessment
    worse = first.model_copy(update={"sitting": m.Sitting(seated_h_per_day=9, longest_bout_min=90)})
    store.save(worse, record_id=ids["office-desk"])
    store.save(first, record_id=ids["office-desk"])
    at = select(run_page(), store, ids["office-desk"])
    revs = next(d.value for d in at.dataframe if "assessor" in d.value.columns)
    assert list(revs["revision"]) == [1, 2, 3]
    assert list(revs["overall"])[1] == "very high"
    assert set(revs["assessor"]) == {first.header.assessor}
    # Default: the first against the latest; then any two.
    assert at.selectbox(key=state.COMPARE_REV_BEFORE).value == 1
    assert at.selectbox(key=state.COMPARE_REV_AFTER).value == 3
    at.selectbox(key=state.COMPARE_REV_AFTER).set_value(2).run()
    tables = [d.value for d in at.dataframe if "before → after" in d.value.columns]
    sitting = tables[0].set_index("factor").loc["Prolonged sitting"]
    assert sitting["band after"] == "very high"
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("Before/after PDF") >= 1
    at.selectbox(key=state.COMPARE_REV_BEFORE).set_value(2).run()
    assert any("Pick two different revisions" in c.value for c in at.caption)


def test_item_06_the_list_and_the_file_names_use_the_readable_id(page_store):  # noqa: F811
    import datetime as dt

    from tests.ui.saved import example

    a = example("warehouse-lifting")
    a = a.model_copy(update={"header": a.header.model_copy(update={"assessment_id": ""})})
    ref = page_store.save(a)
    year = dt.datetime.now(dt.UTC).year
    assert ref.assessment_id == f"ERG-{year}-000001"
    at = select(run_page(), page_store, ref.record_id)
    assert list(listed(at)["id"]) == [ref.assessment_id]
    labels = [b.proto.label for b in at.get("download_button")]
    assert "PDF report" in labels and "Assessment (JSON)" in labels
    # The page names its downloads "<stem>.pdf" / "<stem>.json" from the stored record ...
    stored = page_store.get(ref.record_id)
    assert components.file_stem(stored.assessment) == ref.assessment_id
    # ... and the PDF's running header and first table carry the id.
    import pypdf

    pdf = components.pdf_builder(stored.assessment, score_assessment(stored.assessment))()
    text = pypdf.PdfReader(__import__("io").BytesIO(pdf)).pages[0].extract_text()
    assert f"Ergonomics risk assessment {ref.assessment_id}" in text
    assert "(no id)" not in text and "not saved yet" not in text


def test_item_11_sample_rows_are_marked_in_the_list(page_store):  # noqa: F811
    from scripts.sample_data import seed

    seed(page_store, 12)
    mine = page_store.save(
        __import__("tests.ui.saved", fromlist=["example"]).example("office-desk")
    )
    at = run_page()
    table = listed(at).set_index("id")
    assert (table["sample"] == "sample").sum() == 12
    assert table.loc[mine.assessment_id, "sample"] == ""
    assert any("sample" in c.value and "exports" in c.value for c in at.caption)


def test_item_16_a_damaged_database_is_named_and_nothing_is_written(tmp_path, monkeypatch):
    from assessments.store import Store
    from benchmarks.synthetic import synthetic_frame
    from tests.assessments.test_store_hardening import _damage_the_middle
    from tests.ui.saved import example
    from views import services

    path = tmp_path / "ergo.db"
    s = Store(f"sqlite:///{path}")
    s.import_frame(synthetic_frame(3000, seed=3))
    s.close()
    _damage_the_middle(path)
    before = path.read_bytes()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    services._store.clear()
    try:
        at = AppTest.from_file(str(PAGE), default_timeout=60).run()
        assert any("is damaged" in e.value and "backup" in e.value for e in at.error)
        assert not at.exception
        a = example("warehouse-lifting")
        res = AppTest.from_file(str(RESULTS), default_timeout=60)
        res.session_state[state.ASSESSMENT] = a
        res.session_state[state.RESULT] = score_assessment(a)
        res.run()
        res.button(key=state.SAVE).click().run()
        assert not res.exception
        assert any("will not write into it" in e.value for e in res.error)
    finally:
        services.store().close()
        services._store.clear()
    assert path.read_bytes() == before
