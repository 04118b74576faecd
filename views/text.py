"""User text made safe for Streamlit's Markdown: what a person typed is shown as typed.

``st.markdown``, captions, alerts and toasts read GitHub-flavoured Markdown,
with bare-URL links, ``:emoji:`` short codes, ``:material/icon:`` icons and
``$`` LaTeX. :func:`md` escapes every construct on every line of a name, a
note or a message that quotes one, so "Anna\\n# Boss", a bare URL or ":fire:"
appear as the characters typed, never as a heading, a link or an icon.

Characters are escaped only where they could start markup (CommonMark 0.31
and the GFM spec), so ordinary text, such as the message
"seat_min_cm == 60, must be <= 54 [cm].", reads the same in the source.
Kept free of Streamlit so the form helpers and the page components share it.
"""

from __future__ import annotations

import re

_WORD_JOINER = "\u2060"  # invisible and zero-width: splits a short code without a mark
_NBSP = "\u00a0"

# Always markup: escapes, code spans, emphasis with *, strikethrough, LaTeX, table cells.
_ALWAYS = re.compile(r"([\\`*~$|])")
# "_" opens or closes emphasis only beside punctuation or space: snake_case stays as it is.
_UNDERSCORE = re.compile(r"_(?![^\W_])|(?<![^\W_])_")
# "<" starts raw HTML or an autolink only before a letter, "/", "!" or "?": "<= 5" stays.
_ANGLE = re.compile(r"<(?=[A-Za-z/!?])")
# An entity (&amp; &#35;) would show as the character it names.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# "]" followed by "(", "[" or ":" closes a link, a reference or a definition.
_LINK_END = re.compile(r"\](?=[(\[:])")
# Block markers at the start of any line: heading, quote, list, setext rule, "1." or "1)",
# a link reference or footnote definition "[x]: ...".
_LINE_START = re.compile(r"^([ \t]*(?:\d+(?=[.)](?:[ \t]|$)))?)([#>+\-=.)\[])", re.MULTILINE)
# Leading indentation would make a code block (four spaces) or continue a list item.
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
# A colon before a word opens ":smile:", ":material/delete:" or ":red[...]"; Streamlit
# expands these in the rendered text, after backslash escapes are gone, so only an
# invisible word joiner after the colon stops them.
_SHORT_CODE = re.compile(r":(?=[\w+\-])")
# GFM's bare links: "https://...", "www.example.com" and e-mail addresses.
_SCHEME = re.compile(r"(?<=[A-Za-z]):(?=//)")
_WWW = re.compile(r"(?i)(?<![\w.\-])(www)\.")
_AT = re.compile(r"@")


def md(text: object) -> str:
    """Return user or catalogue text escaped for st.markdown (no markup, links, codes or LaTeX).

    Every line is escaped, not only the first; the characters a reader sees
    are the ones typed (leading spaces are kept as non-breaking spaces).
    """
    out = "" if text is None else str(text)
    out = out.replace("\r\n", "\n").replace("\r", "\n")
    out = _SHORT_CODE.sub(":" + _WORD_JOINER, out)  # first: before "_" or "+" get escapes
    out = _ALWAYS.sub(r"\\\1", out)
    out = _UNDERSCORE.sub(r"\\_", out)
    out = _ANGLE.sub(r"\\<", out)
    out = _ENTITY.sub(r"\\&", out)
    out = _LINK_END.sub(r"\\]", out)
    out = _LINE_START.sub(lambda mt: mt.group(1) + "\\" + mt.group(2), out)
    out = _INDENT.sub(lambda mt: mt.group(0).replace("\t", _NBSP * 4).replace(" ", _NBSP), out)
    out = _SCHEME.sub(r"\\:", out)
    out = _WWW.sub(r"\1\\.", out)
    return _AT.sub(r"\\@", out)
