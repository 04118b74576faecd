"""The assessment model: field declarations and house-style validation messages."""

import pytest
from pydantic import ValidationError

from assessments import model as m
from assessments.fields import field_spec, fields_of, input_fields, problems_from


def _problems(data):
    with pytest.raises(ValidationError) as exc:
        m.Assessment.model_validate(data)
    return [p.line() for p in problems_from(exc.value)]


TASK = {
    "load_kg": 10,
    "h_origin_cm": 30,
    "v_origin_cm": 70,
    "h_dest_cm": 30,
    "v_dest_cm": 100,
    "lifts_per_min": 1,
}


def test_every_input_declares_unit_title_and_kind():
    for spec in input_fields():
        assert spec.title, spec
        if spec.kind == "number":
            assert spec.unit, f"{spec.scope}.{spec.name} has no unit"
            assert spec.le is not None, f"{spec.scope}.{spec.name} has no upper bound"


def test_negative_distance_names_field_value_and_bound():
    lines = _problems({"lifting": {"tasks": [{**TASK, "h_origin_cm": -3}]}})
    assert lines == [
        "lifting.tasks.0.h_origin_cm: h_origin_cm == -3, must be >= 0 and <= 200 [cm]."
    ]


def test_unknown_choice_lists_the_valid_ones():
    lines = _problems({"lifting": {"tasks": [{**TASK, "coupling": "great"}]}})
    assert lines == [
        "lifting.tasks.0.coupling: coupling == 'great', must be one of: good, fair, poor."
    ]


def test_missing_required_value_is_named_with_its_range():
    task = dict(TASK)
    del task["load_kg"]
    lines = _problems({"lifting": {"tasks": [task]}})
    assert lines == [
        "lifting.tasks.0.load_kg: load_kg is missing, must be given (> 0 and <= 200 [kg])."
    ]


def test_pair_rules_name_both_fields():
    lines = _problems({"sitting": {"seated_h_per_day": 20, "standing_h_per_day": 6}})
    assert lines == ["sitting: seated_h_per_day + standing_h_per_day == 26, must be <= 24 [h/day]."]
    lines = _problems({"lifting": {"tasks": [{**TASK, "load_max_kg": 5}]}})
    assert lines == ["lifting.tasks.0: load_kg == 10, must be <= load_max_kg (5) [kg]."]
    lines = _problems({"awkward_posture": {"back_bent_30_h": 1, "back_bent_45_h": 2}})
    assert "back_bent_45_h == 2, must be <= back_bent_30_h (1) [h/day]." in lines[0]


def test_workstation_needs_stature_unless_not_applicable():
    lines = _problems({"workstation": {"seat_height_cm": 45}})
    assert "stature_cm is missing" in lines[0]
    m.Assessment.model_validate({"workstation": {"not_applicable": True}})


def test_unknown_input_is_refused_not_dropped():
    lines = _problems({"sitting": {"seated_hours": 5}})
    assert "seated_hours is not an input of this form" in lines[0]


def test_nan_from_a_blank_cell_means_not_given():
    w = m.Workstation(stature_cm=170, seat_height_cm=float("nan"))
    assert w.seat_height_cm is None


def test_catalogue_lookups_answer_unknown_names_with_valid_ones():
    assert field_spec("lifting.task", "h_origin_cm").unit == "cm"
    with pytest.raises(KeyError, match="must be one of"):
        field_spec("lifting.task", "h_cm")
    with pytest.raises(KeyError, match="must be one of"):
        fields_of("nonsense")


def test_sections_default_to_not_assessed():
    a = m.Assessment()
    assert all(getattr(a, s) is None for s in m.SECTIONS)


def test_too_long_text_names_the_limit():
    lines = _problems({"header": {"site": "x" * 201}})
    assert lines[0].endswith("must be at most 200 characters.")
