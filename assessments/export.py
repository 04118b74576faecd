"""Cells that are safe to open in a spreadsheet, and back.

A text cell that begins with ``=``, ``+``, ``-`` or ``@``, or with a tab, carriage
return or line feed, is run as a formula by Excel, LibreOffice or Google Sheets,
and so is one where those follow leading spaces or quotes (`` =1+1``, ``"=1+1``):
CSV injection (OWASP, "CSV Injection",
https://owasp.org/www-community/attacks/CSV_Injection). Such cells get a leading
apostrophe, so they are shown as the text they are.

Numbers are left alone: a numeric cell ``-3.5`` is a number, not a formula, and
so is a text cell that is nothing but a plain decimal number (``"-3.5"``), which
no spreadsheet can run.

:func:`unneutralise_cell` undoes exactly what :func:`neutralise_cell` adds, so an
export reads back as the text that was saved: for every text ``x``,
``unneutralise_cell(neutralise_cell(x)) == x``.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_LEADING = " '\""  # a spreadsheet looks past these for a formula
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def runs_as_formula(v: object) -> bool:
    """Return True for text a spreadsheet would run as a formula."""
    return (
        isinstance(v, str)
        and v.lstrip(_LEADING).startswith(FORMULA_STARTS)
        and not _PLAIN_NUMBER.match(v)
    )


def neutralise_cell(v: object) -> object:
    """Return a cell with a leading apostrophe if it is text a spreadsheet would run."""
    return "'" + v if runs_as_formula(v) else v


def unneutralise_cell(v: object) -> object:
    """Return a cell without the apostrophe :func:`neutralise_cell` added (else unchanged)."""
    if isinstance(v, str) and v.startswith("'") and runs_as_formula(v[1:]):
        return v[1:]
    return v


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` whose formula-like text cells start with an apostrophe.

    Only text (object or string) columns are looked at; numeric, boolean and
    date columns are returned unchanged.
    """
    out = df.copy()
    for c in out.columns:
        col = out[c]
        if not (pd.api.types.is_object_dtype(col.dtype) or pd.api.types.is_string_dtype(col.dtype)):
            continue
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        fixed = [neutralise_cell(u) for u in uniques]
        if all(a is b for a, b in zip(fixed, uniques, strict=True)):
            continue
        out[c] = [col.iat[i] if k < 0 else fixed[k] for i, k in enumerate(codes)]
    return out
