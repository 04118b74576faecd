"""The PDF names the assessor and, in organisation mode, who saved the revision."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from assessments.evaluate import score_assessment
from reports.pdf import assessment_pdf
from tests.org.test_access import desk


def _first_page(data: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def test_pdf_names_who_saved_the_revision_beside_the_assessor():
    a = desk("Leeds", "W1")
    a = a.model_copy(update={"header": a.header.model_copy(update={"assessor": "A. Officer"})})
    r = score_assessment(a)
    text = _first_page(
        assessment_pdf(
            a, r, generated=dt.date(2026, 12, 1), invariant=True, saved_by="ann.officer@example.org"
        )
    )
    assert "A. Officer" in text
    assert "Saved by ann.officer@example.org" in text
    local = _first_page(assessment_pdf(a, r, generated=dt.date(2026, 12, 1), invariant=True))
    assert "Saved by" not in local  # local mode: no sign-in, nobody to name
