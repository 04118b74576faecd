"""Fonts, colours, paragraph and table styles shared by the PDF reports, and the escaper.

Every piece of text that becomes Paragraph markup goes through :func:`esc`, the
one escaping helper: user text (names, notes, task names) and generated text
alike (a driver may hold "<" or "&"). Markup is only ever written around
escaped text, never inside it.

The font is DejaVu Sans, vendored in ``reports/fonts`` with its licence
(Bitstream Vera / Arev, redistribution permitted), so names in any European
language (Łukasz Żółć, Zoë Ørsted, Σοφία, Дмитрий) render with correct glyphs
on a machine without system fonts. The 14 standard PDF fonts cover Latin-1 only.

Names in other scripts: a character DejaVu Sans has no glyph for is set in the
first fallback font that has one, each shipped by a Python package (never a
system font) and loaded on first use: Noto Sans Arabic and Noto Emoji
(``manimgx-fonts``, SIL OFL 1.1), then WenQuanYi Micro Hei for Chinese,
Japanese and Korean (``paperang-p2-fonts-cjk``; Apache 2.0 / GPLv3 with font
exception). reportlab draws glyphs left to right without shaping, so a line
holding Hebrew or Arabic is put in display order first: Arabic letters take
their joined forms (``arabic-reshaper``) and the line is reordered by the
Unicode Bidirectional Algorithm (UAX #9, ``python-bidi``), the way PDF
producers write right-to-left text; text extraction (pypdf, viewers' search
and copy) reads it back in logical order. A character no font has is drawn as
a visible box (and stays in the text layer).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
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


# Fallback fonts in the order they are tried: (name, package, file, index in a collection).
FALLBACK_FONTS = (
    ("NotoSansArabic", "manimgx_fonts", "NotoSansArabic[wght].ttf", 0),
    ("NotoEmoji", "manimgx_fonts", "NotoEmoji[wght].ttf", 0),
    ("WenQuanYiMicroHei", "paperang_p2_fonts_cjk", "fonts/wqy-microhei.ttc", 0),
)
# Hebrew, Arabic (with Syriac, Thaana, N'Ko) and their presentation forms: right to left.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Only the lam-alef ligatures are compulsory in Arabic; the word ligatures
# (ﷲ for "Allah") would replace a name's letters by one sign.
_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={
        "delete_harakat": False,  # the vowel marks typed are kept
        **{
            name: name.startswith("ARABIC LIGATURE LAM WITH ALEF") and "MAKSURA" not in name
            for name, _ in arabic_reshaper.ligatures.LIGATURES
        },
    }
)


def _to_unicode_cmap(fontname, subset):
    """Return reportlab's ToUnicode CMap with characters beyond U+FFFF as UTF-16 pairs.

    reportlab 5.1 writes ``<1F477>`` for U+1F477 (an odd number of hex digits),
    which readers reject, so an emoji would drop out of the text layer. The map
    is otherwise byte for byte reportlab's (ISO 32000-1 §9.10.3).
    """
    text = _REPORTLAB_TO_UNICODE(fontname, subset)
    if all(v <= 0xFFFF for v in subset):
        return text
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            pair = chr(v).encode("utf-16-be").hex().upper()
            text = text.replace(f"<{i:02X}> <{v:04X}>", f"<{i:02X}> <{pair}>", 1)
    return text


_REPORTLAB_TO_UNICODE = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


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


@cache
def _base_cmap() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


@cache
def _fallback(name: str) -> frozenset[int]:
    """Register one fallback font (on first use) and return the characters it has."""
    _, package, file, index = next(f for f in FALLBACK_FONTS if f[0] == name)
    path = resources.files(package) / file
    font = TTFont(name, str(path), subfontIndex=index)
    pdfmetrics.registerFont(font)
    # One face for every style: a fallback has no bold, and <b> must not fail on it.
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return frozenset(font.face.charToGlyph)


@lru_cache(maxsize=8192)
def font_for(ch: str) -> str | None:
    """Return the fallback font for a character DejaVu Sans lacks; None when it has it.

    A character no font has stays with DejaVu Sans (drawn as its box).
    """
    code = ord(ch)
    if code in _base_cmap() or unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
        return None
    for name, *_ in FALLBACK_FONTS:
        if code in _fallback(name):
            return name
    return None


_PAIRS = {")": "(", "]": "[", "}": "{", "»": "«", "›": "‹"}
_OPENERS = {v: k for k, v in _PAIRS.items()}


def _mirror_reversed_pairs(visual: str) -> str:
    """Return ``visual`` with bracket pairs that a right-to-left run reversed turned back.

    python-bidi reorders (UAX #9, with the bracket-pair rule N0) but leaves
    mirroring (rule L4) to the renderer; reportlab does not mirror, so
    "(אריזה)" would be drawn ")אריזה(". In display order such a pair reads
    closing-before-opening: swap the two.
    """
    if not any(ch in _PAIRS for ch in visual):
        return visual
    out = list(visual)
    stack: list[tuple[str, int, bool]] = []  # (expected char, index, reversed pair)
    for i, ch in enumerate(out):
        if stack and ch == stack[-1][0]:
            _, j, reversed_pair = stack.pop()
            if reversed_pair:
                out[i], out[j] = out[j], out[i]
        elif ch in _OPENERS:
            stack.append((_OPENERS[ch], i, False))
        elif ch in _PAIRS:
            stack.append((_PAIRS[ch], i, True))
    return "".join(out)


def display_order(line: str) -> str:
    """Return one line in the order it is drawn: Arabic joined, right-to-left runs reversed."""
    if not _RTL.search(line):
        return line
    # The report reads left to right: a line keeps its fields in order and each
    # right-to-left run inside it is reversed (UAX #9, left-to-right paragraph).
    return _mirror_reversed_pairs(get_display(_RESHAPER.reshape(line), base_dir="L"))


def runs(text: str) -> list[tuple[str | None, str]]:
    """Return (fallback font or None for the style's own, text) runs of one drawn line."""
    out: list[tuple[str | None, str]] = []
    for ch in display_order(text):
        font = None if ch.isascii() else font_for(ch)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


@lru_cache(maxsize=65536)
def needs_markup(text: str) -> bool:
    """Return whether text needs a fallback font or reordering (so a plain cell will not do)."""
    if text.isascii():
        return False
    return bool(_RTL.search(text)) or any(font_for(ch) for ch in text if not ch.isascii())


def has_rtl(text: str) -> bool:
    """Return whether text holds Hebrew or Arabic (so it must be wrapped before reordering)."""
    return bool(_RTL.search(text))


def esc_lines(lines: list[str]) -> str:
    """Return Paragraph markup of lines already broken where they wrap, each in display order."""
    return "<br/>".join(_esc_line(line) for line in lines)


def _esc_line(line: str) -> str:
    if not needs_markup(line):
        return escape(line)
    return "".join(
        escape(t) if font is None else f'<font name="{font}">{escape(t)}</font>'
        for font, t in runs(line)
    )


def plain(value: object) -> str:
    """Return ``value`` as text for the canvas or a plain table cell (no markup is parsed).

    Only control characters go (they have no glyph); line ends become ``\\n``.
    """
    text = "" if value is None else str(value)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def esc(value: object) -> str:
    """Return ``value`` as text safe inside Paragraph markup (the one escaping helper).

    ``&``, ``<`` and ``>`` become entities, so ``<b>&</para>`` prints literally;
    line breaks become ``<br/>`` so a note keeps its lines. Characters DejaVu
    Sans lacks are wrapped in their fallback font, and a line holding Hebrew
    or Arabic is put in display order (see the module docstring). The
    characters the reader sees are exactly the ones entered.
    """
    lines = plain(value).replace("\t", " ").split("\n")
    return "<br/>".join(_esc_line(line) for line in lines)


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
