"""Limits on slow and idle connections for the built-in server (`facilitator serve`, gevent).

gevent's pywsgi waits for ever: a connection that sends half a request, or sends nothing after
its last answer, holds a slot until the server stops. Without nginx in front, these limits are
all that closes them:

- REQUEST_TIMEOUT: from the moment the server waits for a request (a new connection, or a
  kept-alive one after its last answer) until the request line and every header are in. It is
  also the keep-alive idle limit, and it ends a client that trickles its headers byte by byte.
- SOCKET_TIMEOUT: the longest one read or write may stall, for request bodies, answers and
  WebSockets. Socket.IO pings every connected client every 25 seconds and the client answers,
  so a live socket is never silent that long; a long-polling GET waits on the server's side
  (no read), so it is not cut either.
"""

from __future__ import annotations

import time
from typing import Any

from gevent import Timeout, pywsgi


class HeadersTooSlow(ValueError):
    """The headers did not arrive within REQUEST_TIMEOUT (pywsgi answers a ValueError there
    with 400 and closes the connection, without a traceback)."""


class TimedHandler(pywsgi.WSGIHandler):
    """pywsgi's handler with a deadline on each request's head and a timeout on the socket."""

    request_timeout: float = 20.0
    socket_timeout: float = 60.0
    _head_deadline = 0.0

    def handle(self) -> None:
        if self.socket_timeout:
            self.socket.settimeout(self.socket_timeout)  # inherited by a WebSocket's dup()
        super().handle()

    def read_requestline(self) -> str:
        # Waiting for the request line is waiting for the next request: the idle limit too.
        self._head_deadline = time.monotonic() + self.request_timeout
        with self._deadline(TimeoutError("no request within REQUEST_TIMEOUT")):
            return super().read_requestline()

    def read_request(self, raw_requestline: str) -> Any:
        with self._deadline(HeadersTooSlow("headers not complete within REQUEST_TIMEOUT")):
            return super().read_request(raw_requestline)

    def _deadline(self, error: BaseException) -> Timeout:
        """What is left of this request's REQUEST_TIMEOUT, raising `error` when it runs out
        (a socket error while reading the request line makes pywsgi close quietly)."""
        if not self.request_timeout:
            return Timeout(None)
        return Timeout(max(self._head_deadline - time.monotonic(), 0.001), error)


def timed_handler(request_timeout: float, socket_timeout: float) -> type[TimedHandler]:
    """A handler class with these limits (seconds; 0 turns a limit off), for WSGIServer's
    handler_class."""
    return type(
        "TimedHandler",
        (TimedHandler,),
        {"request_timeout": float(request_timeout), "socket_timeout": float(socket_timeout)},
    )
