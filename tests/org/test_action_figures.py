"""The dashboard's risk-removed figures, on SQLite and PostgreSQL, against hand-computed sets.

Each action keeps its baseline revision's overall band and its own factor's index
(migration 0016), and :meth:`Actions.figures` reads them from the action. These tests
check that the stored values equal the revision's own (for new actions and for those
filled by the migration), and that the figures equal what is computed here from the
saved revisions' results: per record and factor with a verified action, the lowest
baseline revision's values and the latest revision's.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
import sqlalchemy as sa

from assessments import access
from assessments.access import ScopedStore
from assessments.actions import Actions, action_table
from assessments.store import Filters, Store, upgrade
from scoring.bands import HIGH
from tests.org.test_actions import ADMIN, at_site, example

BEFORE = "0014_action_scale"  # the revision before the action figures migration
T = action_table


def _values(store: Store, record_id: str, revision: int | None, factor: str | None):
    """Return (overall band, factor index or None) of one revision, from its results."""
    res = store.get(record_id, revision=revision).results
    f = (res["factors"].get(factor) or {}) if factor else {}
    index = f.get("index")
    return int(res["overall_band"]), None if index is None else float(index)


def _stored(store: Store) -> pd.DataFrame:
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                T.c.id,
                T.c.record_id,
                T.c.factor,
                T.c.baseline_revision,
                T.c.baseline_band,
                T.c.baseline_index,
            ).order_by(T.c.id)
        ).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=[c for c in rows[0]._fields])


def _assert_stored_baselines_equal_the_revisions(store: Store) -> None:
    stored = _stored(store)
    assert len(stored) > 0
    for r in stored.itertuples():
        band, index = _values(store, r.record_id, int(r.baseline_revision), r.factor)
        assert int(r.baseline_band) == band, r
        if index is None:
            assert r.baseline_index is None or math.isnan(r.baseline_index), r
        else:
            assert r.baseline_index == pytest.approx(index, abs=1e-12), r


@pytest.fixture
def plan(store):
    """Return (store, admin's Actions, records): verified actions over two revisions."""
    eng = store.engine
    access.set_user(eng, ADMIN, "admin", by=ADMIN)
    scoped = ScopedStore(store, access.principal_for(eng, ADMIN))
    acts = Actions(scoped)
    rec = {
        "lift": scoped.save(at_site(example("warehouse-lifting"), "Leeds")).record_id,
        "vib": scoped.save(at_site(example("maintenance-vibration"), "Bristol")).record_id,
        "desk": scoped.save(at_site(example("office-desk"), "Bristol")).record_id,
    }
    # Revision 1 baselines: every recommendation of the lifting and desk records.
    made = acts.from_recommendations(rec["lift"]) + acts.from_recommendations(rec["desk"])
    hand = acts.create(rec["vib"], "Written by hand, no factor")
    vib = acts.create(rec["vib"], "Shorter trigger time", factor="hand_arm_vibration")
    # A follow-up of the load action as revision 2 of the lifting record.
    load = next(i for i in made if acts.get(i)["rec_id"] == "LIFT-LOAD")
    acts.set_status(load, "done")
    scoped.save(acts.followup_assessment(load), record_id=rec["lift"])
    # Revision 2 baselines on the same factors, verified before those of revision 1,
    # so the first verification and the lowest baseline belong to different actions.
    later = [acts.create(rec["lift"], "Again", factor=f) for f in ("lifting", "awkward_posture")]
    for i in later:
        acts.set_status(i, "done")
        acts.set_status(i, "verified", reason="checked on site")
    acts.set_status(load, "verified")
    posture = next(i for i in made if acts.get(i)["factor"] == "awkward_posture")
    desk = [i for i in made if acts.get(i)["record_id"] == rec["desk"]][:3]
    for i in [posture, *desk, vib, hand]:
        acts.set_status(i, "done")
        acts.set_status(i, "verified", reason="checked on site")
    acts.create(rec["desk"], "Open one", factor="sitting")  # not verified: not counted
    return store, acts, rec


def _hand_figures(store: Store, records: set[str]) -> tuple[int, pd.DataFrame, pd.DataFrame]:
    """Return (left_high, by_factor, trend) computed from the saved revisions' results."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(T.c.record_id, T.c.factor, T.c.baseline_revision, T.c.verified_at).where(
                T.c.status == "verified"
            )
        ).all()
    groups: dict[tuple, list] = {}
    for r in rows:
        if r.record_id in records:
            groups.setdefault((r.record_id, r.factor), []).append(r)
    per = []
    for (record_id, factor), acts in groups.items():
        base_band, before = _values(
            store, record_id, min(a.baseline_revision for a in acts), factor
        )
        latest_band, after = _values(store, record_id, None, factor)
        verified = min(pd.Timestamp(a.verified_at) for a in acts)
        per.append((record_id, factor, base_band, latest_band, before, after, verified))
    df = pd.DataFrame(
        per, columns=["record_id", "factor", "base", "latest", "before", "after", "verified"]
    )
    left = df[(df["base"] >= HIGH) & (df["latest"] < HIGH)]["record_id"].nunique()
    on = df[df["factor"].notna()].astype({"before": float, "after": float})
    by = (
        on.assign(change=on["after"] - on["before"])
        .groupby("factor")
        .agg(
            records=("record_id", "size"),
            index_before=("before", "mean"),
            index_after=("after", "mean"),
            index_change=("change", "sum"),
        )
    )
    stamp = pd.to_datetime(on["verified"], utc=True).dt.tz_localize(None)
    removed = (on["before"] - on["after"]).clip(lower=0)
    trend = removed.groupby([stamp.dt.to_period("M").astype(str), on["factor"]]).sum()
    return int(left), by, trend


def _assert_figures_equal(fig: dict, store: Store, records: set[str]) -> None:
    left, by, trend = _hand_figures(store, records)
    assert fig["left_high"] == left
    got = fig["by_factor"].set_index("factor").sort_index()
    assert list(got.index) == sorted(by.index)
    assert list(got["records"]) == list(by["records"])
    for col in ("index_before", "index_after", "index_change"):
        assert list(got[col]) == pytest.approx(list(by[col]), abs=1e-9, nan_ok=True), col
    t = fig["trend"].set_index(["month", "factor"])["index_removed"].sort_index()
    assert list(t.index) == list(trend.sort_index().index)
    assert list(t) == pytest.approx(list(trend.sort_index()), abs=1e-9)


def test_new_actions_store_their_baseline_revisions_band_and_index(plan):
    store, _acts, _rec = plan
    stored = _stored(store)
    assert set(stored["baseline_revision"]) == {1, 2}
    assert stored["baseline_index"].notna().sum() > 0
    _assert_stored_baselines_equal_the_revisions(store)


def test_risk_removed_figures_equal_the_hand_computed_sets(plan):
    store, acts, rec = plan
    fig = acts.figures()
    assert fig["counts"]["verified"] == 9
    by = fig["by_factor"].set_index("factor")
    # lifting: one record, baseline at revision 1 (not the revision-2 action verified first)
    assert by.loc["lifting", "records"] == 1
    assert by.loc["lifting", "index_before"] == pytest.approx(
        _values(store, rec["lift"], 1, "lifting")[1]
    )
    _assert_figures_equal(fig, store, set(rec.values()))
    bristol = acts.figures(Filters(sites=("Bristol",)))
    _assert_figures_equal(bristol, store, {rec["vib"], rec["desk"]})
    acts.scoped.delete(rec["desk"])  # archived: out of the figures
    _assert_figures_equal(acts.figures(), store, {rec["lift"], rec["vib"]})


def test_migration_0016_fills_the_baselines_from_the_revisions(store_url):
    engine = Store(store_url, migrate=False).engine
    upgrade(engine, BEFORE)
    old = Store(store_url, migrate=False)
    scoped = ScopedStore(old, access.local_principal())
    lift = scoped.save(at_site(example("warehouse-lifting"), "Leeds")).record_id
    desk = scoped.save(at_site(example("office-desk"), "Leeds")).record_id
    scoped.save(at_site(example("warehouse-lifting"), "Leeds"), record_id=lift)
    now = dt.datetime.now(dt.UTC)
    # Written as the code before 0016 wrote them: no baseline columns.
    rows = [
        (lift, 1, "lifting"),
        (lift, 2, "lifting"),
        (lift, 1, "awkward_posture"),
        (lift, 2, None),
        (desk, 1, "sitting"),
        (desk, 1, "hand_arm_vibration"),  # not assessed on a desk: no index
    ]
    with old.engine.begin() as conn:
        for record_id, revision, factor in rows:
            conn.execute(
                T.insert().values(
                    record_id=record_id,
                    baseline_revision=revision,
                    factor=factor,
                    description="before 0016",
                    owner="",
                    status="open",
                    reason="",
                    notes="",
                    predicted_effect="",
                    changes=[],
                    created_at=now,
                    created_by="test",
                )
            )
    old.close()
    engine.dispose()
    s = Store(store_url)  # runs 0016
    stored = _stored(s)
    assert len(stored) == len(rows)
    assert stored["baseline_band"].notna().all()
    _assert_stored_baselines_equal_the_revisions(s)
    s.close()
