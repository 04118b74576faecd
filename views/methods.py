"""Each method: what it measures, its inputs, thresholds and sources (from scoring.METHODS).

Everything here is read from the registry the scoring uses and from the model's field
declarations, so the page cannot drift from the numbers: the bands are the method's
``BandScale``, the L&I factors' criteria are their modules' ``CRITERIA``.
"""

import math
import re

import streamlit as st

import scoring
from assessments.fields import fields_of
from reports import bibliography
from scoring import registry


def _escape(text: str) -> str:
    """Return text with Markdown punctuation escaped (st.table and st.markdown read Markdown)."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", str(text))


def _table(columns: dict[str, list[str]]) -> None:
    """Draw a static table of plain text (a leading ">" would otherwise start a quote)."""
    st.table({k: [_escape(v) for v in col] for k, col in columns.items()}, hide_index=True)


def _inputs(method) -> tuple[list[str], list[str]]:
    """Return one line per input the form declares (label, name, range, help), and the rest."""
    record = registry.factor(method.factor)
    scopes = [record.section, record.list_scope]
    specs = {f.name: f for scope in scopes if scope for f in fields_of(scope)}
    lines = []
    for f in (specs[name] for name in method.inputs if name in specs):
        if f.kind == "flag":
            allowed = "yes / no"
        elif f.unit:  # ">= 0 and <= 24 [h/day]" -> ">= 0 and <= 24 h/day"
            allowed = f"{f.bounds_text().removesuffix(f' [{f.unit}]')} {f.unit}"
        else:
            allowed = f.bounds_text()
        line = f"- **{_escape(f.title)}** `{f.name}` · {_escape(allowed)}"
        lines.append(line + (f" — {_escape(f.help)}" if f.help else ""))
    return lines, [name for name in method.inputs if name not in specs]


def _zone(h: float, condition: str, ref: str) -> str:
    """Return one L&I zone threshold in words with its source, "—" where there is none."""
    if math.isinf(h):
        return "—"
    return f"more than {h:g} h/day" + (f" ({condition})" if condition else "") + f"; {ref}"


def _criteria_table(criteria) -> dict[str, list[str]]:
    """Return the L&I criteria as columns: criterion, caution zone, hazard zone (with sources)."""
    return {
        "criterion": [c.label for c in criteria],
        "caution zone": [_zone(c.caution_h, c.caution_if, c.caution_ref) for c in criteria],
        "hazard zone": [_zone(c.hazard_h, c.hazard_if, c.hazard_ref) for c in criteria],
    }


st.title("Methods")
st.write(
    "Every factor is scored by a published method. This page is generated from the same "
    "registry the scoring uses (`scoring.METHODS`) and from the form's field declarations: "
    "the inputs, band edges, criteria and sources below are exactly the ones applied. "
    "Where the project had to choose (a band edge a standard does not give), the text says "
    "*project rule*."
)
methods = list(scoring.METHODS.values())
_table(
    {
        "factor": [m.factor_title for m in methods],
        "method": [m.title for m in methods],
        "native value": [m.native for m in methods],
    }
)
st.caption(
    "Every factor is also placed on a 0–100 risk index for the profile chart: low 0–25, "
    "moderate 25–50, high 50–75, very high 75–100. Factors are never averaged: the overall "
    "result is the worst factor."
)

for method in methods:
    with st.expander(f"{method.factor_title} — {method.title}"):
        st.markdown(f"**Edition:** {_escape(method.edition)}")
        st.markdown(_escape(method.summary))
        st.markdown(f"**Native value:** {_escape(method.native)}")

        st.markdown("**Inputs**")
        lines, derived = _inputs(method)
        st.markdown("\n".join(lines))
        if derived:
            st.caption(
                "Also read, derived from the inputs above or from another section: "
                + ", ".join(f"`{name}`" for name in derived)
                + "."
            )

        criteria = getattr(registry.factor(method.factor).module, "CRITERIA", None)
        if criteria:
            # The L&I factors band by criteria; their BandScale is on the risk index itself.
            st.markdown("**Criteria (Washington L&I caution and hazard zones)**")
            _table(_criteria_table(criteria))
        else:
            st.markdown(f"**Bands** ({_escape(method.native)})")
            rows = method.scale.describe()
            _table({"band": [b for b, _ in rows], "range": [r for _, r in rows]})
        st.markdown("**How the bands are set**")
        st.markdown(_escape(method.band_basis))

        if method.unconfirmed:
            st.markdown("**Not confirmed against the primary source**")
            st.markdown("\n".join(f"- {_escape(u)}" for u in method.unconfirmed))

        st.markdown("**References**")  # as written: an escaped "_" would break a URL
        st.markdown("\n".join(f"- {ref}" for ref in bibliography.citations(method.references)))
