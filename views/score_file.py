"""Score a file of assessments (JSON, or CSV or Excel in the flat layout)."""

import streamlit as st

from assessments import names
from views import services

st.title("Score a file")
st.write(
    "Upload assessments as JSON, or as CSV or Excel in the flat layout. Every row is validated "
    "first; if any row is wrong, nothing is scored and each problem is listed."
)
st.download_button(
    "Download the CSV template",
    services.template_csv(),
    file_name="ergo-assessments-template.csv",
    mime="text/csv",
)
upload = st.file_uploader("Assessments file", type=["json", "csv", "xlsx"], key="score_file.upload")
if upload is not None:
    table, problems = services.score_upload(upload.name, upload.getvalue())
    if problems is not None:
        st.error(f"{len(problems)} problem(s): nothing was scored.")
        st.dataframe(problems, hide_index=True, width="stretch")
    else:
        st.success(f"{len(table)} assessment(s) scored.")
        st.dataframe(table, hide_index=True, width="stretch")
        if not upload.name.lower().endswith(".json"):
            store = services.store()
            known = {k: set(store.names(k)) for k in names.KINDS}
            # Only against a list the organisation has started: else every name is "new".
            unknown = {
                k: rows
                for k, rows in names.unknown_names(table, known, first_row=2).items()
                if known[k[0]]
            }
            if unknown:
                st.warning(
                    "Some sites or departments in this file are not on the organisation's "
                    "lists. Scoring does not save anything; importing the file asks what each "
                    "one is before it is saved.",
                    icon=":material/warning:",
                )
                st.dataframe(names.unknown_frame(unknown, known), hide_index=True, width="stretch")
        st.download_button(
            "Download results (CSV)",
            services.results_csv(table),
            file_name="ergo-results.csv",
            mime="text/csv",
        )
