"""`facilitator serve --workers N`: N single-worker servers on consecutive ports, kept running.

Each worker is a plain `python -m facilitator serve` child, so entry.py patches it for gevent
as it would a single server; the workers share Socket.IO rooms through Redis
(FACILITATOR_MESSAGE_QUEUE) and their data through one PostgreSQL database, and nginx spreads
the phones over them (deploy/nginx/facilitator.conf). This module knows nothing of Flask:
cli.py reads the configuration and hands it the values it checks.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType

from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext

WORKER_ID_ENV = "FACILITATOR_WORKER_ID"  # tells the workers apart (facilitator/live/presence.py)
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
RESTART_WINDOW_S = 60.0  # deaths within this long count against a worker ...
MAX_QUICK_DEATHS = 5  # ... and this many of them retire it: a crash loop helps no phone
MAX_RESTART_DELAY_S = 10.0
STOP_GRACE_S = 10.0  # after SIGTERM, the time a worker gets before it is killed
POLL_S = 0.2


def scale_out_problems(workers: int, message_queue: str | None, database_url: str) -> list[str]:
    """Why `workers` processes cannot run with this configuration (empty: they can).

    Without a shared message queue a phone on one worker never hears the console on another;
    SQLite is one file that several servers would lock each other out of.
    """
    from sqlalchemy.engine import make_url

    if workers <= 1:
        return []
    problems = []
    if not (message_queue or "").startswith(REDIS_SCHEMES):
        problems.append(
            _(
                "--workers %(n)s kræver, at FACILITATOR_MESSAGE_QUEUE peger på Redis (fx "
                "redis://127.0.0.1:6379/0), så arbejderne deler deltagernes rum.",
                n=workers,
            )
        )
    if make_url(database_url).get_backend_name() == "sqlite":
        problems.append(
            _(
                "--workers %(n)s kræver en fælles PostgreSQL-database i FACILITATOR_DATABASE_URL "
                "(fx postgresql://facilitator@127.0.0.1/facilitator); SQLite kan ikke deles af "
                "flere serverprocesser.",
                n=workers,
            )
        )
    return problems


def restart_delay(recent_deaths: int) -> float | None:
    """Seconds to wait before restarting a worker that has died `recent_deaths` times within
    RESTART_WINDOW_S (this death included), or None: it keeps dying, so give up on it."""
    if recent_deaths >= MAX_QUICK_DEATHS:
        return None
    return min(2.0 ** (recent_deaths - 1), MAX_RESTART_DELAY_S)  # 1, 2, 4, 8 s


def worker_command(host: str, port: int) -> list[str]:
    """One ordinary single-worker server, started as the console script would start it."""
    return [sys.executable, "-m", "facilitator", "serve", "--host", host, "--port", str(port)]


@dataclass
class Worker:
    """One port's server, across its restarts."""

    index: int
    port: int
    process: subprocess.Popen[bytes] | None = None
    deaths: deque[float] = field(default_factory=deque)
    restart_at: float | None = None  # set while it waits to be started again
    retired: bool = False  # died too often: not started again


class Supervisor:
    """Starts the workers, restarts one that dies, and stops them all on SIGTERM or SIGINT."""

    def __init__(
        self, host: str, first_port: int, workers: int, echo: Callable[[str], None] = print
    ) -> None:
        self.host = host
        self.workers = [Worker(index, first_port + index) for index in range(workers)]
        self.echo = echo
        self._stop_signal: int | None = None

    def run(self) -> int:
        """Serve until asked to stop (exit status 0) or until no worker is left (1)."""
        stop_signals = (signal.SIGTERM, signal.SIGINT)
        # Installed before the first child starts: a stop during start-up still stops them all.
        previous = {number: signal.signal(number, self._request_stop) for number in stop_signals}
        try:
            for worker in self.workers:
                self._start(worker)
            first, last = self.workers[0].port, self.workers[-1].port
            self.echo(
                _(
                    "Sæt nginx foran arbejderne (deploy/nginx/facilitator.conf med "
                    "arbejderne %(host)s:%(first)s-%(last)s) og sæt "
                    "FACILITATOR_TRUSTED_PROXIES=1.",
                    host=self.host,
                    first=first,
                    last=last,
                )
            )
            while self._stop_signal is None:
                now = time.monotonic()
                for worker in self.workers:
                    self._look_after(worker, now)
                if all(worker.retired for worker in self.workers):
                    self.echo(_("Ingen arbejdere tilbage: stopper."))
                    return 1
                time.sleep(POLL_S)
            self._stop_all(self._stop_signal)
            return 0
        finally:
            self._stop_all(signal.SIGTERM)  # an error above must not leave servers behind
            for number, handler in previous.items():
                signal.signal(number, handler)

    def _request_stop(self, number: int, frame: FrameType | None) -> None:
        self._stop_signal = number

    def _start(self, worker: Worker) -> None:
        env = {**os.environ, WORKER_ID_ENV: str(worker.index)}
        worker.process = subprocess.Popen(worker_command(self.host, worker.port), env=env)
        self.echo(
            _(
                "Arbejder %(id)s: port %(port)s, pid %(pid)s",
                id=worker.index,
                port=worker.port,
                pid=worker.process.pid,
            )
        )

    def _look_after(self, worker: Worker, now: float) -> None:
        if worker.process is not None:
            code = worker.process.poll()
            if code is not None:
                worker.process = None
                self._died(worker, code, now)
        elif worker.restart_at is not None and now >= worker.restart_at:
            worker.restart_at = None
            self._start(worker)

    def _died(self, worker: Worker, code: int, now: float) -> None:
        worker.deaths.append(now)
        while now - worker.deaths[0] > RESTART_WINDOW_S:
            worker.deaths.popleft()
        delay = restart_delay(len(worker.deaths))
        if delay is None:
            worker.retired = True
            self.echo(
                _(
                    "Arbejder %(id)s (port %(port)s) er stoppet %(n)s gange inden for "
                    "%(s)s s og startes ikke igen.",
                    id=worker.index,
                    port=worker.port,
                    n=len(worker.deaths),
                    s=int(RESTART_WINDOW_S),
                )
            )
            return
        worker.restart_at = now + delay
        self.echo(
            _(
                "Arbejder %(id)s (port %(port)s) stoppede uventet (kode %(code)s); "
                "starter den igen om %(s)s s.",
                id=worker.index,
                port=worker.port,
                code=code,
                s=int(delay),
            )
        )

    def _stop_all(self, number: int) -> None:
        """Pass the stop signal on, wait up to STOP_GRACE_S, then kill what is left."""
        running = [
            (worker, worker.process) for worker in self.workers if worker.process is not None
        ]
        if not running:
            return
        self.echo(
            ngettext("Stopper %(num)s arbejder …", "Stopper %(num)s arbejdere …", len(running))
        )
        for _worker, process in running:
            process.send_signal(number)
        deadline = time.monotonic() + STOP_GRACE_S
        while time.monotonic() < deadline and any(p.poll() is None for _w, p in running):
            time.sleep(POLL_S)
        for worker, process in running:
            if process.poll() is None:
                self.echo(
                    _(
                        "Arbejder %(id)s stoppede ikke inden for %(s)s s og dræbes.",
                        id=worker.index,
                        s=int(STOP_GRACE_S),
                    )
                )
                process.kill()
                process.wait()
            worker.process = None
