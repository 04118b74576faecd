"""Who may see and change what: people, roles, site scopes and the scoped store.

Organisation mode keeps people in the database (migration 0005): ``app_user`` holds
each person's role, ``app_user_site`` the sites an officer or manager is limited to
(none: every site; for an employee, the site their self-checks belong to).

- employee: their own self-checks (save, read, PDF), nothing else;
- officer: everything for their sites (audits, review queue, list, import/export, dashboard);
- manager: dashboard, list, PDFs and summaries for their sites, read-only;
- admin: people and roles, the audit trail, archive/restore/purge, every site.

:class:`ScopedStore` wraps :class:`~assessments.store.Store` with the same method
names the pages call and applies the signed-in :class:`Principal` to *every* query:
hiding a page is not authorisation. Local mode (no sign-in configured) runs as
:func:`local_principal`, one person with every right, as before organisation mode.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import re
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from assessments import audit
from assessments import model as m
from assessments.evaluate import inputs_from_assessments
from assessments.store import (
    DashboardFigures,
    Filters,
    ImportReport,
    SavedRef,
    Store,
    StoredAssessment,
    assessment_table,
    recommendation_table,
)
from scoring.bands import HIGH
from scoring.engine import score

ROLES = ("employee", "officer", "manager", "admin")
SCOPED_ROLES = ("officer", "manager")  # may be limited to sites
READ_ROLES = ("officer", "manager", "admin")
CHANGE_ROLES = ("officer", "admin")
EVERYTHING = Filters()  # no filter: what a query covers before the person's scope
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")

A = assessment_table
R = recommendation_table
meta = sa.MetaData()
user_table = sa.Table(
    "app_user",
    meta,
    sa.Column("email", sa.String(320), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(320), nullable=False),
)
user_site_table = sa.Table(
    "app_user_site",
    meta,
    sa.Column("email", sa.String(320), primary_key=True),
    sa.Column("site", sa.String(200), primary_key=True),
)
U, US = user_table, user_site_table


class AccessDenied(PermissionError):
    """The signed-in person may not do this; the message says what and why."""


@dataclasses.dataclass(frozen=True)
class Principal:
    """The person a request acts for: e-mail, role and the sites they are limited to.

    ``sites`` None means every site. ``local`` marks local mode (one person, no sign-in).
    """

    email: str
    role: str
    sites: tuple[str, ...] | None = None
    local: bool = False

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"role == {self.role!r}, must be one of: {', '.join(ROLES)}.")

    @property
    def can_read_records(self) -> bool:
        """Return True when the person may read assessments beyond their own self-checks."""
        return self.role in READ_ROLES

    @property
    def can_change(self) -> bool:
        """Return True when the person may save, import, export and archive assessments."""
        return self.role in CHANGE_ROLES

    @property
    def can_review(self) -> bool:
        """Return True when the person works the review queue of self-checks."""
        return self.role in CHANGE_ROLES

    @property
    def is_admin(self) -> bool:
        """Return True for an administrator (people, roles, audit trail, purge)."""
        return self.role == "admin"

    def in_scope(self, site: str) -> bool:
        """Return True when records of ``site`` are within the person's sites."""
        return self.sites is None or site in self.sites

    def describe(self) -> str:
        """Return the person in words, e.g. "officer (Leeds, York)"."""
        where = "all sites" if self.sites is None else ", ".join(self.sites) or "no site"
        return f"{self.role} ({where})"


def local_principal() -> Principal:
    """Return the one person of local mode: every right, named by the computer's user name."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no user name in a container
        who = "user"
    return Principal(email=f"local:{who}", role="admin", sites=None, local=True)


def normalise_email(email: str) -> str:
    """Return the e-mail address trimmed and lower-cased; raise ValueError if it is not one."""
    e = (email or "").strip().lower()
    if not _EMAIL.match(e):
        raise ValueError(f"e-mail == {email!r}, must look like name@example.org.")
    return e


# ------------------------------------------------------------------------ people


def principal_for(engine: Engine, email: str, *, default_role: str = "employee") -> Principal:
    """Return the Principal of a signed-in e-mail: their stored role, else ``default_role``.

    An employee's sites are where their self-checks go; an officer or manager with no
    site row may see every site.
    """
    e = normalise_email(email)
    if default_role not in ROLES:
        raise ValueError(f"default role == {default_role!r}, must be one of: {', '.join(ROLES)}.")
    with engine.connect() as conn:
        role = conn.execute(sa.select(U.c.role).where(U.c.email == e)).scalar()
        sites = tuple(
            conn.execute(sa.select(US.c.site).where(US.c.email == e).order_by(US.c.site)).scalars()
        )
    role = role or default_role
    if role == "admin":
        return Principal(e, role, None)
    if role in SCOPED_ROLES:
        return Principal(e, role, sites or None)
    return Principal(e, role, sites)


def set_user(
    engine: Engine, email: str, role: str, sites: tuple[str, ...] = (), *, by: str
) -> None:
    """Give ``email`` the ``role`` and exactly ``sites`` (adding or replacing); audit it."""
    e = normalise_email(email)
    if role not in ROLES:
        raise ValueError(f"role == {role!r}, must be one of: {', '.join(ROLES)}.")
    clean = sorted({s.strip() for s in sites if s and s.strip()})
    with engine.connect() as conn, conn.begin():
        old = conn.execute(sa.select(U.c.role).where(U.c.email == e)).scalar()
        old_sites = list(conn.execute(sa.select(US.c.site).where(US.c.email == e)).scalars())
        if old is None:
            conn.execute(
                U.insert().values(
                    email=e, role=role, created_at=dt.datetime.now(dt.UTC), created_by=by
                )
            )
        else:
            conn.execute(U.update().where(U.c.email == e).values(role=role))
        conn.execute(US.delete().where(US.c.email == e))
        if clean:
            conn.execute(US.insert(), [{"email": e, "site": s} for s in clean])
        audit.record(
            conn,
            by,
            "role_change",
            None,
            email=e,
            role=role,
            sites=clean,
            old_role=old,
            old_sites=sorted(old_sites),
        )


def remove_user(engine: Engine, email: str, *, by: str) -> bool:
    """Remove a person's role and sites (they fall back to the default role); audit it.

    Returns False when the address had no stored role.
    """
    e = normalise_email(email)
    with engine.connect() as conn, conn.begin():
        old = conn.execute(sa.select(U.c.role).where(U.c.email == e)).scalar()
        if old is None:
            return False
        conn.execute(US.delete().where(US.c.email == e))
        conn.execute(U.delete().where(U.c.email == e))
        audit.record(conn, by, "user_remove", None, email=e, old_role=old)
    return True


def users(engine: Engine) -> pd.DataFrame:
    """Return every stored person: email, role, sites ("; "-joined), created_at, created_by."""
    with engine.connect() as conn:
        people = conn.execute(
            sa.select(U.c.email, U.c.role, U.c.created_at, U.c.created_by).order_by(U.c.email)
        ).all()
        site_rows = conn.execute(sa.select(US.c.email, US.c.site).order_by(US.c.site)).all()
    sites: dict[str, list[str]] = {}
    for e, s in site_rows:
        sites.setdefault(e, []).append(s)
    return pd.DataFrame(
        [(e, r, "; ".join(sites.get(e, [])), at, by) for e, r, at, by in people],
        columns=["email", "role", "sites", "created_at", "created_by"],
    )


# -------------------------------------------------------------------- the store


class ScopedStore:
    """The Store as one person may use it: every read narrowed, every write checked.

    Method names and results follow :class:`~assessments.store.Store`, so a page
    works unchanged; what the person may not do raises :class:`AccessDenied`.
    """

    def __init__(self, store: Store, principal: Principal):
        self.store = store
        self.principal = principal

    def __repr__(self) -> str:
        return f"ScopedStore({self.store!r}, {self.principal.email!r})"

    def close(self) -> None:
        """Release the underlying Store's connection pool."""
        self.store.close()

    @property
    def damaged(self) -> str | None:
        """Return why nothing may be written (a damaged SQLite file), or None (see Store)."""
        return self.store.damaged

    @property
    def engine(self) -> Engine:
        """Return the database engine (for the audit page's reads)."""
        return self.store.engine

    # ------------------------------------------------------------ the rules

    def _need(self, allowed: bool, what: str) -> None:
        if not allowed:
            p = self.principal
            raise AccessDenied(f"{p.email} ({p.describe()}) may not {what}.")

    def scope(self, filters: Filters = EVERYTHING) -> Filters:
        """Return ``filters`` narrowed to what the person may read."""
        p = self.principal
        if not p.can_read_records:
            return dataclasses.replace(filters, owner=p.email)
        if p.sites is None:
            return filters
        wanted = filters.sites if filters.sites is not None else p.sites
        return dataclasses.replace(filters, sites=tuple(s for s in wanted if s in p.sites))

    def _meta(self, record_id: str) -> dict[str, Any]:
        q = sa.select(A.c.site, A.c.owner_email, A.c.archived_at, A.c.assessment_type).where(
            A.c.record_id == record_id, A.c.is_latest
        )
        with self.store._read() as conn:
            row = conn.execute(q).mappings().first()
        if row is None:
            raise KeyError(f"record_id == {record_id!r} is not saved.")
        return dict(row)

    def _may_read(self, meta: dict[str, Any]) -> bool:
        p = self.principal
        if meta["archived_at"] is not None and not p.is_admin:
            return False
        if meta["owner_email"] == p.email:
            return True
        return p.can_read_records and p.in_scope(meta["site"])

    def _check_read(self, record_id: str) -> dict[str, Any]:
        meta = self._meta(record_id)
        self._need(self._may_read(meta), f"read record {record_id}")
        return meta

    def _check_change(self, record_id: str) -> dict[str, Any]:
        meta = self._meta(record_id)
        p = self.principal
        ok = p.can_change and p.in_scope(meta["site"]) and meta["archived_at"] is None
        self._need(ok, f"change record {record_id} (site {meta['site'] or 'blank'!r})")
        return meta

    def _check_site(self, site: str) -> None:
        p = self.principal
        self._need(p.can_change, "save or import assessments")
        if not p.in_scope(site):
            raise AccessDenied(
                f"Site == {site!r}: {p.email} may save assessments only for "
                f"{', '.join(p.sites or ())}. Set Site to one of them."
            )

    # --------------------------------------------------------------- reading

    def get(self, record_id: str, revision: int | None = None) -> StoredAssessment:
        """Return one saved revision the person may read (see Store.get)."""
        self._check_read(record_id)
        return self.store.get(record_id, revision)

    def revisions(self, record_id: str) -> list[SavedRef]:
        """Return every revision of a record the person may read, oldest first."""
        self._check_read(record_id)
        return self.store.revisions(record_id)

    def revision_table(self, record_id: str) -> pd.DataFrame:
        """Return every revision of a readable record with its result (see Store)."""
        self._check_read(record_id)
        return self.store.revision_table(record_id)

    def search(self, filters: Filters = EVERYTHING, **kw) -> pd.DataFrame:
        """Return the latest revisions the person may read that match (see Store.search)."""
        return self.store.search(self.scope(filters), **kw)

    def count(self, filters: Filters = EVERYTHING) -> int:
        """Return how many records the person may read match."""
        return self.store.count(self.scope(filters))

    def band_counts(self, filters: Filters = EVERYTHING) -> pd.DataFrame:
        """Return the band counts over the records the person may read."""
        return self.store.band_counts(self.scope(filters))

    def trend(self, filters: Filters = EVERYTHING, **kw) -> pd.DataFrame:
        """Return the trend over the records the person may read."""
        return self.store.trend(self.scope(filters), **kw)

    def top_recommendations(self, filters: Filters = EVERYTHING, **kw) -> pd.DataFrame:
        """Return the most frequent recommendations over the records the person may read."""
        return self.store.top_recommendations(self.scope(filters), **kw)

    def need_action(self, filters: Filters = EVERYTHING, **kw) -> pd.DataFrame:
        """Return the records needing action first among those the person may read."""
        return self.store.need_action(self.scope(filters), **kw)

    def _scope_key(self) -> tuple:
        p = self.principal
        return (p.email if not p.can_read_records else "", p.role, p.sites)

    def data_version(self) -> int:
        """Return the data version every write moves on (see Store.data_version)."""
        return self.store.data_version()

    def cached(self, key, compute, *, version: int | None = None):
        """Return ``compute()`` cached per ``key``, the person's scope and the data version."""
        return self.store.cached(("scoped", self._scope_key(), key), compute, version=version)

    def dashboard(self, filters: Filters = EVERYTHING, **kw) -> DashboardFigures:
        """Return the dashboard figures over the records the person may read (cached).

        The cache key holds the scoped filters and the person's role and sites, so
        figures computed for one person's sites are never handed to another's.
        """
        return self.store.dashboard(self.scope(filters), scope=self._scope_key(), **kw)

    def load_for_summary(self, filters: Filters = EVERYTHING) -> list[m.Assessment]:
        """Return the models for a summary report over the records the person may read."""
        return self.store.load_for_summary(self.scope(filters))

    def summary_figures(self, filters: Filters = EVERYTHING, **kw):
        """Return the summary figures over the records the person may read (stored columns)."""
        return self.store.summary_figures(self.scope(filters), **kw)

    def same_subject(self, record_id: str) -> pd.DataFrame:
        """Return the other readable records of the same worker (see Store.same_subject)."""
        self._check_read(record_id)
        df = self.store.same_subject(record_id)
        p = self.principal
        if not p.can_read_records:
            return df.iloc[0:0]
        return df if p.sites is None else df[df["site"].isin(p.sites)].reset_index(drop=True)

    def sites(self, *, version: int | None = None) -> list[str]:
        """Return the sites of readable records, sorted (``version``: see Store.sites)."""
        p = self.principal
        if not p.can_read_records:
            return []
        found = self.cached("sites", self.store.sites, version=version)
        return list(found) if p.sites is None else [s for s in found if s in p.sites]

    def departments(self, *, version: int | None = None) -> list[str]:
        """Return the departments of readable records, sorted (``version``: see Store.sites)."""
        p = self.principal
        if not p.can_read_records:
            return []
        compute = lambda: self.store.departments(sites=p.sites)  # noqa: E731
        return list(self.cached("departments", compute, version=version))

    # ------------------------------------------- the lists of sites and departments

    def names(self, kind: str) -> list[str]:
        """Return the organisation's sites the person may see, or its departments, sorted."""
        found = self.store.names(kind)
        if kind != "site":
            return found
        return [s for s in found if self.principal.in_scope(s)]

    def site_list(self) -> list[str]:
        """Return the listed sites the person may see (see :meth:`names`)."""
        return self.names("site")

    def department_list(self) -> list[str]:
        """Return the organisation's departments (see :meth:`names`)."""
        return self.names("department")

    def may_add(self, kind: str) -> bool:
        """Return True when the person may put a new ``kind`` on the list (officer or admin).

        A site is added only by someone not limited to sites: an officer limited
        to Leeds could not save for a new site anyway.
        """
        p = self.principal
        return p.can_change and (kind != "site" or p.sites is None)

    def add_name(self, kind: str, name: str) -> tuple[str, bool]:
        """Put a site or department on the list (see Store.add_name); audited."""
        self._need(self.may_add(kind), f"add a {kind} to the list")
        return self.store.add_name(kind, name, by=self.principal.email)

    def rename_name(self, kind: str, old: str, new: str):
        """Rename or merge a site or department in every record (admin only; audited)."""
        self._need(self.principal.is_admin, f"rename or merge a {kind}")
        return self.store.rename_name(kind, old, new, by=self.principal.email)

    def name_counts(self, kind: str) -> pd.DataFrame:
        """Return each listed name with its number of records (admin only)."""
        self._need(self.principal.is_admin, f"list every {kind} with its records")
        return self.store.name_counts(kind)

    def export(
        self, filters: Filters = EVERYTHING, fmt: str = "csv", *, include_samples: bool = False
    ) -> bytes:
        """Return the readable matching records as CSV/xlsx; the export is audited."""
        self._need(self.principal.can_change, "export assessments")
        scoped = self.scope(filters)
        data = self.store.export(scoped, fmt, include_samples=include_samples)
        with self.store._write() as conn:
            audit.record(
                conn,
                self.principal.email,
                "export",
                None,
                format=fmt,
                rows=self.store.count(scoped),
                filters=scoped.describe(),
            )
        return data

    def export_frame(self, filters: Filters = EVERYTHING) -> pd.DataFrame:
        """Return the readable matching records as one DataFrame (see Store.export_frame)."""
        self._need(self.principal.can_change, "export assessments")
        return self.store.export_frame(self.scope(filters))

    # --------------------------------------------------------------- writing

    def save(self, assessment: m.Assessment, *, record_id: str | None = None) -> SavedRef:
        """Save an audit (or revise ``record_id``) for a site in scope; audited."""
        self._check_site(assessment.header.site)
        if record_id is not None:
            self._check_change(record_id)
        return self.store.save(assessment, record_id=record_id, saved_by=self.principal.email)

    def import_frame(self, df: pd.DataFrame, **kw) -> ImportReport:
        """Import a flat table whose every row is for a site in scope; audited."""
        sites = (
            {""} if "site" not in df.columns else {str(s).strip() for s in df["site"].fillna("")}
        )
        for s in sorted(sites):
            self._check_site(s)
        return self.store.import_frame(df, saved_by=self.principal.email, **kw)

    def import_table(self, table, **kw) -> ImportReport:
        """Import a streamed CSV/Excel table whose every row is for a site in scope; audited.

        The sites are read in a first streamed pass (bounded memory), so a row for a
        site out of scope refuses the whole file before anything is validated or saved.
        """
        self.check_import_sites(table)
        return self.store.import_table(table, saved_by=self.principal.email, **kw)

    def check_import_sites(self, table) -> None:
        """Raise AccessDenied when a row of ``table`` is for a site out of the person's scope.

        Pages call it before handing a large import to a background job, which
        saves with the unscoped store.
        """
        sites = set()
        for chunk in table.chunks():
            if "site" in chunk.columns:
                sites.update(str(s).strip() for s in chunk["site"].fillna(""))
            else:
                sites.add("")
        for s in sorted(sites):
            self._check_site(s)

    def delete(self, record_id: str) -> int:
        """Archive every revision of a record (an admin can restore it); return how many."""
        self._check_change(record_id)
        now = dt.datetime.now(dt.UTC)
        with self.store._write() as conn:
            n = conn.execute(
                A.update()
                .where(A.c.record_id == record_id, A.c.archived_at.is_(None))
                .values(archived_at=now, archived_by=self.principal.email)
            ).rowcount
            audit.record(conn, self.principal.email, "archive", record_id, revisions=n)
        return n

    archive = delete

    def restore(self, record_id: str) -> int:
        """Bring an archived record back (admin only); return the revisions restored."""
        self._need(self.principal.is_admin, "restore archived records")
        self._meta(record_id)
        with self.store._write() as conn:
            n = conn.execute(
                A.update()
                .where(A.c.record_id == record_id, A.c.archived_at.is_not(None))
                .values(archived_at=None, archived_by=None)
            ).rowcount
            audit.record(conn, self.principal.email, "restore", record_id, revisions=n)
        return n

    def purge(self, record_id: str, reason: str) -> int:
        """Erase every revision for good (admin only, with a reason); return rows erased.

        For data-protection erasure requests. The audit event keeps who, when and why,
        not the erased data.
        """
        self._need(self.principal.is_admin, "purge records")
        if not (reason or "").strip():
            raise ValueError("reason is blank; a purge must say why (e.g. the erasure request).")
        meta = self._meta(record_id)
        with self.store._write() as conn:
            ids = sa.select(A.c.id).where(A.c.record_id == record_id).scalar_subquery()
            conn.execute(R.delete().where(R.c.row_id.in_(ids)))
            # The record's corrective actions (their notes may name the worker) go with it.
            from assessments.actions import purge_record_actions

            actions = purge_record_actions(conn, record_id)
            n = conn.execute(A.delete().where(A.c.record_id == record_id)).rowcount
            audit.record(
                conn,
                self.principal.email,
                "purge",
                record_id,
                revisions=n,
                actions=actions,
                site=meta["site"],
                reason=reason.strip(),
            )
        return n

    def archived(self) -> pd.DataFrame:
        """Return the archived records (admin only): record_id, site, worker, by, when."""
        self._need(self.principal.is_admin, "list archived records")
        q = (
            sa.select(
                A.c.record_id,
                A.c.site,
                A.c.worker_ref,
                A.c.date,
                A.c.archived_by,
                A.c.archived_at,
            )
            .where(A.c.is_latest, A.c.archived_at.is_not(None))
            .order_by(A.c.archived_at.desc())
        )
        with self.store._read() as conn:
            rows = conn.execute(q).all()
        cols = ["record_id", "site", "worker_ref", "date", "archived_by", "archived_at"]
        return pd.DataFrame(rows, columns=cols)

    # ---------------------------------------------------------- self-checks

    def save_self_check(
        self, assessment: m.Assessment, *, symptoms: dict[str, Any] | None, consent: bool
    ) -> SavedRef:
        """Save the person's own Check my desk result as a self-assessment; audited.

        Symptom answers (lists of body regions per question, ``signs``: the warning signs
        answered yes) are stored only with ``consent``. The check goes to the review
        queue of its site when its overall band is high or above, or when a warning sign
        is shared. A blank site becomes the person's (first) site, a blank worker
        reference their e-mail.
        """
        p = self.principal
        h = assessment.header
        header = h.model_copy(
            update={
                "assessment_type": "self",
                "site": h.site or (p.sites[0] if p.sites else ""),
                "worker_ref": h.worker_ref or p.email,
            }
        )
        a = assessment.model_copy(update={"header": header})
        inputs = inputs_from_assessments([a])
        overall = int(score(inputs.by_factor, inputs.applicable, 1).overall_band[0])
        shared = _shareable(symptoms) if consent and symptoms else None
        flagged = bool(shared and shared.get("signs"))
        extra = {
            "owner_email": p.email,
            "review_status": "pending" if overall >= HIGH or flagged else None,
            "shared_symptoms": shared,
        }
        return self.store.save(a, saved_by=p.email, extra=extra)

    def my_checks(self) -> pd.DataFrame:
        """Return the person's own self-checks, newest first, with their review state."""
        q = (
            sa.select(*_REVIEW_COLUMNS)
            .where(A.c.owner_email == self.principal.email, A.c.is_latest)
            .where(A.c.archived_at.is_(None))
            .order_by(A.c.saved_at.desc(), A.c.id.desc())
        )
        return self._review_frame(q)

    def review_queue(self, *, include_reviewed: bool = False) -> pd.DataFrame:
        """Return the self-checks waiting for review at the person's sites, oldest first."""
        p = self.principal
        self._need(p.can_review, "see the review queue")
        status = ("pending", "reviewed") if include_reviewed else ("pending",)
        q = sa.select(*_REVIEW_COLUMNS).where(
            A.c.assessment_type == "self",
            A.c.review_status.in_(status),
            A.c.is_latest,
            A.c.archived_at.is_(None),
        )
        if p.sites is not None:
            q = q.where(A.c.site.in_(p.sites))
        return self._review_frame(q.order_by(A.c.saved_at, A.c.id))

    def review(self, record_id: str, note: str) -> None:
        """Mark a self-check reviewed with the officer's note; audited."""
        self._need(self.principal.can_review, "review self-checks")
        meta = self._check_change(record_id)
        if meta["assessment_type"] != "self":
            raise ValueError(f"record {record_id} is an audit, not a self-check to review.")
        now = dt.datetime.now(dt.UTC)
        with self.store._write() as conn:
            conn.execute(
                A.update()
                .where(A.c.record_id == record_id, A.c.is_latest)
                .values(
                    review_status="reviewed",
                    review_note=(note or "").strip(),
                    reviewed_by=self.principal.email,
                    reviewed_at=now,
                )
            )
            audit.record(conn, self.principal.email, "review", record_id, note=(note or "").strip())

    def _review_frame(self, q) -> pd.DataFrame:
        with self.store._read() as conn:
            rows = conn.execute(q).all()
        return pd.DataFrame(rows, columns=[c.name for c in _REVIEW_COLUMNS])

    # ---------------------------------------------------------------- audit

    def audit_events(self, **kw) -> pd.DataFrame:
        """Return the audit trail (admin only; see :func:`assessments.audit.events`)."""
        self._need(self.principal.is_admin, "read the audit trail")
        return audit.events(self.store.engine, **kw)


def _shareable(symptoms: dict[str, Any]) -> dict[str, Any]:
    """Return the answers themselves (lists and flags), not advice objects derived from them."""
    out: dict[str, Any] = {}
    for k, v in symptoms.items():
        if isinstance(v, list | tuple) and all(isinstance(x, str) for x in v):
            out[k] = list(v)
        elif isinstance(v, bool | str):
            out[k] = v
    return out


_REVIEW_COLUMNS = (
    A.c.record_id,
    A.c.saved_at,
    A.c.date,
    A.c.site,
    A.c.department,
    A.c.owner_email,
    A.c.overall_band,
    A.c.review_status,
    A.c.review_note,
    A.c.reviewed_by,
    A.c.reviewed_at,
    A.c.shared_symptoms,
)
