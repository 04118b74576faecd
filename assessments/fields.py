"""The input catalogue: one walk over the model's field declarations.

The form's widgets and bounds, the CSV columns, the vectorised validator, the
JSON Schema and the PDF's input tables all come from :func:`input_fields`; no
bound or label is typed twice.
"""

from __future__ import annotations

import datetime as dt
import math
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from assessments import model as m

LIST_SLOTS = {  # list field -> (CSV slot prefix, item model)
    ("lifting", "tasks"): ("task", m.LiftingTask),
    ("vibration", "tools"): ("tool", m.HandArmTool),
    ("vibration", "sources"): ("source", m.WholeBodySource),
    ("hand_exertion", "tasks"): ("task", m.HandTask),
    ("push_pull_carry", "tasks"): ("task", m.PushPullCarryTask),
}


@dataclass(frozen=True)
class FieldSpec:
    """One input as declared in the model."""

    scope: str  # "header", a section name, or a list scope like "lifting.task"
    name: str
    kind: str  # "number", "choice", "flag", "text", "date", "multi"
    title: str
    help: str
    unit: str
    required: bool
    default: Any
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    whole: bool = False  # a whole number (a checklist score)

    def bounds_text(self) -> str:
        """Return the allowed range in words, e.g. ">= 0 and <= 200 [cm]"."""
        if self.kind in ("choice", "multi"):
            return "one of: " + ", ".join(self.choices)
        if self.kind == "flag":
            return "one of: true, false, yes, no, 1, 0"  # the words io.TRUE_WORDS reads
        if self.kind == "text":
            return f"at most {self.max_length} characters" if self.max_length else "any text"
        parts = []
        if self.ge is not None:
            parts.append(f">= {self.ge:g}")
        if self.gt is not None:
            parts.append(f"> {self.gt:g}")
        if self.le is not None:
            parts.append(f"<= {self.le:g}")
        rng = " and ".join(parts)
        return f"{rng} [{self.unit}]" if self.unit else rng

    def column(self, slot: int | None = None) -> str:
        """Return the flat CSV column name (slot numbers start at 1)."""
        if "." in self.scope:
            section, item = self.scope.split(".")
            return f"{section}.{item}{slot}.{self.name}"
        if self.scope == "header":
            return self.name
        return f"{self.scope}.{self.name}"


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """Return the annotation without ``| None`` and whether None was allowed."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], len(args) < len(typing.get_args(annotation))
    return annotation, False


def _specs_of(model: type[BaseModel], scope: str) -> list[FieldSpec]:
    out = []
    for name, info in model.model_fields.items():
        if (scope.split(".")[0], name) in LIST_SLOTS:
            continue
        ann, _ = _unwrap(info.annotation)
        extra = info.json_schema_extra or {}
        kw: dict[str, Any] = {}
        for meta in info.metadata:
            for bound in ("ge", "gt", "le"):
                if getattr(meta, bound, None) is not None:
                    kw[bound] = float(getattr(meta, bound))
            if getattr(meta, "max_length", None) is not None:
                kw["max_length"] = int(meta.max_length)
        if typing.get_origin(ann) is Literal:
            kind, kw["choices"] = "choice", tuple(typing.get_args(ann))
        elif typing.get_origin(ann) is list:
            kind = "multi"
            kw["choices"] = tuple(typing.get_args(typing.get_args(ann)[0]))
        elif ann is bool:
            kind = "flag"
        elif ann is float:
            kind = "number"
        elif ann is dt.date:
            kind = "date"
        else:
            kind = "text"
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        out.append(
            FieldSpec(
                scope=scope,
                name=name,
                kind=kind,
                title=info.title or name,
                help=info.description or "",
                unit=extra.get("unit", ""),
                whole=bool(extra.get("whole", False)),
                required=info.is_required(),
                default=default,
                **kw,
            )
        )
    return out


@cache
def input_fields() -> tuple[FieldSpec, ...]:
    """Return every input field: header, section and list-item fields, then symptoms."""
    specs = _specs_of(m.Header, "header")
    for section, model in m.SECTIONS.items():
        specs += _specs_of(model, section)
        for (sec, _), (item, item_model) in LIST_SLOTS.items():
            if sec == section:
                specs += _specs_of(item_model, f"{section}.{item}")
    # The red flags the worker reports: not a factor, but typed and kept like one.
    specs += _specs_of(m.Symptoms, "symptoms")
    return tuple(specs)


def fields_of(scope: str) -> tuple[FieldSpec, ...]:
    """Return the field specs of one scope ("header", "workstation", "lifting.task", ...)."""
    found = tuple(f for f in input_fields() if f.scope == scope)
    if not found:
        valid = sorted({f.scope for f in input_fields()})
        raise KeyError(f"scope == {scope!r}, must be one of: {', '.join(valid)}.")
    return found


def field_spec(scope: str, name: str) -> FieldSpec:
    """Return one field's spec; unknown names are answered with the valid ones."""
    for f in fields_of(scope):
        if f.name == name:
            return f
    valid = ", ".join(f.name for f in fields_of(scope))
    raise KeyError(f"field == {name!r} in {scope}, must be one of: {valid}.")


# ---------------------------------------------------------------- error messages


@dataclass(frozen=True)
class Problem:
    """One invalid input: where, which field, the value given and what is allowed."""

    row: int | None  # 1-based data row in a file; None for a single assessment
    field: str  # dotted path, e.g. "lifting.tasks.0.h_origin_cm" or a CSV column
    value: Any
    message: str  # "h_origin_cm == -3, must be >= 0 [cm]."

    def line(self) -> str:
        """Return the problem as one line: row, field, value, allowed range."""
        where = f"row {self.row}: " if self.row is not None else ""
        return f"{where}{self.field}: {self.message}"


def _spec_for_loc(loc: tuple) -> FieldSpec | None:
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return None
    name = names[-1]
    scope = "header" if names[0] == "header" else names[0]
    if len(names) >= 3 and (names[0], names[1]) in LIST_SLOTS:
        scope = f"{names[0]}.{LIST_SLOTS[(names[0], names[1])][0]}"
    try:
        return field_spec(scope, name)
    except KeyError:
        return None


def _fmt_value(v: Any) -> str:
    if isinstance(v, float) and not math.isnan(v):
        return f"{v:g}"
    return repr(v) if isinstance(v, str) else str(v)


def problems_from(
    error: ValidationError, *, row: int | None = None, prefix: str = ""
) -> list[Problem]:
    """Return house-style problems for a pydantic ValidationError."""
    out = []
    for e in error.errors(include_url=False):
        loc = tuple(e["loc"])
        path = prefix + ".".join(str(p) for p in loc)
        spec = _spec_for_loc(loc)
        name = spec.name if spec else (str(loc[-1]) if loc else "input")
        value = e.get("input")
        kind = e["type"]
        if kind == "value_error":
            msg = str(e["ctx"]["error"]) if "ctx" in e else e["msg"]
        elif kind == "missing":
            rng = f" ({spec.bounds_text()})" if spec else ""
            msg = f"{name} is missing, must be given{rng}."
        elif kind == "extra_forbidden":
            msg = f"{name} is not an input of this form; remove it or check its spelling."
        elif spec is not None:
            msg = f"{name} == {_fmt_value(value)}, must be {spec.bounds_text()}."
        else:
            msg = f"{name} == {_fmt_value(value)}: {e['msg']}."
        out.append(Problem(row=row, field=path, value=value, message=msg))
    return out
