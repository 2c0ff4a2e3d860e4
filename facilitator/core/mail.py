"""E-mail through the deployment's own SMTP server (SMTP_* settings): plain-text Danish
letters, sent over one connection, with a per-recipient outcome the secretariat can act on.

No Flask here: the caller passes the settings (`smtp_settings(app.config)`) and the messages.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _

SMTP_TIMEOUT = 20.0  # seconds per SMTP step: a dead server must not hang the page for long


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    sender: str = ""


def smtp_settings(config: Mapping[str, Any]) -> SmtpSettings | None:
    """The configured server, or None when e-mail is off (no SMTP_HOST)."""
    host = (config.get("SMTP_HOST") or "").strip()
    if not host:
        return None
    return SmtpSettings(
        host=host,
        port=int(config.get("SMTP_PORT") or 25),
        username=config.get("SMTP_USERNAME") or None,
        password=config.get("SMTP_PASSWORD") or None,
        starttls=bool(config.get("SMTP_STARTTLS")),
        sender=config.get("MAIL_SENDER") or f"facilitator@{host}",
    )


# RFC 5322 dot-atom, ASCII only: a local part with æ needs SMTPUTF8, which many municipal
# servers lack, so it is refused when typed rather than failing when sent.
LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
DOMAIN_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
SEPARATORS = re.compile(r'[\s,;:<>()\[\]"\\]')  # what would make it a list or a name
ADDRESS_MAX = 254  # RFC 5321's limit for a forward path


def mailbox(address: str) -> str:
    """`address` as one mailbox to send to (its domain IDNA-encoded: kontakt@æbeltoft.dk ->
    kontakt@xn--beltoft-lxa.dk), or a ValidationError in Danish. Commas, angle brackets,
    spaces and anything else that could add a recipient or a header are refused."""
    address = address.strip()
    local, at, domain = address.rpartition("@")
    if (
        SEPARATORS.search(address)
        or not at
        or not local
        or not domain
        or not LOCAL_PART.fullmatch(local)
    ):
        raise ValidationError(
            _(
                "»%(email)s« er ikke én e-mailadresse. Skriv én adresse som navn@kommune.dk, uden "
                "komma, mellemrum, <> eller æ, ø, å før @.",
                email=address,
            )
        )
    try:
        ascii_domain = domain.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        ascii_domain = ""
    labels = ascii_domain.split(".")
    if (
        len(labels) < 2
        or not all(DOMAIN_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise ValidationError(
            _("»%(email)s« har ikke et gyldigt domæne efter @ (fx kommune.dk).", email=address)
        )
    result = f"{local}@{ascii_domain}"
    if len(result) > ADDRESS_MAX:
        raise ValidationError(
            _(
                "»%(email)s« er længere end %(limit)s tegn.",
                email=address[:60] + "…",
                limit=ADDRESS_MAX,
            )
        )
    return result


def letter(*, sender: str, to: str, to_name: str, subject: str, body: str) -> EmailMessage:
    """A plain-text message (UTF-8: æ, ø and å survive every mail client). The name is quoted
    or encoded by the header registry, so "<postmaster>" or "Læsø, Kommune" stays a name;
    a `to` that is not one mailbox raises ValidationError."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = Address(display_name=" ".join(to_name.split()), addr_spec=mailbox(to))
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip(">") or None)
    message.set_content(body)
    return message


@dataclass(frozen=True)
class Outgoing:
    key: int  # whom it is for, as the caller knows them (an invitation's id)
    message: EmailMessage


@dataclass
class Delivery:
    sent: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)  # key -> why, for people


def _refusal(error: smtplib.SMTPResponseException) -> str:
    reply = (
        error.smtp_error.decode("utf-8", "replace")
        if isinstance(error.smtp_error, bytes)
        else str(error.smtp_error)
    )
    return _(
        "Mailserveren afviste beskeden (%(code)s %(reply)s).",
        code=error.smtp_code,
        reply=" ".join(reply.split()),
    )


def _refused_recipients(error: smtplib.SMTPRecipientsRefused) -> str:
    code, reply = next(iter(error.recipients.values()), (0, b""))
    return _refusal(smtplib.SMTPResponseException(code, reply))


def send(settings: SmtpSettings, outgoing: Sequence[Outgoing]) -> Delivery:
    """Send each message; one refused recipient does not stop the rest. A connection that
    fails marks every message not yet sent as failed, with the reason."""
    delivery = Delivery()
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.username:
                smtp.login(settings.username, settings.password or "")
            for item in outgoing:
                try:
                    smtp.send_message(item.message)
                except smtplib.SMTPRecipientsRefused as error:
                    delivery.failed[item.key] = _refused_recipients(error)
                except smtplib.SMTPResponseException as error:
                    delivery.failed[item.key] = _refusal(error)
                except (smtplib.SMTPNotSupportedError, UnicodeError, ValueError) as error:
                    # This message only (e.g. an address the server cannot take): the
                    # connection is still good for the rest.
                    delivery.failed[item.key] = _(
                        "Beskeden kunne ikke sendes: %(error)s", error=" ".join(str(error).split())
                    )
                else:
                    delivery.sent.append(item.key)
    except (OSError, smtplib.SMTPException) as error:
        reason = _(
            "Kunne ikke sende gennem mailserveren %(server)s: %(error)s",
            server=f"{settings.host}:{settings.port}",
            error=" ".join(str(error).split()) or type(error).__name__,
        )
        for item in outgoing:
            if item.key not in delivery.sent and item.key not in delivery.failed:
                delivery.failed[item.key] = reason
    return delivery
