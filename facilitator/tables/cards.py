"""Printable table cards: one page per table (A5 or A6), the table's join QR code in large and
its scribe's QR code in small, in the language asked for. Plain data in, PDF bytes out."""

from __future__ import annotations

import io
from dataclasses import dataclass

import qrcode
from fpdf import FPDF

from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import use_locale
from facilitator.tables.services import table_label

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


def _latin1(text: str) -> str:
    """The PDF's core font (Helvetica) is Latin-1: æ, ø, å and » are in it; other letters in a
    table's name become "?" rather than failing the whole sheet."""
    return text.encode("latin-1", "replace").decode("latin-1")


def cards_pdf(title: str, cards: list[Card], size: str = "a6", language: str = "da") -> bytes:
    width, height = PAGE_SIZES.get(size, PAGE_SIZES["a6"])
    scale = width / PAGE_SIZES["a6"][0]  # A5 is the A6 layout, larger
    pdf = FPDF(unit="mm", format=(width, height))
    pdf.set_auto_page_break(False)
    margin = 8 * scale
    with use_locale(language):
        pdf.set_title(_latin1(_("Bordkort: %(title)s", title=title)))
        for card in cards:
            pdf.add_page()
            pdf.set_font("Helvetica", "B", 30 * scale)
            pdf.set_xy(margin, margin)
            heading = table_label(card.number, "")
            pdf.cell(width - 2 * margin, 13 * scale, _latin1(heading), align="C")
            pdf.set_font("Helvetica", "", 15 * scale)
            pdf.set_xy(margin, margin + 13 * scale)
            pdf.cell(width - 2 * margin, 8 * scale, _latin1(card.name), align="C")
            pdf.set_font("Helvetica", "", 10 * scale)
            pdf.set_xy(margin, margin + 22 * scale)
            pdf.cell(width - 2 * margin, 6 * scale, _latin1(title), align="C")
            big = 62 * scale
            pdf.image(_qr(card.join_url), x=(width - big) / 2, y=margin + 29 * scale, w=big)
            pdf.set_font("Helvetica", "B", 11 * scale)
            pdf.set_xy(margin, margin + 29 * scale + big)
            pdf.cell(width - 2 * margin, 6 * scale, _latin1(_("Scan for at deltage")), align="C")
            # for a phone that cannot scan: the address to type (the table is filled in)
            pdf.set_font("Helvetica", "", 8 * scale)
            pdf.set_xy(margin, margin + 35 * scale + big)
            address = card.join_url.split("://", 1)[-1]
            pdf.cell(
                width - 2 * margin,
                5 * scale,
                _latin1(_("eller gå til %(url)s", url=address)),
                align="C",
            )
            small = 30 * scale
            top = height - margin - small
            pdf.image(_qr(card.scribe_url), x=margin, y=top, w=small)
            pdf.set_font("Helvetica", "B", 9 * scale)
            pdf.set_xy(margin + small + 3 * scale, top + 4 * scale)
            pdf.multi_cell(
                width - 2 * margin - small - 3 * scale,
                4.5 * scale,
                _latin1(_("Bordets skriver: scan her, så det, du sender, står som bordets.")),
                align="L",  # justified, the short lines gape
            )
    return bytes(pdf.output())
