"""Fonts, colours, paragraph and table styles shared by the PDF reports, and the escaper.

Every piece of text that becomes Paragraph markup goes through :func:`esc`, the
one escaping helper: user text (names, notes, task names) and generated text
alike (a driver may hold "<" or "&"). Markup is only ever written around
escaped text, never inside it.

The font is DejaVu Sans, vendored in ``reports/fonts`` with its licence
(Bitstream Vera / Arev, redistribution permitted), so names in any European
language (Łukasz Żółć, Zoë Ørsted, Σοφία, Дмитрий) render with correct glyphs
on a machine without system fonts. The 14 standard PDF fonts cover Latin-1 only.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reports.profile import BAND_COLOURS, BAND_TEXT_COLOURS, NOT_APPLICABLE_COLOUR

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}

# Page geometry (A4 portrait).
MARGIN_X = 16 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e6e6e6")
ZEBRA_FILL = colors.HexColor("#f6f6f6")
NA_FILL = colors.HexColor(NOT_APPLICABLE_COLOUR)


@cache
def register_fonts() -> str:
    """Register the vendored DejaVu Sans family once per process; return the regular name."""
    for name, file in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )
    return FONT


# C0 control characters other than tab and newline cannot appear in PDF text
# (and break reportlab's markup parser); they have no glyph, so none is lost.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(value: object) -> str:
    """Return ``value`` as text for the canvas or a plain table cell (no markup is parsed).

    Only control characters go (they have no glyph); line ends become ``\\n``.
    """
    text = "" if value is None else str(value)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def esc(value: object) -> str:
    """Return ``value`` as text safe inside Paragraph markup (the one escaping helper).

    ``&``, ``<`` and ``>`` become entities, so ``<b>&</para>`` prints literally;
    line breaks become ``<br/>`` so a note keeps its lines. The characters the
    reader sees are exactly the ones entered.
    """
    return escape(plain(value)).replace("\t", " ").replace("\n", "<br/>")


def band_colour(code: int) -> colors.Color:
    """Return the fill colour of a band code (-1: the not-applicable grey)."""
    return NA_FILL if code < 0 else colors.HexColor(BAND_COLOURS[code])


def band_text_colour(code: int) -> colors.Color:
    """Return a legible text colour on :func:`band_colour` of the same code."""
    return INK if code < 0 else colors.HexColor(BAND_TEXT_COLOURS[code])


def band_chip(code: int, name: str) -> str:
    """Return Paragraph markup for a band name on its band colour (name always written)."""
    bg = band_colour(code).hexval()[2:]
    fg = band_text_colour(code).hexval()[2:]
    return f'<font backColor="#{bg}" color="#{fg}"><b>\u00a0{esc(name)}\u00a0</b></font>'


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Return the paragraph styles by name (fonts registered on first use)."""
    register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=9,
        leading=12,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=4,
        splitLongWords=1,
        bulletFontName=FONT,
    )

    def s(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": s("title", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=2),
        "subtitle": s("subtitle", fontSize=10.5, leading=14, textColor=MUTED, spaceAfter=8),
        "h2": s(
            "h2",
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h3": s(
            "h3",
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=12,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "small": s("small", fontSize=7.5, leading=9.5, textColor=MUTED, spaceAfter=2),
        "cell": s("cell", fontSize=7.8, leading=9.6, spaceAfter=0),
        "cell_small": s("cell_small", fontSize=6.8, leading=8.4, spaceAfter=0),
        "cell_head": s("cell_head", fontName=FONT_BOLD, fontSize=7.8, leading=9.6, spaceAfter=0),
        "cell_head_small": s(
            "cell_head_small", fontName=FONT_BOLD, fontSize=6.8, leading=8.4, spaceAfter=0
        ),
        "bullet": s("bullet", leftIndent=10, bulletIndent=2, spaceAfter=2),
        "caption": s("caption", fontSize=7, leading=9, textColor=MUTED, spaceAfter=1),
        "reference": s(
            "reference",
            fontSize=7.5,
            leading=9.5,
            textColor=MUTED,
            leftIndent=10,
            bulletIndent=2,
            spaceAfter=1.5,
        ),
        "overall": s("overall", fontSize=10, leading=13.5, spaceAfter=0),
        "chip": s("chip", fontName=FONT_BOLD, fontSize=12, leading=15, alignment=1, spaceAfter=0),
        "disclaimer": s("disclaimer", fontSize=8, leading=10.5, textColor=MUTED),
    }


def grid(*, header_rows: int = 1, zebra: bool = False, start: int = 0) -> list[tuple]:
    """Return TableStyle commands: thin grid, grey header row(s), top-aligned cells."""
    cmds: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA_FILL]))
    return cmds


DISCLAIMER_SHORT = (
    "Screening result, not a diagnosis. Methods are screening tools; see each method's "
    "limitations under Methods and references."
)
DISCLAIMER = (
    "This report screens a job or workstation against published ergonomics methods and "
    "legal exposure values. It is not a medical assessment and not a diagnosis: the "
    "methods are screening tools, each with the limitations and exclusions described in "
    "its source (see Methods and references), and a result is only as good as the "
    "measurements entered. Bands from different methods are never averaged; the overall "
    "result is the worst factor band. A worker who reports symptoms, such as pain that "
    "spreads down a leg with numbness, tingling or weakness, should be referred to "
    "occupational health or a clinician."
)
