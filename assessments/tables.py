"""The one reader and the one writer of tables (CSV and Excel) for every path.

Reading (the CLI, *Score a file*, *Import*, the store's import): every cell
comes back as the text the file holds, or None for an empty cell. Nothing is
guessed from how a cell looks: a site ``01`` stays ``01``, notes ``0012`` stay
``0012``, ``NA``, ``N/A``, ``None`` and ``null`` are text; numbers, dates and
yes/no words are read by the flat layout's rules (:mod:`assessments.io`), which
answer a cell they cannot read with a message naming it. A file that cannot be
read as a table at all (empty, binary, not UTF-8, an Excel formula without a
saved value) raises :class:`TableError` with one problem per reason.

Writing (every export, the results CSV of the CLI and of *Score a file*): one
writer that quotes embedded line breaks and neutralises cells a spreadsheet
would run (:mod:`assessments.export`); numbers stay numbers. Reading removes the
apostrophe the writer added, so an export reads back as written.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io as _io
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from assessments.export import neutralise_formulas, unneutralise_cell
from assessments.fields import Problem

CSV_SUFFIXES = (".csv",)
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CHUNK_ROWS = 25_000  # rows per chunk when a table is streamed
DATE_ORDERS = ("iso", "dmy", "mdy")
_SLASH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_SNIFF_BYTES = 1 << 16
_SEPARATORS = (",", ";", "\t")
_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_BOMS = {codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16"}


class TableError(ValueError):
    """A file that cannot be read as a table; ``problems`` says why, one line each."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))

    def __reduce__(self):
        # Rebuilt from its problems, not its message, so it survives a process pool's pickle.
        return type(self), (self.problems,)


def _refuse(message: str, field: str = "file") -> TableError:
    return TableError([Problem(None, field, None, message)])


# ------------------------------------------------------------------------ reading


class Table:
    """A CSV or Excel file that can be read whole or in chunks, as often as needed.

    Parameters
    ----------
    source
        A path, or the file's bytes (an upload).
    name
        The file name, which decides CSV or Excel; default: the path's name.
    dates
        How the ``date`` column's text dates are written: "iso" (YYYY-MM-DD, the
        layout's own), "dmy" (31/01/2026, what UK and European spreadsheets
        write) or "mdy" (01/31/2026, US). Never guessed: 01/02/2026 is a
        different day in each. Cells in another form are left as typed, and
        validation names them.
    """

    def __init__(self, source: Path | str | bytes, name: str | None = None, *, dates: str = "iso"):
        if dates not in DATE_ORDERS:
            raise ValueError(f"dates == {dates!r}, must be one of: {', '.join(DATE_ORDERS)}.")
        self.dates = dates
        self.source = source if isinstance(source, bytes) else Path(source)
        self.name = name or (Path(source).name if not isinstance(source, bytes) else "")
        suffix = Path(self.name).suffix.lower()
        if suffix in EXCEL_SUFFIXES:
            self.kind = "excel"
        elif suffix in CSV_SUFFIXES:
            self.kind = "csv"
        else:
            allowed = ", ".join((*CSV_SUFFIXES, *EXCEL_SUFFIXES))
            raise _refuse(f"file name == {self.name!r}, must end in one of: {allowed}.")

    def _open(self) -> IO[bytes]:
        if isinstance(self.source, bytes):
            return _io.BytesIO(self.source)
        return self.source.open("rb")

    def frame(self) -> pd.DataFrame:
        """Return the whole table: one row per data row, every cell text or None."""
        chunks = list(self.chunks(chunksize=None))
        if len(chunks) == 1:
            return chunks[0]
        whole = pd.concat(chunks)
        whole.attrs[SHEET_ROWS] = whole.index.to_numpy()
        return whole.reset_index(drop=True)

    def chunks(self, chunksize: int | None = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
        """Yield the table in DataFrames of ``chunksize`` rows (None: one frame).

        Each chunk's ``attrs[SHEET_ROWS]`` holds the row number a spreadsheet shows
        for each of its rows (the header is row 1; blank rows are skipped but still
        counted). Raises TableError before the first chunk for a file that is not a table.
        """
        read = _excel_chunks if self.kind == "excel" else _csv_chunks
        for chunk in read(self._open, chunksize):
            rows = chunk.index.to_numpy()
            chunk = _iso_dates(chunk, self.dates).reset_index(drop=True)
            chunk.attrs[SHEET_ROWS] = rows
            yield chunk


SHEET_ROWS = "sheet_rows"  # DataFrame.attrs key: each row's number in the spreadsheet


def sheet_row(chunk: pd.DataFrame, row: int | None, offset: int = 0) -> int | None:
    """Return the spreadsheet row of a chunk's 1-based data row ``row``.

    A chunk read by :class:`Table` knows its rows; any other frame is taken as a
    sheet with its header on row 1 after ``offset`` earlier data rows.
    """
    if row is None:
        return None
    rows = chunk.attrs.get(SHEET_ROWS)
    if rows is not None and 1 <= row <= len(rows):
        return int(rows[row - 1])
    return row + offset + 1


def in_sheet_rows(problems, chunk: pd.DataFrame, offset: int = 0) -> list[Problem]:
    """Return problems with their rows numbered as the spreadsheet numbers them."""
    return [Problem(sheet_row(chunk, p.row, offset), p.field, p.value, p.message) for p in problems]


def _iso_dates(df: pd.DataFrame, order: str) -> pd.DataFrame:
    """Return the chunk with day-first or month-first dates rewritten as YYYY-MM-DD."""
    if order == "iso" or "date" not in df.columns:
        return df
    codes, uniques = pd.factorize(df["date"], use_na_sentinel=True)
    fixed = [_iso_date(u, order) for u in uniques.tolist()] + [None]
    df = df.copy()
    df["date"] = np.array(fixed, dtype=object)[np.where(codes < 0, len(uniques), codes)]
    return df


def _iso_date(text: str, order: str) -> str:
    mt = _SLASH_DATE.match(text.strip())
    if not mt:
        return text  # left as typed: validation names the cell
    a, b, year = mt.groups()
    day, month = (a, b) if order == "dmy" else (b, a)
    return f"{year}-{int(month):02d}-{int(day):02d}"


def read_table(
    source: Path | str | bytes, name: str | None = None, *, dates: str = "iso"
) -> pd.DataFrame:
    """Return a CSV or Excel file as a DataFrame of text cells (None for empty ones)."""
    return Table(source, name, dates=dates).frame()


def _check_text_file(open_: Any) -> tuple[str, list[str]]:
    """Return the CSV's (separator, header cells); raises TableError when it is not UTF-8 text."""
    with open_() as fh:
        head = fh.read(_SNIFF_BYTES)
        if not head:
            raise _refuse("the file is empty (0 bytes): there is no header row.")
        if head.startswith(b"PK\x03\x04"):
            raise _refuse(
                "the file is an Excel workbook (or another zip file), not CSV text: "
                "give it the .xlsx ending, or save it from the spreadsheet as CSV UTF-8."
            )
        for bom, enc in _BOMS.items():
            if head.startswith(bom):
                raise _refuse(f"the file is {enc} text, must be saved as CSV UTF-8.")
        if b"\x00" in head:
            line = head[: head.index(b"\x00")].count(b"\n") + 1
            raise _refuse(
                f"the file holds binary data (a NUL byte on line {line}), not CSV text: "
                "is it the right file?"
            )
        fh.seek(0)
        _check_utf8(fh)
    text = head.decode("utf-8-sig", errors="replace")
    sep = _separator(text.split("\n", 1)[0])
    header = next(csv.reader(_io.StringIO(text), delimiter=sep), [])
    return sep, header


def _check_utf8(fh: IO[bytes]) -> None:
    """Raise TableError naming the line of the first byte that is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, block = 1, b""
    while True:
        block = fh.read(1 << 20)
        try:
            decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            bad = block[exc.start] if exc.start < len(block) else 0
            line += block[: exc.start].count(b"\n")
            raise _refuse(
                f"the file is not UTF-8 text (byte 0x{bad:02X} on line {line}; a Latin-1 or "
                "Windows file?): save it from the spreadsheet as CSV UTF-8."
            ) from None
        if not block:
            return
        line += block.count(b"\n")


def _separator(header: str) -> str:
    """Return the separator of a header line: the commonest of comma, semicolon and tab."""
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _header_problems(columns: list[str]) -> list[Problem]:
    out = []
    seen: set[str] = set()
    for k, c in enumerate(columns, start=1):
        if not c.strip():
            out.append(Problem(None, f"column {k}", None, f"column {k} has no name in the header."))
        elif c in seen:
            out.append(Problem(None, c, None, f"column {c!r} appears twice, must appear once."))
        seen.add(c)
    return out


def _csv_chunks(open_: Any, chunksize: int | None) -> Iterator[pd.DataFrame]:
    sep, header = _check_text_file(open_)
    problems = _header_problems(header)
    if problems:
        raise TableError(problems)
    with open_() as fh:
        try:
            reader = _strict(
                pd.read_csv,
                fh,
                sep=sep,
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                encoding="utf-8-sig",
                chunksize=chunksize or None,
                index_col=False,  # a row with one cell too many must not become the index
                engine="c",
                # Blank lines are read (then dropped) so the rows keep a spreadsheet's numbers.
                skip_blank_lines=False,
            )
            if chunksize is None:
                yield _clean(_numbered(reader))
                return
            while (chunk := _strict(next, reader, None)) is not None:
                yield _clean(_numbered(chunk))
        except pd.errors.EmptyDataError:
            raise _refuse("the file has no header row.") from None
        except (pd.errors.ParserError, pd.errors.ParserWarning) as exc:
            raise _refuse(
                f"the file could not be read as {_SEPARATOR_NAMES[sep]}-separated CSV: {exc}"
            ) from None


def _strict(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Return ``fn(...)`` with pandas' parser warnings raised (they announce lost cells)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        return fn(*args, **kwargs)


def _numbered(df: pd.DataFrame) -> pd.DataFrame:
    """Return the CSV chunk without blank rows, indexed by spreadsheet row (header row 1)."""
    df.index = df.index + 2  # the reader counts data records from 0
    return df[df.notna().any(axis=1)] if len(df.columns) else df


def _clean(df: pd.DataFrame) -> pd.DataFrame:
    """Return the chunk as object columns of text or None, Ergo's neutralising apostrophes removed."""
    out = {}
    for c in df.columns:
        col = df[c]
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        fixed = np.array([unneutralise_cell(u) for u in uniques.tolist()] + [None], dtype=object)
        out[c] = fixed[np.where(codes < 0, len(uniques), codes)]
    return pd.DataFrame(out, index=df.index, columns=df.columns, dtype=object)


def _excel_chunks(open_: Any, chunksize: int | None) -> Iterator[pd.DataFrame]:
    import zipfile

    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        values_book = openpyxl.load_workbook(open_(), read_only=True, data_only=True)
        formula_book = openpyxl.load_workbook(open_(), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise _refuse(
            f"the file is not a readable Excel workbook (.xlsx): {exc}. Save it again from "
            "the spreadsheet as an Excel workbook, or as CSV UTF-8."
        ) from None
    try:
        sheet = "assessments" if "assessments" in values_book.sheetnames else None
        ws_v = values_book[sheet] if sheet else values_book.worksheets[0]
        ws_f = formula_book[sheet] if sheet else formula_book.worksheets[0]
        rows = zip(
            ws_v.iter_rows(values_only=False), ws_f.iter_rows(values_only=False), strict=False
        )
        header_cells = next(rows, None)
        if header_cells is None:
            raise _refuse("the workbook's first sheet is empty: there is no header row.")
        header = [_excel_text(c.value) for c in header_cells[0]]
        while header and header[-1] is None:
            header.pop()
        problems = _header_problems([h or "" for h in header])
        if problems:
            raise TableError(problems)
        width = len(header)
        block: list[list[str | None]] = []
        block_rows: list[int] = []  # the sheet row of each block row
        problems = []
        yielded = False
        for r, (vals, forms) in enumerate(rows, start=2):
            cells = [None] * width
            for j in range(min(width, len(vals))):
                v, f = vals[j], forms[j] if j < len(forms) else None
                if f is not None and getattr(f, "data_type", None) == "f" and v.value is None:
                    problems.append(_formula_problem(get_column_letter(j + 1), r, header[j]))
                elif getattr(v, "data_type", None) == "e":
                    where = f"{get_column_letter(j + 1)}{r}"
                    problems.append(
                        Problem(
                            r,
                            header[j],
                            v.value,
                            f"cell {where} ({header[j]}) shows the spreadsheet error {v.value}, "
                            "must hold a value.",
                        )
                    )
                else:
                    cells[j] = _excel_text(v.value)
            if any(x is not None for x in cells):
                block.append(cells)
                block_rows.append(r)
            if problems and len(problems) >= 1000:
                break
            if chunksize and len(block) >= chunksize and not problems:
                yield _clean(_block_frame(block, header, block_rows))
                block, block_rows, yielded = [], [], True
        if problems:
            raise TableError(problems)
        if block or not yielded:
            yield _clean(_block_frame(block, header, block_rows))
    finally:
        values_book.close()
        formula_book.close()


def _formula_problem(col: str, row: int, header: str) -> Problem:
    # Numbered as the sheet numbers its rows (the header is row 1).
    return Problem(
        row,
        header,
        None,
        f"cell {col}{row} ({header}) is a formula without a saved value: open the file in "
        "the spreadsheet and save it (so the value is stored), or paste the values in.",
    )


def _block_frame(block: list, header: list[str], rows: list[int]) -> pd.DataFrame:
    index = pd.Index(rows, dtype=int)
    return pd.DataFrame(block, columns=header, index=index, dtype=object)


def _excel_text(v: Any) -> str | None:
    """Return an Excel cell as the text it shows in the flat layout (None when empty)."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, float):
        return repr(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    text = _OOXML_ESCAPE.sub(lambda mt: chr(int(mt.group(1), 16)), str(v))
    return text if text != "" else None


# Office Open XML writes a character XML cannot keep (a carriage return: XML turns it
# into a line feed) as _xHHHH_, and a literal "_x" that looks like one as _x005F_x
# (ECMA-376 Part 1, 22.9.2.19 ST_Xstring); Excel reads both back.
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_OOXML_LOOKALIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def _ooxml_text(v: Any) -> Any:
    """Return a text cell escaped for Office Open XML (numbers and blanks unchanged)."""
    if not isinstance(v, str):
        return v
    return _OOXML_LOOKALIKE.sub(r"_x005F_\1", v).replace("\r", "_x000D_")


def _for_excel(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` neutralised and OOXML-escaped, ready for openpyxl."""
    out = neutralise_formulas(df)
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].astype(object).map(_ooxml_text)
    return out


# ------------------------------------------------------------------------ writing


def write_csv(df: pd.DataFrame, fh: IO[str] | None = None, *, header: bool = True) -> str | None:
    """Write ``df`` as spreadsheet-safe CSV to ``fh``; return the text when ``fh`` is None.

    Cells a spreadsheet would run as a formula get a leading apostrophe
    (:func:`assessments.export.neutralise_formulas`); every cell holding a quote,
    the separator, a line feed or a carriage return is quoted (RFC 4180 line ends,
    so a bare CR cannot split a row). Numbers are written as numbers.
    """
    safe = neutralise_formulas(df)
    return safe.to_csv(fh, index=False, header=header, lineterminator="\r\n")


def csv_bytes(df: pd.DataFrame) -> bytes:
    """Return ``df`` as spreadsheet-safe CSV bytes (UTF-8), for a download or a file."""
    return write_csv(df).encode("utf-8")


def xlsx_bytes(df: pd.DataFrame, sheet_name: str = "assessments", **more: pd.DataFrame) -> bytes:
    """Return ``df`` (and any further named sheets) as a spreadsheet-safe Excel workbook."""
    buf = _io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        _for_excel(df).to_excel(xw, index=False, sheet_name=sheet_name)
        for name, extra in more.items():
            _for_excel(extra).to_excel(xw, index=False, sheet_name=name)
    return buf.getvalue()
