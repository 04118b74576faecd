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
