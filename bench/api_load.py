"""API and map load benchmark on a 50,000-event SQLite ledger (loopback only, bounded in count and time).

    .venv/bin/python bench/api_load.py                       # seed: ingest the sample + 49 war articles
    .venv/bin/python bench/api_load.py --seed-db var/frontwatch.sqlite --events 50000 --clients 20

1. Seed: real events, from a ledger you name (--seed-db) or by ingesting --seed-source with the pipeline.
2. Synthesise: the seed events replicated (with their reports and claims) to --events rows, each copy's
   date shifted within the war's span and its point jittered by ~50 km, so filters, clusters and the
   timeline see a realistic spread. The output says so: these are not 50,000 distinct real events.
3. Load: `frontwatch serve` on 127.0.0.1 at a free port. First a cold pass: every distinct request (40
   filter sets x 2 pages) once from one client, the cost of a page no cached answer covers. Then
   --clients concurrent clients request filtered GeoJSON pages of 1,000 events (random date window,
   sometimes an event type or a bbox) until --requests are done or --seconds pass: p50/p95/p99 latency
   and throughput, with the server's answer cache as the cold pass left it (--no-cache: without it).
   The clients are coroutines on bare keep-alive HTTP/1.1 connections (class Connection): with httpx the
   load generator saturated a core itself and measured its own queueing (p95 254 ms vs 93 ms, same run).
4. Map: headless Chromium (Debian's /usr/bin/chromium via Playwright) opens the map and waits until every
   event is clustered on it (body[data-ready=1]); reports the time from navigation start, median of runs.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gzip
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
import orjson
from sqlalchemy import func, select

from frontwatch import config
from frontwatch.store import close_engine, open_engine
from frontwatch.store.schema import claims, events, reports

ROOT = Path(__file__).resolve().parents[1]
WAR_START = dt.date(2022, 2, 24)
WAR_SPAN_DAYS = 1000
JITTER_DEGREES = 0.45  # about 50 km: neighbouring settlements, not another oblast
PAGE = {"format": "geojson", "limit": 1000}
PAGE_OFFSETS = (0, 1000)  # first and second page of each filter set
CHECK_EVERY = 25
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def default_seed_sources() -> list[str]:
    """A fixed, varied seed: many places, dates and event types from real articles, not one town."""
    articles = sorted((config.shared_dir() / "corpus" / "war-articles").glob("*.txt"))
    return [str(config.shared_dir() / "samples"), *(str(path) for path in articles[8::9])]


def seed_ledger(args, work: Path) -> Path:
    if args.seed_db:
        return Path(args.seed_db)
    seed = work / "seed.sqlite"
    command = [sys.executable, "-m", "frontwatch", "ingest", *args.seed_source, "--db", str(seed)]
    print(f"seed: frontwatch ingest of {len(args.seed_source)} inputs (--seed-source) into {seed}", flush=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return seed


def synthesise(seed: Path, target: Path, n_events: int, rng: random.Random) -> dict:
    """Copy the seed ledger, then add replicas of its events until the ledger holds n_events."""
    with sqlite3.connect(seed) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    url = f"sqlite:///{target}"
    engine = open_engine(url)
    with engine.begin() as conn:
        seeds = conn.execute(select(events).where(events.c.hidden.is_(False))).mappings().all()
        if not seeds:
            raise SystemExit(f"{seed}: the seed ledger has no events to replicate")
        report_rows = conn.execute(select(reports)).mappings().all()
        claim_rows = conn.execute(select(claims)).mappings().all()
        next_event = conn.execute(select(func.max(events.c.id))).scalar_one() + 1
        next_report = conn.execute(select(func.max(reports.c.id))).scalar_one() + 1
        next_claim = (conn.execute(select(func.max(claims.c.id))).scalar_one() or 0) + 1
        reports_of: dict[int, list] = {}
        for row in report_rows:
            reports_of.setdefault(row["event_id"], []).append(row)
        claims_of: dict[int, list] = {}
        for row in claim_rows:
            claims_of.setdefault(row["report_id"], []).append(row)
        missing = n_events - len(seeds)
        batch_events, batch_reports, batch_claims = [], [], []
        for i in range(max(0, missing)):
            original = seeds[i % len(seeds)]
            day = WAR_START + dt.timedelta(days=rng.randrange(WAR_SPAN_DAYS))
            shift = day - (original["event_date"] or day)
            row = dict(original)
            row.update(id=next_event, event_id_cnty=f"{original['event_id_cnty']}-SYN{i}", event_date=day,
                       year=day.year, timestamp=int(time.time()))
            for key in ("date_start", "date_end"):
                row[key] = original[key] + shift if original[key] else day
            if original["latitude"] is not None:
                row["latitude"] = round(original["latitude"] + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), 5)
                row["longitude"] = round(original["longitude"] + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), 5)
            batch_events.append(row)
            for report in reports_of.get(original["id"], []):
                batch_reports.append({**report, "id": next_report, "event_id": next_event})
                for claim in claims_of.get(report["id"], []):
                    batch_claims.append({**claim, "id": next_claim, "event_id": next_event, "report_id": next_report})
                    next_claim += 1
                next_report += 1
            next_event += 1
            if len(batch_events) >= 5000:
                _flush(conn, batch_events, batch_reports, batch_claims)
        _flush(conn, batch_events, batch_reports, batch_claims)
    close_engine(url)
    return {"seed_events": len(seeds), "events": max(n_events, len(seeds))}


def _flush(conn, *batches) -> None:
    for table, rows in zip((events, reports, claims), batches):
        if rows:
            conn.execute(table.insert(), rows)
            rows.clear()


def start_server(db: Path, port: int, workers: int, no_cache: bool) -> subprocess.Popen:
    env = {**os.environ, "FRONTWATCH_DB": str(db)}
    command = [sys.executable, "-m", "frontwatch", "serve", "--port", str(port), "--db", str(db), "--workers", str(workers)]
    server = subprocess.Popen(command + (["--no-cache"] if no_cache else []), env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"frontwatch serve exited with {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("frontwatch serve did not answer within 60 s")


def page_filters(base: str, rng: random.Random, wanted: int) -> list[dict]:
    """Filter sets that each match at least one full page (so every request really returns 1,000 events)."""
    types = list(httpx.get(f"{base}/api/meta").json()["event_types"])
    found = []
    for _ in range(400):
        first = WAR_START + dt.timedelta(days=rng.randrange(WAR_SPAN_DAYS - 200))
        params = {"start": first.isoformat(), "end": (first + dt.timedelta(days=rng.randrange(60, 400))).isoformat()}
        roll = rng.random()
        if roll < 0.3:
            params["event_type"] = rng.choice(types)
        elif roll < 0.5:
            params["bbox"] = "33.5,46.5,40.5,51.0"  # the eastern and southern front
        total = httpx.get(f"{base}/api/events", params={**params, "limit": 1}).json()["total"]
        if total >= 1000:
            found.append(params)
        if len(found) >= wanted:
            break
    if not found:
        raise SystemExit("no filter matches 1,000 events: is the ledger big enough?")
    return found


def cold_pass(base: str, filters: list[dict]) -> list[float]:
    """Each distinct request once, one client: what a page costs when no cached answer exists."""
    latencies = []
    with httpx.Client(timeout=60, headers={"Accept-Encoding": "gzip"}) as http:
        for params in filters:
            for offset in PAGE_OFFSETS:
                started = time.perf_counter()
                response = http.get(f"{base}/api/events", params={**params, **PAGE, "offset": offset})
                response.raise_for_status()
                latencies.append((time.perf_counter() - started) * 1000)
    return sorted(latencies)


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough of the protocol to time GET requests.

    httpx costs a few milliseconds of Python per request; at 20 concurrent clients on this 2-core machine
    the load generator itself then saturates a core and the latencies it reports are its own queueing.
    This client reads the status line, the headers and Content-Length bytes of body, nothing more."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def get(self, target: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          f"Accept-Encoding: gzip\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
        length = int(next(value for name, value in headers.items() if name.lower() == "content-length"))
        body = await self.reader.readexactly(length)
        if any(name.lower() == "content-encoding" and "gzip" in value for name, value in headers.items()):
            body = gzip.decompress(body)
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def load(base: str, filters: list[dict], clients: int, max_requests: int, max_seconds: float, rng) -> dict:
    latencies: list[float] = []
    failures: list[str] = []
    checked: list[int] = []  # features in the pages that were parsed
    deadline = time.monotonic() + max_seconds
    issued = 0
    address = urlsplit(base)

    async def client() -> None:
        nonlocal issued
        connection = Connection(address.hostname, address.port)
        try:
            while issued < max_requests and time.monotonic() < deadline:
                issued += 1
                check = issued % CHECK_EVERY == 0
                params = {**rng.choice(filters), **PAGE, "offset": rng.choice(PAGE_OFFSETS)}
                started = time.perf_counter()
                try:
                    status, body = await connection.get(f"/api/events?{urlencode(params)}")
                except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration) as exc:  # counted, never dropped
                    latencies.append(time.perf_counter() - started)
                    failures.append(f"{type(exc).__name__}: {exc}")
                    connection.close()
                    connection = Connection(address.hostname, address.port)
                    continue
                latencies.append(time.perf_counter() - started)
                if status != 200:
                    failures.append(f"{status} {body[:200]!r}")
                elif check:  # parsing every page would make the load generator the bottleneck
                    checked.append(len(orjson.loads(body)["features"]))
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()

    def quantile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {"requests": len(latencies), "failures": failures, "seconds": elapsed,
            "features_per_page": sum(checked) / max(1, len(checked)),
            "p50": quantile(0.5), "p95": quantile(0.95), "p99": quantile(0.99), "max": latencies[-1] * 1000,
            "rps": len(latencies) / elapsed}


def map_first_render(base: str, runs: int, artifacts: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for run in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(base + "/", wait_until="commit")
            page.wait_for_function("document.body.dataset.ready !== undefined", timeout=120_000)
            ready = page.evaluate("performance.now()")
            info = page.evaluate("window.frontwatchFirstRender || {}")
            drawn = page.evaluate("document.querySelectorAll('.ev-cluster, .ev-dot').length")
            if run == 0:
                artifacts.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(artifacts / "bench-map-50k.png"))
            results.append({"ms": ready, "events": info.get("events"), "drawn_icons": drawn, "parts": info,
                            "state": page.evaluate("document.body.dataset.ready")})
            page.close()
        browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed-db", help="ledger whose real events are replicated (default: ingest --seed-source)")
    parser.add_argument("--seed-source", nargs="+", default=default_seed_sources(),
                        help="inputs ingested for the seed (default: the sample + every 9th war article, 50 files)")
    parser.add_argument("--ledger", help="a synthetic ledger kept by an earlier run (skips seeding and synthesis)")
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="stop after this many requests")
    parser.add_argument("--seconds", type=float, default=60.0, help="or after this many seconds")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes of the server")
    parser.add_argument("--no-cache", action="store_true", help="serve every request from the database")
    parser.add_argument("--map-runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the synthetic ledger (path printed)")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="frontwatch-bench-"))
    server = None
    try:
        if args.ledger:
            ledger = Path(args.ledger)
            print(f"ledger: {ledger} as given (made by an earlier run with --keep)")
        else:
            seed = seed_ledger(args, work)
            ledger = work / "bench.sqlite"
            started = time.perf_counter()
            made = synthesise(seed, ledger, args.events, rng)
            print(f"ledger: {made['events']:,} events = {made['seed_events']} real extracted events from {seed} "
                  f"replicated with jittered dates (2022-02-24 + 0..{WAR_SPAN_DAYS} days) and places "
                  f"(±{JITTER_DEGREES}°) in {time.perf_counter() - started:.1f} s: SYNTHETIC copies, not distinct events")
        port = free_port()
        server = start_server(ledger, port, args.workers, args.no_cache)
        base = f"http://127.0.0.1:{port}"
        filters = page_filters(base, rng, wanted=40)
        cold = cold_pass(base, filters)
        print(f"API cold (no cached answer, 1 client, each of {len(cold)} distinct pages once) ms: "
              f"p50 {statistics.median(cold):.1f}  p95 {cold[int(0.95 * len(cold))]:.1f}  max {cold[-1]:.1f}")
        result = asyncio.run(load(base, filters, args.clients, args.requests, args.seconds, rng))
        print(f"API: GET /api/events?format=geojson&limit=1000 with {len(filters)} filter sets, {args.clients} concurrent "
              f"clients, {args.workers} server worker(s): {result['requests']} requests in {result['seconds']:.1f} s "
              f"({result['rps']:.1f}/s), {len(result['failures'])} failed, {result['features_per_page']:.0f} features per checked page")
        print(f"API latency under load ({'no answer cache' if args.no_cache else 'answer cache warm from the cold pass'}) ms: "
              f"p50 {result['p50']:.1f}  p95 {result['p95']:.1f}  p99 {result['p99']:.1f}  max {result['max']:.1f}  "
              f"(target p95 <= 100)")
        for failure in result["failures"][:5]:
            print(f"  failure: {failure}")
        renders = map_first_render(base, args.map_runs, ROOT / "test-artifacts")
        times = [run["ms"] for run in renders]
        print(f"map first render (navigation start -> all {renders[0]['events']:,} events clustered), "
              f"{len(times)} runs: median {statistics.median(times):.0f} ms, runs {', '.join(f'{t:.0f}' for t in times)} "
              f"(target <= 2000); state {renders[0]['state']}, {renders[0]['drawn_icons']} icons drawn")
        for run in renders:
            parts = run["parts"]
            print(f"  run: {run['ms']:.0f} ms = page + /api/meta, then points fetch {parts.get('fetchMs', 0):.0f} ms, "
                  f"markers {parts.get('markersMs', 0):.0f} ms, clustering {parts.get('clusterMs', 0):.0f} ms")
        return 0 if not result["failures"] and renders[0]["state"] == "1" else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
