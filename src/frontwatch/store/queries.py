"""Reading the ledger: the query API that `export`, the HTTP API and the control timeline call.

    engine = store.open_engine(url)                       # url None -> FRONTWATCH_DB / var/frontwatch.sqlite
    filters = EventFilters.from_params(start="2022-09-01", bbox="36,49,38,50", q="Izium")
    page = search_events(engine, filters, limit=1000, offset=0)   # list of event dicts, newest first
    total = count_events(engine, filters)
    event = get_event(engine, 17)          # + reports (one per article), claims, evidence, corrections
    article = get_article(engine, 3)       # + text, places, the spans each event came from
    places = search_places(engine, "izi")  # places the ledger knows, with event counts

Every dict is JSON-ready (dates as ISO strings). Event dicts carry ACLED's columns in ACLED's order
(formats.ACLED_COLUMNS) then ours (formats.OUR_COLUMNS) and `id`. Invalid filter values raise InputError
naming the parameter.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any, Optional

from sqlalchemy import Engine, and_, func, literal_column, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from frontwatch.errors import InputError
from frontwatch.store.schema import articles, claims, correction_history, corrections, events, place_mentions, places, reports

# Columns never shown: internal search helpers.
_HIDDEN_COLUMNS = {"search_text", "hidden"}
EVENT_COLUMNS = [c for c in events.c if c.name not in _HIDDEN_COLUMNS]


@dataclass
class EventFilters:
    """The filters of `GET /api/events` and `frontwatch export` (all optional, combined with AND).

    start/end: event_date range (inclusive). bbox: (west, south, east, north) in degrees.
    admin1, event_type, sub_event_type, side: any of the listed values (exact).
    actor: case-insensitive substring of actor1/actor2/assoc actors. source: substring of an outlet.
    q: full-text search over notes, actors, place, type, outlets and claim quotes (every word must match).
    """

    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    bbox: Optional[tuple[float, float, float, float]] = None
    admin1: list[str] = field(default_factory=list)
    event_type: list[str] = field(default_factory=list)
    sub_event_type: list[str] = field(default_factory=list)
    actor: Optional[str] = None
    side: list[str] = field(default_factory=list)
    source: Optional[str] = None
    q: Optional[str] = None
    include_hidden: bool = False  # events a moderator marked "not an event"

    @classmethod
    def from_params(cls, **params: Any) -> "EventFilters":
        """Build from strings as they come from a query string or the command line.

        Multi-valued filters accept a list or a comma-separated string. Unknown names raise InputError.
        """
        known = {f.name for f in fields(cls)}
        unknown = set(params) - known
        if unknown:
            raise InputError("filters", f"unknown filter(s): {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for name, value in params.items():
            if value is None or value == "" or value == []:
                continue
            if name in ("start", "end"):
                values[name] = parse_day(name, value)
            elif name == "bbox":
                values[name] = _parse_bbox(value)
            elif name in ("admin1", "event_type", "sub_event_type", "side"):
                items = value if isinstance(value, (list, tuple)) else str(value).split(",")
                values[name] = [item.strip() for item in items if str(item).strip()]
            elif name == "include_hidden":
                values[name] = bool(value)
            else:
                values[name] = str(value).strip() or None
        filters = cls(**values)
        if filters.start and filters.end and filters.start > filters.end:
            raise InputError("start", f"start {filters.start} is after end {filters.end}")
        return filters


def parse_day(name: str, value: Any) -> dt.date:
    """A filter's day: a date, or its ISO form; anything else is an InputError naming the parameter."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(name, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _parse_bbox(value: Any) -> tuple[float, float, float, float]:
    parts = value if isinstance(value, (list, tuple)) else str(value).split(",")
    try:
        west, south, east, north = (float(part) for part in parts)
    except (TypeError, ValueError):
        raise InputError("bbox", f"{value!r} is not west,south,east,north in degrees") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        raise InputError("bbox", f"{value!r} is outside -180..180 / -90..90")
    if west > east or south > north:
        raise InputError("bbox", f"{value!r}: west must not exceed east, nor south north")
    return west, south, east, north


_WORD = re.compile(r"\w+", re.UNICODE)


def filter_conditions(engine: Engine, filters: EventFilters) -> list[ColumnElement]:
    """SQL conditions on the events table for these filters (shared by the lists, counts and the map feed)."""
    c = events.c
    conditions: list[ColumnElement] = []
    if not filters.include_hidden:
        conditions.append(c.hidden.is_(False))
    if filters.start:
        conditions.append(c.event_date >= filters.start)
    if filters.end:
        conditions.append(c.event_date <= filters.end)
    for name in ("admin1", "event_type", "sub_event_type"):
        wanted = getattr(filters, name)
        if wanted:
            conditions.append(c[name].in_(wanted))
    if filters.side:
        conditions.append(or_(c.side1.in_(filters.side), c.side2.in_(filters.side)))
    if filters.actor:
        pattern = f"%{_escape_like(filters.actor.lower())}%"
        conditions.append(or_(*(func.lower(c[name]).like(pattern, escape="\\")
                                for name in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"))))
    if filters.source:
        conditions.append(func.lower(c.source).like(f"%{_escape_like(filters.source.lower())}%", escape="\\"))
    dialect = engine.dialect.name
    if filters.bbox:
        west, south, east, north = filters.bbox
        box = {"w": west, "s": south, "e": east, "n": north}
        if dialect == "postgresql":
            conditions.append(literal_column("events.geom").op("&&")(
                text("ST_MakeEnvelope(:w, :s, :e, :n, 4326)").bindparams(**box)))
        else:
            conditions.append(c.id.in_(text(
                "SELECT id FROM events_rtree WHERE min_lon >= :w AND max_lon <= :e "
                "AND min_lat >= :s AND max_lat <= :n").bindparams(**box).columns(id=events.c.id.type)))
    if filters.q:
        words = _WORD.findall(filters.q)
        if not words:
            raise InputError("q", f"{filters.q!r} has no words to search for")
        if dialect == "postgresql":
            conditions.append(literal_column("events.search_tsv").op("@@")(
                func.plainto_tsquery("english", " ".join(words))))
        else:
            # Each word quoted: user text never reaches FTS5's query syntax.
            match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
            conditions.append(c.id.in_(text("SELECT rowid FROM events_fts WHERE events_fts MATCH :match")
                                       .bindparams(match=match).columns(rowid=events.c.id.type)))
    return conditions


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _json_ready(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def event_dict(row) -> dict:
    mapping = row._mapping
    return {column.name: _json_ready(mapping[column.name]) for column in EVENT_COLUMNS}


def search_events(engine: Engine, filters: EventFilters | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
    """One page of ledger events matching `filters`, newest event_date first (then id)."""
    if limit < 0 or offset < 0:
        raise InputError("limit/offset", "must not be negative")
    filters = filters or EventFilters()
    query = (select(*EVENT_COLUMNS).where(and_(True, *filter_conditions(engine, filters)))
             .order_by(events.c.event_date.desc().nulls_last(), events.c.id.desc()).limit(limit).offset(offset))
    with engine.connect() as conn:
        return [event_dict(row) for row in conn.execute(query)]


def count_events(engine: Engine, filters: EventFilters | None = None) -> int:
    filters = filters or EventFilters()
    query = select(func.count()).select_from(events).where(and_(True, *filter_conditions(engine, filters)))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def iter_events(engine: Engine, filters: EventFilters | None = None, chunk: int = 2000) -> Iterator[dict]:
    """Every matching event in id order, read in chunks by keyset (memory stays flat on large ledgers)."""
    filters = filters or EventFilters()
    conditions = filter_conditions(engine, filters)
    last_id = 0
    while True:
        query = (select(*EVENT_COLUMNS).where(and_(events.c.id > last_id, *conditions))
                 .order_by(events.c.id).limit(chunk))
        with engine.connect() as conn:
            rows = [event_dict(row) for row in conn.execute(query)]
        yield from rows
        if len(rows) < chunk:
            return
        last_id = rows[-1]["id"]


def _row_dict(row, skip: tuple[str, ...] = ()) -> dict:
    return {key: _json_ready(value) for key, value in row._mapping.items() if key not in skip}


def get_event(engine: Engine, event_id: int, include_hidden: bool = True) -> Optional[dict]:
    """A ledger event with every report (article, outlet, extracted event), claim and accepted correction."""
    with engine.connect() as conn:
        row = conn.execute(select(*EVENT_COLUMNS, events.c.hidden).where(events.c.id == event_id)).first()
        if row is None or (row.hidden and not include_hidden):
            return None
        event = event_dict(row)
        event["hidden"] = bool(row.hidden)
        report_rows = conn.execute(
            select(reports, articles.c.url, articles.c.title, articles.c.published)
            .join(articles, articles.c.id == reports.c.article_id)
            .where(reports.c.event_id == event_id).order_by(reports.c.id)).all()
        claim_rows = conn.execute(select(claims).where(claims.c.event_id == event_id)
                                  .order_by(claims.c.report_id, claims.c.start)).all()
        # Only accepted corrections: what changed the event. Pending reports are for moderators (store.corrections).
        correction_rows = conn.execute(select(corrections).where(corrections.c.event_id == event_id,
                                                                 corrections.c.status == "accepted")
                                       .order_by(corrections.c.id)).all()
    claims_by_report: dict[int, list[dict]] = {}
    for claim in claim_rows:
        claims_by_report.setdefault(claim.report_id, []).append(_row_dict(claim, skip=("event_id",)))
    event["reports"] = []
    for report in report_rows:
        data = report.data or {}
        event["reports"].append({
            "id": report.id, "article_id": report.article_id, "url": report.url, "title": report.title,
            "published": _json_ready(report.published), "outlet": report.outlet,
            "event": data, "evidence": data.get("evidence", []), "quantities": data.get("quantities", []),
            "claims": claims_by_report.get(report.id, []),
        })
    event["claims"] = [claim for report in event["reports"] for claim in report["claims"]]
    event["corrections"] = [_row_dict(row, skip=("client", "anchor")) for row in correction_rows]
    return event


def get_article(engine: Engine, article_id: int) -> Optional[dict]:
    """An article with its clean text, resolved places and, per ledger event, the spans it came from."""
    with engine.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        if row is None:
            return None
        article = _row_dict(row, skip=("raw", "raw_hash", "text_hash"))
        article["places"] = [_row_dict(mention) for mention in conn.execute(
            select(place_mentions.c.text, place_mentions.c.start, place_mentions.c.end,
                   place_mentions.c.geo_precision, places)
            .join(places, places.c.geonameid == place_mentions.c.geonameid, isouter=True)
            .where(place_mentions.c.article_id == article_id).order_by(place_mentions.c.start))]
        report_rows = conn.execute(
            select(reports.c.id, reports.c.event_id, reports.c.data, events.c.event_type, events.c.sub_event_type,
                   events.c.event_date, events.c.location, events.c.hidden)
            .join(events, events.c.id == reports.c.event_id)
            .where(reports.c.article_id == article_id).order_by(reports.c.id)).all()
        claim_rows = conn.execute(select(claims).where(claims.c.article_id == article_id)
                                  .order_by(claims.c.start)).all()
    claims_by_report: dict[int, list[dict]] = {}
    for claim in claim_rows:
        claims_by_report.setdefault(claim.report_id, []).append(_row_dict(claim))
    article["events"] = [{
        "event_id": report.event_id, "event_type": report.event_type, "sub_event_type": report.sub_event_type,
        "event_date": _json_ready(report.event_date), "location": report.location, "hidden": bool(report.hidden),
        "evidence": (report.data or {}).get("evidence", []), "claims": claims_by_report.get(report.id, []),
    } for report in report_rows]
    return article


def search_places(engine: Engine, q: str, limit: int = 20) -> list[dict]:
    """Places in the ledger whose name starts with `q` (case-insensitive), most events first."""
    q = (q or "").strip()
    if not q:
        raise InputError("q", "give a place name (or its beginning) to search for")
    pattern = f"{_escape_like(q.lower())}%"
    n_events = (select(func.count()).select_from(events)
                .where(events.c.geonameid == places.c.geonameid, events.c.hidden.is_(False))
                .scalar_subquery().label("n_events"))
    query = (select(places, n_events).where(func.lower(places.c.name).like(pattern, escape="\\"))
             .order_by(n_events.desc(), places.c.population.desc().nulls_last(), places.c.name).limit(limit))
    with engine.connect() as conn:
        return [_row_dict(row) for row in conn.execute(query)]


def get_place(engine: Engine, geonameid: int) -> Optional[dict]:
    with engine.connect() as conn:
        row = conn.execute(select(places).where(places.c.geonameid == geonameid)).first()
    return _row_dict(row) if row else None


def ledger_counts(engine: Engine) -> dict[str, int]:
    """Row counts of the main tables (summaries, health checks, tests)."""
    with engine.connect() as conn:
        return {
            "articles": conn.execute(select(func.count()).select_from(articles).where(articles.c.status == "ok")).scalar_one(),
            "failed": conn.execute(select(func.count()).select_from(articles).where(articles.c.status == "failed")).scalar_one(),
            "events": conn.execute(select(func.count()).select_from(events).where(events.c.hidden.is_(False))).scalar_one(),
            "reports": conn.execute(select(func.count()).select_from(reports)).scalar_one(),
            "claims": conn.execute(select(func.count()).select_from(claims)).scalar_one(),
            "pending_corrections": conn.execute(select(func.count()).select_from(corrections)
                                                .where(corrections.c.status == "pending")).scalar_one(),
        }


def correction_history_of(engine: Engine, correction_id: int) -> list[dict]:
    with engine.connect() as conn:
        return [_row_dict(row) for row in conn.execute(
            select(correction_history).where(correction_history.c.correction_id == correction_id)
            .order_by(correction_history.c.id))]
