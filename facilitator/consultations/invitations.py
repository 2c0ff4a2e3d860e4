"""The bodies invited to a consultation round: checking a typed or pasted list of bodies,
inviting them, correcting or removing one that has not answered yet, and finding the body behind
an answer link (each body's secret token). Kept apart from consultations.services, which owns
the round itself and the answering, so that module stays about rounds and answers and this one
about who is asked; it builds on that module's BodySpec and its row lock on an invitation."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence

from sqlalchemy import select

from facilitator.consultations.models import ConsultationRound, Invitation
from facilitator.consultations.services import BodySpec, lock_invitation
from facilitator.core import mail
from facilitator.core.db import DbSession
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.core.text import clean_text

TOKEN_BYTES = 32  # 256 random bits per link


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _at_line(spec: BodySpec, message: str) -> ValidationError:
    return ValidationError(
        _("Linje %(number)s: %(problem)s", number=spec.line, problem=message)
        if spec.line
        else message
    )


def _clean_body(spec: BodySpec) -> BodySpec:
    """One body as it is saved, or its first problem. The e-mail must be one mailbox
    (facilitator.core.mail.mailbox): a comma or "<...>" could add a second recipient of the link."""
    body, organisation = clean_text(spec.body), clean_text(spec.organisation)
    email = spec.email.strip()
    if not body:
        raise ValidationError(_("Skriv navnet på det udvalg eller råd, der inviteres."))
    if len(body) > 200 or len(organisation) > 120 or len(email) > mail.ADDRESS_MAX:
        raise ValidationError(_("Navn, organisation eller e-mail er for lang."))
    if email:
        mail.mailbox(email)
    return BodySpec(body, organisation, email, spec.line)


def clean_bodies(bodies: Sequence[BodySpec], invited: Sequence[Invitation] = ()) -> list[BodySpec]:
    """The bodies as they will be saved, or the first problem (at its line when pasted): a
    missing name, an address that is not one mailbox, or a body named twice (in the list or
    among those `invited` already). Pages check a pasted list with it before anything is saved."""
    existing = {(i.organisation.casefold(), i.body.casefold()) for i in invited}
    listed: set[tuple[str, str]] = set()
    cleaned: list[BodySpec] = []
    for spec in bodies:
        try:
            clean = _clean_body(spec)
        except ValidationError as error:
            raise _at_line(spec, error.message) from None
        key = (clean.organisation.casefold(), clean.body.casefold())
        name = ", ".join(p for p in (clean.body, clean.organisation) if p)
        if key in existing:
            raise _at_line(spec, _("%(body)s er allerede inviteret til denne høring.", body=name))
        if key in listed:
            raise _at_line(spec, _("%(body)s står to gange på listen.", body=name))
        listed.add(key)
        cleaned.append(clean)
    return cleaned


def invite(
    db: DbSession, round_: ConsultationRound, bodies: Sequence[BodySpec]
) -> list[Invitation]:
    """Invite bodies; one already invited (same body and organisation) is refused by name."""
    added = [
        Invitation(
            body=spec.body, organisation=spec.organisation, email=spec.email, token=new_token()
        )
        for spec in clean_bodies(bodies, round_.invitations)
    ]
    round_.invitations.extend(added)
    db.commit()
    return added


def _refuse_if_answered(invitation: Invitation) -> None:
    if invitation.submitted_at is not None:
        raise ValidationError(
            _(
                "%(body)s har svaret og kan ikke længere ændres eller fjernes: "
                "svaret hører til den, der skrev det.",
                body=invitation.name,
            )
        )


def get_invitation(db: DbSession, round_: ConsultationRound, invitation_id: int) -> Invitation:
    invitation = db.get(Invitation, invitation_id)
    if invitation is None or invitation.round_id != round_.id:
        raise NotFound(_("Udvalget eller rådet findes ikke i denne høring."))
    return invitation


def update_invitation(db: DbSession, invitation: Invitation, spec: BodySpec) -> bool:
    """Correct a body's name, organisation or e-mail until it has answered. A changed address
    of a body already written to gets a new link, and the old one stops working: it may have
    gone to the wrong person. Returns whether the link changed."""
    lock_invitation(db, invitation)  # not while the body is submitting
    _refuse_if_answered(invitation)
    others = [i for i in invitation.round.invitations if i.id != invitation.id]
    clean = clean_bodies([spec], others)[0]
    new_link = (
        clean.email.casefold() != invitation.email.casefold() and invitation.reminded_at is not None
    )
    if clean.email.casefold() != invitation.email.casefold():
        invitation.reminded_at = None  # "Send invitationer" writes to the new address
    if new_link:
        invitation.token = new_token()
    invitation.body, invitation.organisation, invitation.email = (
        clean.body,
        clean.organisation,
        clean.email,
    )
    db.commit()
    return new_link


def remove_invitation(db: DbSession, invitation: Invitation) -> None:
    """Uninvite a body that has not answered; its link and any draft go with it."""
    lock_invitation(db, invitation)
    _refuse_if_answered(invitation)
    db.delete(invitation)
    db.commit()


def invitation_for_token(db: DbSession, token: str | None) -> Invitation:
    """The body behind a link; an unknown or malformed token is one clear refusal (it never
    says whether a similar token exists)."""
    invitation = None
    if token and len(token) <= 64 and re.fullmatch(r"[A-Za-z0-9_-]+", token):
        invitation = db.scalar(select(Invitation).where(Invitation.token == token))
    if invitation is None:
        raise NotFound(
            _(
                "Linket er ukendt. Tjek, at hele linket fra e-mailen er kopieret, "
                "eller bed sekretariatet om et nyt."
            )
        )
    return invitation
