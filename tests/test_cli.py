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
        "row 151: sitting.seated_h_per_day: seated_h_per_day == 30, must be >= 0 and <= 24 [h/day]."
        in err
    )
    assert (
        "row 202: lifting.task2.coupling: coupling == 'grippy', must be one of: good, fair, poor."
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
    assert json.loads(s.read_text())["version"] == "1.0"


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
