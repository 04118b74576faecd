"""New assessment's JSON upload: a file that is not an assessment gets a message, never a crash."""

import pytest

from views import form

HOSTILE = [
    b"[" * 10_000 + b"]" * 10_000,  # nested 10,000 deep
    b'{"header": {"notes": 1' + b"9" * 5000 + b"}}",  # a 5,000-digit integer
    bytes([0xFF, 0xFE, 0x00]),  # not text
    b"",  # a 0-byte file
]


@pytest.mark.parametrize("data", HOSTILE, ids=["deep", "huge-int", "binary", "empty"])
def test_item_04_form_load_never_raises_on_hostile_json(data):
    values, _rows, problems, _system = form.load_document(data, "metric")
    assert values == {}
    assert problems  # the reason is filed for the page to show
