"""AppTest: the Dashboard over a Store of saved assessments (SQLite in tmp_path)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui.saved import page_store, saved  # noqa: F401 (fixtures)
from views import state

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "dashboard.py"


def run_page() -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_empty_store_says_nothing_is_saved(page_store):  # noqa: F811
    at = run_page()
    assert at.title[0].value == "Dashboard"
    assert "Nothing is saved yet" in at.info[0].value


def test_counts_per_band_and_the_overall_metrics(saved):  # noqa: F811
    at = run_page()
    assert metrics(at) == {
        "Assessments": "5",
        "Overall high or above": "3",  # office desk and warehouse very high, fitter high
        "Overall very high": "2",
        # No corrective action recorded yet (tests/org/test_actions.py counts them).
        "Open actions": "0",
        "Overdue": "0",
        "Done": "0",
        "Verified": "0",
        "Closure rate": "—",
    }
    counts = next(d.value for d in at.dataframe if "factor" in d.value.columns).set_index("factor")
    assert list(counts.columns) == [
        "low",
        "moderate",
        "high",
        "very high",
        "not applicable",
        "not assessed",
    ]
    assert counts.loc["Lifting"].to_dict() == {
        "low": 0,
        "moderate": 2,  # JOB-1: LI 1.80 and 1.10
        "high": 0,
        "very high": 1,  # the warehouse CLI 3.96
        "not applicable": 2,
        "not assessed": 0,
    }
    assert (counts.sum(axis=1) == 5).all()  # every assessment once per factor, never averaged
    assert len(at.get("plotly_chart")) == 3  # bands, risk removed, trend


def test_filter_to_one_site_and_the_summary_download(saved):  # noqa: F811
    at = run_page()
    at.multiselect(key=state.filter_key("dashboard", "sites")).set_value(["Daventry DC"]).run()
    assert metrics(at)["Assessments"] == "1"
    need = next(d.value for d in at.dataframe if "worker" in d.value.columns)
    assert list(need["worker"]) == ["JOB-PICK-02"]
    top = next(d.value for d in at.dataframe if "action" in d.value.columns)
    # The warehouse picker's back bent more than 30° for 2.5 h/day is caution-zone bending
    # (WAC 296-62-05105 item 2), so its posture advice is counted beside the lifting advice.
    assert set(top["factor"]) == {"Lifting", "Awkward posture"}
    assert (top["assessments"] == 1).all()
    button = next(b for b in at.get("download_button") if "Summary PDF" in b.proto.label)
    assert "1 assessments" in button.proto.label


def test_summary_title_names_the_sites():
    from assessments.store import Filters
    from views.services import summary_title

    assert summary_title(Filters(sites=("Leeds",))) == "Ergonomics summary: Leeds"
    assert summary_title(Filters()) == "Ergonomics summary: all sites"


def test_a_rerun_with_nothing_changed_reads_only_the_data_version(saved):  # noqa: F811
    import sqlalchemy as sa

    store, _ = saved
    engine = getattr(store, "store", store).engine
    at = run_page()
    sent: list[str] = []

    def count(conn, cursor, statement, *args):
        sent.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        at.run()
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert not at.exception
    # One read of the version: the lists, the figures and the tables come from the cache.
    queries = [s for s in sent if s.split()[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK")]
    assert len(queries) == 1 and "ergo_data_version" in queries[0]
    assert metrics(at)["Assessments"] == "5"
