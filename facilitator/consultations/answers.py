"""A body's written answer: the text as it is kept and checked (per question, against
ANSWER_MAX_CHARS), and, once submitted, its points as contributions of the round's backing
session, so the room's theme and document code serves written answers too."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from facilitator.consultations.models import Answer, Invitation
from facilitator.contributions.models import Contribution, Participant
from facilitator.contributions.participants import hash_token
from facilitator.core.db import DbSession
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.core.text import clean_text

ANSWER_MAX_CHARS = 10_000  # per question: about four pages of a committee's written answer


def answer_text(text: str) -> str:
    """An answer as it is kept (and counted against ANSWER_MAX_CHARS): a browser's \\r\\n line
    breaks as \\n, trimmed, without control characters."""
    return clean_text(text)


def clean_answers(invitation: Invitation, texts: Mapping[int, str]) -> dict[int, str]:
    questions = {q.id: q for q in invitation.round.questions}
    cleaned: dict[int, str] = {}
    for question_id, text in texts.items():
        question = questions.get(question_id)
        if question is None:
            raise ValidationError(_("Spørgsmålet findes ikke i denne høring."))
        text = answer_text(text)
        if len(text) > ANSWER_MAX_CHARS:
            raise ValidationError(
                _(
                    "Svaret på spørgsmål %(number)s er %(length)s tegn; der er plads til "
                    "%(limit)s. Intet er gemt af denne ændring; det tidligere gemte er uændret.",
                    number=question.position + 1,
                    length=len(text),
                    limit=ANSWER_MAX_CHARS,
                )
            )
        cleaned[question_id] = text
    return cleaned


def keep_answers(invitation: Invitation, cleaned: Mapping[int, str], now: datetime) -> None:
    """Write checked texts into the body's answers (not committed)."""
    by_question = {answer.question_id: answer for answer in invitation.answers}
    for question_id, text in cleaned.items():
        answer = by_question.get(question_id)
        if answer is None:
            invitation.answers.append(Answer(question_id=question_id, text=text, updated_at=now))
        elif answer.text != text:
            answer.text, answer.updated_at = text, now


def paragraphs(text: str) -> list[str]:
    """An answer's points: blank-line paragraphs, and each bullet line ("-", "•", "*", "1.")
    on its own, as a committee lists them. Each becomes one contribution to theme."""
    points: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        current: list[str] = []
        for line in lines:
            bullet = re.match(r"^(?:[-•*–]|\d{1,2}[.)])\s+(.*)$", line)
            if bullet:
                if current:
                    points.append(" ".join(current))
                current = [bullet.group(1)]
            else:
                current.append(line)
        if current:
            points.append(" ".join(current))
    return [point for point in points if point]


def _author(db: DbSession, invitation: Invitation) -> Participant:
    """The body as author of its contributions, made at its one submission."""
    participant = Participant(
        session_id=invitation.round.session_id,
        token_hash=hash_token(invitation.token),
        name=invitation.body,
        organisation=invitation.organisation,
        group=None,
    )
    db.add(participant)
    db.flush()
    invitation.participant_id = participant.id
    return participant


def answer_contributions(
    db: DbSession, invitation: Invitation, answers: Mapping[int, str], now: datetime
) -> list[Contribution]:
    """The submitted answers as contributions of the round's backing session, one per point
    (paragraphs), written by the body as a participant made now (not yet added)."""
    author = _author(db, invitation)
    return [
        Contribution(
            activity_id=question.activity_id,
            participant_id=author.id,
            client_id=f"hoering-{question.id}-{i}",
            text=point,
            created_at=now,
        )
        for question in invitation.round.questions
        for i, point in enumerate(paragraphs(answers.get(question.id, "")))
    ]
