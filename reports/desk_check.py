"""The one-page PDF an employee keeps from Check my desk: their settings and advice.

The words are those of the page (``reports.desk_words``); this module only lays them out.
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table, TableStyle

from assessments import model as m
from reports.desk_words import (
    DESK_DISCLAIMER,
    ROSA_HEADING,
    SettingRow,
    advice,
    length,
    now_text,
    rosa_parts,
    setting_rows,
    settings_sentence,
)
from reports.pdf import FRAME_H, FRAME_W, Furniture, build_pdf, para, symptom_block
from reports.styles import grid
from scoring.results import AssessmentResult, Recommendation


def _settings_table(rows: list[SettingRow]) -> Table:
    data = [["", "now", "set it to", "what to do"]]
    for r in rows:
        now = now_text(r)
        data.append(
            [
                para(r.label, "cell"),
                para(now, "cell"),
                para(length(r.target_cm), "cell"),
                para(r.action, "cell"),
            ]
        )
    table = Table(
        data, colWidths=[0.3 * FRAME_W, 0.2 * FRAME_W, 0.2 * FRAME_W, 0.3 * FRAME_W], repeatRows=1
    )
    table.setStyle(TableStyle(grid(header_rows=1)))
    return table


def _parts_table(parts: list[tuple[str, list[str]]]) -> Table:
    # One row a part, its lines run together in the cell's small type: every answer away
    # from the right posture can be ticked and the page must still hold them all.
    data = [[para(label, "cell"), para(" ".join(lines), "cell")] for label, lines in parts]
    table = Table(data, colWidths=[0.18 * FRAME_W, 0.82 * FRAME_W])
    table.setStyle(TableStyle(grid(header_rows=0)))
    return table


def desk_check_story(
    a: m.Assessment,
    result: AssessmentResult,
    *,
    symptom_advice: tuple[Recommendation, ...] = (),
    generated: dt.date,
) -> list[Flowable]:
    """Return the one-page PDF's flowables: warning signs first, settings, advice, the
    chair and screen answers."""
    out: list[Flowable] = []
    if symptom_advice:
        shown = AssessmentResult(
            factors=(), overall_band=-1, n_high=0, symptom_advice=symptom_advice
        )
        out += symptom_block(a, shown)
    out += [
        para("My desk settings", "title"),
        para(f"Check my desk, {generated.isoformat()}", "subtitle"),
    ]
    rows = setting_rows(a.workstation, result.desk_targets)
    if rows:
        out += [
            para(settings_sentence(a.workstation, result.desk_targets)),
            _settings_table(rows),
            Spacer(1, 6),
        ]
    for limit in result.desk_limits:
        out.append(para(limit[0].upper() + limit[1:] + "."))
    todo, everyday = advice(result)
    if todo:
        out += [para("What you can do", "h2"), *[para(f"• {t}") for t in todo]]
    office = rosa_parts(a.office_workstation, result.desk_targets)
    if office:  # after What you can do, as on the page
        out += [para(ROSA_HEADING, "h2"), _parts_table(office)]
    out += [para("Good habits for everyone", "h2"), *[para(f"• {t}") for t in everyday]]
    return out


def desk_check_pdf(
    a: m.Assessment,
    result: AssessmentResult,
    *,
    symptom_advice: tuple[Recommendation, ...] = (),
    generated: dt.date | None = None,
    invariant: bool = False,
) -> bytes:
    """Return the one-page PDF of an employee's own settings and advice to keep."""
    generated = generated or dt.date.today()
    furniture = Furniture(
        header_left="Check my desk",
        header_right="My settings",
        footer_left=f"Ergo · Check my desk · {generated.isoformat()}",
        disclaimer=DESK_DISCLAIMER,  # the one page has no Methods section to point to
    )
    story = desk_check_story(a, result, symptom_advice=symptom_advice, generated=generated)
    # One page, as promised on the button: both warning signs and every chair and screen
    # answer at its worst run a little over, and are then set a little smaller instead.
    page = KeepInFrame(FRAME_W, FRAME_H - 1, story, mode="shrink")
    return build_pdf([page], furniture, title="My desk settings", invariant=invariant)
