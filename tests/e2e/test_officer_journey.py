"""Playwright: an officer opens the warehouse job, scores it, reads it and downloads the files.

Runs against a real ``streamlit run app.py`` with Debian's Chromium (tests/e2e/conftest.py).
With ``ERGO_SCREENSHOTS=1`` the last test also refreshes docs/screenshots/app-*.png.
"""

from __future__ import annotations

import io as _io
import os
import re
from pathlib import Path

from assessments import io
from tests.e2e import grid
from tests.e2e.runs import RUN_TIMEOUT_MS, after_run, idle, new_page

ROOT = Path(__file__).resolve().parents[2]
WAREHOUSE = ROOT / "examples" / "warehouse-lifting.json"
OFFICE = ROOT / "examples" / "office-desk.json"
SHOTS = ROOT / "docs" / "screenshots"
TOOLS = "form.vibration.tools"


def open_file(page, path: Path, said: str | None = None) -> None:
    """Open a saved assessment on the New assessment page through its file uploader.

    ``said`` is what the page says once the file is open ("Opened <name>" by default).
    """
    # The browser draws a long page's elements a while after the run has finished.
    page.get_by_role("button", name="Check and score").wait_for(timeout=RUN_TIMEOUT_MS)
    page.get_by_text("Open a saved assessment (JSON)").click()
    uploader = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    after_run(page, lambda: uploader.set_input_files(str(path)))
    page.get_by_text(said or f"Opened {path.name}").first.wait_for()


def score(page) -> None:
    """Press "Check and score" and wait for the Results page's run to finish."""
    idle(page)
    after_run(page, page.get_by_role("button", name="Check and score").click)
    page.get_by_role("heading", name="Results").wait_for(timeout=RUN_TIMEOUT_MS)
    idle(page)


def download(page, label: str, target: Path) -> bytes:
    """Press a download button; return the file (built when pressed, so maybe slowly)."""
    idle(page)
    with page.expect_download(timeout=RUN_TIMEOUT_MS) as info:
        page.get_by_role("button", name=label).click()
    info.value.save_as(target)
    return target.read_bytes()


def test_officer_scores_the_warehouse_job_and_downloads_json_and_pdf(page, tmp_path):
    import pypdf

    open_file(page, WAREHOUSE)
    assert page.get_by_label("Organisation").input_value() == "Northwind Logistics"
    score(page)

    # The overall band, the factor behind it with its CLI, and the profile drawn.
    page.get_by_text("1 factor at high or above").wait_for()
    assert page.get_by_text("very high: CLI 3.96. CLI 3.96 is above 3.0").is_visible()
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for()
    svg_text = chart.locator("text").all_text_contents()
    assert "very high: CLI 3.96" in svg_text
    assert {"low", "moderate", "high", "very high"} <= set(svg_text)

    # The assessment as JSON: it parses, validates and is the file that was opened.
    data = download(page, "Download the assessment (JSON)", tmp_path / "a.json")
    items, problems = io.load_json(data)
    assert not problems
    assert items == io.load_json(WAREHOUSE.read_text("utf-8"))[0]

    # The PDF report, with the CLI in it.
    pdf = download(page, "Download the PDF report", tmp_path / "a.pdf")
    assert pdf.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(_io.BytesIO(pdf)).pages)
    assert "3.96" in text


def test_an_impossible_value_typed_in_the_browser_is_named_and_not_scored(page):
    page.get_by_role("button", name="Check and score").wait_for(timeout=RUN_TIMEOUT_MS)
    idle(page)
    # Switching tabs starts no run: the tabs keep no state on the server.
    page.get_by_role("tab", name=re.compile("^Workstation")).click()
    stature = page.get_by_role("spinbutton", name="Stature [cm]")
    stature.fill("400")
    after_run(page, lambda: stature.press("Tab"))
    after_run(page, page.get_by_role("button", name="Check and score").click)
    summary = page.get_by_text("1 problem to correct: nothing was scored.")
    try:
        summary.wait_for(timeout=RUN_TIMEOUT_MS)
    except Exception as exc:  # say what the page said instead of a bare timeout
        said = page.locator("[data-testid='stAlert']").all_text_contents()
        raise AssertionError(f"the page said: {' | '.join(said)}") from exc
    assert not page.get_by_role("heading", name="Results").is_visible()
    # The tab names its problem; in it, the field, the value and the allowed range.
    page.get_by_role("tab", name="⚠ Workstation (1)").click()
    # Streamlit's markdown typesets ">=" as "≥".
    page.get_by_text("Stature [cm]: 400 is outside the allowed range, 120–220 cm.").wait_for()


def test_a_tool_added_in_the_table_is_scored_and_kept_for_editing(page):
    """The list editors work in place: add a row, type into its cells, submit."""
    open_file(page, ROOT / "examples" / "maintenance-vibration.json")
    page.get_by_role("tab", name="Vibration").click()
    grid.add_row(page, TOOLS)
    # Columns: Tool, a_hv, trigger time, then the "Declared value" tick (left unticked).
    for col, text in enumerate(("Impact wrench", "12", "0.25")):
        grid.type_cell(page, TOOLS, 3, col, text)  # the example has three tools
    score(page)
    # sqrt((36 × 1.5 + 81 × 0.5 + 12.25 × 1 + 144 × 0.25) / 8) = 4.22 m/s² (ISO 5349-1)
    page.get_by_text("Hand-arm vibration — high: A(8) 4.22 m/s²", exact=True).wait_for()
    assert page.get_by_text("Impact wrench").count() >= 1
    # Back on the form, the table still holds the new tool.
    page.get_by_role("link", name="New assessment (edit this assessment)").click()
    page.get_by_role("button", name="Check and score").wait_for()
    page.get_by_role("tab", name="Vibration").click()
    score(page)
    page.get_by_text("Hand-arm vibration — high: A(8) 4.22 m/s²", exact=True).wait_for()


def _full_page(page, path: Path, width: int, max_height: int | None = None) -> None:
    """Screenshot the whole page (Streamlit scrolls inside its main block, not the window)."""
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    height = min(max(height, 600), max_height or height)
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
    page.wait_for_timeout(1500)
    page.screenshot(path=str(path))


def test_pages_render_at_desktop_and_phone_width(browser, app_url, tmp_path):
    """The form and its results render at 1280 px and at phone width (390 px), the chart
    included. With ERGO_SCREENSHOTS=1 the 1280 px pictures refresh docs/screenshots; phone
    shots go to ERGO_SCREENSHOTS_PHONE (both default to a temporary folder)."""
    refresh = bool(os.environ.get("ERGO_SCREENSHOTS"))
    phone_dir = Path(os.environ.get("ERGO_SCREENSHOTS_PHONE", tmp_path / "phone"))
    for width, out in ((1280, SHOTS if refresh else tmp_path / "desktop"), (390, phone_dir)):
        out.mkdir(parents=True, exist_ok=True)
        page = new_page(browser, width)
        context = page.context
        page.goto(app_url)
        open_file(page, OFFICE)
        page.get_by_role("tab", name=re.compile("^Workstation")).click()
        page.mouse.move(0, 0)
        page.wait_for_timeout(4000)  # the "Opened ..." toast fades
        _full_page(page, out / "app-new-assessment.png", width)
        page.set_viewport_size({"width": width, "height": 900})
        score(page)
        page.locator(".js-plotly-plot").first.wait_for()
        _full_page(page, out / "app-results.png", width, max_height=2300 if width > 400 else None)
        context.close()
        for name in ("app-new-assessment.png", "app-results.png"):
            assert (out / name).stat().st_size > 10_000, f"{name} at {width} px looks empty"
