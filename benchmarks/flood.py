"""One flooding phone beside the room (issue 21, point 2). Not a unit test: it prints numbers.

Starts the app as `facilitator serve` runs it, with the server's default limits (PAGE_RATE,
SUBMIT_RATE), joins N phones that connect by Socket.IO and submit at a steady rate, and times
each acknowledgement. In the same run it then adds ONE participant (its own cookie) that
floods with 16 and 32 threads, first the no-JS form (POST /s/<code>), then reloads
(GET /s/<code>), and prints the other phones' ack p50/p95 with and without the flood, the
flooder's answers by status and the server's CPU. The flooder runs in its own process, so the
load generator's loop does not slow the phones it measures. The last line is one JSON object.

    python benchmarks/flood.py --participants 50 --rate 20 --duration 8
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import socketio

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live_load import (  # noqa: E402  (the live benchmark's own helpers)
    CSRF,
    activity_ids,
    connect_all,
    demo_environment,
    facilitator_http,
    free_port,
    join_over_http,
    percentile,
    server_process,
)

DEFAULT_LIMITS = ("FACILITATOR_SUBMIT_RATE", "FACILITATOR_PAGE_RATE")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def flood(
    port: int,
    code: str,
    cookie: str,
    mode: str,
    threads: int,
    seconds: float,
    activity_id: int,
    results: multiprocessing.Queue,
) -> None:
    """`threads` keep-alive connections sending as fast as the server answers."""
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def one() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookie}
        connection.request("GET", f"/s/{code}", headers=headers)
        page = connection.getresponse().read().decode()
        match = CSRF.search(page)
        token = match.group(1) if match else ""
        n = 0
        while time.monotonic() < deadline:
            n += 1
            try:
                if mode == "form":
                    body = urlencode(
                        {
                            "csrf_token": token,
                            "activity_id": activity_id,
                            "client_id": f"flood-{threading.get_ident()}-{n}",
                            "text": f"Flod {n}",
                        }
                    )
                    connection.request(
                        "POST",
                        f"/s/{code}",
                        body,
                        {**headers, "Content-Type": "application/x-www-form-urlencoded"},
                    )
                else:
                    connection.request("GET", f"/s/{code}", headers=headers)
                response = connection.getresponse()
                response.read()
                with lock:
                    statuses[response.status] += 1
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    statuses[0] += 1

    workers = [threading.Thread(target=one) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    results.put(dict(statuses))


async def measure(
    phones: list[socketio.AsyncClient], activity_id: int, rate: float, duration: float, tag: str
) -> list[float]:
    """Ack times (ms) of the phones' submissions, at `rate` per second, spread over them."""
    acks: list[float] = []

    async def submit(client: socketio.AsyncClient, seq: int) -> None:
        started = time.perf_counter()
        ack = await client.call(
            "contribution:submit",
            {
                "activity_id": activity_id,
                "client_id": f"{tag}-{seq:06d}",
                "text": f"Målt bidrag {tag} {seq}",
            },
            timeout=30,
        )
        if ack.get("ok"):
            acks.append((time.perf_counter() - started) * 1000)

    tasks = []
    start = time.perf_counter()
    for seq in range(int(rate * duration)):
        delay = start + seq / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(submit(phones[seq % len(phones)], seq)))
    await asyncio.gather(*tasks, return_exceptions=True)
    return acks


async def run(args: argparse.Namespace) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        env, info = demo_environment(Path(folder), base, "gevent", args.database_url, "lexical")
        for key in DEFAULT_LIMITS:  # the server's own limits are what is measured
            env.pop(key, None)
        serve = [sys.executable, "-m", "facilitator", "serve", "--port", str(port)]
        with server_process(serve, env, port) as server:
            code = info["join"].rsplit("/", 1)[1]
            cookies = await join_over_http(base, code, args.participants + 1)
            flooder, cookies = cookies[0], cookies[1:]
            phones = await connect_all(
                base,
                [{"role": "participant", "code": code}] * len(cookies),
                [{"Cookie": c} for c in cookies],
                lambda client: None,
            )
            http_session, console = await facilitator_http(base, info)
            open_id = next(i for i, action in activity_ids(console) if action == "close")
            await http_session.close()
            await measure(phones, open_id, args.rate, 1.0, "warm")
            phases = [("none", 0)] + [
                (mode, threads) for mode in ("form", "reload") for threads in (16, 32)
            ]
            for n, (mode, threads) in enumerate(phases):
                await asyncio.sleep(11)  # every window of the last phase has passed
                results: multiprocessing.Queue = multiprocessing.Queue()
                process = None
                if threads:
                    process = multiprocessing.Process(
                        target=flood,
                        args=(
                            port,
                            code,
                            flooder,
                            mode,
                            threads,
                            args.duration + 1.0,
                            open_id,
                            results,
                        ),
                    )
                    process.start()
                    await asyncio.sleep(1.0)  # the flood is on before the phones are timed
                cpu = cpu_seconds(server.pid)
                t = time.perf_counter()
                acks = await measure(phones, open_id, args.rate, args.duration, f"p{n}")
                cpu_share = (cpu_seconds(server.pid) - cpu) / (time.perf_counter() - t)
                statuses = {}
                if process is not None:
                    process.join()
                    statuses = results.get()
                rows.append(
                    {
                        "flood": mode,
                        "threads": threads,
                        "acked": len(acks),
                        "p50_ms": percentile(acks, 50),
                        "p95_ms": percentile(acks, 95),
                        "server_cpu": cpu_share,
                        "flooder_statuses": statuses,
                    }
                )
                print(
                    f"{mode:>6} x{threads:<2}  others' ack p50 {rows[-1]['p50_ms']:7.1f} ms"
                    f"  p95 {rows[-1]['p95_ms']:7.1f} ms  ({len(acks)} acks)  server CPU "
                    f"{cpu_share:4.0%}  flooder {statuses}",
                    flush=True,
                )
            for phone in phones:
                await phone.disconnect()
    return {"participants": args.participants, "rate": args.rate, "phases": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--rate", type=float, default=20, help="the phones' submissions/s")
    parser.add_argument("--duration", type=float, default=8, help="seconds per phase")
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp folder")
    print(json.dumps(asyncio.run(run(parser.parse_args()))))


if __name__ == "__main__":
    main()
