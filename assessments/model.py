"""The assessment: one worker (or job) at one workplace on one date.

Every input field is declared once here, with its unit, range, label and the help
text that says how to measure it. The form, validation, the JSON Schema, the CSV
columns and the PDF's input tables all read these declarations
(:mod:`assessments.fields` walks them). Values are canonical units throughout
(cm, kg, degrees, m/s², hours, minutes, lifts/min); :mod:`assessments.units`
converts US customary input at the boundary.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import typing
import unicodedata
from functools import cache
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from assessments.rules import rules_for

# 1.1 adds the office workstation (ROSA) section, 1.2 the hand-intensive tasks (RSI),
# 1.3 the push, pull and carry tasks (Liberty Mutual equations).
SCHEMA_VERSION = "1.3"
# Versions a document may declare: a 1.0, 1.1 or 1.2 file is a 1.3 file without the newer
# sections, so it opens unchanged (and keeps the version it was written with).
READABLE_VERSIONS = ("1.0", "1.1", "1.2", "1.3")


def num(
    title: str,
    unit: str,
    *,
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    default: float | None = None,
    required: bool = False,
    help: str = "",
) -> Any:
    """Return a pydantic Field for a number with its unit, range, label and help."""
    return Field(
        ... if required else default,
        ge=ge,
        le=le,
        gt=gt,
        title=title,
        description=help,
        json_schema_extra={"unit": unit},
    )


def score(title: str, *, ge: int, le: int, help: str = "") -> Any:
    """Return a pydantic Field for a whole-number checklist score [points] (blank: not scored)."""
    return Field(
        None,
        ge=ge,
        le=le,
        title=title,
        description=help,
        json_schema_extra={"unit": "points", "whole": True},
    )


def choice(title: str, *, default: Any = None, help: str = "") -> Any:
    """Return a pydantic Field for a choice (the allowed values come from its Literal)."""
    return Field(default, title=title, description=help, json_schema_extra={"unit": ""})


def flag(title: str, *, default: bool = False, help: str = "") -> Any:
    """Return a pydantic Field for a yes/no input."""
    return Field(default, title=title, description=help, json_schema_extra={"unit": ""})


def text(title: str, *, default: str = "", max_length: int = 2000, help: str = "") -> Any:
    """Return a pydantic Field for free text."""
    return Field(
        default,
        title=title,
        description=help,
        max_length=max_length,
        json_schema_extra={"unit": ""},
    )


class _Model(BaseModel):
    # Infinity and NaN are not measurements (and JSON has no such numbers).
    model_config = ConfigDict(extra="forbid", validate_assignment=False, allow_inf_nan=False)
    _scope: ClassVar[str] = ""  # key of the pair rules (assessments.rules) that apply

    @model_validator(mode="after")
    def _pair_rules(self) -> Any:
        for rule in rules_for(self._scope):
            a, b = getattr(self, rule.a), getattr(self, rule.b)
            if a is not None and b is not None and not rule.ok(a, b):
                raise ValueError(rule.message(a, b))
        return self

    @field_validator("*", mode="before")
    @classmethod
    def _strict_input(cls, v: Any, info: ValidationInfo) -> Any:
        # A blank spreadsheet cell arrives as NaN; it means "not given", not a number.
        if isinstance(v, float) and math.isnan(v):
            return None
        kind = _field_kinds(cls).get(info.field_name)
        if kind == "number":
            return _strict_number(cls, info.field_name, v)
        if kind == "date":
            return _strict_date(info.field_name, v)
        if kind == "text" and isinstance(v, str):
            check_text(info.field_name, v)
        return v

    @field_validator("date", mode="after", check_fields=False)
    @classmethod
    def _plausible_date(cls, v: Any, info: ValidationInfo) -> Any:
        # A saved record is opened as it was saved, whatever the window is today.
        if isinstance(v, dt.date) and not (info.context or {}).get("stored"):
            check_date_window(v)
        return v


# ------------------------------------------------------------- strict input types

# Assessments of working conditions as they are now: Ergo was first released in
# 2026, and no workplace assessment record kept under the UK Management of Health
# and Safety at Work Regulations 1999 (reg. 3) predates 1990 in practice; a date
# more than a year ahead is a typing error. The window is the tool's choice, not a
# standard's, and keeps the dashboard's trend to a readable span.
DATE_MIN = dt.date(1990, 1, 1)
DATE_AHEAD_DAYS = 366
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
# 1,000 or 12,500,000: digits grouped in threes, read as thousands in English and
# as a decimal comma in most of Europe, so neither reading is safe.
_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+$")
# Tab, line feed and carriage return are ordinary text (notes have lines); every other
# control character (NUL, escape, C1 controls) and unpaired surrogates are refused:
# PostgreSQL cannot store NUL, and neither can be typed in the form.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def _is_refused_char(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs") and ch not in _ALLOWED_CONTROLS


def check_text(name: str, text: str) -> None:
    """Return None for text without control characters; raises ValueError naming the first."""
    for pos, ch in enumerate(text, start=1):
        if _is_refused_char(ch):
            raise ValueError(
                f"{name} contains the control character U+{ord(ch):04X} at character {pos}, "
                "must be text without control characters (remove it)."
            )


def number_from_text(name: str, text: str, allowed: str = "a number") -> float:
    """Return the number a cell's text states; raises ValueError saying why it is not one.

    A decimal comma is read where it cannot be a thousands separator (``2,5``,
    ``0,125``); ``1,000`` could be either and is refused rather than guessed.
    ``allowed`` is the field's range in words, for the message.
    """
    t = text.strip()
    if _PLAIN_NUMBER.match(t):
        value = float(t)
    elif _THOUSANDS.match(t):
        raise ValueError(
            f"{name} == {text!r} is ambiguous (thousands separator or decimal comma?): "
            f"write {t.replace(',', '')} or {t.replace(',', '.')}; must be {allowed}."
        )
    elif _DECIMAL_COMMA.match(t):
        value = float(t.replace(",", "."))
    else:
        raise ValueError(f"{name} == {text!r} is not a number, must be {allowed}.")
    if not math.isfinite(value):
        raise ValueError(f"{name} == {text!r} is not a finite number, must be {allowed}.")
    return value


def bounds_text(model: type[BaseModel], name: str) -> str:
    """Return a number field's allowed range in words, e.g. ">= 0 and <= 24 [h/day]"."""
    info = model.model_fields[name]
    parts = []
    for meta in info.metadata:
        for bound, sign in (("ge", ">="), ("gt", ">"), ("le", "<=")):
            if getattr(meta, bound, None) is not None:
                parts.append(f"{sign} {float(getattr(meta, bound)):g}")
    unit = (info.json_schema_extra or {}).get("unit", "")
    rng = " and ".join(parts) or "a number"
    return f"{rng} [{unit}]" if unit else rng


def _strict_number(model: type[BaseModel], name: str, v: Any) -> Any:
    # JSON true is not 1 h; a number typed as text follows the spreadsheet rules.
    if isinstance(v, bool):
        raise ValueError(f"{name} == {v!r} is a yes/no value, must be {bounds_text(model, name)}.")
    if isinstance(v, str):
        return None if not v.strip() else number_from_text(name, v, bounds_text(model, name))
    if isinstance(v, int) and abs(v) > 10**15:
        # A 5,000-digit integer cannot be a measurement (and float() of it overflows).
        # (str() of it is refused by Python above 4,300 digits: count from the bits.)
        digits = int(v.bit_length() * math.log10(2)) + 1
        raise ValueError(f"{name} has about {digits} digits, must be {bounds_text(model, name)}.")
    return v


def _strict_date(name: str, v: Any) -> Any:
    # A number is not a date (0 would be read as 1 January 1970).
    if isinstance(v, bool | int | float):
        raise ValueError(f"{name} == {v!r} is a number, must be a date as YYYY-MM-DD.")
    if isinstance(v, str) and not ISO_DATE.match(v.strip()):
        raise ValueError(f"{name} == {v!r}, must be a date as YYYY-MM-DD.")
    if isinstance(v, str):
        return v.strip()
    return v


def date_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Return the first and last assessment dates accepted (a year ahead of today)."""
    today = today or dt.date.today()
    return DATE_MIN, today + dt.timedelta(days=DATE_AHEAD_DAYS)


def check_date_window(d: dt.date) -> None:
    """Return None for a plausible assessment date; raises ValueError naming the window."""
    first, last = date_window()
    if not first <= d <= last:
        raise ValueError(
            f"date == {d.isoformat()!r}, must be between {first.isoformat()} and "
            f"{last.isoformat()} (a year from today)."
        )


@cache
def _field_kinds(model: type[BaseModel]) -> dict[str, str]:
    kinds = {}
    for name, info in model.model_fields.items():
        ann = info.annotation
        args = [a for a in typing.get_args(ann) if a is not type(None)] or [ann]
        if float in args:
            kinds[name] = "number"
        elif dt.date in args:
            kinds[name] = "date"
        elif str in args:
            kinds[name] = "text"
    return kinds


class Section(_Model):
    """Common to every factor section: it can be marked not applicable.

    ``title`` is the section's name where a person sees it: its tab in the form, and
    the form's place in a message ("Push, pull and carry tab, Frequency").
    """

    title: ClassVar[str] = ""

    not_applicable: bool = flag(
        "Not applicable",
        help="Tick when this factor does not occur in the job (an office worker has no "
        "vibration). Not applicable is different from low risk.",
    )


# ---------------------------------------------------------------------------- header


class Header(_Model):
    """Who, where, when and by whom."""

    assessment_id: str = text("Assessment id", max_length=64, help="Left blank, one is made.")
    organisation: str = text("Organisation", max_length=200)
    site: str = text("Site", max_length=200)
    department: str = text("Department", max_length=200)
    job_title: str = text("Job title", max_length=200)
    worker_ref: str = text(
        "Worker or workstation reference",
        max_length=200,
        help="A name, staff number or desk number; the same reference links re-assessments.",
    )
    assessor: str = text("Assessor", max_length=200)
    date: dt.date = Field(
        default_factory=dt.date.today,
        title="Assessment date",
        description="The date the workplace was observed.",
        json_schema_extra={"unit": ""},
    )
    assessment_type: Literal["audit", "self"] = choice(
        "Type",
        default="audit",
        help="audit: by a safety or HR officer; self: the employee's own check.",
    )
    notes: str = text("Notes", max_length=10_000)


# ---------------------------------------------------------------- workstation height


class Workstation(Section):
    """Workstation height: the desk, chair and screen against the worker's body."""

    title: ClassVar[str] = "Workstation"

    _scope: ClassVar[str] = "workstation"

    posture_mode: Literal["seated", "standing", "sit_stand"] = choice(
        "Posture",
        default="seated",
        help="How the work is done: seated, standing, or alternating at a sit-stand desk.",
    )
    task_type: Literal["precision", "light", "heavy"] = choice(
        "Standing task type",
        default="light",
        help="For standing work: precision (writing, fine assembly), light (assembly, "
        "packing), heavy (pressing down, heavy parts).",
    )
    stature_cm: float | None = num(
        "Stature",
        "cm",
        ge=120,
        le=220,
        help="Standing height without shoes, back against a wall, looking straight ahead.",
    )
    sex: Literal["female", "male", "unspecified"] = choice(
        "Sex",
        default="unspecified",
        help="Used only to estimate body dimensions from stature when they are not measured.",
    )
    popliteal_height_cm: float | None = num(
        "Popliteal height (measured)",
        "cm",
        ge=25,
        le=65,
        help="Optional. Seated, feet flat, knee at 90°: floor to the underside of the "
        "thigh just behind the knee, without shoes.",
    )
    sitting_elbow_height_cm: float | None = num(
        "Sitting elbow height (measured)",
        "cm",
        ge=10,
        le=40,
        help="Optional. Seated upright, upper arm hanging, elbow at 90°: seat surface to "
        "the underside of the elbow.",
    )
    sitting_eye_height_cm: float | None = num(
        "Sitting eye height (measured)",
        "cm",
        ge=55,
        le=100,
        help="Optional. Seated upright, looking ahead: seat surface to the outer corner of the eye.",
    )
    standing_elbow_height_cm: float | None = num(
        "Standing elbow height (measured)",
        "cm",
        ge=70,
        le=140,
        help="Optional. Standing, upper arm hanging, elbow at 90°: floor to the underside "
        "of the elbow, without shoes.",
    )
    shoe_allowance_cm: float = num(
        "Shoe allowance",
        "cm",
        ge=0,
        le=10,
        default=2.5,
        help="Added to measured heights for shoes (about 2.5 cm for ordinary shoes).",
    )
    seat_height_cm: float | None = num(
        "Seat height",
        "cm",
        ge=25,
        le=90,
        help="Floor to the top of the seat front edge, compressed by sitting on it.",
    )
    keyboard_height_cm: float | None = num(
        "Keyboard / work-surface height (seated)",
        "cm",
        ge=40,
        le=130,
        help="Floor to the home row of the keyboard (or to the work surface if there is "
        "no keyboard).",
    )
    monitor_top_height_cm: float | None = num(
        "Top of screen height",
        "cm",
        ge=50,
        le=220,
        help="Floor to the top line of the visible screen area.",
    )
    screen_height_cm: float | None = num(
        "Screen height (visible area)",
        "cm",
        ge=5,
        le=150,
        help="Optional. Top to bottom of the visible screen area; with it the check makes "
        "sure the whole screen is in view without bending the neck too far.",
    )
    progressive_lenses: bool = flag(
        "Progressive or bifocal lenses",
        default=False,
        help="Tick when the screen is read through progressive, bifocal or trifocal lenses: "
        "the screen may then sit lower.",
    )
    viewing_distance_cm: float | None = num(
        "Viewing distance",
        "cm",
        ge=15,
        le=200,
        help="Eyes to the screen surface, in the usual working posture.",
    )
    standing_surface_height_cm: float | None = num(
        "Standing work-surface height",
        "cm",
        ge=50,
        le=160,
        help="Floor to the surface where the hands work when standing (for standing and "
        "sit-stand work).",
    )
    footrest_height_cm: float = num(
        "Footrest height",
        "cm",
        ge=0,
        le=30,
        default=0.0,
        help="Height of the footrest's top where the feet rest; 0 when there is none.",
    )
    seat_min_cm: float | None = num(
        "Seat adjustable from", "cm", ge=25, le=90, help="Lowest seat height the chair reaches."
    )
    seat_max_cm: float | None = num(
        "Seat adjustable to", "cm", ge=25, le=90, help="Highest seat height the chair reaches."
    )
    desk_min_cm: float | None = num(
        "Desk adjustable from",
        "cm",
        ge=40,
        le=140,
        help="Lowest height of the desk or keyboard tray; equal to the current height if fixed.",
    )
    desk_max_cm: float | None = num(
        "Desk adjustable to",
        "cm",
        ge=40,
        le=140,
        help="Highest height of the desk or keyboard tray; equal to the current height if fixed.",
    )
    lumbar_support: bool = flag(
        "Lumbar support",
        default=True,
        help="The backrest supports the small of the back (built-in, a cushion or a rolled towel).",
    )

    @model_validator(mode="after")
    def _stature_needed(self) -> Workstation:
        if not self.not_applicable and self.stature_cm is None:
            raise ValueError(
                "stature_cm is missing, must be given (120-220 cm): the personal target "
                "ranges are computed from it."
            )
        return self


# ------------------------------------------------------------------ prolonged sitting


class Sitting(Section):
    """Prolonged sitting: daily seated time and the longest uninterrupted bout."""

    title: ClassVar[str] = "Sitting"

    _scope: ClassVar[str] = "sitting"

    seated_h_per_day: float | None = num(
        "Seated time",
        "h/day",
        ge=0,
        le=24,
        help="Hours seated on a working day, at work (include seated driving).",
    )
    longest_bout_min: float | None = num(
        "Longest uninterrupted sitting",
        "min",
        ge=0,
        le=1440,
        help="The longest stretch seated without standing up or walking, in minutes.",
    )
    sit_stand_desk: bool = flag(
        "Sit-stand desk", help="A desk whose height can be raised to stand."
    )
    standing_h_per_day: float = num(
        "Standing or light walking",
        "h/day",
        ge=0,
        le=24,
        default=0.0,
        help="Hours a day standing or walking lightly during work.",
    )


# -------------------------------------------------------------------------- lifting

LIFT_EXCLUSIONS = (
    "one_handed",
    "over_8_hours",
    "seated_or_kneeling",
    "restricted_space",
    "unstable_load",
    "carrying_pushing_pulling",
    "wheelbarrow_or_shovel",
    "high_speed",
    "slippery_floor",
    "hot_or_humid",
)
LiftExclusion = Literal[
    "one_handed",
    "over_8_hours",
    "seated_or_kneeling",
    "restricted_space",
    "unstable_load",
    "carrying_pushing_pulling",
    "wheelbarrow_or_shovel",
    "high_speed",
    "slippery_floor",
    "hot_or_humid",
]


class LiftingTask(_Model):
    """One lifting task, measured at the origin and the destination of the lift."""

    _scope: ClassVar[str] = "lifting_task"

    name: str = text("Task", max_length=200, help="What is lifted, from where to where.")
    unit_system: Literal["metric", "us"] = choice(
        "Unit system",
        default="metric",
        help="The NIOSH manual's metric and US constants differ slightly; a task is "
        "computed with the constants of the system it was entered in.",
    )
    load_kg: float = num(
        "Load (average)",
        "kg",
        required=True,
        gt=0,
        le=200,
        help="Average weight of the object lifted, container included.",
    )
    load_max_kg: float | None = num(
        "Load (maximum)",
        "kg",
        gt=0,
        le=200,
        help="Optional. Heaviest object lifted in this task; defaults to the average.",
    )
    h_origin_cm: float = num(
        "H at origin",
        "cm",
        required=True,
        ge=0,
        le=200,
        help="Horizontal distance from the mid-point between the inner ankle bones to the "
        "mid-point of the hands, projected on the floor, at the start of the lift.",
    )
    v_origin_cm: float = num(
        "V at origin",
        "cm",
        required=True,
        ge=0,
        le=250,
        help="Height of the hands above the floor at the start of the lift (mid-point of the grasp).",
    )
    h_dest_cm: float = num(
        "H at destination",
        "cm",
        required=True,
        ge=0,
        le=200,
        help="Horizontal distance of the hands from the ankles at the end of the lift.",
    )
    v_dest_cm: float = num(
        "V at destination",
        "cm",
        required=True,
        ge=0,
        le=250,
        help="Height of the hands above the floor at the end of the lift.",
    )
    asymmetry_origin_deg: float = num(
        "Asymmetry at origin",
        "deg",
        ge=0,
        le=180,
        default=0.0,
        help="Angle between the line to the load and the body's mid-sagittal line at the "
        "start, set by the load's position, not the feet.",
    )
    asymmetry_dest_deg: float = num(
        "Asymmetry at destination",
        "deg",
        ge=0,
        le=180,
        default=0.0,
        help="The same angle at the end of the lift.",
    )
    lifts_per_min: float = num(
        "Frequency",
        "lifts/min",
        required=True,
        gt=0,
        le=60,
        help="Average lifts per minute over a 15-minute sample.",
    )
    active_min_per_15: float | None = num(
        "Minutes lifting per 15 min",
        "min",
        gt=0,
        le=15,
        help="Optional, for intermittent lifting: minutes actually lifting within a "
        "15-minute sample (NIOSH special frequency adjustment).",
    )
    duration: Literal["short", "moderate", "long"] = choice(
        "Lifting duration",
        default="long",
        help="short: up to 1 h followed by at least equal recovery; moderate: 1-2 h "
        "followed by recovery of at least 0.3 x the work time; long: 2-8 h.",
    )
    coupling: Literal["good", "fair", "poor"] = choice(
        "Coupling",
        default="fair",
        help="good: optimal handles or cut-outs; fair: sub-optimal handles, or fingers "
        "flex 90° under the container; poor: no handles, bulky, sagging or sharp-edged.",
    )
    significant_control: bool = flag(
        "Significant control at destination",
        help="The worker re-grasps, holds or carefully places the load at the destination.",
    )
    exclusions: list[LiftExclusion] = Field(
        default_factory=list,
        title="Conditions outside the NIOSH equation",
        description="Conditions the equation does not cover (one-handed, seated, unstable "
        "load, ...); a task with any of them is not scored by the RNLE.",
        json_schema_extra={"unit": ""},
    )


class Lifting(Section):
    """Manual lifting: one or more tasks scored by the revised NIOSH lifting equation."""

    title: ClassVar[str] = "Lifting"

    tasks: list[LiftingTask] = Field(default_factory=list, max_length=50, title="Lifting tasks")


# ------------------------------------------------------------------------ vibration


class HandArmTool(_Model):
    """One vibrating hand-held tool or process."""

    name: str = text("Tool", max_length=200, help="Tool or process, e.g. angle grinder.")
    a_hv_m_s2: float = num(
        "Vibration magnitude a_hv",
        "m/s²",
        required=True,
        ge=0,
        le=100,
        help="Frequency-weighted vibration total value (ISO 5349-1), measured in use or "
        "taken from the manufacturer's declaration (tick 'Declared value' then).",
    )
    trigger_time_h: float = num(
        "Trigger time",
        "h/day",
        required=True,
        ge=0,
        le=24,
        help="Time a day the tool is actually running in the hands (trigger time), "
        "not the time the job takes.",
    )
    declared: bool = flag(
        "Declared value",
        help="Tick when a_hv is the manufacturer's declared emission value, not a measurement "
        "of the tool in use: declared values come from a standard test and may not match "
        "real use.",
    )


class WholeBodySource(_Model):
    """One vehicle or machine that vibrates the whole body through the seat or feet."""

    name: str = text("Vehicle or machine", max_length=200)
    a_wx_m_s2: float = num(
        "a_wx (fore-aft)",
        "m/s²",
        required=True,
        ge=0,
        le=20,
        help="Frequency-weighted r.m.s. (W_d), x axis.",
    )
    a_wy_m_s2: float = num(
        "a_wy (lateral)",
        "m/s²",
        required=True,
        ge=0,
        le=20,
        help="Frequency-weighted r.m.s. (W_d), y axis.",
    )
    a_wz_m_s2: float = num(
        "a_wz (vertical)",
        "m/s²",
        required=True,
        ge=0,
        le=20,
        help="Frequency-weighted r.m.s. (W_k), z axis.",
    )
    exposure_h: float = num(
        "Exposure time",
        "h/day",
        required=True,
        ge=0,
        le=24,
        help="Hours a day on this vehicle or machine.",
    )
    # Optional: a measured vibration dose value replaces the estimate from a_w and time.
    vdv_x_m_s175: float | None = num(
        "Measured VDV x (fore-aft)",
        "m/s^1.75",
        ge=0,
        le=500,
        help="Vibration dose value of the W_d-weighted x acceleration for the day's time on "
        "this source, as the meter shows it (without the factor 1.4, which Ergo applies). "
        "Leave blank to use the estimate 1.4 x a_w x t^(1/4).",
    )
    vdv_y_m_s175: float | None = num(
        "Measured VDV y (lateral)",
        "m/s^1.75",
        ge=0,
        le=500,
        help="Vibration dose value of the W_d-weighted y acceleration for the day's time on "
        "this source (without the factor 1.4). Leave blank to use the estimate.",
    )
    vdv_z_m_s175: float | None = num(
        "Measured VDV z (vertical)",
        "m/s^1.75",
        ge=0,
        le=500,
        help="Vibration dose value of the W_k-weighted z acceleration for the day's time on "
        "this source. Leave blank to use the estimate.",
    )
    shocks: bool = flag(
        "Jolts or shocks",
        help="Tick when this vehicle or machine gives the driver jolts or shocks (potholes, "
        "kerbs, rough ground, dropping loads). A(8) then under-estimates the risk and the "
        "vibration dose value (VDV) should be measured.",
    )


class Vibration(Section):
    """Hand-arm and whole-body vibration."""

    title: ClassVar[str] = "Vibration"

    tools: list[HandArmTool] = Field(default_factory=list, max_length=50, title="Hand-arm tools")
    sources: list[WholeBodySource] = Field(
        default_factory=list, max_length=20, title="Whole-body sources"
    )


# ------------------------------------------------------------------- contact stress


class ContactStress(Section):
    """Contact stress: hard or sharp things pressing on soft tissue."""

    title: ClassVar[str] = "Contact stress"

    hammer_impacts_per_h: float = num(
        "Hand or knee used as a hammer",
        "impacts/h",
        ge=0,
        le=3600,
        default=0.0,
        help="Impacts per hour with the heel of the hand or the knee (e.g. seating parts, "
        "fitting carpet).",
    )
    hammer_h: float = num(
        "Hammering time", "h/day", ge=0, le=24, default=0.0, help="Hours a day of that hammering."
    )
    kneeling_hard_h: float = num(
        "Kneeling on hard surfaces",
        "h/day",
        ge=0,
        le=24,
        default=0.0,
        help="Hours a day kneeling on hard, unpadded surfaces.",
    )
    hard_edge_h: float = num(
        "Hard or sharp edges",
        "h/day",
        ge=0,
        le=24,
        default=0.0,
        help="Hours a day a hard or sharp edge presses on the wrist, forearm or palm "
        "(e.g. resting the wrists on a desk edge).",
    )
    handle_in_palm_h: float = num(
        "Tool handle ending in the palm",
        "h/day",
        ge=0,
        le=24,
        default=0.0,
        help="Hours a day using a tool whose handle is too short and digs into the palm.",
    )
    performed_regularly: bool = flag(
        "Performed regularly",
        default=True,
        help="Done more than one day a week and more than one week a year. Untick for an "
        "occasional task: it is then not a caution-zone or hazard-zone job.",
    )


# ---------------------------------------------------------------- repetitive motion


class RepetitiveMotion(Section):
    """Repetitive motion, intensive keying and high hand force."""

    title: ClassVar[str] = "Repetitive motion"

    repetitive_motion_h: float = num(
        "Highly repetitive motion",
        "h/day",
        ge=0,
        le=24,
        default=0.0,
        help="Hours a day repeating the same motion of the neck, shoulders, elbows, wrists "
        "or hands every few seconds (keying excluded).",
    )
    intensive_keying_h: float = num(
        "Intensive keying", "h/day", ge=0, le=24, default=0.0, help="Hours a day of steady keying."
    )
    high_hand_force_h: float = num(
        "High hand force",
        "h/day",
        ge=0,
        le=24,
        default=0.0,
        help="Hours a day pinching an object of 2 lb (0.9 kg) or more, or gripping one of "
        "10 lb (4.5 kg) or more, per hand.",
    )
    awkward_wrist: bool = flag(
        "Awkward wrist posture",
        help="Wrist bent up 45° or more, down 30° or more, or towards the little finger 30° or more.",
    )
    forceful_exertion: bool = flag(
        "Forceful exertion", help="The repeated motion also needs high force."
    )
    performed_regularly: bool = flag(
        "Performed regularly",
        default=True,
        help="Done more than one day a week and more than one week a year. Untick for an "
        "occasional task: it is then not a caution-zone or hazard-zone job.",
    )


# ------------------------------------------------------------------ awkward posture


class AwkwardPosture(Section):
    """Awkward posture: reaching overhead, bending, squatting, kneeling."""

    title: ClassVar[str] = "Awkward posture"

    _scope: ClassVar[str] = "awkward_posture"

    hands_above_head_h: float = num(
        "Hands above head / elbows above shoulders", "h/day", ge=0, le=24, default=0.0
    )
    raising_h: float = num(
        "Repeated raising of the arms",
        "h/day",
        ge=0,
        le=24,
        default=0.0,
        help="Hours a day raising the hands above the head or elbows above the shoulders "
        "repeatedly. Counts (hazard zone only) at more than once a minute for more than 4 h/day.",
    )
    raising_per_min: float = num(
        "Raising rate", "per min", ge=0, le=60, default=0.0, help="How often the arms are raised."
    )
    neck_or_back_bent_30_h: float | None = num(
        "Neck or back bent more than 30°",
        "h/day",
        ge=0,
        le=24,
        help="Hours a day with the neck or the back bent more than 30°, without support and "
        "without being able to change posture. Include the times bent further (below). Left "
        "blank, the longest of those times is used.",
    )
    neck_bent_h: float = num(
        "Neck bent more than 45°",
        "h/day",
        ge=0,
        le=24,
        default=0.0,
        help="Without support or the ability to vary posture.",
    )
    back_bent_30_h: float = num(
        "Back bent forward more than 30°",
        "h/day",
        ge=0,
        le=24,
        default=0.0,
        help="Without support or the ability to vary posture. Include the time bent beyond 45°.",
    )
    back_bent_45_h: float = num(
        "Back bent forward more than 45°",
        "h/day",
        ge=0,
        le=24,
        default=0.0,
        help="Without support or the ability to vary posture.",
    )
    squatting_h: float = num("Squatting", "h/day", ge=0, le=24, default=0.0)
    kneeling_h: float = num("Kneeling", "h/day", ge=0, le=24, default=0.0)
    performed_regularly: bool = flag(
        "Performed regularly",
        default=True,
        help="Done more than one day a week and more than one week a year. Untick for an "
        "occasional task: it is then not a caution-zone or hazard-zone job.",
    )


# ---------------------------------------------------------- office workstation (ROSA)
# The ROSA checklist (Sonne, Villalta & Andrews 2012, Applied Ergonomics 43:98-108, Table 1
# and 2, p. 101; the ROSA form): each item's base score and its extra risk factors, as the
# observer ticks them, and each device's hours a day and longest continuous use.

_HOURS_HELP = "Hours a day the {d} is used. 0 if it is not used at all."
_CONT_HELP = "Longest stretch of use without a break, in minutes (optional)."


def _daily(device: str) -> Any:
    return num(
        f"{device.capitalize()}: hours a day",
        "h/day",
        ge=0,
        le=24,
        help=_HOURS_HELP.format(d=device),
    )


def _continuous(device: str) -> Any:
    return num(
        f"{device.capitalize()}: longest continuous use", "min", ge=0, le=1440, help=_CONT_HELP
    )


class OfficeWorkstation(Section):
    """ROSA: the chair, screen, telephone, mouse and keyboard as observed at the desk."""

    title: ClassVar[str] = "Office workstation"

    _scope: ClassVar[str] = "office_workstation"

    seat_height_score: float | None = score(
        "Seat pan height",
        ge=1,
        le=3,
        help="Watch the worker seated. 1: knees at about 90°. 2: seat too low (knees above "
        "the hips) or too high (knees below 90°). 3: feet do not reach the floor.",
    )
    seat_height_insufficient_space: bool = flag(
        "Not enough room for the legs under the desk", help="Adds 1 to the seat height score."
    )
    seat_height_non_adjustable: bool = flag("Seat height cannot be adjusted", help="Adds 1.")
    seat_depth_score: float | None = score(
        "Seat pan depth",
        ge=1,
        le=2,
        help="1: about 3 fingers (7.5 cm) between the seat front and the back of the knee. "
        "2: seat too long (less than 7.5 cm) or too short (more than 7.5 cm).",
    )
    seat_depth_non_adjustable: bool = flag("Seat depth cannot be adjusted", help="Adds 1.")
    armrest_score: float | None = score(
        "Armrests",
        ge=1,
        le=2,
        help="1: elbows supported in line with the shoulders, shoulders relaxed. 2: armrests "
        "too high (shoulders shrugged) or too low (elbows unsupported).",
    )
    armrest_hard_surface: bool = flag("Armrests hard or damaged", help="Adds 1.")
    armrest_too_wide: bool = flag("Armrests too far apart", help="Adds 1.")
    armrest_non_adjustable: bool = flag("Armrests cannot be adjusted", help="Adds 1.")
    back_support_score: float | None = score(
        "Back support",
        ge=1,
        le=2,
        help="1: the backrest supports the lower back, reclined 95-110°. 2: no lumbar "
        "support, or the backrest reclined too far or too upright.",
    )
    back_work_surface_too_high: bool = flag(
        "Desk too high: the worker leans forward off the backrest", help="Adds 1."
    )
    back_support_non_adjustable: bool = flag("Backrest cannot be adjusted", help="Adds 1.")
    chair_daily_h: float | None = _daily("chair")
    chair_continuous_min: float | None = _continuous("chair")
    monitor_score: float | None = score(
        "Screen",
        ge=1,
        le=3,
        help="1: at arm's length (40-75 cm), top of the screen at eye level. 2: too low "
        "(below 30° under eye level). 3: too high (the neck extends to see it).",
    )
    monitor_too_far: bool = flag("Screen further than arm's length (75 cm)", help="Adds 1.")
    monitor_neck_twist: bool = flag("Neck twisted to see the screen", help="Adds 1.")
    monitor_glare: bool = flag("Glare on the screen", help="Adds 1.")
    monitor_no_document_holder: bool = flag(
        "Works from documents with no document holder", help="Adds 1."
    )
    monitor_daily_h: float | None = _daily("screen")
    monitor_continuous_min: float | None = _continuous("screen")
    telephone_score: float | None = score(
        "Telephone",
        ge=1,
        le=2,
        help="1: headset, or held in one hand with the neck straight, within 30 cm. 2: "
        "further than 30 cm away.",
    )
    telephone_neck_shoulder_hold: bool = flag(
        "Telephone held between neck and shoulder", help="Adds 2."
    )
    telephone_no_hands_free: bool = flag("No hands-free option", help="Adds 1.")
    telephone_daily_h: float | None = _daily("telephone")
    telephone_continuous_min: float | None = _continuous("telephone")
    mouse_score: float | None = score(
        "Mouse",
        ge=1,
        le=2,
        help="1: in line with the shoulder. 2: the worker reaches for the mouse.",
    )
    mouse_different_surface: bool = flag(
        "Mouse and keyboard on different surfaces (heights)", help="Adds 2."
    )
    mouse_pinch_grip: bool = flag("Pinch grip: the mouse is too small", help="Adds 1.")
    mouse_palm_rest: bool = flag("Hard palm rest in front of the mouse", help="Adds 1.")
    mouse_daily_h: float | None = _daily("mouse")
    mouse_continuous_min: float | None = _continuous("mouse")
    keyboard_score: float | None = score(
        "Keyboard",
        ge=1,
        le=2,
        help="1: wrists straight, shoulders relaxed. 2: wrists bent up more than 15°, or the "
        "keyboard tilted up.",
    )
    keyboard_wrist_deviation: bool = flag("Wrists bent sideways while typing", help="Adds 1.")
    keyboard_too_high: bool = flag("Keyboard too high: shoulders shrugged", help="Adds 1.")
    keyboard_overhead_reach: bool = flag("Reaching overhead for items", help="Adds 1.")
    keyboard_platform_non_adjustable: bool = flag(
        "Keyboard platform cannot be adjusted", help="Adds 1."
    )
    keyboard_daily_h: float | None = _daily("keyboard")
    keyboard_continuous_min: float | None = _continuous("keyboard")

    @field_validator(
        "seat_height_score",
        "seat_depth_score",
        "armrest_score",
        "back_support_score",
        "monitor_score",
        "telephone_score",
        "mouse_score",
        "keyboard_score",
    )
    @classmethod
    def _whole_score(cls, v: float | None, info: ValidationInfo) -> float | None:
        # A checklist score is one of the published values; 1.5 is not a ROSA score.
        if v is not None and v != round(v):
            name = info.field_name
            raise ValueError(f"{name} == {v:g}, must be a whole number {bounds_text(cls, name)}.")
        return v


# ------------------------------------------------------- hand-intensive tasks (RSI)
# The five inputs of the Revised Strain Index (Garg, Moore & Kapellusch 2017, Ergonomics
# 60(7):912-922), one row per task the hands do over the shift.


class HandTask(_Model):
    """One hand-intensive task: the five inputs of the Revised Strain Index."""

    _scope: ClassVar[str] = "hand_exertion_task"

    name: str = text("Task", max_length=200, help="What the hands do, e.g. trimming meat.")
    intensity: float = num(
        "Intensity of exertion",
        "fraction",
        required=True,
        ge=0,
        # bib:garg-2017-rsi: intensity is a fraction of maximum strength, at most 1.
        le=1,
        help="Force of a typical exertion as a fraction of the worker's maximum strength "
        "(0-1). With the Borg CR-10 scale ask the worker to rate the effort and enter the "
        "rating divided by 10 (a rating of 3 'moderate' is 0.3).",
    )
    efforts_per_min: float = num(
        "Efforts per minute",
        "1/min",
        required=True,
        ge=0,
        # Project bound: more than 5 exertions a second is a counting error, not a task.
        le=300,
        help="Count the exertions of one hand over a few typical cycles (a video helps) and "
        "divide by the minutes observed.",
    )
    exertion_s: float = num(
        "Duration per exertion",
        "s",
        required=True,
        ge=0,
        # Project bound: one exertion held for more than an hour is a static hold, not RSI work.
        le=3600,
        help="Average time one exertion lasts, in seconds, timed over several exertions. "
        "Efforts per minute times seconds per exertion cannot exceed 60 s.",
    )
    wrist_angle_deg: float = num(
        "Hand/wrist posture",
        "°",
        required=True,
        # Project bound: a wrist bent past 90° either way is a misreading or a sign error.
        ge=-90,
        le=90,
        help="Typical wrist angle during the exertions, measured with a goniometer or from "
        "side-view photos: extension (back of the hand up) positive, flexion (palm "
        "bending down) negative, 0 for a straight wrist.",
    )
    hours_per_day: float = num(
        "Duration of task per day",
        "h/day",
        required=True,
        ge=0,
        le=24,
        help="Hours a day the worker does this task (breaks within the task included).",
    )
    part_of_task: str = text(
        "Part of task",
        max_length=200,
        help="Rows with the same name here are subtasks of one task (different forces or "
        "exertion times in one cycle), combined into its Composite Strain Index (COSI); "
        "give them the task's duration per day. Leave blank for a task of its own.",
    )


def group_key(part_of_task: str) -> str:
    """Return the task-group key of a row's "Part of task" ("" for a task of its own)."""
    return part_of_task.strip()


def subtask_hours_conflicts(
    groups: typing.Sequence[str],
    hours: typing.Sequence[float | None],
    where: typing.Sequence[str],
) -> list[tuple[int, float, str]]:
    """Return (row position, hours, message) for each task group whose subtasks' hours differ.

    ``groups`` is each row's "Part of task", ``hours`` its duration per day [h], ``where``
    how a message names the row ("row 3" in the form, "task3" in a CSV). The position is
    the group's first row whose hours differ from its first row's: the error is filed
    there. The form, a JSON file and the batch validator build the message here.
    """
    members: dict[str, list[int]] = {}
    for pos, g in enumerate(groups):
        if group_key(g) and hours[pos] is not None and not math.isnan(hours[pos]):
            members.setdefault(group_key(g), []).append(pos)
    out = []
    for name, rows in members.items():
        first = hours[rows[0]]
        differ = [pos for pos in rows if hours[pos] != first]
        if not differ:
            continue
        given = ", ".join(f"{where[pos]} gives {hours[pos]:g}" for pos in rows)
        message = (
            f"hours_per_day must be the same in every subtask of part_of_task {name!r} "
            f"(it is the task's duration per day): {given} [h/day]."
        )
        out.append((differ[0], hours[differ[0]], message))
    return out


class HandExertion(Section):
    """Hand-intensive tasks scored by the Revised Strain Index (the detailed analysis)."""

    title: ClassVar[str] = "Hand exertion"

    tasks: list[HandTask] = Field(default_factory=list, max_length=20, title="Hand-intensive tasks")

    @model_validator(mode="after")
    def _subtasks_share_hours(self, info: ValidationInfo) -> Any:
        # The subtasks of one task are one task's exertions: it has one duration per day
        # (garg-2017-cosi). Filed on the row whose hours differ, so the form and the CSV
        # name that row; ``context["row_names"]`` says how rows are named (the form's table
        # rows, a CSV's slots), by default "row 1", "row 2", ...
        names = ((info.context or {}).get("row_names") or {}).get("hand_exertion.tasks")
        where = names or [f"row {k}" for k in range(1, len(self.tasks) + 1)]
        conflicts = subtask_hours_conflicts(
            [t.part_of_task for t in self.tasks], [t.hours_per_day for t in self.tasks], where
        )
        if conflicts:
            raise ValidationError.from_exception_data(
                "HandExertion",
                [
                    InitErrorDetails(
                        type="value_error",
                        loc=("tasks", pos, "hours_per_day"),
                        input=hours,
                        ctx={"error": ValueError(message)},
                    )
                    for pos, hours, message in conflicts
                ],
            )
        return self


# ------------------------------------------------- push, pull and carry (LM-MMH)
# The inputs of the Liberty Mutual manual materials handling equations (Potvin et al.
# 2021, Ergonomics 64(8):955-970), one row per push, pull or carry task. Bounds here are
# physical plausibility; the narrower ranges the equations were fitted on are the method's
# to apply (a task outside them is reported as not scored, with the reason).


class PushPullCarryTask(_Model):
    """One push, pull or carry task: what moves, how hard, how high, how far, how often."""

    _scope: ClassVar[str] = "push_pull_carry_task"

    name: str = text("Task", max_length=200, help="What is moved, e.g. pushing a roll cage.")
    kind: Literal["push", "pull", "carry"] = choice(
        "Push, pull or carry",
        default=...,  # required: the kind selects the equation
        help="Push or pull: the hands move a cart or load along the floor. Carry: the load "
        "is held in the hands while walking.",
    )
    initial_force_n: float | None = num(
        "Initial force",
        "N",
        ge=0,
        # Project bound: about twice body weight; a larger reading is a gauge or unit error.
        le=2000,
        help="Push or pull only. Peak force to get the load moving, read on a force gauge "
        "held where the hands push or pull (average of three trials).",
    )
    sustained_force_n: float | None = num(
        "Sustained force",
        "N",
        ge=0,
        # Project bound: as for the initial force.
        le=2000,
        help="Push or pull only. Force to keep the load moving at walking pace, read on the "
        "gauge a few steps after the start (average of three trials).",
    )
    carry_weight_kg: float | None = num(
        "Weight carried",
        "kg",
        gt=0,
        # Project bound: the heaviest load the lifting section accepts.
        le=200,
        help="Carry only. Weight of the object carried, container included.",
    )
    hand_height_cm: float = num(
        "Hand height",
        "cm",
        required=True,
        gt=0,
        # Project bound: hands above 2.5 m are not pushing, pulling or carrying at floor level.
        le=250,
        help="Height of the hands above the floor while pushing, pulling or carrying "
        "(knuckles for a carry).",
    )
    distance_m: float = num(
        "Distance per push, pull or carry",
        "m",
        required=True,
        gt=0,
        # Project bound: one move longer than 500 m is a journey, not a task.
        le=500,
        help="Distance walked with the load in one push, pull or carry, measured along the "
        "route (a tape or floor plan).",
    )
    frequency_per_min: float = num(
        "Frequency",
        "1/min",
        required=True,
        gt=0,
        # Project bound: more than one move a second is a counting error.
        le=60,
        help="Pushes, pulls or carries per minute, averaged over the shift (for 20 a shift "
        "of 8 h enter 20 / 480 = 0.042).",
    )
    sex: Literal["female", "male"] = choice(
        "Protect",
        default="female",
        help="Whose acceptable force or weight to use: women's (default, lower) unless only "
        "men do the task.",
    )
    percentile: float = num(
        "Share protected",
        "%",
        # Project bound: below half no protection, above 99 % beyond the normal model's support.
        ge=50,
        le=99,
        default=90.0,
        help="Share of that sex who should find the task acceptable (default 90 %).",
    )


class PushPullCarry(Section):
    """Push, pull and carry tasks scored by the Liberty Mutual equations (Potvin et al. 2021)."""

    title: ClassVar[str] = "Push, pull and carry"

    tasks: list[PushPullCarryTask] = Field(
        default_factory=list, max_length=20, title="Push, pull and carry tasks"
    )


# ------------------------------------------------------------------ symptoms (red flags)


class Symptoms(_Model):
    """Warning signs the worker reports: never scored, never a diagnosis.

    Any cauda equina warning sign means emergency care now; leg pain with numbness,
    tingling or weakness means seeing a clinician soon (the advice is in
    ``scoring.recommendations.symptom_advice``).
    """

    leg_pain_numbness: bool = flag(
        "Pain spreading down a leg, with numbness, tingling or weakness",
        help="Reported by the worker.",
    )
    bladder_bowel: bool = flag(
        "New difficulty passing urine, or controlling bladder or bowel",
        help="A warning sign: emergency care now.",
    )
    saddle_numbness: bool = flag(
        "Numbness in the saddle area (between the legs, around genitals or back passage)",
        help="A warning sign: emergency care now.",
    )
    both_legs: bool = flag(
        "Pain, numbness, tingling or weakness in both legs",
        help="A warning sign: emergency care now.",
    )
    worsening_weakness: bool = flag(
        "Leg weakness getting worse quickly",
        help="A warning sign: emergency care now.",
    )

    @property
    def cauda_equina_signs(self) -> bool:
        """Return True when any warning sign of cauda equina syndrome is reported."""
        signs = (self.bladder_bowel, self.saddle_numbness, self.both_legs)
        return any(signs) or self.worsening_weakness


# ------------------------------------------------------------------------ assessment


class Assessment(_Model):
    """One assessment: the header and up to seven factor sections.

    A section left out (``None``) was not assessed; a section with
    ``not_applicable`` set was judged not to apply. They are reported as not
    assessed and not applicable, and neither is "low".
    """

    schema_version: Literal["1.0", "1.1", "1.2", "1.3"] = SCHEMA_VERSION
    header: Header = Field(default_factory=Header)
    workstation: Workstation | None = None
    sitting: Sitting | None = None
    lifting: Lifting | None = None
    vibration: Vibration | None = None
    contact_stress: ContactStress | None = None
    repetitive_motion: RepetitiveMotion | None = None
    awkward_posture: AwkwardPosture | None = None
    office_workstation: OfficeWorkstation | None = None
    hand_exertion: HandExertion | None = None
    push_pull_carry: PushPullCarry | None = None
    symptoms: Symptoms | None = None  # red flags the worker reports; not a factor


SECTIONS: dict[str, type[Section]] = {
    "workstation": Workstation,
    "sitting": Sitting,
    "lifting": Lifting,
    "vibration": Vibration,
    "contact_stress": ContactStress,
    "repetitive_motion": RepetitiveMotion,
    "awkward_posture": AwkwardPosture,
    "office_workstation": OfficeWorkstation,
    "hand_exertion": HandExertion,
    "push_pull_carry": PushPullCarry,
}


def section_title(section: str) -> str:
    """Return the name a person sees for a part of the form: "Header", a section's title,
    "Symptoms"."""
    if section in SECTIONS:
        return SECTIONS[section].title
    return section.replace("_", " ").capitalize()
