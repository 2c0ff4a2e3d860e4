"""Printable table cards: one page per table (A5 or A6), the table's join QR code in large and
its scribe's QR code in small, in the language asked for. Plain data in, PDF bytes out. Any
table or session name prints: a Unicode font, "?" for what it lacks, long lines made to fit."""

from __future__ import annotations

import importlib.util
import io
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import qrcode
from fpdf import FPDF
from fpdf.fonts import TTFFont

from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import use_locale
from facilitator.tables.services import table_label

log = logging.getLogger(__name__)
PAGE_SIZES = {"a5": (148.0, 210.0), "a6": (105.0, 148.0)}  # portrait, millimetres


@dataclass(frozen=True)
class Card:
    number: int
    name: str
    join_url: str
    scribe_url: str


def _qr(data: str) -> io.BytesIO:
    code = qrcode.QRCode(border=4, box_size=10, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


# DejaVu Sans ships inside matplotlib (a dependency): Latin, Greek, Cyrillic, dashes, ✓ and
# many symbols, so "Bord – Øst ✓" or "Łódź" print as typed. Found without importing matplotlib.
FONT_FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
CORE_FAMILY = "Helvetica"  # Latin-1 only: the fallback when the font cannot be loaded
MIN_FONT_PT = 6.0


def font_folder() -> Path | None:
    """matplotlib's folder of TTF fonts, or None when it is not installed."""
    spec = importlib.util.find_spec("matplotlib")
    for base in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(base) / "mpl-data" / "fonts" / "ttf"
        if all((folder / name).is_file() for name in FONT_FILES.values()):
            return folder
    return None


class _Text:
    """Writes a card's lines in the Unicode font when it loads, else in Helvetica; either way
    a character the font lacks becomes "?" (marks such as an emoji's variation selector are
    dropped), and a line too wide for the card is made smaller, then shortened, never left to
    run off the page. A table's name never fails the sheet."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.family = CORE_FAMILY
        folder = font_folder()
        if folder is not None:
            try:
                for style, name in FONT_FILES.items():
                    pdf.add_font(FONT_FAMILY, style, str(folder / name))
                self.family = FONT_FAMILY
            except Exception:  # noqa: BLE001 - a broken font file: the core font still prints
                log.warning("Bordkort: %s could not be loaded; using Helvetica", folder)

    def clean(self, text: str) -> str:
        font = self.pdf.current_font
        if not isinstance(font, TTFFont):  # Helvetica
            return text.encode("latin-1", "replace").decode("latin-1")
        known = font.cmap
        kept = []
        for char in text:
            if ord(char) in known:
                kept.append(char)
            elif unicodedata.category(char) not in ("Mn", "Me", "Cf"):
                kept.append("?")
        return "".join(kept)

    def line(
        self, text: str, x: float, y: float, width: float, height: float, style: str, size: float
    ) -> None:
        """One centred line at (x, y) that fits `width`."""
        self.pdf.set_font(self.family, style, size)
        text = self.clean(text)
        while self.pdf.get_string_width(text) > width and size > MIN_FONT_PT:
            size = max(MIN_FONT_PT, size - 0.5)
            self.pdf.set_font(self.family, style, size)
        if self.pdf.get_string_width(text) > width:
            ellipsis = "…" if self.family == FONT_FAMILY else "..."
            while text and self.pdf.get_string_width(text + ellipsis) > width:
                text = text[:-1]
            text += ellipsis
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, height, text, align="C")

    def paragraph(
        self, text: str, x: float, y: float, width: float, height: float, style: str, size: float
    ) -> None:
        self.pdf.set_font(self.family, style, size)
        self.pdf.set_xy(x, y)
        # left-aligned: justified, the short lines gape
        self.pdf.multi_cell(width, height, self.clean(text), align="L")


def cards_pdf(title: str, cards: list[Card], size: str = "a6", language: str = "da") -> bytes:
    width, height = PAGE_SIZES.get(size, PAGE_SIZES["a6"])
    scale = width / PAGE_SIZES["a6"][0]  # A5 is the A6 layout, larger
    pdf = FPDF(unit="mm", format=(width, height))
    pdf.set_auto_page_break(False)
    margin = 8 * scale
    inner = width - 2 * margin
    text = _Text(pdf)
    with use_locale(language):
        pdf.set_title(_("Bordkort: %(title)s", title=title))  # metadata: any character
        for card in cards:
            pdf.add_page()
            text.line(
                table_label(card.number, ""), margin, margin, inner, 13 * scale, "B", 30 * scale
            )
            text.line(card.name, margin, margin + 13 * scale, inner, 8 * scale, "", 15 * scale)
            text.line(title, margin, margin + 22 * scale, inner, 6 * scale, "", 10 * scale)
            big = 62 * scale
            pdf.image(_qr(card.join_url), x=(width - big) / 2, y=margin + 29 * scale, w=big)
            below = margin + 29 * scale + big
            text.line(_("Scan for at deltage"), margin, below, inner, 6 * scale, "B", 11 * scale)
            # for a phone that cannot scan: the address to type (the table is filled in)
            address = card.join_url.split("://", 1)[-1]
            text.line(
                _("eller gå til %(url)s", url=address),
                margin,
                below + 6 * scale,
                inner,
                5 * scale,
                "",
                8 * scale,
            )
            small = 30 * scale
            top = height - margin - small
            pdf.image(_qr(card.scribe_url), x=margin, y=top, w=small)
            text.paragraph(
                _("Bordets skriver: scan her, så det, du sender, står som bordets."),
                margin + small + 3 * scale,
                top + 4 * scale,
                inner - small - 3 * scale,
                4.5 * scale,
                "B",
                9 * scale,
            )
    return bytes(pdf.output())
