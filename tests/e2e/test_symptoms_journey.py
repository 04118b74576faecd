"""Playwright: a red flag ticked in the officer form reaches the Results page and the PDF."""

from __future__ import annotations

import io as _io

from tests.e2e.runs import RUN_TIMEOUT_MS, after_run, idle, results


def test_item_c_a_symptom_ticked_in_the_officer_form_reaches_the_pdf(page, tmp_path):
    import pypdf

    page.get_by_test_id("stSidebar").get_by_role("link", name="New assessment").click()
    page.get_by_role("button", name="Check and score").wait_for(timeout=RUN_TIMEOUT_MS)
    idle(page)
    reference = page.get_by_role("textbox", name="Worker or workstation reference")
    reference.fill("W-RED-1")
    after_run(page, lambda: reference.press("Tab"))
    page.get_by_role("tab", name="Sitting").click()
    seated = page.get_by_role("spinbutton", name="Seated time [h/day]")
    seated.fill("5")
    after_run(page, lambda: seated.press("Tab"))
    page.get_by_role("tab", name="Symptoms").click()
    after_run(page, page.get_by_text("Numbness in the saddle area", exact=False).click)
    page.get_by_role("tab", name="Symptoms · 1 reported").wait_for(timeout=RUN_TIMEOUT_MS)
    after_run(page, page.get_by_role("button", name="Check and score").click)
    results(page)  # or fail with what the form said
    page.get_by_text("Seek emergency care now.").first.wait_for()
    assert page.get_by_text("Reported by the worker: Numbness in the saddle area").is_visible()

    idle(page)
    with page.expect_download(timeout=RUN_TIMEOUT_MS) as info:
        page.get_by_role("button", name="Download the PDF report").click()
    target = tmp_path / "a.pdf"
    info.value.save_as(target)
    reader = pypdf.PdfReader(_io.BytesIO(target.read_bytes()))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Seek emergency care now." in first
    assert "Reported: Numbness in the saddle area" in first
    assert "W-RED-1" in first
