"""Who is using the app and where their data is: mode, signed-in person, the scoped store.

*Local mode* (no ``[auth]`` in ``.streamlit/secrets.toml``): one person, every right.
*Organisation mode*: Streamlit's OpenID Connect sign-in (``st.login``/``st.user``);
the person's role and sites come from the database (:mod:`assessments.access`).
Every page gets its store through :func:`scoped_store`, so every query is scoped.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
import streamlit as st

from assessments import access

LOOPBACK = {"localhost", "127.0.0.1", "::1"}
PRINCIPAL = "identity.principal"  # session key: the Principal of this run
_log = logging.getLogger("ergo")
_warned: set[str] = set()  # addresses already logged by this process


def _secrets() -> dict:
    try:
        return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
    except Exception:  # an unreadable secrets file: treated as none, and said so in the log
        _log.exception("could not read .streamlit/secrets.toml; running in local mode")
        return {}


def auth_configured() -> bool:
    """Return True when sign-in is configured (an ``[auth]`` section in the secrets)."""
    return bool(_secrets().get("auth"))


def default_role() -> str:
    """Return the role of a person who signs in without one ([ergo] default_role; employee)."""
    return str(_secrets().get("ergo", {}).get("default_role", "employee"))


def _raw_store():
    from views.services import raw_store

    return raw_store()


def principal() -> access.Principal | None:
    """Return the person this run acts for; None in organisation mode before sign-in.

    Looked up afresh on every run, so a role change applies at the person's next click.
    """
    if not auth_configured():
        p = access.local_principal()
    elif not st.user.is_logged_in:
        p = None
    else:
        email = getattr(st.user, "email", None)
        if not email:
            st.error(
                "Your identity provider did not send an e-mail address, which Ergo needs to "
                "find your role. Ask your administrator to add the email claim."
            )
            st.stop()
        p = access.principal_for(_raw_store().engine, str(email), default_role=default_role())
    st.session_state[PRINCIPAL] = p
    return p


def current() -> access.Principal | None:
    """Return this run's Principal (looked up when a page runs on its own)."""
    if PRINCIPAL not in st.session_state:
        return principal()
    return st.session_state[PRINCIPAL]


def scoped_store() -> access.ScopedStore:
    """Return the store as the signed-in person may use it; stop the page before sign-in."""
    p = current()
    if p is None:
        st.warning("Please sign in first.")
        st.stop()
    return access.ScopedStore(_raw_store(), p)


def data_location(url: str) -> str:
    """Return where the data is, in words, without any password."""
    u = sa.engine.make_url(url)
    if u.get_backend_name() == "sqlite":
        return f"a SQLite file on the computer running Ergo: {u.database}"
    host = u.host or "localhost"
    port = f":{u.port}" if u.port else ""
    return f"a shared {u.get_backend_name()} database at {host}{port}/{u.database}"


def mode_lines(p: access.Principal | None) -> list[str]:
    """Return the sidebar's true lines: the mode, who is signed in, where the data is."""
    where = data_location(_raw_store().url)
    if p is None or not p.local:
        who = f"Signed in as {p.email}, {p.describe()}." if p else "Not signed in."
        return [
            "Organisation mode: sign-in through your organisation's identity provider.",
            who,
            f"Data: {where}.",
        ]
    return [
        "Local mode: no sign-in; everyone who can open this page sees every record.",
        f"Data: {where}.",
    ]


def served_openly() -> str | None:
    """Return the address when the app listens beyond this computer without sign-in, else None."""
    if auth_configured():
        return None
    address = str(st.get_option("server.address") or "")
    if address in LOOPBACK:
        return None
    shown = address or "every network interface"
    if shown not in _warned:  # once per process, for the server's log
        _warned.add(shown)
        _log.warning(
            "Ergo is served on %s without sign-in: anyone who can reach it can read and "
            "change every record. Configure [auth] in .streamlit/secrets.toml "
            "(docs/organisation.md) or serve on localhost.",
            shown,
        )
    return shown


def desk_privacy_line() -> str:
    """Return Check my desk's true sentence about what happens to the answers."""
    p = current()
    if p is not None and p.local:
        return "In local mode your answers are not saved or sent anywhere."
    return (
        "When you press Save, your check is kept under your name in your organisation's "
        "Ergo database; your answers about aches and pains are kept only if you tick the box."
    )
