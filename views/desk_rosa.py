"""Check my desk, optional part: the office-chair checklist asked in an employee's words.

Each question is one item of ROSA (Sonne, Villalta & Andrews 2012, Applied Ergonomics
43:98-108, Table 1 and 2, p. 101; bib:sonne-2012) as the person at the desk can answer it:
every answer maps to the published base score of that item, every tick to one of its
additions, and the three time questions to the devices' hours a day. The page sends what
comes out to the model's ``office_workstation`` section, which the engine scores like an
officer's checklist. Left blank, the part is not sent at all: the office workstation is
then not assessed, never scored low.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import streamlit as st

from assessments.fields import field_spec
from reports.desk_words import about
from scoring import registry, rosa
from views import state

KEY = state.desk_key
SECTION = registry.factor(rosa.METHOD.factor).section  # "office_workstation"

# Lengths the questions name, as the checklist draws its neutral postures.
KNEE_GAP_CM = 7.5  # bib:sonne-2012 Table 1: about 3 in (7.5 cm) between seat front and knee
ARM_LENGTH_CM = 75.0  # bib:sonne-2012 Table 2: screen within arm's length, 40-75 cm
PHONE_REACH_CM = 30.0  # bib:sonne-2012 Table 2: telephone within 30 cm


class Part(NamedTuple):
    """One checklist item: its question, the answers (words -> base score) and the ticks."""

    key: str  # widget key suffix, "rosa.<key>"
    field: str  # the model's base-score field
    question: str
    help: str
    answers: dict[str, int]  # the words an employee picks -> base score
    ticks: dict[str, str]  # model addition field -> the words of its tick box


PARTS = (
    Part(
        "seat_height",
        "seat_height_score",
        "Sitting back in your chair, can you put both feet flat on the floor?",
        "Sit as you usually work. A footrest you use counts as the floor.",
        {
            "Yes, with my knees about level with my hips": 1,
            "Yes, but my knees are higher than my hips (the seat is low)": 2,
            "Yes, but my thighs slope down to my knees (the seat is high)": 2,
            "No, my feet do not reach the floor flat": 3,
        },
        {
            "seat_height_insufficient_space": "There is not enough room under my desk to move "
            "my legs",
            "seat_height_non_adjustable": "I cannot raise or lower my seat",
        },
    ),
    Part(
        "seat_depth",
        "seat_depth_score",
        "Sitting right back, how much room is there between the front of the seat and the "
        "back of your knees?",
        f"A gap of about three fingers, {about(KNEE_GAP_CM)}, is right.",
        {
            f"About three fingers, {about(KNEE_GAP_CM)}": 1,
            "Less: the seat front presses behind my knees": 2,
            "More: much of my thighs is not on the seat": 2,
        },
        {"seat_depth_non_adjustable": "I cannot slide my seat forward or back"},
    ),
    Part(
        "armrests",
        "armrest_score",
        "When you work, where do your elbows rest?",
        "Look at your shoulders: relaxed and down is right.",
        {
            "On the armrests, with my shoulders relaxed": 1,
            "On armrests so high that my shoulders lift": 2,
            "Nowhere: the armrests are too low, or there are none": 2,
        },
        {
            "armrest_hard_surface": "The armrests are hard or damaged",
            "armrest_too_wide": "The armrests are so far apart that my elbows stick out",
            "armrest_non_adjustable": "I cannot adjust the armrests",
        },
    ),
    Part(
        "back",
        "back_support_score",
        "How does your backrest support your back?",
        "Right is: you sit slightly leaning back, with the backrest in the small of your back.",
        {
            "It fits the small of my back and I lean on it, slightly back": 1,
            "It does not reach the small of my back, or I sit forward away from it": 2,
            "It leans far back, or stands bolt upright": 2,
            "My chair has no backrest": 2,
        },
        {
            "back_work_surface_too_high": "My desk is so high that I lean forward, off the "
            "backrest",
            "back_support_non_adjustable": "I cannot adjust the backrest",
        },
    ),
    Part(
        "screen",
        "monitor_score",
        "Sitting normally, where is the top of your screen?",
        "Look straight ahead: the top line of the screen should be about at your eyes.",
        {
            "About level with my eyes": 1,
            "Well below my eyes: I look down at it": 2,
            "Above my eyes: I tip my head back to see it": 3,
        },
        {
            "monitor_too_far": "The screen is further away than my arm can reach: more "
            f"than {about(ARM_LENGTH_CM)}",
            "monitor_neck_twist": "I turn my head to one side to see the screen",
            "monitor_glare": "Light from windows or lamps shines on the screen",
            "monitor_no_document_holder": "I work from papers and have nowhere to prop them up",
        },
    ),
    Part(
        "phone",
        "telephone_score",
        "How do you use the phone at your desk?",
        "Skip this if you have no phone at your desk (and put 0 hours below).",
        {
            "With a headset, or in one hand with my neck straight, within easy reach": 1,
            f"It is out of easy reach: more than {about(PHONE_REACH_CM)} away": 2,
        },
        {
            "telephone_neck_shoulder_hold": "I hold the phone between my ear and my shoulder",
            "telephone_no_hands_free": "My phone has no headset or speaker",
        },
    ),
    Part(
        "mouse",
        "mouse_score",
        "Where is your mouse?",
        "Right is: beside the keyboard, with your elbow close to your side.",
        {
            "Right beside my keyboard, my arm close to my side": 1,
            "I reach forward or out to the side for it": 2,
        },
        {
            "mouse_different_surface": "My mouse is on a different surface or height from my "
            "keyboard",
            "mouse_pinch_grip": "My mouse is small and I hold it with my fingertips",
            "mouse_palm_rest": "A hard wrist rest presses into my wrist in front of the mouse",
        },
    ),
    Part(
        "keyboard",
        "keyboard_score",
        "When you type, are your wrists straight?",
        "Look from the side: straight means the back of the hand in line with the forearm.",
        {
            "Yes, straight, with my shoulders relaxed": 1,
            "No, they bend up (or the keyboard's feet are out)": 2,
        },
        {
            "keyboard_wrist_deviation": "My wrists bend sideways while I type",
            "keyboard_too_high": "My keyboard is so high that my shoulders lift",
            "keyboard_overhead_reach": "I reach up above my head for things I use",
            "keyboard_platform_non_adjustable": "The desk or tray under my keyboard cannot be "
            "raised or lowered",
        },
    ),
)
PART_OF = {p.key: p for p in PARTS}


class Hours(NamedTuple):
    """One time question and the devices' hours-a-day fields its answer goes to."""

    key: str
    question: str
    fields: tuple[str, ...]


HOURS = (
    Hours("chair_h", "Hours a day you sit in your desk chair", ("chair_daily_h",)),
    Hours(
        "computer_h",
        "Hours a day you use your screen, keyboard and mouse",
        ("monitor_daily_h", "keyboard_daily_h", "mouse_daily_h"),
    ),
    Hours("phone_h", "Hours a day you are on the phone (0 if never)", ("telephone_daily_h",)),
)
HOURS_OF = {h.key: h for h in HOURS}
# The phone's question may be skipped when its hours are 0 (the model scores it 0 then).
PHONE = PART_OF["phone"]
SKIP_HELP = "Please answer this too, or leave every question in this part blank to skip it."


# ---------------------------------------------------------------------- the answers


def _given(get: Callable[[str], Any]) -> bool:
    """Return True when any question of this part has an answer or a tick."""
    keys = [f"rosa.{p.key}" for p in PARTS] + [f"rosa.{h.key}" for h in HOURS]
    ticks = [f"rosa.{t}" for p in PARTS for t in p.ticks]
    return any(get(KEY(k)) is not None for k in keys) or any(get(KEY(t)) for t in ticks)


def inputs(get: Callable[[str], Any]) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """Return (the model's office_workstation inputs, unanswered questions in words).

    ``get`` reads a widget's value by key (``st.session_state.get``). Nothing answered:
    (None, []), the part is skipped. Partly answered: the questions still blank, each
    with a message, so nothing is scored from a guess.
    """
    if not _given(get):
        return None, []
    out: dict[str, Any] = {}
    missing = []
    for h in HOURS:
        value = get(KEY(f"rosa.{h.key}"))
        if value is None:
            missing.append((f"rosa.{h.key}", f"{h.question}: {SKIP_HELP}"))
        for name in h.fields:
            out[name] = value
    phone_unused = out["telephone_daily_h"] == 0
    for p in PARTS:
        picked = get(KEY(f"rosa.{p.key}"))
        if picked is None:
            if not (p is PHONE and phone_unused):
                missing.append((f"rosa.{p.key}", f"{p.question} {SKIP_HELP}"))
        else:
            out[p.field] = p.answers[picked]
        for tick in p.ticks:
            out[tick] = bool(get(KEY(f"rosa.{tick}")))
    return out, missing


def question_of(field: str) -> str | None:
    """Return the key of the question a model field's value came from (for its message)."""
    for h in HOURS:
        if field in h.fields:
            return f"rosa.{h.key}"
    return next((f"rosa.{p.key}" for p in PARTS if p.field == field), None)


def worded(field: str, value: Any) -> tuple[str, str] | None:
    """Return (question key, message) for a value the model refused, in the page's words."""
    key = question_of(field)
    if key is None or key.removeprefix("rosa.") not in HOURS_OF:
        return None
    spec = field_spec(SECTION, field)
    return key, (
        f"{HOURS_OF[key.removeprefix('rosa.')].question}: {value:g} {spec.unit} is outside "
        f"what this check accepts ({spec.ge:g} to {spec.le:g} {spec.unit}). Please check "
        "the number."
    )


# ------------------------------------------------------------------------- widgets


def draw(problem_below: Callable[[str], None], flagged: set[str]) -> None:
    """Draw this part's questions (inside the page's form), each message below its input."""
    with st.expander(
        "Optional: your chair, screen, phone, mouse and keyboard",
        icon=":material/desk:",
        expanded=any(k.startswith("rosa.") for k in flagged),
    ):
        st.caption(
            "A few more questions about how you sit and work, for a fuller check. Skip them "
            "all if you like: this part is then left out, not counted against you."
        )
        for p in PARTS:
            st.radio(
                p.question,
                tuple(p.answers),
                index=None,
                help=p.help,
                key=KEY(f"rosa.{p.key}"),
                persist_state="session",
            )
            problem_below(f"rosa.{p.key}")
            for tick, words in p.ticks.items():
                st.checkbox(words, key=KEY(f"rosa.{tick}"), persist_state="session")
        st.markdown("**Time**")
        for h in HOURS:
            spec = field_spec(SECTION, h.fields[0])
            st.number_input(
                f"{h.question} [{spec.unit}]",
                value=None,
                step=0.5,
                format="%g",
                placeholder=f"{spec.ge:g} to {spec.le:g} {spec.unit}",
                help=f"Allowed: {spec.ge:g} to {spec.le:g} {spec.unit}.",
                key=KEY(f"rosa.{h.key}"),
                persist_state="session",
            )
            problem_below(f"rosa.{h.key}")
