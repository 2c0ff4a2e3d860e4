"""Absolute links for phones and projectors, QR codes of them, and safe redirect targets."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
from flask import current_app, request, url_for

from facilitator.consultations.models import Invitation
from facilitator.sessions.models import WorkshopSession
from facilitator.tables.models import SessionTable
from facilitator.tables.services import scribe_secret


def public_url(path: str) -> str:
    """FACILITATOR_PUBLIC_URL wins: the laptop's own address is not what phones can reach."""
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return base.rstrip("/") + path


def join_url(session: WorkshopSession) -> str:
    return public_url(url_for("join.join", code=session.join_code))


def screen_url(session: WorkshopSession) -> str:
    return public_url(url_for("screen.screen", session_id=session.id, t=session.screen_token))


def answer_url(invitation: Invitation) -> str:
    """A body's private link to its written answer (web/answer.py's form at /h/<token>)."""
    return public_url(url_for("answer.form", token=invitation.token))


# The quiet zone the QR standard asks for (4 modules): with 2, scanners miss some codes.
def scribe_key() -> bytes:
    """What a table's scribe secret is derived from (tables.services.scribe_secret)."""
    return str(current_app.config["SECRET_KEY"]).encode()


def scribe_url(session: WorkshopSession, table: SessionTable) -> str:
    """The link on a table's card that makes a phone the table's scribe."""
    secret = scribe_secret(table, scribe_key())
    path = url_for("join.scribe", code=session.join_code, number=table.number, k=secret)
    return public_url(path)


def table_join_url(session: WorkshopSession, number: int) -> str:
    """The join link on a table's card: the join form with the table filled in."""
    return public_url(url_for("join.join", code=session.join_code, bord=number))


def qr_svg(data: str) -> bytes:
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathImage,
        border=4,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    return image.to_string()


def qr_png(data: str, box_size: int = 12) -> bytes:
    code = qrcode.QRCode(
        border=4, box_size=box_size, error_correction=qrcode.constants.ERROR_CORRECT_M
    )
    code.add_data(data)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def safe_local_target(target: str | None, fallback: str) -> str:
    """Only same-site paths: an open redirect would let a crafted link phish a facilitator."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not urlsplit(target).netloc
        and "\\" not in target
    ):
        return target
    return fallback
