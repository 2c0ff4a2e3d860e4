"""The secretariat's own text (notes, summaries, next steps): one check for every field.

Unlike a participant's contribution, nothing here is silently altered: an invisible control
character is refused with a message, so the secretary sees why and the document says exactly
what was typed. Line breaks are kept (a summary may have paragraphs).
"""

from __future__ import annotations

import unicodedata

from facilitator.core.i18n import N_
from facilitator.core.text import check_length, check_typed, one_newline

NOTE_MAX = 500  # a remark under a heading ("Der var stor politisk medvind ...")
SUMMARY_MAX = 4000  # a summary paragraph or "Næste skridt"
TOO_LONG = N_("%(field)s må højst være %(limit)s tegn; teksten er på %(n)s.")


def clean_note(text: str | None, *, limit: int, field: str) -> str:
    """`text` trimmed and in NFC with CRLF as LF; "" for blank. `field` names it in the
    message ("Noten må højst være 500 tegn"); callers pass it translated."""
    text = unicodedata.normalize("NFC", check_typed(one_newline(text or "")))
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return check_length(text, limit, TOO_LONG, field=field, n=len(text))
