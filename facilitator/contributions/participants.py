"""Participants: the phone's token, its profile, and joining a session (with its passcode, and
the group and table fixed once the participant has contributed)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from facilitator.contributions.models import (
    STAKEHOLDER_GROUPS,
    Contribution,
    Endorsement,
    Participant,
    Withdrawal,
)
from facilitator.core import signals
from facilitator.core.db import DbSession
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.text import check_length, clean_text
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import passcode_matches

# Field names in Profile.cleaned's message, translated where it is raised.
PROFILE_FIELDS = {
    "name": N_("navn"),
    "organisation": N_("organisation"),
    "table_number": N_("bordnummer"),
}


PROFILE_TOO_LONG = N_("Feltet %(label)s må højst være %(limit)s tegn.")


def new_participant_token() -> str:
    """256 random bits for the phone's cookie."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Profile:
    name: str = ""
    group: str | None = None
    organisation: str = ""
    table_number: str = ""

    def cleaned(self) -> Profile:
        group = self.group or None
        if group is not None and group not in STAKEHOLDER_GROUPS:
            raise ValidationError(_("Vælg en af de viste grupper."))
        fields = {
            "name": (self.name, 120),
            "organisation": (self.organisation, 120),
            "table_number": (self.table_number, 10),
        }
        for key, (value, limit) in fields.items():
            check_length(value.strip(), limit, PROFILE_TOO_LONG, label=_(PROFILE_FIELDS[key]))
        return Profile(
            clean_text(self.name),
            group,
            clean_text(self.organisation),
            clean_text(self.table_number),
        )


def participant_for_token(
    db: DbSession, session: WorkshopSession, token: str | None
) -> Participant | None:
    if not token:
        return None
    return db.scalar(
        select(Participant).where(
            Participant.session_id == session.id, Participant.token_hash == hash_token(token)
        )
    )


GROUP_FIXED = N_(
    "Du har allerede bidraget, så din gruppe og organisation kan ikke ændres "
    "i denne session. Det beskytter de andres anonymitet: ellers kunne man "
    "trække resultaterne før og efter fra hinanden."
)

TABLE_FIXED = N_(
    "Du har allerede bidraget, så dit bordnummer kan ikke ændres i denne session. Det "
    "beskytter de andres anonymitet: ellers kunne man sammenligne bordene før og efter."
)


def has_contributed(db: DbSession, participant: Participant) -> bool:
    """Any answer, statement or "Enig" in the session, withdrawn ones included (they were seen)."""
    if participant.id is None:
        return False
    counted = select(Contribution.id).where(Contribution.participant_id == participant.id)
    agreed = select(Endorsement.id).where(Endorsement.participant_id == participant.id)
    withdrawn = select(Withdrawal.id).where(Withdrawal.participant_id == participant.id)
    return any(db.scalar(select(query.exists())) for query in (counted, agreed, withdrawn))


def join(
    db: DbSession,
    session: WorkshopSession,
    token: str,
    profile: Profile,
    passcode: str | None = None,
) -> Participant:
    """Create the phone's participant, or update the profile if it has joined before. A new
    participant needs the session's passcode when it has one; a returning one is not asked.
    Group and organisation are fixed once the participant has contributed: a counted person
    who moves between groups could be subtracted out of the results (contributions.privacy).
    So is the table: a person's statement is shown under the table they gave (tables.grouping),
    and a statement that moved between tables would tell two views apart."""
    profile = profile.cleaned()
    participant = participant_for_token(db, session, token)
    created = participant is None
    if participant is not None:
        group_moves = (participant.group or None, participant.organisation or "") != (
            profile.group,
            profile.organisation,
        )
        table_moves = (participant.table_number or "") != profile.table_number
        if (group_moves or table_moves) and has_contributed(db, participant):
            raise ValidationError(_(GROUP_FIXED if group_moves else TABLE_FIXED))
    if created and not passcode_matches(session, passcode):
        raise ValidationError(
            _("Skriv adgangskoden fra storskærmen.")
            if not passcode
            else _("Adgangskoden passer ikke. Tjek storskærmen, eller spørg facilitatoren.")
        )
    if participant is None:
        participant = Participant(session_id=session.id, token_hash=hash_token(token))
        db.add(participant)
    participant.name = profile.name
    participant.group = profile.group
    participant.organisation = profile.organisation
    participant.table_number = profile.table_number
    try:
        db.commit()
    except IntegrityError:  # the same phone joined twice at once: keep the first row
        db.rollback()
        participant = participant_for_token(db, session, token)
        assert participant is not None
    if created:
        signals.participant_joined.send(participant, session_id=session.id)
    return participant
