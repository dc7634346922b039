"""`frontwatch control`: a snapshot for one day, one settlement's timeline, or the changes in a period."""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time

from frontwatch.errors import FrontwatchError

CSV_COLUMNS = ("date", "geonameid", "name", "latitude", "longitude", "from", "to", "status", "confidence", "sources")
SNAPSHOT_COLUMNS = ("date", "geonameid", "name", "latitude", "longitude", "control", "since", "status", "confidence", "sources")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "control", help="territorial control from the ledger: snapshot, timeline, changes",
        description="Settlement control derived from the ledger's reports, with the evidence for every change.")
    parser.add_argument("--db", help="ledger: SQLAlchemy URL or SQLite file (default FRONTWATCH_DB or var/frontwatch.sqlite)")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--date", help="snapshot on this day (YYYY-MM-DD): status counts; areas + front line with --format "
                                     "geojson; settlements with evidence and their status with --format csv")
    what.add_argument("--place", help="the timeline of one settlement (any GeoNames name)")
    what.add_argument("--changes", action="store_true", help="every change between --from and --to")
    parser.add_argument("--from", dest="start", help="first day of --changes (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", help="last day of --changes (YYYY-MM-DD)")
    parser.add_argument("--confirmed", action="store_true", help="only confirmed changes (--changes)")
    parser.add_argument("--format", choices=("text", "csv", "geojson", "json"), default=None,
                        help="output: csv (default for --changes), geojson, json (default for --place) or text (default for --date)")
    parser.add_argument("--output", "-o", help="write to this file instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from frontwatch.control.ledger import ledger_statements
    from frontwatch.store import open_engine

    engine = open_engine(args.db)
    started = time.perf_counter()
    statements = ledger_statements(engine)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.date is not None:
            return _snapshot(args, statements, out, started)
        if args.place is not None:  # an empty --place is an error of its own, not a request for --changes
            return _timeline(args, statements, out)
        return _changes(args, statements, out)
    finally:
        if args.output:
            out.close()


def _snapshot(args, statements, out, started) -> int:
    from frontwatch.control.service import snapshot_areas, snapshot_points
    from frontwatch.store.queries import parse_day

    day = parse_day("--date", args.date)
    if args.format == "csv":  # one row per settlement with evidence: status on the day and since when
        writer = csv.writer(out)
        writer.writerow(SNAPSHOT_COLUMNS)
        for feature in snapshot_points(statements, day)["features"]:
            p = feature["properties"]
            longitude, latitude = feature["geometry"]["coordinates"]
            writer.writerow([day.isoformat(), p["geonameid"], p["name"], f"{latitude:.5f}", f"{longitude:.5f}", p["status"],
                             p["since"], p["evidence_status"], f"{p['confidence']:.3f}", ";".join(p["sources"])])
        return 0
    areas = snapshot_areas(statements, day)
    seconds = time.perf_counter() - started
    if args.format in ("geojson", "json"):
        json.dump(areas, out, ensure_ascii=False)
        out.write("\n")
    else:
        counts = areas["settlements"]
        front = next(f for f in areas["features"] if f["properties"]["kind"] == "front_line")
        print(f"{day}: " + ", ".join(f"{status} {count}" for status, count in counts.items())
              + f" settlements; front line {front['properties']['length_km']} km; {seconds:.2f} s", file=out)
    return 0


def _timeline(args, statements, out) -> int:
    from frontwatch.control.service import timeline

    found = timeline(statements, place=args.place)
    if not found:
        raise FrontwatchError(f"--place {args.place!r}: no control reports about a settlement of that name in the ledger")
    if args.format == "text":
        for item in found:
            print(f"{item['name']} ({item['geonameid']}): now {item['status_now']}", file=out)
            for change in item["changes"]:
                print(f"  {change['date']} {change['from_status']} -> {change['to_status']} [{change['status']}, "
                      f"{change['confidence']:.2f}] {', '.join(change['sources'])}", file=out)
                for evidence in change["evidence"][:3]:
                    print(f"      \"{evidence['quote'][:160]}\"", file=out)
    else:
        json.dump(found, out, ensure_ascii=False, indent=1)
        out.write("\n")
    return 0


def _changes(args, statements, out) -> int:
    from frontwatch.store.queries import parse_day
    from frontwatch.control.timeline import derive_changes

    start = parse_day("--from", args.start) if args.start else None
    end = parse_day("--to", args.end) if args.end else None
    if start and end and start > end:
        raise FrontwatchError(f"--from {start} is after --to {end}")
    changes = derive_changes(statements, start, end, confirmed_only=args.confirmed)
    if args.format in ("geojson", "json"):
        features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [c.longitude, c.latitude]},
                     "properties": {"date": c.date.isoformat(), "geonameid": c.geonameid, "name": c.name,
                                    "from": c.from_status, "to": c.to_status, "status": c.status,
                                    "confidence": c.confidence, "sources": c.sources, "evidence": c.evidence}}
                    for c in changes]
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        out.write("\n")
        return 0
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for c in changes:
        writer.writerow([c.date.isoformat(), c.geonameid, c.name, f"{c.latitude:.5f}", f"{c.longitude:.5f}",
                         c.from_status, c.to_status, c.status, f"{c.confidence:.3f}", ";".join(c.sources)])
    return 0
