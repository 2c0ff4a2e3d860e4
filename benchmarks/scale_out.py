"""Scale-out benchmark (issue 13): K workers on PostgreSQL + Redis, phones from G processes.

Not a unit test: it prints numbers. K `facilitator serve` workers share one PostgreSQL database
and one Redis message queue (`facilitator serve --workers K`: K single-worker servers on
consecutive ports under facilitator/cli/supervisor.py). N phones join through the real form on
their own worker, round-robin over the workers, and G load-generator processes (each owning N/G
phones) submit rate/G per second on a schedule. The projector (screen link) is
on worker 0, so every submission made on another worker crosses Redis. Everything else is
measured as in live_load.py, whose functions this script reuses: submit -> projector latency
(send and receive times from CLOCK_MONOTONIC, which all processes on the machine share), the
time an activity switch opened on worker 0 takes to reach every phone on every worker,
lost/duplicated rows counted in the database, each worker's RSS, and live_load's bare relay
(one process) with the same N and rate as the baseline. The last line printed is one JSON object.

    python benchmarks/scale_out.py --workers 2 --participants 2000 --rate 200 --duration 30
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import multiprocessing
import os
import queue
import re
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/ is not a package

import live_load as ll  # noqa: E402
import socketio  # noqa: E402

ADMIN_DATABASE = "postgresql://postgres@127.0.0.1:5432/postgres"
SERVE = [sys.executable, "-m", "facilitator", "serve"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (K)")
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=200, help="submissions per second, in all")
    parser.add_argument("--duration", type=float, default=30, help="seconds of submitting")
    parser.add_argument(
        "--generators",
        type=int,
        default=min(4, os.cpu_count() or 1),
        help="load-generator processes (G)",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="default: a fresh database on postgresql://postgres@127.0.0.1:5432, "
        "dropped after the run",
    )
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/13",
        help="message queue and rate-limit storage; FLUSHDB before the run",
    )
    parser.add_argument("--async-mode", default="gevent", choices=["gevent", "threading"])
    parser.add_argument(
        "--embedding",
        default="on",
        choices=["on", "off"],
        help="embedding worker on (semantic) or off (lexical)",
    )
    parser.add_argument(
        "--endorsements",
        default="off",
        choices=["on", "off"],
        help="'Enig' on the open retningspil: every statement then also goes "
        "to every phone (batched once a second)",
    )
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument(
        "--warmup",
        type=float,
        default=2.0,
        help="seconds at the start that are sent but not timed (as live_load)",
    )
    return parser


# --- services: a fresh database, an empty Redis, K workers -------------------------------------


@contextmanager
def fresh_database(url: str | None) -> Iterator[str]:
    """The given database, or a new one on the local server that is dropped afterwards."""
    if url:
        yield url
        return
    import psycopg

    name = f"bench_scale_{ll.RUN.replace('-', '_')}_{os.getpid()}"
    with psycopg.connect(ADMIN_DATABASE, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN_DATABASE.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(ADMIN_DATABASE, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()  # no rate-limit counters or queue left from earlier runs


def consecutive_ports(k: int, tries: int = 50) -> int:
    """A port P with P..P+k-1 all free (the supervisor's layout)."""
    for _ in range(tries):
        port = ll.free_port()
        with ExitStack() as stack:
            try:
                for i in range(k):
                    probe = stack.enter_context(socket.socket())
                    probe.bind(("127.0.0.1", port + i))
            except OSError:
                continue
        return port
    raise SystemExit(f"no {k} consecutive free ports")


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


@contextmanager
def worker_pool(k: int, port: int, env: dict[str, str]) -> Iterator[Callable[[], list[int]]]:
    """`facilitator serve --workers K` on port..port+k-1; yields a function that gives the
    workers' pids, read when called (the supervisor restarts a worker that dies)."""
    command = [*SERVE, "--workers", str(k), "--port", str(port)]
    with ll.server_process(command, env, port) as supervisor:
        for i in range(1, k):
            ll.wait_for_port(port + i, supervisor)
        # One worker is served by that process itself (its child is the embedding worker).
        yield (lambda: [supervisor.pid]) if k == 1 else (lambda: children(supervisor.pid))


def rss_peaks(peaks: list[float], pids: list[int]) -> list[float]:
    now = [ll.rss_mb(pid) for pid in pids]
    return [max(a, b) for a, b in itertools.zip_longest(peaks, now, fillvalue=0.0)]


# --- load-generator processes ------------------------------------------------------------------


@dataclass
class Plan:
    """What one generator process does: its phones (global indices) and its share of the rate."""

    index: int
    run: str
    bases: list[str]
    code: str
    phones: list[int]
    rate: float
    duration: float
    concurrency: int
    batch: int
    warmup: float


def generator_main(plan: Plan, inbox: multiprocessing.Queue, outbox: multiprocessing.Queue) -> None:
    asyncio.run(generate(plan, inbox, outbox))


async def generate(plan: Plan, inbox: multiprocessing.Queue, outbox: multiprocessing.Queue) -> None:
    # live_load names client ids after RUN: this generator's label extends the parent's, so
    # ids never collide across generators and the parent's count_rows (LIKE RUN%) finds all.
    ll.RUN = f"{plan.run}-g{plan.index}"
    loop = asyncio.get_running_loop()

    async def wait_for_parent():  # noqa: ANN202
        return await loop.run_in_executor(None, inbox.get)

    k = len(plan.bases)
    mine = [[i for i in plan.phones if i % k == worker] for worker in range(k)]
    m = ll.Measurements()
    outbox.put(("ready", plan.index))
    await wait_for_parent()
    cookies = await asyncio.gather(
        *(
            ll.join_over_http(base, plan.code, len(phones), plan.concurrency)
            for base, phones in zip(plan.bases, mine, strict=True)
        )
    )
    outbox.put(("joined", plan.index))
    await wait_for_parent()
    auth = {"role": "participant", "code": plan.code}
    per_worker = await asyncio.gather(
        *(
            ll.connect_all(
                base,
                [auth] * len(jar),
                [{"Cookie": c} for c in jar],
                ll.watch_switch(m),
                plan.batch,
            )
            for base, jar in zip(plan.bases, cookies, strict=True)
        )
    )
    # Interleaved again, so consecutive submissions go to different workers.
    phones = [c for group in itertools.zip_longest(*per_worker) for c in group if c is not None]
    outbox.put(("connected", plan.index, len(phones)))
    activity_id = await wait_for_parent()
    await ll.drive("", phones, None, activity_id, plan.rate, plan.duration, m, plan.warmup)
    m.switch_received.clear()
    outbox.put(("driven", plan.index, m.sent, m.acked, m.failed_acks, m.timed_from))
    t0 = await wait_for_parent()
    switch_ms = await ll.wait_switch(m, len(phones), t0)
    outbox.put(("switched", plan.index, switch_ms, len(m.switch_received)))
    await ll.close_all(phones)


class Generators:
    """G spawned generator processes; the parent steps them through the run in lockstep."""

    def __init__(self, plans: list[Plan]) -> None:
        context = multiprocessing.get_context("spawn")
        self.outbox = context.Queue()
        self.inboxes = [context.Queue() for _ in plans]
        self.processes = [
            context.Process(target=generator_main, args=(plan, inbox, self.outbox), daemon=True)
            for plan, inbox in zip(plans, self.inboxes, strict=True)
        ]

    def __enter__(self) -> Generators:
        for process in self.processes:
            process.start()
        return self

    def __exit__(self, *_: object) -> None:
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()

    def tell(self, message: object) -> None:
        for inbox in self.inboxes:
            inbox.put(message)

    async def collect(self, kind: str) -> list[tuple]:
        """One report of this kind from every generator (ordered by generator index)."""
        loop = asyncio.get_running_loop()
        reports: dict[int, tuple] = {}
        while len(reports) < len(self.processes):
            try:
                report = await loop.run_in_executor(None, self.outbox.get, True, 1.0)
            except queue.Empty:
                failed = [p.exitcode for p in self.processes if p.exitcode not in (None, 0)]
                if failed:
                    raise SystemExit(f"a load generator failed (exit codes {failed})") from None
                continue
            assert report[0] == kind, (report[0], kind)
            reports[report[1]] = report[2:]
        return [reports[i] for i in sorted(reports)]


def plans(args: argparse.Namespace, bases: list[str], code: str) -> list[Plan]:
    g, n = args.generators, args.participants
    # Contiguous blocks, so every generator has phones on every worker (i % K) whatever G is;
    # the join/connect concurrency of live_load is shared out, not multiplied.
    return [
        Plan(
            index,
            ll.RUN,
            bases,
            code,
            list(range(index * n // g, (index + 1) * n // g)),
            args.rate / g,
            args.duration,
            max(1, 32 // (g * len(bases))),
            max(10, 100 // (g * len(bases))),
            args.warmup,
        )
        for index in range(g)
    ]


# --- the run -----------------------------------------------------------------------------------


async def app_run(args: argparse.Namespace) -> dict:
    k = args.workers
    port = consecutive_ports(k)
    bases = [f"http://127.0.0.1:{port + i}" for i in range(k)]
    backend = "semantic" if args.embedding == "on" else "lexical"
    flush_redis(args.redis_url)
    with tempfile.TemporaryDirectory() as folder, fresh_database(args.database_url) as url:
        instance = Path(folder)  # shared by all workers: one secret key signs every cookie
        env, info = ll.demo_environment(instance, bases[0], args.async_mode, url, backend)
        env["FACILITATOR_MESSAGE_QUEUE"] = args.redis_url
        code = info["join"].rsplit("/", 1)[1]
        session_id = int(re.search(r"/screen/(\d+)", info["screen"]).group(1))
        token = info["screen"].split("t=", 1)[1]
        with worker_pool(k, port, env) as pids, Generators(plans(args, bases, code)) as pool:
            await pool.collect("ready")
            t = time.perf_counter()
            pool.tell("join")
            await pool.collect("joined")
            join_s = time.perf_counter() - t
            t = time.perf_counter()
            pool.tell("connect")
            connected = sum(n for (n,) in await pool.collect("connected"))
            connect_s = time.perf_counter() - t

            received: dict[str, float] = {}
            screen = socketio.AsyncClient(reconnection=False)

            @screen.on("contribution:added")
            async def added(data):  # noqa: ANN001, ANN202
                received.setdefault(data.get("client_id") or "", time.perf_counter())

            await screen.connect(
                bases[0],
                auth={"role": "screen", "session_id": session_id, "token": token},
                transports=["websocket"],
            )
            http, console = await ll.facilitator_http(bases[0], info)
            ids = ll.activity_ids(console)
            open_id = next(i for i, action in ids if action == "close")
            await ll.set_endorsements(http, bases[0], open_id, args.endorsements == "on")
            peak = rss_peaks([], pids())
            pool.tell(open_id)
            driven = await pool.collect("driven")
            peak = rss_peaks(peak, pids())
            _, _, _, embedded_during = ll.count_rows(env, instance)

            next_id = next(i for i, action in ids if action == "open" and i != open_id)
            async with http.get(f"{bases[0]}/login") as response:
                csrf = ll.CSRF.search(await response.text()).group(1)
            t0 = time.perf_counter()
            async with http.post(
                f"{bases[0]}/facilitate/activities/{next_id}/open",
                data={"csrf_token": csrf},
                allow_redirects=False,
            ) as response:
                assert response.status == 302
            pool.tell(t0)
            switched = await pool.collect("switched")
            peak = rss_peaks(peak, pids())
            await http.close()
            await screen.disconnect()
        distinct, rows, dups, _ = ll.count_rows(env, instance)
    sent = {cid: at for report in driven for cid, at in report[0].items()}
    timed_from = {cid: report[3] for report in driven for cid in report[0]}  # after warm-up
    latencies = [
        (received[cid] - at) * 1000
        for cid, at in sent.items()
        if cid in received and at >= timed_from[cid]
    ]
    switch_times = [ms for ms, _ in switched]
    return {
        "embedding": args.embedding,
        "embedded_during_run": embedded_during,
        "participants": args.participants,
        "connected": connected,
        "join_s": join_s,
        "connect_s": connect_s,
        "sent": len(sent),
        "acked": sum(r[1] for r in driven),
        "failed": sum(r[2] for r in driven),
        "received": len(latencies),
        "p50_ms": ll.percentile(latencies, 50),
        "p95_ms": ll.percentile(latencies, 95),
        "p99_ms": ll.percentile(latencies, 99),
        # nan when some generator's phones did not all get the switch (as in live_load)
        "switch_all_ms": (
            float("nan") if any(map(math.isnan, switch_times)) else max(switch_times)
        ),
        "switch_reached": sum(n for _, n in switched),
        "lost": len(sent) - distinct,
        "duplicated": rows - distinct,
        "duplicated_ids": dups,
        "rss_mb": sum(peak),
        "workers": k,
        "rss_mb_per_worker": [round(mb, 1) for mb in peak],
        "generators": args.generators,
    }


def main() -> None:
    args = build_parser().parse_args()
    if args.workers < 1 or args.generators < 1 or args.participants < args.generators:
        raise SystemExit("need --workers >= 1 and --participants >= --generators >= 1")
    if "CLOCK_MONOTONIC" not in time.get_clock_info("perf_counter").implementation:
        raise SystemExit("latency needs a clock shared by processes (CLOCK_MONOTONIC)")
    print(
        f"facilitator scale-out: {args.workers} workers, {args.generators} generators, "
        f"{args.participants} participants, {args.rate}/s for {args.duration}s, "
        f"async_mode={args.async_mode}, embedding={args.embedding}, "
        f"endorsements={args.endorsements}",
        flush=True,
    )
    result = asyncio.run(app_run(args))
    for key, value in result.items():
        print(
            f"  app     {key:>19}: {value:.1f}"
            if isinstance(value, float)
            else f"  app     {key:>19}: {value}",
            flush=True,
        )
    result.update(
        {
            "rate": args.rate,
            "duration": args.duration,
            "async_mode": args.async_mode,
            "endorsements": args.endorsements,
        }
    )
    if not args.skip_baseline:
        relay = asyncio.run(ll.relay_run(args))  # one process, one generator: live_load's own
        for key, value in relay.items():
            print(
                f"  relay   {key:>19}: {value:.1f}"
                if isinstance(value, float)
                else f"  relay   {key:>19}: {value}",
                flush=True,
            )
        result.update(
            {
                "baseline_p50_ms": relay["p50_ms"],
                "baseline_p99_ms": relay["p99_ms"],
                "baseline_switch_all_ms": relay["switch_all_ms"],
                "p99_ratio": (result["p99_ms"] / relay["p99_ms"] if relay["p99_ms"] else None),
                "switch_ratio": (
                    result["switch_all_ms"] / relay["switch_all_ms"]
                    if relay["switch_all_ms"]
                    else None
                ),
            }
        )
        print(
            f"  ratio   p99 app/relay: {result['p99_ratio']:.2f}   switch app/relay: "
            f"{result['switch_ratio']:.2f}"
        )
    print(json.dumps({k: (round(v, 2) if isinstance(v, float) else v) for k, v in result.items()}))


if __name__ == "__main__":
    main()
