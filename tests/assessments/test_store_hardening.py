"""The store's safety, ids and sample data, on SQLite and PostgreSQL (issue 8 items 11, 16, 17;
issue 9 items 6 and 13).

Concurrency is tested with real processes (``python -m cli db seed-if-empty``) and
threads on two Store instances; the damaged file is a real SQLite file with a
page in the middle overwritten.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from assessments import model as m
from assessments.store import (
    DamagedDatabase,
    DataAlreadyHeld,
    Filters,
    Store,
    fold,
    head_revision,
    upgrade,
)
from benchmarks.synthetic import synthetic_frame
from scripts.sample_data import sample_frame, seed, seed_if_empty

ROOT = Path(__file__).resolve().parents[2]
YEAR = dt.datetime.now(dt.UTC).year


def person(worker: str, *, aid: str = "", job: str = "Clerk", seated_h: float = 3) -> m.Assessment:
    """Return a desk assessment (sitting only) of ``worker``."""
    return m.Assessment(
        header=m.Header(
            assessment_id=aid,
            site="Leeds",
            worker_ref=worker,
            job_title=job,
            date=dt.date(2026, 5, 4),
        ),
        sitting=m.Sitting(seated_h_per_day=seated_h, longest_bout_min=20),
    )


def ids_of(store: Store, **filters) -> list[str]:
    return sorted(store.search(Filters(**filters), limit=None)["assessment_id"])


def run_cli(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# ----------------------------------------------------------- 8.11 sample data, once


def test_item_11_samples_load_once_into_a_never_used_database_and_are_marked(store):
    assert not store.has_held_data()
    assert seed_if_empty(store) == 360
    assert store.has_held_data()
    found = store.search(limit=None)
    assert len(found) == 360 and found["is_sample"].all()
    # A user deletes every record: the samples do not come back.
    for record_id in found["record_id"]:
        store.delete(record_id)
    assert store.count() == 0
    assert seed_if_empty(store) == 0
    with pytest.raises(DataAlreadyHeld):
        seed(store)
    assert store.count() == 0


def test_item_11_a_database_that_held_user_data_never_gets_samples(store):
    ref = store.save(person("W1"))
    store.delete(ref.record_id)
    assert seed_if_empty(store) == 0 and store.count() == 0
    store.import_frame(synthetic_frame(3, seed=2))
    assert seed_if_empty(store) == 0 and store.count() == 3


def test_item_11_samples_are_left_out_of_exports_unless_asked(store):
    seed(store, 20)
    mine = store.save(person("E-MINE", aid="MINE-1"))
    assert not store.get(mine.record_id).ref.assessment_id.startswith("S-")
    plain = pd.read_csv(io.BytesIO(store.export()), dtype=str, keep_default_na=False)
    assert list(plain["assessment_id"]) == ["MINE-1"]
    both = pd.read_csv(io.BytesIO(store.export(include_samples=True)), dtype=str)
    assert len(both) == 21
    only = Filters(samples=True)
    assert store.count(only) == 20 and store.count(Filters(samples=False)) == 1
    assert len(pd.read_csv(io.BytesIO(store.export(only)))) == 20
    listed = store.search(limit=None).set_index("assessment_id")["is_sample"]
    assert listed.sum() == 20 and not listed["MINE-1"]


def test_item_11_three_simultaneous_starts_load_the_samples_once(store_url):
    """Three ``make run`` starts at once on a new database: migrate, seed-if-empty."""
    procs = [run_cli("db", "seed-if-empty", "--url", store_url) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    loaded = [err for _, err in outs if "loaded 360" in err]
    assert len(loaded) == 1, outs
    s = Store(store_url)
    assert s.count() == 360 and s.count(Filters(samples=True)) == 360
    s.close()


# -------------------------------------------------- 8.16 file modes, damaged files


def test_item_16_sqlite_folder_and_files_are_owner_only(tmp_path, monkeypatch):
    monkeypatch.setenv("ERGO_DATA_DIR", str(tmp_path / "new" / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    s = Store()
    s.save(person("W1"))
    folder = tmp_path / "new" / "data"
    with s.engine.connect() as conn:  # a connection open: the -wal and -shm files exist
        conn.exec_driver_sql("SELECT count(*) FROM assessment").scalar()
        files = [folder / n for n in ("ergo.db", "ergo.db-wal", "ergo.db-shm")]
        assert all(f.exists() for f in files)
        modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in files}
    for p in (folder, folder.parent):
        assert stat.S_IMODE(p.stat().st_mode) & 0o077 == 0, oct(p.stat().st_mode)
    assert all(mode & 0o077 == 0 for mode in modes.values()), modes
    s.close()


def test_item_16_an_explicit_sqlite_url_gets_an_owner_only_file(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'sub' / 'mine.db'}")
    s.save(person("W1"))
    assert stat.S_IMODE((tmp_path / "sub" / "mine.db").stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE((tmp_path / "sub").stat().st_mode) & 0o077 == 0
    s.close()


def _damage_the_middle(path: Path) -> None:
    """Overwrite one page in the middle of the file with garbage (not the header)."""
    size = path.stat().st_size
    page = 4096
    middle = (size // page // 2) * page
    with path.open("r+b") as fh:
        fh.seek(middle)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(page)))


def test_item_16_a_file_damaged_in_the_middle_is_refused_for_writes(tmp_path):
    path = tmp_path / "ergo.db"
    url = f"sqlite:///{path}"
    s = Store(url)
    assert s.damaged is None
    assert s.import_frame(synthetic_frame(3000, seed=3)).saved == 3000
    s.close()  # the last connection checkpoints the WAL into the file
    _damage_the_middle(path)
    before = path.read_bytes()

    s = Store(url)
    assert s.damaged is not None
    assert str(path) in s.damaged and "damaged" in s.damaged
    assert "copy your latest backup" in s.damaged and "python -m cli import" in s.damaged
    with pytest.raises(DamagedDatabase, match="Ergo will not write into it"):
        s.save(person("W1"))
    with pytest.raises(DamagedDatabase):
        s.import_frame(synthetic_frame(2, seed=1))
    with pytest.raises(DamagedDatabase):
        s.delete("anything")
    s.close()
    assert path.read_bytes() == before  # nothing was written into it

    p = run_cli("db", "status", "--url", url)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 1 and "is damaged" in err and "backup" in err


def test_item_16_a_healthy_file_passes_the_quick_check(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'ok.db'}")
    s.save(person("W1"))
    s.close()
    s = Store(f"sqlite:///{tmp_path / 'ok.db'}")
    assert s.damaged is None and s.count() == 1
    s.close()


# ----------------------------------------------- 8.17 non-English names, exact ids


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("ilkay işık", ["İlkay Işık"]),
        ("İLKAY", ["İlkay Işık"]),
        ("ılkay ışık", ["İlkay Işık"]),
        ("ilkay isik", ["İlkay Işık"]),
        ("łódź", ["Łódź picker"]),
        ("GRÜẞE", ["Grüße"]),
        ("zoe", ["Zoë Brontë"]),
        ("ΟΔΥΣΣΕΑΣ", ["Οδυσσέας"]),
        ("nobody", []),
    ],
)
def test_item_17_non_english_names_are_found_case_insensitively(store, typed, found):
    for name in ("İlkay Işık", "Grüße", "Zoë Brontë", "Οδυσσέας"):
        store.save(person(name))
    store.save(person("W9", job="Łódź picker"))
    got = store.search(Filters(text=typed))
    names = [
        w if w != "W9" else j for w, j in zip(got["worker_ref"], got["job_title"], strict=True)
    ]
    assert names == found


def test_item_17_imported_names_are_found_too(store):
    df = synthetic_frame(2, seed=5).astype(object)
    df.loc[0, "worker_ref"] = "İlkay Işık"
    assert store.import_frame(df).saved == 2
    assert list(store.search(Filters(text="ilkay işık"))["worker_ref"]) == ["İlkay Işık"]
    assert list(store.search(Filters(text="İLKAY"))["worker_ref"]) == ["İlkay Işık"]


def test_item_17_fold_is_the_same_on_both_sides():
    assert fold("İlkay Işık") == fold("ilkay işık") == fold("ILKAY ISIK") == "ilkay isik"
    assert fold("Straße") == fold("STRASSE")


def test_item_17_an_exact_assessment_id_finds_that_record_only(store):
    for aid in ("IMP-1", "IMP-10", "IMP-11", "XIMP-1"):
        store.save(person(f"W-{aid}", aid=aid))
    assert ids_of(store, text="IMP-1") == ["IMP-1"]
    assert ids_of(store, text=" imp-1 ") == ["IMP-1"]
    assert ids_of(store, assessment_id="IMP-1") == ["IMP-1"]
    assert ids_of(store, text="IMP-1", samples=False) == ["IMP-1"]
    assert ids_of(store, text="IMP") == ["IMP-1", "IMP-10", "IMP-11", "XIMP-1"]
    assert ids_of(store, text="imp-1") == ["IMP-1"]
    assert ids_of(store, text="IMP-2") == []  # no such id: substring search, nothing matches
    assert ids_of(store, text="%") == [] and ids_of(store, text="_") == []


# --------------------------------------------------------------- 9.6 readable ids


def test_item_06_readable_id_given_on_first_save_and_kept_across_revisions(store):
    first = store.save(person("W1"))
    assert first.assessment_id == f"ERG-{YEAR}-000001"
    got = store.get(first.record_id)
    assert got.assessment.header.assessment_id == first.assessment_id
    assert got.ref.assessment_id == first.assessment_id
    # A revision saved from a form whose id box is blank keeps the record's id.
    again = store.save(person("W1", seated_h=7), record_id=first.record_id)
    assert (again.revision, again.assessment_id) == (2, first.assessment_id)
    assert store.get(first.record_id).assessment.header.assessment_id == first.assessment_id
    second = store.save(person("W2"))
    assert second.assessment_id == f"ERG-{YEAR}-000002"
    assert ids_of(store, text=f"ERG-{YEAR}-000002") == [second.assessment_id]


def test_item_06_an_id_the_user_gave_is_kept_and_never_given_out_again(store):
    mine = store.save(person("W1", aid=f"ERG-{YEAR}-000002"))
    assert mine.assessment_id == f"ERG-{YEAR}-000002"
    got = [store.save(person(f"W{k}")).assessment_id for k in range(3)]
    assert got == [f"ERG-{YEAR}-000001", f"ERG-{YEAR}-000003", f"ERG-{YEAR}-000004"]
    kept = store.save(person("W1", aid="SITE-7"))
    assert kept.assessment_id == "SITE-7"


def test_item_06_imported_rows_without_an_id_get_one(store):
    df = synthetic_frame(4, seed=8).astype(object)
    df.loc[[1, 3], "assessment_id"] = None
    df.loc[0, "assessment_id"] = f"ERG-{YEAR}-000001"  # typed by someone: not given again
    assert store.import_frame(df).saved == 4
    found = ids_of(store)
    assert found == sorted(
        [f"ERG-{YEAR}-000001", f"ERG-{YEAR}-000002", f"ERG-{YEAR}-000003", "SYN-2"]
    )
    # The id is in the stored input, so the record rebuilds with it (PDF header, file names).
    rows = store.search(Filters(text=f"ERG-{YEAR}-000003"))
    assert (
        store.get(rows["record_id"].iloc[0]).assessment.header.assessment_id == f"ERG-{YEAR}-000003"
    )


def test_item_06_concurrent_writers_never_share_an_id(store_url):
    stores = [Store(store_url), Store(store_url)]
    per_thread, errors, got = 6, [], []
    barrier = threading.Barrier(6)

    def work(k):
        try:
            barrier.wait()
            for i in range(per_thread):
                got.append(stores[k % 2].save(person(f"W{k}-{i}")).assessment_id)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    expected = {f"ERG-{YEAR}-{k:06d}" for k in range(1, 6 * per_thread + 1)}
    assert len(got) == len(set(got)) == 6 * per_thread and set(got) == expected
    for s in stores:
        s.close()


# ------------------------------------------------------------- 9.13 plausible mix


def test_item_13_sample_data_looks_like_an_organisation(store):
    df = sample_frame(360, today=dt.date(2026, 12, 1))
    assert "assessment_id" not in df.columns  # the store gives the ids
    assert seed(store).saved == 360
    found = store.search(limit=None)
    overall = found["overall_band"].value_counts()
    high_or_above = int(overall.get(2, 0) + overall.get(3, 0))
    assert high_or_above < 0.3 * 360  # a minority of jobs is high or above
    desks = found[found["workstation.band"] >= 0]
    assert (desks["overall_band"] <= 1).mean() > 0.8  # most desks low or moderate
    assert (found["overall_band"] == 0).sum() > 40  # and a fair share of them low
    assert set(found["organisation"]) == {"Harrow & Vale Distribution Ltd"}
    assert len(set(found["site"])) == 4
    assert (found["worker_ref"].value_counts() >= 2).sum() >= 20  # re-assessed people
    assert found["assessment_id"].str.fullmatch(rf"ERG-{YEAR}-\d{{6}}").all()


# --------------------------------------------------------------- migration 0004


def test_migration_0004_marks_old_samples_guards_seeding_and_fills_search(store_url):
    engine = Store(store_url, migrate=False).engine
    upgrade(engine, "0002")
    old = m.Assessment(header=m.Header(worker_ref="İlkay Işık", date=dt.date(2026, 3, 1)))
    table = sa.Table("assessment", sa.MetaData(), autoload_with=engine)
    base = {
        "revision": 1,
        "is_latest": True,
        "saved_at": dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC),
        "organisation": "",
        "site": "Leeds",
        "department": "",
        "job_title": "Clerk",
        "assessor": "",
        "date": dt.date(2026, 3, 1),
        "assessment_type": "audit",
        "schema_version": "1.0",
        "input_layout": "model",
        "input_json": old.model_dump(mode="json"),
        "method_version": "2026.11.0",
        "results_json": {"overall_band": 0, "n_high": 0, "factors": {}, "recommendations": []},
        "overall_band": 0,
        "n_high": 0,
        "max_index": None,
        **{
            c.name: -1
            for c in table.columns
            if c.name.endswith("_band") and c.name != "overall_band"
        },
    }
    with engine.begin() as conn:
        conn.execute(
            table.insert(),
            [
                {
                    **base,
                    "record_id": "a" * 32,
                    "assessment_id": "",
                    "worker_ref": "İlkay Işık",
                    "is_latest": False,
                },
                {
                    **base,
                    "record_id": "a" * 32,
                    "revision": 2,
                    "assessment_id": "",
                    "worker_ref": "İlkay Işık",
                },
                {
                    **base,
                    "record_id": "b" * 32,
                    "assessment_id": "S-0001",
                    "worker_ref": "DESK-001",
                    "organisation": "Sample Manufacturing Ltd",
                    "input_layout": "flat",
                    "input_json": {"assessment_id": "S-0001", "worker_ref": "DESK-001"},
                },
            ],
        )
    engine.dispose()
    s = Store(store_url)
    from assessments.store import current_revision

    assert current_revision(s.engine) == head_revision()
    assert list(s.search(Filters(text="ilkay işık"))["record_id"]) == ["a" * 32]
    assert list(s.search(Filters(samples=True))["record_id"]) == ["b" * 32]
    assert s.has_held_data() and seed_if_empty(s) == 0
    # The record saved without an id got one, in the column and in the stored input.
    got = s.get("a" * 32)
    assert got.ref.assessment_id == got.assessment.header.assessment_id == "ERG-2026-000001"
    assert s.get("a" * 32, 1).assessment.header.assessment_id == "ERG-2026-000001"
    assert s.get("b" * 32).ref.assessment_id == "S-0001"  # a given id is kept
    nxt = s.save(person("W2")).assessment_id
    assert nxt == ("ERG-2026-000002" if YEAR == 2026 else f"ERG-{YEAR}-000001")
    s.close()
