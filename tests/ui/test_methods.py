"""AppTest: the Methods page is generated from scoring.METHODS and the field declarations."""

import math
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import scoring
from reports.bibliography import citations
from scoring import registry

PAGE = Path(__file__).resolve().parents[2] / "views" / "methods.py"
METHODS = list(scoring.METHODS.values())


@pytest.fixture(scope="module")
def at():
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    return at


def section(at, method):
    """Return the expander of one method."""
    return next(e for e in at.expander if e.label == f"{method.factor_title} — {method.title}")


def shown(text) -> str:
    """Return text as a reader sees it: the page escapes Markdown punctuation."""
    return re.sub(r"\\(.)", r"\1", str(text))


def table(element):
    """Return a shown table as {column: [text]}."""
    df = element.value
    return {c: [shown(v) for v in df[c]] for c in df.columns}


def markdown(box) -> str:
    return "\n".join(shown(md.value) for md in box.markdown)


def test_page_lists_every_registered_method(at):
    assert at.title[0].value == "Methods"
    assert [e.label for e in at.expander] == [f"{m.factor_title} — {m.title}" for m in METHODS]
    overview = table(at.table[0])
    assert overview["factor"] == [m.factor_title for m in METHODS]


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_each_method_shows_edition_summary_basis_and_references(at, method):
    box = section(at, method)
    text = markdown(box)
    for part in (method.edition, method.summary, method.native, method.band_basis):
        assert part in text
    for ref in citations(method.references):
        assert f"- {ref}" in "\n".join(md.value for md in box.markdown)  # URLs unescaped


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_thresholds_come_from_the_registry(at, method):
    tables = section(at, method).table
    criteria = getattr(registry.factor(method.factor).module, "CRITERIA", None)
    if criteria is None:
        bands = table(tables[0])
        assert list(zip(bands["band"], bands["range"], strict=True)) == method.scale.describe()
    else:
        # L&I factors band by criteria (their scale is on the index): the criteria table.
        crit = table(tables[0])
        assert crit["criterion"] == [c.label for c in criteria]
        for c, caution in zip(criteria, crit["caution zone"], strict=True):
            expected = "—" if math.isinf(c.caution_h) else f"more than {c.caution_h:g} h/day"
            assert caution.startswith(expected)


def test_inputs_carry_the_form_labels_units_ranges_and_help(at):
    text = markdown(section(at, scoring.METHODS["workstation_height"]))
    assert (
        "- **Stature** `stature_cm` · >= 120 and <= 220 cm — Standing height without shoes, "
        "back against a wall, looking straight ahead." in text
    )
    assert "- **Sex** `sex` · one of: female, male, unspecified" in text
    assert "- **Lumbar support** `lumbar_support` · yes / no" in text
    lifting = markdown(section(at, scoring.METHODS["niosh_rnle"]))
    assert "- **H at origin** `h_origin_cm` · >= 0 and <= 200 cm" in lifting
    # Inputs the form does not declare (derived ones) are named apart.
    assert "`seat_edge_h`" in section(at, scoring.METHODS["contact_stress"]).caption[0].value


def test_the_hammering_criterion_states_its_rates(at):
    crit = table(section(at, scoring.METHODS["contact_stress"]).table[0])
    k = crit["criterion"].index("Hand or knee used as a hammer")
    assert crit["caution zone"][k] == "more than 2 h/day (> 10 impacts/h); WAC 296-62-05105 item 9"
    assert crit["hazard zone"][k] == (
        "more than 2 h/day (> 60 impacts/h); "
        "WAC 296-62-05174 Appendix B (Hazard Zone Jobs Checklist), repeated impact"
    )
