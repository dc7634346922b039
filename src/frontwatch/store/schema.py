"""The ledger's tables: one SQLAlchemy 2 schema for SQLite and PostgreSQL (+ PostGIS).

Backend-specific search structures are created by `store.migrations` next to these tables:
SQLite gets an FTS5 index over `events.search_text` and an R*Tree over event coordinates;
PostgreSQL gets a generated PostGIS point with a GiST index and a generated tsvector with a GIN index.
Queries (store.queries) pick the right one; everything else is portable SQL.
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData,
                        String, Table, Text, UniqueConstraint)

metadata = MetaData()

# One row per input document. Failed inputs are kept (status "failed", error, raw) so they can be retried.
articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String(500)),  # the id the input gave (file name, JSONL id, CSV row)
    Column("origin", Text),  # where it was read from, for messages
    Column("url", Text, unique=True),
    Column("source", String(300)),  # outlet: site name or domain
    Column("title", Text),
    Column("published", Date),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("language", String(8)),
    Column("text", Text),  # clean main text; every span in the ledger indexes into it
    Column("removed", JSON),  # [{text, reason}] boilerplate taken out
    Column("warnings", JSON),  # [{code, message, start, end}]
    Column("raw_hash", String(64), unique=True),  # normalised input text/HTML: duplicate check before the pipeline
    Column("text_hash", String(64), unique=True),  # normalised clean text: duplicate check after cleaning
    Column("raw", JSON),  # the input as read, kept only while it has failed (for --retry-failed)
    Column("status", String(16), nullable=False),  # "ok" or "failed"
    Column("error", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("extracted_at", DateTime(timezone=True)),
)
Index("ix_articles_status", articles.c.status)
Index("ix_articles_published", articles.c.published)

# GeoNames records the ledger refers to (copied from extraction output, so the ledger stands alone).
places = Table(
    "places", metadata,
    Column("geonameid", Integer, primary_key=True, autoincrement=False),
    Column("name", String(300)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("feature_class", String(1)),
    Column("feature_code", String(10)),
    Column("country_code", String(2)),
    Column("admin1", String(200)),
    Column("admin2", String(200)),
    Column("population", Integer),
)
Index("ix_places_name", places.c.name)

# Every toponym occurrence in an article, resolved.
place_mentions = Table(
    "place_mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("geonameid", Integer, ForeignKey("places.geonameid")),
    Column("text", String(500), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("geo_precision", Integer),
    Column("score", Float),
)
Index("ix_place_mentions_article", place_mentions.c.article_id)
Index("ix_place_mentions_place", place_mentions.c.geonameid)

# The ledger: one row per real event, its fields derived from all reports of it (store.merge).
# ACLED's columns first, in ACLED's order, then ours.
events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id_cnty", String(40), unique=True),
    Column("event_date", Date),
    Column("year", Integer),
    Column("time_precision", Integer),
    Column("disorder_type", String(60)),
    Column("event_type", String(60), nullable=False),
    Column("sub_event_type", String(60), nullable=False),
    Column("actor1", String(300)),
    Column("assoc_actor_1", String(300)),
    Column("inter1", String(40)),
    Column("actor2", String(300)),
    Column("assoc_actor_2", String(300)),
    Column("inter2", String(40)),
    Column("interaction", String(100)),
    Column("civilian_targeting", String(40)),
    Column("iso", Integer),
    Column("region", String(60)),
    Column("country", String(100)),
    Column("admin1", String(200)),
    Column("admin2", String(200)),
    Column("admin3", String(200)),
    Column("location", String(300)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("source", Text),
    Column("source_scale", String(60)),
    Column("notes", Text),
    Column("fatalities", Integer, nullable=False, default=0),
    Column("tags", Text),
    Column("timestamp", Integer),  # unix time of the last change, as ACLED
    # ours
    Column("geonameid", Integer),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("side1", String(20)),
    Column("side2", String(20)),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("territory_from", String(20)),
    Column("territory_to", String(20)),
    Column("confidence", Float),
    Column("n_sources", Integer, nullable=False, default=0),  # distinct outlets
    Column("n_reports", Integer, nullable=False, default=0),  # article reports merged in
    Column("sources", JSON),  # sorted distinct outlets
    Column("hidden", Boolean, nullable=False, default=False),  # an accepted "not an event" correction
    Column("corrected", Boolean, nullable=False, default=False),
    Column("search_text", Text),  # what q= searches: notes, actors, place, type, outlets, claim quotes
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_events_date", events.c.event_date)
Index("ix_events_type", events.c.event_type, events.c.sub_event_type)
Index("ix_events_admin1", events.c.admin1)
Index("ix_events_geonameid", events.c.geonameid)
Index("ix_events_lat_lon", events.c.latitude, events.c.longitude)
Index("ix_events_match", events.c.event_type, events.c.date_start)  # merge candidates (store.merge)

# One article's account of an event: what the pipeline extracted from that article, unchanged.
reports = Table(
    "reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("article_event_id", String(200)),  # the pipeline's event_id within the article
    Column("outlet", String(300)),
    Column("event_date", Date),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("time_precision", Integer),
    Column("event_type", String(60), nullable=False),
    Column("sub_event_type", String(60), nullable=False),
    Column("geonameid", Integer),
    Column("location", String(300)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("side1", String(20)),
    Column("side2", String(20)),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("confidence", Float),
    Column("data", JSON, nullable=False),  # the full event as extracted (output contract)
)
Index("ix_reports_event", reports.c.event_id)
Index("ix_reports_article", reports.c.article_id)

# Who says what about an event, with the exact span in the article.
claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("claimant", String(300)),
    Column("claimant_role", String(300)),
    Column("claimant_side", String(20)),
    Column("quote", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("hedges", JSON),
    Column("reported_date", Date),
)
Index("ix_claims_event", claims.c.event_id)
Index("ix_claims_report", claims.c.report_id)

# Reader reports of mistakes. `anchor` pins the target to article spans so that the fix finds its
# event again after re-extraction re-derives the ledger (store.corrections).
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True),
    Column("status", String(16), nullable=False),  # pending / accepted / rejected
    Column("selection", Text, nullable=False),
    Column("context", Text),
    Column("comment", Text),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="SET NULL")),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="SET NULL")),
    Column("fix", JSON),
    Column("anchor", JSON),
    Column("client", String(64)),  # hashed client key (rate limiting), never the raw address
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("reviewed_at", DateTime(timezone=True)),
    Column("reviewed_by", String(200)),
    Column("review_note", Text),
)
Index("ix_corrections_status", corrections.c.status)
Index("ix_corrections_event", corrections.c.event_id)

# Audit trail: every change a correction made to the ledger.
correction_history = Table(
    "correction_history", metadata,
    Column("id", Integer, primary_key=True),
    Column("correction_id", Integer, ForeignKey("corrections.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", Integer),
    Column("action", String(40), nullable=False),  # submitted / accepted / rejected / reapplied
    Column("actor", String(200)),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
)
Index("ix_correction_history_correction", correction_history.c.correction_id)

# Moderator tokens: only a SHA-256 of the token is stored.
api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)

# Fixed-window counters for public endpoints (one row per client and window).
rate_limits = Table(
    "rate_limits", metadata,
    Column("client", String(64), primary_key=True),
    Column("scope", String(40), primary_key=True),
    Column("window_start", Integer, primary_key=True),
    Column("count", Integer, nullable=False),
)

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("version"),
)
