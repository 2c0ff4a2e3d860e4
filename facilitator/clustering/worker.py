"""A separate process for the CPU work of themes: embedding statements and clustering them.

The server hands it `(function, args, kwargs)` and gets the result back, so the e5 model, numpy,
scikit-learn, joblib and threadpoolctl all run in a plain Python process: the web server's GIL
and event loop never wait on them (under gevent, joblib in a native thread of the server even
tries to fork `lscpu` from a thread gevent cannot watch, and warns at every grouping).

Protocol: length-prefixed pickles over the child's stdin/stdout; one call at a time. Only
module-level functions can be sent (they travel by name). The child exits when its stdin closes,
so it never outlives the server. If it dies, the next call starts a fresh one (and retries once).

    python -m facilitator.clustering.worker        # what `WorkerProcess` runs
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any, BinaryIO, cast

log = logging.getLogger(__name__)

HEADER = struct.Struct("!Q")
NICE = 19  # the room comes first: the worker only gets CPU the server leaves idle
# Threads for the worker's native libraries (e5, OpenMP in scikit-learn): leave the server a core.
THREADS = max(1, (os.cpu_count() or 2) // 2)


class WorkerCrashed(RuntimeError):
    """The worker process ended in the middle of a call."""


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            raise EOFError("worker pipe closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _send(stream: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: BinaryIO) -> Any:
    (size,) = HEADER.unpack(_read_exactly(stream, HEADER.size))
    return pickle.loads(_read_exactly(stream, size))  # noqa: S301 - our own child process


def _portable(error: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a RuntimeError with its text."""
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301
        return error
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """The child's loop: call, reply, until the parent closes the pipe."""
    while True:
        try:
            fn, args, kwargs = _receive(requests)
        except EOFError:
            return
        try:
            reply = ("ok", fn(*args, **kwargs))
        except Exception as error:
            reply = ("error", _portable(error))
        try:
            _send(replies, reply)
        except BrokenPipeError:  # the parent exited mid-call (e.g. a CLI command ended): done
            return


def main() -> None:
    with contextlib.suppress(OSError):
        os.nice(NICE)
    logging.basicConfig(level=logging.WARNING, format="facilitator worker: %(message)s")
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol
    import facilitator.clustering.engine  # noqa: F401  (pay the imports before the first call)

    serve(requests, replies)


def ping() -> str:
    return "pong"


def pid() -> int:
    return os.getpid()


class WorkerProcess:
    """The parent's handle: `call(fn, *args, **kwargs)` runs `fn` in the child process.

    Works under gevent (the patched `subprocess` makes the pipe reads cooperative) and with
    threads. Calls are serialised; the child is started on first use and restarted if it died.
    """

    def __init__(self, *, env: dict[str, str] | None = None, threads: int = THREADS) -> None:
        self._env = env
        self._threads = threads
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self.starts = 0

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ if self._env is None else self._env)
        env.setdefault("OMP_NUM_THREADS", str(self._threads))
        env.setdefault("LOKY_MAX_CPU_COUNT", str(self._threads))
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        return env

    def _start(self) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-m", "facilitator.clustering.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=self._environment(),
            close_fds=True,
        )
        self.starts += 1
        return process

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            for attempt in (1, 2):
                if not self.alive:
                    if self._process is not None:
                        log.warning(
                            "clustering worker exited (code %s); restarting",
                            self._process.returncode,
                        )
                    self._process = self._start()
                process = cast(subprocess.Popen, self._process)  # started above when it was not
                try:
                    _send(cast(BinaryIO, process.stdin), (fn, args, kwargs))
                    status, value = _receive(cast(BinaryIO, process.stdout))
                except (EOFError, BrokenPipeError, OSError) as error:
                    self._kill()
                    if attempt == 2:
                        raise WorkerCrashed(f"the clustering worker stopped: {error}") from None
                    continue
                if status == "error":
                    raise value
                return value
        raise AssertionError("unreachable")

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def close(self) -> None:
        """Ask the child to exit (closing its stdin), then reap it. Does not wait for a call
        in flight (at interpreter exit a background call may still hold the lock)."""
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()


if __name__ == "__main__":
    main()
