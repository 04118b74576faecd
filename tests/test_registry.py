"""The method registry is the one list of factors: everything that shows a factor walks it.

Checks that every registered factor reaches the form, the batch columns, the Methods page,
the PDF and the profile, and that no module outside ``scoring/`` names a factor id.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments import model as m
from assessments.batch import score_frame
from assessments.evaluate import score_assessment
from assessments.fields import fields_of
from benchmarks.synthetic import synthetic_frame
from reports.pdf import assessment_pdf
from reports.profile import profile_chart
from scoring import registry
from scoring.results import MethodInfo
from tests.reports.conftest import REPORT_DATE, flat, load_example, pages_text
from views import new_assessment

ROOT = Path(__file__).resolve().parents[1]
IDS = registry.FACTOR_IDS
# Model declaration files: they declare the JSON document's sections, whose names
# ("workstation", "lifting") coincide with some factor ids; that is the model's vocabulary.
MODEL_DECLARATIONS = {"assessments/model.py", "assessments/fields.py", "assessments/rules.py"}


@pytest.mark.parametrize("factor", registry.FACTORS, ids=IDS)
def test_record_is_complete(factor):
    assert isinstance(factor.method, MethodInfo)
    assert factor.method.factor == factor.id
    assert factor.title and factor.plain_title
    assert factor.section in m.SECTIONS
    assert factor.list_scope is None or factor.list_scope.startswith(factor.section + ".")
    assert factor.references, "every method cites its sources"
    assert callable(factor.recommend) and callable(factor.triggered)


def test_ids_are_unique_and_unknown_ids_name_the_valid_ones():
    assert len(set(IDS)) == len(IDS)
    with pytest.raises(KeyError, match="must be one of: workstation, sitting"):
        registry.factor("posture")


@pytest.mark.parametrize("factor", registry.FACTORS, ids=IDS)
def test_every_factor_has_a_form_tab_with_its_inputs(factor):
    assert factor.section in new_assessment.tab_ids()
    declared = {s.name for s in fields_of(factor.section)}
    if factor.list_scope:
        declared |= {s.name for s in fields_of(factor.list_scope)}
    # Each section declares the inputs its method reads (list items are adapted by name).
    assert declared & set(factor.method.inputs)


def test_every_factor_is_a_tab_on_the_page():
    at = AppTest.from_file(str(ROOT / "views" / "new_assessment.py"), default_timeout=30).run()
    assert not at.exception
    labels = " | ".join(t.label for t in at.tabs)
    for factor in registry.FACTORS:
        assert new_assessment.title_of(factor.section) in labels


def test_every_factor_has_its_batch_columns():
    out, problems = score_frame(synthetic_frame(50, seed=3))
    assert not problems
    for factor in registry.FACTORS:
        for name in ("native", "band", "index", "borderline", *factor.batch_columns):
            assert f"{factor.id}.{name}" in out.columns


def test_every_factor_is_on_the_methods_page():
    at = AppTest.from_file(str(ROOT / "views" / "methods.py"), default_timeout=30).run()
    assert not at.exception
    labels = {e.label for e in at.expander}
    for factor in registry.FACTORS:
        assert f"{factor.title} — {factor.method.title}" in labels


@pytest.mark.parametrize("name", ["office-desk", "warehouse-lifting", "maintenance-vibration"])
def test_every_factor_is_in_the_profile_and_the_pdf(name):
    a = load_example(name)
    result = score_assessment(a)
    assert [b.factor for b in profile_chart(result).bars] == list(IDS)
    text = flat(" ".join(pages_text(assessment_pdf(a, result, generated=REPORT_DATE))))
    for factor in registry.FACTORS:
        assert factor.title in text


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def test_no_module_outside_scoring_names_a_factor_id():
    files = [ROOT / "app.py", ROOT / "cli.py"]
    for package in ("assessments", "reports", "views"):
        files += sorted((ROOT / package).rglob("*.py"))
    offenders = {}
    for f in files:
        rel = f.relative_to(ROOT).as_posix()
        if rel in MODEL_DECLARATIONS:
            continue
        named = _string_constants(f) & set(IDS)
        if named:
            offenders[rel] = sorted(named)
    assert not offenders
