"""Load benchmark for the live layer (issue 3). Not a unit test: it prints numbers.

Starts the app exactly as `facilitator serve` runs it, joins N participants over HTTP, connects
them by Socket.IO, submits at a fixed rate and measures submit -> projector latency, the time an
activity switch takes to reach every phone, lost or duplicated rows (counted in the database) and
server RSS. In the same run it measures a bare Flask-SocketIO relay (no database, same async
mode) as the baseline. The last line printed is one JSON object.

`--embedding both` (the default) runs the app twice in the same run: with the embedding worker
on (the default `semantic` backend: every statement is embedded in the worker process while the
room submits) and off (`lexical`: nothing to embed), and prints both against the baseline, plus
how many statements got their vector during the run.

    python benchmarks/live_load.py --participants 2000 --rate 200 --duration 30
    python benchmarks/live_load.py --embedding off     # one app run, as before
    python benchmarks/live_load.py --kind wordcloud    # the check-in: 1-3 words each

`--kind wordcloud` opens the demo's check-in instead of its retningspile: each phone sends a
few words (a new answer replaces its last), and the projector gets the counts batched
(`results:updated`, at most every 250 ms) instead of one `contribution:added` per statement.
An answer is timed from its send to the first push the projector gets after its ack (the push
that counts it, within one batch); the relay baseline stays the statement's echo.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import aiohttp
import socketio

RUN = f"bench-{int(time.time())}"
# A check-in's answers (--kind wordcloud): a few words each, some inflected alike.
CHECK_IN = [
    ["samarbejde", "mod"],
    ["tillid"],
    ["skoven", "håb", "energi"],
    ["skov", "nysgerrig"],
    ["samarbejdet", "retning"],
    ["fællesskab"],
]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


@contextmanager
def server_process(args: list[str], env: dict[str, str], port: int):
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


# --- the bare relay: same async mode, no database, no validation ---------------------------


def run_relay(port: int, async_mode: str) -> None:
    if async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    from flask import Flask
    from flask_socketio import SocketIO, emit, join_room

    app = Flask(__name__)
    relay = SocketIO(app, async_mode=async_mode)

    @relay.on("connect")
    def connect(auth=None):  # noqa: ANN001, ANN202
        join_room("screen" if (auth or {}).get("role") == "screen" else "participants")

    @relay.on("contribution:submit")
    def submit(data):  # noqa: ANN001, ANN202
        emit("contribution:added", data, to="screen")
        return {"ok": True}

    @relay.on("switch")
    def switch(data):  # noqa: ANN001, ANN202
        emit("activity:changed", data, to="participants")

    from facilitator.cli.serve import tune_garbage_collector

    tune_garbage_collector()  # the same runtime policy as `facilitator serve`: a fair baseline
    relay.run(app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, log_output=False)


# --- load generator ----------------------------------------------------------------------------


@dataclass
class Measurements:
    sent: dict[str, float] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    acked: int = 0
    failed_acks: int = 0
    switch_received: list[float] = field(default_factory=list)
    timed_from: float = 0.0  # submissions sent before this are not timed (warm-up)


async def join_over_http(base: str, code: str, n: int, concurrency: int = 32) -> list[str]:
    """Each participant joins through the real form; returns their cookie headers."""
    semaphore = asyncio.Semaphore(concurrency)
    groups = ["politiker", "embedsperson", "brugerorganisation", "andet", ""]

    async def one(i: int) -> str:
        jar = aiohttp.CookieJar(unsafe=True)  # unsafe: accept cookies from 127.0.0.1
        async with semaphore, aiohttp.ClientSession(cookie_jar=jar) as http:
            async with http.get(f"{base}/j/{code}") as response:
                page = await response.text()
            token = CSRF.search(page).group(1)
            async with http.post(
                f"{base}/j/{code}",
                allow_redirects=False,
                data={"csrf_token": token, "group": groups[i % 5]},
            ) as response:
                assert response.status == 302, response.status
            return "; ".join(f"{c.key}={c.value}" for c in http.cookie_jar)

    return await asyncio.gather(*(one(i) for i in range(n)))


async def connect_all(
    base: str, auths: list[dict], headers: list[dict], on_event, batch: int = 100
) -> list[socketio.AsyncClient]:
    clients: list[socketio.AsyncClient] = []

    async def one(auth: dict, header: dict) -> socketio.AsyncClient | None:
        client = socketio.AsyncClient(reconnection=False)
        on_event(client)
        try:
            await client.connect(
                base, auth=auth, headers=header, transports=["websocket"], wait_timeout=30
            )
        except Exception as error:  # noqa: BLE001 (counted, not fatal)
            print(f"  connect failed: {error}", file=sys.stderr)
            return None
        return client

    for start in range(0, len(auths), batch):
        done = await asyncio.gather(
            *(
                one(a, h)
                for a, h in zip(
                    auths[start : start + batch], headers[start : start + batch], strict=True
                )
            )
        )
        clients.extend(c for c in done if c is not None)
    return clients


async def drive(
    base: str,
    phones: list[socketio.AsyncClient],
    screen: socketio.AsyncClient | None,
    activity_id: int,
    rate: float,
    duration: float,
    m: Measurements,
    warmup: float = 0.0,
    *,
    kind: str = "retningspil",
) -> None:
    """Submit at `rate` for `duration` seconds; the first `warmup` seconds are sent and
    counted (lost, duplicated) but not timed: both the app and the relay are measured in
    their steady state. `kind` "wordcloud": words, timed by the batched counts."""
    words = kind == "wordcloud"
    acked: list[float] = []  # a check-in's acked answers (their send times), not yet pushed

    async def added(data):  # noqa: ANN001, ANN202
        sent = m.sent.get(data.get("client_id") or data.get("text", ""))
        if sent is not None and sent >= m.timed_from:
            m.latencies.append((time.perf_counter() - sent) * 1000)

    async def counted(data):  # noqa: ANN001, ANN202
        now = time.perf_counter()
        m.latencies.extend((now - sent) * 1000 for sent in acked if sent >= m.timed_from)
        acked.clear()

    if screen is not None:  # None: the projector listens in another process (scale_out.py)
        screen.on("results:updated" if words else "contribution:added", counted if words else added)

    async def submit(client: socketio.AsyncClient, seq: int) -> None:
        client_id = f"{RUN}-{seq:07d}"
        m.sent[client_id] = time.perf_counter()
        payload: dict = {"activity_id": activity_id, "client_id": client_id}
        if words:
            payload["words"] = CHECK_IN[seq % len(CHECK_IN)]
        else:
            payload["text"] = f"Vi skal måle belastning {client_id}"
        try:
            ack = await client.call("contribution:submit", payload, timeout=30)
            if ack.get("ok"):
                m.acked += 1
                if words:
                    acked.append(m.sent[client_id])
            else:
                m.failed_acks += 1
        except Exception:  # noqa: BLE001
            m.failed_acks += 1

    # The load generator's own collector must not pause it mid-run (its 2,000 clients are
    # many objects): what is alive now is frozen out of collection, in both runs alike.
    gc.collect()
    gc.freeze()
    total = int(rate * duration)
    start = time.perf_counter()
    m.timed_from = start + warmup
    tasks = []
    for seq in range(total):
        target = start + seq / rate
        delay = target - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(submit(phones[seq % len(phones)], seq)))
    await asyncio.gather(*tasks)
    await asyncio.sleep(1.0)  # let the last broadcasts arrive


def watch_switch(m: Measurements):
    def attach(client: socketio.AsyncClient) -> None:
        @client.on("activity:changed")
        async def changed(data):  # noqa: ANN001, ANN202
            m.switch_received.append(time.perf_counter())

    return attach


async def wait_switch(m: Measurements, n: int, t0: float, timeout: float = 15) -> float:
    deadline = time.perf_counter() + timeout
    while len(m.switch_received) < n and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    if len(m.switch_received) < n:
        return float("nan")
    return (max(m.switch_received) - t0) * 1000


async def close_all(clients: list[socketio.AsyncClient]) -> None:
    await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)


# --- the two runs ------------------------------------------------------------------------------

# Every simulated phone comes from 127.0.0.1; the login limits and the session's join budget
# (4,000 phones join in seconds here) are lifted; the per-participant submission limit too.
UNTHROTTLED = {
    f"FACILITATOR_{key}": "1000000/minute"
    for key in ("LOGIN_RATE", "LOGIN_ADDRESS_RATE", "SESSION_JOIN_RATE")
}


def demo_environment(
    instance: Path, base: str, async_mode: str, database_url: str | None, backend: str = "semantic"
) -> tuple[dict[str, str], dict[str, str]]:
    env = {
        **os.environ,
        **UNTHROTTLED,
        "FACILITATOR_INSTANCE_PATH": str(instance),
        "FACILITATOR_ASYNC_MODE": async_mode,
        "FACILITATOR_SUBMIT_RATE": "1000/second",
        "FACILITATOR_CLUSTER_BACKEND": backend,
    }
    if database_url:
        env["FACILITATOR_DATABASE_URL"] = database_url
    cli = [sys.executable, "-m", "facilitator"]
    subprocess.run([*cli, "init-db"], env=env, check=True, capture_output=True)
    out = subprocess.run(
        [*cli, "demo", "--base-url", base], env=env, check=True, capture_output=True, text=True
    ).stdout
    info = {
        key: re.search(pattern, out).group(1)
        for key, pattern in {
            "join": r"Deltag \(QR-mål\):\s+(\S+)",
            "screen": r"Storskærm:\s+(\S+)",
            "console": r"Konsol:\s+(\S+)",
            "email": r"e-mail:\s+(\S+)",
            "password": r"adgangskode:\s+(\S+)",
        }.items()
    }
    return env, info


async def facilitator_http(base: str, info: dict[str, str]) -> tuple[aiohttp.ClientSession, str]:
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with http.get(f"{base}/login") as response:
        token = CSRF.search(await response.text()).group(1)
    async with http.post(
        f"{base}/login",
        allow_redirects=False,
        data={"csrf_token": token, "email": info["email"], "password": info["password"]},
    ) as r:
        assert r.status == 302, "login failed"
    async with http.get(info["console"]) as response:
        console = await response.text()
    return http, console


class _FormFields(HTMLParser):
    """Every form's fields on a page, as the browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._textarea = False
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif not self.forms or not a.get("name") and tag != "option":
            return
        fields = self.forms[-1] if self.forms else []
        if tag == "input" and (a.get("type") not in ("checkbox", "radio") or "checked" in a):
            fields.append((a["name"], a.get("value") or ("y" if a.get("type") else "")))
        elif tag == "textarea":
            self._textarea = True
            fields.append((a["name"], ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            fields.append((self._select, a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        self._textarea = False if tag == "textarea" else self._textarea
        self._select = None if tag == "select" else self._select

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, text = self.forms[-1][-1]
            self.forms[-1][-1] = (name, text + data)


async def set_endorsements(
    http: aiohttp.ClientSession, base: str, activity_id: int, on: bool
) -> None:
    """Tick or untick "Enig" on an activity through its edit form, as a facilitator does."""
    url = f"{base}/facilitate/activities/{activity_id}/edit"
    async with http.get(url) as response:
        parser = _FormFields()
        parser.feed(await response.text())
    form = next(f for f in parser.forms if any(name == "title" for name, _ in f))
    fields = [(k, v) for k, v in form if k != "endorsements"]
    if on:
        fields.append(("endorsements", "y"))
    async with http.post(url, data=fields, allow_redirects=False) as response:
        assert response.status == 302, f"editing the activity failed: {response.status}"


def check_in_id(console: str) -> int:
    """The demo's word cloud check-in, as the console lists it."""
    return int(re.search(r'data-count-text="(\d+)"[^>]*data-kind="wordcloud"', console).group(1))


async def open_on_console(http: aiohttp.ClientSession, base: str, activity_id: int) -> None:
    """ "Åbn" on the console (a plain form post)."""
    async with http.get(f"{base}/login") as response:
        csrf = CSRF.search(await response.text()).group(1)
    async with http.post(
        f"{base}/facilitate/activities/{activity_id}/open",
        data={"csrf_token": csrf},
        allow_redirects=False,
    ) as response:
        assert response.status == 302, f"opening the activity failed: {response.status}"


def activity_ids(console: str) -> list[tuple[int, str]]:
    """(id, action) of the console's open/close buttons, in agenda order."""
    return [
        (int(i), a) for i, a in re.findall(r'/facilitate/activities/(\d+)/(open|close)"', console)
    ]


def count_rows(env: dict[str, str], instance: Path) -> tuple[int, int, int, int]:
    """(distinct client ids, rows, duplicated ids, rows with a stored vector) of this run."""
    query = (
        "SELECT count(DISTINCT client_id), count(*), count(embedding) FROM contributions "
        "WHERE client_id LIKE ?"
    )
    dup = (
        "SELECT count(*) FROM (SELECT client_id FROM contributions WHERE client_id LIKE ? "
        "GROUP BY client_id HAVING count(*) > 1) d"
    )
    url = env.get("FACILITATOR_DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
            distinct, rows, embedded = connection.execute(
                query.replace("?", "%s"), (RUN + "%",)
            ).fetchone()
            dups = connection.execute(dup.replace("?", "%s"), (RUN + "%",)).fetchone()[0]
    else:
        with sqlite3.connect(instance / "facilitator.sqlite3") as connection:
            distinct, rows, embedded = connection.execute(query, (RUN + "%",)).fetchone()
            dups = connection.execute(dup, (RUN + "%",)).fetchone()[0]
    return distinct, rows, dups, embedded


async def app_run(args: argparse.Namespace, embedding: bool = True) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        env, info = demo_environment(
            instance,
            base,
            args.async_mode,
            args.database_url,
            "semantic" if embedding else "lexical",
        )
        serve = [sys.executable, "-m", "facilitator", "serve", "--port", str(port)]
        with server_process(serve, env, port) as server:
            code = info["join"].rsplit("/", 1)[1]
            session_id = int(re.search(r"/screen/(\d+)", info["screen"]).group(1))
            token = info["screen"].split("t=", 1)[1]
            t = time.perf_counter()
            cookies = await join_over_http(base, code, args.participants)
            join_s = time.perf_counter() - t
            m = Measurements()
            t = time.perf_counter()
            phones = await connect_all(
                base,
                [{"role": "participant", "code": code}] * len(cookies),
                [{"Cookie": c} for c in cookies],
                watch_switch(m),
            )
            connect_s = time.perf_counter() - t
            screen = socketio.AsyncClient(reconnection=False)
            await screen.connect(
                base,
                auth={"role": "screen", "session_id": session_id, "token": token},
                transports=["websocket"],
            )
            http, console = await facilitator_http(base, info)
            ids = activity_ids(console)
            if args.kind == "wordcloud":
                open_id = check_in_id(console)
                await open_on_console(http, base, open_id)
            else:
                open_id = next(i for i, action in ids if action == "close")
                await set_endorsements(http, base, open_id, args.endorsements == "on")
            peak = rss_mb(server.pid)
            await drive(
                base,
                phones,
                screen,
                open_id,
                args.rate,
                args.duration,
                m,
                args.warmup,
                kind=args.kind,
            )
            peak = max(peak, rss_mb(server.pid))
            _, _, _, embedded_during = count_rows(env, instance)
            next_id = next(i for i, action in ids if action == "open" and i != open_id)
            m.switch_received.clear()
            async with http.get(f"{base}/login") as response:
                csrf = CSRF.search(await response.text()).group(1)
            t0 = time.perf_counter()
            async with http.post(
                f"{base}/facilitate/activities/{next_id}/open",
                data={"csrf_token": csrf},
                allow_redirects=False,
            ) as response:
                assert response.status == 302
            switch_ms = await wait_switch(m, len(phones), t0)
            peak = max(peak, rss_mb(server.pid))
            await http.close()
            await close_all([*phones, screen])
        distinct, rows, dups, _ = count_rows(env, instance)
    sent = len(m.sent)
    return {
        "embedding": "on" if embedding else "off",
        "embedded_during_run": embedded_during,
        "participants": args.participants,
        "connected": len(phones),
        "join_s": join_s,
        "connect_s": connect_s,
        "sent": sent,
        "acked": m.acked,
        "failed": m.failed_acks,
        "received": len(m.latencies),
        "p50_ms": percentile(m.latencies, 50),
        "p95_ms": percentile(m.latencies, 95),
        "p99_ms": percentile(m.latencies, 99),
        "switch_all_ms": switch_ms,
        "switch_reached": len(m.switch_received),
        "lost": sent - distinct,
        "duplicated": rows - distinct,
        "duplicated_ids": dups,
        "rss_mb": peak,
    }


async def relay_run(args: argparse.Namespace) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        __file__,
        "--relay-server",
        str(port),
        "--async-mode",
        args.async_mode,
    ]
    with server_process(command, dict(os.environ), port) as server:
        m = Measurements()
        phones = await connect_all(
            base,
            [{"role": "participant"}] * args.participants,
            [{}] * args.participants,
            watch_switch(m),
        )
        screen = socketio.AsyncClient(reconnection=False)
        await screen.connect(base, auth={"role": "screen"}, transports=["websocket"])
        await drive(base, phones, screen, 0, args.rate, args.duration, m, args.warmup)
        m.switch_received.clear()
        t0 = time.perf_counter()
        await screen.emit("switch", {"activity": 1})
        switch_ms = await wait_switch(m, len(phones), t0)
        rss = rss_mb(server.pid)
        await close_all([*phones, screen])
    return {
        "connected": len(phones),
        "p50_ms": percentile(m.latencies, 50),
        "p99_ms": percentile(m.latencies, 99),
        "switch_all_ms": switch_ms,
        "rss_mb": rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--rate", type=float, default=50, help="submissions per second")
    parser.add_argument("--duration", type=float, default=10, help="seconds of submitting")
    parser.add_argument("--async-mode", default="gevent", choices=["gevent", "threading"])
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp folder")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument(
        "--embedding",
        default="both",
        choices=["on", "off", "both"],
        help="embedding worker on (semantic), off (lexical) or both runs",
    )
    parser.add_argument(
        "--endorsements",
        default="off",
        choices=["on", "off"],
        help="'Enig' on the open retningspil: every statement then also goes "
        "to every phone (batched once a second)",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=2.0,
        help="seconds at the start that are sent but not timed (both runs)",
    )
    parser.add_argument(
        "--kind",
        default="retningspil",
        choices=["retningspil", "wordcloud"],
        help="what the room sends: statements to the open retningspil, or words to the "
        "demo's check-in (counts batched to the projector)",
    )
    parser.add_argument("--relay-server", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.relay_server:
        run_relay(args.relay_server, args.async_mode)
        return
    print(
        f"facilitator live load: {args.participants} participants, {args.rate}/s for "
        f"{args.duration}s, async_mode={args.async_mode}, embedding={args.embedding}, "
        f"endorsements={args.endorsements}, kind={args.kind}",
        flush=True,
    )
    modes = {"on": [True], "off": [False], "both": [True, False]}[args.embedding]
    runs = {}
    for embedding in modes:
        name = "app+emb" if embedding else "app"
        runs[name] = asyncio.run(app_run(args, embedding))
        for key, value in runs[name].items():
            print(
                f"  {name:<7} {key:>19}: {value:.1f}"
                if isinstance(value, float)
                else f"  {name:<7} {key:>19}: {value}",
                flush=True,
            )
    first = runs["app+emb"] if "app+emb" in runs else runs["app"]
    result = {
        **first,
        "rate": args.rate,
        "duration": args.duration,
        "warmup": args.warmup,
        "async_mode": args.async_mode,
        "endorsements": args.endorsements,
        "kind": args.kind,
    }
    if "app+emb" in runs and "app" in runs:
        result.update(
            {
                f"no_embedding_{k}": runs["app"][k]
                for k in ("p50_ms", "p95_ms", "p99_ms", "switch_all_ms", "lost", "rss_mb")
            }
        )
        result["p99_ratio_embedding_vs_off"] = (
            runs["app+emb"]["p99_ms"] / runs["app"]["p99_ms"] if runs["app"]["p99_ms"] else None
        )
    if not args.skip_baseline:
        relay = asyncio.run(relay_run(args))
        for key, value in relay.items():
            print(
                f"  relay   {key:>19}: {value:.1f}"
                if isinstance(value, float)
                else f"  relay   {key:>19}: {value}"
            )
        result.update(
            {
                "baseline_p50_ms": relay["p50_ms"],
                "baseline_p99_ms": relay["p99_ms"],
                "baseline_switch_all_ms": relay["switch_all_ms"],
            }
        )
        for name, run in runs.items():
            suffix = "" if run is first else "_no_embedding"
            p99 = run["p99_ms"] / relay["p99_ms"] if relay["p99_ms"] else None
            switch = (
                run["switch_all_ms"] / relay["switch_all_ms"] if relay["switch_all_ms"] else None
            )
            result[f"p99_ratio{suffix}"], result[f"switch_ratio{suffix}"] = p99, switch
            print(f"  ratio   {name:<7} p99 app/relay: {p99:.2f}   switch app/relay: {switch:.2f}")
    if "p99_ratio_embedding_vs_off" in result:
        print(f"  ratio   p99 embedding on/off: {result['p99_ratio_embedding_vs_off']:.2f}")
    print(json.dumps({k: (round(v, 2) if isinstance(v, float) else v) for k, v in result.items()}))


if __name__ == "__main__":
    main()
