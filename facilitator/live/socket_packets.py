"""Socket.IO packets whose event can be answered even when its data cannot be read.

Every event promises an acknowledgement (live/events.py `answers`). python-socketio decodes
a packet's JSON before any handler runs, so data nested 10,000 deep (RecursionError) or broken
JSON ended in a logged traceback and no answer: the client waited for ever. Here such data
still reaches its event's handler, as UNREADABLE, and the handler answers "invalid"."""

from __future__ import annotations

import json
import re
from typing import Any

from engineio import json as engineio_json
from socketio import packet

# The event name at the start of an event's data: ["contribution:submit", ...
_EVENT_NAME = re.compile(r'\s*\[\s*("(?:[^"\\]|\\.){0,200}")\s*[,\]]')


class _Unreadable:
    """The stand-in for an event's data that could not be decoded."""

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = _Unreadable()


def _event_name(text: str) -> str | None:
    match = _EVENT_NAME.match(text)
    if match is None:
        return None
    try:
        name = json.loads(match.group(1))
    except ValueError:
        return None
    return name if isinstance(name, str) else None


class AnsweringJSON:
    """python-socketio's json module (engineio's, with its integer guard), except that an
    event's unreadable data becomes [name, UNREADABLE] instead of an exception."""

    dumps = staticmethod(engineio_json.dumps)

    @staticmethod
    def loads(text: str, **kwargs: Any) -> Any:
        try:
            return engineio_json.loads(text, **kwargs)
        except (RecursionError, ValueError):
            name = _event_name(text)
            if name is None:  # not an event (a connect's auth, an ack): nothing to answer
                raise
            return [name, UNREADABLE]


class AnsweringPacket(packet.Packet):
    """Socket.IO's packet with AnsweringJSON; Engine.IO's own packets keep the plain one."""

    json = AnsweringJSON
