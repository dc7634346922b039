"""Ledger subcommands: ingest, reextract, export, token."""
from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

from frontwatch.errors import FrontwatchError, InputError
from frontwatch.formats import FORMATS, write_events
from frontwatch.store.database import open_engine
from frontwatch.store.queries import EventFilters, iter_events

FILTER_OPTIONS = ("start", "end", "bbox", "admin1", "event_type", "sub_event_type", "actor", "side", "source", "q")


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help="ledger: SQLAlchemy URL or SQLite file (default $FRONTWATCH_DB, "
                                                     "else var/frontwatch.sqlite)")


def register(subparsers) -> None:
    ingest = subparsers.add_parser("ingest", help="read sources through the pipeline into the ledger (idempotent, resumable)")
    ingest.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="files, directories, JSONL, CSV (corpus presets or --csv-columns), URLs, RSS/Atom feeds")
    _add_db(ingest)
    ingest.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs without one")
    ingest.add_argument("--source", help="outlet name for inputs without one")
    ingest.add_argument("--jsonl", action="store_true", help="read the sources as JSON Lines whatever their name")
    ingest.add_argument("--csv-columns", metavar="SPEC", help="text=COL[+COL],published=COL,url=COL,source=COL,id=COL")
    ingest.add_argument("--allow-private", action="store_true", help="let URLs resolve to private/loopback addresses")
    ingest.add_argument("--follow", action="store_true", help="keep polling the sources (feeds) every --interval seconds")
    ingest.add_argument("--interval", type=float, default=300.0, help="seconds between polls with --follow (default 300)")
    ingest.add_argument("--retry-failed", action="store_true", help="process again the inputs that failed before")
    ingest.add_argument("--batch-size", type=int, default=32, help="inputs per pipeline batch and per commit (default 32)")
    ingest.add_argument("--workers", type=int, default=1, help="extract on N Dask worker processes (default 1: in-process)")
    ingest.add_argument("--limit", type=int, help="stop after the first N inputs (trials, benchmarks)")
    ingest.set_defaults(func=run_ingest)

    reextract = subparsers.add_parser("reextract", help="re-derive all events from the stored inputs, keeping corrections")
    _add_db(reextract)
    reextract.add_argument("--batch-size", type=int, default=32)
    reextract.add_argument("--workers", type=int, default=1)
    reextract.set_defaults(func=run_reextract)

    export = subparsers.add_parser("export", help="write ledger events as ACLED CSV, GeoJSON, JSON Lines or Parquet")
    _add_db(export)
    export.add_argument("--format", choices=FORMATS, default="acled-csv")
    export.add_argument("--output", "-o", metavar="FILE", help="file to write (default stdout; Parquet needs a file)")
    export.add_argument("--start", metavar="YYYY-MM-DD")
    export.add_argument("--end", metavar="YYYY-MM-DD")
    export.add_argument("--bbox", metavar="W,S,E,N")
    export.add_argument("--admin1", help="comma-separated first-level regions")
    export.add_argument("--event-type", dest="event_type", help="comma-separated ACLED event types")
    export.add_argument("--sub-event-type", dest="sub_event_type", help="comma-separated ACLED sub-event types")
    export.add_argument("--actor", help="substring of an actor name")
    export.add_argument("--side", help="comma-separated sides (ISO code, civilians, unknown)")
    export.add_argument("--source", help="substring of an outlet")
    export.add_argument("--q", help="full-text search")
    export.add_argument("--include-hidden", action="store_true", help="include events moderators marked not-an-event")
    export.set_defaults(func=run_export)

    token = subparsers.add_parser("token", help="moderator tokens for the corrections queue")
    actions = token.add_subparsers(dest="token_action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="print a new token on stdout (only its hash is stored)")
    create.add_argument("--name", default="moderator", help="who holds it (shown in the audit trail)")
    _add_db(create)
    create.set_defaults(func=run_token_create)
    listing = actions.add_parser("list", help="list tokens (never the tokens themselves)")
    _add_db(listing)
    listing.set_defaults(func=run_token_list)
    revoke = actions.add_parser("revoke", help="revoke a token by its id")
    revoke.add_argument("id", type=int)
    _add_db(revoke)
    revoke.set_defaults(func=run_token_revoke)


def _progress_bar(total, description: str):
    from tqdm import tqdm

    return tqdm(total=total, unit="item", desc=description, file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def _read_options(args, engine):
    from functools import partial

    from frontwatch.ingest.csv_columns import parse_csv_columns
    from frontwatch.ingest.readers import ReadOptions, parse_published
    from frontwatch.store.ledger import url_stored

    # Feed entries already in the ledger are not fetched again (each --follow poll, each re-run).
    return ReadOptions(published=parse_published(args.published, "--published") if args.published else None,
                       source=args.source, jsonl=args.jsonl, allow_private=args.allow_private,
                       csv_mapping=parse_csv_columns(args.csv_columns) if args.csv_columns else None,
                       known_url=partial(url_stored, engine))


def run_ingest(args) -> int:
    from frontwatch.ingest.readers import read_sources
    from frontwatch.store.extractors import make_extractor
    from frontwatch.store.ingest import Ingestor, failed_inputs, print_summary

    if not args.sources and not args.retry_failed:
        raise FrontwatchError("ingest needs at least one SOURCE (or --retry-failed)")
    if args.batch_size < 1 or args.workers < 1:
        raise FrontwatchError("--batch-size and --workers must be at least 1")
    engine = open_engine(args.db)
    options = _read_options(args, engine)
    extractor = make_extractor(args.workers)
    batch_size = args.batch_size * max(1, args.workers)
    try:
        while True:
            items = failed_inputs(engine) if args.retry_failed else []
            if args.sources:
                items.extend(read_sources(args.sources, options))
            if args.limit is not None:
                items = items[:args.limit]
            with _progress_bar(len(items), "ingest") as bar:
                ingestor = Ingestor(engine, extractor, batch_size=batch_size, progress=bar.update)
                try:
                    summary = ingestor.run(items, retry=args.retry_failed)
                except KeyboardInterrupt:
                    bar.close()
                    print_summary(ingestor.summary)
                    print("interrupted: committed batches are kept; run the same command to resume", file=sys.stderr)
                    raise
            print_summary(summary)
            if not args.follow:
                break
            args.retry_failed = False  # retried once; later polls only look for new items
            time.sleep(args.interval)
    finally:
        extractor.close()
    nothing_done = summary.ingested == 0 and summary.duplicate == 0 and summary.failed > 0
    return 1 if nothing_done else 0


def run_reextract(args) -> int:
    from frontwatch.store.extractors import make_extractor
    from frontwatch.store.queries import ledger_counts
    from frontwatch.store.reextract import reextract

    engine = open_engine(args.db, create=False)
    extractor = make_extractor(args.workers)
    try:
        with _progress_bar(ledger_counts(engine)["articles"], "reextract") as bar:
            summary = reextract(engine, extractor, batch_size=args.batch_size * max(1, args.workers), progress=bar.update)
    finally:
        extractor.close()
    print(summary.line(), file=sys.stderr)
    return 0


def run_export(args) -> int:
    filters = EventFilters.from_params(**{name: getattr(args, name) for name in FILTER_OPTIONS},
                                       include_hidden=args.include_hidden)
    engine = open_engine(args.db, create=False)
    if args.format == "parquet" and not args.output:
        raise InputError("--output", "Parquet is a binary file format: give --output FILE")
    if args.output:
        path = Path(args.output)
        if path.parent and not path.parent.exists():
            raise InputError(args.output, "its directory does not exist")
        stream_context = path.open("wb")
    else:
        stream_context = contextlib.nullcontext(sys.stdout.buffer)
    with stream_context as stream:
        count = write_events(iter_events(engine, filters), args.format, stream)
    print(f"exported {count} events ({args.format})", file=sys.stderr)
    return 0


def run_token_create(args) -> int:
    from frontwatch.store.tokens import create_token

    print(create_token(open_engine(args.db), args.name))
    return 0


def run_token_list(args) -> int:
    from frontwatch.store.tokens import list_tokens

    for token in list_tokens(open_engine(args.db, create=False)):
        state = f"revoked {token['revoked_at']:%Y-%m-%d}" if token["revoked_at"] else "active"
        used = f"{token['last_used_at']:%Y-%m-%d %H:%M}" if token["last_used_at"] else "never"
        print(f"{token['id']}\t{token['name']}\t{state}\tcreated {token['created_at']:%Y-%m-%d}\tlast used {used}")
    return 0


def run_token_revoke(args) -> int:
    from frontwatch.store.tokens import revoke_token

    if not revoke_token(open_engine(args.db, create=False), args.id):
        raise InputError(f"token {args.id}", "no such active token")
    print(f"revoked token {args.id}", file=sys.stderr)
    return 0
