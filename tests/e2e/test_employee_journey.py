"""An employee opens Check my desk in Chromium, fills it in and reads their settings."""

import re

from playwright.sync_api import expect


def test_employee_checks_their_desk(page):
    page.get_by_role("link", name="Check my desk").click()
    expect(page.get_by_role("heading", name="Check my desk")).to_be_visible()

    for label, value in {
        "Your height, without shoes [cm]": "165",
        "Height of your chair seat [cm]": "47",
        "Height of your keyboard [cm]": "74",
        "Height of the top of your screen [cm]": "100",
        "Distance from your eyes to the screen [cm]": "45",
        "Hours you sit on a working day [h/day]": "7",
        "Longest time you sit without getting up [min]": "90",
    }.items():
        page.get_by_role("spinbutton", name=label, exact=True).fill(value)
    page.get_by_text("Female", exact=True).click()
    page.get_by_text("Fixed height", exact=True).click()
    page.get_by_role("button", name="Check my desk").click()

    settings = page.get_by_text(
        re.compile(r"^Raise your chair to \d+ cm \([\d.]+ in\) and put a footrest \d+ cm")
    )
    expect(settings).to_be_visible()
    expect(page.get_by_text("screen about 60 cm (23.6 in) from your eyes.")).to_be_visible()
    expect(
        page.get_by_text("Stand up or move for a few minutes at least every 30 minutes")
    ).to_be_visible()
    expect(page.get_by_text("not a diagnosis").first).to_be_visible()


def test_employee_sees_a_worded_message_for_an_impossible_height(page):
    page.get_by_role("link", name="Check my desk").click()
    page.get_by_role("spinbutton", name="Your height, without shoes [cm]", exact=True).fill("400")
    page.get_by_role("button", name="Check my desk").click()
    expect(
        page.get_by_text("Your height, without shoes: 400 cm is outside what this check accepts")
    ).to_be_visible()
    expect(page.get_by_text("Raise your chair to")).to_have_count(0)


def test_item_02_employee_ticks_a_warning_sign_and_reads_emergency_advice_first(page):
    page.get_by_role("link", name="Check my desk").click()
    page.get_by_role("spinbutton", name="Your height, without shoes [cm]", exact=True).fill("170")
    page.get_by_text("Pain, numbness, tingling or weakness in both legs", exact=True).click()
    page.get_by_role("button", name="Check my desk").click()
    urgent = page.get_by_text(re.compile(r"^Seek emergency care now\. In the UK, go to A&E"))
    expect(urgent.first).to_be_visible()
    # Above the form: before the first question on the page.
    question = page.get_by_role("spinbutton", name="Your height, without shoes [cm]", exact=True)
    assert urgent.first.bounding_box()["y"] < question.bounding_box()["y"]
