"""Sessions: creation (optionally from a template), join codes, going live and closing."""

from __future__ import annotations

import secrets
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from facilitator.accounts.models import User
from facilitator.activities.models import Activity
from facilitator.core import signals
from facilitator.core.db import DbSession, utcnow
from facilitator.core.errors import NotFound, SessionNotLive, ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.processes.models import Process
from facilitator.sessions.models import SESSION_KINDS, WorkshopSession
from facilitator.sessions.notes import SUMMARY_MAX, clean_note
from facilitator.sessions.templates import SESSION_TEMPLATES, translated_settings

# No 0/O, 1/I/L, 5/S or 8/B: codes are read aloud and typed from a projector.
JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY2345679"
JOIN_CODE_LENGTH = 6
PASSCODE_MAX = 20  # workshop_sessions.passcode
ENDS_BEFORE_START = N_("Sluttiden skal ligge efter starttiden.")


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: str) -> str:
    """People type codes in lower case, with spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _validate(title: str, kind: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError(_("Giv sessionen en titel."))
    if kind not in SESSION_KINDS:
        raise ValidationError(_("Vælg en gyldig sessionstype."))
    return title


def _hours(starts_at: time | None, ends_at: time | None) -> tuple[time | None, time | None]:
    """The document prints "kl. 9.00-12.00": an end at or before the start is a typo."""
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError(_(ENDS_BEFORE_START))
    return starts_at, ends_at


def create_session(
    db: DbSession,
    process: Process,
    *,
    title: str,
    kind: str,
    date: date | None = None,
    venue: str = "",
    description: str = "",
    template: str | None = None,
    passcode: str = "",
    starts_at: time | None = None,
    ends_at: time | None = None,
) -> WorkshopSession:
    starts_at, ends_at = _hours(starts_at, ends_at)
    session = WorkshopSession(
        process_id=process.id,
        title=_validate(title, kind),
        kind=kind,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue.strip(),
        description=description.strip(),
        screen_token=secrets.token_urlsafe(24),
        passcode=_passcode(passcode),
    )
    if template:
        session.activities = _activities_from_template(process, template)
    db.add(session)
    commit_with_join_code(db, session)
    return session


def _activities_from_template(process: Process, template: str) -> list[Activity]:
    if template not in SESSION_TEMPLATES:
        raise ValidationError(_("Ukendt skabelon."))
    activities: list[Activity] = []
    # The template's texts become the facilitator's own (editable) content, so they are
    # written in the language of whoever creates the session, once.
    for spec in SESSION_TEMPLATES[template][1]:
        areas = process.focus_areas if spec.per_focus_area else [None]
        for area in areas or [None]:
            title = f"{_(spec.title)}: {area.name}" if area else _(spec.title)
            activities.append(
                Activity(
                    kind=spec.kind,
                    title=title,
                    prompt=_(spec.prompt) if spec.prompt else "",
                    settings=translated_settings(spec.settings),
                    focus_area=area,
                    position=len(activities),
                )
            )
    return activities


def commit_with_join_code(db: DbSession, session: WorkshopSession, attempts: int = 5) -> None:
    """The unique index decides collisions; a retry draws a new code."""
    for _attempt in range(attempts):
        session.join_code = new_join_code()
        try:
            db.commit()
            return
        except IntegrityError:
            db.rollback()
            db.add(session)
    raise RuntimeError("could not allocate a unique join code")


def update_session(
    db: DbSession,
    session: WorkshopSession,
    *,
    title: str,
    kind: str,
    date: date | None,
    venue: str,
    description: str,
    passcode: str | None = None,
    starts_at: time | None = None,
    ends_at: time | None = None,
) -> WorkshopSession:
    """`passcode` None leaves it as it is; "" removes it."""
    title = _validate(title, kind)
    session.starts_at, session.ends_at = _hours(starts_at, ends_at)
    session.passcode = session.passcode if passcode is None else _passcode(passcode)
    session.title = title
    session.kind = kind
    session.date = date
    session.venue = venue.strip()
    session.description = description.strip()
    db.commit()
    signals.session_changed.send(session, session_id=session.id)
    return session


def set_next_steps(db: DbSession, session: WorkshopSession, text: str) -> WorkshopSession:
    """ "Næste skridt": the paragraph that closes the output document."""
    session.next_steps = clean_note(text, limit=SUMMARY_MAX, field=_("Næste skridt"))
    db.commit()
    signals.session_changed.send(session, session_id=session.id)
    return session


def set_state(db: DbSession, session: WorkshopSession, state: str) -> WorkshopSession:
    if state not in ("draft", "live", "closed"):
        raise ValidationError(_("Ukendt status."))
    if state == "closed" and session.state != "closed":
        session.closed_at = utcnow()  # retention (facilitator purge) counts from here
    elif state != "closed":
        session.closed_at = None
    session.state = state
    if state == "closed":
        for activity in session.activities:
            if activity.state == "open":
                activity.state = "closed"
    db.commit()
    signals.session_changed.send(session, session_id=session.id)
    return session


def get_session_for(db: DbSession, user: User, session_id: int) -> WorkshopSession:
    session = db.get(WorkshopSession, session_id)
    # Someone else's session answers as a missing one: ids cannot be told apart (enumerated).
    if session is None or not (user.is_admin or session.process.owner_id == user.id):
        raise NotFound(_("Sessionen findes ikke."))
    return session


# Unknown, draft and closed codes get the same answer: a guesser learns nothing, not even
# that a code exists or what the session is called.
CODE_NOT_OPEN = N_("Koden virker ikke lige nu. Tjek koden, eller spørg facilitatoren.")


def find_by_join_code(
    db: DbSession, code: str, states: tuple[str, ...] = ("live",)
) -> WorkshopSession:
    """The live session (or one in `states`) with this code; NotFound (CODE_NOT_OPEN) for any
    other code."""
    code = normalise_join_code(code)
    session = (
        db.scalar(select(WorkshopSession).where(WorkshopSession.join_code == code))
        if len(code) == JOIN_CODE_LENGTH
        else None
    )
    if session is None or session.state not in states:
        raise NotFound(_(CODE_NOT_OPEN))
    return session


def passcode_matches(session: WorkshopSession, typed: str | None) -> bool:
    """No passcode set, or the typed one in constant time. Letter case and spaces don't count:
    "rose 7" read off the wall is typed "Rose7" as often as not."""
    if not session.passcode:
        return True
    given = "".join((typed or "").split()).casefold().encode()
    return secrets.compare_digest(given, "".join(session.passcode.split()).casefold().encode())


def _passcode(passcode: str) -> str:
    passcode = " ".join(passcode.split())
    if len(passcode) > PASSCODE_MAX:
        raise ValidationError(_("Adgangskoden må højst være %(n)s tegn.", n=PASSCODE_MAX))
    return passcode


def find_by_screen_token(db: DbSession, session_id: int, token: str) -> WorkshopSession:
    session = db.get(WorkshopSession, session_id)
    if session is None or not secrets.compare_digest(session.screen_token, token):
        raise NotFound(_("Linket til storskærmen er ugyldigt."))
    if session.state == "closed":  # the link dies with the session; the owner's login still works
        raise SessionNotLive(
            _(
                "Sessionen er afsluttet, så linket til storskærmen virker ikke "
                "længere. Log ind for at se den."
            )
        )
    return session
