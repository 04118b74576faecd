"""The assessment form, generated from the field declarations (assessments.fields).

One :class:`~assessments.fields.FieldSpec` becomes one widget keyed
``form.{scope}.{name}``: its label, unit, help and allowed range all come from
the declaration, converted to the display unit (metric or US customary) by
:mod:`assessments.units`. The lists (lifting tasks, hand-arm tools, whole-body
sources) become ``st.data_editor`` tables keyed ``form.{section}.{list}`` whose
columns come from the item specs.

The bounds are shown (help text, placeholder) and enforced by validation on
submit, not by ``number_input(min_value=..., max_value=...)``: Streamlit resets
an out-of-range number to the widget's default on the server while the browser
keeps showing what was typed, so an optional input typed out of range would be
silently scored as "not given". Validation instead names the field, the value
and the range next to the widget, and nothing is scored.

The functions above the rendering section are pure (no Streamlit calls): they
turn an assessment into widget state and widget state back into an assessment,
so the tests and the JSON loader use exactly what the page uses.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pydantic import ValidationError

from assessments import model as m
from assessments import names, units
from assessments.fields import LIST_SLOTS, FieldSpec, Problem, fields_of, problems_from
from scoring import niosh_lifting, registry
from views.text import md

PREFIX = "form."
SECTIONS = tuple(m.SECTIONS)
SYMPTOMS = "symptoms"  # the red flags the worker reports: typed like a section, never scored


@dataclass(frozen=True)
class ListInfo:
    """One editable list of an assessment section."""

    id: str  # "lifting.tasks"
    section: str  # "lifting"
    attr: str  # "tasks"
    scope: str  # item field scope, "lifting.task"
    noun: str  # "Task"
    title: str  # "Lifting tasks"


LISTS: dict[str, ListInfo] = {
    f"{section}.{attr}": ListInfo(
        id=f"{section}.{attr}",
        section=section,
        attr=attr,
        scope=f"{section}.{item}",
        noun=item.capitalize(),
        title=m.SECTIONS[section].model_fields[attr].title or attr,
    )
    for (section, attr), (item, _) in LIST_SLOTS.items()
}

# Decimals a value is shown with, by display unit (the stored value keeps full precision).
DECIMALS = {
    "cm": 1,
    "in": 2,
    "kg": 1,
    "lb": 1,
    "deg": 0,
    "m/s²": 2,
    "h/day": 2,
    "min": 0,
    "lifts/min": 2,
    "impacts/h": 0,
    "per min": 1,
}
STEPS = {"cm": 0.5, "in": 0.25, "kg": 0.5, "lb": 1.0, "deg": 5.0, "min": 5.0, "impacts/h": 1.0}


# ----------------------------------------------------------------------- keys


def widget_key(scope: str, name: str) -> str:
    """Return the session-state key of one field's widget, e.g. "form.workstation.stature_cm"."""
    return f"{PREFIX}{scope}.{name}"


def list_key(list_id: str) -> str:
    """Return the key of a list's data editor, e.g. "form.lifting.tasks"."""
    return f"{PREFIX}{list_id}"


def section_key(section: str) -> str:
    """Return the key section-wide problems are filed under, e.g. "form.workstation"."""
    return f"{PREFIX}{section}"


def scalar_specs() -> tuple[FieldSpec, ...]:
    """Return the specs that become single widgets: the header, then each section's fields."""
    out = list(fields_of("header"))
    for section in SECTIONS:
        out += fields_of(section)
    out += fields_of(SYMPTOMS)
    return tuple(out)


def widget_keys() -> tuple[str, ...]:
    """Return every single-widget key of the form."""
    return tuple(widget_key(s.scope, s.name) for s in scalar_specs())


def given_key(section: str) -> str:
    """Return the key that marks a section given by the document opened (not a widget)."""
    return f"{PREFIX}{section}._given"


def state_keys() -> tuple[str, ...]:
    """Return every key of the form's values: the widgets and the given-section marks."""
    return widget_keys() + tuple(given_key(s) for s in (*SECTIONS, SYMPTOMS))


def lists_of(section: str) -> tuple[ListInfo, ...]:
    """Return the editable lists of one section (none for most)."""
    return tuple(info for info in LISTS.values() if info.section == section)


# --------------------------------------------------------------------- units


def display_unit(spec: FieldSpec, system: str) -> str:
    """Return the unit a field is shown and entered in."""
    return units.display_unit(spec.unit, system) if spec.unit else ""


def to_display(spec: FieldSpec, value: Any, system: str) -> Any:
    """Return a canonical value in the display unit (numbers only; None stays None)."""
    if spec.kind != "number" or value is None:
        return value
    return float(units.from_canonical(float(value), spec.unit, system))


def from_display(spec: FieldSpec, value: Any, system: str) -> Any:
    """Return a displayed value in its canonical unit (numbers only; None stays None)."""
    if spec.kind != "number" or value is None:
        return value
    if display_unit(spec, system) == spec.unit:
        return float(value)  # nothing converted, nothing to round: the value is kept as typed
    v = units.to_canonical(float(value), spec.unit, system)
    # in -> cm and back may land a hair beyond a bound (86.614... in * 2.54); 1e-9 is
    # far below any measuring precision.
    return round(float(v), 9)


def fmt_number(x: float, unit: str) -> str:
    """Return a number with the decimals its unit is shown with, trailing zeros dropped."""
    d = DECIMALS.get(unit, 2)
    text = f"{x:.{d}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def bounds_text(spec: FieldSpec, system: str) -> str:
    """Return the allowed range in the display unit, e.g. "120–220 cm" or "> 0 and ≤ 441 lb"."""
    if spec.kind in ("choice", "multi"):
        return "one of: " + ", ".join(_words(c) for c in spec.choices)
    du = display_unit(spec, system)

    def conv(x: float) -> str:
        return fmt_number(float(units.from_canonical(x, spec.unit, system)), du)

    lo = spec.ge if spec.ge is not None else spec.gt
    if spec.ge is not None and spec.le is not None:
        rng = f"{conv(spec.ge)}–{conv(spec.le)}"
    else:
        parts = []
        if lo is not None:
            parts.append(f"{'≥' if spec.ge is not None else '>'} {conv(lo)}")
        if spec.le is not None:
            parts.append(f"≤ {conv(spec.le)}")
        rng = " and ".join(parts)
    return f"{rng} {du}".strip()


def label_of(spec: FieldSpec, system: str) -> str:
    """Return the widget label: the title and the display unit, e.g. "Stature [cm]"."""
    du = display_unit(spec, system)
    return f"{spec.title} [{du}]" if du else spec.title


def help_of(spec: FieldSpec, system: str) -> str:
    """Return the widget help: how to measure (from the declaration) and the allowed range."""
    parts = [spec.help] if spec.help else []
    if spec.kind == "number":
        parts.append(f"Allowed: {bounds_text(spec, system)}.")
        if not spec.required and spec.default is None and spec.scope != "header":
            parts.append("Leave empty when not known.")
        elif spec.default is not None:
            du = display_unit(spec, system)
            shown = fmt_number(float(units.from_canonical(spec.default, spec.unit, system)), du)
            parts.append(f"Left empty: {shown} {du}.")
    return "\n\n".join(parts)


def _words(code: str) -> str:
    return str(code).replace("_", " ")


# ------------------------------------------------- assessment <-> widget state


def _number(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int | float):
        return None if math.isnan(float(v)) else float(v)
    try:
        x = float(str(v).strip())
    except ValueError:
        return None
    return None if math.isnan(x) else x


def _cell(spec: FieldSpec, v: Any, system: str, *, fill: bool = True) -> Any:
    """Return a raw (canonical) document value as widget state, or the default when unreadable.

    With ``fill=False`` (a section nobody has entered yet) a number without a value
    stays empty: a 0.00 shown in an untouched tab would read as "entered, zero".
    """
    if spec.kind == "number":
        x = _number(v)
        if x is None and fill:
            x = _number(spec.default)
        return to_display(spec, x, system)
    if spec.kind == "choice":
        return v if v in spec.choices else spec.default
    if spec.kind == "flag":
        return v if isinstance(v, bool) else bool(spec.default)
    if spec.kind == "date":
        if isinstance(v, dt.date):
            return v
        try:
            return dt.date.fromisoformat(str(v))
        except ValueError:
            return spec.default
    if spec.kind == "multi":
        return [c for c in (v or []) if c in spec.choices] if isinstance(v, list) else []
    return "" if v is None else str(v)


def rows_frame(list_id: str, items: list[Mapping[str, Any]], system: str) -> pd.DataFrame:
    """Return a list's editor table: one row per item, one column per item field, display units."""
    specs = fields_of(LISTS[list_id].scope)
    data: dict[str, pd.Series] = {}
    for spec in specs:
        cells = [
            _cell(spec, item.get(spec.name), system)
            if isinstance(item, Mapping)
            else _cell(spec, None, system)
            for item in items
        ]
        if spec.kind == "number":
            data[spec.name] = pd.Series([math.nan if c is None else c for c in cells], dtype=float)
        elif spec.kind == "flag":
            data[spec.name] = pd.Series(cells, dtype=bool)
        else:
            data[spec.name] = pd.Series(cells, dtype=object)
    return pd.DataFrame(data)


def state_from_dict(doc: Mapping[str, Any], system: str) -> tuple[dict, dict]:
    """Return (widget values, list tables) for an assessment document (a plain dict).

    The document may be invalid (a file being reopened to be corrected): what
    can be read fills its widget, the rest keeps its default. A section the
    document gives is marked given (it stays assessed even if every input is at
    its default); a section left out (not assessed) shows empty inputs and stays
    not assessed until something is entered in it.
    """
    values: dict[str, Any] = {}
    header = doc.get("header") if isinstance(doc.get("header"), Mapping) else {}
    for spec in fields_of("header"):
        values[widget_key("header", spec.name)] = _cell(spec, header.get(spec.name), system)
    rows: dict[str, pd.DataFrame] = {}
    for section in SECTIONS:
        raw = doc.get(section)
        sec = raw if isinstance(raw, Mapping) else {}
        given = isinstance(raw, Mapping)
        values[given_key(section)] = given
        for spec in fields_of(section):
            values[widget_key(section, spec.name)] = _cell(
                spec, sec.get(spec.name), system, fill=given
            )
        for info in lists_of(section):
            items = sec.get(info.attr)
            rows[info.id] = rows_frame(info.id, items if isinstance(items, list) else [], system)
    raw = doc.get(SYMPTOMS)
    sym = raw if isinstance(raw, Mapping) else {}
    values[given_key(SYMPTOMS)] = isinstance(raw, Mapping)  # kept as given, even all "no"
    for spec in fields_of(SYMPTOMS):
        values[widget_key(SYMPTOMS, spec.name)] = _cell(spec, sym.get(spec.name), system)
    return values, rows


def state_from_assessment(a: m.Assessment, system: str) -> tuple[dict, dict]:
    """Return (widget values, list tables) that show a validated assessment in the form."""
    return state_from_dict(a.model_dump(mode="python"), system)


def system_of(doc: Mapping[str, Any]) -> str:
    """Return the unit system to show a document in: US when every lifting task was entered in US."""
    lifting = doc.get(registry.factor(niosh_lifting.METHOD.factor).section)
    tasks = lifting.get("tasks") if isinstance(lifting, Mapping) else None
    if (
        isinstance(tasks, list)
        and tasks
        and all(isinstance(t, Mapping) and t.get("unit_system") == "us" for t in tasks)
    ):
        return "us"
    return "metric"


def _blank(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, str) and not v.strip():
        return True
    return isinstance(v, list | tuple) and not v


def _value_for_model(spec: FieldSpec, v: Any, system: str) -> tuple[bool, Any]:
    """Return (given, value) of one widget value for the model; blank means "not given"."""
    if spec.kind == "number":
        if _blank(v):
            return False, None
        return True, from_display(spec, v, system)
    if spec.kind == "multi":
        return True, [] if _blank(v) else list(v)
    if spec.kind in ("text",):
        return True, "" if v is None else str(v)
    if spec.kind == "flag":
        return (False, None) if v is None or _blank(v) else (True, bool(v))
    if _blank(v):
        return False, None
    return True, v


def _is_default(spec: FieldSpec, v: Any) -> bool:
    """Return True when a widget or cell value is what an untouched input holds."""
    if spec.kind in ("number", "text", "multi", "date"):
        return _blank(v)
    if spec.kind == "flag":
        return _blank(v) or bool(v) == bool(spec.default)
    return _blank(v) or v == spec.default


def _row_started(specs: tuple[FieldSpec, ...], row: Mapping[str, Any], system: str) -> bool:
    """Return True when a person typed or changed anything in a table row."""
    for spec in specs:
        v = row.get(spec.name)
        if spec.name == "unit_system":
            # A new row takes the form's unit system; only another choice is an entry.
            if not _blank(v) and v != system:
                return True
        elif not _is_default(spec, v):
            return True
    return False


def list_items(list_id: str, frame: pd.DataFrame, system: str) -> tuple[list[dict], list[int]]:
    """Return the list's items (canonical) and, per item, its row number in the table (1-based).

    A row in which nothing was typed or changed is a row the user added and left:
    it is skipped, not reported. Every other row becomes an item, however little
    was entered, so validation names its missing cells instead of dropping it.
    """
    specs = fields_of(LISTS[list_id].scope)
    items, rows = [], []
    for pos, (_, row) in enumerate(frame.iterrows(), start=1):
        if not _row_started(specs, row, system):
            continue
        item = {}
        for spec in specs:
            given, v = _value_for_model(spec, row.get(spec.name), system)
            if given:
                item[spec.name] = v
        items.append(item)
        rows.append(pos)
    return items, rows


def section_entered(
    values: Mapping[str, Any], rows: Mapping[str, pd.DataFrame], section: str, system: str
) -> bool:
    """Return True when the section was given by the file opened or something was entered."""
    if values.get(given_key(section)):
        return True
    for spec in fields_of(section)[1:]:  # the first is "not applicable"
        if not _is_default(spec, values.get(widget_key(section, spec.name))):
            return True
    for info in lists_of(section):
        frame = rows.get(info.id)
        if frame is not None and list_items(info.id, frame, system)[0]:
            return True
    return False


# A section's state as its tab shows it before (and after) submitting.
NOT_STARTED, ENTERED, NOT_APPLICABLE, PROBLEM = "not started", "entered", "n/a", "problem"


def section_status(
    values: Mapping[str, Any],
    rows: Mapping[str, pd.DataFrame],
    problems: Mapping[str, list[str]],
    section: str,
    system: str,
) -> str:
    """Return a section's state: not started, entered, n/a or problem."""
    if problems_in(problems, section):
        return PROBLEM
    if values.get(widget_key(section, "not_applicable")):
        return NOT_APPLICABLE
    return ENTERED if section_entered(values, rows, section, system) else NOT_STARTED


def _section_doc(
    values: Mapping[str, Any], rows: Mapping[str, pd.DataFrame], section: str, system: str
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """Return one section's document and, per list, the table row number of each item."""
    sec: dict[str, Any] = {}
    for spec in fields_of(section):
        given, v = _value_for_model(spec, values.get(widget_key(section, spec.name)), system)
        if given:
            sec[spec.name] = v
    numbers: dict[str, list[int]] = {}
    for info in lists_of(section):
        frame = rows.get(info.id)
        items, numbers[info.id] = (
            list_items(info.id, frame, system) if frame is not None else ([], [])
        )
        sec[info.attr] = items
    return sec, numbers


def document_from_state(
    values: Mapping[str, Any],
    rows: Mapping[str, pd.DataFrame],
    system: str,
    *,
    bare_not_applicable: frozenset[str] | set[str] = frozenset(),
) -> tuple[dict, dict[str, list[int]]]:
    """Return the assessment document (canonical units) the widgets describe.

    A section nobody entered anything in (and did not mark not applicable) is
    left out: it is *not assessed*, never "low". A section marked not applicable
    keeps what was entered in it (a reopened record saves back unchanged), or,
    when named in ``bare_not_applicable``, is sent as ``{"not_applicable": true}``
    alone, so leftovers there cannot block the submit.
    Also returns, per list, the table row number of each item (for the messages).
    """
    doc: dict[str, Any] = {"schema_version": m.SCHEMA_VERSION, "header": {}}
    for spec in fields_of("header"):
        given, v = _value_for_model(spec, values.get(widget_key("header", spec.name)), system)
        if given:
            doc["header"][spec.name] = v
    row_numbers: dict[str, list[int]] = {}
    for section in SECTIONS:
        na = bool(values.get(widget_key(section, "not_applicable")))
        if na and section in bare_not_applicable:
            doc[section] = {"not_applicable": True}
        elif na or section_entered(values, rows, section, system):
            doc[section], numbers = _section_doc(values, rows, section, system)
            row_numbers.update(numbers)
    symptoms = {s.name: bool(values.get(widget_key(SYMPTOMS, s.name))) for s in fields_of(SYMPTOMS)}
    if values.get(given_key(SYMPTOMS)) or any(symptoms.values()):
        doc[SYMPTOMS] = symptoms
    return doc, row_numbers


# ------------------------------------------------------------ problems


def _spec(scope: str, name: str) -> FieldSpec | None:
    for s in fields_of(scope):
        if s.name == name:
            return s
    return None


def _in_display_units(spec: FieldSpec, value: Any, system: str) -> str:
    """Return "" or a sentence restating a canonical-unit problem in the US units entered."""
    du = display_unit(spec, system)
    x = _number(value)
    if system != "us" or du == spec.unit or x is None:
        return ""
    shown = fmt_number(float(units.from_canonical(x, spec.unit, system)), du)
    return f" You entered {shown} {du}; allowed {bounds_text(spec, system)}."


# pydantic error types that mean "this number is outside its declared range".
RANGE_ERRORS = frozenset(
    {"greater_than", "greater_than_equal", "less_than", "less_than_equal", "finite_number"}
)
NOT_A_NUMBER = frozenset({"float_parsing", "float_type", "int_parsing", "int_type"})


def in_words(text: str, scope: str) -> str:
    """Return a model message with its field names replaced by the form's labels.

    "seat_min_cm == 60, must be <= seat_max_cm (54) [cm]." reads
    "Seat height min is 60, must be ≤ Seat height max (54) [cm]."
    """
    specs = sorted(fields_of(scope), key=lambda s: -len(s.name))
    for spec in specs:
        text = re.sub(rf"\b{re.escape(spec.name)}\b", spec.title, text)
    return text.replace(" == ", " is ").replace(">=", "≥").replace("<=", "≤")


def _lead(spec: FieldSpec, body: str, system: str) -> str:
    """Return a message that starts with the field's label (once, not twice)."""
    label = label_of(spec, system)
    if body.startswith(spec.title + " "):
        return label + body[len(spec.title) :]
    return f"{label}: {body}"


def _message(spec: FieldSpec, problem: Problem, kind: str | None, system: str) -> str:
    """Return a problem with one field as a sentence that starts with the field's label."""
    label = label_of(spec, system)
    allowed = bounds_text(spec, system)
    if kind == "missing":
        return f"{label}: missing, must be given ({allowed})."
    x = _number(problem.value)
    if kind in RANGE_ERRORS and spec.kind == "number" and x is not None:
        shown = fmt_number(
            float(units.from_canonical(x, spec.unit, system)), display_unit(spec, system)
        )
        return f"{label}: {shown} is outside the allowed range, {allowed}."
    if kind in NOT_A_NUMBER:
        return f"{label}: {problem.value!r} is not a number; allowed {allowed}."
    body = in_words(problem.message, spec.scope) + _in_display_units(spec, problem.value, system)
    return _lead(spec, body, system)


def file_problems(
    problems: list[Problem],
    system: str,
    row_numbers: Mapping[str, list[int]] | None = None,
    kinds: list[str] | None = None,
) -> dict[str, list[str]]:
    """Return the problems in the form's words, filed by the widget (or list, or section).

    ``Problem.field`` is a dotted path ("workstation.stature_cm",
    "lifting.tasks.0.h_origin_cm", "workstation" for a section-wide rule); a
    section-wide message that starts with a field name (house style:
    "stature_cm is missing, ...") is filed under that field's widget. ``kinds``
    (pydantic's error type per problem, when known) picks the sentence: every
    message names the field as its label reads ("Stature [cm]"), never its code.
    """
    out: dict[str, list[str]] = {}
    for i, p in enumerate(problems):
        kind = kinds[i] if kinds and i < len(kinds) else None
        parts = p.field.split(".")
        section = parts[0]
        msg = p.message
        if section == "header" or section in m.SECTIONS:
            first = msg.split(" ", 1)[0]
            if len(parts) >= 3 and (section, parts[1]) in LIST_SLOTS:
                info = LISTS[f"{section}.{parts[1]}"]
                k = int(parts[2]) if parts[2].isdigit() else 0
                numbers = (row_numbers or {}).get(info.id) or []
                row = numbers[k] if k < len(numbers) else k + 1
                field = len(parts) > 3
                spec = _spec(info.scope, parts[3] if field else first)
                if spec is not None and field:
                    msg = _message(spec, p, kind, system)
                elif spec is not None:  # a rule between two cells of the row
                    msg = _lead(spec, in_words(msg, info.scope), system)
                else:
                    msg = in_words(msg, info.scope)
                target = list_key(info.id)
                msg = f"{info.noun} in row {row}, {msg}"
            else:
                field = len(parts) > 1
                spec = _spec(section, parts[1] if field else first)
                if spec is not None:
                    target = widget_key(section, spec.name)
                    msg = (
                        _message(spec, p, kind, system)
                        if field
                        else _lead(spec, in_words(msg, section), system)
                    )
                else:
                    target = section_key(section)
                    msg = in_words(msg, section)
        else:  # "file", "schema_version", ...: about the document as a whole
            target = PREFIX + "document"
        out.setdefault(target, []).append(msg)
    return out


def _failing_sections(exc: ValidationError) -> set[str]:
    return {str(e["loc"][0]) for e in exc.errors(include_url=False) if e["loc"]}


def _row_names(numbers: Mapping[str, list[int]]) -> dict[str, Any]:
    """Return the validation context naming each list item by its table row ("row 3")."""
    return {"row_names": {list_id: [f"row {r}" for r in rs] for list_id, rs in numbers.items()}}


def validate(
    values: Mapping[str, Any], rows: Mapping[str, pd.DataFrame], system: str
) -> tuple[m.Assessment | None, dict[str, list[str]]]:
    """Return (the assessment, {}) for valid widget state, or (None, problems by widget key).

    A section marked not applicable keeps what was entered in it; when that
    leftover is invalid it is dropped (only "not applicable" is kept), so it
    cannot block the submit.
    """
    doc, numbers = document_from_state(values, rows, system)
    try:
        return m.Assessment.model_validate(doc, context=_row_names(numbers)), {}
    except ValidationError as exc:
        marked = {s for s in SECTIONS if values.get(widget_key(s, "not_applicable"))}
        bare = _failing_sections(exc) & marked
        if not bare:
            kinds = [e["type"] for e in exc.errors(include_url=False)]
            return None, file_problems(problems_from(exc), system, numbers, kinds)
    doc, numbers = document_from_state(values, rows, system, bare_not_applicable=bare)
    try:
        return m.Assessment.model_validate(doc, context=_row_names(numbers)), {}
    except ValidationError as exc:
        kinds = [e["type"] for e in exc.errors(include_url=False)]
        return None, file_problems(problems_from(exc), system, numbers, kinds)


def count(problems: Mapping[str, list[str]]) -> int:
    """Return the number of problem messages."""
    return sum(len(v) for v in problems.values())


def problems_in(problems: Mapping[str, list[str]], section: str) -> int:
    """Return the number of problems filed under one section (its widgets, lists and itself)."""
    return sum(
        len(v)
        for k, v in problems.items()
        if k == section_key(section) or k.startswith(section_key(section) + ".")
    )


# ------------------------------------------------------------ loading a file


def load_document(text: str | bytes, system: str) -> tuple[dict, dict, dict[str, list[str]], str]:
    """Return (widget values, list tables, problems, unit system) for a saved JSON assessment.

    A valid file fills the form as saved. An invalid one (a hand-edited value out
    of range) still fills the form with what can be read, and each problem is
    filed by its field, so it can be corrected and submitted. A file that is not
    an assessment at all leaves the form alone and says why.
    """
    from assessments import io  # the one JSON reader; imported here to keep start-up light

    items, problems = io.load_json(text)
    if items and not problems:
        if len(items) > 1:
            msg = (
                f"the file holds {len(items)} assessments; open one at a time here "
                "(the Score a file page scores many)."
            )
            return {}, {}, {PREFIX + "document": [msg]}, system
        doc = items[0].model_dump(mode="python")
        shown = system_of(doc)
        values, rows = state_from_dict(doc, shown)
        return values, rows, {}, shown
    doc, _ = io.decode_json(text)  # never raises: deep nesting, huge numbers, bad bytes
    if not isinstance(doc, dict) or "assessments" in doc:
        filed = file_problems(problems, system) or {PREFIX + "document": ["not an assessment."]}
        return {}, {}, {PREFIX + "document": [f for v in filed.values() for f in v]}, system
    shown = system_of(doc)
    values, rows = state_from_dict(doc, shown)
    try:
        m.Assessment.model_validate(doc)
    except ValidationError as exc:  # the same words as a submit of the form gives
        kinds = [e["type"] for e in exc.errors(include_url=False)]
        return values, rows, file_problems(problems_from(exc), shown, None, kinds), shown
    return values, rows, file_problems(problems, shown), shown


# -------------------------------------------------------- converting the units


def convert_values(values: Mapping[str, Any], old: str, new: str) -> dict[str, Any]:
    """Return the widget values re-expressed from one unit system in another."""
    out = dict(values)
    for spec in scalar_specs():
        key = widget_key(spec.scope, spec.name)
        if spec.kind == "number" and out.get(key) is not None:
            out[key] = to_display(spec, from_display(spec, out[key], old), new)
    return out


def convert_rows(list_id: str, frame: pd.DataFrame, old: str, new: str) -> pd.DataFrame:
    """Return a list's table re-expressed from one unit system in another.

    Each task keeps its own ``unit_system`` (the NIOSH constants it is scored with);
    only the way its numbers are shown changes.
    """
    out = frame.copy()
    for spec in fields_of(LISTS[list_id].scope):
        if spec.kind == "number" and spec.name in out:
            col = out[spec.name].astype(float)
            out[spec.name] = col.map(
                lambda x, s=spec: (
                    x if math.isnan(x) else to_display(s, from_display(s, x, old), new)
                )
            )
    return out


def apply_edits(base: pd.DataFrame, delta: Mapping[str, Any] | None) -> pd.DataFrame:
    """Return a data editor's table with its pending edits applied.

    ``delta`` is the editor's session-state value: ``edited_rows`` (row position ->
    column -> value), ``deleted_rows`` (positions) and ``added_rows`` (column -> value).
    """
    out = base.copy().reset_index(drop=True)
    if not delta:
        return out
    for pos, changes in (delta.get("edited_rows") or {}).items():
        for col, v in changes.items():
            if col in out.columns:
                out.at[int(pos), col] = math.nan if v is None and out[col].dtype == float else v
    deleted = [int(p) for p in delta.get("deleted_rows") or []]
    if deleted:
        out = out.drop(index=deleted).reset_index(drop=True)
    added = delta.get("added_rows") or []
    if added:
        new = pd.DataFrame([{c: r.get(c) for c in out.columns} for r in added], columns=out.columns)
        for col in out.columns:
            if out[col].dtype == float:
                new[col] = pd.to_numeric(new[col], errors="coerce").astype(float)
            elif out[col].dtype == bool:
                new[col] = new[col].fillna(False).astype(bool)
        out = pd.concat([out, new], ignore_index=True) if len(out) else new
    return out


# ----------------------------------------------------------------- rendering


def step_for(unit: str) -> float:
    """Return the +/- step of a number input in a display unit."""
    return STEPS.get(unit, 0.1 if DECIMALS.get(unit, 2) <= 1 else 0.05)


def render_field(
    spec: FieldSpec,
    system: str,
    problems: Mapping[str, list[str]],
    *,
    toggle: bool = False,
    on_change: Any = None,
    key: str | None = None,
) -> None:
    """Draw one field's widget from its spec, then its problems in words underneath.

    ``key`` replaces the field's own widget key (a list item's input on a card).
    """
    import streamlit as st

    key = key or widget_key(spec.scope, spec.name)
    label = label_of(spec, system)
    kw = {"key": key, "help": help_of(spec, system) or None, "on_change": on_change}
    # Each input is drawn with the value the form holds as its own default. The browser
    # starts an input it mounts again (a tab label changed, a part hidden and shown) from
    # that default, not from the value set through session state, and sends it back as
    # if the person had chosen it: without this an unopened Workstation part came back
    # as "precision", "female", no lumbar support (the first option, an unticked box).
    # These widgets are identified by their key alone, so the default may change.
    held = st.session_state.get(key)
    text = "" if held is None else str(held)  # a text input's value
    if spec.kind == "number":
        du = display_unit(spec, system)
        st.number_input(
            label,
            value=_number(held),
            step=step_for(du),
            format=f"%.{DECIMALS.get(du, 2)}f",
            placeholder=bounds_text(spec, system),
            **kw,
        )
    elif spec.kind == "choice":
        index = spec.choices.index(held) if held in spec.choices else 0
        st.selectbox(label, spec.choices, index=index, format_func=_words, **kw)
    elif spec.kind == "flag":
        (st.toggle if toggle else st.checkbox)(label, value=bool(held), **kw)
    elif spec.kind == "date":
        date = held if isinstance(held, dt.date) else None
        # The picker's range takes in the date held: Streamlit replaces a date outside it
        # (a hand-edited file's 1960-05-01 became today, or blank). Check and score names
        # a date outside the assessment window; the person corrects it, nothing is lost.
        first = min(dt.date(1970, 1, 1), date or dt.date.max)
        last = max(dt.date(2100, 12, 31), date or dt.date.min)
        st.date_input(
            label,
            value=date,
            format="YYYY-MM-DD",
            min_value=first,
            max_value=last,
            **kw,
        )
    elif spec.kind == "multi":
        # A multiselect's default is part of its identity: it cannot follow the value.
        st.multiselect(label, spec.choices, format_func=_words, **kw)
    elif spec.scope == "header" and spec.name in names.KINDS:
        render_name(spec.name, label, kw)
    elif spec.max_length and spec.max_length > 500:
        st.text_area(label, value=text, max_chars=spec.max_length, height=90, **kw)
    else:
        st.text_input(label, value=text, max_chars=spec.max_length, **kw)
    for msg in problems.get(key, ()):
        st.error(md(msg), icon=":material/error:")


def name_notes(kind: str, value: str | None, known: list[str], may_add: bool) -> list[str]:
    """Return what the form says under a site or department: new, not listed, or close to one."""
    if not value or value in known:
        return []
    label = names.KIND_LABELS[kind]
    if may_add:
        out = [
            f"New {kind}: “{value}” is added to the organisation's list of {kind}s when this "
            "assessment is saved."
        ]
    else:
        out = [
            f"{label} “{value}” is not on the organisation's list: pick one of the listed "
            f"{kind}s (an officer or administrator adds new ones)."
        ]
    close = names.warning(kind, value, known)
    return [*out, close] if close else out


def render_name(kind: str, label: str, kw: dict[str, Any]) -> None:
    """Draw a site or department picker: the organisation's list, or a new name typed in.

    A value already in the form (a loaded file, a saved record) stays an option
    even when it is not on the list, so opening a record never loses its site.
    """
    import streamlit as st

    from views import services

    store = services.store()
    known = store.names(kind)
    may_add = store.may_add(kind)
    current = st.session_state.get(kw["key"])
    if current is not None and not str(current).strip():
        # Blank is "nothing picked" to a selectbox (an empty text field held "").
        st.session_state[kw["key"]] = current = None
    options = known + ([current] if current and current not in known else [])
    typed = "pick one or type a new one" if may_add else "pick one"
    st.selectbox(
        label,
        options,
        index=options.index(current) if current in options else None,  # see render_field
        accept_new_options=may_add,
        placeholder=f"{len(known)} listed: {typed}" if known else f"Type the {kind}",
        **kw,
    )
    value = st.session_state.get(kw["key"])
    for i, note in enumerate(name_notes(kind, value, known, may_add)):
        if i == 0 and may_add:
            st.info(md(note), icon=":material/add_location_alt:")
        else:
            st.warning(md(note), icon=":material/warning:")


def render_fields(
    specs: tuple[FieldSpec, ...] | list[FieldSpec],
    system: str,
    problems: Mapping[str, list[str]],
    columns: int = 3,
    on_change: Any = None,
) -> None:
    """Draw fields row by row in ``columns`` columns (a phone stacks them in the same order)."""
    import streamlit as st

    specs = list(specs)
    for start in range(0, len(specs), columns):
        cols = st.columns(columns)
        for col, spec in zip(cols, specs[start : start + columns], strict=False):
            with col:
                render_field(spec, system, problems, on_change=on_change)


def column_config(list_id: str, system: str) -> dict[str, Any]:
    """Return the data editor's column configs, generated from the item field specs."""
    import streamlit as st

    cc = st.column_config
    out: dict[str, Any] = {}
    for spec in fields_of(LISTS[list_id].scope):
        label, help_ = label_of(spec, system), help_of(spec, system) or None
        if spec.kind == "number":
            du = display_unit(spec, system)
            out[spec.name] = cc.NumberColumn(
                label,
                help=help_,
                format=f"%.{DECIMALS.get(du, 2)}f",
                step=step_for(du) / 10 if DECIMALS.get(du, 2) else 1,
                # Never required in the editor: it holds back a new row until every
                # required cell is filled, so a half-typed row would vanish. Validation
                # names the missing cells instead.
                required=False,
            )
        elif spec.kind == "choice":
            default = system if spec.name == "unit_system" else spec.default
            out[spec.name] = cc.SelectboxColumn(
                label, help=help_, options=list(spec.choices), required=False, default=default
            )
        elif spec.kind == "flag":
            out[spec.name] = cc.CheckboxColumn(label, help=help_, default=bool(spec.default))
        elif spec.kind == "multi":
            out[spec.name] = cc.MultiselectColumn(
                label, help=help_, options=list(spec.choices), format_func=_words
            )
        else:
            out[spec.name] = cc.TextColumn(
                label, help=help_, max_chars=spec.max_length, default="", width="medium"
            )
    return out


def render_list(
    list_id: str,
    frame: pd.DataFrame,
    system: str,
    problems: Mapping[str, list[str]],
    on_change: Any = None,
    *,
    title: bool = True,
) -> None:
    """Draw a list as an editable table (rows can be added and deleted), then its problems."""
    import streamlit as st

    info = LISTS[list_id]
    if title:
        st.markdown(f"**{info.title}**")
    st.data_editor(
        frame,
        key=list_key(list_id),
        num_rows="dynamic",
        column_config=column_config(list_id, system),
        hide_index=True,
        width="stretch",
        placeholder="",
        on_change=on_change,
        args=(list_id,) if on_change else None,
    )
    for msg in problems.get(list_key(list_id), ()):
        st.error(md(msg), icon=":material/error:")


# ------------------------------------------------------------------- session
# What the pages do to the form's session state (the New assessment page and Results).


def blank_state(system: str) -> tuple[dict, dict]:
    """Return the widget state of a new form: nothing entered, every factor not assessed."""
    return state_from_dict({}, system)


def current_values() -> dict[str, Any]:
    """Return the form's values as the widgets hold them now (kept values where not drawn)."""
    import streamlit as st

    from views import state

    ss = st.session_state
    kept = ss[state.FORM_VALUES] or {}
    return {k: ss[k] if k in ss else kept.get(k) for k in state_keys()}


def current_rows() -> dict[str, pd.DataFrame]:
    """Return each list's table with the edits not yet folded into it."""
    import streamlit as st

    from views import state

    ss = st.session_state
    return {
        list_id: apply_edits(ss[state.FORM_ROWS][list_id], ss.get(list_key(list_id)))
        for list_id in LISTS
    }


def remember() -> None:
    """Copy the widgets' values into the form's kept values (a widget's on_change)."""
    import streamlit as st

    from views import state

    ss = st.session_state
    kept = ss[state.FORM_VALUES] or {}
    values = current_values()
    changed = next((k for k, v in values.items() if not _same(v, kept.get(k))), None)
    ss[state.FORM_VALUES] = values
    if changed is not None:
        worked_in(changed)


def _same(a: Any, b: Any) -> bool:
    """Return True when two kept values are equal (two empty numbers, NaN, are)."""
    return a == b or (isinstance(a, float) and isinstance(b, float) and a != a and b != b)


def worked_in(key: str) -> None:
    """Note the tab a widget or table key is on ("form.lifting.tasks": "lifting").

    The tabs do not report which one is open (see views.new_assessment.draw_tabs), so the
    tab last worked in is the one the form opens on when drawn anew (back from a page).
    """
    import streamlit as st

    from views import state

    st.session_state[state.FORM_TAB] = key.removeprefix(PREFIX).split(".", 1)[0]


def remember_edits(list_id: str) -> None:
    """Keep a table's pending edits with the table they apply to (the editor's on_change)."""
    import copy

    import streamlit as st

    from views import state

    ss = st.session_state
    edits = dict(ss[state.FORM_EDITS] or {})
    edits[list_id] = (ss[state.FORM_ROWS][list_id], copy.deepcopy(ss.get(list_key(list_id))))
    ss[state.FORM_EDITS] = edits
    worked_in(list_key(list_id))


def fold_kept_edits() -> None:
    """Fold the kept edits of tables whose editor is not on show (back from another page).

    The edits are applied only to the very table they were made on: a table put in
    the form since (a file opened, a blank start) is not touched by stale edits.
    """
    import streamlit as st

    from views import state

    ss = st.session_state
    edits = dict(ss[state.FORM_EDITS] or {})
    rows = dict(ss[state.FORM_ROWS])
    for list_id, (base, delta) in list(edits.items()):
        if list_key(list_id) in ss:
            continue
        if rows.get(list_id) is base:
            rows[list_id] = apply_edits(base, delta)
        del edits[list_id]
    ss[state.FORM_ROWS], ss[state.FORM_EDITS] = rows, edits


def _show(values: dict, rows: dict, system: str) -> None:
    import streamlit as st

    from views import services, state

    services.show_in_form(values, rows, system)
    ss = st.session_state
    ss[state.FORM_EDITS] = None
    ss[state.ASSESSMENT] = ss[state.RESULT] = None
    ss[state.FORM_PROBLEMS] = None
    ss[state.RECORD_ID] = None
    ss[state.SAVED_FOR] = ss[state.SAVED_REF] = None
    state.open_form_tab("header")
    ss.pop(state.SAVE_CONFIRM, None)


def start_blank() -> None:
    """Empty the form for a new record (a button's on_click); nothing saved is touched."""
    import streamlit as st

    from views import state

    system = st.session_state[state.UNIT_SYSTEM]
    _show(*blank_state(system), system)
    st.toast("A blank assessment: saving it creates a new record.")


def start_copy() -> None:
    """Keep the form's inputs as the start of a new record (a button's on_click).

    The worker reference and the assessment id are cleared: the copy is another
    worker or workstation, and it gets its own id when saved.
    """
    import streamlit as st

    from views import state

    values, rows = current_values(), current_rows()
    values[widget_key("header", "worker_ref")] = ""
    values[widget_key("header", "assessment_id")] = ""
    # What one worker reported about their health is theirs, never the copy's.
    values[given_key(SYMPTOMS)] = False
    for spec in fields_of(SYMPTOMS):
        values[widget_key(SYMPTOMS, spec.name)] = False
    _show(values, rows, st.session_state[state.UNIT_SYSTEM])
    st.toast("A copy as a new record: enter the worker or workstation reference.")
