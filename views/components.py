"""How a scored assessment is shown: shared by the Results page and any page that shows one.

Everything here reads result objects (scoring.results) and chart descriptions
(reports.profile); nothing is scored or re-banded here. The what-if helpers
change one input of a copy of the assessment and hand it back to
assessments.evaluate.score_assessment.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
from pydantic import ValidationError

import scoring
from assessments import io, units
from assessments import model as m
from assessments.fields import LIST_SLOTS, FieldSpec, fields_of, problems_from
from presentation.formatting import format_metric
from reports.charts import profile_figure
from reports.profile import BAND_COLOURS, BAND_TEXT_COLOURS, NOT_APPLICABLE_COLOUR, profile_chart
from reports.wording import no_action_sentence, nothing_scored_sentence
from scoring import registry
from scoring.bands import HIGH, NOT_APPLICABLE
from scoring.results import AssessmentResult, DetailTable, FactorResult, Metric
from scoring.workstation_height import TARGET_TO_INPUT
from views import form, state
from views.text import md

TARGET_LABELS = {  # AssessmentResult.desk_targets key -> words (scoring.workstation_height)
    "chair_cm": "chair",
    "footrest_cm": "footrest",
    "desk_cm": "desk",
    "monitor_top_cm": "top of screen",
    "viewing_distance_cm": "viewing distance",
    "standing_surface_cm": "standing desk",
    "standing_monitor_top_cm": "top of screen when standing",
}
ADJUSTABLE = frozenset(TARGET_TO_INPUT.values())


def page_link(page: Path, label: str) -> None:
    """Draw a link to another page; outside the router (a page run alone) write its name."""
    try:
        st.page_link(page, label=label, icon=":material/arrow_forward:")
    except st.errors.StreamlitAPIException:
        st.caption(f"Open the {label} page.")


# ------------------------------------------------------------------ formatting


def metric_text(metric: Metric) -> str:
    """Return a metric as a professional reads it: durations as "1 h 24 min", else value and unit."""
    return format_metric(metric.value, metric.unit, metric.decimals)


def cell(v) -> str:
    """Return one table cell as text (floats without trailing zeros)."""
    if isinstance(v, float):
        return "n/a" if math.isnan(v) else f"{v:g}"
    return str(v)


def detail_frame(table: DetailTable) -> pd.DataFrame:
    """Return a result's table of intermediate values as a DataFrame of text cells."""
    return pd.DataFrame([[cell(v) for v in row] for row in table.rows], columns=list(table.columns))


def band_badge(band: int, name: str) -> str:
    """Return HTML for a band name on its profile colour (only our own words go in here)."""
    colour = NOT_APPLICABLE_COLOUR if band == NOT_APPLICABLE else BAND_COLOURS[band]
    text = "#000000" if band == NOT_APPLICABLE else BAND_TEXT_COLOURS[band]
    return (
        f'<span style="background:{colour};color:{text};border:1px solid #000;'
        f'border-radius:0.3rem;padding:0.05rem 0.45rem;font-weight:600">{name}</span>'
    )


def factor_summary(f: FactorResult) -> str:
    """Return "very high (borderline): CLI 3.96" for a scored factor."""
    mark = " (borderline)" if f.borderline else ""
    value = f": {f.headline.label} {metric_text(f.headline)}" if f.headline else ""
    return f"{f.band_name}{mark}{value}"


def targets_text(targets: dict[str, float], system: str) -> str:
    """Return the personal workstation settings, e.g. "chair 54 cm · footrest 9 cm · ..."."""
    parts = []
    for key, value in targets.items():
        if value is None or math.isnan(value) or (key == "footrest_cm" and value <= 0):
            continue
        label = TARGET_LABELS.get(key, key.removesuffix("_cm").replace("_", " "))
        text = f"{label} {value:.0f} cm"
        if system == "us":
            text += f" ({units.cm_to_in(value):.1f} in)"
        parts.append(text)
    return " · ".join(parts)


def ordered(result: AssessmentResult) -> list[FactorResult]:
    """Return the scored factors, worst band first (engine order within a band)."""
    scored = [f for f in result.factors if f.applicable and f.band != NOT_APPLICABLE]
    return sorted(scored, key=lambda f: -f.band)


# ---------------------------------------------------------------- page pieces


def header(a: m.Assessment) -> None:
    """Draw who, where and when the assessment is about."""
    h = a.header
    who = " · ".join(
        md(x) for x in (h.organisation, h.site, h.department, h.job_title, h.worker_ref) if x
    )
    st.markdown(who or "*No organisation, site or job entered.*")
    by = f"assessed by {md(h.assessor)}" if h.assessor else "assessor not entered"
    ref = f" · id {md(h.assessment_id)}" if h.assessment_id else ""
    st.caption(f"{h.date.isoformat()} · {h.assessment_type} · {by}{ref}")


def red_flags(a: m.Assessment, result: AssessmentResult) -> None:
    """Draw the red-flag advice first, emergency care before a clinician, with what was reported."""
    if not result.symptom_advice:
        return
    reported = [
        s.title for s in fields_of("symptoms") if a.symptoms and getattr(a.symptoms, s.name)
    ]
    for r in result.symptom_advice:
        urgent = r.id == "SYMPTOMS-EMERGENCY"
        head = "Seek emergency care now" if urgent else "See a clinician soon"
        body = r.employee_text if a.header.assessment_type == "self" else r.officer_text
        text = f"**{head}.** {md(body)}  \nSource: {md(r.source)}"
        if urgent:
            st.error(text, icon=":material/emergency:")
        else:
            st.warning(text, icon=":material/stethoscope:")
    st.caption("Reported by the worker: " + "; ".join(md(x) for x in reported) + ".")


def overall(result: AssessmentResult, system: str) -> None:
    """Draw the overall band, the factors at high or above first, and any desk targets."""
    if result.overall_band == NOT_APPLICABLE:
        st.markdown(
            f"**Overall:** {md(result.overall_status)}. {md(nothing_scored_sentence(result))}"
        )
    else:
        n = result.n_high
        st.markdown(
            f"**Overall:** {band_badge(result.overall_band, result.overall_band_name)} "
            f"&nbsp; {n} factor{'s' if n != 1 else ''} at high or above",
            unsafe_allow_html=True,
        )
    high = [f for f in ordered(result) if f.band >= HIGH]
    for f in high:
        st.markdown(f"- **{md(f.title)}** — {md(factor_summary(f))}. {md(f.why)}")
    if result.desk_targets:
        text = targets_text(result.desk_targets, system)
        if text:
            st.markdown(f"**Personal workstation settings:** {md(text)}")
    st.caption("A screening result, not a diagnosis.")


def profile(result: AssessmentResult) -> None:
    """Draw the risk profile chart."""
    st.plotly_chart(
        profile_figure(profile_chart(result)),
        width="stretch",
        theme=None,  # the figure's own black-on-white styling, as printed
        config={"displayModeBar": False, "responsive": True},
    )


def recommendations(result: AssessmentResult, *, employee: bool = False) -> None:
    """Draw the recommendations, already ranked by the risk they remove.

    ``employee``: a self-assessment, read by the employee, gets each action in plain
    words (the employee text), as its PDF does.
    """
    if not result.recommendations:
        st.write(no_action_sentence(result))
        return
    titles = {f.factor: f.title for f in result.factors}
    for k, r in enumerate(result.recommendations, start=1):
        effect = md(r.effect) if r.effect else "not quantified"
        with st.container(border=True):
            text = r.employee_text if employee else r.officer_text
            st.markdown(
                f"**{k}. {md(text)}**  \nControl level: **{r.control}** · Expected effect: {effect}"
            )
            st.caption(f"{md(titles.get(r.factor, r.factor))} · Source: {md(r.source)}")


def factor_details(result: AssessmentResult) -> None:
    """Draw each scored factor: why, native metrics, intermediate values, drivers."""
    for f in ordered(result):
        method = scoring.method(f.method)
        with st.expander(f"{f.title} — {factor_summary(f)}", expanded=f.band >= HIGH):
            st.markdown(md(f.why))
            if f.borderline:
                st.warning("Borderline: the value is within 10 % of a band edge.", icon="⚖️")
            if f.metrics:
                st.markdown(
                    "\n".join(f"- {md(x.label)}: **{md(metric_text(x))}**" for x in f.metrics)
                )
            for table in f.tables:
                st.markdown(f"**{md(table.title)}**")
                st.dataframe(
                    detail_frame(table),
                    hide_index=True,
                    width="stretch",
                    # The first column names the row (the task, the tool): it stays in
                    # view while a wide table (the NIOSH multipliers) scrolls sideways.
                    column_config={table.columns[0]: st.column_config.Column(pinned=True)},
                )
            if f.drivers:
                st.markdown("**Drivers**\n" + "\n".join(f"- {md(d)}" for d in f.drivers))
            if f.reason:
                st.caption(md(f.reason))
            st.caption(f"Method: {md(method.title)} — {md(method.edition)}")
    skipped = [f for f in result.factors if not f.applicable or f.band == NOT_APPLICABLE]
    for status in ("not assessed", "not applicable"):
        these = [f for f in skipped if f.status == status]
        if these:
            st.markdown(
                f"**{status.capitalize()}:** "
                + "; ".join(f"{md(f.title)} ({md(f.reason or 'not scored')})" for f in these)
            )


# ------------------------------------------------------------------- downloads


def file_stem(a: m.Assessment) -> str:
    """Return a safe file name stem for an assessment, e.g. "EX-WAREHOUSE-1"."""
    h = a.header
    raw = h.assessment_id or h.worker_ref or f"assessment-{h.date.isoformat()}"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", raw).strip("-.") or "assessment"


def pdf_builder(
    a: m.Assessment, result: AssessmentResult, saved_by: str = "", actions=None
) -> Callable[[], bytes]:
    """Return a callable that builds the PDF report when the download is clicked.

    ``actions`` maps a recommendation id to its action's (status, owner, due date).
    """

    def build() -> bytes:
        # Imported here: the PDF module is heavy and may land after this page.
        from reports.pdf import assessment_pdf

        return assessment_pdf(
            a, result, generated=dt.date.today(), saved_by=saved_by, actions=actions
        )

    return build


def downloads(a: m.Assessment, result: AssessmentResult) -> None:
    """Draw the downloads: the assessment as JSON (reopens in the form) and the PDF report."""
    stem = file_stem(a)
    left, right = st.columns(2)
    with left:
        st.download_button(
            "Download the assessment (JSON)",
            data=io.dump_json(a),
            file_name=f"{stem}.json",
            mime="application/json",
            key=state.DOWNLOAD_JSON,
            on_click="ignore",
            icon=":material/download:",
            help="The inputs as entered; open the file on the New assessment page to edit it.",
        )
    with right:
        ready = importlib.util.find_spec("reports.pdf") is not None
        st.download_button(
            "Download the PDF report",
            data=pdf_builder(a, result) if ready else b"",
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            key=state.DOWNLOAD_PDF,
            on_click="ignore",
            icon=":material/picture_as_pdf:",
            disabled=not ready,
            help="The report for the file: result, profile, each factor, actions, sign-off.",
        )
        if not ready:
            st.caption("The PDF report is not available in this version.")


# --------------------------------------------------------------------- what if


@dataclass(frozen=True)
class WhatIfInput:
    """One numeric input of an assessment that the what-if panel can change."""

    id: str  # "lifting.tasks.0.h_origin_cm" or "workstation.seat_height_cm"
    factor: str
    label: str  # "Task 1 (Carton from pallet): H at origin"
    spec: FieldSpec
    value: float | None  # current value, canonical unit


def what_if_inputs(a: m.Assessment, result: AssessmentResult) -> dict[str, list[WhatIfInput]]:
    """Return, per scored factor, the numeric inputs of the assessment behind it."""
    out: dict[str, list[WhatIfInput]] = {}
    for f in ordered(result):
        record = registry.factor(f.factor)
        section = record.section
        sec = getattr(a, section)
        if sec is None:
            continue
        found: list[WhatIfInput] = []
        if record.list_scope is not None:
            scope = record.list_scope
            attr = next(at for (s, at), (it, _) in LIST_SLOTS.items() if f"{s}.{it}" == scope)
            noun = form.LISTS[f"{section}.{attr}"].noun
            for i, item in enumerate(getattr(sec, attr)):
                name = f" ({item.name})" if item.name else ""
                for spec in fields_of(scope):
                    if spec.kind == "number":
                        found.append(
                            WhatIfInput(
                                id=f"{section}.{attr}.{i}.{spec.name}",
                                factor=f.factor,
                                label=f"{noun} {i + 1}{name}: {spec.title}",
                                spec=spec,
                                value=getattr(item, spec.name),
                            )
                        )
        else:
            for spec in fields_of(section):
                if spec.kind == "number":
                    found.append(
                        WhatIfInput(
                            id=f"{section}.{spec.name}",
                            factor=f.factor,
                            label=spec.title,
                            spec=spec,
                            value=getattr(sec, spec.name),
                        )
                    )
        if found:
            # Settings the workplace can change (seat, desk, screen) before the body dimensions.
            out[f.factor] = sorted(found, key=lambda i: i.spec.name not in ADJUSTABLE)
    return out


def with_value(a: m.Assessment, input_id: str, value: float | None) -> m.Assessment:
    """Return a copy of the assessment with one input changed (canonical unit)."""
    parts = input_id.split(".")
    section = getattr(a, parts[0])
    if len(parts) == 4:
        attr, i, name = parts[1], int(parts[2]), parts[3]
        items = list(getattr(section, attr))
        items[i] = items[i].model_copy(update={name: value})
        changed = section.model_copy(update={attr: items})
    else:
        changed = section.model_copy(update={parts[1]: value})
    return a.model_copy(update={parts[0]: changed})


def checked(a: m.Assessment) -> tuple[m.Assessment | None, list[str]]:
    """Return (the assessment, []) when its values are valid, else (None, the problems in words).

    ``model_copy(update=...)`` does not validate; this runs the model's checks
    (ranges and the rules between two fields) on the changed copy.
    """
    try:
        return m.Assessment.model_validate(a.model_dump()), []
    except ValidationError as exc:
        return None, [p.message for p in problems_from(exc)]


def before_after(before: AssessmentResult, after: AssessmentResult, factor: str) -> str:
    """Return a markdown table of one factor (and the overall band) before and after a change."""
    b, a = before.factor(factor), after.factor(factor)

    def native(f: FactorResult) -> str:
        return f"{f.headline.label} {metric_text(f.headline)}" if f.headline else "—"

    def index(f: FactorResult) -> str:
        return "—" if math.isnan(f.index) else f"{f.index:.0f} / 100"

    rows = [
        ("Band", factor_summary(b).split(":")[0], factor_summary(a).split(":")[0]),
        ("Native value", native(b), native(a)),
        ("Risk index", index(b), index(a)),
        ("Overall band", before.overall_band_name, after.overall_band_name),
    ]
    lines = [f"| {md(b.title)} | before | after |", "|---|---|---|"]
    lines += [f"| {k} | {md(x)} | {md(y)} |" for k, x, y in rows]
    return "\n".join(lines)
