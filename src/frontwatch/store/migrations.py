"""Schema versions: a `schema_version` table and ordered migration steps.

Step 1 creates the tables as store.schema defines them now, so a new database runs every step on
tables that are already the newest: each step must therefore be idempotent (IF NOT EXISTS, checks).
To change the schema: edit store.schema, then append a step that brings an existing database there.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Connection, inspect, select, text

from frontwatch.errors import SetupError
from frontwatch.store.schema import metadata, schema_version
from frontwatch.store.transaction import writing

# SQLite: FTS5 over events.search_text (external content, kept in step by triggers) and an R*Tree over
# event points, so that q= and bbox= do not scan the table.
_SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(search_text, content='events', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS events_fts_insert AFTER INSERT ON events BEGIN "
    "INSERT INTO events_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS events_fts_delete AFTER DELETE ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS events_fts_update AFTER UPDATE OF search_text ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO events_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE VIRTUAL TABLE IF NOT EXISTS events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat)",
    "CREATE TRIGGER IF NOT EXISTS events_rtree_insert AFTER INSERT ON events "
    "WHEN new.latitude IS NOT NULL AND new.longitude IS NOT NULL BEGIN "
    "INSERT INTO events_rtree VALUES (new.id, new.longitude, new.longitude, new.latitude, new.latitude); END",
    "CREATE TRIGGER IF NOT EXISTS events_rtree_delete AFTER DELETE ON events BEGIN "
    "DELETE FROM events_rtree WHERE id = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS events_rtree_update AFTER UPDATE OF latitude, longitude ON events BEGIN "
    "DELETE FROM events_rtree WHERE id = old.id; "
    "INSERT INTO events_rtree SELECT new.id, new.longitude, new.longitude, new.latitude, new.latitude "
    "WHERE new.latitude IS NOT NULL AND new.longitude IS NOT NULL; END",
]

# PostgreSQL: a generated PostGIS point (GiST) and a generated tsvector (GIN); both follow the row.
_POSTGRES_SEARCH = [
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326) GENERATED ALWAYS AS "
    "(CASE WHEN longitude IS NULL OR latitude IS NULL THEN NULL "
    "ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) END) STORED",
    "CREATE INDEX IF NOT EXISTS ix_events_geom ON events USING GIST (geom)",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS search_tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(search_text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS ix_events_search_tsv ON events USING GIN (search_tsv)",
]


def _search_structures(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        statements = _SQLITE_SEARCH
    elif conn.dialect.name == "postgresql":
        try:
            with conn.begin_nested():
                conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
        except Exception as exc:  # the server lacks PostGIS: say what to install
            raise SetupError(f"PostgreSQL ledger needs the PostGIS extension (apt-get install postgis): {exc}") from exc
        statements = _POSTGRES_SEARCH
    else:
        raise SetupError(f"unsupported database backend {conn.dialect.name!r}: use SQLite or PostgreSQL")
    for statement in statements:
        conn.execute(text(statement))


def _merge_candidate_index(conn: Connection) -> None:
    # Merging looks up events by type and date, not reports: index what store.merge.find_match reads.
    conn.execute(text("DROP INDEX IF EXISTS ix_reports_match"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_match ON events (event_type, date_start)"))


# Ordered steps; step N brings a database from version N-1 to N.
STEPS: list[Callable[[Connection], None]] = [
    lambda conn: (metadata.create_all(conn), _search_structures(conn)),
    _merge_candidate_index,
]
LATEST = len(STEPS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(select(schema_version.c.version).order_by(schema_version.c.version.desc())).scalar() or 0


def migrate(engine) -> int:
    """Bring the database to the newest schema; returns the version it is at."""
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            # One migrator at a time (several workers may open the ledger at once).
            conn.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
        version = current_version(conn)
        if version > LATEST:
            raise SetupError(f"the ledger is at schema version {version}, newer than this frontwatch ({LATEST})")
        for number in range(version + 1, LATEST + 1):
            STEPS[number - 1](conn)
            _stamp(conn, [number])
    return LATEST


def _stamp(conn: Connection, numbers) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    conn.execute(schema_version.insert(), [{"version": n, "applied_at": now} for n in numbers])
