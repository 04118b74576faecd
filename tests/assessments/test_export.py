"""Formula neutralisation (OWASP "CSV Injection"): text a spreadsheet would run gets a '."""

import numpy as np
import pandas as pd
import pytest

from assessments.export import neutralise_cell, neutralise_formulas


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("-3.5", "-3.5"),  # a plain number, even as text, cannot run
        ("+1e3", "+1e3"),
        ("Leeds", "Leeds"),
        ("a=b", "a=b"),
        ("", ""),
        (-3.5, -3.5),
        (None, None),
    ],
)
def test_cells(cell, expected):
    assert neutralise_cell(cell) == expected


def test_frame_only_text_cells_change_and_input_is_not_modified():
    df = pd.DataFrame(
        {
            "n": [-3.5, 2.0, np.nan],
            "i": [-1, 0, 1],
            "b": [True, False, True],
            "t": ["=1", None, "ok"],
            "s": pd.Series(["@x", "-", pd.NA], dtype="string"),
        }
    )
    before = df.copy()
    out = neutralise_formulas(df)
    pd.testing.assert_frame_equal(df, before)
    assert out["n"].tolist()[:2] == [-3.5, 2.0] and out["n"].dtype == float
    assert out["i"].tolist() == [-1, 0, 1] and out["b"].tolist() == [True, False, True]
    assert out["t"].tolist()[::2] == ["'=1", "ok"] and out["t"].isna().tolist()[1]
    assert out["s"].tolist()[:2] == ["'@x", "'-"] and out["s"].isna().tolist()[2]
