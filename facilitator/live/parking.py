"""The parking lot live: its socket events (thin: who asks, the one parser, one service, an
ack) and its pushes. Every change sends `parking_changed`; the board is pushed to each room at
most every FLUSH_INTERVAL (a room voting at once gets a few pushes a second, not one per vote).
The board is bounded (parking.services.MAX_ITEMS), so it travels whole."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from flask import Flask, current_app

from facilitator.contributions.wordfilter import active_filter
from facilitator.core import jobs, signals
from facilitator.core.errors import NotFound
from facilitator.core.i18n import LANGUAGES
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db, socketio
from facilitator.live import background, connections, fragments
from facilitator.live.bridge import FLUSH_INTERVAL
from facilitator.live.events import event, sender
from facilitator.live.rooms import FACILITATORS, PARTICIPANTS, SCREEN, heard, room
from facilitator.parking import services as parking
from facilitator.parking.board import phone_view, room_board, screen_board
from facilitator.parking.parsing import parse_item, parse_vote
from facilitator.sessions.models import WorkshopSession


def _session(session_id: int) -> WorkshopSession:
    session = db.session.get(WorkshopSession, session_id)
    if session is None:
        raise NotFound(_("Sessionen findes ikke længere."))
    return session


@event("parking:get")
def on_parking_get(sid: str, *_args: Any) -> dict[str, Any]:
    """The board after every (re)connect: a phone's with its own items and votes, the
    projector's top items, the console's room view."""
    connection = connections.current(sid)
    session = _session(connection.session_id)
    if connection.role == PARTICIPANTS and connection.participant_id is not None:
        return {"ok": True, **phone_view(db.session, session, connection.participant_id)}
    board = screen_board if connection.role == SCREEN else room_board
    return {"ok": True, "board": board(db.session, session), "own": [], "voted": []}


@event("parking:add")
def on_parking_add(sid: str, data: Any = None) -> dict[str, Any]:
    """{"client_id", "text"}: a new item; a resend gets the first row ("duplicate": true)."""
    author = sender(sid)  # a participant, within their SUBMIT_RATE
    draft = parse_item(data)
    item, created = parking.add_item(
        db.session,
        _session(author.session_id),
        author,
        draft,
        max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"],
        words=active_filter(db.session),
    )
    votes = parking.vote_counts(db.session, [item.id]).get(item.id, 0)
    own = {"id": item.id, "text": item.text, "state": item.state, "votes": votes}
    return {"ok": True, "duplicate": not created, "item": {**own, "held": item.held}}


@event("parking:vote")
def on_parking_vote(sid: str, data: Any = None) -> dict[str, Any]:
    """{"id", "vote": bool}: "+1" or take it back; asking twice is fine ("changed": false)."""
    voter = sender(sid)
    item_id, vote = parse_vote(data)
    session = _session(voter.session_id)
    changed = parking.set_vote(db.session, session, voter, item_id, vote)
    votes = parking.vote_counts(db.session, [item_id]).get(item_id, 0)
    return {"ok": True, "id": item_id, "vote": vote, "changed": changed, "votes": votes}


class ParkingPushes:
    """`parking:updated` to phones, projector and consoles, batched per session."""

    def __init__(self) -> None:
        self.batches: jobs.Batcher | None = None

    def init_app(self, app: Flask) -> None:
        self.batches = jobs.Batcher(
            "parking lot",
            self.flush,
            interval=FLUSH_INTERVAL,
            runtime=background.socket_runtime(app),
            context=background.app_context(app),
        )
        signals.parking_changed.connect(self.on_changed, weak=False)

    def on_changed(self, _sender: Any, *, session_id: int, **_: Any) -> None:
        if self.batches is not None:
            self.batches.mark("parking", session_id)

    def flush(self, batch: dict[Hashable, set[Any]]) -> None:
        for session_id in batch.get("parking", set()):
            session = db.session.get(WorkshopSession, session_id)
            if session is not None:
                push_board(session)


def push_board(session: WorkshopSession) -> None:
    from facilitator.web.facilitate.parking import parking_context

    board = room_board(db.session, session)
    socketio.emit("parking:updated", board, to=room(session.id, PARTICIPANTS))
    socketio.emit("parking:updated", screen_board(db.session, session), to=room(session.id, SCREEN))
    languages = [lang for lang in LANGUAGES if heard(room(session.id, FACILITATORS, lang))]
    if not languages:
        return
    context = parking_context(session)
    for language in languages:
        html = fragments.parking_fragment(language, context)
        socketio.emit(
            "parking:updated",
            {**board, "parking_html": html},
            to=room(session.id, FACILITATORS, language),
        )


pushes = ParkingPushes()
