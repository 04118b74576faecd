"""The real server serves the app and the Methods page lists the methods."""


def test_app_opens_in_chromium(page):
    page.get_by_text("Score a file").first.wait_for()
    assert "Ergo" in page.title()
