"""Data flows one way (STYLE.md): views -> assessments -> scoring; reports -> scoring.

Scoring is pure: it imports no pandas, no Streamlit, nothing of the other
packages, and does no I/O.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "scoring": {
        "assessments",
        "reports",
        "views",
        "pandas",
        "streamlit",
        "plotly",
        "reportlab",
        "sqlalchemy",
        "pydantic",
        "app",
        "cli",
    },
    "assessments": {"reports", "views", "streamlit", "plotly", "reportlab", "app", "cli"},
    "reports": {"views", "streamlit", "app", "cli"},
    # Words for results: read by assessments (the presented result) and reports.
    "presentation": {
        "assessments",
        "reports",
        "views",
        "pandas",
        "streamlit",
        "plotly",
        "reportlab",
        "sqlalchemy",
        "app",
        "cli",
    },
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_flow_one_way(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no modules"
    for f in files:
        bad = _imports(f) & FORBIDDEN[package]
        assert not bad, f"{f.relative_to(ROOT)} imports {sorted(bad)}"


def test_scoring_does_no_io():
    for f in sorted((ROOT / "scoring").rglob("*.py")):
        text = f.read_text(encoding="utf-8")
        for call in ("open(", "read_text(", "write_text(", "print("):
            assert call not in text, f"{f.relative_to(ROOT)} calls {call}"
