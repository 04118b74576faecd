"""The summary report over many assessments: a team, a site or a date range.

It shows how many assessments, their date range and the filters used, the
bands per factor (a stacked-bar vector chart and a table; not applicable
counted separately, never as low), the highest-risk assessments (worst overall
band, then most factors at high or above, then highest risk index) and the
most frequent recommendations.

Built for thousands of rows: nothing is scored one assessment at a time. The
engine scores every row at once and the recommendations are counted by
:func:`scoring.recommendations.triggered_counts` (the conditions, not the
per-row what-ifs). The statistics are a :class:`SummaryData` that can be
merged, so a file of any length can be summarised chunk by chunk.

    from reports.summary import summary_pdf
    data = summary_pdf(df, title="Leeds, 2026", filters={"site": "Leeds"})
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    TableStyle,
)

from assessments import model as m
from assessments.batch import overall_codes
from assessments.evaluate import band_codes, inputs_from_assessments, inputs_from_parsed
from assessments.fields import Problem
from assessments.io import parse_frame
from assessments.stored_summary import BAND_CODES, TOP_HEADER, StoredSummary
from reports.drawing import band_stack_drawing
from reports.pdf import FRAME_W, Furniture, Table, build_pdf, data_table, para
from reports.styles import DISCLAIMER, band_chip, esc, grid, styles
from scoring import registry
from scoring.bands import BAND_NAMES, HIGH, NOT_ASSESSED, band_name
from scoring.engine import EngineResult, score
from scoring.recommendations import entry_for, triggered_counts
from scoring.registry import FACTOR_IDS as FACTORS
from scoring.results import CONTROL_LEVELS

FACTOR_TITLES = {f.id: f.title for f in registry.FACTORS}
HEADER_COLUMNS = ("assessment_id", "worker_ref", "site", "department", "date", "organisation")
_CODE_OF_NAME = {
    "not assessed": NOT_ASSESSED,
    "not applicable": -1,
    **{n: i for i, n in enumerate(BAND_NAMES)},
}
_TOP_COLUMNS = (
    "row",
    "assessment_id",
    "worker_ref",
    "site",
    "department",
    "date",
    "overall",
    "n_high",
    "max_index",
    "high_factors",
)


class InvalidRows(ValueError):
    """A flat table has invalid rows; ``problems`` says which rows and fields."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        lines = [p.line() for p in self.problems[:5]]
        more = len(self.problems) - len(lines)
        tail = f"; and {more} more" if more else ""
        super().__init__("the table has invalid rows: " + "; ".join(lines) + tail)


@dataclass
class SummaryData:
    """The statistics a summary report shows; :meth:`merge` combines two (chunks of a file)."""

    n: int
    date_min: str | None
    date_max: str | None
    factor_counts: np.ndarray  # (factors, 5): not applicable, low, moderate, high, very high
    overall_counts: np.ndarray  # (6,): not assessed, not applicable, low .. very high
    top: pd.DataFrame  # the highest-risk assessments, ranked (columns _TOP_COLUMNS)
    recommendation_counts: dict[str, int] | None = None  # entry id -> assessments
    organisations: tuple[str, ...] = field(default_factory=tuple)
    # (factors,): assessments where the factor's section was left out (not in factor_counts)
    not_assessed_counts: np.ndarray = field(default_factory=lambda: np.zeros(len(FACTORS), int))

    def merge(self, other: SummaryData, top_n: int = 20) -> SummaryData:
        """Return the summary of both sets of assessments together."""
        recs = None
        if self.recommendation_counts is not None and other.recommendation_counts is not None:
            recs = dict(self.recommendation_counts)
            for k, v in other.recommendation_counts.items():
                recs[k] = recs.get(k, 0) + v
        dates_min = [d for d in (self.date_min, other.date_min) if d]
        dates_max = [d for d in (self.date_max, other.date_max) if d]
        return SummaryData(
            n=self.n + other.n,
            date_min=min(dates_min, default=None),
            date_max=max(dates_max, default=None),
            factor_counts=self.factor_counts + other.factor_counts,
            not_assessed_counts=self.not_assessed_counts + other.not_assessed_counts,
            overall_counts=self.overall_counts + other.overall_counts,
            top=_rank(pd.concat([self.top, other.top], ignore_index=True)).head(top_n),
            recommendation_counts=recs,
            organisations=tuple(dict.fromkeys(self.organisations + other.organisations)),
        )


def _rank(top: pd.DataFrame) -> pd.DataFrame:
    """Return rows worst first: overall band, factors at high+, highest index, then input order."""
    if top.empty:
        return top
    order = np.lexsort(
        (
            top["row"].to_numpy(),
            -top["max_index"].to_numpy(dtype=float),
            -top["n_high"].to_numpy(dtype=int),
            -top["overall"].to_numpy(dtype=int),
        )
    )
    return top.iloc[order].reset_index(drop=True)


def _text_column(header: Mapping[str, object], name: str, n: int) -> np.ndarray:
    v = header.get(name)
    if v is None:
        return np.full(n, "", dtype=object)
    a = pd.Series(np.asarray(v, dtype=object)).fillna("").astype(str).to_numpy(dtype=object)
    return a


def _date_range(dates: np.ndarray) -> tuple[str | None, str | None]:
    parsed = pd.to_datetime(pd.Series(dates, dtype=object), errors="coerce")
    if parsed.notna().sum() == 0:
        return None, None
    return parsed.min().date().isoformat(), parsed.max().date().isoformat()


def summarise_arrays(
    header: Mapping[str, object],
    band: np.ndarray,
    index: np.ndarray,
    *,
    recommendation_counts: dict[str, int] | None = None,
    top_n: int = 20,
    row_offset: int = 0,
) -> SummaryData:
    """Return the summary of ``n`` scored assessments given as arrays.

    Parameters
    ----------
    header
        Column name -> ``n`` values for some of ``HEADER_COLUMNS`` (id, worker
        reference, site, department, date, organisation).
    band
        (n, factors) band codes in ``scoring.engine.FACTORS`` order, -1 not applicable,
        -2 not assessed (:func:`assessments.evaluate.band_codes`).
    index
        (n, factors) risk index 0-100, NaN where not applicable.
    recommendation_counts
        Entry id -> number of assessments given it (``triggered_counts``).
    top_n
        How many of the highest-risk assessments to keep.
    row_offset
        Rows before this batch (for the 1-based row numbers of a chunked file).
    """
    band = np.asarray(band, dtype=int)
    index = np.asarray(index, dtype=float)
    n = band.shape[0]
    # Nothing scored: -2 overall when a factor was left out, -1 when all were judged n/a.
    overall = np.maximum(band.max(axis=1), -1) if band.shape[1] else np.full(n, -1)
    overall = overall_codes(band, overall)
    n_high = (band >= HIGH).sum(axis=1)
    max_index = np.where(np.isnan(index), -1.0, index).max(axis=1) if n else np.zeros(0)
    factor_counts = np.stack(
        [np.bincount(np.maximum(band[:, j], -1) + 1, minlength=5) for j in range(band.shape[1])]
    )
    not_assessed = (band == NOT_ASSESSED).sum(axis=0).astype(int)
    factor_counts[:, 0] -= not_assessed  # column 0 counts not applicable alone
    overall_counts = np.bincount(overall + 2, minlength=6)
    rows = np.arange(n) + row_offset + 1
    order = np.lexsort((rows, -max_index, -n_high, -overall))[:top_n]
    titles = [FACTOR_TITLES.get(f, f) for f in FACTORS]
    high_factors = [
        ", ".join(f"{titles[j]} ({band_name(band[i, j])})" for j in np.flatnonzero(band[i] >= HIGH))
        for i in order
    ]
    cols = {c: _text_column(header, c, n) for c in HEADER_COLUMNS}
    top = pd.DataFrame(
        {
            "row": rows[order],
            **{c: cols[c][order] for c in ("assessment_id", "worker_ref", "site", "department")},
            "date": cols["date"][order],
            "overall": overall[order],
            "n_high": n_high[order],
            "max_index": max_index[order],
            "high_factors": np.array(high_factors, dtype=object),
        },
        columns=list(_TOP_COLUMNS),
    )
    date_min, date_max = _date_range(cols["date"])
    orgs = tuple(x for x in dict.fromkeys(cols["organisation"]) if x)
    return SummaryData(
        n=n,
        date_min=date_min,
        date_max=date_max,
        factor_counts=factor_counts,
        not_assessed_counts=not_assessed,
        overall_counts=overall_counts,
        top=top,
        recommendation_counts=recommendation_counts,
        organisations=orgs[:50],
    )


def summarise_engine(
    header: Mapping[str, object],
    engine: EngineResult,
    inputs: Mapping[str, Mapping[str, object]],
    *,
    band: np.ndarray | None = None,
    top_n: int = 20,
    row_offset: int = 0,
) -> SummaryData:
    """Return the summary of an engine result and the inputs it scored.

    ``band`` (from :func:`assessments.evaluate.band_codes`) tells not assessed from
    not applicable; without it both count as not applicable.
    """
    return summarise_arrays(
        header,
        engine.band if band is None else band,
        engine.index,
        recommendation_counts=triggered_counts(engine, inputs),
        top_n=top_n,
        row_offset=row_offset,
    )


def summarise_frame(df: pd.DataFrame, *, top_n: int = 20, row_offset: int = 0) -> SummaryData:
    """Return the summary of a flat input table (the CSV layout), scored in one batch.

    Raises :class:`InvalidRows` (a ValueError) with every problem when a row is invalid.
    """
    parsed = parse_frame(df)
    if parsed.problems:
        raise InvalidRows(parsed.problems)
    inputs = inputs_from_parsed(parsed)
    engine = score(inputs.by_factor, inputs.applicable, inputs.n)
    header = {c: df[c].to_numpy() for c in HEADER_COLUMNS if c in df.columns}
    return summarise_engine(
        header,
        engine,
        inputs.by_factor,
        band=band_codes(engine, inputs),
        top_n=top_n,
        row_offset=row_offset,
    )


def summarise_results(
    df: pd.DataFrame,
    *,
    recommendation_counts: dict[str, int] | None = None,
    top_n: int = 20,
    row_offset: int = 0,
) -> SummaryData:
    """Return the summary of a results table (:func:`assessments.batch.score_frame`'s output).

    A results table has no inputs, so recommendation counts are shown only when
    given (from :func:`scoring.recommendations.triggered_counts`).
    """
    n = len(df)
    band = np.full((n, len(FACTORS)), -1, dtype=int)
    index = np.full((n, len(FACTORS)), np.nan)
    for j, f in enumerate(FACTORS):
        if f"{f}.band" in df.columns:
            names = df[f"{f}.band"].fillna("not applicable").astype(str)
            band[:, j] = names.map(_CODE_OF_NAME).fillna(-1).to_numpy(dtype=int)
        if f"{f}.index" in df.columns:
            index[:, j] = pd.to_numeric(df[f"{f}.index"], errors="coerce").to_numpy(dtype=float)
    header = {c: df[c].to_numpy() for c in HEADER_COLUMNS if c in df.columns}
    return summarise_arrays(
        header,
        band,
        index,
        recommendation_counts=recommendation_counts,
        top_n=top_n,
        row_offset=row_offset,
    )


def summarise_assessments(
    assessments: Iterable[m.Assessment], *, top_n: int = 20, row_offset: int = 0
) -> SummaryData:
    """Return the summary of validated assessment models, scored in one batch."""
    items = list(assessments)
    inputs = inputs_from_assessments(items)
    engine = score(inputs.by_factor, inputs.applicable, inputs.n)
    header = {
        c: np.array([_header_value(a, c) for a in items], dtype=object) for c in HEADER_COLUMNS
    }
    return summarise_engine(
        header,
        engine,
        inputs.by_factor,
        band=band_codes(engine, inputs),
        top_n=top_n,
        row_offset=row_offset,
    )


def summarise_stored(s: StoredSummary, *, top_n: int = 20) -> SummaryData:
    """Return the summary of saved records from their stored result columns (no re-scoring).

    The same figures :func:`summarise_assessments` computes from the rebuilt
    models: bands and overall bands as saved, the highest-risk records in the
    same order (the store's input order is newest date first, so ties go to the
    newest), the recommendations saved with each record. A stored entry id that
    the catalogue no longer has is left out of the table (it has no text to show).
    """
    col = {b: k for k, b in enumerate(BAND_CODES)}
    factor_counts = np.zeros((len(FACTORS), 5), dtype=int)
    factor_counts[:, 0] = s.factor_counts[:, col[-1]]  # column 0: not applicable alone
    for b in range(4):
        factor_counts[:, b + 1] = s.factor_counts[:, col[b]]
    top = s.top.head(top_n)
    titles = [FACTOR_TITLES.get(f, f) for f in FACTORS]
    bands = top[[f"{f}_band" for f in FACTORS]].to_numpy(dtype=int)
    high_factors = [
        ", ".join(f"{titles[j]} ({band_name(row[j])})" for j in np.flatnonzero(row >= HIGH))
        for row in bands
    ]
    ranked = pd.DataFrame(
        {
            # Rank, not file row: a stored record always has its assessment id to show.
            "row": np.arange(1, len(top) + 1),
            **{c: top[c].fillna("").astype(str).to_numpy(dtype=object) for c in TOP_HEADER},
            "overall": top["overall"].to_numpy(dtype=int),
            "n_high": top["n_high"].to_numpy(dtype=int),
            "max_index": top["max_index"].to_numpy(dtype=float),
            "high_factors": np.array(high_factors, dtype=object),
        },
        columns=list(_TOP_COLUMNS),
    )
    known = {}
    for entry_id, k in s.recommendation_counts.items():
        try:
            entry_for(entry_id)
        except KeyError:
            continue
        known[entry_id] = k
    return SummaryData(
        n=s.n,
        date_min=s.date_min,
        date_max=s.date_max,
        factor_counts=factor_counts,
        not_assessed_counts=s.factor_counts[:, col[NOT_ASSESSED]].astype(int),
        overall_counts=np.asarray(s.overall_counts, dtype=int),
        top=ranked,
        recommendation_counts=known,
        organisations=tuple(s.organisations),
    )


def _header_value(a: m.Assessment, name: str) -> str:
    v = getattr(a.header, name)
    return v.isoformat() if isinstance(v, dt.date) else str(v or "")


def summarise(source, *, top_n: int = 20) -> SummaryData:
    """Return a SummaryData from a SummaryData, stored figures, a results or input table, or models."""
    if isinstance(source, SummaryData):
        return replace(source, top=source.top.head(top_n))
    if isinstance(source, StoredSummary):
        return summarise_stored(source, top_n=top_n)
    if isinstance(source, pd.DataFrame):
        if "overall.band" in source.columns:
            return summarise_results(source, top_n=top_n)
        return summarise_frame(source, top_n=top_n)
    return summarise_assessments(source, top_n=top_n)


# -------------------------------------------------------------------- the document


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.0f} %" if n else "—"


def _facts(s: SummaryData, filters: Mapping[str, object] | None, generated: dt.date) -> Table:
    st = styles()
    if s.date_min and s.date_max:
        span = s.date_min if s.date_min == s.date_max else f"{s.date_min} to {s.date_max}"
    else:
        span = "no dates given"
    rows = [
        ("Assessments", f"{s.n:,}"),
        ("Assessment dates", span),
    ]
    if s.organisations:
        rows.append(("Organisations", ", ".join(s.organisations)))
    if filters:
        rows += [(f"Filter: {k}", v) for k, v in filters.items()]
    else:
        rows.append(("Filters", "none: every assessment in the input"))
    rows.append(("Report generated", generated.isoformat()))
    data = [[Paragraph(esc(k), st["cell_head"]), para(v, "cell")] for k, v in rows]
    t = Table(data, colWidths=[0.25 * FRAME_W, 0.75 * FRAME_W], hAlign="LEFT")
    cmds = grid(header_rows=0)
    cmds.append(("BACKGROUND", (0, 0), (0, -1), "#eeeeee"))
    t.setStyle(TableStyle(cmds))
    return t


def _overall(s: SummaryData) -> list[Flowable]:
    st = styles()
    names = ["not assessed (nothing scored)", "not applicable (nothing scored)", *BAND_NAMES]
    head = [Paragraph(esc(h), st["cell_head"]) for h in ("Overall band", "Assessments", "Share")]
    data = [head]
    for code in (3, 2, 1, 0, -1, -2):
        k = int(s.overall_counts[code + 2])
        if code < 0 and k == 0:
            continue
        label = band_chip(code, names[code + 2]) if code >= 0 else esc(names[code + 2])
        data.append(
            [Paragraph(label, st["cell"]), para(f"{k:,}", "cell"), para(_pct(k, s.n), "cell")]
        )
    t = Table(data, colWidths=[0.3 * FRAME_W, 0.2 * FRAME_W, 0.15 * FRAME_W], hAlign="LEFT")
    t.setStyle(TableStyle(grid()))
    return [
        para("Overall result", "h2"),
        para(
            "Each assessment's overall band is its worst factor band (factors are never averaged).",
            "small",
        ),
        t,
    ]


def _bands_per_factor(s: SummaryData) -> list[Flowable]:
    titles = [FACTOR_TITLES.get(f, f) for f in FACTORS]
    skipped = s.factor_counts[:, 0] + s.not_assessed_counts
    rows = [
        (titles[j], [int(x) for x in s.factor_counts[j, 1:]], int(skipped[j]))
        for j in range(len(FACTORS))
    ]
    # The chart's grey segment is every assessment where the factor was not scored; the
    # table below splits it into not applicable and not assessed.
    chart = band_stack_drawing(rows, s.n, FRAME_W)
    table_rows = []
    for j, (f, (title, counts, _)) in enumerate(zip(FACTORS, rows, strict=True)):
        na, not_assessed = int(s.factor_counts[j, 0]), int(s.not_assessed_counts[j])
        assessed = sum(counts)
        used = _bands_used(f)
        cells = [
            (f"{c:,} ({_pct(c, assessed)})" if assessed else "0") if used[b] else "—"
            for b, c in enumerate(counts)
        ]
        table_rows.append((title, *cells, f"{assessed:,}", f"{na:,}", f"{not_assessed:,}"))
    columns = ("Factor", *BAND_NAMES, "Assessed", "Not applicable", "Not assessed")
    widths = [0.18, 0.11, 0.11, 0.11, 0.11, 0.11, 0.135, 0.135]
    return [
        KeepTogether(
            [
                para("Bands per factor", "h2"),
                para(
                    "Each bar is all assessments: the share in each band, and (grey) the share "
                    "where the factor was not scored, which is not the same as low. The table "
                    "counts the two kinds apart: not applicable (judged not to occur) and not "
                    "assessed (nothing was entered).",
                    "small",
                ),
                chart,
                Spacer(1, 6),
            ]
        ),
        *data_table(columns, table_rows, widths=[w * FRAME_W for w in widths]),
        para(
            "Counts per band, with the share of the assessments where the factor was assessed. "
            "— : the method has no such band (vibration is below or above the exposure action "
            "value, with no moderate band).",
            "small",
        ),
    ]


def _bands_used(factor: str) -> list[bool]:
    """Return, for low..very high, whether the factor's method uses the band."""
    edges = registry.factor(factor).scale.edges
    return [True] + [e is not None for e in edges]


def _highest_risk(s: SummaryData, top_n: int) -> list[Flowable]:
    st = styles()
    top = s.top.head(top_n)
    out: list[Flowable] = [
        CondPageBreak(160),
        para("Highest-risk assessments", "h2"),
        para(
            "Ranked by the worst overall band, then the number of factors at high or above, "
            "then the highest risk index of any factor.",
            "small",
        ),
    ]
    if top.empty:
        return [*out, para("No assessments.")]
    head = [
        "#",
        "Assessment id",
        "Worker ref",
        "Site",
        "Department",
        "Date",
        "Overall",
        "Factors at high or above",
    ]
    data = [[Paragraph(esc(h), st["cell_head_small"]) for h in head]]
    for i, r in enumerate(top.itertuples(index=False), start=1):
        ident = r.assessment_id or f"row {r.row}"
        data.append(
            [
                para(str(i), "cell_small"),
                para(ident, "cell_small"),
                para(r.worker_ref or "—", "cell_small"),
                para(r.site or "—", "cell_small"),
                para(r.department or "—", "cell_small"),
                para(str(r.date)[:10] or "—", "cell_small"),
                Paragraph(band_chip(int(r.overall), _overall_name(r.overall)), st["cell_small"]),
                para(r.high_factors or "none", "cell_small"),
            ]
        )
    widths = [0.04, 0.14, 0.11, 0.1, 0.11, 0.1, 0.1, 0.3]
    t = Table(data, colWidths=[w * FRAME_W for w in widths], repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle(grid(zebra=True)))
    return [*out, t]


def _overall_name(code) -> str:
    return "not assessed" if int(code) == NOT_ASSESSED else band_name(int(code))


def _frequent_recommendations(s: SummaryData, top_k: int) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(140), para("Most frequent recommendations", "h2")]
    if s.recommendation_counts is None:
        return [
            *out,
            para(
                "Not available: the summary was made from a results table without the inputs "
                "the recommendations are drawn from."
            ),
        ]
    rank = {c: i for i, c in enumerate(CONTROL_LEVELS)}
    entries = []
    for entry_id, k in s.recommendation_counts.items():
        if k <= 0:
            continue
        e = entry_for(entry_id)
        entries.append((k, e))
    entries.sort(key=lambda x: (-x[0], rank.get(x[1].control, 99), x[1].id))
    if not entries:
        return [*out, para("No recommendation was triggered.")]
    out.append(
        para(
            "How many assessments each catalogue action was recommended for (one assessment "
            "may need several).",
            "small",
        )
    )
    rows = [
        (
            str(i),
            e.officer,
            FACTOR_TITLES.get(e.factor, e.factor),
            e.control,
            f"{k:,}",
            _pct(k, s.n),
        )
        for i, (k, e) in enumerate(entries[:top_k], start=1)
    ]
    widths = [0.04, 0.47, 0.15, 0.13, 0.13, 0.08]
    out += data_table(
        ("#", "Recommendation", "Factor", "Control level", "Assessments", "Share"),
        rows,
        widths=[w * FRAME_W for w in widths],
    )
    return out


def summary_story(
    s: SummaryData,
    *,
    title: str,
    filters: Mapping[str, object] | None,
    generated: dt.date,
    top_n: int,
    top_recommendations: int,
) -> list[Flowable]:
    """Return the summary report's flowables in reading order."""
    return [
        para(title, "title"),
        para("Summary of ergonomics risk assessments", "subtitle"),
        _facts(s, filters, generated),
        Spacer(1, 4),
        *_overall(s),
        *_bands_per_factor(s),
        *_highest_risk(s, top_n),
        *_frequent_recommendations(s, top_recommendations),
        KeepTogether([para("Disclaimer", "h2"), para(DISCLAIMER, "disclaimer")]),
    ]


def running_organisation(organisations: Sequence[str]) -> str:
    """Return the running header's organisation: its name, or "several organisations".

    A count would mislead: the summary keeps at most 50 names.
    """
    names = [x for x in organisations if x]
    if not names:
        return "organisation not given"
    return names[0] if len(names) == 1 else "several organisations"


def summary_pdf(
    source: SummaryData | StoredSummary | pd.DataFrame | Sequence[m.Assessment],
    *,
    title: str = "Ergonomics summary report",
    filters: Mapping[str, object] | None = None,
    generated: dt.date | None = None,
    invariant: bool = False,
    top_n: int = 20,
    top_recommendations: int = 10,
    actions: Mapping[str, object] | None = None,
) -> bytes:
    """Return the summary PDF of many assessments.

    Parameters
    ----------
    source
        The assessments: validated models, a flat input table (the CSV
        layout), a results table from :func:`assessments.batch.score_frame`
        (recommendations then omitted), the stored figures of saved records
        (:func:`assessments.stored_summary.stored_summary`, nothing re-scored),
        or a ready :class:`SummaryData`. Inputs are scored in one batch, never
        one by one.
    title
        The report's title, e.g. "Leeds site, 2026".
    filters
        The selection the caller made (shown as given, not applied here),
        e.g. ``{"site": "Leeds", "dates": "2026-01-01 to 2026-06-30"}``.
    generated
        The date printed as the report date; today when not given.
    invariant
        Build a reproducible, byte-identical file for the same inputs and date.
    top_n, top_recommendations
        Rows in the highest-risk and the recommendations tables.
    actions
        The corrective-action figures of the same selection
        (:meth:`assessments.actions.Actions.figures`): when given, a section with
        the actions by status and the risk they removed, per factor.
    """
    generated = generated or dt.date.today()
    s = summarise(source, top_n=top_n)
    furniture = Furniture(
        header_left=title,
        header_right=running_organisation(s.organisations),
        footer_left=f"Ergo · summary of {s.n:,} assessments · generated {generated.isoformat()}",
    )
    story = summary_story(
        s,
        title=title,
        filters=filters,
        generated=generated,
        top_n=top_n,
        top_recommendations=top_recommendations,
    )
    if actions is not None:
        from reports.actions import summary_section

        story += summary_section(actions)
    return build_pdf(
        story,
        furniture,
        title=title,
        subject=f"Summary of {s.n} ergonomics assessments",
        invariant=invariant,
    )
