"""The PDF shows red-flag advice first: emergency care before any score."""

from __future__ import annotations

from assessments import model as m
from assessments.evaluate import score_assessment
from reports.pdf import assessment_pdf
from scoring.recommendations import EMERGENCY_ADVICE, SYMPTOM_ADVICE

from .conftest import REPORT_DATE, flat, load_example, pages_text


def _page1(a: m.Assessment) -> str:
    data = assessment_pdf(a, score_assessment(a), generated=REPORT_DATE, invariant=True)
    return flat(pages_text(data)[0])


def test_item_02_emergency_advice_is_first_on_page_one():
    a = load_example("office-desk")
    a = a.model_copy(update={"symptoms": m.Symptoms(saddle_numbness=True, leg_pain_numbness=True)})
    page1 = _page1(a)
    urgent = page1.index("Seek emergency care now")
    assert urgent < page1.index("Report generated")  # before the header table
    assert urgent < page1.index("Overall result")
    assert flat(EMERGENCY_ADVICE.officer_text) in page1
    assert page1.index(flat(EMERGENCY_ADVICE.officer_text)) < page1.index("See a clinician soon")
    assert "NICE CKS Sciatica" in page1


def test_item_02_self_check_pdf_uses_the_employee_words():
    a = m.Assessment(
        header=m.Header(assessment_type="self"),
        symptoms=m.Symptoms(leg_pain_numbness=True),
    )
    page1 = _page1(a)
    assert flat(SYMPTOM_ADVICE.employee_text) in page1
    assert "Seek emergency care now" not in page1


def test_item_02_no_symptoms_no_red_flag_box():
    page1 = _page1(load_example("office-desk"))
    assert "Seek emergency care now" not in page1
    assert "See a clinician soon" not in page1
