"""`frontwatch extract`: articles in, attributed and geolocated events out (no ledger involved).

Output formats: `json` (the output contract; one pretty object for one input, JSON Lines for several),
`geojson` (every event of every article as a feature) and `csv` (ACLED's columns, then ours).
Inputs that fail are listed on stderr with their reason; the exit code is non-zero only when nothing
could be processed, so one bad file does not sink a batch.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import BinaryIO

from frontwatch import formats
from frontwatch.errors import FrontwatchError, InputError
from frontwatch.ingest.csv_columns import parse_csv_columns
from frontwatch.ingest.readers import ReadOptions, read_sources

OUTPUT_FORMATS = ("json", "geojson", "csv")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract events, places, numbers and claims from articles",
        description="Read articles (.txt, .html, directories, '-' for stdin, --jsonl FILE, CSV, URLs) and print "
                    "what they report: places, events in ACLED's ontology, numbers with claimants.")
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="file, directory, URL or '-' for stdin")
    parser.add_argument("--jsonl", action="append", default=[], metavar="FILE",
                        help="JSON Lines input: one object per line with id, text or html, and optional "
                             "published, url, source ('-' for stdin); may be repeated")
    parser.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                        help="publication date (the base for relative dates and the year)")
    parser.add_argument("--url", help="the page's URL (single input only)")
    parser.add_argument("--source", help="the outlet, e.g. 'Kyiv Post'")
    parser.add_argument("--csv-columns", type=parse_csv_columns, metavar="SPEC",
                        help="CSV column mapping such as text=title,published=date,url=url,source=site")
    parser.add_argument("--allow-private", action="store_true",
                        help="let URLs resolve to private or loopback addresses")
    parser.add_argument("--format", choices=OUTPUT_FORMATS, default="json")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(func=run)


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def run(args: argparse.Namespace) -> int:
    if not args.inputs and not args.jsonl:
        raise FrontwatchError("no input: give a file, a directory, a URL, '-' for stdin or --jsonl FILE")
    options = ReadOptions(published=args.published, url=args.url, source=args.source,
                          csv_mapping=args.csv_columns, allow_private=args.allow_private)
    items = list(read_sources(args.inputs, options))
    if args.jsonl:
        items += list(read_sources(args.jsonl, ReadOptions(published=args.published, source=args.source, jsonl=True)))
    failures = [item for item in items if isinstance(item, InputError)]
    documents = [item for item in items if not isinstance(item, InputError)]

    from frontwatch.pipeline import Failure, shared_pipeline  # loads spaCy: only once there is work to do

    results = []
    if documents:
        for result in shared_pipeline().pipe(documents):
            if isinstance(result, Failure):
                failures.append(InputError(result.origin, result.error))
            else:
                results.append(result.as_json())

    single = len(items) == 1 and not args.jsonl and not any(is_batch_source(source) for source in args.inputs)
    with (open(args.output, "wb") if args.output else nullcontext(sys.stdout.buffer)) as out:
        write_results(results, args.format, out, single)

    for failure in failures:
        print(f"frontwatch: failed: {failure}", file=sys.stderr)
    if failures:
        print(f"frontwatch: {len(results)} processed, {len(failures)} failed", file=sys.stderr)
    return 0 if results else 1


def is_batch_source(source: str) -> bool:
    """A directory, JSONL or CSV input stands for many articles: its output is JSON Lines even when it holds one."""
    path = Path(source)
    return path.is_dir() or path.suffix.lower() in {".jsonl", ".csv"}


def write_results(results: list[dict], fmt: str, out: BinaryIO, single: bool) -> None:
    if fmt == "json":
        if single and len(results) == 1:
            out.write(json.dumps(results[0], ensure_ascii=False, indent=2).encode() + b"\n")
        else:
            for result in results:
                out.write(json.dumps(result, ensure_ascii=False).encode() + b"\n")
        return
    events = [dict(event, article_id=result["id"], source=event.get("source") or result["article"]["source"])
              for result in results for event in result["events"]]
    formats.write_events(events, "geojson" if fmt == "geojson" else "acled-csv", out)
