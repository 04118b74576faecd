"""AppTest: Check my desk runs alone, and an employee reads settings, advice and messages."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments import model as m
from assessments.evaluate import score_assessment
from reports import desk_words as desk
from scoring.recommendations import (
    CAUDA_EQUINA_SIGNS,
    EMERGENCY_ADVICE,
    SYMPTOM_ADVICE,
    catalogue_entry,
)

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
        if name in RADIOS or name == "progressive_lenses":
            at.radio(key=key).set_value(value)
        elif name in MULTI:
            at.multiselect(key=key).set_value(value)
        elif name in CHECKS:
            at.checkbox(key=key).set_value(value)
        else:
            at.number_input(key=key).set_value(value)
    return at.button(key="desk.submit").click().run()


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


def test_item_09_plain_words_and_inches():
    at = submit(**EXAMPLE, hard_edge_h=5.0, leg_pain_numbness=True)
    shown = "\n".join(texts(at, "markdown", "success", "warning", "error"))
    for jargon in ("popliteal", "hazard-zone", "hazard zone", "1.5 ×", "Buckley", "Kuorinka"):
        assert jargon.lower() not in shown.lower(), jargon
    assert "(20.5 in)" in shown  # the chair, 52 cm


def test_item_09_offers_a_one_page_pdf_of_the_settings():
    at = submit(**EXAMPLE)
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Download my settings (PDF, one page)"]
