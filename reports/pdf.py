"""The single-assessment PDF report, built with reportlab's platypus.

Page one says who, where and when (the header), the overall result (the worst
band and how many factors are at high or above, never an average) and the
three most valuable actions; then the risk profile as a vector drawing, one
section per factor (inputs from the field declarations, method and edition,
intermediate values, band and why, drivers, borderline flag), the factors not
applicable and why, the recommendations table with owner and due-date blanks,
methods and references, a sign-off block and the disclaimer. Every page carries
the running header, a short disclaimer and "Page x of N".

    from reports.pdf import assessment_pdf
    data = assessment_pdf(assessment, score_assessment(assessment))

Every string that meets Paragraph markup goes through :func:`reports.styles.esc`.
Build with ``invariant=True`` (and a fixed ``generated`` date) and two builds of
the same assessment are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as _Table

import scoring
from assessments import model as m
from assessments.fields import LIST_SLOTS, FieldSpec, fields_of
from presentation.formatting import format_metric
from reports import bibliography
from reports.drawing import profile_drawing
from reports.profile import profile_chart
from reports.styles import (
    DISCLAIMER,
    DISCLAIMER_SHORT,
    FONT,
    FONT_BOLD,
    HEADER_FILL,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    RULE,
    ZEBRA_FILL,
    band_chip,
    band_colour,
    band_text_colour,
    esc,
    esc_lines,
    grid,
    has_rtl,
    needs_markup,
    plain,
    register_fonts,
    runs,
    styles,
)
from reports.wording import no_action_sentence, nothing_scored_sentence
from scoring import lni_zones, registry, workstation_height
from scoring.bands import HIGH
from scoring.results import (
    AssessmentResult,
    DetailTable,
    FactorResult,
    Metric,
    Recommendation,
)

PAGE_W, PAGE_H = A4
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
TOP_ACTIONS = 3
SHORT_CELL_CHARS = 16  # table values up to this length are never wrapped
TWO_UP_ROWS = 8  # label/value tables longer than this are set in two halves side by side
# List scope ("lifting.task") -> attribute of the section holding the items ("tasks").
_LIST_ATTR = {f"{sec}.{item}": attr for (sec, attr), (item, _) in LIST_SLOTS.items()}
_TYPE_TEXT = {"audit": "Audit (safety or HR officer)", "self": "Self-assessment"}
_TARGET_LABELS = {
    "chair_cm": "Chair (seat) height",
    "footrest_cm": "Footrest height",
    "desk_cm": "Desk or keyboard height",
    "monitor_top_cm": "Top of screen height",
    "viewing_distance_cm": "Viewing distance",
    "standing_surface_cm": "Standing work-surface height",
}


# ------------------------------------------------------------------ page machinery


@lru_cache(maxsize=65536)
def text_width(text: str, font: str, size: float) -> float:
    """Return the width of ``text`` (memoised: reports repeat the same labels). [pt]"""
    return pdfmetrics.stringWidth(text, font, size)


class _NumberedCanvas(Canvas):
    """A canvas that writes "Page x of N" on every page once N is known (at save)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._page_states: list[dict] = []

    def showPage(self):
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self.setFont(FONT, 7.5)
            self.setFillColor(INK)
            self.drawRightString(
                PAGE_W - MARGIN_X, MARGIN_BOTTOM - 28, f"Page {self._pageNumber} of {total}"
            )
            super().showPage()
        super().save()


class Table(_Table):
    """A platypus Table whose row taller than a page is split inside the row.

    A row moves to the next page whole, as before; only a row that cannot fit
    on any page (fifty tools with long names in one recommendation) is split
    across pages, where reportlab would otherwise raise LayoutError and lose
    the whole report. The header rows repeat on every page.
    """

    def split(self, availWidth, availHeight):
        """Return the pieces of the table that fit ``availHeight`` (see the class)."""
        parts = super().split(availWidth, availHeight)
        if parts or self.splitInRow or not self._has_row_taller_than_a_page():
            return parts
        self.splitInRow = 1
        try:
            return super().split(availWidth, availHeight)
        finally:
            self.splitInRow = 0

    def _has_row_taller_than_a_page(self) -> bool:
        heights = getattr(self, "_rowHeights", None) or []
        head = sum(h or 0 for h in heights[: self.repeatRows])
        # The frame pads its content by 6 pt on each side (see build_pdf).
        return any(head + (h or 0) > FRAME_H for h in heights[self.repeatRows :])


def line_width(text: str, font: str, size: float) -> float:
    """Return the drawn width of one line, each run in its own font (see styles.runs). [pt]"""
    if not needs_markup(text):
        return text_width(text, font, size)
    return sum(text_width(t, f or font, size) for f, t in runs(text))


def draw_line(canv: Canvas, x: float, y: float, text: str, font: str, size: float, *, right=False):
    """Draw one line of any script at (x, y), ending there when ``right``; fallbacks per run."""
    if not needs_markup(text):
        canv.setFont(font, size)
        (canv.drawRightString if right else canv.drawString)(x, y, text)
        return
    if right:
        x -= line_width(text, font, size)
    for f, t in runs(text):
        canv.setFont(f or font, size)
        canv.drawString(x, y, t)
        x += text_width(t, f or font, size)


def _fit_text(text: str, font: str, size: float, width: float, min_size: float = 6.0):
    """Return (text, size) that fits ``width``: the font shrinks, then the text is cut with …."""
    while line_width(text, font, size) > width and size > min_size:
        size -= 0.25
    if line_width(text, font, size) <= width:
        return text, size
    while text and line_width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…", size


@dataclass(frozen=True)
class Furniture:
    """What every page shows: running header (left/right) and footer line."""

    header_left: str
    header_right: str
    footer_left: str
    disclaimer: str = DISCLAIMER_SHORT  # the line above the footer, on every page

    def __post_init__(self):
        for name in ("header_left", "header_right", "footer_left", "disclaimer"):
            object.__setattr__(self, name, " ".join(plain(getattr(self, name)).split()))

    def __call__(self, canv: Canvas, doc) -> None:
        """Draw the running header and footer (a platypus page callback)."""
        canv.saveState()
        top = PAGE_H - MARGIN_TOP + 14
        half = FRAME_W / 2 - 6
        text, size = _fit_text(self.header_left, FONT_BOLD, 8, half)
        canv.setFillColor(INK)
        draw_line(canv, MARGIN_X, top, text, FONT_BOLD, size)
        text, size = _fit_text(self.header_right, FONT, 8, half)
        canv.setFillColor(MUTED)
        draw_line(canv, PAGE_W - MARGIN_X, top, text, FONT, size, right=True)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, top - 5, PAGE_W - MARGIN_X, top - 5)
        bottom = MARGIN_BOTTOM - 12
        canv.line(MARGIN_X, bottom + 4, PAGE_W - MARGIN_X, bottom + 4)
        text, size = _fit_text(self.disclaimer, FONT, 7, FRAME_W)
        canv.setFont(FONT, size)
        canv.drawString(MARGIN_X, bottom - 5, text)
        text, size = _fit_text(self.footer_left, FONT, 7, FRAME_W - 80)
        draw_line(canv, MARGIN_X, bottom - 16, text, FONT, size)
        canv.restoreState()


def build_pdf(
    story: Sequence[Flowable],
    furniture: Furniture,
    *,
    title: str,
    author: str = "",
    subject: str = "",
    invariant: bool = False,
) -> bytes:
    """Return the PDF bytes of a story laid out on A4 with the page furniture."""
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        # The frame pads its content by 6 pt; the margins make the content edge MARGIN_X.
        leftMargin=MARGIN_X - 6,
        rightMargin=MARGIN_X - 6,
        topMargin=MARGIN_TOP - 6,
        bottomMargin=MARGIN_BOTTOM - 6,
        title=title,
        author=author,
        subject=subject,
        creator="Ergo",
        invariant=1 if invariant else 0,
        initialFontName=FONT,  # no Helvetica anywhere: every glyph comes from DejaVu Sans
    )
    doc.build(
        list(story), onFirstPage=furniture, onLaterPages=furniture, canvasmaker=_NumberedCanvas
    )
    return buf.getvalue()


# ----------------------------------------------------------------------- helpers


class ScriptParagraph(Paragraph):
    """A Paragraph of plain text with Hebrew or Arabic, broken into lines before reordering.

    reportlab wraps the drawn (display-order) text, so a right-to-left name
    that wraps would start with its last word. This one breaks the text as
    typed (logical order) to the available width, then puts each line in
    display order (UAX #9 reorders per line, after line breaking). An
    optional bold ``lead`` ("Lifting:") starts the first line.
    """

    def __init__(self, text: str | None, style, lead: str = "", **kwargs):
        if text is None or kwargs:  # a piece made by Paragraph.split: already broken
            self._logical = None
            super().__init__(text, style, **kwargs)
            return
        self._logical = plain(text).replace("\t", " ")
        self._lead = lead
        super().__init__(self._markup([self._logical]), style)

    def _markup(self, lines: list[str]) -> str:
        body = esc_lines(lines)
        return f"<b>{esc(self._lead)}</b> {body}" if self._lead else body

    def wrap(self, availWidth, availHeight):
        """Return the size after breaking the logical text to ``availWidth`` (see the class)."""
        if self._logical is None:
            return super().wrap(availWidth, availHeight)
        st = self.style
        width = availWidth - st.leftIndent - st.rightIndent
        lead = line_width(self._lead + " ", FONT_BOLD, st.fontSize) if self._lead else 0.0
        lines = _break_lines(self._logical, st.fontName, st.fontSize, width, lead)
        Paragraph.__init__(self, self._markup(lines), st)
        return super().wrap(availWidth, availHeight)


def _break_lines(text: str, font: str, size: float, width: float, first: float = 0.0):
    """Return ``text`` broken greedily at spaces into lines of at most ``width``. [pt]"""
    out: list[str] = []
    used = first
    for typed in text.split("\n"):
        line = ""
        for word in typed.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and used + line_width(candidate, font, size) > width:
                out.append(line)
                line, used = word, 0.0
            else:
                line = candidate
        out.append(line)
        used = 0.0
    return out


def para(text: object, style: str = "body") -> Paragraph:
    """Return a Paragraph of plain text (escaped here; no markup passes through)."""
    if text is not None and has_rtl(str(text)):
        return ScriptParagraph(str(text), styles()[style])
    return Paragraph(esc(text), styles()[style])


def markup(html: str, style: str = "body") -> Paragraph:
    """Return a Paragraph of markup the caller built around :func:`esc`-aped text."""
    return Paragraph(html, styles()[style])


def h3(text: str) -> list[Flowable]:
    """Return a minor heading that starts a new page rather than sit at the foot of one.

    A conditional page break, not keepWithNext: keepWithNext would glue the
    heading to the whole table after it and push short tables to the next page
    whole; this way a long table splits, its header row repeated.
    """
    return [CondPageBreak(80), para(text, "h3")]


def metric_text(x: Metric) -> str:
    """Return a metric's value and unit as everywhere else (durations as "1 h 04 min")."""
    return format_metric(x.value, x.unit, x.decimals)


def metric_label_text(x: Metric) -> str:
    """Return a metric's label and value, e.g. "LI 1.80" or "time to EAV 1 h 04 min"."""
    return f"{x.label} {metric_text(x)}"


def cell_text(v: object) -> str:
    """Return a table value as text: numbers without noise, blanks as a dash."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v) if v else "none"
    return str(v)


def cell(text: str, style, width: float):
    """Return a table cell: the plain string when it fits on one line, else a Paragraph.

    A plain string is drawn as it is (no markup is parsed), so it needs no
    escaping; text that must wrap becomes a Paragraph of :func:`esc`-aped text.
    Plain strings are several times faster to lay out, which matters for
    thousands of reports.
    """
    text = plain(text)
    if (
        "\n" not in text
        and not needs_markup(text)
        and text_width(text, style.fontName, style.fontSize) <= width - 7
    ):
        return text
    if has_rtl(text):
        return ScriptParagraph(text, style)
    return Paragraph(esc(text), style)


def cell_fonts(head_style, body_style, header_rows: int = 1) -> list[tuple]:
    """Return TableStyle commands giving plain-string cells the fonts of the cell styles."""
    return [
        ("FONTNAME", (0, 0), (-1, header_rows - 1), head_style.fontName),
        ("FONTSIZE", (0, 0), (-1, header_rows - 1), head_style.fontSize),
        ("LEADING", (0, 0), (-1, header_rows - 1), head_style.leading),
        ("FONTNAME", (0, header_rows), (-1, -1), body_style.fontName),
        ("FONTSIZE", (0, header_rows), (-1, -1), body_style.fontSize),
        ("LEADING", (0, header_rows), (-1, -1), body_style.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ]


def _longest_word(text: str, font: str, size: float) -> float:
    return max((text_width(w, font, size) for w in text.split()), default=0.0)


def _unbroken(text: str, font: str, size: float) -> float:
    """Return the narrowest width for a cell: short values ("12.0 / 15.0 kg") stay whole."""
    if len(text) <= SHORT_CELL_CHARS:
        return text_width(text, font, size)
    return _longest_word(text, font, size)


def data_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    width: float = FRAME_W,
    key_cols: int = 1,
    small: bool = False,
    widths: Sequence[float] | None = None,
    zebra: bool = True,
    cap: float = 160.0,
) -> list[Flowable]:
    """Return a table (or several, for wide ones) with a repeated header row.

    Every cell is a Paragraph, so long text wraps inside its column. A table
    whose columns cannot fit the page width is split into column groups, each
    repeating the first ``key_cols`` columns (the task or tool it describes),
    so no column is squeezed below its longest word.
    """
    st = styles()
    head_style = st["cell_head_small" if small else "cell_head"]
    body_style = st["cell_small" if small else "cell"]
    texts = [[cell_text(v) for v in r] for r in rows]
    pad = 7.0
    if widths is None:
        lo, pref = [], []
        for j, col in enumerate(columns):
            body = [t[j] for t in texts]
            w_min = max(
                [_longest_word(col, head_style.fontName, head_style.fontSize)]
                + [_unbroken(b, body_style.fontName, body_style.fontSize) for b in body]
            )
            w_pref = max(
                [text_width(col, head_style.fontName, head_style.fontSize) * 0.6]
                + [text_width(b, body_style.fontName, body_style.fontSize) for b in body]
            )
            lo.append(min(w_min, cap) + pad)
            pref.append(max(min(w_pref, cap), w_min) + pad)
        groups = _column_groups(lo, pref, width, key_cols)
    else:
        lo = pref = list(widths)
        groups = [list(range(len(columns)))]
    out: list[Flowable] = []
    for g, cols in enumerate(groups):
        if widths is None:
            col_w = _fill([lo[j] for j in cols], [pref[j] for j in cols], width)
        else:
            col_w = [widths[j] for j in cols]
        data = [[cell(columns[j], head_style, w) for j, w in zip(cols, col_w, strict=True)]]
        data += [
            [cell(t[j], body_style, w) for j, w in zip(cols, col_w, strict=True)] for t in texts
        ]
        table = Table(data, colWidths=col_w, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(grid(zebra=zebra) + cell_fonts(head_style, body_style)))
        if len(groups) > 1:
            out += [CondPageBreak(60), para(f"Columns, part {g + 1} of {len(groups)}", "caption")]
        out += [table, Spacer(1, 5)]
    return out


def two_up(
    columns: Sequence[str], rows: Sequence[Sequence[object]], fractions: Sequence[float]
) -> Table:
    """Return a label/value table; a long one is set in two halves side by side.

    ``fractions`` share one half's width (or the full width for a short table)
    between the columns.
    """
    st = styles()
    k = len(columns)
    short = len(rows) <= TWO_UP_ROWS
    gap = 10.0
    half = FRAME_W if short else (FRAME_W - gap) / 2
    col_w = [f * half for f in fractions]
    head = [cell(c, st["cell_head"], w) for c, w in zip(columns, col_w, strict=True)]
    fonts = cell_fonts(st["cell_head"], st["cell"])

    def cells(r):
        return [cell(cell_text(v), st["cell"], w) for v, w in zip(r, col_w, strict=True)]

    if short:
        data = [head] + [cells(r) for r in rows]
        t = Table(data, colWidths=col_w, repeatRows=1, hAlign="LEFT")
        t.setStyle(TableStyle(grid(zebra=True) + fonts))
        return t
    n_left = (len(rows) + 1) // 2
    left, right = list(rows[:n_left]), list(rows[n_left:])
    data = [[*head, "", *head]]
    for i in range(n_left):
        r = cells(right[i]) if i < len(right) else [""] * k
        data.append([*cells(left[i]), "", *r])
    widths = [f * half for f in fractions] + [gap] + [f * half for f in fractions]
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    cmds = []
    for c0 in (0, k + 1):
        c1 = c0 + k - 1
        cmds += [
            ("GRID", (c0, 0), (c1, -1), 0.4, RULE),
            ("BACKGROUND", (c0, 0), (c1, 0), HEADER_FILL),
            ("ROWBACKGROUNDS", (c0, 1), (c1, -1), [colors.white, ZEBRA_FILL]),
        ]
    if len(right) < n_left:  # no grid around the empty last cell of the right half
        cmds.append(("GRID", (k + 1, -1), (-1, -1), 0.4, colors.white))
        cmds.append(("BACKGROUND", (k + 1, -1), (-1, -1), colors.white))
        cmds.append(("LINEABOVE", (k + 1, -1), (-1, -1), 0.4, RULE))
    cmds += fonts
    cmds += [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    t.setStyle(TableStyle(cmds))
    return t


def _column_groups(lo, pref, width, key_cols) -> list[list[int]]:
    """Return column index groups whose minimum widths fit ``width`` (keys in every group)."""
    n = len(lo)
    if sum(lo) <= width or n <= key_cols:
        return [list(range(n))]
    keys = list(range(key_cols))
    key_w = max(sum(lo[j] for j in keys), min(sum(pref[j] for j in keys), 0.25 * width))
    comfy = [min(p, 1.3 * a) for a, p in zip(lo, pref, strict=True)]
    groups, current, used = [], [], key_w
    for j in range(key_cols, n):
        if current and used + comfy[j] > width:
            groups.append(keys + current)
            current, used = [], key_w
        current.append(j)
        used += comfy[j]
    if current:
        groups.append(keys + current)
    return _balanced(groups, comfy, key_w, width, key_cols) or groups


def _balanced(groups, comfy, key_w, width, key_cols) -> list[list[int]] | None:
    """Return the same number of column groups with about equal widths, or None if one overflows."""
    k = len(groups)
    cols = list(range(key_cols, len(comfy)))
    total = sum(comfy[j] for j in cols)
    out, current, acc = [], [], 0.0
    for j in cols:
        current.append(j)
        acc += comfy[j]
        if len(out) < k - 1 and acc >= total * (len(out) + 1) / k:
            out.append(current)
            current = []
    out.append(current)
    keys = list(range(key_cols))
    if any(not g or key_w + sum(comfy[j] for j in g) > width for g in out):
        return None
    return [keys + g for g in out]


def _fill(lo: list[float], pref: list[float], width: float) -> list[float]:
    """Return column widths summing to ``width``: at least ``lo``, towards ``pref``, then even."""
    total_lo, total_pref = sum(lo), sum(pref)
    if total_lo >= width:
        return [w * width / total_lo for w in lo]
    if total_pref >= width:
        f = (width - total_lo) / (total_pref - total_lo)
        return [a + (b - a) * f for a, b in zip(lo, pref, strict=True)]
    extra = (width - total_pref) / len(pref)
    return [b + extra for b in pref]


def _sentence(text: str) -> str:
    """Return ``text`` ending with a full stop (not two)."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _bullets(items: Sequence[str], style: str = "bullet") -> list[Flowable]:
    return [Paragraph(esc(t), styles()[style], bulletText="•") for t in items]


# ---------------------------------------------------------------------- page one


def _header_block(
    a: m.Assessment, result: AssessmentResult, generated: dt.date, saved_by: str = ""
) -> list:
    h = a.header
    titles = {f.name: f.title for f in fields_of("header")}
    st = styles()

    def pair(name: str, value: object) -> list:
        return [Paragraph(esc(titles.get(name, name)), st["cell_head"]), para(value, "cell")]

    rows = [
        pair("organisation", h.organisation or "—") + pair("assessment_id", h.assessment_id or "—"),
        pair("site", h.site or "—") + pair("date", h.date.isoformat()),
        pair("department", h.department or "—")
        + pair("assessment_type", _TYPE_TEXT.get(h.assessment_type, h.assessment_type)),
        pair("job_title", h.job_title or "—") + pair("assessor", h.assessor or "—"),
        [
            *pair("worker_ref", h.worker_ref or "—"),
            Paragraph("Report generated", st["cell_head"]),
            para(f"{generated.isoformat()} (method version {result.method_version})", "cell"),
        ],
    ]
    if saved_by:  # organisation mode: the signed-in person who saved this revision
        rows.append([Paragraph("Saved by", st["cell_head"]), para(saved_by, "cell"), "", ""])
    table = Table(rows, colWidths=[0.17 * FRAME_W, 0.33 * FRAME_W, 0.17 * FRAME_W, 0.33 * FRAME_W])
    cmds = grid(header_rows=0)
    cmds += [("BACKGROUND", (0, 0), (0, -1), "#eeeeee"), ("BACKGROUND", (2, 0), (2, -1), "#eeeeee")]
    table.setStyle(TableStyle(cmds))
    title = "Ergonomics risk assessment"
    sub = " · ".join(x for x in (h.job_title, h.worker_ref) if x)
    return [
        para(title, "title"),
        para(sub or "Assessment report", "subtitle"),
        table,
        Spacer(1, 8),
    ]


def symptom_block(a: m.Assessment, result: AssessmentResult) -> list:
    """Return the red-flag advice box (emergency care first), or nothing when none applies."""
    if not result.symptom_advice:
        return []
    st = styles()
    self_check = a.header.assessment_type == "self"
    rows = []
    for r in result.symptom_advice:
        urgent = r.id == "SYMPTOMS-EMERGENCY"
        head = "Seek emergency care now" if urgent else "See a clinician soon"
        body = r.employee_text if self_check else r.officer_text
        text = f"<b>{esc(head)}.</b> {esc(body)} <i>Source: {esc(r.source)}.</i>"
        rows.append([Paragraph(text, st["overall"])])
    reported = [
        s.title for s in fields_of("symptoms") if a.symptoms and getattr(a.symptoms, s.name)
    ]
    if reported:
        text = "<b>Reported:</b> " + "; ".join(esc(x) for x in reported) + "."
        rows.append([Paragraph(text, st["overall"])])
    box = Table(rows, colWidths=[FRAME_W])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2.0, colors.HexColor("#b00020")),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.HexColor("#b00020")),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [box, Spacer(1, 6)]


def _overall_block(result: AssessmentResult) -> list:
    st = styles()
    assessed = [f for f in result.factors if f.applicable]
    high = [f for f in assessed if f.band >= HIGH]
    code = result.overall_band
    if code < 0:
        chip_text = result.overall_status.upper()
        text = esc(nothing_scored_sentence(result))
    else:
        chip_text = result.overall_band_name.upper()
        n = len(high)
        text = (
            f"<b>Overall result: {esc(result.overall_band_name)}</b>, the worst band among the "
            f"{len(assessed)} assessed factor{'s' if len(assessed) != 1 else ''}. "
            f"<b>{n} factor{'s' if n != 1 else ''} at high or above</b>"
        )
        if high:
            text += ": " + ", ".join(f"{esc(f.title)} ({esc(f.band_name)})" for f in high)
        text += ". Bands from different methods are compared, never averaged."
    chip_style = st["chip"].clone("chip_band", textColor=band_text_colour(code))
    chip = Paragraph(f"<b>{esc(chip_text)}</b>", chip_style)
    box = Table(
        [[chip, Paragraph(text, st["overall"])]],
        colWidths=[0.22 * FRAME_W, 0.78 * FRAME_W],
    )
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("LINEAFTER", (0, 0), (0, 0), 0.8, INK),
                ("BACKGROUND", (0, 0), (0, 0), band_colour(code)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [box, Spacer(1, 4)]


def _effect_text(r: Recommendation) -> str:
    parts = [r.effect] if r.effect else []
    if not math.isnan(r.index_before) and not math.isnan(r.index_after):
        parts.append(f"risk index {r.index_before:.0f} → {r.index_after:.0f}")
    return "; ".join(parts) if parts else "not quantified"


def _action_text(r: Recommendation, a: m.Assessment) -> str:
    """Return the action in the reader's words: the employee's for a self-assessment."""
    return r.employee_text if a.header.assessment_type == "self" else r.officer_text


def _factor_titles(result: AssessmentResult) -> dict[str, str]:
    return {f.factor: f.title for f in result.factors} | {"general": "General"}


def _lead_para(lead: str, text: str, style: str) -> Paragraph:
    """Return "<b>lead</b> text" as a Paragraph (wrapped as typed when it holds Hebrew or Arabic)."""
    if has_rtl(text):
        return ScriptParagraph(text, styles()[style], lead=lead)
    return markup(f"<b>{esc(lead)}</b> {esc(text)}", style)


def _top_actions(a: m.Assessment, result: AssessmentResult) -> list:
    st = styles()
    recs = list(result.recommendations[:TOP_ACTIONS])
    out: list[Flowable] = [para("The three most valuable actions", "h2")]
    if not recs:
        out.append(para(no_action_sentence(result)))
        return out
    titles = _factor_titles(result)
    rows = [
        [
            Paragraph("#", st["cell_head"]),
            Paragraph("Action", st["cell_head"]),
            Paragraph("Expected effect", st["cell_head"]),
            Paragraph("Control level", st["cell_head"]),
        ]
    ]
    for i, r in enumerate(recs, start=1):
        rows.append(
            [
                para(str(i), "cell"),
                _lead_para(f"{titles.get(r.factor, r.factor)}:", _action_text(r, a), "cell"),
                para(_effect_text(r), "cell"),
                para(r.control, "cell"),
            ]
        )
    t = Table(
        rows,
        colWidths=[0.05 * FRAME_W, 0.50 * FRAME_W, 0.32 * FRAME_W, 0.13 * FRAME_W],
        repeatRows=1,
    )
    t.setStyle(TableStyle(grid()))
    out += [t, Spacer(1, 3)]
    out.append(
        para(
            "Ranked by the risk they remove (the fall in the factor's 0–100 risk index when "
            "the method re-scores the job with the fix applied). All actions are listed under "
            "Recommendations.",
            "small",
        )
    )
    return out


def _profile_block(result: AssessmentResult) -> list:
    chart = profile_chart(result)
    return [
        KeepTogether(
            [
                para(chart.title, "h2"),
                profile_drawing(chart, FRAME_W),
                para(
                    "Each factor on its method's 0–100 risk index (low 0–25, moderate 25–50, "
                    "high 50–75, very high 75–100), filled with its band colour; the band and "
                    "the native value are written beside the bar. The index places factors "
                    "side by side; it is not one scale, and factors are never averaged.",
                    "small",
                ),
            ]
        )
    ]


# ------------------------------------------------------------------ factor sections


def _input_rows(obj, specs: Sequence[FieldSpec]) -> list[list[object]]:
    return [[s.title, cell_text(getattr(obj, s.name)), s.unit] for s in specs]


def _inputs(a: m.Assessment, f: FactorResult) -> list[Flowable]:
    record = registry.factor(f.factor)
    section = record.section
    sec = getattr(a, section)
    if sec is None:
        return []
    out: list[Flowable] = []
    specs = [s for s in fields_of(section) if s.name != "not_applicable"]
    if specs:
        out += h3("Inputs")
        out.append(two_up(("Input", "Value", "Unit"), _input_rows(sec, specs), (0.6, 0.25, 0.15)))
    scope = record.list_scope
    if scope:
        items = getattr(sec, _LIST_ATTR[scope])
        item_specs = fields_of(scope)
        title = m.SECTIONS[section].model_fields[_LIST_ATTR[scope]].title or scope
        out += h3(f"Inputs: {title} ({len(items)})")
        if items:
            cols = ["#"] + [f"{s.title} [{s.unit}]" if s.unit else s.title for s in item_specs]
            rows = [
                [str(k)] + [getattr(item, s.name) for s in item_specs]
                for k, item in enumerate(items, start=1)
            ]
            out += data_table(cols, rows, key_cols=2, small=True)
        else:
            out.append(para("None entered.", "small"))
    return out


def _result_table(f: FactorResult) -> Table:
    st = styles()
    band = band_chip(f.band, f.band_name)
    border = (
        "yes: the native value is within 10 % of a band edge, so a small measurement "
        "error could change the band"
        if f.borderline
        else "no"
    )
    rows = [
        [Paragraph("Result", st["cell_head"]), para(metric_label_text(f.headline), "cell")]
        if f.headline
        else None,
        [Paragraph("Band", st["cell_head"]), Paragraph(band, st["cell"])],
        [Paragraph("Why", st["cell_head"]), para(f.why or "—", "cell")],
        [Paragraph("Borderline", st["cell_head"]), para(border, "cell")],
        [Paragraph("Risk index", st["cell_head"]), para(f"{f.index:.0f} of 100", "cell")],
    ]
    t = Table([r for r in rows if r], colWidths=[0.18 * FRAME_W, 0.82 * FRAME_W])
    cmds = grid(header_rows=0)
    cmds.append(("BACKGROUND", (0, 0), (0, -1), "#eeeeee"))
    t.setStyle(TableStyle(cmds))
    return t


def _detail_table(t: DetailTable) -> list[Flowable]:
    return [*h3(t.title), *data_table(t.columns, t.rows, key_cols=1, small=True)]


def _factor_section(a: m.Assessment, result: AssessmentResult, f: FactorResult) -> list:
    method = scoring.METHODS.get(f.method)
    head = markup(f"{esc(f.title)} &nbsp;{band_chip(f.band, f.band_name)}", "h2")
    out: list[Flowable] = [CondPageBreak(120), head]
    if method is not None:
        out.append(
            markup(
                f"<b>Method:</b> {esc(_sentence(method.title))} "
                f"<b>Edition:</b> {esc(_sentence(method.edition))}",
                "body",
            )
        )
    out.append(_result_table(f))
    if f.drivers:
        out += h3("What drives the result")
        out += _bullets(f.drivers)
    out += _inputs(a, f)
    if f.metrics:
        out += h3("Results")
        out.append(
            two_up(
                ("Result", "Value"), [(x.label, metric_text(x)) for x in f.metrics], (0.65, 0.35)
            )
        )
    for t in f.tables:
        out += _detail_table(t)
    if f.factor == workstation_height.METHOD.factor and result.desk_targets:
        out += h3("Personal settings to aim for")
        rows = [
            (_TARGET_LABELS.get(k, k.removesuffix("_cm").replace("_", " ")), f"{v:.0f} cm")
            for k, v in result.desk_targets.items()
        ]
        out.append(two_up(("Setting", "Target"), rows, (0.65, 0.35)))
    return out


def _not_applicable(result: AssessmentResult) -> list:
    na = [f for f in result.factors if not f.applicable]
    if not na:
        return []
    return [
        para("Factors not scored", "h2"),
        para(
            "Not assessed (nothing was entered) and not applicable (judged not to occur) are "
            "not the same as low, nor as each other: these factors were not scored.",
            "small",
        ),
        *data_table(
            ("Factor", "Status", "Reason"),
            [(f.title, f.status, f.reason or f.status) for f in na],
            widths=(0.28 * FRAME_W, 0.20 * FRAME_W, 0.52 * FRAME_W),
        ),
    ]


# ------------------------------------------------------------- closing sections


def _recommendations(
    a: m.Assessment, result: AssessmentResult, actions: Mapping[str, Sequence[str]] | None = None
) -> list:
    st = styles()
    actions = actions or {}
    out: list[Flowable] = [CondPageBreak(100), para("Recommendations", "h2")]
    if not result.recommendations:
        out.append(para(no_action_sentence(result)))
        return out
    out.append(
        para(
            "Ranked by the risk they remove, then by the hierarchy of controls (eliminate, "
            "engineer, administrate, protect, individual). Status, owner and due date are the "
            "corrective action recorded for a recommendation; fill them in where there is none.",
            "small",
        )
    )
    titles = _factor_titles(result)
    head = ["#", "Action", "Control level", "Expected effect", "Status", "Owner", "Due date"]
    rows = [[Paragraph(esc(h), st["cell_head"]) for h in head]]
    for i, r in enumerate(result.recommendations, start=1):
        status, owner, due = actions.get(r.id, ("", "", ""))
        source = f'<font size="6.5" color="#555555">Source: {esc(r.source)}</font>'
        text = _action_text(r, a)
        if has_rtl(text):  # wrapped as typed, then the source line below
            lead = f"{titles.get(r.factor, r.factor)}:"
            action = [_lead_para(lead, text, "cell"), markup(source, "cell")]
        else:
            action = markup(
                f"<b>{esc(titles.get(r.factor, r.factor))}:</b> {esc(text)}<br/>{source}", "cell"
            )
        rows.append(
            [
                para(str(i), "cell"),
                action,
                para(r.control, "cell"),
                para(_effect_text(r), "cell"),
                para(status, "cell"),
                para(owner, "cell"),
                para(due, "cell"),
            ]
        )
    widths = [0.04, 0.345, 0.125, 0.2, 0.09, 0.11, 0.09]  # "administrate" on one line
    t = Table(rows, colWidths=[w * FRAME_W for w in widths], repeatRows=1)
    t.setStyle(TableStyle(grid(zebra=True)))
    out.append(t)
    return out


def _methods(result: AssessmentResult) -> list:
    out: list[Flowable] = [CondPageBreak(120), para("Methods and references", "h2")]
    used = [f.method for f in result.factors if f.applicable]
    if not used:
        out.append(para("No method was applied: no factor was assessed."))
    for method_id in dict.fromkeys(used):
        method = scoring.METHODS.get(method_id)
        if method is None:
            continue
        same = method.title.lower().startswith(method.factor_title.lower())
        out += h3(method.title if same else f"{method.factor_title}: {method.title}")
        out.append(markup(f"<b>Edition:</b> {esc(method.edition)}", "small"))
        out.append(para(method.summary, "small"))
        out.append(markup(f"<b>Native value:</b> {esc(method.native)}", "small"))
        out += _band_table(method)
        out.append(markup(f"<b>Band edges:</b> {esc(method.band_basis)}", "small"))
        if method.unconfirmed:
            out.append(markup("<b>Not confirmed against the primary source</b>", "small"))
            out += _bullets(method.unconfirmed, "reference")
        if method.references:
            out.append(markup("<b>References</b>", "small"))
            out += _bullets(bibliography.citations(method.references), "reference")
    return out


def _zone(h: float, condition: str) -> str:
    """Return one L&I zone threshold in h/day ("more than 2 h/day"), "—" where there is none."""
    if math.isinf(h):
        return "—"
    return f"more than {h:g} h/day" + (f" ({condition})" if condition else "")


def _band_table(method) -> list[Flowable]:
    """Return the method's bands in its native unit (the L&I factors: their criteria in h/day).

    The L&I factors band by criteria, so their bands are the zones each
    criterion's daily hours reach, not the 0-100 index the profile draws.
    """
    criteria = getattr(registry.factor(method.factor).module, "CRITERIA", None)
    if not criteria:
        unit = method.scale.unit
        head = f"Range [{unit}]" if unit else "Range of the native value (dimensionless)"
        return data_table(
            ("Band", head),
            method.scale.describe(),
            widths=(0.25 * FRAME_W, 0.75 * FRAME_W),
            zebra=False,
        )
    bands = [
        ("low", "no criterion above its caution-zone h/day"),
        ("moderate", "a criterion above its caution-zone h/day"),
        ("high", "a criterion above its hazard-zone h/day"),
        (
            "very high",
            f"a criterion at {lni_zones.VERY_HIGH_FACTOR:g} × its hazard-zone h/day or more, "
            f"or hazard-zone criteria for {lni_zones.VERY_HIGH_HAZARD_COUNT} or more exposures",
        ),
    ]
    rows = [
        (c.label, _zone(c.caution_h, c.caution_if), _zone(c.hazard_h, c.hazard_if))
        for c in criteria
    ]
    return [
        *data_table(
            ("Band", "Daily hours [h/day]"),
            bands,
            widths=(0.25 * FRAME_W, 0.75 * FRAME_W),
            zebra=False,
        ),
        *data_table(
            ("Criterion", "Caution zone [h/day]", "Hazard zone [h/day]"),
            rows,
            widths=(0.40 * FRAME_W, 0.30 * FRAME_W, 0.30 * FRAME_W),
            small=True,
        ),
    ]


def _sign_off(a: m.Assessment) -> list:
    st = styles()
    head = [Paragraph(esc(h), st["cell_head"]) for h in ("Role", "Name", "Signature", "Date")]
    rows = [
        head,
        [para("Assessor", "cell"), para(a.header.assessor, "cell"), "", ""],
        [para("Manager", "cell"), "", "", ""],
    ]
    t = Table(
        rows,
        colWidths=[0.16 * FRAME_W, 0.34 * FRAME_W, 0.32 * FRAME_W, 0.18 * FRAME_W],
        rowHeights=[None, 30, 30],
    )
    t.setStyle(TableStyle(grid()))
    return [
        KeepTogether(
            [
                para("Sign-off", "h2"),
                para(
                    "Signed to confirm the assessment was discussed and the actions above "
                    "were agreed.",
                    "small",
                ),
                t,
                Spacer(1, 6),
                para("Next review due: ______________________", "body"),
            ]
        )
    ]


def _closing() -> list:
    return [
        KeepTogether([para("Disclaimer", "h2"), para(DISCLAIMER, "disclaimer")]),
    ]


def assessment_story(
    assessment: m.Assessment,
    result: AssessmentResult,
    *,
    generated: dt.date,
    saved_by: str = "",
    actions: Mapping[str, Sequence[str]] | None = None,
) -> list[Flowable]:
    """Return the report's flowables in reading order (see the module docstring)."""
    out: list[Flowable] = []
    out += symptom_block(assessment, result)  # first: it matters more than any score
    out += _header_block(assessment, result, generated, saved_by)
    out += _overall_block(result)
    out += _top_actions(assessment, result)
    out += _profile_block(result)
    if assessment.header.notes:
        out += [para("Notes", "h2"), para(assessment.header.notes)]
    for f in result.factors:
        if f.applicable:
            out += _factor_section(assessment, result, f)
    out += _not_applicable(result)
    out += _recommendations(assessment, result, actions)
    out += _methods(result)
    out += _sign_off(assessment)
    out += _closing()
    return out


def assessment_pdf(
    assessment: m.Assessment,
    result: AssessmentResult,
    *,
    generated: dt.date | None = None,
    invariant: bool = False,
    saved_by: str = "",
    actions: Mapping[str, Sequence[str]] | None = None,
) -> bytes:
    """Return the PDF report of one scored assessment.

    Parameters
    ----------
    assessment
        The validated assessment (header and inputs).
    result
        Its result, from :func:`assessments.evaluate.score_assessment`.
    generated
        The date printed as the report date; today when not given.
    invariant
        Build a reproducible file (fixed creation date and document id): two
        builds with the same inputs and ``generated`` date are byte-identical.
    saved_by
        Who saved the revision (organisation mode), printed beside the assessor.
    actions
        Recommendation id -> (status, owner, due date) in words, for the
        recommendations that have a corrective action; the others stay blank.
    """
    generated = generated or dt.date.today()
    h = assessment.header
    ident = h.assessment_id or "(not saved yet)"  # saving gives the readable id
    furniture = Furniture(
        header_left=f"Ergonomics risk assessment {ident}",
        header_right=" · ".join(x for x in (h.organisation, h.site, h.worker_ref) if x),
        footer_left=f"Ergo · assessment {ident} of {h.date.isoformat()} · generated "
        f"{generated.isoformat()} · method version {result.method_version}",
    )
    return build_pdf(
        assessment_story(
            assessment, result, generated=generated, saved_by=saved_by, actions=actions
        ),
        furniture,
        title=f"Ergonomics risk assessment {ident}",
        author=h.assessor,
        subject=" · ".join(x for x in (h.organisation, h.site, h.job_title, h.worker_ref) if x),
        invariant=invariant,
    )
