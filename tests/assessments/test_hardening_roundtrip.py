"""Hypothesis: any valid assessment survives every way Ergo writes and reads it, unchanged.

JSON, CSV and Excel files (the one reader and writer), and a store export read back
by the store's import, on SQLite and PostgreSQL. The assessments are drawn from the
field declarations themselves (every field within its declared range, text in any
script with the characters people type, formula-like text included), so a new field
is covered without touching this file.
"""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assessments import io, tables
from assessments import model as m
from assessments.fields import LIST_SLOTS, FieldSpec, fields_of
from assessments.rules import PAIR_RULES
from assessments.store import Filters

# Text as typed in a form or a spreadsheet: any script, spaces, line breaks and tabs,
# and the characters that make a cell a formula; never a control character.
TYPED = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x7f") | (
    st.sampled_from(["\n", "\r", "\t", "=", "+", "-", "@", "'", '"', ",", ";", " "])
)
FORMULA_LIKE = st.sampled_from(["=1+1", "+SUM(A1)", "-2+3", "@cmd", " =x", "'=y", "'-3"])
SLOTS = {
    "lifting.task": 3,
    "vibration.tool": 3,
    "vibration.source": 2,
    "hand_exertion.task": 3,
    "push_pull_carry.task": 3,
}


def _text(spec: FieldSpec) -> st.SearchStrategy[str]:
    size = min(spec.max_length or 40, 40)
    plain = st.text(TYPED, max_size=size)
    # Whitespace-only text is a blank cell in a spreadsheet: the form cannot tell it from "".
    return (plain | FORMULA_LIKE).filter(lambda t: t == "" or t.strip() != "")


def _number(spec: FieldSpec) -> st.SearchStrategy[float]:
    lo = spec.gt if spec.gt is not None else spec.ge
    hi = spec.le if spec.le is not None else 1e6
    # Numbers as people type or measure them: up to 12 significant digits. (Excel keeps
    # 15, so a value with 17 would come back from a workbook as Excel holds it.)
    return (
        st.floats(
            min_value=lo,
            max_value=hi,
            exclude_min=spec.gt is not None,
            allow_nan=False,
            allow_infinity=False,
        )
        .map(lambda x: float(f"{x:.12g}"))
        .filter(lambda x: (x > lo if spec.gt is not None else x >= lo) and x <= hi)
    )


def _value(spec: FieldSpec) -> st.SearchStrategy:
    if spec.kind == "number":
        return _number(spec)
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.kind == "flag":
        return st.booleans()
    if spec.kind == "multi":
        return st.lists(st.sampled_from(spec.choices), unique=True, max_size=len(spec.choices))
    if spec.kind == "date":
        return st.dates(dt.date(1990, 1, 1), dt.date.today())
    return _text(spec)


@st.composite
def _fields(draw, scope: str) -> dict:
    out = {}
    for spec in fields_of(scope):
        if spec.required or draw(st.booleans()):
            out[spec.name] = draw(_value(spec))
    return out


def _fix_pairs(doc: dict, scope: str) -> None:
    """Make the two-field rules hold (a <= b, a + b <= limit) by moving one value."""
    for rule in PAIR_RULES:
        if rule.scope != scope or doc.get(rule.a) is None or doc.get(rule.b) is None:
            continue
        a, b = doc[rule.a], doc[rule.b]
        if rule.kind == "le" and a > b:
            doc[rule.a], doc[rule.b] = b, a
        elif not rule.ok(a, b):  # a sum or a product over its limit
            doc[rule.b] = 0.0


@st.composite
def assessments(draw) -> m.Assessment:
    """Return a random valid assessment built from the field declarations."""
    doc: dict = {"header": draw(_fields("header"))}
    for section in m.SECTIONS:
        if not draw(st.booleans()):
            continue
        sec = draw(_fields(section))
        _fix_pairs(sec, section)
        for (s, attr), (item, _) in LIST_SLOTS.items():
            if s == section:
                items = draw(st.lists(_fields(f"{s}.{item}"), max_size=SLOTS[f"{s}.{item}"]))
                for it in items:
                    _fix_pairs(it, f"{s}_{item}")
                sec[attr] = items
        if section == "workstation" and not sec.get("not_applicable"):
            sec.setdefault("stature_cm", 170.0)
        doc[section] = sec
    try:
        return m.Assessment.model_validate(doc)
    except ValueError:
        assume(False)


SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(assessments())
def test_item_14_any_valid_assessment_survives_json(a):
    (back,), problems = io.load_json(io.dump_json(a))
    assert problems == [] and back == a


@SETTINGS
@given(assessments())
def test_item_06_any_valid_assessment_survives_a_csv_file(a):
    data = tables.csv_bytes(io.assessments_to_frame([a]))
    df = tables.read_table(data, "a.csv")
    assert io.validate_frame(df) == []
    (back,), problems = io.frame_to_assessments(df)
    assert problems == [] and back == a


@SETTINGS
@given(assessments())
def test_item_06_any_valid_assessment_survives_an_excel_file(a):
    data = tables.xlsx_bytes(io.assessments_to_frame([a]))
    df = tables.read_table(data, "a.xlsx")
    assert io.validate_frame(df) == []
    (back,), problems = io.frame_to_assessments(df)
    assert problems == [] and back == a


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(a=assessments(), fmt=st.sampled_from(["csv", "xlsx"]))
def test_item_14_any_valid_assessment_survives_export_then_import(store, a, fmt):
    # A fresh id finds this example's records among the earlier examples' ones.
    mark = uuid.uuid4().hex
    a = a.model_copy(update={"header": a.header.model_copy(update={"assessment_id": mark})})
    store.save(a)
    only = Filters(text=mark)
    report = store.import_table(tables.Table(store.export(only, fmt), f"export.{fmt}"))
    assert report.problems == [] and report.saved == 1
    saved = store.load_for_summary(only)
    assert len(saved) == 2 and all(x == a for x in saved)
