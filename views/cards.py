"""Lifting tasks, tools and vehicles entered one at a time, as cards that fit a phone.

A 16-column table shows two columns on a 390 px screen; a card shows one item's
inputs stacked, the required ones first and the others (asymmetry, coupling,
duration, ...) in a "More" section with their help text, as the NIOSH Lifting
Equation app asks for one task at a time. Each list has a switch between the
cards and the table, kept with the draft.

A card is another way of editing the *same* table the data editor edits
(``state.FORM_ROWS``): each change goes through :func:`views.form.apply_edits`
as an editor edit would, so a card and a table row end in the same model rows,
are named by the same row number when incomplete, and nothing is scored while
one is. Switching folds the editor's pending edits into the table first, so
nothing typed is lost.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from assessments.fields import FieldSpec, fields_of
from views import form, state
from views.text import md

CARDS, TABLE = "cards", "table"
VIEW_NAMES = {CARDS: "One at a time", TABLE: "Table"}

ss = st.session_state


# ----------------------------------------------------------------------- keys


def view_key(list_id: str) -> str:
    """Return the key of a list's view switch, e.g. "form.lifting.tasks._view"."""
    return f"{form.list_key(list_id)}._view"


def card_key(list_id: str, pos: int, name: str) -> str:
    """Return the key of one input on a card, e.g. "form.lifting.tasks.card0.load_kg"."""
    return f"{form.list_key(list_id)}.card{pos}.{name}"


# --------------------------------------------------------------- pure parts


def is_handheld(headers: Mapping[str, str]) -> bool:
    """Return True when the browser's request headers say it is a phone or a tablet.

    Chromium sends the ``Sec-CH-UA-Mobile`` client hint; other browsers put
    "Mobi" (phones) or "Android" / "iPad" (tablets) in their user agent, the
    test MDN recommends ("Browser detection using the user agent").
    """
    low = {str(k).lower(): str(v) for k, v in headers.items()}
    if low.get("sec-ch-ua-mobile") == "?1":
        return True
    agent = low.get("user-agent", "")
    return any(word in agent for word in ("Mobi", "Android", "iPad"))


def split_specs(scope: str) -> tuple[tuple[FieldSpec, ...], tuple[FieldSpec, ...]]:
    """Return an item's inputs as (on the card: the name and the required ones, under More)."""
    specs = fields_of(scope)
    main = tuple(s for s in specs if s.name == "name" or s.required)
    return main, tuple(s for s in specs if s not in main)


def blank_item(list_id: str, system: str) -> dict[str, Any]:
    """Return a new card's cells as the data editor fills a row added to the table."""
    out: dict[str, Any] = {}
    for spec in fields_of(form.LISTS[list_id].scope):
        if spec.kind == "choice":
            out[spec.name] = system if spec.name == "unit_system" else spec.default
        elif spec.kind == "flag":
            out[spec.name] = bool(spec.default)
        elif spec.kind == "text":
            out[spec.name] = ""
        elif spec.kind == "multi":
            out[spec.name] = []
        else:
            out[spec.name] = None  # a number column has no default in the editor
    return out


def shown_value(spec: FieldSpec, cell: Any, system: str) -> Any:
    """Return a table cell (display units) as the card's widget holds it."""
    if spec.kind == "number":
        return None if form._blank(cell) else float(cell)
    if spec.kind == "choice":
        if cell in spec.choices:
            return cell
        return system if spec.name == "unit_system" else spec.default
    if spec.kind == "flag":
        return False if form._blank(cell) else bool(cell)
    if spec.kind == "multi":
        return list(cell) if isinstance(cell, list | tuple) else []
    return "" if form._blank(cell) else str(cell)


def with_edit(frame: pd.DataFrame, pos: int, name: str, value: Any) -> pd.DataFrame:
    """Return the table with one cell changed, as the data editor changes it."""
    return form.apply_edits(frame, {"edited_rows": {pos: {name: value}}})


def with_added(frame: pd.DataFrame, list_id: str, system: str) -> pd.DataFrame:
    """Return the table with a blank item added at its end, as the editor's "Add row" does."""
    return form.apply_edits(frame, {"added_rows": [blank_item(list_id, system)]})


def without(frame: pd.DataFrame, pos: int) -> pd.DataFrame:
    """Return the table with one item removed, as the editor's "Delete row" does."""
    return form.apply_edits(frame, {"deleted_rows": [pos]})


def card_state(list_id: str, frame: pd.DataFrame, pos: int, system: str) -> tuple[str, list[str]]:
    """Return a card's state ("empty", "incomplete" or "ready") and its required inputs missing.

    The same test as the form's: a card nothing was typed in is left out; any
    other is an item, checked on submit like a table row.
    """
    items, _ = form.list_items(list_id, frame.iloc[[pos]], system)
    if not items:
        return "empty", []
    missing = [
        form.label_of(s, system)
        for s in fields_of(form.LISTS[list_id].scope)
        if s.required and s.name not in items[0]
    ]
    return ("incomplete" if missing else "ready"), missing


def summary(list_id: str, row: Mapping[str, Any], system: str) -> str:
    """Return the values a closed card shows, e.g. "Load (average) 9 kg · H at origin 30 cm"."""
    main, _ = split_specs(form.LISTS[list_id].scope)
    parts = []
    for spec in main:
        v = row.get(spec.name)
        if spec.kind == "number" and not form._blank(v):
            du = form.display_unit(spec, system)
            parts.append(f"{spec.title} {form.fmt_number(float(v), du)} {du}".strip())
    return " · ".join(parts)


# ------------------------------------------------------------------ session


def view_of(list_id: str) -> str:
    """Return how a list is entered: as chosen in this draft, else cards on a handheld."""
    chosen = (ss.get(state.FORM_VIEWS) or {}).get(list_id)
    if chosen in VIEW_NAMES:
        return chosen
    return CARDS if is_handheld(st.context.headers or {}) else TABLE


def _rows() -> dict[str, pd.DataFrame]:
    return dict(ss[state.FORM_ROWS])


def _put(list_id: str, frame: pd.DataFrame) -> None:
    """Replace one list's table (never mutated in place: see views.state)."""
    rows = _rows()
    rows[list_id] = frame
    ss[state.FORM_ROWS] = rows


def _open(list_id: str) -> int | None:
    return (ss.get(state.FORM_CARD) or {}).get(list_id)


def _set_open(list_id: str, pos: int | None) -> None:
    opened = dict(ss.get(state.FORM_CARD) or {})
    opened[list_id] = pos
    ss[state.FORM_CARD] = opened


def fold_editor(list_id: str) -> None:
    """Fold the table editor's pending edits into the list's table (before a switch)."""
    _put(list_id, form.apply_edits(ss[state.FORM_ROWS][list_id], ss.get(form.list_key(list_id))))
    ss.pop(form.list_key(list_id), None)  # the editor starts again from the folded table
    edits = dict(ss.get(state.FORM_EDITS) or {})
    edits.pop(list_id, None)
    ss[state.FORM_EDITS] = edits


def _view_changed(list_id: str) -> None:
    form.worked_in(form.list_key(list_id))
    fold_editor(list_id)
    views = dict(ss.get(state.FORM_VIEWS) or {})
    views[list_id] = ss[view_key(list_id)]
    ss[state.FORM_VIEWS] = views


def _card_changed(list_id: str, pos: int, spec: FieldSpec) -> None:
    form.worked_in(form.list_key(list_id))
    value = ss[card_key(list_id, pos, spec.name)]
    if spec.kind == "number" and value is None:
        value = math.nan
    _put(list_id, with_edit(ss[state.FORM_ROWS][list_id], pos, spec.name, value))


def _add(list_id: str) -> None:
    frame = with_added(ss[state.FORM_ROWS][list_id], list_id, ss[state.UNIT_SYSTEM])
    _put(list_id, frame)
    _set_open(list_id, len(frame) - 1)


def _remove(list_id: str, pos: int) -> None:
    _put(list_id, without(ss[state.FORM_ROWS][list_id], pos))
    opened = _open(list_id)
    _set_open(list_id, None if opened in (None, pos) else opened - (opened > pos))


# ---------------------------------------------------------------- rendering


def render_entry(list_id: str, system: str, problems: Mapping[str, list[str]]) -> None:
    """Draw a list's title and view switch, then its cards or its table."""
    info = form.LISTS[list_id]
    view = view_of(list_id)
    ss[view_key(list_id)] = view
    st.markdown(f"**{info.title}**")
    st.radio(
        f"Enter the {info.title.lower()}",
        list(VIEW_NAMES),
        format_func=VIEW_NAMES.get,
        horizontal=True,
        key=view_key(list_id),
        on_change=_view_changed,
        args=(list_id,),
        help="One at a time: a card per item, its inputs one under the other (a phone or "
        "tablet). Table: every item in one row (a desk). Both edit the same list; switching "
        "keeps what was typed.",
    )
    if view == TABLE:
        frame = ss[state.FORM_ROWS][list_id]
        form.render_list(
            list_id, frame, system, problems, on_change=form.remember_edits, title=False
        )
        return
    render_cards(list_id, system)
    for msg in problems.get(form.list_key(list_id), ()):
        st.error(md(msg), icon=":material/error:")


def render_cards(list_id: str, system: str) -> None:
    """Draw one card per item (the open one with its inputs) and the button that adds one."""
    info = form.LISTS[list_id]
    frame = ss[state.FORM_ROWS][list_id]
    opened = _open(list_id)
    item = next(s for s in fields_of(info.scope) if s.name == "name").title
    if not len(frame):
        st.caption(f"No {item.lower()} entered yet.")
    for pos in range(len(frame)):
        with st.container(border=True):
            _card(list_id, frame, pos, system, is_open=pos == opened)
    st.button(
        f"Add a {item.lower()}",
        key=f"{form.list_key(list_id)}._add",
        on_click=_add,
        args=(list_id,),
        icon=":material/add:",
    )


def _card(list_id: str, frame: pd.DataFrame, pos: int, system: str, *, is_open: bool) -> None:
    info = form.LISTS[list_id]
    row = frame.iloc[pos].to_dict()
    name = shown_value(fields_of(info.scope)[0], row.get("name"), system)
    st.markdown(f"**{info.noun} {pos + 1}**" + (f": {md(name)}" if name else ""))
    status, missing = card_state(list_id, frame, pos, system)
    if status == "empty":
        st.caption("Nothing entered yet: an empty card is left out.")
    elif status == "incomplete":
        st.warning(
            f"Incomplete, nothing is scored until it is given: {', '.join(missing)}.",
            icon=":material/pending:",
        )
    if is_open:
        _inputs(list_id, row, pos, system)
    elif status != "empty":
        st.caption(summary(list_id, row, system))
    left, right = st.columns(2)
    base = f"{form.list_key(list_id)}.card{pos}"
    if is_open:
        left.button("Done", key=f"{base}._done", on_click=_set_open, args=(list_id, None))
    else:
        left.button("Edit", key=f"{base}._edit", on_click=_set_open, args=(list_id, pos))
    right.button(
        "Remove", key=f"{base}._remove", on_click=_remove, args=(list_id, pos), type="tertiary"
    )


def _inputs(list_id: str, row: Mapping[str, Any], pos: int, system: str) -> None:
    """Draw an open card's inputs: the required ones, then the others under More."""
    main, more = split_specs(form.LISTS[list_id].scope)
    _fields(list_id, main, row, pos, system)
    if more:
        with st.expander("More: " + ", ".join(s.title for s in more)):
            _fields(list_id, more, row, pos, system)


def _fields(
    list_id: str, specs: tuple[FieldSpec, ...], row: Mapping[str, Any], pos: int, system: str
) -> None:
    for spec in specs:
        key = card_key(list_id, pos, spec.name)
        ss[key] = shown_value(spec, row.get(spec.name), system)  # the table is the truth
        change = functools.partial(_card_changed, list_id, pos, spec)
        form.render_field(spec, system, {}, key=key, on_change=change)
