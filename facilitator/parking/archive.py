"""The parking lot in the session's JSON archive (export/archive.py): written, checked and
read back. Items refer to their author and voters by the archive's participant keys and to a
merge target by its own key, like every other row of the archive."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from facilitator.contributions.models import Participant
from facilitator.core.db import DbSession
from facilitator.core.i18n import gettext as _
from facilitator.export.archive_fields import (
    TEXT_MAX,
    FieldPath,
    column_length,
    read_flag,
    read_key,
    read_list,
    read_moment,
    read_object,
    read_one_of,
    read_optional_text,
    read_text,
    refuse,
)
from facilitator.parking.models import ITEM_STATES, ParkingItem, ParkingVote
from facilitator.parking.services import MAX_ITEMS


def export_items(db: DbSession, session_id: int, person_key: dict[int, str]) -> list[dict]:
    rows = list(
        db.scalars(
            select(ParkingItem).where(ParkingItem.session_id == session_id).order_by(ParkingItem.id)
        )
    )
    item_key = {row.id: f"q{i}" for i, row in enumerate(rows, start=1)}
    return [
        {
            "key": item_key[row.id],
            "author": person_key.get(row.participant_id or 0),
            "client_id": row.client_id,
            "text": row.text,
            "state": row.state,
            "merged_into": item_key.get(row.merged_into_id or 0),
            "held": row.held,
            "held_word": row.held_word,
            "hidden": row.hidden,
            "in_next_steps": row.in_next_steps,
            "created_at": row.created_at.isoformat(),
            "voters": [person_key[v.participant_id] for v in sorted(row.votes, key=lambda v: v.id)],
        }
        for row in rows
    ]


def _person(value: Any, path: FieldPath, people: set[str], *, optional: bool = False) -> Any:
    if optional and value is None:
        return None
    if not isinstance(value, str) or value not in people:
        refuse(path, _("skal være nøglen på en af arkivets deltagere"))
    return value


def read_items(value: Any, path: FieldPath, people: set[str], now: Any) -> list[dict[str, Any]]:
    """The archive's items, checked (types, lengths, keys) before anything is written."""
    keys: set[str] = set()
    items = []
    for i, raw in enumerate(read_list(value, path, limit=MAX_ITEMS)):
        at = path / i
        data = read_object(raw, at)
        voters = [
            _person(v, at / "voters" / j, people)
            for j, v in enumerate(read_list(data.get("voters", []), at / "voters"))
        ]
        if len(set(voters)) != len(voters):
            refuse(at / "voters", _("en deltager stemmer to gange"))
        items.append(
            {
                "key": read_key(data.get("key"), at / "key", keys),
                "author": _person(data.get("author"), at / "author", people, optional=True),
                "client_id": read_text(data.get("client_id"), at / "client_id", 64, required=True),
                "text": read_text(data.get("text"), at / "text", TEXT_MAX, required=True),
                "state": read_one_of(data.get("state"), at / "state", ITEM_STATES),
                "merged_into": data.get("merged_into"),
                "held": read_flag(data.get("held", False), at / "held"),
                "held_word": read_optional_text(
                    data.get("held_word"), at / "held_word", column_length(ParkingItem.held_word)
                ),
                "hidden": read_flag(data.get("hidden", False), at / "hidden"),
                "in_next_steps": read_flag(data.get("in_next_steps", False), at / "in_next_steps"),
                "created_at": read_moment(data.get("created_at"), at / "created_at", now),
                "voters": voters,
            }
        )
    for i, item in enumerate(items):
        if item["merged_into"] is not None and item["merged_into"] not in keys - {item["key"]}:
            refuse(path / i / "merged_into", _("skal være tom eller nøglen på et andet punkt"))
    if len({(item["author"], item["client_id"]) for item in items if item["author"]}) != len(
        [item for item in items if item["author"]]
    ):
        refuse(path, _("samme deltager har samme client_id to gange"))
    return items


def import_items(
    db: DbSession, session_id: int, items: list[dict[str, Any]], people: dict[str, Participant]
) -> None:
    """Write the checked items of an archive into the new session (its people are flushed)."""
    rows = {}
    for item in items:
        author = people[item["author"]] if item["author"] else None
        rows[item["key"]] = ParkingItem(
            session_id=session_id,
            participant_id=author.id if author else None,
            client_id=item["client_id"],
            text=item["text"],
            state=item["state"],
            held=item["held"],
            held_word=item["held_word"],
            hidden=item["hidden"],
            in_next_steps=item["in_next_steps"],
            created_at=item["created_at"],
        )
    db.add_all(rows.values())
    db.flush()
    for item in items:
        row = rows[item["key"]]
        if item["merged_into"]:
            row.merged_into_id = rows[item["merged_into"]].id
        db.add_all(ParkingVote(item_id=row.id, participant_id=people[v].id) for v in item["voters"])
