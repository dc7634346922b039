"""Shared fixtures: a throwaway PostgreSQL + PostGIS server, ledger URLs on both backends, the pipeline.

The PostgreSQL server is real (Debian's postgresql-15 + postgis, installed by scripts/install-system.sh):
initdb into a temporary directory owned by `postgres`, listening on 127.0.0.1 at a free port, a template
database migrated once, and a fresh database per test cloned from it. It is stopped at the end.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("FRONTWATCH_PG_BIN", "/usr/lib/postgresql/15/bin"))
SHARED = Path(os.environ.get("FRONTWATCH_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a server binary as the `postgres` user (initdb refuses root)."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


class PostgresServer:
    def __init__(self, root: Path, port: int):
        self.root = root
        self.port = port
        self.data = root / "data"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    @contextlib.contextmanager
    def clone(self, template: str):
        """A throwaway database copied from `template` (its URL), dropped afterwards."""
        from frontwatch.store import close_engine

        name = "t_" + uuid.uuid4().hex[:12]
        self.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY file_copy")
        url = self.url(name)
        try:
            yield url
        finally:
            close_engine(url)
            self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def postgres_server():
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL 15 is not installed ({PG_BIN}/initdb missing): run scripts/install-system.sh")
    root = Path(tempfile.mkdtemp(prefix="frontwatch-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    server = PostgresServer(root, _free_port())
    _as_postgres([str(PG_BIN / "initdb"), "-D", str(server.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--no-sync"])
    # Durability off: a test server that is thrown away needs speed, not crash safety.
    options = (f"-c listen_addresses=127.0.0.1 -p {server.port} -k {root} -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off")
    _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(server.data), "-o", options, "-l", str(root / "server.log"),
                  "-w", "start"])
    try:
        from frontwatch.store import close_engine, open_engine

        server.execute("CREATE DATABASE frontwatch_template")
        template_url = server.url("frontwatch_template")
        open_engine(template_url)  # creates PostGIS + the schema once; clones get them for free
        close_engine(template_url)
        yield server
    finally:
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(server.data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, migrated PostgreSQL database for one test."""
    with postgres_server.clone("frontwatch_template") as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path):
    from frontwatch.store import close_engine

    url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    yield url
    close_engine(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request):
    """The same test on both backends: an empty ledger URL for SQLite and for PostgreSQL + PostGIS."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture(scope="session")
def pipeline():
    """The real extraction pipeline (spaCy + gazetteer), loaded once per session (and shared with the
    in-process `frontwatch extract` / `ingest` / `reextract` commands that tests run)."""
    from frontwatch.pipeline import shared_pipeline

    return shared_pipeline()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED
