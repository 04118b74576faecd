"""Migrations 0010-0013 run the narrow table's trigger SQL they ran before it was shared.

``migrations/dash_triggers.py`` holds the trigger SQL those four revisions once each wrote
out. ``tests/data/migration_dash_triggers.json`` is what the written-out copies returned
(taken from them before they were replaced, commit c732cd6): for each revision, its
SQLite triggers, PostgreSQL trigger functions and ``bands_key`` expression for the factor
columns before and after it, its transition clauses and its data-version function. A
change to the helper that would change what an old revision runs fails here.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from migrations import dash_triggers as dash

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = ROOT / "migrations" / "versions"
PINNED = json.loads((ROOT / "tests" / "data" / "migration_dash_triggers.json").read_text())


def _revision(stem: str):
    spec = importlib.util.spec_from_file_location(f"_revision_{stem}", VERSIONS / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("stem", sorted(PINNED))
def test_revision_runs_the_trigger_sql_it_wrote_out(stem):
    revision = _revision(stem)
    pinned = PINNED[stem]
    for name in ("BEFORE", "FACTORS"):
        if name not in pinned:
            continue
        factors = getattr(revision, name)
        big = revision.BIGINT_KEY
        assert dash.sqlite_triggers(factors, bigint_key=big) == pinned[name]["sqlite"]
        assert dash.pg_functions(factors, bigint_key=big) == pinned[name]["postgresql"]
        if "bands_key" in pinned[name]:
            key = dash.expressions("", factors, bigint_key=big)["bands_key"]
            assert key == pinned[name]["bands_key"]
        if "backfill" in pinned[name]:
            backfill = dash.insert_sql("a.", "assessment a", factors, bigint_key=big)
            assert backfill == pinned[name]["backfill"]
    assert pinned["pg_transition"] == dash.PG_TRANSITION
    assert pinned["pg_bump"] == dash.PG_BUMP


def test_only_the_key_arithmetic_tells_0011_from_0012_apart():
    """0012 sums the key in 64-bit arithmetic; the rest of the SQL is 0011's."""
    factors = _revision("0011_office_workstation").FACTORS
    narrow = dash.expressions("NEW.", factors, bigint_key=False)
    wide = dash.expressions("NEW.", factors, bigint_key=True)
    assert {c for c in narrow if narrow[c] != wide[c]} == {"bands_key"}
    assert "CAST(8 AS BIGINT)" in wide["bands_key"] and "CAST" not in narrow["bands_key"]
