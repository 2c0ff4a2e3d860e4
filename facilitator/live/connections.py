"""Who is behind each socket: the handshake (origin, role, identity: no before_request runs for
socket events), the registry of this process's sockets, the presence hooks (phones online, over
every worker) and the checks every later event repeats (still registered, login still valid)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
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
from facilitator.contributions import participants as contributions
from facilitator.contributions.models import Participant
from facilitator.core.errors import DomainError, Forbidden, NotFound
from facilitator.core.i18n import N_, set_locale
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db, socketio
from facilitator.live import background, presence, rooms
from facilitator.live.rooms import PARTICIPANTS, SCREEN
from facilitator.sessions import services as sessions
from facilitator.sessions.models import WorkshopSession
from facilitator.web.auth import max_session_age
from facilitator.web.language import request_language
from facilitator.web.participate.join import cookie_name

LOGGED_OUT = N_("Du er logget ud. Log ind igen.")  # translated where it is sent
SERVER_ERROR = N_("Der skete en fejl på serveren. Prøv igen om lidt.")  # translated where sent
log = logging.getLogger(__name__)

CountsChanged = Callable[[set[int]], None]  # the sessions whose phones online changed


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


class ConnectionRegistry:
    """Who is behind each socket id in this process; how many phones are online, in every
    process, is `presence`'s (facilitator/live/presence.py: shared through Redis when several).
    A phone's socket coming or going calls `on_change` (the bridge pushes the counts)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_sid: dict[str, Connection] = {}
        self.presence: presence.Presence = presence.LocalPresence()
        self._of_participant: dict[int, list[str]] = {}  # their socket ids, oldest first
        self.on_change: CountsChanged = lambda session_ids: None

    def add(self, sid: str, connection: Connection) -> None:
        with self._lock:
            self._by_sid[sid] = connection
            if connection.role == PARTICIPANTS and connection.participant_id is not None:
                self.presence.connected(connection.session_id)
                self._of_participant.setdefault(connection.participant_id, []).append(sid)

    def remove(self, sid: str) -> Connection | None:
        with self._lock:
            connection = self._by_sid.pop(sid, None)
            if (
                connection is not None
                and connection.role == PARTICIPANTS
                and connection.participant_id is not None
            ):
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
            return sids[: max(len(sids) - keep, 0)]

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def of_user(self, user_id: int) -> list[str]:
        """The user's socket ids in this process (a scan: only run when sessions end)."""
        with self._lock:
            return [sid for sid, c in self._by_sid.items() if c.user_id == user_id]

    def link_screens(self, session_id: int) -> list[str]:
        """Projector sockets of this session opened with the secret link, not a login."""
        with self._lock:
            return [
                sid
                for sid, c in self._by_sid.items()
                if c.role == SCREEN and c.session_id == session_id and c.user_id is None
            ]

    def online(self, session_id: int) -> int:
        """Phones connected to the session, over every worker."""
        return self.presence.online(session_id)

    def use(self, counter: presence.Presence) -> None:
        """Count phones with `counter` from now on (init_connections); the old one stops."""
        old, self.presence = self.presence, counter
        old.close()


registry = ConnectionRegistry()


def init_connections(app: Flask, on_change: CountsChanged) -> None:
    """Phones online over every worker; `on_change` hears of a count that changed, here (a
    phone's socket came or went) or in another worker (presence)."""
    registry.on_change = on_change
    registry.use(
        presence.presence_for(
            app.config["MESSAGE_QUEUE"],
            ttl=app.config["PRESENCE_TTL"],
            runtime=background.socket_runtime(app),
            on_change=on_change,
        )
    )


# --- connect: identity is checked here because no before_request runs for socket events ----


def _participant_connection(auth: dict) -> Connection:
    # A closed session still takes its own participants' sockets, read-only (the domain refuses
    # what they send): when it is opened again every phone hears it at once, without a reload
    # and without a room of phones knocking to get back in. Only a cookie of this session gets
    # one, so nobody learns a code from it.
    session = sessions.find_by_join_code(
        db.session, str(auth.get("code", "")), states=("live", "closed")
    )
    participant = contributions.participant_for_token(
        db.session, session, request.cookies.get(cookie_name(session))
    )
    if participant is None:  # the same answer as an unknown code: the socket tells no codes
        raise NotFound(_(sessions.CODE_NOT_OPEN))
    return Connection(PARTICIPANTS, session.id, participant.id)


def _session_id(auth: dict) -> int:
    try:
        return int(auth.get("session_id", ""))
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
    return Connection(
        rooms.FACILITATORS, session_id, user_id=current_user.id, user_token=_login_token()
    )


CONNECTORS = {
    "participant": _participant_connection,
    "screen": _screen_connection,
    "facilitator": _facilitator_connection,
}


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
    registry.add(request.sid, connection)  # type: ignore[attr-defined]  # set by Flask-SocketIO
    rooms.join(connection.session_id, connection.role, connection.user_id, connection.language)
    if connection.role == PARTICIPANTS and connection.participant_id is not None:
        join_room(rooms.participant_room(connection.participant_id))
        _close_stale_sockets(connection.participant_id)
        registry.on_change({connection.session_id})


def _close_stale_sockets(participant_id: int) -> None:
    """Past MAX_SOCKETS_PER_PARTICIPANT the oldest sockets go, not the new one: a phone back
    from lost Wi-Fi must never be locked out by its own half-dead sockets."""
    for sid in registry.surplus(participant_id, current_app.config["MAX_SOCKETS_PER_PARTICIPANT"]):
        socketio.server.disconnect(sid, namespace="/")


@socketio.on("disconnect")
def on_disconnect(*_: Any) -> None:
    connection = registry.remove(request.sid)  # type: ignore[attr-defined]
    if connection is not None and connection.role == PARTICIPANTS:
        registry.on_change({connection.session_id})


# --- every later event: still this socket's person ------------------------------------------


def current(sid: str) -> Connection:
    """The connection behind `sid`, its login checked again; NotFound/Forbidden otherwise."""
    connection = registry.get(sid)
    if connection is None:
        raise NotFound(_("Forbindelsen er ikke tilmeldt. Genindlæs siden."))
    if connection.user_token is not None:
        _check_login(sid, connection)
    return connection


def _check_login(sid: str, connection: Connection) -> None:
    """A login socket works only while its login does: logged out, deactivated, a new
    password (maybe in another worker) or past the session limit, and it hears nothing more."""
    user = accounts.user_for_token(
        db.session, connection.user_token, max_age=max_session_age(current_app)
    )
    if user is not None:
        return
    rooms.leave_all(sid)
    registry.remove(sid)
    raise Forbidden(_(LOGGED_OUT))


def participant(participant_id: int | None) -> Participant:
    """A phone's participant row; gone when the facilitator removed them."""
    row = db.session.get(Participant, participant_id)
    if row is None:
        raise NotFound(_("Du er ikke tilmeldt sessionen længere."))
    return row
