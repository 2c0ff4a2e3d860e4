"""The room names of a session's audiences (phones, projector, console) and of a login, and
joining and leaving them. Who is in a room is Socket.IO's; which room hears what is the
bridge's (facilitator/live/bridge.py)."""

from __future__ import annotations

from flask import current_app
from flask_socketio import join_room

from facilitator.activities.models import Activity
from facilitator.extensions import socketio

PARTICIPANTS, SCREEN, FACILITATORS = "participants", "screen", "facilitators"
AUDIENCES = (PARTICIPANTS, SCREEN, FACILITATORS)


def room(session_id: int, audience: str, language: str | None = None) -> str:
    """An audience's room, or the part of it that reads `language`: pushes carrying rendered
    HTML (live/fragments.py) go to each language's part in its words."""
    name = f"session:{session_id}:{audience}"
    return f"{name}:{language}" if language else name


def heard(name: str) -> bool:
    """Whether a push to room `name` may reach anyone, so HTML need not be rendered for an
    empty room. With a message queue, sockets of other workers are not visible here: yes."""
    if current_app.config["MESSAGE_QUEUE"]:
        return True
    return next(socketio.server.manager.get_participants("/", name), None) is not None


def participant_room(participant_id: int) -> str:
    """Every socket of one phone, in any worker: told when the facilitator approves or hides
    what it sent (`own:changed`)."""
    return f"participant:{participant_id}"


def user_room(user_id: int) -> str:
    """Every socket of one logged-in user, in any worker: told when their sessions end."""
    return f"user:{user_id}"


def watchers(session_id: int) -> list[str]:
    """The rooms that see every contribution: projector and console."""
    return [room(session_id, SCREEN), room(session_id, FACILITATORS)]


def room_watchers(session_id: int, activity: Activity) -> list[str]:
    """Who sees an activity's contributions now: the console always, the projector only while
    its results are visible (live results, or revealed)."""
    if activity.results_visible:
        return watchers(session_id)
    return [room(session_id, FACILITATORS)]


def join(session_id: int, audience: str, user_id: int | None, language: str) -> None:
    """The socket being connected joins its audience's room, that room's part in its reader's
    language and, for a login, its user's."""
    join_room(room(session_id, audience))
    join_room(room(session_id, audience, language))
    if user_id is not None:
        join_room(user_room(user_id))


def leave_all(sid: str) -> None:
    """The socket hears nothing more (its login ended); it stays connected to be told why."""
    for name in socketio.server.rooms(sid, namespace="/"):
        socketio.server.leave_room(sid, name, namespace="/")
