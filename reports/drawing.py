"""Vector drawings for the PDF: the risk profile and the summary's bands per factor.

The risk profile is drawn from :func:`reports.profile.profile_chart`'s
:class:`~reports.profile.ProfileChart`, the same description the app's plotly
chart reads (one description, two renderers). A bar per factor on the 0-100
risk index, filled with its band colour and outlined, the band edges dashed,
and beside each bar its band *written* and its native value, so the chart
reads in black-and-white print and for colour-blind readers.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.profile import BAND_COLOURS, BAND_TEXT_COLOURS, NOT_APPLICABLE_COLOUR, ProfileChart
from reports.styles import FONT, FONT_BOLD, FONT_ITALIC, INK, MUTED, RULE, register_fonts
from scoring.bands import BAND_NAMES

_OUTLINE = colors.HexColor("#3a3a3a")


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Return ``text`` broken into at most ``max_lines`` lines no wider than ``width``.

    Words are never dropped: when the lines run out, the last one holds the rest
    and the caller shrinks the font until it fits.
    """
    words, lines, line = text.split(), [], ""
    for w in words:
        trial = f"{line} {w}".strip()
        if line and stringWidth(trial, font, size) > width and len(lines) < max_lines - 1:
            lines.append(line)
            line = w
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def _fit(text: str, font: str, size: float, width: float, max_lines: int, min_size: float):
    """Return (lines, font size) so ``text`` fits ``width`` in ``max_lines`` lines."""
    while True:
        lines = _wrap(text, font, size, width, max_lines)
        if size <= min_size or all(stringWidth(x, font, size) <= width for x in lines):
            return lines, size
        size -= 0.25


def _caption_lines(head: str, value: str, width: float, size: float) -> list[list[str]]:
    """Return caption lines; the first starts with the bold ``head``, the value follows it."""
    lines: list[list[str]] = [[head + (":" if value else "")]]
    room = width - stringWidth(lines[0][0] + " ", FONT_BOLD, size)
    line = ""
    for w in value.split():
        trial = f"{line} {w}".strip()
        if line and stringWidth(trial, FONT, size) > room:
            lines[-1].append(line)
            lines.append([])
            room, line = width, w
        else:
            line = trial
    if line:
        lines[-1].append(line)
    return lines


def profile_drawing(chart: ProfileChart, width: float = 500.0) -> Drawing:
    """Return the risk profile as a reportlab Drawing ``width`` points wide.

    Layout, left to right: factor title, the bar on the 0-100 index with the
    band edges dashed and the band names above their zones, then the caption:
    the band written in bold ("high (borderline)" where flagged) and the native
    value ("LI 1.80", "A(8) 3.65 m/s²"), as :attr:`ProfileBar.caption` words it.
    """
    register_fonts()
    label_w = 0.20 * width
    caption_w = 0.32 * width
    gap = 8.0
    bar_w = width - label_w - caption_w - 2 * gap
    x0 = label_w + gap
    row_h, bar_h = 22.0, 12.0
    top_pad, axis_h = 14.0, 22.0
    n = len(chart.bars)
    height = top_pad + n * row_h + axis_h
    d = Drawing(width, height, initialFontName=FONT)  # no Helvetica fallback

    def x_of(index: float) -> float:
        return x0 + bar_w * max(0.0, min(index, chart.x_max)) / chart.x_max

    plot_top = height - top_pad
    plot_bottom = axis_h
    # Band zones: names above, dashed edges through the plot.
    edges = (0.0, *chart.band_edges, chart.x_max)
    for b, name in enumerate(chart.band_names):
        mid = (x_of(edges[b]) + x_of(edges[b + 1])) / 2
        d.add(
            String(
                mid,
                plot_top + 4,
                name,
                fontName=FONT,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    for e in chart.band_edges:
        d.add(
            Line(
                x_of(e),
                plot_bottom,
                x_of(e),
                plot_top,
                strokeColor=RULE,
                strokeWidth=0.6,
                strokeDashArray=[2, 2],
            )
        )
    d.add(Line(x0, plot_bottom, x0, plot_top, strokeColor=_OUTLINE, strokeWidth=0.6))
    d.add(Line(x0, plot_bottom, x0 + bar_w, plot_bottom, strokeColor=_OUTLINE, strokeWidth=0.6))
    for t in (0, 25, 50, 75, 100):
        x = x_of(t)
        d.add(Line(x, plot_bottom, x, plot_bottom - 3, strokeColor=_OUTLINE, strokeWidth=0.6))
        d.add(
            String(
                x,
                plot_bottom - 10,
                str(t),
                fontName=FONT,
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    d.add(
        String(
            x0 + bar_w / 2,
            1,
            "risk index 0–100 (band edges at 25, 50, 75)",
            fontName=FONT,
            fontSize=6.5,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )

    for i, bar in enumerate(chart.bars):
        y_mid = plot_top - (i + 0.5) * row_h
        lines, size = _fit(bar.title, FONT_BOLD, 8, label_w, 2, 6)
        for k, line in enumerate(lines):
            y = y_mid + (len(lines) - 1) * (size + 1) / 2 - k * (size + 1) - size * 0.35
            d.add(
                String(
                    label_w,
                    y,
                    line,
                    fontName=FONT_BOLD,
                    fontSize=size,
                    fillColor=INK,
                    textAnchor="end",
                )
            )
        cx = x0 + bar_w + gap
        if not bar.applicable:
            d.add(
                Rect(
                    x0,
                    y_mid - bar_h / 2,
                    bar_w,
                    bar_h,
                    fillColor=colors.HexColor(NOT_APPLICABLE_COLOUR),
                    fillOpacity=0.35,
                    strokeColor=RULE,
                    strokeWidth=0.5,
                    strokeDashArray=[1.5, 1.5],
                )
            )
            d.add(
                String(
                    cx,
                    y_mid - 2.5,
                    bar.caption,  # "not applicable" or "not assessed"
                    fontName=FONT_ITALIC,
                    fontSize=7.5,
                    fillColor=MUTED,
                )
            )
            continue
        w = max(x_of(bar.index) - x0, 1.5)  # a low bar at 0 still shows a sliver
        d.add(
            Rect(
                x0,
                y_mid - bar_h / 2,
                w,
                bar_h,
                fillColor=colors.HexColor(bar.colour),
                strokeColor=_OUTLINE,
                strokeWidth=0.6,
            )
        )
        head = bar.band_name + (" (borderline)" if bar.borderline else "")
        size = 7.5
        lines_ = _caption_lines(head, bar.value_label, caption_w, size)
        while len(lines_) > 2 and size > 5.5:
            size -= 0.25
            lines_ = _caption_lines(head, bar.value_label, caption_w, size)
        lead = size + 1.5
        y = y_mid + (len(lines_) - 1) * lead / 2 - size * 0.35
        for k, parts in enumerate(lines_):
            x = cx
            for p, text in enumerate(parts):
                font = FONT_BOLD if k == 0 and p == 0 else FONT
                d.add(String(x, y, text, fontName=font, fontSize=size, fillColor=INK))
                x += stringWidth(text + " ", font, size)
            y -= lead
    return d


def band_stack_drawing(
    rows: Sequence[tuple[str, Sequence[int], int]], total: int, width: float = 500.0
) -> Drawing:
    """Return stacked horizontal bars: per factor, how many assessments fall in each band.

    Parameters
    ----------
    rows
        (factor title, counts per band low..very high, count not applicable).
    total
        Number of assessments; every bar's full length. [-]
    width
        Width of the drawing. [pt]
    """
    register_fonts()
    label_w = 0.20 * width
    gap = 8.0
    bar_w = width - label_w - gap
    x0 = label_w + gap
    row_h, bar_h = 22.0, 14.0
    legend_h, axis_h = 22.0, 20.0
    height = legend_h + len(rows) * row_h + axis_h
    d = Drawing(width, height, initialFontName=FONT)  # no Helvetica fallback
    total = max(int(total), 1)
    fills = [colors.HexColor(c) for c in BAND_COLOURS] + [colors.HexColor(NOT_APPLICABLE_COLOUR)]
    texts = [colors.HexColor(c) for c in BAND_TEXT_COLOURS] + [INK]
    names = [*BAND_NAMES, "not applicable"]

    # Legend: swatch and written name, in band order.
    lx = x0
    for k, name in enumerate(names):
        d.add(
            Rect(
                lx,
                height - 13,
                10,
                9,
                fillColor=fills[k],
                strokeColor=_OUTLINE,
                strokeWidth=0.5,
                strokeDashArray=[1.5, 1.5] if k == 4 else None,
            )
        )
        d.add(String(lx + 13, height - 11.5, name, fontName=FONT, fontSize=7, fillColor=INK))
        lx += 13 + stringWidth(name, FONT, 7) + 12

    plot_top = height - legend_h
    for i, (title, counts, n_na) in enumerate(rows):
        y_mid = plot_top - (i + 0.5) * row_h
        lines, size = _fit(title, FONT_BOLD, 8, label_w, 2, 6)
        for k, line in enumerate(lines):
            y = y_mid + (len(lines) - 1) * (size + 1) / 2 - k * (size + 1) - size * 0.35
            d.add(
                String(
                    label_w,
                    y,
                    line,
                    fontName=FONT_BOLD,
                    fontSize=size,
                    fillColor=INK,
                    textAnchor="end",
                )
            )
        x = x0
        for k, c in enumerate([*counts, n_na]):
            if c <= 0:
                continue
            w = bar_w * c / total
            d.add(
                Rect(
                    x,
                    y_mid - bar_h / 2,
                    w,
                    bar_h,
                    fillColor=fills[k],
                    strokeColor=_OUTLINE,
                    strokeWidth=0.5,
                    strokeDashArray=[1.5, 1.5] if k == 4 else None,
                )
            )
            label = f"{c:,}"
            if stringWidth(label, FONT, 6.5) + 4 <= w:
                d.add(
                    String(
                        x + w / 2,
                        y_mid - 2.3,
                        label,
                        fontName=FONT,
                        fontSize=6.5,
                        fillColor=texts[k],
                        textAnchor="middle",
                    )
                )
            x += w
    for t in (0, 25, 50, 75, 100):
        x = x0 + bar_w * t / 100
        d.add(Line(x, axis_h, x, axis_h - 3, strokeColor=_OUTLINE, strokeWidth=0.6))
        d.add(
            String(
                x,
                axis_h - 11,
                f"{t} %",
                fontName=FONT,
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    d.add(Line(x0, axis_h, x0 + bar_w, axis_h, strokeColor=_OUTLINE, strokeWidth=0.6))
    d.add(
        String(
            x0 + bar_w / 2,
            0,
            f"share of the {total:,} assessments",
            fontName=FONT,
            fontSize=6.5,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    return d
