"""Every citation resolves inside the repository, in the one bibliography."""

import re
from pathlib import Path

import pytest

import scoring
from reports import bibliography

ROOT = Path(__file__).resolve().parents[1]
CITE = re.compile(r"\bbib:([a-z0-9][a-z0-9.-]*[a-z0-9])")
CODE = [
    p
    for d in ("scoring", "assessments", "reports", "views", "tests")
    for p in (ROOT / d).rglob("*.py")
] + [ROOT / "app.py", ROOT / "cli.py"]


def test_every_entry_has_text_and_no_third_party_link_is_printed():
    for key, ref in bibliography.entries().items():
        assert ref.text.strip(), key
        for host in ("studylib", "homeworksource", "scribd", "vdocuments", "jurassic", "ramsgen"):
            assert host not in ref.citation(), f"{key}: {host} is a copy, not a source"


@pytest.mark.parametrize("method", list(scoring.METHODS.values()), ids=lambda m: m.id)
def test_method_references_are_bibliography_keys(method):
    assert method.references, method.id
    for key in method.references:
        assert key in bibliography.entries(), f"{method.id}: {key} not in the bibliography"


def test_bib_citations_in_code_resolve():
    missing = {
        (path.relative_to(ROOT).as_posix(), key)
        for path in CODE
        for key in CITE.findall(path.read_text(encoding="utf-8"))
        if key not in bibliography.entries()
    }
    assert not missing, sorted(missing)


def test_unknown_key_names_the_file():
    with pytest.raises(KeyError, match=r"bibliography\.toml"):
        bibliography.get("no-such-source-1900")
