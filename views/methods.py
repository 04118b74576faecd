"""Each method: what it measures, its bands and sources (from scoring.METHODS)."""

import streamlit as st

import scoring

st.title("Methods")
st.write(
    "Every factor is scored by a published method; the band edges and their sources are "
    "listed here exactly as the scoring uses them."
)
for method in scoring.METHODS.values():
    with st.expander(f"{method.factor_title} — {method.title}", expanded=False):
        st.markdown(f"**Edition:** {method.edition}")
        st.write(method.summary)
        st.markdown(f"**Native value:** {method.native}")
        st.table(
            {
                "band": [b for b, _ in method.scale.describe()],
                "range": [r for _, r in method.scale.describe()],
            }
        )
        st.caption(method.band_basis)
        st.markdown("**References**")
        for ref in method.references:
            st.markdown(f"- {ref}")
