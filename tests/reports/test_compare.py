"""The before/after comparison: per-factor rows and the PDF (read back with pypdf)."""

from __future__ import annotations

import math

import pytest

from assessments import model as m
from assessments.evaluate import score_assessment
from reports.compare import compare_pdf, compare_rows, delta_text, recommendation_changes
from tests.reports.conftest import REPORT_DATE, flat, pages_text

NA = {"not_applicable": True}


def lifting_job(h_cm: float, date: str, *, assessor: str = "Zoë Ørsted") -> m.Assessment:
    """One lift of 20.7 kg: LI 1.80 at H = 50 cm and 1.10 at H = 30.5 cm (metric NIOSH)."""
    task = {
        "name": "Box <to> shelf & back",
        "unit_system": "metric",
        "load_kg": 20.7,
        "h_origin_cm": h_cm,
        "v_origin_cm": 75,
        "h_dest_cm": h_cm,
        "v_dest_cm": 100,
        "asymmetry_origin_deg": 0,
        "asymmetry_dest_deg": 0,
        "lifts_per_min": 0.2,
        "duration": "short",
        "coupling": "good",
        "significant_control": False,
    }
    return m.Assessment.model_validate(
        {
            "header": {
                "assessment_id": f"JOB-{date}",
                "organisation": "Łódź & Co <Ltd>",
                "site": "Leeds",
                "worker_ref": "JOB-1",
                "job_title": "Packer",
                "assessor": assessor,
                "date": date,
            },
            "workstation": NA,
            "sitting": NA,
            "vibration": NA,
            "contact_stress": NA,
            "repetitive_motion": NA,
            "awkward_posture": {"back_bent_30_h": 2.5} if h_cm > 40 else NA,
            "lifting": {"tasks": [task]},
        }
    )


@pytest.fixture(scope="module")
def pair():
    before, after = lifting_job(50, "2026-01-15"), lifting_job(30.5, "2026-06-20")
    return before, score_assessment(before), after, score_assessment(after)


def test_rows_compare_each_factor_on_its_own_terms(pair):
    _, rb, _, ra = pair
    rows = {r["factor"]: r for r in compare_rows(rb, ra)}
    lift = rows["lifting"]
    assert lift["native_change"] == "LI 1.80 → 1.10"
    assert (lift["band_name_before"], lift["band_name_after"]) == ("moderate", "moderate")
    assert lift["band_change"] == 0
    assert lift["index_delta"] == pytest.approx(lift["index_after"] - lift["index_before"])
    assert lift["index_delta"] < 0
    # Posture assessed before, not after: listed, not comparable, never a made-up delta.
    post = rows["awkward_posture"]
    assert post["band_name_after"] == "not applicable" and post["band_change"] is None
    assert math.isnan(post["index_delta"])
    # Factors neither side assessed are left out; no averaged "overall" row exists.
    assert set(rows) == {"lifting", "awkward_posture"}


def test_band_change_signs():
    office = score_assessment(lifting_job(50, "2026-01-01"))
    rows = compare_rows(office, office)
    assert all(r["band_change"] in (0, None) for r in rows)
    assert delta_text(-17.55) == "−18" and delta_text(4.6) == "+5" and delta_text(math.nan) == "—"


def test_recommendation_changes_split_resolved_new_and_still(pair):
    _, rb, _, ra = pair
    ch = recommendation_changes(rb, ra)
    ids_b, ids_a = {r.id for r in rb.recommendations}, {r.id for r in ra.recommendations}
    assert {r.id for r in ch["resolved"]} == ids_b - ids_a
    assert {r.id for r in ch["new"]} == ids_a - ids_b
    assert {r.id for r in ch["still"]} == ids_a & ids_b


def test_pdf_reads_both_dates_the_delta_and_band_names(pair):
    data = compare_pdf(*pair, generated=REPORT_DATE, invariant=True)
    text = flat(" ".join(pages_text(data)))
    assert "2026-01-15" in text and "2026-06-20" in text
    assert "LI 1.80 → 1.10" in text
    assert "moderate" in text and "not applicable" in text
    assert "Risk profile before" in text and "Risk profile after" in text
    assert "What changed in the recommendations" in text
    # User text escaped, not parsed as markup; European names intact.
    assert "Łódź & Co <Ltd>" in text and "Zoë Ørsted" in text
    assert REPORT_DATE.isoformat() in text


def test_pdf_is_reproducible(pair):
    a = compare_pdf(*pair, generated=REPORT_DATE, invariant=True)
    b = compare_pdf(*pair, generated=REPORT_DATE, invariant=True)
    assert a == b and a.startswith(b"%PDF")


def test_pdf_of_the_examples_builds(examples):
    a, ra = examples["office-desk"]
    b, rb = examples["maintenance-vibration"]
    text = flat(" ".join(pages_text(compare_pdf(a, ra, b, rb, generated=REPORT_DATE))))
    # A factor only the later assessment scored reads "not applicable → its native value".
    assert "not applicable → A(8) 3.65 m/s²" in text
    assert "2026-11-02" in text and "2026-11-04" in text
