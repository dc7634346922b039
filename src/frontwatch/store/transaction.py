"""Write transactions that behave the same on SQLite and PostgreSQL."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import Connection, Engine


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write. On SQLite it takes the write lock at BEGIN (BEGIN IMMEDIATE), so two
    writers (ingest and a moderator, two migrations) queue on busy_timeout instead of both reading and
    then one failing at once with "database is locked" when each tries to upgrade its lock."""
    with engine.connect() as conn:
        conn.execution_options(frontwatch_write=True)
        with conn.begin():
            yield conn


def sqlite_begin(conn: Connection) -> None:
    """SQLAlchemy `begin` hook for SQLite: pysqlite itself would begin only before DML, leaving DDL
    (migrations) outside any transaction."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("frontwatch_write") else "BEGIN")


def dialect_insert(conn: Connection):
    """The backend's INSERT construct (both have ON CONFLICT DO NOTHING / DO UPDATE)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert
