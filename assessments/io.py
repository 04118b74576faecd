"""Reading and writing assessments: JSON (versioned) and the flat CSV layout.

Flat layout (one row per assessment, the columns come from the field
declarations in :mod:`assessments.model` via :mod:`assessments.fields`):

- header fields by their own name: ``assessment_id``, ``organisation``, ``site``, ...
- section fields as ``<section>.<field>``: ``workstation.stature_cm``,
  ``sitting.seated_h_per_day``; ``<section>.not_applicable`` marks a section that
  does not apply. A section is assessed in a row when any of its cells is filled.
- list items in numbered slots, ``<section>.<item><k>.<field>`` with k = 1, 2, ...:
  ``lifting.task1.load_kg``, ``vibration.tool2.a_hv_m_s2``,
  ``vibration.source1.a_wz_m_s2``. A slot is used when any of its cells is filled.
  The template carries 3 task, 3 tool and 2 source slots; add columns with the
  next number for more (any number is read).
- yes/no cells accept true/false, yes/no, 1/0; the lifting exclusions cell lists
  codes separated by ``;``. Blank cells mean "not given" (the default applies).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pa_compute
from pydantic import ValidationError

from assessments import model as m
from assessments.fields import (
    LIST_SLOTS,
    FieldSpec,
    Problem,
    fields_of,
    input_fields,
    problems_from,
)
from assessments.rules import LIST_RULE_PREFIX, PAIR_RULES
from scoring import registry, workstation_height

TEMPLATE_SLOTS = {
    "lifting.task": 3,
    "vibration.tool": 3,
    "vibration.source": 2,
    "hand_exertion.task": 3,
    "push_pull_carry.task": 3,
}
_SLOT_RE = re.compile(r"^(\w+)\.([a-z]+)(\d+)\.(\w+)$")
TRUE_WORDS = {"true", "yes", "y", "1", "1.0"}
FALSE_WORDS = {"false", "no", "n", "0", "0.0", ""}


# ---------------------------------------------------------------------------- JSON


def dump_json(assessments: m.Assessment | Iterable[m.Assessment], *, indent: int = 2) -> str:
    """Return one assessment, or a list of them, as versioned JSON text."""
    if isinstance(assessments, m.Assessment):
        return assessments.model_dump_json(indent=indent)
    items = [a.model_dump(mode="json") for a in assessments]
    return json.dumps({"schema_version": m.SCHEMA_VERSION, "assessments": items}, indent=indent)


MAX_JSON_DEPTH = 64  # an assessment is 4 levels deep; anything far deeper is not one
MAX_NUMBER_DIGITS = 40  # no measurement needs more; Python refuses ints above 4,300 digits


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


class _JSONRefused(ValueError):
    """A JSON document refused before it is read (too deep, a huge number, NaN)."""


def _file_problem(message: str) -> list[Problem]:
    return [Problem(None, "file", None, message)]


def _json_depth_ok(text: str) -> bool:
    """Return True when no array or object in ``text`` is nested deeper than MAX_JSON_DEPTH."""
    bare = _JSON_STRING.sub('""', text).encode("utf-8", "surrogatepass")
    b = np.frombuffer(bare, dtype=np.uint8)
    step = np.isin(b, (ord("["), ord("{"))).astype(np.int32) - np.isin(b, (ord("]"), ord("}")))
    return int(np.cumsum(step).max(initial=0)) <= MAX_JSON_DEPTH


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _JSONRefused(
            f"a number with {len(text.lstrip('-'))} digits, must have at most "
            f"{MAX_NUMBER_DIGITS} digits."
        )
    return int(text)


def _parse_constant(name: str) -> Any:
    raise _JSONRefused(f"{name} is not a number JSON allows, must be a finite number.")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            # json keeps the last of two equal keys: a value would be dropped unseen.
            raise _JSONRefused(f"the key {k!r} appears twice in one object, must appear once.")
        out[k] = v
    return out


def decode_json(text: str | bytes) -> tuple[Any, list[Problem]]:
    """Return (the decoded document, []) or (None, the problem that stopped it).

    The one safe way to decode a JSON file: never raises for what a file holds
    (deep nesting, a 5,000-digit number, NaN, duplicate keys, bad bytes).
    """
    if isinstance(text, bytes):
        if not text.strip():
            return None, _file_problem("the file is empty (0 bytes of JSON).")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = text[: exc.start].count(b"\n") + 1
            return None, _file_problem(
                f"not UTF-8 text (byte 0x{text[exc.start]:02X} on line {line}): JSON files "
                "must be saved as UTF-8."
            )
    if not text.strip():
        return None, _file_problem("the file is empty (no JSON in it).")
    if not _json_depth_ok(text):
        return None, _file_problem(
            f"not an assessment: objects or lists nested more than {MAX_JSON_DEPTH} deep."
        )
    try:
        doc = json.loads(
            text,
            parse_int=_parse_int,
            parse_constant=_parse_constant,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        return None, _file_problem(f"not valid JSON: {exc.msg} (line {exc.lineno}).")
    except _JSONRefused as exc:
        return None, _file_problem(f"not read: {exc}")
    except (RecursionError, ValueError) as exc:  # the last guards of the json module
        return None, _file_problem(f"not read: {exc}.")
    return doc, []


def load_json(
    text: str | bytes, *, context: dict | None = None
) -> tuple[list[m.Assessment], list[Problem]]:
    """Return the assessments in a JSON document and the problems found.

    Accepts a single assessment object or ``{"schema_version", "assessments": [...]}``.
    Nothing is returned for an item that has problems; the problems say why. A
    file that cannot be read at all (not UTF-8, empty, not JSON, nested absurdly
    deep, a number of thousands of digits) gives one problem for the "file".
    """
    doc, problems = decode_json(text)
    if problems:
        return [], problems
    if isinstance(doc, dict) and "assessments" in doc:
        version = doc.get("schema_version")
        if version not in m.READABLE_VERSIONS:
            allowed = ", ".join(repr(v) for v in m.READABLE_VERSIONS)
            msg = f"schema_version == {version!r}, must be one of: {allowed}."
            return [], [Problem(None, "schema_version", version, msg)]
        raw = doc["assessments"]
        if not isinstance(raw, list):
            msg = f"assessments == {_json_kind(raw)}, must be a list of assessment objects."
            return [], [Problem(None, "assessments", None, msg)]
    elif isinstance(doc, dict):
        raw = [doc]
    else:
        msg = f"the document is {_json_kind(doc)}, must be an assessment object."
        return [], _file_problem(msg)
    out, problems = [], []
    for i, item in enumerate(raw, start=1):
        row = i if len(raw) > 1 else None
        if not isinstance(item, dict):
            msg = f"item {i} is {_json_kind(item)}, must be an assessment object."
            problems.append(Problem(row, "assessments", None, msg))
            continue
        try:
            out.append(m.Assessment.model_validate(item, context=context))
        except ValidationError as exc:
            problems += problems_from(exc, row=row)
        except RecursionError:
            problems += _file_problem(f"item {i} is nested too deeply to be an assessment.")
    return out, problems


def _json_kind(v: Any) -> str:
    """Return a JSON value's kind in words (null, a number, a list, ...)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return "a number"
    if isinstance(v, str):
        return "text"
    return "a list" if isinstance(v, list) else "an object"


# ------------------------------------------------------------------------ flat rows


def csv_columns(slots: dict[str, int] | None = None) -> list[str]:
    """Return the flat layout's columns with the given number of list slots."""
    slots = {**TEMPLATE_SLOTS, **(slots or {})}
    cols = []
    for spec in input_fields():
        if "." in spec.scope:
            cols += [spec.column(k) for k in range(1, slots[spec.scope] + 1)]
        else:
            cols.append(spec.column())
    return _slot_major(cols)


def _slot_major(cols: list[str]) -> list[str]:
    """Order slot columns task1.*, task2.*, ... rather than field by field."""

    def key(c: str) -> tuple:
        mt = _SLOT_RE.match(c)
        return (0,) if not mt else (1, mt.group(1), mt.group(2), int(mt.group(3)))

    head = [c for c in cols if not _SLOT_RE.match(c)]
    slotted = sorted((c for c in cols if _SLOT_RE.match(c)), key=key)
    # Keep each section's slots right after its own fields.
    out = []
    for c in head:
        out.append(c)
        section = c.split(".")[0]
        if c == f"{section}.not_applicable":
            out += [s for s in slotted if s.startswith(section + ".")]
    return out


def assessment_to_row(a: m.Assessment) -> dict[str, Any]:
    """Return one assessment as a flat row (column -> value)."""
    row: dict[str, Any] = {}
    for spec in fields_of("header"):
        row[spec.column()] = _cell(getattr(a.header, spec.name))
    for section in m.SECTIONS:
        sec = getattr(a, section)
        if sec is None:
            continue
        for spec in fields_of(section):
            row[spec.column()] = _cell(getattr(sec, spec.name))
        for (s, attr), (item, _) in LIST_SLOTS.items():
            if s != section:
                continue
            for k, obj in enumerate(getattr(sec, attr), start=1):
                for spec in fields_of(f"{section}.{item}"):
                    row[spec.column(k)] = _cell(getattr(obj, spec.name))
    if a.symptoms is not None:
        for spec in fields_of("symptoms"):
            row[spec.column()] = getattr(a.symptoms, spec.name)
    return row


def _cell(v: Any) -> Any:
    if isinstance(v, list):
        return ";".join(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def assessments_to_frame(assessments: Iterable[m.Assessment]) -> pd.DataFrame:
    """Return assessments as a DataFrame in the flat layout (all template columns)."""
    rows = [assessment_to_row(a) for a in assessments]
    slots = dict(TEMPLATE_SLOTS)
    for r in rows:
        for c in r:
            mt = _SLOT_RE.match(c)
            if mt:
                scope = f"{mt.group(1)}.{mt.group(2)}"
                slots[scope] = max(slots[scope], int(mt.group(3)))
    return pd.DataFrame(rows, columns=csv_columns(slots))


def _blank(v: Any) -> bool:
    return (
        v is None
        or (isinstance(v, float) and math.isnan(v))
        or (isinstance(v, str) and not v.strip())
    )


def _parse(spec: FieldSpec, v: Any) -> Any:
    """Return a cell as the model expects it; unparsable text is left for pydantic to reject."""
    if spec.kind == "flag" and isinstance(v, str):
        w = v.strip().lower()
        return True if w in TRUE_WORDS else False if w in FALSE_WORDS else v
    if spec.kind == "multi":
        return [p.strip() for p in str(v).split(";") if p.strip()]
    if spec.kind == "number" and isinstance(v, str):
        return v.strip()  # read by the model's one rule (assessments.model.number_from_text)
    if spec.kind == "text":
        return str(v)
    return v


def row_to_assessment(
    row: dict[str, Any], *, row_number: int | None = None, context: dict | None = None
) -> m.Assessment:
    """Return the assessment in one flat row; raises pydantic's ValidationError.

    ``context={"stored": True}`` opens a saved record as it was saved (the
    plausible-date window applies to new input only).
    """
    data: dict[str, Any] = {"header": {}}
    row_names: dict[str, list[str]] = {}  # a message about a list item names its CSV slot
    for spec in fields_of("header"):
        v = row.get(spec.column())
        if not _blank(v):
            data["header"][spec.name] = _parse(spec, v)
    for section in m.SECTIONS:
        sec: dict[str, Any] = {}
        for spec in fields_of(section):
            v = row.get(spec.column())
            if not _blank(v):
                sec[spec.name] = _parse(spec, v)
        for (s, attr), (item, _) in LIST_SLOTS.items():
            if s != section:
                continue
            specs = fields_of(f"{section}.{item}")
            items, slot_names = [], []
            for k in range(1, _max_slot(row, f"{section}.{item}") + 1):
                obj = {}
                for spec in specs:
                    v = row.get(spec.column(k))
                    if not _blank(v):
                        obj[spec.name] = _parse(spec, v)
                if obj:
                    items.append(obj)
                    slot_names.append(f"{item}{k}")
            if items:
                sec[attr] = items
                row_names[f"{section}.{attr}"] = slot_names
        if sec:
            data[section] = sec
    symptoms = {
        spec.name: _parse(spec, row.get(spec.column()))
        for spec in fields_of("symptoms")
        if not _blank(row.get(spec.column()))
    }
    if symptoms:
        data["symptoms"] = symptoms
    return m.Assessment.model_validate(data, context={**(context or {}), "row_names": row_names})


def _max_slot(row_or_cols: Iterable[str], scope: str) -> int:
    section, item = scope.split(".")
    best = 0
    for c in row_or_cols:
        mt = _SLOT_RE.match(c)
        if mt and mt.group(1) == section and mt.group(2) == item:
            best = max(best, int(mt.group(3)))
    return best


def _slot_counts(cols: Iterable[str]) -> dict[str, int]:
    """Return the highest slot number in the columns per list scope ("lifting.task" -> 3)."""
    best: dict[str, int] = {}
    for c in cols:
        mt = _SLOT_RE.match(c)
        if mt:
            scope = f"{mt.group(1)}.{mt.group(2)}"
            best[scope] = max(best.get(scope, 0), int(mt.group(3)))
    return best


def frame_to_assessments(df: pd.DataFrame) -> tuple[list[m.Assessment], list[Problem]]:
    """Return the assessments in a flat DataFrame (one pydantic model per row).

    This is the exact, per-row path (the form, imports of a few thousand rows).
    Rows are numbered from 1 as a spreadsheet user counts data rows.
    """
    unknown = unknown_columns(df.columns)
    if unknown:
        return [], unknown
    out, problems = [], []
    for i, row in enumerate(df.to_dict("records"), start=1):
        try:
            out.append(row_to_assessment(row, row_number=i))
        except ValidationError as exc:
            problems += _flat_problems(problems_from(exc, row=i))
    return out, problems


def _flat_problems(problems: list[Problem]) -> list[Problem]:
    """Rename model paths (lifting.tasks.0.load_kg) to CSV columns (lifting.task1.load_kg)."""
    out = []
    for p in problems:
        parts = p.field.split(".")
        if len(parts) >= 3 and (parts[0], parts[1]) in LIST_SLOTS and parts[2].isdigit():
            item = LIST_SLOTS[(parts[0], parts[1])][0]
            parts = [parts[0], f"{item}{int(parts[2]) + 1}", *parts[3:]]
        if parts and parts[0] == "header":
            parts = parts[1:]
        out.append(Problem(p.row, ".".join(parts), p.value, p.message))
    return out


@cache
def result_columns() -> frozenset[str]:
    """Return the columns Ergo appends to what it writes: results and record bookkeeping.

    An export or a results file read back in is input plus these; they are
    recomputed (results) or assigned anew (record id, revision) on import, so
    reading them is not an error and nothing the user entered is in them.
    """
    cols = {"record_id", "revision", "saved_at", "method_version", "overall.band"}
    cols.add("overall.n_high")
    for f in registry.FACTORS:
        cols |= {f"{f.id}.{k}" for k in ("native", "band", "index", "borderline")}
        cols |= {f"{f.id}.{k}" for k in f.batch_columns}
    return frozenset(cols)


def unknown_columns(columns: Iterable[str]) -> list[Problem]:
    """Return a problem for each column the layout does not know (a typo loses data).

    Result columns (:func:`result_columns`) are known: they are ignored on input.
    """
    known = {spec.column() for spec in input_fields() if "." not in spec.scope}
    known |= result_columns()
    list_fields = {
        (s.scope.split(".")[0], s.scope.split(".")[1], s.name)
        for s in input_fields()
        if "." in s.scope
    }
    out = []
    for c in columns:
        if c in known:
            continue
        mt = _SLOT_RE.match(str(c))
        if mt and (mt.group(1), mt.group(2), mt.group(4)) in list_fields and int(mt.group(3)) >= 1:
            continue
        out.append(
            Problem(None, str(c), None, f"column {c!r} is not in the layout; see the CSV template.")
        )
    return out


# ------------------------------------------------------------ vectorised validation


def _numeric(col: pd.Series, name: str, allowed: str) -> tuple[np.ndarray, np.ndarray, list]:
    """Return (values as float with NaN for blanks, mask of cells that are not numbers, reasons).

    Text cells are read by the model's one rule (:func:`assessments.model.number_from_text`),
    once per distinct value; ``reasons[i]`` is the message for a bad cell i (else None).
    """
    n = len(col)
    if pd.api.types.is_bool_dtype(col.dtype):
        reason = f"{name} == True is a yes/no value, must be {allowed}."
        return np.full(n, np.nan), np.ones(n, dtype=bool), [reason] * n
    if pd.api.types.is_numeric_dtype(col.dtype):
        v = col.to_numpy(dtype=float, na_value=np.nan)
        bad = np.isinf(v)
        return v, bad, [f"{name} == {x!r} is not a finite number, must be {allowed}." for x in v]
    text = _arrow_text(col)
    if text is not None:
        codes, uniques = _arrow_codes(text)
        values, why = _arrow_numbers(uniques, name, allowed)
    else:
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        values = np.full(len(uniques) + 1, np.nan)
        why = [None] * (len(uniques) + 1)
        _read_numbers(
            np.asarray(uniques, dtype=object).tolist(),
            range(len(uniques)),
            values,
            why,
            name,
            allowed,
        )
    idx = np.where(codes < 0, len(uniques), codes)
    bad_u = np.array([w is not None for w in why], dtype=bool)
    return values[idx], bad_u[idx], [why[k] for k in idx.tolist()] if bad_u.any() else []


# Cells that are nothing but an ASCII decimal number: pyarrow's cast reads these to the
# same (correctly rounded) float as Python; every other cell goes through the model's rule.
_ASCII_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"


def _arrow_text(col: pd.Series) -> pa.ChunkedArray | None:
    """Return the column's Arrow strings when pandas holds it as Arrow text, else None."""
    if isinstance(col.array, pd.arrays.ArrowStringArray):
        return pa.chunked_array(col.array.__arrow_array__())
    return None


def _arrow_codes(text: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Return (codes with -1 for blanks, distinct values) of an Arrow text column."""
    enc = text.combine_chunks().dictionary_encode()
    codes = enc.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, enc.dictionary


def _arrow_numbers(uniques: pa.Array, name: str, allowed: str) -> tuple[np.ndarray, list]:
    """Return (value of each distinct cell, NaN appended for blanks; reasons) in Arrow."""
    values = np.full(len(uniques) + 1, np.nan)
    why: list[str | None] = [None] * (len(uniques) + 1)
    plain = pa_compute.match_substring_regex(uniques, _ASCII_NUMBER).to_numpy(zero_copy_only=False)
    if plain.any():
        try:
            cast = pa_compute.cast(pa_compute.filter(uniques, pa.array(plain)), pa.float64())
            values[np.flatnonzero(plain)] = cast.to_numpy(zero_copy_only=False)
        except pa.ArrowInvalid:
            values[:] = np.nan
    slow = np.flatnonzero(~np.isfinite(values[:-1]))
    cells = pa_compute.take(uniques, pa.array(slow, pa.int64())).to_pylist()
    _read_numbers(cells, slow.tolist(), values, why, name, allowed)
    return values, why


def _read_numbers(cells: list, slots, values: np.ndarray, why: list, name: str, allowed: str):
    """Read each distinct cell into ``values[slot]``, or its reason into ``why[slot]``."""
    for k, u in zip(slots, cells, strict=True):
        try:
            values[k] = _number_cell(name, u, allowed)
        except ValueError as exc:
            why[k] = str(exc)


def _number_cell(name: str, u: Any, allowed: str) -> float:
    """Return one distinct cell value as a float (NaN for blank); raises ValueError why not."""
    if isinstance(u, str):
        return np.nan if not u.strip() else m.number_from_text(name, u, allowed)
    if isinstance(u, bool | np.bool_):
        raise ValueError(f"{name} == {bool(u)!r} is a yes/no value, must be {allowed}.")
    try:
        v = float(u)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} == {u!r} is not a number, must be {allowed}.") from None
    if math.isinf(v):
        raise ValueError(f"{name} == {u!r} is not a finite number, must be {allowed}.")
    return v


def _factorize(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return (codes, distinct stripped strings) of a text column; blanks are "".

    Columns repeat few distinct values (choices, yes/no, tool names), so the
    per-value work runs over the distinct values only and the column is rebuilt
    with one take: far faster than string operations on every cell.
    """
    text = _arrow_text(col)
    if text is not None:
        codes, uniques = _arrow_codes(text)
        distinct = np.array([u.strip() for u in uniques.to_pylist()] + [""], dtype=object)
        return np.where(codes < 0, len(distinct) - 1, codes), distinct
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    distinct = np.array(
        ["" if isinstance(u, float) else str(u).strip() for u in np.asarray(uniques, dtype=object)]
        + [""],
        dtype=object,
    )
    return np.where(codes < 0, len(distinct) - 1, codes), distinct


def _text(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return (stripped strings with "" for blanks, blank mask)."""
    codes, distinct = _factorize(col)
    text = distinct[codes]
    return text, (distinct == "")[codes]


def _flags(col: pd.Series, default: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (bools, blank mask, mask of cells that are not yes/no words)."""
    if pd.api.types.is_bool_dtype(col.dtype):
        v = col.to_numpy(dtype=bool)
        return v, np.zeros(len(v), bool), np.zeros(len(v), bool)
    codes, distinct = _factorize(col)
    low = np.array([d.lower() for d in distinct], dtype=object)
    true = np.isin(low, list(TRUE_WORDS))
    false = np.isin(low, list(FALSE_WORDS))
    blank = (distinct == "")[codes]
    return np.where(blank, default, true[codes]), blank, ~(true | false)[codes]


def _add(problems: list[Problem], mask: np.ndarray, column: str, values, message) -> None:
    for i in np.flatnonzero(mask):
        v = values[i]
        problems.append(Problem(int(i) + 1, column, v, message(v)))


@dataclass
class ParsedFrame:
    """A flat DataFrame parsed column by column: values, blanks and what each row uses."""

    n: int
    values: dict[str, np.ndarray]  # column -> float / bool / str array
    blank: dict[str, np.ndarray]  # column -> cell left blank
    present: dict[str, np.ndarray]  # section name or "lifting.task1." -> row uses it
    problems: list[Problem]


def validate_frame(df: pd.DataFrame, *, limit: int | None = None) -> list[Problem]:
    """Return every problem in a flat DataFrame, vectorised (one pass per column).

    Gives the same verdicts as :func:`frame_to_assessments` for any row (a test
    checks it), in a fraction of the time, so whole files are checked before a
    single row is scored or saved.
    """
    problems = parse_frame(df).problems
    return problems[:limit] if limit else problems


def validate_chunks(
    chunks: Iterable[pd.DataFrame], *, max_problems: int = 1000
) -> tuple[list[Problem], int]:
    """Return (the problems of a table read in chunks, its number of data rows).

    Rows are numbered as the spreadsheet numbers them (the header is row 1, the
    first data row 2; blank rows still count); a column problem is reported once, not once per chunk; reading stops after ``max_problems``. A
    :class:`assessments.tables.TableError` raised while reading adds its problems.
    """
    from assessments.tables import TableError, sheet_row  # tables imports this module's neighbours

    problems: list[Problem] = []
    seen_columns: set[str] = set()
    n = 0
    try:
        for chunk in chunks:
            for p in parse_frame(chunk).problems:
                if p.row is None:
                    if p.field in seen_columns:
                        continue
                    seen_columns.add(p.field)
                row = sheet_row(chunk, p.row, n)
                problems.append(Problem(row, p.field, p.value, p.message))
            n += len(chunk)
            if len(problems) >= max_problems:
                break
    except TableError as exc:
        problems += exc.problems
    return problems[:max_problems], n


def parse_frame(df: pd.DataFrame) -> ParsedFrame:
    """Return the frame's parsed columns and every problem found in them."""
    problems = unknown_columns(df.columns)
    n = len(df)
    cols = set(df.columns)
    parsed: dict[str, np.ndarray] = {}
    present: dict[str, np.ndarray] = {}  # scope(+slot) -> row uses it
    blank_of: dict[str, np.ndarray] = {}
    # Once per frame: a scan of the header per field cost more than some columns' checks.
    slots = _slot_counts(cols)

    for spec in input_fields():
        if "." in spec.scope:
            columns = [spec.column(k) for k in range(1, slots.get(spec.scope, 0) + 1)]
        else:
            columns = [spec.column()]
        for c in columns:
            if c not in cols:
                continue
            _check_column(spec, c, df[c], problems, parsed, blank_of)
    # Which sections and slots each row uses.
    for section in m.SECTIONS:
        used = np.zeros(n, dtype=bool)
        for c in cols:
            if c.split(".")[0] == section and c in blank_of:
                used |= ~blank_of[c]
        present[section] = used
    for (section, _), (item, _) in LIST_SLOTS.items():
        for k in range(1, slots.get(f"{section}.{item}", 0) + 1):
            prefix = f"{section}.{item}{k}."
            used = np.zeros(n, dtype=bool)
            for c in cols:
                if c.startswith(prefix):
                    used |= ~blank_of[c]
            present[prefix] = used
            for spec in fields_of(f"{section}.{item}"):
                if not spec.required:
                    continue
                c = spec.column(k)
                blank = blank_of.get(c, np.ones(n, dtype=bool))
                missing = used & blank
                _add(
                    problems,
                    missing,
                    c,
                    [None] * n,
                    lambda v, s=spec: f"{s.name} is missing, must be given ({s.bounds_text()}).",
                )
    # Stature is needed when the workstation section is assessed and applies.
    desk = registry.factor(workstation_height.METHOD.factor).section
    na = parsed.get(f"{desk}.not_applicable", np.zeros(n, dtype=bool))
    st_blank = blank_of.get(f"{desk}.stature_cm", np.ones(n, dtype=bool))
    _add(
        problems,
        present[desk] & ~na & st_blank,
        f"{desk}.stature_cm",
        [None] * n,
        lambda v: (
            "stature_cm is missing, must be given (120-220 cm): the personal target "
            "ranges are computed from it."
        ),
    )
    # Pair rules.
    for rule in PAIR_RULES:
        if rule.scope in LIST_RULE_PREFIX:
            item = LIST_RULE_PREFIX[rule.scope]
            scopes = [f"{item}{k}." for k in range(1, slots.get(item, 0) + 1)]
        else:
            scopes = [f"{rule.scope}."]
        for prefix in scopes:
            a = parsed.get(prefix + rule.a)
            b = parsed.get(prefix + rule.b)
            if a is None or b is None:
                continue
            bad = ~rule.ok(a, b)
            for i in np.flatnonzero(bad):
                problems.append(
                    Problem(int(i) + 1, prefix + rule.field(), a[i], rule.message(a[i], b[i]))
                )
    problems += _subtask_hours_problems(parsed, cols, n)
    problems.sort(key=lambda p: p.row or 0)
    return ParsedFrame(n=n, values=parsed, blank=blank_of, present=present, problems=problems)


def group_keys(part_of_task) -> np.ndarray:
    """Return the task-group keys of a column of "Part of task" cells ("" for a task of its own)."""
    return np.char.strip(np.asarray(part_of_task, dtype=str))


def _subtask_hours_problems(parsed: dict[str, np.ndarray], cols: set[str], n: int) -> list:
    """Return the rows whose subtasks of one task give different hours (the model's check)."""
    item = "hand_exertion.task"
    slots = range(1, _max_slot(cols, item) + 1)
    groups = [parsed.get(f"{item}{k}.part_of_task") for k in slots]
    if not any(g is not None for g in groups):
        return []
    keys = [group_keys(np.full(n, "") if g is None else g) for g in groups]
    hours = [parsed.get(f"{item}{k}.hours_per_day", np.full(n, np.nan)) for k in slots]
    bad = np.zeros(n, dtype=bool)
    for a in range(len(keys)):  # K slots: pairs of columns, never a loop over rows
        for b in range(a + 1, len(keys)):
            given = ~np.isnan(hours[a]) & ~np.isnan(hours[b])  # a blank one is missing
            bad |= (keys[a] != "") & (keys[a] == keys[b]) & given & (hours[a] != hours[b])
    out = []
    where = [f"task{k}" for k in slots]
    for i in np.flatnonzero(bad):  # only the rows in error build their message
        row_hours = [None if np.isnan(h[i]) else float(h[i]) for h in hours]
        for pos, value, message in m.subtask_hours_conflicts(
            [str(k[i]) for k in keys], row_hours, where
        ):
            out.append(Problem(int(i) + 1, f"{item}{pos + 1}.hours_per_day", value, message))
    return out


def _check_column(spec, c, col, problems, parsed, blank_of) -> None:
    if spec.kind == "number":
        v, bad, why = _numeric(col, spec.name, spec.bounds_text())
        blank_of[c] = np.isnan(v) & ~bad
        for i in np.flatnonzero(bad):
            problems.append(Problem(int(i) + 1, c, col.iat[i], why[i]))
        v = np.where(bad, np.nan, v)
        with np.errstate(invalid="ignore"):
            out = np.zeros(len(v), dtype=bool)
            if spec.ge is not None:
                out |= v < spec.ge
            if spec.gt is not None:
                out |= v <= spec.gt
            if spec.le is not None:
                out |= v > spec.le
            if spec.whole:
                out |= ~np.isnan(v) & (v != np.round(v))
        _add(problems, out, c, v, lambda x, s=spec: f"{s.name} == {x:g}, must be {_allowed(s)}.")
        parsed[c] = v
    elif spec.kind == "choice":
        codes, distinct = _factorize(col)
        blank = (distinct == "")[codes]
        blank_of[c] = blank
        t = distinct[codes]
        bad = (~np.isin(distinct, list(spec.choices)) & (distinct != ""))[codes]
        _add(
            problems, bad, c, t, lambda x, s=spec: f"{s.name} == {x!r}, must be {s.bounds_text()}."
        )
        parsed[c] = np.where(distinct == "", spec.default, distinct)[codes]
    elif spec.kind == "flag":
        v, blank, bad = _flags(col, bool(spec.default))
        blank_of[c] = blank
        _add(
            problems,
            bad,
            c,
            col.to_numpy(dtype=object),
            lambda x, s=spec: f"{s.name} == {x!r}, must be one of: true, false, yes, no, 1, 0.",
        )
        parsed[c] = v
    elif spec.kind == "multi":
        codes, distinct = _factorize(col)
        blank = (distinct == "")[codes]
        blank_of[c] = blank
        allowed = set(spec.choices)
        wrong = np.array(
            [any(p.strip() and p.strip() not in allowed for p in d.split(";")) for d in distinct],
            dtype=bool,
        )
        t = distinct[codes]
        _add(
            problems,
            wrong[codes],
            c,
            t,
            lambda x, s=spec: f"{s.name} == {x!r}, each must be {s.bounds_text()}.",
        )
        parsed[c] = t
    else:  # text, date
        codes, distinct = _factorize(col)
        t = distinct[codes]
        blank = (distinct == "")[codes]
        blank_of[c] = blank
        why = _text_reasons(spec, distinct.tolist())
        for i in np.flatnonzero(np.array([w is not None for w in why], dtype=bool)[codes]):
            problems.append(Problem(int(i) + 1, c, t[i], why[codes[i]]))
        parsed[c] = t


_SLASH_HINT = (
    " (for dates written 31/01/2026 choose day-first dates: the Import page's date setting,"
    " or --dates dmy on the command line)"
)


def _allowed(spec: FieldSpec) -> str:
    """Return a number field's allowed values in words ("a whole number >= 1 and <= 3 [points]")."""
    return f"a whole number {spec.bounds_text()}" if spec.whole else spec.bounds_text()


# Unicode's control characters (category Cc) other than tab, line feed and carriage
# return, which the model refuses (assessments.model.check_text).
_CONTROL_CHARS = r"[\x{00}-\x{08}\x{0B}\x{0C}\x{0E}-\x{1F}\x{7F}-\x{9F}]"


def _text_reasons(spec: FieldSpec, distinct: list[str]) -> list[str | None]:
    """Return why each distinct text or date cell is refused (None where it is not).

    Text is screened in Arrow (length, control characters), so only a suspect
    cell is checked character by character; the verdicts and messages are those
    of :func:`_text_reason`.
    """
    if spec.kind == "date":
        return [_date_reason(spec, d) for d in distinct]
    try:
        arr = pa.array(distinct, pa.string())
    except (pa.ArrowException, UnicodeError):  # e.g. an unpaired surrogate
        return [_text_reason(spec, d) for d in distinct]
    suspect = pa_compute.match_substring_regex(arr, _CONTROL_CHARS)
    if spec.max_length:
        suspect = pa_compute.or_(
            suspect, pa_compute.greater(pa_compute.utf8_length(arr), spec.max_length)
        )
    flags = suspect.to_numpy(zero_copy_only=False)
    return [_text_reason(spec, d) if f else None for d, f in zip(distinct, flags, strict=True)]


def _text_reason(spec: FieldSpec, text: str) -> str | None:
    """Return why a text cell is refused (too long, a control character), else None."""
    if spec.max_length and len(text) > spec.max_length:
        return (
            f"{spec.name} has {len(text)} characters, must be at most {spec.max_length} characters."
        )
    try:
        m.check_text(spec.name, text)
    except ValueError as exc:
        return str(exc)
    return None


def _date_reason(spec: FieldSpec, text: str) -> str | None:
    """Return why a date cell is refused (not YYYY-MM-DD, outside the window), else None."""
    if not text:
        return None
    try:
        d = dt.date.fromisoformat(text) if m.ISO_DATE.match(text) else None
    except ValueError:
        d = None
    if d is None:
        hint = _SLASH_HINT if "/" in text else ""
        return f"{spec.name} == {text!r}, must be a date as YYYY-MM-DD{hint}."
    try:
        m.check_date_window(d)
    except ValueError as exc:
        return str(exc)
    return None


def csv_template(slots: dict[str, int] | None = None) -> str:
    """Return the CSV template: the header row of the flat layout, no data."""
    return ",".join(csv_columns(slots)) + "\n"
