"""Opening the ledger: an SQLAlchemy engine for the configured URL, migrated to the newest schema."""
from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from frontwatch import config
from frontwatch.errors import FrontwatchError, SetupError
from frontwatch.store.migrations import migrate
from frontwatch.store.transaction import sqlite_begin

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def normalise_url(url: str | None) -> str:
    """`--db` / FRONTWATCH_DB accept an SQLAlchemy URL or a file path; PostgreSQL always uses psycopg 3."""
    if not url:
        return config.database_url()
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def open_engine(url: str | None = None, create: bool = True) -> Engine:
    """The engine for the ledger at `url` (default: config.database_url()), created and migrated once.

    create=False: an SQLite file that does not exist is an error (commands that only read or rework a
    ledger, so a mistyped --db is reported instead of answered from a new, empty ledger)."""
    url = normalise_url(url)
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create(url, create)
            try:
                migrate(engine)
            except DBAPIError as exc:  # not a database, unreachable server, no permission, ...
                engine.dispose()
                raise FrontwatchError(f"cannot open the ledger {_safe(url)}: {str(exc.orig).splitlines()[0]}") from exc
            _engines[url] = engine
    return engine


def close_engine(url: str | None = None) -> None:
    """Dispose of a cached engine (tests, and before a process forks)."""
    url = normalise_url(url)
    with _lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()


def _create(url: str, create: bool) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise FrontwatchError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            if not create and not Path(parsed.database).is_file():
                raise FrontwatchError(f"no ledger at {parsed.database} (create one with `frontwatch ingest SOURCE --db ...`)")
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", sqlite_begin)
        return engine
    if backend == "postgresql":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    raise SetupError(f"unsupported database {backend!r} in {_safe(url)}: use sqlite:/// or postgresql://")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL: readers (the API, the map) never block the ingest writer. synchronous=NORMAL in WAL mode keeps
    # every commit through a process crash (kill -9); only a power cut may lose the last few.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.close()
    dbapi_connection.isolation_level = None  # SQLAlchemy's begin event emits BEGIN itself (transaction.sqlite_begin)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
