"""Store hardening: sample marks, a seeding guard, readable ids and a folded search column.

- ``assessment.is_sample``: rows loaded as sample data, shown as such and left out
  of exports unless asked for. Rows the old seeder loaded (organisation "Sample
  Manufacturing Ltd", ids "S-0001"..., imported flat) are marked.
- ``ergo_meta``: one row per key; ``held_data`` is written by the first save or
  import (and here, when the table already has rows), so sample data is loaded
  only into a database that never held any, once: its primary key lets only one
  of several starting processes claim it.
- ``readable_id_counter``: the last number given out per year for the readable
  ids ``ERG-<year>-<6 digits>``; one upsert per save allocates the next.
- ``assessment.search_text``: worker reference, job title and assessment id folded
  the same way the search text is (Unicode case folding, accents and the Turkish
  dotless i ignored), because SQLite's ``lower()`` folds ASCII only. Filled here
  for the rows already saved.
- an index on ``assessment_id`` for the exact id lookup.
- records saved without an assessment id get their readable id now (every
  revision, the column and the stored input), as a new save would give them.

Depends only on the 0002 schema.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-01
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
PAGE = 5000
# What the seeder before this revision wrote (scripts/sample_data.py of 2026-11).
OLD_SAMPLE_ORGANISATION = "Sample Manufacturing Ltd"
READABLE_ID = "ERG-{year}-{number:06d}"  # as assessments.store.READABLE_ID at this revision


def _fold(text: str) -> str:
    # Frozen copy of assessments.store.fold as of this revision: a migration keeps
    # describing what it did even if the application's folding changes later.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.replace("\u0131", "i"))


def _search_text(assessment_id: str, worker_ref: str, job_title: str) -> str:
    return "\n".join(_fold(p or "") for p in (assessment_id, worker_ref, job_title))


def _give_readable_ids(bind) -> None:
    """Give each record saved without an assessment id its readable id, on every revision.

    The form promised "left blank, one is made"; records saved before this revision
    never got one. Numbered in the order the records were first saved, per year of
    that first save, skipping ids someone typed; the counters continue from there.
    """
    a = sa.table(
        "assessment",
        sa.column("id", ID),
        sa.column("record_id", sa.String()),
        sa.column("is_latest", sa.Boolean()),
        sa.column("saved_at", sa.DateTime(timezone=True)),
        sa.column("assessment_id", sa.String()),
        sa.column("input_layout", sa.String()),
        sa.column("input_json", sa.JSON()),
    )
    first = (
        sa.select(
            a.c.record_id,
            sa.func.min(a.c.saved_at).label("first_at"),
            sa.func.min(a.c.id).label("first_id"),
        )
        .group_by(a.c.record_id)
        .subquery()
    )
    blank = (
        sa.select(first.c.record_id, first.c.first_at)
        .join(a, sa.and_(a.c.record_id == first.c.record_id, a.c.is_latest))
        .where(a.c.assessment_id == "")
        .order_by(first.c.first_at, first.c.first_id)
    )
    records = bind.execute(blank).all()
    if not records:
        return
    used = set(
        bind.execute(sa.select(a.c.assessment_id).where(a.c.assessment_id.like("ERG-%"))).scalars()
    )
    counters: dict[int, int] = {}
    given: dict[str, str] = {}
    for record_id, first_at in records:
        year = first_at.year
        while True:
            counters[year] = counters.get(year, 0) + 1
            aid = READABLE_ID.format(year=year, number=counters[year])
            if aid not in used:
                break
        given[record_id] = aid
    update = (
        a.update()
        .where(a.c.id == sa.bindparam("row_id"))
        .values(assessment_id=sa.bindparam("aid"), input_json=sa.bindparam("doc"))
    )
    ids = list(given)
    for start in range(0, len(ids), PAGE):
        rows = bind.execute(
            sa.select(a.c.id, a.c.record_id, a.c.input_layout, a.c.input_json).where(
                a.c.record_id.in_(ids[start : start + PAGE]), a.c.assessment_id == ""
            )
        ).all()
        params = []
        for row_id, record_id, layout, doc in rows:
            doc = dict(doc)
            if layout == "flat":
                doc["assessment_id"] = given[record_id]
            else:
                doc["header"] = {**doc.get("header", {}), "assessment_id": given[record_id]}
            params.append({"row_id": row_id, "aid": given[record_id], "doc": doc})
        if params:
            bind.execute(update, params)
    counter = sa.table("readable_id_counter", sa.column("year"), sa.column("last"))
    bind.execute(counter.insert(), [{"year": y, "last": n} for y, n in counters.items()])


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, not a batch copy: on SQLite a copy would drop the
    # old table, and its ON DELETE CASCADE would empty assessment_recommendation.
    op.add_column(
        "assessment",
        sa.Column("is_sample", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "assessment", sa.Column("search_text", sa.Text(), nullable=False, server_default="")
    )
    op.create_index("ix_assessment_assessment_id", "assessment", ["assessment_id"])
    op.create_table(
        "ergo_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "readable_id_counter",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last", sa.Integer(), nullable=False),
    )
    bind = op.get_bind()
    a = sa.table(
        "assessment",
        sa.column("id", ID),
        sa.column("assessment_id", sa.String()),
        sa.column("worker_ref", sa.String()),
        sa.column("job_title", sa.String()),
        sa.column("organisation", sa.String()),
        sa.column("input_layout", sa.String()),
        sa.column("is_sample", sa.Boolean()),
        sa.column("search_text", sa.Text()),
    )
    bind.execute(
        a.update()
        .where(
            a.c.organisation == OLD_SAMPLE_ORGANISATION,
            a.c.assessment_id.like("S-%"),
            a.c.input_layout == "flat",
        )
        .values(is_sample=True)
    )
    if bind.execute(sa.select(a.c.id).limit(1)).first() is not None:
        meta = sa.table("ergo_meta", sa.column("key"), sa.column("value"), sa.column("written_at"))
        bind.execute(
            meta.insert().values(
                key="held_data",
                value="rows saved before revision 0004",
                written_at=sa.func.current_timestamp(),
            )
        )
    _give_readable_ids(bind)
    # Fill the search column in pages so a large database never sits in memory.
    update = (
        a.update().where(a.c.id == sa.bindparam("row_id")).values(search_text=sa.bindparam("st"))
    )
    last = 0
    while True:
        page = bind.execute(
            sa.select(a.c.id, a.c.assessment_id, a.c.worker_ref, a.c.job_title)
            .where(a.c.id > last)
            .order_by(a.c.id)
            .limit(PAGE)
        ).all()
        if not page:
            break
        bind.execute(
            update, [{"row_id": i, "st": _search_text(aid, w, j)} for i, aid, w, j in page]
        )
        last = page[-1][0]


def downgrade() -> None:
    op.drop_table("readable_id_counter")
    op.drop_table("ergo_meta")
    op.drop_index("ix_assessment_assessment_id", "assessment")
    op.drop_column("assessment", "search_text")  # SQLite >= 3.35 drops columns in place
    op.drop_column("assessment", "is_sample")
