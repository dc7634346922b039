"""Control statements read from the ledger (articles, resolved place mentions, reports, claims).

The ledger keeps each article's clean text and resolved places, so control statements are re-read from
the text with the same rules as in the pipeline, without running NLP again. The sentence dates that the
pipeline found are not stored; the dates of the events extracted from a sentence stand in for them.
Statements are cached (in the process and on disk) and re-read when the ledger or the rules change.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import os
import pickle
import threading
from collections import defaultdict
from pathlib import Path

from sqlalchemy import Engine, func, select

from frontwatch.config import data_dir
from frontwatch.control.statements import ControlStatement, find_statements, mentions_control
from frontwatch.model import Article, Claim, DateMention, Event, ExtractionResult, Place, Span, Territory
from frontwatch.store.schema import articles, claims, place_mentions, places, reports

_cache: dict[str, tuple[tuple, list[ControlStatement]]] = {}
_lock = threading.Lock()


def ledger_statements(engine: Engine) -> list[ControlStatement]:
    """Every control statement in the ledger, cached in memory and on disk (data_dir()/cache/control) until
    the ledger's articles or reports, or the rules that read statements, change."""
    key = str(engine.url)
    with engine.connect() as conn:
        version = (tuple(conn.execute(select(func.count(), func.max(articles.c.id), func.max(articles.c.extracted_at))
                                      .select_from(articles)).one()),
                   tuple(conn.execute(select(func.count(), func.max(reports.c.id)).select_from(reports)).one()),
                   _rules_version())
    with _lock:
        cached = _cache.get(key)
        if cached and cached[0] == version:
            return cached[1]
    statements = _from_disk(key, version)
    if statements is None:
        statements = [statement for result in ledger_results(engine) for statement in find_statements(result)]
        _to_disk(key, version, statements)
    with _lock:
        _cache[key] = (version, statements)
    return statements


@functools.lru_cache(maxsize=1)
def _rules_version() -> str:
    digest = hashlib.sha256()
    for name in ("statements.py", "sides.py", "riverbanks.py", "settlements.py", "statuses.py", "ledger.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


def _disk_path(key: str) -> Path:
    return data_dir() / "cache" / "control" / f"statements-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"


def _from_disk(key: str, version: tuple):
    path = _disk_path(key)
    try:
        with path.open("rb") as handle:
            stored_version, statements = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
        return None  # no cache yet, or one written by other code: read the ledger
    return statements if stored_version == version else None


def _to_disk(key: str, version: tuple, statements: list[ControlStatement]) -> None:
    path = _disk_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump((version, statements), handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        pass  # a read-only data directory only costs speed


def ledger_results(engine: Engine):
    """ExtractionResult-shaped records for the ledger's articles that use a control word at all."""
    with engine.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.url, articles.c.source, articles.c.title,
                                   articles.c.published, articles.c.language, articles.c.text)
                            .where(articles.c.status == "ok", articles.c.text.is_not(None))).all()
        rows = [row for row in rows if mentions_control(row.text)]
        ids = [row.id for row in rows]
        mentions, report_data, claim_rows = defaultdict(list), defaultdict(list), defaultdict(list)
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            for mention in conn.execute(
                    select(place_mentions.c.article_id, place_mentions.c.text, place_mentions.c.start,
                           place_mentions.c.end, place_mentions.c.geo_precision, places)
                    .join(places, places.c.geonameid == place_mentions.c.geonameid)
                    .where(place_mentions.c.article_id.in_(chunk))):
                mentions[mention.article_id].append(mention)
            for report in conn.execute(select(reports.c.article_id, reports.c.data).where(reports.c.article_id.in_(chunk))):
                report_data[report.article_id].append(report.data or {})
            for claim in conn.execute(select(claims).where(claims.c.article_id.in_(chunk))):
                claim_rows[claim.article_id].append(claim)
    for row in rows:
        # An undated article is at least as late as the last day its events happened: sentences without a
        # date of their own take that day, as they would take the publication date.
        event_days = [day for data in report_data[row.id] if (day := _day(data.get("event_date")))]
        published = row.published or (max(event_days) if event_days else None)
        article = Article(row.url, row.source, row.title, published, row.language, row.text,
                          published_inferred=row.published is None)
        events = [_event(data) for data in report_data[row.id]]
        yield ExtractionResult(
            str(row.id), article,
            places=[_place(m) for m in mentions[row.id]],
            events=[event for event in events if event is not None],
            dates=[date for data in report_data[row.id] for date in _event_dates(data)],
            claims=[Claim(c.claimant, c.claimant_role, c.claimant_side, c.quote, c.start, c.end, c.hedges or [],
                          c.reported_date) for c in claim_rows[row.id]])


def _place(mention) -> Place:
    return Place(mention.text, mention.start, mention.end, mention.geonameid, mention.name, mention.latitude,
                 mention.longitude, mention.feature_code, mention.country_code, mention.admin1,
                 feature_class=mention.feature_class, admin2=mention.admin2, population=mention.population,
                 geo_precision=mention.geo_precision or 1)


def _day(value):
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return None


def _event_dates(data: dict) -> list[DateMention]:
    """The day the event stage gave a sentence, as a date mention over its evidence spans."""
    day = _day(data.get("event_date"))
    if day is None or data.get("time_precision") != 1:
        return []
    return [DateMention("", span["start"], span["end"], day, day, 1, 1, "absolute")
            for span in data.get("evidence") or [] if "start" in span and "end" in span]


_EVENT_FIELDS = {f.name for f in dataclasses.fields(Event)}


def _event(data: dict) -> Event | None:
    """A territorial event from a report's stored output; other events do not matter to control."""
    territory = data.get("territory")
    if not territory:
        return None
    values = {name: data.get(name) for name in _EVENT_FIELDS}
    values.update(event_date=_day(data.get("event_date")), date_start=_day(data.get("date_start")),
                  date_end=_day(data.get("date_end")), quantities=[], geo_precision=data.get("geo_precision") or 1,
                  time_precision=data.get("time_precision") or 1, fatalities=data.get("fatalities") or 0,
                  territory=Territory(territory.get("from"), territory.get("to")),
                  evidence=[Span(span["start"], span["end"]) for span in data.get("evidence") or []],
                  claims=[Claim(c.get("claimant"), c.get("claimant_role"), c.get("claimant_side"), c.get("quote", ""),
                                c.get("start", 0), c.get("end", 0), c.get("hedges") or []) for c in data.get("claims") or []],
                  confidence=data.get("confidence") or 0.5)
    return Event(**values)
