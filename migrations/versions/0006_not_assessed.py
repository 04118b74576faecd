"""A factor whose section was left out is stored as not assessed (-2), apart from not applicable.

Until now the band columns held -1 both for a factor marked not applicable and for
one nobody assessed, so the dashboard could not tell them apart. This recomputes
the code of every saved row from its stored input: a section that is null or
absent there (or, for a row imported from a flat table, a section with no cell
filled in) was not assessed. The results JSON gets the same code.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NOT_APPLICABLE, NOT_ASSESSED = -1, -2
# Written out rather than imported: a migration keeps describing the schema it changed.
SECTION_OF_FACTOR = {
    "workstation": "workstation",
    "sitting": "sitting",
    "lifting": "lifting",
    "hand_arm_vibration": "vibration",
    "whole_body_vibration": "vibration",
    "contact_stress": "contact_stress",
    "repetitive_motion": "repetitive_motion",
    "awkward_posture": "awkward_posture",
}
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
PAGE = 5000


def _table() -> sa.Table:
    return sa.table(
        "assessment",
        sa.column("id", ID),
        sa.column("input_layout", sa.String(8)),
        sa.column("input_json", sa.JSON()),
        sa.column("results_json", sa.JSON()),
        *[sa.column(f"{f}_band", sa.SmallInteger()) for f in SECTION_OF_FACTOR],
    )


def section_given(layout: str, doc: dict, section: str) -> bool:
    """Return True when the stored input has the section (flat: any cell of it filled)."""
    if layout == "flat":
        return any(str(k).startswith(section + ".") for k in doc)
    return isinstance(doc.get(section), dict)


def _recode(old: int, new: int, *, backwards: bool) -> None:
    bind = op.get_bind()
    a = _table()
    bands = [a.c[f"{f}_band"] for f in SECTION_OF_FACTOR]
    last = 0
    while True:
        page = (
            bind.execute(
                sa.select(a.c.id, a.c.input_layout, a.c.input_json, a.c.results_json, *bands)
                .where(a.c.id > last)
                .order_by(a.c.id)
                .limit(PAGE)
            )
            .mappings()
            .all()
        )
        if not page:
            break
        for row in page:
            doc = row["input_json"] or {}
            changed = {}
            for f, section in SECTION_OF_FACTOR.items():
                if row[f"{f}_band"] != old:
                    continue
                if backwards or not section_given(row["input_layout"], doc, section):
                    changed[f] = new
            if not changed:
                continue
            results = dict(row["results_json"] or {})
            factors = {k: dict(v) for k, v in (results.get("factors") or {}).items()}
            for f, code in changed.items():
                if f in factors:
                    factors[f]["band"] = code
            results["factors"] = factors
            bind.execute(
                a.update()
                .where(a.c.id == row["id"])
                .values(results_json=results, **{f"{f}_band": c for f, c in changed.items()})
            )
        last = page[-1]["id"]


def upgrade() -> None:
    _recode(NOT_APPLICABLE, NOT_ASSESSED, backwards=False)


def downgrade() -> None:
    _recode(NOT_ASSESSED, NOT_APPLICABLE, backwards=True)
