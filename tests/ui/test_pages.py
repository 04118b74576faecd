"""AppTest: each page runs alone and shows what the user expects."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def test_router_starts_on_the_score_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Score a file"


def test_methods_page_lists_every_registered_method():
    import scoring

    at = AppTest.from_file(str(ROOT / "views" / "methods.py"), default_timeout=30).run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert len(labels) == len(scoring.METHODS)
    assert any("NIOSH" in label for label in labels)


def test_score_page_runs_without_a_file():
    at = AppTest.from_file(str(ROOT / "views" / "score_file.py"), default_timeout=30).run()
    assert not at.exception
    assert at.get("download_button")
