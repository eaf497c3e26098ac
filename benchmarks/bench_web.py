"""Benchmark: the web workbench served for real (``accords serve``) on this machine.

Measures, against a server started by the script on a free port of 127.0.0.1:

* start-up: from launching ``accords serve`` to the first page answered;
* per page, once cached: p50 and p95 of 30 sequential requests (target p95 < 200 ms);
* the first bargaining page (computed on first request; target < 5 s) where it exists;
* a bounded load run: ``--clients`` concurrent clients for ``--seconds`` seconds over the
  cached pages: requests served, p95 and errors (target 0). As a peer in the same run, the
  same load against a static file served by Python's ``http.server`` gives the ceiling of this
  machine for a trivial Python HTTP server.

Traffic goes to 127.0.0.1 only; the loops are bounded in count and time.

Run: ``.venv/bin/python benchmarks/bench_web.py [--clients 50] [--seconds 30]``
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

PAGES = [
    "/",
    "/agreements/us-28-point-plan",
    "/agreements/us-28-point-plan/provisions/21",
    "/agreements/us-28-point-plan/acceptability",
    "/agreements/us-28-point-plan/deps",
    "/diff/us-28-point-plan/us-19-point-plan",
    "/map?agreement=us-28-point-plan",
    "/sources/us-russia-draft-leak",
    "/api/agreements/us-28-point-plan/acceptability",
]
SLOW_FIRST = ["/bargaining", "/forecasts"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(url: str, limit: float = 60.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=5).status_code == 200:
                return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} did not answer within {limit} s")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def load(
    base: str, paths: list[str], clients: int, seconds: float
) -> tuple[int, int, list[float]]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def client(index: int) -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=30) as session:
            i = index
            while time.perf_counter() < stop:
                path = paths[i % len(paths)]
                i += 1
                begin = time.perf_counter()
                try:
                    response = await session.get(path)
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - begin)

    await asyncio.gather(*(client(i) for i in range(clients)))
    return len(latencies), errors, latencies


def static_peer(clients: int, seconds: float) -> tuple[int, int, list[float]]:
    folder = Path(tempfile.mkdtemp())
    (folder / "index.html").write_text("<p>" + "x" * 20_000 + "</p>", encoding="utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

    handler = partial(Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        return asyncio.run(load(base, ["/index.html"], clients, seconds))
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    tmp = Path(tempfile.mkdtemp())
    launched = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", "from accords.cli.main import main; main()", "serve",
         "--port", str(port), "--db", str(tmp / "events.sqlite")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_until_up(base + "/", limit=60)
        startup = time.perf_counter() - launched
        print(f"start-up to first page: {startup:.2f} s")

        print(f"\n{'page':<50} {'first':>8} {'p50 ms':>8} {'p95 ms':>8}")
        worst_p95 = 0.0
        with httpx.Client(base_url=base, timeout=60) as session:
            for path in PAGES:
                begin = time.perf_counter()
                session.get(path).raise_for_status()
                first = time.perf_counter() - begin
                times = []
                for _ in range(args.repeat):
                    begin = time.perf_counter()
                    session.get(path).raise_for_status()
                    times.append((time.perf_counter() - begin) * 1000)
                p95 = percentile(times, 0.95)
                worst_p95 = max(worst_p95, p95)
                print(f"{path:<50} {first:>7.2f}s {statistics.median(times):>8.1f} {p95:>8.1f}")
            for path in SLOW_FIRST:
                begin = time.perf_counter()
                status = session.get(path).status_code
                print(
                    f"{path:<50} first request {time.perf_counter() - begin:.2f} s (HTTP {status})"
                )
        print(f"worst cached p95: {worst_p95:.1f} ms (target < 200 ms)")

        n, errors, latencies = asyncio.run(load(base, PAGES, args.clients, args.seconds))
        print(
            f"\nload: {args.clients} clients x {args.seconds:.0f} s: {n} requests "
            f"({n / args.seconds:.0f}/s), p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
            f"errors {errors}"
        )
        pn, perrors, plat = static_peer(args.clients, args.seconds)
        print(
            f"peer (http.server, one static 20 kB file): {pn} requests ({pn / args.seconds:.0f}/s), "
            f"p95 {percentile(plat, 0.95) * 1000:.0f} ms, errors {perrors}; "
            f"workbench/peer throughput ratio {n / max(pn, 1):.2f}"
        )
    finally:
        process.terminate()
        process.communicate(timeout=10)


if __name__ == "__main__":
    main()
