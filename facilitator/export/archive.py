"""Complete JSON archive of one session, and its import: export -> import -> export is stable.

Database ids, join codes, screen links and phone tokens are left out (they belong to one
installation); rows refer to each other by keys that follow the original order.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from facilitator.accounts.models import User
from facilitator.activities.models import Activity
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution, Endorsement, Participant
from facilitator.contributions.participants import hash_token
from facilitator.core.db import DbSession
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.export.archive_schema import FORMAT, VERSION, validate_archive
from facilitator.parking.archive import export_items, import_items
from facilitator.processes.models import FocusArea, Process
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import new_join_code
from facilitator.tables.archive import export_photos, export_tables, import_photos, import_tables

# The complete archive names people and links every row to them: it stays complete (so it can
# be imported again) and says so at the top. `anonymous.py` is the export for sharing.
# The warning is for people and follows the export's language; keys and content never do.
PERSONAL_DATA_WARNING = N_(
    "Indeholder personoplysninger: deltagernes navne, interessentgrupper og organisationer "
    "og hvem der skrev og støttede hvad. Opbevar og del det som personoplysninger, og slet "
    "det, når det ikke længere skal bruges. Del det anonyme udtræk i stedet."
)


def _iso(value: datetime | date | time | None) -> str | None:
    return value.isoformat() if value else None


def export_session(db: DbSession, session: WorkshopSession) -> dict[str, Any]:
    people = list(
        db.scalars(
            select(Participant).where(Participant.session_id == session.id).order_by(Participant.id)
        )
    )
    person_key = {p.id: f"p{i}" for i, p in enumerate(people, start=1)}
    process = session.process
    return {
        "format": FORMAT,
        "version": VERSION,
        "personoplysninger": True,
        "advarsel": _(PERSONAL_DATA_WARNING),
        "process": {
            "title": process.title,
            "description": process.description,
            "focus_areas": [a.name for a in process.focus_areas],
            "organisations": list(process.organisations),
        },
        "session": {
            "title": session.title,
            "kind": session.kind,
            "date": _iso(session.date),
            "starts_at": _iso(session.starts_at),
            "ends_at": _iso(session.ends_at),
            "venue": session.venue,
            "description": session.description,
            "next_steps": session.next_steps,
            "state": session.state,
            "created_at": _iso(session.created_at),
        },
        "participants": [
            {
                "key": person_key[p.id],
                "name": p.name,
                "group": p.group,
                "organisation": p.organisation,
                "table_number": p.table_number,
                "scribe_table": p.scribe_table.number if p.scribe_table else None,
                "joined_at": _iso(p.joined_at),
            }
            for p in people
        ],
        "tables": export_tables(db, session.id),
        "activities": [_export_activity(db, a, person_key) for a in session.activities],
        "parking": export_items(db, session.id, person_key),
    }


def _export_activity(db: DbSession, activity: Activity, person_key: dict[int, str]) -> dict:
    clusters = list(
        db.scalars(
            select(Cluster)
            .where(Cluster.activity_id == activity.id)
            .order_by(Cluster.position, Cluster.id)
        )
    )
    cluster_key = {c.id: f"c{i}" for i, c in enumerate(clusters, start=1)}
    rows = list(
        db.scalars(
            select(Contribution)
            .where(Contribution.activity_id == activity.id)
            .order_by(Contribution.id)
        )
    )
    endorsers: dict[int, list[str]] = {}
    for endorsement in db.scalars(
        select(Endorsement)
        .join(Contribution)
        .where(Contribution.activity_id == activity.id)
        .order_by(Endorsement.id)
    ):
        endorsers.setdefault(endorsement.contribution_id, []).append(
            person_key[endorsement.participant_id]
        )
    return {
        "kind": activity.kind,
        "title": activity.title,
        "prompt": activity.prompt,
        "state": activity.state,
        "results_revealed": activity.results_revealed,
        "focus_area": activity.focus_area.name if activity.focus_area else None,
        "settings": activity.settings,
        "note": activity.note,
        "summary": activity.summary,
        "clusters": [
            {
                "key": cluster_key[c.id],
                "label": c.label,
                "side": c.side,
                "pinned": c.pinned,
                "edited": c.edited,
                "note": c.note,
                "created_at": _iso(c.created_at),
            }
            for c in clusters
        ],
        "contributions": [
            {
                "participant": person_key[r.participant_id],
                "client_id": r.client_id,
                "text": r.text,
                "side": r.side,
                "choices": r.choices,
                "hidden": r.hidden,
                "held": r.held,
                "held_word": r.held_word,
                "superseded": r.superseded,
                "highlighted": r.highlighted,
                "cluster": cluster_key.get(r.cluster_id) if r.cluster_id else None,
                "created_at": _iso(r.created_at),
                "endorsed_by": endorsers.get(r.id, []),
            }
            for r in rows
        ],
        "photos": export_photos(db, activity.id),
    }


def _process_for(db: DbSession, owner: User, data: dict) -> Process:
    """Reuse the owner's process of the same title, so sessions of one forløb stay together."""
    process = db.scalar(
        select(Process).where(Process.owner_id == owner.id, Process.title == data["title"])
    )
    if process is None:
        process = Process(
            owner_id=owner.id,
            title=data["title"],
            description=data.get("description", ""),
            organisations=list(data.get("organisations", [])),
        )
        db.add(process)
    known = {area.name for area in process.focus_areas}
    for name in data.get("focus_areas", []):
        if name not in known:
            process.focus_areas.append(FocusArea(name=name, position=len(process.focus_areas)))
    return process


def import_session(db: DbSession, owner: User, data: Any) -> WorkshopSession:
    """Restore an archived session under `owner`, as a draft with a new join code: nothing
    goes live until the facilitator starts it (an archive of a live session included). The
    whole archive is checked first (archive_schema); the writing is one transaction, so a
    failure leaves nothing behind."""
    data = validate_archive(data)
    try:
        session = _write(db, owner, data)
        _commit_with_new_code(db, session)
    except Exception:
        db.rollback()
        raise
    return session


def _commit_with_new_code(db: DbSession, session: WorkshopSession) -> None:
    """A code no session has (sessions.services.commit_with_join_code retries by rolling
    back, which here would drop the rows written before it)."""
    taken = True
    while taken:
        session.join_code = new_join_code()
        taken = (
            db.scalar(
                select(WorkshopSession.id).where(
                    WorkshopSession.join_code == session.join_code, WorkshopSession.id != session.id
                )
            )
            is not None
        )
    try:
        db.commit()
    except IntegrityError:  # the same code drawn elsewhere in the same instant
        db.rollback()
        raise ValidationError(
            _(
                "Arkivet blev ikke importeret, fordi en anden session fik "
                "samme kode samtidig. Prøv igen."
            )
        ) from None


def _write(db: DbSession, owner: User, data: dict) -> WorkshopSession:
    process = _process_for(db, owner, data["process"])
    db.flush()
    areas = {area.name: area for area in process.focus_areas}
    info = data["session"]
    session = WorkshopSession(
        process_id=process.id,
        title=info["title"],
        kind=info["kind"],
        date=info["date"],
        venue=info["venue"],
        description=info["description"],
        starts_at=info["starts_at"],
        ends_at=info["ends_at"],
        next_steps=info["next_steps"],
        state="draft",
        closed_at=None,
        created_at=info["created_at"],
        screen_token=secrets.token_urlsafe(24),
    )
    db.add(session)
    db.flush()
    tables = import_tables(db, session.id, data["tables"])
    people = {}
    for p in data["participants"]:
        scribe = tables[p["scribe_table"]] if p["scribe_table"] is not None else None
        people[p["key"]] = Participant(
            session_id=session.id,
            token_hash=hash_token(secrets.token_urlsafe(32)),
            name=p["name"],
            group=p["group"],
            organisation=p["organisation"],
            table_number=p["table_number"],
            joined_at=p["joined_at"],
            scribe_table_id=scribe.id if scribe else None,
        )
    db.add_all(people.values())
    for position, item in enumerate(data["activities"]):
        _import_activity(db, session, position, item, areas, people)
    db.flush()  # the people's ids, for the parking lot's authors and voters
    import_items(db, session.id, data["parking"], people)
    return session


def _import_activity(
    db: DbSession,
    session: WorkshopSession,
    position: int,
    item: dict,
    areas: dict[str, FocusArea],
    people: dict[str, Participant],
) -> None:
    activity = Activity(
        session_id=session.id,
        position=position,
        kind=item["kind"],
        title=item["title"],
        prompt=item["prompt"],
        state=item["state"],
        results_revealed=item["results_revealed"],
        settings=item["settings"],
        note=item["note"],
        summary=item["summary"],
        focus_area=areas.get(item["focus_area"]) if item["focus_area"] else None,
    )
    db.add(activity)
    db.flush()
    import_photos(db, activity.id, item["photos"])
    clusters = {
        c["key"]: Cluster(
            activity_id=activity.id,
            label=c["label"],
            side=c["side"],
            position=i,
            pinned=c["pinned"],
            edited=c["edited"],
            note=c["note"],
            created_at=c["created_at"],
        )
        for i, c in enumerate(item["clusters"])
    }
    db.add_all(clusters.values())
    db.flush()
    for c in item["contributions"]:
        row = Contribution(
            activity_id=activity.id,
            participant_id=people[c["participant"]].id,
            client_id=c["client_id"],
            text=c["text"],
            side=c["side"],
            choices=c["choices"],
            # a held statement is hidden until approved, whatever the file says (screening.py)
            hidden=c["hidden"] or (c["held"] and activity.takes_text),
            held=c["held"],
            held_word=c["held_word"],
            superseded=c["superseded"],
            highlighted=c["highlighted"],
            cluster_id=clusters[c["cluster"]].id if c["cluster"] else None,
            created_at=c["created_at"],
        )
        db.add(row)
        db.flush()
        db.add_all(
            Endorsement(contribution_id=row.id, participant_id=people[key].id)
            for key in c["endorsed_by"]
        )
