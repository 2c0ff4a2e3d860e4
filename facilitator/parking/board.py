"""What each audience sees of the board, as the live protocol's payloads (live/protocol.py):
the room (phones) every visible item, the projector the top items, a phone also its own
items and votes, the console everything. No author and no group in any of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from facilitator.core.db import DbSession
from facilitator.live.protocol import OwnParkingItem, ParkingBoard, ParkingItemPayload, ParkingPhone
from facilitator.parking.models import ParkingItem, ParkingVote
from facilitator.parking.services import vote_counts
from facilitator.sessions.models import WorkshopSession

SCREEN_TOP = 8  # what a projector shows readably at 8 m


def _items(db: DbSession, session_id: int) -> tuple[list[ParkingItem], dict[int, int]]:
    """Every item, most votes first (ties: oldest first), with the votes."""
    rows = list(
        db.scalars(
            select(ParkingItem)
            .where(ParkingItem.session_id == session_id)
            .order_by(ParkingItem.created_at, ParkingItem.id)
        )
    )
    votes = vote_counts(db, [row.id for row in rows])
    rows.sort(key=lambda row: -votes.get(row.id, 0))  # stable: ties keep the oldest first
    return rows, votes


def _payload(row: ParkingItem, votes: dict[int, int]) -> ParkingItemPayload:
    return {"id": row.id, "text": row.text, "state": row.state, "votes": votes.get(row.id, 0)}


def room_board(db: DbSession, session: WorkshopSession) -> ParkingBoard:
    """Phones: every item the room may see, open ones first, then the answered."""
    rows, votes = _items(db, session.id)
    shown = [r for r in rows if r.public and r.state == "open"]
    shown += [r for r in rows if r.public and r.state == "answered"]
    return {
        "session_id": session.id,
        "shown": session.parking_shown,
        "items": [_payload(r, votes) for r in shown],
        "more": 0,
    }


def screen_board(db: DbSession, session: WorkshopSession) -> ParkingBoard:
    """The projector: the top SCREEN_TOP open items and how many more there are."""
    rows, votes = _items(db, session.id)
    shown = [r for r in rows if r.public and r.state == "open"]
    return {
        "session_id": session.id,
        "shown": session.parking_shown,
        "items": [_payload(r, votes) for r in shown[:SCREEN_TOP]],
        "more": max(0, len(shown) - SCREEN_TOP),
    }


def phone_view(db: DbSession, session: WorkshopSession, participant_id: int) -> ParkingPhone:
    """One phone's board: the room's, plus its own items (held ones too) and its votes."""
    own_rows = db.scalars(
        select(ParkingItem)
        .where(ParkingItem.participant_id == participant_id, ParkingItem.session_id == session.id)
        .order_by(ParkingItem.id)
    )
    own_list = [r for r in own_rows if not r.hidden and r.state != "merged"]
    votes = vote_counts(db, [r.id for r in own_list])
    own: list[OwnParkingItem] = [{**_payload(r, votes), "held": r.held} for r in own_list]
    voted = db.scalars(
        select(ParkingVote.item_id)
        .join(ParkingItem)
        .where(ParkingVote.participant_id == participant_id, ParkingItem.session_id == session.id)
    )
    return {"board": room_board(db, session), "own": own, "voted": sorted(voted)}


def report_items(db: DbSession, session: WorkshopSession) -> list[ParkingItemPayload]:
    """What the documents list: the open (parked ones too) and the answered items, most votes
    first; nothing held, hidden or merged."""
    rows, votes = _items(db, session.id)
    kept = [r for r in rows if not r.held and not r.hidden and r.state != "merged"]
    return [_payload(r, votes) for r in kept]


@dataclass
class ConsoleBoard:
    """The console's lists, each most votes first: what waits for approval, the open items,
    the parked, the answered, and the merged or hidden (which "Gendan" brings back)."""

    votes: dict[int, int]
    held: list[ParkingItem] = field(default_factory=list)
    open: list[ParkingItem] = field(default_factory=list)
    parked: list[ParkingItem] = field(default_factory=list)
    answered: list[ParkingItem] = field(default_factory=list)
    put_aside: list[ParkingItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.open) + len(self.parked) + len(self.answered)


def console_board(db: DbSession, session: WorkshopSession) -> ConsoleBoard:
    rows, votes = _items(db, session.id)
    board = ConsoleBoard(votes)
    for row in rows:
        if row.held:
            board.held.append(row)
        elif row.hidden or row.state == "merged":
            board.put_aside.append(row)
        else:
            getattr(board, row.state).append(row)
    return board
