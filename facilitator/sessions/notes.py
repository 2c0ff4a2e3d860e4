"""The secretariat's own text (notes, summaries, next steps): one check for every field.

Unlike a participant's contribution, nothing here is silently altered: an invisible control
character is refused with a message, so the secretary sees why and the document says exactly
what was typed. Line breaks are kept (a summary may have paragraphs).
"""

from __future__ import annotations

import unicodedata

from facilitator.contributions.services import CONTROL_CHARS, INVALID_CHARS, SURROGATES
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _

NOTE_MAX = 500  # a remark under a heading ("Der var stor politisk medvind ...")
SUMMARY_MAX = 4000  # a summary paragraph or "Næste skridt"


def clean_note(text: str | None, *, limit: int, field: str) -> str:
    """`text` trimmed and in NFC with CRLF as LF; "" for blank. `field` names it in the
    message ("Noten må højst være 500 tegn"); callers pass it translated."""
    text = unicodedata.normalize("NFC", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    if CONTROL_CHARS.search(text) or SURROGATES.search(text):
        raise ValidationError(_(INVALID_CHARS))
    text = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    if len(text) > limit:
        raise ValidationError(_("%(field)s må højst være %(limit)s tegn; teksten er på %(n)s.",
                                field=field, limit=limit, n=len(text)))
    return text
