"""Socket.IO: thin handlers (who is asking, validate, one service call, ack) and the bridge
that turns domain signals into emits. The protocol is documented in docs/realtime.md."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, request
from flask_login import current_user
from flask_socketio import join_room
from flask_wtf.csrf import validate_csrf
from socketio.exceptions import ConnectionRefusedError
from wtforms import ValidationError as CSRFValidationError

from facilitator import jobs, signals
from facilitator.activities.models import TEXT_KINDS, Activity
from facilitator.contributions import results
from facilitator.contributions import services as contributions
from facilitator.contributions.models import Contribution, Participant
from facilitator.errors import DomainError, NotFound, ValidationError
from facilitator.extensions import db, socketio
from facilitator.sessions import services as sessions
from facilitator.sessions.models import WorkshopSession
from facilitator.web import background, payloads
from facilitator.web.join import COOKIE
from facilitator.web.ratelimit import SlidingWindowLimiter

PARTICIPANTS, SCREEN, FACILITATORS = "participants", "screen", "facilitators"
FLUSH_INTERVAL = 0.25  # tallies and counts: a few pushes per second, not one per vote
RESULTS, COUNTS = "results", "counts"  # the bridge's batch keys


def room(session_id: int, audience: str) -> str:
    return f"session:{session_id}:{audience}"


def watchers(session_id: int) -> list[str]:
    """The rooms that see every contribution: projector and console."""
    return [room(session_id, SCREEN), room(session_id, FACILITATORS)]


@dataclass(frozen=True)
class Connection:
    role: str
    session_id: int
    participant_id: int | None = None


class ConnectionRegistry:
    """Who is behind each socket id in this process, and how many phones are online."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_sid: dict[str, Connection] = {}
        self._online: Counter[int] = Counter()

    def add(self, sid: str, connection: Connection) -> None:
        with self._lock:
            self._by_sid[sid] = connection
            if connection.role == PARTICIPANTS:
                self._online[connection.session_id] += 1

    def remove(self, sid: str) -> Connection | None:
        with self._lock:
            connection = self._by_sid.pop(sid, None)
            if connection is not None and connection.role == PARTICIPANTS:
                self._online[connection.session_id] -= 1
            return connection

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def online(self, session_id: int) -> int:
        return self._online[session_id]


registry = ConnectionRegistry()
_limiter = SlidingWindowLimiter()


# --- connect: identity is checked here because no before_request runs for socket events ----

def _participant_connection(auth: dict) -> Connection:
    session = sessions.find_by_join_code(db.session, str(auth.get("code", "")))
    participant = contributions.participant_for_token(db.session, session,
                                                      request.cookies.get(COOKIE))
    if participant is None:
        raise NotFound("Tilmeld dig sessionen først.")
    return Connection(PARTICIPANTS, session.id, participant.id)


def _session_id(auth: dict) -> int:
    try:
        return int(auth.get("session_id"))
    except (TypeError, ValueError):
        raise NotFound("Ukendt session.") from None


def _screen_connection(auth: dict) -> Connection:
    session_id = _session_id(auth)
    if auth.get("token") and current_app.config["SCREEN_LINKS"]:
        sessions.find_by_screen_token(db.session, session_id, str(auth["token"]))
    else:
        _facilitator_session(session_id, auth)
    return Connection(SCREEN, session_id)


def _facilitator_session(session_id: int, auth: dict) -> WorkshopSession:
    if not current_user.is_authenticated:
        raise NotFound("Log ind først.")
    try:  # a logged-in browser tricked by another site must not get a socket
        validate_csrf(auth.get("csrf_token"))
    except CSRFValidationError:
        raise NotFound("Ugyldig sikkerhedsnøgle. Genindlæs siden.") from None
    return sessions.get_session_for(db.session, current_user, session_id)


def _facilitator_connection(auth: dict) -> Connection:
    session_id = _session_id(auth)
    _facilitator_session(session_id, auth)
    return Connection(FACILITATORS, session_id)


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
    if not _origin_allowed():
        raise ConnectionRefusedError("Forbindelsen kommer fra en fremmed side.")
    auth = auth if isinstance(auth, dict) else {}
    connector = CONNECTORS.get(str(auth.get("role")))
    if connector is None:
        raise ConnectionRefusedError("Ukendt rolle.")
    try:
        connection = connector(auth)
    except DomainError as error:
        raise ConnectionRefusedError(error.message) from None
    registry.add(request.sid, connection)
    join_room(room(connection.session_id, connection.role))
    if connection.role == PARTICIPANTS:
        bridge.mark_counts(connection.session_id)


@socketio.on("disconnect")
def on_disconnect(*_: Any) -> None:
    connection = registry.remove(request.sid)
    _limiter.forget(request.sid)
    if connection is not None and connection.role == PARTICIPANTS:
        bridge.mark_counts(connection.session_id)


def _error(error: DomainError, code: str) -> dict[str, Any]:
    return {"ok": False, "error": error.message, "code": code}


ERROR_CODES = {"ValidationError": "validation", "ActivityClosed": "closed",
               "NotFound": "not_found", "SessionNotLive": "closed", "Forbidden": "forbidden"}


def _current() -> Connection:
    connection = registry.get(request.sid)
    if connection is None:
        raise NotFound("Forbindelsen er ikke tilmeldt. Genindlæs siden.")
    return connection


def _participant(connection: Connection) -> Participant:
    participant = db.session.get(Participant, connection.participant_id)
    if participant is None:
        raise NotFound("Du er ikke tilmeldt sessionen længere.")
    return participant


@socketio.on("state:get")
def on_state_get(*_: Any) -> dict[str, Any]:
    """The snapshot a client fetches after every (re)connect and wake-up."""
    try:
        connection = _current()
        session = db.session.get(WorkshopSession, connection.session_id)
        if session is None:
            raise NotFound("Sessionen findes ikke længere.")
        if connection.role == PARTICIPANTS:
            data = payloads.phone_snapshot(db.session, session, _participant(connection),
                                           current_app.config["MAX_CONTRIBUTION_CHARS"])
        else:
            data = payloads.screen_snapshot(db.session, session)
            data["online"] = registry.online(session.id)
        return {"ok": True, **data}
    except DomainError as error:
        return _error(error, ERROR_CODES.get(type(error).__name__, "error"))


def submission_from_payload(data: Any) -> contributions.Submission:
    """Exactly the shape the HTTP form produces; anything else is refused."""
    if not isinstance(data, dict):
        raise ValidationError("Ugyldigt bidrag.")
    text, side, choices = data.get("text", ""), data.get("side"), data.get("choices") or []
    if not isinstance(text, str) or not isinstance(choices, list) \
            or not all(isinstance(c, int) and not isinstance(c, bool) for c in choices) \
            or not (side is None or (isinstance(side, int) and not isinstance(side, bool))):
        raise ValidationError("Ugyldigt bidrag.")
    return contributions.Submission(client_id=str(data.get("client_id") or ""), text=text,
                                    side=side, choices=choices)


@socketio.on("contribution:submit")
def on_submit(data: Any = None) -> dict[str, Any]:
    try:
        connection = _current()
        if connection.role != PARTICIPANTS:
            raise NotFound("Kun deltagere kan sende bidrag.")
        if not _limiter.hit(current_app.config["SUBMIT_RATE"], request.sid):
            return {"ok": False, "code": "rate_limited",
                    "error": "Du sender meget hurtigt. Vent et øjeblik og prøv igen."}
        participant = _participant(connection)
        activity_id = data.get("activity_id") if isinstance(data, dict) else None
        activity = db.session.get(Activity, activity_id) if isinstance(activity_id, int) else None
        if activity is None:
            raise NotFound("Aktiviteten findes ikke længere.")
        row, created = contributions.submit(
            db.session, participant, activity, submission_from_payload(data),
            max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"])
        return {"ok": True, "duplicate": not created,
                "contribution": payloads.contribution_payload(row, participant)}
    except DomainError as error:
        return _error(error, ERROR_CODES.get(type(error).__name__, "error"))


# --- the bridge: signals after commit -> emits --------------------------------------------------

class Bridge:
    """Turns domain signals into Socket.IO emits; batches tallies and counts."""

    def __init__(self) -> None:
        self.app: Flask | None = None
        self.batches: jobs.Batcher | None = None

    def init_app(self, app: Flask) -> None:
        self.app = app
        self.batches = jobs.Batcher("live pushes", self.flush_batch, interval=FLUSH_INTERVAL,
                                    runtime=background.socket_runtime(app),
                                    context=background.app_context(app))
        signals.contribution_added.connect(self.on_contribution_added, weak=False)
        signals.contribution_changed.connect(self.on_contribution_changed, weak=False)
        signals.activity_changed.connect(self.on_activity_changed, weak=False)
        signals.session_changed.connect(self.on_session_changed, weak=False)
        signals.participant_joined.connect(self.on_participant_joined, weak=False)
        signals.clusters_updated.connect(self.on_clusters_updated, weak=False)

    # signal receivers ---------------------------------------------------------------------------
    def on_contribution_added(self, row: Contribution, *, session_id: int,
                              activity_id: int, **_: Any) -> None:
        if row.activity.kind in TEXT_KINDS:  # a statement appears at once
            payload = payloads.contribution_payload(row, row.participant)
            for target in watchers(session_id):
                socketio.emit("contribution:added", payload, to=target)
        else:
            self.mark_results(session_id, activity_id)

    def on_contribution_changed(self, row: Contribution, *, session_id: int,
                                activity_id: int, **_: Any) -> None:
        payload = {"activity_id": activity_id, "id": row.id, "hidden": row.hidden,
                   "endorsements": len(row.endorsements)}
        for target in watchers(session_id):
            socketio.emit("contribution:changed", payload, to=target)
        if row.activity.kind not in TEXT_KINDS:
            self.mark_results(session_id, activity_id)

    def on_activity_changed(self, activity: Activity, *, session_id: int, **_: Any) -> None:
        session = db.session.get(WorkshopSession, session_id)
        if session is None:
            return
        current = payloads.activity_payload(db.session, session.open_activity,
                                            current_app.config["MAX_CONTRIBUTION_CHARS"])
        payload = {"session_id": session_id, "activity": current}
        for audience in (PARTICIPANTS, SCREEN, FACILITATORS):
            socketio.emit("activity:changed", payload, to=room(session_id, audience))

    def on_session_changed(self, session: WorkshopSession, *, session_id: int, **_: Any) -> None:
        payload = {"session_id": session_id, "state": session.state, "title": session.title}
        for audience in (PARTICIPANTS, SCREEN, FACILITATORS):
            socketio.emit("session:changed", payload, to=room(session_id, audience))

    def on_participant_joined(self, participant: Participant, *, session_id: int,
                              **_: Any) -> None:
        self.mark_counts(session_id)

    def on_clusters_updated(self, activity: Activity, *, session_id: int, activity_id: int,
                            **_: Any) -> None:
        from facilitator.clustering.services import cluster_view

        runner = background.theme_jobs_for(current_app).runner  # CPU work off the event loop
        payload = cluster_view(db.session, activity, runner=runner)
        for target in watchers(session_id):
            socketio.emit("clusters:updated", payload, to=target)

    # batching (facilitator/jobs.py) -------------------------------------------------------------
    def mark_results(self, session_id: int, activity_id: int) -> None:
        if self.batches is not None:
            self.batches.mark(RESULTS, (session_id, activity_id))

    def mark_counts(self, session_id: int) -> None:
        if self.batches is not None:
            self.batches.mark(COUNTS, session_id)

    def flush_batch(self, batch: dict[Hashable, set[Any]]) -> None:
        self.flush(batch.get(RESULTS, set()), batch.get(COUNTS, set()))

    def flush(self, dirty_results: set[tuple[int, int]], dirty_counts: set[int]) -> None:
        for session_id, activity_id in dirty_results:
            activity = db.session.get(Activity, activity_id)
            if activity is None:
                continue
            data = results.activity_results(db.session, activity)
            for target in watchers(session_id):
                socketio.emit("results:updated", data, to=target)
            if activity.results_revealed:
                socketio.emit("results:updated", data, to=room(session_id, PARTICIPANTS))
        for session_id in dirty_counts:
            session = db.session.get(WorkshopSession, session_id)
            if session is None:
                continue
            payload = {"joined": sum(n for _, n in results.participants_by_group(db.session,
                                                                                 session)),
                       "online": registry.online(session_id)}
            for target in watchers(session_id):
                socketio.emit("participants:count", payload, to=target)


bridge = Bridge()


def init_realtime(app: Flask) -> None:
    bridge.init_app(app)
