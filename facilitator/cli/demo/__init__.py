"""`facilitator demo`: a live visionsdag with ~40 simulated participants, built via services."""

from __future__ import annotations

import random
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import select

from facilitator.accounts.models import User
from facilitator.accounts.services import create_user, set_password
from facilitator.activities.models import Activity
from facilitator.activities.services import close_activity, open_activity, set_notes
from facilitator.cli.demo import data
from facilitator.cli.demo.process import add_process_story, sort_into_themes
from facilitator.cli.demo.timeline import date_as_held
from facilitator.clustering.curation import get_cluster, set_cluster_note
from facilitator.clustering.grouping import cluster_activity
from facilitator.clustering.headings import add_headings
from facilitator.clustering.store import CLUSTERABLE
from facilitator.contributions.models import Contribution, Participant
from facilitator.contributions.moderation import set_hidden, set_highlighted
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import endorse
from facilitator.contributions.services import submit as submit_contribution
from facilitator.contributions.validation import Submission
from facilitator.core import signals
from facilitator.core.db import DbSession
from facilitator.processes.models import Process
from facilitator.processes.services import DEFAULT_ORGANISATIONS, create_process
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import create_session, set_next_steps, set_state

DEMO_EMAIL = "demo@facilitator.local"
DEMO_PROCESS = "Nordjysk Socialaftale 2023-2024"


@dataclass(frozen=True)
class DemoResult:
    session: WorkshopSession
    email: str
    password: str


def _demo_user(db: DbSession, password: str) -> User:
    user = db.scalar(select(User).where(User.email == DEMO_EMAIL))
    if user is None:
        return create_user(db, DEMO_EMAIL, password, name="Demo-facilitator")
    set_password(db, user, password)
    return user


def _participants(db: DbSession, session: WorkshopSession, rng: random.Random) -> list[Participant]:
    people = []
    for group, count in data.GROUP_MIX:
        for _ in range(count):
            organisation = (
                rng.choice(data.USER_ORGANISATIONS)
                if group == "brugerorganisation"
                else rng.choice(DEFAULT_ORGANISATIONS)
                if group
                else ""
            )
            profile = Profile(
                group=group, organisation=organisation, table_number=str(rng.randint(1, 8))
            )
            people.append(join(db, session, secrets.token_urlsafe(32), profile))
    rng.shuffle(people)
    return people


def _send(db: DbSession, person: Participant, activity: Activity, **fields: Any) -> Contribution:
    row, _ = submit_contribution(
        db, person, activity, Submission(client_id=uuid.uuid4().hex, **fields)
    )
    return row


def _texts(
    db: DbSession,
    activity: Activity,
    people: list[Participant],
    texts: list[str],
    rng: random.Random,
) -> list[Contribution]:
    return [_send(db, rng.choice(people), activity, text=text) for text in texts]


def _fill(
    db: DbSession, activity: Activity, people: list[Participant], rng: random.Random
) -> list[Contribution]:
    """Simulated input for one activity, realistic in mix and volume."""
    if activity.kind == "wordcloud":  # drawn apart: the other activities' input stays as it was
        draw = random.Random(len(people))
        words, chances = zip(*data.CHECKIN_WORDS, strict=True)
        for person in people:
            picked = {draw.choices(words, chances)[0] for _ in range(draw.randint(1, 3))}
            _send(db, person, activity, words=sorted(picked))
        return []
    if activity.kind == "topic_vote":
        weights = [5, 4, 3, 2, 1][: len(activity.topics)]
        for person in people:
            picks = {
                rng.choices(range(len(weights)), weights)[0] for _ in range(activity.max_choices)
            }
            _send(db, person, activity, choices=sorted(picks))
        return []
    if activity.kind == "dilemma":
        reasons = data.DILEMMA_REASONS.get(activity.title, [[], []])
        for person in people[: int(len(people) * 0.9)]:
            side = 1 if rng.random() < 0.6 else 0
            text = rng.choice(reasons[side]) if reasons[side] and rng.random() < 0.7 else ""
            _send(db, person, activity, side=side, text=text)
        return []
    if activity.kind == "retningspil":
        return _texts(db, activity, people, data.RETNINGSPILE, rng)
    if activity.kind == "initiative" and activity.focus_area is not None:
        return _texts(db, activity, people, data.INITIATIVES[activity.focus_area.name], rng)
    return _texts(db, activity, people, data.OPEN_ANSWERS, rng)


def _secretariat(
    db: DbSession, session: WorkshopSession, backend: str, model_path: str | None, live: Activity
) -> None:
    """What the secretariat does after the day, so the first export reads like seed 004:
    group into themes (as "Gruppér" does), highlight, write notes, summaries, next steps.
    The activity left open for the room (`live`) stays a flat, curated list, as seed 004's
    retningspile are: a statement sent from a phone then shows on the projector at once."""
    for activity in session.activities:
        key = activity.focus_area.name if activity.focus_area else activity.kind
        if key in data.HEADINGS and activity.id != live.id:
            add_headings(db, activity, data.HEADINGS[key])
        if activity.kind in CLUSTERABLE and activity.id != live.id:
            cluster_activity(db, activity, backend=backend, model_path=model_path)
        rows = sort_into_themes(db, activity, data.MOVES.get)
        for row in rows:
            if row.text in data.HIGHLIGHTS:
                set_highlighted(db, row, True)
            if row.text in data.THEME_NOTES and row.cluster_id is not None:
                set_cluster_note(db, get_cluster(db, row.cluster_id), data.THEME_NOTES[row.text])
        if key in data.ACTIVITY_NOTES:
            note, summary = data.ACTIVITY_NOTES[key]
            set_notes(db, activity, note=note, summary=summary)
    set_next_steps(db, session, data.NEXT_STEPS)


def build_demo(
    db: DbSession, seed: int = 2024, *, backend: str = "lexical", model_path: str | None = None
) -> DemoResult:
    """(Re)create the demo process (with its plan, consultation round and follow-up:
    demo_process.py); the visionsdag is left live with retningspile open, the
    other activities already grouped into themes (`backend`: as the server's "Gruppér") and
    annotated."""
    rng = random.Random(seed)
    password = secrets.token_urlsafe(9)
    user = _demo_user(db, password)
    for old in db.scalars(
        select(Process).where(Process.owner_id == user.id, Process.title == DEMO_PROCESS)
    ):
        db.delete(old)
    db.commit()
    process = create_process(
        db,
        user,
        DEMO_PROCESS,
        focus_areas=data.FOCUS_AREAS,
        description="Den fælles aftale mellem de 11 nordjyske kommuner og "
        "Region Nordjylland om det specialiserede socialområde.",
    )
    session = create_session(
        db,
        process,
        title="Visionsdag for Nordjysk Socialaftale 2023-2024",
        kind="visionsdag",
        date=date(2022, 6, 10),
        starts_at=time(*data.SESSION_HOURS[0]),
        ends_at=time(*data.SESSION_HOURS[1]),
        venue="Aalborg Kongres & Kultur Center",
        template="visionsdag",
        description="Politikere, embedsfolk og brugerorganisationer sætter "
        "retningen for den fælles aftale.",
    )
    set_state(db, session, "live")
    people = _participants(db, session, rng)
    retningspil = None
    for activity in session.activities:
        open_activity(db, activity)
        rows = _fill(db, activity, people, rng)
        for row in rows[::3]:
            for person in rng.sample(people, rng.randint(1, 6)):
                endorse(db, person, row)
        if activity.kind == "retningspil":
            retningspil = activity
            # The room may agree ("Enig") with each other's retningspile, as on the flip-over.
            activity.settings = {**activity.settings, "endorsements": True}
            db.commit()
            # An off-topic message the facilitator hid, so moderation shows in the demo.
            set_hidden(db, _send(db, people[0], activity, text="Hvornår er der frokost?"), True)
        close_activity(db, activity)
    assert retningspil is not None
    date_as_held(db, session)  # sent during the meeting it simulates, not at load time
    # Nobody watches a session created a moment ago: the ~70 live pushes of the curation
    # (each a theme view computed in the worker) would double the demo's load time.
    with signals.clusters_updated.muted(), signals.contribution_changed.muted():
        _secretariat(db, session, backend, model_path, retningspil)
        add_process_story(db, user, session)
    open_activity(db, retningspil)
    return DemoResult(session, DEMO_EMAIL, password)
