"""The store on SQLite and PostgreSQL: round trips, revisions, concurrency, import, queries.

Every test runs on both backends (``store`` / ``store_url`` in tests/conftest.py),
each on a fresh database; nothing is mocked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from assessments import io as aio
from assessments import jobs as _jobs  # noqa: F401 (the job tables join the head schema)
from assessments import model as m
from assessments.evaluate import band_codes, inputs_from_assessments
from assessments.store import (
    SEARCH_COLUMNS,
    Filters,
    ImportReport,
    Store,
    current_revision,
    head_revision,
    metadata,
    upgrade,
)
from benchmarks.synthetic import synthetic_frame
from scoring import METHOD_VERSION
from scoring.engine import FACTORS, score

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example(name: str) -> m.Assessment:
    items, problems = aio.load_json((EXAMPLES / f"{name}.json").read_bytes())
    assert not problems
    return items[0]


def desk(site, department, date, seated_h, worker, *, job="Clerk", aid="") -> m.Assessment:
    """Return an assessment whose only factor is prolonged sitting (band set by seated_h)."""
    return m.Assessment(
        header=m.Header(
            assessment_id=aid,
            site=site,
            department=department,
            date=dt.date.fromisoformat(date),
            worker_ref=worker,
            job_title=job,
        ),
        sitting=m.Sitting(seated_h_per_day=seated_h, longest_bout_min=20),
    )


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("name", ["office-desk", "warehouse-lifting", "maintenance-vibration"])
def test_saved_assessment_reads_back_identical_with_its_results(store, name):
    a = example(name)
    ref = store.save(a)
    got = store.get(ref.record_id)
    assert got.assessment == a
    assert got.ref == ref
    assert got.schema_version == a.schema_version  # a 1.0 file keeps its version
    assert got.method_version == METHOD_VERSION
    inputs = inputs_from_assessments([a])
    engine = score(inputs.by_factor, inputs.applicable, 1)
    assert got.results["overall_band"] == int(engine.overall_band[0])
    assert got.results["n_high"] == int(engine.n_high[0])
    stored = band_codes(engine, inputs)  # not assessed (-2) apart from not applicable (-1)
    for j, f in enumerate(FACTORS):
        assert got.results["factors"][f]["band"] == int(stored[0, j])
    row = store.search().iloc[0]
    assert row["overall_band"] == got.results["overall_band"]
    assert row["assessment_id"] == a.header.assessment_id and row["date"] == a.header.date


def test_imported_rows_rebuild_to_the_same_models_as_the_per_row_path(store):
    df = synthetic_frame(300, seed=4).astype(object)
    df.loc[3, "worker_ref"] = "007"  # text stays text
    df.loc[4, "notes"] = "  spaced  "
    df.loc[5, "job_title"] = "Łódź picker"
    expected, problems = aio.frame_to_assessments(df)
    assert not problems
    report = store.import_frame(df)
    assert report == ImportReport(300, [])
    found = store.search(limit=None)
    by_id = dict(zip(found["assessment_id"], found["record_id"], strict=True))
    for a in expected:
        got = store.get(by_id[a.header.assessment_id])
        assert got.assessment == a
    # The batch path and the single-save path store the same results.
    one = store.save(expected[7])
    assert store.get(one.record_id).results == store.get(by_id["SYN-7"]).results


def test_blank_date_is_fixed_at_import_so_the_model_never_changes(store):
    df = synthetic_frame(2, seed=1).astype(object)
    df.loc[0, "date"] = None
    assert store.import_frame(df).saved == 2
    row = store.search(Filters(text="SYN-0")).iloc[0]
    assert row["date"] == dt.date.today()
    assert store.get(row["record_id"]).assessment.header.date == dt.date.today()


# --------------------------------------------------------------------- revisions


def with_id(a: m.Assessment, assessment_id: str) -> m.Assessment:
    """Return ``a`` under the assessment id the store gave it."""
    return a.model_copy(
        update={"header": a.header.model_copy(update={"assessment_id": assessment_id})}
    )


def test_editing_adds_a_revision_and_keeps_the_old_one(store):
    a = desk("Leeds", "Claims", "2026-03-01", 9, "W1")
    first = store.save(a)
    a = with_id(a, first.assessment_id)
    b = a.model_copy(update={"sitting": m.Sitting(seated_h_per_day=2, longest_bout_min=20)})
    second = store.save(b, record_id=first.record_id)
    assert (second.record_id, second.revision) == (first.record_id, 2)
    assert store.revisions(first.record_id) == [first, second]
    assert store.get(first.record_id, 1).assessment == a
    assert store.get(first.record_id).assessment == b
    assert store.get(first.record_id).results["overall_band"] == 0
    assert store.count() == 1
    found = store.search()
    assert list(found["revision"]) == [2] and list(found["overall_band"]) == [0]


def test_unknown_ids_are_named(store):
    with pytest.raises(KeyError, match="'nope'"):
        store.get("nope")
    ref = store.save(example("office-desk"))
    with pytest.raises(KeyError, match="revision 5"):
        store.get(ref.record_id, 5)
    with pytest.raises(KeyError, match="'nope'"):
        store.save(example("office-desk"), record_id="nope")
    assert store.revisions("nope") == []


def test_delete_removes_every_revision(store):
    a = example("office-desk")
    ref = store.save(a)
    store.save(a, record_id=ref.record_id)
    keep = store.save(example("warehouse-lifting"))
    assert store.delete(ref.record_id) == 2
    assert store.delete(ref.record_id) == 0
    with pytest.raises(KeyError):
        store.get(ref.record_id)
    assert store.count() == 1 and store.get(keep.record_id).ref == keep
    assert store.top_recommendations().shape[0] > 0  # the kept record's rows remain
    with store.engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM assessment_recommendation").scalar()
        mine = conn.exec_driver_sql(
            f"SELECT count(*) FROM assessment_recommendation WHERE row_id = {keep.row_id}"
        ).scalar()
    assert n == mine


def test_two_writers_at_once_lose_nothing(store_url):
    """Two app instances (two stores), four threads each, revising one record at once."""
    stores = [Store(store_url), Store(store_url)]
    a = desk("Leeds", "Claims", "2026-03-01", 5, "W1")
    first = stores[0].save(a)
    per_thread, errors = 5, []
    barrier = threading.Barrier(8)

    def work(k):
        try:
            barrier.wait()
            for _ in range(per_thread):
                stores[k % 2].save(a, record_id=first.record_id)
                stores[k % 2].save(a)  # and new records in between
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    revs = stores[1].revisions(first.record_id)
    assert [r.revision for r in revs] == list(range(1, 8 * per_thread + 2))
    assert stores[0].count() == 1 + 8 * per_thread
    with stores[0].engine.connect() as conn:
        latest = conn.execute(
            sa.text("SELECT count(*) FROM assessment WHERE record_id = :r AND is_latest"),
            {"r": first.record_id},
        ).scalar()
    assert latest == 1
    for s in stores:
        s.close()


# ------------------------------------------------------------------------ import


def test_import_with_one_bad_row_among_10000_saves_nothing_and_names_the_row(store):
    df = synthetic_frame(10_000, seed=3).astype(object)
    df.loc[6_000, "sitting.seated_h_per_day"] = 30
    report = store.import_frame(df)
    assert report.saved == 0
    # Row numbers as the spreadsheet numbers them: header row 1, frame row 6000 is row 6002.
    assert [p.line() for p in report.problems] == [
        "row 6002: sitting.seated_h_per_day: seated_h_per_day == 30, must be >= 0 and <= 24 [h/day]."
    ]
    assert store.count() == 0


def test_import_saves_all_rows_in_one_go_and_reports_progress(store, monkeypatch):
    import assessments.store as st

    monkeypatch.setattr(st, "IMPORT_CHUNK", 400)
    calls = []
    report = store.import_frame(
        synthetic_frame(1_000, seed=5), progress=lambda d, t: calls.append((d, t))
    )
    assert report.saved == 1_000 and not report.problems
    assert calls == [(400, 1000), (800, 1000), (1000, 1000)]
    assert store.count() == 1_000
    # A save after a bulk import gets a fresh id (the sequence / max id moved on).
    ref = store.save(example("office-desk"))
    assert store.get(ref.record_id).ref == ref and store.count() == 1_001


def test_failed_import_transaction_leaves_nothing(store, monkeypatch):
    import assessments.store as st

    monkeypatch.setattr(st, "IMPORT_CHUNK", 100)

    def boom(done, total):
        if done >= 200:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store.import_frame(synthetic_frame(300, seed=5), progress=boom)
    assert store.count() == 0


def test_excel_dates_are_accepted(store):
    df = synthetic_frame(3, seed=1)
    df["date"] = pd.to_datetime(df["date"])
    assert store.import_frame(df).saved == 3


# -------------------------------------------------------------------- migrations


def test_migrates_an_empty_database_to_head(store_url):
    s = Store(store_url)
    assert current_revision(s.engine) == head_revision()
    insp = sa.inspect(s.engine)
    for table in metadata.sorted_tables:
        got = {c["name"] for c in insp.get_columns(table.name)}
        assert got == {c.name for c in table.columns}, table.name
    Store(store_url).close()  # a second start is a no-op
    s.close()


def _bands_at(engine) -> dict[str, int]:
    """Return -1 for every factor band column the database has now (an older revision has
    fewer factors than the code)."""
    table = sa.Table("assessment", sa.MetaData(), autoload_with=engine)
    return {
        c.name: -1 for c in table.columns if c.name.endswith("_band") and c.name != "overall_band"
    }


def test_item_02_migration_0006_tells_not_assessed_from_not_applicable(store_url):
    """Rows saved before migration 0006 held -1 for both; the stored input decides which it was."""
    engine = Store(store_url, migrate=False).engine
    upgrade(engine, "0002")
    a = desk("Leeds", "Claims", "2026-03-01", 7, "W9")  # sitting only: the rest left out
    a = a.model_copy(update={"lifting": m.Lifting(not_applicable=True)})
    bands = _bands_at(engine)
    bands["sitting_band"] = 2
    factors = {f: {"native": None, "band": -1, "index": None} for f in FACTORS}
    factors["sitting"] = {"native": 7.0, "band": 2, "index": 60.0}
    results = {"overall_band": 2, "n_high": 1, "factors": factors, "recommendations": []}
    flat = {"site": "Leeds", "sitting.seated_h_per_day": 7, "sitting.longest_bout_min": 20}
    table = sa.Table("assessment", sa.MetaData(), autoload_with=engine)
    common = {
        "revision": 1,
        "is_latest": True,
        "saved_at": dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC),
        **{c: "" for c in ("assessment_id", "organisation", "department", "job_title")},
        **{c: "" for c in ("worker_ref", "assessor")},
        "site": "Leeds",
        "date": dt.date(2026, 3, 1),
        "assessment_type": "audit",
        "schema_version": "1.0",
        "method_version": "2026.11.0",
        "results_json": results,
        "overall_band": 2,
        "n_high": 1,
        "max_index": 60.0,
        **bands,
    }
    with engine.begin() as conn:
        conn.execute(
            table.insert(),
            [
                {
                    **common,
                    "record_id": "m" * 32,
                    "input_layout": "model",
                    "input_json": a.model_dump(mode="json"),
                },
                {**common, "record_id": "f" * 32, "input_layout": "flat", "input_json": flat},
            ],
        )
    engine.dispose()
    s = Store(store_url)
    model_row, flat_row = s.get("m" * 32), s.get("f" * 32)
    got = s.search().set_index("record_id")
    assert got.loc["m" * 32, "lifting.band"] == -1  # marked not applicable: kept
    assert got.loc["f" * 32, "lifting.band"] == -2  # left out of the flat row
    for row in (model_row, flat_row):
        assert row.results["factors"]["awkward_posture"]["band"] == -2
        assert row.results["factors"]["sitting"]["band"] == 2
    assert got.loc["m" * 32, "awkward_posture.band"] == -2
    counts = s.band_counts()
    posture = counts[counts["factor"] == "awkward_posture"][["band", "count"]]
    assert posture.values.tolist() == [[-2, 2]]
    s.close()


def test_migrates_from_the_previous_revision_keeping_data(store_url):
    engine = Store(store_url, migrate=False).engine
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    bands = _bands_at(engine)
    bands["sitting_band"] = 2
    results = {"overall_band": 2, "n_high": 1, "factors": {}, "recommendations": ["SIT-BREAKS"]}
    a = desk("Leeds", "Claims", "2026-03-01", 7, "W9")
    # The table as revision 0001 left it (reflected, so nothing of the head schema leaks in).
    table = sa.Table("assessment", sa.MetaData(), autoload_with=engine)
    with engine.begin() as conn:
        conn.execute(
            table.insert(),
            {
                "record_id": "r" * 32,
                "revision": 1,
                "is_latest": True,
                "saved_at": dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC),
                "assessment_id": "",
                "organisation": "",
                "site": "Leeds",
                "department": "Claims",
                "job_title": "Clerk",
                "worker_ref": "W9",
                "assessor": "",
                "date": dt.date(2026, 3, 1),
                "assessment_type": "audit",
                "schema_version": "1.0",
                "input_layout": "model",
                "input_json": a.model_dump(mode="json"),
                "method_version": "2026.11.0",
                "results_json": results,
                "overall_band": 2,
                "n_high": 1,
                "max_index": 60.0,
                **bands,
            },
        )
    engine.dispose()
    s = Store(store_url)
    assert current_revision(s.engine) == head_revision()
    got = s.get("r" * 32)
    # Saved without an id before revision 0004: it gets the readable id a save gives.
    assert got.assessment == with_id(a, "ERG-2026-000001") and got.method_version == "2026.11.0"
    assert got.results == results
    top = s.top_recommendations()
    assert top[["id", "count"]].values.tolist() == [["SIT-BREAKS", 1]]
    s.close()


# ------------------------------------------------------------- queries on a small set


@pytest.fixture
def small(store):
    """Five desks with hand-known sitting bands; r5 was very high, then revised to low."""
    refs = {
        "r1": store.save(desk("Leeds", "Claims", "2026-01-10", 2, "W1", aid="A-1")),  # low
        "r2": store.save(desk("Leeds", "IT", "2026-01-20", 5, "W2", aid="A-2")),  # moderate
        "r3": store.save(desk("Bristol", "Claims", "2026-02-05", 7, "W1", aid="A-3")),  # high
        "r4": store.save(desk("Bristol", "IT", "2026-03-15", 9, "W3", job="Analyst")),  # v. high
        "r5": store.save(desk("Leeds", "Claims", "2026-03-20", 9, "W4", aid="A-5")),
    }
    store.save(
        desk("Leeds", "Claims", "2026-03-20", 2, "W4", aid="A-5"), record_id=refs["r5"].record_id
    )
    return store, {k: v.record_id for k, v in refs.items()}


def _ids(df, refs):
    names = {v: k for k, v in refs.items()}
    return [names[r] for r in df["record_id"]]


def test_search_columns_types_and_order(small):
    store, refs = small
    df = store.search()
    assert tuple(df.columns) == SEARCH_COLUMNS
    assert _ids(df, refs) == ["r5", "r4", "r3", "r2", "r1"]  # newest date first
    assert isinstance(df["date"].iloc[0], dt.date)
    assert df["overall_band"].tolist() == [0, 3, 2, 1, 0]
    assert df["sitting.band"].tolist() == [0, 3, 2, 1, 0]
    # Only sitting was entered: lifting is stored as not assessed (-2), not as n/a (-1).
    assert df["lifting.band"].tolist() == [-2] * 5 and df["lifting.index"].isna().all()
    assert df["n_high"].tolist() == [0, 1, 1, 0, 0]
    assert _ids(store.search(limit=2, offset=1), refs) == ["r4", "r3"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["r5", "r4", "r3", "r2", "r1"]),
        (Filters(sites=("Leeds",)), ["r5", "r2", "r1"]),
        (Filters(sites=["Leeds", "Bristol"], departments=["IT"]), ["r4", "r2"]),
        (Filters(date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 3, 15)), ["r4", "r3"]),
        (Filters(min_overall_band=2), ["r4", "r3"]),
        (Filters(factor_at_high="sitting"), ["r4", "r3"]),
        (Filters(factor_at_high="lifting"), []),
        (Filters(text="w1"), ["r3", "r1"]),
        (Filters(text="ANALYST"), ["r4"]),
        (Filters(text="a-"), ["r5", "r3", "r2", "r1"]),
        (Filters(text="%"), []),
    ],
)
def test_search_filters(small, filters, expected):
    store, refs = small
    assert _ids(store.search(filters), refs) == expected
    assert store.count(filters) == len(expected)


def test_filters_describe_and_refuse_unknown_factors():
    f = Filters(
        sites=["Leeds"], date_from=dt.date(2026, 1, 1), min_overall_band=2, factor_at_high="lifting"
    )
    assert f.describe() == {
        "site": "Leeds",
        "date from": "2026-01-01",
        "overall band": "high or above",
        "factor at high or above": "lifting",
    }
    assert Filters().describe() == {}
    with pytest.raises(ValueError, match="factor_at_high == 'legs', must be one of: workstation"):
        Filters(factor_at_high="legs")


def test_band_counts(small):
    store, _ = small
    df = store.band_counts(Filters())
    sitting = df[df["factor"] == "sitting"][["band", "count"]].values.tolist()
    assert sitting == [[0, 2], [1, 1], [2, 1], [3, 1]]
    for f in FACTORS:
        if f != "sitting":
            assert df[df["factor"] == f][["band", "count"]].values.tolist() == [[-2, 5]]
    leeds = store.band_counts(Filters(sites=("Leeds",)))
    assert leeds[leeds["factor"] == "sitting"][["band", "count"]].values.tolist() == [
        [0, 2],
        [1, 1],
    ]
    assert store.band_counts(Filters(sites=("Nowhere",))).empty


def test_trend_by_month_and_quarter(small):
    store, _ = small
    df = store.trend(Filters())
    assert df.columns.tolist() == ["period", "high", "very_high", "assessed"]
    assert df.values.tolist() == [
        [dt.date(2026, 1, 1), 0, 0, 2],
        [dt.date(2026, 2, 1), 1, 0, 1],
        [dt.date(2026, 3, 1), 0, 1, 2],
    ]
    q = store.trend(Filters(departments=("IT",)), freq="quarter")
    assert q.values.tolist() == [[dt.date(2026, 1, 1), 0, 1, 2]]
    gaps = store.trend(Filters(sites=("Bristol",)))
    assert gaps["period"].tolist() == [dt.date(2026, 2, 1), dt.date(2026, 3, 1)]
    assert store.trend(Filters(sites=("Nowhere",))).empty
    with pytest.raises(ValueError, match="freq == 'day', must be one of: week, month"):
        store.trend(Filters(), freq="day")


def test_top_recommendations(small):
    store, _ = small
    # Sitting at moderate or above with >= 4 h seated and bouts of 20 min gives
    # SIT-STANDDESK and SIT-EXERCISE (not SIT-BREAKS): r2, r3, r4; r5 is low now.
    df = store.top_recommendations(Filters())
    assert df.columns.tolist() == ["id", "factor", "control", "text", "count"]
    assert df[["id", "count"]].values.tolist() == [["SIT-EXERCISE", 3], ["SIT-STANDDESK", 3]]
    assert set(df["factor"]) == {"sitting"} and all(df["text"])
    one = store.top_recommendations(Filters(sites=("Leeds",)), n=1)
    assert one[["id", "count"]].values.tolist() == [["SIT-EXERCISE", 1]]


def test_need_action(small):
    store, refs = small
    assert _ids(store.need_action(Filters()), refs) == ["r4", "r3"]
    assert _ids(store.need_action(Filters(), min_band=1, n=2), refs) == ["r4", "r3"]
    assert _ids(store.need_action(Filters(), min_band=0), refs) == ["r4", "r3", "r2", "r5", "r1"]
    assert store.need_action(Filters(sites=("Leeds",))).empty


def test_sites_departments_same_subject_and_summary(small):
    store, refs = small
    assert store.sites() == ["Bristol", "Leeds"]
    assert store.departments() == ["Claims", "IT"]
    assert _ids(store.same_subject(refs["r1"]), refs) == ["r3"]
    assert store.same_subject(refs["r4"]).empty
    models = store.load_for_summary(Filters(sites=("Leeds",)))
    assert [a.header.assessment_id for a in models] == ["A-5", "A-2", "A-1"]
    assert models[0].sitting.seated_h_per_day == 2  # the latest revision


# ------------------------------------------------------------------------ export


def test_export_csv_and_xlsx_neutralise_formulas(store):
    a = desk("Leeds", "Claims", "2026-01-10", 5, '=HYPERLINK("http://x")', job="+SUM(1,2)")
    a = a.model_copy(
        update={"header": a.header.model_copy(update={"notes": "@cmd", "assessor": "-2+3"})}
    )
    store.save(a)
    store.import_frame(synthetic_frame(3, seed=2))
    rows = list(csv.DictReader(io.StringIO(store.export(Filters(sites=("Leeds",))).decode())))
    mine = next(r for r in rows if r["department"] == "Claims" and r["job_title"].startswith("'"))
    assert mine["worker_ref"] == '\'=HYPERLINK("http://x")'
    assert mine["job_title"] == "'+SUM(1,2)"
    assert mine["notes"] == "'@cmd" and mine["assessor"] == "'-2+3"
    assert mine["sitting.seated_h_per_day"] == "5.0" and mine["sitting.band"] == "moderate"
    assert {"record_id", "revision", "overall.band", "method_version"} <= set(rows[0])
    assert len(store.export(Filters(), "csv").decode().splitlines()) == 5

    ws = openpyxl.load_workbook(io.BytesIO(store.export(Filters(), "xlsx"))).active
    header = [c.value for c in ws[1]]
    assert ws.max_row == 5  # header + 4 records
    assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    job_titles = [r[header.index("job_title")].value for r in ws.iter_rows(min_row=2)]
    assert "'+SUM(1,2)" in job_titles
    with pytest.raises(ValueError, match=r"fmt == 'pdf', must be one of: csv, xlsx\."):
        store.export(Filters(), "pdf")


def test_exported_csv_reimports_after_dropping_result_columns(store):
    store.import_frame(synthetic_frame(20, seed=8))
    df = pd.read_csv(io.BytesIO(store.export()), keep_default_na=False, na_values=[""], dtype=str)
    layout = [c for c in df.columns if c in set(aio.csv_columns({"lifting.task": 9}))]
    before = sorted(a.header.assessment_id for a in store.load_for_summary())
    assert store.import_frame(df[layout]).saved == 20
    assert store.count() == 40
    assert sorted(np.unique([a.header.assessment_id for a in store.load_for_summary()])) == before
