"""Invitations and reminders for a written consultation round: the Danish letter with each
body's own link, sent by e-mail (facilitator.core.mail) or copied as a list of links.

`link_for` turns an invitation into its absolute link; the web layer knows the public URL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from facilitator.consultations.models import ConsultationRound, Invitation
from facilitator.consultations.services import local_text, waiting
from facilitator.core import mail
from facilitator.core.db import DbSession, utcnow
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _

LinkFor = Callable[[Invitation], str]


def deadline_text(round_: ConsultationRound) -> str:
    """ "20. januar 2020 kl. 23.59", Danish time."""
    return local_text(round_.deadline)


def not_yet_mailed(round_: ConsultationRound) -> list[Invitation]:
    """Whom "Send invitationer" writes to: not answered, with an e-mail, never e-mailed."""
    return [i for i in waiting(round_) if i.email and i.reminded_at is None]


def to_remind(round_: ConsultationRound) -> list[Invitation]:
    """Whom "Send påmindelse" writes to: every body that has not answered and has an e-mail."""
    return [i for i in waiting(round_) if i.email]


def links_text(invitations: Sequence[Invitation], link_for: LinkFor) -> str:
    """The copyable list for an e-mail of one's own: each body's name, then its link."""
    return "\n\n".join(f"{invitation.name}\n{link_for(invitation)}" for invitation in invitations)


def letter_text(
    round_: ConsultationRound, invitation: Invitation, link: str, *, reminder: bool
) -> tuple[str, str]:
    """Subject and body of the e-mail to one body."""
    if reminder:
        subject = _("Påmindelse: %(title)s", title=round_.title)
        opening = _(
            "Vi har endnu ikke modtaget jeres svar på den skriftlige høring »%(title)s«.",
            title=round_.title,
        )
    else:
        subject = _("Skriftlig høring: %(title)s", title=round_.title)
        opening = _(
            "I inviteres til at svare skriftligt på høringen »%(title)s«.", title=round_.title
        )
    parts = [_("Til %(name)s", name=invitation.name), opening]
    if round_.intro and not reminder:
        parts.append(round_.intro)
    parts += [
        _("Svar senest %(deadline)s gennem jeres eget link:", deadline=deadline_text(round_))
        + "\n"
        + link,
        _(
            "Linket er kun til jer, og I skal ikke logge ind. I kan gemme en kladde og vende "
            "tilbage til den indtil fristen. Videresend ikke linket uden for jeres udvalg eller "
            "råd."
        ),
    ]
    return subject, "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class MailResult:
    sent: list[Invitation]
    failed: list[tuple[Invitation, str]]  # the body and why its e-mail was not sent
    without_email: list[Invitation]  # not answered, but no address to write to


def send_letters(
    db: DbSession,
    round_: ConsultationRound,
    invitations: Sequence[Invitation],
    link_for: LinkFor,
    settings: mail.SmtpSettings,
    *,
    reminder: bool,
) -> MailResult:
    """E-mail each body its letter and note when (Invitation.reminded_at: the last e-mail
    that reached the server), so the page can say who was written to. An address that is not
    one mailbox (saved before addresses were checked) fails alone; the others are sent."""
    outgoing = []
    failed: list[tuple[Invitation, str]] = []
    for invitation in invitations:
        subject, body = letter_text(round_, invitation, link_for(invitation), reminder=reminder)
        try:
            message = mail.letter(
                sender=settings.sender,
                to=invitation.email,
                to_name=invitation.name,
                subject=subject,
                body=body,
            )
        except ValidationError as error:
            fix = _("Ret adressen under »Ret eller fjern«.")
            failed.append((invitation, f"{error.message} {fix}"))
        else:
            outgoing.append(mail.Outgoing(invitation.id, message))
    delivery = mail.send(settings, outgoing) if outgoing else mail.Delivery()
    now = utcnow()
    by_id = {invitation.id: invitation for invitation in invitations}
    for key in delivery.sent:
        by_id[key].reminded_at = now
    db.commit()
    return MailResult(
        sent=[by_id[key] for key in delivery.sent],
        failed=failed + [(by_id[key], reason) for key, reason in delivery.failed.items()],
        without_email=[i for i in waiting(round_) if not i.email],
    )
