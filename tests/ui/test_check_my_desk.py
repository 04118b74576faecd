"""AppTest: Check my desk runs alone, and an employee reads settings, advice and messages."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments import model as m
from assessments.evaluate import score_assessment
from reports import desk_words as desk
from scoring import rosa
from scoring.recommendations import (
    CAUDA_EQUINA_SIGNS,
    EMERGENCY_ADVICE,
    SYMPTOM_ADVICE,
    catalogue_entry,
)
from views import desk_rosa

PAGE = Path(__file__).resolve().parents[2] / "views" / "check_my_desk.py"
RADIOS = {"sex", "desk_type", "lumbar_support"}
MULTI = {"nmq_12_months", "nmq_prevented", "nmq_7_days"}
CHECKS = {*CAUDA_EQUINA_SIGNS, "leg_pain_numbness"}

# The brief's example: 165 cm woman at a fixed 74 cm desk, screen low and close, long sitting.
EXAMPLE = {
    "stature_cm": 165.0,
    "sex": "female",
    "seat_height_cm": 47.0,
    "keyboard_height_cm": 74.0,
    "desk_type": "fixed",
    "monitor_top_height_cm": 100.0,
    "viewing_distance_cm": 45.0,
    "seated_h_per_day": 7.0,
    "longest_bout_min": 90.0,
}


def submit(**answers) -> AppTest:
    """Open the page, fill the widgets by key, press the submit button."""
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    for name, value in answers.items():
        key = f"desk.{name}"
        if name.startswith("rosa."):  # the optional chair-and-screen part (views.desk_rosa)
            rosa_widget(at, name).set_value(value)
        elif name in RADIOS or name == "progressive_lenses":
            at.radio(key=key).set_value(value)
        elif name in MULTI:
            at.multiselect(key=key).set_value(value)
        elif name in CHECKS:
            at.checkbox(key=key).set_value(value)
        else:
            at.number_input(key=key).set_value(value)
    return at.button(key="desk.submit").click().run()


def rosa_widget(at: AppTest, name: str):
    """Return the widget of one chair-and-screen question ("rosa.<key>") by its kind."""
    key = f"desk.{name}"
    short = name.removeprefix("rosa.")
    if short in desk_rosa.PART_OF:
        return at.radio(key=key)
    if short in desk_rosa.HOURS_OF:
        return at.number_input(key=key)
    return at.checkbox(key=key)


def texts(at: AppTest, *kinds: str) -> list[str]:
    kinds = kinds or ("markdown", "success", "warning", "error", "info", "caption")
    return [str(e.value) for kind in kinds for e in getattr(at, kind)]


def test_page_runs_alone():
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Check my desk"
    assert not at.header  # no results before the first check


def test_example_desk_gives_personal_settings_in_plain_words():
    at = submit(**EXAMPLE)
    assert not at.exception
    # What the engine gives for the same answers (the page must show it, not compute it).
    same = m.Assessment(
        header=m.Header(assessment_type="self"),
        workstation=m.Workstation(
            stature_cm=165,
            sex="female",
            seat_height_cm=47,
            keyboard_height_cm=74,
            desk_min_cm=74,
            desk_max_cm=74,
            monitor_top_height_cm=100,
            viewing_distance_cm=45,
        ),
        sitting=m.Sitting(seated_h_per_day=7, longest_bout_min=90),
        contact_stress=m.ContactStress(),
    )
    t = score_assessment(same).desk_targets
    assert [s.value for s in at.success] == [desk.settings_sentence(same.workstation, t)]
    # A fixed 74 cm desk is too high for her: the chair goes up and a footrest makes up for it.
    assert t["desk_cm"] == 74 and t["chair_cm"] > 47 and t["footrest_cm"] > 0
    table = at.table[0].value
    assert list(table.columns) == ["", "now", "set it to", "what to do"]
    assert table.iloc[0].tolist() == [
        "Chair seat height",
        "47 cm (18.5 in)",
        f"{t['chair_cm']:.0f} cm ({round(t['chair_cm']) / 2.54:.1f} in)",
        f"raise it {round(t['chair_cm']) - 47} cm ({(round(t['chair_cm']) - 47) / 2.54:.1f} in)",
    ]
    assert table.iloc[1].tolist()[:2] == ["Footrest", "none"]


def test_example_desk_gives_the_everyday_advice_and_written_levels():
    at = submit(**EXAMPLE)
    page = "\n".join(texts(at))
    for entry in ("SIT-BREAKS", "WS-LUMBAR", "SIT-EXERCISE", "SIT-STANDDESK"):
        assert catalogue_entry(entry).employee in page
    assert "every 30 minutes" in page
    assert "cushion or a rolled towel" in page
    assert "put a footrest" in page
    # Band names are written, not only coloured.
    assert ":orange-badge[high]" in page
    assert "up to 90 minutes without getting up" in page


def test_nothing_reads_as_a_diagnosis():
    at = submit(
        **EXAMPLE,
        leg_pain_numbness=True,
        bladder_bowel=True,
        nmq_12_months=["neck", "low back"],
    )
    page = "\n".join(texts(at) + [h.value for h in at.header] + [h.value for h in at.subheader])
    assert "you have" not in page.lower()
    assert any("not a diagnosis" in i.value for i in at.info)


def test_item_02_warning_signs_are_always_asked():
    """The cauda equina warning signs are asked in the form itself, outside the optional
    aches-and-pains section (NICE CKS sciatica red flags; GIRFT CES pathway)."""
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    keys = {f"desk.{name}" for name in CHECKS}
    assert keys <= {c.key for c in at.checkbox}
    for box in at.expander:
        assert not keys & {c.key for c in box.checkbox}, box.label


@pytest.mark.parametrize("sign", sorted(CAUDA_EQUINA_SIGNS))
def test_item_02_any_warning_sign_gives_emergency_care_first(sign):
    at = submit(**EXAMPLE, **{sign: True})
    # First on the page, above the form, and first in the results.
    first = next(el for el in at.main.children.values() if el.type in ("alert", "error"))
    assert first.value == EMERGENCY_ADVICE.employee_text
    assert texts(at, "error").count(EMERGENCY_ADVICE.employee_text) == 2
    assert "A&E or call 999" in EMERGENCY_ADVICE.employee_text
    assert "emergency department" in EMERGENCY_ADVICE.employee_text
    assert SYMPTOM_ADVICE.employee_text not in texts(at)
    sources = next(c for c in texts(at, "caption") if c.startswith("Sources:"))
    assert "NICE Clinical Knowledge Summaries" in sources and "GIRFT" in sources


def test_item_02_leg_pain_alone_keeps_see_a_clinician_soon():
    at = submit(**EXAMPLE, leg_pain_numbness=True)
    assert SYMPTOM_ADVICE.employee_text in texts(at, "warning")
    assert "soon" in SYMPTOM_ADVICE.employee_text
    assert EMERGENCY_ADVICE.employee_text not in texts(at)


def test_item_02_emergency_and_clinician_advice_together_emergency_first():
    at = submit(**EXAMPLE, leg_pain_numbness=True, both_legs=True)
    advice = [t for t in texts(at, "error", "warning") if t.startswith(("Seek", "Pain"))]
    assert advice[:2] == [EMERGENCY_ADVICE.employee_text, EMERGENCY_ADVICE.employee_text]
    assert SYMPTOM_ADVICE.employee_text in advice


def test_item_02_no_warning_sign_no_red_flag_advice():
    at = submit(**EXAMPLE)
    assert EMERGENCY_ADVICE.employee_text not in texts(at)
    assert SYMPTOM_ADVICE.employee_text not in texts(at)


def test_item_02_emergency_advice_shows_even_when_an_answer_needs_fixing():
    at = submit(stature_cm=400.0, saddle_numbness=True)
    assert EMERGENCY_ADVICE.employee_text in texts(at, "error")
    assert not at.success


def test_symptom_answers_are_summarised_by_region():
    at = submit(**EXAMPLE, nmq_12_months=["neck", "low back"], nmq_7_days=["low back"])
    page = texts(at, "markdown")
    assert "- Trouble in the last 12 months: neck, low back" in page
    assert "- Trouble in the last 7 days: low back" in page
    assert SYMPTOM_ADVICE.employee_text not in texts(at, "error")


def test_impossible_height_names_field_value_and_range_and_gives_no_result():
    at = submit(**(EXAMPLE | {"stature_cm": 400.0}))
    assert not at.exception
    errors = texts(at, "error")
    assert errors[0] == (
        "Your height, without shoes: 400 cm is outside what this check accepts "
        "(120 to 220 cm). Please check the number."
    )
    assert not at.success and not at.header and not at.table


def test_a_fixed_desk_reports_a_wrong_keyboard_height_once():
    at = submit(stature_cm=165.0, keyboard_height_cm=30.0, desk_type="fixed")
    assert texts(at, "error") == [
        "Height of your keyboard: 30 cm is outside what this check accepts (40 to 130 cm). "
        "Please check the number.",
        "1 answer needs a look before the check can run: see the message above.",
    ]


def test_message_sits_next_to_its_field():
    at = submit(stature_cm=400.0)
    form = at.get("form")[0]
    children = list(form.children.values())
    i = next(k for k, c in enumerate(children) if getattr(c, "key", None) == "desk.stature_cm")
    assert children[i + 1].type == "error"
    assert "400 cm" in children[i + 1].value


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"stature_cm": 165.0, "seat_min_cm": 50.0, "seat_max_cm": 45.0},
            "Lowest your chair goes (50 cm) cannot be more than highest your chair goes (45 cm).",
        ),
        (
            {"stature_cm": 165.0, "seated_h_per_day": 20.0, "standing_h_per_day": 6.0},
            "Hours you sit on a working day (20 h/day) and hours you stand or walk about at "
            "work (6 h/day) add up to 26 h/day; together they can be at most 24 h/day.",
        ),
        (
            {"seat_height_cm": 47.0},
            "Your height, without shoes: please fill this in (120 to 220 cm); the personal "
            "target ranges are computed from it.",
        ),
    ],
)
def test_checks_across_fields_are_worded(answers, expected):
    at = submit(**answers)
    assert not at.exception
    assert expected in texts(at, "error")
    assert not at.success and not at.header


def test_height_alone_asks_for_a_measurement():
    # The engine sets personal targets once something is measured against them.
    at = submit(stature_cm=165.0)
    assert not at.exception
    assert at.header[0].value == "Your results"
    assert any("to get your personal settings" in i for i in texts(at, "info"))
    assert not at.success


def test_a_message_inside_the_optional_ranges_opens_them():
    at = submit(stature_cm=165.0, seat_min_cm=50.0, seat_max_cm=45.0)
    box = next(e for e in at.expander if e.label.startswith("Optional: how far"))
    assert box.proto.expanded
    assert "Lowest your chair goes (50 cm)" in box.error[0].value


def test_furniture_that_cannot_reach_the_settings_is_flagged():
    at = submit(**EXAMPLE, seat_max_cm=50.0)
    warnings = texts(at, "warning")
    assert warnings == [
        "The desk stays too high even with the chair raised: a lower desk is needed."
    ]
    assert at.success[0].value.startswith("Raise your chair to 50 cm (19.7 in) and put a footrest")


def test_sit_stand_desk_adds_standing_settings():
    at = submit(
        stature_cm=180.0,
        sex="male",
        desk_type="sit_stand",
        seat_height_cm=48.0,
        keyboard_height_cm=70.0,
        seated_h_per_day=5.0,
    )
    assert "When you stand: desk" in at.success[0].value
    assert "Desk when you stand" in at.table[0].value[""].tolist()


def test_item_04_low_screen_for_varifocal_glasses_is_not_flagged():
    """Cal/OSHA: the top line "even lower if you wear bifocal, trifocal or progressive
    lenses"; inside ISO 9241-5's 0-60 degree zone the low screen is not out of range."""
    plain = submit(**EXAMPLE)
    varifocal = submit(**EXAMPLE, progressive_lenses=True)

    def monitor(at):
        ws = at.session_state["desk.result"].factor("workstation")
        return next(x.value for x in ws.metrics if x.key == "monitor_deviation")

    assert monitor(plain) > 5.0
    assert monitor(varifocal) == 0.0


def test_item_08_fixed_desk_says_chair_up_and_footrest_in_one_sentence():
    """Issue 9 item 8: "Set your chair to 56 cm" beside "Lower your chair or use a
    footrest" left the employee not knowing which way to move."""
    at = submit(**EXAMPLE)
    sentence = at.success[0].value
    first = sentence.split(": ")[0]
    assert first.startswith("Raise your chair to 52 cm") and "footrest 9 cm" in first
    page = "\n".join(texts(at)).lower()
    assert "lower your chair" not in page


def test_item_08_levels_compare_the_set_up_with_the_recommended_settings():
    at = submit(**EXAMPLE)
    page = "\n".join(texts(at, "markdown"))
    assert "your range" not in page
    assert "Compared with your settings: chair seat height: raise it 5 cm (2.0 in)" in page
    assert "top of the screen: raise it 28 cm (11.0 in)" in page


def test_item_08_seat_edge_and_hard_edge_are_separate_lines_and_no_advice_twice():
    at = submit(**EXAMPLE, hard_edge_h=3.0)
    lines = [
        line[2:]
        for md in at.markdown
        for line in str(md.value).splitlines()
        if line.startswith("- ")
    ]
    assert any(line.startswith("The front edge of your chair presses") for line in lines)
    assert any(line.startswith("A hard desk edge presses on your wrists") for line in lines)
    assert len(lines) == len(set(lines))
    advice = [line for line in lines if not line.startswith(("**", "The front edge"))]
    assert not any("footrest" in line.lower() for line in advice)  # it is in the settings


# Words an office worker would not use, or that name the method or its authors.
JARGON = (
    "popliteal",
    "hazard-zone",
    "hazard zone",
    "1.5 ×",
    "Buckley",
    "Kuorinka",
    "ROSA",
    "Sonne",
    "seat pan",
    "lumbar",
    "points",
    "neutral",
    "chart",
    "section",
    "duration",
    "deviation",
    "extension",
    "peripheral",
    "°",
)


def worst_rosa_answers() -> dict:
    """Return every chair-and-screen question at its worst answer, every box ticked."""
    out: dict = {"rosa.chair_h": 8.0, "rosa.computer_h": 8.0, "rosa.phone_h": 2.0}
    for p in desk_rosa.PARTS:
        out[f"rosa.{p.key}"] = max(p.answers, key=p.answers.get)
        out |= {f"rosa.{t}": True for t in p.ticks}
    return out


def test_item_09_plain_words_and_inches():
    at = submit(**EXAMPLE, hard_edge_h=5.0, leg_pain_numbness=True, **worst_rosa_answers())
    assert at.session_state["desk.result"].factor("office_workstation").applicable
    shown = "\n".join(texts(at, "markdown", "success", "warning", "error"))
    # The questions, their answers and help, and the tick boxes of the optional part.
    asked = [r.label for r in at.radio] + [r.help or "" for r in at.radio]
    asked += [str(o) for r in at.radio for o in r.options]
    asked += [c.label for c in at.checkbox] + [n.label for n in at.number_input]
    everything = (shown + "\n" + "\n".join(asked)).lower()
    for line in desk.rosa_lines(
        at.session_state["desk.assessment"].office_workstation,
        at.session_state["desk.result"].desk_targets,
    ):
        assert line in shown
    for jargon in JARGON:
        assert jargon.lower() not in everything, jargon
    assert "(20.5 in)" in shown  # the chair, 52 cm
    assert "7.5 cm (3 in)" in shown and "75 cm (30 in)" in shown  # knee gap, arm's length


def test_item_09_offers_a_one_page_pdf_of_the_settings():
    at = submit(**EXAMPLE)
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Download my settings (PDF, one page)"]


# ---------------------------------------------------------------- issue 13 point 3
# Check my desk asks the chair, screen, phone, mouse and keyboard items of ROSA (Sonne,
# Villalta & Andrews 2012, Table 1 and 2) in plain words; the part is optional.


def answer(part: str, base: int, which: int = 0) -> dict[str, str]:
    """Return the answer of one question whose base score is ``base`` (``which``-th such)."""
    words = [w for w, score in desk_rosa.PART_OF[part].answers.items() if score == base]
    return {f"rosa.{part}": words[which]}


# A worker whose seat is high (2) with no leg room, the seat depth right, armrests that lift
# the shoulders (2) and hard, back support right, the screen low (2) with glare, a phone held
# on the shoulder, the mouse reached for (2), wrists straight; 6 h a day in the chair, 5 h at
# the computer, 1.5 h on the phone.
ROSA_ANSWERS = {
    **answer("seat_height", 2, 1),
    "rosa.seat_height_insufficient_space": True,
    **answer("seat_depth", 1),
    **answer("armrests", 2),
    "rosa.armrest_hard_surface": True,
    **answer("back", 1),
    **answer("screen", 2),
    "rosa.monitor_glare": True,
    **answer("phone", 1),
    "rosa.telephone_neck_shoulder_hold": True,
    **answer("mouse", 2),
    **answer("keyboard", 1),
    "rosa.chair_h": 6.0,
    "rosa.computer_h": 5.0,
    "rosa.phone_h": 1.5,
}
# The same answers as the model's ROSA inputs (the ticks not given are absent).
ROSA_INPUTS = {
    "seat_height_score": 2,
    "seat_height_insufficient_space": True,
    "seat_depth_score": 1,
    "armrest_score": 2,
    "armrest_hard_surface": True,
    "back_support_score": 1,
    "monitor_score": 2,
    "monitor_glare": True,
    "telephone_score": 1,
    "telephone_neck_shoulder_hold": True,
    "mouse_score": 2,
    "keyboard_score": 1,
    "chair_daily_h": 6.0,
    "monitor_daily_h": 5.0,
    "keyboard_daily_h": 5.0,
    "mouse_daily_h": 5.0,
    "telephone_daily_h": 1.5,
}


def test_issue_13_rosa_answers_map_to_the_model_inputs_and_score_as_rosa():
    at = submit(**EXAMPLE, **ROSA_ANSWERS)
    assert not at.exception
    ow = at.session_state["desk.assessment"].office_workstation
    given = ow.model_dump()
    for name, value in ROSA_INPUTS.items():
        assert given[name] == value, name
    untouched = {
        n for n in rosa.NEUTRAL_VALUES if n not in ROSA_INPUTS and not n.endswith("_score")
    }
    assert untouched and not any(given[n] for n in untouched)  # ticks left blank: absent
    # The page's result is scoring.rosa's for the same inputs.
    expected = rosa.assess(**ROSA_INPUTS)
    factor = at.session_state["desk.result"].factor("office_workstation")
    assert factor.applicable
    assert factor.headline.value == pytest.approx(float(expected.native[0]))
    # By hand, Sonne et al. 2012 Fig. 2: seat height 2+1, depth 1 -> rows 4; armrests 2+1,
    # back 1 -> columns 4; chart A 3, chair +1 (6 h) -> 4. Screen 2+1+1 (5 h) = 4, phone
    # 1+2+0 (1.5 h) = 3 -> chart B 4; mouse 2+1 = 3, keyboard 1+1 = 2 -> chart C 3;
    # chart D 4; final 4.
    assert float(expected.native[0]) == 4.0
    page = "\n".join(texts(at, "markdown"))
    assert (
        "**Your office chair, screen, phone, mouse and keyboard** :yellow-badge[moderate]" in page
    )


def test_issue_13_rosa_lines_and_advice_in_plain_words_on_the_page():
    at = submit(**EXAMPLE, **ROSA_ANSWERS)
    a = at.session_state["desk.assessment"]
    r = at.session_state["desk.result"]
    lines = desk.rosa_lines(a.office_workstation, r.desk_targets)
    page = "\n".join(texts(at, "markdown"))
    for line in lines:
        assert f"- {line}" in page
    assert lines[0] == (
        "Your knees are not level with your hips: set your chair and footrest as in your settings."
    )
    assert "Light shines on your screen: turn it side-on to the window, or draw the blind." in lines
    # The catalogue's one sentence a part would say the same again under What you can do.
    assert {"ROSA-CHAIR", "ROSA-SCREEN-PHONE"} <= {x.id for x in r.recommendations}
    assert catalogue_entry("ROSA-CHAIR").employee not in page
    assert catalogue_entry("ROSA-SCREEN-PHONE").employee not in page


def test_issue_13_skipping_the_part_leaves_rosa_not_assessed_never_low():
    at = submit(**EXAMPLE)
    assert at.session_state["desk.assessment"].office_workstation is None
    factor = at.session_state["desk.result"].factor("office_workstation")
    assert not factor.applicable and factor.not_assessed
    page = "\n".join(texts(at))
    assert "Your office chair, screen, phone, mouse and keyboard" not in page
    assert desk.ROSA_ALL_RIGHT not in page


def test_issue_13_a_partly_answered_part_asks_for_the_rest_and_scores_nothing():
    at = submit(**EXAMPLE, **answer("screen", 3), **{"rosa.computer_h": 5.0})
    assert at.session_state["desk.result"] is None
    errors = texts(at, "error")
    chair = desk_rosa.PART_OF["seat_height"].question
    assert f"{chair} {desk_rosa.SKIP_HELP}" in errors
    assert f"Hours a day you sit in your desk chair: {desk_rosa.SKIP_HELP}" in errors
    assert not any(desk_rosa.PART_OF["screen"].question in e for e in errors)
    box = next(e for e in at.expander if e.label.startswith("Optional: your chair"))
    assert box.proto.expanded
    # The message sits under its question.
    children = list(box.children.values())
    i = next(
        k for k, c in enumerate(children) if getattr(c, "key", None) == "desk.rosa.seat_height"
    )
    assert children[i + 1].type == "error"


def test_issue_13_no_phone_needs_no_phone_answer():
    answers = {k: v for k, v in ROSA_ANSWERS.items() if not k.startswith("rosa.telephone")}
    del answers["rosa.phone"]
    at = submit(**EXAMPLE, **answers | {"rosa.phone_h": 0.0})
    factor = at.session_state["desk.result"].factor("office_workstation")
    inputs = ROSA_INPUTS | {"telephone_daily_h": 0.0, "telephone_neck_shoulder_hold": False}
    del inputs["telephone_score"]
    expected = rosa.assess(**inputs, telephone_score=float("nan"))
    assert factor.headline.value == pytest.approx(float(expected.native[0]))


def test_issue_13_impossible_hours_are_worded_under_their_question():
    at = submit(**EXAMPLE, **ROSA_ANSWERS | {"rosa.computer_h": 30.0})
    errors = texts(at, "error")
    worded = (
        "Hours a day you use your screen, keyboard and mouse: 30 h/day is outside what this "
        "check accepts (0 to 24 h/day). Please check the number."
    )
    assert errors.count(worded) == 1  # three model fields, one question, one message
    assert at.session_state["desk.result"] is None


def test_issue_13_the_level_card_counts_the_answers_to_act_on():
    at = submit(**EXAMPLE, **ROSA_ANSWERS)
    n = len(
        desk.rosa_lines(
            at.session_state["desk.assessment"].office_workstation,
            at.session_state["desk.result"].desk_targets,
        )
    )
    # seat high, leg room, armrests, hard armrests, screen low, glare, phone on the shoulder,
    # mouse reached for
    assert n == 8
    page = "\n".join(texts(at, "markdown"))
    assert f"- {n} of your answers point to something to change: see What you can do" in page


def test_issue_13_all_right_answers_say_so():
    right = {f"rosa.{p.key}": next(iter(p.answers)) for p in desk_rosa.PARTS}
    at = submit(**EXAMPLE, **right, **{"rosa.chair_h": 2.0, "rosa.computer_h": 2.0})
    assert "rosa.phone_h" not in right
    # The phone's hours left blank: asked for, nothing scored.
    assert at.session_state["desk.result"] is None
    at = submit(
        **EXAMPLE, **right, **{"rosa.chair_h": 2.0, "rosa.computer_h": 2.0, "rosa.phone_h": 0.0}
    )
    page = "\n".join(texts(at, "markdown"))
    assert f"- {desk.ROSA_ALL_RIGHT}" in page
    assert f"**{desk.ROSA_HEADING}**" not in page
    assert at.session_state["desk.result"].factor("office_workstation").band_name == "low"
