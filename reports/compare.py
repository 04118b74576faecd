"""Before and after: two assessments of the same worker or workstation, factor by factor.

Each factor is compared on its own method's terms: its native value ("LI 1.80
→ 1.10"), its band and its 0-100 risk index, with the change in each. Nothing
is averaged across methods: an LI and an A(8) are not on one scale,
so there is no "overall score" delta, only the overall band (the worst factor
band) before and after and the count of factors at high or above.

    from reports.compare import compare_rows, compare_pdf
    rows = compare_rows(before_result, after_result)
    data = compare_pdf(before, before_result, after, after_result)

Every string that meets Paragraph markup goes through :func:`reports.styles.esc`
(directly or through :func:`reports.pdf.para` / :func:`reports.pdf.data_table`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    TableStyle,
)

from assessments import model as m
from reports.drawing import profile_drawing
from reports.pdf import (
    FRAME_W,
    Furniture,
    Table,
    build_pdf,
    data_table,
    metric_label_text,
    metric_text,
    para,
)
from reports.profile import profile_chart
from reports.styles import DISCLAIMER, band_chip, esc, grid, styles
from scoring.bands import NOT_APPLICABLE
from scoring.results import AssessmentResult, FactorResult

CHANGE_WORDS = {-1: "better", 0: "same band", 1: "worse"}
_TYPE_TEXT = {"audit": "Audit", "self": "Self-assessment"}


# --------------------------------------------------------------------- the rows


def _scored(f: FactorResult | None) -> bool:
    return f is not None and f.applicable and f.band != NOT_APPLICABLE


def _unscored_status(f: FactorResult | None) -> str:
    """Return "not assessed" or "not applicable" for a factor that was not scored."""
    return "not assessed" if f is None else f.status


def native_text(f: FactorResult | None) -> str:
    """Return a factor's native value as read on the profile, e.g. "LI 1.80"."""
    if not _scored(f):
        return _unscored_status(f)
    return metric_label_text(f.headline) if f.headline else f.band_name


def native_change(before: FactorResult | None, after: FactorResult | None) -> str:
    """Return the native value before → after, e.g. "LI 1.80 → 1.10" (label written once)."""
    if (
        _scored(before)
        and _scored(after)
        and before.headline
        and after.headline
        and before.headline.label == after.headline.label
    ):
        b, a = metric_text(before.headline), metric_text(after.headline)
        return f"{before.headline.label} {b} → {a}"
    return f"{native_text(before)} → {native_text(after)}"


def _index(f: FactorResult | None) -> float:
    return float(f.index) if _scored(f) and not math.isnan(f.index) else math.nan


def compare_rows(before: AssessmentResult, after: AssessmentResult) -> list[dict]:
    """Return one row per factor: native value, band and risk index before and after.

    Keys of each row: ``factor``, ``title``, ``native_before``, ``native_after``,
    ``native_change`` ("LI 1.80 → 1.10"), ``band_before`` / ``band_after``
    (band codes, -1 not applicable), ``band_name_before`` / ``band_name_after``,
    ``band_change`` (+1 worse, 0 same, -1 better; None when either side is not
    applicable), ``index_before`` / ``index_after`` (0-100, NaN when not
    applicable) and ``index_delta`` (after − before, NaN when either is).
    Factors keep the engine's order; a factor is listed when either side
    assessed it. Each factor is compared with itself only, never averaged.
    """
    b_by = {f.factor: f for f in before.factors}
    a_by = {f.factor: f for f in after.factors}
    order = list(b_by) + [k for k in a_by if k not in b_by]
    rows = []
    for factor in order:
        fb, fa = b_by.get(factor), a_by.get(factor)
        if not (_scored(fb) or _scored(fa)):
            continue
        band_b = fb.band if _scored(fb) else NOT_APPLICABLE
        band_a = fa.band if _scored(fa) else NOT_APPLICABLE
        both = band_b != NOT_APPLICABLE and band_a != NOT_APPLICABLE
        ib, ia = _index(fb), _index(fa)
        rows.append(
            {
                "factor": factor,
                "title": (fb or fa).title,
                "native_before": native_text(fb),
                "native_after": native_text(fa),
                "native_change": native_change(fb, fa),
                "band_before": band_b,
                "band_after": band_a,
                "band_name_before": fb.band_name if _scored(fb) else _unscored_status(fb),
                "band_name_after": fa.band_name if _scored(fa) else _unscored_status(fa),
                "band_change": (band_a > band_b) - (band_a < band_b) if both else None,
                "index_before": ib,
                "index_after": ia,
                "index_delta": ia - ib,  # NaN when either is NaN
            }
        )
    return rows


def recommendation_changes(before: AssessmentResult, after: AssessmentResult) -> dict[str, list]:
    """Return the recommendations that were resolved, are new, and still apply.

    Keys ``resolved`` (triggered before, not after), ``new`` (after only) and
    ``still`` (both), each a list of :class:`scoring.results.Recommendation`
    in the ranking of the assessment they come from.
    """
    ids_b = {r.id for r in before.recommendations}
    ids_a = {r.id for r in after.recommendations}
    return {
        "resolved": [r for r in before.recommendations if r.id not in ids_a],
        "new": [r for r in after.recommendations if r.id not in ids_b],
        "still": [r for r in after.recommendations if r.id in ids_b],
    }


def delta_text(x: float) -> str:
    """Return a signed index change, e.g. "−20" or "+5"; "—" when not comparable."""
    if math.isnan(x):
        return "—"
    r = round(x)
    if r == 0:
        return "0"
    return f"+{r}" if r > 0 else f"−{abs(r)}"


def index_text(x: float) -> str:
    """Return a risk index as "62" or "—"."""
    return "—" if math.isnan(x) else f"{x:.0f}"


# ----------------------------------------------------------------------- the PDF


def _heading(a: m.Assessment) -> str:
    h = a.header
    return f"{h.date.isoformat()} · {h.assessment_id or 'no id'}"


def _header_table(
    before: m.Assessment, rb: AssessmentResult, after: m.Assessment, ra: AssessmentResult
) -> Table:
    st = styles()
    hb, ha = before.header, after.header

    def overall(r: AssessmentResult) -> str:
        if r.overall_band == NOT_APPLICABLE:
            return esc("nothing assessed")
        n = r.n_high
        return (
            band_chip(r.overall_band, r.overall_band_name)
            + f" {n} factor{'s' if n != 1 else ''} at high or above"
        )

    rows = [
        ("Date", hb.date.isoformat(), ha.date.isoformat()),
        ("Assessment id", hb.assessment_id or "—", ha.assessment_id or "—"),
        ("Organisation", hb.organisation or "—", ha.organisation or "—"),
        ("Site", hb.site or "—", ha.site or "—"),
        ("Department", hb.department or "—", ha.department or "—"),
        ("Job title", hb.job_title or "—", ha.job_title or "—"),
        ("Worker or workstation", hb.worker_ref or "—", ha.worker_ref or "—"),
        ("Assessor", hb.assessor or "—", ha.assessor or "—"),
        (
            "Type",
            _TYPE_TEXT.get(hb.assessment_type, hb.assessment_type),
            _TYPE_TEXT.get(ha.assessment_type, ha.assessment_type),
        ),
        ("Method version", rb.method_version or "—", ra.method_version or "—"),
    ]
    head = [Paragraph(esc(t), st["cell_head"]) for t in ("", "Before", "After")]
    data = [head] + [
        [Paragraph(esc(k), st["cell_head"]), para(b, "cell"), para(a, "cell")] for k, b, a in rows
    ]
    data.append(
        [
            Paragraph(esc("Overall result"), st["cell_head"]),
            Paragraph(overall(rb), st["cell"]),
            Paragraph(overall(ra), st["cell"]),
        ]
    )
    t = Table(data, colWidths=[0.22 * FRAME_W, 0.39 * FRAME_W, 0.39 * FRAME_W], repeatRows=1)
    cmds = grid()
    cmds.append(("BACKGROUND", (0, 1), (0, -1), "#eeeeee"))
    t.setStyle(TableStyle(cmds))
    return t


def _factor_table(rows: list[dict]) -> list[Flowable]:
    st = styles()
    head = ["Factor", "Native value before → after", "Band before", "Band after", "Index", "Δ"]
    data = [[Paragraph(esc(h), st["cell_head"]) for h in head]]
    for r in rows:
        change = CHANGE_WORDS.get(r["band_change"], "not comparable")
        data.append(
            [
                Paragraph(f"<b>{esc(r['title'])}</b>", st["cell"]),
                para(r["native_change"], "cell"),
                Paragraph(band_chip(r["band_before"], r["band_name_before"]), st["cell"]),
                Paragraph(
                    band_chip(r["band_after"], r["band_name_after"]) + f"<br/>{esc(change)}",
                    st["cell"],
                ),
                para(f"{index_text(r['index_before'])} → {index_text(r['index_after'])}", "cell"),
                para(delta_text(r["index_delta"]), "cell"),
            ]
        )
    widths = [0.17, 0.37, 0.13, 0.15, 0.11, 0.07]
    t = Table(data, colWidths=[w * FRAME_W for w in widths], repeatRows=1)
    t.setStyle(TableStyle(grid(zebra=True)))
    return [t]


def _rec_list(title: str, recs: list, titles: dict[str, str], empty: str) -> list[Flowable]:
    out: list[Flowable] = [para(title, "h3")]
    if not recs:
        return [*out, para(empty, "small")]
    rows = [(titles.get(r.factor, r.factor), r.officer_text, r.control) for r in recs]
    return out + data_table(
        ("Factor", "Action", "Control level"),
        rows,
        widths=(0.18 * FRAME_W, 0.64 * FRAME_W, 0.18 * FRAME_W),
    )


def _headlines(*results: AssessmentResult) -> dict[str, tuple[str, int]]:
    """Return factor -> (headline label, decimals) as the results name their native value."""
    out: dict[str, tuple[str, int]] = {}
    for r in results:
        for f in r.factors:
            if _scored(f) and f.headline:
                out[f.factor] = (f.headline.label, f.headline.decimals)
    return out


def _pair_text(label_dec: tuple[str, int] | None, before, after) -> str | None:
    """Return "CLI 3.96 → 2.90" from two native values (None when either is missing)."""
    if before is None or after is None or not (math.isfinite(before) and math.isfinite(after)):
        return None
    label, dec = label_dec or ("", 2)
    return f"{label} {before:.{dec}f} → {after:.{dec}f}".strip()


def verified_rows(verified: Sequence[Mapping], headlines: dict, titles: dict) -> list[tuple]:
    """Return the verified actions as the PDF's rows: factor, action, owner, date, effects."""
    rows = []
    for v in verified:
        hl = headlines.get(v["factor"])
        predicted = _pair_text(hl, v["predicted_before"], v["predicted_after"])
        measured = _pair_text(hl, v["measured_before"], v["measured_after"])
        if measured is None:
            measured = f"no follow-up; {v['reason']}" if v["reason"] else "no follow-up"
        else:
            measured += f" (revision {v['baseline_revision']} → {v['followup_revision']})"
        rows.append(
            (
                titles.get(v["factor"], "By hand") if v["factor"] else "By hand",
                v["description"],
                v["owner"] or "—",
                v["verified_on"].isoformat(),
                predicted or v["predicted_effect"] or "—",
                measured,
            )
        )
    return rows


def _verified_section(verified, headlines, titles) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(120), para("Actions verified between the two", "h2")]
    if not verified:
        return [*out, para("No corrective action was verified between these two.", "small")]
    out.append(
        para(
            "Each action with the effect its method predicted when it was made and the effect "
            "measured by the follow-up assessment that verified it (the factor's native value "
            "at the action's baseline revision and at the follow-up).",
            "small",
        )
    )
    return out + data_table(
        ("Factor", "Action", "Owner", "Verified", "Predicted", "Measured"),
        verified_rows(verified, headlines, titles),
        widths=[w * FRAME_W for w in (0.13, 0.31, 0.12, 0.11, 0.15, 0.18)],
    )


def compare_story(
    before: m.Assessment,
    before_result: AssessmentResult,
    after: m.Assessment,
    after_result: AssessmentResult,
    *,
    generated: dt.date,
    verified: Sequence[Mapping] = (),
) -> list[Flowable]:
    """Return the before/after report's flowables in reading order."""
    rows = compare_rows(before_result, after_result)
    changes = recommendation_changes(before_result, after_result)
    titles = {f.factor: f.title for f in (*before_result.factors, *after_result.factors)}
    titles["general"] = "General"
    subject = " · ".join(
        x
        for x in (after.header.job_title, after.header.worker_ref or before.header.worker_ref)
        if x
    )
    out: list[Flowable] = [
        para("Ergonomics assessment: before and after", "title"),
        para(
            f"{subject + ' · ' if subject else ''}{before.header.date.isoformat()} → "
            f"{after.header.date.isoformat()}",
            "subtitle",
        ),
        _header_table(before, before_result, after, after_result),
        Spacer(1, 6),
        para("Factor by factor", "h2"),
        para(
            "Each factor on its own method's native value, band and 0–100 risk index. Δ is the "
            "change in the factor's index (negative is better). Factors are compared with "
            "themselves only, never averaged across methods.",
            "small",
        ),
    ]
    if rows:
        out += _factor_table(rows)
    else:
        out.append(para("No factor was assessed in either assessment."))
    for label, a, r in (("Before", before, before_result), ("After", after, after_result)):
        chart = profile_chart(r, title=f"Risk profile {label.lower()}: {_heading(a)}")
        out += [
            CondPageBreak(120),
            KeepTogether([para(chart.title, "h2"), profile_drawing(chart, FRAME_W)]),
        ]
    out += [CondPageBreak(120), para("What changed in the recommendations", "h2")]
    out += _rec_list(
        "Resolved (triggered before, not after)",
        changes["resolved"],
        titles,
        "None: no action from the earlier assessment has dropped out.",
    )
    out += _rec_list(
        "New (triggered after only)", changes["new"], titles, "None: no new action is triggered."
    )
    out += _rec_list(
        "Still to do (triggered in both)",
        changes["still"],
        titles,
        "None: no action from the earlier assessment is still triggered.",
    )
    out += _verified_section(verified, _headlines(before_result, after_result), titles)
    out.append(KeepTogether([para("Disclaimer", "h2"), para(DISCLAIMER, "disclaimer")]))
    return out


def compare_pdf(
    before_assessment: m.Assessment,
    before_result: AssessmentResult,
    after_assessment: m.Assessment,
    after_result: AssessmentResult,
    *,
    generated: dt.date | None = None,
    invariant: bool = False,
    verified: Sequence[Mapping] = (),
) -> bytes:
    """Return the before/after PDF of two assessments of the same worker or workstation.

    Parameters
    ----------
    before_assessment, before_result
        The earlier assessment and its result (assessments.evaluate.score_assessment).
    after_assessment, after_result
        The later assessment and its result.
    generated
        The date printed as the report date; today when not given.
    invariant
        Build a reproducible file: two builds with the same inputs and
        ``generated`` date are byte-identical.
    verified
        The corrective actions verified between the two, as
        :meth:`assessments.actions.Actions.verified_between` returns them.
    """
    generated = generated or dt.date.today()
    hb, ha = before_assessment.header, after_assessment.header
    ref = ha.worker_ref or hb.worker_ref or ha.assessment_id or "assessment"
    title = f"Before and after: {ref}"
    furniture = Furniture(
        header_left=title,
        header_right=" · ".join(x for x in (ha.organisation, ha.site) if x),
        footer_left=f"Ergo · {_heading(before_assessment)} → {_heading(after_assessment)} · "
        f"generated {generated.isoformat()}",
    )
    return build_pdf(
        compare_story(
            before_assessment,
            before_result,
            after_assessment,
            after_result,
            generated=generated,
            verified=verified,
        ),
        furniture,
        title=title,
        author=ha.assessor,
        subject=f"{hb.date.isoformat()} → {ha.date.isoformat()}",
        invariant=invariant,
    )
