"""The command-line entry: score, validate, template, schema; bad input exits non-zero."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

import cli
from assessments import io
from benchmarks.synthetic import synthetic_frame

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def test_score_json_example_with_full_detail(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert cli.main(["score", str(EXAMPLES / "warehouse-lifting.json"), "-o", str(out)]) == 0
    doc = json.loads(out.read_text())
    lifting = next(f for f in doc[0]["factors"] if f["factor"] == "lifting")
    assert lifting["native"]["label"] == "CLI" and lifting["band"] == "very high"
    assert doc[0]["overall"]["band"] == "very high"
    assert any(r["effect"] for r in doc[0]["recommendations"])


def test_score_csv_to_csv_in_chunks(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    synthetic_frame(250, seed=2).to_csv(src, index=False)
    assert cli.main(["score", str(src), "-o", str(dst), "--chunksize", "100"]) == 0
    out = pd.read_csv(dst)
    assert len(out) == 250
    assert {"lifting.native", "lifting.band", "lifting.index", "overall.band"} <= set(out.columns)
    assert out["overall.band"].isin(["low", "moderate", "high", "very high"]).all()


def test_bad_row_exits_1_with_one_line_per_problem_and_writes_nothing(tmp_path, capsys):
    df = synthetic_frame(250, seed=2).astype(object)
    df.loc[150, "sitting.seated_h_per_day"] = 30
    df.loc[201, "lifting.task2.coupling"] = "grippy"
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    df.to_csv(src, index=False)
    assert cli.main(["score", str(src), "-o", str(dst), "--chunksize", "100"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert (
        "row 152: sitting.seated_h_per_day: seated_h_per_day == 30, must be >= 0 and <= 24 [h/day]."
        in err
    )
    assert (
        "row 203: lifting.task2.coupling: coupling == 'grippy', must be one of: good, fair, poor."
        in err
    )
    assert not dst.exists()
    assert not list(tmp_path.glob(".ergo-*"))


def test_validate_and_invalid_json(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"lifting": {"tasks": [{"load_kg": -1}]}}))
    assert cli.main(["validate", str(bad)]) == 1
    assert "load_kg == -1, must be > 0 and <= 200 [kg]." in capsys.readouterr().err
    assert cli.main(["validate", str(EXAMPLES / "office-desk.json")]) == 0


def test_template_and_schema_commands(tmp_path):
    t = tmp_path / "t.csv"
    assert cli.main(["template", "-o", str(t)]) == 0
    assert t.read_text() == io.csv_template()
    s = tmp_path / "s.json"
    assert cli.main(["schema", "-o", str(s)]) == 0
    assert json.loads(s.read_text())["version"] == "1.3"


def test_runs_as_a_module():
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "score", str(EXAMPLES / "office-desk.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "workstation.band" in proc.stdout.splitlines()[0]


# ------------------------------------------------------------------- PDF reports


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_pdf_dir_writes_one_report_per_assessment_named_by_its_id(tmp_path):
    items = [
        json.loads((EXAMPLES / f"{n}.json").read_text())
        for n in ("office-desk", "warehouse-lifting", "maintenance-vibration")
    ]
    src = tmp_path / "three.json"
    src.write_text(json.dumps({"schema_version": "1.0", "assessments": items}))
    out = tmp_path / "pdfs"
    assert cli.main(["score", str(src), "--pdf-dir", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["EX-MAINT-1.pdf", "EX-OFFICE-1.pdf", "EX-WAREHOUSE-1.pdf"]
    text = _pdf_text(out / "EX-WAREHOUSE-1.pdf")
    assert "CLI 3.96" in text and "Page 1 of" in text


def test_pdf_file_names_are_sanitised_unique_and_fall_back_to_the_row():
    used: set[str] = set()
    assert cli.pdf_file_name("EX-1", 1, used) == "EX-1.pdf"
    assert cli.pdf_file_name("ex-1", 2, used) == "ex-1-row-2.pdf"  # same name on Windows/macOS
    assert cli.pdf_file_name("../../etc/passwd", 3, used) == "etc_passwd.pdf"
    assert cli.pdf_file_name("Site A: desk 3/14", 4, used) == "Site_A_desk_3_14.pdf"
    assert cli.pdf_file_name("Łódź-7", 5, used) == "Łódź-7.pdf"
    assert cli.pdf_file_name("", 6, used) == "row-00006.pdf"
    assert cli.pdf_file_name("///", 7, used) == "row-00007.pdf"
    assert cli.pdf_file_name(".hidden", 8, used) == "hidden.pdf"
    assert cli.pdf_file_name("CON", 9, used) == "CON-row-9.pdf"


def test_csv_input_writes_pdfs_and_a_summary_and_the_table_only_with_o(tmp_path, capsys):
    df = synthetic_frame(6, seed=4).astype(object)
    df.loc[2, "assessment_id"] = ""
    df.loc[3, "assessment_id"] = "SYN-1"  # a duplicate id
    src = tmp_path / "in.csv"
    df.to_csv(src, index=False)
    pdfs, summary = tmp_path / "pdfs", tmp_path / "summary.pdf"
    args = ["score", str(src), "--pdf-dir", str(pdfs), "--summary-pdf", str(summary)]
    assert cli.main([*args, "--summary-title", "Six jobs"]) == 0
    assert capsys.readouterr().out == ""  # no -o: the PDFs are the output
    names = sorted(p.name for p in pdfs.iterdir())
    assert len(names) == 6 and "row-00003.pdf" in names and "SYN-1-row-4.pdf" in names
    text = _pdf_text(summary)
    assert "Six jobs" in text and "Assessments 6" in text and "SYN-0" in text
    table = tmp_path / "out.csv"
    assert cli.main([*args, "-o", str(table)]) == 0
    assert len(pd.read_csv(table)) == 6


def test_summary_pdf_alone_reads_a_csv_in_chunks(tmp_path):
    src = tmp_path / "in.csv"
    synthetic_frame(250, seed=2).to_csv(src, index=False)
    dst = tmp_path / "s.pdf"
    assert cli.main(["score", str(src), "--summary-pdf", str(dst), "--chunksize", "100"]) == 0
    text = _pdf_text(dst)
    assert "Assessments 250" in text and "Summary of in.csv" in text


def test_bad_row_writes_no_pdf_and_no_summary(tmp_path, capsys):
    df = synthetic_frame(120, seed=2).astype(object)
    df.loc[100, "sitting.seated_h_per_day"] = 30
    src = tmp_path / "in.csv"
    df.to_csv(src, index=False)
    pdfs, summary = tmp_path / "pdfs", tmp_path / "s.pdf"
    assert cli.main(["score", str(src), "--summary-pdf", str(summary), "--chunksize", "50"]) == 1
    assert "row 102: sitting.seated_h_per_day" in capsys.readouterr().err
    assert cli.main(["score", str(src), "--pdf-dir", str(pdfs)]) == 1
    assert "row 102: sitting.seated_h_per_day" in capsys.readouterr().err
    assert not summary.exists() and not pdfs.exists()


def test_long_pdf_runs_show_a_progress_bar_on_stderr(tmp_path, capsys, monkeypatch):
    import reports.pdf

    monkeypatch.setattr(reports.pdf, "assessment_pdf", lambda a, r, **kw: b"%PDF-stub")
    src = tmp_path / "in.csv"
    synthetic_frame(cli.PROGRESS_MIN_ITEMS + 1, seed=5).to_csv(src, index=False)
    assert cli.main(["score", str(src), "--pdf-dir", str(tmp_path / "p")]) == 0
    err = capsys.readouterr().err
    assert "PDF reports" in err and "100%" in err
    small = tmp_path / "small.csv"
    synthetic_frame(3, seed=5).to_csv(small, index=False)
    assert cli.main(["score", str(small), "--pdf-dir", str(tmp_path / "q")]) == 0
    assert "PDF reports:" not in capsys.readouterr().err


# ------------------------------------------------------------------ the database


def test_import_saves_a_csv_and_export_writes_it_back(store_url, tmp_path, capsys):
    from assessments.store import Filters, Store

    src = tmp_path / "in.csv"
    df = synthetic_frame(120, seed=6)
    df.loc[0, "job_title"] = "=1+1"
    df.to_csv(src, index=False)
    assert cli.main(["import", str(src), "--url", store_url, "-q"]) == 0
    assert "saved 120 assessment(s) from in.csv" in capsys.readouterr().err
    store = Store(store_url)
    assert store.count() == 120
    leeds = store.count(Filters(sites=("Leeds",)))
    out = tmp_path / "leeds.csv"
    assert cli.main(["export", "-o", str(out), "--site", "Leeds", "--url", store_url]) == 0
    back = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(back) == leeds and set(back["site"]) == {"Leeds"}
    assert "'=1+1" in set(back["job_title"]) or df.loc[0, "site"] != "Leeds"
    xlsx = tmp_path / "all.xlsx"
    assert cli.main(["export", "-o", str(xlsx), "--url", store_url]) == 0
    assert len(pd.read_excel(xlsx)) == 120
    # An Excel file imports too (dates arrive as datetimes).
    assert cli.main(["import", str(xlsx.with_name("none.txt")), "--url", store_url]) == 1
    store.close()


def test_import_of_a_bad_file_exits_1_one_line_per_problem_and_saves_nothing(
    store_url, tmp_path, capsys
):
    from assessments.store import Store

    df = synthetic_frame(250, seed=2).astype(object)
    df.loc[150, "sitting.seated_h_per_day"] = 30
    df.loc[201, "lifting.task2.coupling"] = "grippy"
    src = tmp_path / "in.csv"
    df.to_csv(src, index=False)
    assert cli.main(["import", str(src), "--url", store_url, "-q"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert (
        "row 152: sitting.seated_h_per_day: seated_h_per_day == 30, must be >= 0 and <= 24 [h/day]."
        in err
    )
    assert (
        "row 203: lifting.task2.coupling: coupling == 'grippy', must be one of: good, fair, poor."
        in err
    )
    assert err[-1].endswith("problem(s): nothing was saved.")
    assert Store(store_url).count() == 0


def test_import_xlsx(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    src = tmp_path / "in.xlsx"
    synthetic_frame(30, seed=9).to_excel(src, index=False)
    assert cli.main(["import", str(src), "--url", url, "-q"]) == 0
    from assessments.store import Store

    assert Store(url).count() == 30


def test_db_upgrade_and_seed_if_empty_use_the_default_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ERGO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert cli.main(["db", "upgrade"]) == 0
    from assessments.store import Store, head_revision

    head = head_revision()
    assert f"schema revision {head} (head {head}), 0 record(s)" in capsys.readouterr().out
    assert (tmp_path / "data" / "ergo.db").exists()
    assert cli.main(["db", "seed-if-empty"]) == 0
    assert "loaded 360 sample assessment(s)" in capsys.readouterr().err
    assert cli.main(["db", "seed-if-empty"]) == 0
    assert "once held, assessments: no sample data loaded" in capsys.readouterr().err
    assert cli.main(["db", "status"]) == 0
    assert "360 record(s), of which 360 sample(s)" in capsys.readouterr().out

    s = Store()
    assert s.count() == 360 and len(s.sites()) == 4
    repeat = s.search(limit=None)["worker_ref"].value_counts()
    assert (repeat >= 2).sum() >= 20  # re-assessed subjects for the compare view


def test_item_04_pdf_dir_on_every_core_writes_the_files_of_the_single_process_path(tmp_path):
    src = tmp_path / "nine.csv"
    df = synthetic_frame(9, seed=4)
    df.loc[3, "assessment_id"] = df.loc[4, "assessment_id"]  # a repeated id gets its row number
    df.loc[5, "assessment_id"] = ""
    df.to_csv(src, index=False)
    one, many = tmp_path / "one", tmp_path / "many"
    assert cli.main(["score", str(src), "--pdf-dir", str(one), "--workers", "1"]) == 0
    assert cli.main(["score", str(src), "--pdf-dir", str(many), "--workers", "2"]) == 0
    names = sorted(p.name for p in one.iterdir())
    assert len(names) == 9 and "row-00006.pdf" in names and "SYN-4-row-5.pdf" in names
    assert sorted(p.name for p in many.iterdir()) == names
    for name in names:  # each file holds the same assessment's report
        assert _pdf_text(one / name) == _pdf_text(many / name)
