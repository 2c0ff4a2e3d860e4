"""Client -> server socket events: thin handlers (who is asking, validate, one service call,
ack). Every event is answered, whatever goes wrong. What others see of a change is the
bridge's (domain signals in, Socket.IO out: facilitator/live/bridge.py); the protocol is
documented in docs/realtime.md."""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

from facilitator.contributions import services as contributions
from facilitator.contributions import withdrawals
from facilitator.contributions.group_commit import GroupCommit, Item, Outcome, save_all
from facilitator.contributions.models import Participant
from facilitator.contributions.submission import (
    parse_contribution_id,
    parse_edit,
    parse_endorsement,
    parse_submission,
    record_id,
)
from facilitator.contributions.validation import ParticipantRef
from facilitator.core import jobs
from facilitator.core.errors import DomainError, NotFound, RateLimited, ValidationError
from facilitator.core.i18n import N_, set_locale
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db, socketio
from facilitator.live import background, connections, fragments, payloads
from facilitator.live.connections import SERVER_ERROR, registry
from facilitator.live.protocol import PhoneSnapshot, ScreenSnapshot
from facilitator.live.rooms import PARTICIPANTS
from facilitator.live.socket_packets import UNREADABLE, AnsweringPacket
from facilitator.sessions.models import WorkshopSession
from facilitator.web.ratelimit import TOO_FAST, participant_may_send

log = logging.getLogger(__name__)
ERROR_CODES = {
    "ValidationError": "validation",
    "ActivityClosed": "closed",
    "NotFound": "not_found",
    "SessionNotLive": "closed",
    "Forbidden": "forbidden",
    "RateLimited": "rate_limited",
}
INVALID_MESSAGE = N_("Ugyldig besked. Genindlæs siden og prøv igen.")
EVENTS: dict[str, Callable[..., dict[str, Any]]] = {}  # client -> server events by name
Handler = Callable[..., dict[str, Any]]


def _error(message: str, code: str) -> dict[str, Any]:
    """A refusal. `message` is the documented key; `error` (same text) is what clients before
    it read."""
    return {"ok": False, "code": code, "error": message, "message": message}


def event(name: str) -> Callable[[Handler], Handler]:
    """A client -> server event. It runs in an app context only: Flask-SocketIO would build a
    whole request context for every message (the cookie session, a URL match, teardowns),
    and an event needs none of it: who is asking was settled at connect (`Connection`).
    Registered with the Socket.IO server by `init_events`; the handler gets the socket id."""

    def register(handler: Handler) -> Handler:
        EVENTS[name] = answers(handler)
        return handler

    return register


def answers(handler: Handler) -> Handler:
    """Every event gets an acknowledgement, whatever goes wrong: a client without one would
    resend forever. Domain errors carry their Danish message; anything else is logged."""

    @functools.wraps(handler)
    def answering(sid: str, *args: Any) -> dict[str, Any]:
        try:
            # Answers go to this socket only: in its reader's language, as found at connect.
            connection = registry.get(sid)
            set_locale(
                connection.language if connection else current_app.config["DEFAULT_LANGUAGE"]
            )
            if any(arg is UNREADABLE for arg in args):  # socket_packets: data past reading
                return _error(_(INVALID_MESSAGE), "invalid")
            return handler(sid, *args)
        except DomainError as error:
            return _error(error.message, ERROR_CODES.get(type(error).__name__, "error"))
        except RecursionError:  # data nested deeper than a handler can walk: absurd input
            db.session.rollback()
            return _error(_(INVALID_MESSAGE), "invalid")
        except Exception:
            log.exception("socket event %s failed", handler.__name__)
            db.session.rollback()
            return _error(_(SERVER_ERROR), "error")

    return answering


@event("state:get")
def on_state_get(sid: str, *_args: Any) -> dict[str, Any]:
    """The snapshot a client fetches after every (re)connect and wake-up."""
    connection = connections.current(sid)
    session = db.session.get(WorkshopSession, connection.session_id)
    if session is None:
        raise NotFound(_("Sessionen findes ikke længere."))
    online: dict[str, int] = {}  # the screen's: how many phones are connected right now
    data: PhoneSnapshot | ScreenSnapshot
    if connection.role == PARTICIPANTS:
        data = payloads.phone_snapshot(
            db.session,
            session,
            connections.participant(connection.participant_id),
            current_app.config["MAX_CONTRIBUTION_CHARS"],
        )
    else:
        data = payloads.screen_snapshot(db.session, session)
        online["online"] = registry.online(session.id)
    # the results drawn by the results_view macro, in this socket's reader's language
    activity = session.open_activity if data["activity"] else None
    data["activity"] = fragments.with_results_html(activity, data["activity"], connection.language)
    return {"ok": True, **data, **online}


def sender(sid: str) -> ParticipantRef:
    """The participant behind this socket as known since its handshake, within their
    SUBMIT_RATE (all their sockets and the form path share it: web/ratelimit.py). No query:
    a participant deleted meanwhile is caught by the database's foreign key; whether the
    activity is of their session is the writer's one check (group_commit.save_all)."""
    connection = connections.current(sid)
    if connection.role != PARTICIPANTS or connection.participant_id is None:
        raise NotFound(_("Kun deltagere kan sende bidrag."))
    if not participant_may_send(connection.participant_id):
        raise RateLimited(_(TOO_FAST))
    return ParticipantRef(connection.participant_id, connection.session_id)


def _sending_participant(sid: str) -> Participant:
    """The sender's row, for the changes that read more of it than its id."""
    return connections.participant(sender(sid).id)


@event("contribution:submit")
def on_submit(sid: str, data: Any = None) -> dict[str, Any]:
    participant = sender(sid)  # the hot path: no look-ups here, one commit for many
    submission = parse_submission(data)
    row, created = current_app.extensions["facilitator.group_commit"].submit(
        participant, submission
    )
    return {
        "ok": True,
        "duplicate": not created,
        "contribution": payloads.contribution_payload(row),
    }


@event("contribution:withdraw")
def on_withdraw(sid: str, data: Any = None) -> dict[str, Any]:
    """{"id": contribution id}: the author takes it back; again is fine ("removed": false)."""
    participant = _sending_participant(sid)
    if not isinstance(data, dict):
        raise ValidationError(_(INVALID_MESSAGE))
    contribution_id = record_id(data.get("id"))
    removed = withdrawals.withdraw(db.session, participant, contribution_id)
    return {
        "ok": True,
        "id": contribution_id,
        "removed": removed,
        "restore_seconds": withdrawals.RESTORE_SECONDS,
    }


@event("contribution:restore")
def on_restore(sid: str, data: Any = None) -> dict[str, Any]:
    """{"id"}: "Fortryd" after "Træk tilbage", within RESTORE_SECONDS; again is fine
    ("restored": false). The row is back for everyone through contribution:added."""
    participant = _sending_participant(sid)
    contribution_id = parse_contribution_id(data)
    row, restored = withdrawals.restore(db.session, participant, contribution_id)
    return {
        "ok": True,
        "restored": restored,
        "contribution": payloads.own_contribution_payload(row),
    }


@event("contribution:edit")
def on_edit(sid: str, data: Any = None) -> dict[str, Any]:
    """{"id", "text"}: the author corrects their statement or reason while the activity is
    open; the same text again is fine ("changed": false). A new text loses its "Enig"
    ("cleared": how many)."""
    participant = _sending_participant(sid)
    contribution_id, text = parse_edit(data)
    edited = contributions.edit(
        db.session,
        participant,
        contribution_id,
        text,
        max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"],
    )
    return {
        "ok": True,
        "changed": edited.changed,
        "cleared": edited.cleared,
        "contribution": payloads.own_contribution_payload(edited.row),
    }


@event("contribution:endorse")
def on_endorse(sid: str, data: Any = None) -> dict[str, Any]:
    """{"id", "agree": bool}: "Enig", or undo it; asking twice is fine ("changed": false)."""
    participant = _sending_participant(sid)
    contribution_id, agree = parse_endorsement(data)
    changed = contributions.set_endorsement(db.session, participant, contribution_id, agree)
    return {"ok": True, "id": contribution_id, "agree": agree, "changed": changed}


@socketio.on("*")
def on_unknown_event(event: Any, *_args: Any) -> dict[str, Any]:
    """Only events without a handler of their own land here (python-socketio's catch-all)."""
    log.info("unknown socket event %r", str(event)[:80])
    return _error(_("Ukendt besked. Genindlæs siden."), "unknown_event")


def init_events(app: Flask) -> None:
    """After socketio.init_app made this app's server: the events, the packets that answer
    unreadable data, and the live path's writer."""
    socketio.server.packet_class = AnsweringPacket  # unreadable data is answered, too
    for name, handler in EVENTS.items():
        socketio.server.on(name, _in_app_context(app, handler), namespace="/")
    app.extensions["facilitator.group_commit"] = _group_commit(app)


def _in_app_context(app: Flask, handler: Handler) -> Handler:
    def run(sid: str, *args: Any) -> dict[str, Any]:
        with app.app_context():
            return handler(sid, *args)

    return run


def _group_commit(app: Flask) -> GroupCommit:
    """The live path's writer. Under `serve` (gevent) it runs as its own greenlet in its own
    app context and commits what arrived together at once; in threading mode (tests, the
    development server) it saves each submission at once, in the caller's context. The domain
    gets the limit it needs from here, and asks nothing of the app."""
    max_chars = app.config["MAX_CONTRIBUTION_CHARS"]

    def save(items: list[Item]) -> list[Outcome]:
        return save_all(db.session, items, max_chars=max_chars)

    if app.config["ASYNC_MODE"] == "gevent":
        return GroupCommit(
            save, runtime=background.socket_runtime(app), context=background.app_context(app)
        )
    return GroupCommit(save, runtime=jobs.INLINE, context=contextlib.nullcontext)
