"""Written consultation rounds: create a round, let each invited body draft and submit its
answers through its own link until the deadline (inviting, correcting and removing the bodies,
and finding a body by its link: consultations.invitations).

A submitted answer is split into its paragraphs and saved as contributions of the round's
backing session (one open-question activity per question, consultations.answers), so the same
embedding, themes and document code serve written answers and the room's input.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from facilitator.activities.models import Activity
from facilitator.consultations.answers import (
    answer_contributions,
    clean_answers,
    keep_answers,
)
from facilitator.consultations.models import (
    ConsultationQuestion,
    ConsultationRound,
    Invitation,
)
from facilitator.core import signals
from facilitator.core.clock import danish_time, stored_time
from facilitator.core.db import DbSession, utcnow
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_datetime
from facilitator.processes.models import Process
from facilitator.sessions.models import WorkshopSession

ROUND_KIND = "hoering"  # the backing session's kind (sessions.models.BACKING_KINDS)
DEFAULT_DEADLINE_TIME = time(23, 59)  # "senest d. 20. januar": the whole day counts

# Seed 001's questions, asked of every committee and handicap council: the first two about
# the vision, the four after them for each focus area. Danish msgids: a round is written in
# the language of whoever creates it, once, then edited as the secretariat's own text.
VISION_QUESTIONS = (
    N_("Hvilket fokus på egenmestring giver mening at have på tværs af de nordjyske kommuner?"),
    N_("Hvad ønskes ændret i forhold til den nuværende vision?"),
)
FOCUS_AREA_QUESTIONS = (
    N_(
        "Hvad giver mening, at vi kan samarbejde om i fællesskab, og hvad giver bedst mening, "
        "at den enkelte organisation selv tager sig af?"
    ),
    N_("Hvilken politisk retning ønskes der for de enkelte fokusområder?"),
    N_("Er der forslag til fælleskommunale initiativer for de enkelte fokusområder?"),
    N_(
        "Er der særlige vinkler og perspektiver, der bør tages højde for under de enkelte "
        "fokusområder?"
    ),
)
DEFAULT_BODIES = (N_("Socialudvalget"), N_("Handicaprådet"))


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    focus_area_id: int | None = None


@dataclass(frozen=True)
class BodySpec:
    body: str
    organisation: str = ""
    email: str = ""
    # Its line in a pasted list, so a problem is named where it is (0: typed in a form).
    line: int = field(default=0, compare=False)


def template_questions() -> list[QuestionSpec]:
    """Seed 001's questions, in the current language, as a starting point to edit."""
    return [QuestionSpec(_(text)) for text in (*VISION_QUESTIONS, *FOCUS_AREA_QUESTIONS)]


def suggested_bodies(process: Process) -> list[BodySpec]:
    """Each organisation's social committee and handicap council (seed 001's addressees)."""
    return [
        BodySpec(_(body), organisation)
        for organisation in process.organisations
        for body in DEFAULT_BODIES
    ]


def deadline_from_local(day: date, at: time = DEFAULT_DEADLINE_TIME) -> datetime:
    """A Danish wall-clock deadline as the naive UTC the database keeps."""
    return stored_time(day, at)


def local_deadline(round_: ConsultationRound) -> datetime:
    """The deadline as the reader in Denmark sees it (naive local time)."""
    return danish_time(round_.deadline)


def is_open(round_: ConsultationRound, now: datetime | None = None) -> bool:
    return (now or utcnow()) <= round_.deadline


def _title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError(_("Giv høringen en titel."))
    if len(title) > 200:
        raise ValidationError(_("Titlen må højst være %(limit)s tegn.", limit=200))
    return title


def _future(deadline: datetime, now: datetime) -> datetime:
    if deadline <= now:
        raise ValidationError(_("Fristen ligger i fortiden. Vælg en dato efter i dag."))
    return deadline


def _questions(process: Process, questions: Sequence[QuestionSpec]) -> list[QuestionSpec]:
    areas = {area.id for area in process.focus_areas}
    kept = [
        QuestionSpec(" ".join(q.text.split()), q.focus_area_id) for q in questions if q.text.strip()
    ]
    if not kept:
        raise ValidationError(_("Skriv mindst ét spørgsmål."))
    if any(q.focus_area_id is not None and q.focus_area_id not in areas for q in kept):
        raise ValidationError(_("Vælg et af forløbets fokusområder."))
    return kept


def _question_title(number: int, text: str) -> str:
    """The backing activity's title, as its theme page shows it: "2. Hvad ønskes ændret ...",
    cut at a word to fit the title column."""
    title = f"{number}. {text}"
    return title if len(title) <= 200 else title[:199].rsplit(" ", 1)[0] + "…"


def create_round(
    db: DbSession,
    process: Process,
    *,
    title: str,
    deadline: datetime,
    questions: Sequence[QuestionSpec],
    intro: str = "",
    now: datetime | None = None,
) -> ConsultationRound:
    """A round and its backing session: one open-question activity per question. The
    session has no join code, so no phone can join it; the bodies answer through their links."""
    title = _title(title)
    deadline = _future(deadline, now or utcnow())
    specs = _questions(process, questions)
    # Through the relationship, so process.sessions (and deleting the process) include it.
    session = WorkshopSession(
        process=process,
        title=title,
        kind=ROUND_KIND,
        state="draft",
        join_code=None,
        screen_token=secrets.token_urlsafe(24),
        description=intro.strip(),
    )
    session.activities = [
        Activity(
            kind="open_question",
            title=_question_title(i + 1, spec.text),
            prompt=spec.text,
            state="open",
            position=i,
            focus_area_id=spec.focus_area_id,
            settings={},
        )
        for i, spec in enumerate(specs)
    ]
    round_ = ConsultationRound(
        process_id=process.id, session=session, title=title, intro=intro.strip(), deadline=deadline
    )
    round_.questions = [
        ConsultationQuestion(
            position=i, text=spec.text, focus_area_id=spec.focus_area_id, activity=activity
        )
        for i, (spec, activity) in enumerate(zip(specs, session.activities, strict=True))
    ]
    db.add(round_)
    db.commit()
    return round_


def update_round(
    db: DbSession,
    round_: ConsultationRound,
    *,
    title: str,
    intro: str,
    deadline: datetime,
    now: datetime | None = None,
) -> ConsultationRound:
    """Title, letter and deadline can change; a deadline may move, but not into the past."""
    round_.title = _title(title)
    round_.intro = intro.strip()
    if deadline != round_.deadline:
        round_.deadline = _future(deadline, now or utcnow())
    round_.session.title = round_.title
    db.commit()
    return round_


def drafts(invitation: Invitation) -> dict[int, str]:
    """The body's saved text per question id."""
    return {answer.question_id: answer.text for answer in invitation.answers}


def _refuse_if_closed(invitation: Invitation, now: datetime) -> None:
    if invitation.submitted_at is not None:
        raise ValidationError(
            _(
                "Jeres svar blev indsendt %(when)s og kan ikke ændres. "
                "Kontakt sekretariatet, hvis noget skal rettes.",
                when=local_text(invitation.submitted_at),
            )
        )
    if not is_open(invitation.round, now):
        raise ValidationError(
            _(
                "Fristen for denne høring udløb %(when)s. Jeres kladde er "
                "gemt og kan læses, men ikke længere ændres eller indsendes.",
                when=local_text(invitation.round.deadline),
            )
        )


def local_text(moment: datetime) -> str:
    """A stored moment in words, as pages and documents write it (core.wording)."""
    return da_datetime(danish_time(moment))


def save_draft(
    db: DbSession, invitation: Invitation, texts: Mapping[int, str], *, now: datetime | None = None
) -> dict[int, str]:
    """Keep what the body has written so far; nothing is shared before it submits."""
    now = now or utcnow()
    lock_invitation(db, invitation)
    _refuse_if_closed(invitation, now)
    cleaned = clean_answers(invitation, texts)
    keep_answers(invitation, cleaned, now)
    try:
        db.commit()
    except IntegrityError:  # another save made the same new answer a moment ago (SQLite)
        db.rollback()
        db.refresh(invitation)
        _refuse_if_closed(invitation, now)
        keep_answers(invitation, cleaned, now)
        db.commit()
    return drafts(invitation)


def lock_invitation(db: DbSession, invitation: Invitation) -> None:
    """Reload the body's row and hold it (SELECT ... FOR UPDATE on PostgreSQL) so two
    submissions from one double click run one after the other and the second sees the first.
    SQLite ignores the lock; there writes queue on the database, and a late duplicate meets
    the unique constraints instead (see submit_answers)."""
    db.refresh(invitation, with_for_update=True)


def submit_answers(
    db: DbSession, invitation: Invitation, texts: Mapping[int, str], *, now: datetime | None = None
) -> bool:
    """Save the final answers and share them. Returns False for a retry of a submission
    already received with the same text (idempotent, also when both arrive at once); a
    different second answer is refused."""
    now = now or utcnow()
    lock_invitation(db, invitation)
    try:
        return _submit(db, invitation, texts, now)
    except IntegrityError:  # submitted twice at once (SQLite): the first one counts
        db.rollback()
        db.refresh(invitation)
        if invitation.submitted_at is None:
            raise
        return False


def _submit(db: DbSession, invitation: Invitation, texts: Mapping[int, str], now: datetime) -> bool:
    saved = drafts(invitation)
    if invitation.submitted_at is not None and all(
        saved.get(qid, "") == text for qid, text in clean_answers(invitation, texts).items()
    ):
        db.rollback()  # nothing to write: release the row lock at once
        return False
    _refuse_if_closed(invitation, now)
    cleaned = clean_answers(invitation, texts)
    answers = {**saved, **cleaned}
    if not any(answers.values()):
        raise ValidationError(_("Skriv et svar på mindst ét spørgsmål, før I indsender."))
    keep_answers(invitation, cleaned, now)
    rows = answer_contributions(db, invitation, answers, now)
    db.add_all(rows)
    invitation.submitted_at = now
    db.commit()
    for row in rows:
        signals.contribution_added.send(
            row, session_id=invitation.round.session_id, activity_id=row.activity_id
        )
    return True


def answered(round_: ConsultationRound) -> list[Invitation]:
    return [i for i in round_.invitations if i.submitted_at is not None]


def waiting(round_: ConsultationRound) -> list[Invitation]:
    return [i for i in round_.invitations if i.submitted_at is None]


def get_round(db: DbSession, process: Process, round_id: int) -> ConsultationRound:
    round_ = db.get(ConsultationRound, round_id)
    if round_ is None or round_.process_id != process.id:
        raise NotFound(_("Høringen findes ikke."))
    return round_


def round_for_session(db: DbSession, session_id: int) -> ConsultationRound | None:
    """The round a backing session stores, if the session is one."""
    return db.scalar(select(ConsultationRound).where(ConsultationRound.session_id == session_id))
