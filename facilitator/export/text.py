"""Text hygiene for every export writer: what makes any value safe in a document.

Participant text is hostile by default. One policy for all formats:

* XML-illegal characters (facilitator.core.text.UNTYPEABLE: C0 controls except TAB/LF, DEL,
  C1 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. Both openpyxl
  (IllegalCharacterError) and python-docx/lxml (ValueError) refuse them; replacing rather
  than dropping keeps it visible that something was there. CR and CRLF are normalised to LF.
* Unterminated bidi embeddings/overrides/isolates (e.g. U+202E) are closed at the end of
  the text, so they cannot visually reverse text *after* the contribution.
* Spreadsheet formula triggers are detected here; the XLSX writer decides how to neutralise.
"""

from __future__ import annotations

from facilitator.core.text import UNTYPEABLE, one_newline

REPLACEMENT = "\ufffd"

_EMBED_OPEN = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF U+202C
_ISOLATE_OPEN = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI U+2069
_FORMULA_TRIGGERS = ("=", "+", "-", "@")


def clean(text: object) -> str:
    """Make any value safe to place in an XML document as text (see module docstring)."""
    if text is None:
        return ""
    value = UNTYPEABLE.sub(REPLACEMENT, one_newline(str(text)))
    return _close_bidi(value)


def _close_bidi(value: str) -> str:
    # Cheap pre-check: almost no text contains bidi controls.
    if not any(ch in value for ch in _EMBED_OPEN + _ISOLATE_OPEN):
        return value
    embeds = sum(value.count(ch) for ch in _EMBED_OPEN) - value.count("\u202c")
    isolates = sum(value.count(ch) for ch in _ISOLATE_OPEN) - value.count("\u2069")
    return value + "\u202c" * max(embeds, 0) + "\u2069" * max(isolates, 0)


def one_line(text: object) -> str:
    """clean() and collapse all whitespace runs (incl. newlines) to single spaces."""
    return " ".join(clean(text).split())


def looks_like_formula(text: str) -> bool:
    """True if a spreadsheet could read the text as a formula (OWASP CSV-injection list).

    Leading whitespace (space, TAB, CR, LF) is ignored because Excel and LibreOffice trim
    it on edit/import, which would turn "  =1+1" into a live formula.
    """
    return text.lstrip().startswith(_FORMULA_TRIGGERS) or text.startswith(("\t", "\r"))
