"""Ledger ingest benchmark: the war-articles corpus + both headline corpora (~25k items) into a fresh ledger.

    .venv/bin/python bench/ingest_ledger.py                     # all three corpora, SQLite, 1 process
    .venv/bin/python bench/ingest_ledger.py --limit 2000 --workers 2
    .venv/bin/python bench/ingest_ledger.py --kill-after 60     # + kill -9 mid-run, re-run, compare

Runs the real `frontwatch ingest` command as a subprocess, samples the resident memory of its whole
process tree (Dask workers included) every 0.2 s, and reports items/s and peak memory; then runs the
same command again (everything is a duplicate: the cost of idempotence). With --kill-after it also
ingests into a second ledger, kills that run with SIGKILL after N seconds, re-runs it to completion,
and compares the two ledgers' content fingerprints (store.fingerprint).
"""
from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from frontwatch import config
from frontwatch.evaluate.report import print_table
from frontwatch.store import close_engine, ledger_counts, open_engine
from frontwatch.store.fingerprint import ledger_fingerprint


def default_sources() -> list[str]:
    corpus = config.shared_dir() / "corpus"
    return [str(corpus / "war-articles"), str(corpus / "ruwa_headlines_dev.csv"),
            str(corpus / "cnn_liveblog_headlines_dev.csv")]


def run_ingest(sources: list[str], db: Path, args, kill_after: float | None = None) -> dict:
    command = [sys.executable, "-m", "frontwatch", "ingest", *sources, "--db", str(db),
               "--workers", str(args.workers), "--batch-size", str(args.batch_size)]
    if args.limit:
        command += ["--limit", str(args.limit)]
    log = db.with_suffix(".log")
    started = time.perf_counter()
    # stderr (progress bar + summary) to a file: a pipe would fill up and stall the run
    with log.open("a") as stderr_file:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr_file)
    peak = 0
    killed = False
    parent = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.NoSuchProcess:
            pass
        if kill_after is not None and time.perf_counter() - started > kill_after:
            for child in parent.children(recursive=True):
                child.send_signal(signal.SIGKILL)
            process.send_signal(signal.SIGKILL)
            killed = True
        time.sleep(0.2)
    stderr = log.read_text(errors="replace").replace("\r", "\n")
    seconds = time.perf_counter() - started
    if process.returncode not in (0, -signal.SIGKILL):
        raise SystemExit(f"ingest failed ({process.returncode}):\n{stderr[-3000:]}")
    summary = [line for line in stderr.splitlines() if line.startswith(("ingested", "  failed"))][-11:]
    return {"seconds": seconds, "peak_mb": peak / 2**20, "killed": killed, "summary": summary}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="*", help="default: war-articles + ruwa + cnn headline corpora")
    parser.add_argument("--limit", type=int, help="first N items only")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--kill-after", type=float, help="also check kill -9 after this many seconds + re-run")
    parser.add_argument("--keep", metavar="DIR", help="write the ledgers here instead of a temporary directory")
    args = parser.parse_args()
    sources = args.sources or default_sources()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="frontwatch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "ledger.sqlite"
    if db.exists():
        raise SystemExit(f"{db} exists: give an empty --keep directory")
    status = 0
    first = run_ingest(sources, db, args)
    engine = open_engine(str(db))
    counts = ledger_counts(engine)
    items = counts["articles"] + counts["failed"]
    second = run_ingest(sources, db, args)
    rows = [["first run", items, first["seconds"], items / first["seconds"], first["peak_mb"]],
            ["re-run (all duplicates)", items, second["seconds"], items / second["seconds"], second["peak_mb"]]]
    print("\n".join(first["summary"]))
    print(f"ledger: {counts}")
    if args.kill_after is not None:
        other = work / "killed.sqlite"
        killed = run_ingest(sources, other, args, kill_after=args.kill_after)
        engine_killed = open_engine(str(other))
        partial = ledger_counts(engine_killed)
        close_engine(str(other))
        resumed = run_ingest(sources, other, args)
        same = ledger_fingerprint(open_engine(str(other))) == ledger_fingerprint(engine)
        rows.append([f"kill -9 after {args.kill_after:.0f} s ({partial['articles'] + partial['failed']} kept)", "",
                     killed["seconds"], None, killed["peak_mb"]])
        rows.append(["resumed run", "", resumed["seconds"], None, resumed["peak_mb"]])
        print(f"kill -9 + re-run ledger identical to the uninterrupted one: {same}")
        if not same:
            status = 1
    print_table(f"ingest into SQLite ({args.workers} worker(s), batch {args.batch_size})",
                ["run", "items", "seconds", "items/s", "peak MB"], rows)
    print(f"ledgers in {work}")
    return status


if __name__ == "__main__":
    sys.exit(main())
