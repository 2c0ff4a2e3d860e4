"""Socket.IO: thin handlers (who is asking, validate, one service call, ack) and the bridge
that turns domain signals into emits. The protocol is documented in docs/realtime.md."""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, request
from flask import session as flask_session
from flask_login import current_user
from flask_socketio import join_room
from flask_wtf.csrf import validate_csrf
from socketio.exceptions import ConnectionRefusedError
from wtforms import ValidationError as CSRFValidationError

from facilitator.accounts import services as accounts
from facilitator.activities.models import TEXT_KINDS, Activity
from facilitator.contributions import results
from facilitator.contributions import services as contributions
from facilitator.contributions.group_commit import GroupCommit, Item, Outcome, save_all
from facilitator.contributions.models import Contribution, Participant
from facilitator.contributions.services import ParticipantRef
from facilitator.contributions.submission import (
    parse_contribution_id,
    parse_edit,
    parse_endorsement,
    parse_submission,
    record_id,
)
from facilitator.core import jobs, signals
from facilitator.core.errors import DomainError, Forbidden, NotFound, RateLimited, ValidationError
from facilitator.core.i18n import N_, set_locale
from facilitator.core.i18n import gettext as _
from facilitator.export.report import same_words
from facilitator.extensions import db, socketio
from facilitator.live import background, payloads, presence
from facilitator.live.socket_packets import UNREADABLE, AnsweringPacket
from facilitator.sessions import services as sessions
from facilitator.sessions.models import WorkshopSession
from facilitator.web.auth import max_session_age
from facilitator.web.language import request_language
from facilitator.web.participate.join import cookie_name
from facilitator.web.ratelimit import TOO_FAST, participant_may_send

PARTICIPANTS, SCREEN, FACILITATORS = "participants", "screen", "facilitators"
FLUSH_INTERVAL = 0.25  # tallies and counts: a few pushes per second, not one per vote
# Statements on phones ("Enig", or revealed): what changed, once a second. Nobody reads faster,
# and each push goes to every phone in the room.
PHONE_INTERVAL = 1.0
RESULTS, COUNTS = "results", "counts"  # the bridge's batch keys


def room(session_id: int, audience: str) -> str:
    return f"session:{session_id}:{audience}"


def watchers(session_id: int) -> list[str]:
    """The rooms that see every contribution: projector and console."""
    return [room(session_id, SCREEN), room(session_id, FACILITATORS)]


def room_watchers(session_id: int, activity: Activity) -> list[str]:
    """Who sees an activity's contributions now: the console always, the projector only while
    its results are visible (live results, or revealed)."""
    if activity.results_visible:
        return watchers(session_id)
    return [room(session_id, FACILITATORS)]


@dataclass(frozen=True)
class Connection:
    role: str
    session_id: int
    participant_id: int | None = None
    user_id: int | None = None  # facilitator or logged-in projector
    user_token: str | None = None  # the login's cookie token, checked again on every event
    # The reader's language, worked out once at connect (cookies, a facilitator's setting):
    # every answer to this socket uses it without touching cookies or the user again.
    language: str = "da"


def user_room(user_id: int) -> str:
    """Every socket of one logged-in user, in any worker: told when their sessions end."""
    return f"user:{user_id}"


class ConnectionRegistry:
    """Who is behind each socket id in this process; how many phones are online, in every
    process, is `presence`'s (facilitator/live/presence.py: shared through Redis when several)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_sid: dict[str, Connection] = {}
        self.presence: presence.Presence = presence.LocalPresence()
        self._of_participant: dict[int, list[str]] = {}  # their socket ids, oldest first

    def add(self, sid: str, connection: Connection) -> None:
        with self._lock:
            self._by_sid[sid] = connection
            if connection.role == PARTICIPANTS:
                self.presence.connected(connection.session_id)
                self._of_participant.setdefault(connection.participant_id, []).append(sid)

    def remove(self, sid: str) -> Connection | None:
        with self._lock:
            connection = self._by_sid.pop(sid, None)
            if connection is not None and connection.role == PARTICIPANTS:
                self.presence.disconnected(connection.session_id)
                sids = self._of_participant.get(connection.participant_id, [])
                if sid in sids:
                    sids.remove(sid)
                if not sids:
                    self._of_participant.pop(connection.participant_id, None)
            return connection

    def surplus(self, participant_id: int, keep: int) -> list[str]:
        """The participant's oldest sockets beyond the newest `keep`."""
        with self._lock:
            sids = self._of_participant.get(participant_id, [])
            return sids[:max(len(sids) - keep, 0)]

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def of_user(self, user_id: int) -> list[str]:
        """The user's socket ids in this process (a scan: only run when sessions end)."""
        with self._lock:
            return [sid for sid, c in self._by_sid.items() if c.user_id == user_id]

    def link_screens(self, session_id: int) -> list[str]:
        """Projector sockets of this session opened with the secret link, not a login."""
        with self._lock:
            return [sid for sid, c in self._by_sid.items()
                    if c.role == SCREEN and c.session_id == session_id and c.user_id is None]

    def online(self, session_id: int) -> int:
        """Phones connected to the session, over every worker."""
        return self.presence.online(session_id)

    def use(self, counter: presence.Presence) -> None:
        """Count phones with `counter` from now on (init_realtime); the old one stops."""
        old, self.presence = self.presence, counter
        old.close()


registry = ConnectionRegistry()
LOGGED_OUT = N_("Du er logget ud. Log ind igen.")  # translated where it is sent
log = logging.getLogger(__name__)


# --- connect: identity is checked here because no before_request runs for socket events ----

def _participant_connection(auth: dict) -> Connection:
    # A closed session still takes its own participants' sockets, read-only (the domain refuses
    # what they send): when it is opened again every phone hears it at once, without a reload
    # and without a room of phones knocking to get back in. Only a cookie of this session gets
    # one, so nobody learns a code from it.
    session = sessions.find_by_join_code(db.session, str(auth.get("code", "")),
                                         states=("live", "closed"))
    participant = contributions.participant_for_token(db.session, session,
                                                      request.cookies.get(cookie_name(session)))
    if participant is None:  # the same answer as an unknown code: the socket tells no codes
        raise NotFound(_(sessions.CODE_NOT_OPEN))
    return Connection(PARTICIPANTS, session.id, participant.id)


def _session_id(auth: dict) -> int:
    try:
        return int(auth.get("session_id"))
    except (TypeError, ValueError):
        raise NotFound(_("Ukendt session.")) from None


def _screen_connection(auth: dict) -> Connection:
    session_id = _session_id(auth)
    if auth.get("token") and current_app.config["SCREEN_LINKS"]:
        sessions.find_by_screen_token(db.session, session_id, str(auth["token"]))
        return Connection(SCREEN, session_id)
    _facilitator_session(session_id, auth)
    return Connection(SCREEN, session_id, user_id=current_user.id, user_token=_login_token())


def _login_token() -> str | None:
    """The cookie token the socket was opened with (see accounts.services.session_token)."""
    return flask_session.get("_user_id")


def _facilitator_session(session_id: int, auth: dict) -> WorkshopSession:
    if not current_user.is_authenticated:
        raise NotFound(_("Log ind først."))
    try:  # a logged-in browser tricked by another site must not get a socket
        validate_csrf(auth.get("csrf_token"))
    except CSRFValidationError:
        raise NotFound(_("Ugyldig sikkerhedsnøgle. Genindlæs siden.")) from None
    return sessions.get_session_for(db.session, current_user, session_id)


def _facilitator_connection(auth: dict) -> Connection:
    session_id = _session_id(auth)
    _facilitator_session(session_id, auth)
    return Connection(FACILITATORS, session_id, user_id=current_user.id,
                      user_token=_login_token())


CONNECTORS = {"participant": _participant_connection, "screen": _screen_connection,
              "facilitator": _facilitator_connection}


def _origin_allowed() -> bool:
    """A page from another site must not open a socket with this browser's cookies. Browsers
    omit Origin on same-origin polling requests, so only a present, foreign Origin is refused."""
    origin = request.headers.get("Origin")
    if not origin:
        return True
    allowed = {request.host_url.rstrip("/")}
    if current_app.config.get("PUBLIC_URL"):
        parts = urlsplit(current_app.config["PUBLIC_URL"])
        allowed.add(f"{parts.scheme}://{parts.netloc}")
    return origin.rstrip("/") in allowed


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    language = set_locale(request_language())  # a refusal is read by this socket's person
    if not _origin_allowed():
        raise ConnectionRefusedError(_("Forbindelsen kommer fra en fremmed side."))
    auth = auth if isinstance(auth, dict) else {}
    connector = CONNECTORS.get(str(auth.get("role")))
    if connector is None:
        raise ConnectionRefusedError(_("Ukendt rolle."))
    try:
        connection = replace(connector(auth), language=language)
    except DomainError as error:
        raise ConnectionRefusedError(error.message) from None
    except Exception:  # a refusal the client can show, never a hanging handshake
        log.exception("socket connect failed")
        db.session.rollback()
        raise ConnectionRefusedError(_(SERVER_ERROR)) from None
    registry.add(request.sid, connection)
    join_room(room(connection.session_id, connection.role))
    if connection.user_id is not None:
        join_room(user_room(connection.user_id))
    if connection.role == PARTICIPANTS:
        _close_stale_sockets(connection.participant_id)
        bridge.mark_counts(connection.session_id)


def _close_stale_sockets(participant_id: int) -> None:
    """Past MAX_SOCKETS_PER_PARTICIPANT the oldest sockets go, not the new one: a phone back
    from lost Wi-Fi must never be locked out by its own half-dead sockets."""
    for sid in registry.surplus(participant_id, current_app.config["MAX_SOCKETS_PER_PARTICIPANT"]):
        socketio.server.disconnect(sid, namespace="/")


@socketio.on("disconnect")
def on_disconnect(*_: Any) -> None:
    connection = registry.remove(request.sid)
    if connection is not None and connection.role == PARTICIPANTS:
        bridge.mark_counts(connection.session_id)


SERVER_ERROR = N_("Der skete en fejl på serveren. Prøv igen om lidt.")  # translated where sent
ERROR_CODES = {"ValidationError": "validation", "ActivityClosed": "closed",
               "NotFound": "not_found", "SessionNotLive": "closed", "Forbidden": "forbidden",
               "RateLimited": "rate_limited"}


def _error(message: str, code: str) -> dict[str, Any]:
    """A refusal. `message` is the documented key; `error` (same text) is what clients before
    it read."""
    return {"ok": False, "code": code, "error": message, "message": message}


EVENTS: dict[str, Callable[..., dict[str, Any]]] = {}  # client -> server events by name
INVALID_MESSAGE = N_("Ugyldig besked. Genindlæs siden og prøv igen.")


def event(name: str) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., dict[str, Any]]]:
    """A client -> server event. It runs in an app context only: Flask-SocketIO would build a
    whole request context for every message (the cookie session, a URL match, teardowns),
    and an event needs none of it: who is asking was settled at connect (`Connection`).
    Registered with the Socket.IO server by `init_realtime`; the handler gets the socket id."""

    def register(handler: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        EVENTS[name] = answers(handler)
        return handler

    return register


def answers(handler: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """Every event gets an acknowledgement, whatever goes wrong: a client without one would
    resend forever. Domain errors carry their Danish message; anything else is logged."""

    @functools.wraps(handler)
    def answering(sid: str, *args: Any) -> dict[str, Any]:
        try:
            # Answers go to this socket only: in its reader's language, as found at connect.
            connection = registry.get(sid)
            set_locale(connection.language if connection
                       else current_app.config["DEFAULT_LANGUAGE"])
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


def _current(sid: str) -> Connection:
    connection = registry.get(sid)
    if connection is None:
        raise NotFound(_("Forbindelsen er ikke tilmeldt. Genindlæs siden."))
    if connection.user_token is not None:
        _check_login(sid, connection)
    return connection


def _check_login(sid: str, connection: Connection) -> None:
    """A login socket works only while its login does: logged out, deactivated, a new
    password (maybe in another worker) or past the session limit, and it hears nothing more."""
    user = accounts.user_for_token(db.session, connection.user_token,
                                   max_age=max_session_age(current_app))
    if user is not None:
        return
    for name in socketio.server.rooms(sid, namespace="/"):
        socketio.server.leave_room(sid, name, namespace="/")
    registry.remove(sid)
    raise Forbidden(_(LOGGED_OUT))


def _participant(participant_id: int | None) -> Participant:
    participant = db.session.get(Participant, participant_id)
    if participant is None:
        raise NotFound(_("Du er ikke tilmeldt sessionen længere."))
    return participant


@event("state:get")
def on_state_get(sid: str, *_args: Any) -> dict[str, Any]:
    """The snapshot a client fetches after every (re)connect and wake-up."""
    connection = _current(sid)
    session = db.session.get(WorkshopSession, connection.session_id)
    if session is None:
        raise NotFound(_("Sessionen findes ikke længere."))
    if connection.role == PARTICIPANTS:
        data = payloads.phone_snapshot(db.session, session, _participant(connection.participant_id),
                                       current_app.config["MAX_CONTRIBUTION_CHARS"])
    else:
        data = payloads.screen_snapshot(db.session, session)
        data["online"] = registry.online(session.id)
    return {"ok": True, **data}


def _sender(sid: str) -> ParticipantRef:
    """The participant behind this socket as known since its handshake, within their
    SUBMIT_RATE (all their sockets and the form path share it: web/ratelimit.py). No query:
    a participant deleted meanwhile is caught by the database's foreign key."""
    connection = _current(sid)
    if connection.role != PARTICIPANTS or connection.participant_id is None:
        raise NotFound(_("Kun deltagere kan sende bidrag."))
    if not participant_may_send(connection.participant_id):
        raise RateLimited(_(TOO_FAST))
    return ParticipantRef(connection.participant_id, connection.session_id)


def _sending_participant(sid: str) -> Participant:
    """The sender's row, for the changes that read more of it than its id."""
    return _participant(_sender(sid).id)


@event("contribution:submit")
def on_submit(sid: str, data: Any = None) -> dict[str, Any]:
    participant = _sender(sid)  # the hot path: no look-ups here, one commit for many
    submission = parse_submission(data)
    row, created = current_app.extensions["facilitator.group_commit"].submit(participant,
                                                                              submission)
    return {"ok": True, "duplicate": not created,
            "contribution": payloads.contribution_payload(row)}


@event("contribution:withdraw")
def on_withdraw(sid: str, data: Any = None) -> dict[str, Any]:
    """{"id": contribution id}: the author takes it back; again is fine ("removed": false)."""
    participant = _sending_participant(sid)
    if not isinstance(data, dict):
        raise ValidationError(_("Ugyldig besked. Genindlæs siden og prøv igen."))
    contribution_id = record_id(data.get("id"))
    removed = contributions.withdraw(db.session, participant, contribution_id)
    return {"ok": True, "id": contribution_id, "removed": removed,
            "restore_seconds": contributions.RESTORE_SECONDS}


@event("contribution:restore")
def on_restore(sid: str, data: Any = None) -> dict[str, Any]:
    """{"id"}: "Fortryd" after "Træk tilbage", within RESTORE_SECONDS; again is fine
    ("restored": false). The row is back for everyone through contribution:added."""
    participant = _sending_participant(sid)
    contribution_id = parse_contribution_id(data)
    row, restored = contributions.restore(db.session, participant, contribution_id)
    return {"ok": True, "restored": restored,
            "contribution": payloads.own_contribution_payload(row)}


@event("contribution:edit")
def on_edit(sid: str, data: Any = None) -> dict[str, Any]:
    """{"id", "text"}: the author corrects their statement or reason while the activity is
    open; the same text again is fine ("changed": false). A new text loses its "Enig"
    ("cleared": how many)."""
    participant = _sending_participant(sid)
    contribution_id, text = parse_edit(data)
    edited = contributions.edit(db.session, participant, contribution_id, text,
                                max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"])
    return {"ok": True, "changed": edited.changed, "cleared": edited.cleared,
            "contribution": payloads.own_contribution_payload(edited.row)}


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


# --- the bridge: signals after commit -> emits --------------------------------------------------

class Bridge:
    """Turns domain signals into Socket.IO emits; batches tallies and counts."""

    def __init__(self) -> None:
        self.app: Flask | None = None
        self.batches: jobs.Batcher | None = None
        self.phone_batches: jobs.Batcher | None = None

    def init_app(self, app: Flask) -> None:
        self.app = app
        self.batches = jobs.Batcher("live pushes", self.flush_batch, interval=FLUSH_INTERVAL,
                                    runtime=background.socket_runtime(app),
                                    context=background.app_context(app))
        self.phone_batches = jobs.Batcher("statements to phones", self.flush_statements,
                                          interval=PHONE_INTERVAL,
                                          runtime=background.socket_runtime(app),
                                          context=background.app_context(app))
        signals.contribution_added.connect(self.on_contribution_added, weak=False)
        signals.contribution_changed.connect(self.on_contribution_changed, weak=False)
        signals.activity_changed.connect(self.on_activity_changed, weak=False)
        signals.session_changed.connect(self.on_session_changed, weak=False)
        signals.participant_joined.connect(self.on_participant_joined, weak=False)
        signals.clusters_updated.connect(self.on_clusters_updated, weak=False)
        signals.user_sessions_revoked.connect(self.on_user_sessions_revoked, weak=False)
        signals.contribution_withdrawn.connect(self.on_contribution_withdrawn, weak=False)

    # signal receivers ---------------------------------------------------------------------------
    def on_user_sessions_revoked(self, user: Any, *, user_id: int, **_: Any) -> None:
        """Logout, deactivation or a new password: the user's sockets close now. Sockets in
        other workers get the event through the message queue, and are refused at their next
        event (_check_login)."""
        socketio.emit("session:revoked", {"message": LOGGED_OUT}, to=user_room(user_id))
        for sid in registry.of_user(user_id):
            socketio.server.disconnect(sid, namespace="/")

    def on_contribution_added(self, row: Contribution, *, session_id: int,
                              activity_id: int, restored: bool = False, **_: Any) -> None:
        if row.activity.kind in TEXT_KINDS:  # a statement appears at once
            # new: no "Enig" yet; back after "Fortryd": the ones it had
            payload = {**payloads.contribution_payload(row),
                       "endorsements": len(row.endorsements) if restored else 0,
                       "same": same_words(row.text)}  # the projector's "×2"
            for target in room_watchers(session_id, row.activity):
                socketio.emit("contribution:added", payload, to=target)
        self._changed(row, session_id, activity_id)

    def on_contribution_withdrawn(self, row: Contribution, *, session_id: int,
                                  activity_id: int, **_: Any) -> None:
        payload = {"activity_id": activity_id, "id": row.id}
        for target in watchers(session_id):
            socketio.emit("contribution:removed", payload, to=target)
        self._changed(row, session_id, activity_id)

    def _changed(self, row: Contribution, session_id: int, activity_id: int) -> None:
        """What follows a change besides its own event: a vote's tallies; for a statement,
        the phones' list (only what changed) and the hidden wall's answer count. Statements
        never trigger a full results push: console and projector add them one by one."""
        activity = db.session.get(Activity, activity_id)  # a withdrawn row is gone
        if activity is None:
            return
        if activity.kind not in TEXT_KINDS:
            self.mark_results(session_id, activity_id)
            return
        if activity.results_on_phones and self.phone_batches is not None:
            self.phone_batches.mark((session_id, activity_id), row.id)
        if not activity.results_visible:
            self.mark_results(session_id, activity_id)

    def on_contribution_changed(self, row: Contribution, *, session_id: int,
                                activity_id: int, edited: bool = False, **_: Any) -> None:
        payload = {"activity_id": activity_id, "id": row.id, "hidden": row.hidden,
                   "highlighted": row.highlighted, "endorsements": len(row.endorsements)}
        if edited and not row.hidden:  # the author's correction ("Ret"); never a hidden text
            payload["text"] = row.text
            payload["same"] = same_words(row.text)
        for target in room_watchers(session_id, row.activity):
            socketio.emit("contribution:changed", payload, to=target)
        # Endorsement counts and corrected texts reach phones (and reasons) batched.
        self._changed(row, session_id, activity_id)

    def on_activity_changed(self, activity: Activity, *, session_id: int, **_: Any) -> None:
        session = db.session.get(WorkshopSession, session_id)
        if session is None:
            return
        max_chars = current_app.config["MAX_CONTRIBUTION_CHARS"]
        current = payloads.activity_payload(db.session, session.open_activity, max_chars)
        payload = {"session_id": session_id, "activity": current}
        for audience in (SCREEN, FACILITATORS):
            socketio.emit("activity:changed", payload, to=room(session_id, audience))
        open_activity = session.open_activity
        if open_activity is not None and \
                open_activity.results_on_phones != open_activity.results_visible:
            payload = {"session_id": session_id, "activity": payloads.activity_payload(
                db.session, open_activity, max_chars, phones=True)}
        socketio.emit("activity:changed", payload, to=room(session_id, PARTICIPANTS))

    def on_session_changed(self, session: WorkshopSession, *, session_id: int, **_: Any) -> None:
        # next_steps: what the projector's closing screen and the phones show once closed
        payload = {"session_id": session_id, "state": session.state, "title": session.title,
                   "next_steps": session.next_steps or ""}
        for audience in (PARTICIPANTS, SCREEN, FACILITATORS):
            socketio.emit("session:changed", payload, to=room(session_id, audience))
        if session.state == "closed":  # the secret projector link dies with the session
            for sid in registry.link_screens(session_id):
                socketio.server.disconnect(sid, namespace="/")

    def on_participant_joined(self, participant: Participant, *, session_id: int,
                              **_: Any) -> None:
        self.mark_counts(session_id)

    def on_clusters_updated(self, activity: Activity, *, session_id: int, activity_id: int,
                            **_: Any) -> None:
        from facilitator.clustering.services import cluster_view

        runner = background.theme_jobs_for(current_app).runner  # CPU work off the event loop
        payload = cluster_view(db.session, activity, runner=runner)
        socketio.emit("clusters:updated", payload, to=room(session_id, FACILITATORS))
        if activity.results_visible:  # the projector gets what its wall shows, nothing more
            socketio.emit("clusters:updated", payloads.screen_clusters_payload(payload, activity),
                          to=room(session_id, SCREEN))

    # batching (core/jobs.py) -------------------------------------------------------------
    def mark_results(self, session_id: int, activity_id: int) -> None:
        if self.batches is not None:
            self.batches.mark(RESULTS, (session_id, activity_id))

    def mark_counts(self, session_id: int) -> None:
        if self.batches is not None:
            self.batches.mark(COUNTS, session_id)

    def flush_batch(self, batch: dict[Hashable, set[Any]]) -> None:
        self.flush(batch.get(RESULTS, set()), batch.get(COUNTS, set()))

    def flush_statements(self, batch: dict[Hashable, set[Any]]) -> None:
        """`statements:changed` to phones: the statements added or changed since the last
        push, and the ids that left (withdrawn, hidden); never the whole list again."""
        for (session_id, activity_id), ids in batch.items():
            activity = db.session.get(Activity, activity_id)
            if activity is None or not activity.results_on_phones:
                continue
            shown = results.statements(db.session, activity, ids)
            payload = {"activity_id": activity_id, "statements": shown,
                       "removed": sorted(ids - {s["id"] for s in shown})}
            socketio.emit("statements:changed", payload, to=room(session_id, PARTICIPANTS))

    def flush(self, dirty_results: set[tuple[int, int]], dirty_counts: set[int]) -> None:
        for session_id, activity_id in dirty_results:
            activity = db.session.get(Activity, activity_id)
            if activity is None:
                continue
            if activity.kind in TEXT_KINDS:  # statements travel one by one (see _changed)
                if not activity.results_visible:
                    self._responses(session_id, activity)
                continue
            data = results.activity_results(db.session, activity)
            # The console always sees the tallies; phones and projector only once they are
            # visible to them (Activity.results_visible / results_on_phones; activity_payload
            # agrees). Before, the projector gets how many have answered, which steers nobody.
            socketio.emit("results:updated", data, to=room(session_id, FACILITATORS))
            if activity.results_on_phones:
                socketio.emit("results:updated", data, to=room(session_id, PARTICIPANTS))
            if activity.results_visible:
                socketio.emit("results:updated", data, to=room(session_id, SCREEN))
            else:
                self._responses(session_id, activity)
        for session_id in dirty_counts:
            session = db.session.get(WorkshopSession, session_id)
            if session is None:
                continue
            payload = {"joined": results.participant_count(db.session, session),
                       "online": registry.online(session_id)}
            for target in watchers(session_id):
                socketio.emit("participants:count", payload, to=target)


    @staticmethod
    def _responses(session_id: int, activity: Activity) -> None:
        """How many have answered, for a projector whose results are hidden: a count only."""
        socketio.emit("responses:count",
                      {"activity_id": activity.id,
                       "responses": results.response_count(db.session, activity)},
                      to=room(session_id, SCREEN))


bridge = Bridge()


def init_realtime(app: Flask) -> None:
    bridge.init_app(app)
    socketio.server.packet_class = AnsweringPacket  # unreadable data is answered, too
    for name, handler in EVENTS.items():  # after socketio.init_app made this app's server
        socketio.server.on(name, _in_app_context(app, handler), namespace="/")
    app.extensions["facilitator.group_commit"] = _group_commit(app)
    # Phones online over every worker; a count that changed elsewhere is pushed again here.
    registry.use(presence.presence_for(app.config["MESSAGE_QUEUE"],
                                       ttl=app.config["PRESENCE_TTL"],
                                       runtime=background.socket_runtime(app),
                                       on_change=_push_counts))


def _in_app_context(app: Flask, handler: Callable[..., dict[str, Any]],
                    ) -> Callable[..., dict[str, Any]]:
    def run(sid: str, *args: Any) -> dict[str, Any]:
        with app.app_context():
            return handler(sid, *args)
    return run


def _group_commit(app: Flask) -> GroupCommit:
    """The live path's writer. Under `serve` (gevent) it runs as its own greenlet in its own
    app context and commits what arrived together at once; in threading mode (tests, the
    development server) it saves each submission at once, in the caller's context."""
    def save(items: list[Item]) -> list[Outcome]:
        return save_all(db.session, items, max_chars=app.config["MAX_CONTRIBUTION_CHARS"])

    if app.config["ASYNC_MODE"] == "gevent":
        return GroupCommit(save, runtime=background.socket_runtime(app),
                           context=background.app_context(app))
    return GroupCommit(save, runtime=jobs.INLINE, context=contextlib.nullcontext)


def _push_counts(session_ids: set[int]) -> None:
    for session_id in session_ids:
        bridge.mark_counts(session_id)
