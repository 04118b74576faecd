"""The one-page PDF an employee keeps from Check my desk: their settings, in cm and inches."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from assessments import model as m
from assessments.evaluate import score_assessment
from reports import desk_words as words
from reports.desk_check import desk_check_pdf
from scoring.recommendations import EMERGENCY_ADVICE, symptom_advice

from .conftest import flat

DAY = dt.date(2026, 12, 1)


def _desk() -> m.Assessment:
    # A 165 cm woman at a fixed 74 cm desk, screen low and close, long sitting.
    return m.Assessment(
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
        contact_stress=m.ContactStress(hard_edge_h=3),
    )


def _pages(data: bytes) -> list[str]:
    return [flat(p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def test_item_09_pdf_is_one_page_with_the_settings_in_cm_and_inches():
    a = _desk()
    r = score_assessment(a)
    pages = _pages(desk_check_pdf(a, r, generated=DAY, invariant=True))
    assert len(pages) == 1
    text = pages[0]
    assert flat(words.settings_sentence(a.workstation, r.desk_targets)) in text
    assert "52 cm (20.5 in)" in text and "raise it 5 cm (2.0 in)" in text
    todo, everyday = words.advice(r)
    for line in todo + everyday:
        assert flat(line) in text


def test_item_09_pdf_puts_the_emergency_advice_first():
    a = _desk()
    r = score_assessment(a)
    urgent = symptom_advice(cauda_equina_signs=True, leg_symptoms=False)
    text = _pages(desk_check_pdf(a, r, symptom_advice=urgent, generated=DAY))[0]
    assert text.index(flat(EMERGENCY_ADVICE.employee_text)) < text.index(
        "My desk settings Check my desk, 2026-12-01"
    )


def test_item_09_two_builds_are_identical():
    a = _desk()
    r = score_assessment(a)
    one = desk_check_pdf(a, r, generated=DAY, invariant=True)
    assert one == desk_check_pdf(a, r, generated=DAY, invariant=True)


def test_item_08_advice_never_contradicts_the_settings():
    r = score_assessment(_desk())
    todo, everyday = words.advice(r)
    lines = todo + everyday
    assert len(lines) == len(set(lines))
    assert not any("lower your chair" in line.lower() for line in lines)
    assert not any("footrest" in line.lower() for line in lines)  # in the settings sentence


def _office(**answers) -> m.OfficeWorkstation:
    # Every chair-and-screen question at its worst answer and every box ticked (issue 13
    # point 3): the most lines the optional part can add.
    scores = {
        "seat_height_score": 3,
        "seat_depth_score": 2,
        "armrest_score": 2,
        "back_support_score": 2,
        "monitor_score": 3,
        "telephone_score": 2,
        "mouse_score": 2,
        "keyboard_score": 2,
    }
    ticks = {name: True for name in words.ROSA_TICK_WORDS}
    hours = {f"{d}_daily_h": 8 for d in ("chair", "monitor", "telephone", "mouse", "keyboard")}
    return m.OfficeWorkstation(**(scores | ticks | hours | answers))


def test_issue_13_pdf_carries_the_chair_and_screen_lines_on_one_page():
    a = _desk().model_copy(update={"office_workstation": _office()})
    r = score_assessment(a)
    assert r.factor("office_workstation").applicable
    pages = _pages(desk_check_pdf(a, r, generated=DAY, invariant=True))
    assert len(pages) == 1
    lines = words.rosa_lines(a.office_workstation, r.desk_targets)
    assert len(lines) == len(words.ROSA_TICK_WORDS) + 8  # one per base answer and tick
    for line in lines:
        assert flat(line) in pages[0]
    assert "Your chair, screen, phone, mouse and keyboard" in pages[0]
    todo, _ = words.advice(r)
    assert not any("headset" in t for t in todo)  # the catalogue's would repeat the lines


def test_issue_13_pdf_stays_one_page_with_both_warning_signs_and_every_answer_worst():
    a = _desk().model_copy(update={"office_workstation": _office()})
    r = score_assessment(a)
    urgent = symptom_advice(cauda_equina_signs=True, leg_symptoms=True)
    pages = _pages(desk_check_pdf(a, r, symptom_advice=urgent, generated=DAY, invariant=True))
    assert len(pages) == 1
    todo, everyday = words.advice(r)
    for line in [EMERGENCY_ADVICE.employee_text, *todo, *everyday]:
        assert flat(line) in pages[0]
    for line in words.rosa_lines(a.office_workstation, r.desk_targets):
        assert flat(line) in pages[0]


def test_issue_13_pdf_without_the_optional_part_has_no_such_heading():
    a = _desk()
    text = _pages(desk_check_pdf(a, score_assessment(a), generated=DAY, invariant=True))[0]
    assert "Your chair, screen, phone, mouse and keyboard" not in text


def test_issue_13_seat_line_points_to_the_settings_only_when_there_are_some():
    ow = _office(seat_height_score=2)
    with_settings = words.rosa_lines(ow, {"chair_cm": 52.0})[0]
    without = words.rosa_lines(ow, {})[0]
    assert with_settings.endswith("set your chair and footrest as in your settings.")
    assert "raise or lower the seat" in without
    assert words.rosa_lines(None, {}) == []


def test_the_pdf_says_not_a_diagnosis_once_and_points_to_nothing_it_lacks():
    a = _desk()
    text = _pages(desk_check_pdf(a, score_assessment(a), generated=DAY, invariant=True))[0]
    assert text.count("not a diagnosis") == 1
    assert flat(words.DESK_DISCLAIMER) in text
    assert "Methods and references" not in text  # the one page has no such section
