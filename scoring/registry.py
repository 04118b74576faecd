"""The method registry: one record per factor, iterated by everything that shows a factor.

colour-science's ``*_METHODS`` registries are the model: the engine, the model glue,
batch scoring, the form, Results, the PDF, the Methods page, the filters, the dashboard
and the tests walk :data:`FACTORS` instead of keeping their own maps of factor ids. A new
method touches its module, its record here, its docs page, its recommendation entries
and its tests.

Order matters: it is the order of the profile, the report and the stored columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from scoring import (
    awkward_posture,
    contact_stress,
    hand_arm_vibration,
    niosh_lifting,
    prolonged_sitting,
    push_pull_carry,
    recommendations,
    repetitive_motion,
    revised_strain_index,
    rosa,
    whole_body_vibration,
    workstation_height,
)
from scoring.bands import BandScale
from scoring.results import MethodInfo

# Derived inputs: (results so far, inputs, applicable, n) -> {assess keyword: array}.
Derive = Callable[[Mapping[str, Any], Mapping[str, Any], Mapping[str, np.ndarray], int], dict]


@dataclass(frozen=True)
class Factor:
    """One factor: its method and where it lives in the model, the batch table and the catalogue.

    ``section`` is the model section holding its inputs ("vibration" holds two factors);
    ``list_scope`` the field scope of its repeated items ("lifting.task"), or ``None``
    for a section of single fields. ``batch_columns`` are the method-specific result
    fields written beside the headline value in batch results. ``recommend(kw, res,
    band, index)`` returns (recommendations, personal targets) for one row;
    ``triggered(kw, res, band)`` says on whole columns which catalogue entries fire.
    ``derive`` adds inputs computed from factors scored before this one.
    """

    id: str
    plain_title: str
    module: ModuleType
    section: str
    list_scope: str | None
    batch_columns: tuple[str, ...]
    recommend: Callable
    triggered: Callable
    derive: Derive | None = None

    @property
    def method(self) -> MethodInfo:
        """Return the method's MethodInfo (title, edition, inputs, references)."""
        return self.module.METHOD

    @property
    def title(self) -> str:
        """Return the officer's title of the factor, e.g. "Lifting"."""
        return self.method.factor_title

    @property
    def scale(self) -> BandScale:
        """Return the method's band scale."""
        return self.method.scale

    @property
    def headline(self) -> str:
        """Return the headline native value and its unit, in words."""
        return self.method.native

    @property
    def references(self) -> tuple[str, ...]:
        """Return the method's bibliography keys."""
        return self.method.references


def _seat_edge_hours(results, inputs, applicable, n) -> dict:
    """Return the hours a day the seat front presses the thighs (from workstation and sitting).

    A seat set above the shod popliteal height (plus footrest) loads the underside
    of the thighs for as long as the worker sits.
    """
    ws = results.get(workstation_height.METHOD.factor)
    sitting = inputs.get(prolonged_sitting.METHOD.factor, {})
    seated = np.asarray(sitting.get("seated_h_per_day", np.full(n, np.nan)), float)
    if ws is None:
        return {contact_stress.SEAT_EDGE_INPUT: np.zeros(n)}
    used = applicable.get(workstation_height.METHOD.factor, np.zeros(n, bool))
    too_high = np.asarray(ws.seat_too_high, dtype=bool) & np.asarray(used, dtype=bool)
    hours = np.where(too_high & ~np.isnan(seated), np.nan_to_num(seated), 0.0)
    return {contact_stress.SEAT_EDGE_INPUT: hours}


R = recommendations
FACTORS: tuple[Factor, ...] = (
    Factor(
        id=workstation_height.METHOD.factor,
        plain_title="Desk, chair and screen heights",
        module=workstation_height,
        section="workstation",
        list_scope=None,
        batch_columns=("worst_dimension",),
        recommend=R.recommend_workstation,
        triggered=R.workstation_triggered,
    ),
    Factor(
        id=prolonged_sitting.METHOD.factor,
        plain_title="Sitting",
        module=prolonged_sitting,
        section="sitting",
        list_scope=None,
        batch_columns=(),
        recommend=R.recommend_sitting,
        triggered=R.sitting_triggered,
    ),
    Factor(
        id=niosh_lifting.METHOD.factor,
        plain_title="Lifting loads",
        module=niosh_lifting,
        section="lifting",
        list_scope="lifting.task",
        batch_columns=("n_tasks",),
        recommend=R.recommend_lifting,
        triggered=R.lifting_triggered,
    ),
    Factor(
        id=hand_arm_vibration.METHOD.factor,
        plain_title="Vibration from hand tools",
        module=hand_arm_vibration,
        section="vibration",
        list_scope="vibration.tool",
        batch_columns=("points",),
        recommend=R.recommend_hand_arm,
        triggered=R.hand_arm_triggered,
    ),
    Factor(
        id=whole_body_vibration.METHOD.factor,
        plain_title="Vibration from vehicles and machines",
        module=whole_body_vibration,
        section="vibration",
        list_scope="vibration.source",
        batch_columns=("points", "dominant_axis", "vdv_m_s175", "vdv_axis"),
        recommend=R.recommend_whole_body,
        triggered=R.whole_body_triggered,
    ),
    Factor(
        id=contact_stress.METHOD.factor,
        plain_title="Pressure from hard edges",
        module=contact_stress,
        section="contact_stress",
        list_scope=None,
        batch_columns=("dominant",),
        recommend=R.zone_recommender(contact_stress),
        triggered=R.zone_trigger(contact_stress),
        derive=_seat_edge_hours,
    ),
    Factor(
        id=repetitive_motion.METHOD.factor,
        plain_title="Repeated hand movements and keying",
        module=repetitive_motion,
        section="repetitive_motion",
        list_scope=None,
        batch_columns=("dominant",),
        recommend=R.zone_recommender(repetitive_motion),
        triggered=R.zone_trigger(repetitive_motion),
    ),
    Factor(
        id=awkward_posture.METHOD.factor,
        plain_title="Awkward body positions",
        module=awkward_posture,
        section="awkward_posture",
        list_scope=None,
        batch_columns=("dominant",),
        recommend=R.zone_recommender(awkward_posture),
        triggered=R.zone_trigger(awkward_posture),
    ),
    Factor(
        id=rosa.METHOD.factor,
        plain_title="Your office chair, screen, phone, mouse and keyboard",
        module=rosa,
        section="office_workstation",
        list_scope=None,
        batch_columns=("chair", "peripherals", "action_level"),
        recommend=R.recommend_rosa,
        triggered=R.rosa_triggered,
    ),
    Factor(
        id=revised_strain_index.METHOD.factor,
        plain_title="Hard or fast work with your hands",
        module=revised_strain_index,
        section="hand_exertion",
        list_scope="hand_exertion.task",
        batch_columns=("n_tasks", "n_subtasks", "worst_task"),
        recommend=R.recommend_rsi,
        triggered=R.rsi_triggered,
    ),
    Factor(
        id=push_pull_carry.METHOD.factor,
        plain_title="Pushing, pulling and carrying loads",
        module=push_pull_carry,
        section="push_pull_carry",
        list_scope="push_pull_carry.task",
        batch_columns=("n_tasks", "worst_task", "min_percent_capable"),
        recommend=R.recommend_ppc,
        triggered=R.ppc_triggered,
    ),
)
FACTOR_IDS: tuple[str, ...] = tuple(f.id for f in FACTORS)
BY_ID: dict[str, Factor] = {f.id: f for f in FACTORS}


def factor(factor_id: str) -> Factor:
    """Return a factor's record; unknown ids are answered with the valid ones."""
    if factor_id not in BY_ID:
        raise KeyError(f"factor == {factor_id!r}, must be one of: {', '.join(FACTOR_IDS)}.")
    return BY_ID[factor_id]


def position(factor_id: str) -> int:
    """Return the factor's column in the engine's (n, factors) arrays."""
    return FACTOR_IDS.index(factor(factor_id).id)


def title(factor_id: str) -> str:
    """Return the officer's title of a factor id (the id itself for an unknown one)."""
    return BY_ID[factor_id].title if factor_id in BY_ID else factor_id


def of_method(method_id: str) -> Factor:
    """Return the record of the factor a method id scores."""
    for f in FACTORS:
        if f.method.id == method_id:
            return f
    valid = ", ".join(f.method.id for f in FACTORS)
    raise KeyError(f"method == {method_id!r}, must be one of: {valid}.")
