"""Numbers in scoring, words outside (STYLE.md convention 8; issue 13 point 2).

A method module in ``scoring/`` returns numbers with their units; the sentences a user
reads (why, drivers, table cells, duration formatting, advice) live in ``presentation/``
(or, for advice, in the recommendations catalogue). These checks read each method
module's source with ``ast``, so a sentence or a presenting function put back into a
method fails here whatever it returns at run time.

The one place a method may hold prose is its description: what is passed to its
``MethodInfo(...)`` record (summary, band basis, unconfirmed values), which the Methods
page and the PDF's method section print.

Words sit above numbers, so no module of ``scoring/`` imports ``presentation/``. The one
exception is the recommendations catalogue (its advice text lives in scoring by the method
contract, and its what-ifs name a daily time limit), which may take the duration format
from ``presentation.formatting`` and nothing else of that layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scoring import registry

ROOT = Path(__file__).resolve().parents[1]
SCORING = ROOT / "scoring"
# Modules of scoring/ that are not methods: the bands, the result objects, the registry,
# the engine and the recommendations catalogue.
NOT_METHODS = {
    "__init__",
    "bands",
    "engine",
    "recommendations",
    "registry",
    "results",
}
METHOD_MODULES = sorted(p for p in SCORING.glob("*.py") if p.stem not in NOT_METHODS)
# Names a method module may not define at module level: these build presented results.
PRESENTING_NAMES = {"factor_result", "why", "drivers", "zone_factor_result", "limit_sentence"}
# Result objects only the presentation layer builds.
PRESENTED_OBJECTS = {"FactorResult", "DetailTable"}


def _is_sentence(text: str) -> bool:
    """Return whether a string literal reads as a sentence: 3+ words ending in . ! or ?."""
    return len(text.split()) >= 3 and text.rstrip().endswith((".", "!", "?"))


def _description_names(trees: dict[str, ast.Module]) -> set[str]:
    """Return the names passed (directly or as ``module.NAME``) into any MethodInfo call."""
    names = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "MethodInfo":
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Name):
                        names.add(sub.id)
                    elif isinstance(sub, ast.Attribute):
                        names.add(sub.attr)
    return names


def _sentences(tree: ast.Module, allowed: set[str]) -> list[str]:
    """Return 'NAME: text' for each sentence in a module-level constant outside the description."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        else:
            continue
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if names & allowed or (
            isinstance(node.value, ast.Call)
            and (getattr(node.value.func, "id", "") == "MethodInfo")
        ):
            continue
        for sub in ast.walk(node.value):
            if (
                isinstance(sub, ast.Constant)
                and isinstance(sub.value, str)
                and (_is_sentence(sub.value))
            ):
                found.append(f"{', '.join(sorted(names))}: {sub.value[:60]!r}")
    return found


# scoring/ module -> the presentation modules it may import (see the module docstring).
PRESENTATION_ALLOWED = {"recommendations": {"presentation.formatting"}}


def _presentation_imports(tree: ast.Module) -> set[str]:
    """Return the presentation modules a module imports, at module level or inside a function."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "presentation":
                names = [f"presentation.{a.name}" for a in node.names]
        else:
            continue
        found |= {n for n in names if n == "presentation" or n.startswith("presentation.")}
    return found


TREES = {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in METHOD_MODULES}
DESCRIPTION = _description_names(TREES)


def test_every_registered_method_module_is_checked():
    """The walk covers each factor's module, so a new method cannot slip past."""
    checked = set(TREES)
    for factor in registry.FACTORS:
        assert factor.module.__name__.rsplit(".", 1)[-1] in checked


@pytest.mark.parametrize("name", sorted(TREES))
def test_method_module_defines_no_presenting_function(name):
    tree = TREES[name]
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    bad = defined & PRESENTING_NAMES
    assert not bad, f"scoring/{name}.py defines {sorted(bad)}: words go to presentation/{name}.py"


@pytest.mark.parametrize("name", sorted(TREES))
def test_method_module_builds_no_presented_result(name):
    imported = set()
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.ImportFrom):
            imported |= {a.name for a in node.names}
    bad = imported & PRESENTED_OBJECTS
    assert not bad, f"scoring/{name}.py imports {sorted(bad)}: only presentation/ builds them"


@pytest.mark.parametrize("name", sorted(TREES))
def test_method_module_holds_no_sentences(name):
    found = _sentences(TREES[name], DESCRIPTION)
    assert not found, f"scoring/{name}.py holds sentences outside its MethodInfo: {found}"


@pytest.mark.parametrize("path", sorted(SCORING.rglob("*.py")), ids=lambda p: p.stem)
def test_scoring_imports_no_presentation(path):
    found = _presentation_imports(ast.parse(path.read_text(encoding="utf-8")))
    bad = found - PRESENTATION_ALLOWED.get(path.stem, set())
    assert not bad, f"scoring/{path.name} imports {sorted(bad)}: words sit above the numbers"


def test_presentation_import_check_can_fail():
    """Every spelling of an import of the presentation layer is seen, a lazy one too."""
    for source, module in (
        ("import presentation.rosa", "presentation.rosa"),
        ("from presentation import formatting", "presentation.formatting"),
        ("from presentation.formatting import format_hours", "presentation.formatting"),
        ("def f():\n    from presentation.rosa import factor_result", "presentation.rosa"),
    ):
        assert _presentation_imports(ast.parse(source)) == {module}, source
    assert _presentation_imports(ast.parse("from scoring.results import Metric")) == set()


def test_the_checks_can_fail():
    """A module like the old ones (sentences, factor_result, DetailTable) is caught."""
    old = ast.parse(
        "from scoring.results import DetailTable, FactorResult\n"
        'ADVICE = {"kneeling": ("engineer", "Provide padded kneeling mats.", "Kneel on a mat.")}\n'
        'LABELS = {"kneeling": "Kneeling on a hard floor"}\n'
        "def factor_result(res, i=0):\n"
        '    return f"{res} exceeds the limit."\n'
    )
    assert _sentences(old, set()) == [
        "ADVICE: 'Provide padded kneeling mats.'",
        "ADVICE: 'Kneel on a mat.'",
    ]
    assert "factor_result" in {n.name for n in old.body if isinstance(n, ast.FunctionDef)}
    assert _description_names({"m": ast.parse('METHOD = MethodInfo(summary=BASIS + "x.")')}) == {
        "MethodInfo",
        "BASIS",
    }
