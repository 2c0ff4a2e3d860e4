"""Do logins stall the live room? (issue 9, item 2). Not a unit test: it prints numbers.

Starts `facilitator serve` (gevent) on a temporary SQLite instance with the demo session,
joins and connects 50 phones (helpers from benchmarks/live_load.py), and measures the
`contribution:submit` acknowledgement time while 0, 8 and 40 wrong-password logins run in
parallel without pause. The login throttle is lifted and every attempt uses a new unknown
e-mail, so each one really costs a password hash (the worst case for the event loop; with the
default limits most attempts are refused before any hash). The last line is one JSON object.

    python benchmarks/login_stall.py --phones 50 --rate 25 --duration 8 --logins 0,8,40
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import socketio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.live_load import (  # noqa: E402
    CSRF,
    activity_ids,
    close_all,
    connect_all,
    demo_environment,
    facilitator_http,
    free_port,
    join_over_http,
    percentile,
    server_process,
)


async def attacker(base: str, stop: asyncio.Event, times: list[float], n: int) -> None:
    """One client posting wrong passwords for new unknown e-mails until told to stop."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(f"{base}/login") as response:
            token = CSRF.search(await response.text()).group(1)
        attempt = 0
        while not stop.is_set():
            attempt += 1
            start = time.perf_counter()
            async with http.post(
                f"{base}/login",
                allow_redirects=False,
                data={
                    "csrf_token": token,
                    "email": f"angriber{n}-{attempt}@example.dk",
                    "password": "forkert-kodeord",
                },
            ) as response:
                await response.read()
                assert response.status in (400, 429), response.status
            times.append(time.perf_counter() - start)


async def submit_phase(
    phones: list[socketio.AsyncClient], activity_id: int, rate: float, duration: float, tag: str
) -> tuple[list[float], int]:
    """Submissions spread evenly over the phones at `rate` per second; (ack ms, failures)."""
    acks: list[float] = []
    failed = 0

    async def one(client: socketio.AsyncClient, seq: int) -> None:
        nonlocal failed
        start = time.perf_counter()
        try:
            ack = await client.call(
                "contribution:submit",
                {
                    "activity_id": activity_id,
                    "client_id": f"{tag}-{seq:06d}",
                    "text": f"Måling under login-pres {tag} {seq}",
                },
                timeout=30,
            )
        except Exception:  # noqa: BLE001 (a timed-out ack is what this measures)
            failed += 1
            return
        if ack.get("ok"):
            acks.append((time.perf_counter() - start) * 1000)
        else:
            failed += 1

    tasks, start = [], time.perf_counter()
    for seq in range(int(rate * duration)):
        delay = start + seq / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(phones[seq % len(phones)], seq)))
    await asyncio.gather(*tasks)
    return acks, failed


async def run(args: argparse.Namespace) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        env, info = demo_environment(Path(folder), base, "gevent", args.database_url, "lexical")
        serve = [sys.executable, "-m", "facilitator", "serve", "--port", str(port)]
        with server_process(serve, env, port):
            code = info["join"].rsplit("/", 1)[1]
            cookies = await join_over_http(base, code, args.phones)
            phones = await connect_all(
                base,
                [{"role": "participant", "code": code}] * len(cookies),
                [{"Cookie": c} for c in cookies],
                lambda client: None,
            )
            http, console = await facilitator_http(base, info)
            await http.close()
            open_id = next(i for i, action in activity_ids(console) if action == "close")
            for logins in args.logins:
                stop, times = asyncio.Event(), []
                attackers = [
                    asyncio.create_task(attacker(base, stop, times, n)) for n in range(logins)
                ]
                await asyncio.sleep(1.0 if logins else 0)  # let the hashing queue fill
                acks, failed = await submit_phase(
                    phones, open_id, args.rate, args.duration, f"l{logins}-{int(time.time())}"
                )
                stop.set()
                await asyncio.gather(*attackers)
                results[str(logins)] = {
                    "logins_parallel": logins,
                    "acked": len(acks),
                    "failed": failed,
                    "p50_ms": percentile(acks, 50),
                    "p95_ms": percentile(acks, 95),
                    "p99_ms": percentile(acks, 99),
                    "max_ms": max(acks, default=float("nan")),
                    "logins_done": len(times),
                    "login_p50_ms": percentile([t * 1000 for t in times], 50),
                }
                print(
                    f"  {logins:>3} parallel logins: "
                    + "  ".join(
                        f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}"
                        for k, v in results[str(logins)].items()
                    ),
                    flush=True,
                )
            await close_all(phones)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--rate", type=float, default=25, help="submissions per second")
    parser.add_argument("--duration", type=float, default=8, help="seconds per phase")
    parser.add_argument(
        "--logins",
        default="0,8,40",
        help="parallel wrong-password logins per phase, comma-separated",
    )
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp folder")
    args = parser.parse_args()
    args.logins = [int(n) for n in re.split(r"[,\s]+", args.logins.strip()) if n]
    print(
        f"facilitator login stall: {args.phones} phones, {args.rate}/s for {args.duration}s "
        f"per phase, parallel logins {args.logins}",
        flush=True,
    )
    results = asyncio.run(run(args))
    summary = {"phones": args.phones, "rate": args.rate, "duration": args.duration}
    for logins, result in results.items():
        for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms", "failed", "logins_done"):
            summary[f"logins{logins}_{key}"] = result[key]
    print(json.dumps({k: (round(v, 1) if isinstance(v, float) else v) for k, v in summary.items()}))


if __name__ == "__main__":
    main()
