"""Writing to the ledger: one extraction result (article, places, events) or one failure at a time.

Duplicates are recognised twice: before the pipeline runs (same normalised URL, or same normalised input
text / HTML: `is_known`) and after cleaning (same normalised clean text: `record_result` returns
"duplicate"). The caller commits per batch, so a crash loses at most the batch in flight and a re-run
skips everything already committed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict
from typing import Optional

from sqlalchemy import Connection, Engine, bindparam, delete, or_, select, text

from frontwatch.ingest.ids import normalise_text, normalise_url
from frontwatch.model import ExtractionResult, RawDocument
from frontwatch.store.merge import attach_report, outlet_of
from frontwatch.store.schema import articles, claims, events, place_mentions, places, reports
from frontwatch.store.transaction import dialect_insert


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def raw_hash(raw: RawDocument) -> str:
    """Identity of an input before processing: its normalised text or HTML (its origin when unreadable)."""
    if raw.text is None and raw.html is None:
        return _sha256("unreadable:" + raw.origin)
    return _sha256(normalise_text(raw.text if raw.text is not None else raw.html))


def url_key(url: Optional[str]) -> Optional[str]:
    return normalise_url(url) if url else None


# Hot-path statements built once (rebuilding SQLAlchemy expressions per item cost more than the queries).
_KNOWN = (select(articles.c.id, articles.c.status, articles.c.error)
          .where(or_(articles.c.raw_hash == bindparam("raw_hash"), articles.c.url == bindparam("url")))
          .order_by(articles.c.id).limit(1))
_SAME = select(articles.c.id, articles.c.status, articles.c.text_hash, articles.c.raw_hash, articles.c.url).where(or_(
    articles.c.text_hash == bindparam("text_hash"), articles.c.raw_hash == bindparam("raw_hash"),
    articles.c.url == bindparam("url"), articles.c.raw_hash == bindparam("unreadable_hash")))
_INSERT_ARTICLE = articles.insert()
_UPDATE_ARTICLE = articles.update().where(articles.c.id == bindparam("row_id"))


def is_known(conn: Connection, raw: RawDocument) -> Optional[dict]:
    """The stored article this input duplicates (same URL or same input text), or None."""
    row = conn.execute(_KNOWN, {"raw_hash": raw_hash(raw), "url": url_key(raw.url)}).first()
    return dict(row._mapping) if row is not None else None


_URL_STORED = select(articles.c.id).where(articles.c.url == bindparam("url")).limit(1)


def url_stored(engine: Engine, url: str) -> bool:
    """Whether the ledger has an input from this URL (ingested, duplicate or failed: --retry-failed retries those)."""
    with engine.connect() as conn:
        return conn.execute(_URL_STORED, {"url": url_key(url)}).first() is not None


def _raw_json(raw: RawDocument) -> dict:
    data = asdict(raw)
    data["published"] = raw.published.isoformat() if raw.published else None
    return data


def raw_from_json(data: dict) -> RawDocument:
    data = dict(data)
    data["published"] = dt.date.fromisoformat(data["published"]) if data.get("published") else None
    return RawDocument(**data)


def record_failure(conn: Connection, raw: RawDocument, error: str, now: dt.datetime) -> int:
    """Keep a failed input with its reason (and the input itself, for --retry-failed)."""
    values = {"external_id": raw.id, "origin": raw.origin, "url": url_key(raw.url), "source": raw.source,
              "published": raw.published, "raw_hash": raw_hash(raw), "raw": _raw_json(raw), "status": "failed",
              "error": error, "ingested_at": now}
    row = conn.execute(select(articles.c.id).where(articles.c.raw_hash == values["raw_hash"])).first()
    if row is not None:
        conn.execute(_UPDATE_ARTICLE, {**values, "row_id": row.id})
        return row.id
    return conn.execute(_INSERT_ARTICLE, values).inserted_primary_key[0]


def record_result(conn: Connection, raw: RawDocument, result: ExtractionResult, now: dt.datetime) -> tuple[str, int]:
    """Store an extraction result: ("ingested", article_id) or ("duplicate", id of the article it repeats)."""
    article = result.article
    text_hash = _sha256(normalise_text(article.text))
    url = url_key(article.url or raw.url)
    keys = {"text_hash": text_hash, "raw_hash": raw_hash(raw), "url": url,
            # an input that could not even be read last time was kept under its origin
            "unreadable_hash": raw_hash(RawDocument(id=raw.id, origin=raw.origin))}
    matches = conn.execute(_SAME, keys).all()
    duplicate = next((row for row in matches if row.text_hash == text_hash), None)
    if duplicate is not None:
        return "duplicate", duplicate.id
    ok = next((row for row in matches if row.status == "ok"), None)
    if ok is not None:  # same URL or input text as an article already in the ledger
        return "duplicate", ok.id
    data = result.as_json()
    values = {
        "external_id": raw.id, "origin": raw.origin, "url": url, "source": article.source or raw.source,
        "title": article.title, "published": article.published, "published_inferred": article.published_inferred,
        "language": article.language, "text": article.text, "removed": data["article"]["removed"],
        "warnings": data["warnings"], "raw_hash": keys["raw_hash"], "text_hash": text_hash, "raw": _raw_json(raw),
        "status": "ok", "error": None, "ingested_at": now, "extracted_at": now,
    }
    previous = min((row.id for row in matches), default=None)  # a failed attempt that now succeeds
    if previous is not None:
        conn.execute(_UPDATE_ARTICLE, {**values, "row_id": previous})
        article_id = previous
    else:
        article_id = conn.execute(_INSERT_ARTICLE, values).inserted_primary_key[0]
    store_derived(conn, article_id, data, outlet_of(values["source"], url), now)
    return "ingested", article_id


def store_derived(conn: Connection, article_id: int, data: dict, outlet: Optional[str], now: dt.datetime,
                  reuse_ids: Optional[dict] = None) -> None:
    """Places and events of one article (its extraction JSON) into the ledger (reuse_ids: see attach_report)."""
    _upsert_places(conn, data["places"])
    mentions = [{"article_id": article_id, "geonameid": place.get("geonameid"), "text": place["text"],
                 "start": place["start"], "end": place["end"], "geo_precision": place.get("geo_precision"),
                 "score": place.get("score")} for place in data["places"]]
    if mentions:
        conn.execute(place_mentions.insert(), mentions)
    for event in data["events"]:
        attach_report(conn, event, article_id, outlet, now, reuse_ids)


def _upsert_places(conn: Connection, place_dicts: list[dict]) -> None:
    rows = {place["geonameid"]: {
        "geonameid": place["geonameid"], "name": place.get("name"), "latitude": place.get("latitude"),
        "longitude": place.get("longitude"), "feature_class": place.get("feature_class"),
        "feature_code": place.get("feature_code"), "country_code": place.get("country_code"),
        "admin1": place.get("admin1"), "admin2": place.get("admin2"), "population": place.get("population"),
    } for place in place_dicts if place.get("geonameid") is not None}
    if rows:
        # GeoNames records do not change between articles: the first copy stays.
        conn.execute(dialect_insert(conn)(places).on_conflict_do_nothing(index_elements=["geonameid"]),
                     list(rows.values()))


def clear_derived(conn: Connection) -> dict:
    """Remove every event, report, claim and place mention (re-extraction rebuilds them); corrections stay.

    Returns (article id, extracted event id) -> ledger event id of every report, for attach_report to reuse.
    """
    previous_ids = {(row.article_id, row.article_event_id): row.event_id for row in conn.execute(
        select(reports.c.article_id, reports.c.article_event_id, reports.c.event_id).order_by(reports.c.id))}
    for table in (claims, reports, place_mentions, events):
        conn.execute(delete(table))
    return previous_ids


def sync_id_sequences(conn: Connection) -> None:
    """PostgreSQL: after rows were inserted with explicit ids, move the id sequence past them."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT setval(pg_get_serial_sequence('events', 'id'), "
                          "GREATEST((SELECT max(id) FROM events), 1))"))
