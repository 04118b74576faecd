"""Check my desk: an employee's own check of desk heights, sitting and desk-edge pressure.

The answers become an :class:`~assessments.model.Assessment` of type "self"; the model
validates it and :func:`~assessments.evaluate.score_assessment` scores it with the same
engine as an officer's audit. The page only asks and shows: units, allowed ranges,
defaults and the how-to-measure help come from the model's field declarations, the
settings from ``result.desk_targets``, the advice from the recommendations catalogue.
The optional questions about the chair, screen, phone, mouse and keyboard
(:mod:`views.desk_rosa`) become the model's ROSA section; skipped, it is not assessed.
The optional symptom questions follow the Nordic Musculoskeletal Questionnaire
(Kuorinka et al. 1987, Applied Ergonomics 18(3):233-237). The warning signs of cauda
equina syndrome are always asked; any yes puts the advice to seek emergency care now
first on the page. Symptom answers are neither scored nor kept, and nothing on the page
is a diagnosis.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from assessments import model as m
from assessments.evaluate import score_assessment
from assessments.fields import FieldSpec, Problem, field_spec, problems_from
from assessments.rules import rules_for
from reports import desk_words as desk
from scoring import contact_stress, prolonged_sitting, registry, rosa, workstation_height
from scoring.recommendations import (
    CAUDA_EQUINA_SIGNS,
    EMERGENCY_ADVICE,
    LEG_SYMPTOMS,
    symptom_advice,
)
from scoring.results import AssessmentResult
from views import desk_rosa, identity, self_check, state
from views.text import md

state.init()
KEY = state.desk_key
# The three factors Check my desk asks about, and the model sections holding their answers.
FACTORS_ASKED = tuple(
    registry.factor(method.METHOD.factor)
    for method in (workstation_height, prolonged_sitting, contact_stress)
)
DESK, SITTING, EDGES = (f.section for f in FACTORS_ASKED)

# The question an employee reads for each model field (section, field name). Unit, range,
# default and help are the model's.
QUESTIONS: dict[tuple[str, str], str] = {
    (DESK, "stature_cm"): "Your height, without shoes",
    (DESK, "sex"): "Sex",
    (DESK, "seat_height_cm"): "Height of your chair seat",
    (DESK, "keyboard_height_cm"): "Height of your keyboard",
    (DESK, "footrest_height_cm"): "Height of your footrest (0 if there is none)",
    (DESK, "monitor_top_height_cm"): "Height of the top of your screen",
    (DESK, "viewing_distance_cm"): "Distance from your eyes to the screen",
    (DESK, "screen_height_cm"): "Height of the picture on your screen, top to bottom (optional)",
    (DESK, "progressive_lenses"): "Do you look at the screen through varifocal "
    "(progressive) or bifocal glasses?",
    (DESK, "lumbar_support"): "Does your backrest support the small of your back?",
    (DESK, "seat_min_cm"): "Lowest your chair goes",
    (DESK, "seat_max_cm"): "Highest your chair goes",
    (DESK, "desk_min_cm"): "Lowest your desk goes",
    (DESK, "desk_max_cm"): "Highest your desk goes",
    (SITTING, "seated_h_per_day"): "Hours you sit on a working day",
    (SITTING, "longest_bout_min"): "Longest time you sit without getting up",
    (SITTING, "standing_h_per_day"): "Hours you stand or walk about at work",
    (EDGES, "hard_edge_h"): "Hours a day a hard desk edge presses on your wrists or forearms",
}
SECTION_OF = {name: section for section, name in QUESTIONS}
STEP = {"cm": 1.0, "h/day": 0.5, "min": 5.0}
SEX_WORDS = {"female": "Female", "male": "Male", "unspecified": "Prefer not to say"}
DESK_TYPES = {
    "fixed": "Fixed height",
    "adjustable": "It goes up and down (for sitting)",
    "sit_stand": "It rises high enough to work standing (sit-stand desk)",
    "unknown": "I don't know",
}
# The optional chair-and-screen questions (views.desk_rosa) are scored as ROSA.
FACTOR_WORDS = {f.id: f.plain_title for f in (*FACTORS_ASKED, registry.factor(rosa.METHOD.factor))}
BAND_COLOURS = {"low": "green", "moderate": "yellow", "high": "orange", "very high": "red"}

# Nordic Musculoskeletal Questionnaire, general part: nine body regions and three questions
# (Kuorinka et al. 1987; wording after the questionnaire's general form).
NMQ_REGIONS = (
    "neck",
    "shoulders",
    "upper back",
    "elbows",
    "low back",
    "wrists/hands",
    "hips/thighs",
    "knees",
    "ankles/feet",
)
NMQ_QUESTIONS = {
    "nmq_12_months": "In the last 12 months, have you had trouble (ache, pain, discomfort, "
    "numbness) in any of these areas?",
    "nmq_prevented": "In the last 12 months, has that trouble kept you from your normal "
    "activities (work, housework, hobbies)?",
    "nmq_7_days": "Have you had trouble in any of these areas in the last 7 days?",
}
SYMPTOM_WORDS = {
    "nmq_12_months": "Trouble in the last 12 months",
    "nmq_prevented": "Kept you from normal activities",
    "nmq_7_days": "Trouble in the last 7 days",
}
# The warning signs every employee is asked about (model field names of Symptoms).
WARNING_SIGNS = {**CAUDA_EQUINA_SIGNS, "leg_pain_numbness": LEG_SYMPTOMS}

NOT_A_DIAGNOSIS = (
    "This check looks at your desk and your habits, not at your health: it is not a "
    "diagnosis and it does not replace advice from a doctor or physiotherapist."
)


# ---------------------------------------------------------------------- the answers


def _range(spec: FieldSpec) -> str:
    """Return a field's allowed range in words, e.g. "120 to 220 cm"."""
    if spec.ge is not None and spec.le is not None:
        return f"{spec.ge:g} to {spec.le:g} {spec.unit}"
    return spec.bounds_text()


def _answers(section: str) -> dict[str, Any]:
    """Return the submitted answers of one model section (blanks left out: model defaults)."""
    out = {}
    for sec, name in QUESTIONS:
        value = st.session_state.get(KEY(name))
        if sec == section and value is not None:
            out[name] = value
    return out


def _assessment_data() -> dict[str, Any]:
    """Return the answers as the Assessment's input dict (type "self")."""
    desk_type = st.session_state.get(KEY("desk_type"), "unknown")
    workstation = _answers(DESK)
    workstation["posture_mode"] = "sit_stand" if desk_type == "sit_stand" else "seated"
    if desk_type == "fixed":
        # Model help: a fixed desk's range is its current height.
        workstation.pop("desk_min_cm", None)
        workstation.pop("desk_max_cm", None)
        if "keyboard_height_cm" in workstation:
            workstation["desk_min_cm"] = workstation["desk_max_cm"] = workstation[
                "keyboard_height_cm"
            ]
    data: dict[str, Any] = {
        "header": {"assessment_type": "self"},
        DESK: workstation,
        EDGES: _answers(EDGES),
    }
    sitting = _answers(SITTING)
    if {"seated_h_per_day", "longest_bout_min"} & sitting.keys():
        data[SITTING] = sitting | {"sit_stand_desk": desk_type == "sit_stand"}
    office, _ = desk_rosa.inputs(st.session_state.get)
    if office is not None:  # skipped: the office workstation is not assessed
        data[desk_rosa.SECTION] = office
    return data


def _in_words(problem: Problem, data: dict[str, Any]) -> tuple[str, str] | None:
    """Return (input name, plain-words message) for one validation problem.

    None for a range problem of an input the employee left blank: its value was copied
    from another answer (a fixed desk's range is the keyboard height), which has the
    message already.
    """
    path = problem.field.split(".")
    section, name = path[0], path[-1]
    if section == desk_rosa.SECTION:
        return desk_rosa.worded(name, problem.value) or ("", problem.message)
    if name in SECTION_OF:
        if st.session_state.get(KEY(name)) is None:
            return None
        spec = field_spec(section, name)
        value = problem.value
        shown = f"{value:g} {spec.unit}" if isinstance(value, int | float) else repr(value)
        return name, (
            f"{QUESTIONS[section, name]}: {shown} is outside what this check accepts "
            f"({_range(spec)}). Please check the number."
        )
    # A section-level check (two fields together, or a value the section needs).
    given = data.get(section, {})
    for rule in rules_for(section):
        a, b = given.get(rule.a), given.get(rule.b)
        if a is None or b is None or rule.ok(a, b):
            continue
        qa, qb = QUESTIONS.get((section, rule.a), rule.a), QUESTIONS.get((section, rule.b), rule.b)
        if rule.kind == "sum_le":
            text = (
                f"{qa} ({a:g} {rule.unit}) and {qb.lower()} ({b:g} {rule.unit}) add up to "
                f"{a + b:g} {rule.unit}; together they can be at most {rule.limit:g} {rule.unit}."
            )
        else:
            text = f"{qa} ({a:g} {rule.unit}) cannot be more than {qb.lower()} ({b:g} {rule.unit})."
        return rule.a, text
    for sec, field in QUESTIONS:
        if sec == section and problem.message.startswith(f"{field} is missing"):
            why = problem.message.split("): ", 1)[-1] if "): " in problem.message else ""
            spec = field_spec(section, field)
            return field, f"{QUESTIONS[sec, field]}: please fill this in ({_range(spec)}); {why}"
    return "", problem.message


def _check() -> None:
    """Submit callback: validate the answers, score them, keep what the page shows."""
    data = _assessment_data()
    signs = [name for name in WARNING_SIGNS if st.session_state.get(KEY(name))]
    st.session_state[state.DESK_SYMPTOMS] = {
        **{q: list(st.session_state.get(KEY(q)) or ()) for q in NMQ_QUESTIONS},
        "signs": signs,
        "advice": symptom_advice(
            cauda_equina_signs=any(s in CAUDA_EQUINA_SIGNS for s in signs),
            leg_symptoms="leg_pain_numbness" in signs,
        ),
    }
    _, unanswered = desk_rosa.inputs(st.session_state.get)
    try:
        assessment = m.Assessment.model_validate(data)
    except ValidationError as err:
        worded = [w for w in (_in_words(p, data) for p in problems_from(err)) if w is not None]
        _refuse([*dict.fromkeys(worded), *unanswered])  # one message per question
        return
    if unanswered:  # a partly answered optional part: nothing is scored from a guess
        _refuse(unanswered)
        return
    st.session_state[state.DESK_PROBLEMS] = ()
    st.session_state[state.DESK_ASSESSMENT] = assessment
    st.session_state[state.DESK_RESULT] = score_assessment(assessment)


def _refuse(problems: list[tuple[str, str]]) -> None:
    """Keep the messages of a check that cannot run, and no result."""
    st.session_state[state.DESK_PROBLEMS] = tuple(problems)
    st.session_state[state.DESK_ASSESSMENT] = None
    st.session_state[state.DESK_RESULT] = None


# ------------------------------------------------------------------------- widgets


def _problem_below(name: str) -> None:
    for where, text in st.session_state[state.DESK_PROBLEMS]:
        if where == name:
            st.error(md(text), icon=":material/error:")


def _number(name: str) -> None:
    """Draw the number input of one model field, with its unit, range and help."""
    spec = field_spec(SECTION_OF[name], name)
    # No min/max on the widget: Streamlit silently drops an out-of-range value, and the
    # model's message (field, value, allowed range) is the one the employee should read.
    st.number_input(
        f"{QUESTIONS[SECTION_OF[name], name]} [{spec.unit}]",
        value=spec.default,
        step=STEP[spec.unit],
        format="%g",
        placeholder=_range(spec),
        help=f"{spec.help} Allowed: {_range(spec)}.",
        key=KEY(name),
        persist_state="session",
    )
    _problem_below(name)


def _yes_no(name: str) -> None:
    """Draw a yes/no question of one model flag, with the model's default and help."""
    spec = field_spec(SECTION_OF[name], name)
    st.radio(
        QUESTIONS[SECTION_OF[name], name],
        (True, False),
        index=0 if spec.default else 1,
        format_func=lambda v: "Yes" if v else "No",
        horizontal=True,
        help=spec.help,
        key=KEY(name),
        persist_state="session",
    )


def _how_to_measure() -> None:
    with st.expander("How to measure", icon=":material/straighten:"):
        st.markdown(
            "Use a tape measure, sit as you usually work, and measure from the floor "
            "unless it says otherwise. Round to the nearest centimetre."
        )
        for (section, name), question in QUESTIONS.items():
            spec = field_spec(section, name)
            if spec.unit == "cm":
                st.markdown(f"- **{question}**: {spec.help}")


def _form() -> None:
    with st.form(KEY("form"), enter_to_submit=False):
        st.subheader("1. You")
        _number("stature_cm")
        sex = field_spec(DESK, "sex")
        st.radio(
            QUESTIONS[DESK, "sex"],
            sex.choices,
            index=sex.choices.index(sex.default),
            format_func=SEX_WORDS.get,
            horizontal=True,
            help=sex.help,
            key=KEY("sex"),
            persist_state="session",
        )

        st.subheader("2. Your chair and desk")
        left, right = st.columns(2)
        with left:
            _number("seat_height_cm")
            _number("footrest_height_cm")
        with right:
            _number("keyboard_height_cm")
            st.radio(
                "Your desk",
                tuple(DESK_TYPES),
                index=tuple(DESK_TYPES).index("unknown"),
                format_func=DESK_TYPES.get,
                key=KEY("desk_type"),
                persist_state="session",
            )
        _yes_no("lumbar_support")
        ranges = ("seat_min_cm", "seat_max_cm", "desk_min_cm", "desk_max_cm")
        flagged = {where for where, _ in st.session_state[state.DESK_PROBLEMS]}
        with st.expander(  # opened when one of its answers has a message
            "Optional: how far your chair and desk go up and down",
            expanded=bool(flagged.intersection(ranges)),
        ):
            st.caption(
                "With these, the check can tell you when the chair or the desk cannot "
                "reach your settings. Leave the desk blank if it is fixed."
            )
            c1, c2 = st.columns(2)
            with c1:
                _number("seat_min_cm")
                _number("desk_min_cm")
            with c2:
                _number("seat_max_cm")
                _number("desk_max_cm")

        st.subheader("3. Your screen")
        left, right = st.columns(2)
        with left:
            _number("monitor_top_height_cm")
            _number("screen_height_cm")
        with right:
            _number("viewing_distance_cm")
        _yes_no("progressive_lenses")

        st.subheader("4. Sitting")
        left, right = st.columns(2)
        with left:
            _number("seated_h_per_day")
            _number("standing_h_per_day")
        with right:
            _number("longest_bout_min")

        st.subheader("5. Hard desk edge")
        _number("hard_edge_h")

        desk_rosa.draw(_problem_below, flagged)

        st.subheader("6. Warning signs")
        st.caption(
            "Please answer even if you feel well. Tick any that are new for you. Your "
            "answers are not scored and not kept."
        )
        for name, text in WARNING_SIGNS.items():
            st.checkbox(text, key=KEY(name), persist_state="session")

        with st.expander("Optional: aches and pains", icon=":material/accessibility_new:"):
            st.caption(
                "Questions from the Nordic Musculoskeletal Questionnaire (Kuorinka et al. "
                "1987). Your answers are not scored and not kept. " + NOT_A_DIAGNOSIS
            )
            for q, text in NMQ_QUESTIONS.items():
                st.multiselect(
                    text,
                    NMQ_REGIONS,
                    format_func=str.capitalize,
                    placeholder="None",
                    key=KEY(q),
                    persist_state="session",
                )

        st.form_submit_button("Check my desk", type="primary", on_click=_check, key=KEY("submit"))
    problems = st.session_state[state.DESK_PROBLEMS]
    if problems:
        n = len(problems)
        st.error(
            f"{n} answer{'s' if n > 1 else ''} need{'' if n > 1 else 's'} a look before the "
            "check can run: see the message" + ("s" if n > 1 else "") + " above.",
            icon=":material/error:",
        )
        for where, text in problems:
            if not where:  # a problem that belongs to no single question
                st.error(md(text))


# ------------------------------------------------------------------------- results


def _settings(result: AssessmentResult, assessment: m.Assessment) -> None:
    t = result.desk_targets
    st.subheader("Your personal settings")
    if not t:  # the engine sets targets only once a height or distance is measured
        st.info(
            "Measure at least one of your chair, keyboard or screen heights, or the screen "
            "distance, to get your personal settings.",
            icon=":material/straighten:",
        )
        return
    sentence = desk.settings_sentence(assessment.workstation, t)
    if sentence:
        st.success(sentence, icon=":material/chair:")
    rows = desk.setting_rows(assessment.workstation, t)
    st.table(
        {
            "": [r.label for r in rows],
            "now": [desk.now_text(r) for r in rows],
            "set it to": [desk.length(r.target_cm) for r in rows],
            "what to do": [r.action for r in rows],
        },
        hide_index=True,
        width="content",
    )
    for limit in result.desk_limits:
        st.warning(limit[0].upper() + limit[1:] + ".", icon=":material/warning:")


def _levels(result: AssessmentResult, assessment: m.Assessment) -> None:
    st.subheader("How your set-up compares")
    st.caption(
        "Levels, from best to worst: low, moderate, high, very high. They describe your "
        "desk and habits, not your health."
    )
    for f in result.factors:
        if not f.applicable:
            continue
        with st.container(border=True):
            badge = f":{BAND_COLOURS[f.band_name]}-badge[{f.band_name}]"
            st.markdown(f"**{FACTOR_WORDS.get(f.factor, f.title)}** {badge}")
            lines = desk.factor_lines(assessment, result, f.factor)
            if lines:
                st.markdown("\n".join(f"- {line}" for line in lines))


def _advice(result: AssessmentResult, assessment: m.Assessment) -> None:
    st.subheader("What you can do")
    todo, everyday = desk.advice(result)
    if todo:
        st.markdown("\n".join(f"- {text}" for text in todo))
    office = desk.rosa_lines(assessment.office_workstation, result.desk_targets)
    if office:  # the optional chair-and-screen answers, one line each
        st.markdown(f"**{desk.ROSA_HEADING}**")
        st.markdown("\n".join(f"- {text}" for text in office))
    st.markdown("**Good habits for everyone**")
    st.markdown("\n".join(f"- {text}" for text in everyday))


def _keep(result: AssessmentResult, assessment: m.Assessment, advice) -> None:
    """Offer the one-page PDF of the settings and advice (outside the form)."""
    # Imported here: reportlab is only needed once there is a result to keep, and the
    # page's first load stays as light as the other pages'.
    from reports.desk_check import desk_check_pdf

    pdf = desk_check_pdf(assessment, result, symptom_advice=advice)
    st.download_button(
        "Download my settings (PDF, one page)",
        pdf,
        file_name="my-desk-settings.pdf",
        mime="application/pdf",
        icon=":material/download:",
        key=KEY("pdf"),
    )


def _red_flags(advice) -> None:
    """Show the red-flag advice, emergency care first, with its clinical sources."""
    for rec in advice:
        if rec.id == EMERGENCY_ADVICE.id:
            st.error(rec.employee_text, icon=":material/emergency:")
        else:
            st.warning(rec.employee_text, icon=":material/stethoscope:")
    st.caption(desk.red_flag_sources())


def _symptom_summary(answers: dict[str, Any]) -> None:
    marked = {q: answers[q] for q in NMQ_QUESTIONS if answers[q]}
    if not marked:
        return
    st.subheader("Your answers about aches and pains")
    for q, regions in marked.items():
        st.markdown(f"- {SYMPTOM_WORDS[q]}: {', '.join(regions)}")
    if answers["nmq_prevented"] or answers["nmq_7_days"]:
        st.markdown(
            "Trouble that keeps you from your normal activities, or that keeps coming back, "
            "is worth talking over with your occupational health service or a doctor."
        )
    st.caption(
        "Aches and pains have many causes; this check cannot tell them apart. " + NOT_A_DIAGNOSIS
    )


# ---------------------------------------------------------------------------- page

st.title("Check my desk")
st.markdown(
    "A short check of your desk, chair and screen, how long you sit, and hard edges "
    "under your wrists. You get your personal settings and advice you can use today. "
    "Measure in centimetres; hover over or tap **?** to see how."
)
st.caption(f"{identity.desk_privacy_line()} This check is not a diagnosis.")
symptoms = st.session_state[state.DESK_SYMPTOMS]
advice = symptoms["advice"] if symptoms is not None else ()
if advice:  # first on the page: it matters more than any desk setting
    _red_flags(advice)
_how_to_measure()
_form()

result = st.session_state[state.DESK_RESULT]
if symptoms is not None and (result is not None or advice):
    st.divider()
    st.header("Your results")
    if advice:  # first in the results too, where the page lands after checking
        _red_flags(advice)
    st.info(NOT_A_DIAGNOSIS, icon=":material/info:")
    if result is not None:
        assessment = st.session_state[state.DESK_ASSESSMENT]
        _settings(result, assessment)
        _advice(result, assessment)
        _levels(result, assessment)
        _keep(result, assessment, advice)
    _symptom_summary(symptoms)
self_check.save_panel()
