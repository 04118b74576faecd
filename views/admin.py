"""People and audit (admins only): roles and sites, the audit trail, archived records.

Every action here goes through :mod:`assessments.access`, which checks that the
signed-in person is an administrator and writes the audit event.
"""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from assessments import access, audit, names
from views import components, services, state

state.init()
ss = st.session_state
st.title("People and audit")
store = services.store()
me = store.principal
if not me.is_admin:
    st.error("Only an administrator can open this page.")
    st.stop()
if ss[state.ADMIN_MESSAGE]:
    st.success(ss[state.ADMIN_MESSAGE], icon=":material/check:")
    ss[state.ADMIN_MESSAGE] = None


def _grant() -> None:
    sites = tuple(s.strip() for s in (ss.get(state.ADMIN_SITES) or "").split(","))
    try:
        access.set_user(
            store.engine, ss.get(state.ADMIN_EMAIL) or "", ss[state.ADMIN_ROLE], sites, by=me.email
        )
    except ValueError as exc:
        ss[state.ADMIN_MESSAGE] = None
        ss[state.ADMIN_ERROR] = str(exc)
        return
    p = access.principal_for(store.engine, ss[state.ADMIN_EMAIL])
    ss[state.ADMIN_MESSAGE] = f"{p.email} is now {p.describe()}."


def _remove(email: str) -> None:
    access.remove_user(store.engine, email, by=me.email)
    ss[state.ADMIN_MESSAGE] = f"{email}: role removed (signs in as the default role)."


st.header("People")
people = access.users(store.engine)
st.dataframe(people.drop(columns=["created_at"]), hide_index=True, width="stretch")
with st.form("admin.grant"):
    st.text_input("E-mail", key=state.ADMIN_EMAIL, placeholder="name@example.org")
    st.selectbox("Role", access.ROLES, key=state.ADMIN_ROLE)
    st.text_input(
        "Sites (comma-separated; blank = every site for an officer or manager)",
        key=state.ADMIN_SITES,
    )
    st.form_submit_button("Grant role", on_click=_grant, type="primary")
if ss.get(state.ADMIN_ERROR):
    st.error(ss.pop(state.ADMIN_ERROR), icon=":material/error:")
if not people.empty:
    who = st.selectbox("Remove the role of", list(people["email"]), key=state.ADMIN_REMOVE_PICK)
    st.button("Remove role", key=state.ADMIN_REMOVE, on_click=_remove, args=(who,))

st.header("Sites and departments")
st.caption(
    "The lists the New assessment form picks from and imports are checked against. Renaming "
    "changes the name in every revision of every record that carries it (no revision is added "
    "or lost); renaming to a name already listed merges the two. Both are kept in the audit "
    "trail with the old and new name."
)
kind = st.radio(
    "List",
    names.KINDS,
    format_func=lambda k: f"{names.KIND_LABELS[k]}s",
    horizontal=True,
    key=state.ADMIN_LIST_KIND,
)
counts = store.name_counts(kind)
st.dataframe(
    counts.rename(columns={"name": names.KIND_LABELS[kind], "records": "assessments"}),
    hide_index=True,
    width="stretch",
)


def _rename(kind: str) -> None:
    old, new = ss.get(state.ADMIN_RENAME_OLD), names.clean(ss.get(state.ADMIN_RENAME_NEW) or "")
    label = names.KIND_LABELS[kind]
    if old is None:
        ss[state.ADMIN_RENAME_ERROR] = f"Pick the {kind} to rename."
        return
    if new in store.names(kind) and not ss.get(state.ADMIN_MERGE_OK):
        ss[state.ADMIN_RENAME_ERROR] = (
            f"{label} “{new}” is already listed: tick “merge” to make “{old}” part of it."
        )
        return
    try:
        r = store.rename_name(kind, old, new)
    except (KeyError, ValueError) as exc:
        ss[state.ADMIN_RENAME_ERROR] = str(exc.args[0] if isinstance(exc, KeyError) else exc)
        return
    how = "merged into" if r.merged else "renamed"
    ss[state.ADMIN_MESSAGE] = (
        f"{label} “{r.old}” {how} “{r.new}”: {r.revisions:,} revision(s) of {r.records:,} "
        "record(s) changed; kept in the audit trail."
    )
    for k in (state.ADMIN_RENAME_NEW, state.ADMIN_MERGE_OK):
        ss.pop(k, None)


if not counts.empty:
    with st.form("admin.rename"):
        st.selectbox(
            f"{names.KIND_LABELS[kind]} to rename or merge",
            counts["name"].tolist(),
            key=state.ADMIN_RENAME_OLD,
        )
        st.text_input("New name", key=state.ADMIN_RENAME_NEW, max_chars=200)
        st.checkbox(
            "Merge when the new name is already listed (the two become one; this cannot be "
            "told apart afterwards)",
            key=state.ADMIN_MERGE_OK,
        )
        st.form_submit_button("Rename or merge", on_click=_rename, args=(kind,))
    if ss.get(state.ADMIN_RENAME_ERROR):
        st.error(ss.pop(state.ADMIN_RENAME_ERROR), icon=":material/error:")

st.header("Audit trail")
events = store.audit_events(limit=None)
shown = events.head(500).copy()
shown["at"] = [v.strftime("%Y-%m-%d %H:%M:%S") for v in shown["at"]]
shown["detail"] = [json.dumps(d, ensure_ascii=False, sort_keys=True) for d in shown["detail"]]
st.caption(
    f"{len(events):,} event(s), newest first; the newest 500 shown. Nothing here can be "
    "changed or deleted."
)
st.dataframe(shown, hide_index=True, width="stretch")
st.download_button(
    "Audit trail (CSV)",
    data=lambda: audit.to_csv(events),
    file_name=f"ergo-audit-{dt.date.today().isoformat()}.csv",
    mime="text/csv",
    key=state.ADMIN_AUDIT_CSV,
    on_click="ignore",
    icon=":material/download:",
)

st.header("Archived records")
archived = store.archived()
if archived.empty:
    st.caption("No record is archived.")
    st.stop()
st.dataframe(archived, hide_index=True, width="stretch")
labels = {
    r["record_id"]: f"{r['worker_ref'] or '—'} · {r['site'] or '—'} · {r['date']}"
    for _, r in archived.iterrows()
}
pick = st.selectbox(
    "Archived record", list(labels), format_func=labels.get, key=state.ADMIN_ARCHIVED
)


def _restore(record_id: str) -> None:
    n = store.restore(record_id)
    ss[state.ADMIN_MESSAGE] = f"Restored {labels[record_id]} ({n} revision(s))."


def _purge(record_id: str) -> None:
    n = store.purge(record_id, ss.get(state.ADMIN_PURGE_REASON) or "")
    ss[state.ADMIN_MESSAGE] = f"Erased {labels[record_id]} for good ({n} revision(s)); logged."
    ss.pop(state.ADMIN_PURGE_REASON, None)


st.button("Restore", key=state.ADMIN_RESTORE, on_click=_restore, args=(pick,))
with st.expander("Erase for good (data-protection erasure request)"):
    reason = st.text_input("Reason (kept in the audit trail)", key=state.ADMIN_PURGE_REASON)
    st.button(
        f"Erase {components.md(labels[pick])} for good",
        key=state.ADMIN_PURGE,
        type="primary",
        disabled=not (reason or "").strip(),
        on_click=_purge,
        args=(pick,),
    )
