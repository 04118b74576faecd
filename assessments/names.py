"""Site and department names: which names are the same place, which are merely close.

The organisation keeps one list of sites and one of departments (the ``org_name``
table, :class:`assessments.store.Store`). A name typed in the form or found in an
imported file is compared with that list here, without any database, so the form,
the Import page and the store give the same answer:

- :func:`key` is what two spellings of one name share (case, accents, spaces and
  punctuation ignored): "Daventry  dc" and "daventry-DC" are one name;
- :func:`close_names` lists the known names a new one is probably meant to be
  ("Daventry DC" beside "Daventry": one is the other with a word added, or the
  letters nearly agree);
- :class:`MappedTable` applies the person's choices ("Daventry DC" -> "Daventry")
  to an imported file as it is streamed, before anything is validated or saved.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping

import pandas as pd

KINDS = ("site", "department")
KIND_LABELS = {"site": "Site", "department": "Department"}  # as the form labels them
# Letters agreeing this much (difflib's ratio, 0..1) read as a typing variant:
# "Northampton" / "Northamptn" 0.95, "Leeds" / "Leads" 0.8; "Leeds" / "York" 0.0.
# Project rule, chosen on the spellings above; a warning only, never a change.
CLOSE_RATIO = 0.8
_NOT_WORD = re.compile(r"[^\w]+")


def key(name: str) -> str:
    """Return the comparison key of a name: folded case, no accents, words joined by one space."""
    decomposed = unicodedata.normalize("NFKD", (name or "").casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(w for w in _NOT_WORD.split(bare.replace("_", " ")) if w)


def clean(name: str) -> str:
    """Return a name as it is kept: surrounding spaces removed, inner runs of spaces made one."""
    return " ".join((name or "").split())


def _words(name: str) -> set[str]:
    return set(key(name).split())


def closeness(a: str, b: str) -> float:
    """Return how alike two names are, 0..1 (1: the same name spelt differently). [-]"""
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    wa, wb = _words(a), _words(b)
    if wa and wb and (wa <= wb or wb <= wa):
        # One is the other with words added ("Daventry" / "Daventry DC").
        return 0.9
    return difflib.SequenceMatcher(None, ka, kb).ratio()


def close_names(name: str, known: list[str] | tuple[str, ...], *, n: int = 3) -> list[str]:
    """Return up to ``n`` known names close to ``name`` (closest first), never ``name`` itself."""
    scored = [(closeness(name, k), k) for k in known if k != name]
    scored = [(s, k) for s, k in scored if s >= CLOSE_RATIO]
    return [k for _s, k in sorted(scored, key=lambda t: (-t[0], t[1]))[:n]]


def ranked(name: str, known: list[str] | tuple[str, ...]) -> list[str]:
    """Return every known name, the closest to ``name`` first (for a "map to" picker)."""
    return sorted(known, key=lambda k: (-closeness(name, k), k))


def warning(kind: str, name: str, known: list[str] | tuple[str, ...]) -> str | None:
    """Return the near-duplicate warning for a new name, or None when no known name is close."""
    close = close_names(name, known)
    if not close:
        return None
    label = KIND_LABELS[kind]
    them = " or ".join(f"“{c}”" for c in close)
    same = "the same name written differently" if key(close[0]) == key(name) else "close"
    return (
        f"{label} “{name}” is {same} to the existing {kind} {them}. Pick the existing one if it "
        f"is the same place, so the dashboard does not split it in two."
    )


def unknown_names(
    df: pd.DataFrame, known: Mapping[str, set[str]], *, first_row: int
) -> dict[tuple[str, str], list[int]]:
    """Return (kind, name) -> spreadsheet rows of the names in ``df`` that are not ``known``.

    ``first_row`` is the spreadsheet row number of ``df``'s first row (2 when the
    header is row 1). Blank cells are left out; names are compared exactly as
    they would be stored, so "Daventry DC " (a trailing space) is reported too,
    rather than quietly becoming a second Daventry DC.
    """
    out: dict[tuple[str, str], list[int]] = {}
    # A chunk read from a file knows each row's spreadsheet number (blank rows counted).
    sheet = df.attrs.get("sheet_rows")
    for kind in KINDS:
        if kind not in df.columns:
            continue
        for i, v in enumerate(df[kind].tolist()):
            if v is None or (isinstance(v, float) and v != v):
                continue
            name = str(v)
            if name.strip() and name not in known.get(kind, set()):
                row = int(sheet[i]) if sheet is not None else first_row + i
                out.setdefault((kind, name), []).append(row)
    return out


def scan_table(table, known: Mapping[str, set[str]]) -> dict[tuple[str, str], list[int]]:
    """Return (kind, name) -> spreadsheet rows (header = row 1) of a streamed table's unknown names."""
    out: dict[tuple[str, str], list[int]] = {}
    first = 2
    for chunk in table.chunks():
        for k, rows in unknown_names(chunk, known, first_row=first).items():
            out.setdefault(k, []).extend(rows)
        first += len(chunk)
    return out


def rows_text(rows: list[int], *, shown: int = 5) -> str:
    """Return spreadsheet row numbers as a reader scans them: "3, 5, 9 and 4 more (7 rows)"."""
    head = ", ".join(str(r) for r in rows[:shown])
    more = f" and {len(rows) - shown:,} more" if len(rows) > shown else ""
    return f"{head}{more} ({len(rows):,} row{'s' if len(rows) != 1 else ''})"


def rows_label(rows: list[int], *, shown: int = 5) -> str:
    """Return the rows for a sentence: "row 3", "rows 3, 5, 9, 11, 12 and 2 more"."""
    head = ", ".join(str(r) for r in rows[:shown])
    more = f" and {len(rows) - shown:,} more" if len(rows) > shown else ""
    return f"row{'s' if len(rows) != 1 else ''} {head}{more}"


def unknown_frame(unknown: Mapping[tuple[str, str], list[int]], known: Mapping[str, set[str]]):
    """Return unknown names as a report: column, value, spreadsheet rows, closest listed names."""
    return pd.DataFrame(
        {
            "column": [KIND_LABELS[k] for k, _v in unknown],
            "value in the file": [v for _k, v in unknown],
            "rows (as the spreadsheet numbers them)": [rows_text(r) for r in unknown.values()],
            "closest listed names": [
                ", ".join(close_names(v, sorted(known.get(k, ())))) or "—" for k, v in unknown
            ],
        }
    )


def apply_mapping(df: pd.DataFrame, mapping: Mapping[tuple[str, str], str]) -> pd.DataFrame:
    """Return ``df`` with each mapped (kind, name) cell replaced by the name chosen for it."""
    if not mapping:
        return df
    df = df.copy()
    for kind in KINDS:
        if kind not in df.columns:
            continue
        wanted = {name: to for (k, name), to in mapping.items() if k == kind}
        if wanted:
            # Cell by cell in place: blank cells stay exactly as read (None stays None).
            cells = df[kind].to_numpy(dtype=object).copy()
            for i, v in enumerate(cells):
                if isinstance(v, str) and v in wanted:
                    cells[i] = wanted[v]
            df[kind] = pd.Series(cells, index=df.index, dtype=object)
    return df


class MappedTable:
    """A streamed table whose site and department cells are mapped as the person chose."""

    def __init__(self, table, mapping: Mapping[tuple[str, str], str]):
        self.table = table
        self.mapping = dict(mapping)

    def chunks(self, *args, **kw) -> Iterator[pd.DataFrame]:
        """Yield the table's chunks with the mapping applied."""
        for chunk in self.table.chunks(*args, **kw):
            yield apply_mapping(chunk, self.mapping)
