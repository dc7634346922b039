"""One ledger event per real event: attach each article's report to a matching event or start a new one.

Two reports describe the same event when all of these hold:
- same ACLED event type (sub-event types may differ: one outlet's "Armed clash" is another's
  "Government regains territory" for the same fight);
- the same place, both located at settlement level or finer (ACLED geo_precision 1-2; reports placed
  only in a region or country never merge): the same GeoNames id, or points within MERGE_KM; with no
  coordinates, the same normalised place name (geo.names.normalize folds spellings such as
  Velykyi/Velikiy Burluk);
- dates within MERGE_DAYS of each other (the merged span stays within MAX_SPAN_DAYS so chains of
  one-day steps cannot drift); vague dates (a month, "since March") only merge with the same range;
- compatible actors: the known sides of one are a subset of the other's (RU vs UA does not merge with a
  strike attributed to UA alone);
- compatible numbers: fatality figures within a factor of MAX_FATALITY_RATIO (early and late counts of one
  strike differ; 3 and 300 are different events) and the same territorial outcome;
- not from the same article (the extractor already split that article's events apart), and both
  cumulative tolls or both single events.

The event's fields are then re-derived from all its reports (`recompute_event`), so the result does not
depend on which report came first, and every report keeps its own claims: nothing is averaged.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Optional
from urllib.parse import urlsplit

from sqlalchemy import Connection, bindparam, select

from frontwatch.formats import DISORDER_TYPE, acled_row, country_of_iso
from frontwatch.geo.gazetteer import haversine_km
from frontwatch.geo.names import normalize
from frontwatch.store.fixes import apply_fix
from frontwatch.store.schema import claims, corrections, events, place_mentions, places, reports

MERGE_DAYS = 1
MAX_SPAN_DAYS = 3
VAGUE_DAYS = 7  # a report dated to a wider range than this is "vague"
MERGE_KM = 5.0  # a settlement and its districts; GeoNames points of one town lie within this
MAX_FATALITY_RATIO = 5.0
_UNKNOWN_SIDES = {None, "", "unknown"}
# Columns that come from the place: taken together from one report, never mixed across reports.
_PLACE_COLUMNS = ("geonameid", "location", "latitude", "longitude", "geo_precision", "country", "iso", "admin1",
                  "admin2")


def outlet_of(source: Optional[str], url: Optional[str]) -> Optional[str]:
    """The outlet that published an article: its declared source, else its web domain."""
    if source and source.strip():
        name = source.strip().lower()
        return name[4:] if name.startswith("www.") else name
    if url:
        host = (urlsplit(url).hostname or "").lower()
        return (host[4:] if host.startswith("www.") else host) or None
    return None


def _date(value: Any) -> Optional[dt.date]:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def report_row(event: dict, article_id: int, outlet: Optional[str]) -> dict:
    """The reports-table row for one extracted event (the contract's JSON)."""
    event_date = _date(event.get("event_date"))
    date_start = _date(event.get("date_start")) or event_date
    date_end = _date(event.get("date_end")) or date_start
    return {
        "article_id": article_id, "article_event_id": event.get("event_id"), "outlet": outlet,
        "event_date": event_date, "date_start": date_start, "date_end": date_end,
        "time_precision": event.get("time_precision"), "event_type": event["event_type"],
        "sub_event_type": event["sub_event_type"], "geonameid": event.get("geonameid"),
        "location": event.get("location"), "latitude": event.get("latitude"), "longitude": event.get("longitude"),
        "geo_precision": event.get("geo_precision"), "side1": event.get("side1"), "side2": event.get("side2"),
        "fatalities_low": event.get("fatalities_low"), "fatalities_best": event.get("fatalities_best"),
        "fatalities_high": event.get("fatalities_high"), "confidence": event.get("confidence"), "data": event,
    }


def _known_sides(row) -> set[str]:
    return {side for side in (row.side1, row.side2) if side not in _UNKNOWN_SIDES}


def _fatality_range(row) -> Optional[tuple[int, int]]:
    low = row.fatalities_low if row.fatalities_low is not None else row.fatalities_best
    high = row.fatalities_high if row.fatalities_high is not None else row.fatalities_best
    if low is None and high is None:
        return None
    low = low if low is not None else high
    high = high if high is not None else low
    return (low, high) if high > 0 else None


def _numbers_compatible(a, b) -> bool:
    range_a, range_b = _fatality_range(a), _fatality_range(b)
    if range_a is None or range_b is None:
        return True
    if range_a[0] <= range_b[1] and range_b[0] <= range_a[1]:
        return True
    small, large = sorted((max(range_a[0], 1), max(range_b[0], 1)))
    return large / small <= MAX_FATALITY_RATIO


def _place_distance(a, b) -> Optional[float]:
    """km between two rows' places; 0 for the same record or name; None when they cannot be the same place."""
    if (a.geo_precision or 1) > 2 or (b.geo_precision or 1) > 2:
        # Located only to a region or a country: two such reports on one day are as likely two events as one
        # (on the war-articles + headline corpora this lumped up to 8 reports per "Armed clash, Ukraine").
        return None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 0.0
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        return km if km <= MERGE_KM else None
    if a.latitude is None and b.latitude is None and a.location and b.location:
        return 0.0 if normalize(a.location) == normalize(b.location) else None
    return None


def _dates_compatible(report, event) -> Optional[int]:
    """Days between the two, or None when they cannot be the same event."""
    if None in (report.date_start, report.date_end, event.date_start, event.date_end):
        return None
    vague = ((report.date_end - report.date_start).days > VAGUE_DAYS
             or (event.date_end - event.date_start).days > VAGUE_DAYS)
    if vague:
        same = report.date_start == event.date_start and report.date_end == event.date_end
        return 0 if same else None
    gap = max((report.date_start - event.date_end).days, (event.date_start - report.date_end).days, 0)
    span = (max(report.date_end, event.date_end) - min(report.date_start, event.date_start)).days
    return gap if gap <= MERGE_DAYS and span <= MAX_SPAN_DAYS else None


def _sides_compatible(a, b) -> bool:
    sides_a, sides_b = _known_sides(a), _known_sides(b)
    return not sides_a or not sides_b or sides_a <= sides_b or sides_b <= sides_a


def _territory_compatible(report_data: dict, event) -> bool:
    territory = report_data.get("territory") or {}
    return not territory.get("to") or not event.territory_to or territory["to"] == event.territory_to


# Hot-path statements built once: building SQLAlchemy expressions per report cost more than the queries.
_INSERT_EVENT = events.insert()
_UPDATE_EVENT = events.update().where(events.c.id == bindparam("row_id"))
_INSERT_REPORT = reports.insert()
_CANDIDATES = select(events).where(events.c.event_type == bindparam("event_type"),
                                   events.c.date_start.between(bindparam("earliest"), bindparam("latest"))
                                   ).order_by(events.c.id)
_SAME_ARTICLE = select(reports.c.id).where(reports.c.event_id == bindparam("event_id"),
                                           reports.c.article_id == bindparam("article_id")).limit(1)
_FIRST_REPORT = select(reports.c.data).where(reports.c.event_id == bindparam("event_id")).order_by(reports.c.id).limit(1)
_REPORTS_OF = select(reports).where(reports.c.event_id == bindparam("event_id")).order_by(reports.c.id)
_CLAIMS_OF = select(claims).where(claims.c.event_id == bindparam("event_id")).order_by(claims.c.id)
_FIXES_OF = select(corrections.c.fix).where(corrections.c.event_id == bindparam("event_id"),
                                            corrections.c.status == "accepted").order_by(corrections.c.id)
_SPELLINGS = (select(place_mentions.c.text).where(place_mentions.c.geonameid == bindparam("geonameid"))
              .distinct().order_by(place_mentions.c.text).limit(30))


class _Row:
    """Attribute access over a dict, so reports and events go through the same comparisons."""

    def __init__(self, values: dict):
        self.__dict__.update(values)


def find_match(conn: Connection, report: dict) -> Optional[int]:
    """The ledger event this report describes, or None."""
    if report["date_start"] is None:
        return None
    # A compatible event ends at most MERGE_DAYS before this report starts and spans at most MAX_SPAN_DAYS
    # (a vague one starts on the same day), so its start lies in [start - span - gap, end + span]: a
    # bounded range scan on ix_events_match instead of every earlier event of the type.
    earliest = report["date_start"] - dt.timedelta(days=MAX_SPAN_DAYS + MERGE_DAYS)
    latest = report["date_end"] + dt.timedelta(days=MAX_SPAN_DAYS)
    candidates = conn.execute(_CANDIDATES, {"event_type": report["event_type"], "earliest": earliest,
                                            "latest": latest}).all()
    if not candidates:
        return None
    wanted = _Row(report)
    best: Optional[tuple] = None
    for event in candidates:
        place_km = _place_distance(wanted, event)
        if place_km is None:
            continue
        days = _dates_compatible(wanted, event)
        if days is None or not _sides_compatible(wanted, event) or not _numbers_compatible(wanted, event):
            continue
        if not _territory_compatible(report["data"], event):
            continue
        if conn.execute(_SAME_ARTICLE, {"event_id": event.id, "article_id": report["article_id"]}).first():
            continue
        first = conn.execute(_FIRST_REPORT, {"event_id": event.id}).scalar()
        if bool((first or {}).get("cumulative")) != bool(report["data"].get("cumulative")):
            continue  # a running toll ("since February") is not the day's event, even at the same place
        key = (place_km, days, event.sub_event_type != report["sub_event_type"], event.id)
        if best is None or key < best:
            best = key
    return best[-1] if best else None


def attach_report(conn: Connection, event: dict, article_id: int, outlet: Optional[str], now: dt.datetime,
                  reuse_ids: Optional[dict] = None) -> int:
    """Store one extracted event as a report of a (new or existing) ledger event; returns the ledger id.

    `reuse_ids` (re-extraction): (article id, extracted event id) -> the ledger id that report had before;
    a new event takes that id when it is free, so links to events stay valid across re-extraction.
    """
    report = report_row(event, article_id, outlet)
    event_id = find_match(conn, report)
    if event_id is None:
        values = dict(event_type=report["event_type"], sub_event_type=report["sub_event_type"], fatalities=0,
                      n_sources=0, n_reports=0, hidden=False, corrected=False, created_at=now, updated_at=now,
                      date_start=report["date_start"], date_end=report["date_end"])
        previous = (reuse_ids or {}).pop((article_id, report["article_event_id"]), None)
        if previous is not None and conn.execute(select(events.c.id).where(events.c.id == previous)).first() is None:
            values["id"] = previous
        event_id = conn.execute(_INSERT_EVENT, values).inserted_primary_key[0]
        iso3 = (country_of_iso(event.get("iso")) or {}).get("iso3") or "XXX"
        conn.execute(_UPDATE_EVENT, {"row_id": event_id, "event_id_cnty": f"{iso3}{event_id}"})
    report_id = conn.execute(_INSERT_REPORT, {"event_id": event_id, **report}).inserted_primary_key[0]
    claim_rows = [{
        "report_id": report_id, "event_id": event_id, "article_id": article_id,
        "claimant": claim.get("claimant"), "claimant_role": claim.get("claimant_role"),
        "claimant_side": claim.get("claimant_side"), "quote": claim.get("quote") or "",
        "start": claim.get("start", 0), "end": claim.get("end", 0), "hedges": claim.get("hedges") or [],
        "reported_date": _date(claim.get("reported_date")),
    } for claim in event.get("claims") or []]
    if claim_rows:
        conn.execute(claims.insert(), claim_rows)
    recompute_event(conn, event_id, now)
    return event_id


def _most_common(values: list, tie_order: list) -> Any:
    """The most frequent value; ties go to the one that comes first in `tie_order`."""
    counts = Counter(values)
    if not counts:
        return None
    top = max(counts.values())
    for value in tie_order:
        if counts.get(value) == top:
            return value
    return None


def aggregate(report_rows: list, claim_rows: list) -> dict:
    """The ledger event's columns from its reports (ordered by id)."""
    datas = [row.data for row in report_rows]
    by_confidence = sorted(report_rows, key=lambda r: (-(r.confidence or 0), r.id))
    # Place: the most precise report (lowest geo_precision), then the most confident.
    located = [r for r in report_rows if r.latitude is not None] or report_rows
    place_report = min(located, key=lambda r: (r.geo_precision or 9, -(r.confidence or 0), r.id))
    place_data = place_report.data
    sub_types = [r.sub_event_type for r in by_confidence]
    sub_event_type = _most_common(sub_types, sub_types)
    # Date: the most common day among the most precise reports; ties to the earliest.
    precise = min((r.time_precision or 3) for r in report_rows)
    days = sorted(r.event_date for r in report_rows if (r.time_precision or 3) == precise and r.event_date)
    event_date = _most_common(days, days)
    starts = [r.date_start for r in report_rows if r.date_start]
    ends = [r.date_end for r in report_rows if r.date_end]
    def actors_of(report) -> tuple:
        data = report.data
        return (data.get("actor1"), data.get("actor2"), report.side1, report.side2, data.get("inter1"),
                data.get("inter2"))

    actors = [actors_of(r) for r in report_rows if r.data.get("actor1")]
    confident_actors = [actors_of(r) for r in by_confidence if r.data.get("actor1")]
    actor1, actor2, side1, side2, inter1, inter2 = (_most_common(actors, confident_actors)
                                                    or (None, None, None, None, None, None))
    if side1 is None:
        side1, side2 = by_confidence[0].side1, by_confidence[0].side2
    # Numbers: ACLED codes the most conservative report; the full range of figures is kept beside it.
    figures = [r for r in report_rows if r.fatalities_best is not None or (r.data.get("fatalities") or 0) > 0]
    bests = [r.fatalities_best if r.fatalities_best is not None else r.data.get("fatalities") for r in figures]
    lows = [r.fatalities_low for r in figures if r.fatalities_low is not None] or bests
    highs = [r.fatalities_high for r in figures if r.fatalities_high is not None] or bests
    territories = [((d.get("territory") or {}).get("from"), (d.get("territory") or {}).get("to"))
                   for d in datas if (d.get("territory") or {}).get("to")]
    territory = _most_common(territories, territories) or (None, None)
    outlets = sorted({r.outlet for r in report_rows if r.outlet})
    # An article of unknown outlet counts as a source of its own (but names none).
    independent = {r.outlet or ("unknown outlet", r.article_id) for r in report_rows}
    # Independent sources corroborate: noisy-or over each outlet's most confident report.
    outlet_confidence: dict = {}
    for r in report_rows:
        key = r.outlet or ("unknown outlet", r.article_id)
        outlet_confidence[key] = max(outlet_confidence.get(key, 0.0), r.confidence or 0.0)
    doubt = 1.0
    for value in outlet_confidence.values():
        doubt *= 1.0 - min(value, 0.99)
    civilian = next((d.get("civilian_targeting") for d in datas if d.get("civilian_targeting")), None)
    event_type = next(r.event_type for r in report_rows if r.sub_event_type == sub_event_type)
    values = {
        "event_date": event_date, "year": event_date.year if event_date else None, "time_precision": precise,
        "event_type": event_type, "sub_event_type": sub_event_type,
        "disorder_type": DISORDER_TYPE.get(event_type),
        "actor1": actor1, "actor2": actor2, "side1": side1, "side2": side2, "civilian_targeting": civilian,
        "inter1": inter1, "inter2": inter2, "interaction": None,
        "region": None, "admin3": None,
        "source": "; ".join(outlets) or None, "source_scale": _source_scale(outlets, place_data.get("iso")),
        "notes": by_confidence[0].data.get("notes"),
        "fatalities": min(bests) if bests else 0,
        "fatalities_low": min(lows) if lows else None, "fatalities_best": min(bests) if bests else None,
        "fatalities_high": max(highs) if highs else None,
        "date_start": min(starts) if starts else None, "date_end": max(ends) if ends else None,
        "territory_from": territory[0], "territory_to": territory[1],
        "confidence": round(1.0 - doubt, 4), "n_sources": len(independent), "n_reports": len(report_rows),
        "sources": outlets, "hidden": False, "corrected": False,
    }
    for column in _PLACE_COLUMNS:
        values[column] = place_data.get(column)
    derived = acled_row(values)  # inter codes, interaction and region from the values above
    for column in ("inter1", "inter2", "interaction", "region"):
        values[column] = derived[column]
    # Every report's notes and every claim: a search finds the event by any outlet's wording.
    notes = dict.fromkeys(d.get("notes") for d in datas if d.get("notes"))
    quotes = dict.fromkeys(f"{c.claimant or ''} {c.quote}" for c in claim_rows)
    values["search_text"] = " ".join(str(part) for part in (
        *notes, actor1, actor2, values["location"], values["admin1"], event_type, sub_event_type,
        values["source"], *quotes) if part)
    return values


def _source_scale(outlets: list[str], iso: Optional[int]) -> Optional[str]:
    """ACLED's source scale from the outlets' web domains: national when on the event country's domain."""
    country = country_of_iso(iso)
    if not country or not outlets:
        return None
    national_suffix = country["tld"]
    kinds = {"National" if outlet.endswith(national_suffix) else "International"
             for outlet in outlets if "." in outlet}
    if not kinds:
        return None
    return "-".join(sorted(kinds, key=("National", "International").index))


def place_lookup(conn: Connection):
    """geonameid -> place dict, from the ledger's places, else from the gazetteer."""
    def lookup(geonameid: int) -> Optional[dict]:
        row = conn.execute(select(places).where(places.c.geonameid == geonameid)).first()
        if row is not None:
            return dict(row._mapping)
        from frontwatch.geo.gazetteer import Gazetteer

        record = Gazetteer.open().get(geonameid)
        if record is None:
            return None
        return {"geonameid": record.geonameid, "name": record.name, "latitude": record.latitude,
                "longitude": record.longitude, "admin1": record.admin1, "admin2": record.admin2}
    return lookup


def recompute_event(conn: Connection, event_id: int, now: dt.datetime) -> dict:
    """Re-derive a ledger event from its reports, then re-apply its accepted corrections in order."""
    report_rows = conn.execute(_REPORTS_OF, {"event_id": event_id}).all()
    if not report_rows:
        conn.execute(events.delete().where(events.c.id == event_id))
        return {}
    claim_rows = conn.execute(_CLAIMS_OF, {"event_id": event_id}).all()
    values = aggregate(report_rows, claim_rows)
    fixes = conn.execute(_FIXES_OF, {"event_id": event_id}).scalars().all()
    lookup = place_lookup(conn)
    for fix in fixes:
        if fix:
            apply_fix(values, fix, lookup)
    if values.get("geonameid") is not None:
        # Every spelling the ingested articles used for this place (Izium, Izyum, Изюм): q= finds them all.
        spellings = conn.execute(_SPELLINGS, {"geonameid": values["geonameid"]}).scalars().all()
        values["search_text"] = " ".join([values["search_text"], *spellings])
    values["timestamp"] = int(now.timestamp())
    values["updated_at"] = now
    conn.execute(_UPDATE_EVENT, {**values, "row_id": event_id})
    return values
