"""A real ledger for the API tests: the sample article (and a few war articles) read through the whole
pipeline by `frontwatch ingest`, once per session; each test gets its own copy because corrections
change it."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from frontwatch.cli import main as frontwatch
from frontwatch.config import shared_dir

SAMPLES = shared_dir() / "samples"
# Three war articles on the Kharkiv counter-offensive of September 2022, like the sample: more than one
# article, outlet and date, so filters and pagination have something to tell apart.
WAR_ARTICLES = [shared_dir() / "corpus" / "war-articles" / name for name in (
    "20220916T013000Z_GB_en_70e7570205.txt", "20220918T083000Z_GB_en_2944433030.txt",
    "20220929T164500Z_GB_en_b765b89e03.txt")]


@pytest.fixture(scope="session")
def ingested_ledger(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api-ledger") / "ledger.sqlite"
    assert frontwatch(["ingest", str(SAMPLES), *map(str, WAR_ARTICLES), "--db", str(path)]) == 0
    return path


@pytest.fixture
def ledger_url(ingested_ledger, tmp_path) -> str:
    from frontwatch.store import close_engine

    copy = tmp_path / "ledger.sqlite"
    with sqlite3.connect(ingested_ledger) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    url = f"sqlite:///{copy}"
    yield url
    close_engine(url)


@pytest.fixture(scope="session")
def postgres_ledger_template(postgres_server) -> str:
    """The same articles ingested once into a PostgreSQL database that each test clones."""
    from frontwatch.store import close_engine

    name = "api_ledger_template"
    postgres_server.execute(f"CREATE DATABASE {name} TEMPLATE frontwatch_template")
    url = postgres_server.url(name)
    assert frontwatch(["ingest", str(SAMPLES), *map(str, WAR_ARTICLES), "--db", url]) == 0
    close_engine(url)  # a template must have no open connections to be cloned
    return name


@pytest.fixture
def postgres_ledger_url(postgres_server, postgres_ledger_template):
    with postgres_server.clone(postgres_ledger_template) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def api_db(request):
    """The ledger URL on both backends: SQLite and PostgreSQL + PostGIS (the shared throwaway server),
    each a fresh copy of the same ingested articles."""
    return request.getfixturevalue("ledger_url" if request.param == "sqlite" else "postgres_ledger_url")


@pytest.fixture
def client_for():
    """TestClient factory: client_for(url, **create_app options)."""
    from fastapi.testclient import TestClient

    from frontwatch.api.app import create_app

    clients = []

    def make(url: str, **options) -> TestClient:
        client = TestClient(create_app(url, **options))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(ledger_url, client_for):
    """The API over SQLite: for behaviour that does not depend on the backend (validation, errors)."""
    return client_for(ledger_url)


@pytest.fixture
def any_client(api_db, client_for):
    """The API over each backend: for what the backends do differently (bbox, full text, writes)."""
    return client_for(api_db)


def _token(client) -> str:
    from frontwatch.store.tokens import create_token

    return create_token(client.app.state.engine, "test moderator")


@pytest.fixture
def token(client) -> str:
    return _token(client)


@pytest.fixture
def any_token(any_client) -> str:
    return _token(any_client)
