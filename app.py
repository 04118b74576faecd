"""Ergo: the router. Page config, the page list for the person's role, the shared sidebar."""

import streamlit as st

from views import components, identity
from views.navigation import pages_for

st.set_page_config(page_title="Ergo — ergonomics assessment", page_icon="🪑", layout="wide")


person = identity.principal()
# Every page stays listed (Streamlit folds a long list behind "View more" otherwise).
page = st.navigation(pages_for(person), expanded=True)
open_address = identity.served_openly()
if open_address:
    st.warning(
        f"**Ergo is served on {open_address} without sign-in.** Anyone who can reach this "
        "address can read and change every saved assessment. Serve it on localhost, or set "
        "up sign-in (docs/organisation.md).",
        icon=":material/warning:",
    )
with st.sidebar:
    st.markdown("**Ergo** · workplace ergonomics assessment")
    for line in identity.mode_lines(person):
        # Escaped: a path or an e-mail address is text, not Markdown or a mailto link.
        st.caption(components.md(line))
    if person is not None and not person.local:
        st.button("Sign out", on_click=st.logout, icon=":material/logout:")
try:
    page.run()
except PermissionError as exc:  # the scoped store refused: say what and why, not a traceback
    st.error(str(exc), icon=":material/block:")
