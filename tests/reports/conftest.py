"""Shared helpers for the PDF tests: examples, scoring and text extraction with pypdf."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessments import io as aio
from assessments.evaluate import score_assessment

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REPORT_DATE = dt.date(2026, 11, 5)


def load_example(name: str):
    """Return the validated assessment of examples/<name>.json."""
    items, problems = aio.load_json((EXAMPLES / f"{name}.json").read_bytes())
    assert not problems
    return items[0]


def pages_text(data: bytes) -> list[str]:
    """Return the extracted text of every page of a PDF."""
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Return text with every run of whitespace (line breaks in table cells) as one space."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def examples():
    """The three example assessments and their results, by name."""
    out = {}
    for name in ("office-desk", "warehouse-lifting", "maintenance-vibration"):
        a = load_example(name)
        out[name] = (a, score_assessment(a))
    return out
