"""The one text policy: which characters no text may hold, how text is normalised, how long it
may be, and when two texts say the same.

Every layer applies the same character classes, each in its own way:

* a participant's text (contributions, profiles, written answers, plan rows) is cleaned
  silently: `clean_text`;
* the secretariat's own text and every web form refuse what cannot be typed, with
  INVALID_CHARS, so nothing is altered behind the writer's back: `check_typed`, `has_untypeable`;
* documents replace it, so it stays visible that something was there (export.text.clean).

Tab and line breaks are text; CR and CRLF are read as LF (`one_newline`).
"""

from __future__ import annotations

import re
import unicodedata

from facilitator.core.errors import ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _

# C0 controls except TAB, LF and CR (a browser's line break), DEL and the C1 controls: nobody
# types them, PostgreSQL refuses NUL outright, and XML (DOCX, XLSX) cannot hold them. Lone
# surrogates (half a UTF-16 pair) cannot be stored or encoded; U+FFFE/U+FFFF are
# noncharacters XML refuses too.
_UNTYPEABLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
# Bidi marks, embeddings, overrides and isolates: invisible, and they flip how the rest of a
# line reads.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"

UNTYPEABLE = re.compile(f"[{_UNTYPEABLE}]")
BIDI_CONTROLS = re.compile(f"[{_BIDI}]")
SURROGATES = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile(f"[{_UNTYPEABLE}{_BIDI}]")

INVALID_CHARS = N_("Feltet indeholder ugyldige tegn.")  # translated where it is raised


def one_newline(text: str) -> str:
    """CRLF (a browser's textarea) and a lone CR as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def has_untypeable(text: str) -> bool:
    """Whether `text` holds a character that no field may hold (see _UNTYPEABLE)."""
    return UNTYPEABLE.search(text) is not None


def check_typed(text: str) -> str:
    """`text` unchanged, or INVALID_CHARS if it holds an untypeable or a bidi control
    character: for text that is kept exactly as written (the secretariat's notes)."""
    if _INVISIBLE.search(text):
        raise ValidationError(_(INVALID_CHARS))
    return text


def clean_text(text: str) -> str:
    """A participant's text as it is kept: line breaks as LF, NFC, without control or bidi
    characters, trimmed; "" when nothing visible is left (a text of zero-width spaces or soft
    hyphens only). Lone surrogates are refused with INVALID_CHARS (nothing can be made of
    half a character)."""
    if SURROGATES.search(text):
        raise ValidationError(_(INVALID_CHARS))
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", one_newline(text))).strip()
    return text if any(_visible(ch) for ch in text) else ""


def _visible(ch: str) -> bool:
    # Cf: zero-width spaces/joiners, word joiner, BOM, soft hyphen; C*: controls, unassigned.
    return not ch.isspace() and not unicodedata.category(ch).startswith("C")


def check_length(text: str, limit: int, message: str, **variables: object) -> str:
    """`text` if it has at most `limit` characters, else a ValidationError: `message` (an
    N_-marked msgid) translated, with `%(limit)s`, `%(length)s` and `variables` filled in."""
    if len(text) > limit:
        raise ValidationError(_(message, limit=limit, length=len(text), **variables))
    return text


def same_words(text: str) -> str:
    """The one rule for "the same sentence" (casefold, whitespace collapsed, trailing . ! ? …
    ignored): the document's "(4 skrev det samme)" and the projector's "×4" both use it."""
    return " ".join(text.casefold().split()).rstrip(".!?…").strip()
