"""Corrective actions and reassessment dates: from a recommendation to a verified change.

An *action* belongs to a saved record (``assessment.record_id``) and survives its new
revisions. It is created from one of the record's recommendations (keeping the
catalogue id, factor, control level, the effect the method predicted and the input
change that predicts it) or written by hand. Its status moves

    open -> in progress -> done -> verified      (or won't do, with a reason)

and every change (who, when, what) is kept in ``action_event``. An action is
*verified* by a follow-up assessment: a revision of the same record saved after the
action was marked done, whose measured effect is shown beside the predicted one; an
officer may also verify with a stated reason (the change was checked another way).

Overdue is computed from the due date and today, never stored. A record's next
review date is computed from its latest revision and the rules of :class:`ReviewPolicy`
when the revision is saved or one of its actions verified, and kept in
``record_review`` (see :func:`keep_reviews`), so the Follow-up page reads the records
due by a date from an index. The lists join each action to its record's live latest
revision in the narrow ``assessment_dash`` table and read the wide ``assessment`` row
only for the rows they return.

Every call goes through an :class:`~assessments.access.ScopedStore`, so the
signed-in person's role and sites apply: officers and admins change actions of their
sites, managers read them, employees see none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from assessments import audit
from assessments import model as m
from assessments.access import EVERYTHING, AccessDenied, ScopedStore
from assessments.evaluate import score_assessment
from assessments.store import (
    Filters,
    SavedRef,
    _dash_where,
    assessment_table,
    dash_table,
    meta_table,
)
from scoring.bands import HIGH
from scoring.engine import FACTORS

STATUSES = ("open", "in_progress", "done", "verified", "wont_do")
STATUS_WORDS = {
    "open": "open",
    "in_progress": "in progress",
    "done": "done",
    "verified": "verified",
    "wont_do": "won't do",
}
# Which status may follow which. Verified is final: a change that stopped working is a
# new action, so the record of what was verified stays true.
TRANSITIONS = {
    "open": ("in_progress", "done", "wont_do"),
    "in_progress": ("open", "done", "wont_do"),
    "done": ("in_progress", "verified", "wont_do"),
    "wont_do": ("open",),
    "verified": (),
}
ACTIVE = ("open", "in_progress")  # what can be overdue
_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
A = assessment_table
D = dash_table
POLICY_KEY = "review_policy"  # ergo_meta: the policy the stored next review dates follow
IN_CHUNK = 500  # ids per IN (...) list: well inside every driver's parameter limit

meta = sa.MetaData()
action_table = sa.Table(
    "action",
    meta,
    sa.Column("id", _ID, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.String(32), nullable=False),
    sa.Column("baseline_revision", sa.Integer(), nullable=False),
    sa.Column("rec_id", sa.String(64), nullable=True),
    sa.Column("factor", sa.String(32), nullable=True),
    sa.Column("control", sa.String(16), nullable=True),
    sa.Column("description", sa.Text(), nullable=False),
    sa.Column("owner", sa.String(320), nullable=False),
    sa.Column("due_date", sa.Date(), nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("notes", sa.Text(), nullable=False),
    sa.Column("predicted_effect", sa.Text(), nullable=False),
    sa.Column("predicted_before", sa.Float(), nullable=True),
    sa.Column("predicted_after", sa.Float(), nullable=True),
    sa.Column("changes", sa.JSON(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(320), nullable=False),
    sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("followup_revision", sa.Integer(), nullable=True),
    # The baseline revision's overall band and this action's factor's index there
    # (migration 0016): a saved revision never changes, so they are written once, at
    # creation, and the risk-removed figures need not look the revision up.
    sa.Column("baseline_band", sa.SmallInteger(), nullable=True),
    sa.Column("baseline_index", sa.Float(), nullable=True),
    # Both covering (migration 0014): the lists range over (status, due date) and join
    # on record_id; the figures count per status from a record's side.
    sa.Index("ix_action_status_due_record", "status", "due_date", "record_id"),
    sa.Index("ix_action_record_status_due", "record_id", "status", "due_date"),
    sa.Index(
        "ix_action_verified",
        "status",
        "record_id",
        "factor",
        "baseline_revision",
        "verified_at",
        "baseline_band",
        "baseline_index",
    ),
)
review_table = sa.Table(
    "record_review",
    meta,
    sa.Column("record_id", sa.String(32), primary_key=True),
    sa.Column("next_review", sa.Date(), nullable=False),
    sa.Column("rule", sa.String(32), nullable=False),
    sa.Index("ix_record_review_next", "next_review", "record_id"),
)
event_table = sa.Table(
    "action_event",
    meta,
    sa.Column("id", _ID, primary_key=True, autoincrement=True),
    sa.Column("action_id", _ID, sa.ForeignKey("action.id"), nullable=False, index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(320), nullable=False),
    sa.Column("field", sa.String(32), nullable=False),
    sa.Column("old", sa.Text(), nullable=True),
    sa.Column("new", sa.Text(), nullable=True),
)
T, E, RR = action_table, event_table, review_table
LIST_COLUMNS = [
    "action_id",
    "record_id",
    "assessment_id",
    "site",
    "department",
    "worker_ref",
    "factor",
    "rec_id",
    "control",
    "description",
    "owner",
    "due_date",
    "status",
    "overdue",
    "predicted_effect",
    "created_at",
]


class ActionError(ValueError):
    """A change the status rules or the inputs do not allow; the message says which."""


@dataclasses.dataclass(frozen=True)
class ReviewPolicy:
    """How long until a record is reviewed again [days], by rule.

    The next review is the earliest date any rule gives: the type's interval after the
    latest revision; a shorter one when the result is high or very high; a short one
    when a self-check shared symptoms; and, after an action is verified, a check that
    the change has held. These intervals are the organisation's policy (project
    defaults, not from a standard); set ``ERGO_REVIEW_DAYS`` to change them, e.g.
    ``audit=365,self=365,high=182,very_high=91,symptoms=30,verified=182``.
    """

    audit: int = 365
    self: int = 365
    high: int = 182
    very_high: int = 91
    symptoms: int = 30
    verified: int = 182

    @classmethod
    def from_env(cls, text: str | None = None) -> ReviewPolicy:
        """Return the policy with ``ERGO_REVIEW_DAYS`` (or ``text``) applied over the defaults."""
        text = os.environ.get("ERGO_REVIEW_DAYS", "") if text is None else text
        values: dict[str, int] = {}
        names = [f.name for f in dataclasses.fields(cls)]
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, days = part.partition("=")
            name = name.strip()
            if name not in names:
                raise ValueError(
                    f"ERGO_REVIEW_DAYS: {name!r} is not a rule, must be one of: {', '.join(names)}."
                )
            try:
                n = int(days)
            except ValueError:
                n = -1
            if not 1 <= n <= 3650:
                raise ValueError(
                    f"ERGO_REVIEW_DAYS: {name} == {days.strip()!r}, must be 1-3650 days."
                )
            values[name] = n
        return cls(**values)

    def key(self) -> str:
        """Return the policy in the ERGO_REVIEW_DAYS syntax, every rule named."""
        return ",".join(f"{f.name}={getattr(self, f.name)}" for f in dataclasses.fields(self))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(v: dt.datetime | None) -> dt.datetime | None:
    if v is None:
        return None
    return v.replace(tzinfo=dt.UTC) if v.tzinfo is None else v.astimezone(dt.UTC)


def _text(v: Any) -> str | None:
    return None if v is None else str(v)


class Actions:
    """The corrective actions one person may see and change (see the module docstring)."""

    def __init__(self, scoped: ScopedStore, *, policy: ReviewPolicy | None = None):
        self.scoped = scoped
        self.store = scoped.store
        self.principal = scoped.principal
        self.policy = policy or ReviewPolicy.from_env()

    # ----------------------------------------------------------------- rights

    def _need_change(self, what: str) -> None:
        if not self.principal.can_change:
            p = self.principal
            raise AccessDenied(f"{p.email} ({p.describe()}) may not {what}.")

    def _need_read(self) -> None:
        if not self.principal.can_read_records:
            p = self.principal
            raise AccessDenied(f"{p.email} ({p.describe()}) may not read corrective actions.")

    def _record_site(self, conn: Connection, record_id: str) -> tuple[str, int]:
        row = conn.execute(
            sa.select(A.c.site, A.c.revision).where(A.c.record_id == record_id, A.c.is_latest)
        ).first()
        if row is None:
            raise KeyError(f"record_id == {record_id!r} is not saved.")
        if not self.principal.in_scope(row.site):
            raise AccessDenied(
                f"{self.principal.email} ({self.principal.describe()}) may not act on records "
                f"of site {row.site!r}."
            )
        return row.site, int(row.revision)

    def _action(self, conn: Connection, action_id: int) -> dict[str, Any]:
        row = conn.execute(sa.select(T).where(T.c.id == int(action_id))).mappings().first()
        if row is None:
            raise KeyError(f"action {action_id} does not exist.")
        self._record_site(conn, row["record_id"])
        return dict(row)

    def _log(self, conn: Connection, action_id: int, changes: dict[str, tuple]) -> None:
        at = _now()
        rows = [
            {
                "action_id": action_id,
                "at": at,
                "actor": self.principal.email,
                "field": name,
                "old": _text(old),
                "new": _text(new),
            }
            for name, (old, new) in changes.items()
        ]
        if rows:
            conn.execute(E.insert(), rows)

    # ---------------------------------------------------------------- creating

    def create(
        self,
        record_id: str,
        description: str,
        *,
        owner: str = "",
        due_date: dt.date | None = None,
        rec_id: str | None = None,
        factor: str | None = None,
        control: str | None = None,
        predicted_effect: str = "",
        predicted_before: float | None = None,
        predicted_after: float | None = None,
        changes: Iterable[tuple] = (),
        notes: str = "",
    ) -> int:
        """Return the id of a new open action on ``record_id`` (written by hand or from a rec)."""
        self._need_change("create corrective actions")
        description = (description or "").strip()
        if not description:
            raise ActionError("Description is empty: say what is to be changed.")
        if len(description) > 2000:
            raise ActionError(f"Description has {len(description)} characters, must be <= 2000.")
        if factor is not None and factor not in FACTORS:
            raise ActionError(f"factor == {factor!r}, must be one of: {', '.join(FACTORS)}.")
        with self.store._write() as conn:
            _site, revision = self._record_site(conn, record_id)
            band, index = _baseline(conn, record_id, revision, factor)
            values = {
                "record_id": record_id,
                "baseline_revision": revision,
                "baseline_band": band,
                "baseline_index": index,
                "rec_id": rec_id,
                "factor": factor,
                "control": control,
                "description": description,
                "owner": (owner or "").strip(),
                "due_date": due_date,
                "status": "open",
                "reason": "",
                "notes": notes or "",
                "predicted_effect": predicted_effect or "",
                "predicted_before": _finite(predicted_before),
                "predicted_after": _finite(predicted_after),
                "changes": [list(c) for c in changes],
                "created_at": _now(),
                "created_by": self.principal.email,
            }
            action_id = int(conn.execute(T.insert().values(**values)).inserted_primary_key[0])
            self._log(conn, action_id, {"created": (None, description)})
            audit.record(
                conn,
                self.principal.email,
                "action",
                record_id,
                action_id=action_id,
                change="created",
                rec_id=rec_id,
            )
        return action_id

    def from_recommendations(
        self,
        record_id: str,
        rec_ids: Iterable[str] | None = None,
        *,
        owner: str = "",
        due_date: dt.date | None = None,
    ) -> list[int]:
        """Return the ids of new actions made from the latest revision's recommendations.

        ``rec_ids`` None takes every recommendation; one that already has an action on
        this record (not won't do) is not made twice.
        """
        self._need_change("create corrective actions")
        stored = self.scoped.get(record_id)
        recs = score_assessment(stored.assessment).recommendations
        wanted = None if rec_ids is None else list(rec_ids)
        if wanted is not None:
            known = {r.id for r in recs}
            unknown = [r for r in wanted if r not in known]
            if unknown:
                raise ActionError(
                    f"recommendation {unknown[0]!r} is not among this record's: "
                    f"{', '.join(sorted(known)) or 'none'}."
                )
        with self.store._read() as conn:
            taken = set(
                conn.execute(
                    sa.select(T.c.rec_id).where(
                        T.c.record_id == record_id, T.c.status != "wont_do", T.c.rec_id.is_not(None)
                    )
                ).scalars()
            )
        out = []
        for rec in recs:
            if (wanted is not None and rec.id not in wanted) or rec.id in taken:
                continue
            out.append(
                self.create(
                    record_id,
                    rec.officer_text,
                    owner=owner,
                    due_date=due_date,
                    rec_id=rec.id,
                    factor=rec.factor,
                    control=rec.control,
                    predicted_effect=rec.effect,
                    predicted_before=rec.native_before,
                    predicted_after=rec.native_after,
                    changes=rec.changes,
                )
            )
            taken.add(rec.id)
        return out

    # ---------------------------------------------------------------- changing

    def update(
        self,
        action_id: int,
        *,
        owner: str | None = None,
        due_date: dt.date | type(...) | None = ...,
        notes: str | None = None,
        description: str | None = None,
    ) -> None:
        """Change an action's owner, due date, notes or description (each change logged)."""
        self._need_change("change corrective actions")
        with self.store._write() as conn:
            row = self._action(conn, action_id)
            new: dict[str, Any] = {}
            if owner is not None:
                new["owner"] = owner.strip()
            if due_date is not ...:
                new["due_date"] = due_date
            if notes is not None:
                new["notes"] = notes
            if description is not None:
                if not description.strip():
                    raise ActionError("Description is empty: say what is to be changed.")
                new["description"] = description.strip()
            changed = {k: (row[k], v) for k, v in new.items() if row[k] != v}
            if not changed:
                return
            conn.execute(T.update().where(T.c.id == row["id"]).values(**new))
            self._log(conn, row["id"], changed)
            audit.record(
                conn,
                self.principal.email,
                "action",
                row["record_id"],
                action_id=row["id"],
                change="updated",
                fields=sorted(changed),
            )

    def set_status(self, action_id: int, status: str, *, reason: str = "") -> None:
        """Move an action to ``status`` as the rules allow; raise ActionError otherwise.

        won't do needs a reason. verified needs a follow-up (a revision of the record
        saved after the action was marked done) or a stated reason.
        """
        self._need_change("change corrective actions")
        if status not in STATUSES:
            raise ActionError(f"status == {status!r}, must be one of: {', '.join(STATUSES)}.")
        reason = (reason or "").strip()
        with self.store._write() as conn:
            row = self._action(conn, action_id)
            old = row["status"]
            if status == old:
                return
            if status not in TRANSITIONS[old]:
                allowed = ", ".join(STATUS_WORDS[s] for s in TRANSITIONS[old]) or "none (final)"
                raise ActionError(
                    f"status {STATUS_WORDS[old]} -> {STATUS_WORDS[status]} is not allowed; "
                    f"from {STATUS_WORDS[old]} it can go to: {allowed}."
                )
            values: dict[str, Any] = {"status": status}
            if status == "wont_do" and not reason:
                raise ActionError("Won't do needs a reason (why the action will not be taken).")
            if status == "done":
                values["done_at"] = _now()
            if status == "verified":
                follow = _followup_revision(conn, row)
                if follow is None and not reason:
                    raise ActionError(
                        "Verified needs a follow-up assessment saved after the action was done, "
                        "or a reason saying how the change was checked."
                    )
                values["verified_at"] = _now()
                values["followup_revision"] = follow
            if reason:
                values["reason"] = reason
            conn.execute(T.update().where(T.c.id == row["id"]).values(**values))
            if status == "verified":  # a verified change is checked again after a while
                keep_reviews(conn, [row["record_id"]], self.policy)
            log = {"status": (old, status)}
            if reason:
                log["reason"] = (row["reason"], reason)
            self._log(conn, row["id"], log)
            audit.record(
                conn,
                self.principal.email,
                "action",
                row["record_id"],
                action_id=row["id"],
                change="status",
                old=old,
                new=status,
                reason=reason,
            )

    # ----------------------------------------------------------------- reading

    def get(self, action_id: int) -> dict[str, Any]:
        """Return one action as a dict (with ``overdue`` and ``status_words``)."""
        self._need_read()
        with self.store._read() as conn:
            row = self._action(conn, action_id)
        row["overdue"] = _is_overdue(row["status"], row["due_date"], dt.date.today())
        row["status_words"] = STATUS_WORDS[row["status"]]
        for k in ("created_at", "done_at", "verified_at"):
            row[k] = _utc(row[k])
        return row

    def history(self, action_id: int) -> pd.DataFrame:
        """Return an action's changes, oldest first: at, actor, field, old, new."""
        self._need_read()
        with self.store._read() as conn:
            self._action(conn, action_id)
            rows = conn.execute(
                sa.select(E.c.at, E.c.actor, E.c.field, E.c.old, E.c.new)
                .where(E.c.action_id == int(action_id))
                .order_by(E.c.id)
            ).all()
        df = pd.DataFrame(rows, columns=["at", "actor", "field", "old", "new"])
        df["at"] = [_utc(v) for v in df["at"]]
        return df

    def list(
        self,
        *,
        record_id: str | None = None,
        statuses: Iterable[str] | None = None,
        overdue: bool = False,
        due_within_days: int | None = None,
        filters: Filters = EVERYTHING,
        owner: str | None = None,
        today: dt.date | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Return the actions in scope as a table (LIST_COLUMNS), soonest due first.

        ``limit`` keeps the first that many (a page lists the soonest; :meth:`count`
        says how many there are in all).
        """
        today = today or dt.date.today()
        q = self._list_query(record_id, statuses, overdue, due_within_days, filters, owner, today)
        q = q.order_by(T.c.due_date.is_(None), T.c.due_date, T.c.id)
        if limit is not None:
            q = q.limit(int(limit))
        with self.store._read() as conn:
            rows = conn.execute(q).all()
            # The wide row is read only for the rows returned, by primary key.
            ids = _latest_ids(conn, {r.row_id for r in rows})
        cols = [c for c in LIST_COLUMNS if c != "overdue"]
        df = pd.DataFrame([tuple(r) for r in rows], columns=[*cols, "row_id"])
        for c in ("assessment_id", "worker_ref"):
            df[c] = [ids[r][c] for r in df["row_id"]]
        df = df[cols]
        df.insert(
            LIST_COLUMNS.index("overdue"),
            "overdue",
            [_is_overdue(s, d, today) for s, d in zip(df["status"], df["due_date"], strict=True)],
        )
        df["created_at"] = [_utc(v) for v in df["created_at"]]
        return df

    def count(
        self,
        *,
        statuses: Iterable[str] | None = None,
        overdue: bool = False,
        due_within_days: int | None = None,
        filters: Filters = EVERYTHING,
        owner: str | None = None,
        today: dt.date | None = None,
    ) -> int:
        """Return how many actions :meth:`list` gives with the same arguments, unlimited."""
        today = today or dt.date.today()
        q = self._list_query(None, statuses, overdue, due_within_days, filters, owner, today)
        q = q.with_only_columns(sa.func.count(), maintain_column_froms=True)
        with self.store._read() as conn:
            return int(conn.execute(q).scalar())

    def _list_query(self, record_id, statuses, overdue, due_within_days, filters, owner, today):
        """Return the SELECT of :meth:`list` and :meth:`count` (unordered, unlimited)."""
        self._need_read()
        wanted = list(statuses) if statuses is not None else None
        for s in wanted or ():
            if s not in STATUSES:
                raise ActionError(f"status == {s!r}, must be one of: {', '.join(STATUSES)}.")
        scoped = self.scoped.scope(filters)
        blank = sa.literal("")  # filled from the wide row for the rows returned
        q = (
            sa.select(
                T.c.id.label("action_id"),
                T.c.record_id,
                blank.label("assessment_id"),
                D.c.site,
                D.c.department,
                blank.label("worker_ref"),
                T.c.factor,
                T.c.rec_id,
                T.c.control,
                T.c.description,
                T.c.owner,
                T.c.due_date,
                T.c.status,
                T.c.predicted_effect,
                T.c.created_at,
                D.c.row_id,
            )
            .select_from(T.join(D, _live(T.c.record_id)))
            .where(*_dash_where(scoped))
        )
        if record_id is not None:
            q = q.where(T.c.record_id == record_id)
        if wanted is not None:
            q = q.where(T.c.status.in_(wanted))
        if owner:
            q = q.where(T.c.owner == owner)
        if overdue:
            q = q.where(T.c.status.in_(ACTIVE), T.c.due_date < today)
        if due_within_days is not None:
            q = q.where(
                T.c.status.in_(ACTIVE),
                T.c.due_date >= today,
                T.c.due_date <= today + dt.timedelta(days=int(due_within_days)),
            )
        return q

    # -------------------------------------------------------- follow-up and effect

    def followup_assessment(self, action_id: int, *, today: dt.date | None = None) -> m.Assessment:
        """Return the follow-up to record: the latest revision with the action's change applied.

        The header keeps the worker and workplace (so the follow-up is a revision of the
        same record) and takes today's date; an input the change no longer fits (the
        task was removed since) is left as it is.
        """
        row = self.get(action_id)
        latest = self.scoped.get(row["record_id"]).assessment
        doc = latest.model_dump(mode="python")
        doc["header"]["date"] = today or dt.date.today()
        for list_id, k, name, value in row["changes"] or ():
            section, attr = list_id.split(".")
            items = (doc.get(section) or {}).get(attr) or []
            if 0 <= int(k) < len(items):
                items[int(k)][name] = value
        return m.Assessment.model_validate(doc)

    def effect(self, action_id: int) -> dict[str, Any]:
        """Return the predicted and the measured effect of an action on its factor.

        ``measured_before``/``measured_after`` are the factor's stored native values at
        the baseline revision and at the follow-up (the latest revision saved after the
        action was done; None before there is one).
        """
        row = self.get(action_id)
        out = {
            "factor": row["factor"],
            "predicted_before": row["predicted_before"],
            "predicted_after": row["predicted_after"],
            "predicted_effect": row["predicted_effect"],
            "baseline_revision": row["baseline_revision"],
            "followup_revision": None,
            "measured_before": None,
            "measured_after": None,
        }
        with self.store._read() as conn:
            follow = row["followup_revision"] or _followup_revision(conn, row)
            base = _factor_values(conn, row["record_id"], row["baseline_revision"], row["factor"])
            out["measured_before"] = base
            if follow is not None:
                out["followup_revision"] = follow
                out["measured_after"] = _factor_values(
                    conn, row["record_id"], follow, row["factor"]
                )
        return out

    def verified_between(self, before: SavedRef, after: SavedRef) -> list[dict[str, Any]]:
        """Return the actions verified between two saved revisions, in order of verification.

        An action on either revision's record counts when the revision that verified
        it (its follow-up) was saved after ``before`` and no later than ``after``; one
        verified with a stated reason and no follow-up counts by when it was verified.
        Each item has the action's description, factor, owner, reason, its verification
        date and revisions, the predicted native values (``predicted_before`` /
        ``predicted_after``, with ``predicted_effect`` in words) and the measured ones
        (``measured_before`` / ``measured_after``: the factor's stored native value at
        the baseline and at the follow-up; None without a follow-up).
        """
        self._need_read()
        # Two records of one worker are ordered by date, which need not be the order saved.
        lo, hi = sorted((_utc(before.saved_at), _utc(after.saved_at)))
        follow = A.alias("follow")
        q = (
            sa.select(T, follow.c.saved_at.label("followup_saved_at"))
            .select_from(
                T.outerjoin(
                    follow,
                    sa.and_(
                        follow.c.record_id == T.c.record_id,
                        follow.c.revision == T.c.followup_revision,
                    ),
                )
            )
            .where(
                T.c.record_id.in_({before.record_id, after.record_id}),
                T.c.status == "verified",
            )
        )
        with self.store._read() as conn:
            for record_id in {before.record_id, after.record_id}:
                self._record_site(conn, record_id)
            rows = [dict(r) for r in conn.execute(q).mappings().all()]
            out = []
            for row in rows:
                when = _utc(row["followup_saved_at"]) or _utc(row["verified_at"])
                if not lo < when <= hi:
                    continue
                out.append((when, row["id"], _verified_item(conn, row)))
        return [item for _when, _id, item in sorted(out, key=lambda x: x[:2])]

    # ------------------------------------------------------------ reassessments

    def reviews(
        self,
        *,
        within_days: int | None = None,
        filters: Filters = EVERYTHING,
        today: dt.date | None = None,
        record_id: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Return each record's next review date and the rule that set it, soonest first.

        ``within_days`` keeps the records due by today + that many days (overdue included);
        ``record_id`` keeps that one record; ``limit`` the first that many (a page lists
        the soonest; :meth:`count_reviews` says how many there are in all).
        """
        today = today or dt.date.today()
        q = self._reviews_query(within_days, filters, today, record_id)
        q = q.order_by(RR.c.next_review, RR.c.record_id)
        if limit is not None:
            q = q.limit(int(limit))
        with self.store._read() as conn:
            rows = conn.execute(q).all()
            ids = _latest_ids(conn, {r.row_id for r in rows})
        cols = ["record_id", "assessment_id", "site", "department", "worker_ref", "date"]
        df = pd.DataFrame(
            [tuple(r) for r in rows],
            columns=["record_id", "site", "department", "date", "row_id", "next_review", "rule"],
        )
        for c in ("assessment_id", "worker_ref"):
            df[c] = [ids[r][c] for r in df["row_id"]]
        out = df[[*cols, "next_review", "rule"]].copy()
        out["overdue"] = [d < today for d in out["next_review"]]
        return out.reset_index(drop=True)

    def count_reviews(
        self,
        *,
        within_days: int | None = None,
        filters: Filters = EVERYTHING,
        today: dt.date | None = None,
    ) -> int:
        """Return how many records :meth:`reviews` gives with the same arguments, unlimited."""
        q = self._reviews_query(within_days, filters, today or dt.date.today(), None)
        q = q.with_only_columns(sa.func.count(), maintain_column_froms=True)
        with self.store._read() as conn:
            return int(conn.execute(q).scalar())

    def _reviews_query(self, within_days, filters, today, record_id):
        """Return the SELECT of :meth:`reviews` and :meth:`count_reviews` (unordered)."""
        self._need_read()
        self._fresh_reviews()
        scoped = self.scoped.scope(filters)
        q = (
            sa.select(
                RR.c.record_id,
                D.c.site,
                D.c.department,
                D.c.date,
                D.c.row_id,
                RR.c.next_review,
                RR.c.rule,
            )
            .select_from(RR.join(D, _live(RR.c.record_id)))
            .where(*_dash_where(scoped))
        )
        if record_id is not None:
            q = q.where(RR.c.record_id == record_id)
        if within_days is not None:
            q = q.where(RR.c.next_review <= today + dt.timedelta(days=int(within_days)))
        return q

    def _fresh_reviews(self) -> None:
        """Recompute every stored next review date when they follow another policy."""
        with self.store._read() as conn:
            stored = conn.execute(
                sa.select(meta_table.c.value).where(meta_table.c.key == POLICY_KEY)
            ).scalar()
        if stored != self.policy.key():
            with self.store._write() as conn:
                keep_reviews(conn, None, self.policy)

    # --------------------------------------------------------- risk removed

    def figures(self, filters: Filters = EVERYTHING, *, today: dt.date | None = None) -> dict:
        """Return the dashboard's action figures for the records in scope.

        - ``counts``: actions by status, and overdue;
        - ``closure_rate``: (done + verified + won't do) / all actions (None without any);
        - ``left_high``: records with a verified action whose baseline revision was at
          high or above and whose latest revision is below high;
        - ``by_factor``: per factor, for the records with a verified action on it: how
          many, the mean index at the first such action's baseline revision and at the
          latest revision, and the summed change (never averaged across factors);
        - ``trend``: per month of (first) verification and factor, the risk index removed.

        Two queries: the counts, grouped; and one row per record, factor and baseline
        revision with a verified action (the baseline's values stored on the action,
        the latest revision's joined), so the cost does not grow with open actions and
        no baseline revision is looked up.
        """
        self._need_read()
        today = today or dt.date.today()
        where = _dash_where(self.scoped.scope(filters))  # on the live latest revision (D)
        late = sa.case((sa.and_(T.c.status.in_(ACTIVE), T.c.due_date < today), 1), else_=0)
        # Counted per record first, in record order from the covering index, so each
        # record's live revision is looked up once and in order (not once per action).
        per = (
            sa.select(
                T.c.record_id,
                *[sa.func.sum(sa.case((T.c.status == s, 1), else_=0)).label(s) for s in STATUSES],
                sa.func.sum(late).label("late"),
            )
            .group_by(T.c.record_id)
            .subquery("per_record")
        )
        counts_q = (
            sa.select(*[sa.func.sum(per.c[s]) for s in (*STATUSES, "late")])
            .select_from(per.join(D, _live(per.c.record_id)))
            .where(*where)
        )
        # Per record, factor and baseline revision with a verified action: its band and
        # index there (stored on the action, migration 0016) and the first verification,
        # grouped from the covering ix_action_verified in its own order; the lowest
        # baseline revision of each record and factor is kept afterwards (a window
        # function here made SQLite sort every verified action). Only the latest
        # revision is joined: it is what the filters name, and its values are the "after".
        first = (
            sa.select(
                T.c.record_id,
                T.c.factor,
                T.c.baseline_revision,
                sa.func.min(T.c.verified_at).label("verified_at"),
                sa.func.min(T.c.baseline_band).label("baseline_band"),  # one value per group
                sa.func.min(T.c.baseline_index).label("baseline_index"),
            )
            .where(T.c.status == "verified")
            .group_by(T.c.record_id, T.c.factor, T.c.baseline_revision)
            .subquery("verified_baselines")
        )
        latest = D
        index_after = sa.case(
            *[(first.c.factor == f, latest.c[f"{f}_index"]) for f in FACTORS], else_=None
        )
        verified_q = (
            sa.select(
                first.c.record_id,
                first.c.factor,
                first.c.baseline_revision,
                first.c.verified_at,
                first.c.baseline_band.label("base_overall"),
                latest.c.overall_band.label("latest_overall"),
                first.c.baseline_index.label("index_before"),
                index_after.label("index_after"),
            )
            .select_from(first.join(latest, _live(first.c.record_id)))
            .where(*where)
        )
        with self.store._read() as conn:
            if conn.dialect.name == "postgresql":
                # Compiling these two plans cost PostgreSQL more (about 2.3 s measured at
                # 300,000 actions) than running them; the setting ends with this read.
                conn.exec_driver_sql("SET LOCAL jit = off")
            *by_status, overdue = (int(v or 0) for v in conn.execute(counts_q).one())
            verified = first_baselines(_frame(conn.execute(verified_q)))
        return action_figures(dict(zip(STATUSES, by_status, strict=True)), overdue, verified)


# ----------------------------------------------------------------- pure helpers


def _frame(result: sa.CursorResult) -> pd.DataFrame:
    """Return a query's rows as a DataFrame (plain tuples: pandas is slow on Row objects)."""
    return pd.DataFrame([tuple(r) for r in result.all()], columns=list(result.keys()))


def _live(record_id) -> sa.ColumnElement:
    """Return the join condition to a record's live latest revision in the narrow table.

    Compared with ``=`` so SQLite reads ``ix_assessment_dash_record`` (record_id,
    is_latest, archived).
    """
    return sa.and_(
        D.c.record_id == record_id, D.c.is_latest == sa.true(), D.c.archived == sa.false()
    )


def _latest_ids(conn: Connection, row_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Return row id -> {assessment_id, worker_ref} of the given revisions (by primary key)."""
    ids = sorted(int(r) for r in row_ids)
    out: dict[int, dict[str, str]] = {}
    for k in range(0, len(ids), IN_CHUNK):
        q = sa.select(A.c.id, A.c.assessment_id, A.c.worker_ref).where(
            A.c.id.in_(ids[k : k + IN_CHUNK])
        )
        for r in conn.execute(q):
            out[int(r.id)] = {"assessment_id": r.assessment_id, "worker_ref": r.worker_ref}
    return out


def keep_reviews(
    conn: Connection, record_ids: Iterable[str] | None = None, policy: ReviewPolicy | None = None
) -> int:
    """Write the next review date of the given records (all: None); return how many.

    Runs inside the transaction that saved a revision or verified an action, so the
    stored date always belongs to the record's latest revision. Every stored date
    follows the policy named in ``ergo_meta``; under another policy all are recomputed.
    A database not yet migrated to keep them (an older revision) is left alone.
    """
    if not sa.inspect(conn).has_table(RR.name):
        return 0
    if policy is None:
        try:
            policy = ReviewPolicy.from_env()
        except ValueError:
            # A mistyped ERGO_REVIEW_DAYS must not stop a save: the stored dates are
            # marked stale, and the next reading (which names the mistake) redoes them.
            conn.execute(meta_table.delete().where(meta_table.c.key == POLICY_KEY))
            return 0
    stored = conn.execute(
        sa.select(meta_table.c.value).where(meta_table.c.key == POLICY_KEY)
    ).scalar()
    if record_ids is None or stored != policy.key():
        conn.execute(RR.delete())
        n = _write_reviews(conn, None, policy)
        conn.execute(meta_table.delete().where(meta_table.c.key == POLICY_KEY))
        conn.execute(
            meta_table.insert().values(key=POLICY_KEY, value=policy.key(), written_at=_now())
        )
        return n
    ids = list(dict.fromkeys(record_ids))
    n = 0
    for k in range(0, len(ids), IN_CHUNK):
        part = ids[k : k + IN_CHUNK]
        conn.execute(RR.delete().where(RR.c.record_id.in_(part)))
        n += _write_reviews(conn, part, policy)
    return n


def _write_reviews(conn: Connection, record_ids: list[str] | None, policy: ReviewPolicy) -> int:
    """Insert the next review rows of the records (all: None); return how many."""
    verified = sa.select(T.c.record_id, sa.func.max(T.c.verified_at).label("verified_at")).where(
        T.c.status == "verified"
    )
    q = sa.select(
        A.c.record_id,
        A.c.date,
        A.c.assessment_type,
        A.c.overall_band,
        A.c.shared_symptoms.label("symptoms"),
    ).where(A.c.is_latest)
    if record_ids is not None:
        q = q.where(A.c.record_id.in_(record_ids))
        verified = verified.where(T.c.record_id.in_(record_ids))
    v = verified.group_by(T.c.record_id).subquery()
    q = q.add_columns(v.c.verified_at).outerjoin_from(A, v, v.c.record_id == A.c.record_id)
    df = _frame(conn.execute(q))
    if df.empty:
        return 0
    when, rule = next_reviews(df, policy)
    rows = [
        {"record_id": r, "next_review": w, "rule": u}
        for r, w, u in zip(df["record_id"], when, rule, strict=True)
    ]
    for k in range(0, len(rows), 5_000):
        conn.execute(RR.insert(), rows[k : k + 5_000])
    return len(rows)


def purge_record_actions(conn: Connection, record_id: str) -> int:
    """Erase a record's actions and their history (inside a purge's transaction); return how many."""
    ids = sa.select(T.c.id).where(T.c.record_id == record_id).scalar_subquery()
    conn.execute(E.delete().where(E.c.action_id.in_(ids)))
    if sa.inspect(conn).has_table(RR.name):
        conn.execute(RR.delete().where(RR.c.record_id == record_id))
    return conn.execute(T.delete().where(T.c.record_id == record_id)).rowcount


def _finite(x: float | None) -> float | None:
    return None if x is None or not np.isfinite(x) else float(x)


def _is_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    return status in ACTIVE and due is not None and due < today


def _followup_revision(conn: Connection, row: dict[str, Any]) -> int | None:
    """Return the latest revision of the action's record saved after it was done."""
    done = row.get("done_at")
    if done is None:
        return None
    rev = conn.execute(
        sa.select(sa.func.max(A.c.revision)).where(
            A.c.record_id == row["record_id"],
            A.c.revision > row["baseline_revision"],
            A.c.saved_at >= done,
        )
    ).scalar()
    return None if rev is None else int(rev)


def _baseline(
    conn: Connection, record_id: str, revision: int, factor: str | None
) -> tuple[int, float | None]:
    """Return (overall band, ``factor``'s index or None) of one saved revision."""
    index = A.c[f"{factor}_index"] if factor is not None else sa.null()
    row = conn.execute(
        sa.select(A.c.overall_band, index).where(
            A.c.record_id == record_id, A.c.revision == revision
        )
    ).one()
    return int(row[0]), None if row[1] is None else float(row[1])


def _factor_values(conn: Connection, record_id: str, revision: int, factor: str | None):
    """Return {"native", "band", "index"} of one factor at one revision (None: no factor)."""
    if factor is None:
        return None
    res = conn.execute(
        sa.select(A.c.results_json).where(A.c.record_id == record_id, A.c.revision == revision)
    ).scalar()
    return ((res or {}).get("factors") or {}).get(factor)


def _native(values: dict | None) -> float | None:
    return None if not values else values.get("native")


def _verified_item(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """Return one verified action as :meth:`Actions.verified_between` lists it."""
    follow = row["followup_revision"]
    base = _factor_values(conn, row["record_id"], row["baseline_revision"], row["factor"])
    after = (
        None if follow is None else _factor_values(conn, row["record_id"], follow, row["factor"])
    )
    return {
        "action_id": int(row["id"]),
        "record_id": row["record_id"],
        "factor": row["factor"],
        "rec_id": row["rec_id"],
        "description": row["description"],
        "owner": row["owner"],
        "reason": row["reason"],
        "verified_on": _utc(row["verified_at"]).date(),
        "baseline_revision": int(row["baseline_revision"]),
        "followup_revision": None if follow is None else int(follow),
        "predicted_effect": row["predicted_effect"],
        "predicted_before": row["predicted_before"],
        "predicted_after": row["predicted_after"],
        "measured_before": _native(base) if follow is not None else None,
        "measured_after": _native(after),
    }


def next_reviews(df: pd.DataFrame, policy: ReviewPolicy) -> tuple[pd.Series, pd.Series]:
    """Return (next review date, rule) per latest-revision row, the earliest rule winning.

    ``df`` has ``date``, ``assessment_type``, ``overall_band``, optionally ``symptoms``
    (truthy when a self-check shared symptoms) and ``verified_at`` (last verification).
    """
    date = pd.to_datetime(df["date"])
    candidates = {
        "interval": date
        + pd.to_timedelta(
            np.where(df["assessment_type"] == "self", policy.self, policy.audit), unit="D"
        ),
        "high result": date.where(df["overall_band"] == HIGH) + pd.Timedelta(days=policy.high),
        "very high result": date.where(df["overall_band"] > HIGH)
        + pd.Timedelta(days=policy.very_high),
    }
    if "symptoms" in df:
        shared = df["symptoms"].map(bool)
        candidates["symptoms reported"] = date.where(shared) + pd.Timedelta(days=policy.symptoms)
    if "verified_at" in df:
        verified = pd.to_datetime(df["verified_at"], utc=True).dt.tz_localize(None).dt.normalize()
        candidates["action verified"] = verified + pd.Timedelta(days=policy.verified)
    frame = pd.DataFrame(candidates)
    rule = frame.idxmin(axis=1, skipna=True)
    return frame.min(axis=1).dt.date, rule


def first_baselines(rows: pd.DataFrame) -> pd.DataFrame:
    """Return one row per record and factor: its lowest baseline revision's, first verification.

    ``rows`` has one row per record, factor and baseline revision (with ``verified_at``,
    the first verification among them); a record and factor with verified actions
    from more than one baseline revision keeps the lowest's values and the earliest
    ``verified_at`` of all.
    """
    key = ["record_id", "factor"]
    several = rows.duplicated(key, keep=False)
    if rows.empty or not several.any():
        return rows.drop(columns="baseline_revision")
    many = rows[several].sort_values([*key, "baseline_revision"])
    many["verified_at"] = many.groupby(key, dropna=False)["verified_at"].transform("min")
    first = many.drop_duplicates(key, keep="first")
    return pd.concat([rows[~several], first]).drop(columns="baseline_revision")


def action_figures(counts: dict[str, int], overdue: int, verified: pd.DataFrame) -> dict:
    """Return the figures of :meth:`Actions.figures` from its two queries' rows (pure pandas).

    ``counts`` holds the actions per status, ``overdue`` how many of them are overdue;
    ``verified`` one row per record
    and factor with a verified action: record_id, factor, verified_at, base_overall,
    latest_overall, index_before, index_after.
    """
    by_status = {s: int(counts.get(s, 0)) for s in STATUSES}
    total = sum(by_status.values())
    closed = by_status["done"] + by_status["verified"] + by_status["wont_do"]
    factor_cols = ["factor", "records", "index_before", "index_after", "index_change"]
    rows, trend = [], []
    left_high = 0
    if not verified.empty:
        left = verified[(verified["base_overall"] >= HIGH) & (verified["latest_overall"] < HIGH)]
        left_high = int(left["record_id"].nunique())
        for f in FACTORS:
            on = verified[verified["factor"] == f]
            if on.empty:
                continue
            before = on["index_before"].astype(float)
            after = on["index_after"].astype(float)
            change = after - before
            rows.append(
                {
                    "factor": f,
                    "records": len(on),
                    "index_before": float(before.mean()),
                    "index_after": float(after.mean()),
                    "index_change": float(change.sum()),
                }
            )
            when = pd.to_datetime(on["verified_at"], utc=True).dt.tz_localize(None)
            removed = (-change).clip(lower=0).groupby(when.dt.to_period("M")).sum() + 0.0
            trend += [
                {"month": str(p), "factor": f, "index_removed": float(v)}
                for p, v in removed.items()
            ]
    return {
        "counts": {**by_status, "overdue": overdue, "total": total},
        "closure_rate": closed / total if total else None,
        "left_high": left_high,
        "by_factor": pd.DataFrame(rows, columns=factor_cols),
        "trend": pd.DataFrame(trend, columns=["month", "factor", "index_removed"]).sort_values(
            ["month", "factor"]
        ),
    }
