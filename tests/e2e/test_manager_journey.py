"""Playwright: a manager imports a file of assessments, filters the dashboard, downloads a summary.

Runs against a real ``streamlit run app.py`` with Debian's Chromium (tests/e2e/conftest.py);
the app's Store is a fresh SQLite file in the session's ERGO_DATA_DIR. With
``ERGO_SCREENSHOTS=1`` the last test also refreshes docs/screenshots/app-{assessments,
dashboard,import}.png (1280 px); the 390 px shots go to ERGO_SCREENSHOTS_PHONE.
"""

from __future__ import annotations

import io as _io
import os
import re
from pathlib import Path

import pytest

from assessments.store import Store
from benchmarks.synthetic import synthetic_frame
from tests.e2e.conftest import APP_DATA

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
N = 200
SITE = "Leeds"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample CSV: 200 synthetic assessments in the flat layout, and the frame."""
    df = synthetic_frame(N)
    path = tmp_path_factory.mktemp("sample") / "assessments.csv"
    df.to_csv(path, index=False)
    return path, df


def goto(page, app_url: str, path: str, heading: str) -> None:
    page.goto(f"{app_url}/{path}")
    page.get_by_role("heading", name=heading).first.wait_for()


def download(page, label, target: Path) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    info.value.save_as(target)
    return target.read_bytes()


def import_sample(page, app_url: str, csv: Path) -> None:
    goto(page, app_url, "import_page", "Import")
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("stFileUploaderDropzone").get_by_test_id(
            "stBaseButton-secondary"
        ).click()
    chooser.value.set_files(str(csv))
    page.get_by_text(f"All {N} rows are valid.").wait_for()
    page.get_by_role("button", name=f"Score and save {N} assessments").click()
    page.get_by_text(f"Saved {N} assessments from {csv.name}.").wait_for()


def list_names(app_url: str, df) -> None:
    """Put the file's sites and departments on the organisation's lists, as an admin has.

    Mapping unlisted names in the import is a journey of its own
    (tests/e2e/test_org_lists_journey.py); this one is about the manager's dashboard.
    """
    store = Store(f"sqlite:///{APP_DATA[app_url] / 'ergo.db'}")
    try:
        for kind in ("site", "department"):
            for name in sorted(set(df[kind])):
                store.add_name(kind, name, by="test")
    finally:
        store.close()


def pick_site(page, site: str) -> None:
    page.get_by_test_id("stMultiSelect").first.click()
    page.get_by_role("option", name=site, exact=True).click()
    page.keyboard.press("Escape")


def test_manager_imports_filters_the_dashboard_and_downloads_the_summary(
    page, app_url, sample, tmp_path
):
    import pypdf

    csv, df = sample
    list_names(app_url, df)
    import_sample(page, app_url, csv)

    goto(page, app_url, "dashboard", "Dashboard")
    page.get_by_text("Bands per factor").first.wait_for()
    k = int((df["site"] == SITE).sum())
    pick_site(page, SITE)
    label = f"Summary PDF of these {k} assessments"
    page.get_by_role("button", name=label).wait_for()
    metric = page.get_by_test_id("stMetric").first
    assert metric.get_by_test_id("stMetricValue").inner_text() == str(k)

    pdf = download(page, label, tmp_path / "summary.pdf")
    assert pdf.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(_io.BytesIO(pdf)).pages
    )
    assert f"Ergonomics summary: {SITE}" in text
    assert f"Assessments {k}" in text
    assert f"Filter: site {SITE}" in text


def test_an_invalid_file_saves_nothing_and_lists_each_problem(page, app_url, tmp_path):
    df = synthetic_frame(5, seed=7, start=9000)
    df.loc[3, "date"] = "2026-13-01"
    bad = tmp_path / "bad.csv"
    df.to_csv(bad, index=False)
    goto(page, app_url, "import_page", "Import")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(bad))
    page.get_by_text(re.compile(r"1 problem in 1 of 5 rows: nothing was saved")).wait_for()
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for()
    assert not page.get_by_role("button", name=re.compile("Score and save")).count()


def _full_page(page, path: Path, width: int, max_height: int | None = None) -> None:
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    height = min(max(height, 600), max_height or height)
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
    page.wait_for_timeout(1500)
    page.screenshot(path=str(path))


def test_pages_render_at_desktop_and_phone_width(browser, app_url, sample, tmp_path):
    """The three pages over the imported sample at 1280 and 390 px (after the import test)."""
    refresh = bool(os.environ.get("ERGO_SCREENSHOTS"))
    _, df = sample
    bad_df = synthetic_frame(8, seed=3, start=5000)
    lift = bad_df.index[bad_df["lifting.task1.load_kg"].notna()][0]
    bad_df.loc[lift, "lifting.task1.h_origin_cm"] = -3.0
    bad_df.loc[2, "date"] = "2026-13-01"
    bad_df.loc[5, "site"] = "=HYPERLINK(1)" * 20
    bad = tmp_path / "bad.csv"
    bad_df.to_csv(bad, index=False)
    phone_dir = Path(os.environ.get("ERGO_SCREENSHOTS_PHONE", tmp_path / "phone"))
    for width, out in ((1280, SHOTS if refresh else tmp_path / "desktop"), (390, phone_dir)):
        out.mkdir(parents=True, exist_ok=True)
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(30_000)
        app_url_ = app_url
        goto(page, app_url_, "assessments_page", "Assessments")
        # A worker assessed twice in the sample, so the comparison shows.
        twice = df["worker_ref"][df["worker_ref"].duplicated()].iloc[0]
        search = page.get_by_placeholder("worker, job title or assessment id")
        search.fill(twice)
        search.press("Enter")
        page.get_by_text("2 assessments match.").wait_for()
        page.get_by_role("button", name="Before/after PDF").wait_for()
        _full_page(page, out / "app-assessments.png", width, max_height=2600)
        page.set_viewport_size({"width": width, "height": 900})
        goto(page, app_url_, "dashboard", "Dashboard")
        page.locator(".js-plotly-plot").nth(1).wait_for()
        _full_page(page, out / "app-dashboard.png", width, max_height=3200)
        page.set_viewport_size({"width": width, "height": 900})
        goto(page, app_url_, "import_page", "Import")
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(bad))
        page.get_by_text(re.compile("nothing was saved")).wait_for()
        page.get_by_role("button", name=re.compile("Export")).wait_for()
        _full_page(page, out / "app-import.png", width)
        context.close()
        for name in ("app-assessments.png", "app-dashboard.png", "app-import.png"):
            assert (out / name).stat().st_size > 10_000, f"{name} at {width} px looks empty"
